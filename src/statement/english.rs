//! The English statement shows only English text the user wrote: a free text without its
//! English twin is a gap (`Missing::English`) naming the text and its purpose or field. It
//! never falls back to the Dutch text or to an internal name.

use serde::Serialize;

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

/// A free text of a purpose or field that has an English twin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FreeText {
    Description,
    Interest,
    Law,
    RetentionNote,
    ProfilingLogic,
    ProfilingEffect,
    Label,
    SourceNote,
}

impl FreeText {
    /// The text, in words ("the description").
    pub fn noun(self) -> &'static str {
        match self {
            FreeText::Description => "the description",
            FreeText::Interest => "the interest",
            FreeText::Law => "the law",
            FreeText::RetentionNote => "the retention note",
            FreeText::ProfilingLogic => "the profiling logic",
            FreeText::ProfilingEffect => "the profiling effect",
            FreeText::Label => "the label",
            FreeText::SourceNote => "the source note",
        }
    }

    /// Whose text it is: a field's label and source note, every other one a purpose's.
    pub fn owner(self) -> Owner {
        match self {
            FreeText::Label | FreeText::SourceNote => Owner::Field,
            _ => Owner::Purpose,
        }
    }
}

/// What a free text belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    Purpose,
    Field,
}

/// The English twin of `text` of the purpose or field `of` is missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Gap {
    pub text: FreeText,
    pub of: String,
}

impl Gap {
    /// The text and whose it is, in words ("the description of purpose newsletter").
    pub fn what(&self) -> String {
        let owner = match self.text.owner() {
            Owner::Purpose => "purpose",
            Owner::Field => "field",
        };
        format!("{} of {owner} {}", self.text.noun(), self.of)
    }
}

/// Gaps list in the order of their words, as the error and the draft warning show them.
impl Ord for Gap {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.what().cmp(&other.what())
    }
}

impl PartialOrd for Gap {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// The gap of `text` of the purpose or field named `of`.
pub fn gap(text: FreeText, of: &str) -> Missing {
    Missing::English(Gap {
        text,
        of: of.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn description() -> Missing {
        gap(FreeText::Description, "newsletter")
    }

    #[test]
    fn dutch_uses_the_dutch_text_and_english_never_falls_back() {
        assert_eq!(
            pick(Lang::Nl, Some(" Nieuws "), None, description),
            Some(Ok("Nieuws".into()))
        );
        assert_eq!(
            pick(Lang::En, Some("Nieuws"), Some("News"), description),
            Some(Ok("News".into()))
        );
        assert_eq!(
            pick(Lang::En, Some("Nieuws"), Some("  "), description),
            Some(Err(description()))
        );
        assert_eq!(pick(Lang::En, None, Some("News"), description), None);
        assert_eq!(pick(Lang::Nl, Some(" "), None, description), None);
    }

    #[test]
    fn the_gap_names_the_text_and_its_purpose_or_field() {
        assert_eq!(
            description().message(),
            "the description of purpose newsletter has no English text"
        );
        assert_eq!(
            gap(FreeText::Label, "email").message(),
            "the label of field email has no English text"
        );
    }
}
