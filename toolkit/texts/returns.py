"""Swedish texts of the unit's return workbook (sheet names, headers, guidance)."""

from __future__ import annotations

SHEET_START = "Start"
SHEET_INDICATORS = "Indikatorer"
SHEET_ASSIGNMENTS = "Uppdrag"
SHEET_ECONOMY = "Ekonomi"
SHEET_LISTS = "Listor"

INDICATOR_HEADERS = {
    "id": "Indikator-id",
    "goal": "Mål",
    "sub_goal": "Delmål",
    "name": "Indikator",
    "kind": "Värdetyp",
    "baseline": "Utfall basår",
    "target": "Målvärde",
    "previous": "Tidigare rapporterat i år",
    "outcome": "Utfall",
    "assessment": "Egen bedömning",
    "analysis": "Analys",
    "measures": "Åtgärder",
    "check": "Kontroll",
}

ASSIGNMENT_HEADERS = {
    "id": "Uppdrag-id",
    "text": "Uppdrag",
    "end_date": "Slutdatum",
    "status": "Status",
    "comment": "Kommentar / planen framåt",
    "check": "Kontroll",
}

ECONOMY_HEADERS = {
    "id": "Verksamhets-id",
    "frame_tkr": "Budgetram (tkr)",
    "outcome_tkr": "Utfall hittills (tkr)",
    "forecast_tkr": "Helårsprognos (tkr)",
    "deviation_tkr": "Avvikelse (tkr)",
    "comment": "Kommentar och åtgärder",
    "events": "Väsentliga händelser",
    "check": "Kontroll",
}

COMPLETE = "Klar att skicka"
MISSING_COUNT = "{n} obligatoriska uppgifter saknas"  # the formula builds this text
