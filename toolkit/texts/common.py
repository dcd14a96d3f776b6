"""Swedish words shared by every workbook and message: scales, enumerations, general messages."""

from __future__ import annotations

# Keys are the values of the enumerations in toolkit.core.model (a StrEnum member hashes and compares as
# its value, so ``VALUE_KIND["count"]`` works); this module imports nothing from the toolkit.

YES = "Ja"
NO = "Nej"
# What a unit may type for yes and no (any letter case): values.parse_yesno and the return's own check.
YES_WORDS = ("ja", "j", "yes")
NO_WORDS = ("nej", "n", "no")

VALUE_KIND = {
    "count": "Antal",
    "decimal": "Tal",
    "share": "Andel (%)",
    "yesno": "Ja/Nej",
    "amount": "Belopp (tkr)",
    "text": "Text",
}

# What a numeric indicator's value stands for in a period (core.model.Measurement).
MEASUREMENT = {
    "cumulative": "Ackumulerat från årets början",
    "level": "Läge vid periodens slut",
}
DECIMALS = {0: "heltal", 1: "1 decimal"}  # more: DECIMALS_MANY
DECIMALS_MANY = "{n} decimaler"

DIRECTION = {
    "higher": "Högre är bättre",
    "lower": "Lägre är bättre",
}

AGGREGATION = {
    "sum": "Summa",
    "mean": "Medelvärde",
    "weighted_mean": "Viktat medelvärde",
    "all_yes": "Alla ja",
    "single": "En verksamhet",
}

ASSIGNMENT_STATUS = {
    "not_started": "Ej påbörjad",
    "started": "Påbörjad",
    "done": "Genomförd",
    "delayed": "Försenad",
    "cancelled": "Avförd",
}

ASSESSMENT = {
    "met": "Uppfyllt",
    "partly": "Delvis uppfyllt",
    "not_met": "Ej uppfyllt",
    "none": "Ingen bedömning",
}

# In T2 the assessment is a forecast for the year.
ASSESSMENT_FORECAST = {
    "met": "Bedöms uppfyllas",
    "partly": "Bedöms delvis uppfyllas",
    "not_met": "Bedöms inte uppfyllas",
    "none": "Ingen bedömning",
}

CHANGE_KIND = {
    "indexation": "Indexering",
    "saving": "Besparing",
    "political": "Politiskt beslut",
    "other": "Övrigt",
}

VERDICT_LEVEL = {"goal": "Mål", "sub_goal": "Delmål"}

# The kinds of block on the master's sheet Plantexter (toolkit.core.model.TextKind).
TEXT_KIND = {
    "heading": "Rubrik",
    "paragraph": "Stycke",
    "subheading": "Underrubrik",
    "formulation": "Formulering",
}
# How the sheet Plantexter names a goal's text in its column Avsnitt: "Mål 2".
TEXT_GOAL = "Mål {number}"

MEASURE_STATUS = ["Planerad", "Pågår", "Genomförd", "Avbruten"]

# Baseline reasons seen in plans.
BASELINE_MISSING = "Svar saknas"

# Titles of a data validation's input message and error alert when the caller gives none.
VALIDATION_PROMPT_TITLE = "Tips"
VALIDATION_ERROR_TITLE = "Ogiltigt värde"

PERIOD_INVALID = ("Perioden '{value}' går inte att läsa. Skriv till exempel 2026-T2, T2 2026 eller "
                  "2026-aug (T1 = april, T2 = augusti, T3 = december).")
# Every command that takes a master and a period refuses a period of another year with this one message.
PERIOD_OUTSIDE_PLAN_YEAR = ("Perioden {period} hör inte till planåret {year} i masterfilen. Ange en period i {year} "
                            "(t.ex. {year}-T2), eller använd masterfilen för {period_year}.")
PERIODICITY_INVALID = ("Periodiciteten '{value}' går inte att läsa. Skriv 'Tertial: aug, dec', "
                       "'Tertial' (alla tertial) eller 'År'.")

# The figures of the shipped examples' budget chapters are invented (the seed's chapter is empty; the health-care
# example is invented as a whole); every sheet and page that shows them says so. The mark begins the note: a
# master whose budget sheets carry it is an example.
EXAMPLE_BUDGET_MARK = "Exempelsiffror:"
EXAMPLE_BUDGET_NOTE = (EXAMPLE_BUDGET_MARK + " beloppen är påhittade för att visa verktyget och är ingen nämnds "
                       "riktiga budget. Ersätt dem med nämndens riktiga belopp.")


def decimals_text(n: int) -> str:
    """ "heltal", "1 decimal", "2 decimaler"."""
    return DECIMALS.get(n, DECIMALS_MANY.format(n=n))


def reverse(mapping: dict[str, str]) -> dict[str, str]:
    """Swedish label (case-folded) -> key (the enumeration's value)."""
    return {label.casefold(): key for key, label in mapping.items()}
