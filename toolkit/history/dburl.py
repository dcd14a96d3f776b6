"""Database server addresses (PostgreSQL URLs): recognising them and keeping their passwords out of sight.

A history lives either in a SQLite file (a path) or on a PostgreSQL server, named by a URL such as
``postgresql://user:password@host:5432/nplan``. The password must never reach the screen, a log, the status
workbook or an exception message:

- a configured URL is shown through ``display_url`` (``postgresql://user:****@host:5432/nplan``);
- free text that may hold URLs (a driver's error, a log line) goes through ``mask_url``, or ``redact`` when
  the URL the text is about is known;
- a URL is checked with ``check_server_url`` before it is given to the driver.

Why the check: the driver (libpq) quotes what it could not parse, so a password that was not percent-encoded
shows up in its error message. Measured with psycopg 3.3.9 (libpq 18 in the binary wheel): a raw ``@`` in the
password gives "failed to resolve host 'rest-of-password@host'", a bad ``%`` escape gives 'invalid
percent-encoded token: "password"', a space gives 'unexpected spaces found in "password"'. A well-formed
URL's connection errors (wrong password, server down, unknown host) name host, port and user but not the
password. The exception's ``pgconn`` attribute, however, holds the password (and its repr shows it): it must
never be logged or shown.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from toolkit.core.errors import InputError

MASK = "****"

_SERVER_URL = re.compile(r"^\s*postgres(?:ql)?://", re.IGNORECASE)
# Masking also covers other spellings of the scheme ("postgresql+psycopg://", "jdbc:postgresql://").
_URL_START = re.compile(r"postgres(?:ql)?(?:\+\w+)?://", re.IGNORECASE)
_CLOSERS = {"'": "'", '"': '"', "(": ")", "<": ">", "[": "]", "`": "`"}
_QUERY_SECRET = re.compile(r"(?i)([?&](?:ssl)?password=)[^&#]*")
# Keyword/value connection strings ("host=db password=secret"), also quoted values ('a b', with \' inside).
_KV_SECRET = re.compile(r"(?i)\b((?:ssl)?password\s*=\s*)('(?:[^'\\]|\\.)*'?|[^\s'\"]+)")
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def is_server_url(text: str) -> bool:
    """Does ``text`` name a database server (``postgresql://...`` or ``postgres://...``) rather than a file?"""
    return bool(_SERVER_URL.match(text))


def mask_url(text: str) -> str:
    """``text`` with the password of every PostgreSQL URL in it masked (``user:****@host``), and password
    query parameters (``?password=...``, ``&sslpassword=...``) and keyword/value settings (``password=...``)
    masked too. Text without such a password is returned unchanged.

    A URL ends at whitespace, or at the matching closing character when it follows a quote or bracket.
    Its user part ends at the URL's LAST ``@``, so a password with a raw ``@`` is masked whole (at worst an
    ``@`` in a query parameter hides the host as well: too much is masked, never too little).
    """
    out: list[str] = []
    pos = 0
    for match in _URL_START.finditer(text):
        start = match.start()
        if start < pos:
            continue  # inside the previous URL
        end = _url_end(text, start, _CLOSERS.get(text[start - 1]) if start > 0 else None)
        if "@" not in text[start:end]:
            # A quote in the password must not end the URL early: then it ends at whitespace.
            end = _url_end(text, start, None)
        out.append(_mask_kv(text[pos:start]))
        out.append(_mask_one(text[start:end], match.end() - start))
        pos = end
    out.append(_mask_kv(text[pos:]))
    return "".join(out)


def _url_end(text: str, start: int, closer: str | None) -> int:
    end = start
    while end < len(text) and not text[end].isspace() and text[end] != closer:
        end += 1
    return end


def display_url(url: str) -> str:
    """One URL (a ``--db`` value, a setting) as it may be shown: its password masked. Unlike ``mask_url``
    the whole string is taken as the URL, so a password with spaces or quotes in it is masked whole too."""
    match = _URL_START.search(url)
    return _mask_one(url, match.end()) if match else url


def _mask_one(url: str, after_scheme: int) -> str:
    at = url.rfind("@", after_scheme)
    if at >= 0:
        userinfo = url[after_scheme:at]
        user, colon, password = userinfo.partition(":")
        if colon and password:
            url = f"{url[:after_scheme]}{user}:{MASK}{url[at:]}"
    return _QUERY_SECRET.sub(lambda m: m.group(1) + MASK, url)


def _mask_kv(text: str) -> str:
    return _KV_SECRET.sub(lambda m: m.group(1) + MASK, text) if "password" in text.lower() else text


def check_server_url(url: str) -> None:
    """Raise InputError (with the URL masked) when the driver would misread ``url`` and quote a piece of
    its password in an error: a raw ``@`` or ``/`` in the user or password, a ``%`` that is not an escape,
    or whitespace. A URL that passes may still be wrong (host, port, password); the driver says so."""
    from toolkit.texts import dburl as tdb

    body = url.strip()
    match = _SERVER_URL.match(body)
    rest = body[match.end():] if match else body
    reason = None
    if any(ch.isspace() for ch in body):
        reason = tdb.URL_WHITESPACE
    elif _BAD_PERCENT.search(body):
        reason = tdb.URL_BAD_PERCENT
    else:
        # libpq reads the user part up to the first "@" before any "/"; the query may hold "@" of its own.
        authority_and_path = rest.split("?", 1)[0]
        ats = authority_and_path.count("@")
        slash = authority_and_path.find("/")
        if ats > 1 or (ats == 1 and 0 <= slash < authority_and_path.find("@")):
            reason = tdb.URL_RAW_SEPARATOR
    if reason is not None:
        raise InputError(tdb.URL_UNREADABLE.format(url=display_url(body), reason=reason))


def redact(text: str, *urls: str) -> str:
    """``mask_url(text)``, and also every occurrence of the passwords of ``urls`` replaced by the mask: for a
    driver's error message about a connection to ``urls``. Searched for are each password as written, its
    percent-decoded form, and its pieces between the characters the driver may split at (``@ / ? # :`` and
    whitespace); strings shorter than 4 characters are not searched for (replacing them would garble the text)."""
    text = mask_url(text)
    secrets: set[str] = set()
    for url in urls:
        for password in _passwords(url):
            secrets.add(password)
            secrets.update(re.split(r"[@/?#:\s]+", password))
    for secret in sorted(secrets, key=len, reverse=True):
        if len(secret) >= 4:
            text = text.replace(secret, MASK)
    return text


def _passwords(url: str) -> set[str]:
    found: set[str] = set()
    match = _SERVER_URL.match(url)
    if not match:
        return found
    rest = url[match.end():]
    at = rest.rfind("@")
    if at >= 0:
        _user, colon, password = rest[:at].partition(":")
        if colon and password:
            found.update({password, unquote(password)})
    for m in re.finditer(r"(?i)[?&](?:ssl)?password=([^&#]*)", rest):
        if m.group(1):
            found.update({m.group(1), unquote(m.group(1))})
    return found
