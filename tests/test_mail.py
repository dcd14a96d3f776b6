"""E-mail intake and drafts (toolkit.history.mail, .drafts): mails built in code, plus raw .eml for the nasty cases."""

from __future__ import annotations

import ast
import base64
import datetime as dt
import email
import email.policy
import io
import os
import re
import sys
import threading
import zipfile
from email.message import EmailMessage
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.core.errors import InputError, NplanError
from toolkit.history import drafts, mail
from toolkit.history.drafts import build_draft, reminder_text
from toolkit.history.mail import (
    XLSX_TYPE,
    Address,
    MailAttachment,
    MailError,
    contact_addresses,
    is_mail_name,
    is_workbook_attachment,
    read_mail,
    safe_file_name,
)
from toolkit.texts import mail as tm

SWEDISH_NAME = "Återrapport Film i Västerbotten.xlsx"
UTC = dt.UTC
CEST = dt.timezone(dt.timedelta(hours=2))


def xlsx_like(tag: bytes = b"") -> bytes:
    """A small zip shaped like an xlsx package (filecheck's job is to judge it; here it is just bytes)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", b"<workbook/>" + tag)
    return buf.getvalue()


def plain_mail(*, attachments: list[tuple[str | None, bytes, str]] = (), **headers: str) -> EmailMessage:
    msg = EmailMessage()
    defaults = {"From": "Anna Öberg <anna.oberg@film.example>", "To": "Inkorg RUN <inkorg@region.example>",
                "Subject": "Retur T2 Film i Västerbotten", "Date": "Mon, 31 Aug 2026 16:45:00 +0200",
                "Message-ID": "<retur-1@film.example>"}
    for key, value in {**defaults, **headers}.items():
        if value is not None:
            msg[key] = value
    msg.set_content("Hej, här kommer vår retur.\n")
    for name, data, ctype in attachments:
        maintype, subtype = ctype.split("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return msg


def raw(text: str) -> bytes:
    """A hand-written .eml: the text with CRLF line ends (as mail files are stored)."""
    return text.lstrip("\n").replace("\n", "\r\n").encode("utf-8")


def b64(data: bytes) -> str:
    return base64.encodebytes(data).decode("ascii")


def names(m: mail.Mail) -> list[str]:
    return [a.name for a in m.attachments]


# --------------------------------------------------------------------------------------------
# The plain case
# --------------------------------------------------------------------------------------------

def test_a_return_by_mail_is_read_with_sender_recipients_subject_date_and_attachment() -> None:
    data = xlsx_like(b"film")
    msg = plain_mail(attachments=[("retur-film.xlsx", data, XLSX_TYPE)],
                     To="Inkorg RUN <inkorg@region.example>, controller@region.example")
    m = read_mail(msg.as_bytes(), name="retur.eml")

    assert m.name == "retur.eml" and m.kind == "eml"
    assert m.sender == Address("Anna Öberg", "anna.oberg@film.example")
    assert m.to == (Address("Inkorg RUN", "inkorg@region.example"), Address("", "controller@region.example"))
    assert m.subject == "Retur T2 Film i Västerbotten"
    assert m.date == dt.datetime(2026, 8, 31, 16, 45, tzinfo=CEST)
    assert m.date.utcoffset() == dt.timedelta(hours=2)
    assert m.message_id == "<retur-1@film.example>"
    assert m.problems == ()
    [att] = m.attachments
    assert (att.name, att.original_name, att.content_type) == ("retur-film.xlsx", "retur-film.xlsx", XLSX_TYPE)
    assert att.content == data and att.size == len(data)
    assert att.problem == "" and att.forwarded is False
    assert att.sender == m.sender and att.date == m.date
    assert is_workbook_attachment(att)
    assert m.workbooks == (att,) and m.unreadable == ()


def test_a_mail_file_is_read_from_its_path_and_named_by_it(tmp_path: Path) -> None:
    path = tmp_path / "Retur från Film.eml"
    path.write_bytes(plain_mail(attachments=[("retur.xlsx", b"abc", XLSX_TYPE)]).as_bytes())
    m = read_mail(path)
    assert m.name == "Retur från Film.eml"
    assert names(m) == ["retur.xlsx"] and m.attachments[0].content == b"abc"
    assert read_mail(str(path), name="annat.eml").name == "annat.eml"


def test_a_mail_without_attachments_has_none() -> None:
    m = read_mail(plain_mail().as_bytes())
    assert m.attachments == () and m.workbooks == () and m.unreadable == ()
    assert m.subject == "Retur T2 Film i Västerbotten"


def test_html_body_and_inline_image_without_name_are_not_attachments_but_a_named_inline_part_is() -> None:
    msg = plain_mail()
    msg.add_alternative("<p>Hej</p>", subtype="html")
    html = msg.get_payload()[1]
    html.add_related(b"\x89PNG....", maintype="image", subtype="png", cid="<logo@x>")
    inline = EmailMessage()
    inline.set_content(xlsx_like(), maintype="application", subtype="octet-stream", disposition="inline",
                       filename="retur inline.xlsx")
    msg.make_mixed()
    msg.attach(inline)
    m = read_mail(msg.as_bytes())
    assert names(m) == ["retur inline.xlsx"]
    assert m.attachments[0].content == xlsx_like()


@pytest.mark.parametrize("name,ctype,expected", [
    ("retur.xlsx", "application/octet-stream", True),
    ("retur.XLSX", "application/octet-stream", True),
    ("retur.xlsm", "application/octet-stream", True),
    ("retur.xls", "application/vnd.ms-excel", True),
    ("retur.ods", "application/octet-stream", True),
    ("retur.csv", "text/csv", True),
    ("retur", XLSX_TYPE, True),
    ("retur.pdf", "application/pdf", False),
    ("returer.zip", "application/zip", False),
    ("bild.png", "image/png", False),
])
def test_is_workbook_attachment(name: str, ctype: str, expected: bool) -> None:
    assert is_workbook_attachment(MailAttachment(name, b"x", ctype)) is expected


def test_an_attachment_with_a_problem_is_never_a_workbook() -> None:
    assert not is_workbook_attachment(MailAttachment("retur.xlsx", b"x", XLSX_TYPE, problem="trasig"))


def test_is_mail_name() -> None:
    assert is_mail_name("a.eml") and is_mail_name("B.MSG") and is_mail_name(Path("x/y.Eml"))
    assert not is_mail_name("a.xlsx") and not is_mail_name("eml")


# --------------------------------------------------------------------------------------------
# Attachment names: encodings
# --------------------------------------------------------------------------------------------

RFC2231_UTF8 = """
From: anna@film.example
To: inkorg@region.example
Subject: =?utf-8?q?=C3=85terrapport?=
Date: Mon, 31 Aug 2026 10:00:00 +0200
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="gr"

--gr
Content-Type: text/plain; charset=utf-8

Hej
--gr
Content-Type: application/octet-stream
Content-Disposition: attachment; filename*=UTF-8''%C3%85terrapport%20Film%20i%20V%C3%A4sterbotten.xlsx
Content-Transfer-Encoding: base64

{data}
--gr--
"""

RFC2231_LATIN1_CONTINUED = """
From: anna@film.example
Subject: retur
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="gr"

--gr
Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
Content-Disposition: attachment;
 filename*0*=ISO-8859-1''%C5terrapport%20Film;
 filename*1=" i V";
 filename*2*=%E4sterbotten.xlsx
Content-Transfer-Encoding: base64

{data}
--gr--
"""

# What Outlook writes: RFC 2047 encoded words inside the quoted parameter (not standard, very common).
RFC2047_OUTLOOK = """
From: =?iso-8859-1?q?Anna_=D6berg?= <anna@film.example>
To: =?utf-8?b?SW5rb3JnIFLDlk4=?= <inkorg@region.example>
Subject: =?iso-8859-1?q?=C5terrapport_T2?=
Date: Mon, 31 Aug 2026 10:00:00 +0200
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="_004_"

--_004_
Content-Type: text/plain; charset="iso-8859-1"

Hej
--_004_
Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;
\tname="=?utf-8?B?w4V0ZXJyYXBwb3J0IEZpbG0gaSBWw6RzdGVyYm90dGVuLnhsc3g=?="
Content-Description: =?utf-8?B?w4V0ZXJyYXBwb3J0IEZpbG0gaSBWw6RzdGVyYm90dGVuLnhsc3g=?=
Content-Disposition: attachment;
\tfilename="=?utf-8?B?w4V0ZXJyYXBwb3J0IEZpbG0gaSBWw6RzdGVyYm90dGVuLnhsc3g=?="; size=4;
\tcreation-date="Mon, 31 Aug 2026 08:00:00 GMT"
Content-Transfer-Encoding: base64

{data}
--_004_--
"""

# Only the content type's name, split into two encoded words.
RFC2047_NAME_ONLY = """
From: anna@film.example
Subject: retur
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="gr"

--gr
Content-Type: application/octet-stream; name="=?utf-8?q?=C3=85terrapport_Film_i_V?= =?utf-8?q?=C3=A4sterbotten.xlsx?="
Content-Transfer-Encoding: base64

{data}
--gr--
"""


@pytest.mark.parametrize("template", [RFC2231_UTF8, RFC2231_LATIN1_CONTINUED, RFC2047_OUTLOOK, RFC2047_NAME_ONLY],
                         ids=["rfc2231-utf8", "rfc2231-latin1-continued", "rfc2047-outlook", "rfc2047-name-only"])
def test_encoded_swedish_attachment_names_are_decoded(template: str) -> None:
    data = xlsx_like(b"encoded")
    m = read_mail(raw(template.format(data=b64(data))))
    [att] = m.attachments
    assert att.name == SWEDISH_NAME and att.original_name == SWEDISH_NAME
    assert att.content == data
    assert is_workbook_attachment(att)


def test_outlook_headers_with_encoded_words_are_decoded() -> None:
    m = read_mail(raw(RFC2047_OUTLOOK.format(data=b64(b"data"))))
    assert m.sender == Address("Anna Öberg", "anna@film.example")
    assert m.to == (Address("Inkorg RÖN", "inkorg@region.example"),)
    assert m.subject == "Återrapport T2"


@pytest.mark.parametrize("encoded", ["Återrapport Film i Västerbotten.xlsx".encode(),
                                     "Återrapport Film i Västerbotten.xlsx".encode("cp1252")],
                         ids=["raw-utf8", "raw-cp1252"])
def test_raw_8bit_names_are_read_as_utf8_or_windows_1252(encoded: bytes) -> None:
    head = (b"From: anna@film.example\r\nSubject: r\r\nMIME-Version: 1.0\r\n"
            b'Content-Type: multipart/mixed; boundary="gr"\r\n\r\n--gr\r\n'
            b"Content-Type: application/octet-stream\r\n"
            b'Content-Disposition: attachment; filename="' + encoded + b'"\r\n'
            b"Content-Transfer-Encoding: base64\r\n\r\n" + b64(b"xyz").encode() + b"\r\n--gr--\r\n")
    [att] = read_mail(head).attachments
    assert att.name == SWEDISH_NAME and att.content == b"xyz"


def test_a_name_decomposed_as_macos_writes_it_is_stored_composed() -> None:
    decomposed = "A\u030aterrapport Film i Va\u0308sterbotten.xlsx"
    m = read_mail(plain_mail(attachments=[(decomposed, b"x", "application/octet-stream")]).as_bytes())
    assert m.attachments[0].name == SWEDISH_NAME
    assert m.attachments[0].original_name == decomposed


# --------------------------------------------------------------------------------------------
# Attachment names: safety, extensions, duplicates
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("given,expected", [
    ("retur.xlsx", "retur.xlsx"),
    ("../../etc/passwd.xlsx", "passwd.xlsx"),
    ("..\\..\\Windows\\retur.xlsx", "retur.xlsx"),
    ("C:\\Users\\anna\\Desktop\\retur.xlsx", "retur.xlsx"),
    ("/tmp/retur.xlsx", "retur.xlsx"),
    ('a<b>c:d"e|f?g*h.xlsx', "a_b_c_d_e_f_g_h.xlsx"),
    ("retur\x00\x07\ttab.xlsx", "retur___tab.xlsx"),
    ("retur.xlsx:Zone.Identifier", "retur.xlsx_Zone.Identifier"),
    ("  .dold retur.xlsx. . ", "dold retur.xlsx"),
    ("CON.xlsx", "_CON.xlsx"),
    ("nul", "_nul"),
    ("Lpt1.tar.gz", "_Lpt1.tar.gz"),
    ("console.xlsx", "console.xlsx"),
    ("..", "bilaga"),
    ("", "bilaga"),
    ("Rapport v. 3 final", "Rapport v. 3 final"),
])
def test_safe_file_name(given: str, expected: str) -> None:
    assert safe_file_name(given) == expected


def test_a_name_without_extension_gets_one_from_the_content_type_or_the_content() -> None:
    assert safe_file_name("retur", content_type=XLSX_TYPE) == "retur.xlsx"
    assert safe_file_name("", content_type=XLSX_TYPE) == "bilaga.xlsx"
    assert safe_file_name("retur", content_type="application/vnd.ms-excel") == "retur.xls"
    assert safe_file_name("retur", content_type="application/octet-stream", content=xlsx_like()) == "retur.xlsx"
    assert safe_file_name("retur", content_type="application/octet-stream", content=b"PK\x03\x04junk") == "retur"
    assert safe_file_name("retur.pdf", content_type=XLSX_TYPE) == "retur.pdf"  # a name's own extension stays


def test_a_long_name_is_shortened_and_keeps_its_extension() -> None:
    out = safe_file_name("Å" * 300 + ".xlsx")
    assert out == "Å" * (mail.MAX_NAME_CHARS - 5) + ".xlsx"


@given(st.text(max_size=300))
@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_safe_name_never_leaves_its_folder(name: str) -> None:
    out = safe_file_name(name)
    assert out and len(out) <= mail.MAX_NAME_CHARS
    assert not any(ch in out for ch in '/\\<>:"|?*') and all(ord(ch) >= 32 for ch in out)
    assert not out.startswith((".", " ")) and not out.endswith((".", " "))
    folder = Path("/srv/inkorg")
    assert (folder / out).parent == folder
    assert os.path.normpath(folder / out).startswith(str(folder) + os.sep)


def test_attachments_without_extension_or_name_get_one_in_the_mail() -> None:
    mime = """
From: anna@film.example
Subject: r
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="gr"

--gr
Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet; name="Retur Film"
Content-Disposition: attachment; filename="Retur Film"
Content-Transfer-Encoding: base64

{a}
--gr
Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
Content-Transfer-Encoding: base64

{b}
--gr
Content-Type: application/octet-stream; name="ATT00001"
Content-Transfer-Encoding: base64

{c}
--gr--
"""
    m = read_mail(raw(mime.format(a=b64(b"one"), b=b64(b"two"), c=b64(xlsx_like(b"three")))))
    assert names(m) == ["Retur Film.xlsx", "bilaga.xlsx", "ATT00001.xlsx"]
    assert [a.original_name for a in m.attachments] == ["Retur Film", "", "ATT00001"]
    assert [a.content for a in m.attachments] == [b"one", b"two", xlsx_like(b"three")]
    assert len(m.workbooks) == 3


def test_duplicate_attachment_names_are_made_unique_regardless_of_case() -> None:
    msg = plain_mail(attachments=[("retur.xlsx", b"1", XLSX_TYPE), ("Retur.xlsx", b"2", XLSX_TYPE),
                                  ("retur.xlsx", b"3", XLSX_TYPE), ("retur (2).xlsx", b"4", XLSX_TYPE)])
    m = read_mail(msg.as_bytes())
    assert names(m) == ["retur.xlsx", "Retur (2).xlsx", "retur (3).xlsx", "retur (2) (2).xlsx"]
    assert [a.content for a in m.attachments] == [b"1", b"2", b"3", b"4"]
    assert len({n.casefold() for n in names(m)}) == 4


def test_unsafe_names_in_a_mail_are_sanitized() -> None:
    msg = plain_mail(attachments=[("../../../retur.xlsx", b"1", XLSX_TYPE), ("C:\\temp\\retur.xlsx", b"2", XLSX_TYPE),
                                  ("aux.xlsx", b"3", XLSX_TYPE)])
    m = read_mail(msg.as_bytes())
    assert names(m) == ["retur.xlsx", "retur (2).xlsx", "_aux.xlsx"]
    assert m.attachments[0].original_name == "../../../retur.xlsx"


def test_a_zip_of_returns_is_an_attachment_and_is_not_unpacked() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("retur-film.xlsx", xlsx_like(b"1"))
        zf.writestr("retur-konst.xlsx", xlsx_like(b"2"))
    msg = plain_mail(attachments=[("returer.zip", buf.getvalue(), "application/zip")])
    m = read_mail(msg.as_bytes())
    [att] = m.attachments
    assert (att.name, att.content_type, att.content, att.problem) == ("returer.zip", "application/zip",
                                                                      buf.getvalue(), "")
    assert m.workbooks == ()


# --------------------------------------------------------------------------------------------
# Forwarded mails
# --------------------------------------------------------------------------------------------

FORWARDED = """
From: Controller <controller@region.example>
To: inkorg@region.example
Subject: VB: Retur T2
Date: Tue, 1 Sep 2026 08:15:00 +0200
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="outer"

--outer
Content-Type: text/plain; charset=utf-8

Vidarebefordrar returen från Film.
--outer
Content-Type: message/rfc822
Content-Disposition: attachment; filename="Retur T2.eml"

From: =?utf-8?q?Anna_=C3=96berg?= <anna@film.example>
To: controller@region.example
Subject: Retur T2
Date: Mon, 31 Aug 2026 16:45:00 +0200
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="inner"

--inner
Content-Type: text/plain

Hej!
--inner
Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
Content-Disposition: attachment; filename*=utf-8''%C3%85terrapport%20Film%20i%20V%C3%A4sterbotten.xlsx
Content-Transfer-Encoding: base64

{data}
--inner--

--outer
Content-Type: application/pdf
Content-Disposition: attachment; filename="kommentar.pdf"
Content-Transfer-Encoding: base64

{pdf}
--outer--
"""


def test_an_attachment_inside_a_forwarded_mail_is_taken_with_the_original_sender_and_date() -> None:
    data = xlsx_like(b"fwd")
    m = read_mail(raw(FORWARDED.format(data=b64(data), pdf=b64(b"%PDF-1.4"))))
    assert m.sender == Address("Controller", "controller@region.example")
    assert m.date == dt.datetime(2026, 9, 1, 8, 15, tzinfo=CEST)
    assert names(m) == [SWEDISH_NAME, "kommentar.pdf"]  # the forwarded mail itself is not an attachment
    fwd, pdf = m.attachments
    assert fwd.forwarded and fwd.content == data
    assert fwd.sender == Address("Anna Öberg", "anna@film.example")
    assert fwd.date == dt.datetime(2026, 8, 31, 16, 45, tzinfo=CEST)
    assert not pdf.forwarded and pdf.sender == m.sender and pdf.date == m.date
    assert m.workbooks == (fwd,)


def test_forwarded_mails_built_with_the_standard_library_nest_and_fall_back_to_the_outer_date() -> None:
    inner = plain_mail(attachments=[("retur.xlsx", b"inner", XLSX_TYPE)], Date=None, From="unit@x.example")
    middle = plain_mail(From="boss@x.example", Date="Tue, 1 Sep 2026 09:00:00 +0200")
    middle.add_attachment(inner)
    outer = plain_mail(From="controller@region.example", Date="Wed, 2 Sep 2026 10:00:00 +0200",
                       attachments=[("retur.xlsx", b"outer", XLSX_TYPE)])
    outer.add_attachment(middle)
    m = read_mail(outer.as_bytes())
    assert names(m) == ["retur.xlsx", "retur (2).xlsx"]
    own, fwd = m.attachments
    assert (own.content, own.forwarded) == (b"outer", False)
    assert (fwd.content, fwd.forwarded, fwd.sender) == (b"inner", True, Address("", "unit@x.example"))
    assert fwd.date == dt.datetime(2026, 9, 1, 9, 0, tzinfo=CEST)  # the inner one has no Date: the next one out


def test_forwarded_mails_nested_too_deep_are_reported_not_followed(monkeypatch: pytest.MonkeyPatch) -> None:
    msg = plain_mail(attachments=[("retur.xlsx", b"deep", XLSX_TYPE)])
    for _ in range(mail.MAX_DEPTH + 2):
        outer = plain_mail()
        outer.add_attachment(msg)
        msg = outer
    m = read_mail(msg.as_bytes())
    assert m.attachments == ()
    assert m.problems == (tm.ATTACHMENT_TOO_DEEP.format(depth=mail.MAX_DEPTH),)


def test_deeply_nested_multiparts_raise_nothing_but_mail_error() -> None:
    depth = 3000
    parts = [f'Content-Type: multipart/mixed; boundary="b{i}"\n\n--b{i}\n' for i in range(depth)]
    text = "From: a@b.example\nSubject: djup\nMIME-Version: 1.0\n" + "".join(parts) + "Content-Type: text/plain\n\nx\n"
    try:
        m = read_mail(text.encode())
    except MailError as exc:
        assert exc.code == "unreadable"
    else:
        assert m.subject == "djup"


# --------------------------------------------------------------------------------------------
# What cannot be used: winmail.dat, encrypted parts, attached Outlook items
# --------------------------------------------------------------------------------------------

WINMAIL = """
From: Anna <anna@film.example>
Subject: Retur
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="gr"

--gr
Content-Type: text/plain

Se bilaga.
--gr
Content-Type: application/ms-tnef; name="winmail.dat"
Content-Disposition: attachment; filename="winmail.dat"
Content-Transfer-Encoding: base64

{data}
--gr--
"""


def test_winmail_dat_is_reported_as_not_readable() -> None:
    tnef = mail.TNEF_SIGNATURE + b"\x00" * 40
    m = read_mail(raw(WINMAIL.format(data=b64(tnef))))
    [att] = m.attachments
    assert att.name == "winmail.dat" and att.content == tnef
    assert att.problem == tm.ATTACHMENT_TNEF.format(name="winmail.dat")
    assert "RTF" in att.problem
    assert not is_workbook_attachment(att)
    assert m.unreadable == (att,) and m.workbooks == ()


def test_tnef_is_recognised_by_content_type_or_signature_whatever_the_name() -> None:
    by_type = plain_mail(attachments=[("ATT00002.dat", b"x", "application/vnd.ms-tnef")])
    by_bytes = plain_mail(attachments=[("x.bin", mail.TNEF_SIGNATURE + b"rest", "application/octet-stream")])
    assert read_mail(by_type.as_bytes()).attachments[0].problem.startswith("Bilagan ATT00002.dat")
    assert read_mail(by_bytes.as_bytes()).attachments[0].problem != ""


def test_a_winmail_dat_file_given_as_a_mail_is_refused() -> None:
    with pytest.raises(MailError) as info:
        read_mail(mail.TNEF_SIGNATURE + b"\x00" * 10, name="winmail.dat")
    assert info.value.code == "tnef" and str(info.value).startswith("winmail.dat är en winmail.dat-fil")


def test_an_encrypted_part_is_reported_and_a_signature_is_not_an_attachment() -> None:
    msg = plain_mail(attachments=[("smime.p7m", b"enc", "application/pkcs7-mime"),
                                  ("smime.p7s", b"sig", "application/pkcs7-signature")])
    m = read_mail(msg.as_bytes())
    [att] = m.attachments
    assert att.name == "smime.p7m" and att.problem == tm.ATTACHMENT_ENCRYPTED.format(name="smime.p7m")


# --------------------------------------------------------------------------------------------
# Damaged mails, limits, special files
# --------------------------------------------------------------------------------------------

NO_CLOSING_BOUNDARY = """
From: anna@film.example
Subject: avbruten
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="gr"

--gr
Content-Type: text/plain

Hej
--gr
Content-Type: application/octet-stream
Content-Disposition: attachment; filename="retur.xlsx"
Content-Transfer-Encoding: base64

{data}
"""

WRONG_BOUNDARY = """
From: anna@film.example
Subject: fel gräns
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="stated"

--actual
Content-Type: application/octet-stream
Content-Disposition: attachment; filename="retur.xlsx"
Content-Transfer-Encoding: base64

{data}
--actual--
"""


def test_a_mail_cut_off_before_its_closing_boundary_keeps_its_attachment_and_says_it_is_damaged() -> None:
    data = xlsx_like(b"cut")
    m = read_mail(raw(NO_CLOSING_BOUNDARY.format(data=b64(data))))
    assert names(m) == ["retur.xlsx"] and m.attachments[0].content == data
    assert m.problems == (tm.MAIL_DAMAGED,)


def test_a_mail_whose_boundary_never_appears_has_no_attachments_and_says_it_is_damaged() -> None:
    m = read_mail(raw(WRONG_BOUNDARY.format(data=b64(b"x"))))
    assert m.subject == "fel gräns"
    assert m.attachments == ()
    assert m.problems == (tm.MAIL_DAMAGED,)


def test_bad_base64_gives_what_can_be_decoded_without_raising() -> None:
    text = NO_CLOSING_BOUNDARY.format(data="UEsD!!!BA=\n====") + "--gr--\n"
    [att] = read_mail(raw(text)).attachments
    assert att.name == "retur.xlsx" and isinstance(att.content, bytes)


@pytest.mark.parametrize("date,expected", [
    (None, None),
    ("", None),
    ("igår kväll", None),
    ("Tue, 99 Foo 2026 25:61:00 +0200", None),
    ("Mon, 31 Aug 2026 23:59:00 -0000", dt.datetime(2026, 8, 31, 23, 59, tzinfo=UTC)),
    ("31 Aug 2026 23:59 +0000", dt.datetime(2026, 8, 31, 23, 59, tzinfo=UTC)),
    ("Mon, 31 Aug 2026 23:59:00 +0200", dt.datetime(2026, 8, 31, 21, 59, tzinfo=UTC)),
])
def test_the_date_header_is_an_aware_datetime_or_none(date: str | None, expected: dt.datetime | None) -> None:
    text = "From: a@film.example\nSubject: s\n" + (f"Date: {date}\n" if date is not None else "") + "\nbody\n"
    m = read_mail(text.encode())
    assert m.date == expected
    if m.date is not None:
        assert m.date.tzinfo is not None


def test_the_topmost_received_header_gives_the_time_our_server_took_the_mail() -> None:
    text = ("Received: from mx.region.example by mail.region.example; Mon, 31 Aug 2026 16:46:10 +0200\n"
            "Received: from film.example by mx.region.example; Mon, 31 Aug 2026 16:45:30 +0200\n"
            "From: a@film.example\nDate: Mon, 31 Aug 2026 16:45:00 +0200\nSubject: s\n\nbody\n")
    m = read_mail(text.encode())
    assert m.received == dt.datetime(2026, 8, 31, 16, 46, 10, tzinfo=CEST)
    assert read_mail(b"From: a@b.example\nSubject: s\n\nx").received is None


def test_a_mail_over_the_limit_is_refused_before_it_is_parsed(monkeypatch: pytest.MonkeyPatch,
                                                               tmp_path: Path) -> None:
    def no_parsing(*args: object, **kw: object) -> None:
        raise AssertionError("parsed")

    monkeypatch.setattr(mail, "BytesParser", no_parsing)
    huge = b"From: a@b.example\r\nSubject: stor\r\n\r\n" + b"x" * mail.MAX_MAIL_BYTES
    with pytest.raises(MailError) as info:
        read_mail(huge, name="stor.eml")
    assert info.value.code == "too-large"
    assert str(info.value) == tm.MAIL_TOO_LARGE.format(name="stor.eml", size="50,0 MB", limit="50,0 MB")
    path = tmp_path / "stor.eml"
    path.write_bytes(huge)
    with pytest.raises(MailError) as info:
        read_mail(path)
    assert info.value.code == "too-large" and "stor.eml" in str(info.value)


def test_a_mail_exactly_at_the_limit_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    data = plain_mail().as_bytes()
    monkeypatch.setattr(mail, "MAX_MAIL_BYTES", len(data))
    assert read_mail(data).subject == "Retur T2 Film i Västerbotten"
    with pytest.raises(MailError):
        read_mail(data + b" ")


def test_mail_error_is_an_nplan_input_error_with_a_swedish_message() -> None:
    with pytest.raises(MailError) as info:
        read_mail(b"", name="tom.eml")
    assert isinstance(info.value, InputError) and isinstance(info.value, NplanError)
    assert info.value.code == "empty" and str(info.value) == "Mejlfilen tom.eml är tom."


@pytest.mark.parametrize("data", [xlsx_like(), b"%PDF-1.4\n...", b"\x00\x01\x02binary", b"just some text\n"],
                         ids=["zip", "pdf", "binary", "text"])
def test_what_is_not_a_mail_is_refused(data: bytes) -> None:
    with pytest.raises(MailError) as info:
        read_mail(data, name="x.eml")
    assert info.value.code == "not-a-mail"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_without_being_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "retur.eml"
    os.mkfifo(fifo)  # opening it for reading would block until someone writes
    outcome: list[BaseException | mail.Mail] = []

    def attempt() -> None:
        try:
            outcome.append(read_mail(fifo))
        except BaseException as exc:
            outcome.append(exc)

    reader = threading.Thread(target=attempt, daemon=True)
    reader.start()
    reader.join(5)
    if reader.is_alive():  # it opened the pipe: unblock it (a writer that closes at once) and fail
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        reader.join(5)
        pytest.fail("read_mail opened a named pipe for reading")
    [error] = outcome
    assert isinstance(error, MailError) and error.code == "not-a-file"
    assert str(error).startswith("retur.eml är ingen vanlig fil")


def test_a_folder_and_a_missing_file_are_refused(tmp_path: Path) -> None:
    (tmp_path / "mapp.eml").mkdir()
    with pytest.raises(MailError) as info:
        read_mail(tmp_path / "mapp.eml")
    assert info.value.code == "not-a-file"
    with pytest.raises(MailError) as info:
        read_mail(tmp_path / "saknas.eml")
    assert info.value.code == "cannot-read" and "saknas.eml" in str(info.value)


VALID = plain_mail(attachments=[("retur.xlsx", xlsx_like(), XLSX_TYPE)]).as_bytes()


@given(st.binary(max_size=2000))
@settings(max_examples=300)
def test_arbitrary_bytes_raise_nothing_but_mail_error(data: bytes) -> None:
    try:
        read_mail(data)
    except MailError:
        pass


@given(st.integers(0, len(VALID)), st.integers(0, len(VALID)), st.binary(max_size=40))
@settings(max_examples=400)
def test_damaged_mails_raise_nothing_but_mail_error(start: int, length: int, junk: bytes) -> None:
    damaged = VALID[:start] + junk + VALID[start + length % 200:]
    try:
        m = read_mail(damaged)
    except MailError:
        return
    assert all(isinstance(a.content, bytes) and a.name for a in m.attachments)


def test_every_truncation_of_a_forwarded_mail_reads_or_raises_mail_error() -> None:
    data = raw(FORWARDED.format(data=b64(xlsx_like()), pdf=b64(b"%PDF")))
    for end in range(0, len(data), 7):
        try:
            read_mail(data[:end])
        except MailError:
            pass


# --------------------------------------------------------------------------------------------
# Outlook .msg
# --------------------------------------------------------------------------------------------

def _msg(**kw: object) -> bytes:
    from msg_helpers import msg_bytes

    base: dict[str, object] = {"subject": "Retur T2 Film i Västerbotten", "sender_name": "Anna Öberg",
                               "sender_address": "anna@film.example",
                               "sent": dt.datetime(2026, 8, 31, 14, 45, tzinfo=UTC),
                               "to": [("Inkorg RUN", "inkorg@region.example")], "attachments": []}
    return msg_bytes(**{**base, **kw})


def test_a_msg_file_without_the_optional_support_gets_advice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "oxmsg", None)  # import oxmsg raises ImportError
    assert not mail.msg_supported()
    with pytest.raises(MailError) as info:
        read_mail(_msg(), name="Retur från Film.msg")
    assert info.value.code == "msg-unsupported"
    assert str(info.value) == tm.MSG_NOT_SUPPORTED.format(name="Retur från Film.msg")
    assert "Spara som" in str(info.value) and ".eml" in str(info.value)


def test_a_msg_attached_to_an_eml_without_the_optional_support_is_listed_with_advice(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "oxmsg", None)
    msg = plain_mail(attachments=[("Retur.msg", _msg(), "application/vnd.ms-outlook")])
    [att] = read_mail(msg.as_bytes()).attachments
    assert att.name == "Retur.msg" and att.problem == tm.ATTACHMENT_MSG_NOT_SUPPORTED.format(name="Retur.msg")


def test_a_msg_file_is_read_with_its_attachments() -> None:
    pytest.importorskip("oxmsg")
    data = xlsx_like(b"msg")
    m = read_mail(_msg(attachments=[{"name": SWEDISH_NAME, "data": data, "mime": XLSX_TYPE},
                                    {"name": "winmail.dat", "data": b"x"}],
                       cc=[("Chef", "chef@film.example")]), name="retur.msg")
    assert m.kind == "msg" and m.name == "retur.msg"
    assert m.sender == Address("Anna Öberg", "anna@film.example")
    assert m.to == (Address("Inkorg RUN", "inkorg@region.example"),)  # Cc is not To
    assert m.subject == "Retur T2 Film i Västerbotten"
    assert m.date == dt.datetime(2026, 8, 31, 14, 45, tzinfo=UTC)
    assert m.received == dt.datetime(2026, 8, 31, 14, 46, tzinfo=UTC)
    assert m.message_id.endswith("@test.example>")
    assert names(m) == [SWEDISH_NAME, "winmail.dat"]
    xlsx, tnef = m.attachments
    assert xlsx.content == data and xlsx.content_type == XLSX_TYPE and not xlsx.forwarded
    assert tnef.problem == tm.ATTACHMENT_TNEF.format(name="winmail.dat")
    assert m.workbooks == (xlsx,)


def test_an_outlook_item_attached_to_a_msg_gives_its_attachments_as_forwarded() -> None:
    pytest.importorskip("oxmsg")
    from msg_helpers import EMBEDDED_HEADER, message_storage

    big = xlsx_like(b"x" * 6000)  # over the compound file's mini-stream cutoff
    inner = message_storage(subject="Retur", sender_name="Bo Ek", sender_address="bo@konst.example",
                            sent=dt.datetime(2026, 8, 30, 9, 0, tzinfo=UTC), to=[("C", "c@region.example")],
                            attachments=[{"name": "retur.xlsx", "data": big, "mime": XLSX_TYPE}],
                            header=EMBEDDED_HEADER)
    m = read_mail(_msg(attachments=[{"name": "retur.xlsx", "data": b"own", "mime": XLSX_TYPE},
                                    {"name": "Retur", "message": inner}]))
    assert names(m) == ["retur.xlsx", "retur (2).xlsx"]
    own, fwd = m.attachments
    assert own.content == b"own" and not own.forwarded
    assert fwd.content == big and fwd.forwarded
    assert fwd.sender == Address("Bo Ek", "bo@konst.example")
    assert fwd.date == dt.datetime(2026, 8, 30, 9, 0, tzinfo=UTC)


def test_a_msg_attached_to_an_eml_is_read_when_supported() -> None:
    pytest.importorskip("oxmsg")
    inner = _msg(attachments=[{"name": "retur.xlsx", "data": b"inside", "mime": XLSX_TYPE}])
    m = read_mail(plain_mail(From="controller@region.example",
                             attachments=[("Retur.msg", inner, "application/vnd.ms-outlook")]).as_bytes())
    [att] = m.attachments
    assert (att.name, att.content, att.forwarded) == ("retur.xlsx", b"inside", True)
    assert att.sender == Address("Anna Öberg", "anna@film.example")


def test_a_damaged_msg_raises_mail_error() -> None:
    pytest.importorskip("oxmsg")
    good = _msg(attachments=[{"name": "retur.xlsx", "data": b"x" * 100, "mime": XLSX_TYPE}])
    for data in (mail.OLE_MAGIC + b"\x00" * 100, good[:700], good[:512] + b"\xff" * (len(good) - 512)):
        with pytest.raises(MailError) as info:
            read_mail(data, name="trasig.msg")
        assert info.value.code == "unreadable" and str(info.value).startswith("Outlook-mejlet trasig.msg")


def test_a_msg_whose_streams_claim_more_than_the_file_holds_is_refused_before_it_is_read() -> None:
    """A cyclic sector chain with a large declared size: olefile would follow it round and round."""
    pytest.importorskip("oxmsg")
    import struct

    data = bytearray(_msg(attachments=[{"name": "retur.xlsx", "data": b"R" * 5000, "mime": XLSX_TYPE}]))
    entry = data.index("__substg1.0_37010102".encode("utf-16-le"))
    start, size = struct.unpack_from("<IQ", data, entry + 116)
    assert size == 5000
    fat = 512  # the first FAT sector follows the header
    chain = [start]
    while (nxt := struct.unpack_from("<I", data, fat + 4 * chain[-1])[0]) != 0xFFFFFFFE:
        chain.append(nxt)
    struct.pack_into("<I", data, fat + 4 * chain[-1], start)  # the last sector leads back to the first
    struct.pack_into("<Q", data, entry + 120, 120 * 512)  # and the stream claims 120 sectors
    assert len(data) < 120 * 512
    with pytest.raises(MailError) as info:
        read_mail(bytes(data), name="slinga.msg")
    assert info.value.code == "unreadable"
    assert str(info.value) == tm.MSG_UNREADABLE.format(name="slinga.msg", reason=tm.MSG_SIZES_INCONSISTENT)


# --------------------------------------------------------------------------------------------
# Contacts
# --------------------------------------------------------------------------------------------

def test_contact_addresses_as_controllers_write_them() -> None:
    assert contact_addresses("anna@film.example") == (Address("", "anna@film.example"),)
    assert contact_addresses("Anna Öberg <anna@film.example>; bo@film.example\nCecilia <c@film.example>") == (
        Address("Anna Öberg", "anna@film.example"), Address("", "bo@film.example"),
        Address("Cecilia", "c@film.example"))
    assert contact_addresses("anna@film.example, bo@film.example") == (
        Address("", "anna@film.example"), Address("", "bo@film.example"))
    assert contact_addresses("Anna Öberg") == ()
    assert contact_addresses("") == ()
    assert contact_addresses("a@x.example; a@x.example") == (Address("", "a@x.example"),)


# --------------------------------------------------------------------------------------------
# Drafts
# --------------------------------------------------------------------------------------------

def parse(data: bytes) -> EmailMessage:
    return email.message_from_bytes(data, policy=email.policy.default)  # type: ignore[return-value]


def body_of(msg: EmailMessage) -> str:
    """The plain-text body; the draft is stored with CRLF line ends, which the parser keeps."""
    return msg.get_body(("plain",)).get_content().replace("\r\n", "\n")


def test_a_draft_parses_back_with_recipient_subject_body_and_attachments() -> None:
    blank = xlsx_like(b"blank")
    text = "Hej,\n\nVi saknar er retur. Sista dag var måndag 31 augusti 2026.\n\nVänliga hälsningar\n"
    data = build_draft(to=[("Anna Öberg", "anna@film.example"), ("", "bo@film.example")],
                       subject="Påminnelse: uppföljning T2 2026 från Film i Västerbotten", body_text=text,
                       attachments=[(SWEDISH_NAME, blank, XLSX_TYPE), ("läs mig.txt", b"info", "text/plain")])
    msg = parse(data)
    assert msg["X-Unsent"] == "1"
    assert [(a.display_name, a.addr_spec) for a in msg["To"].addresses] == [
        ("Anna Öberg", "anna@film.example"), ("", "bo@film.example")]
    assert msg["Subject"] == "Påminnelse: uppföljning T2 2026 från Film i Västerbotten"
    assert msg["Date"] is None and msg["From"] is None
    assert body_of(msg) == text
    atts = list(msg.iter_attachments())
    assert [a.get_filename() for a in atts] == [SWEDISH_NAME, "läs mig.txt"]
    assert [a.get_content_type() for a in atts] == [XLSX_TYPE, "text/plain"]
    assert atts[0].get_content() == blank and atts[1].get_payload(decode=True) == b"info"
    assert atts[0].get_param("name") == SWEDISH_NAME
    # The standard RFC 2231 in the disposition, and RFC 2047 in the content type's name (what Outlook reads).
    assert b"filename*=utf-8''%C3%85terrapport%20Film%20i%20V%C3%A4sterbotten.xlsx" in data
    assert b'name="=?utf-8?' in data and re.search(rb"[\s;]name\*", data) is None


def test_a_draft_is_7bit_clean_with_crlf_lines_within_the_limit() -> None:
    data = build_draft(to=[("Åsa Ärlig", "asa@x.example")], subject="Ämne " * 40, body_text="å" * 2000,
                       attachments=[("Ö" * 200 + ".xlsx", b"\x00\xff" * 3000, "")])
    assert data.isascii()
    assert b"X-Unsent: 1\r\n" in data
    lines = data.split(b"\r\n")
    assert all(len(line) <= 998 for line in lines)
    assert b"\n" not in data.replace(b"\r\n", b"")
    msg = parse(data)
    [att] = msg.iter_attachments()
    assert att.get_content_type() == XLSX_TYPE  # from the extension
    assert att.get_filename() == "Ö" * (mail.MAX_NAME_CHARS - 5) + ".xlsx"
    assert att.get_content() == b"\x00\xff" * 3000
    assert msg["Subject"] == ("Ämne " * 40).strip()


def test_a_draft_reads_back_through_read_mail() -> None:
    data = build_draft(to=[("Film i Västerbotten", "film@x.example")], subject="Komplettering",
                       body_text="Se bilagan.", attachments=[("retur.xlsx", b"1", ""), ("retur.xlsx", b"2", ""),
                                                             ("../x/annoterad.xlsx", b"3", "")],
                       sender="Controller Åsa <asa@region.example>",
                       date=dt.datetime(2026, 9, 2, 9, 30, tzinfo=CEST))
    m = read_mail(data, name="påminnelse.eml")
    assert m.to == (Address("Film i Västerbotten", "film@x.example"),)
    assert m.sender == Address("Controller Åsa", "asa@region.example")
    assert m.date == dt.datetime(2026, 9, 2, 9, 30, tzinfo=CEST)
    assert names(m) == ["retur.xlsx", "retur (2).xlsx", "annoterad.xlsx"]
    assert [a.content for a in m.attachments] == [b"1", b"2", b"3"]
    assert all(a.content_type == XLSX_TYPE for a in m.attachments)


def test_a_draft_without_attachments_or_recipients_is_a_single_text_part() -> None:
    msg = parse(build_draft(to=[], subject="Utkast", body_text="Hej"))
    assert msg.get_content_type() == "text/plain" and msg["To"] is None
    assert msg.get_content().strip() == "Hej" and msg["X-Unsent"] == "1"


@pytest.mark.parametrize("to", [[("Anna", "")], [("Anna", "anna")], [("Anna", "anna@x.example\r\nBcc: e@vil")],
                                [("Anna\r\nBcc: e@vil.example", "anna@x.example")], [("Anna", "a b@x.example")]])
def test_a_bad_recipient_raises_mail_error(to: list[tuple[str, str]]) -> None:
    with pytest.raises(MailError) as info:
        build_draft(to=to, subject="s", body_text="b")
    assert info.value.code == "bad-address" and str(info.value).startswith("Mottagaradressen")


def test_a_bad_sender_raises_mail_error_and_a_newline_in_the_subject_is_folded_away() -> None:
    with pytest.raises(MailError) as info:
        build_draft(to=[], subject="s", body_text="b", sender="inte en adress")
    assert info.value.code == "bad-address"
    msg = parse(build_draft(to=[], subject="rad ett\r\nBcc: e@vil.example", body_text="b"))
    assert msg["Subject"] == "rad ett Bcc: e@vil.example" and msg["Bcc"] is None


# --------------------------------------------------------------------------------------------
# The reminder's words
# --------------------------------------------------------------------------------------------

def test_reminder_for_a_missing_return_after_the_deadline() -> None:
    subject, body = reminder_text(drafts.MISSING, committee="Regionala utvecklingsnämnden",
                                  unit="Film i Västerbotten", period="T2 2026", deadline=dt.date(2026, 9, 18),
                                  signature="Åsa Controller\nRegion Västerbotten", today=dt.date(2026, 9, 21))
    assert subject == "Påminnelse: uppföljning T2 2026 från Film i Västerbotten (Regionala utvecklingsnämnden)"
    assert body.startswith("Hej,\n\nVi har ännu inte fått uppföljningen för T2 2026 från Film i Västerbotten. "
                           "Sista dag att lämna den var fredag 18 september 2026. Uppföljningen behövs till "
                           "rapporten för Regionala utvecklingsnämnden.\n")
    assert "Den tomma returen finns bifogad." in body
    assert "Det här saknas" not in body
    assert body.endswith("Tack på förhand!\n\nÅsa Controller\nRegion Västerbotten\n")


def test_reminder_for_a_missing_return_before_the_deadline_with_details() -> None:
    _, body = reminder_text(drafts.MISSING, committee="", unit="Offentlig konst", period="T2 2026",
                            deadline=dt.date(2026, 9, 18), details=["Ekonomi: helårsprognos", "  "],
                            today=dt.date(2026, 9, 14))
    assert "Sista dag att lämna den är fredag 18 september 2026." in body
    assert "rapporten för nämnden." in body
    assert "\n\nDet här saknas:\n- Ekonomi: helårsprognos\n\n" in body
    assert body.endswith("Vänliga hälsningar\n")
    subject, _ = reminder_text(drafts.MISSING, committee="", unit="Offentlig konst", period="T2 2026", deadline=None)
    assert subject == "Påminnelse: uppföljning T2 2026 från Offentlig konst"


def test_reminder_without_a_deadline() -> None:
    _, body = reminder_text(drafts.MISSING, committee="RUN", unit="Film", period="T1 2026", deadline=None)
    assert tm.DEADLINE_UNKNOWN in body and "Sista dag" not in body


def test_reminder_for_a_rejected_return() -> None:
    subject, body = reminder_text(drafts.REJECTED, committee="Regionala utvecklingsnämnden",
                                  unit="Film i Västerbotten", period="T2 2026", deadline=dt.date(2026, 9, 25),
                                  details=["Indikatorer!E7: utfall saknas", "Ekonomi!D5: prognosen är text"],
                                  today=dt.date(2026, 9, 21))
    assert subject == "Komplettering: uppföljning T2 2026 från Film i Västerbotten (Regionala utvecklingsnämnden)"
    assert "behöver rättas:\n\n- Indikatorer!E7: utfall saknas\n- Ekonomi!D5: prognosen är text\n\n" in body
    assert "bifogade kopian" in body
    assert "i ett svar på det här mejlet, senast fredag 25 september 2026." in body
    _, late = reminder_text(drafts.REJECTED, committee="R", unit="F", period="T2 2026",
                            deadline=dt.date(2026, 9, 18), today=dt.date(2026, 9, 21))
    assert "mejlet, så snart ni kan." in late and tm.REJECTED_NO_DETAILS in late


def test_reminder_kind_must_be_known() -> None:
    with pytest.raises(ValueError):
        reminder_text("late", committee="", unit="", period="", deadline=None)


def test_long_date_in_swedish() -> None:
    assert drafts.long_date(dt.date(2026, 12, 31)) == "torsdag 31 december 2026"
    assert drafts.long_date(dt.date(2026, 1, 4)) == "söndag 4 januari 2026"


def test_reminder_as_a_draft_reads_back() -> None:
    subject, body = reminder_text(drafts.MISSING, committee="Regionala utvecklingsnämnden",
                                  unit="Biblioteksutveckling Västerbotten (inkl. sjukhusbibliotek)",
                                  period="T2 2026", deadline=dt.date(2026, 9, 18), today=dt.date(2026, 9, 20))
    data = build_draft(to=[(a.name, a.address) for a in contact_addresses("Eva Åberg <eva@bib.example>")],
                       subject=subject, body_text=body,
                       attachments=[("Retur T2 2026 Biblioteksutveckling.xlsx", xlsx_like(), XLSX_TYPE)])
    msg = parse(data)
    assert msg["Subject"] == subject and body_of(msg) == body
    m = read_mail(data)
    assert m.to == (Address("Eva Åberg", "eva@bib.example"),)
    assert [a.name for a in m.workbooks] == ["Retur T2 2026 Biblioteksutveckling.xlsx"]


# --------------------------------------------------------------------------------------------
# Conventions
# --------------------------------------------------------------------------------------------

def test_the_texts_module_imports_nothing_from_toolkit() -> None:
    source = Path(tm.__file__).read_text(encoding="utf-8")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            assert node.module == "__future__"
        assert not isinstance(node, ast.Import)


def test_the_mail_modules_neither_print_nor_use_click() -> None:
    from toolkit.history import mail_msg, mail_parts

    for module in (mail, mail_parts, mail_msg, drafts):
        source = Path(module.__file__).read_text(encoding="utf-8")
        assert "print(" not in source and "click" not in source and "sys.exit" not in source
