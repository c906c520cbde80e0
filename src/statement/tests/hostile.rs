//! Hostile user text in every user-supplied string keeps the HTML well-formed.
//!
//! The parser is quick-xml, which is stricter than an HTML5 parser: an HTML5 parser repairs
//! broken markup silently, while a strict parser fails on any unbalanced or unescaped tag.
//! The output is kept XHTML-compatible so this check applies to it.

use quick_xml::Reader;
use quick_xml::events::Event;

use super::fixtures::{bakery, date};
use crate::schema::model::{DataSource, Recipient, RecipientRole, Safeguard, SpecialCategory};
use crate::statement::model::{build, build_draft};
use crate::statement::render::render;
use crate::statement::{Format, Lang};

const HOSTILE: &str = "<script>alert(\"x\")</script> & 'q' </section><b>";

/// Parses `html` strictly; returns the element names and the decoded text.
fn parse(html: &str) -> (Vec<String>, String) {
    let mut reader = Reader::from_str(html);
    let mut stack: Vec<String> = Vec::new();
    let mut elements = Vec::new();
    let mut text = String::new();
    loop {
        match reader.read_event().expect("well-formed markup") {
            Event::Start(e) => {
                let name = e.name().as_ref().to_string();
                elements.push(name.clone());
                stack.push(name);
            }
            Event::Empty(e) => elements.push(e.name().as_ref().to_string()),
            Event::End(e) => {
                let open = stack.pop().expect("an end tag closes an open element");
                assert_eq!(open, e.name().as_ref(), "end tag matches");
            }
            Event::Text(t) => text.push_str(&t.html_content()),
            Event::GeneralRef(r) => match r.resolve_char_ref().expect("valid reference") {
                Some(c) => text.push(c),
                None => text.push(match &*r.html_content() {
                    "amp" => '&',
                    "lt" => '<',
                    "gt" => '>',
                    "quot" => '"',
                    "apos" => '\'',
                    other => panic!("unknown entity {other}"),
                }),
            },
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(stack.is_empty(), "unclosed elements: {stack:?}");
    (elements, text)
}

fn hostile(n: u32) -> String {
    format!("{HOSTILE}{n}")
}

/// The bakery with every user-supplied string replaced by hostile text.
fn hostile_snapshot() -> crate::schema::model::Snapshot {
    let mut s = bakery();
    let p = s.profile.as_mut().unwrap();
    p.name = hostile(1);
    p.email = hostile(2);
    p.address = hostile(3);
    p.kvk = Some(hostile(4));
    p.phone = Some(hostile(5));
    p.website = Some(hostile(6));
    p.dpo_name = Some(hostile(7));
    p.dpo_email = Some(hostile(8));
    for (i, purpose) in s.purposes.iter_mut().enumerate() {
        let i = i as u32 * 10;
        // The English twins carry the same text: it is not Dutch, and it must stay text too.
        purpose.description = hostile(100 + i);
        purpose.description_en = Some(hostile(100 + i));
        purpose.interest = Some(hostile(101 + i));
        purpose.interest_en = Some(hostile(101 + i));
        purpose.law = Some(hostile(102 + i));
        purpose.law_en = Some(hostile(102 + i));
        purpose.retention.note = Some(hostile(103 + i));
        purpose.retention.note_en = Some(hostile(103 + i));
        purpose.no_recipients = false;
        s.recipients.push(Recipient {
            name: hostile(104 + i),
            purposes: vec![purpose.name.clone()],
            role: RecipientRole::Processor,
            country: "US".into(),
            safeguard: Some(Safeguard::Scc),
            safeguard_copy: Some(hostile(105 + i)),
            safeguard_copy_en: Some(hostile(106 + i)),
            note: None,
            note_en: None,
        });
    }
    for (i, field) in s.fields.iter_mut().enumerate() {
        let i = i as u32 * 10;
        field.label = Some(hostile(200 + i));
        field.label_en = Some(hostile(201 + i));
        field.source_note = Some(hostile(202 + i));
        field.source_note_en = Some(hostile(202 + i));
        field.source = DataSource::ThirdParty;
    }
    s.fields[0].special = Some(SpecialCategory::Health);
    s.fields[0].art9 = Some("explicit-consent".into());
    // A score field, and a purpose that declared profiling, so its logic is shown too.
    let mut score = super::fixtures::field("risk", &["fraud"]);
    score.label = Some(hostile(300));
    score.label_en = Some(hostile(301));
    s.fields.push(score);
    let fraud = s.purposes.iter_mut().find(|p| p.name == "fraud").unwrap();
    fraud.profiling = Some(crate::schema::model::Profiling {
        kind: crate::schema::model::ProfilingKind::Profiling,
        logic: Some(hostile(302)),
        logic_en: Some(hostile(302)),
        effect: None,
        effect_en: None,
    });
    s
}

#[test]
fn hostile_text_stays_text_in_the_html_fragment_and_page() {
    let snapshot = hostile_snapshot();
    for lang in [Lang::Nl, Lang::En] {
        let model =
            build(&snapshot, lang, date()).expect("hostile text is still a complete schema");
        for standalone in [false, true] {
            let html = render(&model, Format::Html, standalone).unwrap();
            let (elements, text) = parse(&html);
            assert!(!elements.iter().any(|e| e.eq_ignore_ascii_case("script")));
            assert!(!elements.iter().any(|e| e == "b"));
            let root = if standalone { "html" } else { "section" };
            assert_eq!(elements[0], root);
            assert_eq!(elements.iter().filter(|e| *e == "section").count(), 1);
            let copy = if lang == Lang::Nl { 105 } else { 106 };
            for n in [1, 2, 3, 4, 5, 6, 7, 8, 100, 101, 102, 103, 104, copy] {
                assert!(text.contains(&hostile(n)), "{lang}: text {n} round-trips");
            }
            let label = if lang == Lang::Nl { 200 } else { 201 };
            assert!(text.contains(&hostile(label)));
            assert!(text.contains(&hostile(202)));
            assert!(text.contains(&hostile(label + 100)), "score label");
            assert!(text.contains(&hostile(302)), "profiling description");
        }
    }
}

#[test]
fn hostile_text_in_a_field_name_and_draft_markers_stays_text() {
    let mut snapshot = hostile_snapshot();
    snapshot.fields[1].label = None;
    snapshot.fields[1].name = hostile(900);
    snapshot.purposes[0].legacy_recipients = vec!["partners".into()];
    let model = build_draft(
        &snapshot,
        &crate::statement::Settings::default(),
        Lang::Nl,
        date(),
    );
    assert!(!model.missing.is_empty());
    let (elements, text) = parse(&render(&model, Format::Html, false).unwrap());
    assert!(!elements.iter().any(|e| e == "script"));
    assert!(text.contains(&hostile(900)));
    assert!(text.contains("[ONTBREEKT: wie de gegevens krijgt]"));
}

#[test]
fn hostile_text_stays_text_in_markdown() {
    let model = build(&hostile_snapshot(), Lang::Nl, date()).unwrap();
    let md = render(&model, Format::Md, false).unwrap();
    assert!(!md.contains("<script>"));
    assert!(md.contains("\\<script\\>"));
    assert_eq!(md.lines().filter(|l| l.starts_with("# ")).count(), 1);
}

#[test]
fn the_parser_rejects_broken_markup() {
    let broken = std::panic::catch_unwind(|| parse("<section><p>a</section>"));
    assert!(broken.is_err());
    let unclosed = std::panic::catch_unwind(|| parse("<section><p>a</p>"));
    assert!(unclosed.is_err());
    let html5 = scraper::Html::parse_fragment("<section><p>a</section></b>");
    assert!(
        !html5.errors.is_empty(),
        "html5ever reports a stray end tag"
    );
}

/// The same output through an HTML5 parser (html5ever, as browsers parse): no parse errors,
/// no script element, and the hostile text back as text.
#[test]
fn an_html5_parser_finds_no_errors_and_no_script() {
    use scraper::{Html, Selector};
    let snapshot = hostile_snapshot();
    let script = Selector::parse("script").unwrap();
    let section = Selector::parse("section").unwrap();
    for lang in [Lang::Nl, Lang::En] {
        let model = build(&snapshot, lang, date()).unwrap();
        for standalone in [false, true] {
            let html = render(&model, Format::Html, standalone).unwrap();
            let parsed = if standalone {
                Html::parse_document(&html)
            } else {
                Html::parse_fragment(&html)
            };
            assert!(
                parsed.errors.is_empty(),
                "{lang} standalone={standalone}: {:?}",
                parsed.errors
            );
            assert_eq!(parsed.select(&script).count(), 0);
            assert_eq!(parsed.select(&section).count(), 1);
            let text: String = parsed.root_element().text().collect();
            assert!(
                text.contains(&hostile(1)),
                "{lang}: the business name round-trips"
            );
            assert!(
                text.contains(&hostile(104)),
                "{lang}: a recipient round-trips"
            );
        }
    }
}
