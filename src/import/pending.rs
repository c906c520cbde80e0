//! An uploaded file waiting to be imported, for a front end that imports in steps (the
//! browser app): read, map, dry run, import. The file lives in memory only; its cells sit in
//! the table's zeroized buffer and are gone when the `Pending` is dropped.

use std::path::Path;

use rusqlite::Connection;
use time::OffsetDateTime;

use super::mapping::{self, Mapping};
use super::pipeline::{OnDuplicate, OnInvalid, Options, Outcome};
use super::reader::{self, ReadOptions, Table};
use super::{Error, import};
use crate::schema::value::DateOrder;

/// A file read into memory, and the plan its last dry run accepted.
pub struct Pending {
    /// The file's name without folders, for messages and the consent source.
    pub file_name: String,
    pub table: Table,
    /// The file's first row was taken as its header (the user did not say it holds data).
    pub has_header: bool,
    /// What a dry run passed with; the import runs exactly this.
    pub checked: Option<Plan>,
}

/// How the rows go in: the mapping and the choices `kluis import` takes as flags.
#[derive(Debug, Clone)]
pub struct Plan {
    pub mapping: Mapping,
    pub on_invalid: OnInvalid,
    pub on_duplicate: OnDuplicate,
    /// Consent purposes recorded on every imported record.
    pub consents: Vec<String>,
    /// The order of day and month in the date columns (`--date-order`); `None` lets each
    /// column's values decide.
    pub date_order: Option<DateOrder>,
}

impl Pending {
    /// Reads a file's bytes as `kluis import` reads a file; the format comes from the
    /// content and the name's extension. With a header row, a header that looks like data
    /// is refused, as on the command line.
    pub fn read(file_name: &str, bytes: &[u8], options: &ReadOptions) -> Result<Pending, Error> {
        // Browsers may send a full Windows path; only the last part is the name.
        let file_name = file_name
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or_default()
            .to_owned();
        let extension = Path::new(&file_name)
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_owned);
        let table = reader::read_bytes(bytes, extension.as_deref(), options).map_err(|source| {
            Error::Read {
                file: file_name.clone(),
                source,
            }
        })?;
        if options.has_header {
            mapping::refuse_data_as_header(&table)?;
        }
        Ok(Pending {
            file_name,
            table,
            has_header: options.has_header,
            checked: None,
        })
    }

    /// Runs the plan on every row; with `dry_run` nothing stays in the database.
    pub fn import(
        &self,
        conn: &mut Connection,
        plan: &Plan,
        dry_run: bool,
        now: OffsetDateTime,
    ) -> Result<Outcome, Error> {
        let options = Options {
            on_invalid: plan.on_invalid,
            on_duplicate: plan.on_duplicate,
            consents: plan.consents.clone(),
            row_consent: Default::default(),
            source: super::log_source(&self.table),
            date_order: plan.date_order,
            now,
        };
        import(
            conn,
            &self.table,
            &plan.mapping,
            &options,
            dry_run,
            &mut |_| std::ops::ControlFlow::Continue(()),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::reader::ReadError;

    #[test]
    fn a_file_is_read_from_its_bytes_and_named_without_folders() {
        let pending = Pending::read(
            "C:\\Users\\an\\Desktop\\klanten.csv",
            b"Naam;E-mail\nJan;jan@example.nl\n",
            &ReadOptions::default(),
        )
        .unwrap();
        assert_eq!(pending.file_name, "klanten.csv");
        assert_eq!(pending.table.headers, ["Naam", "E-mail"]);
        assert_eq!(pending.table.rows.len(), 1);
    }

    #[test]
    fn a_header_row_of_data_and_an_empty_file_are_refused() {
        let error = Pending::read(
            "k.csv",
            b"Jan,jan@example.nl\nPiet,piet@example.nl\n",
            &ReadOptions::default(),
        )
        .err()
        .expect("refused");
        assert!(
            matches!(error, Error::HeaderLooksLikeData { column: 2, row: 1 }),
            "{error}"
        );
        let error = Pending::read("k.csv", b"", &ReadOptions::default())
            .err()
            .expect("refused");
        assert!(
            matches!(
                error,
                Error::Read {
                    source: ReadError::Empty {},
                    ..
                }
            ),
            "{error}"
        );
    }
}
