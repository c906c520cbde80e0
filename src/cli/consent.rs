use clap::{Args, Subcommand};
use serde::Serialize;

use super::Context;
use super::record_id::{HINT, is_record_id, parse};
use crate::records::{self, RecordId, consent};
use crate::{Error, clock};

/// Record consent for a consent purpose, or for a purpose of a field under explicit consent, or its withdrawal
#[derive(Debug, Subcommand)]
#[command(
    after_help = "Examples:\n  kluis consent give newsletter 12 14\n  kluis consent withdraw newsletter 12"
)]
pub enum ConsentCommand {
    /// Record that one or more people gave consent for a purpose
    #[command(after_help = "\
Examples:
  kluis consent give newsletter 12 14 15
  kluis consent give newsletter 12 --source webform
  kluis consent give allergy-care 12     # a purpose of a field with --art9 explicit-consent
  kluis consent give 12 newsletter       # the older order, one id then the purpose")]
    Give {
        #[command(flatten)]
        targets: Targets,
        /// Where the consent came from: cli, web, webform, webshop, email, phone, in-person,
        /// paper, import or other (a closed list: the log keeps it after an erasure)
        #[arg(long, default_value = "cli")]
        source: String,
    },
    /// Record that one or more people withdrew consent for a purpose
    #[command(after_help = "\
Examples:
  kluis consent withdraw newsletter 12 14
  kluis consent withdraw 12 newsletter   # the older order, one id then the purpose")]
    Withdraw {
        #[command(flatten)]
        targets: Targets,
    },
}

/// `PURPOSE ID…`, or the older `ID PURPOSE`.
#[derive(Debug, Args)]
pub struct Targets {
    /// A purpose with legal basis consent, or one a field with --art9 explicit-consent serves
    purpose: String,
    /// One or more record ids
    #[arg(required = true, value_name = "ID")]
    ids: Vec<String>,
}

/// One person's consent as changed, for `--json`.
#[derive(Debug, Serialize)]
struct Changed<'a> {
    record: RecordId,
    purpose: &'a str,
    consent: &'static str,
}

pub fn run(ctx: &Context, command: ConsentCommand) -> Result<(), Error> {
    let (targets, source, state) = match &command {
        ConsentCommand::Give { targets, source } => (targets, Some(source.as_str()), "given"),
        ConsentCommand::Withdraw { targets } => (targets, None, "withdrawn"),
    };
    let (purpose, ids) = purpose_and_ids(targets)?;
    let mut vault = ctx.open_write()?;
    let now = clock::now();
    records::in_transaction(vault.conn_mut(), |conn, schema| {
        for id in &ids {
            match source {
                Some(source) => consent::give_consent(conn, schema, *id, purpose, source, now)?,
                None => consent::withdraw_consent(conn, schema, *id, purpose, now)?,
            }
        }
        Ok(())
    })?;
    vault.save()?;
    let changed: Vec<Changed> = ids
        .iter()
        .map(|&record| Changed {
            record,
            purpose,
            consent: state,
        })
        .collect();
    if ctx.json {
        ctx.print_json(&changed);
    } else {
        for line in &changed {
            println!("record {}: consent {state} for {purpose}", line.record);
        }
    }
    Ok(())
}

/// Reads `PURPOSE ID…`, or the older `ID PURPOSE`. A purpose name never is all digits (the
/// library's name rule), so a first argument of digits can only be an id.
fn purpose_and_ids(targets: &Targets) -> Result<(&str, Vec<RecordId>), Error> {
    if let [purpose] = targets.ids.as_slice()
        && is_record_id(&targets.purpose)
        && !is_record_id(purpose)
    {
        return Ok((purpose, vec![record_id(&targets.purpose, 1)?]));
    }
    let mut parsed: Vec<RecordId> = Vec::with_capacity(targets.ids.len());
    for (index, id) in targets.ids.iter().enumerate() {
        let id = record_id(id, index + 1)?;
        if !parsed.contains(&id) {
            parsed.push(id);
        }
    }
    Ok((&targets.purpose, parsed))
}

/// The id `text` names; the error says which of the ids it was (`position`, from 1), never
/// what was typed.
fn record_id(text: &str, position: usize) -> Result<RecordId, Error> {
    parse(text).ok_or_else(|| Error::Usage {
        message: format!("id {position} after the purpose is not a record id (digits, such as 12)"),
        hint: Some(format!(
            "write the purpose first, then record ids: `kluis consent give newsletter 12 14`; {HINT}"
        )),
    })
}
