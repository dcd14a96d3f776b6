"""Swedish texts of the committee's document (Word), ``toolkit.report.document``.

Wording shared with the report workbook (titles, status words, the rules) is taken from
``toolkit.texts.consolidate``; here are only the texts a document needs of its own.
"""

from __future__ import annotations

# ---- the command line and the buttons ----
HELP_DOCX = ("Skriv också nämndens dokument (Word, .docx) med samma innehåll i läsordning: sammanfattning, "
             "mål och indikatorer med verksamheternas analyser, uppdrag, ekonomi. I regionens Word-mall med "
             "--template eller masterfilens inställning Word-mall (fil).")
DOCUMENT_WROTE = "Skrev dokumentet {path}"
SAME_AS_REPORT = "Dokumentet (--docx) och rapporten (-o) kan inte vara samma fil: {path}."
XL_DOCUMENT_DONE = "Dokumentet till nämnden skrevs till {path}."

# ---- styles (their names show in Word's style list; a region's template may define them) ----
STYLE_TABLE_NOTE = "Tabellanmärkning"
STYLE_NOTE = "Anmärkning"
STYLE_ANALYSIS = "Analystext"
STYLE_FORMULATION = "Formulering"  # the committee's formulation of a goal (the plan document)

# ---- top ----
SUBTITLE = "Uppföljning av nämndplan {year}, period {period}"  # under the committee's name
FORECAST_NOTE = ("Bedömningarna i {period} är prognoser för helåret. Förslagen till bedömning räknas fram av "
                 "nplan utifrån indikatorerna; den samlade bedömningen görs av controllern. Avsnittet "
                 "Om underlaget beskriver reglerna.")
FINAL_NOTE = ("Årsrapport: bedömningarna är slutliga och ekonomin är årets utfall mot budgetramen. Förslagen till "
              "bedömning räknas fram av nplan utifrån indikatorerna; den samlade bedömningen görs av controllern. "
              "Avsnittet Om underlaget beskriver reglerna.")
AUTHOR = "nplan"

# ---- summary ----
HEADING_SUMMARY = "Sammanfattning"
SUMMARY_RETURNS = "{accepted} av {expected} verksamheter har lämnat en godkänd retur."
SUMMARY_RETURNS_NONE = "Inga verksamheter har returer att lämna för perioden."
SUMMARY_UNITS = "{label}: {names}."
SUMMARY_CAPTION = "Antal indikatorer per bedömning och mål, med förslag och samlad bedömning"
ECONOMY_SUMMARY_HEADERS = {"item": "Ekonomi", "amount": "tkr"}
ECONOMY_SUMMARY_CAPTION = "Nämndens ekonomi i sammandrag"
SUMMARY_RETURNS_EFFECT = ("Värden från verksamheter vars retur saknas eller är underkänd ingår inte i "
                          "sammanställningen.")
COMMITTEE_FRAME = "Nämndens totala budgetram"
COMMITTEE_FRAME_LINE = ("Nämndens totala budgetram: {frame} tkr. Summa fördelade ramar − total ram: "
                        "{difference} tkr.")
FORECAST_NONE = "Ingen verksamhet har lämnat utfall och helårsprognos för perioden."
FORECAST_MISSING = ("Helårsprognos saknas för {names}. Prognos och avvikelse gäller de verksamheter som "
                    "lämnat prognos.")
OUTCOME_NONE = "Ingen verksamhet har lämnat utfall för året."  # the year end: the outcome is what counts
OUTCOME_MISSING = ("Utfall helår saknas för {names}. Utfall och avvikelse gäller de verksamheter som lämnat "
                   "utfall.")

# ---- goals and indicators ----
INDICATOR_HEADERS = {
    "name": "Indikator",
    "baseline": "Utfall basår",
    "target": "Målvärde {year}",
    "outcome": "Utfall {period}",
    "status": "Bedömning",
}
VERDICT_HEADERS = {"source": "Bedömning", "status": "Status", "basis": "Underlag och motivering"}
VERDICT_CAPTION = "Bedömning av {what}"
INDICATOR_CAPTION = "Indikatorer för delmål {id}"
INDICATOR_CAPTION_YEAR_END = "Indikatorer för delmål {id}: årets serie och föregående års utfall"
VERDICT_SUGGESTED = "Förslag utifrån indikatorerna"
VERDICT_CONTROLLER = "Samlad bedömning (controller)"
MOTIVATION = "Motivering: "
COMPARED_VALUE = " Jämförs med {value}."  # after the basis of a cumulative value before December
NO_VALUE = "–"
TREND = " Trend: {trend}."
UNIT_SEPARATOR = " – "
ANALYSES = "Verksamheternas analyser"
UNIT_DETAILS = "utfall {value}, egen bedömning: {assessment}"
UNIT_DETAILS_NO_ASSESSMENT = "utfall {value}"
NO_ANALYSIS_FROM = "Ingen analys från {names}."  # one line after the analyses that were given
NO_RETURN_FROM = "Ingen godkänd retur från {names}."
MEASURES = "Åtgärder: "

# ---- assignments ----
HEADING_ASSIGNMENTS = "Uppdrag från fullmäktige"
ASSIGNMENTS_OVERVIEW_HEADERS = {
    "id": "Nr",
    "text": "Uppdrag",
    "end_date": "Slutdatum",
    "status": "Status hos verksamheterna",
    "overdue": "Försenat",
}
ASSIGNMENTS_CAPTION = "Uppdragen från fullmäktige: status hos verksamheterna"
ASSIGNMENT_UNITS_CAPTION = "Uppdrag {id}: status per verksamhet"
ASSIGNMENT_UNIT_HEADERS = {
    "unit": "Verksamhet",
    "status": "Status",
    "overdue": "Försenat",
    "comment": "Kommentar / planen framåt",
}
ASSIGNMENT_HEADING = "{id}. {text}"
ASSIGNMENT_INFO = "Slutdatum {end}. Status i nämndplanen: {status}."
ASSIGNMENT_INFO_NO_END = "Inget slutdatum. Status i nämndplanen: {status}."
OVERDUE_COUNT = "Försenat hos {n} av {total} verksamheter"
STATUS_COUNT = "{status}: {n}"
NOT_REPORTED = "Ingen godkänd retur"

# ---- economy ----
HEADING_ECONOMY = "Ekonomi"
ECONOMY_NOTE = ("Belopp i tkr. Budgetram enligt nämndplanen (5.4). Avvikelse = ram − helårsprognos: positiv = "
                "överskott, negativ = underskott. Avvikelsen summeras för de verksamheter som lämnat prognos.")
ECONOMY_HEADERS = {
    "unit": "Verksamhet",
    "frame_tkr": "Budgetram",
    "outcome_tkr": "Utfall hittills",
    "forecast_tkr": "Helårs\u00adprognos",  # a soft hyphen: the narrow column breaks the word there
    "deviation_tkr": "Avvikelse",
    "state": "Retur",
}
ECONOMY_NOTE_YEAR_END = ("Belopp i tkr. Årsrapport: utfallet är årets (januari–december). Budgetram enligt "
                         "nämndplanen (5.4). Avvikelse = ram − utfall helår: positiv = överskott, negativ = "
                         "underskott. Avvikelsen summeras för de verksamheter som lämnat utfall.")
ECONOMY_HEADERS_YEAR_END = {
    "unit": "Verksamhet",
    "frame_tkr": "Budgetram",
    "outcome_tkr": "Utfall helår",
    "deviation_tkr": "Avvikelse",
    "state": "Retur",
}
ECONOMY_CAPTION_YEAR_END = "Ekonomi per verksamhet: budgetram, utfall helår och avvikelse i tkr"
ECONOMY_TOTAL = "Summa"
ECONOMY_CAPTION = "Ekonomi per verksamhet: budgetram, utfall, helårsprognos och avvikelse i tkr"
ECONOMY_COMMENTS = "Verksamheternas kommentarer"
ECONOMY_COMMENT = "Kommentar och åtgärder: "
ECONOMY_EVENTS = "Väsentliga händelser: "

# ---- the years compared (the Årsrapport) ----
HEADING_YEARS = "Jämförelse mellan år"
YEARS_INTRO = ("Utfallet för helåret (T3) de senaste åren ur historiken, vart och ett sammanvägt enligt det årets "
               "nämndplan, och årets målvärde.")
YEARS_MORE = "Arbetsbokens blad Jämförelse mellan år visar alla {n} år som historiken har."
YEARS_CAPTION = "Indikatorernas utfall för helåret per år och årets målvärde"
YEARS_SHOWN = 3  # earlier years in the document's table (the workbook shows every year)

# ---- about ----
HEADING_ABOUT = "Om underlaget"
ABOUT_INTRO = ("Dokumentet är skrivet av nplan ur samma sammanställning som rapportens arbetsbok (Excel). "
               "Arbetsboken har dessutom en sida per verksamhet, alla mottagna filer, ekonomin med formler "
               "och en rad per verksamhet och indikator för egna analyser.")
# The report's explanations (toolkit.texts.consolidate.ABOUT), with these replaced where the workbook's
# wording points at sheets and columns the document does not have.
ABOUT_REPLACED = {
    "Mäts som":
        "Varje indikator anger i nämndplanen vad värdet står för. Ackumulerat från årets början: antal och "
        "belopp som växer under året; före december jämförs utfallet med målvärdet räknat för periodens månader "
        "(T1 4/12, T2 8/12), så att bedömningen säger om verksamheten är på väg mot helårsmålet. Läge vid "
        "periodens slut: väntetider, köer, andelar och index; utfallet är läget just då och jämförs med hela "
        "målvärdet i varje period. När nämndplanen inte anger något är andelar och tal lägen och antal och "
        "belopp ackumulerade. Ja/Nej jämförs med målvärdet. Under indikatorns namn står måttenheten och vilket "
        "värde utfallet jämförts med.",
    "Ekonomi":
        "Ram från nämndplanen. I T1 och T2 är avvikelsen ram − helårsprognos, i årsrapporten (T3) ram − utfall "
        "helår (positiv = överskott). I arbetsboken är alla summor formler som ekonomen kan granska.",
    "Årsrapporten (T3)":
        "Årsrapporten visar per indikator årets serie (T1, T2 och helåret) och föregående års utfall "
        "(föregående års T3) bredvid årets; när föregående års utfall visas står basåret bara i arbetsboken. "
        "Bedömningarna är slutliga. Ekonomin är årets utfall ('Utfall helår') mot budgetramen; helårsprognosen "
        "visas inte, eftersom året är slut och utfallet är det som gäller. Avsnittet Jämförelse mellan år visar "
        "helårsutfallet för de senaste åren som historiken har (arbetsboken visar alla), bredvid årets målvärde.",
    "Returer":
        "Den nyaste giltiga returen från varje verksamhet räknas. Underkända och ersatta filer räknas inte men "
        "finns i historiken och på arbetsbokens blad Inlämningar.",
}
