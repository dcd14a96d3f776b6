"""openpyxl/OOXML mechanics only, no words of its own: styles, cell writing, atomic files, the fast
workbook clone and sheet-XML scanning. ``from toolkit import excel`` gives the common helpers."""

from toolkit.excel.cells import (
    LINE_HEIGHT,
    MAX_ROW_HEIGHT,
    Operator,
    ValidationKind,
    active_sheet,
    add_table,
    bounds,
    clean_text,
    col,
    define_name,
    fit_row_heights,
    list_validation,
    new_workbook,
    number_validation,
    print_setup,
    row_height,
    set_text,
    set_widths,
    sheet_ref,
    text_lines,
)
from toolkit.excel.files import save_workbook, write_atomic_bytes
from toolkit.excel.styles import (
    ASSESSMENT_COLOURS,
    ATTENTION,
    BOX,
    FMT_COUNT,
    FMT_DATE,
    FMT_PERCENT,
    FMT_PERCENT_DEC,
    FMT_TKR,
    FMT_TKR_DEC,
    FORMULA_FILL,
    HEADER_FILL,
    HEADER_FONT,
    INPUT_FILL,
    MISSING_FILL,
    NOTE_FONT,
    RETURN_COLOURS,
    THIN,
    TITLE_FONT,
    WARN_FONT,
    WRAP,
    solid_fill,
)

__all__ = [
    "ASSESSMENT_COLOURS", "ATTENTION", "BOX", "FMT_COUNT", "FMT_DATE", "FMT_PERCENT", "FMT_PERCENT_DEC", "FMT_TKR",
    "FMT_TKR_DEC", "FORMULA_FILL", "HEADER_FILL", "HEADER_FONT", "INPUT_FILL", "LINE_HEIGHT", "MAX_ROW_HEIGHT",
    "MISSING_FILL", "NOTE_FONT", "RETURN_COLOURS", "THIN", "TITLE_FONT", "WARN_FONT", "WRAP", "active_sheet",
    "add_table", "bounds", "clean_text", "col", "define_name", "fit_row_heights", "list_validation",
    "new_workbook", "number_validation", "Operator", "print_setup", "row_height", "save_workbook", "set_text",
    "set_widths", "sheet_ref", "solid_fill", "text_lines", "ValidationKind", "write_atomic_bytes",
]
