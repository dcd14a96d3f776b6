"""The returns' cell styles, as style arrays copied onto cells, and their two conditional-format styles."""

from __future__ import annotations

from typing import Any, cast

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.styles.cell_style import StyleArray
from openpyxl.styles.differential import DifferentialStyle
from openpyxl.styles.numbers import BUILTIN_FORMATS_MAX_SIZE, BUILTIN_FORMATS_REVERSE
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.worksheet import Worksheet

from toolkit import excel
from toolkit.excel.clone import STYLE_LISTS, clone_indexed_list
from toolkit.excel.styles import GOOD

HEADER_ALIGN = Alignment(wrap_text=True, vertical="center")
TOP = Alignment(vertical="top", horizontal="left", wrap_text=True)
UNLOCKED = Protection(locked=False)
BOLD = Font(bold=True)
OK_FILL = PatternFill("solid", fgColor=GOOD)

# The differential styles of the conditional formats, registered in this order in every return
# (``register_differential_styles``); rules refer to them by index.
DXF_MISSING, DXF_OK = 0, 1


def register_differential_styles(wb: Workbook) -> None:
    """Register the conditional formats' fills (orange: missing, green: complete) at their indexes."""
    styles = wb._differential_styles  # type: ignore[attr-defined]  # openpyxl's private list (not in the stubs)
    missing = styles.add(DifferentialStyle(fill=excel.MISSING_FILL))
    ok = styles.add(DifferentialStyle(fill=OK_FILL))
    assert (missing, ok) == (DXF_MISSING, DXF_OK), "a new workbook has no differential styles yet"


class Styles:
    """Style arrays copied onto cells: no per-cell style objects.

    The style index lists (fonts, fills, ...) with every style the returns use are built once per process
    (``template``) and cloned into each new workbook; registering styles per workbook hashes every style
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
    _template: tuple[dict[str, IndexedList], dict[tuple[str, str], StyleArray]] | None = None

    def __init__(self, wb: Workbook, clone_template: bool = False) -> None:
        """``clone_template`` for a new workbook; without it ``wb`` must hold the template's lists already
        (a clone of a workbook made with it), so that the template's style arrays are valid in it."""
        self.wb = wb
        lists, arrays = self.template()
        if clone_template:
            for attr, items in lists.items():
                setattr(wb, attr, clone_indexed_list(items))
        self._cache = dict(arrays)

    @classmethod
    def template(cls) -> tuple[dict[str, IndexedList], dict[tuple[str, str], StyleArray]]:
        if cls._template is None:
            wb = Workbook()
            arrays = {(name, fmt): cls._register(wb, name, fmt) for name in cls.BASE for fmt in cls.FORMATS}
            cls._template = ({attr: getattr(wb, attr) for attr in STYLE_LISTS}, arrays)
        return cls._template

    @classmethod
    def _register(cls, wb: Workbook, name: str, number_format: str) -> StyleArray:
        spec = cls.BASE[name]
        arr = StyleArray()
        # The workbook's style index lists are openpyxl's private attributes (not in the stubs).
        if "font" in spec:
            arr.fontId = wb._fonts.add(spec["font"])  # type: ignore[attr-defined]
        if "fill" in spec:
            arr.fillId = wb._fills.add(spec["fill"])  # type: ignore[attr-defined]
        if "border" in spec:
            arr.borderId = wb._borders.add(spec["border"])  # type: ignore[attr-defined]
        if "alignment" in spec:
            arr.alignmentId = wb._alignments.add(spec["alignment"])  # type: ignore[attr-defined]
        if "protection" in spec:
            arr.protectionId = wb._protections.add(spec["protection"])  # type: ignore[attr-defined]
        if number_format in BUILTIN_FORMATS_REVERSE:
            arr.numFmtId = BUILTIN_FORMATS_REVERSE[number_format]
        else:
            arr.numFmtId = wb._number_formats.add(number_format) + BUILTIN_FORMATS_MAX_SIZE  # type: ignore[attr-defined]
        return arr

    def array(self, name: str, number_format: str = "General") -> StyleArray:
        arr = self._cache.get((name, number_format))
        if arr is None:  # a combination outside the template: register it in this workbook only
            arr = self._cache[(name, number_format)] = self._register(self.wb, name, number_format)
        return arr

    def put(self, ws: Worksheet, row: int, column: int, value: Any, style: str,
            number_format: str = "General", text: bool = False) -> Cell:
        """Write a value with a style; ``text=True`` writes it as text (never a formula)."""
        cell = cast(Cell, ws.cell(row=row, column=column))  # never a merged cell: returns merge none
        if text and value is not None:
            excel.set_text(cell, value)
        else:
            cell.value = value
        cell._style = StyleArray(self.array(style, number_format))  # type: ignore[attr-defined]
        return cell
