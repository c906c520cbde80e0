//! The English statement shows only English text the user wrote: a free text without its
//! English twin is a gap (`Missing::English`) with the command that adds it. It never falls
//! back to the Dutch text or to an internal name.

use super::Lang;
use super::missing::Missing;

/// Trimmed text, `None` when absent or blank.
pub fn declared(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|t| !t.is_empty())
}

/// The text for `lang`: `None` when the user declared no Dutch text (nothing to say),
/// `Some(Ok(text))` when there is text in the language, and `Some(Err(gap))` when the English
/// statement needs the English twin that is absent.
pub fn pick(
    lang: Lang,
    dutch: Option<&str>,
    english: Option<&str>,
    gap: impl FnOnce() -> Missing,
) -> Option<Result<String, Missing>> {
    let dutch = declared(dutch)?;
    Some(match lang {
        Lang::Nl => Ok(dutch.to_string()),
        Lang::En => declared(english).map(str::to_string).ok_or_else(gap),
    })
}

/// The gap of a purpose's free text: `what` names the text ("the description"), `flag` is the
/// `kluis purpose edit` option that fills it in.
pub fn purpose_gap(purpose: &str, what: &str, flag: &str) -> Missing {
    Missing::English {
        what: format!("{what} of purpose {purpose}"),
        command: format!("kluis purpose edit {purpose} {flag} \"THE ENGLISH TEXT\""),
    }
}

/// The gap of a field's free text, filled in with `kluis field edit`.
pub fn field_gap(field: &str, what: &str, flag: &str) -> Missing {
    Missing::English {
        what: format!("{what} of field {field}"),
        command: format!("kluis field edit {field} {flag} \"THE ENGLISH TEXT\""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gap() -> Missing {
        purpose_gap("newsletter", "the description", "--description-en")
    }

    #[test]
    fn dutch_uses_the_dutch_text_and_english_never_falls_back() {
        assert_eq!(
            pick(Lang::Nl, Some(" Nieuws "), None, gap),
            Some(Ok("Nieuws".into()))
        );
        assert_eq!(
            pick(Lang::En, Some("Nieuws"), Some("News"), gap),
            Some(Ok("News".into()))
        );
        assert_eq!(
            pick(Lang::En, Some("Nieuws"), Some("  "), gap),
            Some(Err(gap()))
        );
        assert_eq!(pick(Lang::En, None, Some("News"), gap), None);
        assert_eq!(pick(Lang::Nl, Some(" "), None, gap), None);
    }

    #[test]
    fn the_gap_names_the_purpose_and_the_flag() {
        assert_eq!(
            gap().command(),
            "kluis purpose edit newsletter --description-en \"THE ENGLISH TEXT\""
        );
        assert!(gap().message().contains("purpose newsletter"));
        let field = field_gap("email", "the label", "--label-en");
        assert_eq!(
            field.command(),
            "kluis field edit email --label-en \"THE ENGLISH TEXT\""
        );
    }
}
