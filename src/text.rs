//! User text on its way in and out of kluis: one rule for what schema text may hold, and one
//! escape for every text output, so no stored text can drive a terminal.
//!
//! Schema text (labels, descriptions, the law, interests, notes, recipients, the profile,
//! cookies, consent sources, key labels) is one line of printable text: every control
//! character is refused, tab and line breaks too. The statement folds its paragraphs anyway,
//! and a one-line text cannot forge a line in `purpose list` or `log`. Values (a person's
//! data) may hold tabs and line breaks; they, and schema text an older vault already holds,
//! are escaped by [`visible`] on the way out, on a terminal and through a pipe alike.

use std::borrow::Cow;

/// Why a schema text was refused. Names the item and its flag, never the text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{item}: {flag} holds a control character (a tab, a line break, an escape or the like)")]
pub struct ControlCharacter {
    /// What the text belongs to: "purpose `orders`", "the profile".
    pub item: String,
    /// The flag (or document key) that gave it: "--description".
    pub flag: &'static str,
}

/// A character schema text may not hold: C0 (tab and line breaks included), DEL, C1, and
/// the Unicode line and paragraph separators.
pub fn is_refused(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}')
}

/// The one rule for schema text: refuses any [`is_refused`] character, naming `item` and
/// `flag`.
pub fn check_plain(item: &str, flag: &'static str, text: &str) -> Result<(), ControlCharacter> {
    if text.chars().any(is_refused) {
        return Err(ControlCharacter {
            item: item.to_owned(),
            flag,
        });
    }
    Ok(())
}

/// [`check_plain`] for an optional text.
pub fn check_optional(
    item: &str,
    flag: &'static str,
    text: Option<&str>,
) -> Result<(), ControlCharacter> {
    text.map_or(Ok(()), |text| check_plain(item, flag, text))
}

/// Text typed into a multi-line box (a browser's textarea) as the one line schema text is:
/// each line break, with the spaces around it, becomes one space. Only line breaks are
/// joined; any other control character is still refused by [`check_plain`].
pub fn join_lines(text: &str) -> String {
    let mut joined = String::with_capacity(text.len());
    for (index, line) in text
        .split(['\r', '\n'])
        .filter(|l| !l.trim().is_empty())
        .enumerate()
    {
        if index > 0 {
            joined.push(' ');
        }
        joined.push_str(if index > 0 { line.trim_start() } else { line }.trim_end());
    }
    joined
}

/// A character shown by its code instead of itself: a control character, a line or
/// paragraph separator, a bidi override, embedding, isolate or mark, or a zero-width one.
/// Shown raw, each could move the cursor, reorder a line or hide text.
pub fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
                | '\u{200e}' | '\u{200f}' | '\u{061c}'
                | '\u{200b}'..='\u{200d}'
                | '\u{2060}' | '\u{feff}'
        )
}

/// `text` with every [`is_invisible`] character written as `\t`, `\n`, `\r` or `\u{1b}`, so
/// it stays on its line and cannot drive the terminal. Every text output goes through this
/// (or [`escape_cell`], which adds the backslash).
pub fn visible(text: &str) -> Cow<'_, str> {
    escape_with(text, |_| false)
}

/// [`visible`] that escapes `\` as `\\` too, so a TSV cell or table cell reads back
/// unambiguously.
pub fn escape_cell(text: &str) -> Cow<'_, str> {
    escape_with(text, |c| c == '\\')
}

/// [`visible`] line by line, for a text kluis composed of lines: its line breaks stay,
/// everything else invisible in it (a quoted column header, a name) is shown by its code.
pub fn visible_lines(text: &str) -> String {
    text.split('\n').map(visible).collect::<Vec<_>>().join("\n")
}

/// JSON text with every [`is_invisible`] character in it written as `\uXXXX`. serde_json
/// escapes C0 already but leaves DEL, C1, bidi and zero-width characters raw; the escaped
/// form is the same JSON value. A raw line break in JSON text is layout (one in a string is
/// escaped already), so it stays.
pub fn json_visible(json: String) -> String {
    if !json.chars().any(|c| is_invisible(c) && c != '\n') {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 8);
    for c in json.chars() {
        if is_invisible(c) && c != '\n' {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

fn escape_with(text: &str, also: impl Fn(char) -> bool) -> Cow<'_, str> {
    let needs = |c: char| is_invisible(c) || also(c);
    if !text.chars().any(needs) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' if also(c) => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if needs(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_passes_unchanged_and_borrowed() {
        for text in ["Bakkerij Jansen", "café ﷺ 日本 \\ é", ""] {
            assert!(matches!(visible(text), Cow::Borrowed(t) if t == text));
            assert!(check_plain("purpose `x`", "--law", text).is_ok());
        }
    }

    #[test]
    fn every_class_of_invisible_character_is_shown_by_its_code() {
        let cases = [
            ("\u{1b}]0;x\u{7}", "\\u{1b}]0;x\\u{7}"),   // C0: ESC, BEL
            ("a\tb\nc\rd", "a\\tb\\nc\\rd"),            // tab and line breaks
            ("\u{0}\u{7f}", "\\u{0}\\u{7f}"),           // NUL, DEL
            ("\u{9b}31m\u{85}", "\\u{9b}31m\\u{85}"),   // C1: CSI, NEL
            ("\u{2028}\u{2029}", "\\u{2028}\\u{2029}"), // line and paragraph separators
            ("\u{202a}\u{202e}", "\\u{202a}\\u{202e}"), // embeddings and overrides
            ("\u{2066}\u{2069}", "\\u{2066}\\u{2069}"), // isolates
            ("\u{200e}\u{200f}\u{61c}", "\\u{200e}\\u{200f}\\u{61c}"), // marks
            (
                "\u{200b}\u{200c}\u{200d}\u{2060}\u{feff}",
                "\\u{200b}\\u{200c}\\u{200d}\\u{2060}\\u{feff}",
            ), // zero-width
        ];
        for (raw, shown) in cases {
            assert_eq!(visible(raw), shown, "{raw:?}");
            assert_eq!(escape_cell(raw), shown, "{raw:?}");
        }
    }

    #[test]
    fn lines_keep_their_breaks_and_lose_their_escapes() {
        assert_eq!(visible_lines("a\u{1b}[2J\nb\tc\n"), "a\\u{1b}[2J\nb\\tc\n");
    }

    #[test]
    fn json_keeps_its_value_and_loses_raw_c1_bidi_and_zero_width() {
        let value = serde_json::json!({ "note": "a\u{1b}\u{7f}\u{9b}\u{202e}\u{200b}\u{2028}\nb" });
        let json = json_visible(serde_json::to_string_pretty(&value).unwrap());
        assert!(
            !json.chars().any(|c| is_invisible(c) && c != '\n'),
            "{json}"
        );
        assert!(json.contains("\\u009b\\u202e\\u200b"), "{json}");
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn only_a_cell_escapes_the_backslash() {
        assert_eq!(visible("C:\\x\n"), "C:\\x\\n");
        assert_eq!(escape_cell("C:\\x\n"), "C:\\\\x\\n");
    }

    #[test]
    fn schema_text_refuses_every_control_character_and_names_the_flag() {
        for text in [
            "a\u{1b}[31m",
            "a\tb",
            "two\nlines",
            "a\rb",
            "\u{7f}",
            "\u{9b}",
            "\u{2028}",
        ] {
            let refused = check_plain("purpose `orders`", "--law", text).unwrap_err();
            assert_eq!(refused.flag, "--law");
            let message = refused.to_string();
            assert!(message.starts_with("purpose `orders`: --law"), "{message}");
            assert!(!message.contains(text), "{message}");
        }
        assert!(check_optional("field `x`", "--label", None).is_ok());
        // Bidi and zero-width characters are text in some scripts: shown visibly, not refused.
        assert!(check_plain("field `x`", "--label", "\u{200d}\u{202e}").is_ok());
    }

    #[test]
    fn a_textarea_s_line_breaks_join_into_one_line() {
        assert_eq!(
            join_lines("Bestellingen\r\n  bezorgen \n\nen factureren"),
            "Bestellingen bezorgen en factureren"
        );
        assert_eq!(join_lines("one line"), "one line");
        assert!(
            check_plain(
                "purpose description",
                "--description",
                &join_lines("a\r\nb\tc")
            )
            .is_err()
        );
    }
}
