//! The optional config file and the environment: defaults for the vault path, the language
//! and the key-derivation cost. Precedence: flag > environment > file > built-in default.
//!
//! The file is `config.toml` in the platform's config folder (`~/.config/kluis/config.toml` on
//! Linux), or the file `KLUIS_CONFIG` names. This is front-end configuration: the library only
//! ever receives the resolved values.

use std::path::{Path, PathBuf};

use clap::Args;
use serde::Serialize;

use super::Context;
use crate::Error;
use crate::statement::Lang;

/// The environment variable naming the config file (for tests and unusual set-ups).
pub const CONFIG_ENV: &str = "KLUIS_CONFIG";

/// The keys a config file may hold, each with its environment variable.
const KEYS: [(&str, &str); 5] = [
    ("vault", "KLUIS_VAULT"),
    ("lang", "KLUIS_LANG"),
    ("kdf_memory_mib", "KLUIS_KDF_MEMORY_MIB"),
    ("kdf_iterations", "KLUIS_KDF_ITERATIONS"),
    ("kdf_parallelism", "KLUIS_KDF_PARALLELISM"),
];

/// Where a setting's value came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Source {
    Flag,
    Env { name: &'static str },
    File { path: PathBuf },
    Default,
}

/// One setting as text, with its source; `None` when nothing sets it and it has no default.
#[derive(Debug, Clone, Serialize)]
pub struct Setting {
    pub key: &'static str,
    pub value: Option<String>,
    pub source: Source,
}

/// The settings from the environment and the config file (flags are applied by each command).
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// The config file that was read, if it exists.
    pub file: Option<PathBuf>,
    entries: Vec<Setting>,
}

/// A config problem, kept as text so a `Context` can hold it until a command needs it.
#[derive(Debug, Clone)]
pub struct ConfigError {
    pub message: String,
    pub hint: String,
}

impl From<ConfigError> for Error {
    fn from(error: ConfigError) -> Self {
        Error::Usage {
            message: error.message,
            hint: Some(error.hint),
        }
    }
}

/// The config file's path: `KLUIS_CONFIG`, else the platform's config folder.
pub fn file_path() -> Option<PathBuf> {
    match std::env::var_os(CONFIG_ENV) {
        Some(path) if !path.is_empty() => Some(PathBuf::from(path)),
        _ => dirs::config_dir().map(|dir| dir.join("kluis").join("config.toml")),
    }
}

impl Settings {
    /// Reads the environment and the config file; a missing file is no error.
    pub fn load() -> Result<Settings, ConfigError> {
        let path = file_path();
        let file = match &path {
            Some(path) => read_file(path)?,
            None => None,
        };
        let mut entries = Vec::new();
        for (key, env) in KEYS {
            let from_env = std::env::var(env).ok().filter(|v| !v.trim().is_empty());
            let setting = match (from_env, file.as_ref().and_then(|t| t.get(key))) {
                (Some(value), _) => {
                    check_value(key, &value).map_err(|why| bad_env(env, &why))?;
                    Setting {
                        key,
                        value: Some(value),
                        source: Source::Env { name: env },
                    }
                }
                (None, Some(value)) => {
                    let path = path.clone().expect("a file was read from a path");
                    let value = file_value(key, value).map_err(|why| bad_key(key, &path, &why))?;
                    Setting {
                        key,
                        value: Some(value),
                        source: Source::File { path },
                    }
                }
                (None, None) => Setting {
                    key,
                    value: None,
                    source: Source::Default,
                },
            };
            entries.push(setting);
        }
        let file = path.filter(|_| file.is_some());
        Ok(Settings { file, entries })
    }

    fn get(&self, key: &str) -> Option<&str> {
        self.entries
            .iter()
            .find(|setting| setting.key == key)
            .and_then(|setting| setting.value.as_deref())
    }

    /// The vault path from the environment or the file, if either sets one.
    pub fn vault(&self) -> Option<PathBuf> {
        self.get("vault").map(expand_home)
    }

    /// The language from the environment or the file, if either sets one.
    pub fn lang(&self) -> Option<Lang> {
        self.get("lang").and_then(|text| text.parse().ok())
    }

    /// A KDF cost (`kdf_memory_mib`, `kdf_iterations`, `kdf_parallelism`) from the environment
    /// or the file.
    pub fn kdf(&self, key: &str) -> Option<u32> {
        self.get(key).and_then(|text| text.parse().ok())
    }

    /// Every setting, with the flag applied where one was given and defaults filled in.
    pub fn report(
        &self,
        vault_flag: Option<&Path>,
        default_vault: Option<PathBuf>,
    ) -> Vec<Setting> {
        self.entries
            .iter()
            .map(|setting| {
                let mut shown = setting.clone();
                if let (true, Some(path)) = (setting.key == "vault", vault_flag) {
                    shown.value = Some(path.display().to_string());
                    shown.source = Source::Flag;
                }
                if shown.value.is_none() {
                    shown.value = default_of(setting.key, default_vault.as_deref());
                }
                shown
            })
            .collect()
    }
}

/// The built-in default of a key, as text.
fn default_of(key: &str, default_vault: Option<&Path>) -> Option<String> {
    let kdf = crate::vault::KdfParams::DEFAULT;
    match key {
        "vault" => default_vault.map(|path| path.display().to_string()),
        "lang" => Some("nl".into()),
        "kdf_memory_mib" => Some((kdf.memory_kib / 1024).to_string()),
        "kdf_iterations" => Some(kdf.iterations.to_string()),
        "kdf_parallelism" => Some(kdf.parallelism.to_string()),
        _ => None,
    }
}

/// `~/x` in the file or the environment means the home folder, as a shell would expand it.
fn expand_home(text: &str) -> PathBuf {
    match (text.strip_prefix("~/"), dirs::home_dir()) {
        (Some(rest), Some(home)) => home.join(rest),
        _ => PathBuf::from(text),
    }
}

fn read_file(path: &Path) -> Result<Option<toml::Table>, ConfigError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => {
            return Err(ConfigError {
                message: format!("cannot read the config file {}: {error}", path.display()),
                hint: format!(
                    "fix or remove {}, or point {CONFIG_ENV} elsewhere",
                    path.display()
                ),
            });
        }
    };
    let table: toml::Table = text.parse().map_err(|error: toml::de::Error| ConfigError {
        message: format!(
            "the config file {} is not valid TOML: {}",
            path.display(),
            error.message()
        ),
        hint: "write one `key = value` per line, e.g. lang = \"en\"".into(),
    })?;
    if let Some(key) = table.keys().find(|key| !KEYS.iter().any(|(k, _)| k == key)) {
        let known: Vec<&str> = KEYS.iter().map(|(key, _)| *key).collect();
        return Err(ConfigError {
            message: format!(
                "config file {}: `{key}` is not a setting kluis knows",
                path.display()
            ),
            hint: format!("the keys are {}; remove or rename it", known.join(", ")),
        });
    }
    Ok(Some(table))
}

/// A file value as text, checked: strings for `vault` and `lang`, integers for the rest.
fn file_value(key: &str, value: &toml::Value) -> Result<String, String> {
    let text = match value {
        toml::Value::String(text) => text.clone(),
        toml::Value::Integer(n) if key.starts_with("kdf_") => n.to_string(),
        _ if key.starts_with("kdf_") => return Err("must be a whole number".into()),
        _ => return Err("must be a quoted string".into()),
    };
    check_value(key, &text)?;
    Ok(text)
}

fn check_value(key: &str, text: &str) -> Result<(), String> {
    match key {
        "lang" => text.parse::<Lang>().map(|_| ()),
        key if key.starts_with("kdf_") => match text.trim().parse::<u32>() {
            Ok(n) if n > 0 => Ok(()),
            _ => Err("must be a whole number above 0".into()),
        },
        _ => Ok(()),
    }
}

fn bad_key(key: &str, path: &Path, why: &str) -> ConfigError {
    ConfigError {
        message: format!("config file {}: `{key}` {why}", path.display()),
        hint: format!(
            "fix `{key}` in {} or remove its line; `kluis config --help` shows an example",
            path.display()
        ),
    }
}

fn bad_env(env: &str, why: &str) -> ConfigError {
    ConfigError {
        message: format!("environment variable {env} {why}"),
        hint: format!("fix {env} or unset it"),
    }
}

/// Show each setting, its value and where it came from (flag, environment, file, default)
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  kluis config
  kluis config --json

Precedence: flag > environment > config file > default. The file is config.toml in the
platform's config folder (~/.config/kluis/config.toml on Linux), or the file KLUIS_CONFIG names:
  vault = \"~/bakkerij.kluis\"
  lang = \"en\"
  kdf_memory_mib = 64
Environment: KLUIS_VAULT, KLUIS_LANG, KLUIS_KDF_MEMORY_MIB, KLUIS_KDF_ITERATIONS,
KLUIS_KDF_PARALLELISM. The KDF settings apply when a vault is created or its passphrase
changed (init, passwd, open).")]
pub struct ConfigArgs {}

#[derive(Serialize)]
struct Report {
    file: Option<PathBuf>,
    settings: Vec<Setting>,
}

pub fn run(ctx: &Context, _args: ConfigArgs) -> Result<(), Error> {
    let settings = ctx.settings()?;
    let report = Report {
        file: file_path(),
        settings: settings.report(ctx.global.vault.as_deref(), ctx.default_vault_path()),
    };
    if ctx.json {
        ctx.print_json(&report);
        return Ok(());
    }
    match (&report.file, &settings.file) {
        (Some(path), Some(_)) => println!("config file: {}", path.display()),
        (Some(path), None) => println!("config file: {} (none there)", path.display()),
        (None, _) => println!("config file: none (no config folder on this platform)"),
    }
    for setting in &report.settings {
        println!(
            "{:16} {}  ({})",
            setting.key,
            setting.value.as_deref().unwrap_or("-"),
            describe(&setting.source)
        );
    }
    Ok(())
}

fn describe(source: &Source) -> String {
    match source {
        Source::Flag => "flag".into(),
        Source::Env { name } => format!("environment {name}"),
        Source::File { .. } => "config file".into(),
        Source::Default => "default".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_values_are_checked_by_key() {
        assert_eq!(file_value("lang", &"en".into()).unwrap(), "en");
        assert!(file_value("lang", &"de".into()).is_err());
        assert_eq!(
            file_value("kdf_iterations", &toml::Value::Integer(2)).unwrap(),
            "2"
        );
        assert!(file_value("kdf_iterations", &toml::Value::Integer(0)).is_err());
        assert!(file_value("kdf_iterations", &"many".into()).is_err());
        assert!(file_value("vault", &toml::Value::Integer(2)).is_err());
    }
}
