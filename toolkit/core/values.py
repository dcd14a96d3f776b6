"""Reading values as Swedish users type them.

Numbers: "1 234", "1 234" (no-break space), "12,5", "-3", "1 250 tkr"; "1.234,5" is not accepted
(ambiguous). The rule, which the return's own check formulas apply too (``toolkit.returns.formulas``): drop
the spaces of ``SPACES`` and a trailing "tkr", read "−" as "-"; what is left must be an optional sign, digits,
and at most one decimal separator ("," or ".") with digits on both sides.
Shares in the master and the plan source: "40 %", "40%", "0,4", 0.4, 40 -> 0.40 (a number above 1 in size
without "%" is read as percent; a percent-formatted cell holds the fraction).
Shares in a return (``parse_share_entry``): the share cells are percent-formatted, so a number is the fraction
as it stands (1,25 is 125 %, 62 is 6200 %: what the unit sees); a text is the percent number the unit typed
("62", "62 %", "62,5%" -> 0.62, 0.62, 0.625).
Yes/no: "ja", "JA", "Ja", "nej" (also True/False from a cell).
Dates: a date cell, "2026-12-31" (also "2026-12-31 00:00:00").

Each parser returns the value or raises ValueError; callers turn that into a finding.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from toolkit.core.model import ValueKind
from toolkit.texts import common as tc

# The spaces a number may hold: space, tab, line breaks, no-break, narrow no-break and thin space. An explicit
# set (not every Unicode space) so that the return's formulas can drop exactly the same characters.
SPACES = " \t\n\r\u00a0\u202f\u2009"
_SPACES = re.compile(f"[{SPACES}]+")
MINUS = "\u2212"  # the typographic minus sign, read as "-"
DECIMALS_TOLERANCE = 1e-9  # relative: a value within this of its rounding has no more decimals
_NUMBER = re.compile(r"[-+]?[0-9]+(?:[.,][0-9]+)?")


def is_blank(raw: object) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def parse_number(raw: object) -> float:
    """A number from a cell value or a Swedish-written text ("1 234", "12,5")."""
    if isinstance(raw, bool):
        raise ValueError("bool")
    if isinstance(raw, (int, float)):
        if isinstance(raw, float) and not math.isfinite(raw):
            raise ValueError("not finite")
        return float(raw)
    if not isinstance(raw, str):
        raise ValueError(type(raw).__name__)
    s = _SPACES.sub("", raw).replace(MINUS, "-")
    if s.lower().endswith("tkr"):
        s = s[:-3]
    if not _NUMBER.fullmatch(s):
        raise ValueError(raw)
    return float(s.replace(",", "."))


def parse_share(raw: object, percent_cell: bool = False) -> float:
    """A share as a fraction 0..1 (not range-checked here): "40 %", "40%", "0,4", 0.4, 40.

    ``percent_cell``: the number comes from a cell formatted as percent, so it is a fraction as it
    stands (1.25 shows as 125 %), however large.
    """
    if percent_cell and isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return parse_number(raw)
    if isinstance(raw, str):
        s = _SPACES.sub("", raw)
        if s.endswith("%"):
            return parse_number(s[:-1]) / 100.0
        value = parse_number(s)
    else:
        value = parse_number(raw)
    # 40 means 40 %; a fraction is at most 1 in size (1 = 100 %).
    return value / 100.0 if abs(value) > 1 else value


def parse_share_entry(raw: object) -> float:
    """A share as a return's percent-formatted cell holds it, as a fraction (not range-checked here): a number
    is the fraction as it stands, a text is the percent number typed ("62", "62 %" -> 0.62)."""
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return parse_number(raw)
    if isinstance(raw, str):
        s = _SPACES.sub("", raw)
        return parse_number(s[:-1] if s.endswith("%") else s) / 100.0
    raise ValueError(raw)


def has_more_decimals(value: float, decimals: int) -> bool:
    """Whether ``value`` has more than ``decimals`` decimals (beyond floating-point noise)."""
    return abs(value - round(value, decimals)) > DECIMALS_TOLERANCE * max(1.0, abs(value))


def parse_yesno(raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str):
        s = raw.strip().casefold()
        if s in tc.YES_WORDS:
            return True
        if s in tc.NO_WORDS:
            return False
    raise ValueError(raw)


def parse_date(raw: object) -> dt.date:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, str):
        text = raw.strip()
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return dt.datetime.fromisoformat(text).date()  # "2026-12-31 00:00:00" from a text export
    raise ValueError(raw)


def parse_value(raw: object, kind: ValueKind, percent_cell: bool = False) -> float | bool | str:
    """A value of an indicator's kind. Raises ValueError when it is not one."""
    if kind is ValueKind.SHARE:
        return parse_share(raw, percent_cell)
    if kind is ValueKind.YESNO:
        return parse_yesno(raw)
    if kind is ValueKind.TEXT:
        return str(raw).strip()
    return parse_number(raw)


def format_value(value: object, kind: ValueKind, decimals: int | None = None, *, grouped: bool = True) -> str:
    """A value as a Swedish reader expects it: "2 133", "40 %", "Ja", "12,5". ``decimals``: the indicator's
    (of the percent number for shares); without it, at most one. "2133" when ``grouped`` is False (a plan may
    write a number without a thousands separator, see Indicator.baseline_grouped)."""
    if value is None:
        return ""
    if kind is ValueKind.YESNO or isinstance(value, bool):
        return tc.YES if value else tc.NO
    places = 1 if decimals is None else decimals
    if kind is ValueKind.SHARE and isinstance(value, (int, float)):
        return format_number(value * 100, places) + " %"
    if isinstance(value, (int, float)):
        text = format_number(value, places)
        return text if grouped else text.replace(" ", "")
    return str(value)


def format_number(value: float, decimals: int = 1) -> str:
    """1234.0 -> "1 234", 12.5 -> "12,5" (a no-break-free plain space as thousands separator)."""
    rounded = round(float(value), decimals)
    if rounded == int(rounded):
        text = f"{int(rounded):,}".replace(",", " ")
    else:
        text = f"{rounded:,.{decimals}f}".replace(",", " ").replace(".", ",")
    return text
