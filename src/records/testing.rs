//! Seed data for the records unit tests: a small shop's schema written with plain INSERTs.

use rusqlite::{Connection, params};

use super::view::SchemaView;
use crate::vault::database::open_in_memory_for_tests;

pub const T0: &str = "2030-01-01T00:00:00Z";

pub fn at(text: &str) -> time::OffsetDateTime {
    crate::clock::parse(text).expect("a test timestamp parses")
}

/// Adds a purpose; `days` None means a retention note only.
pub fn purpose(conn: &Connection, name: &str, basis: &str, days: Option<i64>) -> i64 {
    conn.execute(
        "INSERT INTO purposes (name, position, basis, description, interest, law,
             retention_days, retention_spec, retention_note, profiling, created_at, updated_at)
         VALUES (?1, (SELECT count(*) + 1 FROM purposes), ?2, 'test purpose', 'an interest', ?3,
             ?4, ?5, ?6, 'none', ?7, ?7)",
        params![
            name,
            basis,
            (basis == "legal-obligation").then_some("AWR art. 52"),
            days,
            days.map(|d| format!("{d}d")),
            days.is_none().then_some("until the contract ends"),
            T0
        ],
    )
    .unwrap();
    conn.last_insert_rowid()
}

/// Adds a field serving the named purposes.
pub fn field(conn: &Connection, name: &str, kind: &str, required: bool, purposes: &[&str]) -> i64 {
    conn.execute(
        "INSERT INTO fields (name, type, required, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?4)",
        params![name, kind, required, T0],
    )
    .unwrap();
    let id = conn.last_insert_rowid();
    crate::schema::add_value_column(conn, id).unwrap();
    for purpose in purposes {
        conn.execute(
            "INSERT INTO field_purposes (field_id, purpose_id)
             SELECT ?1, id FROM purposes WHERE name = ?2",
            params![id, purpose],
        )
        .unwrap();
    }
    id
}

/// customer-admin (contract, 730d), newsletter (consent, 730d), bookkeeping
/// (legal-obligation, 2555d); fields email (admin + newsletter), name (admin + bookkeeping,
/// required), phone (admin), iban (bookkeeping), interests (newsletter).
pub fn shop() -> (Connection, SchemaView) {
    let conn = open_in_memory_for_tests();
    purpose(&conn, "customer-admin", "contract", Some(730));
    purpose(&conn, "newsletter", "consent", Some(730));
    purpose(&conn, "bookkeeping", "legal-obligation", Some(2555));
    field(
        &conn,
        "email",
        "email",
        false,
        &["customer-admin", "newsletter"],
    );
    field(
        &conn,
        "name",
        "text",
        true,
        &["customer-admin", "bookkeeping"],
    );
    field(&conn, "phone", "phone", false, &["customer-admin"]);
    field(&conn, "iban", "text", false, &["bookkeeping"]);
    field(&conn, "interests", "text", false, &["newsletter"]);
    let schema = SchemaView::load(&conn).unwrap();
    (conn, schema)
}

/// [`shop`] with `allergies` (health, explicit consent) for customer-admin, a contract.
pub fn shop_with_allergies() -> (Connection, SchemaView) {
    let (conn, _) = shop();
    let id = field(&conn, "allergies", "text", false, &["customer-admin"]);
    conn.execute(
        "UPDATE fields SET special = 'health', art9 = 'explicit-consent' WHERE id = ?1",
        [id],
    )
    .unwrap();
    let schema = SchemaView::load(&conn).unwrap();
    (conn, schema)
}

/// `field=value` pairs as `add` and `edit` take them.
pub fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(f, v)| (f.to_string(), v.to_string()))
        .collect()
}
