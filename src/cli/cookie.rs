use clap::{Args, Subcommand};

use super::Context;
use super::names;
use super::purpose::change;
use super::recipient::SafeguardArgs;
use crate::Error;
use crate::schema::cookie::{self, CookieChanges};
use crate::schema::model::{Cookie, CookieKind, Safeguard};
use crate::text::visible;

/// The cookies on your website: the privacy statement lists exactly these
#[derive(Debug, Subcommand)]
#[command(after_help = "\
Examples:
  kluis cookie add PHPSESSID --provider \"Bakkerij Jansen\" --kind functional --retention session --purpose-text \"Uw winkelmandje onthouden\" --purpose-text-en \"Remembering your basket\"
  kluis cookie add _ga --provider Google --kind analytics --retention 13m --country US --purpose-text \"Bezoek aan de website meten\"
  kluis cookie edit _ga --purpose-text-en \"Measuring visits to the website\"
  kluis cookie list --json
  kluis cookie remove _ga

Analytics and marketing cookies need consent: the statement says so. Without any declared
cookie the statement has no cookie section.")]
pub enum CookieCommand {
    /// Declare a cookie or similar technique
    #[command(after_help = "\
Examples:
  kluis cookie add PHPSESSID --provider \"Bakkerij Jansen\" --kind functional --retention session --purpose-text \"Uw winkelmandje onthouden\"
  kluis cookie add _ga --provider Google --kind analytics --retention 13m --country US --safeguard dpf --consent-asked --purpose-text \"Bezoek aan de website meten\" --purpose-text-en \"Measuring visits to the website\"")]
    Add(AddArgs),
    /// Change a declared cookie
    #[command(after_help = "\
Examples:
  kluis cookie edit _ga --purpose-text-en \"Measuring visits to the website\"
  kluis cookie edit _ga --retention 1y --country \"\" --no-safeguard
  kluis cookie edit _ga --consent-asked     # the cookie banner asks before _ga is placed")]
    Edit(EditArgs),
    /// List the declared cookies
    #[command(after_help = "Examples:\n  kluis cookie list\n  kluis cookie list --json")]
    List,
    /// Remove a declared cookie
    #[command(after_help = "Example:\n  kluis cookie remove _ga")]
    Remove(NameArg),
}

/// `--safeguard` for a cookie: help offers only the values [`cookie::fits_cookies`] allows.
/// The others still parse, so that the command can say why it refuses them.
fn cookie_safeguard(arg: clap::Arg) -> clap::Arg {
    use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
    let values = Safeguard::NAMES.iter().map(|name| {
        let fits = name.parse().is_ok_and(cookie::fits_cookies);
        PossibleValue::new(*name).hide(!fits)
    });
    arg.value_parser(
        PossibleValuesParser::new(values)
            .map(|name| name.parse::<Safeguard>().expect("a listed name parses")),
    )
}

#[derive(Debug, Args)]
#[command(mut_arg("safeguard", cookie_safeguard))]
pub struct AddArgs {
    /// The cookie's name as the browser shows it, e.g. _ga
    pub name: String,
    /// Who places it, by name: your business or a service such as Google (shown as written in
    /// every language)
    #[arg(long)]
    pub provider: String,
    /// What it is for; analytics and marketing cookies need consent
    #[arg(long, value_parser = names::<CookieKind>(CookieKind::NAMES))]
    pub kind: CookieKind,
    /// How long it stays: session, or a period such as 13m, 1y or 30d
    #[arg(long, value_name = "R")]
    pub retention: String,
    /// What it does, in the words the privacy statement shows
    #[arg(long, value_name = "TEXT")]
    pub purpose_text: String,
    /// What it does, for the English statement
    #[arg(long, value_name = "TEXT")]
    pub purpose_text_en: Option<String>,
    /// Where the provider processes it: an ISO 3166-1 alpha-2 code such as NL or US
    #[arg(long, value_name = "CC")]
    pub country: Option<String>,
    /// The website asks the visitor's consent before it places this cookie (a cookie banner
    /// that asks first). Analytics and marketing cookies need this before the statement can
    /// promise "only with your consent"
    #[arg(long)]
    pub consent_asked: bool,
    /// For a provider outside the EEA: the safeguard of that transfer
    #[command(flatten)]
    pub transfer: SafeguardArgs,
}

#[derive(Debug, Args)]
#[command(mut_arg("safeguard", cookie_safeguard))]
pub struct EditArgs {
    /// The cookie's name, as declared
    pub name: String,
    /// Who places it; a new provider needs its --safeguard said again
    #[arg(long)]
    pub provider: Option<String>,
    /// functional, analytics or marketing
    #[arg(long, value_parser = names::<CookieKind>(CookieKind::NAMES))]
    pub kind: Option<CookieKind>,
    /// session, or a period such as 13m
    #[arg(long, value_name = "R")]
    pub retention: Option<String>,
    /// What it does, in the words the privacy statement shows
    #[arg(long, value_name = "TEXT")]
    pub purpose_text: Option<String>,
    /// What it does, for the English statement; "" removes it
    #[arg(long, value_name = "TEXT")]
    pub purpose_text_en: Option<String>,
    /// An ISO 3166-1 alpha-2 code; "" removes it. A new country needs its --safeguard said again
    #[arg(long, value_name = "CC")]
    pub country: Option<String>,
    /// The website asks the visitor's consent before it places this cookie
    #[arg(long, conflicts_with = "no_consent_asked")]
    pub consent_asked: bool,
    /// The website places this cookie without asking first
    #[arg(long)]
    pub no_consent_asked: bool,
    /// adequacy, dpf, scc or bcr, for a provider outside the EEA
    #[arg(long, value_name = "SAFEGUARD", value_parser = names::<Safeguard>(Safeguard::NAMES),
          conflicts_with = "no_safeguard")]
    pub safeguard: Option<Safeguard>,
    /// Remove the safeguard (and its copy texts)
    #[arg(long)]
    pub no_safeguard: bool,
    /// For scc and bcr: how people get a copy; "" removes it
    #[arg(long, value_name = "TEXT")]
    pub safeguard_copy: Option<String>,
    /// The same in English; "" removes it
    #[arg(long, value_name = "TEXT")]
    pub safeguard_copy_en: Option<String>,
}

#[derive(Debug, Args)]
pub struct NameArg {
    pub name: String,
}

pub fn run(ctx: &Context, command: CookieCommand) -> Result<(), Error> {
    match command {
        CookieCommand::Add(args) => {
            let declared = Cookie {
                name: args.name,
                provider: args.provider,
                kind: args.kind,
                retention: args.retention,
                purpose_text: args.purpose_text,
                purpose_text_en: args.purpose_text_en,
                country: args.country,
                consent_asked: args.consent_asked,
                safeguard: args.transfer.safeguard,
                safeguard_copy: args.transfer.safeguard_copy,
                safeguard_copy_en: args.transfer.safeguard_copy_en,
            };
            let added = change(ctx, |tx| Ok(cookie::add_cookie(tx, &declared)?))?;
            done(ctx, "added", &added.name);
        }
        CookieCommand::Edit(args) => {
            let changes = CookieChanges {
                provider: args.provider,
                kind: args.kind,
                retention: args.retention,
                purpose_text: args.purpose_text,
                purpose_text_en: args.purpose_text_en,
                country: args.country,
                consent_asked: match (args.consent_asked, args.no_consent_asked) {
                    (true, _) => Some(true),
                    (_, true) => Some(false),
                    _ => None,
                },
                safeguard: match (args.safeguard, args.no_safeguard) {
                    (Some(safeguard), _) => Some(Some(safeguard)),
                    (None, true) => Some(None),
                    (None, false) => None,
                },
                safeguard_copy: args.safeguard_copy.or(args.no_safeguard.then(String::new)),
                safeguard_copy_en: args
                    .safeguard_copy_en
                    .or(args.no_safeguard.then(String::new)),
            };
            let edited = change(ctx, |tx| Ok(cookie::edit_cookie(tx, &args.name, &changes)?))?;
            done(ctx, "changed", &edited.name);
        }
        CookieCommand::Remove(args) => {
            change(ctx, |tx| Ok(cookie::remove_cookie(tx, &args.name)?))?;
            done(ctx, "removed", args.name.trim());
        }
        CookieCommand::List => list(ctx)?,
    }
    Ok(())
}

/// One line per cookie: name, kind, provider, retention, country, the transfer's safeguard
/// and, for a cookie that needs consent, whether the website is declared to ask for it.
fn list(ctx: &Context) -> Result<(), Error> {
    let vault = ctx.open_read()?;
    let cookies = cookie::cookies(vault.conn()).map_err(crate::schema::Error::from)?;
    if ctx.json {
        ctx.print_json(&cookies);
        return Ok(());
    }
    if cookies.is_empty() {
        println!("No cookies declared. Add one with `kluis cookie add`.");
    }
    for cookie in &cookies {
        let consent = match (cookie.kind.needs_consent(), cookie.consent_asked) {
            (false, _) => "-",
            (true, true) => "consent asked",
            (true, false) => "consent not declared",
        };
        println!(
            "{}  {}  {}  {}  {}  {}  {consent}",
            cookie.name,
            cookie.kind,
            visible(&cookie.provider),
            cookie.retention,
            cookie.country.as_deref().unwrap_or("-"),
            cookie.safeguard.map_or("-", Safeguard::as_str),
        );
    }
    Ok(())
}

fn done(ctx: &Context, action: &str, name: &str) {
    if ctx.json {
        ctx.print_json(&serde_json::json!({ "cookie": name, "action": action }));
    } else {
        println!("Cookie {action}: {}", visible(name));
    }
}
