"""Unit return workbooks: one self-checking, macro-free .xlsx per unit and period.

The layout is the contract in ``toolkit.layout``: sheets Start, Indikatorer, Uppdrag, Ekonomi, a hidden
list sheet and a very hidden identity sheet. Each input sheet has a header row whose first cell is the id
header, then one row per item with its id in column A. The workbook guides the unit by itself: dropdowns
and number validations with Swedish messages, unlocked and coloured input cells, everything else locked,
orange marks on missing required inputs, a "Kontroll" formula per row and a completeness line on the
start sheet. The required inputs per period follow ``layout.REQUIRED_*``.

Styles are built once per workbook as style arrays and copied onto cells: generating hundreds of returns
costs little more than writing the same cells bare (``benchmarks/bench_returns.py``).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.formatting.rule import Rule
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.styles.cell_style import StyleArray
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.styles.numbers import BUILTIN_FORMATS_MAX_SIZE, BUILTIN_FORMATS_REVERSE
from openpyxl.utils.cell import column_index_from_string as xlsx_index
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from toolkit import layout
from toolkit import xlsx
from toolkit.errors import InputError, NplanError
from toolkit.model import Assessment, Indicator, Plan, Unit, Value, ValueKind
from toolkit.periods import Period
from toolkit.texts import common as tc
from toolkit.texts import returns as tr
from toolkit.values import format_number

PreviousValues = Mapping[tuple[str, str], Value]

FIRST_ROW = layout.HEADER_ROW + 1
GREEN = tc.ASSESSMENT[Assessment.MET]

IND = list(layout.INDICATOR_COLUMNS)
ASG = list(layout.ASSIGNMENT_COLUMNS)
ECO = list(layout.ECONOMY_COLUMNS)

# Start sheet rows (label in A, value in B); the status cells are named in layout.
START_ROWS = {
    "committee": 4, "unit": 5, "period": 6, "report": 7, "deadline": 8,
    "status": 10, "missing_indicators": 11, "missing_assignments": 12, "missing_economy": 13,
    "missing_total": 14,
}
INSTRUCTIONS_ROW = 16
THRESHOLD_ROW = FIRST_ROW + 2  # on the economy sheet, under the deviation column
FRAME_PARTS_ROW = THRESHOLD_ROW + 2

LISTS: dict[str, list[str]] = {
    layout.LIST_NAMES["assessment"]: list(tc.ASSESSMENT.values()),
    layout.LIST_NAMES["status"]: list(tc.ASSIGNMENT_STATUS.values()),
    layout.LIST_NAMES["yesno"]: [tc.YES, tc.NO],
}

KIND_FORMAT = {ValueKind.COUNT: xlsx.FMT_COUNT, ValueKind.SHARE: xlsx.FMT_PERCENT,
               ValueKind.AMOUNT: xlsx.FMT_TKR, ValueKind.YESNO: "General", ValueKind.TEXT: "General"}

WIDTHS = {
    layout.SHEET_INDICATORS: [11, 18, 26, 42, 13, 11, 11, 13, 12, 17, 46, 36, 26],
    layout.SHEET_ASSIGNMENTS: [11, 70, 12, 16, 60, 24],
    layout.SHEET_ECONOMY: [15, 16, 16, 16, 16, 50, 50, 28],
}

HEADER_ALIGN = Alignment(wrap_text=True, vertical="center")
TOP = Alignment(vertical="top", horizontal="left", wrap_text=True)
UNLOCKED = Protection(locked=False)
BOLD = Font(bold=True)
STATUS_FONT = Font(bold=True, size=12)
OK_FILL = PatternFill("solid", fgColor=tc.ASSESSMENT_FILL[Assessment.MET])
CHECK_FONT = Font(bold=True, color="9C0006")


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------

def return_file_name(plan: Plan, unit_id: str, period: Period | str) -> str:
    """"2026-T2_Film_i_Vasterbotten.xlsx": the period and an ASCII-safe form of the unit's name.

    When two units' names give the same safe name, the unit id is added so that files never collide.
    """
    per = _period(period)
    unit = _unit(plan, unit_id)
    name = _safe_name(unit.name) or _safe_name(unit.id) or "verksamhet"
    if any(u.id != unit.id and (_safe_name(u.name) or _safe_name(u.id)) == name for u in plan.units):
        name = f"{name}_{_safe_name(unit.id)}"
    return f"{per}_{name}.xlsx"


def build_return(plan: Plan, unit_id: str, period: Period | str, *, deadline: dt.date | None = None,
                 now: dt.datetime | None = None, previous: PreviousValues | None = None) -> Workbook:
    """The return workbook of one unit for one period (not saved)."""
    per = _period(period)
    _check_year(plan, per)
    return _Builder(plan, _unit(plan, unit_id), per, deadline=_deadline(plan, per, deadline),
                    generated_at=_generated_at(now), previous=previous or {},
                    plan_identity=plan.identity()).build()


def create_returns(plan: Plan, period: Period | str, out_dir: str | Path, *, units: Iterable[str] | None = None,
                   deadline: dt.date | None = None, now: dt.datetime | None = None,
                   previous: PreviousValues | None = None, overwrite: bool = True) -> list[Path]:
    """Write one return per unit (all units, or only ``units``) into ``out_dir``; return the paths.

    Each file is written atomically. The same plan and period give the same content; only the time of
    generation differs (pin it with ``now``). ``previous`` maps (unit id, indicator id) to the value the
    unit reported earlier in the year, shown in the column "Tidigare rapporterat i år".
    With ``overwrite=False`` nothing is written when any of the files already exists.
    """
    per = _period(period)
    _check_year(plan, per)
    unit_ids = _select_units(plan, units)
    out = Path(out_dir)
    targets = [(uid, out / return_file_name(plan, uid, per)) for uid in unit_ids]
    if not overwrite:
        existing = [p for _, p in targets if p.exists()]
        if existing:
            raise InputError(tr.RETURNS_EXIST.format(count=len(existing), dir=out, example=existing[0].name))
    when = _generated_at(now)
    due = _deadline(plan, per, deadline)
    identity = plan.identity()  # once: hashing the whole plan per unit would dominate large plans
    written = []
    for uid, path in targets:
        wb = _Builder(plan, _unit(plan, uid), per, deadline=due, generated_at=when,
                      previous=previous or {}, plan_identity=identity).build()
        written.append(xlsx.save_workbook(wb, path))
    return written


# --------------------------------------------------------------------------------------------
# Arguments
# --------------------------------------------------------------------------------------------

def _period(period: Period | str) -> Period:
    return period if isinstance(period, Period) else Period.parse(period)


def _check_year(plan: Plan, period: Period) -> None:
    if period.year != plan.year:
        raise InputError(tr.PERIOD_NOT_PLAN_YEAR.format(period=period, year=plan.year))


def _unit(plan: Plan, unit_id: str) -> Unit:
    unit = plan.unit(unit_id)
    if unit is None:
        raise InputError(tr.UNKNOWN_UNIT.format(unit=unit_id, known=", ".join(u.id for u in plan.units) or "-"))
    return unit


def _select_units(plan: Plan, units: Iterable[str] | None) -> list[str]:
    if not plan.units:
        raise InputError(tr.NO_UNITS)
    if units is None:
        return [u.id for u in plan.units]
    chosen: list[str] = []
    for uid in units:
        uid = str(uid).strip()
        _unit(plan, uid)
        if uid not in chosen:
            chosen.append(uid)
    return chosen


def _deadline(plan: Plan, period: Period, deadline: dt.date | None) -> dt.date | None:
    """The given deadline, else the master's when the master's current period is this period."""
    if deadline is not None:
        return deadline
    try:
        current = Period.parse(plan.settings.period) if plan.settings.period else None
    except NplanError:
        current = None
    return plan.settings.deadline if current == period else None


def _generated_at(now: dt.datetime | None) -> dt.datetime:
    when = now or dt.datetime.now(dt.timezone.utc)
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return when.astimezone(dt.timezone.utc).replace(microsecond=0)


_TRANSLIT = str.maketrans({"æ": "ae", "Æ": "Ae", "ø": "o", "Ø": "O", "ß": "ss", "đ": "d", "Đ": "D",
                           "ł": "l", "Ł": "L", "þ": "th", "Þ": "Th"})


def _safe_name(text: str) -> str:
    """ASCII letters, digits, '-' and '_' only: å -> a, ä -> a, ö -> o, spaces -> _, the rest dropped."""
    ascii_text = unicodedata.normalize("NFKD", text.translate(_TRANSLIT)).encode("ascii", "ignore").decode()
    name = re.sub(r"\s+", "_", ascii_text.strip())
    name = re.sub(r"[^A-Za-z0-9_-]", "", name)
    name = re.sub(r"_+", "_", name).strip("_-")
    return name[:80].rstrip("_-")


# --------------------------------------------------------------------------------------------
# Styles
# --------------------------------------------------------------------------------------------

class _Styles:
    """Style arrays copied onto cells: no per-cell style objects.

    The style index lists (fonts, fills, ...) with every style the returns use are built once per process
    (``_template``) and cloned into each new workbook; registering styles per workbook hashes every style
    object again and would dominate the time of generating hundreds of small returns.
    """

    BASE: dict[str, dict[str, Any]] = {
        "title": {"font": xlsx.TITLE_FONT},
        "note": {"font": xlsx.NOTE_FONT},
        "warn": {"font": xlsx.WARN_FONT, "alignment": Alignment(wrap_text=True, vertical="top")},
        "bold": {"font": BOLD},
        "label": {"font": BOLD, "alignment": TOP},
        "plain": {"alignment": TOP},
        "text": {},
        "header": {"font": xlsx.HEADER_FONT, "fill": xlsx.HEADER_FILL, "border": xlsx.BOX,
                   "alignment": HEADER_ALIGN},
        "info": {"border": xlsx.BOX, "alignment": TOP},
        "input": {"border": xlsx.BOX, "alignment": TOP, "fill": xlsx.INPUT_FILL, "protection": UNLOCKED},
        "formula": {"border": xlsx.BOX, "alignment": TOP, "fill": xlsx.FORMULA_FILL},
        "check": {"border": xlsx.BOX, "alignment": TOP, "fill": xlsx.FORMULA_FILL, "font": CHECK_FONT},
        "status": {"border": xlsx.BOX, "alignment": TOP, "fill": xlsx.FORMULA_FILL, "font": STATUS_FONT},
    }
    FORMATS = ("General", xlsx.FMT_COUNT, xlsx.FMT_TKR, xlsx.FMT_PERCENT, xlsx.FMT_DATE, "0")
    LISTS = ("_fonts", "_fills", "_borders", "_alignments", "_protections", "_number_formats")
    _template: tuple[dict[str, IndexedList], dict[tuple[str, str], StyleArray]] | None = None

    def __init__(self, wb: Workbook) -> None:
        self.wb = wb
        lists, arrays = self.template()
        for attr, items in lists.items():
            setattr(wb, attr, _clone(items))
        self._cache = dict(arrays)

    @classmethod
    def template(cls) -> tuple[dict[str, IndexedList], dict[tuple[str, str], StyleArray]]:
        if cls._template is None:
            wb = Workbook()
            arrays = {(name, fmt): cls._register(wb, name, fmt) for name in cls.BASE for fmt in cls.FORMATS}
            cls._template = ({attr: getattr(wb, attr) for attr in cls.LISTS}, arrays)
        return cls._template

    @classmethod
    def _register(cls, wb: Workbook, name: str, number_format: str) -> StyleArray:
        spec = cls.BASE[name]
        arr = StyleArray()
        if "font" in spec:
            arr.fontId = wb._fonts.add(spec["font"])
        if "fill" in spec:
            arr.fillId = wb._fills.add(spec["fill"])
        if "border" in spec:
            arr.borderId = wb._borders.add(spec["border"])
        if "alignment" in spec:
            arr.alignmentId = wb._alignments.add(spec["alignment"])
        if "protection" in spec:
            arr.protectionId = wb._protections.add(spec["protection"])
        if number_format in BUILTIN_FORMATS_REVERSE:
            arr.numFmtId = BUILTIN_FORMATS_REVERSE[number_format]
        else:
            arr.numFmtId = wb._number_formats.add(number_format) + BUILTIN_FORMATS_MAX_SIZE
        return arr

    def array(self, name: str, number_format: str = "General") -> StyleArray:
        arr = self._cache.get((name, number_format))
        if arr is None:  # a combination outside the template: register it in this workbook only
            arr = self._cache[(name, number_format)] = self._register(self.wb, name, number_format)
        return arr

    def put(self, ws: Worksheet, row: int, column: int, value: object, style: str,
            number_format: str = "General", text: bool = False) -> Cell:
        """Write a value with a style; ``text=True`` writes it as text (never a formula)."""
        cell = ws.cell(row=row, column=column)
        if text and value is not None:
            xlsx.set_text(cell, value)
        else:
            cell.value = value
        cell._style = StyleArray(self.array(style, number_format))
        return cell


def _clone(items: IndexedList) -> IndexedList:
    """A copy of an IndexedList without hashing its items again."""
    new = IndexedList()
    list.extend(new, items)
    new._dict = dict(items._dict)
    new.clean = items.clean
    return new


# --------------------------------------------------------------------------------------------
# The builder
# --------------------------------------------------------------------------------------------

@dataclass
class _Rows:
    """Where the data rows of an input sheet are: first..last (last < first when there are none)."""

    first: int
    last: int

    @property
    def count(self) -> int:
        return max(self.last - self.first + 1, 0)

    def ref(self, letter: str, absolute: bool = False) -> str:
        if absolute:
            return f"${letter}${self.first}:${letter}${self.last}"
        return f"{letter}{self.first}:{letter}{self.last}"


def _letter(columns: list[str], key: str) -> str:
    return xlsx.col(columns.index(key) + 1)


def _q(text: str) -> str:
    """A string literal inside a formula."""
    return '"' + text.replace('"', '""') + '"'


def _missing_formula(parts: Sequence[tuple[str, str]]) -> str:
    """="" when nothing is missing, else "Saknas: A, B" listing the label of each true condition."""
    listed = "&".join(f'IF({cond},{_q(", " + label)},"")' for cond, label in parts)
    return f'=IF({listed}="","",{_q(tr.CHECK_MISSING)}&MID({listed},3,500))'


def _blank(ref: str) -> str:
    return f'TRIM({ref})=""'


def _filled(ref: str) -> str:
    return f'TRIM({ref})<>""'


class _Builder:
    def __init__(self, plan: Plan, unit: Unit, period: Period, *, deadline: dt.date | None,
                 generated_at: dt.datetime, previous: PreviousValues, plan_identity: str) -> None:
        self.plan = plan
        self.unit = unit
        self.period = period
        self.deadline = deadline
        self.generated_at = generated_at
        self.previous = previous
        self.plan_identity = plan_identity
        self.threshold = plan.settings.deviation_threshold_tkr
        self.password = plan.settings.protection_password or ""
        self.indicators = plan.indicators_for(unit.id, period)
        self.assignments = plan.assignments_for(unit.id, period)
        self.wb = Workbook()
        self.st = _Styles(self.wb)
        self.dxf_missing = self.wb._differential_styles.add(DifferentialStyle(fill=xlsx.MISSING_FILL))
        self.dxf_ok = self.wb._differential_styles.add(DifferentialStyle(fill=OK_FILL))
        self.counts: dict[str, str] = {}  # start-sheet key -> formula counting missing inputs

    # ---- the whole workbook ----

    def build(self) -> Workbook:
        wb = self.wb
        start = wb.active
        start.title = layout.SHEET_START
        ind = wb.create_sheet(layout.SHEET_INDICATORS)
        asg = wb.create_sheet(layout.SHEET_ASSIGNMENTS)
        eco = wb.create_sheet(layout.SHEET_ECONOMY)
        lists = wb.create_sheet(layout.SHEET_LISTS)
        ident = wb.create_sheet(layout.SHEET_IDENTITY)
        self._lists(lists)
        self._economy(eco)  # first: defines the threshold name the other formulas use
        self._indicators(ind)
        self._assignments(asg)
        self._start(start)
        self._identity(ident)
        for ws in (start, ind, asg, eco, lists, ident):
            self._protect(ws)
        wb.security = WorkbookProtection(lockStructure=True)
        if self.password:
            wb.security.workbookPassword = self.password
        wb.active = 0
        wb.calculation.fullCalcOnLoad = True
        props = wb.properties
        props.creator = "nplan"
        props.title = f"{self.period} {self.unit.name}"
        stamp = self.generated_at.replace(tzinfo=None)
        props.created = props.modified = stamp
        return wb

    def _protect(self, ws: Worksheet) -> None:
        p = ws.protection
        p.sheet = True
        # Allowed even when protected: resizing rows and columns (long texts), selecting cells.
        p.formatColumns = False
        p.formatRows = False
        if self.password:
            p.password = self.password

    def _heading(self, ws: Worksheet, title: str, note: str, extra: str = "", extra_style: str = "note") -> None:
        self.st.put(ws, 1, 1, title, "title", text=True)
        self.st.put(ws, 2, 1, note, "note", text=True)
        if extra:
            self.st.put(ws, 3, 1, extra, extra_style, text=True)

    def _headers(self, ws: Worksheet, headers: Mapping[str, str]) -> None:
        for c, header in enumerate(headers.values(), start=1):
            self.st.put(ws, layout.HEADER_ROW, c, header, "header", text=True)

    def _finish(self, ws: Worksheet, freeze: str) -> None:
        # No row heights: Excel and LibreOffice fit wrapped rows on load and grow them while typing.
        xlsx.set_widths(ws, WIDTHS[ws.title])
        ws.freeze_panes = freeze
        xlsx.print_setup(ws, title_rows=f"{layout.HEADER_ROW}:{layout.HEADER_ROW}")

    def _text_validation(self, ws: Worksheet, ref: str, prompt_key: str, limit: int,
                         **fmt: object) -> DataValidation:
        title, prompt, error = tr.PROMPTS[prompt_key]
        return xlsx.number_validation(ws, ref, kind="textLength", operator="lessThanOrEqual", minimum=limit,
                               prompt=prompt.format(**fmt), error=error.format(max=limit), title=title)

    def _rule(self, ws: Worksheet, ref: str, formula: str, dxf_id: int, kind: str = "expression",
              operator: str | None = None) -> None:
        """A conditional format whose differential style is registered once per workbook (by index)."""
        ws.conditional_formatting.add(ref, Rule(type=kind, operator=operator, formula=[formula], dxfId=dxf_id))

    def _mark_missing(self, ws: Worksheet, ref: str, condition: str) -> None:
        self._rule(ws, ref, condition, self.dxf_missing)

    def _mark_required(self, ws: Worksheet, letters: dict[str, str], keys: Sequence[str], rows: _Rows) -> None:
        """Mark empty required cells; adjacent required columns share one rule (relative references)."""
        for first, last in _spans(sorted(xlsx_index(letters[k]) for k in keys)):
            a, b = xlsx.col(first), xlsx.col(last)
            self._mark_missing(ws, f"{a}{rows.first}:{b}{rows.last}", _blank(f"{a}{rows.first}"))

    def _mark_check(self, ws: Worksheet, ref: str) -> None:
        top = ref.split(":")[0]
        self._mark_missing(ws, ref, f'LEN({top})>0')

    # ---- lists ----

    def _lists(self, ws: Worksheet) -> None:
        for c, (name, items) in enumerate(LISTS.items(), start=1):
            self.st.put(ws, 1, c, tr.LIST_TITLES[name], "bold", text=True)
            for r, item in enumerate(items, start=2):
                xlsx.set_text(ws.cell(row=r, column=c), item)
            letter = xlsx.col(c)
            xlsx.define_name(self.wb, name, ws.title, f"${letter}$2:${letter}${len(items) + 1}")
            ws.column_dimensions[letter].width = 20
        ws.sheet_state = "hidden"

    # ---- indicators ----

    def _indicators(self, ws: Worksheet) -> None:
        plan, per, st = self.plan, self.period, self.st
        baseline_year = next((i.baseline_year for i in self.indicators if i.baseline_year), None) or plan.year - 2
        extra = (tr.NO_INDICATORS.format(period=per) if not self.indicators else
                 tr.INDICATORS_BASELINE_NOTE.format(year=baseline_year, plan_year=plan.year))
        self._heading(ws, tr.INDICATORS_TITLE.format(unit=self.unit.name, period=per),
                      tr.INDICATORS_NOTE[per.tertial], extra, "warn" if not self.indicators else "note")
        self._headers(ws, layout.INDICATOR_COLUMNS)
        rows = _Rows(FIRST_ROW, FIRST_ROW + len(self.indicators) - 1)
        L = {key: _letter(IND, key) for key in IND}
        required = layout.REQUIRED_INDICATOR_INPUTS[per.tertial]
        labels = layout.INDICATOR_COLUMNS
        by_kind: dict[ValueKind, list[int]] = {}
        for r, ind in enumerate(self.indicators, start=FIRST_ROW):
            fmt = KIND_FORMAT[ind.kind]
            sub = plan.sub_goal(ind.sub_goal)
            goal = plan.goal(sub.goal) if sub else None
            values: dict[str, tuple[object, str, str]] = {
                "id": (ind.id, "info", "General"),
                "goal": (tr.GOAL_LABEL.format(number=goal.number, title=goal.title) if goal else "", "info",
                         "General"),
                "sub_goal": (tr.SUB_GOAL_LABEL.format(id=sub.id, text=sub.text) if sub else ind.sub_goal,
                             "info", "General"),
                "name": (ind.name, "info", "General"),
                "kind": (_kind_label(ind), "info", "General"),
                "baseline": (_display(ind.baseline, ind.kind) if ind.baseline is not None
                             else (ind.baseline_missing_reason or None), "info", fmt),
                "target": (_display(ind.target, ind.kind), "info", fmt),
                "previous": (_display(self.previous.get((self.unit.id, ind.id)), ind.kind), "info", fmt),
            }
            for key, (value, style, number_format) in values.items():
                st.put(ws, r, IND.index(key) + 1, value, style, number_format, text=isinstance(value, str))
            for key in layout.INDICATOR_INPUTS:
                st.put(ws, r, IND.index(key) + 1, None, "input", fmt if key == "outcome" else "General")
            by_kind.setdefault(ind.kind, []).append(r)
            parts = [(_blank(f"{L[k]}{r}"), labels[k]) for k in required]
            parts.append((f'AND({_filled(L["assessment"] + str(r))},{L["assessment"]}{r}<>{_q(GREEN)},'
                          f'{_blank(L["analysis"] + str(r))})', labels["analysis"]))
            st.put(ws, r, IND.index("check") + 1, _missing_formula(parts), "check")

        if rows.count:
            self._indicator_validations(ws, rows, L, by_kind)
            a, k = L["assessment"], L["analysis"]
            self._mark_required(ws, L, required, rows)
            self._mark_missing(ws, rows.ref(k), f'AND({_filled(f"${a}{rows.first}")},${a}{rows.first}<>{_q(GREEN)},'
                                                f'{_blank(f"{k}{rows.first}")})')
            self._mark_check(ws, rows.ref(L["check"]))
            q = _qualifier(ws.title)
            terms = [f"({_blank(q(rows.ref(L[key], True)))})" for key in required]
            ra, rk = q(rows.ref(a, True)), q(rows.ref(k, True))
            terms.append(f"({_filled(ra)})*({ra}<>{_q(GREEN)})*({_blank(rk)})")
            self.counts["missing_indicators"] = f"=SUMPRODUCT({'+'.join(terms)})"
        else:
            self.counts["missing_indicators"] = "=0"
        self._finish(ws, "B5")

    def _indicator_validations(self, ws: Worksheet, rows: _Rows, L: dict[str, str],
                               by_kind: dict[ValueKind, list[int]]) -> None:
        limit = layout.MAX_TEXT
        for kind, cells in by_kind.items():
            ref, *more = _ranges(L["outcome"], cells)
            title, prompt, error = tr.PROMPTS[kind.value]
            if kind is ValueKind.COUNT:
                dv = xlsx.number_validation(ws, ref, kind="whole", operator="greaterThanOrEqual", minimum=0,
                                       prompt=prompt, error=error, title=title)
            elif kind is ValueKind.SHARE:
                dv = xlsx.number_validation(ws, ref, kind="decimal", minimum=0, maximum=1, prompt=prompt,
                                       error=error, title=title)
            elif kind is ValueKind.AMOUNT:
                dv = xlsx.number_validation(ws, ref, kind="decimal", minimum=-1e12, maximum=1e12, prompt=prompt,
                                       error=error, title=title)
            elif kind is ValueKind.YESNO:
                dv = xlsx.list_validation(ws, layout.LIST_NAMES['yesno'], ref, prompt=prompt, error=error,
                                     title=title)
            else:
                dv = self._text_validation(ws, ref, "text", limit["analysis"])
            for extra in more:
                dv.add(extra)
        title, prompt, error = tr.PROMPTS["assessment_forecast" if self.period.tertial == 2 else "assessment"]
        xlsx.list_validation(ws, layout.LIST_NAMES['assessment'], rows.ref(L["assessment"]),
                             prompt=prompt, error=error, title=title)
        self._text_validation(ws, rows.ref(L["analysis"]), "analysis", limit["analysis"])
        self._text_validation(ws, rows.ref(L["measures"]), "measures", limit["measures"])

    # ---- assignments ----

    def _assignments(self, ws: Worksheet) -> None:
        per, st = self.period, self.st
        extra = tr.NO_ASSIGNMENTS.format(period=per) if not self.assignments else ""
        self._heading(ws, tr.ASSIGNMENTS_TITLE.format(unit=self.unit.name, period=per), tr.ASSIGNMENTS_NOTE,
                      extra, "warn")
        self._headers(ws, layout.ASSIGNMENT_COLUMNS)
        rows = _Rows(FIRST_ROW, FIRST_ROW + len(self.assignments) - 1)
        L = {key: _letter(ASG, key) for key in ASG}
        required = layout.REQUIRED_ASSIGNMENT_INPUTS[per.tertial]
        labels = layout.ASSIGNMENT_COLUMNS
        for r, a in enumerate(self.assignments, start=FIRST_ROW):
            st.put(ws, r, ASG.index("id") + 1, a.id, "info", text=True)
            st.put(ws, r, ASG.index("text") + 1, a.text, "info", text=True)
            st.put(ws, r, ASG.index("end_date") + 1, a.end_date, "info", xlsx.FMT_DATE)
            for key in layout.ASSIGNMENT_INPUTS:
                st.put(ws, r, ASG.index(key) + 1, None, "input")
            parts = [(_blank(f"{L[k]}{r}"), labels[k]) for k in required]
            st.put(ws, r, ASG.index("check") + 1, _missing_formula(parts) if parts else None, "check")
        if rows.count:
            title, prompt, error = tr.PROMPTS["status"]
            xlsx.list_validation(ws, layout.LIST_NAMES['status'], rows.ref(L["status"]), prompt=prompt,
                                 error=error, title=title)
            self._text_validation(ws, rows.ref(L["comment"]), "comment", layout.MAX_TEXT["comment"])
            self._mark_required(ws, L, required, rows)
            self._mark_check(ws, rows.ref(L["check"]))
            q = _qualifier(ws.title)
            terms = [f"({_blank(q(rows.ref(L[key], True)))})" for key in required]
            self.counts["missing_assignments"] = f"=SUMPRODUCT({'+'.join(terms)})" if terms else "=0"
        else:
            self.counts["missing_assignments"] = "=0"
        self._finish(ws, "B5")

    # ---- economy ----

    def _economy(self, ws: Worksheet) -> None:
        plan, per, st = self.plan, self.period, self.st
        frame = plan.budget.frame_of(self.unit.id)
        self._heading(ws, tr.ECONOMY_TITLE.format(unit=self.unit.name, period=per), tr.ECONOMY_NOTE,
                      tc.EXAMPLE_BUDGET_NOTE if plan.budget.is_example else "", "warn")
        self._headers(ws, layout.ECONOMY_COLUMNS)
        r = FIRST_ROW
        rows = _Rows(r, r)
        L = {key: _letter(ECO, key) for key in ECO}
        labels = layout.ECONOMY_COLUMNS
        required = layout.REQUIRED_ECONOMY_INPUTS[per.tertial]

        # The threshold, shown under the deviation column and named for the formulas.
        dev_col = ECO.index("deviation_tkr") + 1
        # Column A stays empty below the data row: readers take every filled A cell there for an id.
        st.put(ws, THRESHOLD_ROW, 2, tr.THRESHOLD_LABEL, "bold", text=True)
        st.put(ws, THRESHOLD_ROW, dev_col, self.threshold, "formula", xlsx.FMT_TKR)
        thr_abs = f"${L['deviation_tkr']}${THRESHOLD_ROW}"
        xlsx.define_name(self.wb, layout.THRESHOLD_NAME, ws.title, thr_abs)
        thr = layout.THRESHOLD_NAME

        st.put(ws, r, ECO.index("id") + 1, self.unit.id, "info", text=True)
        st.put(ws, r, ECO.index("frame_tkr") + 1, frame.frame_tkr if frame else None, "info", xlsx.FMT_TKR)
        for key in layout.ECONOMY_INPUTS:
            fmt = xlsx.FMT_TKR if key.endswith("_tkr") else "General"
            st.put(ws, r, ECO.index(key) + 1, None, "input", fmt)
        b, d, e = (f"{L[k]}{r}" for k in ("frame_tkr", "forecast_tkr", "deviation_tkr"))
        st.put(ws, r, dev_col, f'=IF(OR({b}="",{d}=""),"",IFERROR({b}-{d},""))', "formula", xlsx.FMT_TKR)
        needs_comment = f'IF({e}="",FALSE,ABS({e})>{thr})'
        parts = [(_blank(f"{L[k]}{r}"), labels[k]) for k in required]
        parts.append((f'AND({needs_comment},{_blank(L["comment"] + str(r))})', labels["comment"]))
        st.put(ws, r, ECO.index("check") + 1, _missing_formula(parts), "check")

        for key in ("outcome_tkr", "forecast_tkr"):
            title, prompt, error = tr.PROMPTS[key]
            xlsx.number_validation(ws, f"{L[key]}{r}", kind="decimal", minimum=-1e12, maximum=1e12,
                                   prompt=prompt, error=error, title=title)
        self._text_validation(ws, f"{L['comment']}{r}", "economy_comment", layout.MAX_TEXT["comment"],
                              threshold=_number_text(self.threshold))
        self._text_validation(ws, f"{L['events']}{r}", "events", layout.MAX_TEXT["comment"])
        self._mark_required(ws, L, required, rows)
        self._mark_missing(ws, f"{L['comment']}{r}",
                           f'AND(IF(${e}="",FALSE,ABS(${e})>{thr_abs}),{_blank(L["comment"] + str(r))})')
        self._mark_check(ws, f"{L['check']}{r}")
        q = _qualifier(ws.title)
        terms = [f"({_blank(q(f'${L[k]}${r}'))})" for k in required]
        qe, qc = q(f"${L['deviation_tkr']}${r}"), q(f"${L['comment']}${r}")
        terms.append(f'AND(IF({qe}="",FALSE,ABS({qe})>{thr}),{_blank(qc)})')
        self.counts["missing_economy"] = "=" + "+".join(terms)

        if frame is not None:
            self._frame_parts(ws, frame.previous_tkr, frame.frame_tkr, dev_col)
        self._finish(ws, "A5")

    def _frame_parts(self, ws: Worksheet, previous_tkr: float | None, frame_tkr: float | None,
                     amount_col: int) -> None:
        """The frame as the plan builds it: last year's frame and this year's changes (context only)."""
        st, year = self.st, self.plan.year
        lines: list[tuple[str, float | None]] = [(tr.FRAME_PREVIOUS.format(year=year - 1), previous_tkr)]
        for change in self.plan.budget.changes_of(self.unit.id):
            lines.append((tr.FRAME_CHANGE.format(kind=tc.CHANGE_KIND[change.kind], text=change.text),
                          change.amount_tkr))
        lines.append((tr.FRAME_CURRENT.format(year=year), frame_tkr))
        st.put(ws, FRAME_PARTS_ROW, 2, tr.FRAME_PARTS_TITLE, "bold", text=True)
        for i, (label, amount) in enumerate(lines, start=FRAME_PARTS_ROW + 1):
            # Not wrapped: the label runs over the empty cells to its right.
            st.put(ws, i, 2, label, "bold" if i == FRAME_PARTS_ROW + len(lines) else "text", text=True)
            st.put(ws, i, amount_col, amount, "info", xlsx.FMT_TKR)

    # ---- start ----

    def _start(self, ws: Worksheet) -> None:
        plan, per, st, unit = self.plan, self.period, self.st, self.unit
        st.put(ws, 1, 1, tr.START_TITLE.format(report=tr.REPORT_NAME[per.tertial], year=per.year,
                                               unit=unit.name), "title", text=True)
        st.put(ws, 2, 1, tr.START_SUBTITLE, "note", text=True)
        values: dict[str, tuple[object, str]] = {
            "committee": (plan.settings.committee, "General"),
            "unit": (tr.START_UNIT.format(name=unit.name, id=unit.id), "General"),
            "period": (tr.START_PERIOD.format(period=per, covers=tr.PERIOD_COVERS[per.tertial]), "General"),
            "report": (tr.REPORT_NAME[per.tertial], "General"),
            "deadline": (self.deadline if self.deadline else tr.NO_DEADLINE, xlsx.FMT_DATE),
        }
        for key, (value, fmt) in values.items():
            r = START_ROWS[key]
            st.put(ws, r, 1, tr.START_LABELS[key], "label", text=True)
            st.put(ws, r, 2, value, "info", fmt, text=isinstance(value, str))
        total = f"B{START_ROWS['missing_total']}"
        assert total == layout.START_MISSING_TOTAL_CELL
        for key in ("missing_indicators", "missing_assignments", "missing_economy"):
            r = START_ROWS[key]
            st.put(ws, r, 1, tr.START_LABELS[key], "label", text=True)
            st.put(ws, r, 2, self.counts[key], "formula", "0")
        first, last = START_ROWS["missing_indicators"], START_ROWS["missing_economy"]
        r = START_ROWS["missing_total"]
        st.put(ws, r, 1, tr.START_LABELS["missing_total"], "label", text=True)
        st.put(ws, r, 2, f"=SUM(B{first}:B{last})", "formula", "0")
        r = START_ROWS["status"]
        assert f"B{r}" == layout.START_STATUS_CELL
        many_prefix, _, many_suffix = tr.MISSING_COUNT.partition("{n}")
        st.put(ws, r, 1, tr.START_LABELS["status"], "label", text=True)
        many = "&".join(p for p in (_q(many_prefix) if many_prefix else "", total, _q(many_suffix)) if p)
        st.put(ws, r, 2, f'=IF({total}=0,{_q(tr.COMPLETE)},IF({total}=1,{_q(tr.MISSING_ONE)},{many}))', "status")
        self._rule(ws, f"B{r}", _q(tr.COMPLETE), self.dxf_ok, "cellIs", "equal")
        self._rule(ws, f"B{r}", _q(tr.COMPLETE), self.dxf_missing, "cellIs", "notEqual")
        self._rule(ws, f"B{first}:B{last}", "0", self.dxf_missing, "cellIs", "greaterThan")

        r = INSTRUCTIONS_ROW
        st.put(ws, r, 1, tr.INSTRUCTIONS_TITLE, "bold", text=True)
        lines = tr.INSTRUCTIONS_PERIOD[per.tertial] + tr.INSTRUCTIONS_COMMON + [
            tr.INSTRUCTIONS_ANALYSIS.format(threshold=_number_text(self.threshold))]
        for i, line in enumerate(lines, start=1):
            st.put(ws, r + i, 1, f"{i}.", "plain", text=True)
            st.put(ws, r + i, 2, line, "plain", text=True)
        if plan.budget.is_example:
            st.put(ws, r + len(lines) + 2, 2, tc.EXAMPLE_BUDGET_NOTE, "warn", text=True)
        xlsx.set_widths(ws, [34, 100])
        xlsx.print_setup(ws, landscape=False)

    # ---- identity ----

    def _identity(self, ws: Worksheet) -> None:
        plan, unit = self.plan, self.unit
        values = {
            "format_version": str(layout.FORMAT_VERSION),
            "plan_identity": self.plan_identity,
            "unit_fingerprint": plan.unit_fingerprint(unit.id),
            "unit_id": unit.id,
            "unit_name": unit.name,
            "period": str(self.period),
            "committee": plan.settings.committee,
            "plan_year": str(plan.year),
            "generated_at": self.generated_at.isoformat(),
            "deviation_threshold_tkr": _number_text(self.threshold, plain=True),
        }
        for r, key in enumerate(layout.IDENTITY_KEYS, start=1):
            xlsx.set_text(ws.cell(row=r, column=1), key)
            xlsx.set_text(ws.cell(row=r, column=2), values[key])
        ws.sheet_state = "veryHidden"


# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------

def _qualifier(sheet: str):
    """A function that prefixes a reference with its sheet, for formulas on the start sheet."""
    return lambda ref: xlsx.sheet_ref(sheet, ref)


def _spans(numbers: list[int]) -> list[tuple[int, int]]:
    """Sorted numbers as runs of consecutive ones: [3, 4, 5, 9] -> [(3, 5), (9, 9)]."""
    spans: list[tuple[int, int]] = []
    for n in numbers:
        if spans and n == spans[-1][1] + 1:
            spans[-1] = (spans[-1][0], n)
        else:
            spans.append((n, n))
    return spans


def _ranges(letter: str, rows: list[int]) -> list[str]:
    """Row numbers of one column as compact A1 ranges: [5, 6, 7, 9] -> ["I5:I7", "I9"]."""
    return [f"{letter}{a}" if a == b else f"{letter}{a}:{letter}{b}" for a, b in _spans(rows)]


def _display(value: Value, kind: ValueKind) -> object:
    """A plan value as a cell value: numbers as numbers (shares as fractions), yes/no as Ja/Nej."""
    if value is None:
        return None
    if kind is ValueKind.YESNO or isinstance(value, bool):
        if isinstance(value, bool):
            return tc.YES if value else tc.NO
        return value
    if isinstance(value, float) and value.is_integer() and kind is not ValueKind.SHARE:
        return int(value)
    return value


def _kind_label(ind: Indicator) -> str:
    label = tc.VALUE_KIND[ind.kind]
    if ind.direction.value == "lower":
        label = f"{label}\n{tr.LOWER_IS_BETTER}"
    return label


def _number_text(value: float | None, plain: bool = False) -> str:
    """100.0 -> "100"; ``plain`` gives a dot decimal (identity sheet), else the Swedish form ("12,5")."""
    if value is None:
        return ""
    if plain:
        return str(int(value)) if float(value).is_integer() else repr(float(value))
    return format_number(value)
