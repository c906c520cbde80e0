//! `kluis completions SHELL` and `kluis man`: generated from the same clap definitions as
//! the commands themselves, so they never drift from what kluis accepts.

use std::io::Write;

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::{Cli, Context};
use crate::Error;

/// Print shell completions for kluis
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  kluis completions bash > ~/.local/share/bash-completion/completions/kluis
  kluis completions zsh > ~/.zfunc/_kluis
  kluis completions fish > ~/.config/fish/completions/kluis.fish
  kluis completions powershell >> $PROFILE

Completion covers commands and flags. It never reads the vault, so it needs no passphrase.")]
pub struct CompletionsArgs {
    /// The shell to complete in
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Print the manual page (roff) for kluis
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  kluis man | man -l -
  kluis man > ~/.local/share/man/man1/kluis.1")]
pub struct ManArgs {}

pub fn completions(_ctx: &Context, args: CompletionsArgs) -> Result<(), Error> {
    let mut command = Cli::command();
    clap_complete::generate(args.shell, &mut command, "kluis", &mut std::io::stdout());
    Ok(())
}

pub fn man(_ctx: &Context, _args: ManArgs) -> Result<(), Error> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut page)
        .map_err(|source| Error::Usage {
            message: format!("cannot render the manual page: {source}"),
            hint: None,
        })?;
    let _ = std::io::stdout().write_all(&page);
    Ok(())
}
