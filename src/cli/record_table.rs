//! Human output for records: aligned columns, `-` for a missing value.

use std::collections::HashSet;

use crate::records::RecordId;
use crate::records::record::Record;

/// What marks a restricted record (Art. 18) in the command line's (English) output.
pub fn restricted_mark() -> &'static str {
    crate::requests::texts::restricted_word(crate::statement::Lang::En)
}

/// Prints records as a table with a header of `id` and the field names; a restricted record's
/// row ends with [`restricted_mark`].
pub fn print(fields: &[&str], records: &[Record], restricted: &HashSet<RecordId>) {
    let mut rows: Vec<Vec<String>> = vec![
        std::iter::once("id")
            .chain(fields.iter().copied())
            .map(str::to_owned)
            .collect(),
    ];
    for record in records {
        rows.push(
            std::iter::once(record.id.to_string())
                .chain(
                    fields
                        .iter()
                        .map(|f| record.value(f).unwrap_or("-").to_owned()),
                )
                .collect(),
        );
    }
    let widths: Vec<usize> = (0..=fields.len())
        .map(|column| {
            rows.iter()
                .map(|row| row[column].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for (index, row) in rows.into_iter().enumerate() {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, &width)| format!("{cell:width$}"))
            .collect();
        let marked = index > 0 && restricted.contains(&records[index - 1].id);
        let mark = if marked {
            format!("  {}", restricted_mark())
        } else {
            String::new()
        };
        println!("{}{mark}", cells.join("  ").trim_end());
    }
}
