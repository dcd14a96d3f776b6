"""Values as Swedish users type them: "1 234", "12,5", "40 %", "0,4", "Ja"/"JA"."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from toolkit.core.model import ValueKind
from toolkit.core.values import (
    format_number,
    format_value,
    is_blank,
    parse_date,
    parse_number,
    parse_share,
    parse_value,
    parse_yesno,
)

SPACES = [" ", "\u00a0", "\u202f"]  # plain, no-break and narrow no-break space (Excel and Word use them)


def swedish(n: int, sep: str = " ") -> str:
    """An integer written with a thousands separator, built digit by digit (not with the code under test)."""
    digits = str(abs(n))
    groups = []
    while digits:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    return ("-" if n < 0 else "") + sep.join(groups)


# --------------------------------------------------------------------------------------------
# numbers
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("raw, value", [
    ("1 234", 1234.0), ("2 133", 2133.0), ("1\u00a0234", 1234.0), ("12,5", 12.5), ("12.5", 12.5),
    ("-3", -3.0), ("\u2212" "3", -3.0), ("+5", 5.0), (" 7 ", 7.0), ("1 250 tkr", 1250.0),
    ("0,4", 0.4), (2300, 2300.0), (12.5, 12.5), (0, 0.0),
])
def test_parse_number_examples(raw, value) -> None:
    assert parse_number(raw) == value


@pytest.mark.parametrize("raw", ["1.234,5", "1,234,5", "abc", "", " ", "1e3", "12 %", "ett", "1 2,3,4", True, None,
                                 float("nan"), float("inf"), "\u0661\u0662", dt.date(2026, 1, 1)])
def test_parse_number_rejects(raw) -> None:
    with pytest.raises(ValueError):
        parse_number(raw)


@given(n=st.integers(-10**12, 10**12), sep=st.sampled_from(SPACES))
def test_any_integer_with_thousands_separators(n: int, sep: str) -> None:
    assert parse_number(swedish(n, sep)) == n
    assert parse_number(str(n)) == n


@given(whole=st.integers(0, 10**9), frac=st.text(alphabet="0123456789", min_size=1, max_size=6),
       negative=st.booleans())
def test_any_decimal_with_comma(whole: int, frac: str, negative: bool) -> None:
    text = ("-" if negative else "") + swedish(whole) + "," + frac
    expected = float(("-" if negative else "") + f"{whole}.{frac}")
    assert parse_number(text) == expected


@given(x=st.floats(-1e12, 1e12, allow_nan=False))
def test_format_number_reads_back(x: float) -> None:
    assert parse_number(format_number(x)) == pytest.approx(round(x, 1), abs=1e-6)


def test_format_number_is_swedish() -> None:
    assert format_number(2133) == "2 133"
    assert format_number(1234567.0) == "1 234 567"
    assert format_number(12.5) == "12,5"
    assert format_number(-1234.5) == "-1 234,5"
    assert format_number(0.0183, 2) == "0,02"


# --------------------------------------------------------------------------------------------
# shares
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("raw", ["40 %", "40%", "40\u00a0%", " 40 % ", "0,4", "0.4", 0.4, 40, "40", "40,0 %"])
def test_forty_percent_in_every_form(raw) -> None:
    assert parse_share(raw) == pytest.approx(0.40)


@given(p=st.integers(0, 100), sep=st.sampled_from(["", *SPACES]))
def test_any_whole_percent(p: int, sep: str) -> None:
    assert parse_share(f"{p}{sep}%") == pytest.approx(p / 100)


@given(p=st.integers(2, 100))
def test_a_number_above_one_is_percent(p: int) -> None:
    assert parse_share(p) == pytest.approx(p / 100)
    assert parse_share(str(p)) == pytest.approx(p / 100)
    assert parse_share(-p) == pytest.approx(-p / 100)


@given(f=st.floats(0, 1))
def test_a_fraction_is_a_fraction(f: float) -> None:
    assert parse_share(f) == f


@given(f=st.floats(-5, 5, allow_nan=False))
def test_a_percent_cell_holds_the_fraction_itself(f: float) -> None:
    """1.25 in a cell formatted 0% shows 125 %: the reader must see 1.25, not 1.25 %."""
    assert parse_share(f, percent_cell=True) == f


@given(k=st.integers(0, 1000))
def test_format_share_reads_back(k: int) -> None:
    share = k / 1000
    text = format_value(share, ValueKind.SHARE)
    assert text.endswith(" %")
    assert parse_share(text) == pytest.approx(share)


@pytest.mark.parametrize("raw", ["%", "fyrtio procent", "40 % %", "", None, True])
def test_parse_share_rejects(raw) -> None:
    with pytest.raises(ValueError):
        parse_share(raw)


# --------------------------------------------------------------------------------------------
# yes / no
# --------------------------------------------------------------------------------------------

@given(word=st.sampled_from(["ja", "nej"]), upper=st.lists(st.booleans(), min_size=3, max_size=3),
       pad=st.sampled_from(["", " ", "  "]))
def test_yes_no_in_any_casing(word: str, upper: list[bool], pad: str) -> None:
    text = "".join(ch.upper() if up else ch for ch, up in zip(word, upper))
    assert parse_yesno(pad + text + pad) is (word == "ja")


@pytest.mark.parametrize("raw, value", [("Ja", True), ("JA", True), ("ja", True), ("Nej", False), ("NEJ", False),
                                        (True, True), (False, False)])
def test_yes_no_examples(raw, value) -> None:
    assert parse_yesno(raw) is value


@pytest.mark.parametrize("raw", ["jo", "kanske", "", "Svar saknas", 1, 0, None])
def test_yes_no_rejects(raw) -> None:
    with pytest.raises(ValueError):
        parse_yesno(raw)


# --------------------------------------------------------------------------------------------
# dates, kinds, blanks
# --------------------------------------------------------------------------------------------

@given(d=st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31)))
def test_dates_in_every_form(d: dt.date) -> None:
    assert parse_date(d) == d
    assert parse_date(dt.datetime(d.year, d.month, d.day)) == d
    assert parse_date(d.isoformat()) == d
    assert parse_date(f" {d.isoformat()} 00:00:00") == d


@pytest.mark.parametrize("raw", ["31/12/2026", "snart", "", 46387, None, "2026-13-01"])
def test_parse_date_rejects(raw) -> None:
    with pytest.raises(ValueError):
        parse_date(raw)


@pytest.mark.parametrize("raw, kind, value", [
    ("2 133", ValueKind.COUNT, 2133.0), ("40 %", ValueKind.SHARE, 0.4), ("Ja", ValueKind.YESNO, True),
    ("1 250", ValueKind.AMOUNT, 1250.0), (" Klart ", ValueKind.TEXT, "Klart"), (12, ValueKind.TEXT, "12"),
])
def test_parse_value_by_kind(raw, kind: ValueKind, value) -> None:
    assert parse_value(raw, kind) == value


@pytest.mark.parametrize("raw, kind", [("Ja", ValueKind.COUNT), ("90", ValueKind.YESNO), ("många", ValueKind.SHARE)])
def test_parse_value_rejects_the_wrong_kind(raw, kind: ValueKind) -> None:
    with pytest.raises(ValueError):
        parse_value(raw, kind)


@pytest.mark.parametrize("value, kind, text", [
    (2133.0, ValueKind.COUNT, "2 133"), (0.4, ValueKind.SHARE, "40 %"), (True, ValueKind.YESNO, "Ja"),
    (False, ValueKind.YESNO, "Nej"), (12.5, ValueKind.AMOUNT, "12,5"), (None, ValueKind.COUNT, ""),
    ("Klart", ValueKind.TEXT, "Klart"),
])
def test_format_value(value, kind: ValueKind, text: str) -> None:
    assert format_value(value, kind) == text


@given(kind=st.sampled_from([ValueKind.COUNT, ValueKind.AMOUNT]),
       x=st.floats(-1e9, 1e9, allow_nan=False).map(lambda v: round(v, 1)))
def test_numbers_round_trip_through_their_text(kind: ValueKind, x: float) -> None:
    assert math.isclose(parse_value(format_value(x, kind), kind), x, rel_tol=1e-12, abs_tol=1e-9)


def test_is_blank() -> None:
    assert is_blank(None) and is_blank("") and is_blank("  \n")
    assert not is_blank(0) and not is_blank("0") and not is_blank(False)
