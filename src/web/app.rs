//! The server's state, and the order in which every request is checked: Host, session,
//! Origin and CSRF, idle lock, then the page.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use zeroize::Zeroizing;

use super::form::Form;
use super::http::{Method, Request, Response};
use super::i18n::Catalog;
use super::render::Renderer;
use super::session::{Origins, Refusal, Session, same_secret};
use crate::statement::Lang;
use crate::vault::{KdfParams, RecoveryKey, Vault};

/// What `kluis open` was started with.
#[derive(Debug, Clone)]
pub struct Config {
    pub vault: PathBuf,
    pub idle_lock: Duration,
    pub lang: Lang,
    /// Argon2id parameters for a vault created in the page.
    pub kdf: KdfParams,
    /// How long a save waits for another writer's lock.
    pub wait: Duration,
}

/// The unlocked vault and when the user last did something with it.
pub struct Unlocked {
    pub vault: Vault,
    last_seen: Instant,
}

/// Failed unlock attempts make the next one wait, doubling up to a minute.
#[derive(Default)]
pub struct Throttle {
    failures: u32,
    not_before: Option<Instant>,
}

impl Throttle {
    /// Seconds still to wait before another attempt is taken.
    pub fn wait_left(&self, now: Instant) -> Option<u64> {
        let until = self.not_before?;
        (until > now).then(|| (until - now).as_secs().max(1))
    }

    pub fn failed(&mut self, now: Instant) {
        self.failures += 1;
        let seconds = if self.failures < 2 {
            0
        } else {
            (1u64 << (self.failures - 2).min(6)).min(60)
        };
        self.not_before = Some(now + Duration::from_secs(seconds));
    }

    pub fn succeeded(&mut self) {
        *self = Throttle::default();
    }
}

pub struct App {
    pub config: Config,
    origins: Origins,
    /// The one-time token of the printed link, until it is exchanged for a session.
    token: Option<Zeroizing<String>>,
    session: Option<Session>,
    pub lang: Lang,
    pub open: Option<Unlocked>,
    /// A new vault's recovery key, shown until the user confirms it is stored.
    pub recovery: Option<RecoveryKey>,
    pub throttle: Throttle,
    /// A file uploaded to import, in memory only; dropped when the vault locks.
    pub pending_import: Option<crate::import::Pending>,
    catalog: Arc<Catalog>,
    renderer: Renderer,
}

impl App {
    pub fn new(config: Config, port: u16, token: Zeroizing<String>) -> App {
        let catalog = Arc::new(Catalog::load());
        App {
            lang: config.lang,
            config,
            origins: Origins::new(port),
            token: Some(token),
            session: None,
            open: None,
            recovery: None,
            throttle: Throttle::default(),
            pending_import: None,
            renderer: Renderer::new(catalog.clone()),
            catalog,
        }
    }

    /// Answers one request.
    pub fn handle(&mut self, request: &Request) -> Response {
        match self.admit(request) {
            Ok(Admitted::Page(form)) => {
                self.lock_when_idle();
                if let Some(open) = &mut self.open {
                    open.last_seen = Instant::now();
                }
                super::pages::route(self, request, &form)
            }
            Ok(Admitted::Exchanged(cookie)) => {
                Response::redirect("/").with_header("Set-Cookie", cookie)
            }
            Ok(Admitted::Asset(response)) => response,
            Err(refusal) => self.refused(refusal),
        }
    }

    /// The checks in order; what passes is a page request with its form.
    fn admit(&mut self, request: &Request) -> Result<Admitted, Refusal> {
        self.origins.check_host(request)?;
        if let Some(asset) = super::assets::get(&request.path) {
            return Ok(Admitted::Asset(asset));
        }
        if let Some(token) = request.query("token") {
            return self.exchange(token).map(Admitted::Exchanged);
        }
        Session::check(self.session.as_ref(), request)?;
        let form = match request.method {
            Method::Post => {
                self.origins.check_origin(request)?;
                let form = Form::parse(request);
                let session = self.session.as_ref().ok_or(Refusal::BadSession)?;
                session.check_csrf(form.get("csrf"))?;
                form
            }
            _ => Form::default(),
        };
        Ok(Admitted::Page(form))
    }

    /// The printed link's token, once: it becomes the session cookie and is then void.
    fn exchange(&mut self, sent: &str) -> Result<String, Refusal> {
        match &self.token {
            Some(token) if same_secret(token, sent) => {
                self.token = None;
                let session = Session::new();
                let cookie = session.set_cookie();
                self.session = Some(session);
                Ok(cookie)
            }
            _ => Err(Refusal::BadSession),
        }
    }

    pub fn too_large(&self) -> Response {
        self.refused(Refusal::TooLarge)
    }

    fn refused(&self, refusal: Refusal) -> Response {
        let key = match refusal {
            Refusal::ForeignHost => "refused-host",
            Refusal::NoSession | Refusal::BadSession => "refused-session",
            Refusal::CrossSite => "refused-cross-site",
            Refusal::TooLarge => "refused-too-large",
        };
        // No CSRF token and no data on a refusal: the asker may be a rebinding page.
        let body = self.renderer.render(
            "refused.html",
            minijinja::context! {
                lang => self.lang.to_string(), message => key, csrf => "",
                unlocked => false, read_only => false, nav => "",
            },
        );
        Response::html(refusal.status(), body)
    }

    /// Locks when the user has been away longer than `--idle-lock`. Called for every request
    /// and once a second by the server loop.
    pub fn lock_when_idle(&mut self) {
        if let Some(open) = &self.open
            && open.last_seen.elapsed() >= self.config.idle_lock
        {
            self.lock();
        }
    }

    /// Drops the database and the keys (zeroised on drop), and any uploaded file.
    pub fn lock(&mut self) {
        self.open = None;
        self.pending_import = None;
    }

    pub fn unlocked(&mut self, vault: Vault) {
        self.open = Some(Unlocked {
            vault,
            last_seen: Instant::now(),
        });
    }

    pub fn csrf(&self) -> &str {
        self.session.as_ref().map_or("", |s| s.csrf.as_str())
    }

    pub fn text(&self, key: &str, args: &[(&str, String)]) -> String {
        self.catalog.text(self.lang, key, args)
    }

    /// Renders a page inside the layout, with what every page needs.
    pub fn page(&self, template: &str, context: minijinja::Value) -> Response {
        Response::html(200, self.render(template, context))
    }

    pub fn render(&self, template: &str, context: minijinja::Value) -> String {
        let common = minijinja::context! {
            lang => self.lang.to_string(),
            csrf => self.csrf(),
            unlocked => self.open.is_some(),
            read_only => self.open.as_ref().is_some_and(|o| !o.vault.can_save()),
        };
        self.renderer
            .render(template, minijinja::context! { ..context, ..common })
    }
}

enum Admitted {
    Page(Form),
    Exchanged(String),
    Asset(Response),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusal_pages_render_and_carry_no_csrf_token() {
        let mut test = crate::web::testing::TestApp::unlocked();
        let csrf = test.app.csrf().to_owned();
        let request = super::super::http::Request::fake(
            Method::Post,
            "/lock",
            &[
                ("host", "127.0.0.1:4321"),
                ("origin", "http://evil.example"),
                ("cookie", test.cookie()),
            ],
            format!("csrf={csrf}").as_bytes(),
        );
        let response = test.app.handle(&request);
        let page = std::str::from_utf8(&response.body).unwrap();
        assert_eq!(response.status, 403);
        assert!(page.contains("<h1>"), "{page}");
        assert!(!page.contains(&csrf));
    }

    #[test]
    fn the_throttle_lets_one_mistake_pass_then_doubles() {
        let now = Instant::now();
        let mut throttle = Throttle::default();
        throttle.failed(now);
        assert_eq!(throttle.wait_left(now), None);
        throttle.failed(now);
        assert_eq!(throttle.wait_left(now), Some(1));
        throttle.failed(now);
        assert_eq!(throttle.wait_left(now), Some(2));
        for _ in 0..20 {
            throttle.failed(now);
        }
        assert_eq!(throttle.wait_left(now), Some(60));
        throttle.succeeded();
        assert_eq!(throttle.wait_left(now), None);
    }
}
