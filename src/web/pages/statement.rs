//! The privacy statement: a preview in Dutch or English, what is still missing (each item
//! linked to the page that fills it in), the changes since the last publish, publishing, and
//! the HTML to copy or download. The statement's words are generated declared text; only the
//! page around it comes from the catalogues.

use std::collections::HashMap;

use minijinja::{Value, context};
use serde::Serialize;

use super::super::app::App;
use super::super::form::Form;
use super::super::http::Response;
use super::{Outcome, failure, not_found, with_change};
use crate::schema::cookie;
use crate::statement::missing::{Missing, ProfileItem};
use crate::statement::model::{Settings, StatementModel, build_draft};
use crate::statement::publish::{self, PublishOutcome, Published};
use crate::statement::security::SecurityFacts;
use crate::statement::{Format, Lang, SchemaDiff, render};
use crate::vault::Vault;
use crate::{Error, clock};

/// Everything the page shows, read from the open vault.
struct Draft {
    model: StatementModel,
    ids: Ids,
    /// Whether the Dutch statement, the one `publish` records, is complete.
    publishable: bool,
    published: Option<Published>,
    diff: SchemaDiff,
}

/// The facts the statement takes from the vault besides its schema.
fn settings(vault: &Vault) -> Result<Settings, Error> {
    Ok(Settings::of(SecurityFacts::of(vault)?, vault.conn())?)
}

/// The statement in `lang` as it stands, with markers where something is missing, dated as
/// the CLI dates it.
fn draft(vault: &Vault, lang: Lang) -> Result<Draft, Error> {
    let conn = vault.conn();
    let snapshot = crate::schema::load_snapshot(conn)?;
    let settings = settings(vault)?;
    let date = publish::version_date(conn, &snapshot, &settings, clock::now().date())?;
    let model = build_draft(&snapshot, &settings, lang, date);
    let publishable = match lang {
        Lang::Nl => model.missing.is_empty(),
        Lang::En => build_draft(&snapshot, &settings, Lang::Nl, date)
            .missing
            .is_empty(),
    };
    Ok(Draft {
        model,
        ids: Ids::of(conn)?,
        publishable,
        published: publish::last_published(conn)?,
        diff: publish::changes_since_publish(conn, &snapshot)?,
    })
}

/// The language asked for in the address (`?lang=en`), else the page's own.
pub fn lang_of(app: &App, asked: Option<&str>) -> Lang {
    asked.and_then(|l| l.parse().ok()).unwrap_or(app.lang)
}

/// GET /statement: the preview.
pub fn page(app: &App, lang: Lang) -> Response {
    show(app, lang, None, None)
}

/// The page, with a note after publishing or the reason publishing was refused.
fn show(app: &App, lang: Lang, flash: Option<String>, problem: Option<String>) -> Response {
    let Some(open) = &app.open else {
        return not_found(app);
    };
    let shown = draft(&open.vault, lang).and_then(|draft| {
        let fragment = render::render(&draft.model, Format::Html, false)?;
        Ok((draft, fragment))
    });
    let (draft, fragment) = match shown {
        Ok(shown) => shown,
        Err(error) => return failure(app, &error, "/"),
    };
    let missing: Vec<Gap> = draft
        .model
        .missing
        .iter()
        .map(|m| gap(app, m, &draft.ids))
        .collect();
    let complete = missing.is_empty();
    let mut response = app.page(
        "statement.html",
        context! {
            nav => "statement",
            statement_lang => lang.to_string(),
            version_date => draft.model.version_date,
            preview => Value::from_safe_string(fragment.clone()),
            html => if complete { fragment } else { String::new() },
            complete,
            missing,
            publishable => draft.publishable,
            published => draft.published.as_ref().map(Version::of),
            changes => changes(app, &draft.diff),
            flash,
            problem => problem.clone(),
        },
    );
    if problem.is_some() {
        response.status = 422;
    }
    response
}

/// A published version as the page names it.
#[derive(Serialize)]
struct Version {
    id: i64,
    date: String,
}

impl Version {
    fn of(published: &Published) -> Version {
        Version {
            id: published.id,
            date: published.version_date.clone(),
        }
    }
}

/// One missing item: what is missing, in the page's language, and where to fill it in.
#[derive(Serialize)]
struct Gap {
    text: String,
    link: Value,
}

fn gap(app: &App, missing: &Missing, ids: &Ids) -> Gap {
    let (key, args, link) = describe(missing, ids);
    Gap {
        text: app.text(key, &args),
        link: address(&link),
    }
}

/// An address for `href`, escaped without turning its slashes into `&#x2f;` as the page
/// escaper does, so it reads as the address it is.
pub fn address(link: &str) -> Value {
    Value::from_safe_string(render::escape_html(link))
}

/// The ids that address the pages of the declared cookies and recipients, by name: their
/// names may hold characters an address cannot.
#[derive(Default)]
struct Ids {
    cookies: HashMap<String, i64>,
    recipients: HashMap<String, i64>,
}

impl Ids {
    fn of(conn: &rusqlite::Connection) -> Result<Ids, Error> {
        let cookies = cookie::cookies_with_ids(conn).map_err(crate::schema::Error::from)?;
        Ok(Ids {
            cookies: cookies.into_iter().map(|(id, c)| (c.name, id)).collect(),
            recipients: crate::schema::recipients_with_ids(conn)?
                .into_iter()
                .map(|(id, r)| (r.name, id))
                .collect(),
        })
    }

    /// The form of the cookie called `name`, else the list.
    fn cookie_page(&self, name: &str) -> String {
        self.cookies
            .get(name)
            .map_or("/cookies".to_owned(), |id| format!("/cookies/{id}"))
    }

    /// The form of the recipient called `name`, else the purposes with their recipients.
    fn recipient_page(&self, name: &str) -> String {
        self.recipients
            .get(name)
            .map_or("/purposes".to_owned(), |id| format!("/recipients/{id}"))
    }
}

/// Where the profile questions are answered, during setup and after.
const PROFILE_PAGE: &str = "/setup/profile";

fn purpose_page(purpose: &str) -> String {
    format!("/purposes#purpose-{purpose}")
}

/// The purpose's form, where its old free-text recipients are shown with the way to restate
/// them and the switch that forgets them.
fn legacy_page(purpose: &str) -> String {
    format!("/purposes/{purpose}/edit#i-legacy-0")
}

fn field_page(field: &str) -> String {
    format!("/purposes#field-{field}")
}

/// The message key, its arguments and the page that fixes a missing item. The CLI shows a
/// command for the same item (`Missing::command`); the app links to its own page.
fn describe(missing: &Missing, ids: &Ids) -> (&'static str, Vec<(&'static str, String)>, String) {
    let purpose = |key, name: &String| (key, vec![("purpose", name.clone())], purpose_page(name));
    let field = |key, name: &String| (key, vec![("field", name.clone())], field_page(name));
    match missing {
        Missing::Profile => ("statement-missing-profile", vec![], PROFILE_PAGE.into()),
        Missing::ProfileItem { item } => {
            let key = match item {
                ProfileItem::Name => "statement-missing-profile-name",
                ProfileItem::Email => "statement-missing-profile-email",
                ProfileItem::Address => "statement-missing-profile-address",
            };
            (key, vec![], PROFILE_PAGE.into())
        }
        Missing::Purposes => ("statement-missing-purposes", vec![], "/setup".into()),
        Missing::Description { purpose: p } => purpose("statement-missing-description", p),
        Missing::Retention { purpose: p } => purpose("statement-missing-retention", p),
        Missing::RetentionNoteOnly { purpose: p } => {
            purpose("statement-missing-retention-note-only", p)
        }
        Missing::RetentionEvent { purpose: p } => purpose("statement-missing-retention-event", p),
        Missing::Interest { purpose: p } => purpose("statement-missing-interest", p),
        Missing::RecipientsUndeclared { purpose: p } => {
            purpose("statement-missing-recipients-undeclared", p)
        }
        Missing::LegacyRecipient { purpose: p, text } => (
            "statement-missing-legacy-recipient",
            vec![("purpose", p.clone()), ("text", text.clone())],
            legacy_page(p),
        ),
        Missing::RecipientSafeguard { recipient } => (
            "statement-missing-recipient-safeguard",
            vec![("recipient", recipient.clone())],
            ids.recipient_page(recipient),
        ),
        Missing::RecipientEnglish { recipient, .. } => (
            "statement-missing-recipient-english",
            vec![("recipient", recipient.clone())],
            ids.recipient_page(recipient),
        ),
        Missing::TransferSafeguard {
            purpose: p,
            transfer,
        } => (
            "statement-missing-transfer-safeguard",
            vec![("purpose", p.clone()), ("transfer", transfer.clone())],
            legacy_page(p),
        ),
        Missing::FieldPurpose { field: f } => field("statement-missing-field-purpose", f),
        Missing::Art9 { field: f } => field("statement-missing-art9", f),
        Missing::Art9Unknown { field: f, art9 } => (
            "statement-missing-art9-unknown",
            vec![("field", f.clone()), ("art9", art9.clone())],
            field_page(f),
        ),
        Missing::Law { purpose: p } => purpose("statement-missing-law", p),
        Missing::BsnLaw {
            field: f,
            purpose: p,
        } => (
            "statement-missing-bsn-law",
            vec![("field", f.clone()), ("purpose", p.clone())],
            purpose_page(p),
        ),
        Missing::BsnConsent {
            field: f,
            purpose: p,
        } => (
            "statement-missing-bsn-consent",
            vec![("field", f.clone()), ("purpose", p.clone())],
            field_page(f),
        ),
        Missing::SourceNote { field: f } => field("statement-missing-source-note", f),
        Missing::SubjectsEnglish { purpose: p } => purpose("statement-missing-subjects-english", p),
        Missing::CategoryEnglish { purpose: p, .. } => (
            "statement-missing-category-english",
            vec![("purpose", p.clone())],
            format!("/purposes/{p}/edit#i-category-0"),
        ),
        Missing::CookieEnglish { cookie, .. } => (
            "statement-missing-cookie-english",
            vec![("cookie", cookie.clone())],
            ids.cookie_page(cookie),
        ),
        Missing::CookieSafeguard { cookie, .. } => (
            "statement-missing-cookie-safeguard",
            vec![("cookie", cookie.clone())],
            ids.cookie_page(cookie),
        ),
        Missing::CookieConsent { cookie } => (
            "statement-missing-cookie-consent",
            vec![("cookie", cookie.clone())],
            ids.cookie_page(cookie),
        ),
        Missing::Profiling { purpose: p } => purpose("statement-missing-profiling", p),
        Missing::ProfilingLogic { purpose: p } => purpose("statement-missing-profiling-logic", p),
        Missing::ProfilingEffect { purpose: p } => purpose("statement-missing-profiling-effect", p),
        Missing::English(gap) => (
            "statement-missing-english",
            vec![("what", gap.what())],
            match gap.text.owner() {
                crate::statement::english::Owner::Purpose => purpose_page(&gap.of),
                crate::statement::english::Owner::Field => field_page(&gap.of),
            },
        ),
    }
}

/// One line of the diff: what changed, in the page's language.
#[derive(Serialize)]
struct ChangeLine {
    text: String,
    before: Option<String>,
    after: Option<String>,
}

fn changes(app: &App, diff: &SchemaDiff) -> Vec<ChangeLine> {
    let named = |key: &str, arg: &'static str, names: &[String]| -> Vec<ChangeLine> {
        names
            .iter()
            .map(|name| ChangeLine {
                text: app.text(key, &[(arg, name.clone())]),
                before: None,
                after: None,
            })
            .collect()
    };
    let mut lines = named(
        "statement-diff-added-purpose",
        "purpose",
        &diff.added_purposes,
    );
    lines.extend(named(
        "statement-diff-removed-purpose",
        "purpose",
        &diff.removed_purposes,
    ));
    lines.extend(named(
        "statement-diff-added-field",
        "field",
        &diff.added_fields,
    ));
    lines.extend(named(
        "statement-diff-removed-field",
        "field",
        &diff.removed_fields,
    ));
    lines.extend(diff.changes.iter().map(|change| ChangeLine {
        text: app.text(
            match change.kind {
                "purpose" => "statement-diff-changed-purpose",
                "field" => "statement-diff-changed-field",
                "profile" => "statement-diff-changed-profile",
                "cookie" => "statement-diff-changed-cookie",
                "purposes" => "statement-diff-changed-order",
                _ => "statement-diff-changed-other",
            },
            &[
                ("name", change.name.clone()),
                ("attribute", change.attribute.to_owned()),
                ("kind", change.kind.to_owned()),
            ],
        ),
        before: Some(change.before.clone()),
        after: Some(change.after.clone()),
    }));
    lines
}

/// POST /statement/publish: records the Dutch statement as published, unless nothing changed.
pub fn publish(app: &mut App, form: &Form) -> Response {
    let lang = lang_of(app, form.get("lang"));
    let now = clock::now();
    let Some(open) = &app.open else {
        return not_found(app);
    };
    let settings = match settings(&open.vault) {
        Ok(settings) => settings,
        Err(error) => return failure(app, &error, "/statement"),
    };
    let published = with_change(app, false, |conn| {
        let snapshot = crate::schema::load_snapshot(conn)?;
        Ok(publish::publish(conn, &snapshot, &settings, now)?)
    });
    match published {
        Ok(PublishOutcome::Published { published }) => {
            let flash = app.text(
                "statement-published",
                &[("version", published.id.to_string())],
            );
            show(app, lang, Some(flash), None)
        }
        Ok(PublishOutcome::Unchanged { published }) => {
            let flash = app.text(
                "statement-unchanged",
                &[("version", published.id.to_string())],
            );
            show(app, lang, Some(flash), None)
        }
        Err(Outcome::Refused(Error::Statement(crate::statement::Error::Incomplete { .. }))) => {
            let problem = app.text("statement-publish-incomplete", &[]);
            show(app, lang, None, Some(problem))
        }
        Err(Outcome::Refused(error)) => failure(app, &error, "/statement"),
        Err(Outcome::Page(response)) => response,
    }
}

/// GET /statement/download: the complete statement as a standalone HTML page, to save and put
/// on the website. A statement with gaps is not offered: its markers must not go online.
pub fn download(app: &App, lang: Lang) -> Response {
    let Some(open) = &app.open else {
        return not_found(app);
    };
    let page = draft(&open.vault, lang).and_then(|draft| {
        if !draft.model.missing.is_empty() {
            return Ok(None);
        }
        Ok(Some(render::render(&draft.model, Format::Html, true)?))
    });
    match page {
        Ok(Some(page)) => {
            Response::bytes("text/html; charset=utf-8", page.into_bytes()).download(match lang {
                Lang::Nl => "privacyverklaring.html",
                Lang::En => "privacy-statement.html",
            })
        }
        Ok(None) => {
            let problem = app.text("statement-download-incomplete", &[]);
            show(app, lang, None, Some(problem))
        }
        Err(error) => failure(app, &error, "/statement"),
    }
}

#[cfg(test)]
mod tests {
    use crate::web::testing::{TestApp, body};

    #[test]
    fn an_empty_vault_shows_the_draft_and_links_each_missing_item() {
        let mut test = TestApp::unlocked();
        let page = test.get("/statement");
        assert_eq!(page.status, 200);
        let html = body(&page);
        assert!(html.contains("id=\"missing\""), "{html}");
        assert!(html.contains("href=\"/setup/profile\""), "{html}");
        assert!(html.contains("href=\"/setup\""), "{html}");
        assert!(
            html.contains("ONTBREEKT"),
            "the draft shows its markers: {html}"
        );
        assert!(!html.contains("id=\"publish\""), "{html}");
        assert!(!html.contains("id=\"download\""), "{html}");
    }

    #[test]
    fn a_purpose_gap_links_to_that_purpose() {
        let mut test = TestApp::bakery();
        // The bakery declares English twins; a purpose without them is a gap in English only.
        let open = test.app.open.as_mut().unwrap();
        crate::schema::in_transaction(open.vault.conn_mut(), |tx| {
            let reviews = crate::schema::model::Purpose {
                retention: crate::schema::model::Retention::of("1y".parse().unwrap()),
                profiling: Some(crate::schema::model::Profiling::none()),
                ..crate::schema::model::Purpose::new(
                    "reviews",
                    crate::schema::model::LegalBasis::Consent,
                    "Om een review vragen",
                )
            };
            crate::schema::add_purpose(tx, &reviews)
        })
        .unwrap();
        let english = test.get("/statement?lang=en");
        let html = body(&english);
        assert!(
            html.contains("href=\"/purposes#purpose-reviews\""),
            "{html}"
        );
        assert!(html.contains("lang=\"en\""), "{html}");
    }

    #[test]
    fn a_complete_statement_is_previewed_copied_downloaded_and_published() {
        let mut test = TestApp::bakery();
        let page = test.get("/statement");
        let html = body(&page);
        assert_eq!(page.status, 200, "{html}");
        assert!(!html.contains("id=\"missing\""), "{html}");
        assert!(html.contains("Bakkerij Jansen"), "{html}");
        assert!(html.contains("<textarea id=\"statement-html\""), "{html}");
        assert!(
            html.contains("&lt;section"),
            "the HTML to copy is text: {html}"
        );
        assert!(
            html.contains("href=\"/statement/download?lang=nl\""),
            "{html}"
        );
        assert!(html.contains("id=\"publish\""), "{html}");

        let download = test.get("/statement/download?lang=en");
        assert_eq!(download.status, 200);
        assert!(
            download
                .headers
                .iter()
                .any(|(name, value)| *name == "Content-Disposition"
                    && value.starts_with("attachment")
                    && value.contains("privacy-statement.html"))
        );
        assert!(
            body(&download).starts_with("<!doctype html>")
                || body(&download).starts_with("<!DOCTYPE html>")
        );

        let conn = test.conn();
        assert!(
            crate::statement::publish::last_published(conn)
                .unwrap()
                .is_none()
        );
        let published = test.post("/statement/publish", &[("lang", "nl")]);
        assert_eq!(published.status, 200, "{}", body(&published));
        let last = crate::statement::publish::last_published(test.conn())
            .unwrap()
            .expect("recorded");
        assert!(body(&published).contains(&format!("id=\"published-version\">{}<", last.id)));

        let again = test.post("/statement/publish", &[("lang", "nl")]);
        assert_eq!(
            crate::statement::publish::last_published(test.conn())
                .unwrap()
                .unwrap()
                .id,
            last.id,
            "nothing changed, nothing recorded: {}",
            body(&again)
        );
    }

    #[test]
    fn publishing_an_incomplete_statement_is_refused_on_the_page() {
        let mut test = TestApp::unlocked();
        let refused = test.post("/statement/publish", &[]);
        assert_eq!(refused.status, 422);
        assert!(body(&refused).contains("id=\"missing\""));
        assert!(
            crate::statement::publish::last_published(test.conn())
                .unwrap()
                .is_none()
        );
        let download = test.get("/statement/download?lang=nl");
        assert!(
            !download
                .headers
                .iter()
                .any(|(n, _)| *n == "Content-Disposition")
        );
    }

    #[test]
    fn the_diff_lists_what_changed_since_the_last_publish() {
        let mut test = TestApp::bakery();
        test.post("/statement/publish", &[]);
        let open = test.app.open.as_mut().unwrap();
        crate::schema::in_transaction(open.vault.conn_mut(), |tx| {
            let reviews = crate::schema::model::Purpose {
                retention: crate::schema::model::Retention::of("1y".parse().unwrap()),
                ..crate::schema::model::Purpose::new(
                    "reviews",
                    crate::schema::model::LegalBasis::Consent,
                    "Om een review vragen",
                )
            };
            crate::schema::add_purpose(tx, &reviews)
        })
        .unwrap();
        let page = test.get("/statement");
        let html = body(&page);
        assert!(html.contains("id=\"changes\""), "{html}");
        assert!(html.contains("reviews"), "{html}");
    }
}
