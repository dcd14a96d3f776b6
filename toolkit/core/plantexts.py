"""The plan's own texts as the plan document orders them: which block belongs to which chapter, section or
goal, and the chapter and section numbers.

A block's place is written as the master's column Avsnitt has it: a chapter ("2"), a section ("2.1") or a
goal ("Mål 2"). Chapters and sections are ordered by number; the blocks of one place keep their order on
the sheet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from toolkit.core.model import PlanText, TextKind
from toolkit.texts import common as tc

_SECTION = re.compile(r"^(\d{1,2})(?:\.(\d{1,2}))?$")
_GOAL_WORD = tc.TEXT_GOAL.split("{", 1)[0].strip()
_GOAL = re.compile(rf"^{re.escape(_GOAL_WORD)}\s*(\d{{1,3}})\.?$", re.IGNORECASE)


@dataclass(frozen=True)
class Place:
    """Where a block goes: a chapter or section number ("2", "2.1"), or a goal."""

    section: str = ""
    goal: int | None = None


def parse_place(raw: object) -> Place | None:
    """ "2", "2.1", "Mål 2" (any case, with or without a space or a final period); a number Excel made of
    "2.1" reads as "2.1". None when it is none of them."""
    if isinstance(raw, bool) or raw is None:
        return None
    if isinstance(raw, (int, float)):
        raw = f"{raw:g}"
    text = " ".join(str(raw).split())
    if _SECTION.match(text):
        chapter, _, minor = text.partition(".")
        return Place(section=f"{int(chapter)}.{int(minor)}" if minor else str(int(chapter)))
    m = _GOAL.match(text)
    if m:
        return Place(goal=int(m.group(1)))
    return None


def place_text(text: PlanText) -> str:
    """The place as the sheet writes it: "2.1" or "Mål 2"."""
    return tc.TEXT_GOAL.format(number=text.goal) if text.goal is not None else text.section


@dataclass
class Section:
    """A numbered section ("2.1") of a chapter: its heading (empty when the sheet gives none) and its blocks."""

    number: str
    heading: str = ""
    blocks: list[PlanText] = field(default_factory=list)

    @property
    def minor(self) -> int:
        return int(self.number.split(".")[1])


@dataclass
class Chapter:
    """A chapter: its heading when the sheet names one, the blocks right under its heading, its sections."""

    number: int
    heading: str = ""
    blocks: list[PlanText] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)

    @property
    def last_section(self) -> int:
        """The highest section number in the chapter (0 when it has none)."""
        return max((s.minor for s in self.sections), default=0)


def chapters(texts: list[PlanText]) -> dict[int, Chapter]:
    """The texts of chapters and sections (goals' texts left out) by chapter number, sections in order.

    A heading block names its chapter or section (the first one counts); the other blocks keep the sheet's
    order within their place.
    """
    out: dict[int, Chapter] = {}
    sections: dict[str, Section] = {}
    for block in texts:
        if block.goal is not None or not block.section:
            continue
        number, _, minor = block.section.partition(".")
        chapter = out.setdefault(int(number), Chapter(int(number)))
        target: Chapter | Section = chapter
        if minor:
            target = sections.get(block.section) or Section(block.section)
            if block.section not in sections:
                sections[block.section] = target
                chapter.sections.append(target)
        if block.kind is TextKind.HEADING:
            if not target.heading:
                target.heading = block.text
        else:
            target.blocks.append(block)
    for chapter in out.values():
        chapter.sections.sort(key=lambda s: s.minor)
    return dict(sorted(out.items()))


def goal_texts(texts: list[PlanText], number: int) -> list[PlanText]:
    """A goal's narrative blocks in the sheet's order (a heading block there has no use and is left out)."""
    return [t for t in texts if t.goal == number and t.kind is not TextKind.HEADING]
