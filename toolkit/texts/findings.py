"""Swedish message templates of findings, by stable code.

Each entry: code -> (default severity, template). Templates may use {found}, {expected}, {field},
{item_id}, {sheet}, {cell}, {file} and the extra keywords the caller passes to ``findings.make``.
A message names the bad value, what is expected and what to do next.
"""

from __future__ import annotations

E = "fel"
W = "varning"

EMPTY_VALUE = "(tomt)"  # a parameter of a finding that has no value

MASTER_HAS_ERRORS = ("Masterfilen {path} har {count} fel som måste rättas först:\n{lines}\n"
                     "Kör 'nplan plan check {path}' för hela listan.")

MESSAGES: dict[str, tuple[str, str]] = {
    # ---- the master workbook (nplan plan check / budget check) ----
    "missing-table": (E, "Tabellen {table} saknas. Tabellerna hittas på sitt namn: byt inte namn på dem "
                         "(Tabelldesign > Tabellnamn) och ta inte bort dem."),
    "missing-column": (E, "Kolumnen '{expected}' saknas i tabellen {table}. Återställ rubriken exakt som den var."),
    "missing-id": (E, "{field} saknas på en rad som används. Fyll i ett unikt id eller ta bort raden."),
    "invalid-id": (E, "{field} '{found}' är inte ett tal. Skriv målets nummer, t.ex. 1."),
    "missing-value": (E, "{field} saknas{item_suffix}. Fyll i cellen."),
    "duplicate-id": (E, "{field} '{found}' finns redan (första gången i {first}). Varje id måste vara unikt."),
    "invalid-choice": (E, "{field} '{found}' är inget giltigt val. Välj något av: {expected}."),
    "invalid-number": (E, "{field} '{found}' är inte ett tal. Skriv ett tal, t.ex. 1 234 eller 12,5."),
    "invalid-setting": (E, "Inställningen '{field}' har värdet '{found}', som inte går att läsa. "
                           "Skriv {expected}."),
    "invalid-periodicity": (E, "Periodiciteten '{found}' för {item_id} går inte att läsa. Skriv t.ex. "
                               "'Tertial: aug, dec', 'Tertial' eller 'År'."),
    "invalid-target": (E, "Målvärdet '{found}' för {item_id} passar inte värdetypen {expected}. Skriv t.ex. "
                          "90 för antal, 40 % för andel eller Ja för Ja/Nej."),
    "invalid-baseline": (E, "Utfallet basår '{found}' för {item_id} passar inte värdetypen {expected}. Lämna "
                            "cellen tom och skriv orsaken i 'Orsak saknat utfall' om uppgiften saknas."),
    "invalid-date": (E, "{field} '{found}' för {item_id} är inget datum. Skriv {expected}."),
    "unknown-goal": (E, "Delmål {item_id} hör till mål {found}, som inte finns i tabellen Mål. "
                        "Finns: {expected}."),
    "indicator-without-sub-goal": (E, "Indikator {item_id} saknar delmål. Skriv delmålets id (t.ex. 1.1)."),
    "unknown-sub-goal": (E, "Indikator {item_id} hänvisar till delmål '{found}', som inte finns. "
                            "Finns: {expected}."),
    "indicator-without-unit": (E, "Indikator {item_id} har ingen ansvarig verksamhet. Skriv en eller flera "
                                  "verksamhets-id, åtskilda med komma."),
    "unknown-unit": (E, "Verksamheten '{found}' ({item_id}) finns inte i tabellen Verksamheter. "
                        "Finns: {expected}."),
    "share-above-100": (E, "{field} {found} för {item_id} är en andel över 100 %. Skriv en andel mellan "
                           "0 % och 100 %."),
    "negative-value": (E, "{field} {found} för {item_id} är negativt. Förväntat: {expected}."),
    "missing-target": (W, "Indikator {item_id} saknar målvärde. Ange målvärdet för planåret."),
    "single-unit-aggregation": (W, "Indikator {item_id} har sammanvägningen 'En verksamhet' men flera "
                                   "ansvariga ({found}). Välj en annan sammanvägning eller en verksamhet."),
    "measurement-not-applicable": (W, "{field} '{found}' för {item_id} används inte: värdetypen {kind} mäts "
                                      "inte. Töm cellen."),
    "invalid-decimals": (E, "{field} '{found}' för {item_id} går inte att använda. Skriv {expected}."),
    "missing-decimals": (E, "Indikator {item_id} har värdetypen Tal men inget antal decimaler. Skriv hur många "
                            "decimaler värdet får ha (0–6) i kolumnen {field}."),
    "count-decimals": (E, "Indikator {item_id} har värdetypen Antal, som alltid är ett heltal, men {found} "
                          "decimaler. Välj värdetypen Tal för ett tal med decimaler, eller töm cellen."),
    "decimals-not-applicable": (W, "{field} {found} för {item_id} används inte: värdetypen {kind} har inga "
                                   "decimaler. Töm cellen."),
    "missing-weights": (E, "Indikator {item_id} vägs samman med viktat medelvärde, men vikt saknas för {found}. "
                           "Ange en vikt per ansvarig verksamhet på fliken Vikter, eller välj en annan "
                           "sammanvägning."),
    "invalid-weight": (E, "{field} {found} för {item_id} går inte att använda. Skriv {expected}."),
    "weight-unknown-indicator": (E, "Vikten gäller indikator '{found}', som inte finns på fliken Indikatorer. "
                                    "Rätta indikator-id eller ta bort raden."),
    "weight-unit-not-responsible": (W, "Verksamheten {found} har en vikt för {item_id} men är inte ansvarig "
                                       "för indikatorn; vikten används inte."),
    "duplicate-weight": (E, "Verksamheten {found} har redan en vikt för {item_id} (första gången i {first}). "
                            "Varje verksamhet ska ha en vikt per indikator: ta bort den extra raden."),
    "weight-unused": (W, "Indikator {item_id} har vikter men sammanvägningen är inte Viktat medelvärde ({found}); "
                         "vikterna används inte."),
    "invalid-verdict-period": (W, "Perioden '{found}' i bedömningen av {item_id} går inte att läsa, så "
                                  "bedömningen används inte. Skriv {expected}."),
    "end-date-before-year": (W, "Slutdatum {found} för uppdrag {item_id} ligger före planåret {year}: uppdraget "
                                "räknas som försenat tills det rapporteras Genomförd eller Avfört. Ändra "
                                "slutdatumet om fullmäktige har förlängt uppdraget."),
    # ---- the plan document's texts (sheet Plantexter) ----
    "invalid-text-place": (E, "{field} '{found}' går inte att läsa. Skriv {expected}."),
    "text-goal-unknown": (E, "Texten hör till mål {found}, som inte finns i tabellen Mål. Finns: {expected}."),
    "text-section-no-heading": (W, "Avsnitt {found} har ingen rubrik och visas i dokumentet bara med sitt "
                                   "nummer. Lägg till en rad med Typ Rubrik för avsnittet."),
    "text-heading-twice": (W, "Avsnitt {found} har mer än en rubrik; dokumentet använder den första "
                              "({expected}). Ändra Typ till Stycke eller ta bort raden."),
    "text-heading-in-goal": (W, "Ett mål får sin rubrik från tabellen Mål, så rubriken för {found} används "
                                "inte. Ändra Typ till Formulering eller Stycke, eller ta bort raden."),
    "old-goal-narrative": (W, "Kolumnen {field} i tabellen Mål läses inte längre: målens beskrivande text "
                              "skrivs nu på bladet Plantexter (Avsnitt Mål 1, Mål 2 ..., ett stycke per rad). "
                              "Flytta texten dit och ta sedan bort kolumnen."),
    # ---- budget amounts read from the master (the budget rules' texts are in toolkit.texts.budget) ----
    "amount-not-number": (E, "{field} '{found}' är inte ett belopp. Skriv ett tal i tkr, t.ex. 1 250."),
}



def _merge_area_catalogs() -> None:
    """Each area keeps its finding texts in its own module (``toolkit.texts.<area>.FINDINGS``)."""
    import importlib

    for area in ("validate", "collect", "budget", "consolidate", "history"):
        try:
            module = importlib.import_module(f"toolkit.texts.{area}")
        except ModuleNotFoundError as exc:
            if exc.name != f"toolkit.texts.{area}":
                raise
            continue
        for code, entry in getattr(module, "FINDINGS", {}).items():
            if code in MESSAGES and MESSAGES[code] != entry:
                raise RuntimeError(f"finding code {code} is defined twice with different texts")
            MESSAGES[code] = entry


_merge_area_catalogs()
