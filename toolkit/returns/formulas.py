"""The return's own check, as formulas: each value read by the rules ``nplan validate`` applies, so that the
Kontroll column and the Status line agree with it on everything a formula can check (empty, not a number, not
whole, decimals, out of range, not in the list, text too long, analysis and comment required).

The rules and their Python side (``toolkit.core.values``, ``toolkit.validate``):
  - a text is empty when it holds nothing but the spaces of ``values.SPACES``;
  - a number cell holds a number, or a text that ``values.parse_number`` reads: the spaces dropped, "−" read
    as "-", a trailing "tkr" dropped, then an optional sign, digits and at most one separator ("," or ".")
    with digits on both sides. Formulas cannot use regular expressions or the locale-dependent VALUE on such
    a text, so the text is taken apart in helper cells (``layout.NUMBER_HELPERS``) and its value computed from
    its digits alone: the same texts pass, in every language version of Excel and LibreOffice;
  - a share cell is formatted as percent: a number is the fraction as it stands (1,25 shows and counts as
    125 %), a text is the percent number typed ("62 %" and "62" are 62 %) - ``values.parse_share_entry``;
  - decimals: a value has more than n decimals when it differs from its rounding by more than
    ``values.DECIMALS_TOLERANCE`` (relative) - ``values.has_more_decimals``;
  - choices (Ja/Nej, the assessment scale, the assignment statuses) compare with "=" (no wildcards, any
    letter case) after the spaces are trimmed.

Functions return formula texts without the leading "=" unless they say otherwise; references are A1 texts.
"""

from __future__ import annotations

from collections.abc import Sequence

from toolkit.core import values as vals

DIGITS = "0123456789"
_DIGIT_ARRAY = "{" + ",".join(f'"{d}"' for d in DIGITS) + "}"
TOLERANCE = f"{vals.DECIMALS_TOLERANCE:.0E}".replace("E-0", "E-")  # "1E-9"
NOT_A_NUMBER = "#"  # the value helper of a cell that holds something other than a number


def literal(text: str) -> str:
    """A string literal inside a formula."""
    return '"' + text.replace('"', '""') + '"'


def char(c: str) -> str:
    """A character as a formula: CHAR for ASCII (the same in every code page), UNICHAR beyond."""
    code = ord(c)
    if c == " ":
        return '" "'
    return f"CHAR({code})" if code < 128 else f"_xlfn.UNICHAR({code})"


def without_spaces(ref: str) -> str:
    """The cell's text with the spaces of ``values.SPACES`` dropped and "−" read as "-"."""
    expr = f'{ref}&""'
    for c in vals.SPACES:
        expr = f'SUBSTITUTE({expr},{char(c)},"")'
    return f'SUBSTITUTE({expr},{char(vals.MINUS)},"-")'


def blank(ref: str) -> str:
    """True when the cell is empty or holds only spaces (``values.is_blank``)."""
    expr = ref
    for c in vals.SPACES:
        if c != " ":
            expr = f'SUBSTITUTE({expr},{char(c)}," ")'
    return f'TRIM({expr})=""'


def trimmed(ref: str) -> str:
    """The cell's text with the spaces around it (and doubled inside) dropped, for comparing with a choice."""
    expr = ref
    for c in vals.SPACES:
        if c != " ":
            expr = f'SUBSTITUTE({expr},{char(c)}," ")'
    return f"TRIM({expr})"


def equals_one_of(ref: str, choices: Sequence[str]) -> str:
    """True when the cell (a trimmed text, see ``trimmed``) is one of ``choices`` (any letter case; "=" has no
    wildcards, unlike MATCH)."""
    return "OR(" + ",".join(f"{ref}={literal(c)}" for c in choices) + ")"


def too_long(ref: str, limit: int) -> str:
    return f"LEN({ref})>{limit}"


def more_decimals(value: str, decimals: int) -> str:
    """True when ``value`` (a number) has more than ``decimals`` decimals."""
    return f"ABS({value}-ROUND({value},{decimals}))>{TOLERANCE}*MAX(1,ABS({value}))"


# --------------------------------------------------------------------------------------------
# Reading a number cell: four helper cells
# --------------------------------------------------------------------------------------------

def number_helpers(cell: str, helpers: Sequence[str], *, share: bool = False) -> list[str]:
    """The formulas (with "=") of the four helper cells that read the number cell ``cell``: its text without
    spaces, without "%" (shares) and "tkr", without its sign, and its value: "" when empty, NOT_A_NUMBER when
    it is not a number, else the number (a share as a fraction). ``helpers``: the four helper cells, in the
    order of ``layout.NUMBER_HELPERS``."""
    clean, stripped, body, value = helpers
    suffix = clean
    if share:
        suffix = f'IF(RIGHT({clean},1)="%",LEFT({clean},LEN({clean})-1),{clean})'
    no_tkr = f'IF(LOWER(RIGHT({suffix},3))="tkr",LEFT({suffix},LEN({suffix})-3),{suffix})'
    signless = (f'IF(OR(LEFT({stripped},1)="-",LEFT({stripped},1)="+"),MID({stripped},2,LEN({stripped})),'
                f'{stripped})')
    digits = f'SUBSTITUTE(SUBSTITUTE({body},",",""),".","")'
    readable = (f"AND(LEN({body})>0,LEN({body})-LEN({digits})<=1,"
                f"SUMPRODUCT(LEN({digits})-LEN(SUBSTITUTE({digits},{_DIGIT_ARRAY},\"\")))=LEN({digits}),"
                f'ISNUMBER(FIND(LEFT({body},1),"{DIGITS}")),ISNUMBER(FIND(RIGHT({body},1),"{DIGITS}")))')
    places = (f'IF(ISNUMBER(FIND(",",{body})),LEN({body})-FIND(",",{body}),'
              f'IF(ISNUMBER(FIND(".",{body})),LEN({body})-FIND(".",{body}),0))')
    number = f'IF(LEFT({stripped},1)="-",-1,1)*VALUE({digits})/10^{places}'
    if share:
        number += "/100"
    empty = f'AND(NOT(ISNUMBER({cell})),NOT(ISLOGICAL({cell})),{clean}="")'
    read = (f'IF({empty},"",IF(ISLOGICAL({cell}),"{NOT_A_NUMBER}",IF(ISNUMBER({cell}),{cell},'
            f'IF({readable},{number},"{NOT_A_NUMBER}"))))')
    return [f'=IF(ISTEXT({cell}),{without_spaces(cell)},"")', f"={no_tkr}", f"={signless}", f"={read}"]


def number_blank(value: str) -> str:
    """True when the number cell read into ``value`` (the value helper) is empty."""
    return f'{value}=""'


def not_a_number(value: str) -> str:
    return f'{value}="{NOT_A_NUMBER}"'


# --------------------------------------------------------------------------------------------
# Counting and listing what is missing and what is wrong
# --------------------------------------------------------------------------------------------

def count(conditions: Sequence[str]) -> str:
    """The number of true conditions (with "=")."""
    return "=" + ("+".join(f"({c})" for c in conditions) if conditions else "0")


def listed(parts: Sequence[tuple[str, str]], separator: str) -> str:
    """The texts of the true conditions, each after ``separator``: IF(c1,", A","")&IF(c2,", B","")."""
    return "&".join(f"IF({cond},{literal(separator)}&{text},\"\")" for cond, text in parts) or '""'


def check_text(missing: str, errors: str, missing_parts: Sequence[tuple[str, str]],
               error_parts: Sequence[tuple[str, str]], *, missing_word: str, errors_word: str,
               between: str) -> str:
    """The Kontroll formula (with "="): "" when nothing is missing or wrong, else "Saknas: A, B. Fel: C".
    ``missing`` and ``errors`` are the cells counting them; the parts' texts are formula expressions."""
    return (f'=IF({missing}+{errors}=0,"",'
            f'IF({missing}>0,{literal(missing_word)}&MID({listed(missing_parts, ", ")},3,1000),"")'
            f'&IF(AND({missing}>0,{errors}>0),{literal(between)},"")'
            f'&IF({errors}>0,{literal(errors_word)}&MID({listed(error_parts, "; ")},3,1000),""))')


def rows_total(ids: str, counts: str) -> str:
    """The sum of a helper column over the rows that carry an id (with "="): an empty row inserted inside the
    table changes nothing."""
    return f'=SUMIFS({counts},{ids},"<>")'


def status(missing: str, errors: str, *, complete: str, missing_one: str, missing_many: str, errors_one: str,
           errors_many: str, between: str) -> str:
    """The Status line (with "="): ``complete`` when nothing is missing or wrong, else what is.
    ``missing_many`` and ``errors_many`` hold "{n}" where the count goes."""

    def counted(cell: str, one: str, many: str) -> str:
        before, _, after = many.partition("{n}")
        many_expr = "&".join(p for p in (literal(before) if before else "", cell,
                                         literal(after) if after else "") if p)
        return f'IF({cell}=0,"",IF({cell}=1,{literal(one)},{many_expr}))'

    return (f"=IF(AND({missing}=0,{errors}=0),{literal(complete)},"
            f"{counted(missing, missing_one, missing_many)}"
            f'&IF(AND({missing}>0,{errors}>0),{literal(between)},"")'
            f"&{counted(errors, errors_one, errors_many)})")
