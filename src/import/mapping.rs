//! Which column goes into which field, and which columns are dropped.
//!
//! A column is mapped explicitly (`--map "Column=field"`, `--map "#3=field"`), skipped
//! (`--skip "Column"`), or mapped automatically when its header matches a field's name,
//! Dutch or English label, or a known synonym. Anything else stops the import: data
//! minimisation means the user decides about every column (or drops the rest on purpose with
//! `--skip-unmapped`).

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::Error;
use super::reader::{Table, normalize_header};
use super::synonyms;
use crate::schema::StoredField;
use crate::schema::model::FieldType;

/// A column as the user names it: by header or by 1-based position (`#3`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnRef {
    Name(String),
    Position(usize),
}

impl ColumnRef {
    /// `#3` is a position, anything else a header name.
    pub fn parse(text: &str) -> ColumnRef {
        let trimmed = text.trim();
        match trimmed.strip_prefix('#').map(str::parse::<usize>) {
            Some(Ok(n)) if n > 0 => ColumnRef::Position(n),
            _ => ColumnRef::Name(trimmed.to_owned()),
        }
    }

    fn text(&self) -> String {
        match self {
            ColumnRef::Name(name) => name.clone(),
            ColumnRef::Position(n) => format!("#{n}"),
        }
    }
}

/// What the user asked for, from the command line and a mapping file.
#[derive(Debug, Clone, Default)]
pub struct MappingSpec {
    pub maps: Vec<(ColumnRef, String)>,
    pub skips: Vec<ColumnRef>,
    pub skip_unmapped: bool,
    /// Columns whose text went into a joined column (`--map "First+Last=name"`, see
    /// [`super::joins`]): dropped on their own, on purpose.
    pub joined: Vec<ColumnRef>,
    /// Columns read as consent per row (`--consent-column`, `--consent-date-column`):
    /// used, not stored as fields.
    pub consent_columns: Vec<ColumnRef>,
}

impl MappingSpec {
    /// The columns named by header (not by position) in `--map` and `--skip`.
    fn names(&self) -> impl Iterator<Item = &str> {
        let mapped = self.maps.iter().map(|(column, _)| column);
        mapped.chain(&self.skips).filter_map(|column| match column {
            ColumnRef::Name(name) => Some(name.as_str()),
            ColumnRef::Position(_) => None,
        })
    }

    /// Parses `--map` arguments; a malformed one is named by position, since it may hold
    /// anything the user typed.
    pub fn add_maps<S: AsRef<str>>(&mut self, args: &[S]) -> Result<(), Error> {
        for (index, arg) in args.iter().enumerate() {
            let (column, field) = arg
                .as_ref()
                .rsplit_once('=')
                .filter(|(c, f)| !c.trim().is_empty() && !f.trim().is_empty())
                .ok_or(Error::BadMap {
                    position: index + 1,
                })?;
            self.set_map(ColumnRef::parse(column), field.trim().to_owned());
        }
        Ok(())
    }

    /// A later mapping of the same column (the command line over a file) wins.
    fn set_map(&mut self, column: ColumnRef, field: String) {
        self.maps.retain(|(c, _)| !same_ref(c, &column));
        self.maps.push((column, field));
    }

    pub fn add_skips<S: AsRef<str>>(&mut self, args: &[S]) {
        for arg in args {
            let column = ColumnRef::parse(arg.as_ref());
            if !self.skips.iter().any(|c| same_ref(c, &column)) {
                self.skips.push(column);
            }
        }
    }

    /// Adds a saved mapping; flags given on the command line afterwards override it.
    pub fn add_file(&mut self, file: &MappingFile) {
        for (column, field) in &file.map {
            self.set_map(ColumnRef::parse(column), field.clone());
        }
        self.add_skips(&file.skip);
    }
}

fn same_ref(a: &ColumnRef, b: &ColumnRef) -> bool {
    match (a, b) {
        (ColumnRef::Name(a), ColumnRef::Name(b)) => normalize_header(a) == normalize_header(b),
        _ => a == b,
    }
}

/// A saved mapping: header names and field names only, never a value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MappingFile {
    /// Column (header name or `#N`) → field name.
    pub map: BTreeMap<String, String>,
    /// Columns to drop.
    #[serde(default)]
    pub skip: Vec<String>,
}

impl MappingFile {
    pub fn load(path: &Path) -> Result<MappingFile, Error> {
        let text = std::fs::read_to_string(path).map_err(|error| Error::MappingFile {
            path: path.to_owned(),
            reason: error.to_string(),
        })?;
        // serde_json's messages quote the offending token, which is a header name at worst.
        serde_json::from_str(&text).map_err(|error| Error::MappingFile {
            path: path.to_owned(),
            reason: format!(
                "not a kluis mapping (line {}, column {})",
                error.line(),
                error.column()
            ),
        })
    }

    /// Writes the mapping with mode 0600: it holds only header names, but those can still say
    /// more about the business than it wants to share.
    pub fn save(&self, path: &Path) -> Result<(), Error> {
        let mut text = serde_json::to_string_pretty(self).expect("mapping serialises");
        text.push('\n');
        crate::outfile::write_atomically(path, 0o600, |out| out.write_all(text.as_bytes())).map_err(
            |source| Error::SaveMapping {
                path: path.to_owned(),
                source,
            },
        )
    }
}

/// How a column got its place in the mapping, for the summary and `--dry-run`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum How {
    /// `--map "Column=field"` or a mapping file.
    Mapped,
    /// `--map "#N=field"`.
    ByPosition,
    /// The header is the field's name or label.
    FieldName,
    /// The header is a known synonym.
    Synonym,
    /// The header is a known mobile-phone synonym, chosen over other phone columns (a mobile
    /// number reaches the person; a landline may be shared or old).
    MobileFirst,
    /// Its text went into a joined column (`--map "First Name+Last Name=name"`).
    Joined,
    /// Read as consent per row (`--consent-column`) or its date (`--consent-date-column`).
    Consent,
    /// `--skip`.
    Skipped,
    /// `--skip-unmapped`.
    SkippedUnmapped,
}

/// One column's fate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ColumnPlan {
    /// 0-based index into the table's columns.
    #[serde(skip)]
    pub index: usize,
    pub column: String,
    /// The field it goes into; `None` when dropped.
    pub field: Option<String>,
    pub how: How,
}

/// Every column of the file, in file order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mapping {
    pub columns: Vec<ColumnPlan>,
}

impl Mapping {
    pub fn mapped(&self) -> impl Iterator<Item = &ColumnPlan> {
        self.columns.iter().filter(|c| c.field.is_some())
    }

    pub fn dropped(&self) -> impl Iterator<Item = &ColumnPlan> {
        self.columns.iter().filter(|c| c.field.is_none())
    }

    /// The mapping as a file that reproduces it. Columns sharing a header are saved by
    /// position, so reuse stays unambiguous.
    pub fn to_file(&self) -> MappingFile {
        let mut counts: HashMap<String, usize> = HashMap::new();
        for column in &self.columns {
            *counts.entry(normalize_header(&column.column)).or_default() += 1;
        }
        let key = |column: &ColumnPlan| {
            if counts[&normalize_header(&column.column)] > 1 || column.how == How::ByPosition {
                format!("#{}", column.index + 1)
            } else {
                column.column.clone()
            }
        };
        let mut file = MappingFile::default();
        for column in &self.columns {
            match &column.field {
                Some(field) => {
                    file.map.insert(key(column), field.clone());
                }
                None => file.skip.push(key(column)),
            }
        }
        file
    }
}

/// What mapping needs to know about a field.
#[derive(Debug, Clone)]
pub struct FieldSpec {
    pub name: String,
    pub field_type: FieldType,
    pub label: Option<String>,
    pub label_en: Option<String>,
    pub required: bool,
}

impl From<&StoredField> for FieldSpec {
    fn from(stored: &StoredField) -> Self {
        let field = &stored.field;
        FieldSpec {
            name: field.name.clone(),
            field_type: field.field_type,
            label: field.label.clone(),
            label_en: field.label_en.clone(),
            required: field.required,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Open,
    Field(usize, How),
    Skip(How),
}

/// The columns `column` names: by position, or every column with that header.
fn columns_named(
    headers: &[String],
    norms: &[String],
    option: &'static str,
    column: &ColumnRef,
) -> Result<Vec<usize>, Error> {
    let unknown = || Error::UnknownColumn {
        option,
        column: column.text(),
        headers: headers.to_vec(),
    };
    match column {
        ColumnRef::Position(n) => {
            // A header-less column is already called `#N` by its place in the file.
            let named = format!("#{n}");
            match headers.iter().position(|h| *h == named) {
                Some(index) => Ok(vec![index]),
                None if *n <= headers.len() => Ok(vec![n - 1]),
                None => Err(unknown()),
            }
        }
        ColumnRef::Name(name) => {
            let wanted = normalize_header(name);
            let found: Vec<usize> = (0..headers.len()).filter(|&i| norms[i] == wanted).collect();
            if found.is_empty() {
                Err(unknown())
            } else {
                Ok(found)
            }
        }
    }
}

/// The one column `column` names, for an option that reads a column's cells itself
/// (`--consent-column`, `--consent-date-column`).
pub fn column_index(
    headers: &[String],
    option: &'static str,
    column: &ColumnRef,
) -> Result<usize, Error> {
    let norms: Vec<String> = headers.iter().map(|h| normalize_header(h)).collect();
    match columns_named(headers, &norms, option, column)?[..] {
        [index] => Ok(index),
        ref found => Err(Error::AmbiguousColumn {
            option,
            column: column.text(),
            count: found.len(),
            positions: found.iter().map(|i| i + 1).collect(),
        }),
    }
}

/// Decides every column's fate, or says which decision the user still has to make.
/// `command` is the command line as typed (without the program name), used to print the
/// exact command that would skip unmapped columns.
pub fn resolve(
    headers: &[String],
    fields: &[FieldSpec],
    spec: &MappingSpec,
    command: &[String],
) -> Result<Mapping, Error> {
    let norms: Vec<String> = headers.iter().map(|h| normalize_header(h)).collect();
    let mut slots = vec![Slot::Open; headers.len()];
    let find_columns =
        |option: &'static str, column: &ColumnRef| columns_named(headers, &norms, option, column);

    for column in &spec.joined {
        for index in find_columns("--map", column)? {
            slots[index] = Slot::Skip(How::Joined);
        }
    }
    for column in &spec.consent_columns {
        for index in find_columns("--consent-column", column)? {
            slots[index] = Slot::Skip(How::Consent);
        }
    }
    for column in &spec.skips {
        for index in find_columns("--skip", column)? {
            slots[index] = Slot::Skip(How::Skipped);
        }
    }
    for (column, field_name) in &spec.maps {
        let field = fields
            .iter()
            .position(|f| f.name == *field_name)
            .ok_or_else(|| Error::UnknownField {
                column: column.text(),
                field: field_name.clone(),
                known: fields.iter().map(|f| f.name.clone()).collect(),
            })?;
        let found = find_columns("--map", column)?;
        if found.len() > 1 {
            return Err(Error::AmbiguousColumn {
                option: "--map",
                column: column.text(),
                count: found.len(),
                positions: found.iter().map(|i| i + 1).collect(),
            });
        }
        let index = found[0];
        if matches!(slots[index], Slot::Skip(_)) {
            return Err(Error::MappedAndSkipped {
                column: headers[index].clone(),
            });
        }
        let how = match column {
            ColumnRef::Position(_) => How::ByPosition,
            ColumnRef::Name(_) => How::Mapped,
        };
        slots[index] = Slot::Field(field, how);
    }

    refuse_open_duplicates(headers, &norms, &slots)?;
    map_automatically(&norms, fields, &mut slots);

    if spec.skip_unmapped {
        for slot in slots.iter_mut().filter(|s| **s == Slot::Open) {
            *slot = Slot::Skip(How::SkippedUnmapped);
        }
    }
    finish(headers, fields, slots, |open| {
        skip_command(headers, command, open)
    })
}

/// A front end's choice for one column, e.g. from the browser's mapping table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    /// Into this field.
    Field(String),
    /// Dropped on purpose.
    Drop,
    /// Nothing chosen yet.
    Open,
}

/// The field each column's header names (its name, label or a known synonym): what
/// [`resolve`] maps by itself, offered as a front end's first choice. `None`: no guess.
pub fn guess(headers: &[String], fields: &[FieldSpec]) -> Vec<Option<String>> {
    let norms: Vec<String> = headers.iter().map(|h| normalize_header(h)).collect();
    let mut slots = vec![Slot::Open; headers.len()];
    map_automatically(&norms, fields, &mut slots);
    slots
        .iter()
        .map(|slot| match slot {
            Slot::Field(f, _) => Some(fields[*f].name.clone()),
            _ => None,
        })
        .collect()
}

/// The mapping a choice per column (in file order) makes, under the same rules as
/// [`resolve`]: a column without a choice is refused (data minimisation: nothing is stored
/// that the user did not choose), as are a field chosen twice and an unmapped required field.
/// Columns are addressed by position, so duplicate headers need nothing special.
pub fn from_choices(
    headers: &[String],
    fields: &[FieldSpec],
    choices: &[Choice],
) -> Result<Mapping, Error> {
    let slots = (0..headers.len())
        .map(|index| match choices.get(index).unwrap_or(&Choice::Open) {
            Choice::Open => Ok(Slot::Open),
            Choice::Drop => Ok(Slot::Skip(How::Skipped)),
            Choice::Field(name) => fields
                .iter()
                .position(|f| f.name == *name)
                .map(|f| Slot::Field(f, How::ByPosition))
                .ok_or_else(|| Error::UnknownField {
                    column: headers[index].clone(),
                    field: name.clone(),
                    known: fields.iter().map(|f| f.name.clone()).collect(),
                }),
        })
        .collect::<Result<Vec<Slot>, Error>>()?;
    finish(headers, fields, slots, |_| None)
}

/// Refuses open columns, a field fed by two columns and an unmapped required field; else
/// the mapping. `skip_command` gives the CLI's command line that would drop open columns.
fn finish(
    headers: &[String],
    fields: &[FieldSpec],
    slots: Vec<Slot>,
    skip_command: impl FnOnce(&[usize]) -> Option<String>,
) -> Result<Mapping, Error> {
    let open: Vec<usize> = (0..headers.len())
        .filter(|&i| slots[i] == Slot::Open)
        .collect();
    if !open.is_empty() {
        let taken: Vec<usize> = slots
            .iter()
            .filter_map(|s| match s {
                Slot::Field(f, _) => Some(*f),
                _ => None,
            })
            .collect();
        return Err(Error::UnmappedColumns {
            columns: open.iter().map(|&i| headers[i].clone()).collect(),
            positions: open.iter().map(|&i| i + 1).collect(),
            command: skip_command(&open),
            free_fields: (0..fields.len())
                .filter(|f| !taken.contains(f))
                .map(|f| fields[f].name.clone())
                .collect(),
        });
    }

    for (field_index, field) in fields.iter().enumerate() {
        let columns: Vec<usize> = (0..headers.len())
            .filter(|&i| matches!(slots[i], Slot::Field(f, _) if f == field_index))
            .collect();
        if columns.len() > 1 {
            return Err(Error::FieldMappedTwice {
                field: field.name.clone(),
                columns: columns.iter().map(|&i| headers[i].clone()).collect(),
                positions: columns.iter().map(|&i| i + 1).collect(),
            });
        }
        if columns.is_empty() && field.required {
            return Err(Error::RequiredNotMapped {
                field: field.name.clone(),
            });
        }
    }

    Ok(Mapping {
        columns: slots
            .iter()
            .enumerate()
            .map(|(index, slot)| {
                let (field, how) = match *slot {
                    Slot::Field(f, how) => (Some(fields[f].name.clone()), how),
                    Slot::Skip(how) => (None, how),
                    Slot::Open => unreachable!("every open column was refused"),
                };
                ColumnPlan {
                    index,
                    column: headers[index].clone(),
                    field,
                    how,
                }
            })
            .collect(),
    })
}

/// The command line as typed, plus a `--skip` for each open column, quoted for a shell.
fn skip_command(headers: &[String], command: &[String], open: &[usize]) -> Option<String> {
    let mut line = vec!["kluis".to_owned()];
    line.extend(command.iter().cloned());
    for &index in open {
        // A header with a control, bidi or zero-width character is named by its position:
        // printed raw it could drive the terminal, and escaped it would not match the file.
        if headers[index].chars().any(crate::text::is_invisible) {
            line.push("--skip".to_owned());
            line.push(format!("#{}", index + 1));
        } else if headers[index].starts_with('-') {
            // clap would read a value starting with '-' as a flag; `--skip=-x` it takes.
            line.push(format!("--skip={}", headers[index]));
        } else {
            line.push("--skip".to_owned());
            line.push(headers[index].clone());
        }
    }
    Some(
        line.iter()
            .map(|w| shell_quote(w))
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// Columns sharing a header cannot be told apart by name, so each must be mapped or skipped
/// by position (or all skipped by name).
fn refuse_open_duplicates(
    headers: &[String],
    norms: &[String],
    slots: &[Slot],
) -> Result<(), Error> {
    for (index, norm) in norms.iter().enumerate() {
        let positions: Vec<usize> = (0..norms.len()).filter(|&i| norms[i] == *norm).collect();
        if positions.len() > 1
            && positions[0] == index
            && positions.iter().any(|&i| slots[i] == Slot::Open)
        {
            return Err(Error::DuplicateHeader {
                header: headers[index].clone(),
                positions: positions.iter().map(|i| i + 1).collect(),
            });
        }
    }
    Ok(())
}

/// Maps open columns whose header names a field that no column is mapped to yet. A field
/// claimed by a column through its own name or label wins over synonyms; a field that two
/// columns claim equally goes to neither, leaving the user to choose.
fn map_automatically(norms: &[String], fields: &[FieldSpec], slots: &mut [Slot]) {
    let taken = |slots: &[Slot], f: usize| {
        slots
            .iter()
            .any(|s| matches!(s, Slot::Field(g, _) if *g == f))
    };
    let field_keys = field_keys(fields);
    for how in [How::FieldName, How::Synonym] {
        let mut claims: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (index, norm) in norms.iter().enumerate() {
            if slots[index] != Slot::Open {
                continue;
            }
            let field = match how {
                How::FieldName => field_keys.iter().position(|keys| keys.contains(norm)),
                _ => synonyms::concept_of(norm).and_then(|concept| concept_field(concept, fields)),
            };
            if let Some(field) = field.filter(|&f| !taken(slots, f)) {
                claims.entry(field).or_default().push(index);
            }
        }
        for (field, columns) in claims {
            if let [index] = columns[..] {
                slots[index] = Slot::Field(field, how);
            } else if let Some(index) = only_mobile(&columns, norms, &fields[field]) {
                slots[index] = Slot::Field(field, How::MobileFirst);
            }
        }
    }
}

/// Of several phone columns claiming one phone field, the only one that is a mobile number.
fn only_mobile(columns: &[usize], norms: &[String], field: &FieldSpec) -> Option<usize> {
    if field.field_type != FieldType::Phone {
        return None;
    }
    let mut mobile = columns
        .iter()
        .copied()
        .filter(|&i| synonyms::is_mobile(&norms[i]));
    match (mobile.next(), mobile.next()) {
        (Some(only), None) => Some(only),
        _ => None,
    }
}

fn concept_field(concept: &synonyms::Concept, fields: &[FieldSpec]) -> Option<usize> {
    for name in concept.fields {
        if let Some(index) = fields.iter().position(|f| f.name == *name) {
            return Some(index);
        }
    }
    let field_type = concept.field_type?;
    let mut of_type = (0..fields.len()).filter(|&i| fields[i].field_type == field_type);
    match (of_type.next(), of_type.next()) {
        (Some(only), None) => Some(only),
        _ => None,
    }
}

/// The normalised headers that name each field: its name (also with spaces for `_` and
/// `-`) and its labels.
fn field_keys(fields: &[FieldSpec]) -> Vec<Vec<String>> {
    fields
        .iter()
        .map(|f| {
            let mut keys = vec![normalize_header(&f.name.replace(['_', '-'], " "))];
            keys.push(normalize_header(&f.name));
            keys.extend(f.label.iter().map(|l| normalize_header(l)));
            keys.extend(f.label_en.iter().map(|l| normalize_header(l)));
            keys
        })
        .collect()
}

/// Refuses to take the header row as the header unless something shows it is one: the user
/// named a column by its header (in `spec`, or in `also_named`, the consent options), or at
/// least two of its cells read as column names (one, when the row has one or two cells). A
/// file without a header row otherwise loses its first customer as "column names", and kluis
/// would repeat that customer's name and address in its messages and in the `--skip`
/// commands it suggests, which end up in shell history. One cell is not enough: a customer's
/// row may well hold "Email" as a contact preference or "Mobile" as a city.
pub fn confirm_header(
    table: &Table,
    fields: &[FieldSpec],
    spec: &MappingSpec,
    also_named: &[&str],
) -> Result<(), Error> {
    let norms: Vec<String> = table.headers.iter().map(|h| normalize_header(h)).collect();
    let named = |name: &str| {
        let whole = normalize_header(name);
        norms.contains(&whole)
            || name
                .split('+')
                .any(|part| norms.contains(&normalize_header(part.trim())))
    };
    if spec.names().chain(also_named.iter().copied()).any(named) {
        return Ok(());
    }
    let field_keys = field_keys(fields);
    let known = |words: &str| {
        field_keys
            .iter()
            .any(|keys| keys.iter().any(|k| k == words))
            || synonyms::concept_of(words).is_some()
    };
    let cells = table
        .headers
        .iter()
        .filter(|h| !h.trim().is_empty())
        .count();
    let column_names = (0..table.headers.len())
        .filter(|&column| reads_as_column_name(table, column, &known))
        .count();
    let needed = if cells <= 2 { 1 } else { 2 };
    if column_names >= needed {
        Ok(())
    } else {
        Err(Error::HeaderNotRecognised {
            columns: table.headers.len(),
            row: table.header_row(),
        })
    }
}

/// Whether the header cell of `column` reads as a column name: it is a known name (`known`),
/// or a cell of up to three words holds one, written with `_` or a trailing `:` as exports
/// do; and the same text is not a value further down the column, as a header never is.
fn reads_as_column_name(table: &Table, column: usize, known: &dyn Fn(&str) -> bool) -> bool {
    let text = table.headers[column].replace('_', " ");
    let norm = normalize_header(text.trim().trim_end_matches(':'));
    let words: Vec<&str> = norm.split(' ').filter(|w| !w.is_empty()).collect();
    // A name inside a short cell ("Naam klant", "billing email"); a long one is more likely a
    // whole row read as one cell under the wrong delimiter.
    let short = words.len() <= 3;
    let holds_known = known(&norm)
        || short
            && (0..words.len()).any(|start| {
                (start + 1..=words.len().min(start + 3))
                    .any(|end| known(&words[start..end].join(" ")))
            });
    let header = normalize_header(&table.headers[column]);
    holds_known
        && !table
            .rows
            .iter()
            .take(1000)
            .any(|row| normalize_header(row.cell(column)) == header)
}

/// Refuses a header row that holds what looks like personal data (an e-mail address, a phone
/// number, a postcode or a date): the file probably has no header, and header names are
/// echoed in messages.
pub fn refuse_data_as_header(table: &Table) -> Result<(), Error> {
    match table
        .headers
        .iter()
        .position(|h| super::reader::looks_like_data(h))
    {
        Some(index) => Err(Error::HeaderLooksLikeData {
            column: index + 1,
            row: table.header_row(),
        }),
        None => Ok(()),
    }
}

/// Quotes a word for a POSIX shell: plain words stay as they are, anything else goes in
/// single quotes (a single quote itself becomes `'\''`).
pub fn shell_quote(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-./:=@%+,".contains(c));
    if plain {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests;
