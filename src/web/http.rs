//! Requests and responses as the pages see them, apart from tiny_http, with the headers every
//! response carries.

use std::io::Read;

use zeroize::Zeroizing;

/// Uploads may be spreadsheets; everything else is a small form.
const MAX_UPLOAD: u64 = 64 * 1024 * 1024;
const MAX_FORM: u64 = 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Other,
}

/// One request, read whole. The body may hold personal data or a passphrase: it is zeroised
/// when dropped.
pub struct Request {
    pub method: Method,
    pub path: String,
    pub query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    pub body: Zeroizing<Vec<u8>>,
}

/// The body was larger than a form or an upload may be.
#[derive(Debug)]
pub struct TooLarge;

impl Request {
    /// Reads method, address, headers and body from tiny_http.
    pub fn read(raw: &mut tiny_http::Request) -> Result<Request, TooLarge> {
        let method = match raw.method() {
            tiny_http::Method::Get | tiny_http::Method::Head => Method::Get,
            tiny_http::Method::Post => Method::Post,
            _ => Method::Other,
        };
        let url = raw.url().to_owned();
        let (path, query) = url.split_once('?').unwrap_or((&url, ""));
        let headers: Vec<(String, String)> = raw
            .headers()
            .iter()
            .map(|h| {
                (
                    h.field.as_str().as_str().to_ascii_lowercase(),
                    h.value.as_str().to_owned(),
                )
            })
            .collect();
        let limit = if path.starts_with("/import") {
            MAX_UPLOAD
        } else {
            MAX_FORM
        };
        let mut body = Zeroizing::new(Vec::new());
        let read = raw
            .as_reader()
            .take(limit + 1)
            .read_to_end(&mut body)
            .unwrap_or(0);
        if read as u64 > limit {
            return Err(TooLarge);
        }
        Ok(Request {
            method,
            path: path.to_owned(),
            query: form_urlencoded::parse(query.as_bytes())
                .into_owned()
                .collect(),
            headers,
            body,
        })
    }

    /// A request built in memory, for tests of the pages.
    #[cfg(test)]
    pub fn fake(method: Method, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Request {
        let (path, query) = path.split_once('?').unwrap_or((path, ""));
        Request {
            method,
            path: path.to_owned(),
            query: form_urlencoded::parse(query.as_bytes())
                .into_owned()
                .collect(),
            headers: headers
                .iter()
                .map(|(k, v)| (k.to_ascii_lowercase(), (*v).to_owned()))
                .collect(),
            body: Zeroizing::new(body.to_vec()),
        }
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    pub fn query(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    pub fn cookie(&self, name: &str) -> Option<&str> {
        self.header("cookie")?
            .split(';')
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value)
    }
}

/// A response before the common headers are added.
pub struct Response {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Zeroizing<Vec<u8>>,
    pub headers: Vec<(&'static str, String)>,
}

impl Response {
    pub fn html(status: u16, body: String) -> Response {
        Response {
            status,
            content_type: "text/html; charset=utf-8",
            body: Zeroizing::new(body.into_bytes()),
            headers: Vec::new(),
        }
    }

    /// A 303 See Other: after a POST the browser loads the next page with GET.
    pub fn redirect(to: &str) -> Response {
        let mut response = Response::html(303, String::new());
        response.headers.push(("Location", to.to_owned()));
        response
    }

    pub fn bytes(content_type: &'static str, body: Vec<u8>) -> Response {
        Response {
            status: 200,
            content_type,
            body: Zeroizing::new(body),
            headers: Vec::new(),
        }
    }

    /// A file the browser saves instead of showing.
    pub fn download(mut self, file_name: &str) -> Response {
        self.headers.push((
            "Content-Disposition",
            format!("attachment; filename=\"{file_name}\""),
        ));
        self
    }

    pub fn with_header(mut self, name: &'static str, value: String) -> Response {
        self.headers.push((name, value));
        self
    }
}

/// What every response says, whatever the route: no framing, no sniffing, referrers only to
/// ourselves (Chromium sends `Origin: null` on form posts under `no-referrer`), and nothing in
/// the browser's disk cache.
pub const SECURITY_HEADERS: [(&str, &str); 4] = [
    (
        "Content-Security-Policy",
        "default-src 'self'; frame-ancestors 'none'",
    ),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "same-origin"),
    ("Cache-Control", "no-store"),
];

/// Hands a response to tiny_http with the security headers.
pub fn send(raw: tiny_http::Request, response: Response) {
    let length = response.body.len();
    let mut out = tiny_http::Response::new(
        tiny_http::StatusCode(response.status),
        vec![header("Content-Type", response.content_type)],
        Body {
            bytes: response.body,
            read: 0,
        },
        Some(length),
        None,
    );
    for (name, value) in SECURITY_HEADERS {
        out.add_header(header(name, value));
    }
    for (name, value) in &response.headers {
        out.add_header(header(name, value));
    }
    // The browser may be gone; nothing to do about it.
    let _ = raw.respond(out);
}

fn header(name: &str, value: &str) -> tiny_http::Header {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes())
        .expect("header names and values are ASCII without line breaks")
}

/// A page on its way out: it may hold personal data, so it is zeroised once sent.
struct Body {
    bytes: Zeroizing<Vec<u8>>,
    read: usize,
}

impl Read for Body {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let rest = &self.bytes[self.read..];
        let n = rest.len().min(out.len());
        out[..n].copy_from_slice(&rest[..n]);
        self.read += n;
        Ok(n)
    }
}
