"""Swedish texts of `nplan demo`."""

from __future__ import annotations

# ---- files and folders of the demo (in OUTDIR) ----
RETURNS_FOLDER = "returer"
INBOX_FOLDER = "inkorg"
ARCHIVE_FOLDER = "arkiv"
# The report files are named as everywhere else (toolkit.texts.workspace).

# ---- what the simulated units send (toolkit.history.collect.make_example_inbox) ----
VAGUE_VALUE = "ungefär som förra året"  # typed where a number belongs: the invalid return
MAIL_FOLDER = "mejl-{unit}"  # attachments saved in a folder per mail
CORRECTION_FOLDER = "mejl-{unit}-rattelse"
CORRECTED_FILE = "{stem}_rattad.xlsx"

# ---- the command line ----
HELP = ("Kör hela tertialcykeln på ett exempel och lägg alla filer i OUTDIR.\n\n"
        "Masterfil -> returer -> returer ifyllda av simulerade verksamheter (en felaktig, en rättad "
        "och skickad igen, en saknas) -> insamling -> nämndens rapport. Visar var varje fil hamnar.\n\n"
        "Exempel: run = Regionala utvecklingsnämnden 2026 (nämndplanens utdrag), period 2026-T2; halsa = en "
        "påhittad hälso- och sjukvårdsnämnd 2027 med väntetider, köer, andelar, index och vikter, perioderna "
        "2027-T1 och 2027-T2.")
HELP_SEED = "Varierar de simulerade verksamheternas värden."
HELP_YEAR_END = ("Kör också årsbokslutet: returer för 2026-T3 som alla verksamheter lämnar, insamling och "
                 "årsrapport, och sedan nästa års masterfil (2027, i mappen 2027/) från historiken.")
HELP_EXAMPLE = "Exemplet som körs: run (standard) eller halsa (påhittat exempel)."
UNKNOWN_EXAMPLE = "Exemplet '{name}' finns inte. Välj något av: {known}."
STEP_PERIODS = "Perioder som samlas in"
YEAR_END_RUN_ONLY = ("Årsbokslutet (--year-end) körs på exemplet run, inte på {example}.")
NO_EXAMPLE = ("Exemplets plankälla {path} finns inte. 'nplan demo' behöver mappen examples/ från nplans "
              "källkod: installera från en klon med 'pip install -e .'.")
OUT_IS_FILE = "{path} är en fil. Ange en mapp för demons filer."
OUT_NOT_DEMO = ("Mappen {path} innehåller redan {names} men är ingen demomapp. Demon skriver över sådana "
                "filer: ange en ny eller tom mapp, t.ex. 'nplan demo demo-ut/'.")
MARKER_TEXT = ("Skapad av 'nplan demo'. Nästa körning av demon i den här mappen ersätter demons filer "
               "(master.xlsx, nämndplanen, returer/, inkorg/, arkiv/, nplan.sqlite, rapporterna, årsbokslutets "
               "filer och 2027/).\n")

EXAMPLE_VERDICT = ("Exempel, skrivet för demon: flera insatser för barn och unga är genomförda, men "
                   "barnrättsperspektivet behöver stärkas under hösten. Controllern skriver sin samlade "
                   "bedömning och motivering på bladet Samlad bedömning i masterfilen.")
EXAMPLE_VERDICT_HALSA = ("Påhittat exempel, skrivet för demon: väntetiderna minskar men är fortfarande över "
                         "målet, och kön till första besök behöver följas varje månad. Controllern skriver sin "
                         "samlade bedömning och motivering på bladet Samlad bedömning i masterfilen.")
HEADER = "Demo: hela tertialcykeln {period} på exemplet ({committee})"
STEP_MASTER = "1. Masterfil (planen)"
STEP_PLAN_DOCUMENT = "   Nämndplanen (Word)"
STEP_RETURNS = "2. Tomma returer till verksamheterna"
STEP_RETURNS_COUNT = "{path}  ({n} filer)"
STEP_INBOX = "3. Ifyllda returer (inkorgen)"
STEP_INBOX_ROLES = ("{accepted} lämnar en korrekt retur, {resubmitted} skickar en rättad retur dagen efter, "
                    "{invalid} skickar en felaktig retur och {missing} skickar ingenting.")
STEP_COLLECT = "4. Insamling: historikdatabas"
STEP_STATUS = "   Status per verksamhet"
STEP_ARCHIVE = "   Arkiv (alla mottagna filer)"
STEP_UNIT = "{unit:<8} {name:<60} {status}"
STEP_REPORT = "5. Nämndens rapport"
STEP_DOCUMENT = "   Dokument till nämnden (Word)"
STEP_BUDGET = "6. Ekonomens budgetuppföljning"
YEAR_END_RETURNS_FOLDER = "returer-{period}"
YEAR_END_INBOX_FOLDER = "inkorg-{period}"
NEXT_YEAR_FOLDER = "{year}"
YEAR_END_HEADER = "Årsbokslut {period} och nästa år ({year})"
STEP_YEAR_END_RETURNS = "7. Returer för årsbokslutet"
STEP_YEAR_END_INBOX = "   Alla verksamheter lämnar i tid"
STEP_YEAR_END_COLLECT = "8. Insamling i samma historikdatabas"
STEP_YEAR_END_REPORT = "9. Årsrapport"
STEP_ROLLOVER = "10. Nästa års masterfil"
STEP_ROLLOVER_DB = "    Databas (fil) i den"
STEP_ROLLOVER_COUNTS = ("    Från historiken: {baselines} basvärden (utfall {year}), {closed} avslutade uppdrag, "
                        "{forecasts} prognoser till 5.2. Att göra: {to_do} punkter, se bladet Årsskifte.")
NEXT_YEAR = ("Öppna nästa års masterfil och börja med bladet Årsskifte: där står vad som hämtades ur historiken och "
             "vad som återstår att fylla i.")
NEXT = ("Öppna rapporten i Excel och börja med bladet Sammanfattning; dokumentet till nämnden öppnas i Word.")
