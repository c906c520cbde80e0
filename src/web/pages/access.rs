//! Getting in and out: create a vault, show its recovery key once, unlock, lock, language.

use std::time::Instant;

use age::secrecy::{ExposeSecret, SecretString};

use super::super::app::App;
use super::super::form::Form;
use super::super::http::{Request, Response};
use crate::statement::Lang;
use crate::vault::{self, Access, Secret, Vault};

/// Shortest passphrase the page accepts; the hint asks for more.
const MIN_PASSPHRASE: usize = 8;

/// The start page depends on where the owner is: no vault yet, locked, key not yet stored,
/// setup not done, or daily work.
pub fn index(app: &mut App) -> Response {
    if let Some(redirect) = must_unlock_first(app) {
        return redirect;
    }
    let needs_setup = app
        .open
        .as_ref()
        .is_some_and(|open| crate::schema::needs_setup(open.vault.conn()).unwrap_or(false));
    Response::redirect(if needs_setup { "/setup" } else { "/customers" })
}

/// Where to go instead of a page that needs the open vault, if anywhere.
pub fn must_unlock_first(app: &App) -> Option<Response> {
    if app.recovery.is_some() {
        return Some(Response::redirect("/create/key"));
    }
    if app.open.is_some() {
        return None;
    }
    Some(Response::redirect(if app.config.vault.exists() {
        "/unlock"
    } else {
        "/create"
    }))
}

pub fn unlock_page(app: &App, problem: Option<String>) -> Response {
    if app.open.is_some() {
        return Response::redirect("/");
    }
    let status = if problem.is_some() { 401 } else { 200 };
    let mut response = app.page("unlock.html", minijinja::context! { problem, nav => "" });
    response.status = status;
    response
}

/// Unlocks with the passphrase or a pasted recovery key. Failures make the next try wait.
pub fn unlock(app: &mut App, form: &Form) -> Response {
    if app.open.is_some() {
        return Response::redirect("/");
    }
    if let Some(seconds) = app.throttle.wait_left(Instant::now()) {
        let text = app.text("unlock-wait", &[("seconds", seconds.to_string())]);
        return unlock_page(app, Some(text));
    }
    let secret = match (form.get("passphrase"), form.text("recovery_key")) {
        (Some(passphrase), _) if !passphrase.is_empty() => {
            Secret::Passphrase(SecretString::from(passphrase.to_owned()))
        }
        (_, Some(key)) => match vault::identity_from_text(key) {
            Ok(secret) => secret,
            Err(error) => return unlock_page(app, Some(super::technical(app, &error))),
        },
        _ => return unlock_page(app, Some(app.text("passphrase-empty", &[]))),
    };
    let access = Access::PerSave {
        wait: app.config.wait,
    };
    match Vault::open_with(&app.config.vault, secret, access) {
        Ok(vault) => {
            app.throttle.succeeded();
            app.unlocked(vault);
            Response::redirect("/")
        }
        Err(vault::Error::WrongPassphrase { .. } | vault::Error::WrongIdentity { .. }) => {
            app.throttle.failed(Instant::now());
            unlock_page(app, Some(app.text("unlock-wrong", &[])))
        }
        Err(error) => unlock_page(app, Some(super::technical(app, &error))),
    }
}

pub fn create_page(app: &App, problem: Option<String>) -> Response {
    if app.config.vault.exists() {
        return Response::redirect("/");
    }
    let path = app.config.vault.display().to_string();
    app.page(
        "create.html",
        minijinja::context! { problem, path, nav => "" },
    )
}

/// Creates the vault with the passphrase typed twice, then shows the recovery key once.
pub fn create(app: &mut App, form: &Form) -> Response {
    if app.config.vault.exists() {
        return Response::redirect("/");
    }
    let passphrase = form.get("passphrase").unwrap_or_default();
    if passphrase != form.get("passphrase2").unwrap_or_default() {
        return create_page(app, Some(app.text("passphrase-mismatch", &[])));
    }
    if passphrase.chars().count() < MIN_PASSPHRASE {
        let min = MIN_PASSPHRASE.to_string();
        return create_page(app, Some(app.text("passphrase-short", &[("min", min)])));
    }
    let passphrase = SecretString::from(passphrase.to_owned());
    let created = Vault::create(
        &app.config.vault,
        &passphrase,
        app.config.kdf,
        app.config.wait,
    )
    .and_then(|(mut vault, recovery)| {
        vault.lock_per_save(app.config.wait)?;
        Ok((vault, recovery))
    });
    match created {
        Ok((vault, recovery)) => {
            app.unlocked(vault);
            app.recovery = Some(recovery);
            Response::redirect("/create/key")
        }
        Err(error) => create_page(app, Some(super::technical(app, &error))),
    }
}

pub fn key_page(app: &App) -> Response {
    let Some(recovery) = &app.recovery else {
        return Response::redirect("/");
    };
    let key = recovery.expose();
    app.page(
        "recovery.html",
        minijinja::context! { key => key.expose_secret(), nav => "" },
    )
}

/// The recovery key as a standard age identity file, for the browser to save.
pub fn key_download(app: &App) -> Response {
    let Some(recovery) = &app.recovery else {
        return Response::redirect("/");
    };
    let key = recovery.expose();
    let file = format!(
        "# kluis recovery key: keep it offline\n{}\n",
        key.expose_secret()
    );
    Response::bytes("text/plain; charset=utf-8", file.into_bytes())
        .download("kluis-recovery-key.txt")
}

/// Forgets the recovery key once the owner says it is stored; only then does setup start.
pub fn confirm_key(app: &mut App, form: &Form) -> Response {
    if form.get("stored").is_none() {
        return Response::redirect("/create/key");
    }
    app.recovery = None;
    Response::redirect("/")
}

pub fn lock(app: &mut App) -> Response {
    app.lock();
    Response::redirect("/")
}

/// Switches the language and goes back to the page the switch was on.
pub fn switch_lang(app: &mut App, request: &Request, form: &Form) -> Response {
    if let Some(lang) = form.get("lang").and_then(|l| l.parse::<Lang>().ok()) {
        app.lang = lang;
    }
    let back = request
        .header("referer")
        .and_then(|referer| referer.split_once("://"))
        .and_then(|(_, rest)| rest.find('/').map(|at| rest[at..].to_owned()))
        .filter(|path| !path.contains("token="))
        .unwrap_or_else(|| "/".to_owned());
    Response::redirect(&back)
}
