//! Name parts in one field: `--map "First Name+Middle Name+Last Name=name"`.
//!
//! Outlook, LinkedIn and WooCommerce keep first, middle and last names in separate columns,
//! where the vault has one name field. A `--map` whose column is several existing columns
//! joined with `+` adds one column to the table, holding their text joined with one space
//! (empty parts left out), and marks the parts as used, so they need no `--skip`.

use super::Error;
use super::mapping::{ColumnRef, MappingSpec, column_index};
use super::reader::{Table, normalize_header};

/// Adds a joined column for each `--map` that names parts; the others stay as they are. A
/// header that itself contains `+` is taken as written.
pub fn apply(table: Table, spec: &mut MappingSpec) -> Result<Table, Error> {
    let mut table = table;
    for (column, _) in spec.maps.iter_mut() {
        let ColumnRef::Name(name) = column else {
            continue;
        };
        let Some(parts) = parts(&table.headers, name)? else {
            continue;
        };
        let joined = name.clone();
        table = table.with_joined_column(joined, &parts);
        for &part in &parts {
            let part = ColumnRef::Position(part + 1);
            if !spec.joined.contains(&part) {
                spec.joined.push(part);
            }
        }
    }
    Ok(table)
}

/// The columns `name` joins, when it is `A+B+…` and not itself a header. Each part must name
/// exactly one column, found as `--map` finds a column.
fn parts(headers: &[String], name: &str) -> Result<Option<Vec<usize>>, Error> {
    let whole = normalize_header(name);
    if !name.contains('+') || headers.iter().any(|h| normalize_header(h) == whole) {
        return Ok(None);
    }
    name.split('+')
        .map(|part| column_index(headers, "--map", &ColumnRef::Name(part.trim().to_owned())))
        .collect::<Result<Vec<usize>, Error>>()
        .map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        let headers = ["First Name", "Middle Name", "Last Name", "E-mail"];
        Table::from_rows(
            headers.iter().map(|h| (*h).to_owned()).collect(),
            vec![
                (
                    2,
                    vec![
                        "Anna".into(),
                        "van".into(),
                        "Dijk".into(),
                        "a@example.nl".into(),
                    ],
                ),
                (
                    3,
                    vec!["Piet".into(), "".into(), " Jansen ".into(), "".into()],
                ),
                (
                    4,
                    vec!["".into(), "".into(), "".into(), "x@example.nl".into()],
                ),
            ],
        )
    }

    #[test]
    fn name_parts_join_with_one_space_and_empty_parts_are_left_out() {
        let mut spec = MappingSpec::default();
        spec.add_maps(&["First Name+Middle Name+Last Name=name"])
            .unwrap();
        let joined = apply(table(), &mut spec).unwrap();
        assert_eq!(
            joined.headers.last().unwrap(),
            "First Name+Middle Name+Last Name"
        );
        let names: Vec<&str> = joined.rows.iter().map(|r| r.cell(4)).collect();
        assert_eq!(names, ["Anna van Dijk", "Piet Jansen", ""]);
        let numbers: Vec<usize> = joined.rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [2, 3, 4]);
        assert_eq!(
            spec.joined,
            [
                ColumnRef::Position(1),
                ColumnRef::Position(2),
                ColumnRef::Position(3)
            ]
        );
    }

    #[test]
    fn an_unknown_part_is_named_and_a_plain_map_is_left_alone() {
        let mut spec = MappingSpec::default();
        spec.add_maps(&["First Name+Achternaam=name", "E-mail=email"])
            .unwrap();
        let error = apply(table(), &mut spec).unwrap_err();
        assert!(
            matches!(&error, Error::UnknownColumn { column, .. } if column == "Achternaam"),
            "{error}"
        );
        let mut spec = MappingSpec::default();
        spec.add_maps(&["E-mail=email"]).unwrap();
        let same = apply(table(), &mut spec).unwrap();
        assert_eq!(same.headers.len(), 4);
        assert!(spec.joined.is_empty());
    }
}
