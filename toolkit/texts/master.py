"""Swedish sheet names, table headers and instructions of the master workbook."""

from __future__ import annotations

SHEET_INSTRUCTIONS = "Instruktioner"
SHEET_SETTINGS = "Inställningar"
SHEET_GOALS = "Mål"
SHEET_SUB_GOALS = "Delmål"
SHEET_INDICATORS = "Indikatorer"
SHEET_ASSIGNMENTS = "Uppdrag"
SHEET_UNITS = "Verksamheter"
SHEET_VERDICTS = "Samlad bedömning"
SHEET_PLAN_TEXTS = "Plantexter"
SHEET_WEIGHTS = "Vikter"
SHEET_MEASURES = "5.1 Hållbar ekonomi"
SHEET_PRIOR_FORECAST = "5.2 Årsprognos"
SHEET_CHANGES = "5.3 Budgetförändringar"
SHEET_FRAMES = "5.4 Budgetramar"
SHEET_LISTS = "Listor"
SHEET_LOG = "Körlogg"
SHEET_ROLLOVER = "Årsskifte"

TITLE = "Nämndplan {year} – {committee}"

# Each sheet's heading (row 1) and note (row 2), by the table on it. In the budget headings {year} and
# {previous} follow the setting Planår through a formula, so a template reused for another year is right.
SHEET_TEXTS: dict[str, tuple[str, str]] = {
    "Installningar": ("Inställningar", "Värdena i kolumnen Värde styr nplan."),
    "Mal": ("Regionmål", "Fullmäktiges mål med nämndens formulering. Mål utan delmål visas som rubriker. "
                         "Målens beskrivande text skrivs på bladet Plantexter."),
    "Delmal": ("Delmål", "Nämndens delmål under varje regionmål."),
    "Indikatorer": ("Indikatorer", "Utfall basår och målvärde: antal och tal som tal, andelar i procent, Ja/Nej "
                                   "som text. Lämna utfallet tomt och skriv orsaken (t.ex. Svar saknas) när det "
                                   "saknas. Mäts som: Ackumulerat från årets början (antal och belopp som växer "
                                   "under året; målvärdet räknas pro rata före december) eller Läge vid "
                                   "periodens slut (väntetider, köer, andelar, index; jämförs med hela "
                                   "målvärdet). Decimaler: krävs för värdetypen Tal."),
    "Uppdrag": ("Uppdrag från fullmäktige",
                "Status enligt skalan Ej påbörjad / Påbörjad / Genomförd / Försenad / Avförd."),
    "Verksamheter": ("Verksamheter", "Verksamhets-id är en kort kod som används i returer och i filnamn."),
    "Vikter": ("Vikter för viktat medelvärde",
               "En rad per indikator och verksamhet, för indikatorer med sammanvägningen Viktat medelvärde (t.ex. "
               "antal patienter eller medarbetare). Varje ansvarig verksamhet behöver en vikt större än 0."),
    "Bedomningar": ("Samlad bedömning per mål och delmål",
                    "Controllerns samlade bedömning, med motivering. Rapporten visar den bredvid nplans förslag."),
    "Atgarder": ("5.1 Nämndens plan för hållbar ekonomi {year}", ""),
    "Arsprognos": ("5.2 Årsprognos {previous}", ""),
    "Budgetforandringar": ("5.3 Budgetförändringar {previous}–{year}", ""),
    "Budgetramar": ("5.4 Fördelade budgetramar {year}", ""),
    "Korlogg": ("Körlogg", "Knapparna i Excel (xlwings) skriver här vad de gjort."),
    "Plantexter": ("Nämndplanens texter",
                   "Ett stycke per rad. Avsnitt: 2, 2.1, 3.1 ... eller Mål 1. Typ: Rubrik, Stycke, Underrubrik "
                   "eller Formulering. Målen, uppdragen och budgeten skriver nplan själv."),
}
BUDGET_NOTE = "Belopp i tkr."

# The rollover's summary sheet (nplan plan rollover). nplan never reads it; its table is not a master table.
ROLLOVER_TABLE = "Arsskifte"
ROLLOVER_TITLE = "Årsskifte {previous}–{year}: vad som hämtades och vad som återstår"
ROLLOVER_NOTE = ("Skrivet av nplan plan rollover. Rader markerade 'Att göra' ska fyllas i eller kontrolleras innan "
                 "returerna skickas ut. nplan läser inte bladet: ta bort det när allt är klart.")
ROLLOVER_HEADERS = {"area": "Område", "item": "Id", "text": "Vad", "source": "Källa", "to_do": "Att göra"}
ROLLOVER_SOURCE_HISTORY = "Historiken"
ROLLOVER_SOURCE_MASTER = "Masterfilen {year}"
ROLLOVER_TO_DO = "Att göra"
ROLLOVER_DONE = "Klart"
MEASURES_CARRIED = "Åtgärderna är överförda från {previous} för översyn: se bladet Årsskifte."

# Column headings on the (hidden) lists sheet, by the defined name of each list.
LIST_HEADERS = {
    "Lista_Vardetyp": "Värdetyp", "Lista_Matning": "Mäts som", "Lista_Riktning": "Riktning",
    "Lista_Sammanvagning": "Sammanvägning",
    "Lista_Uppdragsstatus": "Uppdragsstatus", "Lista_Bedomning": "Bedömning", "Lista_Forandringstyp": "Förändringstyp",
    "Lista_Niva": "Nivå", "Lista_Atgardsstatus": "Åtgärdsstatus", "Lista_JaNej": "Ja/Nej",
    "Lista_Texttyp": "Texttyp",
}

# Error alerts of the dropdowns and number checks (Excel shows them when a value is refused).
VALIDATION_ERRORS = {
    "kind": "Välj en värdetyp i listan.",
    "measurement": "Välj Ackumulerat från årets början eller Läge vid periodens slut.",
    "decimals": "Skriv antalet decimaler som ett heltal från 0 till 6.",
    "weight": "Skriv vikten som ett tal större än 0.",
    "indicator": "Välj en indikator i listan.",
    "direction": "Välj riktning i listan.",
    "aggregation": "Välj hur verksamheternas värden vägs samman.",
    "share": "Skriv en andel mellan 0 % och 100 %.",
    "status": "Välj status i listan.",
    "date": "Skriv ett datum, t.ex. 2026-12-31.",
    "level": "Välj Mål eller Delmål.",
    "text_kind": "Välj Rubrik, Stycke, Underrubrik eller Formulering.",
    "yes_no": "Välj Ja eller Nej.",
    "assessment": "Välj en bedömning.",
    "unit": "Välj en verksamhet i listan.",
    "change_kind": "Välj typ i listan.",
    "amount": "Skriv ett belopp i tkr (ett tal).",
}

# Why a file cannot be read as a master (the {reason} of texts.cli.NOT_A_MASTER).
NOT_XLSX = ("filändelsen {suffix} är inte en Excel-arbetsbok. Spara masterfilen som Excel-arbetsbok "
            "(.xlsx) och försök igen.")
LOCK_FILE = ("det är en låsfil som Excel skapar medan arbetsboken är öppen. Ange själva masterfilen "
             "(utan ~$ i namnet).")
ENCRYPTED_OR_XLS = ("filen är lösenordsskyddad eller sparad i det gamla .xls-formatet. Ta bort lösenordet "
                    "och spara som Excel-arbetsbok (.xlsx).")
NO_SUFFIX = "(ingen)"  # {suffix} of NOT_XLSX for a file name without extension
UNNAMED_WORKBOOK = "arbetsboken"  # {path} of NOT_A_MASTER when the workbook has no file name
NOT_ZIP = "filen är inte en läsbar .xlsx-fil (den kan vara tom, avkortad eller av en annan filtyp)."
CORRUPT = "filen är skadad och går inte att öppna ({detail}). Öppna den i Excel och spara om den som .xlsx."
TOO_LARGE = ("filen packas upp till mer än {limit} MB, vilket är orimligt för en masterfil. Kontrollera "
             "att det är rätt fil.")
NO_MASTER_TABLES = ("arbetsboken har ingen av masterfilens tabeller ({tables}). Är det rätt fil? "
                    "Skapa en ny masterfil med: nplan init --year ÅR -o master.xlsx")
SETTING_EXPECTED = {
    "year": "ett årtal, t.ex. 2026",
    "partly_threshold": "en andel, t.ex. 80 %",
    "deviation_threshold_tkr": "ett belopp i tkr, t.ex. 100",
    "deadline": "ett datum, t.ex. 2026-09-07",
    "period": "en period, t.ex. 2026-T2",
    "pdf": "Ja eller Nej",
}
TEXT_PLACE_EXPECTED = "ett kapitel eller avsnitt, t.ex. 2 eller 2.1, eller ett mål, t.ex. Mål 2"
PERIODICITY_EXPECTED = "Tertial: aug, dec / Tertial / År"
VERDICT_PERIOD_EXPECTED = "en period, t.ex. 2026-T2, eller bara T2 för planårets tertial"
# What a finding says was expected.
EXPECTED = {
    "share": "en andel, t.ex. 80 %",
    "date": "ett datum, t.ex. 2026-12-31",
    "number": "ett tal",
    "share_range": "0–100 %",
    "non_negative": "0 eller mer",
    "decimals": "ett heltal från 0 till 6",
    "weight": "ett tal större än 0",
    "in_year": "ett datum under {year}",
}

# Table name -> (field -> header). Headers are what the reader looks for: keep them stable.
HEADERS: dict[str, dict[str, str]] = {
    "Installningar": {"setting": "Inställning", "value": "Värde", "description": "Beskrivning"},
    "Mal": {"number": "Mål nr", "title": "Regionmål", "formulation": "Nämndens formulering"},
    "Delmal": {"id": "Delmål-id", "goal": "Mål nr", "text": "Delmål"},
    "Indikatorer": {
        "id": "Indikator-id", "sub_goal": "Delmål-id", "name": "Indikator", "kind": "Värdetyp",
        "unit_of_measure": "Måttenhet", "baseline_year": "Basår", "baseline": "Utfall basår",
        "baseline_missing_reason": "Orsak saknat utfall", "target": "Målvärde",
        "periodicity": "Periodicitet", "direction": "Riktning", "units": "Ansvariga verksamheter",
        "aggregation": "Sammanvägning", "partly_threshold": "Delvis uppfyllt från", "note": "Kommentar",
        "measurement": "Mäts som", "decimals": "Decimaler",
    },
    "Uppdrag": {"id": "Uppdrag-id", "status": "Status", "text": "Uppdrag", "periodicity": "Periodicitet",
                "end_date": "Slutdatum", "units": "Ansvariga verksamheter", "plan_ahead": "Planen framåt"},
    "Verksamheter": {"id": "Verksamhets-id", "name": "Verksamhet", "contact": "Kontaktperson"},
    "Vikter": {"indicator": "Indikator-id", "unit": "Verksamhets-id", "weight": "Vikt", "note": "Kommentar"},
    "Bedomningar": {"period": "Period", "level": "Nivå", "ref": "Mål/delmål",
                    "assessment": "Samlad bedömning", "motivation": "Motivering"},
    "Atgarder": {"id": "Åtgärd-id", "text": "Åtgärd", "unit": "Verksamhets-id", "amount_tkr": "Effekt (tkr)",
                 "status": "Status"},
    "Arsprognos": {"unit": "Verksamhets-id", "forecast_tkr": "Prognos föregående år (tkr)"},
    "Budgetforandringar": {"unit": "Verksamhets-id", "kind": "Typ", "text": "Beskrivning",
                           "amount_tkr": "Belopp (tkr)"},
    "Budgetramar": {"unit": "Verksamhets-id", "name": "Verksamhet",
                    "previous_tkr": "Ram föregående år (tkr)", "changes_tkr": "Förändringar (tkr)",
                    "computed_tkr": "Föregående ram + förändringar (tkr)", "frame_tkr": "Ram planår (tkr)",
                    "check": "Kontroll"},
    "Budgetparametrar": {"parameter": "Parameter", "value": "Värde"},
    "Korlogg": {"time": "Tid", "action": "Åtgärd", "outcome": "Utfall", "details": "Detaljer"},
    "Plantexter": {"section": "Avsnitt", "kind": "Typ", "text": "Text"},
}
# The header of the goals' narrative in masters written before the sheet Plantexter (no longer read).
OLD_GOAL_NARRATIVE = "Beskrivning"

# Columns the code computes with formulas: never read as input.
FORMULA_COLUMNS = {"Budgetramar": {"changes_tkr", "computed_tkr", "check"}}

# Settings table: field -> (label, description). The label is what the reader looks for.
SETTINGS = {
    "committee": ("Nämnd", "Nämndens namn, som det ska stå i returer och rapporter."),
    "year": ("Planår", "Året som nämndplanen gäller."),
    "partly_threshold": ("Delvis uppfyllt från (andel av målvärdet)",
                         "Ett utfall från denna andel av målvärdet (men under målet) ger Delvis uppfyllt."),
    "deviation_threshold_tkr": ("Avvikelse som kräver kommentar (tkr)",
                                "Verksamheten måste kommentera en avvikelse mellan ram och prognos "
                                "som är större än detta belopp."),
    "protection_password": ("Lösenord för bladskydd i returer",
                            "Tomt = skydd utan lösenord (skyddet hindrar misstag, det är ingen säkerhet)."),
    "period": ("Aktuell period", "Perioden som knapparna i Excel arbetar med, t.ex. 2026-T2."),
    "deadline": ("Sista dag för retur", "Visas på returens startblad."),
    "inbox": ("Inkorg (mapp)", "Mappen där verksamheternas returer sparas."),
    "output_dir": ("Utdatamapp", "Mappen där returer och rapporter skrivs."),
    "database": ("Databas (fil)", "Historikdatabasen, en för nämndens alla år: en SQLite-fil (sökväg relativt "
                                  "masterfilen) eller en PostgreSQL-adress (postgresql://...). Tomt = nplan.sqlite "
                                  "bredvid masterfilen. nplan plan rollover skriver in samma databas i nästa års "
                                  "masterfil."),
    "word_template": ("Word-mall (fil)", "Regionens Word-mall (.docx eller .dotx) för nämndplanen och "
                                         "uppföljningens dokument. Tomt = nplans standardmall."),
    "pdf": ("PDF av dokumenten", "Ja = knapparna skriver också nämndplanen och rapportens dokument som "
                                 "tillgänglig PDF (kräver LibreOffice). Tomt eller Nej = bara Word."),
}

BUDGET_PARAMETERS = {
    "total_frame_tkr": "Nämndens totala ram (tkr)",
    "net_cost_ceiling": "Tak för nettokostnadsutveckling (%)",
}

# The computed budget summary on the frames sheet: defined name -> label.
BUDGET_SUMMARY = {
    "Summa_ramar": "Summa fördelade ramar (tkr)",
    "Skillnad_total_ram": "Skillnad mot nämndens totala ram (tkr)",
    "Kontroll_ramar": "Kontroll: ramarna summerar till den totala ramen",
    "Summa_foregaende_prognos": "Summa årsprognos föregående år (tkr)",
    "Nettokostnadsutveckling": "Nettokostnadsutveckling (ramar mot föregående års prognos)",
    "Kontroll_nettokostnad": "Kontroll: nettokostnadsutvecklingen ryms inom taket",
    "Summa_atgarder": "Summa effekt av åtgärder (tkr)",
}
CHECK_OK = "OK"
CHECK_FRAMES_BAD = "Avviker – ramarna summerar inte till den totala ramen"
CHECK_NET_COST_BAD = "Över taket"
CHECK_ROW_BAD = "Avviker"
TARGET_TO_ENTER = ("Ange målvärde för {year}: målvärden som saknas är markerade med färg. "
                   "Kontrollera sedan filen med nplan plan check.")

INSTRUCTIONS = [
    "Masterfilen för nämndplanen",
    "",
    "Den här arbetsboken håller nämndplanens mål, delmål, indikatorer, uppdrag, verksamheter och "
    "budgetkapitel (5.1–5.4). nplan läser den och skapar verksamheternas returer, kontrollerar dem och "
    "sammanställer nämndens rapport.",
    "",
    "Så arbetar du i filen",
    "1. Fyll i tabellerna på flikarna. Rubrikraderna måste stå kvar som de är; allt annat (färger, "
    "kolumnbredder, rader ovanför tabellerna, egna instruktionsflikar) får du ändra.",
    "2. Lägg till rader genom att skriva direkt under en tabell eller med Infoga rad inne i tabellen.",
    "3. Listrutorna hämtar sina val från fliken Listor och från tabellen Verksamheter.",
    "4. Id-kolumnerna (Indikator-id, Uppdrag-id, Verksamhets-id) ska vara unika och får inte ändras "
    "under året: returerna hittar sina rader med dem.",
    "5. Andelar skrivs i procent (40 %). Belopp skrivs i tkr. Värdetypen Tal är ett tal med decimaler "
    "(t.ex. ett index); ange antalet decimaler i kolumnen Decimaler.",
    "6. Mäts som säger vad ett värde står för: Ackumulerat från årets början (antal och belopp som växer under "
    "året) eller Läge vid periodens slut (väntetider, köer, andelar, index). Tomt = värdetypens standard.",
    "7. Viktat medelvärde: ange varje ansvarig verksamhets vikt på fliken Vikter.",
    "8. Kontrollera filen med:  nplan plan check MASTERFIL",
    "9. Nämndplanens egna texter (inledningen, avsnitten före målen, målens beskrivningar) skrivs på fliken "
    "Plantexter, ett stycke per rad. Nämndplanen som Word-dokument:  nplan plan document MASTERFIL -o "
    "namndplan.docx (i regionens Word-mall med --template eller inställningen Word-mall (fil)).",
    "",
    "Budget",
    "Fliken 5.4 räknar med formler: föregående års ram + budgetförändringar jämförs med årets ram, "
    "summan av ramarna jämförs med nämndens totala ram och nettokostnadsutvecklingen med nämndens tak.",
]
