"""Swedish texts of the history's database: where it lives (an SQLite file or a PostgreSQL server), refusals,
and the rebuild from the archive."""

DB_CANNOT_OPEN_SERVER = ("Historikdatabasen {path} går inte att nå: {reason}. Kontrollera adressen, användarnamnet "
                         "och lösenordet, och att databasservern är igång.")
DB_NEEDS_PSYCOPG = ("Historikdatabasen {url} ligger på en PostgreSQL-server, men tillägget för PostgreSQL är inte "
                    "installerat. Installera det med: pip install 'nplan[postgres]'.")
DB_ON_NETWORK = ("Historikdatabasen {path} ligger på en nätverksenhet ({fs}). SQLite-filer på nätverksenheter kan "
                 "skadas när flera arbetar i dem samtidigt, eftersom låsningen där inte är pålitlig. Lägg databasen "
                 "på din egen dator (t.ex. C:\\nplan\\nplan.sqlite), eller använd en gemensam PostgreSQL-databas "
                 "(postgresql://...) i inställningen 'Databas (fil)' eller med --db. Vill du ändå använda filen där "
                 "den ligger, och är säker på att bara en person i taget kör nplan mot den, ange "
                 "--sqlite-pa-natverksenhet.")
HELP_NETWORK_OVERRIDE = ("Använd en SQLite-databas som ligger på en nätverksenhet ändå. Risk: SQLite:s låsning "
                         "fungerar inte pålitligt på nätverksenheter, så om två personer kör samtidigt kan "
                         "databasen skadas eller inlämningar försvinna. Använd hellre en lokal fil eller "
                         "PostgreSQL.")

# ---- nplan history rebuild ----
HELP_GROUP = "Historikdatabasen: återskapa den från arkivet."
HELP_REBUILD = ("Återskapa historiken från arkivet: varje arkiverad fil kontrolleras igen mot den version av planen "
                "den samlades in mot och lagras med samma regel för vilken fil som gäller. Med --compare jämförs "
                "resultatet med en befintlig databas.")
HELP_ARCHIVE = "Arkivmappen som 'nplan collect' har fyllt (med undermapparna kvitton och planer)."
HELP_DB_NEW = "Den nya databasen (en fil som inte finns, eller en tom PostgreSQL-databas: postgresql://...)."
HELP_COMPARE = "En befintlig historikdatabas att jämföra den återskapade med."
REBUILD_NO_ARCHIVE = "Arkivmappen {path} finns inte."
REBUILD_NO_RECEIPTS = ("Arkivet {path} har inga kvitton (mappen kvitton): det är inte fyllt av 'nplan collect' i den "
                       "här versionen, så historiken kan inte återskapas därifrån.")
REBUILD_BAD_RECEIPT = "Kvittot {path} i arkivet går inte att läsa."
REBUILD_NO_PLAN = ("Planversionen {identity} saknas i arkivet {path} (mappen planer); filerna som samlades in mot "
                   "den kan inte kontrolleras igen.")
REBUILD_BAD_PLAN = ("Planversionen {path} i arkivet går inte att läsa; filerna som samlades in mot den kan inte "
                    "kontrolleras igen. Återställ filen från en säkerhetskopia av arkivet.")
REBUILD_TARGET_NOT_EMPTY = "Databasen {db} har redan inlämningar. Återskapa till en ny, tom databas."
REBUILD_DONE = "Återskapade {submissions} inlämningar för {periods} i {db}."
REBUILD_MISSING = "{n} arkiverade filer saknas och kunde inte tas med: {names}"
COMPARE_SAME = "Den återskapade historiken stämmer med {db}."
COMPARE_DIFFERENT = "{n} skillnader mot {db}:"
DIFF_SUBMISSION = "{period} {unit}: filen {sha}… är '{a}' i den återskapade och '{b}' i den jämförda"
DIFF_VALUE = "{period} {unit} indikator {indicator}: '{a}' i den återskapade, '{b}' i den jämförda"
DIFF_NONE = "saknas"

# ---- what a step needs from the history that the history does not have (toolkit.history.gaps) ----
_OTHER_DATABASE = ("Om nämndens historik finns i en annan databas, ange den med --db eller i masterfilens "
                   "inställning 'Databas (fil)': en och samma databas ska hålla alla år.")
FINDINGS = {
    "history-missing": ("varning", "Historikdatabasen {file} finns inte: {consequence}. " + _OTHER_DATABASE),
    "history-period-missing": ("varning", "Historikdatabasen {file} har inga godkända returer för {found}: "
                                          "{consequence}. " + _OTHER_DATABASE),
}
# The {consequence} of a missing period or database, by what needed it.
NEEDED_FOR = {
    "previous_column": "kolumnen 'Tidigare rapporterat i år' i returerna får inga värden därifrån",
    "plausibility": "kontrollen mot värden som rapporterats tidigare i år görs inte mot den perioden",
    "trend_last_year": "rapportens trend kan inte jämföras med samma period förra året",
    "rollover": "basvärden, uppdragens status och förra årets prognos (5.2) kan inte hämtas därifrån; det som "
                "står i masterfilen behålls",
}
