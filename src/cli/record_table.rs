//! Records as a table. On a terminal: aligned columns fitted to its width, long cells cut
//! with `…`, `-` for a missing value, and restricted and erased people marked. Piped: TSV
//! (docs/USAGE.md, "Tables"), written row by row as records are read.
//!
//! Values are escaped in both forms: a value can never forge a row, and never sends control
//! characters to the terminal.

use std::borrow::Cow;
use std::io::{IsTerminal, Write};

use rusqlite::Connection;
use serde_json::Value;
use time::OffsetDateTime;

use super::stream::{JsonArray, Stdout, stdout_error};
use crate::Error;
use crate::records::marks::{HeldUntil, Marks, Standing};
use crate::records::record::Record;
use crate::records::view::SchemaView;

/// Two spaces between columns.
const GAP: usize = 2;
/// The width when the terminal does not say.
const DEFAULT_WIDTH: usize = 80;

/// What marks a restricted record (Art. 18) in the command line's (English) output.
pub fn restricted_mark() -> &'static str {
    crate::requests::texts::restricted_word(crate::statement::Lang::En)
}

/// Where the table goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A person reads it: fitted to this many columns.
    Terminal { width: usize },
    /// A program reads it.
    Tsv,
}

impl Mode {
    /// A terminal table when stdout is a terminal, else TSV.
    pub fn detect() -> Self {
        if std::io::stdout().is_terminal() {
            Mode::Terminal {
                width: terminal_width(),
            }
        } else {
            Mode::Tsv
        }
    }
}

/// What a table without rows prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WhenEmpty {
    /// Its header: an empty vault still has its columns (`list`).
    Header,
    /// Nothing: no match is an error that says so on stderr, and grep prints nothing
    /// either (`find`).
    Nothing,
}

/// `COLUMNS` when set to a number, else the terminal's own width, else 80.
fn terminal_width() -> usize {
    let columns = std::env::var("COLUMNS").ok();
    if let Some(width) = columns.and_then(|c| c.trim().parse().ok()) {
        return width;
    }
    terminal_size::terminal_size()
        .map(|(terminal_size::Width(w), _)| usize::from(w))
        .unwrap_or(DEFAULT_WIDTH)
}

/// Prints the records `for_each` hands over: as JSON under `--json`, else as a table for
/// `mode`, each marked as [`Marks`] says at `now`. Returns how many there were.
pub fn print_records(
    json: bool,
    mode: Mode,
    when_empty: WhenEmpty,
    source: (&Connection, &SchemaView),
    fields: &[&str],
    now: OffsetDateTime,
    for_each: impl FnOnce(&mut dyn FnMut(Record) -> Result<(), Error>) -> Result<(), Error>,
) -> Result<usize, Error> {
    let (conn, schema) = source;
    let marks = Marks::load(conn)?;
    let mut count = 0;
    let mut output = if json {
        Output::Json(JsonArray::start(Stdout::lock()).map_err(stdout_error)?)
    } else {
        Output::Table(Printer::new(mode, fields, when_empty))
    };
    for_each(&mut |record| {
        count += 1;
        let standing = marks.of(conn, schema, record.id, now)?;
        match &mut output {
            Output::Table(printer) => printer.row(&record, &standing),
            Output::Json(array) => array
                .push(&json_marks(record.to_json(fields), &standing))
                .map_err(stdout_error)?,
        }
        Ok(())
    })?;
    match output {
        Output::Table(printer) => printer.finish().map_err(stdout_error)?,
        Output::Json(array) => drop(array.finish().map_err(stdout_error)?),
    }
    Ok(count)
}

/// Where [`print_records`] writes, each record as it is read.
enum Output {
    Table(Printer),
    Json(JsonArray<Stdout>),
}

/// Prints records as they come: TSV at once, a terminal table at [`Printer::finish`] (the
/// widths need every row).
pub struct Printer {
    mode: Mode,
    when_empty: WhenEmpty,
    header: Vec<String>,
    /// The TSV header is out: it goes with the first row, or at the end for [`WhenEmpty`].
    header_written: bool,
    rows: Vec<(Vec<String>, String)>,
    out: Stdout,
    /// The first failed write; later rows are not written, and `finish` reports it.
    failed: Option<std::io::Error>,
}

impl Printer {
    /// A table with columns `id`, `fields` and the status.
    pub fn new(mode: Mode, fields: &[&str], when_empty: WhenEmpty) -> Self {
        let header = std::iter::once("id")
            .chain(fields.iter().copied())
            .map(str::to_owned)
            .collect();
        Printer {
            mode,
            when_empty,
            header,
            header_written: false,
            rows: Vec::new(),
            out: Stdout::lock(),
            failed: None,
        }
    }

    fn write_tsv_header(&mut self) {
        let mut line = self.header.clone();
        line.push("status".to_owned());
        self.write(&tsv_line(&line));
        self.header_written = true;
    }

    pub fn row(&mut self, record: &Record, standing: &Standing) {
        match self.mode {
            Mode::Tsv => {
                if !self.header_written {
                    self.write_tsv_header();
                }
                let fields = &self.header[1..];
                let mut cells = vec![record.id.to_string()];
                cells.extend(
                    fields
                        .iter()
                        .map(|f| record.value(f).unwrap_or("").to_owned()),
                );
                cells.push(status_words(standing));
                self.write(&tsv_line(&cells));
            }
            Mode::Terminal { .. } => {
                let fields = &self.header[1..];
                let mut cells = vec![record.id.to_string()];
                cells.extend(
                    fields
                        .iter()
                        .map(|f| escape(record.value(f).unwrap_or("-")).into_owned()),
                );
                self.rows.push((cells, mark(standing)));
            }
        }
    }

    /// Writes the terminal table, or the TSV header when no row brought it and
    /// [`WhenEmpty::Header`] asks for it, and says whether all the output got out.
    pub fn finish(mut self) -> std::io::Result<()> {
        let print_empty = self.when_empty == WhenEmpty::Header;
        match self.mode {
            Mode::Tsv if !self.header_written && print_empty => self.write_tsv_header(),
            Mode::Tsv => {}
            Mode::Terminal { .. } if self.rows.is_empty() && !print_empty => {}
            Mode::Terminal { width } => {
                let header: Vec<String> =
                    self.header.iter().map(|h| escape(h).into_owned()).collect();
                for line in render(&header, &self.rows, width) {
                    self.write(&line);
                }
            }
        }
        match self.failed.take() {
            Some(error) => Err(error),
            None => self.out.flush(),
        }
    }

    fn write(&mut self, line: &str) {
        if self.failed.is_none() {
            self.failed = writeln!(self.out, "{line}").err();
        }
    }
}

/// A value with `\`, tab, newline, carriage return and every other control, bidi or
/// zero-width character escaped (`\\`, `\t`, `\n`, `\r`, `\u{1b}`), so it stays on its line
/// and cell: the library's one escape, [`crate::text::escape_cell`].
pub fn escape(value: &str) -> Cow<'_, str> {
    crate::text::escape_cell(value)
}

/// One TSV line: the cells escaped and joined by tabs.
pub fn tsv_line(cells: &[String]) -> String {
    cells
        .iter()
        .map(|cell| escape(cell))
        .collect::<Vec<_>>()
        .join("\t")
}

/// The TSV status cell: comma-separated words, empty for an ordinary record.
/// `restricted`; `erased` with `held-until=DATE`, `held-while-note` or `hold-ended`.
pub fn status_words(standing: &Standing) -> String {
    let mut words = Vec::new();
    if standing.restricted_since.is_some() {
        words.push(restricted_mark().to_owned());
    }
    if let Some(held) = &standing.erased {
        words.push("erased".to_owned());
        words.push(match held.until() {
            HeldUntil::Date(date) => format!("held-until={}", day(&date)),
            HeldUntil::While(_) => "held-while-note".to_owned(),
            HeldUntil::Ended => "hold-ended".to_owned(),
        });
    }
    words.join(",")
}

/// The mark a person sees at the end of a row, empty for an ordinary record.
pub fn mark(standing: &Standing) -> String {
    let mut marks = Vec::new();
    if let Some(held) = &standing.erased {
        marks.push(erased_text(&held.until()));
    }
    if standing.restricted_since.is_some() {
        marks.push(restricted_mark().to_owned());
    }
    marks.join("; ")
}

/// `erased, kept until 2036-12-30`, or what a note or a run-out obligation says.
pub fn erased_text(until: &HeldUntil) -> String {
    match until {
        HeldUntil::Date(date) => format!("erased, kept until {}", day(date)),
        HeldUntil::While(note) => format!("erased, kept while: {}", escape(note)),
        HeldUntil::Ended => "erased, obligation ended (kluis purge removes the rest)".to_owned(),
    }
}

/// A value kept after an erasure request, why and until when, e.g. "iban: legal obligation
/// `bookkeeping`, AWR art. 52, until 2033-03-02T09:00:00Z".
pub fn kept_text(kept: &crate::records::erase::Kept) -> String {
    let law = kept
        .law
        .as_deref()
        .map(|law| format!(", {}", escape(law)))
        .unwrap_or_default();
    let until = match (&kept.until, &kept.retention_note) {
        (Some(until), _) => format!("until {}", day(until)),
        (None, Some(note)) => format!("while: {}", escape(note)),
        (None, None) => "for now".to_owned(),
    };
    format!(
        "{}: legal obligation `{}`{law}, {until}",
        kept.field, kept.purpose
    )
}

/// The local day of a stored UTC moment (`2036-12-30T00:00:00Z` → `2036-12-30`).
fn day(moment: &str) -> String {
    crate::clock::stored_day_for_people(moment)
}

/// JSON keys for a record's marks: `restricted`, and for an erased person `erased`,
/// `held_until` (a date, or null when a note decides) and `held_while` (that note).
pub fn json_marks(mut json: Value, standing: &Standing) -> Value {
    if standing.restricted_since.is_some() {
        json["restricted"] = true.into();
    }
    if let Some(held) = &standing.erased {
        json["erased"] = true.into();
        let (until, note) = match held.until() {
            HeldUntil::Date(date) => (Value::from(date), None),
            HeldUntil::While(note) => (Value::Null, Some(note)),
            HeldUntil::Ended => (Value::Null, None),
        };
        json["held_until"] = until;
        if let Some(note) = note {
            json["held_while"] = note.into();
        }
    }
    json
}

/// The lines of a terminal table no wider than `width` (when it can be): cells cut to fit,
/// the mark after the last column.
pub fn render(header: &[String], rows: &[(Vec<String>, String)], width: usize) -> Vec<String> {
    let marked = rows.iter().any(|(_, mark)| !mark.is_empty());
    let natural: Vec<usize> = (0..header.len())
        .map(|column| {
            std::iter::once(&header[column])
                .chain(rows.iter().map(|(cells, _)| &cells[column]))
                .map(|cell| cell.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    // The id and the mark are never cut; the fields share what is left.
    let mark_width = rows
        .iter()
        .map(|(_, mark)| mark.chars().count() + GAP)
        .max()
        .filter(|_| marked)
        .unwrap_or(0);
    let fixed = natural[0] + GAP * header.len().saturating_sub(1) + mark_width;
    let mut widths = vec![natural[0]];
    widths.extend(fit(&natural[1..], width.saturating_sub(fixed)));
    let line = |cells: &[String], mark: &str| {
        let mut text: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(cell, &w)| format!("{:w$}", cut(cell, w)))
            .collect();
        if !mark.is_empty() {
            text.push(mark.to_owned());
        }
        text.join(&" ".repeat(GAP)).trim_end().to_owned()
    };
    std::iter::once(line(header, ""))
        .chain(rows.iter().map(|(cells, mark)| line(cells, mark)))
        .collect()
}

/// Widths for columns of these natural widths sharing `room` characters: narrow columns keep
/// their width, the wide ones share the rest equally. Every column keeps at least one
/// character, so a very narrow terminal gets a table wider than itself rather than none.
pub fn fit(natural: &[usize], room: usize) -> Vec<usize> {
    let mut widths = natural.to_vec();
    if natural.iter().sum::<usize>() <= room {
        return widths;
    }
    let mut order: Vec<usize> = (0..natural.len()).collect();
    order.sort_by_key(|&i| natural[i]);
    let mut left = room;
    for (done, &column) in order.iter().enumerate() {
        let share = left / (natural.len() - done);
        widths[column] = natural[column].min(share).max(1);
        left = left.saturating_sub(widths[column]);
    }
    widths
}

/// The cell in at most `width` characters, ending in `…` when cut.
pub fn cut(cell: &str, width: usize) -> Cow<'_, str> {
    if cell.chars().count() <= width {
        return Cow::Borrowed(cell);
    }
    let kept: String = cell.chars().take(width.saturating_sub(1)).collect();
    Cow::Owned(format!("{kept}…"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::erase::Kept;
    use crate::records::marks::Held;

    fn strings(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|&c| c.to_owned()).collect()
    }

    #[test]
    fn escaping_keeps_a_value_on_its_line_and_in_its_cell() {
        assert_eq!(escape("plain é"), "plain é");
        assert_eq!(escape("a\tb\nc\\d\re"), "a\\tb\\nc\\\\d\\re");
        assert_eq!(
            escape("\u{1b}[31m\u{7f}\u{2028}"),
            "\\u{1b}[31m\\u{7f}\\u{2028}"
        );
        let line = tsv_line(&strings(&["1", "forged\n2\tx", "b\\n"]));
        assert_eq!(line, "1\tforged\\n2\\tx\tb\\\\n");
        assert_eq!(line.split('\t').count(), 3);
        assert!(!line.contains('\n'));
    }

    #[test]
    fn cells_are_cut_with_an_ellipsis() {
        assert_eq!(cut("Jansen", 6), "Jansen");
        assert_eq!(cut("Jansen", 4), "Jan…");
        assert_eq!(cut("Émile", 2), "É…");
        assert_eq!(cut("Jansen", 0), "…");
    }

    #[test]
    fn fitting_keeps_narrow_columns_and_shares_the_rest() {
        assert_eq!(fit(&[4, 10, 30], 50), [4, 10, 30]);
        assert_eq!(fit(&[4, 30, 30], 40), [4, 18, 18]);
        assert_eq!(fit(&[4, 30, 10], 30), [4, 16, 10]);
        assert_eq!(fit(&[5, 5], 0), [1, 1]);
    }

    #[test]
    fn a_table_fits_the_width_and_marks_people() {
        let header = strings(&["id", "name", "email"]);
        let rows = vec![
            (
                strings(&["1", "Jan de Vries", "jan.de.vries@example.nl"]),
                String::new(),
            ),
            (strings(&["2", "Piet", "-"]), "restricted".to_owned()),
        ];
        let wide = render(&header, &rows, 200);
        assert_eq!(wide[1], "1   Jan de Vries  jan.de.vries@example.nl");
        assert!(wide[2].ends_with("  restricted"), "{}", wide[2]);
        for width in [40, 30] {
            let narrow = render(&header, &rows, width);
            for line in &narrow {
                assert!(line.chars().count() <= width, "{width}: {line}");
            }
            assert!(narrow[1].contains('…'), "{width}: {}", narrow[1]);
            assert!(narrow[2].ends_with("restricted"));
        }
    }

    fn erased(until: Option<&str>) -> Standing {
        Standing {
            restricted_since: Some("2030-01-01T00:00:00Z".into()),
            erased: Some(Held {
                kept: vec![Kept {
                    field: "iban".into(),
                    purpose: "bookkeeping".into(),
                    law: None,
                    until: until.map(str::to_owned),
                    retention_note: Some("until the audit".into()),
                }],
            }),
        }
    }

    #[test]
    fn marks_say_erased_until_when_and_restricted() {
        let standing = erased(Some("2036-12-30T00:00:00Z"));
        assert_eq!(mark(&standing), "erased, kept until 2036-12-30; restricted");
        assert_eq!(
            status_words(&standing),
            "restricted,erased,held-until=2036-12-30"
        );
        let json = json_marks(serde_json::json!({"id": 1}), &standing);
        assert_eq!(json["held_until"], "2036-12-30T00:00:00Z");
        assert_eq!(json["erased"], true);
        let by_note = erased(None);
        assert_eq!(
            mark(&by_note),
            "erased, kept while: until the audit; restricted"
        );
        assert_eq!(status_words(&Standing::default()), "");
        assert_eq!(mark(&Standing::default()), "");
    }
}
