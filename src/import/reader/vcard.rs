//! vCard files (`.vcf`, versions 2.1, 3.0 and 4.0): Apple Contacts can export nothing else.
//!
//! Each card becomes one row with fixed columns whose names the mapping knows (Name, E-mail,
//! Phone, Address, Postal code, City, Country, Birthday, Notes, Company), so a vCard needs no
//! `--map`. The format is lines of `NAME;PARAMS:VALUE`; this reader unfolds lines, drops
//! group prefixes (`item1.EMAIL`), decodes quoted-printable (2.1) and unescapes text. The
//! crates that parse vCard handle 4.0 only or bring a calendar library; the part kluis needs
//! is this file.

use super::collect::RowsBuilder;
use super::error::ReadError;
use super::note::{Note, NumberList};
use super::table::{Format, SourceInfo, Table};
use super::{ReadOptions, Reader};

/// The columns a card is read into, in this order.
const COLUMNS: [&str; 10] = [
    "Name",
    "E-mail",
    "Phone",
    "Address",
    "Postal code",
    "City",
    "Country",
    "Birthday",
    "Notes",
    "Company",
];
const NAME: usize = 0;
const EMAIL: usize = 1;
const PHONE: usize = 2;
const STREET: usize = 3;
const POSTCODE: usize = 4;
const CITY: usize = 5;
const COUNTRY: usize = 6;
const BIRTHDAY: usize = 7;
const NOTES: usize = 8;
const COMPANY: usize = 9;

/// Apple writes a birthday without a year in this year.
const NO_YEAR: &str = "1604";

pub struct VcardReader;

impl Reader for VcardReader {
    fn read(&self, bytes: &[u8], _options: &ReadOptions) -> Result<Table, ReadError> {
        let text = String::from_utf8_lossy(bytes);
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let mut cards = Cards::default();
        for (number, line) in unfold(text) {
            cards.line(number, &line);
        }
        cards.finish()
    }
}

/// The cards read so far, and what the notes must say.
#[derive(Default)]
struct Cards {
    builder: Option<RowsBuilder>,
    current: Option<Card>,
    yearless_birthdays: Vec<usize>,
    more_values: Vec<usize>,
    rows: usize,
}

/// One card being read: its first line's number and its cells.
struct Card {
    number: usize,
    cells: [String; COLUMNS.len()],
    /// The phone taken is a mobile one; a later mobile number replaces a landline.
    mobile: bool,
    /// FN was given; otherwise the name is made from N.
    formatted_name: bool,
    extra_values: bool,
}

impl Cards {
    fn line(&mut self, number: usize, line: &str) {
        let Some((head, value)) = line.split_once(':') else {
            return;
        };
        let mut params = head.split(';');
        let name = params.next().unwrap_or_default();
        // `item1.EMAIL` is EMAIL in a group.
        let name = name.rsplit('.').next().unwrap_or(name).to_ascii_uppercase();
        let params: Vec<String> = params.map(str::to_ascii_uppercase).collect();
        match name.as_str() {
            "BEGIN" if value.trim().eq_ignore_ascii_case("VCARD") => {
                self.current = Some(Card::new(number));
            }
            "END" if value.trim().eq_ignore_ascii_case("VCARD") => self.end_card(),
            _ => {
                if let Some(card) = &mut self.current {
                    let value = decode(value, &params);
                    card.property(&name, &params, &value, &mut self.yearless_birthdays);
                }
            }
        }
    }

    fn end_card(&mut self) {
        let Some(card) = self.current.take() else {
            return;
        };
        if card.cells.iter().all(|c| c.trim().is_empty()) {
            return;
        }
        if card.extra_values {
            self.more_values.push(card.number);
        }
        let builder = self.builder.get_or_insert_with(|| RowsBuilder::new(0));
        builder.push_cells(card.number, card.cells.iter().map(String::as_str));
        self.rows += 1;
    }

    fn finish(self) -> Result<Table, ReadError> {
        let Some(builder) = self.builder else {
            return Err(ReadError::Empty {});
        };
        let rows = builder.into_rows(COLUMNS.len())?;
        let mut notes = vec![Note::VcardContacts { count: self.rows }];
        if !self.yearless_birthdays.is_empty() {
            notes.push(Note::YearlessBirthdays {
                rows: NumberList::all(self.yearless_birthdays),
            });
        }
        if !self.more_values.is_empty() {
            notes.push(Note::FirstContactOnly {
                rows: NumberList::all(self.more_values),
            });
        }
        Ok(Table {
            headers: COLUMNS.iter().map(|c| (*c).to_owned()).collect(),
            rows,
            notes,
            source: SourceInfo {
                format: Format::Vcard,
                delimiter: None,
                encoding: Some("UTF-8".to_owned()),
                sheet: None,
            },
        })
    }
}

impl Card {
    fn new(number: usize) -> Card {
        Card {
            number,
            cells: Default::default(),
            mobile: false,
            formatted_name: false,
            extra_values: false,
        }
    }

    fn property(&mut self, name: &str, params: &[String], value: &str, yearless: &mut Vec<usize>) {
        match name {
            "FN" if !value.trim().is_empty() => {
                self.cells[NAME] = value.trim().to_owned();
                self.formatted_name = true;
            }
            "N" if !self.formatted_name => self.cells[NAME] = name_from_parts(value),
            "EMAIL" => self.first(EMAIL, value),
            "TEL" => self.phone(params, value),
            "ADR" => self.address(value),
            "BDAY" => self.birthday(value, yearless),
            "NOTE" => self.first(NOTES, value),
            "ORG" => self.first(COMPANY, &components(value).join(" ")),
            _ => {}
        }
    }

    fn first(&mut self, column: usize, value: &str) {
        let value = value.trim();
        if value.is_empty() {
            return;
        }
        if self.cells[column].is_empty() {
            self.cells[column] = value.to_owned();
        } else {
            self.extra_values = true;
        }
    }

    /// The first mobile number, else the first number.
    fn phone(&mut self, params: &[String], value: &str) {
        let value = value.trim().trim_start_matches("tel:");
        if value.is_empty() {
            return;
        }
        let mobile = params.iter().any(|p| {
            p.split([',', '='])
                .any(|word| matches!(word.trim_matches('"'), "CELL" | "MOBILE" | "IPHONE"))
        });
        if self.cells[PHONE].is_empty() || (mobile && !self.mobile) {
            self.extra_values |= !self.cells[PHONE].is_empty();
            self.cells[PHONE] = value.to_owned();
            self.mobile = mobile;
        } else {
            self.extra_values = true;
        }
    }

    /// ADR is `PO box;extended;street;city;region;postcode;country`; the first one counts.
    fn address(&mut self, value: &str) {
        let parts = components(value);
        let part = |i: usize| parts.get(i).map_or("", |p| p.trim());
        if [STREET, POSTCODE, CITY, COUNTRY]
            .iter()
            .any(|&c| !self.cells[c].is_empty())
        {
            self.extra_values = true;
            return;
        }
        let street = [part(2), part(1)]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        self.cells[STREET] = street.replace('\n', " ");
        self.cells[CITY] = part(3).to_owned();
        self.cells[POSTCODE] = part(5).to_owned();
        self.cells[COUNTRY] = part(6).to_owned();
    }

    /// A birthday with a year; Apple's year 1604 and vCard 4's `--MMDD` mean "no year", and
    /// a date without its year cannot be stored as one.
    fn birthday(&mut self, value: &str, yearless: &mut Vec<usize>) {
        let value = value.trim();
        if value.starts_with("--") || value.starts_with(NO_YEAR) {
            yearless.push(self.number);
            return;
        }
        let date = value.split('T').next().unwrap_or_default();
        let date = match (date.len(), date.contains('-')) {
            (8, false) => format!("{}-{}-{}", &date[..4], &date[4..6], &date[6..]),
            _ => date.to_owned(),
        };
        self.first(BIRTHDAY, &date);
    }
}

/// N is `family;given;additional;prefixes;suffixes`: given, additional and family names
/// joined with one space, empty parts left out.
fn name_from_parts(value: &str) -> String {
    let parts = components(value);
    let part = |i: usize| parts.get(i).map_or("", |p| p.trim());
    [part(3), part(1), part(2), part(0), part(4)]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Splits a structured value at unescaped `;`, unescaping each part.
fn components(value: &str) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n' | 'N') => parts.last_mut().unwrap().push('\n'),
                Some(other) => parts.last_mut().unwrap().push(other),
                None => {}
            },
            ';' => parts.push(String::new()),
            c => parts.last_mut().unwrap().push(c),
        }
    }
    parts
}

/// A property's value as text: quoted-printable decoded (vCard 2.1), escapes undone. A
/// structured value keeps its `;` separators for [`components`].
fn decode(value: &str, params: &[String]) -> String {
    let quoted_printable = params
        .iter()
        .any(|p| p.ends_with("QUOTED-PRINTABLE") || p == "QP");
    let value = if quoted_printable {
        quoted_printable_text(value)
    } else {
        value.to_owned()
    };
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match (c, chars.clone().next()) {
            ('\\', Some('n' | 'N')) => {
                chars.next();
                out.push('\n');
            }
            ('\\', Some(',' | '\\' | ':')) => out.push(chars.next().unwrap_or_default()),
            (c, _) => out.push(c),
        }
    }
    out
}

fn quoted_printable_text(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'=', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The logical lines with the number of the physical line each starts on. A line that
/// starts with a space or TAB continues the one before (RFC 6350 3.2); in quoted-printable,
/// a line ending in `=` continues on the next.
fn unfold(text: &str) -> Vec<(usize, String)> {
    let mut lines: Vec<(usize, String)> = Vec::new();
    let mut soft_break = false;
    for (index, raw) in text.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let continued = raw.starts_with([' ', '\t']);
        match lines.last_mut() {
            Some((_, line)) if continued => line.push_str(&raw[1..]),
            Some((_, line)) if soft_break => line.push_str(raw),
            _ => lines.push((index + 1, raw.to_owned())),
        }
        let line = &mut lines.last_mut().expect("a line was pushed").1;
        soft_break = line.to_ascii_uppercase().contains("QUOTED-PRINTABLE") && line.ends_with('=');
        if soft_break {
            line.pop();
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Table {
        VcardReader
            .read(text.as_bytes(), &ReadOptions::default())
            .unwrap()
    }

    fn cell<'t>(table: &'t Table, row: usize, column: &str) -> &'t str {
        let index = table.headers.iter().position(|h| h == column).unwrap();
        table.rows.get(row).unwrap().cell(index)
    }

    #[test]
    fn an_apple_card_is_one_row_with_the_mobile_number_first() {
        let table = read(concat!(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nN:de Vries;Anna;Maria;;\r\nFN:Anna de Vries\r\n",
            "item1.EMAIL;type=INTERNET;type=pref:anna@example.nl\r\n",
            "TEL;type=HOME;type=VOICE:020 123 4567\r\nTEL;type=CELL;type=VOICE:06 1234 5678\r\n",
            "ADR;type=HOME:;;Dorpsstraat 1;Utrecht;;3511 AB;Nederland\r\n",
            "BDAY:1980-12-31\r\nNOTE:Klant sinds 2019\\, via de markt\r\nEND:VCARD\r\n",
        ));
        assert_eq!(table.rows.len(), 1);
        assert_eq!(cell(&table, 0, "Name"), "Anna de Vries");
        assert_eq!(cell(&table, 0, "E-mail"), "anna@example.nl");
        assert_eq!(cell(&table, 0, "Phone"), "06 1234 5678");
        assert_eq!(cell(&table, 0, "Address"), "Dorpsstraat 1");
        assert_eq!(cell(&table, 0, "Postal code"), "3511 AB");
        assert_eq!(cell(&table, 0, "City"), "Utrecht");
        assert_eq!(cell(&table, 0, "Country"), "Nederland");
        assert_eq!(cell(&table, 0, "Birthday"), "1980-12-31");
        assert_eq!(cell(&table, 0, "Notes"), "Klant sinds 2019, via de markt");
        assert_eq!(table.rows.get(0).unwrap().number, 1);
        assert!(
            table
                .notes
                .iter()
                .any(|n| n.to_string().contains("first e-mail address and phone"))
        );
    }

    #[test]
    fn a_birthday_without_a_year_is_left_empty_with_a_note() {
        let table = read(concat!(
            "BEGIN:VCARD\nVERSION:3.0\nFN:Jan\nBDAY;X-APPLE-OMIT-YEAR=1604:1604-03-15\nEND:VCARD\n",
            "BEGIN:VCARD\nVERSION:4.0\nFN:Piet\nBDAY:--0315\nEND:VCARD\n",
            "BEGIN:VCARD\nVERSION:4.0\nFN:Kees\nBDAY:19750412\nEND:VCARD\n",
        ));
        assert_eq!(cell(&table, 0, "Birthday"), "");
        assert_eq!(cell(&table, 1, "Birthday"), "");
        assert_eq!(cell(&table, 2, "Birthday"), "1975-04-12");
        let numbers: Vec<usize> = table.rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [1, 6, 11]);
        assert!(
            table
                .notes
                .iter()
                .any(|n| n.to_string() == "birthday without a year left empty on row(s) 1, 6"),
            "{:?}",
            table.notes
        );
    }

    #[test]
    fn folded_lines_quoted_printable_and_names_from_parts_are_read() {
        let table = read(concat!(
            "BEGIN:VCARD\r\nVERSION:2.1\r\nN;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Jansen;Zo=C3=AB;;;\r\n",
            "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Allergisch voor no=\r\n",
            "ten\r\n",
            "EMAIL:zoe@exam\r\n ple.nl\r\nEND:VCARD\r\n",
        ));
        assert_eq!(cell(&table, 0, "Name"), "Zoë Jansen");
        assert_eq!(cell(&table, 0, "Notes"), "Allergisch voor noten");
        assert_eq!(cell(&table, 0, "E-mail"), "zoe@example.nl");
    }

    #[test]
    fn a_file_without_cards_is_empty() {
        let error = VcardReader
            .read(b"BEGIN:VCARD\nEND:VCARD\n", &ReadOptions::default())
            .unwrap_err();
        assert!(matches!(error, ReadError::Empty {}), "{error}");
    }
}
