# De pagina Controle: wat kluis check vindt, met waar u het oplost.
check-title = Controle
check-summary = { $errors } fouten, { $warnings } waarschuwingen
check-error = Fout
check-warning = Let op
check-fix = Oplossen
check-all-good = Alles is in orde.
check-code-no-profile = Uw gegevens als organisatie ontbreken
check-code-law-missing = Een doel noemt de wet niet
check-code-purpose-without-fields = Een doel heeft geen velden
check-code-manual-retention = Bewaartermijn zelf nagaan
check-code-unused-field = Een veld wordt niet gebruikt
check-code-past-retention = Gegevens zijn langer bewaard dan mag
check-code-required-consent = Een verplicht veld hangt af van toestemming
check-code-special-category = Bijzondere gegevens
check-code-consent-missing = Gegevens zonder toestemming
check-code-bsn = Burgerservicenummer (BSN)
check-code-bsn-type = Een BSN-veld zonder BSN-controle
check-code-profiling-undeclared = Niet gezegd of een doel profielen maakt
check-code-retention-note-only = Bewaren alleen uitgelegd in een notitie
check-code-kept-after-withdrawal = Bewaard na intrekken van toestemming
check-code-looks-like-profiling = Een veld lijkt op een profiel of score
check-code-statement-stale = De privacyverklaring is verouderd
check-code-statement-incomplete = De privacyverklaring kan nog niet gemaakt worden

# Wat een bevinding precies zegt. Namen van doelen en velden komen uit de kluis zelf.
check-detail-no-profile = Vul de naam, het adres en het e-mailadres van uw organisatie in. De privacyverklaring heeft ze nodig.
check-detail-law-missing = Het doel { $purpose } is een wettelijke plicht, maar noemt niet welke wet. Vul de wet in bij het doel.
check-detail-purpose-without-fields = Het doel { $purpose } heeft geen velden. Koppel velden aan het doel, of verwijder het.
check-detail-manual-retention = Voor het doel { $purpose } kan kluis niet uitrekenen wanneer gegevens weg moeten. Kijk zelf af en toe welke gegevens weg kunnen.
check-detail-manual-retention-contract = Het doel { $purpose } bewaart tot het einde van de overeenkomst. Dat weet kluis niet. Kijk zelf af en toe welke gegevens weg kunnen.
check-detail-unused-field = Geen enkele klant heeft iets ingevuld bij { $field }. Heeft u dit veld nodig?
check-detail-past-retention = Bij { $field } zijn gegevens langer bewaard dan de bewaartermijn toestaat, bij { $count ->
        [one] klant { $records }
       *[other] { $count } klanten ({ $records })
    }. Wis deze gegevens.
check-detail-required-consent = Het veld { $field } is verplicht, maar dient alleen doelen met toestemming. Toestemming is vrijwillig, dus maak het veld niet verplicht.
check-detail-special-category = Het veld { $field } bevat bijzondere gegevens ({ $special }). Uitzondering: { $art9 }. Waarschijnlijk moet u eerst een DPIA doen (een risicoanalyse).
check-detail-consent-missing = Het veld { $field } mag alleen met toestemming, maar { $count ->
        [one] klant { $records } heeft
       *[other] { $count } klanten ({ $records }) hebben
    } geen toestemming gegeven. Leg de toestemming vast, of maak het veld leeg.
check-detail-consent-missing-explicit = Het veld { $field } bevat bijzondere gegevens en mag alleen met uitdrukkelijke toestemming, maar { $count ->
        [one] klant { $records } heeft
       *[other] { $count } klanten ({ $records }) hebben
    } die niet gegeven. Leg de toestemming vast, of maak het veld leeg.
check-detail-bsn = Het veld { $field } bevat burgerservicenummers. Dat mag alleen als een wet het vraagt: { $laws }.
check-detail-bsn-no-law = Het veld { $field } bevat burgerservicenummers. Dat mag alleen als een wet het vraagt, en geen doel van het veld noemt een wet.
check-detail-bsn-type = Het veld { $field } heet een BSN, maar kluis controleert de nummers niet (elfproef). Maak een nieuw veld van het soort BSN, zet de nummers over en verwijder het oude veld.
check-detail-profiling-undeclared = Het doel { $purpose } zegt niet of u profielen maakt of automatisch beslist over mensen. Beantwoord die vraag bij het doel.
check-detail-retention-note-only = Het doel { $purpose } legt de bewaartermijn alleen uit in een notitie. Kies ook een termijn of een moment, zodat kluis kan tellen.
check-detail-kept-after-withdrawal = Het doel { $purpose } bewaart gegevens nog een termijn nadat de toestemming is ingetrokken, terwijl het doel dan nergens meer op rust. Bewaar ze tot het intrekken, of bewaar het bewijs van toestemming onder een eigen doel.
check-detail-looks-like-profiling = Het veld { $field } lijkt op een score of profiel, maar geen van zijn doelen zegt dat het profielen maakt. Is het een profiel? Zeg het dan bij het doel.
check-detail-statement-incomplete = { $count ->
        [one] De privacyverklaring mist nog 1 gegeven dat u niet hebt ingevuld. Op de pagina van de privacyverklaring staat welk, en waar u het invult.
       *[other] De privacyverklaring mist nog { $count } gegevens die u niet hebt ingevuld. Op de pagina van de privacyverklaring staat welke, en waar u ze invult.
    }
check-detail-statement-stale = Sinds u de privacyverklaring publiceerde, is er iets veranderd: { $changes }. Bekijk de verschillen en publiceer opnieuw.
check-stale-added-purposes = nieuwe doelen { $purposes } (vertel mensen dit voordat u begint)
check-stale-removed-purposes = { $count ->
        [one] 1 doel weg
       *[other] { $count } doelen weg
    }
check-stale-added-fields = { $count ->
        [one] 1 veld erbij
       *[other] { $count } velden erbij
    }
check-stale-removed-fields = { $count ->
        [one] 1 veld weg
       *[other] { $count } velden weg
    }
check-stale-changed-settings = { $count ->
        [one] 1 instelling anders
       *[other] { $count } instellingen anders
    }
check-code-request-due-soon = Een verzoek moet binnenkort beantwoord zijn
check-code-request-overdue = Een verzoek is over de termijn
check-code-objected-values = Gegevens waar iemand bezwaar tegen maakte
check-detail-request-due-soon = Verzoek { $request } ({ $kind }) van klant { $record } moet uiterlijk { $due } beantwoord zijn, over { $days ->
        [one] 1 dag
       *[other] { $days } dagen
    }.
check-detail-request-overdue = Verzoek { $request } ({ $kind }) van klant { $record } moest uiterlijk { $due } beantwoord zijn. Beantwoord het zo snel mogelijk.
check-detail-objected-values = Klant { $record } maakte bezwaar tegen elk doel van { $fields }. Niets gebruikt deze gegevens nog: wis ze.
check-request-kind-access = inzage
check-request-kind-rectification = correctie
check-request-kind-erasure = verwijderen
check-request-kind-restriction = beperking
check-request-kind-portability = gegevens meenemen
check-request-kind-objection = bezwaar
check-request-kind-withdraw-consent = toestemming intrekken
