//! The whole schema in one value, for the statement, the register and `check`.

use rusqlite::Connection;

use super::Error;
use super::field::fields;
use super::model::Snapshot;
use super::profile::profile;
use super::purpose::purposes;
use super::recipient::recipients;

/// The profile, every purpose in the user's order, and every field, recipient and cookie by
/// name.
pub fn load_snapshot(conn: &Connection) -> Result<Snapshot, Error> {
    Ok(Snapshot {
        profile: profile(conn)?,
        purposes: purposes(conn)?.into_iter().map(|p| p.purpose).collect(),
        fields: fields(conn)?.into_iter().map(|f| f.field).collect(),
        recipients: recipients(conn)?,
        cookies: super::cookie::cookies(conn)?,
    })
}
