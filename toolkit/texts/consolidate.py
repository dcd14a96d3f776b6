"""Swedish texts of the consolidation and of the committee's report workbook."""

from __future__ import annotations

E = "fel"
W = "varning"

FINDINGS: dict[str, tuple[str, str]] = {
    "history-unknown-indicator": (W, "Historiken har värden för indikator {item_id}, som inte finns i "
                                     "masterfilen. De tas inte med i rapporten. Kontrollera att rätt "
                                     "masterfil används."),
    "history-unknown-unit": (W, "Historiken har en retur från verksamheten {item_id}, som inte finns i "
                                "masterfilen. Den visas i rapporten men räknas inte in i indikatorerna."),
}

# ---- the command line ----
HELP = ("Sammanställ periodens returer till nämndens rapport (Excel).\n\n"
        "Rapporten visar per indikator det sammanvägda utfallet, förslag till bedömning och trend, per mål och "
        "delmål förslaget bredvid controllerns samlade bedömning, uppdragens status, ekonomin per verksamhet "
        "med formler, och vilka returer som saknas eller är underkända.")
HELP_MASTER = "Masterfilen (planen, målvärden och controllerns samlade bedömningar)."
HELP_DB = ("Historikdatabasen från 'nplan collect'. Standard: masterns inställning, annars nplan.sqlite "
           "bredvid masterfilen.")
HELP_PERIOD = "Perioden som sammanställs, t.ex. 2026-T2."
HELP_OUTPUT = "Rapporten som skrivs (.xlsx)."
HELP_FORCE = "Skriv över en befintlig rapport (och ett befintligt dokument med --docx)."
HELP_DEADLINE = ("Sista dag för retur (ÅÅÅÅ-MM-DD), för 'Mot sista dag' på bladet Inlämningar. Standard: masterns "
                 "'Sista dag för retur' för aktuell period.")
DB_NOT_FOUND = ("Databasen {path} finns inte. Kör 'nplan collect' först, eller ange rätt fil med --db.")
REPORT_WROTE = "Skrev rapporten {path}"
REPORT_SUMMARY = ("{period}: {accepted} av {expected} verksamheter har godkända returer, {rejected} "
                  "underkända, {missing} saknas.")
REPORT_MISSING = "Saknas: {names}"
REPORT_REJECTED = "Underkända: {names}"
REPORT_CONFLICT = "I konflikt (välj fil med nplan collect --choose): {names}"
UNKNOWN_UNIT = "(okänd verksamhet)"

# ---- periods ---------------------------------------------------------------------------------

PERIOD_REPORT = {
    1: "Tertialrapport 1 {year} (januari–april)",
    2: "Delårsrapport {year} (tertial 2, januari–augusti)",
    3: "Årsrapport {year} (januari–december)",
}
TITLE = "{report}"
SUBTITLE = "{committee} · uppföljning av nämndplan {year} · period {period}"
GENERATED = "Skapad {when} med nplan ur masterfil med planidentitet {identity}."
EXAMPLE_NOTE = ("Exempelsiffror: budgetbeloppen i exemplet är påhittade (nämndplanens budgetkapitel är "
                "tomt), och returerna är ifyllda av simulerade verksamheter.")
FORECAST_NOTE = ("Bedömningarna i {period} är prognoser för helåret. Förslagen räknas fram av nplan; den "
                 "samlade bedömningen görs av controllern. Se bladet 'Om rapporten'.")
FINAL_NOTE = ("Förslagen till bedömning räknas fram av nplan; den samlade bedömningen görs av controllern. "
              "Se bladet 'Om rapporten'.")

# ---- sheets ----------------------------------------------------------------------------------

SHEET_SUMMARY = "Sammanfattning"
SHEET_GOALS = "Mål och indikatorer"
SHEET_UNITS = "Per verksamhet"
SHEET_ASSIGNMENTS = "Uppdrag"
SHEET_ECONOMY = "Ekonomi"
SHEET_SUBMISSIONS = "Inlämningar"
SHEET_DATA = "Data"
SHEET_ABOUT = "Om rapporten"

TABLE_DATA = "Rapportdata"

# ---- summary ---------------------------------------------------------------------------------

SUMMARY_GOALS = "Måluppfyllelse per mål (antal indikatorer)"
SUMMARY_GOAL_HEADER = "Mål"
SUMMARY_TOTAL = "Totalt"
SUMMARY_N = "Antal indikatorer"
SUMMARY_SUGGESTED = "Förslag samlad bedömning"
SUMMARY_VERDICT = "Samlad bedömning"
SUMMARY_MOTIVATION = "Motivering"
SUMMARY_ECONOMY = "Ekonomi, hela nämnden (tkr)"
SUMMARY_ECONOMY_ROWS = {
    "frame_tkr": "Budgetram (summa fördelade ramar)",
    "outcome_tkr": "Utfall hittills",
    "forecast_tkr": "Helårsprognos",
    "deviation_tkr": "Avvikelse (ram − prognos)",
}
SUMMARY_ECONOMY_SOURCE = "Beloppen är formler mot bladet Ekonomi."
SUMMARY_SUBMISSIONS = "Returer"
SUMMARY_SUBMISSION_ROWS = {
    "accepted": "Godkända",
    "rejected": "Underkända (ingen giltig fil)",
    "conflict": "I konflikt (controllern väljer fil)",
    "missing": "Saknas",
}
SUMMARY_OF_TOTAL = "{n} av {total}"
SUMMARY_NONE = "–"
CHART_STATUS = "Bedömning per mål"
CHART_STATUS_Y = "Antal indikatorer"
CHART_DEVIATION = "Avvikelse per verksamhet (tkr)"
CHART_DEVIATION_Y = "tkr (ram − prognos; negativt = underskott)"

GOAL_LABEL = "Mål {number}"
GOAL_TITLE = "Mål {number}. {title}"
SUB_GOAL_LABEL = "Delmål {id}"

# ---- goals and indicators ------------------------------------------------------------------------

GOALS_TITLE = "Mål och indikatorer – {period}"
GOALS_NOTE = ("Ordning som i nämndplanen: mål, delmål, indikator och under varje indikator de ansvariga "
              "verksamheternas utfall, egen bedömning och analys.")
GOALS_HEADERS = {
    "ref": "Nr",
    "name": "Mål, delmål, indikator, verksamhet",
    "baseline": "Utfall basår",
    "target": "Målvärde {year}",
    "compared": "Jämförs med",
    "outcome": "Utfall {period}",
    "status": "Bedömning",
    "trend": "Trend",
    "analysis": "Analys och underlag",
    "measures": "Åtgärder",
}
ROW_SUGGESTED = "Förslag utifrån indikatorerna"
ROW_VERDICT = "Samlad bedömning (controller)"
VERDICT_MISSING = "Ej angiven"
VERDICT_MISSING_NOTE = "Controllern har inte angett någon samlad bedömning för {period} i masterfilen."
COUNTS_TEXT = "{n} indikatorer: {parts}"
COUNTS_TEXT_ONE = "1 indikator: {parts}"
COUNTS_NONE = "Inga indikatorer."
NO_CONTENT = "Nämndplanen har inga delmål eller indikatorer under målet ännu."
NOT_DUE = "Redovisas inte i {period} (periodicitet: {periodicity})."
BASIS = "Underlag: {reported} av {expected} verksamheter ({aggregation})."
BASIS_PRO_RATA = " Målvärdet räknat för {months} av 12 månader."
UNIT_NOT_REPORTED = "Ingen godkänd retur."
UNIT_NO_VALUE = "Inget utfall angivet."
NOTE_PREFIX = "Not: "

TREND_ARROW = {"up": "↑", "down": "↓", "unchanged": "→", "unknown": ""}  # keys: report.assessment.Trend
TREND_BETTER = {True: "bättre", False: "sämre", None: "oförändrat"}
TREND_TEXT = "{arrow} {word} än {against}"
TREND_SAME = "→ oförändrat mot {against}"

# ---- per unit ------------------------------------------------------------------------------------

UNITS_TITLE = "Per verksamhet – {period}"
UNITS_NOTE = "Varje verksamhets rapport: indikatorer, uppdrag och ekonomi."
UNIT_HEADING = "{name} ({id})"
UNIT_STATE = {
    "accepted": "Retur godkänd · {file} · mottagen {when}",
    "conflict": ("Retur i konflikt: flera giltiga filer mottagna samtidigt · {file} · mottagen {when}. Controllern "
                 "väljer vilken som räknas; värdena saknas tills dess."),
    "rejected": "Retur underkänd ({errors} fel) · {file} · mottagen {when}. Värdena saknas i rapporten.",
    "missing": "Retur saknas.",
}
UNITS_HEADERS = {
    "ref": "Nr",
    "name": "Indikator / uppdrag",
    "value": "Utfall / status",
    "assessment": "Egen bedömning",
    "analysis": "Analys / kommentar",
    "measures": "Åtgärder",
}
UNIT_ECONOMY = ("Ekonomi (tkr): ram {frame}, utfall hittills {outcome}, helårsprognos {forecast}, "
                "avvikelse {deviation}")
UNIT_ECONOMY_MISSING = "Ekonomi: ingen uppgift."
UNIT_NOTHING = "Inga indikatorer eller uppdrag att redovisa i perioden."
UNIT_SECTION_INDICATORS = "Indikatorer"
UNIT_SECTION_ASSIGNMENTS = "Uppdrag"

# ---- assignments ---------------------------------------------------------------------------------

ASSIGNMENTS_TITLE = "Uppdrag från fullmäktige – {period}"
ASSIGNMENTS_NOTE = ("Försenat = slutdatum senast {end} (periodens sista dag) och status varken Genomförd "
                    "eller Avförd.")
ASSIGNMENTS_HEADERS = {
    "id": "Uppdrag",
    "text": "Uppdrag / verksamhet",
    "end_date": "Slutdatum",
    "status": "Status",
    "overdue": "Försenat",
    "comment": "Kommentar / planen framåt",
}
ASSIGNMENT_MASTER_STATUS = "Status i masterfilen: {status}"
ASSIGNMENT_NOT_DUE = "Redovisas inte i {period} (periodicitet: {periodicity})."
STATUS_MISSING = "Ingen uppgift"
OVERDUE = "Försenat"

# ---- economy -------------------------------------------------------------------------------------

ECONOMY_TITLE = "Ekonomi per verksamhet – {period} (tkr)"
ECONOMY_NOTE = ("Ram från masterfilen (5.4). Avvikelse = ram − helårsprognos; positiv = överskott, negativ = "
                "underskott. Summor och avvikelser är formler. Avvikelsen summeras för de verksamheter som "
                "lämnat prognos.")
ECONOMY_HEADERS = {
    "id": "Verksamhets-id",
    "name": "Verksamhet",
    "frame_tkr": "Budgetram (tkr)",
    "outcome_tkr": "Utfall hittills (tkr)",
    "forecast_tkr": "Helårsprognos (tkr)",
    "deviation_tkr": "Avvikelse (tkr)",
    "deviation_share": "Avvikelse (% av ram)",
    "used_share": "Utfall (% av ram)",
    "state": "Retur",
    "comment": "Kommentar och åtgärder",
    "events": "Väsentliga händelser",
}
ECONOMY_TOTAL = "Summa"
ECONOMY_COMMITTEE_FRAME = "Nämndens totala ram (masterfilen)"
ECONOMY_FRAME_DIFFERENCE = "Skillnad: summa fördelade ramar − total ram"

# ---- submissions -----------------------------------------------------------------------------------

SUBMISSIONS_TITLE = "Inlämnade returer – {period}"
SUBMISSIONS_NOTE = ("Den senast mottagna giltiga filen från varje verksamhet räknas. Tidigare giltiga filer är "
                    "ersatta; ogiltiga är underkända; giltiga filer med samma tid är i konflikt tills controllern "
                    "väljer. Alla finns kvar i historiken. {deadline}")
SUBMISSIONS_DEADLINE = "Sista dag för retur: {deadline}; 'Mot sista dag' räknar kalenderdagar."
SUBMISSIONS_NO_DEADLINE = "Ingen sista dag för retur är angiven för perioden."
SUBMISSIONS_STATUS = "Status per verksamhet"
SUBMISSIONS_ALL = "Alla mottagna filer"
UNIT_STATUS_HEADERS = {
    "name": "Verksamhet",
    "file": "Fil som räknas / senaste fil",
    "received": "Mottagen",
    "state": "Status",
    "files": "Antal filer",
    "id": "Verksamhets-id",
    "timeliness": "Mot sista dag",
}
SUBMISSION_HEADERS = {
    "name": "Verksamhet",
    "file": "Fil",
    "received": "Mottagen",
    "state": "Status",
    "errors": "Fel",
    "warnings": "Varningar",
    "sha256": "Kontrollsumma (SHA-256)",
}
STATE = {
    "accepted": "Godkänd",
    "rejected": "Underkänd",
    "superseded": "Ersatt av senare fil",
    "conflict": "Konflikt",
    "missing": "Saknas",
}
STATE_CHOSEN = "Godkänd (vald)"  # counts by the controller's choice in a conflict
NO_SUBMISSIONS = "Inga filer har tagits emot för perioden."

# ---- data --------------------------------------------------------------------------------------

DATA_TITLE = "Data – en rad per verksamhet och indikator ({period})"
DATA_NOTE = ("Tabellen '{table}' är gjord för pivottabeller (Infoga > Pivottabell). Värde: antal och "
             "belopp som tal, andelar som bråk (0,4 = 40 %), Ja = 1 och Nej = 0.")
DATA_HEADERS = {
    "year": "År",
    "period": "Period",
    "goal": "Mål",
    "sub_goal": "Delmål",
    "indicator_id": "Indikator-id",
    "indicator": "Indikator",
    "unit_id": "Verksamhets-id",
    "unit_name": "Verksamhet",
    "due": "Redovisas i perioden",
    "reported": "Rapporterat",
    "value": "Värde",
    "value_text": "Värde (text)",
    "raw_value": "Inmatat värde",
    "assessment": "Egen bedömning",
    "indicator_status": "Förslag bedömning (indikatorn)",
    "analysis": "Analys",
    "measures": "Åtgärder",
    "submission_id": "Inlämning",
    "received_at": "Mottagen",
}

# ---- about -----------------------------------------------------------------------------------------

ABOUT_TITLE = "Om rapporten: hur siffrorna räknas fram"
ABOUT_PLAN = "Planidentitet (masterfilens innehåll): {identity}"
ABOUT: list[tuple[str, str]] = [
    ("Sammanvägning",
     "Verksamheternas värden vägs samman enligt indikatorns regel i masterfilen: Summa; Medelvärde; "
     "Viktat medelvärde (masterfilen har inga vikter, så verksamheterna väger lika, dvs. som medelvärde); "
     "Alla ja (Ja när alla som rapporterat svarat Ja); En verksamhet (den första ansvariga verksamhetens "
     "värde). Bara verksamheter som rapporterat ett värde räknas. Hur många som rapporterat står under "
     "varje indikator."),
    ("Förslag till bedömning",
     "Högre är bättre: utfall minst målvärdet = uppfyllt; minst {threshold} av målvärdet = delvis uppfyllt; "
     "annars ej uppfyllt. Lägre är bättre speglat: högst målvärdet = uppfyllt; högst {upper} av målvärdet = "
     "delvis uppfyllt. Ja/Nej: uppfyllt när utfallet är målvärdet. En indikator kan ha en egen gräns i "
     "masterfilen."),
    ("Antal och belopp under året",
     "Antal och belopp räknas ackumulerat från januari. Före årets slut jämförs de därför med målvärdet "
     "räknat pro rata för periodens månader (T1 4/12, T2 8/12), så att bedömningen säger om verksamheten är "
     "på väg mot helårsmålet. Andelar och Ja/Nej jämförs med hela målvärdet. Kolumnen 'Jämförs med' visar "
     "värdet som utfallet jämförts med."),
    ("Prognos",
     "I T1 och T2 är bedömningen en prognos för helåret ('Bedöms uppfyllas'). I T3 är den slutlig."),
    ("Ingen bedömning",
     "En indikator som inte ska redovisas i perioden, saknar utfall eller saknar målvärde får 'Ingen "
     "bedömning' (grå), aldrig rött."),
    ("Trend",
     "Jämför med samma period föregående år om den finns i historiken, annars med föregående tertial, "
     "annars med basåret. Antal och belopp jämförs per månad när perioderna är olika långa. Förändringar "
     "under 1 % räknas som oförändrat. 'Bättre' och 'sämre' tar hänsyn till om högre eller lägre är bättre."),
    ("Samlad bedömning",
     "nplan föreslår en samlad bedömning per delmål och mål utifrån indikatorerna (de utan bedömning räknas "
     "inte): alla uppfyllda = uppfyllt; mer än hälften ej uppfyllda = ej uppfyllt; annars delvis uppfyllt. "
     "Målets förslag räknas från alla indikatorer under målet. Controllerns samlade bedömning med motivering "
     "(bladet 'Samlad bedömning' i masterfilen) visas bredvid förslaget."),
    ("Uppdrag",
     "Ett uppdrag är försenat när slutdatum är senast periodens sista dag och status varken är Genomförd "
     "eller Avförd."),
    ("Ekonomi",
     "Ram från masterfilen. Avvikelse = ram − helårsprognos (positiv = överskott). Alla summor på bladet "
     "Ekonomi är formler."),
    ("Returer",
     "Den senast mottagna giltiga returen från varje verksamhet räknas (mottagen = mejlets datum för en bilaga, "
     "annars filens ändringstid, på sekunden). Två giltiga filer med olika innehåll och samma tid är en "
     "konflikt: ingen räknas förrän controllern valt en. Underkända och ersatta filer räknas inte men finns i "
     "historiken och på bladet Inlämningar. 'Mot sista dag' räknar kalenderdagar efter sista dag för retur."),
]
