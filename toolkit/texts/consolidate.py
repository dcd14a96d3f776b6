"""Swedish texts of the consolidation and of the committee's report workbook."""

from __future__ import annotations

E = "fel"
W = "varning"

FINDINGS: dict[str, tuple[str, str]] = {
    "history-unknown-indicator": (W, "Historiken har värden för indikator {item_id}, som inte finns i "
                                     "masterfilen. De tas inte med i rapporten. Kontrollera att rätt "
                                     "masterfil används."),
    "weights-missing": (W, "Indikator {item_id} vägs samman med viktat medelvärde, men {found} saknar vikt i "
                           "masterfilen. Indikatorns utfall visas inte. Ange vikterna på masterfilens flik Vikter "
                           "(nplan plan check visar vilka som saknas)."),
    "history-unknown-unit": (W, "Historiken har en retur från verksamheten {item_id}, som inte finns i "
                                "masterfilen. Den visas i rapporten men räknas inte in i indikatorerna."),
}

# ---- the command line ----
HELP = ("Sammanställ periodens returer till nämndens rapport (Excel).\n\n"
        "Rapporten visar per indikator det sammanvägda utfallet, förslag till bedömning och trend, per mål och "
        "delmål förslaget bredvid controllerns samlade bedömning, uppdragens status, ekonomin per verksamhet "
        "med formler, och vilka returer som saknas eller är underkända. Ur historiken: samma period "
        "föregående år, och i årsrapporten (T3) årets serie (T1, T2, helår), föregående års utfall, ekonomin "
        "som årets utfall mot ramen och en jämförelse mellan år.")
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
EXAMPLE_NOTE = ("Exempelsiffror: budgetbeloppen i exemplet är påhittade, och returerna är ifyllda av "
                "simulerade verksamheter.")
FORECAST_NOTE = ("Bedömningarna i {period} är prognoser för helåret. Förslagen räknas fram av nplan; den "
                 "samlade bedömningen görs av controllern. Se bladet 'Om rapporten'.")
FINAL_NOTE = ("Årsrapport: bedömningarna är slutliga och ekonomin är årets utfall mot budgetramen. Förslagen "
              "till bedömning räknas fram av nplan; den samlade bedömningen görs av controllern. Se bladet 'Om "
              "rapporten'.")

# ---- sheets ----------------------------------------------------------------------------------

SHEET_SUMMARY = "Sammanfattning"
SHEET_GOALS = "Mål och indikatorer"
SHEET_YEARS = "Jämförelse mellan år"
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
# The year end (T3): the year's outcome stands against the frame; a forecast of a finished year is not shown.
SUMMARY_ECONOMY_ROWS_YEAR_END = {
    "frame_tkr": "Budgetram (summa fördelade ramar)",
    "outcome_tkr": "Utfall helår",
    "deviation_tkr": "Avvikelse (ram − utfall helår)",
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
CHART_DEVIATION_Y_YEAR_END = "tkr (ram − utfall helår; negativt = underskott)"

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
GOALS_HEADER_YEAR_OUTCOME = "Utfall {year}"  # this year's outcome in the Årsrapport (T3), beside last year's
GOALS_NOTE_YEAR_END = ("Årsrapport: per indikator årets serie (T1, T2 och helåret) och föregående års utfall bredvid "
                       "årets, ur historiken. Där ett värde saknas står '–' med skälet.")
# Earlier values beside this period's (toolkit.report.series), in the workbook and the document.
PAST_HEADERS = {
    "last_year": "Samma period {year}",  # T1, T2: the same tertial last year
    "last_year_end": "Utfall {year}",  # T3: last year's outcome
    "series": "Utfall {period}",  # T3: this year's earlier periods
}
PAST_GAP = {  # keys: report.series.Gap
    "not_due": "redovisas ej",
    "not_collected": "ej insamlad",
    "not_in_plan": "ej i planen",
    "no_value": "inget utfall",
}
PAST_GAP_CELL = "– ({reason})"
PAST_INCOMPLETE = "Reservation: {items}."
PAST_INCOMPLETE_ITEM = "{label} bygger på {n} av {total} verksamheter"
PAST_JOIN = "; "
LAST_YEAR_NOT_HELD = ("Samma period föregående år ({period}) finns inte i historiken; den visas bredvid årets värden "
                      "när den finns.")
ROW_SUGGESTED = "Förslag utifrån indikatorerna"
ROW_VERDICT = "Samlad bedömning (controller)"
VERDICT_MISSING = "Ej angiven"
VERDICT_MISSING_NOTE = "Controllern har inte angett någon samlad bedömning för {period} i masterfilen."
COUNTS_TEXT = "{n} indikatorer: {parts}"
COUNTS_TEXT_ONE = "1 indikator: {parts}"
COUNTS_NONE = "Inga indikatorer."
NO_CONTENT = "Nämndplanen har inga delmål eller indikatorer under målet ännu."
NOT_DUE = "Redovisas inte i {period} (periodicitet: {periodicity})."
# The basis under each indicator: what the value measures and what it is compared with, then what it rests on.
BASIS_MEASURE = {
    "cumulative_pro_rata": "Ackumulerat från årets början: jämförs med målvärdet för {months} av 12 månader.",
    "cumulative": "Ackumulerat från årets början: jämförs med helårets målvärde.",
    "level": "Läge vid periodens slut: jämförs med hela målvärdet.",
}
BASIS_UNIT = "Måttenhet: {unit}."
BASIS_AGGREGATION = {  # keys: core.model.Aggregation
    "sum": "Summa av {n} av {total} verksamheter",
    "mean": "Medelvärde av {n} av {total} verksamheter",
    "weighted_mean": "Viktat medelvärde av {n} av {total} verksamheter (vikter: {weights})",
    "all_yes": "Alla ja: {n} av {total} verksamheter har svarat",
    "single": "En verksamhet: {unit}",
}
BASIS_SINGLE_NONE = "En verksamhet: ingen har rapporterat"
BASIS_WEIGHT = "{unit} {weight}"
BASIS_WEIGHTS_NOTE = "; {note}"  # what the weights are, after the list
BASIS_MISSING = " – saknas: {names}"
BASIS_END = "."
BASIS_WEIGHTS_MISSING = ("Viktat medelvärde: vikt saknas i masterfilen för {names}, så inget sammanvägt utfall "
                         "visas.")
BASIS_WITHHELD = ("Reservation: underlaget är ofullständigt. De rapporterade värdena når målet, men förslaget "
                  "blir Uppfyllt först när alla ansvariga verksamheter har rapporterat.")
UNIT_NOT_REPORTED = "Ingen godkänd retur."
UNIT_NO_VALUE = "Inget utfall angivet."
NOTE_PREFIX = "Not: "

TREND_ARROW = {"up": "↑", "down": "↓", "unchanged": "→", "unknown": ""}  # keys: report.assessment.Trend
TREND_BETTER = {True: "bättre", False: "sämre", None: "oförändrat"}
TREND_TEXT = "{arrow} {word} än {against}"
TREND_SAME = "→ oförändrat mot {against}"
TREND_SUBSET = " (jämfört för {n} verksamheter som rapporterat båda gångerna)"
TREND_SUBSET_ONE = " (jämfört för 1 verksamhet som rapporterat båda gångerna)"
TREND_NOT_COMPARABLE = {  # keys: report.trends.NotComparable
    "no_common_units": "ej jämförbar med {against}: ingen verksamhet har rapporterat i båda perioderna",
    "incomplete": "ej jämförbar med {against}: basåret gäller alla verksamheter, men {n} av {total} har "
                  "rapporterat",
    "no_value": "ej jämförbar med {against}",
}
TREND_JOIN = "; "

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
UNIT_ECONOMY_YEAR_END = "Ekonomi (tkr): ram {frame}, utfall helår {outcome}, avvikelse {deviation}"
UNIT_ECONOMY_MISSING = "Ekonomi: ingen uppgift."
UNIT_NOTHING = "Inga indikatorer eller uppdrag att redovisa i perioden."
UNIT_SECTION_INDICATORS = "Indikatorer"
UNIT_SECTION_ASSIGNMENTS = "Uppdrag"

# ---- assignments ---------------------------------------------------------------------------------

ASSIGNMENTS_TITLE = "Uppdrag från fullmäktige – {period}"
ASSIGNMENTS_NOTE = ("Försenat = slutdatum senast {end} (periodens sista dag) och status varken Genomförd "
                    "eller Avförd. En verksamhet utan godkänd retur visas med sin senast rapporterade status "
                    "och period (ej uppdaterad).")
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
STATUS_NOT_UPDATED = "{status} ({period}, ej uppdaterad)"  # the last reported status of a unit that sent none
OVERDUE = "Försenat"

# ---- economy -------------------------------------------------------------------------------------

ECONOMY_TITLE = "Ekonomi per verksamhet – {period} (tkr)"
ECONOMY_NOTE = ("Ram från masterfilen (5.4). Avvikelse = ram − helårsprognos; positiv = överskott, negativ = "
                "underskott. Summor och avvikelser är formler. Avvikelsen summeras för de verksamheter som "
                "lämnat prognos.")
ECONOMY_NOTE_YEAR_END = ("Årsrapport: utfallet är årets (januari–december). Ram från masterfilen (5.4). Avvikelse = "
                         "ram − utfall helår; positiv = överskott, negativ = underskott. Summor och avvikelser är "
                         "formler. Avvikelsen summeras för de verksamheter som lämnat utfall.")
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
# The year end: the outcome is the year's; the forecast column is not shown (see the rule "Årsrapporten").
ECONOMY_HEADERS_YEAR_END = {"outcome_tkr": "Utfall helår (tkr)", "used_share": "Utfall helår (% av ram)"}
ECONOMY_TOTAL = "Summa"
ECONOMY_COMMITTEE_FRAME = "Nämndens totala ram (masterfilen)"
ECONOMY_FRAME_DIFFERENCE = "Skillnad: summa fördelade ramar − total ram"

# ---- the years compared ----------------------------------------------------------------------

YEARS_TITLE = "Jämförelse mellan år – utfall per helår"
YEARS_NOTE = ("Varje års utfall är årets T3 ur historiken, sammanvägt enligt det årets nämndplan, så som det årets "
              "årsrapport visade det. Målvärdet är nämndplanens för {year}.")
YEARS_NONE = "Historiken har inga utfall från tidigare år än {year} ännu."
YEARS_HEADERS = {
    "ref": "Nr",
    "name": "Indikator",
    "unit": "Måttenhet",
    "year": "Utfall {year}",
    "target": "Målvärde {year}",
    "notes": "Underlag",
}

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
    ("Mäts som",
     "Varje indikator anger i masterfilen vad värdet står för. Ackumulerat från årets början: antal och belopp "
     "som växer under året; före december jämförs utfallet med målvärdet räknat för periodens månader (T1 4/12, "
     "T2 8/12), så att bedömningen säger om verksamheten är på väg mot helårsmålet. Läge vid periodens slut: "
     "väntetider, köer, andelar och index; utfallet är läget just då och jämförs med hela målvärdet i varje "
     "period. När masterfilen inte anger något är andelar och tal lägen och antal och belopp ackumulerade. "
     "Ja/Nej jämförs med målvärdet. Kolumnen 'Jämförs med' visar värdet som utfallet jämförts med (i årsrapporten "
     "är det alltid hela målvärdet, och kolumnen visas inte) och raden under indikatorn dess måttenhet."),
    ("Värdetyper och andelar",
     "Antal är heltal, 0 eller mer. Tal har högst så många decimaler som masterfilen anger. Belopp anges i tkr. "
     "En andel i procent: en procentformaterad cell innehåller andelen som bråk, så 1,25 är 125 % och "
     "underkänns (utanför 0–100 %), och talet 62 i en sådan cell är 6 200 %; en andel skriven som text ('62' "
     "eller '62 %') är 62 %. Verksamhetens retur kontrollerar värdena med samma regler som nplan."),
    ("Sammanvägning",
     "Verksamheternas värden vägs samman enligt indikatorns regel i masterfilen: Summa; Medelvärde; Viktat "
     "medelvärde (med vikterna på masterfilens flik Vikter; saknas en vikt visas inget utfall); Alla ja (Ja "
     "när alla som svarat säger Ja, Nej när någon säger Nej); En verksamhet (den första ansvariga "
     "verksamhetens värde). Bara verksamheter som rapporterat ett värde räknas. Under varje indikator står "
     "vilka det är, vilka som saknas och vikterna."),
    ("Ofullständigt underlag",
     "När någon ansvarig verksamhet saknar värde (ingen godkänd retur eller inget utfall) bygger det "
     "sammanvägda utfallet bara på dem som rapporterat, och raden under indikatorn säger vilka som saknas. Ett "
     "sådant utfall visas aldrig som uppfyllt (grönt): förslaget blir Ingen bedömning med en reservation tills "
     "underlaget är komplett. Undantag: en summa av antal där högre är bättre och som redan når målet, "
     "eftersom de saknade verksamheterna bara kan öka summan. Delvis och ej uppfyllt visas med samma "
     "upplysning om underlaget. Alla ja med ett Nej är ej uppfyllt oavsett vad övriga svarar."),
    ("Förslag till bedömning",
     "Högre är bättre: utfall minst målvärdet = uppfyllt; minst {threshold} av målvärdet = delvis uppfyllt; "
     "annars ej uppfyllt. Lägre är bättre speglat: högst målvärdet = uppfyllt; högst {upper} av målvärdet = "
     "delvis uppfyllt. Ja/Nej: uppfyllt när utfallet är målvärdet. En indikator kan ha en egen gräns i "
     "masterfilen."),
    ("Prognos",
     "I T1 och T2 är bedömningen en prognos för helåret ('Bedöms uppfyllas'). I årsrapporten (T3) är den slutlig "
     "('Uppfyllt'): indikatorernas förslag, verksamheternas egna bedömningar och den samlade bedömningen."),
    ("Ingen bedömning",
     "En indikator som inte ska redovisas i perioden, saknar utfall, saknar målvärde eller vilar på "
     "ofullständigt underlag som annars hade gett uppfyllt får 'Ingen bedömning' (grå), aldrig rött."),
    ("Trend",
     "Ackumulerade värden jämförs med samma period föregående år om den finns i historiken, annars med basåret "
     "räknat per månad. Lägen och Ja/Nej jämförs med föregående period och med samma period föregående år, "
     "båda när de finns, annars med basåret. Bara lika underlag jämförs: båda perioderna vägs samman på nytt "
     "över de verksamheter som rapporterat i båda, och har ingen gjort det är trenden 'ej jämförbar'. Basåret "
     "gäller hela nämnden och jämförs bara med ett komplett utfall. Förändringar under 1 % räknas som "
     "oförändrat. 'Bättre' och 'sämre' tar hänsyn till om högre eller lägre är bättre."),
    ("Tidigare värden",
     "Bredvid utfallet visas samma period föregående år ('Samma period ...') när historiken har den. Varje tidigare "
     "värde är sammanvägt enligt den nämndplan som gällde när returerna samlades in, så som den periodens rapport "
     "visade det (viktade medelvärden med masterfilens vikter). Saknas ett värde står '–' med skälet: redovisas ej "
     "(indikatorn redovisades inte den perioden), ej insamlad (historiken har ingen godkänd retur för perioden), "
     "ej i planen (indikatorn fanns inte i den periodens nämndplan) eller inget utfall (ingen ansvarig verksamhet "
     "lämnade ett värde). Ett tidigare värde som saknar någon ansvarig verksamhet visas med en reservation som "
     "säger hur många verksamheter det bygger på."),
    ("Årsrapporten (T3)",
     "Årsrapporten visar per indikator årets serie (T1, T2 och helåret) och föregående års utfall ('Utfall ...', "
     "föregående års T3) bredvid årets. Bedömningarna är slutliga. Ekonomin är årets utfall ('Utfall helår') mot "
     "budgetramen; helårsprognosen visas inte, eftersom året är slut och utfallet är det som gäller "
     "(verksamheternas prognoser finns kvar i historiken). Bladet 'Jämförelse mellan år' visar helårsutfallet "
     "för varje år som historiken har, bredvid årets målvärde."),
    ("Samlad bedömning",
     "nplan föreslår en samlad bedömning per delmål och mål utifrån indikatorerna (de utan bedömning räknas "
     "inte): alla uppfyllda = uppfyllt; mer än hälften ej uppfyllda = ej uppfyllt; annars delvis uppfyllt. "
     "Målets förslag räknas från alla indikatorer under målet. Controllerns samlade bedömning med motivering "
     "(bladet 'Samlad bedömning' i masterfilen) visas bredvid förslaget."),
    ("Uppdrag",
     "En verksamhet som inte lämnat någon godkänd retur för perioden visas med sin senast rapporterade status, "
     "med period och 'ej uppdaterad'. Ett uppdrag är försenat när slutdatum är senast periodens sista dag och "
     "den status som gäller (periodens, annars den senast rapporterade) varken är Genomförd eller Avförd; utan "
     "någon rapporterad status räknas det som försenat."),
    ("Ekonomi",
     "Ram från masterfilen. I T1 och T2 är avvikelsen ram − helårsprognos, i årsrapporten (T3) ram − utfall helår "
     "(positiv = överskott). Alla summor på bladet Ekonomi är formler."),
    ("Returer",
     "Den senast mottagna giltiga returen från varje verksamhet räknas (mottagen = mejlets datum för en bilaga, "
     "annars filens ändringstid, på sekunden). Två giltiga filer med olika innehåll och samma tid är en "
     "konflikt: ingen räknas förrän controllern valt en. Underkända och ersatta filer räknas inte men finns i "
     "historiken och på bladet Inlämningar. 'Mot sista dag' räknar kalenderdagar efter sista dag för retur."),
]
