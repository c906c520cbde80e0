//! Where passphrases and identities come from. Never from argv.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use age::secrecy::{ExposeSecret, SecretString};
use zeroize::Zeroizing;

use super::error::{Error, io};

/// The environment variable holding the passphrase.
pub const PASSPHRASE_ENV: &str = "KLUIS_PASSPHRASE";
/// The environment variable holding the new passphrase for `passwd`.
pub const NEW_PASSPHRASE_ENV: &str = "KLUIS_NEW_PASSPHRASE";

/// How the user asked to unlock, from the global flags.
#[derive(Debug, Clone, Default)]
pub struct UnlockOptions {
    pub identity: Option<PathBuf>,
    pub passphrase_file: Option<PathBuf>,
    /// Open with an identity even when the file carries no proof for it (read-only).
    pub allow_unverified: bool,
}

/// A secret that unlocks a vault.
pub enum Secret {
    Passphrase(SecretString),
    Identity(Box<age::x25519::Identity>),
}

/// How many passphrases a person may type at the prompt before the command gives up.
pub const PROMPT_TRIES: u32 = 3;

/// Where an unlock secret came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Typed at the prompt: a typo deserves another try.
    Typed,
    /// A file or the environment: asking again would give the same wrong answer.
    Given,
}

/// The unlock secret, from the sources in order: identity file, passphrase file,
/// `KLUIS_PASSPHRASE`, a prompt without echo.
pub(super) fn unlock_secret(options: &UnlockOptions) -> Result<(Secret, Source), Error> {
    if let Some(path) = &options.identity {
        let identity = read_identity_file(path)?;
        return Ok((Secret::Identity(Box::new(identity)), Source::Given));
    }
    let (passphrase, source) = passphrase_from(
        options.passphrase_file.as_deref(),
        PASSPHRASE_ENV,
        "Passphrase: ",
        false,
    )?;
    Ok((Secret::Passphrase(passphrase), source))
}

/// Tells the person at the prompt that the passphrase did not open the vault, before it is
/// asked again.
pub(super) fn say_try_again() {
    to_stderr!("wrong passphrase, try again");
}

/// A new passphrase for `init`: passphrase file, `KLUIS_PASSPHRASE`, or a prompt asked twice.
pub fn new_passphrase(passphrase_file: Option<&Path>) -> Result<SecretString, Error> {
    passphrase_from(passphrase_file, PASSPHRASE_ENV, "New passphrase: ", true)
        .and_then(|(passphrase, _)| not_blank(passphrase))
}

/// A new passphrase for `passwd`: `KLUIS_NEW_PASSPHRASE`, the file, or a prompt asked twice.
pub fn replacement_passphrase(new_passphrase_file: Option<&Path>) -> Result<SecretString, Error> {
    if let Some(value) = env_passphrase(NEW_PASSPHRASE_ENV)? {
        return non_empty(value).and_then(not_blank);
    }
    passphrase_from(new_passphrase_file, "", "New passphrase: ", true)
        .and_then(|(passphrase, _)| not_blank(passphrase))
}

/// A new passphrase of whitespace alone is refused; one that opens an existing vault is not,
/// or a vault made before this check could not be opened.
fn not_blank(passphrase: SecretString) -> Result<SecretString, Error> {
    if passphrase.expose_secret().trim().is_empty() {
        Err(Error::BlankPassphrase)
    } else {
        Ok(passphrase)
    }
}

/// The passphrase in the environment variable, if it is set; bytes that are not UTF-8 are
/// an error about the passphrase, not a reason to ask at the prompt.
fn env_passphrase(variable: &str) -> Result<Option<SecretString>, Error> {
    match std::env::var(variable) {
        Ok(value) => Ok(Some(SecretString::from(value))),
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(_)) => Err(Error::PassphraseNotUtf8 {
            origin: variable.to_owned(),
        }),
    }
}

fn passphrase_from(
    file: Option<&Path>,
    variable: &'static str,
    prompt: &str,
    confirm: bool,
) -> Result<(SecretString, Source), Error> {
    if let Some(path) = file {
        let bytes = Zeroizing::new(std::fs::read(path).map_err(io("read", path))?);
        let text = std::str::from_utf8(&bytes).map_err(|_| Error::PassphraseNotUtf8 {
            origin: path.display().to_string(),
        })?;
        // The first line, as the help promises: the line break (and any blank line an editor
        // adds after it) is not part of the secret, or `init` would set a passphrase nobody
        // can type at the prompt.
        let line = text.split('\n').next().unwrap_or_default();
        let text = line.strip_suffix('\r').unwrap_or(line);
        return given(SecretString::from(text.to_owned()));
    }
    if !variable.is_empty()
        && let Some(value) = env_passphrase(variable)?
    {
        return given(value);
    }
    if !std::io::stdin().is_terminal() {
        return Err(Error::NoPassphrase {
            variable: if variable.is_empty() {
                NEW_PASSPHRASE_ENV
            } else {
                variable
            },
        });
    }
    let first = prompt_hidden(prompt)?;
    if confirm {
        let second = prompt_hidden("Repeat it: ")?;
        if first.expose_secret() != second.expose_secret() {
            return Err(Error::PassphraseMismatch);
        }
    }
    Ok((first, Source::Typed))
}

fn given(secret: SecretString) -> Result<(SecretString, Source), Error> {
    non_empty(secret).map(|secret| (secret, Source::Given))
}

fn prompt_hidden(prompt: &str) -> Result<SecretString, Error> {
    let text = echo_guard::prompt_password(prompt)
        .map_err(io("read a passphrase from", Path::new("the terminal")))?;
    non_empty(SecretString::from(text))
}

fn non_empty(secret: SecretString) -> Result<SecretString, Error> {
    if secret.expose_secret().is_empty() {
        Err(Error::EmptyPassphrase)
    } else {
        Ok(secret)
    }
}

/// Reads the first X25519 identity from an age identity file.
pub fn read_identity_file(path: &Path) -> Result<age::x25519::Identity, Error> {
    let bytes = Zeroizing::new(std::fs::read(path).map_err(io("read", path))?);
    let text = std::str::from_utf8(&bytes).map_err(|_| Error::BadIdentityFile {
        path: path.to_path_buf(),
        reason: "not UTF-8 text".into(),
    })?;
    parse_identity(text).map_err(|reason| Error::BadIdentityFile {
        path: path.to_path_buf(),
        reason: reason.into(),
    })
}

/// A recovery key pasted as text (a whole identity file, comments and all, will do).
pub fn identity_from_text(text: &str) -> Result<Secret, Error> {
    parse_identity(text)
        .map(|identity| Secret::Identity(Box::new(identity)))
        .map_err(|reason| Error::BadIdentityText { reason })
}

fn parse_identity(text: &str) -> Result<age::x25519::Identity, &'static str> {
    let line = text
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty() && !line.starts_with('#'))
        .ok_or("no key in it")?;
    age::x25519::Identity::from_str(line).map_err(|_| "not an AGE-SECRET-KEY-1 identity")
}

/// Writes an identity as a standard age identity file, mode 0600, never over another file.
pub fn write_identity_file(
    path: &Path,
    identity: &age::x25519::Identity,
    comment: &str,
) -> Result<(), Error> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(io("create", path))?;
    let text = Zeroizing::new(format!(
        "# {comment}\n# public key: {}\n{}\n",
        identity.to_public(),
        identity.to_string().expose_secret()
    ));
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(io("write", path))
}

/// The hidden prompt, with the terminal's settings put back when a signal ends kluis while
/// it waits: `rpassword` turns echo off and restores it only when the read returns, so a
/// Ctrl-C at the prompt used to leave the shell typing blind.
mod echo_guard {
    use std::cell::UnsafeCell;
    use std::mem::MaybeUninit;
    use std::os::fd::AsRawFd;
    use std::sync::atomic::{AtomicI32, Ordering};

    /// The signals that end kluis at the prompt: Ctrl-C, Ctrl-\, `kill`, a closed terminal.
    const SIGNALS: [libc::c_int; 4] = [libc::SIGINT, libc::SIGQUIT, libc::SIGTERM, libc::SIGHUP];

    /// The terminal's settings before the prompt; written before [`TTY`] is set, read only in
    /// the handler while it is.
    struct Saved(UnsafeCell<MaybeUninit<libc::termios>>);
    // SAFETY: written once per prompt before the handler can see it (TTY is -1 until then).
    unsafe impl Sync for Saved {}
    static SAVED: Saved = Saved(UnsafeCell::new(MaybeUninit::uninit()));
    /// The terminal's descriptor while a prompt waits, else -1.
    static TTY: AtomicI32 = AtomicI32::new(-1);

    extern "C" fn restore_and_die(signal: libc::c_int) {
        let fd = TTY.swap(-1, Ordering::SeqCst);
        // SAFETY: only async-signal-safe calls; SAVED was written before TTY was set.
        unsafe {
            if fd >= 0 {
                libc::tcsetattr(fd, libc::TCSANOW, (*SAVED.0.get()).as_ptr());
                libc::write(fd, b"\n".as_ptr().cast(), 1);
            }
            libc::signal(signal, libc::SIG_DFL);
            libc::raise(signal);
        }
    }

    pub fn prompt_password(prompt: &str) -> std::io::Result<String> {
        let Ok(tty) = std::fs::File::open("/dev/tty") else {
            return rpassword::prompt_password(prompt);
        };
        let fd = tty.as_raw_fd();
        let mut settings = MaybeUninit::<libc::termios>::uninit();
        // SAFETY: fd is open for the whole call; tcgetattr fills `settings` when it returns 0.
        if unsafe { libc::tcgetattr(fd, settings.as_mut_ptr()) } != 0 {
            return rpassword::prompt_password(prompt);
        }
        // SAFETY: no handler reads SAVED while TTY is -1, as it is here.
        unsafe { *SAVED.0.get() = settings };
        TTY.store(fd, Ordering::SeqCst);
        let previous: Vec<_> = SIGNALS.iter().map(|&signal| install(signal)).collect();
        let result = rpassword::prompt_password(prompt);
        TTY.store(-1, Ordering::SeqCst);
        for (&signal, old) in SIGNALS.iter().zip(previous) {
            // SAFETY: puts back the action `install` replaced.
            unsafe { libc::sigaction(signal, &old, std::ptr::null_mut()) };
        }
        drop(tty);
        result
    }

    /// Installs [`restore_and_die`] for `signal`, returning the action it replaces.
    fn install(signal: libc::c_int) -> libc::sigaction {
        // SAFETY: a zeroed sigaction is a valid empty one; the handler is an extern "C" fn.
        unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = restore_and_die as *const () as libc::sighandler_t;
            libc::sigemptyset(&mut action.sa_mask);
            let mut old: libc::sigaction = std::mem::zeroed();
            libc::sigaction(signal, &action, &mut old);
            old
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_non_utf8_passphrase_file_is_called_a_passphrase_not_an_identity_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("passphrase.txt");
        std::fs::write(&file, b"geheim\xff\n").unwrap();
        let error = passphrase_from(Some(&file), "", "", false).err().unwrap();
        assert!(
            matches!(error, Error::PassphraseNotUtf8 { .. }),
            "{error:?}"
        );
        assert!(error.to_string().contains("passphrase"), "{error}");
        assert!(!error.to_string().contains("identity"), "{error}");
    }

    #[test]
    fn a_new_passphrase_of_only_whitespace_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("passphrase.txt");
        std::fs::write(&file, " \t  \n").unwrap();
        assert!(matches!(
            replacement_passphrase(Some(&file)),
            Err(Error::BlankPassphrase)
        ));
        std::fs::write(&file, " two words \n").unwrap();
        let kept = replacement_passphrase(Some(&file)).unwrap();
        assert_eq!(kept.expose_secret(), " two words ");
    }

    #[test]
    fn a_passphrase_file_gives_its_first_line_only() {
        let dir = tempfile::tempdir().unwrap();
        for (content, expected) in [
            ("secret words", "secret words"),
            ("secret words\n", "secret words"),
            ("secret words\r\n", "secret words"),
            ("secret words\n\n", "secret words"),
            ("secret words\nsecond line\n", "secret words"),
            (" spaced \n", " spaced "),
        ] {
            let file = dir.path().join("passphrase.txt");
            std::fs::write(&file, content).unwrap();
            let (passphrase, source) = passphrase_from(Some(&file), "", "", false).unwrap();
            assert_eq!(source, Source::Given);
            assert_eq!(passphrase.expose_secret(), expected, "{content:?}");
        }
        let file = dir.path().join("blank-first.txt");
        std::fs::write(&file, "\nsecret\n").unwrap();
        assert!(matches!(
            passphrase_from(Some(&file), "", "", false),
            Err(Error::EmptyPassphrase)
        ));
    }
}
