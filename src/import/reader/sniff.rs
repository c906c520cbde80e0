//! Recognising a file's format from its first bytes.
//!
//! Extensions lie: web shops hand out "Excel" downloads that are CSV or HTML,
//! and people rename `.xlsx` files to `.csv`. Content decides; the extension
//! only settles what content cannot (and tunes the CSV fallback delimiter).

use super::error::ReadError;
use super::note::Note;
use super::table::Format;

const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
const ZIP: &[u8] = b"PK\x03\x04";
const EMPTY_ZIP: &[u8] = b"PK\x05\x06";

/// Decides which reader handles `bytes`. `extension` is lowercase, without
/// the dot. Formats that are clearly not tables (PDF, HTML, vCard, Word...)
/// are refused with [`ReadError::UnsupportedFormat`]. A vCard file is read
/// as one row per contact.
pub fn detect_format(bytes: &[u8], extension: Option<&str>) -> Result<Format, ReadError> {
    if bytes.starts_with(OLE) {
        // An encrypted xlsx is an OLE container with this stream; the xlsx
        // reader recognises it and reports the password.
        if contains(bytes, &utf16le("EncryptedPackage")) {
            return Ok(Format::Xlsx);
        }
        if contains(bytes, &utf16le("WordDocument")) {
            return unsupported("a Word document");
        }
        return Ok(Format::Xls);
    }
    if bytes.starts_with(ZIP) || bytes.starts_with(EMPTY_ZIP) {
        return zip_format(bytes, extension);
    }
    let text = skip_bom_and_space(bytes);
    let starts = |prefix: &[u8]| {
        text.len() >= prefix.len() && text[..prefix.len()].eq_ignore_ascii_case(prefix)
    };
    if starts(b"%PDF") {
        return unsupported("a PDF document");
    }
    if starts(b"{\\rtf") {
        return unsupported("an RTF document");
    }
    if starts(b"BEGIN:VCARD") {
        return Ok(Format::Vcard);
    }
    if starts(b"<?xml") {
        let head = &text[..text.len().min(4096)];
        if contains(head, b"urn:schemas-microsoft-com:office:spreadsheet") {
            return unsupported("an Excel 2003 XML spreadsheet");
        }
        return unsupported("an XML document");
    }
    if starts(b"<!doctype html") || starts(b"<html") || starts(b"<table") {
        return unsupported("a web page (HTML)");
    }
    Ok(Format::Delimited)
}

fn zip_format(bytes: &[u8], extension: Option<&str>) -> Result<Format, ReadError> {
    // ODF requires an uncompressed `mimetype` entry first; its name starts
    // at offset 30 of the local file header, its content right after.
    if bytes.get(30..38) == Some(b"mimetype") {
        let head = &bytes[38..bytes.len().min(200)];
        if contains(head, b"opendocument.spreadsheet") {
            return Ok(Format::Ods);
        }
        if contains(head, b"opendocument.text") {
            return unsupported("an OpenDocument text document");
        }
    }
    // Entry names are stored uncompressed in the local headers and the
    // central directory.
    if contains(bytes, b"xl/workbook.bin") {
        return Ok(Format::Xlsb);
    }
    if contains(bytes, b"xl/") {
        return Ok(Format::Xlsx);
    }
    if contains(bytes, b"word/") {
        return unsupported("a Word document");
    }
    match extension {
        Some("ods") => Ok(Format::Ods),
        Some("xlsx" | "xlsm") => Ok(Format::Xlsx),
        Some("xlsb") => Ok(Format::Xlsb),
        _ => unsupported("a zip archive"),
    }
}

/// A note when the extension promised another kind of file than the
/// content is, so the user is not surprised by how it was read.
pub(crate) fn mismatch_note(format: Format, extension: Option<&str>) -> Option<Note> {
    let ext = extension?;
    let expected = match ext {
        "csv" | "tsv" | "txt" | "tab" => Format::Delimited,
        "xlsx" | "xlsm" => Format::Xlsx,
        "xls" => Format::Xls,
        "xlsb" => Format::Xlsb,
        "ods" => Format::Ods,
        _ => return None,
    };
    if expected == format {
        return None;
    }
    Some(Note::FormatMismatch {
        extension: ext.to_owned(),
        format,
    })
}

fn unsupported(detected: &'static str) -> Result<Format, ReadError> {
    Err(ReadError::UnsupportedFormat { detected })
}

fn skip_bom_and_space(bytes: &[u8]) -> &[u8] {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    &bytes[start..]
}

fn utf16le(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    haystack
        .iter()
        .enumerate()
        .filter(|&(_, &b)| b == first)
        .any(|(i, _)| haystack.get(i + 1..i + 1 + rest.len()) == Some(rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn magic_bytes_win_over_the_extension() {
        let mut ole = OLE.to_vec();
        ole.extend([0; 100]);
        assert_eq!(detect_format(&ole, Some("csv")).unwrap(), Format::Xls);
        let mut xlsx = ZIP.to_vec();
        xlsx.extend(b"\0\0\0[Content_Types].xml....xl/workbook.xml");
        assert_eq!(detect_format(&xlsx, Some("csv")).unwrap(), Format::Xlsx);
        assert_eq!(
            detect_format(b"a;b\n1;2\n", Some("xls")).unwrap(),
            Format::Delimited
        );
        assert_eq!(
            mismatch_note(Format::Delimited, Some("xls"))
                .unwrap()
                .to_string(),
            "the file is named .xls but is delimited text, and was read as such"
        );
        assert_eq!(mismatch_note(Format::Xlsx, Some("xlsx")), None);
        assert_eq!(mismatch_note(Format::Xlsx, None), None);
    }

    #[test]
    fn ods_is_recognised_by_its_mimetype_entry() {
        let mut ods = ZIP.to_vec();
        ods.extend([0; 26]);
        ods.extend(b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet");
        assert_eq!(detect_format(&ods, None).unwrap(), Format::Ods);
    }

    #[test]
    fn documents_that_are_not_tables_are_refused() {
        for (bytes, detected) in [
            (&b"%PDF-1.7"[..], "a PDF document"),
            (b"\xEF\xBB\xBF  <!DOCTYPE html><html>", "a web page (HTML)"),
            (b"<table><tr><td>x</td></tr></table>", "a web page (HTML)"),
            (b"{\\rtf1\\ansi", "an RTF document"),
            (b"PK\x03\x04 some other zip", "a zip archive"),
        ] {
            match detect_format(bytes, None) {
                Err(ReadError::UnsupportedFormat { detected: d }) => assert_eq!(d, detected),
                other => panic!("{detected}: got {other:?}"),
            }
        }
    }

    #[test]
    fn a_vcard_file_is_read_as_contacts() {
        let format = detect_format(b"\xEF\xBB\xBFBEGIN:VCARD\r\nVERSION:3.0", Some("vcf"));
        assert_eq!(format.unwrap(), Format::Vcard);
    }

    #[test]
    fn substring_search() {
        assert!(contains(b"abcxl/def", b"xl/"));
        assert!(!contains(b"abcx", b"xl/"));
        assert!(contains(b"abc", b""));
    }
}
