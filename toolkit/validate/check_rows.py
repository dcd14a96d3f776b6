"""Checks shared by the three input sheets: the table and its columns, rows matched by id, the formula cells
of a row, and free-text fields."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Any

from toolkit.core import values as vals
from toolkit.excel.sheetxml import normalize_formula, translate_formula
from toolkit.returns import layout
from toolkit.texts import validate as tv
from toolkit.validate.context import FORMULA_START, CheckContext, Diffs
from toolkit.validate.readers import Book
from toolkit.validate.tables import (
    SHEET_COLUMNS,
    SHEET_INPUTS,
    Row,
    Table,
    cell_text,
    find_table,
    norm,
    short,
    show_raw,
)

_BOOLS = ("TRUE", "FALSE")  # LibreOffice stores a typed TRUE as the formula TRUE()


@functools.lru_cache(maxsize=4096)
def _normalized(text: str) -> str:
    """normalize_formula, cached (for the generator's formulas, which repeat across files)."""
    return normalize_formula(text)


def sheet_table(state: CheckContext, book: Book, sheet_name: str) -> Table | None:
    """The id/header table of an input sheet; a missing sheet, header or column and a row with inputs but
    no id are findings."""
    sheet = book.sheet(sheet_name)
    columns = SHEET_COLUMNS[sheet_name]
    if sheet is None:
        state.add("sheet-missing", expected=sheet_name)
        return None
    table = find_table(sheet, sheet_name)
    if table is None:
        state.add("header-missing", sheet.name, field=columns["id"], expected=columns["id"])
        return None
    needed = ("id", *SHEET_INPUTS[sheet_name], *(k for k in columns if k in layout.FORMULA_FIELDS))
    for key in needed:
        if key not in table.columns:
            state.add("column-missing", sheet.name, f"A{table.header_row}", field=columns[key],
                      expected=columns[key])
    inputs = [table.columns[k] for k in SHEET_INPUTS[sheet_name] if k in table.columns]
    for r in table.blank_rows_with_values:
        if any(not vals.is_blank(sheet.value(r, c)) for c in inputs):
            state.add("row-without-id", sheet.name, f"A{r}", found=r)
    return table


def match_rows(state: CheckContext, table: Table, expected_ids: Sequence[str], label: str,
               text_key: str | None, texts: Mapping[str, str], diffs: Diffs | None) -> dict[str, Row]:
    """Rows by id: duplicates, unknown and missing ids, ids moved away from their text.

    With ``diffs`` (a return from a changed plan version) an unknown or missing id is a difference from
    the plan, collected there, not an error of the unit.
    """
    sheet = table.sheet.name
    expected_set = set(expected_ids)
    by_id: dict[str, Row] = {}
    for row in table.rows:
        cell = f"A{row.row}"
        first = by_id.get(row.item_id)
        if first is not None:
            state.add("duplicate-row", sheet, cell, field=label, item_id=row.item_id, found=row.item_id,
                      first=first.row)
            continue
        if row.item_id not in expected_set:
            if diffs is not None:
                diffs.removed.append(row.item_id)
                state.add("plan-item-removed", sheet, cell, field=label, item_id=row.item_id,
                          found=row.item_id)
            else:
                state.add("unknown-row", sheet, cell, field=label, item_id=row.item_id, found=row.item_id,
                          expected=", ".join(expected_ids) or "-")
            continue
        by_id[row.item_id] = row
    for item_id in expected_ids:
        if item_id in by_id:
            continue
        # No cell to point at: the finding names the range that was searched instead.
        if diffs is not None:
            diffs.added.append(item_id)
            state.add("plan-item-added", sheet, table.searched, field=label, item_id=item_id, expected=item_id)
        else:
            state.add("missing-row", sheet, table.searched, field=label, item_id=item_id, expected=item_id)
    if text_key and text_key in table.columns and diffs is None:
        owner: dict[str, str] = {}
        for item_id in expected_ids:
            owner.setdefault(norm(texts[item_id]), item_id)
        for item_id, row in by_id.items():
            text = table.get(text_key, row.row)
            if vals.is_blank(text) or norm(text) == norm(texts[item_id]):
                continue
            other = owner.get(norm(text))
            if other is not None and other != item_id:
                state.add("moved-row", sheet, f"A{row.row}", field=label, item_id=item_id, found=other,
                          expected=item_id)
    return by_id


def plan_item_changed(state: CheckContext, diffs: Diffs, table: Table, row: Row, key: str, found: Any,
                      expected: Any, label: str) -> None:
    """A read-only cell of a row that the plan has changed since the return was made (a wording, a target, a
    baseline, an end date): a warning at the cell, and one line of the summary."""
    shown = show_raw(found) if not isinstance(found, str) else found
    header = SHEET_COLUMNS[table.kind][key]
    diffs.changed.append(tv.DIFF_DETAIL.format(item=row.item_id, field=header, found=short(shown or "-", 60),
                                               expected=short(str(expected or "-"), 60)))
    state.add("plan-item-changed", table.sheet.name, table.cell(key, row.row), field=header, item_id=row.item_id,
              found=shown, expected=expected, item=label)


def check_formulas(state: CheckContext, table: Table, row: Row) -> None:
    """The formula cells of a row exist and say what the generator wrote; inputs hold no formulas."""
    sheet, kind, r = table.sheet, table.kind, row.row
    columns, inputs = SHEET_COLUMNS[kind], SHEET_INPUTS[kind]
    expected = state.expected_formulas
    formulas = sheet.formulas
    for key, col in table.columns.items():
        actual = formulas.get((r, col))
        if expected is not None:
            want = expected.get((kind, row.item_id, key))
        else:
            want = (r, "") if key in layout.FORMULA_FIELDS else None
        if want is None:
            if actual is not None and key in inputs and normalize_formula(actual) not in _BOOLS:
                state.add("formula-in-input", sheet.name, table.cell(key, r), field=columns[key],
                          item_id=row.item_id, found="=" + actual)
            continue
        if actual is None:
            state.add("formula-deleted", sheet.name, table.cell(key, r), field=columns[key],
                      item_id=row.item_id, found=show_raw(sheet.value(r, col)) or None)
            continue
        if expected is None:
            continue
        gen_row, text = want
        if actual == text and r == gen_row:
            continue  # as generated: the common case, no need to normalize
        moved = translate_formula(text, r - gen_row, 0)
        if normalize_formula(actual) != _normalized(moved):
            state.add("formula-changed", sheet.name, table.cell(key, r), field=columns[key],
                      item_id=row.item_id, found="=" + short(actual), expected="=" + short(moved))


def missing(state: CheckContext, sheet: str, cell: str, key: str, label: str, item_id: str) -> None:
    """A required input left empty."""
    state.add("missing-input", sheet, cell, field=label, item_id=item_id, found=None,
              advice=tv.MISSING_ADVICE.get(key, tv.MISSING_ADVICE_DEFAULT))


def text_field(state: CheckContext, table: Table, row: Row, key: str, item_id: str,
               required: bool = False) -> str:
    """A free-text input of a row as kept in the data ("" when empty or when the column is missing)."""
    if key not in table.columns:
        return ""
    raw = table.get(key, row.row)
    cell = table.cell(key, row.row)
    label = SHEET_COLUMNS[table.kind][key]
    if vals.is_blank(raw):
        if required:
            missing(state, table.sheet.name, cell, key, label, item_id)
        return ""
    text = cell_text(raw)
    limit = layout.MAX_TEXT.get(key, layout.MAX_TEXT["comment"])
    text_rules(state, table.sheet.name, cell, label, item_id, text, limit)
    return text


def text_rules(state: CheckContext, sheet: str, cell: str, label: str, item_id: str, text: str,
               limit: int) -> None:
    """Free text: not longer than ``limit``, and not something a spreadsheet would run as a formula."""
    if len(text) > limit:
        state.add("text-too-long", sheet, cell, field=label, item_id=item_id, found=len(text), expected=limit)
    if text.startswith(FORMULA_START):
        state.add("formula-like-text", sheet, cell, field=label, item_id=item_id, found=short(text, 60),
                  first_char=text[0])
