//! The order of the purposes: the statement and the register list them as the user gave
//! them, and `purpose move` changes that order.

use rusqlite::{Transaction, params};

use super::Error;
use super::audit;
use super::purpose::{purpose_by_name, purposes};

/// Where `purpose move` puts a purpose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// Just before the named purpose.
    Before(String),
    /// At this place, counting from 1.
    To(usize),
}

/// Moves a purpose and renumbers every purpose's `position` from 1. Returns the purpose
/// names in their new order.
pub fn move_purpose(tx: &Transaction<'_>, name: &str, place: &Place) -> Result<Vec<String>, Error> {
    let moved = purpose_by_name(tx, name)?;
    let mut order: Vec<(i64, String)> = purposes(tx)?
        .into_iter()
        .filter(|p| p.id != moved.id)
        .map(|p| (p.id, p.purpose.name))
        .collect();
    let refuse = |rule: String| Error::MoveTarget {
        purpose: name.to_owned(),
        rule,
    };
    let index = match place {
        Place::Before(other) if other == name => {
            return Err(refuse("it cannot move before itself".into()));
        }
        Place::Before(other) => {
            purpose_by_name(tx, other)?;
            order
                .iter()
                .position(|(_, n)| n == other)
                .expect("an existing purpose other than the moved one")
        }
        Place::To(to) if (1..=order.len() + 1).contains(to) => to - 1,
        Place::To(to) => {
            return Err(refuse(format!(
                "--to {to} is outside 1..{}",
                order.len() + 1
            )));
        }
    };
    order.insert(index, (moved.id, moved.purpose.name));
    for (position, (id, _)) in order.iter().enumerate() {
        tx.execute(
            "UPDATE purposes SET position = ?2 WHERE id = ?1",
            params![id, position as i64 + 1],
        )?;
    }
    audit::log(
        tx,
        "purpose.move",
        None,
        Some(name),
        Some(&format!("position {}", index + 1)),
    )?;
    Ok(order.into_iter().map(|(_, n)| n).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::add_purpose;
    use crate::schema::model::LegalBasis;
    use crate::schema::testing::{audit, conn, in_tx, purpose};

    fn shop() -> rusqlite::Connection {
        let mut conn = conn();
        in_tx(&mut conn, |tx| {
            for name in ["a", "b", "c"] {
                add_purpose(tx, &purpose(name, LegalBasis::Contract))?;
            }
            Ok::<_, Error>(())
        })
        .unwrap();
        conn
    }

    fn names(conn: &rusqlite::Connection) -> Vec<String> {
        purposes(conn)
            .unwrap()
            .into_iter()
            .map(|p| p.purpose.name)
            .collect()
    }

    #[test]
    fn a_purpose_moves_before_another_or_to_a_place() {
        let mut conn = shop();
        let order = in_tx(&mut conn, |tx| {
            move_purpose(tx, "c", &Place::Before("a".into()))
        })
        .unwrap();
        assert_eq!(order, ["c", "a", "b"]);
        assert_eq!(names(&conn), ["c", "a", "b"]);
        in_tx(&mut conn, |tx| move_purpose(tx, "c", &Place::To(3))).unwrap();
        assert_eq!(names(&conn), ["a", "b", "c"]);
        let last = audit(&conn).pop().unwrap();
        assert_eq!(last.0, "purpose.move");
        assert_eq!(last.2.as_deref(), Some("c"));
    }

    #[test]
    fn impossible_places_are_refused_and_change_nothing() {
        let mut conn = shop();
        for place in [Place::To(0), Place::To(4), Place::Before("b".into())] {
            let error = in_tx(&mut conn, |tx| move_purpose(tx, "b", &place)).unwrap_err();
            assert!(matches!(error, Error::MoveTarget { .. }), "{error}");
        }
        let error = in_tx(&mut conn, |tx| {
            move_purpose(tx, "b", &Place::Before("x".into()))
        })
        .unwrap_err();
        assert!(matches!(error, Error::PurposeNotFound { .. }), "{error}");
        assert_eq!(names(&conn), ["a", "b", "c"]);
    }
}
