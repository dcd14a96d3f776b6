"""Validate a unit's returned workbook: findings at real cells, and the normalized values, from one read.

``validate_file`` never raises for a bad file: every problem is a ``Finding`` (code, severity, file,
sheet, A1 cell, field, item id, found, expected, Swedish message). The result carries the file's
sha256 and, from the same single read, the normalized values (``ReturnData``) that later stages use;
``data`` is None only when the file could not be read as a return at all (not an .xlsx, no identity and
no way to tell the unit, unknown unit, another format version).

How a file is read (the hot path):
  1. The bytes are read once; sha256 and the file-level checks (``toolkit.validate.files``: type, lock file,
     truncation, zip bomb, ...) work on them.
  2. python-calamine reads the values of the four sheets that matter (Indikatorer, Uppdrag, Ekonomi and
     the very hidden identity sheet) with ``skip_empty_area=False``, so row and column numbers are real.
  3. Formulas: python-calamine 0.9 cannot read formula text, and a cached formula value does not exist
     in a file that no spreadsheet application has saved. So the formula cells of the three input sheets
     are read straight from the sheet XML inside the zip (a regular-expression scan for ``<f>`` elements,
     shared formulas expanded) - never openpyxl.
  4. The checks run on a neutral representation (``Book``/``Sheet``: rows of plain cell values at their
     real positions, plus formula text per cell). ``read_openpyxl`` gives the same representation from
     openpyxl; the benchmark compares the two readers under the same checks.

Rows are found by id (column A) below the header row (the row whose first cell is the id header) and
columns by their header text, never by position. The table ends at its first entirely empty row.

Input forms accepted (and normalized in ``ReturnData``):
  - Counts: a number, or text "1 234", "1 234" (no-break space), "12", "-0"; must be whole and >= 0.
  - Amounts (tkr): a number or text "1 234", "12,5", "-300", "1 250 tkr".
  - Shares: a number as Excel stores a percent cell (0.4), or text "40 %", "40%", "0,4", "40"
    (a number above 1 without "%" is read as percent); normalized to a fraction, must be 0-100 %.
  - Yes/no: "Ja", "ja", "JA", "j", "Nej", "nej", "NEJ", "n" (and TRUE/FALSE cells); normalized to a bool.
  - Own assessment: a label of the assessment scale (Uppfyllt, Delvis uppfyllt, Ej uppfyllt, Ingen
    bedömning) or of its forecast wording (Bedöms uppfyllas, ...), in any letter case.
  - Assignment status: Ej påbörjad, Påbörjad, Genomförd, Försenad, Avförd, in any letter case.
  - Free text (analysis, measures, comments, significant events): anything up to ``layout.MAX_TEXT``
    characters (events: the comment limit); a number or date typed there is kept as its text. Text that
    a spreadsheet would run as a formula (starting with =, +, -, @) is a warning and stays plain text.

Required inputs follow ``layout.REQUIRED_*`` per tertial (T1 simplified: outcome and assessment
optional), plus: the analysis when the own assessment is filled in and is not Uppfyllt, and the economy
comment when |frame - forecast| > ``plan.settings.deviation_threshold_tkr``.

Plausibility warnings: a numeric outcome more than ten times its baseline or its target (an economy
amount more than ten times the frame), and a cumulative count below the value reported earlier in the
same year (``previous``, else the return's own column "Tidigare rapporterat i år").

A return generated from another version of the plan is accepted when the unit's fingerprint
(``Plan.unit_fingerprint``) is unchanged; otherwise the differences visible in the return are named
(indicators and assignments added, removed or changed, and the frame).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import html
import io
import math
import os
import posixpath
import re
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit.core import findings as fnd
from toolkit.core import values as vals
from toolkit.core.errors import NplanError, os_reason
from toolkit.core.findings import Finding
from toolkit.core.model import Assessment, AssignmentStatus, Indicator, Plan, ValueKind
from toolkit.core.periods import Period
from toolkit.core.returndata import (
    AssignmentReport,
    BudgetReport,
    IndicatorReport,
    ReturnData,
    ValidationResult,
)
from toolkit.returns import layout
from toolkit.texts import common as tc
from toolkit.texts import validate as tv
from toolkit.validate import files as filecheck

__all__ = ["validate_file", "validate_paths", "validate_bytes", "expand_paths", "annotate", "PlanContext",
           "Book", "Sheet", "read_calamine", "read_openpyxl", "check_book"]

Previous = Mapping[tuple[str, str], float]

PLAUSIBLE_FACTOR = 10.0
FORMULA_START = ("=", "+", "-", "@")

NEEDED_SHEETS = (layout.SHEET_IDENTITY, layout.SHEET_INDICATORS, layout.SHEET_ASSIGNMENTS,
                 layout.SHEET_ECONOMY)
FORMULA_SHEETS = (layout.SHEET_INDICATORS, layout.SHEET_ASSIGNMENTS, layout.SHEET_ECONOMY)

_ASSESSMENT_LABELS: dict[str, Assessment] = {
    label: Assessment(key)
    for label, key in {**tc.reverse(tc.ASSESSMENT_FORECAST), **tc.reverse(tc.ASSESSMENT)}.items()}
_STATUS_LABELS: dict[str, AssignmentStatus] = {
    label: AssignmentStatus(key) for label, key in tc.reverse(tc.ASSIGNMENT_STATUS).items()}


# ============================================================================================
# The neutral representation: what a reader gives the checks
# ============================================================================================

@dataclass
class Sheet:
    """One sheet's cell values at their real positions (rows[0] is row 1, rows[r][0] column A) and the
    formula text (without "=") of every cell that holds a formula, by (row, column), 1-based."""

    name: str
    rows: list[list[Any]]
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)

    def value(self, row: int, col: int) -> Any:
        if 0 < row <= len(self.rows):
            r = self.rows[row - 1]
            if 0 < col <= len(r):
                return r[col - 1]
        return None

    @property
    def height(self) -> int:
        return len(self.rows)


@dataclass
class Book:
    """The sheets of a workbook that the checks need, and the names of all its sheets."""

    sheets: dict[str, Sheet]
    names: list[str]

    def sheet(self, name: str) -> Sheet | None:
        found = self.sheets.get(name)
        if found is None:
            key = name.casefold()
            found = next((s for n, s in self.sheets.items() if n.casefold() == key), None)
        return found


class ReadError(Exception):
    """The content of a workbook could not be read (a damaged part); str() is the reason."""


# ============================================================================================
# Readers
# ============================================================================================

def read_calamine(data: bytes, zf: zipfile.ZipFile | None = None,
                  workbook_part: str = "xl/workbook.xml") -> Book:
    """Values with python-calamine, formulas from the sheet XML. Raises ReadError."""
    from python_calamine import CalamineWorkbook

    try:
        if zf is None:
            zf = zipfile.ZipFile(io.BytesIO(data))
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = list(wb.sheet_names)
        wanted = {n.casefold() for n in NEEDED_SHEETS}
        sheets: dict[str, Sheet] = {}
        for name in names:
            if name.casefold() in wanted:
                sheets[name] = Sheet(name, wb.get_sheet_by_name(name).to_python(skip_empty_area=False))
        formula_wanted = {n.casefold() for n in FORMULA_SHEETS}
        if any(n.casefold() in formula_wanted for n in sheets):
            parts = sheet_parts(zf, workbook_part)
            for name, sheet in sheets.items():
                if name.casefold() in formula_wanted and name in parts:
                    sheet.formulas = scan_formulas(filecheck.read_member(zf, parts[name]))
        return Book(sheets, names)
    except ReadError:
        raise
    except Exception as exc:  # calamine, zipfile and zlib raise many kinds on damaged content
        raise ReadError(f"{type(exc).__name__}: {exc}".strip(": ")) from exc


def read_openpyxl(data: bytes) -> Book:
    """The same representation read with openpyxl (the benchmark's baseline). Raises ReadError.

    A formula cell's value is None here (openpyxl does not compute formulas, and the checks never use a
    formula's cached value).
    """
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), data_only=False, read_only=True)
        try:
            wanted = {n.casefold() for n in NEEDED_SHEETS}
            sheets = {ws.title: book_sheet_from_openpyxl(ws) for ws in wb.worksheets
                      if ws.title.casefold() in wanted}
            return Book(sheets, list(wb.sheetnames))
        finally:
            wb.close()
    except Exception as exc:
        raise ReadError(f"{type(exc).__name__}: {exc}".strip(": ")) from exc


def book_sheet_from_openpyxl(ws: Any) -> Sheet:
    """A Sheet from an openpyxl worksheet (read-only or normal)."""
    rows: list[list[Any]] = []
    formulas: dict[tuple[int, int], str] = {}
    for r, row in enumerate(ws.iter_rows(min_row=1, min_col=1), start=1):
        values: list[Any] = []
        for c, cell in enumerate(row, start=1):
            v = getattr(cell, "value", None)
            if getattr(cell, "data_type", None) == "f":
                text = getattr(v, "text", v)  # ArrayFormula carries its text
                formulas[(r, c)] = str(text or "").removeprefix("=")
                v = None
            values.append(v)
        rows.append(values)
    return Sheet(ws.title, rows, formulas)


_SHEET_EL = re.compile(rb"<(?:[\w.-]+:)?sheet\b([^>]*)>", re.S)
_ATTR = re.compile(rb'([\w.:-]+)\s*=\s*"([^"]*)"')
_REL_EL = re.compile(rb"<(?:[\w.-]+:)?Relationship\b([^>]*)>", re.S)


def sheet_parts(zf: zipfile.ZipFile, workbook_part: str = "xl/workbook.xml") -> dict[str, str]:
    """Sheet name -> the zip member holding its XML, from the workbook part and its relationships."""
    base = posixpath.dirname(workbook_part)
    rels_name = posixpath.join(base, "_rels", posixpath.basename(workbook_part) + ".rels")
    # Returns of one unit share these two parts: known by their CRC, they need not be read again.
    key = (base, *((i.CRC, i.file_size) for i in (zf.getinfo(workbook_part), zf.getinfo(rels_name))))
    parts = _SHEET_PARTS.get(key)
    if parts is None:
        parts = _parse_sheet_parts(filecheck.read_member(zf, workbook_part),
                                   filecheck.read_member(zf, rels_name), base)
        if len(_SHEET_PARTS) > 256:
            _SHEET_PARTS.clear()
        _SHEET_PARTS[key] = parts
    return dict(parts)


_SHEET_PARTS: dict[tuple[Any, ...], tuple[tuple[str, str], ...]] = {}


def _parse_sheet_parts(workbook_xml: bytes, rels_xml: bytes, base: str) -> tuple[tuple[str, str], ...]:
    targets: dict[str, str] = {}
    for m in _REL_EL.finditer(rels_xml):
        attrs = dict(_ATTR.findall(m.group(1)))
        rid, target = attrs.get(b"Id"), attrs.get(b"Target")
        if rid and target:
            t = _xml_text(target)
            targets[rid.decode()] = t.lstrip("/") if t.startswith("/") else posixpath.normpath(
                posixpath.join(base, t))
    out: list[tuple[str, str]] = []
    for m in _SHEET_EL.finditer(workbook_xml):
        attrs = _ATTR.findall(m.group(1))
        name = next((v for k, v in attrs if k == b"name"), None)
        rid = next((v for k, v in attrs if k.endswith(b":id") or k == b"id"), None)
        if name is not None and rid is not None and rid.decode() in targets:
            out.append((_xml_text(name), targets[rid.decode()]))
    return tuple(out)


_R_ATTR = re.compile(rb'\br="([A-Z]{1,3})(\d+)"')
_ROOT_PREFIX = re.compile(rb"<(?:([A-Za-z_][\w.-]*):)?worksheet\b")
_F_START: dict[bytes, re.Pattern[bytes]] = {}


def scan_formulas(xml: bytes) -> dict[tuple[int, int], str]:
    """(row, col) -> formula text of every formula cell in a worksheet's XML; shared formulas expanded.

    Finds the ``<f>`` elements and, for each, the ``<c>`` element it sits in (the nearest cell start
    before it): only formula cells are looked at, whatever the size of the sheet. The XML's namespace
    prefix (``<x:f>``) is taken from its root element.
    """
    root = _ROOT_PREFIX.search(xml, 0, 4096)
    prefix = (root.group(1) + b":") if root and root.group(1) else b""
    f_open = b"<" + prefix + b"f"
    if f_open not in xml:
        return {}
    pattern = _F_START.get(prefix)
    if pattern is None:
        pattern = _F_START[prefix] = re.compile(re.escape(f_open) + rb"[\s>/]")
    c_open = b"<" + prefix + b"c "
    out: dict[tuple[int, int], str] = {}
    anchors: dict[bytes, tuple[int, int, str]] = {}
    followers: list[tuple[int, int, bytes]] = []
    skip = len(f_open)
    for m in pattern.finditer(xml):
        s = m.start()
        gt = xml.find(b">", s)
        attrs = xml[s + skip: gt]
        if attrs.endswith(b"/"):
            raw = b""
        else:
            raw = xml[gt + 1: xml.find(b"<", gt + 1)]
        start = xml.rfind(c_open, 0, s)
        if start < 0:
            continue
        ref = _R_ATTR.search(xml, start, xml.find(b">", start))
        if ref is None:
            continue
        row, col = int(ref.group(2)), _col_index(ref.group(1).decode())
        text = _xml_text(raw)
        if b"shared" in attrs:
            parsed = dict(_ATTR.findall(attrs))
            si = parsed.get(b"si")
            if parsed.get(b"t") == b"shared" and si is not None:
                if text:
                    anchors[si] = (row, col, text)
                else:
                    followers.append((row, col, si))
                    continue
        out[(row, col)] = text
    for row, col, si in followers:
        anchor = anchors.get(si)
        out[(row, col)] = translate_formula(anchor[2], row - anchor[0], col - anchor[1]) if anchor else ""
    return out


@functools.lru_cache(maxsize=8192)
def _xml_text(raw: bytes) -> str:
    """Element text as a string, XML entities resolved (cached: the same formulas recur in every file)."""
    text = raw.decode("utf-8")
    if "&" not in text:
        return text
    if "&#" in text:
        return html.unescape(text)
    return (text.replace("&quot;", '"').replace("&apos;", "'").replace("&lt;", "<").replace("&gt;", ">")
            .replace("&amp;", "&"))


def _col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _col_letters(index: int) -> str:
    out = ""
    while index > 0:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


# Cell references outside string literals and quoted sheet names.
_REF = re.compile(r"(?<![A-Za-z0-9_.])(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?![A-Za-z0-9_(])")
_SEGMENTS = re.compile(r'("(?:[^"]|"")*"|\'(?:[^\']|\'\')*\')')


def translate_formula(text: str, rows: int, cols: int) -> str:
    """Move a formula's relative references by ``rows`` and ``cols`` (as Excel fills a shared formula)."""
    if not rows and not cols:
        return text

    def move(m: re.Match[str]) -> str:
        col_abs, letters, row_abs, number = m.groups()
        c = _col_index(letters.upper()) + (0 if col_abs else cols)
        r = int(number) + (0 if row_abs else rows)
        if c < 1 or r < 1:
            return m.group(0)
        return f"{col_abs}{_col_letters(c)}{row_abs}{r}"

    parts = _SEGMENTS.split(text)
    return "".join(p if i % 2 else _REF.sub(move, p) for i, p in enumerate(parts))


_BOOL_CALL = re.compile(r"(?<![A-Z0-9_.])(TRUE|FALSE)\(\)")


@functools.lru_cache(maxsize=4096)
def _normalized(text: str) -> str:
    """normalize_formula, cached (for the generator's formulas, which repeat across files)."""
    return normalize_formula(text)


def normalize_formula(text: str) -> str:
    """A formula's text for comparing: no "=", no spaces or "$" or _xlfn. prefixes, TRUE() as TRUE,
    upper case outside string literals."""
    parts = _SEGMENTS.split(text.strip().removeprefix("="))
    out = []
    for i, p in enumerate(parts):
        if i % 2:
            out.append(p)
        else:
            p = re.sub(r"\s+", "", p).upper().replace("$", "")
            p = p.replace("_XLFN.", "").replace("_XLWS.", "")
            out.append(_BOOL_CALL.sub(r"\1", p))  # LibreOffice writes TRUE() and FALSE()
    return "".join(out)


# ============================================================================================
# The plan side: what a unit's return should hold
# ============================================================================================

@dataclass
class _Expected:
    indicators: list[Indicator]
    assignment_ids: list[str]
    # (sheet, item id, field) -> (row in the generated workbook, formula text)
    formulas: _Formulas | None


class PlanContext:
    """The plan and what is derived from it once for many files (identity, fingerprints, expectations).

    Build one per plan and reuse it for a batch; do not change the plan while it is in use.
    """

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.identity = plan.identity()
        self.unit_ids = [u.id for u in plan.units]
        self._fingerprints: dict[str, str] = {}
        self._expected: dict[tuple[str, str], _Expected] = {}
        self._shapes: dict[tuple[Any, ...], tuple[str, list[str], list[str], _Formulas | None]] = {}

    def fingerprint(self, unit_id: str) -> str:
        if unit_id not in self._fingerprints:
            self._fingerprints[unit_id] = self.plan.unit_fingerprint(unit_id)
        return self._fingerprints[unit_id]

    def expected(self, unit_id: str, period: Period) -> _Expected:
        key = (unit_id, str(period))
        if key not in self._expected:
            indicators = self.plan.indicators_for(unit_id, period)
            assignment_ids = [a.id for a in self.plan.assignments_for(unit_id, period)]
            self._expected[key] = _Expected(indicators, assignment_ids,
                                            self._formulas(unit_id, period, indicators, assignment_ids))
        return self._expected[key]

    def _formulas(self, unit_id: str, period: Period, indicators: list[Indicator],
                  assignment_ids: list[str]) -> _Formulas | None:
        """The generator's formulas for this unit. Returns of the same shape (period, kinds of the
        indicator rows, number of assignments) carry the same formulas row by row, so the generator
        runs once per shape, not once per unit: with hundreds of units that is most of the cost."""
        shape = (str(period), tuple(i.kind for i in indicators), len(assignment_ids),
                 self.plan.budget.frame_of(unit_id) is not None)
        if shape not in self._shapes:
            self._shapes[shape] = (unit_id, [i.id for i in indicators], assignment_ids,
                                   _generated_formulas(self.plan, unit_id, period, self.identity))
        first_unit, first_indicators, first_assignments, formulas = self._shapes[shape]
        if formulas is None or first_unit == unit_id:
            return formulas
        ids = {layout.SHEET_INDICATORS: dict(zip(first_indicators, (i.id for i in indicators))),
               layout.SHEET_ASSIGNMENTS: dict(zip(first_assignments, assignment_ids)),
               layout.SHEET_ECONOMY: {first_unit: unit_id}}
        return {(sheet, ids.get(sheet, {}).get(item, item), field_key): value
                for (sheet, item, field_key), value in formulas.items()}


_Formulas = dict[tuple[str, str, str], tuple[int, str]]


_BOOLS = ("TRUE", "FALSE")  # LibreOffice stores a typed TRUE as the formula TRUE()


def _generated_formulas(plan: Plan, unit_id: str, period: Period, plan_identity: str) -> _Formulas | None:
    """The formulas the generator writes into this unit's return, by sheet, item id and field.

    None when the generator cannot build the return (then only the presence of formulas is checked).
    """
    try:
        from toolkit.returns.build import build_return

        wb = build_return(plan, unit_id, period, now=dt.datetime(plan.year, 1, 1, tzinfo=dt.UTC),
                          plan_identity=plan_identity)
    except (ImportError, NplanError):
        return None
    out: _Formulas = {}
    for sheet_name in _SHEET_COLUMNS:
        if sheet_name not in wb.sheetnames:
            continue
        sheet = book_sheet_from_openpyxl(wb[sheet_name])
        table = _find_table(sheet, sheet_name)
        if table is None:
            continue
        for row in table.rows:
            for key, col in table.columns.items():
                text = sheet.formulas.get((row.row, col))
                if text is not None:
                    out[(sheet_name, row.item_id, key)] = (row.row, text)
    return out


# ============================================================================================
# Tables on the input sheets
# ============================================================================================

_SHEET_COLUMNS: dict[str, Mapping[str, str]] = {
    layout.SHEET_INDICATORS: layout.INDICATOR_COLUMNS,
    layout.SHEET_ASSIGNMENTS: layout.ASSIGNMENT_COLUMNS,
    layout.SHEET_ECONOMY: layout.ECONOMY_COLUMNS,
}
_SHEET_INPUTS: dict[str, tuple[str, ...]] = {
    layout.SHEET_INDICATORS: layout.INDICATOR_INPUTS,
    layout.SHEET_ASSIGNMENTS: layout.ASSIGNMENT_INPUTS,
    layout.SHEET_ECONOMY: layout.ECONOMY_INPUTS,
}


def _norm(text: object) -> str:
    """Text for comparing headers, ids and choices: single spaces, case-folded."""
    return _norm_str(text if isinstance(text, str) else str(text))


@functools.lru_cache(maxsize=16384)
def _norm_str(text: str) -> str:
    return " ".join(text.split()).casefold()


_NORM_COLUMNS = {kind: {key: _norm(text) for key, text in columns.items()}
                 for kind, columns in _SHEET_COLUMNS.items()}


def _blank(v: Any) -> bool:
    return v is None or v == "" or (isinstance(v, str) and not v.strip())


@dataclass
class _Row:
    row: int
    item_id: str
    raw_id: Any


@dataclass
class _Table:
    kind: str  # the sheet's name in the layout (the file may differ in letter case)
    sheet: Sheet
    header_row: int
    columns: dict[str, int]  # field -> column (1-based)
    rows: list[_Row]
    blank_rows_with_values: list[int]
    letters: dict[str, str] = field(default_factory=dict)  # field -> column letters

    def __post_init__(self) -> None:
        self.letters = {key: _col_letters(col) for key, col in self.columns.items()}

    def cell(self, key: str, row: int) -> str:
        letters = self.letters.get(key)
        return f"{letters}{row}" if letters else ""

    def get(self, key: str, row: int) -> Any:
        col = self.columns.get(key)
        return self.sheet.value(row, col) if col else None


def _find_table(sheet: Sheet, kind: str) -> _Table | None:
    """Header row = the first row whose column A is the id header; rows until the first empty row."""
    columns = _NORM_COLUMNS[kind]
    id_header = columns["id"]
    data = sheet.rows
    header_row = next((r for r, row in enumerate(data, start=1)
                       if row and not _blank(row[0]) and _norm(row[0]) == id_header), None)
    if header_row is None:
        return None
    by_text: dict[str, int] = {}
    for c, v in enumerate(data[header_row - 1], start=1):
        if not _blank(v):
            by_text.setdefault(_norm(v), c)
    found = {key: by_text[text] for key, text in columns.items() if text in by_text}
    rows: list[_Row] = []
    loose: list[int] = []
    table_cols = sorted(set(found.values()) | {1})
    formulas = sheet.formulas
    for r in range(header_row + 1, len(data) + 1):
        row = data[r - 1]
        n = len(row)
        if all((c > n or _blank(row[c - 1])) and (r, c) not in formulas for c in table_cols):
            break
        raw = row[0] if n else None
        if _blank(raw):
            loose.append(r)
            continue
        rows.append(_Row(r, _id_text(raw), raw))
    return _Table(kind, sheet, header_row, found, rows, loose)


def _id_text(raw: Any) -> str:
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw).strip()


def _show_raw(raw: Any) -> str:
    """A cell value as the unit left it, as text."""
    if raw is None:
        return ""
    if isinstance(raw, bool):
        return "TRUE" if raw else "FALSE"
    if isinstance(raw, float):
        return str(int(raw)) if raw.is_integer() else repr(raw)
    if isinstance(raw, (dt.datetime, dt.date)):
        return raw.isoformat()
    return str(raw)


# ============================================================================================
# The checks
# ============================================================================================

def check_book(book: Book, ctx: PlanContext, *, file: str = "", period: Period | None = None,
               previous: Previous | None = None) -> tuple[list[Finding], ReturnData | None]:
    """Every check of a return's content on the neutral representation: (findings, normalized data)."""
    checker = _Checker(ctx, file, period, previous)
    data = checker.run(book)
    return checker.findings, data


class _Checker:
    def __init__(self, ctx: PlanContext, file: str, period: Period | None, previous: Previous | None) -> None:
        self.ctx = ctx
        self.plan = ctx.plan
        self.file = file
        self.period_arg = period
        self.previous = previous or {}
        self.findings: list[Finding] = []

    def add(self, code: str, sheet: str = "", cell: str = "", **kw: Any) -> None:
        self.findings.append(fnd.make(code, file=self.file, sheet=sheet, cell=cell, **kw))

    # ---- the whole return ----

    def run(self, book: Book) -> ReturnData | None:
        ident = self._identity(book)
        if ident is None:
            return None
        unit_id, period, meta = ident
        self.unit_id, self.period = unit_id, period
        plan_changed = self._plan_version(book, unit_id, meta)
        expected = self.ctx.expected(unit_id, period)
        self.expected_formulas = expected.formulas
        data = ReturnData(unit_id=unit_id, period=str(period), plan_identity=meta.get("plan_identity", ""),
                          unit_fingerprint=meta.get("unit_fingerprint", ""),
                          format_version=meta.get("format_version_int", 0),
                          generated_at=meta.get("generated_at", ""))
        diffs: dict[str, list[str]] = {"added": [], "removed": [], "changed": []}
        self.diffs = diffs if plan_changed else None
        data.indicators = self._indicators(book, expected.indicators)
        data.assignments = self._assignments(book, expected.assignment_ids)
        data.budget = self._economy(book)
        if plan_changed:
            self._plan_changed_summary(meta, diffs)
        return data

    # ---- identity ----

    def _identity(self, book: Book) -> tuple[str, Period, dict[str, Any]] | None:
        sheet = book.sheet(layout.SHEET_IDENTITY)
        meta: dict[str, Any] = {}
        cells: dict[str, str] = {}
        if sheet is None:
            self.add("identity-missing", expected=layout.SHEET_IDENTITY)
            return self._identity_fallback(book, meta)
        for r, row in enumerate(sheet.rows, start=1):
            if row and not vals.is_blank(row[0]):
                key = str(row[0]).strip()
                value = row[1] if len(row) > 1 else None
                meta[key] = "" if vals.is_blank(value) else _show_raw(value).strip()
                cells[key] = f"B{r}"
        self.identity_cells = cells
        sheet_name = sheet.name

        def invalid(key: str) -> None:
            self.add("identity-invalid", sheet_name, cells.get(key, ""), field=key, found=meta.get(key))

        version_text = meta.get("format_version", "")
        try:
            version = int(float(version_text))
        except (ValueError, OverflowError):
            invalid("format_version")
            return None
        meta["format_version_int"] = version
        if version != layout.FORMAT_VERSION:
            self.add("format-version", sheet_name, cells.get("format_version", ""), field="format_version",
                     found=version, expected=layout.FORMAT_VERSION,
                     advice=tv.FORMAT_TOO_NEW if version > layout.FORMAT_VERSION else tv.FORMAT_TOO_OLD)
            return None
        unit_id = meta.get("unit_id", "")
        if not unit_id:
            invalid("unit_id")
            return None
        if unit_id not in self.ctx.unit_ids:
            self.add("unit-unknown", sheet_name, cells.get("unit_id", ""), field="unit_id", item_id=unit_id,
                     found=unit_id, expected=", ".join(self.ctx.unit_ids) or "-")
            return None
        try:
            period = Period.parse(meta.get("period", ""))
        except NplanError:
            invalid("period")
            if self.period_arg is None:
                return None
            period = self.period_arg
        self._check_period(period, sheet_name, cells.get("period", ""))
        return unit_id, period, meta

    def _identity_fallback(self, book: Book, meta: dict[str, Any]
                           ) -> tuple[str, Period, dict[str, Any]] | None:
        """Without the identity sheet: the unit from the economy row, the period from the caller."""
        self.identity_cells = {}
        sheet = book.sheet(layout.SHEET_ECONOMY)
        table = _find_table(sheet, layout.SHEET_ECONOMY) if sheet else None
        unit_id = table.rows[0].item_id if table and table.rows else ""
        if not unit_id or unit_id not in self.ctx.unit_ids or self.period_arg is None:
            return None
        meta["format_version_int"] = layout.FORMAT_VERSION
        meta["no_identity"] = True
        self._check_period(self.period_arg, "", "")
        return unit_id, self.period_arg, meta

    def _check_period(self, period: Period, sheet: str, cell: str) -> None:
        if self.period_arg is not None and period != self.period_arg:
            self.add("wrong-period", sheet, cell, field="period", found=period, expected=self.period_arg)
        elif period.year != self.plan.year:
            self.add("wrong-period", sheet, cell, field="period", found=period,
                     expected=tv.EXPECT_PERIOD_OF_YEAR.format(year=self.plan.year))

    def _plan_version(self, book: Book, unit_id: str, meta: dict[str, Any]) -> bool:
        """True when the return comes from a plan version that differs in what this unit reports on."""
        if meta.get("no_identity"):
            return False
        found = meta.get("plan_identity", "")
        if found == self.ctx.identity:
            return False
        if meta.get("unit_fingerprint", "") == self.ctx.fingerprint(unit_id):
            cell = self.identity_cells.get("plan_identity", "")
            self.add("plan-version-other", layout.SHEET_IDENTITY, cell, field="plan_identity",
                     found=found or "-", expected=self.ctx.identity)
            return False
        return True

    def _plan_changed_summary(self, meta: dict[str, Any], diffs: dict[str, list[str]]) -> None:
        parts = []
        if diffs["added"]:
            parts.append(tv.DIFF_ADDED.format(ids=", ".join(diffs["added"])))
        if diffs["removed"]:
            parts.append(tv.DIFF_REMOVED.format(ids=", ".join(diffs["removed"])))
        if diffs["changed"]:
            parts.append(tv.DIFF_CHANGED.format(ids=", ".join(diffs["changed"])))
        found = meta.get("plan_identity", "") or "-"
        cell = self.identity_cells.get("plan_identity", "")
        if not parts:
            # The unit's fingerprint changed in something this period's return does not show.
            self.add("plan-version-other", layout.SHEET_IDENTITY, cell, field="plan_identity", found=found,
                     expected=self.ctx.identity)
            return
        self.add("plan-changed", layout.SHEET_IDENTITY, cell,
                 field="plan_identity", found=found, expected=self.ctx.identity, differences="; ".join(parts))

    # ---- rows shared by the three input sheets ----

    def _table(self, book: Book, sheet_name: str) -> _Table | None:
        sheet = book.sheet(sheet_name)
        columns = _SHEET_COLUMNS[sheet_name]
        if sheet is None:
            self.add("sheet-missing", expected=sheet_name)
            return None
        table = _find_table(sheet, sheet_name)
        if table is None:
            self.add("header-missing", sheet.name, field=columns["id"], expected=columns["id"])
            return None
        needed = ("id", *_SHEET_INPUTS[sheet_name], *(k for k in columns if k in layout.FORMULA_FIELDS))
        for key in needed:
            if key not in table.columns:
                self.add("column-missing", sheet.name, f"A{table.header_row}", field=columns[key],
                         expected=columns[key])
        inputs = [table.columns[k] for k in _SHEET_INPUTS[sheet_name] if k in table.columns]
        for r in table.blank_rows_with_values:
            if any(not vals.is_blank(sheet.value(r, c)) for c in inputs):
                self.add("row-without-id", sheet.name, f"A{r}", found=r)
        return table

    def _match_rows(self, table: _Table, expected_ids: Sequence[str], label: str,
                    text_key: str | None, texts: Mapping[str, str]) -> dict[str, _Row]:
        """Rows by id: duplicates, unknown and missing ids, ids moved away from their text."""
        sheet = table.sheet.name
        expected_set = set(expected_ids)
        by_id: dict[str, _Row] = {}
        for row in table.rows:
            cell = f"A{row.row}"
            first = by_id.get(row.item_id)
            if first is not None:
                self.add("duplicate-row", sheet, cell, field=label, item_id=row.item_id, found=row.item_id,
                         first=first.row)
                continue
            if row.item_id not in expected_set:
                if self.diffs is not None:
                    self.diffs["removed"].append(row.item_id)
                    self.add("plan-item-removed", sheet, cell, field=label, item_id=row.item_id,
                             found=row.item_id)
                else:
                    self.add("unknown-row", sheet, cell, field=label, item_id=row.item_id, found=row.item_id,
                             expected=", ".join(expected_ids) or "-")
                continue
            by_id[row.item_id] = row
        for item_id in expected_ids:
            if item_id in by_id:
                continue
            if self.diffs is not None:
                self.diffs["added"].append(item_id)
                self.add("plan-item-added", sheet, field=label, item_id=item_id, expected=item_id)
            else:
                self.add("missing-row", sheet, field=label, item_id=item_id, expected=item_id)
        if text_key and text_key in table.columns and self.diffs is None:
            owner = {}
            for item_id in expected_ids:
                owner.setdefault(_norm(texts[item_id]), item_id)
            for item_id, row in by_id.items():
                text = table.get(text_key, row.row)
                if vals.is_blank(text) or _norm(text) == _norm(texts[item_id]):
                    continue
                other = owner.get(_norm(text))
                if other is not None and other != item_id:
                    self.add("moved-row", sheet, f"A{row.row}", field=label, item_id=item_id, found=other,
                             expected=item_id)
        return by_id

    def _changed(self, table: _Table, row: _Row, key: str, found: Any, expected: Any, label: str) -> None:
        """A plan-changed difference in a read-only cell of a row."""
        assert self.diffs is not None
        if row.item_id not in self.diffs["changed"]:
            self.diffs["changed"].append(row.item_id)
        self.add("plan-item-changed", table.sheet.name, table.cell(key, row.row),
                 field=_SHEET_COLUMNS[table.kind][key], item_id=row.item_id,
                 found=_show_raw(found) if not isinstance(found, str) else found, expected=expected,
                 item=label)

    def _formulas(self, table: _Table, row: _Row) -> None:
        """The formula cells of a row exist and say what the generator wrote; inputs hold no formulas."""
        sheet, kind, r = table.sheet, table.kind, row.row
        columns, inputs = _SHEET_COLUMNS[kind], _SHEET_INPUTS[kind]
        expected = self.expected_formulas
        formulas = sheet.formulas
        for key, col in table.columns.items():
            actual = formulas.get((r, col))
            if expected is not None:
                want = expected.get((kind, row.item_id, key))
            else:
                want = (r, "") if key in layout.FORMULA_FIELDS else None
            if want is None:
                if actual is not None and key in inputs and normalize_formula(actual) not in _BOOLS:
                    self.add("formula-in-input", sheet.name, table.cell(key, r), field=columns[key],
                             item_id=row.item_id, found="=" + actual)
                continue
            if actual is None:
                self.add("formula-deleted", sheet.name, table.cell(key, r), field=columns[key],
                         item_id=row.item_id, found=_show_raw(sheet.value(r, col)) or None)
                continue
            if expected is None:
                continue
            gen_row, text = want
            if actual == text and r == gen_row:
                continue  # as generated: the common case, no need to normalize
            moved = translate_formula(text, r - gen_row, 0)
            if normalize_formula(actual) != _normalized(moved):
                self.add("formula-changed", sheet.name, table.cell(key, r), field=columns[key],
                         item_id=row.item_id, found="=" + _short(actual), expected="=" + _short(moved))

    # ---- indicators ----

    def _indicators(self, book: Book, expected: list[Indicator]) -> list[IndicatorReport]:
        sheet_name = layout.SHEET_INDICATORS
        table = self._table(book, sheet_name)
        if table is None:
            return []
        by_ind = {i.id: i for i in expected}
        names = {i.id: i.name for i in expected}
        rows = self._match_rows(table, [i.id for i in expected], tv.ITEM_INDICATOR, "name", names)
        reports = []
        for ind in expected:
            row = rows.get(ind.id)
            if row is None:
                continue
            if self.diffs is not None:
                self._indicator_context(table, row, ind)
            self._formulas(table, row)
            reports.append(self._indicator(table, row, by_ind[ind.id]))
        return reports

    def _indicator_context(self, table: _Table, row: _Row, ind: Indicator) -> None:
        name = table.get("name", row.row)
        if "name" in table.columns and _norm(name or "") != _norm(ind.name):
            self._changed(table, row, "name", name, ind.name, tv.ITEM_INDICATOR)
        kind = table.get("kind", row.row)
        if "kind" in table.columns and not vals.is_blank(kind) and \
                _norm(str(kind).splitlines()[0]) != _norm(tc.VALUE_KIND[ind.kind]):
            self._changed(table, row, "kind", kind, tc.VALUE_KIND[ind.kind], tv.ITEM_INDICATOR)
        for key, value in (("target", ind.target), ("baseline", ind.baseline)):
            if key in table.columns:
                raw = table.get(key, row.row)
                if not _same_value(raw, value, ind.kind):
                    self._changed(table, row, key, raw, vals.format_value(value, ind.kind) or None,
                                  tv.ITEM_INDICATOR)

    def _indicator(self, table: _Table, row: _Row, ind: Indicator) -> IndicatorReport:
        sheet, r = table.sheet.name, row.row
        headers = layout.INDICATOR_COLUMNS
        required = set(layout.REQUIRED_INDICATOR_INPUTS[self.period.tertial])
        report = IndicatorReport(indicator_id=ind.id)

        raw = table.get("outcome", r)
        report.raw_outcome = _show_raw(raw)
        cell = table.cell("outcome", r)
        if vals.is_blank(raw):
            if "outcome" in required and "outcome" in table.columns:
                self._missing(sheet, cell, "outcome", headers["outcome"], ind.id)
        else:
            report.outcome = self._outcome(sheet, cell, raw, ind, table, row)

        raw = table.get("assessment", r)
        cell = table.cell("assessment", r)
        if vals.is_blank(raw):
            if "assessment" in required and "assessment" in table.columns:
                self._missing(sheet, cell, "assessment", headers["assessment"], ind.id)
        else:
            report.assessment = _ASSESSMENT_LABELS.get(_norm(raw))
            if report.assessment is None:
                self.add("invalid-assessment", sheet, cell, field=headers["assessment"], item_id=ind.id,
                         found=_show_raw(raw), expected=", ".join(tc.ASSESSMENT.values()))
        report.analysis = self._text(table, row, "analysis", ind.id)
        report.measures = self._text(table, row, "measures", ind.id)
        if report.assessment is not None and report.assessment is not Assessment.MET and not report.analysis \
                and "analysis" in table.columns:
            self.add("analysis-missing", sheet, table.cell("analysis", r), field=headers["analysis"],
                     item_id=ind.id, found=tc.ASSESSMENT[report.assessment])
        return report

    def _outcome(self, sheet: str, cell: str, raw: Any, ind: Indicator, table: _Table, row: _Row) -> Any:
        label = layout.INDICATOR_COLUMNS["outcome"]
        shown = _show_raw(raw)
        kind = ind.kind
        if kind is ValueKind.TEXT:
            text = _cell_text(raw)
            self._text_rules(sheet, cell, label, ind.id, text, layout.MAX_TEXT["analysis"])
            return text
        if kind is ValueKind.YESNO:
            try:
                return vals.parse_yesno(raw.strip() if isinstance(raw, str) else raw)
            except ValueError:
                self.add("not-yes-no", sheet, cell, field=label, item_id=ind.id, found=shown,
                         expected=f"{tc.YES} / {tc.NO}")
                return None
        try:
            value = vals.parse_share(raw) if kind is ValueKind.SHARE else vals.parse_number(raw)
        except ValueError:
            expect = {ValueKind.COUNT: tv.EXPECT_COUNT, ValueKind.SHARE: tv.EXPECT_SHARE,
                      ValueKind.AMOUNT: tv.EXPECT_AMOUNT}.get(kind, tv.EXPECT_NUMBER)
            self.add("not-a-number", sheet, cell, field=label, item_id=ind.id, found=shown, expected=expect)
            return None
        if kind is ValueKind.COUNT:
            if value < 0:
                self.add("negative", sheet, cell, field=label, item_id=ind.id,
                         found=vals.format_number(value), expected=tv.EXPECT_COUNT_RANGE)
                return None
            if abs(value - round(value)) > 1e-9:
                self.add("not-whole", sheet, cell, field=label, item_id=ind.id, found=_number(value),
                         expected=tv.EXPECT_COUNT_RANGE)
                return None
            value = float(round(value))
        if kind is ValueKind.SHARE and not (-1e-9 <= value <= 1 + 1e-9):
            self.add("share-out-of-range", sheet, cell, field=label, item_id=ind.id,
                     found=vals.format_value(value, kind), expected=tv.EXPECT_SHARE_RANGE)
            return None
        self._plausible(sheet, cell, label, ind, value, table, row)
        return value

    def _plausible(self, sheet: str, cell: str, label: str, ind: Indicator, value: float, table: _Table,
                   row: _Row) -> None:
        for name, ref in ((tv.REFERENCE_TARGET, ind.target), (tv.REFERENCE_BASELINE, ind.baseline)):
            if isinstance(ref, (int, float)) and not isinstance(ref, bool) and ref > 0 \
                    and value > PLAUSIBLE_FACTOR * ref:
                self.add("value-implausible", sheet, cell, field=label, item_id=ind.id,
                         found=vals.format_value(value, ind.kind),
                         expected=tv.EXPECT_AT_MOST.format(factor=f"{PLAUSIBLE_FACTOR:g}",
                                                           reference=vals.format_value(ref, ind.kind)),
                         reference_name=name, reference=vals.format_value(ref, ind.kind))
                break
        if ind.kind is ValueKind.COUNT and self.period.tertial > 1:
            earlier = self.previous.get((self.unit_id, ind.id))
            if earlier is None:
                raw = table.get("previous", row.row)
                try:
                    earlier = None if vals.is_blank(raw) else vals.parse_number(raw)
                except ValueError:
                    earlier = None
            if earlier is not None and value < earlier:
                self.add("below-previous", sheet, cell, field=label, item_id=ind.id,
                         found=vals.format_number(value), expected=vals.format_number(earlier))

    # ---- assignments ----

    def _assignments(self, book: Book, expected_ids: list[str]) -> list[AssignmentReport]:
        table = self._table(book, layout.SHEET_ASSIGNMENTS)
        if table is None:
            return []
        texts = {a: self.plan.assignment(a).text for a in expected_ids}  # type: ignore[union-attr]
        rows = self._match_rows(table, expected_ids, tv.ITEM_ASSIGNMENT, "text", texts)
        required = set(layout.REQUIRED_ASSIGNMENT_INPUTS[self.period.tertial])
        headers = layout.ASSIGNMENT_COLUMNS
        sheet = table.sheet.name
        reports = []
        for assignment_id in expected_ids:
            row = rows.get(assignment_id)
            if row is None:
                continue
            a = self.plan.assignment(assignment_id)
            assert a is not None
            if self.diffs is not None:
                self._assignment_context(table, row, a.text, a.end_date)
            self._formulas(table, row)
            report = AssignmentReport(assignment_id=assignment_id)
            raw = table.get("status", row.row)
            cell = table.cell("status", row.row)
            if vals.is_blank(raw):
                if "status" in required and "status" in table.columns:
                    self._missing(sheet, cell, "status", headers["status"], assignment_id)
            else:
                report.status = _STATUS_LABELS.get(_norm(raw))
                if report.status is None:
                    self.add("invalid-status", sheet, cell, field=headers["status"], item_id=assignment_id,
                             found=_show_raw(raw), expected=", ".join(tc.ASSIGNMENT_STATUS.values()))
            report.comment = self._text(table, row, "comment", assignment_id)
            reports.append(report)
        return reports

    def _assignment_context(self, table: _Table, row: _Row, text: str, end: dt.date | None) -> None:
        found = table.get("text", row.row)
        if "text" in table.columns and _norm(found or "") != _norm(text):
            self._changed(table, row, "text", found, text, tv.ITEM_ASSIGNMENT)
        if "end_date" in table.columns:
            raw = table.get("end_date", row.row)
            try:
                found_date = None if vals.is_blank(raw) else vals.parse_date(raw)
            except ValueError:
                found_date = None
            if found_date != end:
                self._changed(table, row, "end_date", raw, end.isoformat() if end else None,
                              tv.ITEM_ASSIGNMENT)

    # ---- economy ----

    def _economy(self, book: Book) -> BudgetReport | None:
        table = self._table(book, layout.SHEET_ECONOMY)
        if table is None:
            return None
        unit_id = self.unit_id
        frame = self.plan.budget.frame_of(unit_id)
        frame_tkr = frame.frame_tkr if frame else None
        # The economy row is matched like the other rows, but its "removed/added" is about the unit.
        diffs, self.diffs = self.diffs, None
        rows = self._match_rows(table, [unit_id], tv.ITEM_UNIT, None, {})
        self.diffs = diffs
        row = rows.get(unit_id)
        if row is None:
            return None
        sheet, r = table.sheet.name, row.row
        headers = layout.ECONOMY_COLUMNS
        report = BudgetReport(frame_tkr=frame_tkr)
        raw_frame = table.get("frame_tkr", r)
        if "frame_tkr" in table.columns and (r, table.columns["frame_tkr"]) not in table.sheet.formulas:
            try:
                found_frame = None if vals.is_blank(raw_frame) else vals.parse_number(raw_frame)
            except ValueError:
                found_frame = None
            if not _same_number(found_frame, frame_tkr):
                if self.diffs is not None:
                    if tv.DIFF_FRAME not in self.diffs["changed"]:
                        self.diffs["changed"].append(tv.DIFF_FRAME)
                    self.add("plan-item-changed", sheet, table.cell("frame_tkr", r),
                             field=headers["frame_tkr"], item_id=unit_id, found=_show_raw(raw_frame) or None,
                             expected=vals.format_number(frame_tkr) if frame_tkr is not None else None)
                else:
                    self.add("frame-changed", sheet, table.cell("frame_tkr", r), field=headers["frame_tkr"],
                             item_id=unit_id, found=_show_raw(raw_frame) or None,
                             expected=vals.format_number(frame_tkr) if frame_tkr is not None else "-")
        self._formulas(table, row)
        required = set(layout.REQUIRED_ECONOMY_INPUTS[self.period.tertial])
        for key in ("outcome_tkr", "forecast_tkr"):
            raw = table.get(key, r)
            cell = table.cell(key, r)
            value = None
            if vals.is_blank(raw):
                if key in required and key in table.columns:
                    self._missing(sheet, cell, key, headers[key], unit_id)
            else:
                try:
                    value = vals.parse_number(raw)
                except ValueError:
                    self.add("not-a-number", sheet, cell, field=headers[key], item_id=unit_id,
                             found=_show_raw(raw), expected=tv.EXPECT_AMOUNT)
                if value is not None and frame_tkr and frame_tkr > 0 \
                        and abs(value) > PLAUSIBLE_FACTOR * frame_tkr:
                    self.add("value-implausible", sheet, cell, field=headers[key], item_id=unit_id,
                             found=vals.format_number(value), reference_name=tv.REFERENCE_FRAME,
                             reference=vals.format_number(frame_tkr),
                             expected=tv.EXPECT_AT_MOST.format(factor=f"{PLAUSIBLE_FACTOR:g}",
                                                               reference=vals.format_number(frame_tkr)))
            setattr(report, key, value)
        report.comment = self._text(table, row, "comment", unit_id, required="comment" in required)
        report.events = self._text(table, row, "events", unit_id, required="events" in required)
        deviation = report.deviation_tkr
        threshold = self.plan.settings.deviation_threshold_tkr
        if deviation is not None and abs(deviation) > threshold and not report.comment \
                and "comment" in table.columns:
            self.add("comment-missing", sheet, table.cell("comment", r), field=headers["comment"],
                     item_id=unit_id, found=vals.format_number(deviation),
                     expected=vals.format_number(threshold))
        return report

    # ---- field helpers ----

    def _missing(self, sheet: str, cell: str, key: str, label: str, item_id: str) -> None:
        self.add("missing-input", sheet, cell, field=label, item_id=item_id, found=None,
                 advice=tv.MISSING_ADVICE.get(key, tv.MISSING_ADVICE_DEFAULT))

    def _text(self, table: _Table, row: _Row, key: str, item_id: str, required: bool = False) -> str:
        if key not in table.columns:
            return ""
        raw = table.get(key, row.row)
        cell = table.cell(key, row.row)
        label = _SHEET_COLUMNS[table.kind][key]
        if vals.is_blank(raw):
            if required:
                self._missing(table.sheet.name, cell, key, label, item_id)
            return ""
        text = _cell_text(raw)
        limit = layout.MAX_TEXT.get(key, layout.MAX_TEXT["comment"])
        self._text_rules(table.sheet.name, cell, label, item_id, text, limit)
        return text

    def _text_rules(self, sheet: str, cell: str, label: str, item_id: str, text: str, limit: int) -> None:
        if len(text) > limit:
            self.add("text-too-long", sheet, cell, field=label, item_id=item_id, found=len(text),
                     expected=limit)
        if text.startswith(FORMULA_START):
            self.add("formula-like-text", sheet, cell, field=label, item_id=item_id, found=_short(text, 60),
                     first_char=text[0])


def _cell_text(raw: Any) -> str:
    """Free text as kept in the data: plain text, never a formula; numbers and dates as written."""
    if isinstance(raw, bool):
        return tc.YES if raw else tc.NO
    if isinstance(raw, float):
        if not math.isfinite(raw):
            return repr(raw)
        return _number(raw) if not raw.is_integer() else str(int(raw))
    if isinstance(raw, (dt.datetime, dt.date)):
        return raw.isoformat()
    return str(raw).strip()


def _number(value: float) -> str:
    """12.5 -> "12,5", 0.125 -> "0,125": Swedish, without trailing zeros."""
    text = vals.format_number(value, 6)
    return text.rstrip("0").rstrip(",") if "," in text else text


def _short(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _same_number(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6)


def _same_value(raw: Any, value: Any, kind: ValueKind) -> bool:
    """Whether a read-only plan value in a return (target, baseline) is the plan's value."""
    if value is None:
        if vals.is_blank(raw):
            return True
        try:
            vals.parse_value(raw, kind)
        except ValueError:
            return True  # a reason such as "Svar saknas" stands in for a missing value
        return kind is ValueKind.TEXT
    if vals.is_blank(raw):
        return False
    try:
        parsed = vals.parse_value(raw, kind)
    except ValueError:
        return False
    if isinstance(value, bool) or isinstance(parsed, bool):
        return parsed == value
    if isinstance(value, (int, float)) and isinstance(parsed, (int, float)):
        return math.isclose(float(parsed), float(value), rel_tol=1e-9, abs_tol=1e-9)
    return _norm(parsed) == _norm(value)


# ============================================================================================
# Files
# ============================================================================================

Reader = Callable[[bytes, filecheck.FileCheck], Book]


def _calamine_reader(data: bytes, check: filecheck.FileCheck) -> Book:
    return read_calamine(data, check.zip, check.workbook_part)


def _openpyxl_reader(data: bytes, check: filecheck.FileCheck) -> Book:
    return read_openpyxl(data)


READERS: dict[str, Reader] = {"calamine": _calamine_reader, "openpyxl": _openpyxl_reader}


def validate_file(path: str | os.PathLike[str], plan: Plan | PlanContext, *,
                  period: Period | str | None = None, previous: Previous | None = None,
                  reader: str = "calamine") -> ValidationResult:
    """Validate one returned file against the plan; never raises for a bad file.

    ``period``: the period being collected (a return for another period is an error); None accepts the
    return's own period. ``previous``: (unit id, indicator id) -> the value the unit reported earlier in the
    year, for the warning on cumulative counts that went down. ``reader``: "calamine" (the hot path) or
    "openpyxl" (the same checks on openpyxl's reading; for comparison). Raises PeriodError only for a
    ``period`` text that is not a period (a usage error, not a problem of the file).
    """
    ctx = plan if isinstance(plan, PlanContext) else PlanContext(plan)
    return _validate(Path(path), ctx, _period(period), previous, READERS[reader])


def validate_paths(paths: Iterable[str | os.PathLike[str]], plan: Plan | PlanContext, *,
                   period: Period | str | None = None, previous: Previous | None = None,
                   reader: str = "calamine") -> list[ValidationResult]:
    """Validate files and directories (walked recursively, in name order). Lock files (``~$...``) are
    reported and not read; in a directory only spreadsheet-like files are picked up."""
    ctx = plan if isinstance(plan, PlanContext) else PlanContext(plan)
    per = _period(period)
    return [_validate(p, ctx, per, previous, READERS[reader]) for p in expand_paths(paths)]


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The files to validate: given files as they are, directories walked recursively (sorted)."""
    out: list[Path] = []
    seen: set[str] = set()
    for given in paths:
        p = Path(given)
        if p.is_dir():
            found = sorted((f for f in p.rglob("*") if filecheck.is_candidate(f) and f.is_file()),
                           key=lambda f: str(f).casefold())
        else:
            found = [p]
        for f in found:
            key = os.path.normcase(os.path.abspath(f))
            if key not in seen:
                seen.add(key)
                out.append(f)
    return out


def _period(period: Period | str | None) -> Period | None:
    if period is None or isinstance(period, Period):
        return period
    return Period.parse(period)


def _validate(path: Path, ctx: PlanContext, period: Period | None, previous: Previous | None,
              reader: Reader) -> ValidationResult:
    file = str(path)
    result = ValidationResult(path=file)
    if filecheck.is_lock_file(path):
        result.findings.append(filecheck.lock_file_finding(path, file))
        return result
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        result.findings.append(fnd.make("file-not-found", file=file, found=file))
        return result
    except OSError as exc:
        reason = os_reason(exc)
        result.findings.append(fnd.make("unreadable-file", file=file, found=reason))
        return result
    return validate_bytes(data, ctx, name=path.name, file=file, period=period, previous=previous,
                          reader=reader, result=result)


def validate_bytes(data: bytes, ctx: PlanContext, *, name: str, file: str = "", period: Period | None = None,
                   previous: Previous | None = None, reader: Reader | str = "calamine",
                   result: ValidationResult | None = None) -> ValidationResult:
    """Validate a file's bytes (``name`` gives its extension). The checks are the same for every reader."""
    result = result or ValidationResult(path=file or name)
    result.sha256 = hashlib.sha256(data).hexdigest()
    check = filecheck.check_bytes(name, data, file=file)
    result.findings.extend(check.findings)
    if not check.readable:
        return result
    read = READERS[reader] if isinstance(reader, str) else reader
    try:
        book = read(data, check)
    except ReadError as exc:
        result.findings.append(fnd.make("corrupt-file", file=file, found=str(exc)[:200]))
        return result
    findings, result.data = check_book(book, ctx, file=file, period=period, previous=previous)
    result.findings.extend(findings)
    return result


def annotate(result: ValidationResult, out_dir: str | os.PathLike[str], *, name: str | None = None) -> Path:
    """The unit's workbook copied with each finding marked; see ``toolkit.validate.annotate``."""
    from toolkit.validate.annotate import annotate as _annotate

    return _annotate(result, out_dir, name=name)
