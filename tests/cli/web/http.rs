//! A raw HTTP/1.1 client over `TcpStream`: the tests decide every header themselves, so they can
//! send a foreign Host, no Origin or no cookie. `Session` plays a browser on top of it: it keeps
//! the cookies, scrapes the `csrf` field from the last page and submits forms as they are.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use scraper::{ElementRef, Html, Selector};

/// One answer, read until the server closed the connection (`Connection: close`).
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    /// Names lowercased, in arrival order; a name may occur more than once.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    /// The first header with this name (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.all_headers(name).into_iter().next()
    }

    /// Every header with this name (any case), such as each `Set-Cookie`.
    pub fn all_headers(&self, name: &str) -> Vec<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .filter(|(key, _)| *key == name)
            .map(|(_, value)| value.as_str())
            .collect()
    }

    /// The path a redirect points at, with the scheme and authority removed.
    pub fn location(&self) -> Option<String> {
        self.header("location").map(path_of)
    }

    pub fn is_redirect(&self) -> bool {
        matches!(self.status, 301 | 302 | 303 | 307 | 308)
    }

    pub fn document(&self) -> Html {
        Html::parse_document(&self.body)
    }

    /// Whether the page holds an element matching `css`.
    pub fn has(&self, css: &str) -> bool {
        self.document().select(&selector(css)).next().is_some()
    }

    /// The text of the first element matching `css`, if any.
    pub fn text_of(&self, css: &str) -> Option<String> {
        let document = self.document();
        let element = document.select(&selector(css)).next()?;
        Some(element.text().collect())
    }

    /// An attribute of every element matching `css`.
    pub fn attrs(&self, css: &str, attr: &str) -> Vec<String> {
        self.document()
            .select(&selector(css))
            .filter_map(|element| element.value().attr(attr).map(str::to_owned))
            .collect()
    }

    /// Status and body, for assertion messages.
    pub fn describe(&self) -> String {
        format!(
            "status {} headers {:?}\n{}",
            self.status, self.headers, self.body
        )
    }
}

pub fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|error| panic!("bad selector {css:?}: {error:?}"))
}

/// `127.0.0.1:PORT`, the Host header the server accepts.
pub fn host(port: u16) -> String {
    format!("127.0.0.1:{port}")
}

/// `http://127.0.0.1:PORT`, the Origin the server accepts.
pub fn origin(port: u16) -> String {
    format!("http://127.0.0.1:{port}")
}

/// Sends exactly `headers` plus `Connection: close` (and `Content-Length` when there is a body
/// or the method is POST), and reads the whole answer. Panics when there is none.
pub fn request(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Response {
    try_request(port, method, path, headers, body)
        .unwrap_or_else(|problem| panic!("{method} {path}: {problem}"))
}

/// [`request`] that reports a failure instead of panicking (for use in `Drop`).
pub fn try_request(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Result<Response, String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))
        .map_err(|error| format!("connect to 127.0.0.1:{port}: {error}"))?;
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .map_err(|error| error.to_string())?;
    let mut head = format!("{method} {path} HTTP/1.1\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("Connection: close\r\n");
    if !body.is_empty() || method == "POST" {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    // A server that refuses early may close before reading the body: its answer still counts.
    let _ = stream
        .write_all(head.as_bytes())
        .and_then(|()| stream.write_all(body));
    let raw = read_answer(&mut stream, method == "HEAD")
        .map_err(|error| format!("no answer: {error}"))?;
    parse_response(&raw)
        .map_err(|problem| format!("{problem}: {:?}", String::from_utf8_lossy(&raw)))
}

/// Reads until the answer is complete: by its Content-Length, its last chunk, or the close.
/// Some servers (chromedriver) keep the socket open despite `Connection: close`.
fn read_answer(stream: &mut TcpStream, head_only: bool) -> std::io::Result<Vec<u8>> {
    let mut raw = Vec::new();
    let mut buffer = [0u8; 16 * 1024];
    loop {
        let read = match stream.read(&mut buffer) {
            Ok(read) => read,
            // A reset after an answer (the server closed with our body unread) ends it.
            Err(error)
                if error.kind() == std::io::ErrorKind::ConnectionReset && !raw.is_empty() =>
            {
                return Ok(raw);
            }
            Err(error) => return Err(error),
        };
        if read == 0 {
            return Ok(raw);
        }
        raw.extend_from_slice(&buffer[..read]);
        if is_complete(&raw, head_only) {
            return Ok(raw);
        }
    }
}

/// Whether `raw` holds a whole answer; without a length or chunking only the close tells.
fn is_complete(raw: &[u8], head_only: bool) -> bool {
    let Ok(response) = parse_response(raw) else {
        return false;
    };
    let end = find(raw, b"\r\n\r\n").map_or(0, |split| split + 4);
    let no_body = head_only || matches!(response.status, 100..=199 | 204 | 304);
    if no_body {
        return true;
    }
    if response.header("transfer-encoding").is_some() {
        return dechunk(&raw[end..]).is_ok();
    }
    match response.header("content-length") {
        Some(length) => length
            .parse::<usize>()
            .is_ok_and(|length| raw.len() >= end + length),
        None => false,
    }
}

/// Parses a whole HTTP/1.1 answer: status line, headers, then a chunked, sized or closed body.
pub fn parse_response(raw: &[u8]) -> Result<Response, String> {
    let split = find(raw, b"\r\n\r\n").ok_or("no end of headers")?;
    let head = std::str::from_utf8(&raw[..split]).map_err(|_| "headers are not UTF-8")?;
    let rest = &raw[split + 4..];
    let mut lines = head.split("\r\n");
    let status_line = lines.next().ok_or("no status line")?;
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .ok_or("bad status line")?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_owned()))
        .collect();
    let mut response = Response {
        status,
        headers,
        body: String::new(),
    };
    let body = if response
        .header("transfer-encoding")
        .is_some_and(|value| value.eq_ignore_ascii_case("chunked"))
    {
        dechunk(rest)?
    } else if let Some(length) = response.header("content-length") {
        let length: usize = length.parse().map_err(|_| "bad content-length")?;
        rest.get(..length)
            .ok_or("body shorter than content-length")?
            .to_vec()
    } else {
        rest.to_vec()
    };
    response.body = String::from_utf8_lossy(&body).into_owned();
    Ok(response)
}

fn dechunk(mut rest: &[u8]) -> Result<Vec<u8>, String> {
    let mut body = Vec::new();
    loop {
        let line_end = find(rest, b"\r\n").ok_or("chunk size line")?;
        let size_text = std::str::from_utf8(&rest[..line_end]).map_err(|_| "chunk size")?;
        let size_text = size_text.split(';').next().unwrap_or("").trim();
        let size = usize::from_str_radix(size_text, 16).map_err(|_| "chunk size")?;
        rest = &rest[line_end + 2..];
        if size == 0 {
            return Ok(body);
        }
        body.extend_from_slice(rest.get(..size).ok_or("short chunk")?);
        rest = rest.get(size + 2..).ok_or("chunk end")?;
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

/// `http://host:port/path` → `/path`; a path stays as it is.
pub fn path_of(url: &str) -> String {
    match url.split_once("://") {
        Some((_, rest)) => match rest.find('/') {
            Some(slash) => rest[slash..].to_owned(),
            None => "/".to_owned(),
        },
        None => url.to_owned(),
    }
}

/// `application/x-www-form-urlencoded`, as a browser encodes a form.
pub fn form_urlencode(fields: &[(String, String)]) -> String {
    fields
        .iter()
        .map(|(name, value)| format!("{}={}", encode_component(name), encode_component(value)))
        .collect::<Vec<_>>()
        .join("&")
}

fn encode_component(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                out.push(byte as char)
            }
            b' ' => out.push('+'),
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

/// A browser stand-in: cookies, the CSRF token of the last page, and form submission.
pub struct Session {
    pub port: u16,
    cookies: Vec<(String, String)>,
    csrf: Option<String>,
    /// The page on screen: the last GET's answer, or a POST's when it was not a redirect.
    pub page: Option<Response>,
    pub path: String,
}

impl Session {
    /// A session without any cookie yet.
    pub fn new(port: u16) -> Self {
        Session {
            port,
            cookies: Vec::new(),
            csrf: None,
            page: None,
            path: "/".to_owned(),
        }
    }

    /// Exchanges the printed token for the session cookie, asserting the contract's answer.
    pub fn open(token_url: &str) -> Self {
        let port = port_of(token_url);
        let mut session = Session::new(port);
        let response = session.get(&path_of(token_url));
        assert_eq!(response.status, 303, "{}", response.describe());
        assert!(
            session.cookie("kluis_session").is_some(),
            "no session cookie: {}",
            response.describe()
        );
        session
    }

    pub fn cookie(&self, name: &str) -> Option<&str> {
        self.cookies
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    pub fn csrf(&self) -> Option<&str> {
        self.csrf.as_deref()
    }

    /// Sends with the right Host and the session's cookies, plus `headers`; no redirect followed.
    pub fn send(
        &mut self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Response {
        let host = host(self.port);
        let cookie_header = self.cookie_header();
        let mut all: Vec<(&str, &str)> = vec![("Host", &host)];
        if !cookie_header.is_empty() {
            all.push(("Cookie", &cookie_header));
        }
        all.extend_from_slice(headers);
        let response = request(self.port, method, path, &all, body);
        self.remember(&response);
        response
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(name, value)| format!("{name}={value}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// Keeps new cookies and the page's CSRF token.
    fn remember(&mut self, response: &Response) {
        for set_cookie in response.all_headers("set-cookie") {
            self.store_cookie(set_cookie);
        }
        if let Some(token) = response.attrs(r#"input[name="csrf"]"#, "value").pop() {
            self.csrf = Some(token);
        }
    }

    fn store_cookie(&mut self, set_cookie: &str) {
        let pair = set_cookie.split(';').next().unwrap_or("");
        let Some((name, value)) = pair.split_once('=') else {
            return;
        };
        let (name, value) = (name.trim().to_owned(), value.trim().to_owned());
        let expired = set_cookie.to_ascii_lowercase().contains("max-age=0");
        self.cookies.retain(|(key, _)| *key != name);
        if !value.is_empty() && !expired {
            self.cookies.push((name, value));
        }
    }

    /// GET without following redirects; the answer becomes the current page.
    pub fn get(&mut self, path: &str) -> Response {
        let response = self.send("GET", path, &[], b"");
        self.path = path.to_owned();
        self.page = Some(response.clone());
        response
    }

    /// GET, following redirects to the final page.
    pub fn get_following(&mut self, path: &str) -> Response {
        let response = self.get(path);
        self.follow(response)
    }

    /// Follows redirects (at most ten) with GET, as a browser does after a 303.
    pub fn follow(&mut self, mut response: Response) -> Response {
        for _ in 0..10 {
            if !response.is_redirect() {
                return response;
            }
            let target = response
                .location()
                .unwrap_or_else(|| panic!("redirect without Location: {}", response.describe()));
            response = self.get(&target);
        }
        panic!("more than ten redirects, last: {}", response.describe());
    }

    /// POSTs a urlencoded form with the right Origin and the last page's `csrf` (unless
    /// `fields` names `csrf` itself). No redirect followed.
    pub fn post_form(&mut self, path: &str, fields: &[(&str, &str)]) -> Response {
        let mut owned: Vec<(String, String)> = fields
            .iter()
            .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
            .collect();
        self.add_csrf(&mut owned);
        self.post_encoded(path, &owned)
    }

    fn add_csrf(&self, fields: &mut Vec<(String, String)>) {
        if !fields.iter().any(|(name, _)| name == "csrf") {
            let token = self
                .csrf
                .clone()
                .unwrap_or_else(|| panic!("no csrf field seen yet (last page {})", self.path));
            fields.push(("csrf".to_owned(), token));
        }
    }

    fn post_encoded(&mut self, path: &str, fields: &[(String, String)]) -> Response {
        let origin = origin(self.port);
        let body = form_urlencode(fields);
        let response = self.send(
            "POST",
            path,
            &[
                ("Origin", &origin),
                ("Content-Type", "application/x-www-form-urlencoded"),
            ],
            body.as_bytes(),
        );
        self.show(path, &response);
        response
    }

    /// A POST answered with a page (not a redirect) becomes the current page, as in a browser.
    fn show(&mut self, path: &str, response: &Response) {
        if !response.is_redirect() {
            self.path = path.to_owned();
            self.page = Some(response.clone());
        }
    }

    /// Submits the form matching `form_css` on the current page as a browser would when its
    /// first submit button is pressed: its own values, with `overrides` replacing or adding
    /// fields. Follows the redirects to the next page.
    pub fn submit(&mut self, form_css: &str, overrides: &[(&str, &str)]) -> Response {
        let page = self.current_page(form_css);
        let document = page.document();
        let form = document
            .select(&selector(form_css))
            .next()
            .unwrap_or_else(|| panic!("no {form_css} on {}: {}", self.path, page.describe()));
        let data = FormData::read(form, first_submit_button(form), &self.path);
        self.send_form(&data, overrides)
    }

    /// Presses the element matching `css` as a user would: a link is followed, a button
    /// submits its form (with its own name and value), and for any other element its form is
    /// submitted with the form's first submit button. Follows the redirects.
    pub fn press(&mut self, css: &str, overrides: &[(&str, &str)]) -> Response {
        let page = self.current_page(css);
        let document = page.document();
        let target = document
            .select(&selector(css))
            .next()
            .unwrap_or_else(|| panic!("no {css} on {}: {}", self.path, page.describe()));
        if let Some(href) = target.value().attr("href") {
            return self.get_following(&path_of(href));
        }
        let form = document
            .select(&selector("form"))
            .find(|form| form.select(&selector(css)).next().is_some())
            .unwrap_or_else(|| panic!("{css} on {} is in no form", self.path));
        let button = if is_submit_button(target) {
            Some(target)
        } else {
            first_submit_button(form)
        };
        let data = FormData::read(form, button, &self.path);
        self.send_form(&data, overrides)
    }

    fn current_page(&self, looking_for: &str) -> Response {
        self.page
            .clone()
            .unwrap_or_else(|| panic!("no page loaded before using {looking_for}"))
    }

    fn send_form(&mut self, form: &FormData, overrides: &[(&str, &str)]) -> Response {
        let fields = form.with_overrides(overrides);
        let response = if form.method == "get" {
            let query = form_urlencode(&fields);
            self.get(&format!("{}?{query}", form.action))
        } else {
            self.post_encoded(&form.action, &fields)
        };
        self.follow(response)
    }

    /// POSTs `multipart/form-data` with `fields`, the session's `csrf` and one file in the
    /// field `file`. No redirect followed.
    pub fn multipart(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
        file_name: &str,
        file_bytes: &[u8],
    ) -> Response {
        let mut owned: Vec<(String, String)> = fields
            .iter()
            .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
            .collect();
        self.add_csrf(&mut owned);
        let boundary = "----kluis-test-boundary-7d1f0a";
        let body = multipart_body(boundary, &owned, file_name, file_bytes);
        let origin = origin(self.port);
        let content_type = format!("multipart/form-data; boundary={boundary}");
        let response = self.send(
            "POST",
            path,
            &[("Origin", &origin), ("Content-Type", &content_type)],
            &body,
        );
        self.show(path, &response);
        response
    }

    /// Unlocks through the unlock form and returns the page it lands on.
    pub fn unlock(&mut self, passphrase: &str) -> Response {
        let page = self.get_following("/unlock");
        assert!(
            page.has("form#unlock"),
            "no unlock form: {}",
            page.describe()
        );
        self.submit("form#unlock", &[("passphrase", passphrase)])
    }

    /// Creates the vault through the create page, confirms that the key is stored, and returns
    /// the recovery key shown once. The current page is then the one after the confirmation.
    pub fn create(&mut self, passphrase: &str) -> String {
        let page = self.get_following("/create");
        assert!(
            page.has("form#create"),
            "no create form: {}",
            page.describe()
        );
        let shown = self.submit(
            "form#create",
            &[("passphrase", passphrase), ("passphrase2", passphrase)],
        );
        let key = shown
            .text_of("pre#recovery-key")
            .unwrap_or_else(|| panic!("no recovery key shown: {}", shown.describe()));
        let stored = shown
            .attrs(r#"form#confirm-key input[name="stored"]"#, "value")
            .pop()
            .unwrap_or_else(|| "on".to_owned());
        self.submit("form#confirm-key", &[("stored", &stored)]);
        key.trim().to_owned()
    }
}

/// The port in `http://127.0.0.1:PORT/...`.
pub fn port_of(url: &str) -> u16 {
    url.strip_prefix("http://127.0.0.1:")
        .and_then(|rest| rest.split(['/', '?']).next())
        .and_then(|port| port.parse().ok())
        .unwrap_or_else(|| panic!("not a local URL: {url}"))
}

fn multipart_body(
    boundary: &str,
    fields: &[(String, String)],
    file_name: &str,
    file_bytes: &[u8],
) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; \
             filename=\"{file_name}\"\r\nContent-Type: text/csv\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(file_bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    body
}

/// A form's target and the values a browser would send without any typing.
struct FormData {
    action: String,
    method: String,
    fields: Vec<(String, String)>,
}

impl FormData {
    /// `form`'s target and values, as sent when `button` is pressed.
    fn read(form: ElementRef, button: Option<ElementRef>, current_path: &str) -> Self {
        let action = match form.value().attr("action") {
            Some(action) if !action.is_empty() => path_of(action),
            _ => current_path.to_owned(),
        };
        let method = form
            .value()
            .attr("method")
            .unwrap_or("get")
            .to_ascii_lowercase();
        let mut fields = default_values(form);
        if let Some(button) = button
            && let Some(name) = button.value().attr("name")
        {
            let value = button.value().attr("value").unwrap_or_default();
            fields.push((name.to_owned(), value.to_owned()));
        }
        FormData {
            action,
            method,
            fields,
        }
    }

    /// The defaults, with each override replacing every field of its name or being added.
    fn with_overrides(&self, overrides: &[(&str, &str)]) -> Vec<(String, String)> {
        let mut fields: Vec<(String, String)> = self
            .fields
            .iter()
            .filter(|(name, _)| !overrides.iter().any(|(key, _)| key == name))
            .cloned()
            .collect();
        fields.extend(
            overrides
                .iter()
                .map(|(name, value)| ((*name).to_owned(), (*value).to_owned())),
        );
        fields
    }
}

/// Named inputs (checked ones for boxes and radios), textareas and selects.
fn default_values(form: ElementRef) -> Vec<(String, String)> {
    let mut fields = Vec::new();
    for element in form.select(&selector("input[name], textarea[name], select[name]")) {
        let name = element.value().attr("name").unwrap_or_default().to_owned();
        let value = match element.value().name() {
            "textarea" => Some(element.text().collect()),
            "select" => selected_option(element),
            _ => input_value(element),
        };
        if let Some(value) = value {
            fields.push((name, value));
        }
    }
    fields
}

fn input_value(input: ElementRef) -> Option<String> {
    let kind = input
        .value()
        .attr("type")
        .unwrap_or("text")
        .to_ascii_lowercase();
    let value = input.value().attr("value");
    match kind.as_str() {
        "submit" | "button" | "reset" | "file" | "image" => None,
        "checkbox" | "radio" => input
            .value()
            .attr("checked")
            .map(|_| value.unwrap_or("on").to_owned()),
        _ => Some(value.unwrap_or_default().to_owned()),
    }
}

fn selected_option(select: ElementRef) -> Option<String> {
    let options: Vec<ElementRef> = select.select(&selector("option")).collect();
    let chosen = options
        .iter()
        .find(|option| option.value().attr("selected").is_some())
        .or(options.first())?;
    Some(
        chosen
            .value()
            .attr("value")
            .map(str::to_owned)
            .unwrap_or_else(|| chosen.text().collect::<String>().trim().to_owned()),
    )
}

fn is_submit_button(element: ElementRef) -> bool {
    let kind = element.value().attr("type").unwrap_or("submit");
    match element.value().name() {
        "button" => kind.eq_ignore_ascii_case("submit"),
        "input" => kind.eq_ignore_ascii_case("submit"),
        _ => false,
    }
}

fn first_submit_button(form: ElementRef) -> Option<ElementRef> {
    form.select(&selector(
        r#"button:not([type]), button[type="submit"], input[type="submit"]"#,
    ))
    .next()
}

#[cfg(test)]
mod tests {
    //! The client against a tiny std server that answers one canned response and hands back
    //! the raw request it got.

    use std::io::{Read, Write};
    use std::net::TcpListener;
    use std::thread::{self, JoinHandle};

    use super::*;

    /// Serves `answers` one connection each; the thread returns the raw requests.
    fn canned(answers: Vec<&'static str>) -> (u16, JoinHandle<Vec<String>>) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let handle = thread::spawn(move || {
            let mut requests = Vec::new();
            for answer in answers {
                let (mut stream, _) = listener.accept().unwrap();
                requests.push(read_request(&mut stream));
                stream.write_all(answer.as_bytes()).unwrap();
            }
            requests
        });
        (port, handle)
    }

    /// Reads the head and a Content-Length body.
    fn read_request(stream: &mut TcpStream) -> String {
        let mut raw = Vec::new();
        let mut byte = [0u8; 1];
        while find(&raw, b"\r\n\r\n").is_none() {
            stream.read_exact(&mut byte).unwrap();
            raw.push(byte[0]);
        }
        let head = String::from_utf8(raw.clone()).unwrap();
        let length = head
            .lines()
            .find_map(|line| line.strip_prefix("Content-Length: "))
            .map_or(0, |n| n.trim().parse().unwrap());
        let mut body = vec![0u8; length];
        stream.read_exact(&mut body).unwrap();
        raw.extend_from_slice(&body);
        String::from_utf8(raw).unwrap()
    }

    #[test]
    fn web_http_client_sends_exactly_the_given_headers_and_parses_a_sized_answer() {
        let (port, server) = canned(vec![
            "HTTP/1.1 403 Forbidden\r\nX-One: a\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\n\
             Content-Length: 5\r\n\r\nhello",
        ]);
        let response = request(port, "POST", "/x", &[("Host", "evil.example")], b"k=v");
        assert_eq!(response.status, 403);
        assert_eq!(response.body, "hello");
        assert_eq!(response.header("X-ONE"), Some("a"));
        assert_eq!(response.all_headers("set-cookie"), ["a=1", "b=2"]);
        let sent = server.join().unwrap();
        assert_eq!(
            sent[0],
            "POST /x HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\
             Content-Length: 3\r\n\r\nk=v"
        );
    }

    #[test]
    fn web_http_client_stops_at_the_end_of_the_answer_on_a_connection_kept_open() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let (done, wait) = std::sync::mpsc::channel::<()>();
        let server = thread::spawn(move || {
            let (mut stream, _) = listener.accept().unwrap();
            read_request(&mut stream);
            stream
                .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
                .unwrap();
            // Like chromedriver: the socket stays open until the client has its answer.
            wait.recv().unwrap();
        });
        let response = request(port, "GET", "/status", &[], b"");
        done.send(()).unwrap();
        server.join().unwrap();
        assert_eq!(response.body, "ok");
    }

    #[test]
    fn web_http_client_reads_chunked_and_closed_bodies() {
        let chunked = parse_response(
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n5;x=y\r\npedia\r\n0\r\n\r\n",
        )
        .unwrap();
        assert_eq!(chunked.body, "Wikipedia");
        let closed = parse_response(b"HTTP/1.1 204 No Content\r\n\r\nrest").unwrap();
        assert_eq!((closed.status, closed.body.as_str()), (204, "rest"));
        assert!(parse_response(b"HTTP/1.1 200 OK\r\n").is_err());
    }

    #[test]
    fn web_http_form_encoding_and_paths_follow_the_browser_rules() {
        let fields = [("q".to_owned(), "Jan de Vries & zn=1/é".to_owned())];
        assert_eq!(
            form_urlencode(&fields),
            "q=Jan+de+Vries+%26+zn%3D1%2F%C3%A9"
        );
        assert_eq!(path_of("http://127.0.0.1:9/unlock?x=1"), "/unlock?x=1");
        assert_eq!(path_of("http://localhost:9"), "/");
        assert_eq!(path_of("/customers"), "/customers");
        assert_eq!(port_of("http://127.0.0.1:4321/?token=ab"), 4321);
    }

    const PAGE: &str = r#"HTTP/1.1 200 OK
Content-Type: text/html
Set-Cookie: kluis_session=s3cr3t; HttpOnly; SameSite=Strict; Path=/

<html><body>
<form id="other" method="post" action="/nope"><input name="csrf" value="old"></form>
<form id="profile" method="post" action="http://127.0.0.1:1/setup/profile">
  <input type="hidden" name="csrf" value="tok123">
  <input name="name" value="Oud">
  <input type="checkbox" name="news" value="yes">
  <input type="checkbox" name="kept" checked>
  <input type="radio" name="starter" value="zzp">
  <input type="radio" name="starter" value="club" checked>
  <select name="map-0"><option value="-">niet</option><option value="email" selected>e</option></select>
  <textarea name="notes">hallo</textarea>
  <input type="file" name="file">
  <button name="go" value="next">Verder</button>
  <button name="go" value="back">Terug</button>
</form></body></html>"#;

    /// `PAGE` with CRLF line ends and a correct Content-Length.
    fn page_answer() -> &'static str {
        let (head, body) = PAGE.split_once("\n\n").unwrap();
        let head = head.replace('\n', "\r\n");
        let answer = format!("{head}\r\nContent-Length: {}\r\n\r\n{body}", body.len());
        Box::leak(answer.into_boxed_str())
    }

    #[test]
    fn web_http_session_keeps_the_cookie_and_submits_a_form_like_a_browser() {
        let (port, server) = canned(vec![
            page_answer(),
            "HTTP/1.1 303 See Other\r\nLocation: /done\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\ndone",
        ]);
        let mut session = Session::new(port);
        session.get("/setup");
        assert_eq!(session.cookie("kluis_session"), Some("s3cr3t"));
        assert_eq!(session.csrf(), Some("tok123"));
        let done = session.submit("form#profile", &[("name", "Nieuw")]);
        assert_eq!(done.body, "done");
        assert_eq!(session.path, "/done");
        let sent = server.join().unwrap();
        let post = &sent[1];
        assert!(
            post.starts_with("POST /setup/profile HTTP/1.1\r\n"),
            "{post}"
        );
        assert!(
            post.contains(&format!("\r\nHost: 127.0.0.1:{port}\r\n")),
            "{post}"
        );
        assert!(post.contains(&format!("\r\nOrigin: http://127.0.0.1:{port}\r\n")));
        assert!(
            post.contains("\r\nCookie: kluis_session=s3cr3t\r\n"),
            "{post}"
        );
        let body = post.split("\r\n\r\n").nth(1).unwrap();
        assert_eq!(
            body,
            "csrf=tok123&kept=on&starter=club&map-0=email&notes=hallo&go=next&name=Nieuw"
        );
        assert!(sent[2].starts_with("GET /done HTTP/1.1\r\n"));
        assert!(sent[2].contains("Cookie: kluis_session=s3cr3t"));
    }

    #[test]
    fn web_http_press_follows_links_and_submits_the_pressed_buttons_form() {
        const HEADER: &str = r#"<a id="add-record" href="http://127.0.0.1:1/customers/new">+</a>
            <form method="post" action="/lock"><input type="hidden" name="csrf" value="c">
            <button id="lock" name="do" value="lock">Vergrendelen</button></form>
            <form method="post" action="/unlock/key"><textarea name="recovery_key"></textarea>
            <input type="hidden" name="csrf" value="c"><button name="with" value="key">Open</button></form>"#;
        let page = format!(
            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n{HEADER}",
            HEADER.len()
        );
        let page: &'static str = Box::leak(page.into_boxed_str());
        let empty = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
        let (port, server) = canned(vec![page, empty, page, empty, page, empty]);
        let mut session = Session::new(port);
        session.get("/customers");
        session.press("#add-record", &[]);
        assert_eq!(session.path, "/customers/new");
        session.get("/customers");
        session.press("#lock", &[]);
        session.get("/unlock");
        session.press(r#"textarea[name="recovery_key"]"#, &[("recovery_key", "K")]);
        let sent = server.join().unwrap();
        assert!(sent[1].starts_with("GET /customers/new "), "{}", sent[1]);
        assert!(sent[3].starts_with("POST /lock "), "{}", sent[3]);
        assert!(sent[3].ends_with("\r\n\r\ncsrf=c&do=lock"), "{}", sent[3]);
        assert!(sent[5].starts_with("POST /unlock/key "), "{}", sent[5]);
        assert!(
            sent[5].ends_with("\r\n\r\ncsrf=c&with=key&recovery_key=K"),
            "{}",
            sent[5]
        );
    }

    #[test]
    fn web_http_multipart_carries_the_fields_the_csrf_and_the_file() {
        let (port, server) = canned(vec![
            page_answer(),
            "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
        ]);
        let mut session = Session::new(port);
        session.get("/import");
        session.multipart("/import", &[("sep", ";")], "klanten.csv", b"name\nAnna\n");
        let sent = server.join().unwrap();
        let post = &sent[1];
        assert!(post.contains("Content-Type: multipart/form-data; boundary="));
        assert!(post.contains("name=\"sep\"\r\n\r\n;\r\n"), "{post}");
        assert!(post.contains("name=\"csrf\"\r\n\r\ntok123\r\n"), "{post}");
        assert!(
            post.contains("name=\"file\"; filename=\"klanten.csv\"\r\nContent-Type: text/csv\r\n\r\nname\nAnna\n\r\n"),
            "{post}"
        );
    }
}
