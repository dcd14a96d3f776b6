"""Swedish texts the Excel buttons write into the log sheet (Körlogg)."""

LOG_TITLE = "Körlogg"

ACTION_CREATE_RETURNS = "Skapa returer"
ACTION_VALIDATE = "Granska inkorgen"
ACTION_COLLECT = "Samla in"
ACTION_REMIND = "Påminn"
ACTION_CONSOLIDATE = "Sammanställ rapport"
ACTION_BUDGET_CHECK = "Kontrollera budget"
ACTION_BUDGET_REPORT = "Budgetrapport"
ACTION_PLAN_DOCUMENT = "Skriv nämndplanen"

OUTCOME_OK = "Klart"
OUTCOME_FINDINGS = "Klart, se detaljer"
OUTCOME_ERROR = "Fel"

NO_PERIOD = "Ingen period är angiven. Skriv perioden (t.ex. 2026-T2) i '{setting}' på bladet Inställningar."
FIX_PERIOD_SETTING = "Rätta 'Aktuell period' på bladet Inställningar."
NO_INBOX = ("Inkorgen {path} finns inte. Skapa mappen och spara returerna där, eller ange en annan mapp i "
            "'{setting}' på bladet Inställningar.")
NO_DATABASE = "Historikdatabasen {path} finns inte ännu. Samla in returerna först (knappen Samla in)."

RETURNS_DONE = "{n} returer för {period} skrevs till {folder}."
VALIDATE_EMPTY = "Inkorgen {path} innehåller inga filer att granska."
VALIDATE_DONE = "{n} filer granskade: {valid} utan fel, {invalid} med fel."
VALIDATE_REVIEWED = "Granskade kopior med markeringar finns i {folder}."
VALIDATE_FILE = "{name}: {errors} fel, {warnings} varningar"
COLLECT_DONE = ("{files} filer lästa, {new} nya inlämningar. Godkända {accepted}, underkända {rejected}, "
                "saknas {missing}. Status: {status}. Databas: {db}.")
REMIND_DONE = ("{units} verksamheter saknar godkänd retur; {drafts} utkast (.eml) skrevs till {folder}. Lista: "
               "{list}. Öppna utkasten i e-postprogrammet, läs dem och skicka.")
REMIND_UNIT = "{unit}: {draft}"
COLLECT_CONFLICT = ("I konflikt: {n} (två godkända filer med samma tid; välj fil med nplan collect --choose, se "
                    "statusfilen).")
REPORT_DONE = ("Rapporten skrevs till {path} ({accepted} verksamheter med godkänd retur, {rejected} underkända, "
               "{missing} saknas).")
BUDGET_CLEAN = "Budgetkapitlen 5.1–5.4 är utan fel."
BUDGET_FINDINGS = "{errors} fel och {warnings} varningar i budgetkapitlen:"
BUDGET_REPORT_DONE = "Budgetrapporten skrevs till {path}."
UNEXPECTED = ("Ett oväntat fel inträffade ({reason}). Kör samma steg med kommandot nplan och --debug för "
              "detaljer, och rapportera felet till den som förvaltar nplan.")
