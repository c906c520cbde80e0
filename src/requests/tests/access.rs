//! One test per item of Art. 15 the access letter must hold, over a schema with a transfer
//! (Mailchimp, US, Data Privacy Framework), a third-party source (Graydon) and a declared
//! profiling purpose (the credit check).

use super::*;

fn letter(lang: Lang) -> String {
    let mut conn = bakery();
    let (jan, _) = jan_and_piet(&conn);
    let id = add(&conn, &new(Kind::Access, jan)).unwrap().id;
    answer(&mut conn, id, lang).letter.render(Format::Txt)
}

#[test]
fn art_15_3_a_copy_of_every_value() {
    let text = letter(Lang::Nl);
    for line in [
        "Naam: Jan de Vries",
        "E-mailadres: jan@example.nl",
        "Telefoonnummer: +31612345678",
        "Kredietscore: 7",
    ] {
        assert!(text.contains(line), "{line} in {text}");
    }
}

#[test]
fn art_15_1_a_each_purpose_and_its_basis() {
    let text = letter(Lang::Nl);
    for purpose in [
        "Bestellingen aannemen, bezorgen en factureren",
        "Een nieuwsbrief sturen over nieuwe producten",
        "De fiscale administratie bewaren",
        "Kredietwaardigheid controleren",
    ] {
        assert!(text.contains(purpose), "{purpose} in {text}");
    }
    assert!(text.contains("Grondslag: Toestemming."), "{text}");
    assert!(
        text.contains("Ons belang: Voorkomen dat we leveren aan wie niet betaalt"),
        "{text}"
    );
    assert!(
        !text.contains("Rekening houden met allergieën"),
        "a purpose without Jan's data: {text}"
    );
}

#[test]
fn art_15_1_b_the_categories_of_the_persons_data() {
    let text = letter(Lang::En);
    assert!(text.contains("Which data: Credit score"), "{text}");
    assert!(
        text.contains("Which data: E-mail address, Name, Phone number"),
        "{text}"
    );
    assert!(!text.contains("Postcode"), "Jan has no postcode: {text}");
}

#[test]
fn art_15_1_c_and_15_2_recipients_by_name_with_country_and_safeguard() {
    let text = letter(Lang::En);
    assert!(text.contains("Mailchimp"), "{text}");
    assert!(text.contains("Boekhouder Van Dijk"), "{text}");
    assert!(text.contains("United States"), "{text}");
    assert!(text.contains("Data Privacy Framework"), "{text}");
}

#[test]
fn art_15_1_d_the_retention_with_the_end_date_for_this_person() {
    let text = letter(Lang::Nl);
    // Record made 10 January 2026; the tax records keep it seven years, the credit check one.
    assert!(
        text.contains("Voor u: we bewaren uw gegevens hiervoor tot 10 januari 2033."),
        "{text}"
    );
    assert!(
        text.contains("Voor u: we bewaren uw gegevens hiervoor tot 10 januari 2027."),
        "{text}"
    );
    assert!(
        text.contains("Voor u: we bewaren uw gegevens hiervoor zolang uw toestemming geldt."),
        "{text}"
    );
    assert!(text.contains("Hoe lang we ze bewaren: 7 jaar"), "{text}");
}

#[test]
fn art_15_1_e_the_rights_to_rectification_erasure_restriction_and_objection() {
    let text = letter(Lang::Nl);
    for right in [
        "Recht op correctie",
        "Recht op verwijdering",
        "Recht op beperking",
        "Recht van bezwaar",
    ] {
        assert!(text.contains(right), "{right} in {text}");
    }
}

#[test]
fn art_15_1_f_the_complaint_route_to_the_autoriteit_persoonsgegevens() {
    let text = letter(Lang::Nl);
    assert!(text.contains("Postbus 93374, 2509 AJ Den Haag"), "{text}");
}

#[test]
fn art_15_1_g_the_source_of_data_that_did_not_come_from_the_person() {
    let text = letter(Lang::En);
    assert!(
        text.contains("Credit score: we get this from Graydon"),
        "{text}"
    );
    assert!(
        !text.contains("Note on an unpaid order"),
        "Jan has no such note: {text}"
    );
}

#[test]
fn art_15_1_h_profiling_with_its_logic_and_effect() {
    let text = letter(Lang::En);
    assert!(
        text.contains("A score from 1 to 10 based on payment history"),
        "{text}"
    );
    assert!(
        text.contains("With a low score we ask for payment in advance"),
        "{text}"
    );
}

#[test]
fn the_persons_consents_with_their_dates() {
    let text = letter(Lang::Nl);
    assert!(
        text.contains("Een nieuwsbrief sturen over nieuwe producten: gegeven op 10 januari 2026."),
        "{text}"
    );
}

#[test]
fn the_letter_holds_nobody_elses_data() {
    for lang in [Lang::Nl, Lang::En] {
        let text = letter(lang);
        for other in ["Piet", "piet@example.be", "9999"] {
            assert!(!text.contains(other), "{other} in {text}");
        }
    }
}

#[test]
fn the_letter_has_the_controller_as_sender_and_the_request_date() {
    let text = letter(Lang::Nl);
    assert!(
        text.starts_with("Uw gegevens bij Bakkerij Jansen\n"),
        "{text}"
    );
    assert!(
        text.contains("Adres: Dorpsstraat 1, 1234 AB Ergens"),
        "{text}"
    );
    assert!(
        text.contains("Uw verzoek: van 20 februari 2026, ons nummer 1"),
        "{text}"
    );
    assert!(text.contains("Datum: 2 maart 2026"), "{text}");
}

#[test]
fn an_incomplete_statement_refuses_the_access_letter() {
    let mut conn = bakery();
    let (jan, _) = jan_and_piet(&conn);
    conn.execute("UPDATE fields SET label_en = NULL WHERE name = 'phone'", [])
        .unwrap();
    let id = add(&conn, &new(Kind::Access, jan)).unwrap().id;
    let error = answer::answer(
        &mut conn,
        id,
        &Options {
            lang: Lang::En,
            ..Options::default()
        },
        at(NOW),
    )
    .unwrap_err();
    assert!(matches!(error, Error::Statement(_)), "{error}");
    assert!(register::get(&conn, id).unwrap().is_open());
}

#[test]
fn every_purpose_row_but_the_persons_own_is_the_statements_row() {
    for lang in [Lang::Nl, Lang::En] {
        let mut conn = bakery();
        let (jan, _) = jan_and_piet(&conn);
        let id = add(&conn, &new(Kind::Access, jan)).unwrap().id;
        let letter = answer(&mut conn, id, lang).letter;
        let snapshot = crate::schema::load_snapshot(&conn).unwrap();
        let statement = crate::statement::build(&snapshot, lang, date!(2026 - 03 - 02)).unwrap();
        let t = crate::statement::texts::texts(lang);
        let own = [t.l_data, super::super::texts::letter_texts(lang).l_for_you];
        let mut compared = 0;
        for section in &statement.purposes {
            let Some(shown) = letter.sections.iter().find(|s| s.heading == section.title) else {
                continue;
            };
            let theirs: Vec<_> = section
                .rows
                .iter()
                .filter(|r| !own.contains(&r.label.as_str()))
                .collect();
            let ours: Vec<_> = shown
                .rows
                .iter()
                .filter(|r| !own.contains(&r.label.as_str()))
                .collect();
            assert_eq!(ours, theirs, "{}", section.name);
            compared += 1;
        }
        assert_eq!(compared, 4, "the four purposes with Jan's data");
        let rights: Vec<(&str, &str)> = statement
            .rights
            .iter()
            .map(|r| (r.title.as_str(), r.text.as_str()))
            .collect();
        let shown = letter
            .sections
            .iter()
            .find(|s| s.heading == statement.headings.rights)
            .unwrap();
        let ours: Vec<(&str, &str)> = shown
            .rows
            .iter()
            .map(|r| (r.label.as_str(), r.value.as_str()))
            .collect();
        assert_eq!(ours, rights);
    }
}

/// Regression: Piet, who never consented to the newsletter, was told his e-mail address is
/// used for it, because the newsletter's field holds his address for orders.
#[test]
fn a_consent_purpose_is_named_only_for_someone_who_consented() {
    let mut conn = bakery();
    let (_, piet) = jan_and_piet(&conn);
    // Marked as direct marketing, the newsletter has a paragraph of its own in the statement,
    // which names it; the letter leaves that paragraph out, as it leaves out the list of
    // consent purposes.
    crate::schema::set_direct_marketing(&conn, "newsletter", true).unwrap();
    let id = add(&conn, &new(Kind::Access, piet)).unwrap().id;
    let text = answer(&mut conn, id, Lang::Nl).letter.render(Format::Txt);
    assert!(
        !text.contains("Een nieuwsbrief sturen over nieuwe producten"),
        "{text}"
    );
    assert!(
        text.contains("Bestellingen aannemen, bezorgen en factureren"),
        "{text}"
    );
}

/// What withdrawing a field's explicit consent stops names that field and its purpose; an
/// access letter for someone who never gave that consent leaves it out, as it leaves out the
/// list of consent purposes.
#[test]
fn the_explicit_consent_line_is_left_out_of_an_access_letter() {
    let mut conn = bakery();
    add_diet_under_explicit_consent(&mut conn);
    let (_, piet) = jan_and_piet(&conn);
    let id = add(&conn, &new(Kind::Access, piet)).unwrap().id;
    let text = answer(&mut conn, id, Lang::Nl).letter.render(Format::Txt);
    assert!(!text.contains("Dieetwensen"), "{text}");
}

/// Until the twelfth session the letter dropped the objection paragraph's first line, which
/// names the purposes, so its "U hebt het recht om daartegen bezwaar te maken" pointed at
/// nothing. It now names the person's own purposes on legitimate interests, and only those.
#[test]
fn the_objection_paragraph_names_the_persons_own_purposes() {
    let mut conn = bakery();
    let (jan, piet) = jan_and_piet(&conn);
    let id = add(&conn, &new(Kind::Access, jan)).unwrap().id;
    let text = answer(&mut conn, id, Lang::Nl).letter.render(Format::Txt);
    assert!(
        text.contains(
            "Voor deze doelen gebruiken we uw gegevens op basis van ons gerechtvaardigd belang: Kredietwaardigheid controleren.\n\nU hebt het recht om daartegen bezwaar te maken"
        ),
        "{text}"
    );
    assert!(!text.contains("Bijhouden wie een bestelling"), "{text}");
    // Piet is in no such purpose: no paragraph at all.
    let id = add(&conn, &new(Kind::Access, piet)).unwrap().id;
    let text = answer(&mut conn, id, Lang::Nl).letter.render(Format::Txt);
    assert!(!text.contains("daartegen"), "{text}");
}
