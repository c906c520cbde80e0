//! The reader's notes in the page's language: the library gives the data (rows, delimiter,
//! sheet), the catalogue the words.

use super::super::super::app::App;
use crate::import::reader::{Note, NumberList};

/// A note as the page shows it.
pub(super) fn note_text(app: &App, note: &Note) -> String {
    let (key, args) = key_and_args(app, note);
    app.text(key, &args)
}

type Args = Vec<(&'static str, String)>;

fn key_and_args(app: &App, note: &Note) -> (&'static str, Args) {
    match note {
        Note::FormatMismatch { extension, format } => (
            "import-note-format-mismatch",
            vec![
                ("extension", extension.clone()),
                ("format", format.name().to_owned()),
            ],
        ),
        Note::BomOverridesEncoding { bom, requested } => (
            "import-note-bom-encoding",
            vec![
                ("bom", (*bom).to_owned()),
                ("requested", (*requested).to_owned()),
            ],
        ),
        Note::SheetIgnored => ("import-note-sheet-ignored", vec![]),
        Note::DelimiterFromSepLine { delimiter } => (
            "import-note-delimiter-sep",
            vec![("delimiter", delimiter_name(app, *delimiter))],
        ),
        Note::DelimiterDetected { delimiter } => (
            "import-note-delimiter-detected",
            vec![("delimiter", delimiter_name(app, *delimiter))],
        ),
        Note::NoDelimiter => ("import-note-no-delimiter", vec![]),
        Note::LinesReadAsWindows1252 { lines } => (
            "import-note-lines-windows-1252",
            numbers(app, "lines", lines),
        ),
        Note::FileReadAsWindows1252 => ("import-note-file-windows-1252", vec![]),
        Note::DelimiterEncodingIgnored => ("import-note-delimiter-encoding-ignored", vec![]),
        Note::OtherSheetsEmpty { sheet, others } => (
            "import-note-other-sheets-empty",
            vec![("sheet", sheet.clone()), ("others", others.to_string())],
        ),
        Note::RowsPadded { rows } => ("import-note-rows-padded", numbers(app, "rows", rows)),
        Note::UnnamedColumns { columns } => unnamed_columns(app, columns),
        Note::EmptyColumnsDropped { count } => (
            "import-note-empty-columns",
            vec![("count", count.to_string())],
        ),
        Note::HeaderTaken { row } => ("import-note-header-taken", vec![("row", row.to_string())]),
        Note::HeaderFound { row, above } => header(app, "import-note-header-found", *row, above),
        Note::HeaderRowGiven { row, above } => {
            header(app, "import-note-header-row-given", *row, above)
        }
        Note::NotesRowsLeftOut { rows } => ("import-note-notes-rows", numbers(app, "rows", rows)),
        Note::VcardContacts { count } => (
            "import-note-vcard-contacts",
            vec![("count", count.to_string())],
        ),
        Note::YearlessBirthdays { rows } => {
            ("import-note-yearless-birthdays", numbers(app, "rows", rows))
        }
        Note::FirstContactOnly { rows } => {
            ("import-note-first-contact-only", numbers(app, "rows", rows))
        }
    }
}

fn header(app: &App, key: &'static str, row: usize, above: &NumberList) -> (&'static str, Args) {
    let mut args = numbers(app, "rows", above);
    args.push(("row", row.to_string()));
    (key, args)
}

fn unnamed_columns(app: &App, columns: &[usize]) -> (&'static str, Args) {
    let names: Vec<String> = columns.iter().map(|n| format!("#{n}")).collect();
    let mut args = numbers(app, "columns", &NumberList::all(columns.to_vec()));
    args.push(("names", names.join(", ")));
    ("import-note-unnamed-columns", args)
}

/// The list as `name`, and how many there are in all as `count` for the plural form.
fn numbers(app: &App, name: &'static str, list: &NumberList) -> Args {
    let shown: Vec<String> = list.numbers.iter().map(usize::to_string).collect();
    let mut text = shown.join(", ");
    if list.more() > 0 {
        text = app.text(
            "import-note-list-more",
            &[("list", text), ("more", list.more().to_string())],
        );
    }
    vec![(name, text), ("count", list.total.to_string())]
}

/// A delimiter as a reader sees it: the character in quotes, or its name.
fn delimiter_name(app: &App, byte: u8) -> String {
    match byte {
        b'\t' => app.text("import-note-tab", &[]),
        b' ' => app.text("import-note-space", &[]),
        0x21..=0x7e => format!("'{}'", byte as char),
        _ => app.text("import-note-byte", &[("code", format!("0x{byte:02X}"))]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::reader::Format;
    use crate::statement::Lang;
    use crate::web::testing::TestApp;

    fn one_of_each() -> Vec<Note> {
        let few = NumberList::all(vec![2, 3]);
        let many = NumberList {
            numbers: vec![4, 7, 9],
            total: 12,
        };
        let one = NumberList::all(vec![5]);
        vec![
            Note::FormatMismatch {
                extension: "xls".into(),
                format: Format::Delimited,
            },
            Note::FormatMismatch {
                extension: "csv".into(),
                format: Format::Xlsx,
            },
            Note::BomOverridesEncoding {
                bom: "UTF-8",
                requested: "windows-1252",
            },
            Note::SheetIgnored,
            Note::DelimiterFromSepLine { delimiter: b'\t' },
            Note::DelimiterDetected { delimiter: b';' },
            Note::DelimiterDetected { delimiter: 0x01 },
            Note::NoDelimiter,
            Note::LinesReadAsWindows1252 {
                lines: many.clone(),
            },
            Note::LinesReadAsWindows1252 { lines: one.clone() },
            Note::FileReadAsWindows1252,
            Note::DelimiterEncodingIgnored,
            Note::OtherSheetsEmpty {
                sheet: "Klanten".into(),
                others: 2,
            },
            Note::OtherSheetsEmpty {
                sheet: "Klanten".into(),
                others: 1,
            },
            Note::RowsPadded { rows: many.clone() },
            Note::UnnamedColumns { columns: vec![3] },
            Note::UnnamedColumns {
                columns: vec![3, 5],
            },
            Note::EmptyColumnsDropped { count: 1 },
            Note::EmptyColumnsDropped { count: 4 },
            Note::HeaderTaken { row: 3 },
            Note::HeaderFound {
                row: 4,
                above: few.clone(),
            },
            Note::HeaderRowGiven {
                row: 4,
                above: few.clone(),
            },
            Note::NotesRowsLeftOut { rows: one.clone() },
            Note::VcardContacts { count: 1 },
            Note::VcardContacts { count: 20 },
            Note::YearlessBirthdays { rows: few.clone() },
            Note::FirstContactOnly { rows: one },
        ]
    }

    #[test]
    fn every_note_has_words_in_both_languages() {
        let mut test = TestApp::without_vault();
        for lang in [Lang::Nl, Lang::En] {
            test.app.lang = lang;
            for note in one_of_each() {
                let text = note_text(&test.app, &note);
                assert!(
                    !text.contains("import-note") && !text.contains('{') && !text.is_empty(),
                    "{lang:?} {note:?}: {text}"
                );
                assert_ne!(text, note.to_string(), "{lang:?}: the CLI's words");
            }
        }
    }

    #[test]
    fn numbers_and_plurals_read_as_dutch() {
        let mut test = TestApp::without_vault();
        test.app.lang = Lang::Nl;
        let many = Note::LinesReadAsWindows1252 {
            lines: NumberList {
                numbers: vec![4, 7, 9],
                total: 12,
            },
        };
        assert_eq!(
            note_text(&test.app, &many),
            "Regels 4, 7, 9 en nog 9 andere waren geen geldige UTF-8. kluis heeft ze gelezen als Windows-1252."
        );
        let one = Note::EmptyColumnsDropped { count: 1 };
        assert_eq!(
            note_text(&test.app, &one),
            "1 lege kolom zonder naam is weggelaten."
        );
    }
}
