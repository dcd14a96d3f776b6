"""Reading values as Swedish users type them.

Numbers: "1 234", "1 234" (no-break space), "12,5", "-3", "1.234,5" is not accepted (ambiguous).
Shares: "40 %", "40%", "0,4", 0.4, 40 -> 0.40 (a number above 1 in size without "%" is read as percent).
Yes/no: "ja", "JA", "Ja", "nej" (also True/False from a cell).
Dates: a date cell, "2026-12-31" (also "2026-12-31 00:00:00").

Each parser returns the value or raises ValueError; callers turn that into a finding.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from toolkit.core.model import ValueKind
from toolkit.texts import common as tcommon

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
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
    s = _SPACES.sub("", raw).replace("−", "-")
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


def parse_yesno(raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str):
        s = raw.strip().casefold()
        if s in ("ja", "j", "yes"):
            return True
        if s in ("nej", "n", "no"):
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


def format_value(value: object, kind: ValueKind, *, grouped: bool = True) -> str:
    """A value as a Swedish reader expects it: "2 133", "40 %", "Ja", "12,5"; "2133" when ``grouped`` is
    False (a plan may write a number without a thousands separator, see Indicator.baseline_grouped)."""
    if value is None:
        return ""
    if kind is ValueKind.YESNO or isinstance(value, bool):
        return tcommon.YES if value else tcommon.NO
    if kind is ValueKind.SHARE and isinstance(value, (int, float)):
        return format_number(value * 100) + " %"
    if isinstance(value, (int, float)):
        text = format_number(value)
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
