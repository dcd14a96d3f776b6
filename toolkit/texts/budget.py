"""Swedish texts of the budget area: `nplan budget check|report` and finance's budget workbook.

``FINDINGS`` holds the budget rules' finding templates; ``toolkit.texts.findings`` merges them. The
reader's "amount-not-number" (a budget amount that is not a number) stays with the master's texts there.
"""

from __future__ import annotations

E = "fel"
W = "varning"

FINDINGS: dict[str, tuple[str, str]] = {
    "budget-unknown-unit": (E, "Verksamheten '{found}' i {field} finns inte i tabellen Verksamheter. "
                               "Finns: {expected}."),
    "unit-without-frame": (E, "Verksamheten {item_id} har ingen budgetram i 5.4. Lägg till en rad för den."),
    "frame-not-previous-plus-changes": (E, "Ramen för {item_id} är {found} tkr men föregående års ram "
                                           "({previous}) plus budgetförändringarna ({changes}) blir "
                                           "{expected} tkr. Rätta ramen eller förändringarna i 5.3."),
    "frames-do-not-add-up": (E, "De fördelade ramarna summerar till {found} tkr men nämndens totala ram är "
                                "{expected} tkr (skillnad {difference} tkr). Rätta ramarna eller totalen."),
    "net-cost-above-ceiling": (E, "Nettokostnadsutvecklingen är {found}, över nämndens tak ({expected}). "
                                  "Minska ramarna eller ompröva taket."),
    "net-cost-ceiling-missing": (W, "Nämndens tak för nettokostnadsutveckling saknas. Skriv taket i procent "
                                    "(t.ex. 2,5 %) så kan nettokostnadsutvecklingen kontrolleras."),
    "net-cost-not-checkable": (W, "Nettokostnadsutvecklingen kan inte beräknas: föregående års prognos i 5.2 "
                                  "saknas eller summerar till 0. Fyll i årsprognosen per verksamhet."),
    "prior-forecast-missing": (W, "Verksamheten {item_id} har en ram men ingen årsprognos för föregående "
                                  "år i 5.2, så nettokostnadsutvecklingen jämför olika underlag. "
                                  "Lägg till en rad för {item_id} i 5.2."),
}
# "expected" of net-cost-above-ceiling: the ceiling as a limit.
AT_MOST = "högst {limit}"

# ---- the command line ----
HELP_GROUP = "Budgetkapitlet (5.1–5.4): kontrollera masterfilen och skapa ekonomens budgetuppföljning."
HELP_CHECK = ("Kontrollera budgetkapitlet i masterfilen: varje problem med blad och cell. Exit 1 vid fel.\n\n"
              "Reglerna: ramarna summerar till nämndens totala ram, varje verksamhet har en ram, varje rad i "
              "5.1–5.4 hör till en verksamhet som finns, ramen är föregående års ram plus budgetförändringarna, "
              "nettokostnadsutvecklingen ryms inom nämndens tak, och beloppen är tal.")
HELP_REPORT = ("Skriv ekonomens budgetuppföljning för en period: ram, utfall, prognos och avvikelse per "
               "verksamhet och totalt, förändringen sedan förra perioden, kommentarerna och kapitel 5.1–5.4. "
               "Alla summor och kontroller är formler i arbetsboken.")
HELP_MASTER = "Masterfilen (ramar och budgetkapitel)."
HELP_DB = "Historikdatabasen. Standard: inställningen Databas, annars nplan.sqlite bredvid masterfilen."
HELP_PERIOD = "Perioden, t.ex. 2026-T2."
HELP_OUTPUT = "Budgetuppföljningen som skrivs (.xlsx)."
CHECK_CLEAN = "Budgetkapitlet i {path} är utan fel."
CHECK_FINDINGS = "{errors} fel och {warnings} varningar i budgetkapitlet i {path}."
CHECK_SUMMARY = ("Summa fördelade ramar {frames} tkr, nämndens totala ram {total} tkr. "
                 "Nettokostnadsutveckling {growth} (tak {ceiling}).")
REPORT_WROTE = "Skrev {path}: budgetuppföljning {period}, {reported} av {units} verksamheter har rapporterat."
REPORT_MASTER_FINDINGS = ("Obs: masterns budgetkapitel har {count} fel. Rapporten visar dem på fliken "
                          "Kontroller; rätta dem med nplan budget check {path}.")
MASTER_UNREADABLE = ("Masterfilen {path} har {count} fel i det som budgetuppföljningen bygger på:\n{lines}\n"
                     "Rätta dem först; 'nplan budget check {path}' visar hela listan.")
NO_DATABASE = ("Historikdatabasen {path} finns inte. Samla in returerna först (nplan collect) eller ange "
               "databasen med --db.")
HISTORY_UNAVAILABLE = "Historikdatabasen kan inte läsas: {reason}"
NOT_AVAILABLE = "–"

# ---- finance's budget workbook ----
SHEET_OVERVIEW = "Budgetuppföljning"
SHEET_CHECKS = "Kontroller"
SHEET_COMMENTS = "Kommentarer"

TITLE = "Budgetuppföljning {period} – {committee}"
NOTE = ("Belopp i tkr. Avvikelse = budgetram − helårsprognos (negativ = underskott). Alla summor och "
        "kontroller är formler: ändra en siffra (här eller på flikarna 5.1–5.4) så räknas allt om.")
PARAMETER_THRESHOLD = "Avvikelse som kräver kommentar (tkr)"
PARAMETER_PERIOD = "Period"
PARAMETER_YEAR = "Planår"
CHECKS_LINE = "Kontroller"
CHECKS_ALL_OK = "Alla kontroller OK"

OVERVIEW_HEADERS = {
    "unit": "Verksamhets-id",
    "name": "Verksamhet",
    "reported": "Rapporterat",
    "frame_tkr": "Budgetram (tkr)",
    "outcome_tkr": "Utfall hittills (tkr)",
    "forecast_tkr": "Helårsprognos (tkr)",
    "deviation_tkr": "Avvikelse (tkr)",
    "previous_forecast_tkr": "Prognos {previous} (tkr)",
    "forecast_change_tkr": "Förändring av prognos sedan {previous} (tkr)",
    "status": "Status",
}
# The year end (T3): the year's outcome stands against the frame; the forecast column is not shown.
OVERVIEW_HEADERS_YEAR_END = {
    "outcome_tkr": "Utfall helår (tkr)",
    "previous_forecast_tkr": "Prognos {previous} (tkr)",
    "forecast_change_tkr": "Utfall helår mot prognos {previous} (tkr)",
}
NOTE_YEAR_END = ("Årsbokslut: utfallet är årets (januari–december), och avvikelsen = budgetram − utfall helår "
                 "(negativ = underskott). Belopp i tkr. Alla summor och kontroller är formler: ändra en siffra (här "
                 "eller på flikarna 5.1–5.4) så räknas allt om.")
NO_PREVIOUS = "föregående period"
TOTAL = "Summa"
UNKNOWN_UNIT = "(finns inte i masterfilen)"

# Status words per unit (the formula writes the same words).
STATUS_NOT_REPORTED = "Ej rapporterat"
STATUS_NO_FRAME = "Ram saknas"
STATUS_NO_FORECAST = "Prognos saknas"
STATUS_NO_OUTCOME = "Utfall saknas"  # the year end: the outcome is what the frame is held against
STATUS_DEFICIT_BEYOND = "Underskott över gränsen"
STATUS_DEFICIT = "Underskott"
STATUS_SURPLUS_BEYOND = "Överskott över gränsen"
STATUS_WITHIN = "Inom ram"

COMMENT_HEADERS = {
    "unit": "Verksamhets-id",
    "name": "Verksamhet",
    "status": "Status",
    "comment": "Kommentar och åtgärder",
    "events": "Väsentliga händelser",
}
COMMENTS_TITLE = "Verksamheternas kommentarer {period}"
COMMENTS_NOTE = "Texterna är verksamheternas egna, ur de returer som gäller för perioden."

CHECK_HEADERS = {
    "check": "Kontroll",
    "value": "Värde",
    "limit": "Gräns",
    "result": "Resultat",
    "explanation": "Så läser du raden",
}
CHECKS_TITLE = "Kontroller {period}"
CHECKS_NOTE = ("Varje rad är en formel över siffrorna i arbetsboken. OK betyder att regeln håller; "
               "allt annat står i ord och är markerat med färg.")

OK = "OK"
NOT_ASSESSED = "Ej bedömd"

# key -> (label, explanation)
# Net cost growth on an incomplete basis (a unit without a figure): over the units with a figure and a 5.2 forecast,
# like with like; above the ceiling stays, within it is not assessed. (before n, between n and total, after total)
RESULT_ABOVE_CEILING_PARTIAL = ("Över taket för ", " av ", " verksamheter")
NOT_ASSESSED_PARTIAL = (NOT_ASSESSED + ": inom taket för ", " av ", " verksamheter")

CHECKS: dict[str, tuple[str, str]] = {
    "frames_total": ("Fördelade ramar mot nämndens totala ram",
                     "Summan av ramarna i 5.4 ska vara lika med nämndens totala ram."),
    "frame_rows": ("Ram = föregående års ram + budgetförändringar",
                   "Antal verksamheter i 5.4 vars ram inte är föregående års ram plus förändringarna i 5.3."),
    "net_cost_frames": ("Nettokostnadsutveckling enligt ramarna",
                        "Ramarna mot föregående års årsprognos (5.2), jämfört med nämndens tak."),
    "net_cost_forecast": ("Nettokostnadsutveckling enligt helårsprognoserna",
                          "Helårsprognoserna mot föregående års årsprognos (5.2), jämfört med nämndens tak. Saknar "
                          "någon verksamhet prognos räknas utvecklingen för dem som har både prognos och "
                          "årsprognos i 5.2, och resultatet säger hur många det gäller: över taket visas, inom "
                          "taket blir 'Ej bedömd' tills alla verksamheter har lämnat prognos."),
    "total_deviation": ("Total avvikelse (ram − prognos)",
                        "Summan av verksamheternas avvikelser. Negativ = underskott."),
    "deficits": ("Verksamheter med underskott", "Antal verksamheter vars prognos är större än ramen."),
    "beyond_threshold": ("Verksamheter med avvikelse över gränsen",
                         "Antal verksamheter vars avvikelse (åt något håll) är större än gränsen."),
    "not_reported": ("Verksamheter som inte rapporterat", "Antal verksamheter utan retur för perioden."),
    "without_frame": ("Verksamheter utan ram", "Antal verksamheter som saknar ram i 5.4."),
}
# The year end (T3): the checks that judge the year's outcome instead of a forecast.
CHECKS_YEAR_END: dict[str, tuple[str, str]] = {
    "net_cost_forecast": ("Nettokostnadsutveckling enligt utfallet helår",
                          "Årets utfall mot föregående års årsprognos (5.2), jämfört med nämndens tak. Saknar någon "
                          "verksamhet utfall räknas utvecklingen för dem som har både utfall och årsprognos i 5.2, "
                          "och resultatet säger hur många det gäller: över taket visas, inom taket blir 'Ej bedömd' "
                          "tills alla verksamheter har lämnat utfall."),
    "total_deviation": ("Total avvikelse (ram − utfall helår)",
                        "Summan av verksamheternas avvikelser mot årets utfall. Negativ = underskott."),
    "deficits": ("Verksamheter med underskott", "Antal verksamheter vars utfall för året är större än ramen."),
}
# Counting results: (one, several, what they do); the formula picks the singular or plural noun.
RESULT_ROWS_BAD = ("ram", "ramar", "avviker")
RESULT_DEFICITS = ("verksamhet", "verksamheter", "har underskott")
RESULT_BEYOND = ("verksamhet", "verksamheter", "avviker mer än gränsen")
RESULT_NOT_REPORTED = ("verksamhet", "verksamheter", "har inte rapporterat")
RESULT_WITHOUT_FRAME = ("verksamhet", "verksamheter", "saknar ram")
CHECKS_NOT_OK = ("kontroll", "kontroller", "avviker eller kan inte bedömas – se fliken Kontroller")
RESULT_ABOVE_CEILING = "Över taket"
RESULT_DEFICIT = "Underskott"
