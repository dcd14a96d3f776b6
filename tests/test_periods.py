"""Periods ("2026-T2", "2026-aug", "T2 2026") and periodicity texts as the plan writes them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from toolkit.core.errors import NplanError
from toolkit.core.periods import Period, PeriodError, PeriodicityError, parse_periodicity

# Written out here, not taken from the module under test: T1 = April, T2 = August, T3 = December.
MONTHS = {1: ["apr", "april"], 2: ["aug", "augusti"], 3: ["dec", "december"]}

years = st.integers(1000, 9999)
tertials = st.integers(1, 3)


def casing(text: str, upper: list[bool]) -> str:
    return "".join(ch.upper() if up else ch for ch, up in zip(text, upper + [False] * len(text)))


@given(year=years, tertial=tertials, form=st.integers(0, 5), upper=st.lists(st.booleans(), max_size=12),
       pad=st.sampled_from(["", " ", "  "]))
def test_tertial_forms(year: int, tertial: int, form: int, upper: list[bool], pad: str) -> None:
    text = [f"{year}-T{tertial}", f"T{tertial} {year}", f"{year} T{tertial}", f"{year}T{tertial}",
            f"T{tertial}-{year}", f"{year}_T{tertial}"][form]
    assert Period.parse(pad + casing(text, upper) + pad) == Period(year, tertial)


@given(year=years, tertial=tertials, long=st.booleans(), month_first=st.booleans(),
       upper=st.lists(st.booleans(), max_size=12))
def test_month_forms(year: int, tertial: int, long: bool, month_first: bool, upper: list[bool]) -> None:
    month = MONTHS[tertial][int(long)]
    text = f"{month} {year}" if month_first else f"{year}-{month}"
    assert Period.parse(casing(text, upper)) == Period(year, tertial)


@given(year=years, tertial=tertials)
def test_canonical_text_round_trips(year: int, tertial: int) -> None:
    period = Period(year, tertial)
    assert str(period) == f"{year}-T{tertial}"
    assert Period.parse(str(period)) == period
    assert period.month == MONTHS[tertial][0]
    assert period.is_simplified is (tertial == 1)
    assert period.previous() == (Period(year, tertial - 1) if tertial > 1 else None)


def test_periods_order_within_and_across_years() -> None:
    assert Period(2026, 1) < Period(2026, 2) < Period(2026, 3) < Period(2027, 1)
    assert sorted([Period.parse("2027-apr"), Period.parse("T3 2026"), Period.parse("2026-aug")]) == [
        Period(2026, 2), Period(2026, 3), Period(2027, 1)]


@pytest.mark.parametrize("text", ["2026-T4", "2026-T0", "T2", "2026", "aug", "2026-jan", "2026-maj", "", "   ",
                                  "hej", "20266-T2", "26-T2", "2026-T2-T3", "T2 T2", "2026 aug dec"])
def test_bad_period_gives_a_swedish_message(text: str) -> None:
    with pytest.raises(PeriodError) as err:
        Period.parse(text)
    message = str(err.value)
    assert f"'{text.strip()}'" in message
    assert "går inte att läsa" in message and "2026-T2" in message and "T2 2026" in message
    assert isinstance(err.value, NplanError)  # the CLI shows it as "Fel: ..."


@given(text=st.text(max_size=12))
def test_any_text_is_a_period_or_a_period_error(text: str) -> None:
    try:
        period = Period.parse(text)
    except PeriodError as err:
        assert "går inte att läsa" in str(err)
    else:
        assert period.tertial in (1, 2, 3)
        assert Period.parse(str(period)) == period


def test_tertial_outside_one_to_three_is_refused_by_the_constructor() -> None:
    with pytest.raises(ValueError):
        Period(2026, 4)


# --------------------------------------------------------------------------------------------
# periodicity texts
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, tertials", [
    ("Tertial: aug, dec", {2, 3}),  # the seed's indicators
    ("Tertial aug, dec", {2, 3}),  # the seed's assignments
    ("År", {3}),
    ("Tertial", {1, 2, 3}),
    ("Tertial: apr", {1}),
    ("Tertial: apr, aug, dec", {1, 2, 3}),
    ("tertial: AUG och DEC", {2, 3}),
    ("Tertial: augusti, december", {2, 3}),
    ("år", {3}),
    ("Årsvis", {3}),
])
def test_periodicity_examples(text: str, tertials: set[int]) -> None:
    p = parse_periodicity(text)
    assert p.tertials == frozenset(tertials)
    assert p.text == text
    for t in (1, 2, 3):
        assert p.is_due(Period(2026, t)) is (t in tertials)


def test_periodicity_as_the_seed_breaks_it_over_lines() -> None:
    """The seed's table cell reads "Tertial: aug, \\n\\ndec"; the text kept is the one a reader sees."""
    p = parse_periodicity("Tertial: aug, \n\ndec")
    assert p.text == "Tertial: aug, dec"
    assert p.tertials == frozenset({2, 3})


@given(months=st.lists(st.sampled_from([(t, m) for t, ms in MONTHS.items() for m in ms]), min_size=1, max_size=4),
       colon=st.booleans(), sep=st.sampled_from([", ", ",", " och ", "; ", " ", "/"]))
def test_any_list_of_months(months: list[tuple[int, str]], colon: bool, sep: str) -> None:
    text = "Tertial" + (": " if colon else " ") + sep.join(m for _t, m in months)
    p = parse_periodicity(text)
    assert p.tertials == frozenset(t for t, _m in months)


@pytest.mark.parametrize("text", ["Månadsvis", "Tertial: jan", "Tertial: aug, maj", "", "Kvartal",
                                  "Tertial aug dec jul", None])
def test_bad_periodicity_gives_a_swedish_message(text) -> None:
    with pytest.raises(PeriodicityError) as err:
        parse_periodicity(text)
    message = str(err.value)
    assert "går inte att läsa" in message and "Tertial: aug, dec" in message
    assert isinstance(err.value, NplanError)


@given(text=st.text(max_size=20))
def test_any_text_is_a_periodicity_or_a_periodicity_error(text: str) -> None:
    try:
        p = parse_periodicity(text)
    except PeriodicityError:
        return
    assert p.tertials and p.tertials <= {1, 2, 3}
