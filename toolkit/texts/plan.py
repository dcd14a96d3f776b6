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
HELP_ROLLOVER = ("Skapa nästa års masterfil från denna och historiken: basvärden från det senaste hela årets "
                 "utfall, avslutade uppdrag stängda, pågående uppdrag med sina slutdatum, förra årets prognos "
                 "(5.2) från den senast insamlade perioden. Den nya masterfilen använder samma historikdatabas.")
HELP_ROLLOVER_TO = "Det nya planåret."
HELP_ROLLOVER_OUTPUT = ("Den nya masterfilen, gärna i en egen mapp per år (t.ex. RUN/2027/master.xlsx). Den får "
                        "samma historikdatabas som den gamla.")
HELP_ROLLOVER_DB = ("Historikdatabasen att hämta utfall, uppdragens status och prognoser från (standard: den gamla "
                    "masterfilens 'Databas (fil)', annars nplan.sqlite bredvid den).")

TREE_TITLE = "Nämndplan {year} – {committee}"
TREE_GOAL = "Mål {number}. {title}"
TREE_NO_CONTENT = "(inga delmål ännu)"
TREE_SUB_GOAL = "  Delmål {id} {text}"
TREE_INDICATOR = "    [{id}] {name}"
TREE_INDICATOR_VALUES = ("        {kind} | Utfall {year}: {baseline} | Mål {plan_year}: {target} | "
                         "Periodicitet: {periodicity} | Ansvar: {units}")
TREE_INDICATOR_MEASURE = "        Mäts som: {measurement} | {direction} | Sammanvägning: {aggregation}"
TREE_NOT_MEASURED = "mäts inte (Ja/Nej eller text)"
TREE_WEIGHTS = " (vikter: {weights})"
TREE_NO_WEIGHT = "saknas"
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
SOURCE_BAD_DECIMALS = "decimals '{value}' för {item_id} ska vara ett heltal från 0 till {most}."
SOURCE_BAD_CHOICE = "{field} '{value}' för {item_id} är inget giltigt val. Välj något av: {choices}."
ROLLOVER_NEXT_STEPS = ("Fyll i målvärdena på fliken Indikatorer och årets budgetramar, förändringar och "
                       "nämndens totala ram på flikarna 5.1–5.4. Kontrollera sedan: nplan plan check {path}")

# ---- the rollover's summary (printed, and on a sheet of the new master) ----
ROLLOVER_HISTORY = ("Historik: {database}. Senaste hela år i historiken: {year}. Senast insamlade period "
                    "{plan_year}: {last}.")
ROLLOVER_DATABASE_SETTING = ("Den nya masterfilens 'Databas (fil)' är {setting}: samma historik som {year}, så att "
                             "en databas håller alla år.")
ROLLOVER_FROM_HISTORY = "Från historiken:"
ROLLOVER_TO_DO = "Att fylla i eller kontrollera:"
ROLLOVER_LINE = "  {area} {item}: {text}"
ROLLOVER_LINE_NO_ID = "  {area}: {text}"
ROLLOVER_SHEET_NOTE = "Sammanfattningen finns också på bladet {sheet} i den nya masterfilen."
ROLLOVER_NONE = "-"
ROLLOVER_AREAS = {
    "indicator": "Indikator", "assignment": "Uppdrag", "assignment_closed": "Uppdrag", "forecast": "5.2 Prognos",
    "measure": "5.1 Åtgärd", "frame": "5.3–5.4 Budget", "setting": "Inställning",
}
RO_EMPTY = "tomt"
RO_TARGETS = "Målvärden för {year} saknas för alla {n} indikatorer: ange dem på fliken Indikatorer."
RO_BASELINE_FROM_HISTORY = "Utfall {year} = {value} (helåret enligt {year}-T3, {n} av {n} verksamheter)."
RO_BASELINE_NOT_IN_HISTORY = ("Historiken har inget utfall {year}, så det inskrivna basvärdet behölls (utfall "
                              "{typed_year}: {typed}). Skriv in utfallet {year} om det finns.")
RO_BASELINE_KEPT = ("Historiken har inget helt år, så det inskrivna basvärdet behölls (utfall {typed_year}: "
                    "{typed}).")
RO_BASELINE_INCOMPLETE = ("Utfall {year} i historiken bygger bara på {reported} av {expected} verksamheter ({value}), "
                          "så det inskrivna basvärdet behölls (utfall {typed_year}: {typed}). Skriv in nämndens "
                          "utfall {year}.")
RO_BASELINE_NEWER_TYPED = ("Det inskrivna basvärdet (utfall {typed_year}: {typed}) är nyare än historikens utfall "
                           "{year} ({value}) och behölls.")
RO_ASSIGNMENT_CLOSED_MASTER = "Avslutat ({status} i masterfilen): inte överfört."
RO_ASSIGNMENT_CLOSED_REPORTS = "Avslutat ({status} enligt {period}, alla {n} verksamheter): inte överfört."
RO_ASSIGNMENT_CARRIED = "Överfört med status {status} och slutdatum {end}."
RO_ASSIGNMENT_CARRIED_REPORTS = ("Överfört: {status} enligt {period} ({finished} av {n} verksamheter klara), "
                                 "slutdatum {end}.")
RO_ASSIGNMENT_END_PASSED = ("Slutdatumet har passerat: uppdraget räknas som försenat tills det är genomfört. Ändra "
                            "slutdatumet om fullmäktige har förlängt det.")
RO_FORECAST_FROM_HISTORY = "Förra årets prognos {value} tkr (från {period})."
RO_FORECAST_TO_ENTER = "Historiken har ingen prognos: ange årsprognosen {year} på fliken 5.2."
RO_MEASURE_CARRIED = "Överförd från {year} för översyn: ändra, ta bort eller behåll den på fliken 5.1."
RO_FRAMES = "Ram {previous} flyttad till 'Ram föregående år'. Ange ram {year} för varje verksamhet på fliken 5.4."
RO_CHANGES = "Ange budgetförändringarna {previous}–{year} på fliken 5.3."
RO_TOTAL = "Ange nämndens totala ram {year} på fliken 5.4."
RO_CEILING = "Taket för nettokostnadsutveckling ({ceiling} %) behölls: nämnden beslutar det för {year}."
RO_DATABASE = "Databas (fil): {database}."
RO_DATABASE_DEFAULT = "nplan.sqlite bredvid masterfilen"
INIT_NEEDS_YEAR_OR_SOURCE = "Ange --year (tom masterfil) eller --source (plankälla)."
OUTPUT_NOT_XLSX = "Utfilen {path} måste sluta på .xlsx (en masterfil är en Excel-arbetsbok)."
ROLLOVER_NOT_LATER = ("Det nya planåret {year} måste vara senare än masterfilens planår {current}. "
                      "Ange till exempel --to {next}.")
