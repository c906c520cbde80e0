//! Where `add`, `edit`, `find` and `request` take their values from besides arguments, which
//! any user can read in `ps` and the shell writes to its history file: standard input, a file,
//! or a prompt on the terminal. This file only reads bytes and asks; what the text means is
//! `records::input`'s rule.

use std::io::{BufRead, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use clap::Args;
use zeroize::Zeroizing;

use crate::Error;
use crate::records::view::FieldInfo;

/// More than any record's values; a larger input is a mistake (the wrong file), not data.
const MAX_INPUT_BYTES: u64 = 1 << 20;

/// The flags that name where values come from instead of the command line.
#[derive(Debug, Clone, Args)]
pub struct ValueSource {
    /// Read the values from standard input instead of arguments (see below)
    #[arg(long, conflicts_with_all = ["from_file", "prompt"])]
    pub stdin: bool,
    /// Read the values from PATH, in the same forms as --stdin
    #[arg(long, value_name = "PATH", conflicts_with = "prompt")]
    pub from_file: Option<PathBuf>,
    /// Ask on the terminal (what happens anyway when a terminal gives no values)
    #[arg(long)]
    pub prompt: bool,
}

/// Where this command's values come from.
pub enum Given {
    /// The arguments, as before.
    Arguments,
    /// The text read from standard input or a file, wiped from memory when dropped.
    Text(Zeroizing<String>),
    /// Ask the person at the terminal.
    Prompt,
}

impl ValueSource {
    /// The one source of values: `arguments_given` says whether any came on the command line.
    /// Two sources are a usage error, as is no source at all outside a terminal.
    pub fn given(&self, arguments_given: bool, example: &str) -> Result<Given, Error> {
        let other = self.stdin || self.from_file.is_some() || self.prompt;
        if arguments_given && other {
            return Err(usage(
                "give the values as arguments or through --stdin, --from-file or --prompt, not both",
                example,
            ));
        }
        if self.stdin {
            return read_text(std::io::stdin().lock(), Path::new("standard input"))
                .map(Given::Text);
        }
        if let Some(path) = &self.from_file {
            let file = std::fs::File::open(path).map_err(|source| Error::Usage {
                message: format!("cannot read {}: {source}", path.display()),
                hint: Some("check the path given to --from-file".into()),
            })?;
            return read_text(file, path).map(Given::Text);
        }
        if arguments_given {
            return Ok(Given::Arguments);
        }
        if std::io::stdin().is_terminal() {
            return Ok(Given::Prompt);
        }
        let message = if self.prompt {
            "--prompt needs a terminal, and standard input is not one"
        } else {
            "no values given"
        };
        Err(usage(message, example))
    }
}

fn usage(message: &str, example: &str) -> Error {
    Error::Usage {
        message: message.into(),
        hint: Some(format!(
            "give them on standard input, which keeps them out of `ps` and shell history: {example}"
        )),
    }
}

/// All of `reader` as UTF-8 text, refusing more than [`MAX_INPUT_BYTES`]; never echoes it.
fn read_text(reader: impl Read, name: &Path) -> Result<Zeroizing<String>, Error> {
    let mut bytes = Zeroizing::new(Vec::new());
    reader
        .take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| Error::Usage {
            message: format!("cannot read {}: {source}", name.display()),
            hint: Some("give the values on standard input or in a readable file".into()),
        })?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(Error::Usage {
            message: format!("{} holds more than 1 MiB", name.display()),
            hint: Some("give the values of one record, as field=value lines or JSON".into()),
        });
    }
    match std::str::from_utf8(&bytes) {
        Ok(text) => Ok(Zeroizing::new(text.to_owned())),
        Err(error) => Err(Error::Usage {
            message: format!(
                "{} is not UTF-8 text (byte {})",
                name.display(),
                error.valid_up_to() + 1
            ),
            hint: Some("save the file as UTF-8".into()),
        }),
    }
}

/// Asks for each field on the terminal; an empty answer skips the field. `blank` says what an
/// empty answer means (for `add` "skip", for `edit` "keep"). Reads with echo: the person sees
/// what they type, and nothing reaches `ps` or the shell's history.
pub fn ask_fields(fields: &[&FieldInfo], blank: &str) -> Result<Vec<(String, String)>, Error> {
    to_stderr!("Type each value and press Enter; an empty line means {blank}.");
    let mut values = Vec::new();
    let mut stdin = std::io::stdin().lock();
    for field in fields {
        let label = field.label.as_deref().unwrap_or(&field.name);
        let required = if field.required { ", required" } else { "" };
        let Some(answer) = ask_line(&mut stdin, &format!("{label} ({}{required}): ", field.name))?
        else {
            break;
        };
        if !answer.trim().is_empty() {
            values.push((field.name.clone(), answer.to_string()));
        }
    }
    Ok(values)
}

/// All of standard input, for values a command takes there instead of as arguments.
pub fn stdin_text() -> Result<Zeroizing<String>, Error> {
    read_text(std::io::stdin().lock(), Path::new("standard input"))
}

/// One text the command line must not hold (an e-mail address, a search): `-` reads it from
/// the first line of standard input, or asks for it on a terminal with `prompt`; anything
/// else is the text itself, as given.
pub fn text_or_stdin(given: &str, prompt: &str) -> Result<Zeroizing<String>, Error> {
    if given != "-" {
        return Ok(Zeroizing::new(given.to_owned()));
    }
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return Ok(ask_line(&mut stdin.lock(), prompt)?.unwrap_or_default());
    }
    let text = read_text(stdin.lock(), Path::new("standard input"))?;
    Ok(Zeroizing::new(
        text.lines().next().unwrap_or_default().to_owned(),
    ))
}

/// Asks for the words to search for.
pub fn ask_search() -> Result<Zeroizing<String>, Error> {
    let answer = ask_line(&mut std::io::stdin().lock(), "Search for: ")?;
    Ok(answer.unwrap_or_default())
}

/// One line typed at the terminal, without its line break; `None` at end of input (Ctrl-D).
fn ask_line(stdin: &mut impl BufRead, prompt: &str) -> Result<Option<Zeroizing<String>>, Error> {
    eprint!("{prompt}");
    let _ = std::io::stderr().flush();
    let mut line = Zeroizing::new(String::new());
    let read = stdin.read_line(&mut line).map_err(|source| Error::Usage {
        message: format!("cannot read the terminal: {source}"),
        hint: Some("give the values with --stdin or --from-file instead".into()),
    })?;
    if read == 0 {
        to_stderr!();
        return Ok(None);
    }
    let trimmed = line.trim_end_matches(['\n', '\r']).len();
    line.truncate(trimmed);
    Ok(Some(line))
}
