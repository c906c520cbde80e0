//! A minimal synchronous W3C WebDriver client for headless Chromium through `chromedriver`,
//! over the raw HTTP client and serde_json.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

use base64::Engine;
use serde_json::{Value, json};
use tempfile::TempDir;

use crate::web::http::{self, Response};

/// The key under which W3C WebDriver returns an element reference.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";
/// A guard against a driver that never gets ready, not an assertion.
const READY_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a page may take to arrive before a wait gives up: a guard, not a measurement.
const PAGE_TIMEOUT: Duration = Duration::from_secs(20);
/// How long `find` waits for an element to appear after a navigation.
const IMPLICIT_WAIT_MS: u64 = 5000;

/// One browser at a time: two Chromiums on a shared 2-core machine only make both slow.
static ONE_BROWSER: Mutex<()> = Mutex::new(());

pub struct Browser {
    driver: Child,
    port: u16,
    session: String,
    _profile: TempDir,
    _turn: MutexGuard<'static, ()>,
}

/// A browser, or `None` with a note when chromedriver is not installed; with
/// `KLUIS_REQUIRE_BROWSER=1` a missing chromedriver fails the test instead.
pub fn browser_or_skip(test_name: &str) -> Option<Browser> {
    if find_on_path("chromedriver").is_some() {
        return Some(Browser::start());
    }
    assert!(
        std::env::var("KLUIS_REQUIRE_BROWSER").as_deref() != Ok("1"),
        "{test_name}: KLUIS_REQUIRE_BROWSER=1 but chromedriver is not on PATH"
    );
    eprintln!(
        "note: {test_name} skipped: chromedriver is not on PATH (apt-get install chromium-driver)"
    );
    None
}

fn find_on_path(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|folder| folder.join(program))
        .find(|candidate| candidate.is_file())
}

/// A port that was free a moment ago.
pub fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    listener.local_addr().unwrap().port()
}

impl Browser {
    /// Starts chromedriver and a headless Chromium session with a throwaway profile.
    pub fn start() -> Browser {
        let turn = ONE_BROWSER
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let profile = tempfile::tempdir().expect("profile folder");
        let port = free_port();
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            // Chromium writes caches under HOME: keep them in the throwaway folder.
            .env("HOME", profile.path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let mut browser = Browser {
            driver,
            port,
            session: String::new(),
            _profile: profile,
            _turn: turn,
        };
        browser.wait_until_ready();
        browser.session = browser.new_session();
        browser.command(
            "POST",
            "/timeouts",
            json!({ "implicit": IMPLICIT_WAIT_MS, "pageLoad": 60_000, "script": 30_000 }),
        );
        browser
    }

    fn wait_until_ready(&mut self) {
        let ready = poll(READY_TIMEOUT, Duration::from_millis(100), || {
            if let Some(status) = self.driver.try_wait().expect("try_wait") {
                panic!("chromedriver exited early: {status}");
            }
            self.is_ready()
        });
        assert!(ready, "chromedriver not ready in 30 s");
    }

    fn is_ready(&self) -> bool {
        if std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            return false;
        }
        let answer = self.raw("GET", "/status", None);
        answer["value"]["ready"] == json!(true)
    }

    fn new_session(&self) -> String {
        let profile = self._profile.path().join("chromium");
        let mut options = json!({
            "args": [
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1280,800",
                format!("--user-data-dir={}", profile.display()),
            ]
        });
        if Path::new("/usr/bin/chromium").exists() {
            options["binary"] = json!("/usr/bin/chromium");
        }
        let capabilities = json!({
            "capabilities": { "alwaysMatch": { "goog:chromeOptions": options } }
        });
        let answer = self.checked("POST", "/session", Some(capabilities));
        answer["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session id: {answer}"))
            .to_owned()
    }

    /// One request to chromedriver; returns the JSON answer, whatever its status.
    fn raw(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let host = http::host(self.port);
        let body = body.map(|value| value.to_string()).unwrap_or_default();
        let mut headers = vec![("Host", host.as_str())];
        if method == "POST" {
            headers.push(("Content-Type", "application/json; charset=utf-8"));
        }
        let response: Response = http::request(self.port, method, path, &headers, body.as_bytes());
        serde_json::from_str(&response.body).unwrap_or_else(
            |_| json!({ "value": { "error": "not json", "message": response.describe() } }),
        )
    }

    /// A request that must succeed; panics with the driver's error otherwise.
    fn checked(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let answer = self.raw(method, path, body);
        if let Some(error) = answer["value"]["error"].as_str() {
            panic!(
                "WebDriver {method} {path}: {error}: {}",
                answer["value"]["message"]
            );
        }
        answer
    }

    /// A command in this session, such as `POST /url`; returns the answer's `value`.
    pub fn command(&self, method: &str, path: &str, body: Value) -> Value {
        let path = format!("/session/{}{path}", self.session);
        let body = (method == "POST").then_some(body);
        self.checked(method, &path, body)["value"].take()
    }

    pub fn goto(&self, url: &str) {
        self.command("POST", "/url", json!({ "url": url }));
    }

    pub fn current_url(&self) -> String {
        self.command("GET", "/url", Value::Null)
            .as_str()
            .expect("url is text")
            .to_owned()
    }

    /// The path of the current page, without the query.
    pub fn current_path(&self) -> String {
        let path = http::path_of(&self.current_url());
        path.split('?').next().unwrap_or_default().to_owned()
    }

    pub fn page_source(&self) -> String {
        self.command("GET", "/source", Value::Null)
            .as_str()
            .expect("source is text")
            .to_owned()
    }

    /// The first element matching `css`, waiting up to the implicit wait; panics if none.
    pub fn find(&self, css: &str) -> String {
        let found = self.command(
            "POST",
            "/element",
            json!({ "using": "css selector", "value": css }),
        );
        element_id(&found)
    }

    /// Every element matching `css` (waiting up to the implicit wait for at least one).
    pub fn find_all(&self, css: &str) -> Vec<String> {
        let found = self.command(
            "POST",
            "/elements",
            json!({ "using": "css selector", "value": css }),
        );
        found
            .as_array()
            .expect("a list of elements")
            .iter()
            .map(element_id)
            .collect()
    }

    /// Every element matching `css` inside `element`.
    pub fn find_all_in(&self, element: &str, css: &str) -> Vec<String> {
        let found = self.command(
            "POST",
            &format!("/element/{element}/elements"),
            json!({ "using": "css selector", "value": css }),
        );
        found
            .as_array()
            .expect("a list of elements")
            .iter()
            .map(element_id)
            .collect()
    }

    /// Whether the page holds an element matching `css` now, without waiting.
    pub fn exists(&self, css: &str) -> bool {
        let found = self.execute(
            "return document.querySelector(arguments[0]) !== null;",
            json!([css]),
        );
        found == json!(true)
    }

    pub fn send_keys(&self, element: &str, text: &str) {
        self.command(
            "POST",
            &format!("/element/{element}/value"),
            json!({ "text": text }),
        );
    }

    pub fn clear(&self, element: &str) {
        self.command("POST", &format!("/element/{element}/clear"), json!({}));
    }

    pub fn click(&self, element: &str) {
        self.command("POST", &format!("/element/{element}/click"), json!({}));
    }

    pub fn text(&self, element: &str) -> String {
        self.command("GET", &format!("/element/{element}/text"), Value::Null)
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    pub fn attribute(&self, element: &str, name: &str) -> Option<String> {
        self.command(
            "GET",
            &format!("/element/{element}/attribute/{name}"),
            Value::Null,
        )
        .as_str()
        .map(str::to_owned)
    }

    /// Chooses the option with `value` in a `<select>`, by clicking it as a user would.
    pub fn select(&self, select: &str, value: &str) {
        let css = format!(r#"option[value="{value}"]"#);
        let option = self
            .find_all_in(select, &css)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no option {value:?} in the select"));
        self.click(&option);
    }

    /// Uploads a file through an `<input type="file">`: the driver takes an absolute path.
    pub fn upload(&self, input: &str, file: &Path) {
        assert!(file.is_absolute(), "upload needs an absolute path");
        self.send_keys(input, &file.display().to_string());
    }

    /// Runs a script in the page (WebDriver's own channel, not subject to the page's CSP).
    pub fn execute(&self, script: &str, args: Value) -> Value {
        self.command(
            "POST",
            "/execute/sync",
            json!({ "script": script, "args": args }),
        )
    }

    /// Sets an input's value directly, for inputs whose typing depends on the locale (dates).
    pub fn set_value(&self, element: &str, value: &str) {
        self.execute(
            "arguments[0].value = arguments[1];",
            json!([{ ELEMENT_KEY: element }, value]),
        );
    }

    /// Clicks the first submit button of the form matching `form_css`, and waits until the
    /// answer has replaced the page. Without the wait, a `find` right after the click could
    /// get an element of the page being left, which then goes stale under the next command
    /// (found as a flaky `stale element reference` after the search form, whose answer stays
    /// on the same path).
    pub fn submit(&self, form_css: &str) {
        let css = format!(
            "{form_css} button:not([type=button]):not([type=reset]), {form_css} input[type=submit]"
        );
        let button = self.find(&css);
        self.execute(
            "document.documentElement.dataset.leaving = 'yes';",
            json!([]),
        );
        self.click(&button);
        self.wait_for_next_page(form_css);
    }

    /// Waits (up to 20 s, a guard) until the page marked by [`Browser::submit`] is gone and
    /// its successor has loaded. A script run while the page unloads may fail; that only
    /// means "not yet".
    fn wait_for_next_page(&self, form_css: &str) {
        let script = "return document.readyState === 'complete'
            && document.documentElement.dataset.leaving === undefined;";
        let path = format!("/session/{}/execute/sync", self.session);
        let mut answer = Value::Null;
        let arrived = poll(PAGE_TIMEOUT, Duration::from_millis(50), || {
            answer = self.raw("POST", &path, Some(json!({ "script": script, "args": [] })));
            answer["value"] == json!(true)
        });
        assert!(
            arrived,
            "submitted {form_css}, but no new page came: {answer}"
        );
    }

    /// Waits (up to 20 s, a guard) until the current path is `path`; panics with the page.
    pub fn wait_for_path(&self, path: &str) {
        self.wait_for(&format!("to reach {path}"), |current| current == path);
    }

    /// Waits (up to 20 s, a guard) until the browser has left `path`, as after a saved form.
    pub fn wait_to_leave(&self, path: &str) {
        self.wait_for(&format!("to leave {path}"), |current| current != path);
    }

    fn wait_for(&self, what: &str, done: impl Fn(&str) -> bool) {
        let reached = poll(PAGE_TIMEOUT, Duration::from_millis(100), || {
            done(&self.current_path())
        });
        assert!(
            reached,
            "waited {what}, still on {}:\n{}",
            self.current_url(),
            self.page_source()
        );
    }

    pub fn set_window_size(&self, width: u32, height: u32) {
        self.command(
            "POST",
            "/window/rect",
            json!({ "width": width, "height": height }),
        );
    }

    /// Writes a PNG of the viewport to `target/web-screenshots/NAME.png` and returns its path.
    pub fn screenshot(&self, name: &str) -> PathBuf {
        let encoded = self.command("GET", "/screenshot", Value::Null);
        let png = base64::engine::general_purpose::STANDARD
            .decode(encoded.as_str().expect("base64 text"))
            .expect("screenshot is base64");
        let folder = screenshot_folder();
        std::fs::create_dir_all(&folder).expect("screenshot folder");
        let file = folder.join(format!("{name}.png"));
        std::fs::write(&file, png).expect("screenshot written");
        file
    }
}

/// Calls `done` every `every` until it holds (true), or until `within` has passed (false).
fn poll(within: Duration, every: Duration, mut done: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + within;
    loop {
        if done() {
            return true;
        }
        if Instant::now() >= deadline {
            return false;
        }
        thread::sleep(every);
    }
}

pub fn screenshot_folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/web-screenshots")
}

fn element_id(found: &Value) -> String {
    found[ELEMENT_KEY]
        .as_str()
        .unwrap_or_else(|| panic!("not an element: {found}"))
        .to_owned()
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            self.delete_session_quietly();
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

impl Browser {
    /// Ends the session (which closes Chromium) without panicking, as Drop may run while a
    /// failed test unwinds.
    fn delete_session_quietly(&self) {
        let host = http::host(self.port);
        let path = format!("/session/{}", self.session);
        let _ = http::try_request(self.port, "DELETE", &path, &[("Host", &host)], b"");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_driver_runs_a_page_and_takes_a_screenshot() {
        let Some(browser) = browser_or_skip("web_driver_runs_a_page_and_takes_a_screenshot") else {
            return;
        };
        // The same CSP as kluis sends: WebDriver's own scripts must still run under it.
        let page = "data:text/html;charset=utf-8,<html><head>\
            <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'\">\
            </head><body><form id=\"f\"><label for=\"q\">Zoek</label><input id=\"q\" name=\"q\">\
            <select name=\"map-0\"><option value=\"-\">niet</option><option value=\"email\">e</option></select>\
            </form><p id=\"out\">klaar</p></body></html>";
        browser.goto(page);
        assert!(browser.current_url().starts_with("data:text/html"));
        let input = browser.find("#f input[name=q]");
        browser.send_keys(&input, "Anna");
        assert_eq!(
            browser.execute(
                "return arguments[0].value;",
                json!([{ ELEMENT_KEY: input }])
            ),
            json!("Anna")
        );
        let select = browser.find("select[name=map-0]");
        browser.select(&select, "email");
        assert_eq!(
            browser.execute("return document.querySelector('select').value;", json!([])),
            json!("email")
        );
        assert_eq!(browser.text(&browser.find("#out")), "klaar");
        assert_eq!(browser.find_all("input, select").len(), 2);
        assert!(browser.exists("#out"));
        assert!(!browser.exists("#nothing"));
        assert!(browser.page_source().contains("klaar"));
        browser.set_window_size(390, 844);
        let file = browser.screenshot("harness-selftest");
        let png = std::fs::read(&file).unwrap();
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
        std::fs::remove_file(file).unwrap();
    }
}
