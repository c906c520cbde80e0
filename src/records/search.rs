//! `kluis find`: forgiving search in SQL over one stored search key per record, written as
//! `vault::search_key` says.

use rusqlite::{Connection, ToSql, params_from_iter};

use super::Error;
use super::record::{Record, from_row, record_countries, value_columns};
use super::view::SchemaView;
use crate::schema::model::FieldType;
use crate::schema::value::{self, Context};
use crate::vault::search_key::{HOLDS, fold, mark};

/// What `kluis find` looks for.
#[derive(Debug, Clone, Default)]
pub struct Query<'a> {
    /// The words typed; every word (or the whole text read as one phone number or postcode)
    /// must match some value.
    pub text: &'a str,
    /// Only values of these fields count; empty means every field.
    pub fields: &'a [String],
    /// At most this many records; the result says whether more matched.
    pub limit: Option<usize>,
}

/// Records found, in id order, and how many matched in all when a limit cut the list.
#[derive(Debug)]
pub struct Found {
    pub records: Vec<Record>,
    /// `Some(total)` only when more records matched than the limit let through.
    pub more: Option<usize>,
}

/// A term matches when any of its forms is in a value: the word folded, and the word as a
/// phone number or postcode is stored in a record of one of `countries` (`06-12345678` is
/// stored `+31612345678` in a Dutch record).
fn terms(text: &str, countries: &[&'static str]) -> Vec<Vec<String>> {
    let whole = text.trim();
    if whole.split_whitespace().nth(1).is_some() {
        let stored = stored_forms(whole, countries);
        if !stored.is_empty() {
            let mut forms = vec![fold(whole)];
            add_new(&mut forms, stored);
            return vec![forms];
        }
    }
    whole
        .split_whitespace()
        .map(|word| {
            let mut forms = vec![fold(word)];
            add_new(&mut forms, stored_forms(word, countries));
            forms
        })
        .collect()
}

/// `text` as a phone number and as a postcode would be stored in a record of each of
/// `countries`, folded, where it is one.
fn stored_forms(text: &str, countries: &[&'static str]) -> Vec<String> {
    let mut forms = Vec::new();
    for &country in countries {
        let context = Context {
            country,
            ..Context::default()
        };
        let postcode = value::normalize_in(FieldType::Postcode, text, &context).ok();
        let stored = value::phone_search_form(text, &context)
            .into_iter()
            .chain(postcode.map(|stored| stored.into_owned()));
        add_new(&mut forms, stored.map(|stored| fold(&stored)));
    }
    forms
}

/// The countries whose phone and postcode rules `text` is read by ([`stored_forms`]): those of
/// the records, when a word of it holds a digit. Without one no word can be a phone number or
/// a postcode, and finding the records' countries reads every record where the schema has a
/// country field: a search for a name need not pay for that.
fn countries_for(
    conn: &Connection,
    schema: &SchemaView,
    text: &str,
) -> Result<Vec<&'static str>, Error> {
    if text.bytes().any(|b| b.is_ascii_digit()) {
        record_countries(conn, schema)
    } else {
        Ok(Vec::new())
    }
}

/// Appends the forms `forms` does not hold yet: one pattern per form is enough.
fn add_new(forms: &mut Vec<String>, more: impl IntoIterator<Item = String>) {
    for form in more {
        if !forms.contains(&form) {
            forms.push(form);
        }
    }
}

/// The SQL condition that `form` (parameter `?n`) is in the key, or in one of `marks`'
/// segments (parameters numbered after it), and the parameter to bind as `?n`.
fn form_condition(form: &str, n: usize, marks: &[usize]) -> (String, String) {
    if marks.is_empty() {
        return (format!("{HOLDS}(search_key, ?{n})"), form.to_owned());
    }
    let in_segment = |mark: &usize| {
        format!(
            "(instr(search_key, ?{mark}) > 0 AND instr(substr(search_key, instr(search_key, ?{mark}),
               instr(substr(search_key, instr(search_key, ?{mark})), char(31))), ?{n}) > 0)"
        )
    };
    let any: Vec<String> = marks.iter().map(in_segment).collect();
    (format!("({})", any.join(" OR ")), form.to_owned())
}

/// The longest form [`shared_part`] looks into. Phones and postcodes are short; the search
/// for the part grows with the cube of the length, and a 60,000-digit query is two forms too.
const SHARED_PART_LONGEST: usize = 64;

/// The longest part of at least four characters that every one of several `forms` holds.
fn shared_part(forms: &[String]) -> Option<&str> {
    let (first, others) = forms.split_first()?;
    if others.is_empty() || first.len() > SHARED_PART_LONGEST {
        return None;
    }
    // Character boundaries: a part starts at `bounds[i]` and ends at a later one.
    let bounds: Vec<usize> = first
        .char_indices()
        .map(|(at, _)| at)
        .chain([first.len()])
        .collect();
    let mut best: Option<&str> = None;
    for (i, &start) in bounds.iter().enumerate() {
        for &end in bounds[i + 1..].iter().rev() {
            let part = &first[start..end];
            if best.is_some_and(|best| best.len() >= part.len()) {
                break;
            }
            if part.chars().count() >= 4 && others.iter().all(|form| form.contains(part)) {
                best = Some(part);
                break;
            }
        }
    }
    best
}

/// The WHERE clause of a query and its parameters: field marks first, then each form.
fn condition(terms: &[Vec<String>], marks: Vec<String>) -> (String, Vec<String>) {
    let mark_params: Vec<usize> = (1..=marks.len()).collect();
    let mut params = marks;
    let mut all = Vec::with_capacity(terms.len());
    for forms in terms {
        let mut add_form = |form: &str| {
            let (sql, param) = form_condition(form, params.len() + 1, &mark_params);
            params.push(param);
            sql
        };
        // A row that holds none of the part all forms share holds none of them: one pattern
        // rules most rows out where each form would be tried in turn (a phone is two forms).
        let shared = shared_part(forms).map(&mut add_form);
        let any: Vec<String> = forms.iter().map(|form| add_form(form)).collect();
        let any = format!("({})", any.join(" OR "));
        all.push(match shared {
            Some(shared) => format!("({shared} AND {any})"),
            None => any,
        });
    }
    let clause = if all.is_empty() {
        "1".to_owned()
    } else {
        all.join(" AND ")
    };
    (clause, params)
}

/// The SQL condition over `search_key`, with its parameters, that a record holds every word
/// of `text` in any field: `find`'s matching, for the browser's customer table.
pub(super) fn text_condition(
    conn: &Connection,
    schema: &SchemaView,
    text: &str,
) -> Result<(String, Vec<String>), Error> {
    let countries = countries_for(conn, schema, text)?;
    Ok(condition(&terms(text, &countries), Vec::new()))
}

/// `kluis find`: the records whose values hold every word of the query, ignoring case and
/// accents, read by SQLite from the search keys. An empty query matches every record.
pub fn search(conn: &Connection, schema: &SchemaView, query: &Query<'_>) -> Result<Found, Error> {
    let marks = query
        .fields
        .iter()
        .map(|name| {
            let field = schema.field(name).ok_or_else(|| Error::UnknownField {
                field: name.clone(),
            })?;
            Ok(mark(field.id))
        })
        .collect::<Result<Vec<_>, Error>>()?;
    let countries = countries_for(conn, schema, query.text)?;
    let (clause, words) = condition(&terms(query.text, &countries), marks);
    let columns = value_columns(schema);
    let limit = query.limit.map_or(-1, |n| n as i64 + 1);
    let select = format!(
        "SELECT id, created_at, updated_at{columns} FROM records
         WHERE ({clause}) AND id BETWEEN ?{first} AND ?{last} ORDER BY id LIMIT {limit}",
        first = words.len() + 1,
        last = words.len() + 2,
    );
    let mut records = in_two_halves(conn, |conn, (first, last)| {
        let words = words.iter().map(|word| word as &dyn ToSql);
        let params = params_from_iter(words.chain([&first as &dyn ToSql, &last]));
        conn.prepare(&select)?
            .query_map(params, |row| from_row(row, schema))?
            .collect::<Result<Vec<Record>, _>>()
    })?;
    let more = match query.limit {
        Some(limit) if records.len() > limit => {
            records.truncate(limit);
            let count = format!("SELECT count(*) FROM records WHERE {clause}");
            let total: i64 = conn.query_row(&count, params_from_iter(&words), |row| row.get(0))?;
            Some(total as usize)
        }
        _ => None,
    };
    Ok(Found { records, more })
}

/// Runs `read` over the records' ids in two halves, the second on another thread with a
/// second connection to the same database, and joins the halves in order: the scan over
/// every search key is most of a `find` beyond opening the vault, and two cores halve it.
/// Where no second connection can be had, `read` runs once over every id.
fn in_two_halves<T: Send>(
    conn: &Connection,
    read: impl Fn(&Connection, (i64, i64)) -> rusqlite::Result<Vec<T>> + Sync,
) -> Result<Vec<T>, Error> {
    // Two subqueries: `min(id), max(id)` in one would read every row.
    let (first, last): (Option<i64>, Option<i64>) = conn.query_row(
        "SELECT (SELECT min(id) FROM records), (SELECT max(id) FROM records)",
        [],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    let (Some(first), Some(last)) = (first, last) else {
        return Ok(Vec::new());
    };
    let middle = first + (last - first) / 2;
    // SAFETY: nothing below writes: `read` runs SELECTs only.
    let halves = unsafe {
        crate::vault::database::with_reader_beside(conn, |second| match second {
            None => read(conn, (first, last)).map(|all| (all, Vec::new())),
            Some(second) => std::thread::scope(|scope| {
                let read = &read;
                let later = scope.spawn(move || read(second, (middle + 1, last)));
                let earlier = read(conn, (first, middle));
                let later = later
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                Ok((earlier?, later?))
            }),
        })
    };
    let (mut earlier, later) = halves?;
    earlier.extend(later);
    Ok(earlier)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::RecordId;
    use crate::records::record::{add, edit};
    use crate::records::testing::{T0, at, pairs, shop};
    use crate::vault::search_key::{forget, rebuild_all, segment};

    fn key(conn: &Connection, id: RecordId) -> String {
        conn.query_row("SELECT search_key FROM records WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .unwrap()
    }

    fn ids(conn: &Connection, schema: &SchemaView, text: &str) -> Vec<RecordId> {
        let query = Query {
            text,
            ..Query::default()
        };
        let found = search(conn, schema, &query).unwrap();
        found.records.iter().map(|r| r.id).collect()
    }

    /// What [`countries_for`] relies on: a word without an ASCII digit has no phone or
    /// postcode form in any country but itself, so the records' countries need not be read
    /// for it.
    #[test]
    fn a_word_without_a_digit_is_no_phone_or_postcode_anywhere() {
        let codes: Vec<&'static str> = crate::schema::country::countries()
            .iter()
            .map(|country| country.code)
            .collect();
        for word in [
            "jansen",
            "Zoë",
            "de-vries",
            "jan@example.com",
            "ab",
            "SW",
            "+",
            "-",
            // Digits other than ASCII ones are no phone number to the rules either.
            "０６１２３４５６７８",
            "٠٦١٢٣٤٥٦٧٨",
        ] {
            let forms = stored_forms(word, &codes);
            assert!(
                forms.iter().all(|form| *form == fold(word)),
                "{word}: {forms:?}"
            );
        }
        assert!(!stored_forms("0612345678", &["NL"]).is_empty());
    }

    /// Regression: with a country field in the schema, every `find` first read every
    /// record for the countries in use, also for a name that no country's rules can read as
    /// a phone number or a postcode.
    #[test]
    fn a_search_for_a_name_does_not_read_the_records_countries() {
        use rusqlite::trace::{TraceEvent, TraceEventCodes};
        let (mut conn, _) = shop();
        crate::records::testing::field(&conn, "land", "country", false, &["customer-admin"]);
        let schema = SchemaView::load(&conn).unwrap();
        add(
            &conn,
            &schema,
            &pairs(&[("name", "Jansen"), ("land", "BE")]),
            at(T0),
        )
        .unwrap();
        let run = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let seen = run.clone();
        let remember = move |event: TraceEvent<'_>| {
            if let TraceEvent::Profile(statement, _) = event {
                seen.lock().unwrap().push(statement.sql().into_owned());
            }
        };
        conn.trace_v2(TraceEventCodes::SQLITE_TRACE_PROFILE, Some(remember))
            .unwrap();
        let reads_countries = |text: &str| {
            run.lock().unwrap().clear();
            ids(&conn, &schema, text);
            let run = run.lock().unwrap();
            run.iter().any(|sql| sql.contains("SELECT DISTINCT"))
        };
        assert!(!reads_countries("jansen"));
        assert!(
            reads_countries("0470 12 34 56"),
            "a Belgian number needs BE's rules"
        );
    }

    /// In SQLite's own memory, as a vault opened from its file is, a search runs in two
    /// halves on two connections: it finds what one connection finds, in order, and the
    /// limit and the count of further matches hold across the halves.
    #[test]
    fn a_search_in_two_halves_finds_what_one_finds() {
        let (mut conn, schema) = shop();
        for i in 1..=40 {
            let name = if i % 3 == 0 { "Jansen" } else { "Klant" };
            let values = pairs(&[("name", &format!("{name} {i}"))]);
            add(&conn, &schema, &values, at(T0)).unwrap();
        }
        let image = conn.serialize(rusqlite::MAIN_DB).unwrap().to_vec();
        let mut lent = Connection::open_in_memory().unwrap();
        let length = image.len();
        lent.deserialize_read_exact(rusqlite::MAIN_DB, image.as_slice(), length, false)
            .unwrap();
        crate::vault::database::configure(&lent).unwrap();
        // SAFETY: nothing writes while the closure runs.
        let split =
            unsafe { crate::vault::database::with_reader_beside(&lent, |second| second.is_some()) };
        assert!(split, "the copy is lent to a second connection");
        for (text, limit) in [
            ("jansen", None),
            ("jansen", Some(5)),
            ("klant", Some(20)),
            ("", None),
        ] {
            let query = Query {
                text,
                fields: &[],
                limit,
            };
            let one = search(&conn, &schema, &query).unwrap();
            let two = search(&lent, &schema, &query).unwrap();
            let ids = |found: &Found| found.records.iter().map(|r| r.id).collect::<Vec<_>>();
            assert_eq!(ids(&two), ids(&one), "{text} {limit:?}");
            assert!(ids(&two).is_sorted(), "{text} {limit:?}");
            assert_eq!(two.more, one.more, "{text} {limit:?}");
        }
        assert_eq!(ids(&lent, &schema, "jansen").len(), 13);
    }

    #[test]
    fn cutting_a_segment_in_sql_leaves_the_others() {
        let (conn, schema) = shop();
        let id = add(
            &conn,
            &schema,
            &pairs(&[("name", "Zoë"), ("email", "zoe@example.nl")]),
            at(T0),
        )
        .unwrap();
        let name = schema.field("name").unwrap().id;
        let email = schema.field("email").unwrap().id;
        forget(&conn, Some(id), name).unwrap();
        assert_eq!(key(&conn, id), segment(email, "zoe@example.nl"));
        forget(&conn, Some(id), email).unwrap();
        assert_eq!(key(&conn, id), "");
    }

    #[test]
    fn keys_follow_edits_and_erasures() {
        let (conn, schema) = shop();
        let id = add(
            &conn,
            &schema,
            &pairs(&[("name", "Zoë Jansen"), ("phone", "06-12345678")]),
            at(T0),
        )
        .unwrap();
        assert_eq!(ids(&conn, &schema, "zoe"), [id]);
        edit(&conn, &schema, id, &pairs(&[("name", "Anna Smit")]), at(T0)).unwrap();
        assert!(ids(&conn, &schema, "zoe").is_empty());
        assert_eq!(ids(&conn, &schema, "smit"), [id]);
        edit(&conn, &schema, id, &pairs(&[("phone", "")]), at(T0)).unwrap();
        assert!(ids(&conn, &schema, "0612345678").is_empty());
        assert!(!key(&conn, id).contains("612345678"));
        // A rebuilt key (the migration's backfill) is the key the write paths keep.
        let kept = key(&conn, id);
        rebuild_all(&conn).unwrap();
        assert_eq!(key(&conn, id), kept);
        // Erasure and purge clear a value through this one function.
        let name = schema.field("name").unwrap().id;
        crate::records::record::clear_value(&conn, id, name).unwrap();
        assert!(!key(&conn, id).contains("smit"));
        assert!(ids(&conn, &schema, "smit").is_empty());
    }

    #[test]
    fn removing_a_field_cuts_its_values_out_of_every_key() {
        let (mut conn, schema) = shop();
        let input = pairs(&[("name", "Zoë"), ("phone", "0612345678")]);
        let id = add(&conn, &schema, &input, at(T0)).unwrap();
        let tx = conn.transaction().unwrap();
        crate::schema::field::remove_field(&tx, "phone", true).unwrap();
        assert_eq!(
            key(&tx, id),
            segment(schema.field("name").unwrap().id, "Zoë")
        );
    }

    #[test]
    fn words_match_across_fields_phones_and_postcodes_as_stored() {
        let (conn, schema) = shop();
        crate::records::testing::field(&conn, "postcode", "postcode", false, &["customer-admin"]);
        let schema = SchemaView::load(&conn).unwrap_or(schema);
        let jan = add(
            &conn,
            &schema,
            &pairs(&[
                ("name", "Jan"),
                ("iban", "de Vries"),
                ("phone", "+31 6 1234 5678"),
                ("postcode", "1234ab"),
            ]),
            at(T0),
        )
        .unwrap();
        add(&conn, &schema, &pairs(&[("name", "Jan Smit")]), at(T0)).unwrap();
        for text in [
            "jan de vries",
            "06-12345678",
            "0612345678",
            "+31 6 1234 5678",
            "1234ab",
            "1234 AB",
        ] {
            assert_eq!(ids(&conn, &schema, text), [jan], "{text}");
        }
        assert!(ids(&conn, &schema, "jan vries smit").is_empty());
    }

    /// Until the twelfth session `find` read every national number as Dutch, so a Belgian
    /// customer's `0470 12 34 56`, stored `+32470123456`, was not found as it was typed.
    #[test]
    fn a_national_number_is_found_in_a_record_of_another_country() {
        let (conn, schema) = shop();
        crate::records::testing::field(&conn, "country", "country", false, &["customer-admin"]);
        let schema = SchemaView::load(&conn).unwrap_or(schema);
        let belgian = add(
            &conn,
            &schema,
            &pairs(&[
                ("name", "Anna"),
                ("country", "BE"),
                ("phone", "0470 12 34 56"),
            ]),
            at(T0),
        )
        .unwrap();
        let dutch = pairs(&[("name", "Jan"), ("phone", "0612345678")]);
        let dutch = add(&conn, &schema, &dutch, at(T0)).unwrap();
        assert_eq!(ids(&conn, &schema, "0470123456"), [belgian]);
        assert_eq!(ids(&conn, &schema, "+32 470 12 34 56"), [belgian]);
        assert_eq!(ids(&conn, &schema, "06-12345678"), [dutch]);
        // A Dutch shop's number typed nationally is not read as a Belgian one too.
        assert!(ids(&conn, &schema, "0612").iter().all(|id| *id == dutch));
    }

    /// A word past SQLite's limit for a LIKE pattern was a database error, which `find`
    /// reported with exit 1, the code for "no match".
    #[test]
    fn a_word_longer_than_sqlites_like_limit_is_searched_not_refused() {
        let (conn, schema) = shop();
        let long = "a".repeat(60_000);
        let id = add(&conn, &schema, &pairs(&[("name", &long)]), at(T0)).unwrap();
        add(&conn, &schema, &pairs(&[("name", "Jan")]), at(T0)).unwrap();
        assert_eq!(ids(&conn, &schema, &long), [id]);
        assert!(ids(&conn, &schema, &"b".repeat(60_000)).is_empty());
    }

    #[test]
    fn forms_share_their_longest_common_part_of_four_characters_or_more() {
        let forms = |list: &[&str]| list.iter().map(|f| f.to_string()).collect::<Vec<_>>();
        let shared = |list: &[&str]| shared_part(&forms(list)).map(str::to_owned);
        assert_eq!(
            shared(&["0611179379", "+31611179379"]).as_deref(),
            Some("611179379")
        );
        assert_eq!(shared(&["1234ab", "1234 ab"]).as_deref(), Some("1234"));
        assert_eq!(shared(&["xzoëzoë", "zoëz"]).as_deref(), Some("zoëz"));
        assert_eq!(shared(&["abcx", "abcy"]), None);
        assert_eq!(shared(&["jansen"]), None);
        assert_eq!(shared(&[]), None);
        // A 60,000-digit query is two forms too, and must not take minutes to compare.
        let long = "0".repeat(60_000);
        assert_eq!(shared(&[&long, &format!("+31{}", &long[1..])]), None);
    }

    #[test]
    fn like_wildcards_in_the_query_match_only_themselves() {
        let (conn, schema) = shop();
        let literal = add(&conn, &schema, &pairs(&[("name", "50%_a\\b")]), at(T0)).unwrap();
        add(&conn, &schema, &pairs(&[("name", "500 xab")]), at(T0)).unwrap();
        for text in ["50%", "%_a", "_", "a\\b", "%", "\\"] {
            assert_eq!(ids(&conn, &schema, text), [literal], "{text}");
        }
    }
}
