//! Finding the field delimiter of a text file.
//!
//! Exports from Dutch and other continental Excel installs use `;`, Google
//! and Outlook use `,`, vCard converters and databases use TAB or `|`, and
//! files are named `.csv` regardless. So the delimiter is detected from the
//! content, respecting quotes: a `,` inside a quoted address must not count.

/// The delimiters tried, in order of preference when they score the same.
pub(crate) const CANDIDATES: [u8; 4] = [b',', b';', b'\t', b'|'];

/// How much text the sniffer looks at; enough for dozens of records of a
/// 77-column Google export.
const SAMPLE_BYTES: usize = 64 * 1024;
/// How many records the sniffer looks at.
const SAMPLE_RECORDS: usize = 100;

/// Recognises Excel's `sep=;` first line. Returns the delimiter and the
/// number of bytes the line takes, including its line break.
pub(crate) fn sep_line(text: &[u8]) -> Option<(u8, usize)> {
    let quoted = text.first() == Some(&b'"');
    let start = usize::from(quoted);
    let rest = &text[start..];
    if rest.len() < 5 || !rest[..4].eq_ignore_ascii_case(b"sep=") {
        return None;
    }
    let delimiter = rest[4];
    if matches!(delimiter, b'\r' | b'\n' | b'"') || !delimiter.is_ascii() {
        return None;
    }
    let mut end = start + 5;
    if quoted {
        if text.get(end) != Some(&b'"') {
            return None;
        }
        end += 1;
    }
    match &text[end..] {
        [] => {}
        [b'\r', b'\n', ..] => end += 2,
        [b'\r' | b'\n', ..] => end += 1,
        _ => return None,
    }
    Some((delimiter, end))
}

/// Picks the delimiter that splits the sampled records into the most
/// consistent number of fields (more than one). `None` when no candidate
/// splits anything, i.e. the file has a single column.
pub(crate) fn sniff(text: &[u8]) -> Option<u8> {
    let truncated = text.len() > SAMPLE_BYTES;
    let sample = &text[..text.len().min(SAMPLE_BYTES)];
    let mut best: Option<(Score, u8)> = None;
    for delimiter in CANDIDATES {
        let Some(score) = score(sample, delimiter, truncated) else {
            continue;
        };
        if best.as_ref().is_none_or(|(b, _)| score.beats(b)) {
            best = Some((score, delimiter));
        }
    }
    best.map(|(_, d)| d)
}

#[derive(Debug)]
struct Score {
    /// Share of records (in 0..=1000) having the most common field count.
    consistency: u32,
    /// The most common field count.
    fields: usize,
}

impl Score {
    fn beats(&self, other: &Score) -> bool {
        (self.consistency, self.fields) > (other.consistency, other.fields)
    }
}

fn score(sample: &[u8], delimiter: u8, truncated: bool) -> Option<Score> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(sample);
    let mut counts = Vec::new();
    let mut record = csv::ByteRecord::new();
    while counts.len() < SAMPLE_RECORDS {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {
                if record
                    .iter()
                    .any(|f| !f.iter().all(u8::is_ascii_whitespace))
                {
                    counts.push(trimmed_len(&record));
                }
            }
            Ok(false) | Err(_) => break,
        }
    }
    // The sample may end inside a record; its count would be noise.
    if truncated && counts.len() > 1 && counts.len() < SAMPLE_RECORDS {
        counts.pop();
    }
    let mut histogram: Vec<(usize, u32)> = Vec::new();
    for &count in &counts {
        match histogram.iter_mut().find(|(c, _)| *c == count) {
            Some((_, n)) => *n += 1,
            None => histogram.push((count, 1)),
        }
    }
    // Ties go to the larger field count: with ragged rows the header's
    // width is usually the real one.
    let (fields, hits) = histogram
        .into_iter()
        .max_by_key(|&(count, hits)| (hits, count))?;
    if fields < 2 {
        return None;
    }
    let consistency = u32::try_from(u64::from(hits) * 1000 / counts.len() as u64).ok()?;
    Some(Score {
        consistency,
        fields,
    })
}

/// Field count ignoring trailing empty fields, which some exporters add and
/// others don't (`a;b;c;` vs `a;b;c`).
fn trimmed_len(record: &csv::ByteRecord) -> usize {
    let mut len = record.len();
    while len > 1 && record.get(len - 1).is_some_and(<[u8]>::is_empty) {
        len -= 1;
    }
    len
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sep_line_variants() {
        assert_eq!(sep_line(b"sep=;\r\na;b"), Some((b';', 7)));
        assert_eq!(sep_line(b"SEP=,\na,b"), Some((b',', 6)));
        assert_eq!(sep_line(b"sep=\t\ra"), Some((b'\t', 6)));
        assert_eq!(sep_line(b"sep=|"), Some((b'|', 5)));
        assert_eq!(sep_line(b"\"sep=;\"\na"), Some((b';', 8)));
        assert_eq!(sep_line(b"sep=;x\n"), None);
        assert_eq!(sep_line(b"sepa;b\n"), None);
        assert_eq!(sep_line(b"sep=\n"), None);
        assert_eq!(sep_line(b"\"sep=;\n"), None);
        assert_eq!(sep_line(b""), None);
    }

    #[test]
    fn picks_the_consistent_delimiter() {
        assert_eq!(sniff(b"a;b;c\n1;2;3\n4;5,6;7\n"), Some(b';'));
        assert_eq!(sniff(b"a,b\n1,2\n"), Some(b','));
        assert_eq!(sniff(b"a\tb|c\n1\t2|3\n4\t5\n"), Some(b'\t'));
        assert_eq!(sniff(b"a|b|c\n1|2|3\n"), Some(b'|'));
    }

    #[test]
    fn quoted_delimiters_do_not_count() {
        let text = b"name;address\n\"Doe, J\";\"Street 1, Town\"\n\"Roe, K\";\"Lane 2, City\"\n";
        assert_eq!(sniff(text), Some(b';'));
    }

    #[test]
    fn a_stray_other_delimiter_in_one_column_loses() {
        // `;` appears once in every data row but never in the header.
        let text = b"a,b,c,d\n1,2,3,x;y\n5,6,7,x;z\n";
        assert_eq!(sniff(text), Some(b','));
    }

    #[test]
    fn ragged_short_rows_keep_the_header_width_delimiter() {
        let text = b"a,b,c,d,e,f\n1,2,3\n4,5,6,7,8,9\n";
        assert_eq!(sniff(text), Some(b','));
    }

    #[test]
    fn single_column_has_no_delimiter() {
        assert_eq!(sniff(b"email\na@example.com\nb@example.com\n"), None);
        assert_eq!(sniff(b""), None);
    }
}
