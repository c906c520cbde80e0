//! Builders for the schema's unit tests.

use rusqlite::Connection;

use super::model::{Field, FieldType, LegalBasis, Purpose, Retention};
use crate::vault::database::open_in_memory_for_tests;

pub fn conn() -> Connection {
    open_in_memory_for_tests()
}

/// A valid purpose with the given basis: a two-year period, an interest when the basis
/// needs one, and no law.
pub fn purpose(name: &str, basis: LegalBasis) -> Purpose {
    Purpose {
        interest: (basis == LegalBasis::LegitimateInterests).then(|| "Fraude voorkomen".into()),
        // A legal obligation always names its law.
        law: (basis == LegalBasis::LegalObligation).then(|| "AWR art. 52".into()),
        retention: Retention::of("2y".parse().unwrap()),
        ..Purpose::new(name, basis, &format!("{name} description"))
    }
}

/// A plain text field for the given purposes.
pub fn field(name: &str, field_type: FieldType, purposes: &[&str]) -> Field {
    Field::new(name, field_type, purposes)
}

/// Runs `change` in a transaction that commits whatever happened, the way a refused CLI
/// command leaves the database: the store must have written nothing before refusing.
pub fn in_tx<T>(conn: &mut Connection, change: impl FnOnce(&rusqlite::Transaction<'_>) -> T) -> T {
    let tx = conn.transaction().unwrap();
    let result = change(&tx);
    tx.commit().unwrap();
    result
}

/// An audit row as (action, fields, purpose, detail).
pub type AuditRow = (String, Option<String>, Option<String>, Option<String>);

/// The audit rows, oldest first.
pub fn audit(conn: &Connection) -> Vec<AuditRow> {
    let mut stmt = conn
        .prepare("SELECT action, fields, purpose, detail FROM audit_log ORDER BY id")
        .unwrap();
    stmt.query_map([], |row| {
        Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
    })
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

/// Gives `purpose` an old free-text recipient and transfer, as a vault from before
/// recipients were structured holds them; kluis itself no longer writes these.
pub fn add_legacy_recipients(conn: &Connection, purpose: &str, recipient: &str, transfer: &str) {
    let id: i64 = conn
        .query_row("SELECT id FROM purposes WHERE name = ?1", [purpose], |r| {
            r.get(0)
        })
        .unwrap();
    conn.execute(
        "INSERT INTO purpose_recipients VALUES (?1, 0, ?2)",
        rusqlite::params![id, recipient],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO purpose_transfers VALUES (?1, 0, ?2)",
        rusqlite::params![id, transfer],
    )
    .unwrap();
}

/// Stores a recipient for `purpose` without the rules, as an older vault or an adequacy
/// decision withdrawn since may leave one: `safeguard` may be missing for a country outside
/// the EEA. Returns its id.
pub fn add_unchecked_recipient(
    conn: &Connection,
    name: &str,
    purpose: &str,
    country: &str,
    safeguard: Option<&str>,
) -> i64 {
    conn.execute(
        "INSERT INTO recipients (name, role, country, safeguard, created_at, updated_at)
         VALUES (?1, 'processor', ?2, ?3, 't', 't')",
        rusqlite::params![name, country, safeguard],
    )
    .unwrap();
    let id = conn.last_insert_rowid();
    conn.execute(
        "INSERT INTO recipient_purposes (recipient_id, purpose_id)
         SELECT ?1, id FROM purposes WHERE name = ?2",
        rusqlite::params![id, purpose],
    )
    .unwrap();
    id
}
