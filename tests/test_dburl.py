"""Server URLs: recognised, checked, and never shown with their password."""

from __future__ import annotations

import traceback
from urllib.parse import urlsplit, urlunsplit

import pytest
from pg import requires_postgres, server_url

from toolkit.core.errors import InputError, NplanError
from toolkit.history.dburl import MASK, check_server_url, display_url, is_server_url, mask_url, redact


@pytest.mark.parametrize("text", ["postgresql://u:p@h/db", "postgres://h/db", "  PostgreSQL://h/db",
                                  "postgresql:///nplan?host=/var/run/postgresql"])
def test_server_urls(text: str) -> None:
    assert is_server_url(text)


@pytest.mark.parametrize("text", ["history.sqlite", r"C:\nplan\history.sqlite", r"\\srv\share\history.sqlite",
                                  "/srv/postgresql://x", "postgresql+psycopg://u@h/db", "sqlite:///h.db", ""])
def test_not_server_urls(text: str) -> None:
    assert not is_server_url(text)


@pytest.mark.parametrize(("text", "masked"), [
    ("postgresql://anna:hemligt@db.region.se:5432/nplan", "postgresql://anna:****@db.region.se:5432/nplan"),
    ("postgres://anna:hemligt@db/nplan", "postgres://anna:****@db/nplan"),
    ("POSTGRESQL://anna:hemligt@db/nplan", "POSTGRESQL://anna:****@db/nplan"),
    ("postgresql://:hemligt@db/nplan", "postgresql://:****@db/nplan"),
    # a raw @ in the password: the whole password is masked
    ("postgresql://anna:hem@ligt@db/nplan", "postgresql://anna:****@db/nplan"),
    # query parameters
    ("postgresql://anna@db/nplan?sslmode=require&password=hemligt&connect_timeout=5",
     "postgresql://anna@db/nplan?sslmode=require&password=****&connect_timeout=5"),
    ("postgresql://db/nplan?password=hemligt", "postgresql://db/nplan?password=****"),
    ("postgresql://db/nplan?sslpassword=hemligt#x", "postgresql://db/nplan?sslpassword=****#x"),
    # other spellings of the scheme
    ("postgresql+psycopg://anna:hemligt@db/nplan", "postgresql+psycopg://anna:****@db/nplan"),
    ("jdbc:postgresql://anna:hemligt@db/nplan", "jdbc:postgresql://anna:****@db/nplan"),
    # keyword/value connection strings
    ("host=db user=anna password=hemligt dbname=nplan", "host=db user=anna password=**** dbname=nplan"),
    ("host=db password = 'hem ligt' dbname=nplan", "host=db password = **** dbname=nplan"),
    # nothing to mask
    ("postgresql://anna@db/nplan", "postgresql://anna@db/nplan"),
    ("postgresql://anna:@db/nplan", "postgresql://anna:@db/nplan"),
    ("postgresql://db:5432/nplan", "postgresql://db:5432/nplan"),
    ("C:\\nplan\\history.sqlite", "C:\\nplan\\history.sqlite"),
])
def test_mask_url(text: str, masked: str) -> None:
    assert mask_url(text) == masked
    assert mask_url(masked) == masked


def test_mask_url_inside_a_message() -> None:
    message = ("Fel: kunde inte ansluta till 'postgresql://anna:hemligt@db.region.se/nplan' (timeout); "
               'försök igen med "postgres://bo:topsecret@db2/x", eller (postgresql://c:p4ss@db3/y).')
    masked = mask_url(message)
    assert "hemligt" not in masked and "topsecret" not in masked and "p4ss" not in masked
    assert masked == ("Fel: kunde inte ansluta till 'postgresql://anna:****@db.region.se/nplan' (timeout); "
                      'försök igen med "postgres://bo:****@db2/x", eller (postgresql://c:****@db3/y).')


def test_mask_url_with_a_quote_in_the_password() -> None:
    # A quote in the password must not end the URL early and leave the first part of the password.
    masked = mask_url("anslutning till 'postgresql://anna:hem'ligt@db/nplan' misslyckades")
    assert "hem" not in masked and "ligt" not in masked
    assert MASK in masked


def test_mask_url_masks_too_much_rather_than_too_little() -> None:
    # An @ in a query parameter hides the host as well; the password is masked in any case.
    masked = mask_url("postgresql://anna:hemligt@db/nplan?application_name=a@b")
    assert "hemligt" not in masked


def test_check_server_url_accepts_well_formed_urls() -> None:
    for url in ["postgresql://anna:hem%40ligt@db.region.se:5432/nplan", "postgresql://db/nplan",
                "postgresql://anna@db/nplan?application_name=a@b", "postgresql://anna:a:b?c@db/nplan",
                "postgresql://anna:p%25x@[::1]:5432/nplan"]:
        check_server_url(url)


@pytest.mark.parametrize("url", ["postgresql://anna:hem@ligt@db/nplan", "postgresql://anna:hem/ligt@db/nplan",
                                 "postgresql://anna:hem%ligt@db/nplan", "postgresql://anna:hem ligt@db/nplan",
                                 "postgresql://anna@db/nplan?password=100%"])
def test_check_server_url_refuses_what_the_driver_would_quote(url: str) -> None:
    with pytest.raises(InputError) as info:
        check_server_url(url)
    message = str(info.value)
    assert isinstance(info.value, NplanError)
    assert "ligt" not in message and "100" not in message
    assert message.startswith("Databasadressen ")


def test_redact_removes_a_password_the_driver_quoted() -> None:
    url = "postgresql://anna:hem%40ligt@db/nplan"
    assert redact("failed: 'hem@ligt' and 'hem%40ligt'", url) == f"failed: '{MASK}' and '{MASK}'"
    assert redact("password=abc", "postgresql://a:abc@h/db") == f"password={MASK}"
    assert redact("no secret here", "postgresql://a:b@h/db") == "no secret here"  # too short to search for


# ---- against the test server: what does psycopg put in its exceptions? ----

def _with_password(url: str, password: str) -> str:
    parts = urlsplit(url)
    netloc = f"{parts.username}:{password}@{parts.hostname}:{parts.port}"
    return urlunsplit(parts._replace(netloc=netloc))


@requires_postgres
def test_a_failed_login_does_not_show_the_password() -> None:
    import psycopg

    url = _with_password(server_url(), "Fel-L0senord-4711")
    with pytest.raises(psycopg.OperationalError) as info:
        psycopg.connect(url, connect_timeout=10)
    exc = info.value
    shown = [str(exc), repr(exc), "".join(traceback.format_exception(exc)), *map(str, exc.args)]
    assert "password authentication failed" in str(exc)
    assert not any("Fel-L0senord-4711" in text for text in shown)
    # ... but the exception carries the connection, whose repr has the password: never show exc.pgconn.
    assert exc.pgconn is not None and "Fel-L0senord-4711" in repr(exc.pgconn)
    # A login failure has no SQLSTATE on the exception (libpq reports it as a connection failure).
    assert exc.sqlstate is None


@requires_postgres
def test_a_raw_at_sign_in_the_password_leaks_into_the_driver_error() -> None:
    import psycopg

    # Why check_server_url exists: libpq splits at the first @ and names the rest as the host.
    url = _with_password(server_url(), "Fel@L0senord4711")
    with pytest.raises(psycopg.OperationalError) as info:
        psycopg.connect(url, connect_timeout=10)
    assert "L0senord4711" in str(info.value)
    assert "L0senord4711" not in redact(str(info.value), url)
    with pytest.raises(InputError):
        check_server_url(url)


@requires_postgres
def test_the_masked_url_still_connects_to_the_right_place() -> None:
    import psycopg

    url = server_url()
    masked = mask_url(url)
    assert MASK in masked and urlsplit(masked).password == MASK
    assert urlsplit(masked)._replace(netloc="") == urlsplit(url)._replace(netloc="")
    check_server_url(url)
    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)


def test_display_url_masks_one_url_whole() -> None:
    assert display_url("postgresql://anna:hem ligt'x@db/nplan") == "postgresql://anna:****@db/nplan"
    assert display_url("postgresql://anna@db/nplan?password=a b") == "postgresql://anna@db/nplan?password=****"
    assert display_url("history.sqlite") == "history.sqlite"
