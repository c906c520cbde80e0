//! Turning a text file's bytes into something the CSV parser can split.
//!
//! Without an explicit encoding, UTF-8 is assumed (BOM or not) and the CSV
//! reader decodes each record on its own, falling back to Windows-1252 only
//! for records that are not valid UTF-8: files that were appended to by
//! different programs mix the two, and decoding the whole file one way would
//! garble the other half. UTF-16 (recognised by its BOM) and explicitly
//! requested encodings are transcoded up front and strictly.

use std::borrow::Cow;

use encoding_rs::{DecoderResult, Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

use super::error::ReadError;
use super::note::Note;

/// Text ready for the CSV parser.
pub(crate) struct Decoded<'a> {
    /// UTF-8 bytes, except for records the reader must decode itself when
    /// `fallback` is set. No BOM.
    pub text: Cow<'a, [u8]>,
    /// The encoding the file is in (before any per-record fallback).
    pub encoding: &'static Encoding,
    /// Records that are not valid UTF-8 are to be decoded as Windows-1252.
    pub fallback: bool,
    pub notes: Vec<Note>,
}

/// Decodes `bytes` as asked by `label` (an `--encoding` value), or by BOM
/// and UTF-8 with per-record fallback when there is no label.
pub(crate) fn decode<'a>(bytes: &'a [u8], label: Option<&str>) -> Result<Decoded<'a>, ReadError> {
    let bom = Encoding::for_bom(bytes);
    let requested = match label {
        None => None,
        Some(label) => Some(Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
            ReadError::UnknownEncoding {
                label: label.to_owned(),
            }
        })?),
    };
    let mut notes = Vec::new();
    let encoding = match (requested, bom) {
        (None, None) => {
            return Ok(Decoded {
                text: Cow::Borrowed(bytes),
                encoding: UTF_8,
                fallback: true,
                notes,
            });
        }
        (None, Some((encoding, _))) => encoding,
        (Some(requested), None) => requested,
        (Some(requested), Some((from_bom, _))) => {
            // "utf-16" means "the UTF-16 this file has": its BOM tells which.
            let utf16 = |e: &Encoding| e == UTF_16LE || e == UTF_16BE;
            if requested != from_bom && !(utf16(requested) && utf16(from_bom)) {
                notes.push(Note::BomOverridesEncoding {
                    bom: from_bom.name(),
                    requested: requested.name(),
                });
            }
            from_bom
        }
    };
    let body = match bom {
        Some((_, len)) => &bytes[len..],
        None => bytes,
    };
    if encoding == UTF_8 {
        if let Err(e) = std::str::from_utf8(body) {
            return Err(ReadError::InvalidEncoding {
                line: line_breaks(&body[..e.valid_up_to()]) + 1,
                encoding: UTF_8.name(),
            });
        }
        return Ok(Decoded {
            text: Cow::Borrowed(body),
            encoding,
            fallback: false,
            notes,
        });
    }
    let text = transcode_strict(body, encoding)?;
    Ok(Decoded {
        text: Cow::Owned(text.into_bytes()),
        encoding,
        fallback: false,
        notes,
    })
}

fn transcode_strict(body: &[u8], encoding: &'static Encoding) -> Result<String, ReadError> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(
        decoder
            .max_utf8_buffer_length_without_replacement(body.len())
            .unwrap_or(body.len()),
    );
    let mut input = body;
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(input, &mut out, true);
        input = &input[read..];
        match result {
            DecoderResult::InputEmpty => return Ok(out),
            DecoderResult::OutputFull => out.reserve(input.len().max(16) * 3),
            DecoderResult::Malformed(..) => {
                return Err(ReadError::InvalidEncoding {
                    line: line_breaks(out.as_bytes()) + 1,
                    encoding: encoding.name(),
                });
            }
        }
    }
}

/// Decodes one cell of a record that is not valid UTF-8.
pub(crate) fn windows_1252(bytes: &[u8]) -> String {
    // Windows-1252 maps every byte, so this never produces U+FFFD.
    WINDOWS_1252
        .decode_without_bom_handling(bytes)
        .0
        .into_owned()
}

/// The Windows-1252 encoding, for reporting.
pub(crate) fn fallback_encoding() -> &'static Encoding {
    WINDOWS_1252
}

/// Counts line breaks the way editors do: `\r\n`, `\n` and a lone `\r`
/// each end one line.
pub(crate) fn line_breaks(bytes: &[u8]) -> usize {
    line_breaks_before(bytes, None)
}

/// Like [`line_breaks`] for a slice followed by `next` in the file, so that a
/// `\r` at the end of the slice is not counted when the `\n` of its `\r\n`
/// pair comes after the slice.
pub(crate) fn line_breaks_before(bytes: &[u8], next: Option<u8>) -> usize {
    // memchr jumps between line break bytes: this runs over every byte of
    // every file read, and most bytes are not line breaks.
    memchr::memchr2_iter(b'\n', b'\r', bytes)
        .filter(|&i| bytes[i] == b'\n' || bytes.get(i + 1).copied().or(next) != Some(b'\n'))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_all_three_line_ending_styles() {
        assert_eq!(line_breaks(b"a\r\nb\nc\rd"), 3);
        assert_eq!(line_breaks(b"\r\r\n\n"), 3);
        assert_eq!(line_breaks_before(b"a\r", Some(b'\n')), 0);
        assert_eq!(line_breaks_before(b"a\r", Some(b'x')), 1);
        assert_eq!(line_breaks_before(b"a\r", None), 1);
    }

    #[test]
    fn plain_bytes_are_utf8_with_fallback() {
        let d = decode(b"a,b\n", None).unwrap();
        assert_eq!(d.encoding, UTF_8);
        assert!(d.fallback);
        assert_eq!(&*d.text, b"a,b\n");
    }

    #[test]
    fn utf8_bom_is_removed() {
        let d = decode(b"\xEF\xBB\xBFa,b\n", None).unwrap();
        assert_eq!(&*d.text, b"a,b\n");
        assert!(!d.fallback);
        assert!(d.notes.is_empty());
    }

    #[test]
    fn utf16_both_byte_orders_are_transcoded() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Zoë,x\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Zoë,x\n".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        let d = decode(&le, None).unwrap();
        assert_eq!(d.encoding, UTF_16LE);
        assert_eq!(&*d.text, "Zoë,x\n".as_bytes());
        let d = decode(&be, Some("utf-16")).unwrap();
        assert_eq!(d.encoding, UTF_16BE);
        assert_eq!(&*d.text, "Zoë,x\n".as_bytes());
        assert!(d.notes.is_empty());
    }

    #[test]
    fn explicit_utf8_is_strict_and_names_the_line() {
        let err = decode(b"a\r\nb\rc\n\xE9\n", Some("utf-8")).err().unwrap();
        assert!(matches!(
            err,
            ReadError::InvalidEncoding {
                line: 4,
                encoding: "UTF-8"
            }
        ));
        assert!(crate::cli::hint::import::read(&err).contains("--encoding windows-1252"));
    }

    #[test]
    fn explicit_windows_1252_decodes_everything() {
        let d = decode(b"Ren\xE9,Caf\xE9\n", Some("windows-1252")).unwrap();
        assert_eq!(&*d.text, "René,Café\n".as_bytes());
        assert_eq!(d.encoding, WINDOWS_1252);
        // latin1 is an alias WHATWG maps to windows-1252.
        let d = decode(b"\xE9", Some("latin1")).unwrap();
        assert_eq!(&*d.text, "é".as_bytes());
    }

    #[test]
    fn malformed_utf16_names_the_line() {
        // An unpaired high surrogate on the second line.
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend("a\nb".encode_utf16().flat_map(u16::to_le_bytes));
        bytes.extend([0x00, 0xD8, b'x', 0x00]);
        let err = decode(&bytes, None).err().unwrap();
        assert!(matches!(
            err,
            ReadError::InvalidEncoding {
                line: 2,
                encoding: "UTF-16LE"
            }
        ));
    }

    #[test]
    fn unknown_label_is_an_error() {
        let err = decode(b"a", Some("klingon")).err().unwrap();
        assert!(matches!(err, ReadError::UnknownEncoding { .. }));
    }

    #[test]
    fn bom_wins_over_a_different_label_with_a_note() {
        let d = decode(b"\xEF\xBB\xBFZo\xC3\xAB", Some("windows-1252")).unwrap();
        assert_eq!(&*d.text, "Zoë".as_bytes());
        assert_eq!(d.notes.len(), 1);
    }
}
