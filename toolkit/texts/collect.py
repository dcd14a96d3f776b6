"""Swedish texts of collecting returns (`nplan collect`, `nplan export`) and of the history database."""

from __future__ import annotations

# ---- the history database ----
DB_CANNOT_OPEN = ("Historikdatabasen {path} går inte att öppna: {reason}. Kontrollera att filen är en "
                  "nplan-databas (SQLite) och att du får skriva i mappen.")
DB_TOO_NEW = ("Historikdatabasen {path} är skapad av en nyare version av nplan (schemaversion {found}, den "
              "här versionen känner till {expected}). Uppdatera nplan.")
DB_BUSY = ("Historikdatabasen {path} är låst av en annan körning som inte blev klar i tid ({reason}). "
           "Vänta tills den är klar och kör igen.")
DB_CANNOT_WRITE = "Kan inte skriva i historikdatabasen {path}: {reason}."
DB_CANNOT_READ = "Kan inte läsa historikdatabasen {path}: {reason}."
DB_NOT_FOUND = "Historikdatabasen {path} finns inte. Kör 'nplan collect' först eller ange rätt fil med --db."

# ---- statuses per unit ----
RECEIVED = "received"  # the keys below: toolkit.core.returndata
ACCEPTED = "accepted"
REJECTED = "rejected"
CONFLICT = "conflict"
MISSING = "missing"
STATUS = {
    RECEIVED: "mottagen",   # a file has arrived but could not be read yet (a re-run reads it)
    ACCEPTED: "godkänd",
    REJECTED: "underkänd",
    CONFLICT: "konflikt",   # valid files that cannot be ordered: the controller chooses
    MISSING: "saknas",
}

# A submission's state in the history ("conflict": valid, tied with another for the newest, not chosen).
SUBMISSION_STATE = {"accepted": "räknas", "rejected": "underkänd", "superseded": "ersatt", "conflict": "konflikt"}
SUBMISSION_CHOSEN = "räknas (vald)"  # counts by the controller's choice

UNKNOWN_UNIT = "(okänd verksamhet)"

RULE = ("Regel: för varje verksamhet räknas den senast mottagna godkända filen. Mottagen = mejlets datum för en "
        "bilaga i ett sparat mejl, annars filens ändringstid; tiderna jämförs på sekunden. Har två eller flera "
        "godkända filer med olika innehåll samma senaste tid går de inte att ordna: det är en konflikt, och ingen "
        "av dem räknas förrän du väljer en (nplan collect ... --choose VERKSAMHET=FIL, med filen som den står i "
        "kolumnen Fil). Valet sparas i historiken och arkivet. Tidigare godkända filer ersätts men finns kvar i "
        "historiken med sina tider; underkända filer räknas aldrig.")

NOTE_NEWER_REJECTED = "En senare fil ({file}) är underkänd med {errors} fel; den godkända filen räknas."
NOTE_SUPERSEDED = {1: "Ersätter en tidigare godkänd fil.", "many": "Ersätter {n} tidigare godkända filer."}
NOTE_NOT_ATTRIBUTED = "Filen går inte att knyta till en verksamhet i planen."
NOTE_UNREADABLE = ("Filen {file} gick inte att läsa nu ({reason}); kör insamlingen igen när den är sparad "
                   "klart.")
NOTE_CONFLICT = ("Konflikt: {files} är godkända, olika och mottagna samma sekund, så ingen av dem räknas. Öppna "
                 "dem, bestäm vilken som gäller och kör insamlingen igen med --choose {unit}=FIL (t.ex. "
                 "--choose \"{unit}={example}\").")
NOTE_CHOSEN = "Räknas enligt val i konflikt ({who}{when})."
NOTE_CHOSEN_WHO = "{who}, "

# ---- the controller's choice (--choose) ----
CHOOSE_BAD_FORMAT = ("--choose '{value}' går inte att läsa. Skriv VERKSAMHET=FIL, t.ex. "
                     "--choose \"FILM=FILM/retur (2).xlsx\".")
CHOOSE_UNKNOWN_UNIT = "--choose: verksamheten '{unit}' finns inte i masterfilen. Finns: {known}."
CHOOSE_NO_FILES = "--choose: verksamheten {unit} har inga inlämnade filer för {period}."
CHOOSE_NOT_FOUND = ("--choose: filen '{file}' finns inte bland filerna från {unit} för {period}. Skriv filen som "
                    "den står i kolumnen Fil: {files}.")
CHOOSE_AMBIGUOUS = ("--choose: '{file}' passar flera av filerna från {unit} för {period}. Skriv hela namnet som det "
                    "står i kolumnen Fil: {files}.")
CHOOSE_REJECTED = "--choose: filen {file} från {unit} är underkänd ({errors} fel) och kan inte räknas."
CHOOSE_NOT_NEWEST = ("--choose: filen {file} från {unit} räknas inte, eftersom en senare godkänd fil finns ({later}, "
                     "mottagen {when}). Ett val behövs bara mellan filer i konflikt.")
CHOOSE_RECORDED = "Valt för {unit}: {file} räknas."

# ---- the deadline ----
ON_TIME = "i tid"
LATE = {1: "1 dag sent", "many": "{n} dagar sent"}  # calendar days after the deadline
DEADLINE_LINE = "Sista dag: {deadline}. Sent = mottagen efter sista dag, i kalenderdagar."
DEADLINE_NONE = ("Ingen sista dag är angiven (masterns 'Sista dag för retur' gäller när 'Aktuell period' är "
                 "perioden; annars --deadline).")

# ---- what else was in the inbox ----
REFUSED = "Öppnade inte ({n} st, ingen vanlig fil eller en länk ut ur inkorgen):"
MAILS_READ = "Mejl i inkorgen: {n} lästa, {workbooks} bilagor med arbetsböcker."
MAIL_NO_WORKBOOK = "Mejlet har ingen bifogad arbetsbok."
MAIL_TAKEN = "Togs med som retur: {names}."
MAILS_WITHOUT_WORKBOOK = "Mejl utan arbetsbok eller som inte gick att läsa ({n} st):"
SUMMARY_CONFLICT = "I konflikt (du väljer med --choose): {n}."
MAIL_UNREAD = "Mejlet gick inte att läsa: {reason}"
OTHER_KIND = {"mail": "mejl", "refused": "öppnades inte", "ignored": "ingen retur",
              "skipped": "lås- eller tillfällig fil"}

# ---- the command line ----
HELP_COLLECT = ("Samla in periodens returer från INBOX till historikdatabasen.\n\n"
                "Går igenom mappen och dess undermappar, hoppar över lås- och tillfälliga filer, läser sparade mejl "
                "(.eml, och .msg med tillägget nplan[msg]) och tar deras bifogade arbetsböcker, kontrollerar "
                "varje fil, kopierar den till arkivet och lagrar den. För varje verksamhet räknas den senast "
                "mottagna godkända filen; filer i konflikt väljer du mellan med --choose. Originalfilerna flyttas "
                "eller ändras aldrig, och en ny körning på samma filer ändrar ingenting. Exit 0 när insamlingen "
                "gick att köra (även med underkända, saknade eller konflikt), 1 vid fel i indata.")
HELP_MASTER = "Masterfilen som returerna kontrolleras mot."
HELP_PERIOD = "Perioden som samlas in, t.ex. 2026-T2."
HELP_DB = "Historikdatabasen (SQLite). Standard: masterns inställning, annars nplan.sqlite bredvid masterfilen."
HELP_ARCHIVE = "Mapp för arkivkopior av alla filer. Standard: mappen 'arkiv' bredvid databasen."
HELP_STATUS_OUT = "Statusarbetsboken. Standard: insamling-PERIOD.xlsx bredvid masterfilen."
HELP_WORKERS = "Antal processer för kontrollen (standard: alla kärnor)."
HELP_CHOOSE = ("Välj vilken fil som räknas när en verksamhets godkända filer är i konflikt (samma mottagningstid, "
               "olika innehåll): VERKSAMHET=FIL med filen som den står i statusen. Kan upprepas. Valet sparas.")
HELP_DEADLINE = "Sista dag för returen (ÅÅÅÅ-MM-DD). Standard: masterns 'Sista dag för retur' för aktuell period."
HELP_EXPORT = "Skriv de godkända indikatorvärdena som lång tabell (ett värde per rad) till CSV eller Excel."
HELP_EXPORT_DB = "Historikdatabasen (SQLite)."
HELP_EXPORT_PERIOD = "Bara denna period, t.ex. 2026-T2 (standard: alla perioder)."
HELP_EXPORT_YEAR = "Bara detta år."
HELP_EXPORT_FORMAT = ("Filformat (standard: utfilens filändelse). CSV skrivs för svensk Excel: semikolon och "
                      "decimalkomma.")
INBOX_NOT_FOUND = "Inkorgen {path} finns inte eller är ingen mapp. Ange mappen där returerna sparas."
PROGRESS = "Kontrollerar och lagrar returer"
HEADER = "Insamling {period} – {committee}"
TABLE_HEADERS = ("Id", "Verksamhet", "Status", "Fel", "Varn.", "Fil", "Mottagen", "Sista dag")
SUMMARY = ("{files} filer i inkorgen: {new} nya lagrade, {already} fanns redan i historiken. "
           "Godkända {accepted}, underkända {rejected}, saknas {missing}.")
SUMMARY_UNREAD = ("Mottagna men ännu inte lästa: {n} (filen gick inte att öppna, se anmärkningen). Kör "
                  "insamlingen igen.")
SKIPPED = "Hoppade över lås- och tillfälliga filer ({n} st): {names}"
IGNORED = "Tog inte med filer som inte är kalkylark och alltså ingen retur ({n} st): {names}"
WROTE_STATUS = "Statusarbetsbok: {path}"
WROTE_DB = "Historikdatabas: {path}"
WROTE_ARCHIVE = "Arkiv (kopior av alla filer, namngivna efter innehållets kontrollsumma): {path}"
EXPORT_EMPTY = ("Det finns inga godkända värden {where} i {path}. Kör 'nplan collect' för perioden "
                "eller kontrollera --period.")
EXPORT_FOR = "för {what}"  # {where} of EXPORT_EMPTY: the period or year asked for
EXPORT_WROTE = "Skrev {rows} rader till {path}"
EXPORT_FORMAT_UNKNOWN = "Okänt format för {path}. Ange --format csv eller --format xlsx."

# ---- the status workbook ----
STATUS_FILE = "insamling-{period}.xlsx"  # next to the master unless --status-out names another
SHEET_STATUS = "Insamling"
SHEET_FILES = "Filer"
SHEET_FINDINGS = "Fynd"
WB_TITLE = "Insamling av returer {period} – {committee}"
WB_RUN = "Körd {time}. Databas: {db}"
STATUS_HEADERS = ("Verksamhets-id", "Verksamhet", "Status", "Antal fel", "Antal varningar", "Fil",
                  "Mottagen", "Mot sista dag (kalenderdagar)", "Antal filer", "Anmärkning")
FILES_HEADERS = ("Verksamhets-id", "Fil", "Mottagen", "Tillstånd", "Antal fel", "Antal varningar", "Avsändare (mejl)",
                 "Kontrollsumma (SHA-256)", "Arkivkopia")
SHEET_OTHER = "Övrigt i inkorgen"
OTHER_HEADERS = ("Fil", "Vad", "Anmärkning")
NO_OTHER = "Inget annat i inkorgen."
FINDINGS_HEADERS = ("Verksamhets-id", "Fil", "Blad", "Cell", "Allvarlighet", "Kod", "Meddelande")
NO_FINDINGS = "Inga fynd."

# ---- export of the long table ----
EXPORT_SHEET = "Indikatorvärden"
EXPORT_HEADERS = {
    "year": "År",
    "period": "Period",
    "unit_id": "Verksamhets-id",
    "unit_name": "Verksamhet",
    "indicator_id": "Indikator-id",
    "indicator_name": "Indikator",
    "value": "Värde",
    "value_text": "Värde (text)",
    "raw_value": "Inmatat värde",
    "assessment": "Egen bedömning",
    "analysis": "Analys",
    "measures": "Åtgärder",
    "submission_id": "Inlämning",
    "received_at": "Mottagen",
}

# Collect adds no findings of its own: problems in a file are validation's findings.
FINDINGS: dict[str, tuple[str, str]] = {}
