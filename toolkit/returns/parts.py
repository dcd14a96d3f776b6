"""What the sheets of a return share: where things go, the builder's context, formula texts, conditional
formats and validations, row heights and how plan values are shown."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from openpyxl.formatting.rule import Rule
from openpyxl.utils.cell import column_index_from_string as xlsx_index
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from toolkit import excel
from toolkit.core.model import NUMBER_KINDS, Goal, Indicator, Plan, SubGoal, Value, ValueKind
from toolkit.core.periods import Period
from toolkit.core.values import format_number
from toolkit.returns import formulas as fx
from toolkit.returns import layout
from toolkit.returns.styles import DXF_MISSING, Styles
from toolkit.texts import common as tc
from toolkit.texts import returns as tr

# (unit id, indicator id) -> the value the unit reported earlier in the year.
PreviousValues = Mapping[tuple[str, str], Value]

FIRST_ROW = layout.HEADER_ROW + 1
LINE_HEIGHT = 15.0  # points per line of 11 pt text
CHARS_PER_WIDTH = 1.1  # characters of body text per unit of column width
INPUT_LINES = 3  # room to type in indicator and assignment rows
ECONOMY_LINES = 5

IND = list(layout.INDICATOR_COLUMNS)
ASG = list(layout.ASSIGNMENT_COLUMNS)
ECO = list(layout.ECONOMY_COLUMNS)
IND_LETTERS = {key: excel.col(i) for i, key in enumerate(IND, start=1)}
ASG_LETTERS = {key: excel.col(i) for i, key in enumerate(ASG, start=1)}
ECO_LETTERS = {key: excel.col(i) for i, key in enumerate(ECO, start=1)}
# The hidden helper columns, right of each sheet's last column (``layout.*_HELPERS``).
IND_HELPERS = {key: excel.col(i) for i, key in enumerate(layout.INDICATOR_HELPERS, start=len(IND) + 1)}
ASG_HELPERS = {key: excel.col(i) for i, key in enumerate(layout.ASSIGNMENT_HELPERS, start=len(ASG) + 1)}
ECO_HELPERS = {key: excel.col(i) for i, key in enumerate(layout.ECONOMY_HELPERS, start=len(ECO) + 1)}

# Start sheet rows (label in A, value in B); the status cells are named in layout.
START_ROWS = {
    "committee": 4, "unit": 5, "period": 6, "report": 7, "deadline": 8,
    "status": 10, "missing_indicators": 11, "missing_assignments": 12, "missing_economy": 13,
    "missing_total": 14, "errors_indicators": 15, "errors_assignments": 16, "errors_economy": 17,
    "errors_total": 18,
}
INSTRUCTIONS_ROW = 20
THRESHOLD_ROW = FIRST_ROW + 2  # on the economy sheet, under the deviation column
FRAME_PARTS_ROW = THRESHOLD_ROW + 2

LISTS: dict[str, list[str]] = {
    layout.LIST_NAMES["assessment"]: list(tc.ASSESSMENT.values()),
    layout.LIST_NAMES["status"]: list(tc.ASSIGNMENT_STATUS.values()),
    layout.LIST_NAMES["yesno"]: [tc.YES, tc.NO],
}

WIDTHS = {
    layout.SHEET_START: [34, 100],
    layout.SHEET_INDICATORS: [11, 18, 26, 42, 13, 12, 15, 30, 11, 11, 13, 12, 17, 46, 36, 30],
    layout.SHEET_ASSIGNMENTS: [11, 70, 12, 16, 60, 24],
    layout.SHEET_ECONOMY: [15, 16, 16, 16, 16, 50, 50, 28],
}


class Context:
    """What every sheet writer needs: the plan, the period and what is fixed for this run."""

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
        self.sub_goals: dict[str, SubGoal] = {s.id: s for s in plan.sub_goals}
        self.goals: dict[int, Goal] = {g.number: g for g in plan.goals}


# --------------------------------------------------------------------------------------------
# Formula texts
# --------------------------------------------------------------------------------------------

@dataclass
class Rows:
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


literal = fx.literal  # a string literal inside a formula


def blank(ref: str) -> str:
    return f'TRIM({ref})=""'


def filled(ref: str) -> str:
    return f'TRIM({ref})<>""'


def qualifier(sheet: str) -> Callable[[str], str]:
    """A function that prefixes a reference with its sheet, for formulas on the start sheet."""
    return lambda ref: excel.sheet_ref(sheet, ref)


def spans(numbers: list[int]) -> list[tuple[int, int]]:
    """Sorted numbers as runs of consecutive ones: [3, 4, 5, 9] -> [(3, 5), (9, 9)]."""
    runs: list[tuple[int, int]] = []
    for n in numbers:
        if runs and n == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs


def ranges(letter: str, rows: list[int]) -> list[str]:
    """Row numbers of one column as compact A1 ranges: [5, 6, 7, 9] -> ["I5:I7", "I9"]."""
    return [f"{letter}{a}" if a == b else f"{letter}{a}:{letter}{b}" for a, b in spans(rows)]


# --------------------------------------------------------------------------------------------
# Conditional formats, validations, titles
# --------------------------------------------------------------------------------------------

def text_validation(ws: Worksheet, ref: str, prompt_key: str, limit: int, **fmt: object) -> DataValidation:
    """A text length limit with its input message and error alert (texts in ``toolkit.texts.returns``)."""
    title, prompt, error = tr.PROMPTS[prompt_key]
    return excel.number_validation(ws, ref, kind="textLength", operator="lessThanOrEqual", minimum=limit,
                                  prompt=prompt.format(**fmt), error=error.format(max=limit), title=title)


def add_rule(ws: Worksheet, ref: str, formula: str, dxf_id: int = DXF_MISSING,
             kind: Literal["expression", "cellIs"] = "expression",
             operator: Literal["equal", "notEqual", "greaterThan"] | None = None) -> None:
    """A conditional format whose differential style is registered once per workbook (by index)."""
    rule = Rule(type=kind, operator=operator, formula=[formula], dxfId=dxf_id)
    ws.conditional_formatting.add(ref, rule)


def mark_required(ws: Worksheet, letters: dict[str, str], keys: Sequence[str], rows: Rows) -> None:
    """Mark empty required cells; adjacent required columns share one rule (relative references)."""
    for first, last in spans(sorted(xlsx_index(letters[k]) for k in keys)):
        a, b = excel.col(first), excel.col(last)
        add_rule(ws, f"{a}{rows.first}:{b}{rows.last}", blank(f"{a}{rows.first}"))


def hide_helpers(ws: Worksheet, letters: Iterable[str]) -> None:
    """Hide the helper columns (the unit does not need them; they are locked like every formula)."""
    for letter in letters:
        ws.column_dimensions[letter].hidden = True


def mark_check(ws: Worksheet, ref: str) -> None:
    """Colour a Kontroll cell that names something missing or wrong."""
    add_rule(ws, ref, f'LEN({ref.split(":")[0]})>0')


def write_title(st: Styles, ws: Worksheet, title: str, extra: str = "", extra_style: str = "note") -> None:
    """The sheet's title in A1 and, when given, a line under it in A3."""
    st.put(ws, 1, 1, title, "title", text=True)
    if extra:
        st.put(ws, 3, 1, extra, extra_style, text=True)


# --------------------------------------------------------------------------------------------
# Row heights and values
# --------------------------------------------------------------------------------------------

def wrapped_lines(text: str, per_line: float) -> int:
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


def fit_height(ws: Worksheet, row: int, texts: Sequence[object], min_lines: int = 1) -> None:
    """Give a row the height its wrapped texts need (by column width). LibreOffice does not fit rows on
    load, and Excel does not grow a row with an explicit height while typing: input rows get room."""
    lines = min_lines
    for width, text in zip(WIDTHS[ws.title], texts, strict=False):
        if isinstance(text, str) and text and not text.startswith("="):
            lines = max(lines, wrapped_lines(text, width * CHARS_PER_WIDTH))
    if lines > 1:
        ws.row_dimensions[row].height = excel.row_height(LINE_HEIGHT * lines + 3)


def fit_row(ws: Worksheet, row: int, min_lines: int, check_text: str) -> None:
    """``fit_height`` from the row's written cells; the Kontroll formula counts as its longest text."""
    texts = [ws.cell(row=row, column=c).value for c in range(1, len(WIDTHS[ws.title]) + 1)]
    texts[-1] = check_text
    fit_height(ws, row, texts, min_lines)


def display(value: Value, kind: ValueKind) -> object:
    """A plan value as a cell value: numbers as numbers (shares as fractions), yes/no as Ja/Nej."""
    if value is None:
        return None
    if kind is ValueKind.YESNO or isinstance(value, bool):
        if isinstance(value, (bool, int, float)):  # the history keeps yes as 1.0 and no as 0.0
            return tc.YES if value else tc.NO
        return value
    if isinstance(value, float) and value.is_integer() and kind is not ValueKind.SHARE:
        return int(value)
    return value


def value_format(ind: Indicator) -> str:
    """The number format of the indicator's values (its kind and decimals)."""
    return excel.number_format(ind.kind.value, ind.decimals)


def kind_label(ind: Indicator) -> str:
    """ "Tal\n(1 decimal)\nLägre är bättre": the kind on the first line (the validator compares it)."""
    label = tc.VALUE_KIND[ind.kind]
    if ind.decimals is not None and ind.kind in (ValueKind.DECIMAL, ValueKind.SHARE, ValueKind.AMOUNT):
        label = tr.KIND_DECIMALS.format(kind=label, decimals=tc.decimals_text(ind.decimals))
    if ind.direction.value == "lower":
        label = f"{label}\n{tr.LOWER_IS_BETTER}"
    return label


def measurement_label(ind: Indicator) -> str | None:
    return tc.MEASUREMENT[ind.measurement] if ind.measurement is not None and ind.kind in NUMBER_KINDS else None


def number_text(value: float | None, plain: bool = False) -> str:
    """100.0 -> "100"; ``plain`` gives a dot decimal (identity sheet), else the Swedish form ("12,5")."""
    if value is None:
        return ""
    if plain:
        return str(int(value)) if float(value).is_integer() else repr(float(value))
    return format_number(value)
