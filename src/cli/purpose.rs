use crate::text::visible;
use clap::builder::TypedValueParser;
use clap::{Args, Subcommand};
use rusqlite::Transaction;
use serde::Serialize;

use super::Context;
use super::names;
use crate::Error;
use crate::schema::model::{
    LegalBasis, OutsideCategory, Profiling, ProfilingKind, Purpose, Retention, RetentionStart,
};
use crate::schema::{self, PurposeChanges, StoredPurpose};

/// Why you keep data: each purpose has one legal basis and a retention
#[derive(Debug, Subcommand)]
#[command(after_help = "\
Examples:
  kluis purpose add customer-admin --basis contract --profiling none --description \"Orders leveren en factureren\" --retention 2y
  kluis purpose add newsletter --basis consent --profiling none --description \"Nieuwsbrief sturen\" --retention-from consent-withdrawn
  kluis purpose add bookkeeping --basis legal-obligation --profiling none --law \"AWR art. 52\" --description \"Fiscale bewaarplicht\" --retention 7y --retention-from created
  kluis purpose add fraud --basis legitimate-interests --profiling profiling --profiling-logic \"We tellen te laat betaalde facturen\" --interest \"Fraude voorkomen\" --description \"Fraudecontrole bij bestellingen\" --retention 1y --no-recipients
  kluis purpose edit newsletter --retention 18m
  kluis purpose edit newsletter --description-en \"Sending a newsletter\"
  kluis purpose list --json
  kluis purpose show bookkeeping
  kluis purpose move newsletter --before customer-admin
  kluis purpose remove fraud")]
pub enum PurposeCommand {
    /// Add a purpose
    #[command(after_help = "\
Examples:
  kluis purpose add customer-admin --basis contract --profiling none --description \"Orders leveren en factureren\" --description-en \"Delivering and invoicing orders\" --retention 2y
  kluis purpose add payroll --basis legal-obligation --profiling none --law \"Wet LB 1964 art. 28\" --law-en \"Wage Tax Act 1964 s. 28\" --description \"Loonadministratie\" --retention 7y --retention-from end-of-contract
  kluis purpose add members --basis contract --profiling none --subjects leden --subjects-en members --minors --description \"Ledenadministratie\" --retention 2y --retention-from end-of-contract
  kluis purpose add camera --basis legitimate-interests --profiling none --interest \"Diefstal voorkomen\" --category \"Camerabeelden van de winkel\" --category-en \"Camera images of the shop\" --description \"Camerabewaking\" --retention 28d --retention-from created --no-recipients
  kluis purpose add newsletter --basis consent --profiling none --description \"Nieuwsbrief\" --retention-from consent-withdrawn")]
    Add(AddArgs),
    /// Change a purpose's description, interest, law, retention or declarations
    #[command(after_help = "\
Examples:
  kluis purpose edit newsletter --retention 18m
  kluis purpose edit newsletter --direct-marketing     # an objection to it is absolute
  kluis purpose edit newsletter --description-en \"Sending a newsletter\"
  kluis purpose edit fraud --interest-en \"Preventing fraud\"
  kluis purpose edit fraud --profiling automated-decision --profiling-logic \"...\" --profiling-effect \"...\"
  kluis purpose edit bookkeeping --law-en \"General Tax Act s. 52\"
  kluis purpose edit customer-admin --drop-legacy-recipients")]
    Edit(EditArgs),
    /// List the purposes
    #[command(after_help = "Examples:\n  kluis purpose list\n  kluis purpose list --json")]
    List,
    /// Show one purpose and the fields that serve it
    #[command(
        after_help = "Examples:\n  kluis purpose show newsletter\n  kluis purpose show newsletter --json"
    )]
    Show(NameArg),
    /// Remove a purpose that no field uses
    #[command(after_help = "Example:\n  kluis purpose remove newsletter")]
    Remove(NameArg),
    /// Change the order in which the statement and the register list the purposes
    #[command(after_help = "\
Examples:
  kluis purpose move newsletter --before customer-admin
  kluis purpose move bookkeeping --to 1")]
    Move(MoveArgs),
}

#[derive(Debug, Args)]
pub struct MoveArgs {
    /// The purpose to move
    pub name: String,
    /// Put it just before this purpose
    #[arg(
        long,
        value_name = "PURPOSE",
        conflicts_with = "to",
        required_unless_present = "to"
    )]
    pub before: Option<String>,
    /// Put it at this place, counting from 1
    #[arg(long, value_name = "N")]
    pub to: Option<usize>,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The purpose's name: lowercase letters, digits, '-' and '_'
    pub name: String,
    /// The Art. 6(1) legal basis
    #[arg(long, value_parser = basis_parser())]
    pub basis: LegalBasis,
    /// What the data is used for, in the words the privacy statement will show
    #[arg(long)]
    pub description: String,
    /// The description for the English statement
    #[arg(long, value_name = "TEXT")]
    pub description_en: Option<String>,
    #[command(flatten)]
    pub retention: RetentionArgs,
    /// The legitimate interest (required with --basis legitimate-interests)
    #[arg(long, value_name = "TEXT")]
    pub interest: Option<String>,
    /// The interest for the English statement
    #[arg(long, value_name = "TEXT")]
    pub interest_en: Option<String>,
    /// The statutory reference, e.g. "AWR art. 52" (needed for a BSN field)
    #[arg(long, value_name = "TEXT")]
    pub law: Option<String>,
    /// The law as the English statement names it
    #[arg(long, value_name = "TEXT")]
    pub law_en: Option<String>,
    #[command(flatten)]
    pub people: PeopleArgs,
    #[command(flatten)]
    pub profiling: ProfilingArgs,
    #[command(flatten)]
    pub categories: CategoryArgs,
    /// Declares that nobody outside the business receives this purpose's data
    #[arg(long)]
    pub no_recipients: bool,
    /// Marks the purpose as direct marketing: an objection to it is absolute (Art. 21(3))
    #[arg(long)]
    pub direct_marketing: bool,
}

/// How long data is kept, and from when.
#[derive(Debug, Args)]
pub struct RetentionArgs {
    /// How long data is kept for this purpose: 7y, 18m or 90d ("" removes it on edit)
    #[arg(long, value_name = "PERIOD")]
    pub retention: Option<String>,
    /// The moment the period counts from; without --retention, the event that ends the keeping
    #[arg(long, value_name = "START", value_parser = names::<RetentionStart>(RetentionStart::NAMES))]
    pub retention_from: Option<RetentionStart>,
    /// Explains the retention in words; it never replaces a period or an event
    #[arg(long, value_name = "TEXT")]
    pub retention_note: Option<String>,
    /// The retention note for the English statement
    #[arg(long, value_name = "TEXT")]
    pub retention_note_en: Option<String>,
}

/// Who the people are.
#[derive(Debug, Args)]
pub struct PeopleArgs {
    /// Who the people are, e.g. "leden" or "sollicitanten" (default: klanten)
    #[arg(long, value_name = "TEXT")]
    pub subjects: Option<String>,
    /// Who the people are, for the English statement (default: customers)
    #[arg(long, value_name = "TEXT")]
    pub subjects_en: Option<String>,
    /// Children under 16 are among them (UAVG art. 5)
    #[arg(long)]
    pub minors: bool,
}

/// The purpose's answer on profiling and automated decisions.
#[derive(Debug, Args)]
pub struct ProfilingArgs {
    /// Whether this purpose profiles people or decides about them automatically
    #[arg(long, value_name = "ANSWER", value_parser = names::<ProfilingKind>(ProfilingKind::NAMES))]
    pub profiling: Option<ProfilingKind>,
    /// How the profile or decision is made
    #[arg(long, value_name = "TEXT")]
    pub profiling_logic: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub profiling_logic_en: Option<String>,
    /// What it means for the person
    #[arg(long, value_name = "TEXT")]
    pub profiling_effect: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub profiling_effect_en: Option<String>,
}

/// Personal data the purpose keeps outside the vault.
#[derive(Debug, Args)]
pub struct CategoryArgs {
    /// Data kept outside the vault, e.g. "Camerabeelden van de winkel"; repeat for more
    #[arg(long, value_name = "TEXT")]
    pub category: Vec<String>,
    /// The English text of each --category, in the same order
    #[arg(long, value_name = "TEXT")]
    pub category_en: Vec<String>,
}

impl CategoryArgs {
    /// Pairs each category with its English text by position; the library refuses an
    /// English text without its category.
    fn categories(self) -> Result<Vec<OutsideCategory>, Error> {
        let rows = self.category.len().max(self.category_en.len());
        let mut texts = self.category.into_iter();
        let mut english = self.category_en.into_iter();
        Ok(schema::purpose::outside_categories(
            (0..rows).map(|_| (texts.next(), english.next())),
        )?)
    }
}

impl ProfilingArgs {
    fn declaration(&self) -> Option<Profiling> {
        self.profiling.map(|kind| Profiling {
            kind,
            logic: self.profiling_logic.clone(),
            logic_en: self.profiling_logic_en.clone(),
            effect: self.profiling_effect.clone(),
            effect_en: self.profiling_effect_en.clone(),
        })
    }
}

#[derive(Debug, Args)]
pub struct EditArgs {
    pub name: String,
    #[arg(long)]
    pub description: Option<String>,
    /// The new English description; "" removes it
    #[arg(long, value_name = "TEXT")]
    pub description_en: Option<String>,
    #[command(flatten)]
    pub retention: RetentionArgs,
    /// The new legitimate interest
    #[arg(long, value_name = "TEXT")]
    pub interest: Option<String>,
    /// The new English interest; "" removes it
    #[arg(long, value_name = "TEXT")]
    pub interest_en: Option<String>,
    /// The new statutory reference; "" removes it
    #[arg(long, value_name = "TEXT")]
    pub law: Option<String>,
    /// The law for the English statement; "" removes it
    #[arg(long, value_name = "TEXT")]
    pub law_en: Option<String>,
    /// Who the people are; "" goes back to the default (klanten)
    #[arg(long, value_name = "TEXT")]
    pub subjects: Option<String>,
    /// Who the people are, in English; "" removes it
    #[arg(long, value_name = "TEXT")]
    pub subjects_en: Option<String>,
    /// Children under 16 are among them
    #[arg(long, conflicts_with = "no_minors")]
    pub minors: bool,
    /// No children under 16 are among them
    #[arg(long)]
    pub no_minors: bool,
    #[command(flatten)]
    pub profiling: ProfilingArgs,
    #[command(flatten)]
    pub categories: CategoryArgs,
    /// Removes every category kept outside the vault
    #[arg(long, conflicts_with = "category")]
    pub no_categories: bool,
    /// Declares that nobody outside the business receives this purpose's data
    #[arg(long)]
    pub no_recipients: bool,
    /// Forgets the free-text recipients and transfers of an older kluis, once each is
    /// restated with `kluis recipient add`
    #[arg(long)]
    pub drop_legacy_recipients: bool,
    /// Marks the purpose as direct marketing: an objection to it is absolute (Art. 21(3))
    #[arg(long, conflicts_with = "no_direct_marketing")]
    pub direct_marketing: bool,
    /// The purpose is not direct marketing
    #[arg(long)]
    pub no_direct_marketing: bool,
}

#[derive(Debug, Args)]
pub struct NameArg {
    pub name: String,
}

/// The legal bases by name, or by their Dutch words (overeenkomst, toestemming, …).
fn basis_parser() -> impl TypedValueParser<Value = LegalBasis> {
    super::names_or_aliases(LegalBasis::NAMES, LegalBasis::ALIASES)
}

/// Runs `change` in one transaction ([`schema::in_transaction`]) on a vault opened for
/// writing, then saves once. A refused change rolls back and leaves the file untouched.
pub(super) fn change<T>(
    ctx: &Context,
    change: impl FnOnce(&Transaction<'_>) -> Result<T, schema::Error>,
) -> Result<T, Error> {
    let mut vault = ctx.open_write()?;
    let result = schema::in_transaction(vault.conn_mut(), change)?;
    vault.save()?;
    Ok(result)
}

/// Like [`change`], for changes that erase values: the backup is replaced too. Where the
/// vault is saved but its backup could not be replaced, that error comes back beside the
/// result, for after the report ([`super::saved_but`]).
pub(super) fn erasing_change<T>(
    ctx: &Context,
    change: impl FnOnce(&Transaction<'_>) -> Result<T, schema::Error>,
) -> Result<(T, Option<crate::vault::Error>), Error> {
    let mut vault = ctx.open_write()?;
    let result = schema::in_transaction(vault.conn_mut(), change)?;
    let saved_but = super::saved_but(vault.save_after_erasure())?;
    Ok((result, saved_but))
}

/// A purpose as `--json` shows it: the period as written (`7y`), the fields that serve it,
/// and its structured recipients.
#[derive(Debug, Serialize)]
struct PurposeView {
    #[serde(flatten)]
    purpose: Purpose,
    /// The period as written, e.g. `7y`.
    retention_period: Option<String>,
    /// The structured recipients that receive this purpose's data, by name.
    recipients: Vec<String>,
    fields: Vec<String>,
    /// An objection to it is absolute (Art. 21(3)).
    direct_marketing: bool,
}

fn view(conn: &rusqlite::Connection, stored: StoredPurpose) -> Result<PurposeView, Error> {
    let fields = schema::fields_of_purpose(conn, stored.id)?
        .into_iter()
        .map(|f| f.field.name)
        .collect();
    let direct_marketing =
        crate::schema::direct_marketing_purposes(conn)?.contains(&stored.purpose.name);
    Ok(PurposeView {
        direct_marketing,
        retention_period: stored.purpose.retention.period.map(|p| p.to_string()),
        recipients: schema::recipient_names(conn, stored.id)?,
        purpose: stored.purpose,
        fields,
    })
}

pub fn run(ctx: &Context, command: PurposeCommand) -> Result<(), Error> {
    match command {
        PurposeCommand::Add(args) => {
            let name = args.name.clone();
            let marketing = args.direct_marketing;
            let purpose = new_purpose(args)?;
            change(ctx, |tx| {
                schema::add_purpose(tx, &purpose)?;
                if marketing {
                    crate::schema::set_direct_marketing(tx, &name, true)?;
                }
                Ok(())
            })?;
            done(ctx, "added", &name)
        }
        PurposeCommand::Edit(args) => {
            let name = args.name.clone();
            let marketing = match (args.direct_marketing, args.no_direct_marketing) {
                (true, _) => Some(true),
                (_, true) => Some(false),
                _ => None,
            };
            let changes = purpose_changes(args)?;
            change(ctx, |tx| {
                schema::update_purpose(tx, &name, &changes)?;
                if let Some(on) = marketing {
                    crate::schema::set_direct_marketing(tx, &name, on)?;
                }
                Ok(())
            })?;
            done(ctx, "changed", &name)
        }
        PurposeCommand::Remove(args) => {
            change(ctx, |tx| schema::remove_purpose(tx, &args.name))?;
            done(ctx, "removed", &args.name)
        }
        PurposeCommand::Move(args) => {
            let place = match (args.before, args.to) {
                (Some(before), _) => schema::Place::Before(before),
                (None, Some(to)) => schema::Place::To(to),
                (None, None) => unreachable!("clap requires --before or --to"),
            };
            let order = change(ctx, |tx| schema::move_purpose(tx, &args.name, &place))?;
            if ctx.json {
                ctx.print_json(
                    &serde_json::json!({ "purpose": args.name, "action": "moved", "order": order }),
                );
            } else {
                println!(
                    "Purpose `{}` moved. Order: {}.",
                    args.name,
                    order.join(", ")
                );
            }
            Ok(())
        }
        PurposeCommand::List => {
            let vault = ctx.open_read()?;
            let mut views = Vec::new();
            for stored in schema::purposes(vault.conn())? {
                views.push(view(vault.conn(), stored)?);
            }
            if ctx.json {
                ctx.print_json(&views);
            } else if views.is_empty() {
                println!("No purposes yet. Add one with `kluis purpose add`.");
            } else {
                print_table(&views);
            }
            Ok(())
        }
        PurposeCommand::Show(args) => {
            let vault = ctx.open_read()?;
            let stored = schema::purpose_by_name(vault.conn(), &args.name)?;
            let view = view(vault.conn(), stored)?;
            if ctx.json {
                ctx.print_json(&view);
            } else {
                print_details(&view);
            }
            Ok(())
        }
    }
}

fn new_purpose(args: AddArgs) -> Result<Purpose, Error> {
    // Before the unlock: a bad name costs no passphrase.
    schema::check_name("purpose", &args.name)?;
    let retention = Retention {
        period: args
            .retention
            .retention
            .as_deref()
            .map(str::parse)
            .transpose()
            .map_err(|error: schema::RetentionError| Error::Usage {
                message: format!("--retention: {error}"),
                hint: None,
            })?,
        start: args.retention.retention_from.unwrap_or_default(),
        note: args.retention.retention_note,
        note_en: args.retention.retention_note_en,
    };
    Ok(Purpose {
        description_en: args.description_en,
        interest: args.interest,
        interest_en: args.interest_en,
        law: args.law,
        law_en: args.law_en,
        retention,
        subjects: args.people.subjects,
        subjects_en: args.people.subjects_en,
        minors: args.people.minors,
        profiling: args.profiling.declaration(),
        categories: args.categories.categories()?,
        no_recipients: args.no_recipients,
        ..Purpose::new(&args.name, args.basis, &args.description)
    })
}

fn purpose_changes(args: EditArgs) -> Result<PurposeChanges, Error> {
    let categories = if args.no_categories {
        Some(Vec::new())
    } else {
        Some(args.categories.categories()?).filter(|list| !list.is_empty())
    };
    Ok(PurposeChanges {
        description: args.description,
        description_en: args.description_en,
        interest: args.interest,
        interest_en: args.interest_en,
        law: args.law,
        law_en: args.law_en,
        retention: args.retention.retention,
        retention_from: args.retention.retention_from,
        retention_note: args.retention.retention_note,
        retention_note_en: args.retention.retention_note_en,
        subjects: args.subjects,
        subjects_en: args.subjects_en,
        minors: match (args.minors, args.no_minors) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        },
        profiling: args.profiling.profiling,
        profiling_logic: args.profiling.profiling_logic,
        profiling_logic_en: args.profiling.profiling_logic_en,
        profiling_effect: args.profiling.profiling_effect,
        profiling_effect_en: args.profiling.profiling_effect_en,
        categories,
        no_recipients: args.no_recipients.then_some(true),
        drop_legacy_recipients: args.drop_legacy_recipients,
    })
}

fn done(ctx: &Context, action: &str, name: &str) -> Result<(), Error> {
    if ctx.json {
        ctx.print_json(&serde_json::json!({ "purpose": name, "action": action }));
    } else {
        println!("Purpose `{name}` {action}.");
    }
    Ok(())
}

fn retention_text(view: &PurposeView) -> String {
    let retention = &view.purpose.retention;
    match (&view.retention_period, retention.start) {
        (Some(period), RetentionStart::LastChange) => period.clone(),
        (Some(period), start) => format!("{period} from {start}"),
        (None, start @ (RetentionStart::EndOfContract | RetentionStart::ConsentWithdrawn)) => {
            format!("until {start}")
        }
        (None, _) if retention.note.is_some() => "see note".to_owned(),
        (None, _) => "-".to_owned(),
    }
}

fn print_table(views: &[PurposeView]) {
    let width = |text: fn(&PurposeView) -> String| {
        views
            .iter()
            .map(|v| text(v).chars().count())
            .max()
            .unwrap_or(0)
    };
    let name_width = width(|v| v.purpose.name.clone());
    let basis_width = width(|v| v.purpose.basis.as_str().to_owned());
    let retention_width = width(retention_text);
    for view in views {
        println!(
            "{:name_width$}  {:basis_width$}  {:retention_width$}  {}",
            view.purpose.name,
            view.purpose.basis.as_str(),
            retention_text(view),
            visible(&view.purpose.description)
        );
    }
}

fn print_details(view: &PurposeView) {
    let purpose = &view.purpose;
    // Every value is shown escaped: an older vault may hold control characters in its texts.
    let line = |label: &str, value: &str| println!("{:<16}{}", format!("{label}:"), visible(value));
    let optional = |label: &str, value: &Option<String>| {
        if let Some(value) = value {
            line(label, value);
        }
    };
    line("purpose", &view.purpose.name);
    line("basis", purpose.basis.as_str());
    line("description", &purpose.description);
    optional("description en", &purpose.description_en);
    optional("interest", &purpose.interest);
    optional("interest en", &purpose.interest_en);
    optional("law", &purpose.law);
    optional("law en", &purpose.law_en);
    line("retention", &retention_text(view));
    optional("retention note", &purpose.retention.note);
    optional("retention en", &purpose.retention.note_en);
    line(
        "subjects",
        purpose.subjects.as_deref().unwrap_or("klanten (default)"),
    );
    optional("subjects en", &purpose.subjects_en);
    if purpose.minors {
        line("minors", "children under 16 are among them");
    }
    if view.direct_marketing {
        line(
            "marketing",
            "direct marketing: an objection is absolute (Art. 21(3))",
        );
    }
    match &purpose.profiling {
        None => line("profiling", "not declared"),
        Some(profiling) => {
            line("profiling", profiling.kind.as_str());
            optional("logic", &profiling.logic);
            optional("logic en", &profiling.logic_en);
            optional("effect", &profiling.effect);
            optional("effect en", &profiling.effect_en);
        }
    }
    for category in &purpose.categories {
        line("kept outside", &category.text);
        optional("  en", &category.text_en);
    }
    for recipient in &view.recipients {
        line("recipient", recipient);
    }
    if purpose.no_recipients {
        line("recipients", "none (declared)");
    }
    for recipient in &purpose.legacy_recipients {
        line("old recipient", recipient);
    }
    for transfer in &purpose.legacy_transfers {
        line("old transfer", transfer);
    }
    let fields = if view.fields.is_empty() {
        "(none)".to_owned()
    } else {
        view.fields.join(", ")
    };
    line("fields", &fields);
}
