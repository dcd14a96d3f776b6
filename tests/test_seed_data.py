"""tests/data/seed_namndplan_2026.json is the seed's text, copied: it cannot drift silently.

When ../shared/seed is there, every character of the seed's chapters 2-5 (whitespace aside) must be in the
JSON, in the seed's order, and every text of the JSON must read as in the seed (spaces included, but for the
line joins the JSON lists). The structure checks run without the seed. The example plan
(examples/run2026/plan.toml) must carry the same table cells.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "seed_namndplan_2026.json"
# ../shared beside the repository (CI, the main checkout); one level up from a git worktree in a subfolder.
SEED_CANDIDATES = [base / "shared" / "seed" / "namndplan-2026-run-utdrag.txt" for base in ROOT.parents[:2]]
SEED = next((p for p in SEED_CANDIDATES if p.is_file()), SEED_CANDIDATES[0])
ELISION = re.compile(r"^[….]+$")
CH3_HEADER = ["Delmål", "Indikatorer", "Utfall 2024", "Mål 2026", "Periodicitet"]
CH4_HEADER = ["Status", "Uppdrag", "Periodicitet", "Slutdatum"]


@pytest.fixture(scope="module")
def data() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed() -> str:
    if not SEED.is_file():
        pytest.skip(f"the seed is not here: {SEED}")
    return SEED.read_text(encoding="utf-8")


def texts_in_order(d: dict) -> Iterator[str]:
    """Every text of the JSON in the seed's order (tables row by row, elision rows included)."""
    ch2 = d["chapter_2"]
    yield ch2["heading"]
    for section in ch2["sections"]:
        yield section["heading"]
        yield from (b["text"] for b in section["blocks"])
    ch3 = d["chapter_3"]
    yield ch3["heading"]
    for section in ch3["sections"]:
        yield section["heading"]
        yield from (b["text"] for b in section["blocks"])
    yield ch3["goals_heading"]
    for goal in ch3["goals"]:
        yield goal["heading"]
        yield from (b["text"] for b in goal["blocks"])
        for sub in goal["sub_goals"]:
            yield from sub["table"]["header"]
            for row in sub["table"]["seed_rows"]:
                yield from row
    ch4 = d["chapter_4"]
    yield ch4["heading"]
    for section in ch4["sections"]:
        yield section["heading"]
        yield from section["table"]["header"]
        for row in section["table"]["rows"]:
            yield from row
    ch5 = d["chapter_5"]
    yield ch5["heading"]
    yield from (s["heading"] for s in ch5["sections"])


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_every_character_of_the_seed_is_copied_in_order(data, seed):
    copied = _squeeze("".join(texts_in_order(data)))
    original = _squeeze(seed)
    if copied != original:
        at = next(i for i, (a, b) in enumerate(zip(copied + "\0", original + "\0")) if a != b)
        pytest.fail(f"the copy differs from the seed at {at}: copy {copied[at - 40:at + 40]!r}, "
                    f"seed {original[at - 40:at + 40]!r}")


def test_every_text_reads_as_in_the_seed(data, seed):
    original = _collapse(seed)
    for join in data["line_joins"]:
        assert join["seed"] in original, join
        original = original.replace(join["seed"], join["text"])
    missing = [text for text in texts_in_order(data) if _collapse(text) not in original]
    assert not missing


def test_texts_have_no_stray_whitespace(data):
    for text in texts_in_order(data):
        for line in text.split("\n"):
            assert line == line.strip() and "  " not in line, repr(text)


def test_chapter_3_tables(data):
    goals = data["chapter_3"]["goals"]
    assert [g["number"] for g in goals] == [1, 2, 3, 5, 6, 7]
    assert [s["id"] for g in goals for s in g["sub_goals"]] == ["1.1", "2.1", "2.2"]
    indicators = []
    for goal in goals:
        assert goal["heading"] == f"Mål {goal['number']}. {goal['title']}"
        for sub in goal["sub_goals"]:
            table = sub["table"]
            assert table["header"] == CH3_HEADER
            rows, seed_rows = table["rows"], table["seed_rows"]
            assert all(len(r) == len(CH3_HEADER) for r in rows + seed_rows)
            real = [list(r) for r in seed_rows if not all(ELISION.match(c) for c in r[1:])]
            real[0][0] = seed_rows[0][0]
            assert rows == real
            # The delmål's text in the first row only, never repeated (no merged cells either).
            assert rows[0][0] == f"Delmål {sub['id']} {sub['text']}"
            assert all(r[0] == "" for r in rows[1:])
            indicators += rows
    assert len(indicators) == 8
    assert [r[2] for r in indicators] == ["123", "30", "", "", "2 133", "38", "Svar saknas", ""]
    assert [r[3] for r in indicators] == ["90", "10", "10", "40 %", "2300", "20", "Ja", "6"]
    assert [r[4] for r in indicators] == ["Tertial: aug, dec"] * 4 + ["År"] + ["Tertial: aug, dec"] * 3


def test_chapter_4_table(data):
    table = data["chapter_4"]["sections"][0]["table"]
    assert table["header"] == CH4_HEADER
    assert [r[0] for r in table["rows"]] == ["Ej påbörjad"] * 3
    assert [r[2:] for r in table["rows"]] == [["Tertial aug, dec", "2026-12-31"]] * 3
    assert table["rows"][1][1].count("\n• ") == 2


def test_the_example_plan_carries_the_same_cells(data):
    """The example's source writes the cells as the seed does (its texts, not values parsed from them)."""
    import tomllib

    source = tomllib.loads((ROOT / "examples" / "run2026" / "plan.toml").read_text(encoding="utf-8"))
    for goal in data["chapter_3"]["goals"]:
        for sub in goal["sub_goals"]:
            assert [s["text"] for s in source["sub_goals"] if s["id"] == sub["id"]] == [sub["text"]]
            cells = [[f"{i['name']} ({i['note']})" if i.get("note") else i["name"], i["baseline"], i["target"],
                      i["periodicity"]] for i in source["indicators"] if i["sub_goal"] == sub["id"]]
            assert cells == [r[1:] for r in sub["table"]["rows"]]
    rows = data["chapter_4"]["sections"][0]["table"]["rows"]
    cells = [[a["status"], a["text"], a["periodicity"], a["end_date"].isoformat()] for a in source["assignments"]]
    assert cells == rows
