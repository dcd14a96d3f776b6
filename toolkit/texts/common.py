"""Swedish words shared by every workbook and message: scales, enumerations, general messages."""

from __future__ import annotations

from toolkit.core.model import (
    Aggregation,
    Assessment,
    AssignmentStatus,
    ChangeKind,
    Direction,
    ValueKind,
)

YES = "Ja"
NO = "Nej"

VALUE_KIND = {
    ValueKind.COUNT: "Antal",
    ValueKind.SHARE: "Andel (%)",
    ValueKind.YESNO: "Ja/Nej",
    ValueKind.AMOUNT: "Belopp (tkr)",
    ValueKind.TEXT: "Text",
}

DIRECTION = {
    Direction.HIGHER: "Högre är bättre",
    Direction.LOWER: "Lägre är bättre",
}

AGGREGATION = {
    Aggregation.SUM: "Summa",
    Aggregation.MEAN: "Medelvärde",
    Aggregation.WEIGHTED_MEAN: "Viktat medelvärde",
    Aggregation.ALL_YES: "Alla ja",
    Aggregation.SINGLE: "En verksamhet",
}

ASSIGNMENT_STATUS = {
    AssignmentStatus.NOT_STARTED: "Ej påbörjad",
    AssignmentStatus.STARTED: "Påbörjad",
    AssignmentStatus.DONE: "Genomförd",
    AssignmentStatus.DELAYED: "Försenad",
    AssignmentStatus.CANCELLED: "Avförd",
}

ASSESSMENT = {
    Assessment.MET: "Uppfyllt",
    Assessment.PARTLY: "Delvis uppfyllt",
    Assessment.NOT_MET: "Ej uppfyllt",
    Assessment.NONE: "Ingen bedömning",
}

# In T2 the assessment is a forecast for the year.
ASSESSMENT_FORECAST = {
    Assessment.MET: "Bedöms uppfyllas",
    Assessment.PARTLY: "Bedöms delvis uppfyllas",
    Assessment.NOT_MET: "Bedöms inte uppfyllas",
    Assessment.NONE: "Ingen bedömning",
}

# Traffic-light colours (fill, RGB hex) that also read in grey print: distinct lightness.
ASSESSMENT_FILL = {
    Assessment.MET: "8FD18F",
    Assessment.PARTLY: "FFE27A",
    Assessment.NOT_MET: "E06666",
    Assessment.NONE: "D9D9D9",
}

CHANGE_KIND = {
    ChangeKind.INDEXATION: "Indexering",
    ChangeKind.SAVING: "Besparing",
    ChangeKind.POLITICAL: "Politiskt beslut",
    ChangeKind.OTHER: "Övrigt",
}

VERDICT_LEVEL = {"goal": "Mål", "sub_goal": "Delmål"}

MEASURE_STATUS = ["Planerad", "Pågår", "Genomförd", "Avbruten"]

# Baseline reasons seen in plans.
BASELINE_MISSING = "Svar saknas"

# Titles of a data validation's input message and error alert when the caller gives none.
VALIDATION_PROMPT_TITLE = "Tips"
VALIDATION_ERROR_TITLE = "Ogiltigt värde"

PERIOD_INVALID = ("Perioden '{value}' går inte att läsa. Skriv till exempel 2026-T2, T2 2026 eller "
                  "2026-aug (T1 = april, T2 = augusti, T3 = december).")
PERIODICITY_INVALID = ("Periodiciteten '{value}' går inte att läsa. Skriv 'Tertial: aug, dec', "
                       "'Tertial' (alla tertial) eller 'År'.")

EXAMPLE_BUDGET_NOTE = ("Exempelsiffror: budgetkapitlet är tomt i nämndplanens utdrag, så beloppen här "
                       "är påhittade för att visa verktyget. Ersätt dem med nämndens riktiga belopp.")


def reverse(mapping: dict) -> dict[str, object]:
    """Swedish label (case-insensitive) -> enum member."""
    return {label.casefold(): key for key, label in mapping.items()}
