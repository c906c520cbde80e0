//! `request answer` and `request lift`: carry a request out and write the letter. A dry run
//! does the same inside a transaction that is rolled back, so it shows both and changes
//! nothing.

use rusqlite::Connection;
use serde::Serialize;
use time::OffsetDateTime;

use super::access::{self, label};
use super::deadline::format_date;
use super::letter::{Letter, Section, prose, row};
use super::register::{self, Request, finish, log};
use super::texts::letter_texts;
use super::{Error, Kind, RequestId, action};
use crate::records::audit::{self, NewEntry};
use crate::records::consent::{has_current_consent, withdraw_consent};
use crate::records::erase::{self, Erasure, Kept};
use crate::records::record::{self, parse_assignments};
use crate::records::view::SchemaView;
use crate::records::{RecordId, limits};
use crate::schema::model::{DataSource, LegalBasis, Snapshot};
use crate::statement::english::{self, FreeText};
use crate::statement::missing::Missing;
use crate::statement::model::{explicit_consent_fields, explicit_consent_item};
use crate::statement::texts::{date_words, fill, texts};
use crate::statement::{Lang, Settings, StatementModel, build_draft};

/// How to answer.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub lang: Lang,
    /// `field=value` edits of a rectification.
    pub edits: Vec<String>,
    pub dry_run: bool,
}

/// What an answer did, and its letter.
#[derive(Debug, Clone, Serialize)]
pub struct Answered {
    pub request: Request,
    /// What was carried out, as names (fields, purposes), never values.
    pub done: Vec<String>,
    pub dry_run: bool,
    #[serde(skip)]
    pub letter: Letter,
    /// Set for an erasure: `save_after_erasure` must then follow.
    pub erasure: Option<Erasure>,
}

/// Answers request `id`: carries it out, records the answer date and closes it.
pub fn answer(
    conn: &mut Connection,
    id: RequestId,
    options: &Options,
    now: OffsetDateTime,
) -> Result<Answered, Error> {
    in_transaction(conn, options.dry_run, |tx| answer_in(tx, id, options, now))
}

/// Lifts the restriction request `id` put on its record, with the Art. 18(3) letter.
pub fn lift(
    conn: &mut Connection,
    id: RequestId,
    options: &Options,
    now: OffsetDateTime,
) -> Result<Answered, Error> {
    in_transaction(conn, options.dry_run, |tx| lift_in(tx, id, options, now))
}

fn in_transaction(
    conn: &mut Connection,
    dry_run: bool,
    work: impl FnOnce(&Connection) -> Result<Answered, Error>,
) -> Result<Answered, Error> {
    let tx = conn.transaction()?;
    let answered = work(&tx)?;
    if dry_run {
        tx.rollback()?;
    } else {
        tx.commit()?;
    }
    Ok(answered)
}

/// What every letter shares: the statement's model (for the controller and the texts), the
/// snapshot, and the request.
struct Frame {
    model: StatementModel,
    snapshot: Snapshot,
    lang: Lang,
    today: time::Date,
}

impl Frame {
    fn load(conn: &Connection, lang: Lang, now: OffsetDateTime) -> Result<Self, Error> {
        let snapshot = crate::schema::load_snapshot(conn)?;
        let complete = snapshot.profile.as_ref().is_some_and(|p| {
            [&p.name, &p.email, &p.address]
                .iter()
                .all(|t| !t.trim().is_empty())
        });
        if !complete {
            return Err(Error::NoController);
        }
        let today = now.date();
        // The letters repeat the statement's rights, which point to the objection paragraph
        // when a purpose is marked as direct marketing, as the statement's do.
        let settings = Settings {
            direct_marketing: crate::schema::direct_marketing_purposes(conn)?,
            ..Settings::default()
        };
        let model = build_draft(&snapshot, &settings, lang, today);
        Ok(Frame {
            model,
            snapshot,
            lang,
            today,
        })
    }

    /// The access letter repeats the statement, so it needs the statement to be complete.
    fn require_complete(&self) -> Result<(), Error> {
        if self.model.missing.is_empty() {
            return Ok(());
        }
        Err(Box::new(crate::statement::Error::Incomplete {
            incomplete: crate::statement::Incomplete {
                missing: self.model.missing.clone(),
            },
        })
        .into())
    }

    fn today_words(&self) -> String {
        date_words(self.lang, self.today)
    }

    fn title_of(&self, purpose: &str) -> String {
        self.model
            .purposes
            .iter()
            .find(|p| p.name == purpose)
            .map_or_else(|| purpose.to_owned(), |p| p.title.clone())
    }

    fn letter(
        &self,
        request: &Request,
        title: String,
        opening: Vec<String>,
        sections: Vec<Section>,
    ) -> Letter {
        let lt = letter_texts(self.lang);
        let email = self
            .snapshot
            .profile
            .as_ref()
            .map_or("", |p| p.email.as_str());
        let received = date_words(self.lang, request.received());
        Letter {
            lang: self.lang,
            title,
            sender_name: self.model.controller_name.clone(),
            sender: self.model.controller.clone(),
            header: vec![
                row(lt.l_date, self.today_words()),
                row(
                    lt.l_reference,
                    fill(
                        lt.reference,
                        &[("date", &received), ("id", &request.id.to_string())],
                    ),
                ),
            ],
            greeting: lt.greeting.to_string(),
            opening,
            sections,
            closing: vec![
                fill(lt.questions, &[("email", email)]),
                texts(self.lang).complaint[1].to_string(),
            ],
            regards: lt.regards.to_string(),
        }
    }
}

fn answer_in(
    conn: &Connection,
    id: RequestId,
    options: &Options,
    now: OffsetDateTime,
) -> Result<Answered, Error> {
    let request = register::open(conn, id)?;
    match (request.kind, options.edits.is_empty()) {
        (Kind::Rectification, true) => return Err(Error::EditsMissing { id }),
        (kind, false) if kind != Kind::Rectification => {
            return Err(Error::EditsNotTaken {
                kind: kind.as_str(),
            });
        }
        _ => {}
    }
    let frame = Frame::load(conn, options.lang, now)?;
    let schema = SchemaView::load(conn)?;
    let work = Work {
        conn,
        schema: &schema,
        frame: &frame,
        request: &request,
        now,
    };
    let outcome = match request.kind {
        Kind::Access => work.access()?,
        Kind::Erasure => work.erasure()?,
        Kind::Restriction => work.restriction()?,
        Kind::Objection => work.objection()?,
        Kind::Portability => work.portability()?,
        Kind::Rectification => work.rectification(&options.edits)?,
        Kind::WithdrawConsent => work.withdrawal()?,
    };
    finish(conn, id, "answered", None, frame.today)?;
    let answered_on = format_date(frame.today);
    let detail = format!("request {id}: {} answered on {answered_on}", request.kind);
    log(conn, action::ANSWER, request.record, detail, now)?;
    let letter = frame.letter(&request, outcome.title, outcome.opening, outcome.sections);
    Ok(Answered {
        request: register::get(conn, id)?,
        done: vec![format!("{} answered", request.kind), outcome.done],
        dry_run: options.dry_run,
        letter,
        erasure: outcome.erasure,
    })
}

/// What carrying out one request did, and what its letter says.
struct Outcome {
    title: String,
    opening: Vec<String>,
    sections: Vec<Section>,
    /// What was done, in names only.
    done: String,
    erasure: Option<Erasure>,
}

impl Outcome {
    fn new(title: &str, opening: Vec<String>, sections: Vec<Section>, done: String) -> Self {
        Outcome {
            title: title.to_string(),
            opening,
            sections,
            done,
            erasure: None,
        }
    }
}

/// One request being carried out.
struct Work<'a> {
    conn: &'a Connection,
    schema: &'a SchemaView,
    frame: &'a Frame,
    request: &'a Request,
    now: OffsetDateTime,
}

impl Work<'_> {
    fn texts(&self) -> &'static super::texts::LetterTexts {
        letter_texts(self.frame.lang)
    }

    /// A sentence with today's date filled in.
    fn dated(&self, template: &str) -> String {
        fill(template, &[("date", &self.frame.today_words())])
    }

    fn access(&self) -> Result<Outcome, Error> {
        let frame = self.frame;
        frame.require_complete()?;
        let record = self.request.record;
        let sections = access::sections(
            self.conn,
            self.schema,
            &frame.snapshot,
            &frame.model,
            record,
        )?;
        let values = sections.first().map_or(0, |copy| copy.rows.len());
        let lt = self.texts();
        let title = fill(lt.access_title, &[("name", &frame.model.controller_name)]);
        let opening = vec![lt.access_opening.to_string()];
        let done = format!("access letter naming {values} value(s)");
        Ok(Outcome::new(&title, opening, sections, done))
    }

    fn erasure(&self) -> Result<Outcome, Error> {
        let erased = erase::delete(self.conn, self.schema, self.request.record, false, self.now)?;
        let lt = self.texts();
        let sections = erasure_sections(self.frame, &erased);
        let opening = vec![self.dated(lt.erasure_opening)];
        let mut outcome =
            Outcome::new(lt.erasure_title, opening, sections, erased_summary(&erased));
        outcome.erasure = Some(erased);
        Ok(outcome)
    }

    fn restriction(&self) -> Result<Outcome, Error> {
        let record = self.request.record;
        limits::restrict(self.conn, record, self.now)?;
        let detail = format!("request {}", self.request.id);
        log(self.conn, action::RESTRICT, record, detail, self.now)?;
        let lt = self.texts();
        let opening = vec![
            self.dated(lt.restriction_opening),
            lt.restriction_lift_promise.to_string(),
        ];
        Ok(Outcome::new(
            lt.restriction_title,
            opening,
            Vec::new(),
            "restricted".into(),
        ))
    }

    /// Records the objection for each purpose the request names.
    fn objection(&self) -> Result<Outcome, Error> {
        let request = self.request;
        let marketing = crate::schema::direct_marketing_purposes(self.conn)?;
        let mut items = Vec::new();
        for name in &request.purposes {
            let purpose = self.schema.purpose(name)?;
            limits::object(self.conn, request.record, purpose.id, self.now)?;
            audit::write(
                self.conn,
                &NewEntry {
                    action: action::OBJECT,
                    record: Some(request.record),
                    purpose: Some(name),
                    detail: Some(format!("request {}", request.id)),
                    ..NewEntry::default()
                },
                self.now,
            )?;
            items.push(self.frame.title_of(name));
        }
        let lt = self.texts();
        let mut section = Section {
            heading: texts(self.frame.lang).h_objection.to_string(),
            items,
            ..Section::default()
        };
        if request.purposes.iter().any(|p| marketing.contains(p)) {
            section.paragraphs.push(lt.objection_marketing.to_string());
        }
        let opening = vec![self.dated(lt.objection_opening)];
        let done = format!("objection upheld for {}", request.purposes.join(", "));
        Ok(Outcome::new(
            lt.objection_title,
            opening,
            vec![section],
            done,
        ))
    }

    fn portability(&self) -> Result<Outcome, Error> {
        let sections = portability(self.conn, self.schema, self.frame, self.request.record)?;
        let lt = self.texts();
        let opening = if sections.is_empty() {
            lt.portability_none
        } else {
            lt.portability_opening
        };
        let done = format!("portability copy of {} value(s)", portable_count(&sections));
        Ok(Outcome::new(
            lt.portability_title,
            vec![opening.to_string()],
            sections,
            done,
        ))
    }

    fn rectification(&self, edits: &[String]) -> Result<Outcome, Error> {
        let (names, section) = rectification(
            self.conn,
            self.schema,
            self.frame,
            self.request.record,
            edits,
            self.now,
        )?;
        let lt = self.texts();
        let opening = vec![self.dated(lt.rectification_opening)];
        let done = format!("rectified {}", names.join(", "));
        Ok(Outcome::new(
            lt.rectification_title,
            opening,
            vec![section],
            done,
        ))
    }

    fn withdrawal(&self) -> Result<Outcome, Error> {
        let (withdrawn, items) =
            withdrawal(self.conn, self.schema, self.frame, self.request, self.now)?;
        let t = texts(self.frame.lang);
        let section = Section {
            heading: t.h_consent.to_string(),
            items,
            paragraphs: vec![t.consent_lawful_before.to_string()],
            ..Section::default()
        };
        let lt = self.texts();
        let opening = vec![self.dated(lt.withdraw_opening)];
        let done = format!("consent withdrawn for {}", withdrawn.join(", "));
        Ok(Outcome::new(
            lt.withdraw_title,
            opening,
            vec![section],
            done,
        ))
    }
}

fn erased_summary(erased: &Erasure) -> String {
    if erased.record_erased {
        return "record erased".into();
    }
    let kept: Vec<&str> = erased.kept.iter().map(|k| k.field.as_str()).collect();
    format!(
        "erased {}; kept {} (Art. 17(3)(b))",
        erased.erased.join(", "),
        kept.join(", ")
    )
}

/// What was erased, and what is kept, why and until when.
fn erasure_sections(frame: &Frame, erased: &Erasure) -> Vec<Section> {
    let lang = frame.lang;
    let lt = letter_texts(lang);
    let label = |name: &str| label(&frame.snapshot, lang, name);
    let mut erased_section = prose(lt.h_erased, Vec::new());
    if erased.record_erased {
        erased_section.paragraphs.push(lt.erased_all.to_string());
    } else if erased.erased.is_empty() {
        erased_section.paragraphs.push(lt.erased_none.to_string());
    }
    if !erased.kept.is_empty() {
        erased_section.items = erased.erased.iter().map(|f| label(f)).collect();
    }
    let mut sections = vec![erased_section];
    if erased.kept.is_empty() {
        return sections;
    }
    let items = erased
        .kept
        .iter()
        .map(|kept| kept_line(frame, kept))
        .collect();
    sections.push(Section {
        heading: lt.h_kept.to_string(),
        items,
        ..Section::default()
    });
    sections
}

/// One kept value: the law that requires it, and until when (a date, or the purpose's note).
fn kept_line(frame: &Frame, kept: &Kept) -> String {
    let lang = frame.lang;
    let lt = letter_texts(lang);
    let purpose = frame
        .snapshot
        .purposes
        .iter()
        .find(|p| p.name == kept.purpose);
    // An English letter shows an undeclared English text as the statement's gap marker, never
    // the Dutch text: until the twelfth session it fell back to Dutch.
    let shown = |text: Result<String, Missing>| text.unwrap_or_else(|gap| gap.marker(lang));
    let law = purpose
        .and_then(|p| crate::statement::model::purpose_law(lang, p))
        .map(shown)
        .or_else(|| kept.law.clone().filter(|_| lang == Lang::Nl))
        .unwrap_or_else(|| frame.title_of(&kept.purpose));
    let note = purpose.and_then(|p| {
        let gap = || english::gap(FreeText::RetentionNote, &p.name);
        let note = p.retention.note.as_deref();
        english::pick(lang, note, p.retention.note_en.as_deref(), gap).map(shown)
    });
    let mut values = vec![
        ("label", label(&frame.snapshot, lang, &kept.field)),
        ("law", law),
    ];
    let template = match (&kept.until, note) {
        (Some(until), _) => {
            values.push(("date", access::day_words(lang, until)));
            lt.kept_until
        }
        (None, Some(note)) => {
            values.push(("note", note));
            lt.kept_note
        }
        (None, None) => lt.kept_open,
    };
    fill_owned(template, &values)
}

fn fill_owned(template: &str, values: &[(&str, String)]) -> String {
    let borrowed: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
    fill(template, &borrowed)
}

/// Art. 20: the values the person gave (source: the person) for consent and contract
/// purposes, as a CSV and a JSON section with the fields' names; none when there are none.
fn portability(
    conn: &Connection,
    schema: &SchemaView,
    frame: &Frame,
    record: RecordId,
) -> Result<Vec<Section>, Error> {
    let lt = letter_texts(frame.lang);
    let held = record::get(conn, schema, record)?;
    let snapshot = &frame.snapshot;
    let portable = |name: &str| {
        snapshot.fields.iter().any(|f| {
            f.name == name
                && f.source == DataSource::Subject
                && f.purposes.iter().any(|p| {
                    snapshot.purposes.iter().any(|q| {
                        q.name == *p
                            && matches!(q.basis, LegalBasis::Consent | LegalBasis::Contract)
                    })
                })
        })
    };
    let values: Vec<(&str, &str)> = held
        .values
        .iter()
        .filter(|(name, _)| portable(name))
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    if values.is_empty() {
        return Ok(Vec::new());
    }
    let mut csv = String::new();
    crate::safe_csv::write_row(&mut csv, values.iter().map(|(n, _)| *n));
    crate::safe_csv::write_row(&mut csv, values.iter().map(|(_, v)| *v));
    let object: serde_json::Map<String, serde_json::Value> = values
        .iter()
        .map(|(n, v)| ((*n).to_owned(), serde_json::Value::from(*v)))
        .collect();
    let json = serde_json::to_string_pretty(&object).expect("strings serialise");
    let attached = |heading: &str, text: String| Section {
        heading: heading.to_string(),
        attachment: Some(text),
        ..Section::default()
    };
    // The letter is one text document: its lines end the way the rest of it does.
    let csv = csv.replace("\r\n", "\n");
    Ok(vec![attached(lt.h_csv, csv), attached(lt.h_json, json)])
}

/// How many values the portability sections carry: the CSV's columns.
fn portable_count(sections: &[Section]) -> usize {
    sections
        .first()
        .and_then(|s| s.attachment.as_deref())
        .and_then(|csv| csv.lines().next())
        .map_or(0, |header| header.split(',').count())
}

/// Art. 16: applies the edits (refused on a restricted record) and names the result.
fn rectification(
    conn: &Connection,
    schema: &SchemaView,
    frame: &Frame,
    record: RecordId,
    edits: &[String],
    now: OffsetDateTime,
) -> Result<(Vec<String>, Section), Error> {
    let lt = letter_texts(frame.lang);
    let pairs = parse_assignments(edits)?;
    record::edit_from(conn, schema, record, &pairs, "request", now)?;
    let held = record::get(conn, schema, record)?;
    let rows = pairs
        .iter()
        .map(|(name, _)| {
            let value = held.value(name).unwrap_or(lt.cleared);
            row(label(&frame.snapshot, frame.lang, name), value)
        })
        .collect();
    let section = Section {
        heading: lt.h_corrected.to_string(),
        rows,
        ..Section::default()
    };
    Ok((pairs.into_iter().map(|(name, _)| name).collect(), section))
}

/// Withdraws current consent for each purpose the request names; returns the names and titles.
fn withdrawal(
    conn: &Connection,
    schema: &SchemaView,
    frame: &Frame,
    request: &Request,
    now: OffsetDateTime,
) -> Result<(Vec<String>, Vec<String>), Error> {
    let mut names = Vec::new();
    let mut titles = Vec::new();
    for name in &request.purposes {
        let purpose = schema.purpose(name)?;
        if has_current_consent(conn, request.record, purpose.id)? {
            withdraw_consent(conn, schema, request.record, name, now)?;
        }
        names.push(name.clone());
        titles.push(withdrawn_title(frame, name));
    }
    Ok((names, titles))
}

/// What a withdrawal stops, as the statement's consent paragraph names it: a consent purpose,
/// or for a purpose on another basis only its fields under explicit consent
/// ("Allergieën voor Bestellingen leveren"), since the purpose itself goes on.
fn withdrawn_title(frame: &Frame, purpose: &str) -> String {
    let title = frame.title_of(purpose);
    let basis = frame.snapshot.purposes.iter().find(|p| p.name == purpose);
    if basis.is_none_or(|p| p.basis == LegalBasis::Consent) {
        return title;
    }
    let explicit = explicit_consent_fields(&frame.snapshot.fields, purpose);
    let labels: Vec<String> = explicit
        .map(|f| label(&frame.snapshot, frame.lang, &f.name))
        .collect();
    if labels.is_empty() {
        return title;
    }
    explicit_consent_item(frame.lang, &labels, &title)
}

fn lift_in(
    conn: &Connection,
    id: RequestId,
    options: &Options,
    now: OffsetDateTime,
) -> Result<Answered, Error> {
    let request = register::get(conn, id)?;
    if request.kind != Kind::Restriction {
        return Err(Error::NotRestriction {
            id,
            kind: request.kind.as_str(),
        });
    }
    if request.outcome.as_deref() != Some("answered") {
        return Err(Error::NotYetRestricted { id });
    }
    if !limits::lift(conn, request.record)? {
        return Err(Error::NotRestricted {
            record: request.record,
        });
    }
    log(
        conn,
        action::LIFT,
        request.record,
        format!("request {id}: restriction lifted"),
        now,
    )?;
    let frame = Frame::load(conn, options.lang, now)?;
    let lt = letter_texts(frame.lang);
    let today = frame.today_words();
    let letter = frame.letter(
        &request,
        lt.lift_title.to_string(),
        vec![fill(lt.lift_opening, &[("date", &today)])],
        Vec::new(),
    );
    Ok(Answered {
        request,
        done: vec!["restriction lifted".into()],
        dry_run: options.dry_run,
        letter,
        erasure: None,
    })
}
