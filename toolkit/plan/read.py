"""Reading a master workbook into a Plan, with a finding for every value that cannot be read.

Every data area is an Excel table with fixed Swedish headers (``toolkit.plan.layout``). The reader finds
areas by table name and header text, never by coordinates, so a controller's restyled copy (rows inserted
above a table, columns moved or widened, colours, extra sheets) reads the same.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook

from toolkit import excel
from toolkit.core import values as vals
from toolkit.core.errors import WorkbookError, os_reason
from toolkit.core.findings import Finding
from toolkit.core.model import (
    MAX_DECIMALS,
    Aggregation,
    Assessment,
    Assignment,
    AssignmentStatus,
    Budget,
    BudgetChange,
    ChangeKind,
    Direction,
    Frame,
    Goal,
    Indicator,
    Measure,
    Measurement,
    Plan,
    PlanText,
    PriorForecast,
    Settings,
    SubGoal,
    TextKind,
    Unit,
    Value,
    ValueKind,
    Verdict,
    Weight,
)
from toolkit.core.periods import Period, PeriodError, Periodicity, PeriodicityError, parse_periodicity
from toolkit.core.plantexts import parse_place
from toolkit.plan.tables import TableReader, TableRows, id_list, id_text, norm
from toolkit.texts import cli as tcli
from toolkit.texts import common as tc
from toolkit.texts import master as tm

XLSX_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm")
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # a master is a few hundred kB; more is a wrong file or a zip bomb
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted xlsx and old .xls are OLE containers


def open_workbook(path: str | os.PathLike[str]) -> Workbook:
    """Open a master with openpyxl, turning every failure into a Swedish WorkbookError."""
    p = Path(path)

    def fail(reason: str, exc: BaseException | None = None) -> WorkbookError:
        err = WorkbookError(tcli.NOT_A_MASTER.format(path=p, reason=reason))
        err.__cause__ = exc
        return err

    if not p.is_file():
        raise WorkbookError(tcli.FILE_NOT_FOUND.format(path=p))
    if p.name.startswith("~$"):
        raise fail(tm.LOCK_FILE)
    try:
        with p.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise fail(tm.CORRUPT.format(detail=os_reason(exc)), exc) from exc
    if head == _OLE_MAGIC:
        raise fail(tm.ENCRYPTED_OR_XLS)
    if p.suffix.lower() not in XLSX_SUFFIXES:
        raise fail(tm.NOT_XLSX.format(suffix=p.suffix or tm.NO_SUFFIX))
    try:
        with zipfile.ZipFile(p) as zf:
            unpacked = sum(info.file_size for info in zf.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise fail(tm.NOT_ZIP, exc) from exc
    if unpacked > MAX_UNPACKED_BYTES:
        raise fail(tm.TOO_LARGE.format(limit=MAX_UNPACKED_BYTES // (1024 * 1024)))
    try:
        return load_workbook(p, data_only=False)
    except (zipfile.BadZipFile, zipfile.LargeZipFile) as exc:
        raise fail(tm.NOT_ZIP, exc) from exc
    except Exception as exc:  # openpyxl raises many kinds (KeyError, ValueError, XML errors) on bad files
        raise fail(tm.CORRUPT.format(detail=type(exc).__name__), exc) from exc


def read_master(path: str | os.PathLike[str]) -> tuple[Plan, list[Finding]]:
    """Read a master workbook into a Plan, with a finding for every value that could not be read.

    Raises WorkbookError only when the file cannot be opened as a workbook at all.
    """
    wb = open_workbook(path)
    return read_master_workbook(wb, Path(path).name)


def read_master_workbook(wb: Workbook, file_name: str = "") -> tuple[Plan, list[Finding]]:
    """Read an opened master. Raises WorkbookError when it holds none of the master's tables."""
    rd = TableReader(wb, file_name)
    if not any(name.casefold() in rd.tables for name in tm.HEADERS):
        raise WorkbookError(tcli.NOT_A_MASTER.format(
            path=file_name or tm.UNNAMED_WORKBOOK, reason=tm.NO_MASTER_TABLES.format(tables=", ".join(
                n for n in tm.HEADERS if n not in ("Korlogg", "Bedomningar", "Vikter")))))
    plan = Plan()
    plan.settings = _read_settings(rd)
    plan.goals = _read_goals(rd)
    plan.sub_goals = _read_sub_goals(rd)
    plan.indicators = _read_indicators(rd)
    plan.assignments = _read_assignments(rd)
    plan.units = _read_units(rd)
    plan.verdicts = _read_verdicts(rd, plan.settings.year)
    plan.texts = _read_texts(rd)
    plan.weights = _read_weights(rd)
    plan.budget = _read_budget(rd, wb)
    return plan, rd.findings


def _read_settings(rd: TableReader) -> Settings:
    s = Settings()
    rows = rd.table("Installningar")
    by_label = {norm(label): key for key, (label, _d) in tm.SETTINGS.items()}
    for r, row in rows.rows:
        key = by_label.get(norm(str(row.get("setting") or "")))
        if key is None:
            continue
        raw = row.get("value")
        cell = rd.cell(rows, r, "value")
        s.cells[key] = f"{rows.sheet}!{cell}"
        if vals.is_blank(raw):
            if key == "year":
                rd.add("missing-value", sheet=rows.sheet, cell=cell, field=tm.SETTINGS[key][0])
            continue
        try:
            if key == "year":
                year = vals.parse_number(raw)
                if year != int(year) or not 2000 <= year <= 2100:
                    raise ValueError(raw)
                s.year = int(year)
            elif key == "partly_threshold":
                share = vals.parse_share(raw, rows.is_percent(r, "value"))
                if not 0 < share <= 1:
                    raise ValueError(raw)
                s.partly_threshold = share
            elif key == "deviation_threshold_tkr":
                amount = vals.parse_number(raw)
                if amount < 0:
                    raise ValueError(raw)
                s.deviation_threshold_tkr = amount
            elif key == "deadline":
                s.deadline = vals.parse_date(raw)
            elif key == "period":
                s.period = Period.parse(str(raw))
            elif key == "pdf":
                s.pdf = vals.parse_yesno(raw)
            else:
                setattr(s, key, id_text(raw))
        except (ValueError, PeriodError):
            rd.add("invalid-setting", sheet=rows.sheet, cell=cell, field=tm.SETTINGS[key][0], found=raw,
                   expected=tm.SETTING_EXPECTED.get(key, ""))
    for key in ("year",):
        if key not in s.cells and rows.sheet:
            rd.add("missing-value", sheet=rows.sheet, field=tm.SETTINGS[key][0])
    return s


def _read_goals(rd: TableReader) -> list[Goal]:
    rows = rd.table("Mal")
    out = []
    for r, row in rows.rows:
        number = rd.number(rows, r, row, "number", code="invalid-id")
        if number is None:
            if vals.is_blank(row.get("number")):
                rd.add("missing-id", sheet=rows.sheet, cell=rd.cell(rows, r, "number"),
                       field=rows.header("number"))
            continue
        out.append(Goal(int(number), rd.text(rows, r, row, "title", True, str(int(number))),
                        rd.text(rows, r, row, "formulation"), source=rows.source(r)))
    _old_goal_narrative(rd)
    return out


def _old_goal_narrative(rd: TableReader) -> None:
    """A master written before the sheet Plantexter kept each goal's narrative in a column Beskrivning of the
    table Mal: that text is no longer read, and the controller is told where it belongs now."""
    found = rd.tables.get("mal")
    if found is None:
        return
    ws, table = found
    min_col, min_row, max_col, max_row = excel.bounds(table.ref)
    for c in range(min_col, max_col + 1):
        if norm(str(ws.cell(row=min_row, column=c).value or "")) != norm(tm.OLD_GOAL_NARRATIVE):
            continue
        filled = [r for r in range(min_row + 1, max_row + 1) if not vals.is_blank(ws.cell(row=r, column=c).value)]
        if filled:
            rd.add("old-goal-narrative", sheet=ws.title, cell=ws.cell(row=filled[0], column=c).coordinate,
                   field=tm.OLD_GOAL_NARRATIVE)


def _read_sub_goals(rd: TableReader) -> list[SubGoal]:
    rows = rd.table("Delmal")
    out = []
    for r, row in rows.rows:
        sid = _sub_goal_id(row.get("id"))
        if not sid:
            rd.add("missing-id", sheet=rows.sheet, cell=rd.cell(rows, r, "id"), field=rows.header("id"))
            continue
        goal = rd.number(rows, r, row, "goal", sid, code="invalid-id")
        if goal is None and vals.is_blank(row.get("goal")):
            # "1.1" belongs to goal 1 unless the table says otherwise.
            head = sid.split(".")[0]
            goal = float(head) if head.isdigit() else None
            if goal is None:
                rd.add("missing-value", sheet=rows.sheet, cell=rd.cell(rows, r, "goal"),
                       field=rows.header("goal"), item_id=sid)
        out.append(SubGoal(sid, int(goal) if goal is not None else 0, rd.text(rows, r, row, "text", True, sid),
                           source=rows.source(r)))
    return out


def _sub_goal_id(raw: object) -> str:
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return f"{raw:g}" if isinstance(raw, float) else str(raw)
    return id_text(raw)


def _read_value(rd: TableReader, rows: TableRows, r: int, row: dict[str, Any], name: str, kind: ValueKind,
                item_id: str) -> Value:
    raw = row.get(name)
    if vals.is_blank(raw):
        return None
    try:
        return vals.parse_value(raw, kind, rows.is_percent(r, name))
    except ValueError:
        code = "invalid-target" if name == "target" else "invalid-baseline"
        rd.add(code, sheet=rows.sheet, cell=rd.cell(rows, r, name), field=rows.header(name),
               item_id=item_id, found=raw, expected=tc.VALUE_KIND[kind])
        return None


def _read_periodicity(rd: TableReader, rows: TableRows, r: int, row: dict[str, Any], item_id: str) -> Periodicity:
    raw = row.get("periodicity")
    if vals.is_blank(raw):
        rd.add("missing-value", sheet=rows.sheet, cell=rd.cell(rows, r, "periodicity"),
               field=rows.header("periodicity"), item_id=item_id)
        return Periodicity("", frozenset())
    try:
        return parse_periodicity(raw if isinstance(raw, str) else str(raw or ""))
    except PeriodicityError:
        rd.add("invalid-periodicity", sheet=rows.sheet, cell=rd.cell(rows, r, "periodicity"),
               field=rows.header("periodicity"), item_id=item_id, found=raw,
               expected=tm.PERIODICITY_EXPECTED)
        return Periodicity(str(raw), frozenset())


def _read_indicators(rd: TableReader) -> list[Indicator]:
    rows = rd.table("Indikatorer")
    out = []
    for r, row in rows.rows:
        iid = id_text(row.get("id"))
        if not iid:
            rd.add("missing-id", sheet=rows.sheet, cell=rd.cell(rows, r, "id"), field=rows.header("id"))
            continue
        kind = rd.choice(rows, r, row, "kind", tc.VALUE_KIND, ValueKind.COUNT, iid)
        if vals.is_blank(row.get("kind")):
            rd.add("missing-value", sheet=rows.sheet, cell=rd.cell(rows, r, "kind"),
                   field=rows.header("kind"), item_id=iid)
        measurement = _read_measurement(rd, rows, r, row, kind, iid)
        decimals = _read_decimals(rd, rows, r, row, iid)
        periodicity = _read_periodicity(rd, rows, r, row, iid)
        baseline_year = rd.number(rows, r, row, "baseline_year", iid)
        threshold = row.get("partly_threshold")
        partly = None
        if not vals.is_blank(threshold):
            try:
                partly = vals.parse_share(threshold, rows.is_percent(r, "partly_threshold"))
            except ValueError:
                rd.add("invalid-number", sheet=rows.sheet, cell=rd.cell(rows, r, "partly_threshold"),
                       field=rows.header("partly_threshold"), item_id=iid, found=threshold,
                       expected=tm.EXPECTED["share"])
        out.append(Indicator(
            id=iid,
            sub_goal=_sub_goal_id(row.get("sub_goal")),
            name=rd.text(rows, r, row, "name", True, iid),
            kind=kind,
            periodicity=periodicity,
            unit_of_measure=rd.text(rows, r, row, "unit_of_measure"),
            baseline_year=int(baseline_year) if baseline_year is not None else None,
            baseline=_read_value(rd, rows, r, row, "baseline", kind, iid),
            baseline_missing_reason=rd.text(rows, r, row, "baseline_missing_reason"),
            target=_read_value(rd, rows, r, row, "target", kind, iid),
            baseline_grouped=rows.is_grouped(r, "baseline"),
            target_grouped=rows.is_grouped(r, "target"),
            direction=rd.choice(rows, r, row, "direction", tc.DIRECTION, Direction.HIGHER, iid),
            units=id_list(row.get("units")),
            aggregation=rd.choice(rows, r, row, "aggregation", tc.AGGREGATION, Aggregation.SUM, iid),
            partly_threshold=partly,
            note=rd.text(rows, r, row, "note"),
            measurement=measurement,
            decimals=decimals,
            source=rows.source(r),
        ))
    return out


def _read_measurement(rd: TableReader, rows: TableRows, r: int, row: dict[str, Any], kind: ValueKind,
                      item_id: str) -> Measurement | None:
    """The measurement named in the row; None (the kind's default) when the cell is empty. Yes/no and text are
    not measured: a measurement there is a warning and is not used."""
    raw = row.get("measurement")
    if vals.is_blank(raw):
        return None
    chosen = rd.choice(rows, r, row, "measurement", tc.MEASUREMENT, "", item_id)
    if not chosen:
        return None
    if kind in (ValueKind.YESNO, ValueKind.TEXT):
        rd.add("measurement-not-applicable", sheet=rows.sheet, cell=rd.cell(rows, r, "measurement"),
               field=rows.header("measurement"), item_id=item_id, found=raw, kind=tc.VALUE_KIND[kind])
        return None
    return Measurement(chosen)


def _read_decimals(rd: TableReader, rows: TableRows, r: int, row: dict[str, Any], item_id: str) -> int | None:
    """The number of decimals, a whole number 0-6; None when empty or unreadable (with a finding)."""
    raw = row.get("decimals")
    if vals.is_blank(raw):
        return None
    try:
        n = vals.parse_number(raw)
    except ValueError:
        n = -1.0
    if n != int(n) or not 0 <= n <= MAX_DECIMALS:
        rd.add("invalid-decimals", sheet=rows.sheet, cell=rd.cell(rows, r, "decimals"),
               field=rows.header("decimals"), item_id=item_id, found=raw, expected=tm.EXPECTED["decimals"])
        return None
    return int(n)


def _read_weights(rd: TableReader) -> list[Weight]:
    """The weights of weighted means (sheet Vikter; a master without it has none)."""
    rows = rd.table("Vikter", required=False)
    out = []
    for r, row in rows.rows:
        indicator = id_text(row.get("indicator"))
        unit = id_text(row.get("unit"))
        if not indicator:
            rd.add("missing-id", sheet=rows.sheet, cell=rd.cell(rows, r, "indicator"),
                   field=rows.header("indicator"))
            continue
        if not unit:
            rd.add("missing-value", sheet=rows.sheet, cell=rd.cell(rows, r, "unit"), field=rows.header("unit"),
                   item_id=indicator)
            continue
        weight = rd.number(rows, r, row, "weight", indicator)
        if weight is None and vals.is_blank(row.get("weight")):
            rd.add("missing-value", sheet=rows.sheet, cell=rd.cell(rows, r, "weight"),
                   field=rows.header("weight"), item_id=indicator)
        out.append(Weight(indicator, unit, weight, rd.text(rows, r, row, "note"), source=rows.source(r)))
    return out


def _read_assignments(rd: TableReader) -> list[Assignment]:
    rows = rd.table("Uppdrag")
    out = []
    for r, row in rows.rows:
        aid = id_text(row.get("id"))
        if not aid:
            rd.add("missing-id", sheet=rows.sheet, cell=rd.cell(rows, r, "id"), field=rows.header("id"))
            continue
        periodicity = _read_periodicity(rd, rows, r, row, aid)
        end = row.get("end_date")
        end_date = None
        if not vals.is_blank(end):
            try:
                end_date = vals.parse_date(end)
            except ValueError:
                rd.add("invalid-date", sheet=rows.sheet, cell=rd.cell(rows, r, "end_date"),
                       field=rows.header("end_date"), item_id=aid, found=end,
                       expected=tm.EXPECTED["date"])
        out.append(Assignment(
            id=aid, text=rd.text(rows, r, row, "text", True, aid), periodicity=periodicity,
            status=rd.choice(rows, r, row, "status", tc.ASSIGNMENT_STATUS, AssignmentStatus.NOT_STARTED, aid),
            end_date=end_date, units=id_list(row.get("units")), plan_ahead=rd.text(rows, r, row, "plan_ahead"),
            source=rows.source(r)))
    return out


def _read_units(rd: TableReader) -> list[Unit]:
    rows = rd.table("Verksamheter")
    out = []
    for r, row in rows.rows:
        uid = id_text(row.get("id"))
        if not uid:
            rd.add("missing-id", sheet=rows.sheet, cell=rd.cell(rows, r, "id"), field=rows.header("id"))
            continue
        out.append(Unit(uid, rd.text(rows, r, row, "name", True, uid), rd.text(rows, r, row, "contact"),
                        source=rows.source(r)))
    return out


def _read_verdicts(rd: TableReader, year: int) -> list[Verdict]:
    """The controller's verdicts. A period written without a year ("T2") is the plan year's; a row whose
    period cannot be read is left out (it could not match any period) with a warning at its cell."""
    rows = rd.table("Bedomningar", required=False)
    out = []
    for r, row in rows.rows:
        level = rd.choice(rows, r, row, "level", tc.VERDICT_LEVEL, "goal")
        assessment = rd.choice(rows, r, row, "assessment", tc.ASSESSMENT, Assessment.NONE)
        ref = _sub_goal_id(row.get("ref"))
        raw = rd.text(rows, r, row, "period")
        period = _verdict_period(raw, year)
        if period is None:
            rd.add("invalid-verdict-period", sheet=rows.sheet, cell=rd.cell(rows, r, "period"),
                   field=rows.header("period"), item_id=ref, found=raw or None,
                   expected=tm.VERDICT_PERIOD_EXPECTED)
            continue
        out.append(Verdict(period, level, ref, assessment, rd.text(rows, r, row, "motivation"),
                           source=rows.source(r)))
    return out


def _verdict_period(text: str, year: int) -> Period | None:
    """ "2026-T2" (any form ``Period.parse`` reads), or "T2" / "aug" for the plan year; None otherwise."""
    if not text:
        return None
    for candidate in (text, f"{year}-{text}"):
        try:
            return Period.parse(candidate)
        except PeriodError:
            continue
    return None


def _read_texts(rd: TableReader) -> list[PlanText]:
    """The plan document's own texts, in the sheet's order. A row without text is skipped; a place that is
    neither a chapter, a section nor a goal is an error at its cell. The table is optional (a master written
    before it existed has no texts)."""
    rows = rd.table("Plantexter", required=False)
    out = []
    for r, row in rows.rows:
        text = rd.text(rows, r, row, "text")
        raw = row.get("section")
        if vals.is_blank(raw):
            if text:
                rd.add("missing-value", sheet=rows.sheet, cell=rd.cell(rows, r, "section"),
                       field=rows.header("section"))
            continue
        place = parse_place(raw)
        if place is None:
            rd.add("invalid-text-place", sheet=rows.sheet, cell=rd.cell(rows, r, "section"),
                   field=rows.header("section"), found=raw, expected=tm.TEXT_PLACE_EXPECTED)
            continue
        if not text:
            continue
        kind = rd.choice(rows, r, row, "kind", tc.TEXT_KIND, TextKind.PARAGRAPH, place.section or str(place.goal))
        out.append(PlanText(place.section, kind, text, place.goal, source=rows.source(r)))
    return out


def _read_budget(rd: TableReader, wb: Workbook) -> Budget:
    b = Budget()
    rows = rd.table("Atgarder")
    for r, row in rows.rows:
        mid = id_text(row.get("id"))
        b.measures.append(Measure(mid, rd.text(rows, r, row, "text"), id_text(row.get("unit")),
                                  rd.number(rows, r, row, "amount_tkr", mid, code="amount-not-number"),
                                  rd.text(rows, r, row, "status"), source=rows.source(r)))
    rows = rd.table("Arsprognos")
    for r, row in rows.rows:
        uid = id_text(row.get("unit"))
        b.prior_forecasts.append(PriorForecast(
            uid, rd.number(rows, r, row, "forecast_tkr", uid, code="amount-not-number"), source=rows.source(r)))
    rows = rd.table("Budgetforandringar")
    for r, row in rows.rows:
        uid = id_text(row.get("unit"))
        b.changes.append(BudgetChange(
            uid, rd.choice(rows, r, row, "kind", tc.CHANGE_KIND, ChangeKind.OTHER, uid),
            rd.text(rows, r, row, "text"),
            rd.number(rows, r, row, "amount_tkr", uid, code="amount-not-number"), source=rows.source(r)))
    rows = rd.table("Budgetramar")
    for r, row in rows.rows:
        uid = id_text(row.get("unit"))
        if not uid and all(vals.is_blank(row.get(k)) for k in ("previous_tkr", "frame_tkr")):
            continue
        b.frames.append(Frame(uid, rd.number(rows, r, row, "previous_tkr", uid, code="amount-not-number"),
                              rd.number(rows, r, row, "frame_tkr", uid, code="amount-not-number"),
                              source=rows.source(r)))
    rows = rd.table("Budgetparametrar")
    labels = {norm(v): k for k, v in tm.BUDGET_PARAMETERS.items()}
    for r, row in rows.rows:
        key = labels.get(norm(str(row.get("parameter") or "")))
        if key is None:
            continue
        b.cells[key] = f"{rows.sheet}!{rd.cell(rows, r, 'value')}"
        raw = row.get("value")
        if vals.is_blank(raw):
            continue
        try:
            value = (vals.parse_share(raw, rows.is_percent(r, "value")) if key == "net_cost_ceiling"
                     else vals.parse_number(raw))
        except ValueError:
            rd.add("amount-not-number", sheet=rows.sheet, cell=rd.cell(rows, r, "value"),
                   field=tm.BUDGET_PARAMETERS[key], found=raw, expected=tm.EXPECTED["number"])
            continue
        setattr(b, key, value)
    b.is_example = _is_example_budget(rd)
    return b


def _is_example_budget(rd: TableReader) -> bool:
    """True when the frames sheet says, above its table, that the figures are invented examples."""
    found = rd.tables.get("budgetramar")
    if found is None:
        return False
    ws, table = found
    _min_col, header_row, _max_col, _max_row = excel.bounds(table.ref)
    prefix = tc.EXAMPLE_BUDGET_MARK
    return any(isinstance(cell.value, str) and cell.value.strip().startswith(prefix)
               for row in ws.iter_rows(min_row=1, max_row=max(header_row - 1, 1)) for cell in row)

