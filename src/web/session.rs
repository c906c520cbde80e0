//! Who may talk to the server: the one-time token, the session cookie, the Host and Origin
//! checks and the CSRF token.

use rand::RngCore;
use zeroize::Zeroizing;

use super::http::Request;

pub const COOKIE: &str = "kluis_session";

/// A fresh random secret of 256 bits, as hex.
pub fn random_secret() -> Zeroizing<String> {
    let mut bytes = Zeroizing::new([0u8; 32]);
    rand::rngs::OsRng.fill_bytes(bytes.as_mut());
    let mut text = Zeroizing::new(String::with_capacity(64));
    for byte in bytes.iter() {
        text.push_str(&format!("{byte:02x}"));
    }
    text
}

/// Compares secrets in time independent of where they differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |diff, (x, y)| diff | (x ^ y))
            == 0
}

/// The browser session the token was exchanged for.
pub struct Session {
    pub id: Zeroizing<String>,
    pub csrf: Zeroizing<String>,
}

/// Why a request is refused before it reaches a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Not addressed to 127.0.0.1:PORT or localhost:PORT: perhaps DNS rebinding.
    ForeignHost,
    /// No session cookie: 401.
    NoSession,
    /// A cookie or token that is not this server's: 403.
    BadSession,
    /// A POST from another origin, or without the form's CSRF token: 403.
    CrossSite,
    TooLarge,
}

impl Refusal {
    pub fn status(self) -> u16 {
        match self {
            Refusal::NoSession => 401,
            Refusal::TooLarge => 413,
            _ => 403,
        }
    }
}

/// The names this server answers to.
pub struct Origins {
    hosts: [String; 2],
    origins: [String; 2],
}

impl Origins {
    pub fn new(port: u16) -> Origins {
        let hosts = [format!("127.0.0.1:{port}"), format!("localhost:{port}")];
        let origins = hosts.clone().map(|host| format!("http://{host}"));
        Origins { hosts, origins }
    }

    pub fn check_host(&self, request: &Request) -> Result<(), Refusal> {
        match request.header("host") {
            Some(host) if self.hosts.iter().any(|h| h == host) => Ok(()),
            _ => Err(Refusal::ForeignHost),
        }
    }

    /// A POST must come from our own page: browsers send Origin on every form post.
    pub fn check_origin(&self, request: &Request) -> Result<(), Refusal> {
        match request.header("origin") {
            Some(origin) if self.origins.iter().any(|o| o == origin) => Ok(()),
            _ => Err(Refusal::CrossSite),
        }
    }
}

impl Session {
    pub fn new() -> Session {
        Session {
            id: random_secret(),
            csrf: random_secret(),
        }
    }

    /// The cookie that carries the session: not readable by scripts, never sent by another
    /// site, gone when the browser closes.
    pub fn set_cookie(&self) -> String {
        format!(
            "{COOKIE}={}; HttpOnly; SameSite=Strict; Path=/",
            self.id.as_str()
        )
    }

    pub fn check(session: Option<&Session>, request: &Request) -> Result<(), Refusal> {
        let Some(cookie) = request.cookie(COOKIE) else {
            return Err(Refusal::NoSession);
        };
        match session {
            Some(session) if same_secret(&session.id, cookie) => Ok(()),
            _ => Err(Refusal::BadSession),
        }
    }

    pub fn check_csrf(&self, sent: Option<&str>) -> Result<(), Refusal> {
        match sent {
            Some(sent) if same_secret(&self.csrf, sent) => Ok(()),
            _ => Err(Refusal::CrossSite),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::http::Method;

    #[test]
    fn secrets_are_256_bits_and_differ() {
        let (a, b) = (random_secret(), random_secret());
        assert_eq!(a.len(), 64);
        assert_ne!(*a, *b);
    }

    #[test]
    fn only_our_own_host_and_origin_pass() {
        let origins = Origins::new(4321);
        let with = |name, value| Request::fake(Method::Post, "/", &[(name, value)], b"");
        assert!(origins.check_host(&with("host", "127.0.0.1:4321")).is_ok());
        assert!(origins.check_host(&with("host", "localhost:4321")).is_ok());
        assert!(
            origins
                .check_host(&with("host", "evil.example:4321"))
                .is_err()
        );
        assert!(origins.check_host(&with("host", "127.0.0.1:80")).is_err());
        assert!(
            origins
                .check_origin(&with("origin", "http://localhost:4321"))
                .is_ok()
        );
        assert!(origins.check_origin(&with("origin", "null")).is_err());
        assert!(
            origins
                .check_origin(&with("host", "127.0.0.1:4321"))
                .is_err()
        );
    }

    #[test]
    fn a_wrong_cookie_is_forbidden_and_a_missing_one_unauthorised() {
        let session = Session::new();
        let cookie = format!("{COOKIE}={}", session.id.as_str());
        let good = Request::fake(Method::Get, "/", &[("cookie", &cookie)], b"");
        let bad = Request::fake(Method::Get, "/", &[("cookie", "kluis_session=00")], b"");
        let none = Request::fake(Method::Get, "/", &[], b"");
        assert_eq!(Session::check(Some(&session), &good), Ok(()));
        assert_eq!(
            Session::check(Some(&session), &bad),
            Err(Refusal::BadSession)
        );
        assert_eq!(
            Session::check(Some(&session), &none),
            Err(Refusal::NoSession)
        );
        assert_eq!(Session::check(None, &good), Err(Refusal::BadSession));
    }
}
