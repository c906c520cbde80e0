//! The cookie section, built from declared cookies only (`kluis cookie add`).
//!
//! No declared cookie gives no section: kluis does not know whether the website uses none, so
//! it says nothing rather than "we use no cookies". Analytics and marketing cookies need
//! consent (Telecommunicatiewet art. 11.7a). The section promises that the website asks for it
//! only when the user declared so for each such cookie (`cookie edit --consent-asked`); until
//! then each one is a gap. Of functional cookies it says only what the law says: they need no
//! consent.

use serde::Serialize;

use crate::schema::cookie::retention_period;
use crate::schema::country;
use crate::schema::model::{Cookie, CookieKind, Safeguard};

use super::Lang;
use super::missing::Missing;
use super::model::{Item, Listing};
use super::people::Mark;
use super::recipients::{country_name, decision_words, document_words};
use super::texts::{fill, join_words, period_words};

/// The cookie section: an intro, then the cookies that need no consent and those that do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CookieSection {
    pub heading: &'static str,
    pub intro: String,
    pub groups: Vec<Listing>,
}

struct Words {
    heading: &'static str,
    intro: &'static str,
    item: &'static str,
    item_kind: &'static str,
    country: &'static str,
    /// The country of a provider outside the EEA, with the transfer's safeguard.
    transfer: &'static str,
    session: &'static str,
    functional_intro: &'static str,
    functional_after: &'static str,
    consent_intro: &'static str,
    consent_after: [&'static str; 2],
    analytics: &'static str,
    marketing: &'static str,
}

static NL: Words = Words {
    heading: "Cookies",
    intro: "Op onze website gebruiken we cookies. Een cookie is een klein bestand dat de website op uw computer of telefoon zet.",
    item: "{name} van {provider}: {purpose}. Hoe lang: {retention}.",
    item_kind: "{name} van {provider}, voor {kind}: {purpose}. Hoe lang: {retention}.",
    country: "Land van de aanbieder: {country}.",
    transfer: "Land van de aanbieder: {country}, buiten de EER. De aanbieder krijgt daar gegevens van uw bezoek, op grond van {safeguard}.",
    session: "tot u de browser sluit",
    functional_intro: "Deze cookies zijn nodig om de website te laten werken:",
    functional_after: "Voor deze cookies is geen toestemming nodig.",
    consent_intro: "Deze cookies gebruiken we voor {kinds}:",
    consent_after: [
        "We plaatsen deze cookies alleen als u daar toestemming voor geeft.",
        "U mag die toestemming altijd intrekken. Daarna plaatsen we deze cookies niet meer.",
    ],
    analytics: "statistiek",
    marketing: "marketing",
};

static EN: Words = Words {
    heading: "Cookies",
    intro: "Our website uses cookies. A cookie is a small file that the website puts on your computer or phone.",
    item: "{name} from {provider}: {purpose}. How long: {retention}.",
    item_kind: "{name} from {provider}, for {kind}: {purpose}. How long: {retention}.",
    country: "Provider's country: {country}.",
    transfer: "Provider's country: {country}, outside the EEA. The provider receives data about your visit there, under {safeguard}.",
    session: "until you close your browser",
    functional_intro: "The website needs these cookies to work:",
    functional_after: "These cookies need no consent.",
    consent_intro: "We use these cookies for {kinds}:",
    consent_after: [
        "We only place these cookies if you give your consent.",
        "You have the right to withdraw that consent at any time. After that we no longer place these cookies.",
    ],
    analytics: "statistics",
    marketing: "marketing",
};

fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Nl => &NL,
        Lang::En => &EN,
    }
}

/// The cookie section, or `None` when no cookie is declared.
pub fn section(lang: Lang, cookies: &[Cookie], mark: Mark<'_>) -> Option<CookieSection> {
    if cookies.is_empty() {
        return None;
    }
    let w = words(lang);
    let (consent, functional): (Vec<&Cookie>, Vec<&Cookie>) =
        cookies.iter().partition(|c| c.kind.needs_consent());
    let mut groups = Vec::new();
    if !functional.is_empty() {
        groups.push(Listing {
            intro: w.functional_intro.to_string(),
            items: functional.iter().map(|c| item(lang, c, mark)).collect(),
            after: vec![w.functional_after.to_string()],
        });
    }
    if !consent.is_empty() {
        groups.push(Listing {
            intro: fill(w.consent_intro, &[("kinds", &kinds_words(lang, &consent))]),
            items: consent
                .iter()
                .map(|c| consent_item(lang, c, &mut *mark))
                .collect(),
            after: w.consent_after.iter().map(|s| s.to_string()).collect(),
        });
    }
    Some(CookieSection {
        heading: w.heading,
        intro: w.intro.to_string(),
        groups,
    })
}

/// What the cookies are for, by kind: "statistiek en marketing".
pub fn kinds_words(lang: Lang, cookies: &[&Cookie]) -> String {
    let mut kinds: Vec<CookieKind> = cookies.iter().map(|c| c.kind).collect();
    kinds.sort();
    kinds.dedup();
    let kinds: Vec<String> = kinds
        .into_iter()
        .map(|k| kind_word(words(lang), k).to_string())
        .collect();
    join_words(lang, &kinds)
}

/// What the cookie does, in the language; the English statement needs the English text.
pub fn purpose_words(lang: Lang, cookie: &Cookie) -> Result<String, Missing> {
    match lang {
        Lang::Nl => Some(cookie.purpose_text.as_str()),
        Lang::En => cookie.purpose_text_en.as_deref(),
    }
    .map(|t| t.trim().trim_end_matches('.').trim())
    .filter(|t| !t.is_empty())
    .map(str::to_string)
    .ok_or_else(|| Missing::CookieEnglish {
        cookie: cookie.name.clone(),
        flag: "--purpose-text-en".into(),
    })
}

/// How long the cookie stays: a period, or until the browser closes.
pub fn retention_words(lang: Lang, cookie: &Cookie) -> String {
    match retention_period(&cookie.retention) {
        Some(period) => period_words(lang, period),
        None => words(lang).session.to_string(),
    }
}

/// For a cookie that needs consent: a gap unless the user declared that the website asks
/// for it before placing the cookie.
pub fn consent_gap(cookie: &Cookie) -> Option<Missing> {
    (cookie.kind.needs_consent() && !cookie.consent_asked).then(|| Missing::CookieConsent {
        cookie: cookie.name.clone(),
    })
}

fn kind_word(w: &Words, kind: CookieKind) -> &'static str {
    match kind {
        CookieKind::Functional => "",
        CookieKind::Analytics => w.analytics,
        CookieKind::Marketing => w.marketing,
    }
}

/// A cookie that needs consent: its item, with a gap where the user has not declared that
/// the website asks before it places the cookie (the section's closing lines promise that).
fn consent_item(lang: Lang, cookie: &Cookie, mark: Mark<'_>) -> Item {
    let mut item = item(lang, cookie, &mut *mark);
    if let Some(gap) = consent_gap(cookie) {
        item.text.push(' ');
        item.text.push_str(&mark(gap));
    }
    item
}

/// The safeguard of a transfer to the provider's country `code`, in the words the recipients
/// use; or what is missing for it.
pub fn safeguard_words(lang: Lang, cookie: &Cookie, code: &str) -> Result<String, Missing> {
    let unsafeguarded = || Missing::CookieSafeguard {
        cookie: cookie.name.clone(),
        country: code.to_owned(),
    };
    match cookie.safeguard {
        Some(Safeguard::Adequacy) => decision_words(lang, code, false).ok_or_else(unsafeguarded),
        Some(Safeguard::Dpf) => decision_words(lang, code, true).ok_or_else(unsafeguarded),
        Some(safeguard @ (Safeguard::Scc | Safeguard::Bcr)) => {
            let copy = match lang {
                Lang::Nl => cookie.safeguard_copy.as_deref(),
                Lang::En => cookie.safeguard_copy_en.as_deref(),
            };
            match (copy, lang) {
                (Some(copy), _) => Ok(document_words(lang, safeguard, copy)),
                (None, Lang::En) if cookie.safeguard_copy.is_some() => {
                    Err(Missing::CookieEnglish {
                        cookie: cookie.name.clone(),
                        flag: "--safeguard-copy-en".into(),
                    })
                }
                (None, _) => Err(unsafeguarded()),
            }
        }
        None | Some(Safeguard::Derogation) => Err(unsafeguarded()),
    }
}

fn item(lang: Lang, cookie: &Cookie, mark: Mark<'_>) -> Item {
    let w = words(lang);
    let purpose = purpose_words(lang, cookie).unwrap_or_else(&mut *mark);
    let retention = retention_words(lang, cookie);
    let template = if cookie.kind.needs_consent() {
        w.item_kind
    } else {
        w.item
    };
    let mut text = fill(
        template,
        &[
            ("name", cookie.name.trim()),
            ("provider", cookie.provider.trim()),
            ("kind", kind_word(w, cookie.kind)),
            ("purpose", &purpose),
            ("retention", &retention),
        ],
    );
    if let Some(code) = cookie.country.as_deref() {
        let name = country_name(lang, code);
        text.push(' ');
        if country::is_eea(code) {
            text.push_str(&fill(w.country, &[("country", name)]));
        } else {
            let safeguard = safeguard_words(lang, cookie, code).unwrap_or_else(&mut *mark);
            text.push_str(&fill(
                w.transfer,
                &[("country", name), ("safeguard", &safeguard)],
            ));
        }
    }
    Item {
        fields: vec![cookie.name.clone()],
        text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cookie(name: &str, kind: CookieKind) -> Cookie {
        Cookie {
            name: name.into(),
            provider: "Google".into(),
            kind,
            retention: "13m".into(),
            purpose_text: "Bezoek meten".into(),
            purpose_text_en: Some("Measuring visits".into()),
            country: Some("US".into()),
            consent_asked: true,
            safeguard: Some(Safeguard::Dpf),
            safeguard_copy: None,
            safeguard_copy_en: None,
        }
    }

    fn nothing_missing() -> impl FnMut(Missing) -> String {
        |_| panic!("nothing is missing")
    }

    #[test]
    fn no_cookies_no_section() {
        assert_eq!(section(Lang::Nl, &[], &mut nothing_missing()), None);
    }

    #[test]
    fn analytics_cookies_need_consent_and_the_text_says_so() {
        let s = section(
            Lang::Nl,
            &[cookie("_ga", CookieKind::Analytics)],
            &mut nothing_missing(),
        )
        .unwrap();
        assert_eq!(s.groups.len(), 1);
        assert!(s.groups[0].after[0].contains("alleen als u daar toestemming voor geeft"));
        assert_eq!(
            s.groups[0].items[0].text,
            "_ga van Google, voor statistiek: Bezoek meten. Hoe lang: 13 maanden. Land van de aanbieder: Verenigde Staten, buiten de EER. De aanbieder krijgt daar gegevens van uw bezoek, op grond van het EU-VS Data Privacy Framework van de Europese Commissie (besluit (EU) 2023/1795)."
        );
    }

    #[test]
    fn marketing_cookies_need_consent_too() {
        let s = section(
            Lang::En,
            &[cookie("_fbp", CookieKind::Marketing)],
            &mut nothing_missing(),
        )
        .unwrap();
        assert_eq!(s.groups[0].intro, "We use these cookies for marketing:");
        assert!(s.groups[0].after[0].contains("only place these cookies if you give your consent"));
    }

    #[test]
    fn functional_cookies_alone_need_no_consent() {
        let session = Cookie {
            retention: "session".into(),
            country: None,
            ..cookie("PHPSESSID", CookieKind::Functional)
        };
        let s = section(Lang::Nl, &[session], &mut nothing_missing()).unwrap();
        assert_eq!(s.groups.len(), 1);
        assert!(s.groups[0].after[0].contains("geen toestemming"));
        assert!(!s.groups[0].after.join(" ").contains("alleen als u"));
        assert_eq!(
            s.groups[0].items[0].text,
            "PHPSESSID van Google: Bezoek meten. Hoe lang: tot u de browser sluit."
        );
    }

    /// Regression: the statement promised "We plaatsen deze cookies alleen als u daar
    /// toestemming voor geeft" for every analytics or marketing cookie, a fact about the
    /// website that nobody had declared. And of functional cookies it said "Voor deze cookies
    /// vragen we geen toestemming", also undeclared (a site may ask anyway).
    #[test]
    fn the_consent_promise_needs_each_cookies_declaration() {
        let undeclared = Cookie {
            consent_asked: false,
            ..cookie("_ga", CookieKind::Analytics)
        };
        let declared = cookie("_fbp", CookieKind::Marketing);
        for lang in [Lang::Nl, Lang::En] {
            let mut missing = Vec::new();
            let mut mark = |m: Missing| {
                missing.push(m);
                "[ONTBREEKT]".to_string()
            };
            let s = section(lang, &[undeclared.clone(), declared.clone()], &mut mark).unwrap();
            let texts: Vec<&str> = s.groups[0].items.iter().map(|i| i.text.as_str()).collect();
            assert!(texts[0].ends_with(" [ONTBREEKT]"), "{texts:?}");
            assert!(!texts[1].contains("[ONTBREEKT]"), "{texts:?}");
            assert_eq!(
                missing,
                vec![Missing::CookieConsent {
                    cookie: "_ga".into()
                }]
            );
        }
        let functional = Cookie {
            consent_asked: false,
            ..cookie("PHPSESSID", CookieKind::Functional)
        };
        for lang in [Lang::Nl, Lang::En] {
            let s = section(
                lang,
                std::slice::from_ref(&functional),
                &mut nothing_missing(),
            )
            .unwrap();
            let after = s.groups[0].after.join(" ");
            assert!(
                !after.contains("vragen we") && !after.contains("do not ask"),
                "{after}"
            );
        }
    }

    /// Regression: a cookie from a provider outside the EEA was listed with "Land van de
    /// aanbieder: Verenigde Staten." and nothing on the transfer's safeguard, which the
    /// statement must name (Art. 13(1)(f)) as it does for recipients.
    #[test]
    fn a_provider_outside_the_eea_needs_its_safeguard_in_the_statement() {
        let gaps = |lang: Lang, cookie: Cookie| {
            let mut missing = Vec::new();
            let mut mark = |m: Missing| {
                missing.push(m);
                "[GAP]".to_string()
            };
            let s = section(lang, &[cookie], &mut mark).unwrap();
            (s.groups[0].items[0].text.clone(), missing)
        };
        let bare = Cookie {
            safeguard: None,
            ..cookie("_ga", CookieKind::Analytics)
        };
        let (text, missing) = gaps(Lang::Nl, bare);
        assert!(text.ends_with("buiten de EER. De aanbieder krijgt daar gegevens van uw bezoek, op grond van [GAP]."), "{text}");
        assert_eq!(
            missing,
            vec![Missing::CookieSafeguard {
                cookie: "_ga".into(),
                country: "US".into(),
            }]
        );

        let clauses = Cookie {
            country: Some("IN".into()),
            safeguard: Some(Safeguard::Scc),
            safeguard_copy: Some("Vraag een kopie via privacy@example.nl".into()),
            ..cookie("_x", CookieKind::Marketing)
        };
        let (text, missing) = gaps(Lang::Nl, clauses.clone());
        assert!(text.contains("standaardcontractbepalingen van de Europese Commissie (een kopie: Vraag een kopie via privacy@example.nl)"), "{text}");
        assert!(missing.is_empty(), "{missing:?}");
        let (text, missing) = gaps(Lang::En, clauses);
        assert!(!text.contains("Vraag"), "{text}");
        assert_eq!(
            missing,
            vec![Missing::CookieEnglish {
                cookie: "_x".into(),
                flag: "--safeguard-copy-en".into(),
            }]
        );

        let inside = Cookie {
            country: Some("IE".into()),
            safeguard: None,
            ..cookie("_li", CookieKind::Marketing)
        };
        let (text, missing) = gaps(Lang::En, inside);
        assert!(text.ends_with("Provider's country: Ireland."), "{text}");
        assert!(missing.is_empty(), "{missing:?}");
    }

    #[test]
    fn english_needs_the_purpose_text_in_english() {
        let dutch_only = Cookie {
            purpose_text_en: None,
            ..cookie("_ga", CookieKind::Analytics)
        };
        let mut missing = Vec::new();
        let mut mark = |m: Missing| {
            missing.push(m);
            "[MISSING]".to_string()
        };
        let s = section(Lang::En, &[dutch_only], &mut mark).unwrap();
        assert!(s.groups[0].items[0].text.contains("[MISSING]"));
        assert!(!s.groups[0].items[0].text.contains("Bezoek"));
        assert_eq!(
            missing,
            vec![Missing::CookieEnglish {
                cookie: "_ga".into(),
                flag: "--purpose-text-en".into(),
            }]
        );
    }
}
