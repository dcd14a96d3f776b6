"""Swedish texts of `nplan init` and `nplan plan check|show|rollover`, and of reading a plan source."""

# ---- the command line ----
HELP_INIT = "Skapa en masterfil: tom för ett planår, eller från en plankälla."
HELP_INIT_YEAR = "Planår för en tom masterfil."
HELP_INIT_COMMITTEE = "Nämndens namn."
HELP_INIT_SOURCE = "Bygg masterfilen från en plankälla (TOML), t.ex. examples/run2026/plan.toml."
HELP_INIT_OUTPUT = "Masterfilen som skrivs."
HELP_GROUP = "Läs, kontrollera och rulla över masterfilen."
HELP_CHECK = "Kontrollera masterfilen: varje problem med blad och cell. Exit 1 vid fel."
HELP_SHOW = "Visa planen som ett träd: mål, delmål, indikatorer, uppdrag och budget."
HELP_ROLLOVER = "Skapa nästa års masterfil från denna."
HELP_ROLLOVER_TO = "Det nya planåret."

TREE_TITLE = "Nämndplan {year} – {committee}"
TREE_GOAL = "Mål {number}. {title}"
TREE_NO_CONTENT = "(inga delmål ännu)"
TREE_SUB_GOAL = "  Delmål {id} {text}"
TREE_INDICATOR = "    [{id}] {name}"
TREE_INDICATOR_VALUES = ("        {kind} | Utfall {year}: {baseline} | Mål {plan_year}: {target} | "
                         "Periodicitet: {periodicity} | Ansvar: {units}")
TREE_EMPTY = "(tomt)"
TREE_NO_COMMITTEE = "(nämnd saknas)"
TREE_ASSIGNMENTS = "Uppdrag från fullmäktige"
TREE_ASSIGNMENT = "  [{id}] {status} | {text} | {periodicity} | Slutdatum {end}"
TREE_UNITS = "Verksamheter"
TREE_BUDGET = "Budget (tkr)"
TREE_EXAMPLE = "exempelsiffror"
TREE_FRAME = "  {unit:<8} {name:<60} ram föregående år {previous:>10}  ram {frame:>10}"
TREE_FRAMES_SUM = "  Summa fördelade ramar {total} tkr, nämndens totala ram {committee} tkr"
TREE_NET_COST = "  Nettokostnadsutveckling {growth} (tak {ceiling})"
TREE_HAS_ERRORS = ("Obs: masterfilen har {count} fel, så planen ovan kan vara ofullständig. "
                   "Kör 'nplan plan check {path}' för att se dem.")

# Reading a plan source (TOML), `nplan init --source`.
SOURCE_UNREADABLE = "Kan inte läsa plankällan {path}: {reason}."
SOURCE_SYNTAX = "Plankällan {path} är inte giltig TOML: {reason}. Rätta raden och försök igen."
SOURCE_MISSING_KEY = "Plankällan {path} saknar fältet '{key}'. Lägg till det och försök igen."
SOURCE_INVALID = "Plankällan {path} har ett ogiltigt värde: {reason}"
SOURCE_BAD_VALUE = "{field} '{value}' för {item_id} passar inte värdetypen {kind}."
SOURCE_BAD_PLACE = "Platsen '{value}' i [[texts]] går inte att läsa: skriv section = \"2.1\" eller goal = 2."
SOURCE_BAD_CHOICE = "{field} '{value}' för {item_id} är inget giltigt val. Välj något av: {choices}."
ROLLOVER_NEXT_STEPS = ("Fyll i målvärdena på fliken Indikatorer och årets budgetramar, förändringar och "
                       "nämndens totala ram på flikarna 5.1–5.4. Kontrollera sedan: nplan plan check {path}")
INIT_NEEDS_YEAR_OR_SOURCE = "Ange --year (tom masterfil) eller --source (plankälla)."
OUTPUT_NOT_XLSX = "Utfilen {path} måste sluta på .xlsx (en masterfil är en Excel-arbetsbok)."
ROLLOVER_NOT_LATER = ("Det nya planåret {year} måste vara senare än masterfilens planår {current}. "
                      "Ange till exempel --to {next}.")
