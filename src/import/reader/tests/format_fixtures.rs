//! Real export formats from `tests/fixtures/formats/`.

use super::*;

#[test]
fn google_contacts_legacy() {
    let t = read("formats/google_contacts_legacy.csv");
    assert_eq!(t.headers.len(), 56);
    assert_eq!(t.headers[0], "Name");
    assert_eq!(t.headers[55], "Organization 1 - Job Description");
    assert_eq!(t.source.delimiter, Some(b','));
    assert_eq!(t.source.encoding.as_deref(), Some("UTF-8"));
    assert_eq!(t.source.format, Format::Delimited);
    assert!(has_note(&t, "delimiter ',' detected"));
    assert_eq!(numbers(&t), [2, 3, 4]);
    assert_eq!(cell(&t, 2, "Name"), "Richard Feynman");
    // The row with only an e-mail address.
    assert_eq!(cell(&t, 3, "Name"), "");
    assert_eq!(
        cell(&t, 3, "E-mail 1 - Value"),
        "iforgotthisguysnamebutihavehisemail@gmail.com"
    );
    // Values are not trimmed at this layer.
    assert_eq!(cell(&t, 3, "E-mail 1 - Type"), "* ");
    assert_rectangular(&t);
}

#[test]
fn google_contacts_as_outlook_csv() {
    let t = read("formats/google_contacts_as_outlook_csv.csv");
    assert_eq!(t.headers.len(), 67);
    assert_eq!(t.source.delimiter, Some(b','));
    // Row 5 holds a three-line quoted address; the next record is row 6, as a
    // spreadsheet shows it, though it starts on line 8.
    assert_eq!(numbers(&t), [2, 3, 4, 5, 6]);
    assert_eq!(
        cell(&t, 5, "Home Address"),
        "Industrigata 50B\nOslo, 0357\nNorway"
    );
    assert_eq!(cell(&t, 5, "Home Postal Code"), "0357");
    assert_eq!(cell(&t, 6, "Home Street"), "10 Vardåslia");
    // A `;` inside a `,` file is just text.
    assert_eq!(cell(&t, 2, "Categories"), "myContacts;starred");
    assert_eq!(cell(&t, 3, "Mobile Phone"), "+4741644000");
    assert_eq!(cell(&t, 4, "E-mail Address"), "mail@mail.com");
    assert_rectangular(&t);
}

#[test]
fn outlook_com_export_with_bom() {
    let t = read("formats/outlook_com_export.csv");
    assert_eq!(t.headers.len(), 61);
    assert_eq!(
        t.headers[0], "First Name",
        "BOM must not stick to the header"
    );
    assert_eq!(t.headers[60], "Notes");
    assert_eq!(numbers(&t), [2, 3]);
    assert_eq!(cell(&t, 2, "First Name"), "Larsen");
    assert_eq!(cell(&t, 2, "Mobile Phone"), "+47 466 88 000");
    assert_eq!(cell(&t, 3, "Last Name"), "Heimdal");
    assert_eq!(cell(&t, 3, "Mobile Phone"), "901 06 000");
    assert_rectangular(&t);
}

#[test]
fn vcard2csv_tab_delimited_named_csv() {
    let t = read("formats/vcard2csv_contacts_tab_delimited.csv");
    assert_eq!(t.source.delimiter, Some(b'\t'));
    assert!(has_note(&t, "delimiter TAB detected"));
    assert_eq!(t.headers, ["Name", "Telephone", "Email", "Note"]);
    assert_eq!(numbers(&t), [2, 3, 4, 5, 6]);
    // CRLF inside the quoted note becomes LF.
    assert_eq!(cell(&t, 3, "Note"), "Examples:\nw 11111\nw Nowhere");
    assert_eq!(cell(&t, 3, "Telephone"), "44636");
    assert_eq!(cell(&t, 2, "Name"), "Abraham  Lincoln");
    assert_eq!(cell(&t, 6, "Telephone"), "(111) 555-1212");
    assert!(cell(&t, 4, "Note").contains(", being documented"));
}

#[test]
fn google_shared_contacts_short_rows_are_padded() {
    let t = read("formats/google_shared_contacts_outlook_style_ragged.csv");
    assert_eq!(t.headers.len(), 22);
    assert_eq!(numbers(&t), [2, 3, 4]);
    assert_rectangular(&t);
    assert_eq!(
        cell(&t, 2, "Home Address"),
        "999 Super Way, Super, CA, 94043"
    );
    assert_eq!(cell(&t, 3, "Job Title"), "Receptionist");
    assert_eq!(cell(&t, 3, "Other Address"), "");
    assert_eq!(cell(&t, 4, "Action"), "update");
    assert!(has_note(
        &t,
        "rows 3, 4 had fewer cells than the header and were padded"
    ));
}

#[test]
fn dutch_business_addresses_without_header() {
    let options = ReadOptions {
        has_header: false,
        ..ReadOptions::default()
    };
    let t = read_with("formats/dutch_business_addresses_no_header.csv", &options).unwrap();
    // Width is the longest row: one row has a fifth field.
    assert_eq!(t.headers, ["#1", "#2", "#3", "#4", "#5"]);
    assert_eq!(t.rows.len(), 14);
    assert_eq!(numbers(&t), (1..=14).collect::<Vec<_>>());
    assert_eq!(cell(&t, 1, "#1"), "Jack's Casino Roosendaal");
    assert_eq!(cell(&t, 1, "#4"), "4701 HV  Roosendaal");
    assert_eq!(cell(&t, 1, "#5"), "");
    assert_eq!(cell(&t, 11, "#3"), "Bestuurscentrum");
    assert_eq!(cell(&t, 11, "#5"), "4870 AR  Etten-Leur");
    // The last line has no line break.
    assert_eq!(cell(&t, 14, "#4"), "4611 EG  Bergen op Zoom");
    assert_rectangular(&t);

    // Read with the default header row, the 5-field row is too long.
    match read_with(
        "formats/dutch_business_addresses_no_header.csv",
        &ReadOptions::default(),
    ) {
        Err(ReadError::TooManyCells {
            row: 11,
            expected: 4,
            found: 5,
            also,
        }) => assert!(also.is_empty()),
        other => panic!("expected TooManyCells, got {other:?}"),
    }
}

#[test]
fn dutch_member_list_semicolon_bom() {
    let t = read("formats/dutch_member_list_semicolon_bom_synthetic.csv");
    assert_eq!(t.source.delimiter, Some(b';'));
    assert!(has_note(&t, "delimiter ';' detected"));
    assert_eq!(t.headers.len(), 21);
    assert_eq!(t.headers[0], "Voornaam");
    // Padded header names come back trimmed.
    assert_eq!(t.headers[8], "E-mail");
    assert_eq!(t.headers[9], "bestuur");
    assert_eq!(t.headers[13], "archief foto's");
    // Eduard's phone cell holds a bare LF inside a CRLF file.
    assert_eq!(cell(&t, 8, "Voornaam"), "Eduard");
    assert_eq!(cell(&t, 8, "Telefoon"), "06-00000007\n035-0000007");
    assert_eq!(cell(&t, 9, "Voornaam"), "Frank");
    assert_eq!(cell(&t, 5, "Naam"), "Brink, ten");
    assert_eq!(cell(&t, 10, "Voornaam"), "Hélène");
    assert_eq!(
        cell(&t, 12, "E-mail"),
        "m.proef@example.com; secretaris@example.org"
    );
    assert_eq!(cell(&t, 15, "Bar*"), "…");
    assert_eq!(cell(&t, 16, "Naam"), "Test\u{a0}Dirkse");
    assert_eq!(cell(&t, 16, "laptop bedienen"), "/");
    assert_eq!(t.rows.len(), 15);
    assert_eq!(t.rows.last().map(|r| r.number), Some(16));
}

#[test]
fn google_full_header_multi_line_cells() {
    let t = read("formats/google_contacts_legacy_fullheader_synthetic.csv");
    assert_eq!(t.headers.len(), 77);
    assert_eq!(t.headers[76], "Website 1 - Value");
    assert_eq!(numbers(&t), [2, 3, 4, 5, 6, 7, 8, 9]);
    assert_eq!(
        cell(&t, 4, "E-mail 1 - Value"),
        "pim@example.org ::: p.fictief@example.net"
    );
    assert_eq!(cell(&t, 5, "Notes").lines().count(), 3);
    assert_eq!(cell(&t, 5, "Phone 1 - Value"), "1234");
    assert_eq!(cell(&t, 6, "Name"), "Jan Proef, Testbedrijf B.V.");
    assert_eq!(cell(&t, 7, "Name"), "info@example.invalid");
    assert_eq!(cell(&t, 9, "Name"), "Zoë Ünal-Müller");
    assert_eq!(cell(&t, 9, "Birthday"), "1980-12-31");
    assert_eq!(
        cell(&t, 9, "Address 1 - Formatted"),
        "Teststraat 1 A\n1234 AB Voorbeelddorp\nNL"
    );
    assert_eq!(cell(&t, 9, "Address 1 - Postal Code"), "1234 AB");
    assert_rectangular(&t);
}
