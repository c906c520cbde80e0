# Dutch words of the import pages, in plain B1 language. Keep the keys in step with en/import.ftl.
import-title = Klanten importeren
import-intro = Kies een CSV- of Excel-bestand met uw klanten. kluis leest het bestand alleen in het geheugen en bewaart het nergens. U ziet eerst wat er gaat gebeuren. Pas daarna importeert u echt.
import-file = Bestand (CSV, Excel, LibreOffice of vCard uit Contacten)
import-sheet = Welk blad wilt u importeren?
import-no-header = De eerste rij bevat al klanten, geen kolomnamen
import-upload = Bestand lezen
import-no-file = Kies eerst een bestand. Een leeg bestand kan kluis niet lezen.
import-continue = Verder met { $file }
import-cancel = Stoppen en het bestand vergeten
import-error-empty = Dit bestand is leeg.
import-error-header-only = In dit bestand staan alleen kolomnamen, geen klanten.
import-error-format = Dit is geen CSV-, Excel-, LibreOffice- of vCard-bestand.
import-error-protected = Dit bestand heeft een wachtwoord. Haal het wachtwoord eraf in Excel en probeer het opnieuw.
import-error-sheet = Dit bestand heeft meer bladen. Kies het blad en kies het bestand daarna opnieuw.
import-error-header-data = { $row ->
    [1] In de eerste rij staan
   *[other] In rij { $row }, gelezen als de kolomnamen, staan
} gegevens (kolom { $column }), geen kolomnamen. Heeft het bestand geen kolomnamen? Zet dan het vinkje hieronder aan en kies het bestand opnieuw.
import-map-title = Kolommen kiezen
import-header-unrecognised = kluis herkent geen van de kolomnamen. Staat in de eerste rij misschien al een klant? Dan telt die rij nu niet mee. Ga terug, zet het vinkje "{ import-no-header }" aan en kies het bestand opnieuw.
import-file-read = { $file }: { $rows } rijen gelezen.
import-preview = Voorbeeld: de eerste rijen
import-row = Rij
import-columns = Kolommen
import-column = Kolom
import-field = Komt in veld
import-map-intro = kluis bewaart alleen wat u kiest. Kies bij elke kolom het veld waar hij in komt, of kies "niet importeren".
import-choose = — kies —
import-skip = niet importeren
import-guessed = kluis herkende deze kolom. Klopt het niet? Kies dan iets anders.
import-choose-column = Kies een veld of "niet importeren".
import-field-twice = Meer kolommen gaan naar het veld { $field }. Kies er één.
import-fix-columns = Kies bij elke rode kolom wat ermee moet gebeuren.
import-required = Het veld { $field } is verplicht. Kies de kolom waar het in staat.
import-on-duplicate = Wat als het e-mailadres al in de kluis staat?
import-duplicate-skip = Laat de klant die er al is zoals hij is
import-duplicate-update = Vul de klant die er al is aan met de nieuwe gegevens
import-duplicate-keep-both = Maak toch een nieuwe klant
import-on-invalid = Wat als een rij een fout heeft?
import-invalid-reject = Importeer niets tot alle rijen goed zijn
import-invalid-skip = Importeer alleen de goede rijen
import-consents = Toestemming
import-consents-help = Zet hier alleen een vinkje als iedereen in dit bestand deze toestemming gaf, en u dat kunt laten zien.
import-dry-run = Controleren (er wordt nog niets bewaard)
import-summary-title = Zo gaat het importeren
import-summary-intro = Dit is een proef met { $file }. Er is nog niets bewaard.
import-rows-read = Rijen in het bestand: { $count }
import-would-add = Nieuwe klanten: { $count }
import-would-update = Klanten die er al zijn en worden aangevuld: { $count }
import-duplicates-skipped = Klanten die er al zijn en blijven zoals ze zijn: { $count }
import-duplicates-kept = Klanten die er al zijn en toch nieuw worden gemaakt: { $count }
import-empty-rows = Lege rijen, overgeslagen: { $count }
import-invalid-skipped = Rijen met een fout, overgeslagen: { $count }
import-consents-given = Toestemmingen vastgelegd: { $count }
import-refused-intro = { $rows } rijen hebben een fout. Daarom wordt er nu niets geïmporteerd. Verbeter het bestand en kies het opnieuw. Of ga terug naar de kolommen en kies "Importeer alleen de goede rijen".
import-problems-title = Rijen met een fout
import-rule = Wat is er mis
import-problems-more = En nog { $count } fouten.
import-back-to-mapping = Terug naar de kolommen
import-notes = Hoe kluis het bestand las
import-run = Nu importeren
import-done-title = Klaar met importeren
import-added = Toegevoegd: { $count } klanten
import-updated = Aangevuld: { $count } klanten
import-duplicates-left = Stonden er al in en zijn niet veranderd: { $count } klanten
import-delete-original = Let op: het bestand { $file } staat nog op uw computer, en daar kan iedereen het lezen. De klanten staan nu veilig in de kluis. Gooi het bestand nu weg en maak daarna de prullenbak leeg. Denk ook aan kopieën, bijvoorbeeld in Downloads of in uw e-mail.
import-to-customers = Naar de klanten
import-skip-rest = Alle kolommen zonder keuze: niet importeren
import-problem-required = Leeg, maar het veld { $field } is verplicht.
import-problem-needs-consent = Het veld { $field } bevat bijzondere gegevens. Die mogen alleen met uitdrukkelijke toestemming voor { $purpose }. Laat deze kolom weg, of vul ze later per klant in na de toestemming.
import-nothing-mapped = Geen enkele kolom gaat naar een veld. Kies bij minstens één kolom een veld.
import-nothing-imported = Er zou niets worden ingelezen. Van de { $rows } rijen zijn er { $invalid } ongeldig, { $duplicates } dubbel en { $empty } leeg in de gekozen kolommen. Kies bij "Wat als een rij een fout heeft?" voor "Importeer niets tot alle rijen goed zijn" om te zien wat er mis is.
import-problem-consent-date = Deze datum van toestemming ligt na vandaag.
# Hoe kluis het bestand las (de notities van de lezer).
import-note-format-mismatch = De naam van het bestand eindigt op .{ $extension }, maar het is { $format ->
        [CSV] een tekstbestand met kolommen
        [vCard] een vCard-bestand
       *[other] een { $format }-werkmap
    }. kluis heeft het zo gelezen.
import-note-bom-encoding = Het bestand begint met een teken voor { $bom }. Daarom heeft kluis het gelezen als { $bom } en niet als { $requested }.
import-note-sheet-ignored = Dit is een tekstbestand zonder bladen. De keuze voor een blad is niet gebruikt.
import-note-delimiter-sep = Scheidingsteken { $delimiter }: dat stond in de eerste regel (sep=). kluis heeft die regel overgeslagen.
import-note-delimiter-detected = Scheidingsteken gevonden: { $delimiter }
import-note-no-delimiter = Geen scheidingsteken gevonden. Elke regel is gelezen als één kolom.
import-note-lines-windows-1252 = { $count ->
        [one] Regel { $lines } was geen geldige UTF-8. kluis heeft hem gelezen als Windows-1252.
       *[other] Regels { $lines } waren geen geldige UTF-8. kluis heeft ze gelezen als Windows-1252.
    }
import-note-file-windows-1252 = Het bestand is geen UTF-8. kluis heeft het gelezen als Windows-1252.
import-note-delimiter-encoding-ignored = Een scheidingsteken en tekenset gelden niet voor een werkmap. kluis heeft ze niet gebruikt.
import-note-other-sheets-empty = kluis heeft blad „{ $sheet }” gelezen. { $others ->
        [one] Het andere blad is leeg.
       *[other] De andere { $others } bladen zijn leeg.
    }
import-note-rows-padded = { $count ->
        [one] Rij { $rows } had minder cellen dan er kolommen zijn. kluis heeft lege cellen toegevoegd.
       *[other] Rijen { $rows } hadden minder cellen dan er kolommen zijn. kluis heeft lege cellen toegevoegd.
    }
import-note-unnamed-columns = { $count ->
        [one] Kolom { $columns } heeft geen naam. Hij heet nu { $names }.
       *[other] Kolommen { $columns } hebben geen naam. Ze heten nu { $names }.
    }
import-note-empty-columns = { $count ->
        [one] 1 lege kolom zonder naam is weggelaten.
       *[other] { $count } lege kolommen zonder naam zijn weggelaten.
    }
import-note-header-taken = De kolomnamen staan in rij { $row }.
import-note-header-found = De kolomnamen staan in rij { $row }. De rijen erboven ({ $rows }) zijn geen klanten en zijn weggelaten.
import-note-header-row-given = De kolomnamen staan in rij { $row }, zoals u koos. De rijen erboven ({ $rows }) zijn weggelaten.
import-note-notes-rows = { $count ->
        [one] Rij { $rows } is weggelaten. Daar staat een opmerking of een totaal, geen klant.
       *[other] Rijen { $rows } zijn weggelaten. Daar staan opmerkingen of totalen, geen klanten.
    }
import-note-vcard-contacts = { $count ->
        [one] 1 contact gelezen uit het vCard-bestand.
       *[other] { $count } contacten gelezen uit het vCard-bestand.
    }
import-note-yearless-birthdays = { $count ->
        [one] Rij { $rows }: de verjaardag heeft geen jaar. kluis heeft hem leeg gelaten.
       *[other] Rijen { $rows }: de verjaardag heeft geen jaar. kluis heeft hem leeg gelaten.
    }
import-note-first-contact-only = { $count ->
        [one] Rij { $rows }: kluis heeft alleen het eerste e-mailadres en het eerste telefoonnummer overgenomen (een mobiel nummer eerst).
       *[other] Rijen { $rows }: kluis heeft alleen het eerste e-mailadres en het eerste telefoonnummer overgenomen (een mobiel nummer eerst).
    }
import-note-list-more = { $list } en nog { $more } andere
import-note-tab = tab
import-note-space = spatie
import-note-byte = teken { $code }
import-date-order = Hoe staan de datums in het bestand?
import-date-order-auto = Laat kluis het zien aan de datums
import-date-order-dmy = Dag eerst: 31-12-1980, zoals in Nederland
import-date-order-mdy = Maand eerst: 12/31/1980, zoals in Amerika
import-date-order-ambiguous = De datums in { $columns } kunnen dag-maand of maand-dag zijn (zoals 3/4/1975). Geen datum laat zien welke. Kies hieronder hoe de datums in het bestand staan.
import-date-order-conflict = De kolom { $column } heeft datums met de dag eerst (rij { $day }) en met de maand eerst (rij { $month }). Verbeter het bestand, of kies hieronder één volgorde: datums die daar niet in passen, worden dan een fout in hun rij.
