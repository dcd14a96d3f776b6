"""Swedish texts of the plan document (nämndplanen as Word), ``toolkit.report.plan_document``, and of
`nplan plan document`, the button "Skriv nämndplanen" and the Word options the two documents share.

Headings, table headers and cell layouts follow the seed (../shared/seed): "2 Inledning", "3.3
Regionfullmäktiges mål", "Delmål | Indikatorer | Utfall 2024 | Mål 2026 | Periodicitet", "4.1 Uppdrag
från fullmäktige till nämnd", "5.1 Nämndens plan för hållbar ekonomi" ... This module imports nothing
from ``toolkit``.
"""

from __future__ import annotations

# ---- the command line and the buttons ----
HELP = ("Skriv nämndplanen som Word-dokument i regionens mall: inledningen (bladet Plantexter), "
        "regionmålen med delmålens indikatorer, uppdragen och budgeten (5.1–5.4).")
HELP_OUTPUT = "Word-dokumentet som skrivs (.docx)."
HELP_TEMPLATE = ("Regionens Word-mall (.docx eller .dotx) med sidhuvud, logotyp och format. Utan mall: "
                 "masterfilens inställning Word-mall (fil), annars nplans standardmall.")
HELP_PDF = ("Skriv också en tillgänglig PDF (taggad, PDF/UA) bredvid dokumentet. Kräver LibreOffice.")
HELP_CONSOLIDATE_TEMPLATE = ("Regionens Word-mall för dokumentet (--docx). Utan mall: masterfilens "
                             "inställning Word-mall (fil), annars nplans standardmall.")
HELP_CONSOLIDATE_PDF = "Skriv också dokumentet (--docx) som tillgänglig PDF. Kräver LibreOffice."
WROTE = "Skrev nämndplanen {path}"
WROTE_PDF = "Skrev PDF {path}"
OUTPUT_NOT_DOCX = "Utfilen {path} måste sluta på .docx (ett Word-dokument)."
PDF_NEEDS_DOCX = "--pdf skriver dokumentet som PDF: ange också --docx DOKUMENT.docx."
TEMPLATE_SETTING_MISSING = ("Word-mallen {path} i inställningen Word-mall (fil) finns inte. Rätta sökvägen på "
                            "bladet Inställningar eller töm cellen för att använda nplans standardmall.")
XL_PLAN_DOCUMENT_DONE = "Nämndplanen skrevs till {path}."
XL_PDF_DONE = "PDF: {path}."
XL_PDF_SKIPPED = "Ingen PDF: {reason}"
ACCESSIBILITY_PROBLEM = "VARNING {path}  [{code}] {message}"
XL_ACCESSIBILITY = "Tillgänglighet: {messages}"
HEADING_ADJUSTED = ("Rubriken \u201d{text}\u201d skulle ha hoppat över en rubriknivå och skrevs på nivå "
                    "{written} i stället för {asked}.")

# ---- the document ----
TITLE = "Nämndplan {year}"
SUBJECT = "{committee}, nämndplan {year}"
AUTHOR = "nplan"
# Chapters the document writes a heading for itself; the sheet Plantexter may name them otherwise (a row
# with Typ Rubrik and Avsnitt 2). Any other chapter needs its heading on the sheet.
CHAPTER_HEADINGS = {
    2: "Inledning",
    3: "Regionmål och uppföljning",
    4: "Uppdrag",
    5: "Ekonomiska förutsättningar och budget {year}",
}
NUMBERED = "{number} {text}"  # "2.1 Regionala utvecklingsnämndens uppdrag"
GOALS_SECTION = "Regionfullmäktiges mål"
GOAL_HEADING = "Mål {number}. {title}"
ASSIGNMENTS_SECTION = "Uppdrag från fullmäktige till nämnd"
BUDGET_SECTIONS = {
    "measures": "Nämndens plan för hållbar ekonomi",
    "prior_forecasts": "Årsprognos {previous}",
    "changes": "Budgetförändringar {previous}",
    "frames": "Fördelade budgetramar {year}",
}

# ---- chapter 3: a table per delmål, as the seed lays it out ----
SUB_GOAL_HEADERS = {
    "sub_goal": "Delmål",
    "indicator": "Indikatorer",
    "baseline": "Utfall {year}",
    "target": "Mål {year}",
    "periodicity": "Periodicitet",
}
BASELINE_NO_YEAR = "Utfall"  # the header when the table's indicators have no baseline year
SUB_GOAL_CELL = "Delmål {id} {text}"  # in the table's first row only
INDICATOR_WITH_NOTE = "{name} ({note})"
BASELINE_OF_YEAR = "{value} ({year})"  # a baseline of another year than the table's header says
SUB_GOAL_CAPTION = "Delmål {id}: indikatorer"
SUB_GOAL_DESCRIPTION = ("Delmål {id} med dess indikatorer: utfall {baseline_year}, mål {year} och "
                        "periodicitet. Delmålets text står i tabellens första rad.")

# ---- chapter 4 ----
ASSIGNMENT_HEADERS = {"status": "Status", "text": "Uppdrag", "periodicity": "Periodicitet", "end_date": "Slutdatum"}
ASSIGNMENTS_CAPTION = "Uppdrag från fullmäktige till nämnden"
ASSIGNMENTS_DESCRIPTION = "Uppdragen från fullmäktige med status, periodicitet och slutdatum."
NO_ASSIGNMENTS = "Nämnden har inga uppdrag från fullmäktige i planen."

# ---- chapter 5 (amounts in tkr) ----
AMOUNTS_NOTE = "Belopp i tkr."
TOTAL = "Summa"
NO_AMOUNT = "–"
MEASURE_HEADERS = {"text": "Åtgärd", "unit": "Verksamhet", "amount_tkr": "Effekt (tkr)", "status": "Status"}
MEASURES_CAPTION = "Nämndens plan för hållbar ekonomi: åtgärder och deras effekt"
NO_MEASURES = "Planen har inga åtgärder."
PRIOR_HEADERS = {"unit": "Verksamhet", "forecast_tkr": "Årsprognos {previous} (tkr)"}
PRIOR_CAPTION = "Årsprognos {previous} per verksamhet"
NO_PRIOR = "Planen har ingen årsprognos för {previous}."
CHANGE_HEADERS = {"unit": "Verksamhet", "kind": "Typ", "text": "Förändring", "amount_tkr": "Belopp (tkr)"}
CHANGES_CAPTION = "Budgetförändringar från ram {previous} till ram {year}"
NO_CHANGES = "Planen har inga budgetförändringar."
FRAME_HEADERS = {
    "unit": "Verksamhet",
    "previous_tkr": "Ram {previous} (tkr)",
    "changes_tkr": "Förändringar (tkr)",
    "frame_tkr": "Ram {year} (tkr)",
}
FRAMES_CAPTION = "Fördelade budgetramar {year} per verksamhet"
NO_FRAMES = "Planen har inga fördelade budgetramar."
COMMITTEE_FRAME = ("Nämndens totala ram {year} är {total} tkr. De fördelade ramarna summerar till {frames} tkr"
                   "{difference}.")
FRAMES_DIFFER = ", {difference} tkr från den totala ramen"
NET_COST = ("Nettokostnadsutvecklingen (fördelade ramar {year} mot årsprognos {previous}) är {growth}. "
            "Nämndens tak för nettokostnadsutvecklingen är {ceiling}: utvecklingen {verdict}.")
NET_COST_NO_CEILING = ("Nettokostnadsutvecklingen (fördelade ramar {year} mot årsprognos {previous}) är "
                       "{growth}. Nämnden har inte satt något tak för den.")
NET_COST_UNKNOWN = "Nettokostnadsutvecklingen kan inte beräknas: årsprognosen för {previous} saknas."
WITHIN_CEILING = "ryms inom taket"
ABOVE_CEILING = "överstiger taket"
