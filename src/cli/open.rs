use std::io::Write;
use std::time::Duration;

use clap::Args;

use super::Context;
use super::init::KdfArgs;
use crate::Error;
use crate::statement::Lang;
use crate::vault::KdfParams;
use crate::web::{Config, Server};

/// Open the vault in your browser: a local app on 127.0.0.1 (Dutch first, English on a switch)
#[derive(Debug, Args)]
#[command(after_help = "\
Examples:
  kluis open                       # opens your browser; the page asks the passphrase
  kluis open --no-browser          # prints the link only; open it yourself
  kluis open --lang en --idle-lock 5
  kluis open --no-browser --json   # one JSON line with the vault, the url and browser_opened

The last line printed is the link, with a one-time token: it works once, in one browser.
The app listens on 127.0.0.1 only. It locks after --idle-lock minutes without use, on the
Vergrendelen button, and on Ctrl-C, which also stops it. The passphrase is typed in the page,
never read from the environment or the command line. See docs/WEB.md.")]
pub struct OpenArgs {
    /// Port on 127.0.0.1 (0: a free one)
    #[arg(long, default_value_t = 0)]
    pub port: u16,
    /// Do not start the browser; only print the link
    #[arg(long)]
    pub no_browser: bool,
    /// Lock after this many minutes without use (decimals allowed)
    #[arg(long, value_name = "MINUTES", default_value_t = 10.0, value_parser = positive_minutes)]
    pub idle_lock: f64,
    /// Language of the pages (a switch in the page changes it) [default: KLUIS_LANG, the config file, else nl]
    #[arg(short, long, value_name = "LANG", value_parser = super::names::<Lang>(&["nl", "en"]))]
    pub lang: Option<Lang>,
    #[command(flatten)]
    pub kdf: KdfArgs,
}

pub(super) fn positive_minutes(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(minutes) if minutes > 0.0 && minutes.is_finite() => Ok(minutes),
        _ => Err("expected a number of minutes above 0, e.g. 10 or 0.5".into()),
    }
}

pub fn run(ctx: &Context, args: OpenArgs) -> Result<(), Error> {
    if ctx.global.identity.is_some() || ctx.global.passphrase_file.is_some() {
        return Err(Error::Usage {
            message: "kluis open asks the passphrase or recovery key in the page".into(),
            hint: Some("leave out --identity and --passphrase-file".into()),
        });
    }
    let config = Config {
        vault: ctx.vault_path()?,
        idle_lock: Duration::from_secs_f64(args.idle_lock * 60.0),
        lang: ctx.lang(args.lang)?,
        kdf: ctx.kdf(&args.kdf)?.resolve(KdfParams::DEFAULT),
        wait: ctx.wait(),
    };
    let server = Server::bind(config.clone(), args.port)?;
    // Ctrl-C and SIGTERM lock the vault and stop the server at its next turn.
    super::interrupt::catch();
    let opened = !args.no_browser && start_browser(server.link());
    if ctx.json {
        // One object on one line, for scripts that start the app and read its link.
        let vault = config.vault.to_string_lossy();
        let started = serde_json::json!({
            "vault": vault,
            "url": server.link(),
            "browser_opened": opened,
        });
        println!("{started}");
    } else {
        println!("kluis open: {}", config.vault.display());
        println!("Press Ctrl-C to lock the vault and stop.");
        if !opened && !args.no_browser {
            println!("Open this link in your browser:");
        }
        println!("{}", server.link());
    }
    let _ = std::io::stdout().flush();
    server.run(super::interrupt::flag());
    // On stderr: the link stays the last line of stdout, for scripts that read it.
    to_stderr!("Locked and stopped.");
    Ok(())
}

/// Asks the desktop to open the link in the default browser; false when that failed.
fn start_browser(link: &str) -> bool {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut command = std::process::Command::new("cmd");
        command.args(["/C", "start", ""]);
        command
    } else {
        std::process::Command::new("xdg-open")
    };
    command
        .arg(link)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .is_ok()
}
