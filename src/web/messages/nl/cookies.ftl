# Cookies, gegevens buiten de kluis en opschonen. Houd de sleutels gelijk met en/cookies.ftl.
cookie-title = Cookies
cookie-intro = De cookies en vergelijkbare technieken op uw website. Uw privacyverklaring noemt precies deze. Zonder cookies heeft de verklaring geen stukje over cookies.
cookie-link = Cookies op uw website
cookie-add = Cookie toevoegen
cookie-none = U heeft nog geen cookies vastgelegd.
cookie-edit-title = Cookie { $name } wijzigen
cookie-remove = Cookie verwijderen
cookie-remove-title = Cookie { $name } verwijderen
cookie-remove-intro = { $name } wordt verwijderd. De privacyverklaring noemt deze cookie dan niet meer.
cookie-name = Naam
cookie-name-help = De naam zoals de browser hem toont, bijvoorbeeld _ga. Zonder spaties.
cookie-name-fixed = De naam kan niet veranderen. Heet de cookie anders, verwijder hem dan en voeg hem opnieuw toe.
cookie-provider = Van wie
cookie-provider-help = Wie de cookie plaatst: uw eigen bedrijf, of een dienst zoals Google.
cookie-kind = Soort
cookie-kind-help = Voor statistiek en reclame is toestemming van de bezoeker nodig. De verklaring zegt dat.
cookie-kind-functional = Nodig voor de website
cookie-kind-analytics = Statistiek
cookie-kind-marketing = Reclame
cookie-needs-consent = toestemming nodig
cookie-consent-undeclared = nog niet aangegeven of uw website eerst toestemming vraagt
cookie-retention-heading = Hoe lang blijft de cookie?
cookie-session = Verdwijnt als de browser sluit
cookie-session-short = tot de browser sluit
cookie-retention = Bewaartermijn
cookie-retention-help = Als hij niet verdwijnt bij het sluiten: een getal en een letter. 13m is 13 maanden, 1y is 1 jaar, 30d is 30 dagen.
cookie-purpose = Waarvoor
cookie-purpose-help = Wat de cookie doet, in de woorden van uw privacyverklaring. Bijvoorbeeld "Uw winkelmandje onthouden".
cookie-purpose-en = Waarvoor (Engels)
cookie-no-english = nog geen Engelse tekst
cookie-country = Land
cookie-country-help = Waar de aanbieder de gegevens verwerkt. Leeg als u het niet weet.
cookie-country-none = — geen land —
cookie-safeguard-help = Alleen als het land van de aanbieder buiten de Europese Economische Ruimte ligt: de aanbieder krijgt dan gegevens van de bezoeker daar. Een uitzondering van artikel 49 kan niet bij een cookie, want die stuurt bij elk bezoek gegevens.
cookie-error-no-country = Kies eerst het land van de aanbieder. Een waarborg hoort alleen bij een land buiten de EER.
cookie-error-derogation = Een uitzondering van artikel 49 kan niet bij een cookie. Kies een andere waarborg, of een aanbieder in de EER.
cookie-consent-asked = Mijn website vraagt eerst toestemming
cookie-consent-asked-help = Zet dit alleen aan als uw website de bezoeker om toestemming vraagt voordat hij deze cookie plaatst, bijvoorbeeld met een cookiebanner. Voor statistiek en reclame is dat verplicht. Pas dan belooft de privacyverklaring "alleen met uw toestemming".
cookie-error-name = Vul een naam in zonder spaties, van hoogstens 100 tekens.
cookie-error-exists = Er is al een cookie { $name }.
cookie-error-empty = Dit vak mag niet leeg zijn.
cookie-error-retention = Vink "Verdwijnt als de browser sluit" aan, of schrijf een termijn zoals 13m, 1y of 30d.
cookie-error-country = Kies een land uit de lijst.
cookie-error-nothing = U heeft niets veranderd.
outside-title = Buiten de kluis
outside-heading = Gegevens die u buiten de kluis bewaart
outside-category = Buiten de kluis { $number }
outside-category-help = Persoonsgegevens die dit doel ergens anders bewaart, bijvoorbeeld "Camerabeelden van de winkel". Maak een regel leeg om hem te verwijderen.
outside-category-en = Buiten de kluis { $number } (Engels)
outside-error-without-text = Vul ook de Nederlandse tekst in, of maak de Engelse leeg.
legacy-title = Oude teksten over ontvangers
legacy-heading = Oude teksten over ontvangers
legacy-text = Oude tekst { $number }
legacy-help = Een oudere kluis schreef ontvangers als vrije tekst. De privacyverklaring neemt die niet over. Leg elke ontvanger opnieuw vast, met rol en land, en vergeet daarna deze teksten.
legacy-drop = Vergeet deze oude teksten
legacy-drop-help = Vink dit pas aan als elke ontvanger opnieuw is vastgelegd.
legacy-restate = Ontvanger vastleggen voor dit doel
legacy-fix = Opnieuw vastleggen
recipients-edit-title = Ontvanger { $name } wijzigen
recipients-name-fixed = De naam blijft. Heet de ontvanger anders, verwijder hem dan en voeg hem opnieuw toe.
recipients-remove-all = Ontvanger verwijderen
purge-title = Opschonen
purge-intro = Gegevens waarvan de bewaartermijn van elk doel voorbij is, moeten weg. Hier ziet u wat er vandaag verdwijnt, per veld. Een klant zonder gegevens verdwijnt helemaal.
purge-field = Veld
purge-count = Aantal klanten
purge-records = { $count ->
    [one] 1 klant verdwijnt helemaal.
   *[other] { $count } klanten verdwijnen helemaal.
}
purge-warning = { $count ->
    [one] 1 gegeven wordt gewist. Dat kan niet ongedaan worden gemaakt.
   *[other] { $count } gegevens worden gewist. Dat kan niet ongedaan worden gemaakt.
}
purge-confirm = Nu wissen
purge-nothing = Er is vandaag niets om te wissen.
purge-done = Gewist: { $values } gegevens, { $records } klanten helemaal.
purge-done-next = Dit is gewist. Ook de reservekopie is bijgewerkt.
