//! Snapshots of the bakery statement in every language and format, and properties of all
//! rendered text.

use super::fixtures::{bakery, date};
use crate::statement::model::build;
use crate::statement::render::render;
use crate::statement::{Format, Lang};

const LANGS: [Lang; 2] = [Lang::Nl, Lang::En];
const FORMATS: [Format; 3] = [Format::Md, Format::Html, Format::Txt];

fn rendered(lang: Lang, format: Format) -> String {
    let model = build(&bakery(), lang, date()).expect("the bakery schema is complete");
    render(&model, format, false).unwrap()
}

#[test]
fn bakery_statement_snapshots() {
    for lang in LANGS {
        for format in FORMATS {
            insta::assert_snapshot!(format!("bakery_{lang}_{format}"), rendered(lang, format));
        }
    }
}

#[test]
fn bakery_standalone_page_snapshot() {
    let model = build(&bakery(), Lang::Nl, date()).unwrap();
    insta::assert_snapshot!(render(&model, Format::Html, true).unwrap());
}

#[test]
fn same_snapshot_and_date_give_the_same_bytes() {
    // Fields are shown by name whatever their stored order; purposes keep the user's order
    // (`truth::purposes_appear_in_the_order_the_user_gave`).
    let mut shuffled = bakery();
    shuffled.fields.reverse();
    for lang in LANGS {
        for format in FORMATS {
            let a = render(&build(&bakery(), lang, date()).unwrap(), format, false).unwrap();
            let b = render(&build(&shuffled, lang, date()).unwrap(), format, false).unwrap();
            assert_eq!(a, b, "{lang} {format}");
        }
    }
}
