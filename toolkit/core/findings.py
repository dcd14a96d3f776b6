"""Findings: a problem in a master or a returned workbook, as data.

Every finding carries a stable kebab-case code, a severity (fel / varning), the file, sheet, cell (A1),
field, the indicator or assignment id it concerns, the value found, what was expected, and a Swedish
message that says what to do. Message templates live in ``toolkit.texts.findings``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from toolkit.texts.findings import EMPTY_VALUE, MESSAGES

ERROR = "fel"
WARNING = "varning"


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    message: str
    file: str = ""
    sheet: str = ""
    cell: str = ""
    field: str = ""
    item_id: str = ""
    found: str = ""
    expected: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def location(self) -> str:
        """ "fil.xlsx, Indikatorer!C5" (the parts that are known)."""
        place = f"{self.sheet}!{self.cell}" if self.sheet and self.cell else (self.sheet or self.cell)
        return ", ".join(p for p in (self.file, place) if p)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def make(code: str, *, file: str = "", sheet: str = "", cell: str = "", field: str = "",
         item_id: str = "", found: object = "", expected: object = "", severity: str | None = None,
         **extra: object) -> Finding:
    """Build a finding from its code's template in ``toolkit.texts.findings``."""
    default_severity, template = MESSAGES[code]
    found_s = _show(found)
    expected_s = _show(expected)
    params = _Params(found=found_s, expected=expected_s, field=field, item_id=item_id, sheet=sheet,
                     cell=cell, file=file, item_suffix=f" ({item_id})" if item_id else "",
                     **{k: _show(v) for k, v in extra.items()})
    message = template.format_map(params)
    return Finding(code=code, severity=severity or default_severity, message=message, file=file,
                   sheet=sheet, cell=cell, field=field, item_id=item_id, found=found_s, expected=expected_s)


class _Params(dict):
    """Template parameters; a name the caller did not give reads as empty rather than failing."""

    def __missing__(self, key: str) -> str:
        return ""


def _show(value: object) -> str:
    if value is None:
        return EMPTY_VALUE
    if isinstance(value, float) and value == int(value):
        return str(int(value))
    return str(value)
