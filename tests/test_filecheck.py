"""File-level checks: every kind of file a unit might send back gets its own finding, never a traceback."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest
from openpyxl import Workbook

from toolkit.validate import files as filecheck
from toolkit.validate.files import check_bytes, is_candidate, is_lock_file, lock_target

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def xlsx_bytes() -> bytes:
    wb = Workbook()
    wb.active["A1"] = "x"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def zip_bytes(members: dict[str, bytes | str], stored_first: str | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in members.items():
            zf.writestr(name, content, compress_type=zipfile.ZIP_STORED if name == stored_first else None)
    return buf.getvalue()


def with_members(data: bytes, extra: dict[str, bytes | str], replace: dict[str, bytes] | None = None) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    members = {n: src.read(n) for n in src.namelist()}
    members.update(replace or {})
    members.update(extra)
    return zip_bytes(members)


def ole(*streams: str) -> bytes:
    return OLE + b"\x00" * 504 + b"".join(s.encode("utf-16-le") + b"\x00\x00" for s in streams) + b"\x00" * 512


def codes(name: str, data: bytes) -> list[str]:
    return [f.code for f in check_bytes(name, data, file=name).findings]


def test_a_plain_xlsx_passes_and_is_readable() -> None:
    check = check_bytes("retur.xlsx", xlsx_bytes(), file="retur.xlsx")
    assert check.findings == [] and check.readable and check.workbook_part == "xl/workbook.xml"


def test_upper_case_extension_is_fine() -> None:
    assert codes("RETUR.XLSX", xlsx_bytes()) == []


@pytest.mark.parametrize("name,data,code", [
    ("tom.xlsx", b"", "empty-file"),
    ("losen.xlsx", ole("Root Entry", "EncryptionInfo", "EncryptedPackage"), "encrypted-file"),
    ("losen.xls", ole("Root Entry", "EncryptionInfo"), "encrypted-file"),
    ("gammal.xls", ole("Root Entry", "Workbook"), "xls-file"),
    ("gammal.xlsx", ole("Root Entry", "Workbook"), "xls-file"),
    ("excel95.xlsx", ole("Root Entry", "Book"), "xls-file"),
    ("okand.xls", ole("Root Entry"), "xls-file"),
    ("dokument.xlsx", ole("Root Entry", "WordDocument"), "not-xlsx"),
    ("okand.xlsx", ole("Root Entry"), "not-xlsx"),
    ("data.csv", b"Indikator-id;Utfall\n1.1.1;12\n", "csv-file"),
    ("data.xlsx", "Indikator-id;Utfall\n1.1.1;12\n".encode("cp1252"), "csv-file"),
    ("data.xlsx", "Indikator-id\tUtfall\n1.1.1\t12 åäö\n".encode("utf-16"), "csv-file"),
    ("sida.xls", b"<html><body><table><tr><td>1</td></tr></table></body></html>", "not-xlsx"),
    ("xml2003.xls", b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>',
     "not-xlsx"),
    ("retur.xlsx", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "not-xlsx"),
    ("binar.xlsx", bytes(range(256)) * 8, "not-xlsx"),
    ("binar.csv", bytes(range(256)) * 8, "csv-file"),
])
def test_non_zip_files(name: str, data: bytes, code: str) -> None:
    check = check_bytes(name, data, file=name)
    assert [f.code for f in check.findings] == [code]
    assert not check.readable
    assert check.findings[0].file == name and check.findings[0].severity == "fel"


def test_zip_kinds() -> None:
    assert codes("calc.ods", zip_bytes({"mimetype": "application/vnd.oasis.opendocument.spreadsheet",
                                        "content.xml": "<x/>"}, stored_first="mimetype")) == ["ods-file"]
    assert codes("calc.xlsx", zip_bytes({"mimetype": "application/vnd.oasis.opendocument.spreadsheet",
                                         "content.xml": "<x/>"})) == ["ods-file"]
    assert codes("text.xlsx", zip_bytes({"mimetype": "application/vnd.oasis.opendocument.text"})) == ["not-xlsx"]
    assert codes("word.xlsx", zip_bytes({"word/document.xml": "<w/>", "[Content_Types].xml": "<T/>"})) == ["not-xlsx"]
    assert codes("bin.xlsb", zip_bytes({"xl/workbook.bin": b"\x00", "[Content_Types].xml": "<T/>"})) == ["not-xlsx"]
    assert codes("arkiv.xlsx", zip_bytes({"a.txt": "hej"})) == ["not-xlsx"]


def test_zip_messages_name_what_the_file_is() -> None:
    [f] = check_bytes("word.xlsx", zip_bytes({"word/document.xml": "<w/>"}), file="word.xlsx").findings
    assert "Word-dokument" in f.message


def test_macro_enabled_workbooks_are_errors_but_read() -> None:
    data = xlsx_bytes()
    by_part = with_members(data, {"xl/vbaProject.bin": b"\x00" * 10})
    check = check_bytes("retur.xlsx", by_part)
    assert [f.code for f in check.findings] == ["xlsm-file"] and check.readable
    types = zipfile.ZipFile(io.BytesIO(data)).read("[Content_Types].xml").replace(
        b"spreadsheetml.sheet.main+xml", b"ms-excel.sheet.macroEnabled.main+xml")
    by_type = with_members(data, {}, replace={"[Content_Types].xml": types})
    assert codes("retur.xlsx", by_type) == ["xlsm-file"]
    assert codes("retur.xlsm", data) == ["xlsm-file"]


@pytest.mark.parametrize("name", ["retur.xls", "retur.xltx", "retur", "retur.zip"])
def test_an_xlsx_with_another_extension_is_an_error_but_read(name: str) -> None:
    check = check_bytes(name, xlsx_bytes(), file=name)
    assert [f.code for f in check.findings] == ["wrong-extension"] and check.readable


def test_truncated_file_at_any_length() -> None:
    data = xlsx_bytes()
    for cut in (4, 30, len(data) // 3, len(data) // 2, len(data) - 23):
        assert codes("halv.xlsx", data[:cut]) == ["truncated-file"], cut


def test_corrupt_central_directory_is_corrupt_not_truncated() -> None:
    data = bytearray(xlsx_bytes())
    pos = data.find(b"PK\x01\x02")
    data[pos: pos + 4] = b"XXXX"
    assert codes("skadad.xlsx", bytes(data)) == ["corrupt-file"]


def test_zip_bomb_guard_reads_declared_sizes_before_decompressing() -> None:
    data = bytearray(xlsx_bytes())
    pos = data.find(b"PK\x01\x02")
    data[pos + 24: pos + 28] = struct.pack("<I", filecheck.MAX_UNCOMPRESSED_BYTES + 1)
    check = check_bytes("bomb.xlsx", bytes(data), file="bomb.xlsx")
    assert [f.code for f in check.findings] == ["zip-bomb"] and not check.readable
    assert "200,0 MB" in check.findings[0].message


def test_zip_bomb_guard_with_a_real_highly_compressed_member(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(filecheck, "MAX_UNCOMPRESSED_BYTES", 1_000_000)
    data = with_members(xlsx_bytes(), {"xl/media/zeros.bin": b"\x00" * 2_000_000})
    assert len(data) < 100_000
    assert codes("bomb.xlsx", data) == ["zip-bomb"]


def test_too_many_members_is_a_zip_bomb(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(filecheck, "MAX_ZIP_MEMBERS", 10)
    data = with_members(xlsx_bytes(), {f"x/{i}.txt": "a" for i in range(20)})
    assert codes("many.xlsx", data) == ["zip-bomb"]


def test_file_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(filecheck, "MAX_FILE_BYTES", 100)
    assert codes("stor.xlsx", xlsx_bytes()) == ["file-too-large"]


def test_lock_files_and_candidates() -> None:
    assert is_lock_file("~$retur.xlsx") and is_lock_file("inkorg/.~lock.retur.xlsx#")
    assert not is_lock_file("retur.xlsx") and not is_lock_file("x~$.xlsx")
    assert lock_target("~$retur.xlsx") == "retur.xlsx"
    assert lock_target(".~lock.retur.xlsx#") == "retur.xlsx"
    assert [n for n in ("a.xlsx", "b.XLS", "c.xlsm", "d.ods", "e.csv", "f.txt", "g.pdf", ".h.xlsx", "~$i.xlsx",
                        ".~lock.j.xlsx#", "k") if is_candidate(n)] == [
        "a.xlsx", "b.XLS", "c.xlsm", "d.ods", "e.csv", "~$i.xlsx", ".~lock.j.xlsx#"]
    f = filecheck.lock_file_finding("~$retur.xlsx", "inkorg/~$retur.xlsx")
    assert f.code == "lock-file" and f.severity == "varning" and "retur.xlsx" in f.message
