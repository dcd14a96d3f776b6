"""Swedish texts of validating returned workbooks (`nplan validate`) and of the annotated copy.

FINDINGS: code -> (severity, template). The templates may use {found}, {expected}, {field}, {item_id},
{item_suffix} (" (1.1.2)" when there is an id), {sheet}, {cell}, {file} and the extra keywords named
in each template. Every message names what was found, what is expected and what to do.
"""

from __future__ import annotations

E = "fel"
W = "varning"

# Who has to act, as the message tells it: the unit fixes its own entries, the controller sends a new
# return when the file itself is stale.
FINDINGS: dict[str, tuple[str, str]] = {
    # ---- the file itself ----
    "file-not-found": (E, "Filen finns inte: {found}. Kontrollera sökvägen."),
    "unreadable-file": (E, "Filen går inte att läsa ({found}). Kontrollera att den inte är öppen i ett annat "
                           "program och att du har behörighet, och försök igen."),
    "special-file": (E, "{found} är ingen vanlig fil utan {kind} och öppnades inte (en sådan fil kan få "
                        "läsningen att stanna). Spara returen som en vanlig .xlsx-fil och kontrollera igen."),
    "link-outside": (E, "{found} är en genväg (symbolisk länk) till {expected}, som ligger utanför mappen, och "
                        "följdes inte. Kopiera själva filen till mappen i stället för en länk."),
    "lock-file": (W, "{found} är en låsfil som Excel skapar medan någon har {expected} öppen; den är ingen "
                     "retur och lästes inte. Stäng filen i Excel så försvinner låsfilen."),
    "empty-file": (E, "Filen är tom (0 byte). Be verksamheten skicka returen igen: spara den i Excel och "
                      "bifoga den sparade .xlsx-filen."),
    "xls-file": (E, "Filen är i det gamla Excel-formatet .xls (Excel 97–2003). Öppna den i Excel och välj "
                    "Arkiv > Spara som > Excel-arbetsbok (*.xlsx), eller fyll i den .xlsx-retur som "
                    "skickades ut."),
    "encrypted-file": (E, "Filen är lösenordskyddad (krypterad) och kan inte läsas. Öppna den i Excel, ta bort "
                          "lösenordet (Arkiv > Info > Skydda arbetsbok > Kryptera med lösenord, töm fältet) "
                          "och spara den igen."),
    "xlsm-file": (E, "Filen är en makroaktiverad arbetsbok (.xlsm). Returen ska vara en vanlig .xlsx utan "
                     "makron: välj Arkiv > Spara som > Excel-arbetsbok (*.xlsx) och skicka den filen."),
    "ods-file": (E, "Filen är ett OpenDocument-kalkylark (.ods). Spara den som Excel-arbetsbok (.xlsx): i "
                    "LibreOffice Arkiv > Spara som > Excel 2007-365 (.xlsx)."),
    "csv-file": (E, "Filen är en textfil (CSV){found}, inte en Excel-arbetsbok. Returen måste vara den "
                    ".xlsx-fil som skickades ut, ifylld och sparad i Excel."),
    "not-xlsx": (E, "Filen är ingen Excel-arbetsbok (.xlsx): {found}. Skicka den ifyllda .xlsx-retur som "
                    "skickades ut."),
    "wrong-extension": (E, "Filnamnet slutar på '{found}' men bara .xlsx tas emot. Innehållet är en "
                           "Excel-arbetsbok: byt filändelse till .xlsx (eller spara om den som .xlsx)."),
    "truncated-file": (E, "Filen är avkortad: den tar slut innan zip-arkivet är komplett ({found}). Den "
                          "har troligen inte laddats upp eller sparats klart. Be verksamheten skicka den igen."),
    "corrupt-file": (E, "Filen är skadad och kan inte läsas som .xlsx ({found}). Be verksamheten öppna den i "
                        "Excel, spara den igen och skicka den på nytt."),
    "file-too-large": (E, "Filen är {found}, mer än gränsen {expected} för en retur, och lästes inte. "
                          "Kontrollera att rätt fil skickats; en retur är normalt under 1 MB."),
    "zip-bomb": (E, "Filen uppger att den packas upp till {found}, mer än gränsen {expected}. Den lästes "
                    "inte (skydd mot så kallade zip-bomber). En retur är normalt under 1 MB: kontrollera filen."),
    # ---- identity (the very hidden sheet) ----
    "identity-missing": (E, "Returen saknar sitt dolda identitetsblad ({expected}), så den går inte att knyta "
                            "till plan, verksamhet och period. Har bladen kopierats till en ny arbetsbok? Fyll "
                            "i den retur som skickades ut, eller skicka verksamheten en ny retur."),
    "identity-invalid": (E, "Identitetsbladet saknar uppgiften '{field}' eller har ett oläsbart värde "
                            "('{found}'). Returen har ändrats utanför det som ska fyllas i: skicka "
                            "verksamheten en ny retur."),
    "format-version": (E, "Returen har formatversion {found}, men den här versionen av nplan läser {expected}. "
                          "{advice}"),
    "plan-version-other": (W, "Returen skapades från en annan version av nämndplanen ({found}, nu {expected}), "
                              "men det verksamheten rapporterar på i returen (indikatorer, uppdrag och ram) är "
                              "oförändrat. Returen godtas."),
    "plan-changed": (E, "Nämndplanen har ändrats sedan returen skapades ({found}, nu {expected}) så att "
                        "verksamhetens rader inte längre stämmer: {differences}. Verksamheten behöver inte skriva "
                        "om något: kör 'nplan returns migrate RETUR --master MASTERFIL --out MAPP', som skriver en "
                        "ny retur med allt verksamheten redan fyllt i och markerar de nya och ändrade raderna, och "
                        "skicka den till verksamheten."),
    "plan-version-changed": (W, "Returen skapades från en tidigare version av nämndplanen ({found}, nu {expected}). "
                                "Ändringarna rör inte det verksamheten fyllt i, så returen godtas: {differences}. "
                                "Nämndplanens nya uppgifter gäller i rapporten."),
    "plan-item-added": (E, "{field} {item_id} har tillkommit i nämndplanen men finns inte i returen (sökt i "
                           "{cell}). Returen skapades från en äldre plan: kör 'nplan returns migrate' så får "
                           "verksamheten en ny retur med sina uppgifter överförda och den nya raden markerad."),
    "plan-item-removed": (E, "{field} {item_id} finns i returen men inte längre för verksamheten i "
                             "nämndplanen. Returen skapades från en äldre plan: kör 'nplan returns migrate' så "
                             "får verksamheten en ny retur med sina övriga uppgifter överförda."),
    "plan-kind-changed": (E, "Värdetypen för indikator {item_id} är '{found}' i returen men '{expected}' i "
                             "nämndplanen, så utfallet kan behöva skrivas på ett annat sätt. Kör 'nplan returns "
                             "migrate': den nya returen behåller allt som fortfarande gäller och markerar raden."),
    "plan-item-changed": (W, "{field} för {item_id} är '{found}' i returen men '{expected}' i nämndplanen "
                             "(returen skapades från en tidigare version). Nämndplanens uppgift gäller; det "
                             "verksamheten fyllt i påverkas inte."),
    "wrong-period": (E, "Returen gäller perioden {found}, men {expected} kontrolleras. Kontrollera att rätt "
                        "fil skickats, eller kör kontrollen med --period {found}."),
    "unit-unknown": (E, "Returen gäller verksamheten '{found}', som inte finns i masterfilen. Finns: "
                        "{expected}. Kontrollera att rätt masterfil används."),
    "frame-changed": (E, "Budgetramen i returen är {found} tkr men {expected} tkr i nämndplanen. Ramen är låst "
                         "och kommer från nämndplanen; nämndplanens ram gäller. Skicka en ny retur om "
                         "verksamheten behöver se rätt ram."),
    # ---- sheets, columns and rows ----
    "sheet-missing": (E, "Bladet '{expected}' saknas i returen. Byt inte namn på bladen och ta inte bort dem: "
                         "fyll i den retur som skickades ut."),
    "header-missing": (E, "Rubrikraden på bladet {sheet} hittas inte: ingen cell i kolumn A innehåller "
                          "'{expected}'. Återställ rubriken och id-kolumnen (kolumn A) som de var."),
    "column-missing": (E, "Kolumnen '{expected}' saknas på bladet {sheet}. Återställ rubriken exakt som den var; "
                          "kolumner får inte tas bort eller döpas om."),
    "duplicate-row": (E, "{field} {item_id} finns på flera rader (första gången på rad {first}). Ta bort den "
                         "extra raden så att varje id bara finns en gång."),
    "missing-row": (E, "Raden för {field} {item_id} saknas på bladet {sheet}: id:t {item_id} finns inte i "
                       "id-kolumnen {cell}. Rader får inte tas bort: fyll i den retur som skickades ut, eller "
                       "återställ raden."),
    "unknown-row": (E, "{field} '{found}' hör inte till returen. Förväntat på bladet: {expected}. Ändra inte "
                       "id-kolumnen och lägg inte till rader."),
    "moved-row": (E, "Raden har id {item_id} men texten hör till {found}. Id-cellerna har flyttats eller "
                     "ändrats: återställ raden så att id och text hör ihop, eller fyll i en ny retur."),
    "row-without-id": (W, "Rad {found} på bladet {sheet} har ifyllda celler men inget id i kolumn A; raden "
                          "lästes inte. Skriv uppgifterna på raden med rätt id."),
    "formula-deleted": (E, "Formeln i {field} har tagits bort eller skrivits över (cellen innehåller "
                           "'{found}'). Returens kontroller fungerar inte utan den: skicka verksamheten en ny "
                           "retur, eller återställ formeln."),
    "formula-changed": (E, "Formeln i {field} har ändrats: '{found}', förväntat '{expected}'. Returens "
                           "kontroller fungerar inte som de ska: återställ formeln eller fyll i en ny retur."),
    "formula-in-input": (W, "{field}{item_suffix} innehåller en formel ({found}). Skriv värdet direkt i "
                            "cellen; formler i inmatningsceller läses inte säkert."),
    # ---- values ----
    "missing-input": (E, "{field} saknas{item_suffix}. {advice}"),
    "not-a-number": (E, "{field} '{found}'{item_suffix} är inte ett tal. Skriv {expected}."),
    "not-whole": (E, "{field} {found}{item_suffix} är inte ett heltal. Ett antal skrivs som ett heltal, t.ex. "
                     "12."),
    "negative": (E, "{field} {found}{item_suffix} är negativt. Ett antal är 0 eller mer."),
    "share-out-of-range": (E, "{field} {found}{item_suffix} ligger utanför 0–100 %. Skriv andelen i procent, "
                              "t.ex. 40 % (cellen är formaterad i procent: talet 1,25 är 125 % och 62 är "
                              "6 200 %)."),
    "too-many-decimals": (E, "{field} {found}{item_suffix} har fler decimaler än nämndplanen anger "
                             "({expected}). Avrunda värdet, t.ex. till {example}."),
    "not-yes-no": (E, "{field} '{found}'{item_suffix} är inte Ja eller Nej. Välj Ja eller Nej i listan."),
    "invalid-assessment": (E, "{field} '{found}'{item_suffix} är ingen bedömning på skalan. Välj något av: "
                              "{expected}."),
    "invalid-status": (E, "{field} '{found}'{item_suffix} är ingen status på skalan. Välj något av: "
                          "{expected}."),
    "text-too-long": (E, "{field}{item_suffix} har {found} tecken, högst {expected} får plats i rapporten. "
                         "Korta texten."),
    "formula-like-text": (W, "{field}{item_suffix} börjar med '{first_char}' och skulle tolkas som en formel i "
                             "ett kalkylark ('{found}'). Texten behålls som vanlig text; börja gärna med ett "
                             "ord i stället."),
    "analysis-missing": (E, "Analys saknas{item_suffix}: den egna bedömningen är '{found}'. En analys krävs när "
                            "bedömningen inte är Uppfyllt: beskriv varför och vad som görs."),
    "comment-missing": (E, "Kommentar saknas: avvikelsen mellan ram och prognos är {found} tkr, mer än "
                           "{expected} tkr åt något håll. Förklara avvikelsen och vilka åtgärder som vidtas."),
    "value-implausible": (W, "{field} {found}{item_suffix} är mer än tio gånger {reference_name} ({reference}). "
                             "Kontrollera värdet, t.ex. enhet och tusental."),
    "below-previous": (W, "{field} {found}{item_suffix} är lägre än {expected} som rapporterades tidigare i år. "
                          "Indikatorn mäts ackumulerat från årets början och brukar inte minska: kontrollera "
                          "värdet."),
}

# Advice of "missing-input", by field key.
MISSING_ADVICE = {
    "outcome": "Fyll i utfallet för perioden.",
    "assessment": "Välj en egen bedömning i listan.",
    "status": "Välj status för uppdraget i listan.",
    "outcome_tkr": "Fyll i utfall hittills i tkr.",
    "forecast_tkr": "Fyll i helårsprognosen i tkr.",
    "events": "Beskriv periodens väsentliga händelser (skriv \"Inga\" om det inte finns några).",
}
MISSING_ADVICE_DEFAULT = "Fyll i cellen."

FORMAT_TOO_NEW = "Returen är skapad av en nyare version av nplan: uppdatera nplan."
FORMAT_TOO_OLD = "Skicka verksamheten en ny retur skapad med den här versionen (nplan returns create)."

# How values are described in "expected" of findings.
EXPECT_NUMBER = "ett tal, t.ex. 1 234 eller 12,5"
EXPECT_COUNT = "ett heltal, t.ex. 12"
EXPECT_SHARE = "en andel i procent, t.ex. 40 %"
EXPECT_AMOUNT = "ett belopp i tkr, t.ex. 1 250"
EXPECT_SHARE_RANGE = "0–100 %"
EXPECT_COUNT_RANGE = "ett heltal, 0 eller mer"
EXPECT_PERIOD_OF_YEAR = "en period {year}"
EXPECT_AT_MOST = "högst {factor} × {reference}"


def decimals_expected(n: int) -> str:
    """ "högst 1 decimal", "högst 2 decimaler", "ett heltal"."""
    return "ett heltal" if n == 0 else ("högst 1 decimal" if n == 1 else f"högst {n} decimaler")

REFERENCE_BASELINE = "utfallet basår"
REFERENCE_TARGET = "målvärdet"
REFERENCE_FRAME = "budgetramen"

# The kinds of items, as {field} in row and plan-change findings.
ITEM_INDICATOR = "Indikator"
ITEM_ASSIGNMENT = "Uppdrag"
ITEM_UNIT = "Verksamhet"

# What changed, in the "plan-changed" and "plan-version-changed" summaries.
DIFF_ADDED = "tillkommit {ids}"
DIFF_REMOVED = "borttaget {ids}"
DIFF_KIND = "ny värdetyp för {ids}"
DIFF_CHANGED = "ändrat {details}"
DIFF_DETAIL = "{item} {field} '{found}' → '{expected}'"

# File kinds named in "not-xlsx" / "csv-file".
NOT_XLSX_OLE = "en äldre Office-fil (OLE) som inte är en Excel-arbetsbok"
NOT_XLSX_ZIP = "ett zip-arkiv utan Excel-innehåll"
NOT_XLSX_WORD = "ett Word-dokument"
NOT_XLSX_XLSB = "en binär Excel-arbetsbok (.xlsb)"
NOT_XLSX_HTML = "en webbsida (HTML) med filändelse för Excel"
NOT_XLSX_XML2003 = "ett XML-kalkylark från Excel 2003"
NOT_XLSX_PDF = "en PDF-fil"
NOT_XLSX_UNKNOWN = "okänt innehåll"
CSV_RENAMED = " med filändelsen {ext}"
CSV_NAMED = ""
NO_SUFFIX = "(ingen)"  # a file name without extension, in "wrong-extension" / "csv-file"

# What a path that is no regular file is, in "special-file".
FILE_KINDS = {"fifo": "en namngiven pipe (FIFO)", "char": "en teckenenhet", "block": "en blockenhet",
              "socket": "en socket", "dir": "en mapp", "other": "en specialfil"}

# File sizes in "file-too-large" / "zip-bomb".
SIZE_MB = "{n} MB"
SIZE_KB = "{n} kB"
SIZE_BYTES = "{n} byte"

# ---- the command line ----
HELP = ("Kontrollera returer från verksamheterna: varje problem med blad, cell och vad som ska göras. "
        "Exit 0 utan fel (varningar tillåts), 1 vid fel.")
HELP_PATHS = "Returer (.xlsx) eller mappar med returer (läses rekursivt)."
HELP_MASTER = "Masterfilen med nämndplanen."
HELP_PERIOD = "Perioden som kontrolleras, t.ex. 2026-T2. Utan den gäller returens egen period."
HELP_FORMAT = "Utdata: text (en rad per fynd) eller json."
HELP_DB = ("Historikdatabasen med det som verksamheterna rapporterat tidigare i år, för samma rimlighetskontroller "
           "som 'nplan collect' gör. Standard: masterns inställning 'Databas (fil)', annars nplan.sqlite bredvid "
           "masterfilen (saknas den görs kontrollerna utan historik).")
HELP_ANNOTATE = ("Skriv en granskad kopia av varje retur med fynd till denna mapp: cellerna markerade, "
                 "fynden som kommentarer och på bladet Fynd. Originalfilen ändras aldrig.")
NO_FILES = "Inga returer hittades i {paths}."
FILE_OK = "{file}: godkänd ({unit}, {period})."
FILE_OK_WARNINGS = "{file}: godkänd med {warnings} varning(ar) ({unit}, {period})."
FILE_BAD = "{file}: {errors} fel och {warnings} varning(ar)."
FILE_NOT_READ = "{file}: lästes inte ({errors} fel, {warnings} varning(ar))."
TOTAL = "{files} fil(er): {valid} godkända, {invalid} med fel."
TOTAL_UNREAD = " {unread} lästes inte (t.ex. låsfiler)."
ANNOTATED = "Skrev granskad kopia {path}"

# ---- the annotated copy ----
ANNOTATED_SUFFIX = "_granskad"
FINDINGS_SHEET = "Fynd"
FINDINGS_TITLE = "Fynd i {file}"
FINDINGS_SUMMARY = ("{errors} fel och {warnings} varning(ar). Kontrollerad {time}. Gå till cellen med länken i "
                    "kolumnen Cell.")
FINDINGS_NONE = "Inga fynd: returen är godkänd."
FINDINGS_HEADERS = ("Allvarlighet", "Blad", "Cell", "Fält", "Id", "Hittat", "Förväntat", "Meddelande", "Kod")
SEVERITY_LABEL = {E: "Fel", W: "Varning"}
COMMENT_AUTHOR = "nplan"
