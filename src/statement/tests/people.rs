//! Who the people are, data kept outside the vault, cookies and the security paragraph: a
//! club with minors, a camera and published photos, and regressions for each rule.

use super::fixtures::{bakery, cookie, date, labelled, profile, purpose};
use crate::schema::model::{
    Cookie, CookieKind, Field, LegalBasis, OutsideCategory, Purpose, Snapshot,
};
use crate::statement::missing::Missing;
use crate::statement::model::{Settings, build, build_with};
use crate::statement::render::render;
use crate::statement::security::SecurityFacts;
use crate::statement::{Format, Lang};

fn category(nl: &str, en: &str) -> OutsideCategory {
    OutsideCategory {
        text: nl.into(),
        text_en: Some(en.into()),
    }
}

fn members() -> Purpose {
    Purpose {
        description_en: Some("Membership administration".into()),
        subjects: Some("leden".into()),
        subjects_en: Some("members".into()),
        minors: true,
        no_recipients: true,
        ..purpose(
            "membership",
            LegalBasis::Contract,
            "Ledenadministratie en contributie",
        )
    }
}

fn photos() -> Purpose {
    Purpose {
        description_en: Some("Publishing photos of matches".into()),
        subjects: Some("leden".into()),
        subjects_en: Some("members".into()),
        minors: true,
        no_recipients: true,
        categories: vec![category(
            "Foto's van wedstrijden op onze website",
            "Photos of matches on our website",
        )],
        ..purpose(
            "photos",
            LegalBasis::Consent,
            "Foto's van wedstrijden publiceren",
        )
    }
}

fn camera() -> Purpose {
    Purpose {
        description_en: Some("Securing the clubhouse".into()),
        interest: Some("Diefstal en vernieling voorkomen".into()),
        interest_en: Some("Preventing theft and damage".into()),
        subjects: Some("bezoekers".into()),
        subjects_en: Some("visitors".into()),
        no_recipients: true,
        categories: vec![category(
            "Camerabeelden van de ingang van het clubhuis",
            "Camera images of the clubhouse entrance",
        )],
        ..purpose(
            "camera",
            LegalBasis::LegitimateInterests,
            "Beveiliging van het clubhuis",
        )
    }
}

/// A sports club: members with children among them, photos on consent, a camera without
/// any field in the vault, and two cookies.
fn club() -> Snapshot {
    let name: Field = labelled("name", "Naam", "Name", &["membership"]);
    let parent_email = labelled(
        "parent_email",
        "E-mail van een ouder",
        "A parent's e-mail",
        &["membership"],
    );
    Snapshot {
        profile: Some(profile()),
        purposes: vec![members(), photos(), camera()],
        fields: vec![name, parent_email],
        recipients: Vec::new(),
        cookies: vec![
            Cookie {
                name: "session".into(),
                retention: "session".into(),
                provider: "Bakkerij Jansen".into(),
                purpose_text: "U ingelogd houden".into(),
                purpose_text_en: Some("Keeping you logged in".into()),
                ..cookie("session", CookieKind::Functional, None)
            },
            cookie("_pk_id", CookieKind::Analytics, Some("DE")),
        ],
    }
}

fn text(snapshot: &Snapshot, lang: Lang) -> String {
    let model = build(snapshot, lang, date()).expect("complete");
    render(&model, Format::Md, false).unwrap()
}

#[test]
fn club_statement_snapshots() {
    for lang in [Lang::Nl, Lang::En] {
        insta::assert_snapshot!(format!("club_{lang}_md"), text(&club(), lang));
    }
    let model = build(&club(), Lang::Nl, date()).unwrap();
    insta::assert_snapshot!("club_nl_html", render(&model, Format::Html, false).unwrap());
}

#[test]
fn the_statement_names_the_declared_subjects_not_customers() {
    // Both groups, once each, in the order the statement lists the purposes.
    let nl = text(&club(), Lang::Nl);
    assert!(
        nl.contains("Deze verklaring is voor onze leden en bezoekers.")
            || nl.contains("Deze verklaring is voor onze bezoekers en leden.")
    );
    assert!(!nl.contains("klanten"));
    let en = text(&club(), Lang::En);
    assert!(
        en.contains("This statement is for our members and visitors.")
            || en.contains("This statement is for our visitors and members.")
    );
    assert!(!en.contains("customers"));
}

#[test]
fn undeclared_subjects_are_customers() {
    assert!(text(&bakery(), Lang::Nl).contains("Deze verklaring is voor onze klanten."));
    assert!(text(&bakery(), Lang::En).contains("This statement is for our customers."));
}

#[test]
fn the_children_section_appears_only_with_minors() {
    assert!(text(&club(), Lang::Nl).contains("## Kinderen"));
    assert!(text(&club(), Lang::En).contains("## Children"));
    let mut grown_ups = club();
    for p in &mut grown_ups.purposes {
        p.minors = false;
    }
    assert!(!text(&grown_ups, Lang::Nl).contains("## Kinderen"));
    assert!(!text(&bakery(), Lang::Nl).contains("Kinderen"));
}

#[test]
fn consent_with_children_is_addressed_to_parents() {
    let model = build(&club(), Lang::Nl, date()).unwrap();
    assert!(
        model
            .consent
            .iter()
            .any(|line| line.contains("vragen we de toestemming aan een ouder of voogd"))
    );
    let bakery = build(&bakery(), Lang::Nl, date()).unwrap();
    assert!(!bakery.consent.join(" ").contains("ouder of voogd"));
}

#[test]
fn a_camera_purpose_without_fields_renders_completely() {
    let model = build(&club(), Lang::Nl, date()).unwrap();
    let camera = model.purposes.iter().find(|p| p.name == "camera").unwrap();
    let data = &camera
        .rows
        .iter()
        .find(|r| r.label == "Welke gegevens")
        .unwrap();
    assert_eq!(data.value, "Camerabeelden van de ingang van het clubhuis");
    let labels: Vec<&str> = camera.rows.iter().map(|r| r.label.as_str()).collect();
    assert!(labels.contains(&"Grondslag"));
    assert!(labels.contains(&"Ons belang"));
    assert!(labels.contains(&"Hoe lang we ze bewaren"));
    assert!(!text(&club(), Lang::Nl).contains("nog geen gegevens"));
}

#[test]
fn categories_are_listed_beside_the_fields() {
    let mut snapshot = club();
    snapshot.fields.push(labelled(
        "photo_ok",
        "Foto-akkoord",
        "Photo consent",
        &["photos"],
    ));
    let model = build(&snapshot, Lang::En, date()).unwrap();
    let photos = model.purposes.iter().find(|p| p.name == "photos").unwrap();
    assert!(
        photos
            .rows
            .iter()
            .any(|r| r.label == "Also kept elsewhere"
                && r.value == "Photos of matches on our website")
    );
}

#[test]
fn cookies_that_need_consent_say_so() {
    let nl = text(&club(), Lang::Nl);
    assert!(nl.contains("## Cookies"));
    assert!(nl.contains("We plaatsen deze cookies alleen als u daar toestemming voor geeft."));
    assert!(nl.contains("Land van de aanbieder: Duitsland."));
    let mut functional_only = club();
    functional_only
        .cookies
        .retain(|c| c.kind == CookieKind::Functional);
    let nl = text(&functional_only, Lang::Nl);
    assert!(nl.contains("Voor deze cookies is geen toestemming nodig."));
    assert!(!nl.contains("alleen als u daar toestemming voor geeft"));
}

#[test]
fn no_cookie_section_without_declared_cookies() {
    let mut snapshot = club();
    snapshot.cookies.clear();
    let nl = text(&snapshot, Lang::Nl);
    assert!(!nl.contains("Cookies"));
    assert!(!nl.contains("geen cookies"));
}

#[test]
fn the_security_paragraph_counts_extra_keys_and_excludes_data_elsewhere() {
    let settings = Settings {
        security: SecurityFacts { extra_keys: 1 },
        ..Settings::default()
    };
    let model = build_with(&club(), &settings, Lang::Nl, date()).unwrap();
    let security = model.security.unwrap();
    assert_eq!(security.heading, "Beveiliging");
    // Camera images of visitors are not in the vault: only the members are named.
    assert!(security.lines[0].starts_with("De gegevens van onze leden bewaren we"));
    assert!(security.lines[1].contains("1 extra sleutel"));
    assert!(security.lines[2].contains("elders bewaren"));
    let bakery = build(&bakery(), Lang::En, date()).unwrap();
    assert_eq!(bakery.security.unwrap().lines.len(), 2);
    let mut camera_only = club();
    camera_only.fields.clear();
    assert_eq!(
        build(&camera_only, Lang::Nl, date()).unwrap().security,
        None
    );
}

#[test]
fn requests_are_checked_and_answered_within_a_month() {
    let model = build(&club(), Lang::En, date()).unwrap();
    let exercise = model.exercise.join(" ");
    assert!(exercise.contains("we check that you are who you say you are"));
    assert!(exercise.contains("within one month"));
    assert!(exercise.contains("two more months"));
}

#[test]
fn english_refuses_dutch_only_subjects_categories_and_cookies() {
    let mut snapshot = club();
    snapshot.purposes[0].subjects_en = None;
    snapshot.purposes[2].categories[0].text_en = None;
    snapshot.cookies[1].purpose_text_en = None;
    let missing = build(&snapshot, Lang::En, date()).unwrap_err().missing;
    assert!(missing.contains(&Missing::SubjectsEnglish {
        purpose: "membership".into()
    }));
    assert!(missing.contains(&Missing::CookieEnglish {
        cookie: "_pk_id".into(),
        flag: "--purpose-text-en".into(),
    }));
    assert!(missing.iter().any(|m| matches!(m,
        Missing::CategoryEnglish { purpose, .. } if purpose == "camera")));
    assert!(build(&snapshot, Lang::Nl, date()).is_ok());
    let draft =
        crate::statement::model::build_draft(&snapshot, &Settings::default(), Lang::En, date());
    let out = render(&draft, Format::Md, false).unwrap();
    for dutch in ["leden", "Camerabeelden", "Bezoek aan de website"] {
        assert!(!out.contains(dutch), "{dutch} in the English draft");
    }
}

#[test]
fn cookie_texts_are_escaped_in_html() {
    let mut snapshot = club();
    snapshot.cookies[0].provider = "<script>alert(1)</script>".into();
    let model = build(&snapshot, Lang::Nl, date()).unwrap();
    let html = render(&model, Format::Html, false).unwrap();
    assert!(!html.contains("<script>"));
    assert!(html.contains("&lt;script&gt;"));
}
