//! The statement model: a pure function from the stored schema to every sentence of the
//! statement, grouped the way the templates show it.
//!
//! Nothing here reads a clock, a file or a hash map: the same snapshot, settings, language and
//! date give the same model.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::schema::model::{DataSource, Field, FieldType, LegalBasis, Profile, Purpose, Snapshot};

use super::Lang;
use super::missing::{Incomplete, Missing, ProfileItem};
use super::texts::{self, Texts, fill, join_items, join_words};

/// Statement inputs that are not part of the data model.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Settings {
    /// How scores or profiles are made and what they mean for people (Art. 13(2)(f)).
    pub profiling: Option<String>,
}

/// A label and its value, shown as one line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    pub label: String,
    pub value: String,
}

/// A titled list of lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Listing {
    pub intro: String,
    pub items: Vec<Item>,
    /// Sentences after the list.
    pub after: Vec<String>,
}

/// A line that is about stored fields; `fields` names them, for tests and for tracing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    pub fields: Vec<String>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PurposeSection {
    /// The purpose's stored name.
    pub name: String,
    /// The description: why the data is used.
    pub title: String,
    pub basis: LegalBasis,
    /// The stored fields that serve this purpose, by name.
    pub fields: Vec<String>,
    pub rows: Vec<Row>,
    /// Pointers to the consent and objection paragraphs.
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Right {
    pub title: String,
    pub text: String,
}

/// Section headings, in the statement's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Headings {
    pub controller: &'static str,
    pub purposes: &'static str,
    pub consent: &'static str,
    pub objection: &'static str,
    pub rights: &'static str,
    pub exercise: &'static str,
    pub complaint: &'static str,
    pub not_from_you: &'static str,
    pub special: &'static str,
    pub bsn: &'static str,
    pub required: &'static str,
    pub automated: &'static str,
    pub version: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatementModel {
    pub lang: Lang,
    pub title: String,
    pub controller_name: String,
    pub intro: String,
    pub headings: Headings,
    pub controller: Vec<Row>,
    pub purposes: Vec<PurposeSection>,
    /// The draft marker shown when there are no purposes.
    pub purposes_marker: Option<String>,
    /// Withdrawal of consent, when a purpose rests on consent.
    pub consent: Vec<String>,
    /// The separate objection paragraph, when a purpose rests on legitimate interests or a
    /// public task (Art. 21(4)).
    pub objection: Vec<String>,
    pub rights: Vec<Right>,
    pub exercise: Vec<String>,
    pub complaint: Vec<String>,
    pub not_from_you: Option<Listing>,
    pub special: Option<Listing>,
    pub bsn: Option<Listing>,
    pub required: Listing,
    pub automated: Vec<String>,
    pub version: Vec<String>,
    /// The version date, `YYYY-MM-DD`.
    pub version_date: String,
    /// What a complete statement still needs; empty for a complete one.
    pub missing: Vec<Missing>,
}

/// Builds the complete statement, or says exactly what is missing.
pub fn build(
    snapshot: &Snapshot,
    lang: Lang,
    version_date: time::Date,
) -> Result<StatementModel, Incomplete> {
    build_with(snapshot, &Settings::default(), lang, version_date)
}

/// [`build`] with the statement settings stored beside the schema.
pub fn build_with(
    snapshot: &Snapshot,
    settings: &Settings,
    lang: Lang,
    version_date: time::Date,
) -> Result<StatementModel, Incomplete> {
    let model = build_draft(snapshot, settings, lang, version_date);
    if model.missing.is_empty() {
        Ok(model)
    } else {
        Err(Incomplete {
            missing: model.missing,
        })
    }
}

/// Builds the statement whatever is missing, with a visible marker in each gap.
pub fn build_draft(
    snapshot: &Snapshot,
    settings: &Settings,
    lang: Lang,
    version_date: time::Date,
) -> StatementModel {
    Builder::new(snapshot, lang).build(settings, version_date)
}

/// Words in a field's name or label that mark a score or a profile (Art. 22).
const PROFILING_WORDS: &[&str] = &[
    "score", "profiel", "profile", "rating", "segment", "risico", "risk",
];

/// Recipients that name nobody.
const VAGUE_RECIPIENTS: &[&str] = &[
    "partners",
    "partner",
    "zakenpartners",
    "business partners",
    "derden",
    "derde",
    "derde partijen",
    "derde partij",
    "third parties",
    "third party",
    "partijen",
    "parties",
    "anderen",
    "others",
    "diverse partijen",
    "various parties",
    "bedrijven",
    "companies",
];

/// "As long as necessary" without criteria.
const VAGUE_RETENTION: &[&str] = &[
    "as long as necessary",
    "as long as needed",
    "as long as required",
    "no longer than necessary",
    "zo lang als nodig",
    "zolang als nodig",
    "zo lang nodig",
    "zolang nodig",
    "zo lang als noodzakelijk",
    "zolang noodzakelijk",
    "niet langer dan nodig",
    "niet langer dan noodzakelijk",
];

/// Whether a field looks like a score or profile, by its name or either label.
pub fn looks_like_profiling(field: &Field) -> bool {
    [
        Some(&field.name),
        field.label.as_ref(),
        field.label_en.as_ref(),
    ]
    .into_iter()
    .flatten()
    .any(|text| {
        let text = text.to_lowercase();
        PROFILING_WORDS.iter().any(|word| text.contains(word))
    })
}

/// Whether a field holds a BSN, by type or by name.
pub fn is_bsn(field: &Field) -> bool {
    field.field_type == FieldType::Bsn || field.name.eq_ignore_ascii_case("bsn")
}

fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn is_vague_recipient(recipient: &str) -> bool {
    let mut words = words(recipient);
    if matches!(
        words.first().map(String::as_str),
        Some("onze" | "our" | "de" | "the" | "andere" | "other" | "alle" | "all")
    ) {
        words.remove(0);
    }
    let text = words.join(" ");
    text.is_empty() || VAGUE_RECIPIENTS.contains(&text.as_str())
}

/// A note is vague when, besides "as long as necessary", it says almost nothing.
fn is_vague_retention_note(note: &str) -> bool {
    let text = words(note).join(" ");
    VAGUE_RETENTION.iter().any(|phrase| {
        text.contains(phrase) && text.split(' ').count() < phrase.split(' ').count() + 3
    })
}

/// Splits "COUNTRY: SAFEGUARD"; `None` when either part is empty.
pub fn split_transfer(transfer: &str) -> Option<(&str, &str)> {
    let (country, safeguard) = transfer.split_once(':')?;
    let (country, safeguard) = (country.trim(), safeguard.trim());
    (!country.is_empty() && !safeguard.is_empty()).then_some((country, safeguard))
}

fn non_empty(text: &Option<String>) -> Option<&str> {
    text.as_deref().map(str::trim).filter(|t| !t.is_empty())
}

/// The purpose's description in the language. Without an English one, the English statement
/// shows the Dutch text rather than nothing; `kluis statement --lang en` warns about it.
pub fn purpose_description(lang: Lang, purpose: &Purpose) -> &str {
    let english = match lang {
        Lang::Nl => None,
        Lang::En => non_empty(&purpose.description_en),
    };
    english.unwrap_or(purpose.description.trim())
}

/// The legitimate interest in the language, falling back to the Dutch text like
/// [`purpose_description`].
pub fn purpose_interest(lang: Lang, purpose: &Purpose) -> Option<&str> {
    let english = match lang {
        Lang::Nl => None,
        Lang::En => non_empty(&purpose.interest_en),
    };
    english.or_else(|| non_empty(&purpose.interest))
}

/// The purposes whose English statement shows Dutch text: no English description, or an
/// interest without its English version. By name.
pub fn untranslated_purposes(snapshot: &Snapshot) -> Vec<String> {
    let mut names: Vec<String> = snapshot
        .purposes
        .iter()
        .filter(|p| {
            non_empty(&p.description_en).is_none()
                || (non_empty(&p.interest).is_some() && non_empty(&p.interest_en).is_none())
        })
        .map(|p| p.name.clone())
        .collect();
    names.sort();
    names
}

/// The field's label in the language, falling back to its name.
pub fn field_label(lang: Lang, field: &Field) -> String {
    let label = match lang {
        Lang::Nl => non_empty(&field.label),
        Lang::En => non_empty(&field.label_en),
    };
    label.unwrap_or(&field.name).to_string()
}

struct Builder<'a> {
    lang: Lang,
    t: &'static Texts,
    profile: Option<&'a Profile>,
    purposes: Vec<&'a Purpose>,
    fields: Vec<&'a Field>,
    missing: BTreeSet<Missing>,
}

impl<'a> Builder<'a> {
    fn new(snapshot: &'a Snapshot, lang: Lang) -> Self {
        // The order the user gave (`position`), never by internal name.
        let purposes: Vec<&Purpose> = snapshot.purposes.iter().collect();
        let mut fields: Vec<&Field> = snapshot.fields.iter().collect();
        fields.sort_by(|a, b| a.name.cmp(&b.name));
        Builder {
            lang,
            t: texts::texts(lang),
            profile: snapshot.profile.as_ref(),
            purposes,
            fields,
            missing: BTreeSet::new(),
        }
    }

    fn mark(&mut self, missing: Missing) -> String {
        let marker = missing.marker(self.lang);
        self.missing.insert(missing);
        marker
    }

    fn purpose(&self, name: &str) -> Option<&'a Purpose> {
        self.purposes.iter().copied().find(|p| p.name == name)
    }

    fn purpose_title(&mut self, purpose: &Purpose) -> String {
        match purpose_description(self.lang, purpose) {
            "" => self.mark(Missing::Description {
                purpose: purpose.name.clone(),
            }),
            text => text.to_string(),
        }
    }

    fn titles_where(&mut self, keep: impl Fn(LegalBasis) -> bool) -> Vec<String> {
        let chosen: Vec<&Purpose> = self
            .purposes
            .iter()
            .copied()
            .filter(|p| keep(p.basis))
            .collect();
        chosen.into_iter().map(|p| self.purpose_title(p)).collect()
    }

    fn build(mut self, settings: &Settings, version_date: time::Date) -> StatementModel {
        let t = self.t;
        let lang = self.lang;
        for field in self.fields.clone() {
            let known = !field.purposes.is_empty()
                && field.purposes.iter().all(|p| self.purpose(p).is_some());
            if !known {
                self.mark(Missing::FieldPurpose {
                    field: field.name.clone(),
                });
            }
        }
        let (controller_name, controller, contact) = self.controller();
        let purposes_marker = self
            .purposes
            .is_empty()
            .then(|| self.mark(Missing::Purposes));
        let purposes = self
            .purposes
            .clone()
            .into_iter()
            .map(|p| self.purpose_section(p))
            .collect();
        let consent_titles = self.titles_where(|b| b == LegalBasis::Consent);
        let consent = if consent_titles.is_empty() {
            Vec::new()
        } else {
            let purposes = join_items(lang, &consent_titles);
            t.consent_section
                .iter()
                .map(|s| fill(s, &[("purposes", &purposes), ("email", &contact.email)]))
                .collect()
        };
        let objection_titles = self.titles_where(|b| {
            matches!(b, LegalBasis::LegitimateInterests | LegalBasis::PublicTask)
        });
        let basis = self.objection_basis();
        let objection = if objection_titles.is_empty() {
            Vec::new()
        } else {
            let purposes = join_items(lang, &objection_titles);
            t.objection_section
                .iter()
                .map(|s| {
                    fill(
                        s,
                        &[
                            ("purposes", &purposes),
                            ("email", &contact.email),
                            ("basis", basis),
                        ],
                    )
                })
                .collect()
        };
        let rights = self.rights(!consent.is_empty(), !objection.is_empty());
        let exercise = self.exercise(&controller_name, &contact);
        let not_from_you = self.not_from_you();
        let special = self.special();
        let bsn = self.bsn();
        let required = self.required();
        let automated = self.automated(settings);
        let version = vec![
            fill(
                t.version,
                &[("date", &texts::date_words(lang, version_date))],
            ),
            t.version_change.to_string(),
        ];
        StatementModel {
            lang,
            title: t.title.to_string(),
            intro: fill(t.intro, &[("name", &controller_name)]),
            controller_name,
            headings: Headings {
                controller: t.h_controller,
                purposes: t.h_purposes,
                consent: t.h_consent,
                objection: t.h_objection,
                rights: t.h_rights,
                exercise: t.h_exercise,
                complaint: t.h_complaint,
                not_from_you: t.h_not_from_you,
                special: t.h_special,
                bsn: t.h_bsn,
                required: t.h_required,
                automated: t.h_automated,
                version: t.h_version,
            },
            controller,
            purposes,
            purposes_marker,
            consent,
            objection,
            rights,
            exercise,
            complaint: t.complaint.iter().map(|s| s.to_string()).collect(),
            not_from_you,
            special,
            bsn,
            required,
            automated,
            version,
            version_date: format!(
                "{:04}-{:02}-{:02}",
                version_date.year(),
                u8::from(version_date.month()),
                version_date.day()
            ),
            missing: self.missing.into_iter().collect(),
        }
    }

    /// The controller's name, the rows that describe it, and its contact for sentences.
    fn controller(&mut self) -> (String, Vec<Row>, Contact) {
        let t = self.t;
        let Some(profile) = self.profile else {
            let marker = self.mark(Missing::Profile);
            let contact = Contact {
                email: marker.clone(),
                address: marker.clone(),
                phone: None,
                dpo: None,
            };
            return (marker, Vec::new(), contact);
        };
        let mut required = |item: ProfileItem, value: &str| match value.trim() {
            "" => self.mark(Missing::ProfileItem { item }),
            text => text.to_string(),
        };
        let name = required(ProfileItem::Name, &profile.name);
        let email = required(ProfileItem::Email, &profile.email);
        let address = required(ProfileItem::Address, &profile.address);
        let row = |label: &str, value: &str| Row {
            label: label.to_string(),
            value: value.to_string(),
        };
        let mut rows = vec![row(t.l_address, &address), row(t.l_email, &email)];
        let phone = non_empty(&profile.phone).map(str::to_string);
        if let Some(phone) = &phone {
            rows.push(row(t.l_phone, phone));
        }
        if let Some(website) = non_empty(&profile.website) {
            rows.push(row(t.l_website, website));
        }
        if let Some(kvk) = non_empty(&profile.kvk) {
            rows.push(row(t.l_kvk, kvk));
        }
        let dpo = match (non_empty(&profile.dpo_name), non_empty(&profile.dpo_email)) {
            (Some(name), Some(email)) => Some(format!("{name}, {email}")),
            (Some(only), None) | (None, Some(only)) => Some(only.to_string()),
            (None, None) => None,
        };
        if let Some(dpo) = &dpo {
            rows.push(row(t.l_dpo, dpo));
        }
        let contact = Contact {
            email,
            address,
            phone,
            dpo,
        };
        (name, rows, contact)
    }

    fn purpose_section(&mut self, purpose: &'a Purpose) -> PurposeSection {
        let t = self.t;
        let lang = self.lang;
        let title = self.purpose_title(purpose);
        let served: Vec<&Field> = self
            .fields
            .iter()
            .copied()
            .filter(|f| f.purposes.contains(&purpose.name))
            .collect();
        let labels: Vec<String> = served.iter().map(|f| field_label(lang, f)).collect();
        let row = |label: &str, value: String| Row {
            label: label.to_string(),
            value,
        };
        let mut rows = vec![row(
            t.l_data,
            if labels.is_empty() {
                t.no_data_yet.to_string()
            } else {
                labels.join(", ")
            },
        )];
        rows.push(row(
            t.l_basis,
            texts::basis_words(lang, purpose.basis).to_string(),
        ));
        if purpose.basis == LegalBasis::LegitimateInterests {
            let interest = match purpose_interest(lang, purpose) {
                Some(interest) => interest.to_string(),
                None => self.mark(Missing::Interest {
                    purpose: purpose.name.clone(),
                }),
            };
            rows.push(row(t.l_interest, interest));
        } else if let Some(interest) = purpose_interest(lang, purpose) {
            rows.push(row(t.l_interest, interest.to_string()));
        }
        match non_empty(&purpose.law) {
            Some(law) => rows.push(row(t.l_law, law.to_string())),
            None if purpose.basis == LegalBasis::LegalObligation => {
                let marker = self.mark(Missing::Law {
                    purpose: purpose.name.clone(),
                });
                rows.push(row(t.l_law, marker));
            }
            None => {}
        }
        let retention = self.retention(purpose);
        rows.push(row(t.l_retention, retention));
        let mut recipients = Vec::new();
        for recipient in &purpose.legacy_recipients {
            if is_vague_recipient(recipient) {
                recipients.push(self.mark(Missing::VagueRecipient {
                    purpose: purpose.name.clone(),
                    recipient: recipient.clone(),
                }));
            } else {
                recipients.push(recipient.trim().to_string());
            }
        }
        rows.push(row(
            t.l_recipients,
            if recipients.is_empty() {
                t.no_recipients.to_string()
            } else {
                join_words(lang, &recipients)
            },
        ));
        let mut transfers = Vec::new();
        for transfer in &purpose.legacy_transfers {
            match split_transfer(transfer) {
                Some((country, safeguard)) => {
                    transfers.push(format!("{country} ({}: {safeguard})", t.l_safeguard))
                }
                None => transfers.push(self.mark(Missing::TransferSafeguard {
                    purpose: purpose.name.clone(),
                    transfer: transfer.clone(),
                })),
            }
        }
        rows.push(row(
            t.l_transfers,
            if transfers.is_empty() {
                t.no_transfers.to_string()
            } else {
                transfers.join("; ")
            },
        ));
        let mut notes = Vec::new();
        match purpose.basis {
            LegalBasis::Consent => notes.push(t.consent_inline.to_string()),
            LegalBasis::LegitimateInterests | LegalBasis::PublicTask => {
                notes.push(t.objection_inline.to_string())
            }
            _ => {}
        }
        PurposeSection {
            name: purpose.name.clone(),
            title,
            basis: purpose.basis,
            fields: served.iter().map(|f| f.name.clone()).collect(),
            rows,
            notes,
        }
    }

    fn retention(&mut self, purpose: &Purpose) -> String {
        let period = purpose
            .retention
            .period
            .map(|p| texts::period_words(self.lang, p));
        let note = non_empty(&purpose.retention.note);
        match (period, note) {
            (Some(period), Some(note)) => format!("{period}. {note}"),
            (Some(period), None) => period,
            (None, Some(note)) if is_vague_retention_note(note) => {
                self.mark(Missing::RetentionCriteria {
                    purpose: purpose.name.clone(),
                })
            }
            (None, Some(note)) => note.to_string(),
            (None, None) => self.mark(Missing::Retention {
                purpose: purpose.name.clone(),
            }),
        }
    }

    /// The objection bases in words, naming a public task only when a purpose uses one.
    fn objection_basis(&self) -> &'static str {
        let uses = |basis| self.purposes.iter().any(|p| p.basis == basis);
        texts::objection_basis(
            self.lang,
            uses(LegalBasis::LegitimateInterests),
            uses(LegalBasis::PublicTask),
        )
    }

    fn rights(&self, consent: bool, objection: bool) -> Vec<Right> {
        let t = self.t;
        let portability = self
            .purposes
            .iter()
            .any(|p| matches!(p.basis, LegalBasis::Consent | LegalBasis::Contract));
        let mut rights = Vec::new();
        for (index, (title, text)) in t.rights.iter().enumerate() {
            let text = fill(text, &[("basis", self.objection_basis())]);
            let text = match index {
                4 if !portability => continue,
                4 => format!("{text} {}", t.portability_scope),
                5 if !objection => format!("{text} {}", t.objection_not_used),
                5 => format!("{text} {}", t.see_objection),
                _ => text.to_string(),
            };
            rights.push(Right {
                title: title.to_string(),
                text,
            });
        }
        if consent {
            rights.push(Right {
                title: t.right_withdraw.0.to_string(),
                text: format!("{} {}", t.right_withdraw.1, t.see_consent),
            });
        }
        rights
    }

    fn exercise(&self, name: &str, contact: &Contact) -> Vec<String> {
        let t = self.t;
        let mut lines = vec![fill(
            t.exercise,
            &[
                ("email", &contact.email),
                ("name", name),
                ("address", &contact.address),
            ],
        )];
        if let Some(phone) = &contact.phone {
            lines.push(fill(t.exercise_phone, &[("phone", phone)]));
        }
        if let Some(dpo) = &contact.dpo {
            lines.push(fill(t.exercise_dpo, &[("dpo", dpo)]));
        }
        lines.push(t.exercise_answer.to_string());
        lines
    }

    fn purpose_titles_of(&mut self, field: &Field) -> String {
        let titles: Vec<String> = field
            .purposes
            .iter()
            .filter_map(|name| self.purpose(name))
            .collect::<Vec<_>>()
            .into_iter()
            .map(|p| self.purpose_title(p))
            .collect();
        join_words(self.lang, &titles)
    }

    fn not_from_you(&mut self) -> Option<Listing> {
        let t = self.t;
        let mut items = Vec::new();
        for field in self.fields.clone() {
            let source = match field.source {
                DataSource::Subject => continue,
                DataSource::Own => match non_empty(&field.source_note) {
                    Some(note) => format!(
                        "{} ({})",
                        t.source_own,
                        fill(t.source_note, &[("source", note)])
                    ),
                    None => t.source_own.to_string(),
                },
                DataSource::ThirdParty => {
                    let from = match non_empty(&field.source_note) {
                        Some(note) => note.to_string(),
                        None => self.mark(Missing::SourceNote {
                            field: field.name.clone(),
                        }),
                    };
                    fill(t.source_third_party, &[("source", &from)])
                }
            };
            let purposes = self.purpose_titles_of(field);
            items.push(Item {
                fields: vec![field.name.clone()],
                text: format!(
                    "{}: {source}; {}.",
                    field_label(self.lang, field),
                    fill(t.used_for, &[("purposes", &purposes)])
                ),
            });
        }
        (!items.is_empty()).then(|| Listing {
            intro: t.not_from_you_intro.to_string(),
            items,
            after: Vec::new(),
        })
    }

    fn special(&mut self) -> Option<Listing> {
        let t = self.t;
        let lang = self.lang;
        let mut items = Vec::new();
        for field in self.fields.clone() {
            let Some(category) = field.special else {
                continue;
            };
            let (letter, exception) = match non_empty(&field.art9) {
                None => {
                    let marker = self.mark(Missing::Art9 {
                        field: field.name.clone(),
                    });
                    ("?".to_string(), marker)
                }
                Some(art9) => match texts::art9_words(lang, art9) {
                    Some((letter, words)) => (letter.to_string(), words.to_string()),
                    None => {
                        let marker = self.mark(Missing::Art9Unknown {
                            field: field.name.clone(),
                            art9: art9.to_string(),
                        });
                        ("?".to_string(), marker)
                    }
                },
            };
            items.push(Item {
                fields: vec![field.name.clone()],
                text: fill(
                    t.special_item,
                    &[
                        ("label", &field_label(lang, field)),
                        ("category", texts::special_words(lang, category)),
                        ("exception", &exception),
                        ("letter", &letter),
                    ],
                ),
            });
        }
        (!items.is_empty()).then(|| Listing {
            intro: t.special_intro.to_string(),
            items,
            after: Vec::new(),
        })
    }

    fn bsn(&mut self) -> Option<Listing> {
        let t = self.t;
        let mut items = Vec::new();
        for field in self.fields.clone() {
            if !is_bsn(field) {
                continue;
            }
            let mut laws: Vec<String> = Vec::new();
            for name in &field.purposes {
                let Some(purpose) = self.purpose(name) else {
                    continue;
                };
                if purpose.basis == LegalBasis::Consent {
                    laws.push(self.mark(Missing::BsnConsent {
                        field: field.name.clone(),
                        purpose: purpose.name.clone(),
                    }));
                } else {
                    match non_empty(&purpose.law) {
                        Some(law) => laws.push(law.to_string()),
                        None => laws.push(self.mark(Missing::BsnLaw {
                            field: field.name.clone(),
                            purpose: purpose.name.clone(),
                        })),
                    }
                }
            }
            if laws.is_empty() {
                laws.push(self.mark(Missing::FieldPurpose {
                    field: field.name.clone(),
                }));
            }
            // One law named by several purposes is said once.
            let mut seen = BTreeSet::new();
            laws.retain(|law| seen.insert(law.clone()));
            items.push(Item {
                fields: vec![field.name.clone()],
                text: fill(
                    t.bsn_item,
                    &[
                        ("label", &field_label(self.lang, field)),
                        ("law", &join_words(self.lang, &laws)),
                    ],
                ),
            });
        }
        (!items.is_empty()).then(|| Listing {
            intro: String::new(),
            items,
            after: Vec::new(),
        })
    }

    /// Required fields the person gives, grouped per purpose with the consequence of not
    /// giving them (Art. 13(2)(e)).
    fn required(&mut self) -> Listing {
        let t = self.t;
        let lang = self.lang;
        let from_person: Vec<&Field> = self
            .fields
            .iter()
            .copied()
            .filter(|f| f.source == DataSource::Subject)
            .collect();
        // A field is required because of a contract, a law, a vital interest or a public task
        // when it serves one; only otherwise because of consent or a legitimate interest.
        let binding = |name: &String| {
            self.purpose(name).is_some_and(|p| {
                !matches!(
                    p.basis,
                    LegalBasis::Consent | LegalBasis::LegitimateInterests
                )
            })
        };
        let mut per_purpose: BTreeMap<&str, Vec<&Field>> = BTreeMap::new();
        for field in from_person.iter().filter(|f| f.required) {
            let any_binding = field.purposes.iter().any(binding);
            for purpose in &field.purposes {
                if !any_binding || binding(purpose) {
                    per_purpose.entry(purpose).or_default().push(field);
                }
            }
        }
        let mut items = Vec::new();
        for purpose in self.purposes.clone() {
            let Some(fields) = per_purpose.get(purpose.name.as_str()) else {
                continue;
            };
            let labels: Vec<String> = fields.iter().map(|f| field_label(lang, f)).collect();
            let title = self.purpose_title(purpose);
            items.push(Item {
                fields: fields.iter().map(|f| f.name.clone()).collect(),
                text: format!(
                    "{title}: {}. {}",
                    join_items(lang, &labels),
                    texts::required_consequence(lang, purpose.basis)
                ),
            });
        }
        let mut after = Vec::new();
        if items.is_empty() {
            if !from_person.is_empty() {
                after.push(t.nothing_required.to_string());
            }
        } else if from_person.iter().any(|f| !f.required) {
            after.push(t.optional_rest.to_string());
        }
        Listing {
            intro: if items.is_empty() {
                String::new()
            } else {
                t.required_intro.to_string()
            },
            items,
            after,
        }
    }

    /// Says there are no automated decisions, unless a field looks like a score or profile:
    /// then the user's description of the logic is shown, or the gap is marked.
    fn automated(&mut self, settings: &Settings) -> Vec<String> {
        let t = self.t;
        let profiling: Vec<&Field> = self
            .fields
            .iter()
            .copied()
            .filter(|f| looks_like_profiling(f))
            .collect();
        if profiling.is_empty() {
            return vec![t.automated_none.to_string()];
        }
        let labels: Vec<String> = profiling
            .iter()
            .map(|f| field_label(self.lang, f))
            .collect();
        let logic = match non_empty(&settings.profiling) {
            Some(logic) => logic.to_string(),
            None => self.mark(Missing::AutomatedDecisions {
                fields: profiling.iter().map(|f| f.name.clone()).collect(),
            }),
        };
        vec![
            fill(
                t.automated_fields,
                &[("fields", &join_words(self.lang, &labels))],
            ),
            fill(t.automated_logic, &[("logic", &logic)]),
        ]
    }
}

struct Contact {
    email: String,
    address: String,
    phone: Option<String>,
    dpo: Option<String>,
}
