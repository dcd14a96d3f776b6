"""Every command that takes a master and a period refuses a period outside the master's plan year, with one
Swedish message, before it reads or writes anything else (a report of 2027 judged against 2028's targets is
wrong, not merely odd)."""

from __future__ import annotations

import shutil
from pathlib import Path

import master_helpers as mh
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from test_xl import FakeBook

from toolkit import xl
from toolkit.cli import main
from toolkit.texts import master as tm
from toolkit.texts import xl as txl


def _message(period: str, year: int) -> str:
    """The one message, written out here rather than taken from the code under test."""
    return (f"Perioden {period} hör inte till planåret {year} i masterfilen. Ange en period i {year} "
            f"(t.ex. {year}-T2), eller använd masterfilen för {period[:4]}.")


def _commands(master: Path, period: str, tmp: Path) -> dict[str, list[str]]:
    inbox = tmp / "inkorg"
    inbox.mkdir(exist_ok=True)
    return {
        "returns create": ["returns", "create", str(master), "--period", period, "--out", str(tmp / "returer")],
        "validate": ["validate", str(inbox), "--master", str(master), "--period", period],
        "collect": ["collect", str(inbox), "--master", str(master), "--period", period],
        "consolidate": ["consolidate", "--master", str(master), "--period", period, "-o", str(tmp / "r.xlsx")],
        "consolidate --docx": ["consolidate", "--master", str(master), "--period", period, "-o",
                               str(tmp / "r2.xlsx"), "--docx", str(tmp / "r2.docx")],
        "budget report": ["budget", "report", "--master", str(master), "--period", period, "-o",
                          str(tmp / "b.xlsx")],
    }


COMMANDS = ["returns create", "validate", "collect", "consolidate", "consolidate --docx", "budget report"]


@pytest.mark.parametrize("name", COMMANDS)
@pytest.mark.parametrize("period", ["2027-T3", "2025-T2"])
def test_a_period_of_another_year_is_refused_with_one_message(example_master: Path, tmp_path: Path, name: str,
                                                              period: str) -> None:
    args = _commands(example_master, period, tmp_path)[name]
    before = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*"))
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    assert result.output.strip() == "Fel: " + _message(period, 2026)
    # Nothing was written: no database, no returns, no report.
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == before


def test_consolidate_with_next_years_master_exits_1(example_master: Path, tmp_path: Path) -> None:
    """The issue's case: the 2028 master, and the 2027 period (the history has it; the targets would be 2028's)."""
    wb = load_workbook(example_master)
    mh.set_value(wb, "Installningar", tm.HEADERS["Installningar"]["value"], tm.HEADERS["Installningar"]["setting"],
                 tm.SETTINGS["year"][0], 2028)
    mh.set_value(wb, "Installningar", tm.HEADERS["Installningar"]["value"], tm.HEADERS["Installningar"]["setting"],
                 tm.SETTINGS["period"][0], None)
    master = tmp_path / "master-2028.xlsx"
    wb.save(master)
    (tmp_path / "nplan.sqlite").write_bytes(b"")  # a database is there: the period is what is refused
    result = CliRunner().invoke(main, ["consolidate", "--master", str(master), "--period", "2027-T3",
                                       "-o", str(tmp_path / "r.xlsx")])
    assert result.exit_code == 1
    assert result.output.strip() == "Fel: " + _message("2027-T3", 2028)
    assert not (tmp_path / "r.xlsx").exists()


@pytest.mark.parametrize("button", ["create_returns", "validate_inbox", "collect", "consolidate", "budget_report"])
def test_the_buttons_give_the_same_message_and_name_the_setting(example_master: Path, tmp_path: Path,
                                                                button: str) -> None:
    folder = tmp_path / "nämnd"
    folder.mkdir()
    (folder / "inkorg").mkdir()
    master = Path(shutil.copy(example_master, folder / "master.xlsx"))
    wb = load_workbook(master)
    mh.set_value(wb, "Installningar", tm.HEADERS["Installningar"]["value"], tm.HEADERS["Installningar"]["setting"],
                 tm.SETTINGS["period"][0], "2027-T2")
    wb.save(master)
    book = FakeBook(master)
    getattr(xl, button)(book)
    last = book.log_rows()[-1]
    assert last[2] == txl.OUTCOME_ERROR
    assert last[3] == _message("2027-T2", 2026) + " Rätta 'Aktuell period' på bladet Inställningar."
    assert sorted(p.name for p in folder.iterdir()) == ["inkorg", "master.xlsx"]
