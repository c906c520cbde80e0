//! The report at the end of an import: what was read, how it was mapped, what happened to
//! every row, and a reminder that the original file still holds the data in the clear.

use std::path::Path;
use std::time::Duration;

use serde::Serialize;

use super::error::problem_lines;
use super::mapping::{ColumnPlan, How, Mapping};
use super::pipeline::Outcome;
use super::reader::{Note, SourceInfo};

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub file: String,
    pub format: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// How the reader read the file (never a value); English sentences in JSON.
    pub notes: Vec<Note>,
    pub mapping: Vec<ColumnPlan>,
    /// The columns left out, by name.
    pub columns_dropped: Vec<String>,
    #[serde(flatten)]
    pub outcome: Outcome,
    pub dry_run: bool,
    pub seconds: f64,
    /// What to do with the original file; absent after a dry run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Summary {
    pub fn new(
        file: &Path,
        source: &SourceInfo,
        notes: Vec<Note>,
        mapping: &Mapping,
        outcome: Outcome,
        dry_run: bool,
        took: Duration,
    ) -> Summary {
        let SourceInfo {
            format,
            delimiter,
            encoding,
            sheet,
        } = source;
        let from_stdin = file == Path::new("-");
        Summary {
            file: if from_stdin {
                "stdin".to_owned()
            } else {
                file.display().to_string()
            },
            format: format.name().to_owned(),
            sheet: sheet.clone(),
            delimiter: delimiter.map(describe_delimiter),
            encoding: encoding.clone(),
            notes,
            mapping: mapping.columns.clone(),
            columns_dropped: mapping.dropped().map(|c| c.column.clone()).collect(),
            outcome,
            dry_run,
            seconds: took.as_secs_f64(),
            // Data piped in (`-`) left no file behind to shred.
            hint: (!dry_run && !from_stdin).then(|| shred_hint(&file.display().to_string())),
        }
    }

    /// The human report, for stdout.
    pub fn text(&self) -> String {
        let mut out = String::new();
        let mut read = format!("Read {} ({}", self.file, self.format);
        for part in [&self.sheet, &self.delimiter, &self.encoding]
            .into_iter()
            .flatten()
        {
            read.push_str(", ");
            read.push_str(part);
        }
        read.push(')');
        out.push_str(&read);
        out.push('\n');
        for note in &self.notes {
            out.push_str(&format!("  note: {note}\n"));
        }
        out.push_str("Mapping:\n");
        out.push_str(&mapping_table(&self.mapping));
        let o = &self.outcome;
        let verb = if self.dry_run {
            "would be imported"
        } else {
            "imported"
        };
        out.push_str(&format!(
            "Rows read: {}, {verb}: {}, updated: {}, skipped: {}, duplicates: {}",
            o.rows_read,
            o.imported,
            o.updated,
            o.skipped_invalid + o.duplicates_skipped + o.empty_rows,
            o.duplicates
        ));
        out.push('\n');
        if o.duplicates > 0 {
            out.push_str(&format!(
                "  duplicates (same e-mail address): {} skipped, {} updated, {} kept as new records\n",
                o.duplicates_skipped,
                o.updated,
                o.duplicates - o.duplicates_skipped - o.updated
            ));
        }
        if o.empty_rows > 0 {
            out.push_str(&format!(
                "  {} row(s) had no value in any mapped column\n",
                o.empty_rows
            ));
        }
        if o.skipped_invalid > 0 {
            let more = o.skipped_invalid - o.skipped_rows.len();
            let mut rows: Vec<String> = o.skipped_rows.iter().map(usize::to_string).collect();
            if more > 0 {
                rows.push(format!("and {more} more"));
            }
            out.push_str(&format!(
                "  {} invalid row(s) skipped: {}\n  problems:{}\n",
                o.skipped_invalid,
                rows.join(", "),
                problem_lines(&o.problems, o.problems_total)
            ));
        }
        for note in &o.value_notes {
            out.push_str(&format!("  note: {note}\n"));
        }
        if o.consents_given > 0 {
            out.push_str(&format!(
                "  consent recorded {} time(s)\n",
                o.consents_given
            ));
        }
        if !self.columns_dropped.is_empty() {
            out.push_str(&format!(
                "Columns dropped: {}\n",
                self.columns_dropped
                    .iter()
                    .map(|c| format!("{c:?}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        out.push_str(&format!("Time: {:.2} s\n", self.seconds));
        if self.dry_run {
            out.push_str("Dry run: nothing was saved.\n");
        } else if let Some(hint) = &self.hint {
            out.push('\n');
            out.push_str(hint);
            out.push('\n');
        }
        out
    }
}

fn shred_hint(file: &str) -> String {
    format!(
        "The vault now holds this data encrypted, but {file} still holds it in the clear. \
         Delete it now, or shred it: shred -u {}",
        super::mapping::shell_quote(file)
    )
}

fn mapping_table(columns: &[ColumnPlan]) -> String {
    let width = columns
        .iter()
        .map(|c| format!("{:?}", c.column).chars().count())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for column in columns {
        let name = format!("{:?}", column.column);
        let pad = " ".repeat(width - name.chars().count());
        let target = match &column.field {
            Some(field) => format!("→ {field}"),
            None => "dropped".to_owned(),
        };
        out.push_str(&format!(
            "  {name}{pad}  {target} ({})\n",
            how_text(column.how)
        ));
    }
    out
}

fn how_text(how: How) -> &'static str {
    match how {
        How::Mapped => "--map",
        How::ByPosition => "--map by position",
        How::FieldName => "field name or label",
        How::Synonym => "known header",
        How::MobileFirst => "known header, mobile preferred over the other phone columns",
        How::Joined => "joined into another column (--map \"A+B=field\")",
        How::Consent => "read as consent per row",
        How::Skipped => "--skip",
        How::SkippedUnmapped => "--skip-unmapped",
    }
}

fn describe_delimiter(byte: u8) -> String {
    match byte {
        b'\t' => "TAB-separated".to_owned(),
        other => format!("'{}'-separated", other as char),
    }
}
