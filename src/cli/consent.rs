use clap::Subcommand;

use super::Context;
use crate::records::{self, RecordId, consent};
use crate::{Error, clock};

/// Record consent for a consent purpose, or for a purpose of a field under explicit consent, or its withdrawal
#[derive(Debug, Subcommand)]
#[command(
    after_help = "Examples:\n  kluis consent give 12 newsletter\n  kluis consent withdraw 12 newsletter"
)]
pub enum ConsentCommand {
    /// Record that a person gave consent for a purpose
    #[command(after_help = "\
Examples:
  kluis consent give 12 newsletter
  kluis consent give 12 newsletter --source webform
  kluis consent give 12 allergy-care     # a purpose of a field with --art9 explicit-consent")]
    Give {
        /// The record's id
        id: RecordId,
        /// A purpose with legal basis consent, or one a field with --art9 explicit-consent serves
        purpose: String,
        /// Where the consent came from
        #[arg(long, default_value = "cli")]
        source: String,
    },
    /// Record that a person withdrew consent for a purpose
    #[command(after_help = "\
Examples:
  kluis consent withdraw 12 newsletter")]
    Withdraw {
        /// The record's id
        id: RecordId,
        /// A purpose with legal basis consent, or one a field with --art9 explicit-consent serves
        purpose: String,
    },
}

pub fn run(ctx: &Context, command: ConsentCommand) -> Result<(), Error> {
    let mut vault = ctx.open_write()?;
    let message = records::in_transaction(vault.conn_mut(), |conn, schema| match &command {
        ConsentCommand::Give {
            id,
            purpose,
            source,
        } => {
            consent::give_consent(conn, schema, *id, purpose, source, clock::now())?;
            Ok(format!("record {id}: consent given for {purpose}"))
        }
        ConsentCommand::Withdraw { id, purpose } => {
            consent::withdraw_consent(conn, schema, *id, purpose, clock::now())?;
            Ok(format!("record {id}: consent withdrawn for {purpose}"))
        }
    })?;
    vault.save()?;
    println!("{message}");
    Ok(())
}
