"""The workflow layer (toolkit.cycle) that the CLI, the Excel buttons and the demo share, and the shape of the
package: what the restructure promised (stage packages, no import cycles, texts free of the toolkit)."""

from __future__ import annotations

import ast
import csv
import datetime as dt
import shutil
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook
from test_xl import FakeBook

from toolkit import cycle, xl
from toolkit.cli import main
from toolkit.core.periods import Period
from toolkit.returns import build, simulate

T2 = Period(2026, 2)
NOW = dt.datetime(2026, 8, 20, 8, 0, tzinfo=dt.UTC)
TOOLKIT = Path(__file__).resolve().parents[1] / "toolkit"


# --------------------------------------------------------------------------------------------
# Same file names from two mail folders: two annotated copies, from the CLI and from the button
# --------------------------------------------------------------------------------------------

def _two_same_named_returns(plan, inbox: Path, tmp: Path) -> str:
    """The same unit's return, with a different bad value each, saved under one name in two mail folders."""
    blank = build.create_returns(plan, T2, tmp / "blank", units=["KUS"], now=NOW)[0]
    for folder, bad in (("mejl 1", "ungefär 3"), ("mejl 2", "kanske 4")):
        values = simulate.plausible_values(plan, "KUS", T2)
        first = next(iter(values["indicators"]))
        values["indicators"][first]["outcome"] = bad
        simulate.fill_return(blank, inbox / folder / blank.name, values)
    return blank.name


def test_same_named_returns_in_two_folders_get_two_annotated_copies_from_cli_and_button(
        tmp_path: Path, example_master: Path, example_plan) -> None:
    folder = tmp_path / "nämnd"
    folder.mkdir()
    master = Path(shutil.copy(example_master, folder / "master.xlsx"))
    name = _two_same_named_returns(example_plan, folder / "inkorg", tmp_path)
    stem = Path(name).stem

    out = tmp_path / "granskade"
    result = CliRunner().invoke(main, ["validate", str(folder / "inkorg"), "--master", str(master),
                                       "--period", "2026-T2", "--annotate", str(out)])
    assert result.exit_code == 1, result.output
    cli_copies = sorted(p.name for p in out.glob("*.xlsx"))
    assert cli_copies == [f"{stem}_granskad.xlsx", f"{stem}_granskad_2.xlsx"]

    xl.validate_inbox(FakeBook(master))
    button_copies = sorted(p.name for p in (folder / "utdata" / "granskade-2026-T2").glob("*.xlsx"))
    assert button_copies == cli_copies

    # Each copy carries its own file's finding (the two bad values differ).
    found = set()
    for copy in out.glob("*.xlsx"):
        wb = CalamineWorkbook.from_path(str(copy))
        text = " ".join(str(v) for sheet in wb.sheet_names for row in wb.get_sheet_by_name(sheet).to_python()
                        for v in row)
        found |= {bad for bad in ("ungefär 3", "kanske 4") if bad in text}
    assert found == {"ungefär 3", "kanske 4"}


def test_unique_name_counts_up_case_insensitively() -> None:
    used: set[str] = set()
    assert [cycle.unique_name(n, used) for n in ("a.xlsx", "A.xlsx", "a.xlsx", "b.xlsx")] == [
        "a.xlsx", "A_2.xlsx", "a_3.xlsx", "b.xlsx"]


def test_output_guards(tmp_path: Path) -> None:
    from toolkit.core.errors import InputError

    existing = tmp_path / "x.xlsx"
    existing.write_bytes(b"")
    with pytest.raises(InputError, match="finns redan"):
        cycle.guard_output(existing, force=False)
    assert cycle.guard_output(existing, force=True) == existing
    with pytest.raises(InputError, match="samma fil"):
        cycle.guard_output(existing, force=True, inputs=[tmp_path / "." / "x.xlsx"])


# --------------------------------------------------------------------------------------------
# A unit's text with a character a workbook cannot store, through every output
# --------------------------------------------------------------------------------------------

def test_control_character_from_a_unit_goes_through_every_output(tmp_path: Path, example_master: Path,
                                                                 example_plan) -> None:
    """Excel stores a vertical tab typed in a cell as ``_x000B_``; read back it is U+000B, which openpyxl refuses
    to write (IllegalCharacterError) and XML cannot hold. It must not stop collect, export, the report, the
    document or the budget report; the visible text around it survives."""
    inbox = tmp_path / "inkorg"
    blanks = build.create_returns(example_plan, T2, tmp_path / "blank", now=NOW)
    for uid, blank in zip([u.id for u in example_plan.units], blanks):
        values = simulate.plausible_values(example_plan, uid, T2)
        for fields in values["indicators"].values():
            fields["assessment"] = "Delvis uppfyllt"
            fields["analysis"] = "Före_x000B_efter"
        values["economy"]["comment"] = "Budget_x000B_kommentar"
        simulate.fill_return(blank, inbox / blank.name, values)

    master = cycle.Master.load(example_master)
    db = tmp_path / "nplan.sqlite"
    done = cycle.collect(master, inbox, T2, db=db, workers=1)
    assert all(u.state == "accepted" for u in done.result.units), [(u.unit_id, u.note) for u in done.result.units]

    csv_path, rows = cycle.export(db, tmp_path / "v.csv", period=T2)
    with csv_path.open(encoding="utf-8-sig", newline="") as fh:
        text = " ".join(" ".join(r) for r in csv.reader(fh, delimiter=";"))
    assert rows > 0 and "Före" in text and "efter" in text

    xlsx_path, _ = cycle.export(db, tmp_path / "v.xlsx", period=T2)
    cells = [c.value for row in load_workbook(xlsx_path).active.iter_rows() for c in row]
    assert "Föreefter" in cells

    report = cycle.consolidate(master, T2, tmp_path / "r.xlsx", document=tmp_path / "r.docx", db=db)
    report_text = [c.value for ws in load_workbook(report.workbook).worksheets for row in ws.iter_rows() for c in row]
    assert any(isinstance(v, str) and "Föreefter" in v for v in report_text)
    paragraphs = [p.text for p in docx.Document(str(report.document)).paragraphs]
    assert any("Föreefter" in p for p in paragraphs)

    budget = cycle.budget_report(example_master, T2, tmp_path / "b.xlsx", db=db)
    budget_text = [c.value for ws in load_workbook(budget.path).worksheets for row in ws.iter_rows() for c in row]
    assert "Budgetkommentar" in budget_text


# --------------------------------------------------------------------------------------------
# The shape of the package
# --------------------------------------------------------------------------------------------

def _modules() -> dict[str, Path]:
    out = {}
    for path in TOOLKIT.rglob("*.py"):
        parts = path.relative_to(TOOLKIT.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The toolkit modules ``name`` imports anywhere in its body (function-level imports included).

    ``from package import module`` depends on that module; ``from package import name`` on the package's
    ``__init__``. (A package's own ``__init__`` runs before any of its modules, as Python always does; that is
    not counted, so an ``__init__`` may re-export its modules.)"""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                found.add(sub if sub in modules else node.module)
    return {m for m in found if m in modules and m != name}


def test_no_import_cycle_between_toolkit_modules() -> None:
    modules = _modules()
    graph = {name: _imports(name, path, modules) for name, path in modules.items()}
    # A package's __init__ re-exports its modules; an edge into a package stands for its __init__ only.
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycle_path = stack[stack.index(nxt):] + [nxt]
                raise AssertionError("import cycle: " + " -> ".join(cycle_path))
            if nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name)


def test_texts_import_nothing_from_the_toolkit_and_core_no_workbook_library() -> None:
    modules = _modules()
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        imported |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        if name.startswith("toolkit.texts"):
            assert not {m for m in imported if m.startswith("toolkit")}, name
        if name.startswith("toolkit.core"):
            assert not {m for m in imported if m.split(".")[0] in ("openpyxl", "python_calamine", "docx")}, name


def test_no_import_error_guard_around_our_own_modules_and_no_huge_module() -> None:
    for name, path in _modules().items():
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source)
        for node in ast.walk(tree):
            if isinstance(node, ast.Try) and any(
                    isinstance(h.type, ast.Name) and h.type.id in ("ImportError", "ModuleNotFoundError")
                    for h in node.handlers):
                guarded = {n.module or "" for n in ast.walk(node) if isinstance(n, ast.ImportFrom)}
                guarded |= {a.name for n in ast.walk(node) if isinstance(n, ast.Import) for a in n.names}
                assert not {m for m in guarded if m.startswith("toolkit")}, f"{name} hides an ImportError"
        assert len(source.splitlines()) <= 650, f"{name} has {len(source.splitlines())} lines"


def test_public_api_names_resolve() -> None:
    import toolkit

    for name in toolkit.__all__:
        assert getattr(toolkit, name) is not None, name
    with pytest.raises(AttributeError):
        toolkit.no_such_thing  # noqa: B018


def test_openpyxl_parses_with_defusedxml() -> None:
    """defusedxml is a dependency for this: openpyxl parses every workbook it opens (masters, returns for the
    annotated copy) with it when it is installed (entity expansion and external entities refused)."""
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML is True
