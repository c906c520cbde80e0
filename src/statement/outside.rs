//! Personal data a purpose keeps outside the vault (camera images, published photos, website
//! logs), declared with `purpose add|edit --category`. The purpose section lists it as data,
//! under the same basis, retention and recipients as the vault's fields.

use crate::schema::model::Purpose;

use super::Lang;
use super::missing::Missing;
use super::people::Mark;

/// The label of the row with data kept outside the vault, next to the vault's fields.
pub fn label(lang: Lang) -> &'static str {
    match lang {
        Lang::Nl => "Ook elders bewaard",
        Lang::En => "Also kept elsewhere",
    }
}

/// The purpose's categories in the language. In English, a category without its English text
/// is marked, once for the purpose, with the command that restates them all.
pub fn categories(lang: Lang, purpose: &Purpose, mark: Mark<'_>) -> Vec<String> {
    let texts: Vec<Option<String>> = purpose
        .categories
        .iter()
        .map(|c| match lang {
            Lang::Nl => Some(c.text.trim().to_string()),
            Lang::En => c
                .text_en
                .as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string),
        })
        .collect();
    if texts.iter().all(Option::is_some) {
        return texts.into_iter().flatten().collect();
    }
    let marker = mark(Missing::CategoryEnglish {
        purpose: purpose.name.clone(),
        categories: purpose
            .categories
            .iter()
            .map(|c| (c.text.clone(), c.text_en.clone()))
            .collect(),
    });
    texts
        .into_iter()
        .map(|text| text.unwrap_or_else(|| marker.clone()))
        .collect()
}

/// The rows that say which data a purpose uses, as (label, value): the fields' labels, then
/// the data kept elsewhere. A purpose with only data kept elsewhere (a camera) names that as
/// its data; one with neither says it keeps nothing yet.
pub fn data_rows(
    lang: Lang,
    data_label: &'static str,
    no_data_yet: &str,
    field_labels: &[String],
    purpose: &Purpose,
    mark: Mark<'_>,
) -> Vec<(&'static str, String)> {
    let elsewhere = categories(lang, purpose, mark);
    match (field_labels.is_empty(), elsewhere.is_empty()) {
        (true, true) => vec![(data_label, no_data_yet.to_string())],
        (true, false) => vec![(data_label, elsewhere.join("; "))],
        (false, true) => vec![(data_label, field_labels.join(", "))],
        (false, false) => vec![
            (data_label, field_labels.join(", ")),
            (label(lang), elsewhere.join("; ")),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::model::{LegalBasis, OutsideCategory};

    fn camera(english: Option<&str>) -> Purpose {
        Purpose {
            categories: vec![OutsideCategory {
                text: "Camerabeelden van de winkel".into(),
                text_en: english.map(str::to_owned),
            }],
            ..Purpose::new(
                "camera",
                LegalBasis::LegitimateInterests,
                "Beveiliging van de winkel",
            )
        }
    }

    #[test]
    fn a_purpose_with_only_categories_names_them_as_its_data() {
        let mut mark = |_: Missing| panic!("nothing is missing");
        let rows = data_rows(
            Lang::Nl,
            "Welke gegevens",
            "geen",
            &[],
            &camera(None),
            &mut mark,
        );
        assert_eq!(
            rows,
            vec![("Welke gegevens", "Camerabeelden van de winkel".to_string())]
        );
    }

    #[test]
    fn categories_come_after_the_fields() {
        let mut mark = |_: Missing| panic!("nothing is missing");
        let rows = data_rows(
            Lang::En,
            "Which data",
            "none",
            &["Name".into()],
            &camera(Some("Camera images of the shop")),
            &mut mark,
        );
        assert_eq!(
            rows[1],
            (
                "Also kept elsewhere",
                "Camera images of the shop".to_string()
            )
        );
    }

    #[test]
    fn a_category_without_english_is_missing_in_english() {
        let mut missing = Vec::new();
        let mut mark = |m: Missing| {
            missing.push(m);
            "[MISSING]".to_string()
        };
        let texts = categories(Lang::En, &camera(None), &mut mark);
        assert_eq!(texts, vec!["[MISSING]".to_string()]);
        assert!(
            matches!(&missing[0], Missing::CategoryEnglish { purpose, .. } if purpose == "camera")
        );
        assert!(crate::cli::hint::statement::command(&missing[0]).contains("--category-en"));
    }
}
