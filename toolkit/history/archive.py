"""The archive of collected files: every file collect read, by content hash, with a receipt per submission and
every plan version it was checked against. It holds what it takes to rebuild the history from scratch
(``toolkit.history.rebuild``).

    arkiv/<sha256><suffix>                     the file's bytes, as received (never changed); a saved mail too,
                                               and each workbook attached to it
    arkiv/kvitton/<...>.json                   receipts, one per submission: period, file name, time received,
                                               the unit it was stored under, the plan version it was checked
                                               against and, for a mail's attachment, the sender, the mail's date
                                               and the mail's archive copy (one file per storing transaction)
    arkiv/val/<...>.json                       the controller's choices in conflicts (unit, period, the chosen
                                               file by content, who and when), one file per choice
    arkiv/planer/<plan identity>.json          each plan version, in full (``toolkit.core.serial``)

Everything is written atomically and named by content, so two collects writing at once into one archive never
damage a file, and writing the same thing twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

from toolkit import excel
from toolkit.core.model import Plan
from toolkit.core.periods import Period
from toolkit.core.serial import plan_from_json, plan_to_json
from toolkit.history.times import utc_text
from toolkit.texts import workspace as tw

RECEIPT_FORMAT = 2  # 2: the mail fields; format 1 receipts are read too
CHOICE_FORMAT = 1


@dataclass(frozen=True)
class Receipt:
    """One submission as collect stored it."""

    sha256: str
    archive_name: str  # <sha256><suffix>
    period: str  # "2026-T2"
    file_name: str  # relative to the inbox it came from ("<mail>/<attachment>" for a mail's attachment)
    received_at: str  # UTC ISO text, as the history stores it
    unit_id: str
    plan_identity: str
    sender: str = ""  # a mail's attachment: who sent it
    mail_date: str = ""  # ... the mail's Date (UTC ISO text)
    mail_archive: str = ""  # ... and the mail's own archive copy

    @property
    def period_value(self) -> Period:
        return Period.parse(self.period)


@dataclass(frozen=True)
class Choice:
    """The controller's choice of one file (by content) in a conflict."""

    period: str
    unit_id: str
    sha256: str
    file_name: str
    chosen_at: str  # UTC ISO text
    chosen_by: str

    @property
    def period_value(self) -> Period:
        return Period.parse(self.period)


def copy_file(archive: Path, content: bytes, suffix: str) -> str:
    """Keep ``content`` in the archive (once: its name is its hash); return its name."""
    name = f"{hashlib.sha256(content).hexdigest()}{suffix.lower()}"
    target = archive / name
    if not (target.is_file() and target.stat().st_size == len(content)):
        excel.write_atomic_bytes(content, target)
    return name


def receipt(*, sha256: str, archive_name: str, period: Period, file_name: str, received_at: dt.datetime,
            unit_id: str, plan_identity: str, sender: str = "", mail_date: dt.datetime | None = None,
            mail_archive: str = "") -> Receipt:
    return Receipt(sha256, archive_name, str(period), file_name, utc_text(received_at), unit_id, plan_identity,
                   sender, utc_text(mail_date) if mail_date is not None else "", mail_archive)


def write_receipts(archive: Path, receipts: list[Receipt]) -> Path | None:
    """Keep ``receipts`` in one new file of the archive (collect writes one per storing transaction, before it
    commits: what the history holds, the archive holds too)."""
    if not receipts:
        return None
    target = archive / tw.ARCHIVE_RECEIPTS / f"{receipts[0].sha256[:16]}-{uuid.uuid4().hex}.json"
    text = json.dumps({"format": RECEIPT_FORMAT, "receipts": [asdict(r) for r in receipts]}, ensure_ascii=False,
                      indent=1)
    return excel.write_atomic_bytes(text.encode("utf-8"), target)


def write_choice(archive: Path, choice: Choice) -> Path:
    """Keep one choice in a new file of the archive (before the history records it)."""
    target = archive / tw.ARCHIVE_CHOICES / f"{choice.sha256[:16]}-{uuid.uuid4().hex}.json"
    text = json.dumps({"format": CHOICE_FORMAT, "choice": asdict(choice)}, ensure_ascii=False, indent=1)
    return excel.write_atomic_bytes(text.encode("utf-8"), target)


def read_choices(archive: Path) -> list[Choice]:
    """Every choice in the archive, in the order it was made. A file that cannot be read raises ValueError naming
    it."""
    out: list[Choice] = []
    folder = archive / tw.ARCHIVE_CHOICES
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != CHOICE_FORMAT:
                raise ValueError("format")
            out.append(Choice(**data["choice"]))
        except (OSError, ValueError, TypeError, KeyError) as exc:
            raise ValueError(str(path)) from exc
    return sorted(out, key=lambda c: (c.chosen_at, c.period, c.unit_id, c.sha256))


def write_plan(archive: Path, plan: Plan, identity: str) -> Path:
    """Keep the plan version ``identity`` (once)."""
    target = archive / tw.ARCHIVE_PLANS / f"{identity}.json"
    if not target.is_file():
        excel.write_atomic_bytes(plan_to_json(plan).encode("utf-8"), target)
    return target


def read_receipts(archive: Path) -> list[Receipt]:
    """Every receipt in the archive, in the order collect stored them: period, time received, file name.
    A receipt that cannot be read raises ValueError naming it."""
    out: list[Receipt] = []
    folder = archive / tw.ARCHIVE_RECEIPTS
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") not in (1, RECEIPT_FORMAT):
                raise ValueError("format")
            out.extend(Receipt(**r) for r in data["receipts"])
        except (OSError, ValueError, TypeError, KeyError) as exc:
            raise ValueError(str(path)) from exc
    # The same submission in two receipt files (a run that stopped after writing them, and its re-run) once.
    unique = {(r.sha256, r.period, r.unit_id): r for r in out}
    return sorted(unique.values(), key=lambda r: (r.period_value, r.received_at, r.file_name, r.sha256))


def read_plan(archive: Path, identity: str) -> Plan | None:
    """The archived plan version ``identity``, or None when the archive does not have it. A file that cannot be
    read as a plan raises ValueError naming it."""
    path = archive / tw.ARCHIVE_PLANS / f"{identity}.json"
    if not path.is_file():
        return None
    try:
        return plan_from_json(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, TypeError, KeyError) as exc:  # damaged JSON, or JSON that is no plan
        raise ValueError(str(path)) from exc
