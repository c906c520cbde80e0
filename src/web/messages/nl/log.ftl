# De pagina Logboek: wat er met de kluis gebeurde, nieuwste eerst.
log-title = Logboek
log-intro = Wat er met de kluis gebeurde, het nieuwste eerst. Het logboek noemt klantnummers, velden en doelen, nooit wat er in een veld staat.
log-count = { $count } regels
log-at = Wanneer (UTC)
log-action = Wat
log-record = Klant
log-fields = Velden
log-purpose = Doel
log-detail = Toelichting
log-empty = Het logboek is nog leeg.
log-newer = Nieuwer
log-older = Ouder
