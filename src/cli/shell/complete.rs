//! Tab completion in the shell: command and subcommand names and flags from the same clap
//! tree that parses the lines, and the vault's field and purpose names.

use std::sync::{Arc, Mutex, PoisonError};

use clap::CommandFactory;
use rusqlite::Connection;

use super::super::Cli;

/// The vault's names worth completing, read after unlock and after each command.
#[derive(Debug, Default)]
pub(in crate::cli) struct Names {
    pub fields: Vec<String>,
    pub purposes: Vec<String>,
}

impl Names {
    /// The names in the vault; none when they cannot be read (completion is a convenience).
    pub fn read(conn: &Connection) -> Names {
        let fields = crate::schema::fields(conn)
            .map(|fields| fields.into_iter().map(|f| f.field.name).collect())
            .unwrap_or_default();
        let purposes = crate::schema::purposes(conn)
            .map(|purposes| purposes.into_iter().map(|p| p.purpose.name).collect())
            .unwrap_or_default();
        Names { fields, purposes }
    }
}

/// The shell's rustyline helper.
pub(in crate::cli) struct Completion {
    tree: clap::Command,
    names: Arc<Mutex<Names>>,
}

impl Completion {
    pub fn new(names: Arc<Mutex<Names>>) -> Completion {
        let mut tree = Cli::command();
        // Building propagates the global flags to every subcommand.
        tree.build();
        Completion { tree, names }
    }
}

impl rustyline::completion::Completer for Completion {
    type Candidate = String;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _: &rustyline::Context<'_>,
    ) -> rustyline::Result<(usize, Vec<String>)> {
        let before = &line[..pos];
        let start = before.rfind(char::is_whitespace).map_or(0, |at| at + 1);
        let names = self.names.lock().unwrap_or_else(PoisonError::into_inner);
        let offered = candidates(&self.tree, &before[..start], &before[start..], &names);
        Ok((start, offered))
    }
}

impl rustyline::hint::Hinter for Completion {
    type Hint = String;
}
impl rustyline::highlight::Highlighter for Completion {}
impl rustyline::validate::Validator for Completion {}
impl rustyline::Helper for Completion {}

/// What may follow `done` (the whole words before the cursor) and starts with `word`.
fn candidates(tree: &clap::Command, done: &str, word: &str, names: &Names) -> Vec<String> {
    let words: Vec<&str> = done.split_whitespace().collect();
    let command = walk(tree, &words);
    let previous = words.last().copied().unwrap_or_default();
    let mut offered: Vec<String> = if word.starts_with('-') {
        flags(command)
    } else if let Some(flag) = previous.strip_prefix("--") {
        match flag {
            "purpose" => names.purposes.clone(),
            "fields" | "columns" => names.fields.clone(),
            _ if takes_value(command, flag) => Vec::new(),
            _ => positional(tree, command, names),
        }
    } else {
        positional(tree, command, names)
    };
    offered.retain(|candidate| candidate.starts_with(word));
    offered.sort();
    offered.dedup();
    offered
}

/// The (sub)command the words name, skipping flags and their values.
fn walk<'a>(tree: &'a clap::Command, words: &[&str]) -> &'a clap::Command {
    let mut command = tree;
    let mut value_next = false;
    for word in words {
        if std::mem::take(&mut value_next) {
            continue;
        }
        if let Some(flag) = word.strip_prefix("--") {
            value_next = !flag.contains('=') && takes_value(command, flag);
        } else if let Some(sub) = command.find_subcommand(word) {
            command = sub;
        }
    }
    command
}

fn takes_value(command: &clap::Command, long: &str) -> bool {
    command
        .get_arguments()
        .find(|arg| arg.get_long() == Some(long))
        .is_some_and(|arg| arg.get_action().takes_values())
}

fn flags(command: &clap::Command) -> Vec<String> {
    let mut flags: Vec<String> = command
        .get_arguments()
        .filter(|arg| !arg.is_hide_set())
        .filter_map(|arg| arg.get_long())
        .map(|long| format!("--{long}"))
        .collect();
    flags.push("--help".into());
    flags
}

/// A word that is not a flag: a subcommand where there are some, else a vault name.
fn positional(tree: &clap::Command, command: &clap::Command, names: &Names) -> Vec<String> {
    if command.has_subcommands() {
        let mut subcommands: Vec<String> = command
            .get_subcommands()
            .filter(|sub| !sub.is_hide_set())
            .map(|sub| sub.get_name().to_owned())
            .collect();
        if std::ptr::eq(command, tree) {
            subcommands.extend(["exit", "quit"].map(String::from));
        }
        return subcommands;
    }
    match command.get_name() {
        // Values are FIELD=VALUE.
        "add" | "edit" => names.fields.iter().map(|f| format!("{f}=")).collect(),
        _ => names
            .purposes
            .iter()
            .chain(&names.fields)
            .cloned()
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn complete(line: &str) -> Vec<String> {
        let names = Names {
            fields: vec!["email".into(), "name".into()],
            purposes: vec!["newsletter".into(), "orders".into()],
        };
        let completion = Completion::new(Arc::new(Mutex::new(names)));
        let start = line.rfind(' ').map_or(0, |at| at + 1);
        let names = completion.names.lock().unwrap();
        candidates(&completion.tree, &line[..start], &line[start..], &names)
    }

    #[test]
    fn commands_and_subcommands_complete() {
        assert_eq!(complete("cons"), ["consent"]);
        assert_eq!(complete("con"), ["config", "consent"]);
        assert_eq!(complete("ex"), ["exit", "export"]);
        assert_eq!(complete("consent "), ["give", "help", "withdraw"]);
        assert_eq!(complete("--json consent w"), ["withdraw"]);
    }

    #[test]
    fn flags_complete_with_the_global_ones() {
        assert_eq!(complete("list --pur"), ["--purpose"]);
        assert_eq!(complete("list --js"), ["--json"]);
    }

    #[test]
    fn vault_names_complete_where_they_fit() {
        assert_eq!(complete("add e"), ["email="]);
        assert_eq!(complete("list --purpose n"), ["newsletter"]);
        assert_eq!(complete("list --fields n"), ["name"]);
        assert_eq!(complete("consent give 12 o"), ["orders"]);
        assert_eq!(complete("list --vault "), Vec::<String>::new());
    }
}
