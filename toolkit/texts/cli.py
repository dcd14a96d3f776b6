"""Swedish texts of the command line."""

ERROR_PREFIX = "Fel"
CANNOT_WRITE = "Kan inte skriva {path}: {reason}."
FILE_NOT_FOUND = "Filen {path} finns inte."
NOT_A_MASTER = "{path} går inte att läsa som masterfil: {reason}"
OUTPUT_EXISTS = "{path} finns redan. Välj ett annat namn eller ta bort filen först."
SAME_AS_INPUT = "Utfilen får inte vara samma fil som indatafilen ({path})."
PLAN_CLEAN = "Inga fel i {path}."
PLAN_FINDINGS = "{errors} fel och {warnings} varningar i {path}."
WROTE = "Skrev {path}"
ROLLOVER_DONE = "Skrev {path}: planår {year}. Målvärden är tömda och markerade för inmatning."
INTERRUPTED = "Avbrutet."
UNEXPECTED = ("Ett oväntat fel inträffade: {reason}. Kör igen med --debug för detaljer och "
              "rapportera felet till den som förvaltar nplan.")

# ---- help of the top-level command and of options several commands share ----
HELP_MAIN = ("nplan: nämndplan, tertialuppföljning och budget i Excel.\n\n"
             "Controllerns verktyg: skapa masterfil och returer, kontrollera och samla in returer, "
             "sammanställ nämndens rapport.")
HELP_DEBUG = "Visa hela felspåret (traceback) vid fel."
HELP_FORCE = "Skriv över en befintlig fil."
DB_METAVAR = "FIL_ELLER_ADRESS"
HELP_FORMAT = "Utdata: text (att läsa) eller json (för andra program)."

# Operating-system errors in Swedish (by errno name); others are shown as the system words them.
OS_ERRORS = {
    "ENOENT": "filen eller mappen finns inte",
    "EACCES": "behörighet saknas",
    "EPERM": "åtgärden är inte tillåten",
    "ENOSPC": "disken är full",
    "EROFS": "mappen är skrivskyddad",
    "EISDIR": "det är en mapp",
    "ENOTDIR": "en del av sökvägen är ingen mapp",
    "EBUSY": "filen används av ett annat program",
}
