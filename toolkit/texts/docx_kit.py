"""Swedish texts of the Word kit (``toolkit.report.docx_kit``) and the accessibility checker
(``toolkit.report.accessibility``): error messages, the default template's words, style names a user sees in
Word's style list, and the checker's problem messages.

This module imports nothing from ``toolkit``.
"""

from __future__ import annotations

# ---- opening a template (TemplateError: "Mallen ... kan inte användas: <reason>") ----
TEMPLATE_UNUSABLE = "Word-mallen {path} kan inte användas: {reason}."
TEMPLATE_MISSING = "filen finns inte"
TEMPLATE_IS_FOLDER = "det är en mapp, inte en fil"
TEMPLATE_NOT_ZIP = "det är ingen Word-fil (.docx eller .dotx)"
TEMPLATE_NOT_WORD = "filen är inget Word-dokument (innehållstyp {content_type})"
TEMPLATE_MACROS = ("mallar med makron (.docm, .dotm) stöds inte; spara mallen i Word som Word-mall (.dotx) "
                   "eller Word-dokument (.docx)")
TEMPLATE_DAMAGED = "filen är skadad eller ofullständig ({detail})"
TEMPLATE_UNREADABLE = "filen kan inte läsas ({reason})"

# ---- PDF through LibreOffice ----
SOFFICE_MISSING = ("LibreOffice hittades inte (programmet soffice). Installera LibreOffice för att skriva PDF, "
                   "eller skriv bara Word-dokumentet.")
PDF_TIMEOUT = "LibreOffice blev inte klart inom {seconds} sekunder med att göra PDF av {path}."
PDF_FAILED = "LibreOffice kunde inte göra PDF av {path}{detail}."
PDF_SOURCE_MISSING = "Dokumentet {path} finns inte, så ingen PDF kan göras."

# ---- style names (they show in Word's style list) ----
TABLE_STYLE = "nplan tabell"  # the default template's table style
TABLE_TEXT_STYLE = "Tabelltext"  # paragraphs in table cells

# ---- the default template ----
FOOTER_SEPARATOR = " · "  # after the document's title (a field)
FOOTER_PAGE = "Sida "  # then the page number
FOOTER_OF = " av "  # then the page count

# ---- alternative texts (a picture or chart always has one; these are the kit's defaults) ----
ALT_LOGO = "Logotyp"
ALT_CHART = "Diagram: {title}. Samma uppgifter finns i tabellen intill."

# ---- the accessibility checker (code -> message; {detail} is filled in where it says so) ----
PROBLEMS = {
    "title-missing": "Dokumentet saknar titel (dokumentegenskapen Rubrik i Word).",
    "language-not-swedish": "Dokumentets språk är {found}, inte svenska ({expected}).",
    "no-heading": "Dokumentet har inga rubriker i rubrikformat (Rubrik 1, Rubrik 2, ...).",
    "heading-skips-level": "Rubriken \u201d{text}\u201d är på nivå {level} direkt efter nivå {previous}: "
                           "en rubriknivå hoppas över.",
    "heading-empty": "En tom rubrik på nivå {level} (efter \u201d{previous_text}\u201d).",
    "table-no-header-row": "Tabell {number} ({first}) har ingen rubrikrad som upprepas på varje sida.",
    "table-merged-cells": "Tabell {number} ({first}) har sammanfogade celler.",
    "picture-no-alt-text": "En bild eller ett diagram {where} saknar alternativtext ({name}).",
    "pdf-not-tagged": "PDF-filen saknar taggar (strukturträd).",
    "pdf-not-marked": "PDF-filen är inte märkt som taggad (MarkInfo Marked).",
    "pdf-no-language": "PDF-filen saknar språk (Lang).",
    "pdf-language-not-swedish": "PDF-filens språk är {found}, inte svenska.",
    "pdf-title-missing": "PDF-filen saknar titel.",
}
WHERE_BODY = "i texten"
WHERE_HEADER = "i sidhuvudet"
WHERE_FOOTER = "i sidfoten"
NO_LANGUAGE = "inte angivet"
TABLE_EMPTY = "tom"
NOT_A_DOCX = "{path} kan inte läsas som Word-dokument: {reason}."
NOT_A_PDF = "{path} kan inte läsas som PDF: {reason}."
PYPDF_MISSING = ("Att granska en PDF kräver paketet pypdf, som inte är installerat "
                 "(pip install 'nplan[pdf]' eller pip install pypdf).")
