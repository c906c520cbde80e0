//! The search key: how `records.search_key` (migration 0009) is written, one rule for the
//! write paths, the migration's backfill and `kluis find` (`records::search`).
//!
//! The key holds every value of the record folded (lower case, accents and control
//! characters gone) as one segment per field: [`MARK_START`], the field id written in control
//! characters, [`MARK_END`], the folded value, [`SEGMENT_END`]. A folded value or a query
//! word holds no control character, so a word never matches a mark and never spans two
//! values, and a field's segment can be cut out in SQL without folding anything again (an
//! erased value, a removed field). The key is personal data like the values: it lives only
//! in the encrypted database, and every write path keeps it in step (docs/PERFORMANCE.md,
//! "Search"). It lives here, beside the value columns and the migrations, so the vault's
//! migrations and the schema's field removal use it without depending on the records layer.

use rusqlite::Connection;

use super::migrations::value_column;

const MARK_START: char = '\u{1d}';
const MARK_END: char = '\u{1e}';
const SEGMENT_END: char = '\u{1f}';

/// The SQL function `kluis_holds(search_key, word)`: whether the key holds the word, both
/// folded, anywhere. It does what `search_key LIKE '%word%'` did, without LIKE's character-by-
/// character matching: a `find` spent most of its scan there (SQLite skips to each place the
/// word's first letter occurs, both cases, and compares from it), where a vectorised search
/// for the whole word reads the key once. Registered on every vault connection
/// ([`super::database::configure`]) and on the second reader of a search in two halves.
pub const HOLDS: &str = "kluis_holds";

/// Makes [`HOLDS`] callable on `conn`.
pub(super) fn register_holds(conn: &Connection) -> rusqlite::Result<()> {
    use rusqlite::functions::FunctionFlags;
    use rusqlite::types::ValueRef;
    let flags = FunctionFlags::SQLITE_UTF8
        | FunctionFlags::SQLITE_DETERMINISTIC
        | FunctionFlags::SQLITE_INNOCUOUS;
    conn.create_scalar_function(HOLDS, 2, flags, |ctx| {
        // The word is the same for every row: its searcher is built once per statement.
        let finder = ctx.get_or_create_aux(1, |word: ValueRef<'_>| {
            word.as_bytes()
                .map(|word| memchr::memmem::Finder::new(word).into_owned())
        })?;
        Ok(match ctx.get_raw(0) {
            ValueRef::Text(key) => finder.find(key).is_some(),
            _ => false,
        })
    })
}

/// Text as the search compares it: decomposed, without accents, lower case, every control
/// character a space. `Zoë` and `ZOE` both fold to `zoe`.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    fold_into(&mut folded, text);
    folded
}

/// [`fold`], appended to `out`: a key is built in one buffer.
fn fold_into(out: &mut String, text: &str) {
    if text.is_ascii() {
        // Decomposing changes no ASCII character and none is a combining mark, so this is the
        // same fold without the Unicode tables, for the values most records hold (e-mail
        // addresses, phone numbers, postcodes, dates, most names): import folds every value.
        out.extend(text.bytes().map(|b| {
            if b.is_ascii_control() {
                ' '
            } else {
                char::from(b.to_ascii_lowercase())
            }
        }));
    } else {
        out.extend(fold_unicode(text));
    }
}

fn fold_unicode(text: &str) -> impl Iterator<Item = char> + '_ {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_control() { ' ' } else { c })
}

/// The mark that opens a field's segment: its id's decimal digits as control characters.
pub(crate) fn mark(field_id: i64) -> String {
    let mut mark = String::new();
    mark_into(&mut mark, field_id);
    mark
}

fn mark_into(out: &mut String, field_id: i64) {
    // The digits without `to_string`'s allocation: import writes a mark for every value.
    // Field ids are rowids, never negative.
    let mut digits = [0u8; 20];
    let mut first = digits.len();
    let mut rest = field_id.unsigned_abs();
    loop {
        first -= 1;
        digits[first] = (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    out.push(MARK_START);
    out.extend(digits[first..].iter().map(|d| char::from(d + 1)));
    out.push(MARK_END);
}

/// One field's segment of a search key.
pub(crate) fn segment(field_id: i64, value: &str) -> String {
    let mut segment = String::new();
    segment_into(&mut segment, field_id, value);
    segment
}

fn segment_into(out: &mut String, field_id: i64, value: &str) {
    mark_into(out, field_id);
    fold_into(out, value);
    out.push(SEGMENT_END);
}

/// The search key of a record holding `values` (field id, value).
pub fn key_of<V: AsRef<str>>(values: impl IntoIterator<Item = (i64, V)>) -> String {
    let mut key = String::new();
    for (id, value) in values {
        let value = value.as_ref();
        // A mark and its end take a few bytes; a folded ASCII value takes its own length.
        key.reserve(value.len() + 8);
        segment_into(&mut key, id, value);
    }
    key
}

/// SQL for `key` without the segment opened by the mark `?1`: unchanged when there is none.
pub(crate) const WITHOUT_SEGMENT: &str = "CASE WHEN instr(search_key, ?1) = 0 THEN search_key
     ELSE substr(search_key, 1, instr(search_key, ?1) - 1)
       || substr(search_key, instr(search_key, ?1)
            + instr(substr(search_key, instr(search_key, ?1)), char(31))) END";

/// Drops a field's segment from one record's key (`record`), or from every key (`None`).
/// Called wherever a value is erased, so no trace of it stays searchable.
pub(crate) fn forget(
    conn: &Connection,
    record: Option<i64>,
    field_id: i64,
) -> rusqlite::Result<()> {
    // Two statements: `(?2 IS NULL OR id = ?2)` would make SQLite scan every record even
    // for one, once per erased value.
    let which = if record.is_some() {
        "id = ?2"
    } else {
        "?2 IS NULL"
    };
    conn.prepare_cached(&format!(
        "UPDATE records SET search_key = {WITHOUT_SEGMENT}
         WHERE {which} AND instr(search_key, ?1) > 0"
    ))?
    .execute(rusqlite::params![mark(field_id), record])?;
    Ok(())
}

/// Sets a field's segment in one record's key to `value` (already stored in the record).
pub(crate) fn remember(
    conn: &Connection,
    record: i64,
    field_id: i64,
    value: &str,
) -> rusqlite::Result<()> {
    conn.prepare_cached(&format!(
        "UPDATE records SET search_key = ({WITHOUT_SEGMENT}) || ?2 WHERE id = ?3"
    ))?
    .execute(rusqlite::params![
        mark(field_id),
        segment(field_id, value),
        record
    ])?;
    Ok(())
}

/// Writes every record's key from its values: a vault from before search keys (migration
/// 0009), read with the field ids from the `fields` table that have a value column.
pub fn rebuild_all(conn: &Connection) -> rusqlite::Result<()> {
    let field_ids: Vec<i64> = conn
        .prepare(
            "SELECT f.id FROM fields f JOIN pragma_table_info('records') c
             ON c.name = 'field_' || f.id ORDER BY f.id",
        )?
        .query_map([], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    let columns: String = field_ids
        .iter()
        .map(|&id| format!(", {}", value_column(id)))
        .collect();
    let mut read = conn.prepare(&format!("SELECT id{columns} FROM records"))?;
    let mut write = conn.prepare("UPDATE records SET search_key = ?1 WHERE id = ?2")?;
    let mut rows = read.query([])?;
    while let Some(row) = rows.next()? {
        let mut values = Vec::with_capacity(field_ids.len());
        for (index, &id) in field_ids.iter().enumerate() {
            if let Some(value) = row.get::<_, Option<String>>(index + 1)? {
                values.push((id, value));
            }
        }
        write.execute(rusqlite::params![key_of(values), row.get::<_, i64>(0)?])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_drops_case_accents_and_control_characters() {
        assert_eq!(fold("Zoë ÉMILE\tx\u{1f}"), "zoe emile x ");
        assert_eq!(mark(12), "\u{1d}\u{2}\u{3}\u{1e}");
        assert_eq!(mark(100), "\u{1d}\u{2}\u{1}\u{1}\u{1e}");
    }

    proptest::proptest! {
        /// The ASCII shortcut is the same rule, not a second one.
        #[test]
        fn the_ascii_fold_is_the_unicode_fold(text in "[\\x00-\\x7f]{0,40}") {
            proptest::prop_assert_eq!(fold(&text), fold_unicode(&text).collect::<String>());
        }
    }
}
