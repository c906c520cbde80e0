//! Page tests without a socket: an App with a fresh vault, and requests that pass the checks.

// Helpers for every page's tests; not every test file uses all of them.
#![allow(dead_code)]

use age::secrecy::SecretString;
use tempfile::TempDir;

use super::app::{App, Config};
use super::http::{Method, Request, Response};
use crate::statement::Lang;
use crate::vault::{KdfParams, Vault};

pub const PORT: u16 = 4321;
const ORIGIN: &str = "http://127.0.0.1:4321";

pub const CHEAP: KdfParams = KdfParams {
    memory_kib: 64,
    iterations: 1,
    parallelism: 1,
};

/// An app whose session is open, on a vault in a temp folder.
pub struct TestApp {
    pub app: App,
    pub dir: TempDir,
    cookie: String,
}

impl TestApp {
    /// No vault yet: the first page creates one.
    pub fn without_vault() -> TestApp {
        let dir = tempfile::tempdir().unwrap();
        let config = Config {
            vault: dir.path().join("v.kluis"),
            idle_lock: std::time::Duration::from_secs(600),
            lang: Lang::Nl,
            kdf: CHEAP,
            wait: std::time::Duration::ZERO,
        };
        let token = super::session::random_secret();
        let mut app = App::new(config, PORT, token.clone());
        let exchange = app.handle(&request(
            Method::Get,
            &format!("/?token={}", token.as_str()),
            "",
            b"",
        ));
        let cookie = exchange
            .headers
            .iter()
            .find(|(name, _)| *name == "Set-Cookie")
            .map(|(_, value)| value.split(';').next().unwrap().to_owned())
            .expect("the token gives a session");
        TestApp { app, dir, cookie }
    }

    /// A new, empty vault, unlocked.
    pub fn unlocked() -> TestApp {
        let mut test = TestApp::without_vault();
        let passphrase = SecretString::from("test passphrase".to_owned());
        let (mut vault, _) = Vault::create(
            &test.app.config.vault,
            &passphrase,
            CHEAP,
            std::time::Duration::ZERO,
        )
        .unwrap();
        vault.lock_per_save(std::time::Duration::ZERO).unwrap();
        test.app.unlocked(vault);
        test
    }

    /// Unlocked, with the demo bakery's profile, purposes and fields (no customers).
    pub fn bakery() -> TestApp {
        let mut test = TestApp::unlocked();
        let open = test.app.open.as_mut().expect("unlocked");
        crate::demo::declare_bakery(open.vault.conn_mut()).unwrap();
        open.vault.save().unwrap();
        test
    }

    pub fn conn(&self) -> &rusqlite::Connection {
        self.app.open.as_ref().expect("unlocked").vault.conn()
    }

    pub fn get(&mut self, path: &str) -> Response {
        let request = request(Method::Get, path, &self.cookie, b"");
        self.app.handle(&request)
    }

    /// A form post from the app's own page, with its CSRF token.
    pub fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Response {
        let mut body = form_urlencoded::Serializer::new(String::new());
        body.append_pair("csrf", self.app.csrf());
        for (name, value) in fields {
            body.append_pair(name, value);
        }
        let request = request(Method::Post, path, &self.cookie, body.finish().as_bytes());
        self.app.handle(&request)
    }

    /// A multipart post with one file, as a browser's upload form sends it.
    pub fn upload(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
        file_name: &str,
        bytes: &[u8],
    ) -> Response {
        let boundary = "kluisTestBoundary";
        let mut body = Vec::new();
        let mut part = |headers: String, content: &[u8]| {
            body.extend_from_slice(format!("--{boundary}\r\n{headers}\r\n\r\n").as_bytes());
            body.extend_from_slice(content);
            body.extend_from_slice(b"\r\n");
        };
        let csrf = self.app.csrf().to_owned();
        part(
            "Content-Disposition: form-data; name=\"csrf\"".into(),
            csrf.as_bytes(),
        );
        for (name, value) in fields {
            part(
                format!("Content-Disposition: form-data; name=\"{name}\""),
                value.as_bytes(),
            );
        }
        part(
            format!(
                "Content-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream"
            ),
            bytes,
        );
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        let content_type = format!("multipart/form-data; boundary={boundary}");
        let request = Request::fake(
            Method::Post,
            path,
            &[
                ("host", "127.0.0.1:4321"),
                ("origin", ORIGIN),
                ("cookie", &self.cookie),
                ("content-type", &content_type),
            ],
            &body,
        );
        self.app.handle(&request)
    }
}

fn request(method: Method, path: &str, cookie: &str, body: &[u8]) -> Request {
    let mut headers = vec![("host", "127.0.0.1:4321"), ("origin", ORIGIN)];
    if !cookie.is_empty() {
        headers.push(("cookie", cookie));
    }
    headers.push(("content-type", "application/x-www-form-urlencoded"));
    Request::fake(method, path, &headers, body)
}

/// The page's text, for assertions.
pub fn body(response: &Response) -> &str {
    std::str::from_utf8(&response.body).expect("pages are UTF-8")
}

/// Where a 303 goes.
pub fn location(response: &Response) -> Option<&str> {
    response
        .headers
        .iter()
        .find(|(name, _)| *name == "Location")
        .map(|(_, value)| value.as_str())
}
