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
    "unit_of_measure": "Måttenhet",
    "measurement": "Mäts som",
    "note": "Anvisning",
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
MISSING_ONE = "1 obligatorisk uppgift saknas"
ERRORS_COUNT = "{n} uppgifter är felaktiga"
ERRORS_ONE = "1 uppgift är felaktig"
STATUS_AND = " och "  # between the missing and the wrong in the Status line
CHECK_MISSING = "Saknas: "  # the Kontroll formula lists the missing fields after this
CHECK_ERRORS = "Fel: "  # ... and what is wrong after this
CHECK_BETWEEN = ". "  # between the two parts

# What is wrong with a value, as the Kontroll column says it ({field}: the column's header).
PROBLEMS = {
    "not_number": "{field} är inte ett tal",
    "negative": "{field} är negativt",
    "not_whole": "{field} är inte ett heltal",
    "decimals": "{field} har för många decimaler (högst {n})",
    "share_range": "{field} ligger utanför 0–100 %",
    "yesno": "{field} är inte Ja eller Nej",
    "too_long": "{field} är för lång (högst {max} tecken)",
    "choice": "{field} finns inte i listan",
}

# ---- names of the report per tertial ----
REPORT_NAME = {
    1: "Tertialrapport 1 (förenklad delårsrapport)",
    2: "Delårsrapport (tertial 2)",
    3: "Årsrapport (tertial 3)",
}
PERIOD_COVERS = {1: "januari–april", 2: "januari–augusti", 3: "januari–december"}

# ---- start sheet ----
START_TITLE = "{report} {year} – {unit}"
START_SUBTITLE = ("Verksamhetens retur till controllern. Fyll i de gula cellerna på bladen Indikatorer, "
                  "Uppdrag och Ekonomi. Övriga celler är låsta.")
START_LABELS = {
    "committee": "Nämnd",
    "unit": "Verksamhet",
    "period": "Period",
    "report": "Rapport",
    "deadline": "Sista dag för retur",
    "status": "Status",
    "missing_indicators": "Saknas på bladet Indikatorer",
    "missing_assignments": "Saknas på bladet Uppdrag",
    "missing_economy": "Saknas på bladet Ekonomi",
    "missing_total": "Saknas totalt",
    "errors_indicators": "Fel på bladet Indikatorer",
    "errors_assignments": "Fel på bladet Uppdrag",
    "errors_economy": "Fel på bladet Ekonomi",
    "errors_total": "Fel totalt",
}
START_PERIOD = "{period} ({covers})"
START_UNIT = "{name} ({id})"
NO_DEADLINE = "Enligt controllerns utskick"
INSTRUCTIONS_TITLE = "Så fyller du i returen"
INSTRUCTIONS_COMMON = [
    "Gula celler fyller du i. Grå celler räknas fram och vita celler kommer från nämndplanen: de är låsta.",
    "En orange cell är en obligatorisk uppgift som saknas. Kolumnen Kontroll säger vad som saknas eller är "
    "fel på raden, och raden Status ovan räknar allt som saknas och allt som är fel.",
    "Listrutorna visar de giltiga valen. Antal skrivs som heltal, tal med högst så många decimaler som "
    "kolumnen Värdetyp anger, andelar i procent (t.ex. 40 %; högst 100 %), belopp i tkr. Kolumnerna "
    "Måttenhet, Mäts som och Anvisning säger vad värdet ska avse.",
    "Mäts som: Ackumulerat från årets början = summan från januari till periodens slut. Läge vid periodens "
    "slut = värdet just då (t.ex. en väntetid eller en kö).",
    "Ändra inte id-kolumnerna, bladnamnen eller rubrikerna: controllerns verktyg hittar uppgifterna med dem.",
    "Spara filen som .xlsx (inte med makron) och skicka den till controllern när Status visar "
    "\"Klar att skicka\".",
]
INSTRUCTIONS_PERIOD = {
    1: [
        "Tertial 1 är en förenklad rapport: lämna utfall hittills och helårsprognos för ekonomin och beskriv "
        "väsentliga händelser. Bedömning av måluppfyllelse är frivillig.",
    ],
    2: [
        "Delårsrapporten: lämna utfall för varje indikator och bedöm om målvärdet för helåret nås "
        "(bedömningen är en prognos för året). Lämna status för uppdragen och en helårsprognos för ekonomin.",
    ],
    3: [
        "Årsrapporten: lämna årets utfall för varje indikator och din bedömning av måluppfyllelsen, "
        "status för uppdragen och helårsutfallet för ekonomin.",
    ],
}
INSTRUCTIONS_ANALYSIS = ("Analys krävs när den egna bedömningen inte är \"Uppfyllt\". En kommentar till "
                         "ekonomin krävs när avvikelsen mellan ram och prognos är större än {threshold} tkr.")

# ---- indicators sheet ----
INDICATORS_TITLE = "Indikatorer – {unit}, {period}"
INDICATORS_NOTE = {
    1: "Tertial 1: utfall och bedömning är frivilliga, utom för indikatorer som bara redovisas i april. Analys "
       "krävs om du väljer en annan bedömning än Uppfyllt.",
    2: "Utfall hittills i år. Egen bedömning = din prognos för helåret (Uppfyllt = målvärdet bedöms nås). "
       "Analys krävs när bedömningen inte är Uppfyllt.",
    3: "Årets utfall och din bedömning av måluppfyllelsen. Analys krävs när bedömningen inte är Uppfyllt.",
}
INDICATORS_BASELINE_NOTE = "Utfall basår = utfallet {year}. Målvärde = målet för {plan_year}."
# Baselines of different years (after a rollover, those the history had and those typed earlier).
INDICATORS_BASELINE_NOTE_MIXED = ("Utfall basår = utfallet {year} (för {others}). Målvärde = målet för "
                                  "{plan_year}.")
BASELINE_OTHER_YEAR = "{ids}: {year}"
NO_INDICATORS = "Verksamheten har inga indikatorer att rapportera för {period}."
GOAL_LABEL = "{number}. {title}"
KIND_DECIMALS = "{kind}\n({decimals})"  # the Värdetyp cell of a decimal number: "Tal\n(1 decimal)"


def decimals_example(n: int) -> str:
    """An example number with ``n`` decimals, as a Swede writes it: "75", "75,5", "75,25"."""
    return "75" if n == 0 else "75," + "2555555"[:n]


def decimals_phrase(n: int) -> str:
    """ "1 decimal", "2 decimaler", "0 decimaler (ett heltal)": what a prompt says a value may have."""
    return {0: "0 decimaler (ett heltal)", 1: "1 decimal"}.get(n, f"{n} decimaler")
SUB_GOAL_LABEL = "{id} {text}"
LOWER_IS_BETTER = "Lägre är bättre"

# ---- assignments sheet ----
ASSIGNMENTS_TITLE = "Uppdrag från fullmäktige – {unit}, {period}"
ASSIGNMENTS_NOTE = ("Välj status för varje uppdrag (Ej påbörjad, Påbörjad, Genomförd, Försenad, Avförd) och "
                    "beskriv läget och planen framåt.")
NO_ASSIGNMENTS = "Verksamheten har inga uppdrag att rapportera för {period}."

# ---- economy sheet ----
ECONOMY_TITLE = "Ekonomi – {unit}, {period}"
ECONOMY_NOTE = ("Belopp i tkr. Avvikelse = budgetram − helårsprognos: positiv avvikelse är ett överskott, "
                "negativ ett underskott.")
THRESHOLD_LABEL = "Avvikelse som kräver kommentar, mer än (tkr):"
FRAME_PARTS_TITLE = "Budgetramens delar enligt nämndplanen (tkr)"
FRAME_PREVIOUS = "Ram {year}"
FRAME_CHANGE = "{kind}: {text}"
FRAME_CURRENT = "Ram {year}"

# ---- lists (hidden sheet) ----
LIST_TITLES = {"Lista_Bedomning": "Bedömning", "Lista_Uppdragsstatus": "Uppdragsstatus",
               "Lista_JaNej": "Ja/Nej"}

# ---- input messages and error alerts (title <= 32 characters, text <= 255) ----
PROMPTS: dict[str, tuple[str, str, str]] = {
    # key -> (title, input message, error message)
    "count": ("Antal", "Skriv antalet som ett heltal, 0 eller mer (t.ex. 12).",
              "Antalet måste vara ett heltal, 0 eller mer. Skriv t.ex. 12."),
    "decimal": ("Tal", "Skriv talet med högst {decimals}, t.ex. {example}.",
                "Talet får ha högst {decimals}. Skriv t.ex. {example}."),
    "share": ("Andel", "Skriv andelen i procent, t.ex. 40 %.",
              "Andelen måste ligga mellan 0 % och 100 %. Skriv t.ex. 40 %."),
    "share_decimals": ("Andel", "Skriv andelen i procent med högst {decimals}, t.ex. {example} %.",
                       "Andelen måste ligga mellan 0 % och 100 % med högst {decimals}. Skriv t.ex. "
                       "{example} %."),
    "amount_decimals": ("Belopp (tkr)", "Skriv beloppet i tkr med högst {decimals}, t.ex. {example}.",
                        "Beloppet måste vara ett tal i tkr med högst {decimals}. Skriv t.ex. {example}."),
    "yesno": ("Ja eller Nej", "Välj Ja eller Nej i listan.", "Välj Ja eller Nej i listan."),
    "amount": ("Belopp (tkr)", "Skriv beloppet i tkr, t.ex. 1 250.",
               "Beloppet måste vara ett tal i tkr. Skriv t.ex. 1 250."),
    "text": ("Text", "Skriv utfallet som text.", "Texten är för lång: högst {max} tecken."),
    "assessment": ("Egen bedömning", "Välj Uppfyllt, Delvis uppfyllt, Ej uppfyllt eller Ingen bedömning. "
                   "Analys krävs om du inte väljer Uppfyllt.", "Välj en bedömning i listan."),
    "assessment_forecast": ("Egen bedömning (prognos)", "Bedöm om målvärdet nås för helåret: Uppfyllt, "
                            "Delvis uppfyllt, Ej uppfyllt eller Ingen bedömning. Analys krävs om du inte "
                            "väljer Uppfyllt.", "Välj en bedömning i listan."),
    "analysis": ("Analys", "Beskriv varför utfallet blev som det blev. Krävs när bedömningen inte är "
                 "Uppfyllt.", "Texten är för lång: högst {max} tecken."),
    "measures": ("Åtgärder", "Vilka åtgärder planeras för att nå målet?",
                 "Texten är för lång: högst {max} tecken."),
    "status": ("Status", "Välj status i listan: Ej påbörjad, Påbörjad, Genomförd, Försenad eller Avförd.",
               "Välj en status i listan."),
    "comment": ("Kommentar", "Beskriv läget och planen framåt.", "Texten är för lång: högst {max} tecken."),
    "amounts_tkr": ("Belopp (tkr)", "Belopp i tkr, t.ex. 5 400. Utfall hittills = nettokostnaden hittills i "
                    "år. Helårsprognos = beräknad nettokostnad för hela året.",
                    "Beloppet måste vara ett tal i tkr. Skriv t.ex. 5 400."),
    "economy_comment": ("Kommentar och åtgärder", "Förklara avvikelsen och vilka åtgärder som vidtas. Krävs "
                        "när avvikelsen är större än {threshold} tkr.",
                        "Texten är för lång: högst {max} tecken."),
    "events": ("Väsentliga händelser", "Beskriv väsentliga händelser under perioden.",
               "Texten är för lång: högst {max} tecken."),
}

# File name part for a unit whose name and id have no ASCII letters or digits.
FILE_NAME_FALLBACK = "verksamhet"

# ---- errors (NplanError messages) and CLI ----
UNKNOWN_UNIT = "Verksamheten '{unit}' finns inte i masterfilen. Finns: {known}."
HELP_DB = ("Historikdatabasen som kolumnen 'Tidigare rapporterat i år' fylls från (samma som 'nplan collect'). "
           "Standard: masterns inställning 'Databas (fil)', annars nplan.sqlite bredvid masterfilen.")
PREVIOUS_FROM = "Kolumnen 'Tidigare rapporterat i år' är ifylld från historikdatabasen {db}."
NO_UNITS = "Masterfilen har inga verksamheter: lägg till dem på bladet Verksamheter."
DEADLINE_INVALID = "Datumet '{value}' går inte att läsa. Skriv det som ÅÅÅÅ-MM-DD, t.ex. 2026-09-07."
RETURNS_EXIST = ("{count} returer finns redan i {dir} (t.ex. {example}). Lägg till --force för att skriva "
                 "över dem, eller välj en annan mapp. Skriv aldrig över inkorgen med verksamheternas "
                 "ifyllda returer.")
RETURNS_WRITTEN = "Returer för {period} i {dir}: {count}."
HELP_GROUP = "Skapa verksamheternas returer för en period."
HELP_CREATE = ("Skapa en retur (.xlsx) per verksamhet för perioden: bara verksamhetens indikatorer som ska "
               "rapporteras, dess uppdrag och dess budgetram.")
HELP_PERIOD = "Perioden, t.ex. 2026-T2 (T1 = april, T2 = augusti, T3 = december)."
HELP_OUT = "Mappen där returerna skrivs."
HELP_UNIT = "Bara denna verksamhet (verksamhets-id). Kan anges flera gånger."
DEADLINE_METAVAR = "ÅÅÅÅ-MM-DD"
HELP_DEADLINE = "Sista dag för retur (ÅÅÅÅ-MM-DD), visas på startbladet."
HELP_FORCE = "Skriv över returer som redan finns i mappen."

# ---- texts that simulated units write (tests and `nplan demo`) ----
SIM_ANALYSIS = {
    "met": ["Arbetet har gått enligt plan och målvärdet bedöms nås.",
            "Fler insatser än planerat har kunnat genomföras tack vare samarbete med kommunerna."],
    "partly": ["Insatserna har startat senare än planerat på grund av vakanser, men en del av målet nås.",
               "Efterfrågan har varit lägre under våren; arbetet intensifieras under hösten."],
    "not_met": ["Besparingarna har minskat kapaciteten och målvärdet bedöms inte nås i år.",
                "Planerade samarbeten har skjutits upp till nästa år."],
    "none": ["Underlaget för bedömningen finns ännu inte."],
}
SIM_MEASURES = ["Vi prioriterar om resurser till insatser för barn och unga under hösten.",
                "Dialog förs med kommunerna om gemensamma aktiviteter."]
SIM_STATUS = {
    "started": ["Arbetet pågår enligt plan.", "En arbetsgrupp är tillsatt och har börjat arbeta."],
    "done": ["Uppdraget är genomfört och redovisat."],
    "delayed": ["Arbetet är försenat på grund av personalbrist; planen är att vara klar i december."],
}
SIM_TEXT_OUTCOME = ["Genomfört enligt plan.", "Delvis genomfört."]
SIM_EVENTS = ["Inga väsentliga händelser utöver det planerade.",
              "Ny verksamhetschef tillträdde under perioden.",
              "Ett nytt samarbetsavtal med länets kommuner har tecknats."]
SIM_DEFICIT = ["Prognosen visar ett underskott på grund av ökade lokalkostnader. Åtgärd: vakanser "
               "tillsätts inte under hösten."]
SIM_SURPLUS = ["Prognosen visar ett överskott eftersom planerade projekt har skjutits upp till nästa år."]

# ---- a return carried over to a new plan version (nplan returns migrate) ----
MIGRATED_HEADER = "Ändring i planen"  # the column beside Kontroll that marks rows for the unit
MIGRATED_NEW = "Ny rad: fyll i"
MIGRATED_KIND = "Ny värdetyp: fyll i utfallet"
MIGRATED_KIND_WAS = "Ny värdetyp: skriv utfallet igen (tidigare: {value})"
MIGRATED_NOTE = ("Returen är överförd till en ny version av nämndplanen: {carried} uppgifter som ni redan fyllt i "
                 "är kvar.")
MIGRATED_NOTE_MARKED = "Rader markerade i kolumnen '{header}' på bladen Indikatorer och Uppdrag behöver ses över."
MIGRATE_NOT_A_RETURN = "{file} går inte att läsa som en retur."
MIGRATE_NOT_A_FILE = "{file} är ingen vanlig fil utan {kind} och öppnades inte."
MIGRATE_CANNOT_READ = "{file} går inte att läsa: {reason}."
MIGRATE_OTHER_YEAR = ("{file} gäller {period}, men masterfilen är planen för {year}. En retur förs bara över "
                      "inom samma planår.")
MIGRATE_DROPPED_OUTCOME = ("utfallet '{value}' för {item} fördes inte över: värdetypen är nu {kind}, så "
                           "verksamheten skriver utfallet igen (raden är markerad)")
MIGRATE_DROPPED_ROW = "{item} finns inte längre för verksamheten; fördes inte över ({values})"
HELP_MIGRATE = ("För över ifyllda returer till en ny version av nämndplanen: en ny retur per fil, med allt som "
                "fortfarande gäller överfört och nya eller ändrade rader markerade. Originalen ändras aldrig.")
HELP_MIGRATE_FILES = "Ifyllda returer (.xlsx) eller mappar med returer."
HELP_MIGRATE_MASTER = "Masterfilen med den nya versionen av nämndplanen."
HELP_MIGRATE_OUT = "Mapp för de nya returerna."
HELP_MIGRATE_FORCE = "Skriv över befintliga filer i mappen."
MIGRATE_WROTE = "{source} -> {target}: {carried} uppgifter överförda."
MIGRATE_NEW_ROWS = "  Nya rader att fylla i: {ids}"
MIGRATE_CHANGED_ROWS = "  Ny värdetyp: {ids}"
MIGRATE_DROPPED = "  Fördes inte över: {what}"
MIGRATE_FAILED = "{source}: {problem}"
MIGRATE_NONE = "Inga returer hittades i {paths}."
MIGRATE_EXIST = ("{count} av de nya returerna finns redan i {dir} (t.ex. {example}). Ange --force för att skriva "
                 "över dem, eller välj en annan mapp.")
MIGRATE_SUMMARY = "{written} returer skrevs till {dir}, {failed} gick inte att föra över."
