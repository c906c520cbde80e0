//! Human output for records: aligned columns, `-` for a missing value.

use crate::records::record::Record;

/// Prints records as a table with a header of `id` and the field names.
pub fn print(fields: &[&str], records: &[Record]) {
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
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, &width)| format!("{cell:width$}"))
            .collect();
        println!("{}", cells.join("  ").trim_end());
    }
}
