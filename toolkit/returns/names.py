"""The file names of returns: the period and an ASCII-safe form of the unit's name."""

from __future__ import annotations

import re
import unicodedata

from toolkit.core.model import Plan
from toolkit.core.periods import Period
from toolkit.texts import returns as tr


def file_names(plan: Plan, period: Period) -> dict[str, str]:
    """Unit id -> "2026-T2_Film_i_Vasterbotten.xlsx" for every unit of the plan.

    When two units' names give the same safe name, the unit id is added so that files never collide.
    """
    safe = {u.id: safe_name(u.name) or safe_name(u.id) or tr.FILE_NAME_FALLBACK for u in plan.units}
    taken: dict[str, int] = {}
    for name in safe.values():
        taken[name] = taken.get(name, 0) + 1
    return {uid: f"{period}_{name}{'_' + safe_name(uid) if taken[name] > 1 else ''}.xlsx"
            for uid, name in safe.items()}


_TRANSLIT = str.maketrans({"æ": "ae", "Æ": "Ae", "ø": "o", "Ø": "O", "ß": "ss", "đ": "d", "Đ": "D",
                           "ł": "l", "Ł": "L", "þ": "th", "Þ": "Th"})


def safe_name(text: str) -> str:
    """ASCII letters, digits, '-' and '_' only: å -> a, ä -> a, ö -> o, spaces -> _, the rest dropped."""
    ascii_text = unicodedata.normalize("NFKD", text.translate(_TRANSLIT)).encode("ascii", "ignore").decode()
    name = re.sub(r"\s+", "_", ascii_text.strip())
    name = re.sub(r"[^A-Za-z0-9_-]", "", name)
    name = re.sub(r"_+", "_", name).strip("_-")
    return name[:80].rstrip("_-")
