//! `kluis open`: the vault in the browser, on 127.0.0.1 only. Server-rendered pages over the
//! same library as the CLI; no SQL and no domain rule here. See docs/WEB.md.

mod app;
mod assets;
mod form;
mod http;
mod i18n;
mod pages;
mod render;
mod session;
#[cfg(test)]
mod testing;

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use app::App;
pub use app::Config;

use crate::exit::HasExitCode;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot listen on 127.0.0.1:{port}: {reason}")]
    Bind { port: u16, reason: String },
}

impl HasExitCode for Error {}

/// A server listening on 127.0.0.1, not yet answering.
pub struct Server {
    http: tiny_http::Server,
    app: App,
    link: zeroize::Zeroizing<String>,
}

impl Server {
    /// Listens on `port` (0: a free one) and makes the one-time token.
    pub fn bind(config: Config, port: u16) -> Result<Server, Error> {
        let http = tiny_http::Server::http(("127.0.0.1", port)).map_err(|error| Error::Bind {
            port,
            reason: error.to_string(),
        })?;
        let port = http
            .server_addr()
            .to_ip()
            .map(|address| address.port())
            .ok_or_else(|| Error::Bind {
                port,
                reason: "not an IP socket".into(),
            })?;
        let token = session::random_secret();
        let link =
            zeroize::Zeroizing::new(format!("http://127.0.0.1:{port}/?token={}", token.as_str()));
        Ok(Server {
            http,
            app: App::new(config, port, token),
            link,
        })
    }

    /// The link that opens the app once.
    pub fn link(&self) -> &str {
        &self.link
    }

    /// Answers requests one at a time until `stop` is set, then locks.
    pub fn run(mut self, stop: &AtomicBool) {
        while !stop.load(Ordering::SeqCst) {
            self.app.lock_when_idle();
            let Ok(Some(mut raw)) = self.http.recv_timeout(Duration::from_millis(250)) else {
                continue;
            };
            let response = match http::Request::read(&mut raw) {
                Ok(request) => self.app.handle(&request),
                Err(http::TooLarge) => self.app.too_large(),
            };
            http::send(raw, response);
        }
        self.app.lock();
    }
}
