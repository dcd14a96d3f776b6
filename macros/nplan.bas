Attribute VB_Name = "nplan"
' nplan: knappar i masterfilen. Varje makro anropar Python-biblioteket via xlwings (RunPython).
' Inställningarna (period, inkorg, utdatamapp, databas, Word-mall, PDF) läses från bladet Inställningar.
' Resultatet skrivs i bladet Körlogg. Kräver xlwings-tillägget (se macros/README.md).
Option Explicit

' Skapa verksamheternas returer för den aktuella perioden.
Public Sub SkapaReturer()
    RunPython "import toolkit.xl as x; x.create_returns()"
End Sub

' Granska alla returer i inkorgen (ingenting sparas i historiken).
Public Sub GranskaInkorg()
    RunPython "import toolkit.xl as x; x.validate_inbox()"
End Sub

' Samla in periodens returer till historikdatabasen.
Public Sub SamlaIn()
    RunPython "import toolkit.xl as x; x.collect()"
End Sub

' Skriv påminnelser (osända mejl, .eml) till verksamheter som saknar godkänd retur.
Public Sub Paminn()
    RunPython "import toolkit.xl as x; x.remind()"
End Sub

' Sammanställ nämndens rapport för perioden.
Public Sub Sammanstall()
    RunPython "import toolkit.xl as x; x.consolidate()"
End Sub

' Kontrollera budgetkapitlen 5.1-5.4.
Public Sub KontrolleraBudget()
    RunPython "import toolkit.xl as x; x.budget_check()"
End Sub

' Skriv ekonomernas budgetrapport för perioden.
Public Sub Budgetrapport()
    RunPython "import toolkit.xl as x; x.budget_report()"
End Sub

' Skriv nämndplanen som Word-dokument (och PDF om inställningen säger Ja).
Public Sub SkrivNamndplanen()
    RunPython "import toolkit.xl as x; x.plan_document()"
End Sub
