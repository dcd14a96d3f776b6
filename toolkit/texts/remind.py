"""Swedish texts of the reminders (`nplan remind`, the button Påminn): the list workbook and the command line.
The drafts' own words are in ``toolkit.texts.mail``."""

from __future__ import annotations

PERIOD = "T{tertial} {year}"  # the period as the drafts name it
DRAFT_SUFFIX = "_paminnelse"
LIST_FILE = "paminnelser-{period}.xlsx"
LIST_SHEET = "Påminnelser"
LIST_TITLE = "Påminnelser {period}: verksamheter som saknar godkänd retur"
LIST_NOTE = ("Sista dag: {deadline}. Utkasten (.eml) öppnas i e-postprogrammet som osända mejl: läs dem och skicka. "
             "nplan skickar ingenting själv.")
LIST_HEADERS = ("Verksamhets-id", "Verksamhet", "Kontakt", "Status", "Fil", "Antal fel", "Mot sista dag", "Utkast",
                "Bilaga", "Anmärkning")
LIST_NONE = "Alla verksamheter har en godkänd retur (eller är i konflikt, som du avgör): ingen påminnelse behövs."
NO_DEADLINE = "inte angiven"
EMPTY = "tom"
NO_ADDRESS = ("Ingen e-postadress i Kontaktperson på bladet Verksamheter (står: {contact}). Fyll i adressen i "
              "masterfilen och kör igen, eller påminn verksamheten på annat sätt.")
NO_ARCHIVE_COPY = ("Filen {file} finns inte i arkivet, så utkastet har ingen granskad kopia bifogad. Kör 'nplan "
                   "validate --annotate' på filen och bifoga kopian själv.")
DETAIL = "{where}: {message}"
MORE_DETAILS = "... och {n} till (se den bifogade kopian)."

# ---- the command line ----
HELP = ("Skriv påminnelser till verksamheter som saknar godkänd retur för perioden: ett osänt mejl (.eml) per "
        "verksamhet till kontaktpersonen, med sista dag, vad som saknas eller är fel och returen bifogad (tom, "
        "eller den granskade kopian), och en lista (Excel). nplan skickar ingenting själv.")
HELP_MASTER = "Masterfilen (verksamheternas kontaktpersoner på bladet Verksamheter)."
HELP_PERIOD = "Perioden, t.ex. 2026-T2."
HELP_OUT = "Mapp för utkasten och listan."
HELP_DB = ("Historikdatabasen från 'nplan collect'. Standard: masterns inställning, annars nplan.sqlite bredvid "
           "masterfilen.")
HELP_ARCHIVE = "Arkivet från 'nplan collect' (för granskade kopior). Standard: mappen 'arkiv' bredvid databasen."
HELP_DEADLINE = "Sista dag för retur (ÅÅÅÅ-MM-DD). Standard: masterns 'Sista dag för retur' för aktuell period."
HELP_FORCE = "Skriv över befintliga utkast och lista i mappen."
EXIST = ("{count} av filerna finns redan i {dir} (t.ex. {example}). Ange --force för att skriva över dem, eller "
         "välj en annan mapp.")
WROTE = "Utkast till {unit} ({contact}): {path}"
NO_DRAFT = "Inget utkast till {unit}: {note}"
SUMMARY = "{drafts} utkast skrevs till {dir}; lista: {list}."
NOTHING = "Alla verksamheter har en godkänd retur för {period}: inga påminnelser behövs. Lista: {list}."
