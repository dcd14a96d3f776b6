"""Shared workbook helpers: atomic saving and text written as text."""

from __future__ import annotations

import os
import stat

from openpyxl import Workbook, load_workbook

from toolkit import excel


def test_saved_files_get_the_usual_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        path = excel.save_workbook(Workbook(), tmp_path / "a.xlsx")
        other = excel.write_atomic_bytes(b"x", tmp_path / "b.csv")
    finally:
        os.umask(old)
    for p in (path, other):
        assert stat.S_IMODE(p.stat().st_mode) == 0o644
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".~nplan-")]


def test_user_text_is_never_a_formula(tmp_path):
    wb = Workbook()
    for i, text in enumerate(["=SUM(A1:A2)", "#N/A", "+46 90", "@user"], start=1):
        excel.set_text(wb.active.cell(row=i, column=1), text)
    path = excel.save_workbook(wb, tmp_path / "t.xlsx")
    ws = load_workbook(path).active
    assert [ws.cell(row=i, column=1).data_type for i in range(1, 5)] == ["s"] * 4
    assert ws["A1"].value == "=SUM(A1:A2)"


def test_click_usage_errors_are_swedish():
    from click.testing import CliRunner

    from toolkit.cli import main

    result = CliRunner().invoke(main, ["plan", "check", "--bad", "x"])
    assert result.exit_code == 2
    assert "Fel: Flaggan '--bad' finns inte." in result.output
    assert "Användning:" in result.output
    result = CliRunner().invoke(main, ["nope"])
    assert result.exit_code == 2 and "Kommandot 'nope' finns inte." in result.output


def test_help_placeholders_are_swedish():
    from click.testing import CliRunner

    from toolkit.cli import main

    runner = CliRunner()
    assert "Användning: main [FLAGGOR] KOMMANDO [ARGUMENT]..." in runner.invoke(main, ["--help"]).output
    collect_help = runner.invoke(main, ["collect", "--help"]).output
    assert "[FLAGGOR] INKORG" in collect_help and "--workers HELTAL" in collect_help
    assert "[FLAGGOR] MASTERFIL" in runner.invoke(main, ["plan", "check", "--help"]).output


def test_row_heights_stay_within_what_excel_accepts(example_master):
    ws = Workbook().active
    ws.column_dimensions["A"].width = 20
    excel.set_text(ws["A1"], "ord " * 3000)
    excel.set_text(ws["A2"], "kort\nmen\ntre rader")
    excel.fit_row_heights(ws, [1, 2])
    assert ws.row_dimensions[1].height == excel.MAX_ROW_HEIGHT
    assert ws.row_dimensions[2].height == 3 * excel.LINE_HEIGHT
    # The example's goals carry pages of narrative: still no row above Excel's limit.
    wb = load_workbook(example_master)
    heights = [d.height for s in wb.worksheets for d in s.row_dimensions.values() if d.height]
    assert heights and max(heights) <= excel.MAX_ROW_HEIGHT


def test_os_errors_are_worded_in_swedish(tmp_path):
    import errno

    import pytest

    from toolkit.core.errors import NplanError, os_reason

    assert os_reason(FileNotFoundError(errno.ENOENT, "No such file or directory")) == "filen eller mappen finns inte"
    assert os_reason(OSError(errno.EXDEV, "Invalid cross-device link")) == "Invalid cross-device link"
    with pytest.raises(NplanError, match="filen eller mappen finns inte"):
        excel.save_workbook(Workbook(), "/proc/nplan-nope/x.xlsx")
