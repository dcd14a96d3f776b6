"""The Excel buttons: macros/*.bas call existing toolkit.xl functions, which do what the CLI does and log it."""

from __future__ import annotations

import importlib
import inspect
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from toolkit import xl
from toolkit.cli import main
from toolkit.core.periods import Period
from toolkit.texts import master as tm
from toolkit.texts import xl as t

MACROS = Path(__file__).resolve().parents[1] / "macros"
RUNPYTHON = re.compile(r'RunPython\s+"([^"]*)"')


# --------------------------------------------------------------------------------------------
# A stand-in for xlwings' Book: what toolkit.xl uses of it, backed by a dict per sheet.
# --------------------------------------------------------------------------------------------

def _cell(address: str) -> tuple[int, int]:
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    letters, row = coordinate_from_string(address)
    return row, column_index_from_string(letters)


class FakeRange:
    def __init__(self, sheet: FakeSheet, address: str) -> None:
        self.sheet, self.address = sheet, address

    @property
    def value(self):
        if ":" in self.address:
            first, last = (_cell(a) for a in self.address.split(":"))
            assert first[1] == last[1], "the stand-in reads single columns only"
            return [self.sheet.cells.get((r, first[1])) for r in range(first[0], last[0] + 1)]
        return self.sheet.cells.get(_cell(self.address))

    @value.setter
    def value(self, new) -> None:
        row, col = _cell(self.address)
        values = new if isinstance(new, list) else [new]
        for i, v in enumerate(values):
            self.sheet.cells[(row, col + i)] = v


class FakeSheet:
    def __init__(self, name: str, cells: dict | None = None) -> None:
        self.name, self.cells = name, cells or {}

    def range(self, address: str) -> FakeRange:
        return FakeRange(self, address)


class FakeSheets:
    def __init__(self, sheets: list[FakeSheet]) -> None:
        self._sheets = sheets

    def __iter__(self):
        return iter(self._sheets)

    def __len__(self) -> int:
        return len(self._sheets)

    def __getitem__(self, key):
        if isinstance(key, int):
            return self._sheets[key]
        return next(s for s in self._sheets if s.name == key)

    def add(self, name: str, after=None) -> FakeSheet:
        sheet = FakeSheet(name)
        self._sheets.append(sheet)
        return sheet


class FakeBook:
    """What toolkit.xl needs of xlwings.Book, with the sheets of the master file on disk."""

    def __init__(self, path: Path) -> None:
        self.fullname = str(path)
        self.saves = 0
        wb = load_workbook(path)
        sheets = []
        for ws in wb.worksheets:
            cells = {(c.row, c.column): c.value for row in ws.iter_rows() for c in row if c.value is not None}
            sheets.append(FakeSheet(ws.title, cells))
        self.sheets = FakeSheets(sheets)

    def save(self) -> None:
        self.saves += 1

    def log_rows(self) -> list[list]:
        sheet = self.sheets[tm.SHEET_LOG]
        header = next(r for (r, c), v in sheet.cells.items() if c == 1 and v == tm.HEADERS["Korlogg"]["time"])
        rows = sorted({r for (r, _c) in sheet.cells if r > header})
        return [[sheet.cells.get((r, c)) for c in range(1, 5)] for r in rows]


# --------------------------------------------------------------------------------------------
# The macros
# --------------------------------------------------------------------------------------------

def _runpython_calls() -> list[str]:
    calls = []
    for bas in sorted(MACROS.glob("*.bas")):
        text = bas.read_bytes().decode("cp1252")  # the VBA editor imports modules in the ANSI code page
        calls += RUNPYTHON.findall(text)
    return calls


def test_every_runpython_call_names_a_function_without_required_arguments():
    calls = _runpython_calls()
    assert len(calls) >= 5
    for code in calls:
        m = re.fullmatch(r"import (toolkit\.xl) as (\w+); \2\.(\w+)\(\)", code.strip())
        assert m, f"unexpected RunPython code: {code}"
        module = importlib.import_module(m.group(1))
        func = getattr(module, m.group(3), None)
        assert callable(func), f"toolkit.xl.{m.group(3)} does not exist"
        required = [p for p in inspect.signature(func).parameters.values()
                    if p.default is inspect.Parameter.empty
                    and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
        assert not required, f"toolkit.xl.{m.group(3)} has required arguments {required}"


def test_each_step_has_a_macro():
    named = {re.search(r"x\.(\w+)\(\)", c).group(1) for c in _runpython_calls()}
    assert {"create_returns", "validate_inbox", "collect", "remind", "consolidate", "budget_check",
            "plan_document"} <= named


def test_without_xlwings_a_button_raises_nothing(monkeypatch):
    def no_xlwings():
        raise ModuleNotFoundError("No module named 'xlwings'", name="xlwings")

    monkeypatch.setattr(xl, "_caller", no_xlwings)
    assert xl.create_returns() is None


# --------------------------------------------------------------------------------------------
# The whole cycle from the buttons, compared with the CLI
# --------------------------------------------------------------------------------------------

def _values(path: Path, skip_sheets: tuple[str, ...] = ("_nplan",)) -> dict[str, list]:
    wb = CalamineWorkbook.from_path(str(path))
    return {name: wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
            for name in wb.sheet_names if name not in skip_sheets}


def _cli(*args: str) -> None:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output


@pytest.fixture()
def workspace(tmp_path: Path, example_master: Path) -> Path:
    """The example master in its own folder, as a controller keeps it (settings: period 2026-T2)."""
    folder = tmp_path / "nämnd"
    folder.mkdir()
    return Path(shutil.copy(example_master, folder / "master.xlsx"))


def test_buttons_produce_the_cli_files_and_log(workspace: Path, tmp_path: Path):
    from toolkit.history.store import History
    from toolkit.plan import load_plan
    from toolkit.returns.example_inbox import make_example_inbox

    book = FakeBook(workspace)
    folder = workspace.parent
    plan = load_plan(workspace)
    assert plan.settings.period == Period(2026, 2)

    # Create returns
    xl.create_returns(book)
    made = sorted((folder / "utdata" / "returer-2026-T2").glob("*.xlsx"))
    assert len(made) == len(plan.units)
    cli_out = tmp_path / "cli-returns"
    _cli("returns", "create", str(workspace), "--period", "2026-T2", "--out", str(cli_out))
    assert [p.name for p in made] == sorted(p.name for p in cli_out.glob("*.xlsx"))
    for p in made:
        assert _values(p) == _values(cli_out / p.name)
    log = book.log_rows()
    assert log[-1][1:3] == [t.ACTION_CREATE_RETURNS, t.OUTCOME_OK]
    assert str(len(plan.units)) in log[-1][3]

    # The units answer into the inbox (one invalid, one resubmitted, one missing)
    make_example_inbox(plan, Period(2026, 2), folder / "inkorg")

    # Validate the inbox
    xl.validate_inbox(book)
    log = book.log_rows()
    assert log[-1][1:3] == [t.ACTION_VALIDATE, t.OUTCOME_FINDINGS]
    reviewed = list((folder / "utdata" / "granskade-2026-T2").glob("*.xlsx"))
    assert reviewed, "files with findings get an annotated copy"

    # Collect, and the same through the CLI into another database
    xl.collect(book)
    db = folder / "nplan.sqlite"
    assert db.is_file()
    assert (folder / "insamling-2026-T2.xlsx").is_file()
    cli_db = tmp_path / "cli" / "nplan.sqlite"
    _cli("collect", str(folder / "inkorg"), "--master", str(workspace), "--period", "2026-T2", "--db", str(cli_db))
    with History.open(db) as h1, History.open(cli_db) as h2:
        s1 = h1.submissions(period="2026-T2")[["unit_id", "file_name", "state", "errors"]]
        s2 = h2.submissions(period="2026-T2")[["unit_id", "file_name", "state", "errors"]]
        key = ["unit_id", "file_name"]
        assert s1.sort_values(key).reset_index(drop=True).equals(s2.sort_values(key).reset_index(drop=True))
    log = book.log_rows()
    assert log[-1][1] == t.ACTION_COLLECT and log[-1][2] in (t.OUTCOME_OK, t.OUTCOME_FINDINGS)

    # Consolidate
    xl.consolidate(book)
    report = folder / "utdata" / "rapport-2026-T2.xlsx"
    assert report.is_file(), book.log_rows()[-1]
    cli_report = tmp_path / "cli-rapport.xlsx"
    _cli("consolidate", "--master", str(workspace), "--db", str(cli_db), "--period", "2026-T2", "-o", str(cli_report))
    ours, theirs = _values(report), _values(cli_report)
    assert ours.keys() == theirs.keys()
    for sheet in ours:
        if sheet not in ("Inlämningar", "Data"):  # file times and submission ids differ between databases
            assert _strip_times(ours[sheet]) == _strip_times(theirs[sheet]), sheet
    assert book.log_rows()[-1][1:3] == [t.ACTION_CONSOLIDATE, t.OUTCOME_OK]
    # The committee's document next to the report, with the same content as the CLI's.
    document = folder / "utdata" / "rapport-2026-T2.docx"
    assert document.is_file() and str(document) in book.log_rows()[-1][3]
    cli_document = tmp_path / "cli-rapport.docx"
    _cli("consolidate", "--master", str(workspace), "--db", str(cli_db), "--period", "2026-T2",
         "-o", str(tmp_path / "cli-rapport-2.xlsx"), "--docx", str(cli_document))
    assert _strip_times(_document_texts(document)) == _strip_times(_document_texts(cli_document))

    # Budget check and budget report
    xl.budget_check(book)
    assert book.log_rows()[-1][1:] == [t.ACTION_BUDGET_CHECK, t.OUTCOME_OK, t.BUDGET_CLEAN]
    xl.budget_report(book)
    budget = folder / "utdata" / "budgetuppfoljning-2026-T2.xlsx"
    assert budget.is_file(), book.log_rows()[-1]
    cli_budget = tmp_path / "cli-budget.xlsx"
    _cli("budget", "report", "--master", str(workspace), "--db", str(cli_db), "--period", "2026-T2",
         "-o", str(cli_budget))
    assert _strip_times(_values(budget)) == _strip_times(_values(cli_budget))
    assert book.saves == 6


def _document_texts(path: Path) -> list[str]:
    """Every paragraph and table cell of a .docx, in order."""
    import docx

    doc = docx.Document(str(path))
    out = [p.text for p in doc.paragraphs]
    out += [c.text for table in doc.tables for row in table.rows for c in row.cells]
    return out


def _strip_times(value):
    """Replace texts that carry a time of day or a file path (they differ between two runs)."""
    if isinstance(value, dict):
        return {k: _strip_times(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_strip_times(v) for v in value]
    if isinstance(value, str) and (re.search(r"\d{2}:\d{2}", value) or "/" in value):
        return "<varies>"
    if hasattr(value, "hour"):
        return "<varies>"
    return value


# --------------------------------------------------------------------------------------------
# Failing runs: a Swedish log line, nothing raised
# --------------------------------------------------------------------------------------------

def _set_setting(master: Path, label: str, value: object) -> None:
    wb = load_workbook(master)
    ws = wb[tm.SHEET_SETTINGS]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=1).value == label)
    ws.cell(row=row, column=2).value = value
    wb.save(master)


def test_missing_inbox_is_logged_in_swedish(workspace: Path):
    book = FakeBook(workspace)
    assert xl.collect(book) is None
    action, outcome, details = book.log_rows()[-1][1:]
    assert (action, outcome) == (t.ACTION_COLLECT, t.OUTCOME_ERROR)
    assert "Inkorgen" in details and "inkorg" in details


def test_invalid_period_is_logged_in_swedish(workspace: Path):
    _set_setting(workspace, tm.SETTINGS["period"][0], "2026-T9")
    book = FakeBook(workspace)
    xl.create_returns(book)
    action, outcome, details = book.log_rows()[-1][1:]
    assert outcome == t.OUTCOME_ERROR
    assert "2026-T9" in details and tm.SETTINGS["period"][0] in details
    assert not (workspace.parent / "utdata").exists()


def test_missing_period_and_missing_database_are_logged(workspace: Path):
    _set_setting(workspace, tm.SETTINGS["period"][0], None)
    book = FakeBook(workspace)
    xl.create_returns(book)
    assert book.log_rows()[-1][2:] == [t.OUTCOME_ERROR, t.NO_PERIOD.format(setting=tm.SETTINGS["period"][0])]
    _set_setting(workspace, tm.SETTINGS["period"][0], "2026-T2")
    xl.consolidate(book)
    assert book.log_rows()[-1][2] == t.OUTCOME_ERROR
    assert "Samla in" in book.log_rows()[-1][3]


def test_unexpected_failure_is_logged_not_raised(workspace: Path, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("toolkit.returns.build.create_returns", boom)
    book = FakeBook(workspace)
    xl.create_returns(book)
    outcome, details = book.log_rows()[-1][2:]
    assert outcome == t.OUTCOME_ERROR
    assert "disk on fire" in details and "oväntat" in details


def test_log_is_created_when_the_sheet_is_missing(workspace: Path):
    book = FakeBook(workspace)
    book.sheets._sheets = [s for s in book.sheets if s.name != tm.SHEET_LOG]
    row = xl.write_log(book, "Test", t.OUTCOME_OK, "=SUM(A1)")
    sheet = book.sheets[tm.SHEET_LOG]
    assert sheet.cells[(row, 4)] == "'=SUM(A1)"
    assert book.log_rows()[-1][1:3] == ["Test", t.OUTCOME_OK]


def test_plan_document_button_writes_what_the_cli_writes(workspace: Path, tmp_path: Path):
    book = FakeBook(workspace)
    xl.plan_document(book)
    written = workspace.parent / "utdata" / "namndplan-2026.docx"
    assert written.is_file(), book.log_rows()[-1]
    assert book.log_rows()[-1][1:3] == [t.ACTION_PLAN_DOCUMENT, t.OUTCOME_OK]
    assert str(written) in book.log_rows()[-1][3] and "PDF" not in book.log_rows()[-1][3]
    cli = tmp_path / "cli.docx"
    _cli("plan", "document", str(workspace), "-o", str(cli))
    assert _document_texts(written) == _document_texts(cli)


def test_pdf_setting_without_libreoffice_still_writes_the_document(workspace: Path, monkeypatch):
    from toolkit.report import docx_pdf
    from toolkit.texts import docx_kit as tk

    _set_setting(workspace, tm.SETTINGS["pdf"][0], "Ja")
    monkeypatch.setattr(docx_pdf, "find_soffice", lambda: None)
    book = FakeBook(workspace)
    xl.plan_document(book)
    written = workspace.parent / "utdata" / "namndplan-2026.docx"
    assert written.is_file() and not written.with_suffix(".pdf").exists()
    action, outcome, details = book.log_rows()[-1][1:]
    assert (action, outcome) == (t.ACTION_PLAN_DOCUMENT, t.OUTCOME_FINDINGS)
    assert tk.SOFFICE_MISSING in details
