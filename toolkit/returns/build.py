"""Unit return workbooks: one self-checking, macro-free .xlsx per unit and period.

The layout is the contract in ``toolkit.returns.layout``: sheets Start, Indikatorer, Uppdrag, Ekonomi, a hidden
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
import io
import pickle
import re
import unicodedata
import zipfile
from collections import defaultdict
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
from openpyxl.utils.bound_dictionary import BoundDictionary
from openpyxl.utils.cell import column_index_from_string as xlsx_index
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from toolkit import excel
from toolkit.core.errors import InputError
from toolkit.core.model import Assessment, Assignment, Indicator, Plan, Unit, Value, ValueKind
from toolkit.core.periods import Period
from toolkit.core.values import format_number
from toolkit.excel import styles
from toolkit.returns import layout
from toolkit.texts import common as tc
from toolkit.texts import returns as tr

PreviousValues = Mapping[tuple[str, str], Value]

FIRST_ROW = layout.HEADER_ROW + 1
LINE_HEIGHT = 15.0  # points per line of 11 pt text
CHARS_PER_WIDTH = 1.1  # characters of body text per unit of column width
INPUT_LINES = 3  # room to type in indicator and assignment rows
ECONOMY_LINES = 5
GREEN = tc.ASSESSMENT[Assessment.MET]

IND = list(layout.INDICATOR_COLUMNS)
ASG = list(layout.ASSIGNMENT_COLUMNS)
ECO = list(layout.ECONOMY_COLUMNS)
IND_LETTERS = {key: excel.col(i) for i, key in enumerate(IND, start=1)}
ASG_LETTERS = {key: excel.col(i) for i, key in enumerate(ASG, start=1)}
ECO_LETTERS = {key: excel.col(i) for i, key in enumerate(ECO, start=1)}

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

KIND_FORMAT = {ValueKind.COUNT: excel.FMT_COUNT, ValueKind.SHARE: excel.FMT_PERCENT,
               ValueKind.AMOUNT: excel.FMT_TKR, ValueKind.YESNO: "General", ValueKind.TEXT: "General"}

WIDTHS = {
    layout.SHEET_START: [34, 100],
    layout.SHEET_INDICATORS: [11, 18, 26, 42, 13, 11, 11, 13, 12, 17, 46, 36, 26],
    layout.SHEET_ASSIGNMENTS: [11, 70, 12, 16, 60, 24],
    layout.SHEET_ECONOMY: [15, 16, 16, 16, 16, 50, 50, 28],
}

HEADER_ALIGN = Alignment(wrap_text=True, vertical="center")
TOP = Alignment(vertical="top", horizontal="left", wrap_text=True)
UNLOCKED = Protection(locked=False)
BOLD = Font(bold=True)
OK_FILL = PatternFill("solid", fgColor=styles.GOOD)


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------

def return_file_name(plan: Plan, unit_id: str, period: Period | str) -> str:
    """"2026-T2_Film_i_Vasterbotten.xlsx": the period and an ASCII-safe form of the unit's name.

    When two units' names give the same safe name, the unit id is added so that files never collide.
    """
    _unit(plan, unit_id)
    return _file_names(plan, _period(period))[unit_id]


def _file_names(plan: Plan, period: Period) -> dict[str, str]:
    safe = {u.id: _safe_name(u.name) or _safe_name(u.id) or tr.FILE_NAME_FALLBACK for u in plan.units}
    taken: dict[str, int] = {}
    for name in safe.values():
        taken[name] = taken.get(name, 0) + 1
    return {uid: f"{period}_{name}{'_' + _safe_name(uid) if taken[name] > 1 else ''}.xlsx"
            for uid, name in safe.items()}


def build_return(plan: Plan, unit_id: str, period: Period | str, *, deadline: dt.date | None = None,
                 now: dt.datetime | None = None, previous: PreviousValues | None = None,
                 plan_identity: str | None = None) -> Workbook:
    """The return workbook of one unit for one period (not saved).

    ``plan_identity`` is ``plan.identity()`` when the caller has it already: hashing a large plan costs
    more than building one return (about 80 ms for 300 units).
    """
    per = _period(period)
    _check_year(plan, per)
    unit = _unit(plan, unit_id)
    return _Builder(plan, per, deadline=_deadline(plan, per, deadline), generated_at=_generated_at(now),
                    previous=previous or {}, plan_identity=plan_identity or plan.identity()).build(unit)


def create_returns(plan: Plan, period: Period | str, out_dir: str | Path, *,
                   units: Iterable[str] | None = None,
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
    names = _file_names(plan, per)
    targets = [(uid, out / names[uid]) for uid in unit_ids]
    if not overwrite:
        existing = [p for _, p in targets if p.exists()]
        if existing:
            raise InputError(tr.RETURNS_EXIST.format(count=len(existing), dir=out, example=existing[0].name))
    builder = _Builder(plan, per, deadline=_deadline(plan, per, deadline), generated_at=_generated_at(now),
                       previous=previous or {}, plan_identity=plan.identity())
    # What every unit shares is built once and cloned per unit (see _Builder).
    skeleton = _Skeleton(builder.common())
    units_by_id = {u.id: u for u in plan.units}
    written = []
    for uid, path in targets:
        wb = builder.unit(skeleton.clone(), units_by_id[uid])
        written.append(_save(wb, path))
    return written


def _save(wb: Workbook, path: Path) -> Path:
    """Save atomically, serialising the worksheets in memory.

    openpyxl's own save writes every worksheet to a temporary file, copies it into the zip and deletes
    it: six file-system round trips per return. The zip is built in memory here and written once with
    ``excel.write_atomic_bytes``. Uses openpyxl's writer classes (openpyxl 3.1); if they are not as
    expected, falls back to ``excel.save_workbook``.
    """
    try:
        from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
        from openpyxl.worksheet._writer import WorksheetWriter
        from openpyxl.writer.excel import ExcelWriter
    except ImportError:  # pragma: no cover - another openpyxl layout
        return excel.save_workbook(wb, path)

    class MemoryWriter(ExcelWriter):  # type: ignore[misc]
        def write_worksheet(self, ws: Worksheet) -> None:
            ws._drawing = SpreadsheetDrawing()
            ws._drawing.charts = ws._charts
            ws._drawing.images = ws._images
            writer = WorksheetWriter(ws, out=io.BytesIO())
            writer.write()
            ws._rels = writer._rels
            self._archive.writestr(ws.path[1:], writer.out.getvalue())
            self.manifest.append(ws)

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        MemoryWriter(wb, archive).write_data()
    return excel.write_atomic_bytes(buffer.getvalue(), path)  # raises NplanError on a write failure


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
        known = ", ".join(u.id for u in plan.units) or "-"
        raise InputError(tr.UNKNOWN_UNIT.format(unit=unit_id, known=known))
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
    return plan.settings.deadline if plan.settings.period == period else None


def _generated_at(now: dt.datetime | None) -> dt.datetime:
    when = now or dt.datetime.now(dt.UTC)
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone(dt.UTC).replace(microsecond=0)


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
        "title": {"font": excel.TITLE_FONT},
        "note": {"font": excel.NOTE_FONT},
        "warn": {"font": excel.WARN_FONT},  # notes above a table: not wrapped, they run over empty cells
        "warn_wrap": {"font": excel.WARN_FONT, "alignment": TOP},
        "bold": {"font": BOLD},
        "label": {"font": BOLD, "alignment": TOP},
        "plain": {"alignment": TOP},
        "text": {},
        "header": {"font": excel.HEADER_FONT, "fill": excel.HEADER_FILL, "border": excel.BOX,
                   "alignment": HEADER_ALIGN},
        "info": {"border": excel.BOX, "alignment": TOP},
        "input": {"border": excel.BOX, "alignment": TOP, "fill": excel.INPUT_FILL, "protection": UNLOCKED},
        "formula": {"border": excel.BOX, "alignment": TOP, "fill": excel.FORMULA_FILL},
        # Few distinct fonts and alignments: each one costs in every saved stylesheet.
        "check": {"border": excel.BOX, "alignment": TOP, "fill": excel.FORMULA_FILL, "font": BOLD},
        "status": {"border": excel.BOX, "alignment": TOP, "fill": excel.FORMULA_FILL, "font": BOLD},
    }
    FORMATS = ("General", excel.FMT_COUNT, excel.FMT_TKR, excel.FMT_PERCENT, excel.FMT_DATE, "0")
    LISTS = ("_fonts", "_fills", "_borders", "_alignments", "_protections", "_number_formats")
    _template: tuple[dict[str, IndexedList], dict[tuple[str, str], StyleArray]] | None = None

    def __init__(self, wb: Workbook, clone_template: bool = False) -> None:
        """``clone_template`` for a new workbook; without it ``wb`` must hold the template's lists already
        (a clone of a workbook made with it), so that the template's style arrays are valid in it."""
        self.wb = wb
        lists, arrays = self.template()
        if clone_template:
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
            excel.set_text(cell, value)
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


DXF_MISSING, DXF_OK = 0, 1  # differential styles, registered in this order in every return


class _Builder:
    """Writes return workbooks for one plan and period.

    ``common()`` writes everything that every unit of the period shares (sheets, headers, instructions,
    lists, the economy row's formulas and validations, protection, print setup); ``unit()`` writes one
    unit's part into a workbook that holds the common part. ``create_returns`` builds the common part
    once and clones it for each unit (``_Skeleton``), which is much cheaper than
    constructing the same openpyxl objects again; ``build_return`` runs both on one workbook.
    """

    def __init__(self, plan: Plan, period: Period, *, deadline: dt.date | None, generated_at: dt.datetime,
                 previous: PreviousValues, plan_identity: str) -> None:
        self.plan = plan
        self.period = period
        self.deadline = deadline
        self.generated_at = generated_at
        self.previous = previous
        self.plan_identity = plan_identity
        self.threshold = plan.settings.deviation_threshold_tkr
        self.password = plan.settings.protection_password or ""
        # Each unit's due items in plan order, collected in one pass over the plan.
        self.unit_indicators: dict[str, list[Indicator]] = {}
        for ind in plan.indicators:
            if ind.is_due(period):
                for uid in dict.fromkeys(ind.units):
                    self.unit_indicators.setdefault(uid, []).append(ind)
        self.unit_assignments: dict[str, list[Assignment]] = {}
        for a in plan.assignments:
            if a.is_due(period):
                for uid in dict.fromkeys(a.units):
                    self.unit_assignments.setdefault(uid, []).append(a)
        self.sub_goals = {s.id: s for s in plan.sub_goals}
        self.goals = {g.number: g for g in plan.goals}

    # ---- the two phases ----

    def build(self, unit: Unit) -> Workbook:
        return self.unit(self.common(), unit)

    def common(self) -> Workbook:
        wb = Workbook()
        st = _Styles(wb, clone_template=True)
        assert wb._differential_styles.add(DifferentialStyle(fill=excel.MISSING_FILL)) == DXF_MISSING
        assert wb._differential_styles.add(DifferentialStyle(fill=OK_FILL)) == DXF_OK
        start = wb.active
        start.title = layout.SHEET_START
        ind = wb.create_sheet(layout.SHEET_INDICATORS)
        asg = wb.create_sheet(layout.SHEET_ASSIGNMENTS)
        eco = wb.create_sheet(layout.SHEET_ECONOMY)
        lists = wb.create_sheet(layout.SHEET_LISTS)
        ident = wb.create_sheet(layout.SHEET_IDENTITY)
        per = self.period
        self._lists(wb, st, lists)
        for ws, note, headers, freeze in (
            (ind, tr.INDICATORS_NOTE[per.tertial], layout.INDICATOR_COLUMNS, "B5"),
            (asg, tr.ASSIGNMENTS_NOTE, layout.ASSIGNMENT_COLUMNS, "B5"),
            (eco, tr.ECONOMY_NOTE, layout.ECONOMY_COLUMNS, "A5"),
        ):
            st.put(ws, 2, 1, note, "note", text=True)
            for c, header in enumerate(headers.values(), start=1):
                st.put(ws, layout.HEADER_ROW, c, header, "header", text=True)
            _fit_height(ws, layout.HEADER_ROW, list(headers.values()))
            excel.set_widths(ws, WIDTHS[ws.title])
            ws.freeze_panes = freeze
            excel.print_setup(ws, title_rows=f"{layout.HEADER_ROW}:{layout.HEADER_ROW}")
        economy_count = self._economy_common(wb, st, eco)
        self._start_common(st, start, economy_count)
        self._identity_common(ident)
        for ws in wb.worksheets:
            self._protect(ws)
        wb.security = WorkbookProtection(lockStructure=True)
        if self.password:
            wb.security.workbookPassword = self.password
        wb.active = 0
        wb.calculation.fullCalcOnLoad = True
        props = wb.properties
        props.creator = "nplan"
        props.created = props.modified = self.generated_at.replace(tzinfo=None)
        return wb

    def unit(self, wb: Workbook, unit: Unit) -> Workbook:
        st = _Styles(wb)
        indicators = self.unit_indicators.get(unit.id, [])
        assignments = self.unit_assignments.get(unit.id, [])
        counts = {
            "missing_indicators": self._indicators(st, wb[layout.SHEET_INDICATORS], unit, indicators),
            "missing_assignments": self._assignments(st, wb[layout.SHEET_ASSIGNMENTS], unit, assignments),
        }
        self._economy_unit(st, wb[layout.SHEET_ECONOMY], unit)
        self._start_unit(st, wb[layout.SHEET_START], unit, counts)
        self._identity_unit(wb[layout.SHEET_IDENTITY], unit)
        wb.properties.title = f"{self.period} {unit.name}"
        return wb

    # ---- shared pieces ----

    def _protect(self, ws: Worksheet) -> None:
        p = ws.protection
        p.sheet = True
        # Allowed even when protected: resizing rows and columns (long texts), selecting cells.
        p.formatColumns = False
        p.formatRows = False
        if self.password:
            p.password = self.password

    def _text_validation(self, ws: Worksheet, ref: str, prompt_key: str, limit: int,
                         **fmt: object) -> DataValidation:
        title, prompt, error = tr.PROMPTS[prompt_key]
        return excel.number_validation(ws, ref, kind="textLength", operator="lessThanOrEqual", minimum=limit,
                                      prompt=prompt.format(**fmt), error=error.format(max=limit), title=title)

    @staticmethod
    def _rule(ws: Worksheet, ref: str, formula: str, dxf_id: int = DXF_MISSING, kind: str = "expression",
              operator: str | None = None) -> None:
        """A conditional format whose differential style is registered once per workbook (by index)."""
        rule = Rule(type=kind, operator=operator, formula=[formula], dxfId=dxf_id)
        ws.conditional_formatting.add(ref, rule)

    def _mark_required(self, ws: Worksheet, letters: dict[str, str], keys: Sequence[str],
                       rows: _Rows) -> None:
        """Mark empty required cells; adjacent required columns share one rule (relative references)."""
        for first, last in _spans(sorted(xlsx_index(letters[k]) for k in keys)):
            a, b = excel.col(first), excel.col(last)
            self._rule(ws, f"{a}{rows.first}:{b}{rows.last}", _blank(f"{a}{rows.first}"))

    def _mark_check(self, ws: Worksheet, ref: str) -> None:
        self._rule(ws, ref, f'LEN({ref.split(":")[0]})>0')

    @staticmethod
    def _title(st: _Styles, ws: Worksheet, title: str, extra: str = "", extra_style: str = "note") -> None:
        st.put(ws, 1, 1, title, "title", text=True)
        if extra:
            st.put(ws, 3, 1, extra, extra_style, text=True)

    # ---- lists ----

    @staticmethod
    def _lists(wb: Workbook, st: _Styles, ws: Worksheet) -> None:
        for c, (name, items) in enumerate(LISTS.items(), start=1):
            st.put(ws, 1, c, tr.LIST_TITLES[name], "bold", text=True)
            for r, item in enumerate(items, start=2):
                excel.set_text(ws.cell(row=r, column=c), item)
            letter = excel.col(c)
            excel.define_name(wb, name, ws.title, f"${letter}$2:${letter}${len(items) + 1}")
        ws.sheet_state = "hidden"

    # ---- indicators (per unit) ----

    def _indicators(self, st: _Styles, ws: Worksheet, unit: Unit, indicators: list[Indicator]) -> str:
        """Write the unit's indicator rows; return the start-sheet formula counting what is missing."""
        plan, per = self.plan, self.period
        baseline_year = next((i.baseline_year for i in indicators if i.baseline_year), None) or plan.year - 2
        extra = (tr.NO_INDICATORS.format(period=per) if not indicators else
                 tr.INDICATORS_BASELINE_NOTE.format(year=baseline_year, plan_year=plan.year))
        self._title(st, ws, tr.INDICATORS_TITLE.format(unit=unit.name, period=per), extra,
                    "warn" if not indicators else "note")
        if not indicators:
            return "=0"
        rows = _Rows(FIRST_ROW, FIRST_ROW + len(indicators) - 1)
        L = IND_LETTERS
        required = layout.REQUIRED_INDICATOR_INPUTS[per.tertial]
        labels = layout.INDICATOR_COLUMNS
        col = {key: i for i, key in enumerate(IND, start=1)}
        by_kind: dict[ValueKind, list[int]] = {}
        for r, ind in enumerate(indicators, start=FIRST_ROW):
            fmt = KIND_FORMAT[ind.kind]
            sub = self.sub_goals.get(ind.sub_goal)
            goal = self.goals.get(sub.goal) if sub else None
            st.put(ws, r, col["id"], ind.id, "info", text=True)
            st.put(ws, r, col["goal"], tr.GOAL_LABEL.format(number=goal.number, title=goal.title)
                   if goal else None, "info", text=True)
            st.put(ws, r, col["sub_goal"], tr.SUB_GOAL_LABEL.format(id=sub.id, text=sub.text)
                   if sub else ind.sub_goal, "info", text=True)
            st.put(ws, r, col["name"], ind.name, "info", text=True)
            st.put(ws, r, col["kind"], _kind_label(ind), "info", text=True)
            baseline = (_display(ind.baseline, ind.kind) if ind.baseline is not None
                        else (ind.baseline_missing_reason or None))
            for key, value in (("baseline", baseline), ("target", _display(ind.target, ind.kind)),
                               ("previous", _display(self.previous.get((unit.id, ind.id)), ind.kind))):
                st.put(ws, r, col[key], value, "info", fmt, text=isinstance(value, str))
            for key in layout.INDICATOR_INPUTS:
                st.put(ws, r, col[key], None, "input", fmt if key == "outcome" else "General")
            by_kind.setdefault(ind.kind, []).append(r)
            parts = [(_blank(f"{L[k]}{r}"), labels[k]) for k in required]
            parts.append((f'AND({_filled(L["assessment"] + str(r))},{L["assessment"]}{r}<>{_q(GREEN)},'
                          f'{_blank(L["analysis"] + str(r))})', labels["analysis"]))
            st.put(ws, r, col["check"], _missing_formula(parts), "check")
            _fit_row(ws, r, INPUT_LINES, _longest_check(parts))

        self._indicator_validations(ws, rows, by_kind)
        a, k = L["assessment"], L["analysis"]
        self._mark_required(ws, L, required, rows)
        self._rule(ws, rows.ref(k), f'AND({_filled(f"${a}{rows.first}")},${a}{rows.first}<>{_q(GREEN)},'
                                    f'{_blank(f"{k}{rows.first}")})')
        self._mark_check(ws, rows.ref(L["check"]))
        q = _qualifier(ws.title)
        terms = [f"({_blank(q(rows.ref(L[key], True)))})" for key in required]
        ra, rk = q(rows.ref(a, True)), q(rows.ref(k, True))
        terms.append(f"({_filled(ra)})*({ra}<>{_q(GREEN)})*({_blank(rk)})")
        return f"=SUMPRODUCT({'+'.join(terms)})"

    def _indicator_validations(self, ws: Worksheet, rows: _Rows, by_kind: dict[ValueKind, list[int]]) -> None:
        L, limit = IND_LETTERS, layout.MAX_TEXT
        for kind, cells in by_kind.items():
            ref, *more = _ranges(L["outcome"], cells)
            title, prompt, error = tr.PROMPTS[kind.value]
            if kind is ValueKind.COUNT:
                dv = excel.number_validation(ws, ref, kind="whole", operator="greaterThanOrEqual", minimum=0,
                                            prompt=prompt, error=error, title=title)
            elif kind is ValueKind.SHARE:
                dv = excel.number_validation(ws, ref, kind="decimal", minimum=0, maximum=1, prompt=prompt,
                                            error=error, title=title)
            elif kind is ValueKind.AMOUNT:
                dv = excel.number_validation(ws, ref, kind="decimal", minimum=-1e12, maximum=1e12,
                                            prompt=prompt, error=error, title=title)
            elif kind is ValueKind.YESNO:
                dv = excel.list_validation(ws, layout.LIST_NAMES["yesno"], ref, prompt=prompt, error=error,
                                          title=title)
            else:
                dv = self._text_validation(ws, ref, "text", limit["analysis"])
            for extra in more:
                dv.add(extra)
        title, prompt, error = tr.PROMPTS["assessment_forecast" if self.period.tertial == 2 else "assessment"]
        excel.list_validation(ws, layout.LIST_NAMES["assessment"], rows.ref(L["assessment"]),
                             prompt=prompt, error=error, title=title)
        self._text_validation(ws, rows.ref(L["analysis"]), "analysis", limit["analysis"])
        self._text_validation(ws, rows.ref(L["measures"]), "measures", limit["measures"])

    # ---- assignments (per unit) ----

    def _assignments(self, st: _Styles, ws: Worksheet, unit: Unit, assignments: list[Assignment]) -> str:
        per = self.period
        self._title(st, ws, tr.ASSIGNMENTS_TITLE.format(unit=unit.name, period=per),
                    tr.NO_ASSIGNMENTS.format(period=per) if not assignments else "", "warn")
        if not assignments:
            return "=0"
        rows = _Rows(FIRST_ROW, FIRST_ROW + len(assignments) - 1)
        L = ASG_LETTERS
        required = layout.REQUIRED_ASSIGNMENT_INPUTS[per.tertial]
        labels = layout.ASSIGNMENT_COLUMNS
        col = {key: i for i, key in enumerate(ASG, start=1)}
        for r, a in enumerate(assignments, start=FIRST_ROW):
            st.put(ws, r, col["id"], a.id, "info", text=True)
            st.put(ws, r, col["text"], a.text, "info", text=True)
            st.put(ws, r, col["end_date"], a.end_date, "info", excel.FMT_DATE)
            for key in layout.ASSIGNMENT_INPUTS:
                st.put(ws, r, col[key], None, "input")
            parts = [(_blank(f"{L[k]}{r}"), labels[k]) for k in required]
            st.put(ws, r, col["check"], _missing_formula(parts) if parts else None, "check")
            _fit_row(ws, r, INPUT_LINES, _longest_check(parts))
        title, prompt, error = tr.PROMPTS["status"]
        excel.list_validation(ws, layout.LIST_NAMES["status"], rows.ref(L["status"]), prompt=prompt,
                             error=error, title=title)
        self._text_validation(ws, rows.ref(L["comment"]), "comment", layout.MAX_TEXT["comment"])
        self._mark_required(ws, L, required, rows)
        self._mark_check(ws, rows.ref(L["check"]))
        q = _qualifier(ws.title)
        terms = [f"({_blank(q(rows.ref(L[key], True)))})" for key in required]
        return f"=SUMPRODUCT({'+'.join(terms)})" if terms else "=0"

    # ---- economy ----

    def _economy_common(self, wb: Workbook, st: _Styles, ws: Worksheet) -> str:
        """The economy row's inputs, formulas, validations and marks (the same for every unit)."""
        plan, per = self.plan, self.period
        if plan.budget.is_example:
            st.put(ws, 3, 1, tc.EXAMPLE_BUDGET_NOTE, "warn", text=True)
        r = FIRST_ROW
        L = ECO_LETTERS
        labels = layout.ECONOMY_COLUMNS
        required = layout.REQUIRED_ECONOMY_INPUTS[per.tertial]
        col = {key: i for i, key in enumerate(ECO, start=1)}

        # The threshold, shown under the deviation column and named for the formulas. Column A stays
        # empty below the data row: readers take every filled A cell there for an id.
        st.put(ws, THRESHOLD_ROW, 2, tr.THRESHOLD_LABEL, "bold", text=True)
        st.put(ws, THRESHOLD_ROW, col["deviation_tkr"], self.threshold, "formula", excel.FMT_TKR)
        thr_abs = f"${L['deviation_tkr']}${THRESHOLD_ROW}"
        excel.define_name(wb, layout.THRESHOLD_NAME, ws.title, thr_abs)
        thr = layout.THRESHOLD_NAME

        for key in layout.ECONOMY_INPUTS:
            st.put(ws, r, col[key], None, "input", excel.FMT_TKR if key.endswith("_tkr") else "General")
        b, d, e = (f"{L[k]}{r}" for k in ("frame_tkr", "forecast_tkr", "deviation_tkr"))
        st.put(ws, r, col["deviation_tkr"], f'=IF(OR({b}="",{d}=""),"",IFERROR({b}-{d},""))', "formula",
               excel.FMT_TKR)
        needs_comment = f'IF({e}="",FALSE,ABS({e})>{thr})'
        parts = [(_blank(f"{L[k]}{r}"), labels[k]) for k in required]
        parts.append((f'AND({needs_comment},{_blank(L["comment"] + str(r))})', labels["comment"]))
        st.put(ws, r, col["check"], _missing_formula(parts), "check")
        _fit_row(ws, r, ECONOMY_LINES, _longest_check(parts))

        title, prompt, error = tr.PROMPTS["amounts_tkr"]  # outcome and forecast are adjacent: one validation
        excel.number_validation(ws, f"{L['outcome_tkr']}{r}:{L['forecast_tkr']}{r}", kind="decimal",
                               minimum=-1e12, maximum=1e12, prompt=prompt, error=error, title=title)
        self._text_validation(ws, f"{L['comment']}{r}", "economy_comment", layout.MAX_TEXT["comment"],
                              threshold=_number_text(self.threshold))
        self._text_validation(ws, f"{L['events']}{r}", "events", layout.MAX_TEXT["comment"])
        self._mark_required(ws, L, required, _Rows(r, r))
        self._rule(ws, f"{L['comment']}{r}",
                   f'AND(IF(${e}="",FALSE,ABS(${e})>{thr_abs}),{_blank(L["comment"] + str(r))})')
        self._mark_check(ws, f"{L['check']}{r}")
        q = _qualifier(ws.title)
        terms = [f"({_blank(q(f'${L[k]}${r}'))})" for k in required]
        qe, qc = q(f"${L['deviation_tkr']}${r}"), q(f"${L['comment']}${r}")
        terms.append(f'AND(IF({qe}="",FALSE,ABS({qe})>{thr}),{_blank(qc)})')
        return "=" + "+".join(terms)

    def _economy_unit(self, st: _Styles, ws: Worksheet, unit: Unit) -> None:
        frame = self.plan.budget.frame_of(unit.id)
        self._title(st, ws, tr.ECONOMY_TITLE.format(unit=unit.name, period=self.period))
        st.put(ws, FIRST_ROW, ECO.index("id") + 1, unit.id, "info", text=True)
        st.put(ws, FIRST_ROW, ECO.index("frame_tkr") + 1, frame.frame_tkr if frame else None, "info",
               excel.FMT_TKR)
        if frame is None:
            return
        # The frame as the plan builds it: last year's frame and this year's changes (context only).
        year, amount_col = self.plan.year, ECO.index("deviation_tkr") + 1
        lines: list[tuple[str, float | None]] = [
            (tr.FRAME_PREVIOUS.format(year=year - 1), frame.previous_tkr)]
        for change in self.plan.budget.changes_of(unit.id):
            lines.append((tr.FRAME_CHANGE.format(kind=tc.CHANGE_KIND[change.kind], text=change.text),
                          change.amount_tkr))
        lines.append((tr.FRAME_CURRENT.format(year=year), frame.frame_tkr))
        st.put(ws, FRAME_PARTS_ROW, 2, tr.FRAME_PARTS_TITLE, "bold", text=True)
        for i, (label, amount) in enumerate(lines, start=FRAME_PARTS_ROW + 1):
            # Not wrapped: the label runs over the empty cells to its right.
            st.put(ws, i, 2, label, "bold" if i == FRAME_PARTS_ROW + len(lines) else "text", text=True)
            st.put(ws, i, amount_col, amount, "info", excel.FMT_TKR)

    # ---- start ----

    def _start_common(self, st: _Styles, ws: Worksheet, economy_count: str) -> None:
        plan, per = self.plan, self.period
        st.put(ws, 2, 1, tr.START_SUBTITLE, "note", text=True)
        for key in START_ROWS:
            st.put(ws, START_ROWS[key], 1, tr.START_LABELS[key], "label", text=True)
        values: dict[str, tuple[object, str]] = {
            "committee": (plan.settings.committee, "General"),
            "period": (tr.START_PERIOD.format(period=per, covers=tr.PERIOD_COVERS[per.tertial]), "General"),
            "report": (tr.REPORT_NAME[per.tertial], "General"),
            "deadline": (self.deadline if self.deadline else tr.NO_DEADLINE, excel.FMT_DATE),
        }
        for key, (value, fmt) in values.items():
            st.put(ws, START_ROWS[key], 2, value, "info", fmt, text=isinstance(value, str))
        st.put(ws, START_ROWS["missing_economy"], 2, economy_count, "formula")
        first, last = START_ROWS["missing_indicators"], START_ROWS["missing_economy"]
        total = f"B{START_ROWS['missing_total']}"
        assert total == layout.START_MISSING_TOTAL_CELL
        st.put(ws, START_ROWS["missing_total"], 2, f"=SUM(B{first}:B{last})", "formula")
        r = START_ROWS["status"]
        assert f"B{r}" == layout.START_STATUS_CELL
        many_prefix, _, many_suffix = tr.MISSING_COUNT.partition("{n}")
        many = "&".join(p for p in (_q(many_prefix) if many_prefix else "", total, _q(many_suffix)) if p)
        status = f'=IF({total}=0,{_q(tr.COMPLETE)},IF({total}=1,{_q(tr.MISSING_ONE)},{many}))'
        st.put(ws, r, 2, status, "status")
        self._rule(ws, f"B{r}", _q(tr.COMPLETE), DXF_OK, "cellIs", "equal")
        self._rule(ws, f"B{r}", _q(tr.COMPLETE), DXF_MISSING, "cellIs", "notEqual")
        self._rule(ws, f"B{first}:B{last}", "0", DXF_MISSING, "cellIs", "greaterThan")

        r = INSTRUCTIONS_ROW
        st.put(ws, r, 1, tr.INSTRUCTIONS_TITLE, "bold", text=True)
        lines = tr.INSTRUCTIONS_PERIOD[per.tertial] + tr.INSTRUCTIONS_COMMON + [
            tr.INSTRUCTIONS_ANALYSIS.format(threshold=_number_text(self.threshold))]
        for i, line in enumerate(lines, start=1):
            st.put(ws, r + i, 1, f"{i}.", "plain", text=True)
            st.put(ws, r + i, 2, line, "plain", text=True)
            _fit_height(ws, r + i, [None, line])
        if plan.budget.is_example:
            st.put(ws, r + len(lines) + 2, 2, tc.EXAMPLE_BUDGET_NOTE, "warn_wrap", text=True)
            _fit_height(ws, r + len(lines) + 2, [None, tc.EXAMPLE_BUDGET_NOTE])
        excel.set_widths(ws, WIDTHS[ws.title])
        excel.print_setup(ws, landscape=False)

    def _start_unit(self, st: _Styles, ws: Worksheet, unit: Unit, counts: dict[str, str]) -> None:
        per = self.period
        st.put(ws, 1, 1, tr.START_TITLE.format(report=tr.REPORT_NAME[per.tertial], year=per.year,
                                               unit=unit.name), "title", text=True)
        st.put(ws, START_ROWS["unit"], 2, tr.START_UNIT.format(name=unit.name, id=unit.id), "info", text=True)
        for key, formula in counts.items():
            st.put(ws, START_ROWS[key], 2, formula, "formula")

    # ---- identity ----

    def _identity_common(self, ws: Worksheet) -> None:
        plan = self.plan
        values = {
            "format_version": str(layout.FORMAT_VERSION),
            "plan_identity": self.plan_identity,
            "period": str(self.period),
            "committee": plan.settings.committee,
            "plan_year": str(plan.year),
            "generated_at": self.generated_at.isoformat(),
            "deviation_threshold_tkr": _number_text(self.threshold, plain=True),
        }
        for r, key in enumerate(layout.IDENTITY_KEYS, start=1):
            excel.set_text(ws.cell(row=r, column=1), key)
            if key in values:
                excel.set_text(ws.cell(row=r, column=2), values[key])
        ws.sheet_state = "veryHidden"

    def _identity_unit(self, ws: Worksheet, unit: Unit) -> None:
        values = {"unit_fingerprint": self.plan.unit_fingerprint(unit.id), "unit_id": unit.id,
                  "unit_name": unit.name}
        for r, key in enumerate(layout.IDENTITY_KEYS, start=1):
            if key in values:
                excel.set_text(ws.cell(row=r, column=2), values[key])


class _Skeleton:
    """A workbook frozen as bytes, cloned with ``clone()`` (pickle: no openpyxl constructors run).

    Two openpyxl containers do not survive plain pickling and get their own reduction:
    - IndexedList: unpickled item by item through its ``append`` before the instance has its own index
      (it would write into the class-level one); pickled by value. The style index lists are passed by
      reference instead (persistent ids) and cloned without hashing their items again.
    - BoundDictionary (row and column dimensions): a defaultdict whose subclass constructor takes other
      arguments, so pickle loses its ``default_factory``; rebuilt with it.
    """

    def __init__(self, wb: Workbook) -> None:
        self.lists = {attr: getattr(wb, attr) for attr in _Styles.LISTS}
        buffer = io.BytesIO()
        _Pickler(buffer, {id(items): attr for attr, items in self.lists.items()}).dump(wb)
        self.data = buffer.getvalue()

    def clone(self) -> Workbook:
        return _Unpickler(io.BytesIO(self.data), self.lists).load()


class _Pickler(pickle.Pickler):
    def __init__(self, file: io.BytesIO, shared: dict[int, str]) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.shared = shared

    def persistent_id(self, obj: object) -> str | None:
        return self.shared.get(id(obj))

    def reducer_override(self, obj: object) -> Any:
        if type(obj) is IndexedList:
            return IndexedList, (list(obj),)
        if isinstance(obj, BoundDictionary):
            return _new_bound_dictionary, (type(obj), obj.default_factory), dict(obj.__dict__), None, \
                iter(obj.items())
        return NotImplemented


def _new_bound_dictionary(cls: type[BoundDictionary], factory: Any) -> BoundDictionary:
    obj = cls.__new__(cls)
    defaultdict.__init__(obj, factory)
    return obj


class _Unpickler(pickle.Unpickler):
    def __init__(self, file: io.BytesIO, lists: dict[str, IndexedList]) -> None:
        super().__init__(file)
        self.lists = lists

    def persistent_load(self, pid: str) -> IndexedList:
        return _clone(self.lists[pid])


# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------

def _qualifier(sheet: str):
    """A function that prefixes a reference with its sheet, for formulas on the start sheet."""
    return lambda ref: excel.sheet_ref(sheet, ref)


def _spans(numbers: list[int]) -> list[tuple[int, int]]:
    """Sorted numbers as runs of consecutive ones: [3, 4, 5, 9] -> [(3, 5), (9, 9)]."""
    spans: list[tuple[int, int]] = []
    for n in numbers:
        if spans and n == spans[-1][1] + 1:
            spans[-1] = (spans[-1][0], n)
        else:
            spans.append((n, n))
    return spans


def _wrapped_lines(text: str, per_line: float) -> int:
    """How many lines a wrapped cell needs: greedy word wrap at ``per_line`` characters."""
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        used = 0
        for word in paragraph.split():
            if used and used + 1 + len(word) > per_line:
                lines += 1
                used = 0
            used = used + 1 + len(word) if used else len(word)
            while used > per_line:  # a word longer than the line
                lines += 1
                used -= int(per_line)
    return lines


def _fit_height(ws: Worksheet, row: int, texts: Sequence[object], min_lines: int = 1) -> None:
    """Give a row the height its wrapped texts need (by column width). LibreOffice does not fit rows on
    load, and Excel does not grow a row with an explicit height while typing: input rows get room."""
    lines = min_lines
    for width, text in zip(WIDTHS[ws.title], texts, strict=False):
        if isinstance(text, str) and text and not text.startswith("="):
            lines = max(lines, _wrapped_lines(text, width * CHARS_PER_WIDTH))
    if lines > 1:
        ws.row_dimensions[row].height = excel.row_height(LINE_HEIGHT * lines + 3)


def _fit_row(ws: Worksheet, row: int, min_lines: int, check_text: str) -> None:
    """``_fit_height`` from the row's written cells; the Kontroll formula counts as its longest text."""
    texts = [ws.cell(row=row, column=c).value for c in range(1, len(WIDTHS[ws.title]) + 1)]
    texts[-1] = check_text
    _fit_height(ws, row, texts, min_lines)


def _longest_check(parts: Sequence[tuple[str, str]]) -> str:
    return tr.CHECK_MISSING + ", ".join(label for _, label in parts) if parts else ""


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
