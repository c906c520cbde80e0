//! Import in steps: upload a file (kept in memory only), choose per column a field or "do
//! not import", check with a dry run, then import. The reading, the mapping rules and the
//! import itself are the library's, the same as `kluis import`.

mod notes;

use clap::ValueEnum;
use minijinja::context;
use serde::Serialize;

use super::super::app::App;
use super::super::form::Form;
use super::super::http::{Method, Response};
use super::{Outcome, failure, not_found, with_change};
use crate::import::mapping::{self, Choice, FieldSpec, Mapping, MappingSpec};
use crate::import::pipeline::{self, OnDuplicate, OnInvalid};
use crate::import::reader::{ReadError, ReadOptions, Table};
use crate::import::{self, Pending, Plan, Problem, Rule};
use crate::records::consent;
use crate::records::view::SchemaView;
use crate::schema::value::DateOrder;
use crate::statement::Lang;
use crate::{Error, clock};

/// Rows shown in the preview.
const PREVIEW_ROWS: usize = 5;
/// What the mapping form sends for "do not import".
const DROP: &str = "-";

pub fn route(app: &mut App, method: Method, rest: &[&str], form: &Form) -> Response {
    match (method, rest) {
        (Method::Get, []) => upload_page(app, None, &[]),
        (Method::Post, []) => upload(app, form),
        (Method::Get, ["map"]) => mapping_page(app, None, None),
        (Method::Post, ["map"]) => dry_run(app, form),
        (Method::Post, ["run"]) => run(app),
        (Method::Post, ["cancel"]) => cancel(app),
        _ => not_found(app),
    }
}

/// The upload form; after a refusal, with the reason (and a workbook's sheets to choose).
fn upload_page(app: &App, problem: Option<String>, sheets: &[String]) -> Response {
    let pending = app.pending_import.as_ref().map(|p| p.file_name.clone());
    app.page(
        "import.html",
        context! { nav => "import", problem, sheets, pending },
    )
}

fn upload(app: &mut App, form: &Form) -> Response {
    // A new upload replaces the one before, even when it cannot be read.
    app.pending_import = None;
    let Some(file) = &form.upload else {
        return refused_upload(app, app.text("import-no-file", &[]), &[]);
    };
    let options = ReadOptions {
        has_header: form.get("no-header").is_none(),
        sheet: form.text("sheet").map(str::to_owned),
        ..ReadOptions::default()
    };
    match Pending::read(&file.file_name, &file.bytes, &options) {
        Ok(pending) => {
            app.pending_import = Some(pending);
            Response::redirect("/import/map")
        }
        Err(error) => {
            let (text, sheets) = read_refusal(app, &error);
            refused_upload(app, text, &sheets)
        }
    }
}

/// Forgets the uploaded file.
fn cancel(app: &mut App) -> Response {
    app.pending_import = None;
    Response::redirect("/import")
}

fn refused_upload(app: &App, text: String, sheets: &[String]) -> Response {
    let mut response = upload_page(app, Some(text), sheets);
    response.status = 422;
    response
}

/// Why a file could not be read, in the page's words where there are some; and the sheets
/// to choose from when a workbook has several.
fn read_refusal(app: &App, error: &import::Error) -> (String, Vec<String>) {
    use import::Error::{HeaderLooksLikeData, Read};
    let words = |key: &str| (app.text(key, &[]), Vec::new());
    match error {
        Read { source, .. } => match source {
            ReadError::Empty {} => words("import-error-empty"),
            ReadError::HeaderOnly { .. } => words("import-error-header-only"),
            ReadError::UnsupportedFormat { .. } => words("import-error-format"),
            ReadError::Protected { .. } => words("import-error-protected"),
            ReadError::SheetRequired { sheets } | ReadError::UnknownSheet { sheets, .. } => {
                (app.text("import-error-sheet", &[]), sheets.clone())
            }
            _ => (super::technical(app, error), Vec::new()),
        },
        HeaderLooksLikeData { column, row } => {
            let args = [("column", column.to_string()), ("row", row.to_string())];
            (app.text("import-error-header-data", &args), Vec::new())
        }
        _ => (super::technical(app, error), Vec::new()),
    }
}

/// The choices on the mapping form, as sent or as first proposed.
struct Draft {
    choices: Vec<Choice>,
    on_invalid: OnInvalid,
    on_duplicate: OnDuplicate,
    consents: Vec<String>,
    /// `--date-order`: `None` lets each column's dates decide.
    date_order: Option<DateOrder>,
}

impl Draft {
    /// What kluis proposes: each column its guessed field, else no choice yet.
    fn guessed(headers: &[String], fields: &[FieldSpec]) -> Draft {
        Draft {
            choices: mapping::guess(headers, fields)
                .into_iter()
                .map(|field| field.map_or(Choice::Open, Choice::Field))
                .collect(),
            on_invalid: OnInvalid::default(),
            on_duplicate: OnDuplicate::default(),
            consents: Vec::new(),
            date_order: None,
        }
    }

    /// The plan a dry run accepted, to change it.
    fn from_plan(plan: &Plan) -> Draft {
        Draft {
            choices: plan
                .mapping
                .columns
                .iter()
                .map(|c| c.field.clone().map_or(Choice::Drop, Choice::Field))
                .collect(),
            on_invalid: plan.on_invalid,
            on_duplicate: plan.on_duplicate,
            consents: plan.consents.clone(),
            date_order: plan.date_order,
        }
    }

    /// `map-N` for column N (1-based): a field name, `-`, or nothing chosen.
    fn from_form(form: &Form, columns: usize, consentable: &[String]) -> Draft {
        let choice = |n: usize| match form.text(&format!("map-{n}")) {
            None => Choice::Open,
            Some(DROP) => Choice::Drop,
            Some(field) => Choice::Field(field.to_owned()),
        };
        Draft {
            choices: (1..=columns).map(choice).collect(),
            on_invalid: parse_choice(form.get("on-invalid")),
            on_duplicate: parse_choice(form.get("on-duplicate")),
            consents: consentable
                .iter()
                .filter(|p| form.get(&format!("consent-{p}")).is_some())
                .cloned()
                .collect(),
            date_order: form
                .get("date-order")
                .and_then(|v| DateOrder::from_str(v, false).ok()),
        }
    }

    fn drop_open(&mut self) {
        for choice in &mut self.choices {
            if *choice == Choice::Open {
                *choice = Choice::Drop;
            }
        }
    }

    fn plan(&self, mapping: Mapping) -> Plan {
        Plan {
            mapping,
            on_invalid: self.on_invalid,
            on_duplicate: self.on_duplicate,
            consents: self.consents.clone(),
            date_order: self.date_order,
        }
    }
}

/// A select's value as the CLI flag's value names it; the default when unknown.
fn parse_choice<T: ValueEnum + Default>(value: Option<&str>) -> T {
    value
        .and_then(|v| T::from_str(v, false).ok())
        .unwrap_or_default()
}

fn choice_name<T: ValueEnum>(value: &T) -> String {
    value
        .to_possible_value()
        .map(|v| v.get_name().to_owned())
        .unwrap_or_default()
}

#[derive(Serialize)]
struct Column {
    number: usize,
    header: String,
    /// The select's value: a field name, `-`, or empty for no choice yet.
    chosen: String,
    guessed: bool,
    error: Option<String>,
}

#[derive(Serialize)]
struct FieldOption {
    name: String,
    label: String,
}

#[derive(Serialize)]
struct ConsentOption {
    purpose: String,
    checked: bool,
}

/// The field's label in the page's language, else its name.
fn label(field: &FieldSpec, lang: Lang) -> String {
    let label = match lang {
        Lang::En => field.label_en.as_ref().or(field.label.as_ref()),
        Lang::Nl => field.label.as_ref(),
    };
    label.cloned().unwrap_or_else(|| field.name.clone())
}

/// The label of the field called `name`.
fn label_of(fields: &[FieldSpec], name: &str, lang: Lang) -> String {
    fields
        .iter()
        .find(|f| f.name == name)
        .map_or_else(|| name.to_owned(), |f| label(f, lang))
}

/// What the page needs from the vault: its fields and the purposes consent can be given for.
fn vault_choices(app: &App) -> Result<(Vec<FieldSpec>, Vec<String>), Error> {
    let Some(open) = &app.open else {
        return Ok((Vec::new(), Vec::new()));
    };
    let conn = open.vault.conn();
    let schema = SchemaView::load(conn)?;
    let mut fields = import::field_specs(conn)?;
    // In the order the customer form shows them.
    fields.sort_by_key(|f| schema.fields.iter().position(|s| s.name == f.name));
    let consentable = consent::consentable_purposes(&schema)
        .into_iter()
        .map(|p| p.name.clone())
        .collect();
    Ok((fields, consentable))
}

/// The preview and the mapping table. `draft` is what the user sent (after a refusal);
/// without it, the accepted plan or kluis's guess.
fn mapping_page(app: &App, draft: Option<&Draft>, refusal: Option<&import::Error>) -> Response {
    let Some(pending) = &app.pending_import else {
        return Response::redirect("/import");
    };
    let (fields, consentable) = match vault_choices(app) {
        Ok(found) => found,
        Err(error) => return failure(app, &error, "/import"),
    };
    let proposed;
    let draft = match draft {
        Some(draft) => draft,
        None => {
            proposed = match &pending.checked {
                Some(plan) => Draft::from_plan(plan),
                None => Draft::guessed(&pending.table.headers, &fields),
            };
            &proposed
        }
    };
    let consents: Vec<ConsentOption> = consentable
        .into_iter()
        .map(|purpose| ConsentOption {
            checked: draft.consents.contains(&purpose),
            purpose,
        })
        .collect();
    let mut response = app.page(
        "import-map.html",
        context! {
            nav => "import", file => pending.file_name, rows => pending.table.rows.len(),
            headers => pending.table.headers, preview => preview(&pending.table),
            header_unrecognised => header_unrecognised(pending, &fields),
            columns => columns(app, &pending.table.headers, &fields, draft, refusal),
            fields => field_options(&fields, app.lang), consents,
            problem => refusal.map(|error| page_problem(app, error, &fields)),
            on_invalid => choice_name(&draft.on_invalid),
            on_duplicate => choice_name(&draft.on_duplicate),
            date_order => draft.date_order.as_ref().map(choice_name).unwrap_or_default(),
        },
    );
    if refusal.is_some() {
        response.status = 422;
    }
    response
}

/// Whether the first row was taken as the header though no cell of it is a column name kluis
/// knows: it may be a customer, who would then be left out.
fn header_unrecognised(pending: &Pending, fields: &[FieldSpec]) -> bool {
    pending.has_header
        && mapping::confirm_header(&pending.table, fields, &MappingSpec::default(), &[]).is_err()
}

/// The first rows: their number in the file, and their cells.
fn preview(table: &Table) -> Vec<(usize, Vec<&str>)> {
    table
        .rows
        .iter()
        .take(PREVIEW_ROWS)
        .map(|row| (row.number, row.cells().collect()))
        .collect()
}

fn field_options(fields: &[FieldSpec], lang: Lang) -> Vec<FieldOption> {
    fields
        .iter()
        .map(|f| FieldOption {
            name: f.name.clone(),
            label: label(f, lang),
        })
        .collect()
}

/// One line of the mapping table per column: its choice, and a refusal's message about it.
fn columns(
    app: &App,
    headers: &[String],
    fields: &[FieldSpec],
    draft: &Draft,
    refusal: Option<&import::Error>,
) -> Vec<Column> {
    let guesses = mapping::guess(headers, fields);
    headers
        .iter()
        .zip(&draft.choices)
        .zip(guesses)
        .enumerate()
        .map(|(index, ((header, choice), guess))| {
            let chosen = match choice {
                Choice::Field(name) => name.clone(),
                Choice::Drop => DROP.to_owned(),
                Choice::Open => String::new(),
            };
            Column {
                number: index + 1,
                header: header.clone(),
                guessed: guess.as_ref() == Some(&chosen),
                chosen,
                error: refusal.and_then(|r| column_error(app, r, index + 1, fields)),
            }
        })
        .collect()
}

/// The message at column `number` (1-based) when a refusal is about it.
fn column_error(
    app: &App,
    refusal: &import::Error,
    number: usize,
    fields: &[FieldSpec],
) -> Option<String> {
    match refusal {
        import::Error::UnmappedColumns { positions, .. } if positions.contains(&number) => {
            Some(app.text("import-choose-column", &[]))
        }
        import::Error::FieldMappedTwice {
            field, positions, ..
        } if positions.contains(&number) => {
            let field = label_of(fields, field, app.lang);
            Some(app.text("import-field-twice", &[("field", field)]))
        }
        _ => None,
    }
}

/// The message above the form for a refused mapping.
fn page_problem(app: &App, error: &import::Error, fields: &[FieldSpec]) -> String {
    match error {
        import::Error::UnmappedColumns { .. } | import::Error::FieldMappedTwice { .. } => {
            app.text("import-fix-columns", &[])
        }
        import::Error::RequiredNotMapped { field } => {
            let field = label_of(fields, field, app.lang);
            app.text("import-required", &[("field", field)])
        }
        import::Error::DateOrderAmbiguous { columns } => app.text(
            "import-date-order-ambiguous",
            &[("columns", columns.join(", "))],
        ),
        import::Error::DateOrderConflict {
            column,
            day_first_row,
            month_first_row,
        } => app.text(
            "import-date-order-conflict",
            &[
                ("column", column.clone()),
                ("day", day_first_row.to_string()),
                ("month", month_first_row.to_string()),
            ],
        ),
        import::Error::NothingMapped {} => app.text("import-nothing-mapped", &[]),
        import::Error::NothingImported {
            rows_read,
            skipped_invalid,
            duplicates_skipped,
            empty,
        } => app.text(
            "import-nothing-imported",
            &[
                ("rows", rows_read.to_string()),
                ("invalid", skipped_invalid.to_string()),
                ("duplicates", duplicates_skipped.to_string()),
                ("empty", empty.to_string()),
            ],
        ),
        other => super::technical(app, other),
    }
}

/// Checks the chosen mapping and runs the import without keeping anything, as
/// `kluis import --dry-run` does; a plan that passes is kept for the import.
fn dry_run(app: &mut App, form: &Form) -> Response {
    let now = clock::now();
    let consentable = match vault_choices(app) {
        Ok((_, consentable)) => consentable,
        Err(error) => return failure(app, &error, "/import"),
    };
    let App {
        open,
        pending_import,
        ..
    } = app;
    let (Some(open), Some(pending)) = (open.as_mut(), pending_import.as_mut()) else {
        return Response::redirect("/import");
    };
    let mut draft = Draft::from_form(form, pending.table.headers.len(), &consentable);
    pending.checked = None;
    if form.get("skip-rest").is_some() {
        // The form's "drop every column without a choice", as `--skip-unmapped`: shown
        // again, so the user sees what is dropped before checking.
        draft.drop_open();
        return mapping_page(app, Some(&draft), None);
    }
    let planned = import::field_specs(open.vault.conn()).and_then(|fields| {
        let mapping = mapping::from_choices(&pending.table.headers, &fields, &draft.choices)?;
        let plan = draft.plan(mapping);
        let outcome = pending.import(open.vault.conn_mut(), &plan, true, now);
        Ok((plan, outcome))
    });
    match planned {
        Ok((plan, Ok(outcome))) => {
            let mapping = plan.mapping.clone();
            pending.checked = Some(plan);
            checked_page(app, &mapping, Checked::Passed(&outcome))
        }
        Ok((
            plan,
            Err(import::Error::InvalidRows {
                problems,
                total,
                rows,
            }),
        )) => {
            let refused = Checked::Refused {
                problems: &problems,
                total,
                rows,
            };
            checked_page(app, &plan.mapping, refused)
        }
        Ok((_, Err(error))) | Err(error) => mapping_page(app, Some(&draft), Some(&error)),
    }
}

/// What a dry run (or an import) found.
enum Checked<'a> {
    Passed(&'a pipeline::Outcome),
    /// Rows with invalid values, so nothing would be imported.
    Refused {
        problems: &'a [Problem],
        total: usize,
        rows: usize,
    },
}

#[derive(Serialize)]
struct MappedColumn {
    header: String,
    field: Option<String>,
}

/// The dry run's summary: what would be added, merged and left out, with the import
/// button; or, when rows are invalid, which rows and columns, and no button.
fn checked_page(app: &App, mapping: &Mapping, checked: Checked<'_>) -> Response {
    let Some(pending) = &app.pending_import else {
        return Response::redirect("/import");
    };
    let fields = vault_choices(app).map(|(f, _)| f).unwrap_or_default();
    let columns: Vec<MappedColumn> = mapping
        .columns
        .iter()
        .map(|c| MappedColumn {
            header: c.column.clone(),
            field: c
                .field
                .as_ref()
                .map(|name| label_of(&fields, name, app.lang)),
        })
        .collect();
    // Problems name a row, a column and a rule; never a value.
    let (outcome, problems, more, refused_rows) = match checked {
        Checked::Passed(outcome) => (
            Some(outcome),
            &outcome.problems[..],
            outcome.problems_total - outcome.problems.len(),
            0,
        ),
        Checked::Refused {
            problems,
            total,
            rows,
        } => (None, problems, total - problems.len(), rows),
    };
    let problems: Vec<ShownProblem> = problems.iter().map(|p| shown(app, p)).collect();
    let kept_both = outcome.map_or(0, |o| o.duplicates - o.duplicates_skipped - o.updated);
    let notes: Vec<String> = pending
        .table
        .notes
        .iter()
        .map(|note| notes::note_text(app, note))
        .collect();
    let mut response = app.page(
        "import-summary.html",
        context! {
            nav => "import", file => pending.file_name, columns, outcome, problems, more,
            refused_rows, kept_both, notes,
        },
    );
    if outcome.is_none() {
        response.status = 422;
    }
    response
}

/// Imports the plan the dry run accepted, as one change, then says what happened and that
/// the original file still holds everything in the clear.
fn run(app: &mut App) -> Response {
    let now = clock::now();
    let Some(mut pending) = app.pending_import.take() else {
        return Response::redirect("/import");
    };
    let Some(plan) = pending.checked.clone() else {
        app.pending_import = Some(pending);
        return Response::redirect("/import/map");
    };
    let imported = with_change(app, false, |conn| {
        pending.import(conn, &plan, false, now).map_err(Error::from)
    });
    match imported {
        Ok(outcome) => app.page(
            "import-done.html",
            context! { nav => "import", file => pending.file_name, outcome },
        ),
        Err(Outcome::Refused(Error::Import(import::Error::InvalidRows {
            problems,
            total,
            rows,
        }))) => {
            // The vault changed since the dry run; the rows are refused now.
            pending.checked = None;
            app.pending_import = Some(pending);
            let refused = Checked::Refused {
                problems: &problems,
                total,
                rows,
            };
            checked_page(app, &plan.mapping, refused)
        }
        Err(Outcome::Refused(error)) => {
            pending.checked = None;
            app.pending_import = Some(pending);
            failure(app, &error, "/import/map")
        }
        Err(Outcome::Page(response)) => response,
    }
}

#[cfg(test)]
mod tests {
    use crate::records::record;
    use crate::records::view::SchemaView;
    use crate::schema::model::{Field, FieldType, LegalBasis, Purpose, Retention};
    use crate::schema::{self};
    use crate::web::testing::{TestApp, body, location};

    const KLANTEN: &[u8] =
        b"Naam;E-mailadres;Schoenmaat\r\nJan de Vries;jan@example.nl;43\r\nPiet Bos;piet@example.nl;44\r\n";

    /// An unlocked vault with a purpose and three fields, declared through the library.
    fn shop() -> TestApp {
        let mut test = TestApp::unlocked();
        let conn = test.app.open.as_mut().unwrap().vault.conn_mut();
        let tx = conn.transaction().unwrap();
        for (name, basis) in [
            ("customer-admin", LegalBasis::Contract),
            ("newsletter", LegalBasis::Consent),
        ] {
            let purpose = Purpose {
                retention: Retention::of("2y".parse().unwrap()),
                ..Purpose::new(name, basis, "Klanten helpen")
            };
            schema::add_purpose(&tx, &purpose).unwrap();
        }
        let field = |name: &str, field_type, purposes: &[&str], label: &str| Field {
            label: Some(label.into()),
            ..Field::new(name, field_type, purposes)
        };
        let fields = [
            Field {
                required: true,
                ..field("name", FieldType::Text, &["customer-admin"], "Naam")
            },
            field(
                "email",
                FieldType::Email,
                &["customer-admin", "newsletter"],
                "E-mailadres",
            ),
            field("phone", FieldType::Phone, &["customer-admin"], "Telefoon"),
            field(
                "birthdate",
                FieldType::Date,
                &["customer-admin"],
                "Geboortedatum",
            ),
        ];
        for field in &fields {
            schema::add_field(&tx, field).unwrap();
        }
        tx.commit().unwrap();
        test
    }

    fn names(test: &TestApp) -> Vec<String> {
        let conn = test.conn();
        let schema = SchemaView::load(conn).unwrap();
        record::load(conn, &schema, None)
            .unwrap()
            .iter()
            .map(|r| r.value("name").unwrap_or_default().to_owned())
            .collect()
    }

    /// What is in the vault's folder: names and sizes.
    fn folder(test: &TestApp) -> Vec<(String, u64)> {
        let mut found: Vec<(String, u64)> = std::fs::read_dir(test.dir.path())
            .unwrap()
            .map(|entry| {
                let entry = entry.unwrap();
                let size = entry.metadata().unwrap().len();
                (entry.file_name().to_string_lossy().into_owned(), size)
            })
            .collect();
        found.sort();
        found
    }

    fn upload_klanten(test: &mut TestApp) {
        let uploaded = test.upload("/import", &[], "klanten.csv", KLANTEN);
        assert_eq!(
            location(&uploaded),
            Some("/import/map"),
            "{}",
            body(&uploaded)
        );
    }

    const CHOSEN: &[(&str, &str)] = &[("map-1", "name"), ("map-2", "email"), ("map-3", "-")];

    /// Regression: a file whose first row is a customer without an e-mail address, phone,
    /// postcode or date went to the mapping page with that customer as column names, and
    /// the import left her out, without a word.
    #[test]
    fn a_first_row_that_names_no_known_column_is_pointed_out_on_the_mapping_page() {
        let mut test = shop();
        let headerless = b"Anna de Vries;Kerkstraat 1\r\nPiet Bos;Dorpsweg 2\r\n";
        for (form, warned) in [(&[][..], true), (&[("no-header", "on")][..], false)] {
            test.upload("/import", form, "klanten.csv", headerless);
            let page = test.get("/import/map");
            let html = body(&page);
            assert_eq!(
                html.contains(r#"id="header-unrecognised""#),
                warned,
                "{html}"
            );
        }
        upload_klanten(&mut test);
        let page = test.get("/import/map");
        let html = body(&page);
        assert!(!html.contains(r#"id="header-unrecognised""#), "{html}");
    }

    #[test]
    fn the_upload_form_posts_a_file_with_a_label() {
        let mut test = shop();
        let page = test.get("/import");
        let html = body(&page);
        assert_eq!(page.status, 200);
        assert!(
            html.contains(
                r#"<form id="upload" enctype="multipart/form-data" method="post" action="/import""#
            ),
            "{html}"
        );
        assert!(
            html.contains(r#"<label for="file">"#) && html.contains(r#"name="file" type="file""#)
        );
        assert!(html.contains(r#"name="csrf""#));
    }

    #[test]
    fn a_csv_goes_through_preview_mapping_dry_run_and_import() {
        let mut test = shop();
        upload_klanten(&mut test);
        let page = test.get("/import/map");
        let html = body(&page);
        assert!(
            html.contains("Piet Bos"),
            "the preview shows the rows: {html}"
        );
        assert!(html.contains(r#"<form id="mapping""#));
        assert!(
            html.contains(r#"<option value="name" selected>"#),
            "guessed: {html}"
        );
        assert!(
            html.contains(r#"<option value="email" selected>"#),
            "guessed: {html}"
        );
        assert!(html.contains(r#"<label for="map-3">3. Schoenmaat</label>"#));
        assert!(html.contains(r#"id="dry-run""#));

        let checked = test.post("/import/map", CHOSEN);
        let html = body(&checked);
        assert_eq!(checked.status, 200, "{html}");
        assert!(html.contains("Nieuwe klanten: 2"), "{html}");
        assert!(html.contains(r#"<form id="run-import""#), "{html}");
        assert!(names(&test).is_empty(), "a dry run keeps nothing");

        let done = test.post("/import/run", &[]);
        let html = body(&done);
        assert!(html.contains(r#"id="import-done""#), "{html}");
        assert!(html.contains("Toegevoegd: 2 klanten"), "{html}");
        assert!(
            html.contains("klanten.csv") && html.contains("prullenbak"),
            "{html}"
        );
        assert_eq!(names(&test), ["Jan de Vries", "Piet Bos"]);
        assert!(test.app.pending_import.is_none(), "the file is forgotten");
    }

    /// Regression: the reader's notes were the CLI's English sentences on a Dutch page.
    #[test]
    fn the_summary_says_in_dutch_how_the_file_was_read() {
        let mut test = shop();
        upload_klanten(&mut test);
        let html = body(&test.post("/import/map", CHOSEN)).to_owned();
        assert!(
            html.contains("Hoe kluis het bestand las")
                && html.contains("<li>Scheidingsteken gevonden: &#x27;;&#x27;</li>"),
            "{html}"
        );
        assert!(!html.contains("delimiter"), "{html}");
    }

    #[test]
    fn a_column_left_without_a_choice_is_refused() {
        let mut test = shop();
        upload_klanten(&mut test);
        let refused = test.post(
            "/import/map",
            &[("map-1", "name"), ("map-2", "email"), ("map-3", "")],
        );
        let html = body(&refused);
        assert_eq!(refused.status, 422, "{html}");
        assert!(
            html.contains(r#"id="e-map-3""#),
            "the message is at the column: {html}"
        );
        assert!(!html.contains(r#"id="e-map-1""#));
        assert!(!html.contains("run-import"));
        // The import cannot be run around the check.
        assert_eq!(
            location(&test.post("/import/run", &[])),
            Some("/import/map")
        );
        assert!(names(&test).is_empty());
    }

    #[test]
    fn one_button_drops_the_columns_without_a_choice_and_shows_that_first() {
        let mut test = shop();
        upload_klanten(&mut test);
        let open = [("map-1", "name"), ("map-2", "email"), ("map-3", "")];
        let page = test.post(
            "/import/map",
            &[open.as_slice(), &[("skip-rest", "1")]].concat(),
        );
        let html = body(&page);
        assert_eq!(page.status, 200, "{html}");
        assert!(html.contains(r#"<form id="mapping""#) && !html.contains("run-import"));
        let select = &html[html.find(r#"name="map-3""#).unwrap()..];
        let select = &select[..select.find("</select>").unwrap()];
        assert!(
            select.contains(r#"<option value="-" selected>"#),
            "{select}"
        );
    }

    #[test]
    fn a_duplicate_by_e_mail_is_merged_when_asked() {
        let mut test = shop();
        upload_klanten(&mut test);
        test.post("/import/map", CHOSEN);
        test.post("/import/run", &[]);
        let again = b"Naam,E-mailadres,Telefoon\nJan de Vries,JAN@example.nl,0612345678\n";
        test.upload("/import", &[], "nieuw.csv", again);
        let merge = [
            ("map-1", "name"),
            ("map-2", "email"),
            ("map-3", "phone"),
            ("on-duplicate", "update"),
        ];
        let checked = test.post("/import/map", &merge);
        let html = body(&checked);
        assert!(html.contains("worden aangevuld: 1"), "{html}");
        assert!(html.contains("Nieuwe klanten: 0"), "{html}");
        test.post("/import/run", &[]);
        assert_eq!(names(&test).len(), 2);
    }

    #[test]
    fn invalid_rows_are_named_by_row_and_column_never_by_value() {
        let mut test = shop();
        let file = b"Naam;E-mailadres\nJan;jan@example.nl\nPiet;geen-adres-piet\n";
        test.upload("/import", &[], "k.csv", file);
        let checked = test.post("/import/map", &[("map-1", "name"), ("map-2", "email")]);
        let html = body(&checked);
        assert_eq!(checked.status, 422, "{html}");
        assert!(html.contains("<td>3</td><td>E-mailadres</td>"), "{html}");
        assert!(!html.contains("geen-adres-piet"), "{html}");
        // Regression: the rule was the library's English sentence on a Dutch page.
        assert!(html.contains("Vul een geldig e-mailadres in"), "{html}");
        assert!(!html.contains("is not a valid"), "{html}");
        assert!(!html.contains("run-import"));
        // Importing only the valid rows is a choice on the mapping form.
        let valid_only = [
            ("map-1", "name"),
            ("map-2", "email"),
            ("on-invalid", "skip"),
        ];
        let checked = test.post("/import/map", &valid_only);
        assert!(
            body(&checked).contains("Nieuwe klanten: 1"),
            "{}",
            body(&checked)
        );
        test.post("/import/run", &[]);
        assert_eq!(names(&test), ["Jan"]);
    }

    /// Issue 12: dates that read both ways are refused in words, and the page's date-order
    /// choice settles them, as `--date-order` does.
    #[test]
    fn ambiguous_dates_ask_for_the_order_and_the_choice_settles_it() {
        let mut test = shop();
        let file = b"Naam;Geboortedatum\nJan;03-04-1975\nPiet;05-06-1980\n";
        test.upload("/import", &[], "k.csv", file);
        let map = [("map-1", "name"), ("map-2", "birthdate")];
        let refused = test.post("/import/map", &map);
        assert_eq!(refused.status, 422);
        assert!(
            body(&refused).contains("dag-maand of maand-dag"),
            "{}",
            body(&refused)
        );
        assert!(body(&refused).contains("id=\"date-order\""));
        let chosen = [map[0], map[1], ("date-order", "dmy")];
        let checked = test.post("/import/map", &chosen);
        assert_eq!(checked.status, 200, "{}", body(&checked));
        test.post("/import/run", &[]);
        let conn = test.conn();
        let schema = SchemaView::load(conn).unwrap();
        let stored: Vec<String> = record::load(conn, &schema, None)
            .unwrap()
            .iter()
            .map(|r| r.value("birthdate").unwrap_or_default().to_owned())
            .collect();
        assert_eq!(stored, ["1975-04-03", "1980-06-05"]);
    }

    #[test]
    fn nothing_is_written_next_to_the_vault_until_the_import() {
        let mut test = shop();
        let before = folder(&test);
        upload_klanten(&mut test);
        test.get("/import/map");
        test.post("/import/map", &[("map-1", "name")]);
        test.post("/import/map", CHOSEN);
        assert_eq!(folder(&test), before);
        test.post("/import/run", &[]);
        let after = folder(&test);
        let names: Vec<&str> = after.iter().map(|(name, _)| name.as_str()).collect();
        assert!(names.iter().all(|n| n.starts_with("v.kluis")), "{names:?}");
    }

    #[test]
    fn locking_forgets_the_upload_and_an_unreadable_file_is_refused_in_words() {
        let mut test = shop();
        upload_klanten(&mut test);
        test.post("/lock", &[]);
        assert!(test.app.pending_import.is_none());

        let mut test = shop();
        let empty = test.upload("/import", &[], "leeg.csv", b"Naam;E-mail\n");
        assert_eq!(empty.status, 422);
        assert!(
            body(&empty).contains("alleen kolomnamen"),
            "{}",
            body(&empty)
        );
        let data = test.upload(
            "/import",
            &[],
            "k.csv",
            b"Jan;jan@example.nl\nPiet;piet@example.nl\n",
        );
        assert!(body(&data).contains("kolom 2"), "{}", body(&data));
        assert_eq!(location(&test.get("/import/map")), Some("/import"));
    }
}

/// A row problem as the summary shows it: where, and the rule in the page's language.
#[derive(Serialize)]
struct ShownProblem {
    row: usize,
    column: String,
    rule: String,
}

fn shown(app: &App, problem: &Problem) -> ShownProblem {
    let rule = match &problem.rule {
        Rule::Invalid(error) => super::invalid_value(app, error.field_type()),
        Rule::Required { field } => {
            app.text("import-problem-required", &[("field", field.clone())])
        }
        Rule::ConsentDateInFuture => app.text("import-problem-consent-date", &[]),
        Rule::NeedsConsent { field, purpose } => app.text(
            "import-problem-needs-consent",
            &[("field", field.clone()), ("purpose", purpose.clone())],
        ),
    };
    ShownProblem {
        row: problem.row,
        column: problem.column.clone(),
        rule,
    }
}
