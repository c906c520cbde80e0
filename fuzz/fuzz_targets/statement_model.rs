//! Any text as a schema document (`kluis schema apply`): when it parses and
//! applies to a fresh in-memory vault database, the statement model is built
//! from it in both languages and rendered in every format. Nothing may panic.
//! See docs/FUZZING.md.
#![no_main]

use kluis::schema::document::{Document, apply};
use kluis::schema::snapshot::load_snapshot;
use kluis::statement::render::render;
use kluis::statement::{Format, Lang, Settings, build_draft};
use kluis::vault::database::open_scratch;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(document) = Document::from_toml(text) else {
        return;
    };
    let mut conn = open_scratch().expect("scratch database");
    if apply(&mut conn, &document, false).is_err() {
        return;
    }
    let snapshot = load_snapshot(&conn).expect("an applied schema loads");
    let date = time::macros::date!(2030 - 01 - 01);
    for lang in [Lang::Nl, Lang::En] {
        let model = build_draft(&snapshot, &Settings::default(), lang, date);
        for format in [Format::Md, Format::Html, Format::Txt] {
            let _ = render(&model, format, true);
        }
    }
});
