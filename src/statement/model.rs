//! The statement model: a pure function from the stored schema to every sentence of the
//! statement, grouped the way the templates show it.
//!
//! Nothing here reads a clock, a file or a hash map: the same snapshot, language and date give
//! the same model.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::schema::is_bsn_field;
use crate::schema::model::{DataSource, Field, LegalBasis, Profile, Purpose, Recipient, Snapshot};

use super::Lang;
use super::cookies::{self, CookieSection};
use super::english::{self, FreeText, declared};
use super::missing::{Incomplete, Missing, ProfileItem};
use super::outside;
use super::people::{self, Prose};
use super::profiling::{self, Titled};
use super::security::{self, SecurityFacts};
use super::texts::{self, Texts, fill, join_items};

/// Statement inputs that are not part of the data model.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Settings {
    /// What the security paragraph says about the vault's keys; the CLI reads it from the
    /// vault, pure callers get the default (no extra keys).
    #[serde(default)]
    pub security: SecurityFacts,
    /// The purposes marked as direct marketing (`purpose edit P --direct-marketing`), whose
    /// absolute right to object the statement must name on its own (Art. 21(4)). Defaulted,
    /// so settings published before it existed still read.
    #[serde(default)]
    pub direct_marketing: Vec<String>,
}

impl Settings {
    /// The settings of a vault's statement: `security` (from the vault's keys) and the
    /// purposes the vault marks as direct marketing.
    pub fn of(
        security: SecurityFacts,
        conn: &rusqlite::Connection,
    ) -> Result<Settings, super::Error> {
        let direct_marketing = crate::schema::direct_marketing_purposes(conn)
            .map_err(|source| super::Error::Schema { source })?;
        Ok(Settings {
            security,
            direct_marketing,
        })
    }
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
    /// The same section without its first line, which names every consent purpose of the
    /// business: how withdrawing works, which an access letter repeats for one person.
    #[serde(skip)]
    pub consent_withdrawing: Vec<String>,
    /// After it, under the same heading: what withdrawing the explicit consent of a field
    /// stops, when a purpose on another basis has such a field. Apart from `consent`, so that
    /// an access letter, which repeats how withdrawing works, can leave out what names other
    /// people's purposes.
    pub consent_explicit: Vec<String>,
    /// The separate objection paragraph, when a purpose rests on legitimate interests or a
    /// public task (Art. 21(4)).
    pub objection: Vec<String>,
    /// The absolute right to object to direct marketing, under the same heading, when a
    /// purpose is marked as direct marketing (Art. 21(2)–(4)).
    pub marketing: Vec<String>,
    pub rights: Vec<Right>,
    pub exercise: Vec<String>,
    pub complaint: Vec<String>,
    pub not_from_you: Option<Listing>,
    pub special: Option<Listing>,
    pub bsn: Option<Listing>,
    pub required: Listing,
    pub automated: Vec<String>,
    /// Declared cookies; `None` when none is declared.
    pub cookies: Option<CookieSection>,
    /// The section for parents, when children under 16 are among the people.
    pub children: Option<Prose>,
    /// What protects the vault; `None` when no purpose keeps data in it.
    pub security: Option<Prose>,
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

/// [`build`] with the facts about the vault that are not part of the schema.
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

/// Splits "COUNTRY: SAFEGUARD"; `None` when either part is empty.
pub fn split_transfer(transfer: &str) -> Option<(&str, &str)> {
    let (country, safeguard) = transfer.split_once(':')?;
    let (country, safeguard) = (country.trim(), safeguard.trim());
    (!country.is_empty() && !safeguard.is_empty()).then_some((country, safeguard))
}

fn non_empty(text: &Option<String>) -> Option<&str> {
    declared(text.as_deref())
}

/// The purpose's description in the language; the English one or the gap that asks for it.
pub fn purpose_description(lang: Lang, purpose: &Purpose) -> Result<String, Missing> {
    english::pick(
        lang,
        Some(&purpose.description),
        purpose.description_en.as_deref(),
        || english::gap(FreeText::Description, &purpose.name),
    )
    .unwrap_or_else(|| {
        Err(Missing::Description {
            purpose: purpose.name.clone(),
        })
    })
}

/// The legitimate interest in the language: `None` when none is declared.
pub fn purpose_interest(lang: Lang, purpose: &Purpose) -> Option<Result<String, Missing>> {
    english::pick(
        lang,
        purpose.interest.as_deref(),
        purpose.interest_en.as_deref(),
        || english::gap(FreeText::Interest, &purpose.name),
    )
}

/// The law in the language: `None` when none is declared.
pub fn purpose_law(lang: Lang, purpose: &Purpose) -> Option<Result<String, Missing>> {
    english::pick(
        lang,
        purpose.law.as_deref(),
        purpose.law_en.as_deref(),
        || english::gap(FreeText::Law, &purpose.name),
    )
}

/// The fields under explicit consent (Art. 9(2)(a)) that serve `purpose`: for a purpose on
/// another basis, what a withdrawal of consent stops.
pub fn explicit_consent_fields<'a>(
    fields: impl IntoIterator<Item = &'a Field>,
    purpose: &'a str,
) -> impl Iterator<Item = &'a Field> {
    fields
        .into_iter()
        .filter(move |f| f.needs_explicit_consent() && f.purposes.iter().any(|p| p == purpose))
}

/// How the statement and the withdrawal letter name what a field's explicit consent covers:
/// "Allergieën voor Bestellingen leveren".
pub fn explicit_consent_item(lang: Lang, labels: &[String], purpose_title: &str) -> String {
    let fields = join_items(lang, labels);
    fill(
        texts::texts(lang).explicit_consent_item,
        &[("fields", &fields), ("purpose", purpose_title)],
    )
}

/// The field's label in the language. The Dutch statement shows the field's name when it has
/// no Dutch label: the user chose that name in their own language. The English statement never
/// shows a name or a Dutch label: without `--label-en` it is a gap.
pub fn field_label(lang: Lang, field: &Field) -> Result<String, Missing> {
    match lang {
        Lang::Nl => Ok(non_empty(&field.label).unwrap_or(&field.name).to_string()),
        Lang::En => non_empty(&field.label_en)
            .map(str::to_string)
            .ok_or_else(|| english::gap(FreeText::Label, &field.name)),
    }
}

struct Builder<'a> {
    snapshot: &'a Snapshot,
    lang: Lang,
    t: &'static Texts,
    profile: Option<&'a Profile>,
    purposes: Vec<&'a Purpose>,
    fields: Vec<&'a Field>,
    recipients: &'a [Recipient],
    missing: BTreeSet<Missing>,
}

impl<'a> Builder<'a> {
    fn new(snapshot: &'a Snapshot, lang: Lang) -> Self {
        // The order the user gave (`position`), never by internal name.
        let purposes: Vec<&Purpose> = snapshot.purposes.iter().collect();
        let mut fields: Vec<&Field> = snapshot.fields.iter().collect();
        fields.sort_by(|a, b| a.name.cmp(&b.name));
        Builder {
            snapshot,
            lang,
            t: texts::texts(lang),
            profile: snapshot.profile.as_ref(),
            purposes,
            fields,
            recipients: &snapshot.recipients,
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

    /// The text, or the marker of its gap.
    fn shown(&mut self, text: Result<String, Missing>) -> String {
        text.unwrap_or_else(|missing| self.mark(missing))
    }

    fn purpose_title(&mut self, purpose: &Purpose) -> String {
        let title = purpose_description(self.lang, purpose);
        self.shown(title)
    }

    fn label(&mut self, field: &Field) -> String {
        let label = field_label(self.lang, field);
        self.shown(label)
    }

    fn labels(&mut self, fields: &[&Field]) -> Vec<String> {
        fields.iter().map(|f| self.label(f)).collect()
    }

    fn titles_where(&mut self, keep: impl Fn(LegalBasis) -> bool) -> Vec<String> {
        self.titles_of(|p| keep(p.basis))
    }

    fn titles_of(&mut self, keep: impl Fn(&Purpose) -> bool) -> Vec<String> {
        let chosen: Vec<&Purpose> = self.purposes.iter().copied().filter(|p| keep(p)).collect();
        chosen.into_iter().map(|p| self.purpose_title(p)).collect()
    }

    /// What the person can withdraw consent from: each purpose based on consent, and for a
    /// purpose on another basis its fields under explicit consent (Art. 9(2)(a)), named with
    /// the purpose ("Allergieën voor Bestellingen leveren"): withdrawing stops those values,
    /// not the purpose. Returns every title, and apart the explicit-consent items among them.
    fn withdrawable_titles(&mut self) -> (Vec<String>, Vec<String>) {
        let chosen: Vec<&'a Purpose> = self
            .purposes
            .iter()
            .copied()
            .filter(|p| self.asks_consent(p))
            .collect();
        let mut titles = Vec::new();
        let mut explicit_items = Vec::new();
        for purpose in chosen {
            let title = self.purpose_title(purpose);
            if purpose.basis == LegalBasis::Consent {
                titles.push(title);
                continue;
            }
            let explicit: Vec<&Field> =
                explicit_consent_fields(self.fields.iter().copied(), &purpose.name).collect();
            let labels = self.labels(&explicit);
            let item = explicit_consent_item(self.lang, &labels, &title);
            titles.push(item.clone());
            explicit_items.push(item);
        }
        (titles, explicit_items)
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
            .map(|p| {
                let marketing = settings.direct_marketing.contains(&p.name);
                self.purpose_section(p, marketing)
            })
            .collect();
        let (consent_titles, explicit_items) = self.withdrawable_titles();
        let consent_explicit: Vec<String> = if explicit_items.is_empty() {
            Vec::new()
        } else {
            let items = join_items(lang, &explicit_items);
            vec![fill(t.explicit_consent_after, &[("items", &items)])]
        };
        let consent_withdrawing = if consent_titles.is_empty() {
            Vec::new()
        } else {
            let mut lines = vec![fill(t.consent_how, &[("email", &contact.email)])];
            if self.children_give_consent() {
                lines.push(people::consent_parents_line(lang).to_string());
            }
            lines.push(t.consent_lawful_before.to_string());
            lines
        };
        let consent = if consent_titles.is_empty() {
            Vec::new()
        } else {
            let purposes = join_items(lang, &consent_titles);
            let naming = fill(t.consent_purposes, &[("purposes", &purposes)]);
            std::iter::once(naming)
                .chain(consent_withdrawing.iter().cloned())
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
        let marketing_titles = self.titles_of(|p| settings.direct_marketing.contains(&p.name));
        let marketing: Vec<String> = if marketing_titles.is_empty() {
            Vec::new()
        } else {
            let purposes = join_items(lang, &marketing_titles);
            t.marketing_objection
                .iter()
                .map(|s| fill(s, &[("purposes", &purposes), ("email", &contact.email)]))
                .collect()
        };
        let objectable = !objection.is_empty() || !marketing.is_empty();
        let rights = self.rights(!consent.is_empty(), objectable);
        let exercise = self.exercise(&controller_name, &contact);
        let not_from_you = self.not_from_you();
        let special = self.special();
        let bsn = self.bsn();
        let required = self.required();
        let automated = self.automated(&contact.email);
        let (intro_people, cookies, children, security) = self.people_and_security(settings);
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
            intro: format!(
                "{} {intro_people}",
                fill(t.intro, &[("name", &controller_name)])
            ),
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
            consent_withdrawing,
            consent_explicit,
            objection,
            marketing,
            rights,
            exercise,
            complaint: t.complaint.iter().map(|s| s.to_string()).collect(),
            not_from_you,
            special,
            bsn,
            required,
            automated,
            cookies,
            children,
            security,
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

    /// A purpose's section; `marketing` when it is marked as direct marketing, which the
    /// person may always object to.
    fn purpose_section(&mut self, purpose: &'a Purpose, marketing: bool) -> PurposeSection {
        let t = self.t;
        let lang = self.lang;
        let title = self.purpose_title(purpose);
        let served: Vec<&Field> = self
            .fields
            .iter()
            .copied()
            .filter(|f| f.purposes.contains(&purpose.name))
            .collect();
        let labels = self.labels(&served);
        let row = |label: &str, value: String| Row {
            label: label.to_string(),
            value,
        };
        let all = self.purposes.clone();
        let mut mark = |m: Missing| self.mark(m);
        let mut rows: Vec<Row> = people::subjects_row(lang, purpose, &all, &mut mark)
            .into_iter()
            .chain(outside::data_rows(
                lang,
                t.l_data,
                t.no_data_yet,
                &labels,
                purpose,
                &mut mark,
            ))
            .map(|(label, value)| row(label, value))
            .collect();
        rows.push(row(
            t.l_basis,
            texts::basis_words(lang, purpose.basis).to_string(),
        ));
        match purpose_interest(lang, purpose) {
            Some(interest) => {
                let interest = self.shown(interest);
                rows.push(row(t.l_interest, interest));
            }
            None if purpose.basis == LegalBasis::LegitimateInterests => {
                let marker = self.mark(Missing::Interest {
                    purpose: purpose.name.clone(),
                });
                rows.push(row(t.l_interest, marker));
            }
            None => {}
        }
        match purpose_law(lang, purpose) {
            Some(law) => {
                let law = self.shown(law);
                rows.push(row(t.l_law, law));
            }
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
        let all = self.recipients;
        let declared =
            super::recipients::rows(lang, purpose, all, &mut |missing| self.mark(missing));
        rows.push(row(t.l_recipients, declared.recipients));
        rows.push(row(t.l_transfers, declared.transfers));
        let mut notes = Vec::new();
        if purpose.basis == LegalBasis::Consent {
            notes.push(t.consent_inline.to_string());
        }
        if crate::schema::objectable(purpose.basis, marketing) {
            notes.push(t.objection_inline.to_string());
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

    /// The retention in words, then the note that explains it (Art. 13(2)(a)).
    fn retention(&mut self, purpose: &Purpose) -> String {
        let words = super::retention::words(self.lang, purpose);
        let mut text = self.shown(words);
        let note = english::pick(
            self.lang,
            purpose.retention.note.as_deref(),
            purpose.retention.note_en.as_deref(),
            || english::gap(FreeText::RetentionNote, &purpose.name),
        );
        if let Some(note) = note {
            let note = self.shown(note);
            text = format!("{text}. {note}");
        }
        text
    }

    /// Whether the purpose asks people for consent: as its basis, or for a field under
    /// explicit consent (Art. 9(2)(a)) whatever its basis.
    fn asks_consent(&self, purpose: &Purpose) -> bool {
        purpose.basis == LegalBasis::Consent
            || explicit_consent_fields(self.fields.iter().copied(), &purpose.name)
                .next()
                .is_some()
    }

    /// Whether children under 16 are among the people of a purpose that asks for consent, so
    /// a parent or guardian gives it (UAVG art. 5).
    fn children_give_consent(&self) -> bool {
        self.purposes
            .iter()
            .any(|p| p.minors && self.asks_consent(p))
    }

    /// The sentence naming the people, the cookie section, the section for parents and the
    /// security paragraph (about the vault only, so only when a purpose keeps fields there).
    fn people_and_security(
        &mut self,
        settings: &Settings,
    ) -> (String, Option<CookieSection>, Option<Prose>, Option<Prose>) {
        let lang = self.lang;
        let purposes = self.purposes.clone();
        let snapshot = self.snapshot;
        let mut mark = |m: Missing| self.mark(m);
        let audience = people::audience(lang, &purposes, &mut mark);
        let cookies = cookies::section(lang, &snapshot.cookies, &mut mark);
        // The vault holds only the fields' data: name the people of purposes with fields.
        let in_vault: Vec<&Purpose> = purposes
            .iter()
            .copied()
            .filter(|p| snapshot.fields.iter().any(|f| f.purposes.contains(&p.name)))
            .collect();
        let subjects = join_items(lang, &people::all_subjects(lang, &in_vault, &mut mark));
        let mut titled = Vec::new();
        for purpose in purposes.iter().copied().filter(|p| p.minors) {
            let asks_consent = self.asks_consent(purpose);
            titled.push((purpose, self.purpose_title(purpose), asks_consent));
        }
        let children = people::children(lang, &titled, self.t.h_exercise);
        let elsewhere = purposes.iter().any(|p| !p.categories.is_empty());
        let security = (!in_vault.is_empty())
            .then(|| security::section(lang, settings.security, elsewhere, &subjects));
        (audience, cookies, children, security)
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
        lines.extend(security::request_handling(self.lang).map(str::to_string));
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
        join_items(self.lang, &titles)
    }

    fn not_from_you(&mut self) -> Option<Listing> {
        let t = self.t;
        let mut items = Vec::new();
        for field in self.fields.clone() {
            let source = match field.source {
                DataSource::Subject => continue,
                DataSource::Own => match self.source_note(field) {
                    Some(note) => format!(
                        "{} ({})",
                        t.source_own,
                        fill(t.source_note, &[("source", &note)])
                    ),
                    None => t.source_own.to_string(),
                },
                DataSource::ThirdParty => {
                    let from = match self.source_note(field) {
                        Some(note) => note,
                        None => self.mark(Missing::SourceNote {
                            field: field.name.clone(),
                        }),
                    };
                    fill(t.source_third_party, &[("source", &from)])
                }
            };
            let purposes = self.purpose_titles_of(field);
            let label = self.label(field);
            items.push(Item {
                fields: vec![field.name.clone()],
                text: format!(
                    "{label}: {source}; {}.",
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

    /// Where a field's data comes from, in the language; `None` when no note is declared.
    fn source_note(&mut self, field: &Field) -> Option<String> {
        let note = english::pick(
            self.lang,
            field.source_note.as_deref(),
            field.source_note_en.as_deref(),
            || english::gap(FreeText::SourceNote, &field.name),
        )?;
        Some(self.shown(note))
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
            let label = self.label(field);
            items.push(Item {
                fields: vec![field.name.clone()],
                text: fill(
                    t.special_item,
                    &[
                        ("label", &label),
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
            if !is_bsn_field(field) {
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
                    match purpose_law(self.lang, purpose) {
                        Some(law) => {
                            let law = self.shown(law);
                            laws.push(law);
                        }
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
            let label = self.label(field);
            items.push(Item {
                fields: vec![field.name.clone()],
                text: fill(
                    t.bsn_item,
                    &[("label", &label), ("law", &join_items(self.lang, &laws))],
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
            let labels = self.labels(fields);
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

    /// Profiling and automated decisions, from each purpose's declared answer.
    fn automated(&mut self, email: &str) -> Vec<String> {
        let purposes: Vec<&'a Purpose> = self.purposes.clone();
        let titled: Vec<Titled<'_>> = purposes
            .into_iter()
            .map(|purpose| Titled {
                purpose,
                title: self.purpose_title(purpose),
            })
            .collect();
        let lang = self.lang;
        profiling::lines(lang, &titled, email, &mut |missing| self.mark(missing))
    }
}

struct Contact {
    email: String,
    address: String,
    phone: Option<String>,
    dpo: Option<String>,
}
