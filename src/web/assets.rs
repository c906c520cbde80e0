//! The stylesheet and the small script, embedded in the binary: no CDN, no build step.

use super::http::Response;

const STYLE: &str = include_str!("assets/style.css");
const SCRIPT: &str = include_str!("assets/app.js");

/// The asset at `path`, if it is one. Assets hold no data, so they need no session.
pub fn get(path: &str) -> Option<Response> {
    match path {
        "/assets/style.css" => Some(Response::bytes(
            "text/css; charset=utf-8",
            STYLE.as_bytes().to_vec(),
        )),
        "/assets/app.js" => Some(Response::bytes(
            "text/javascript; charset=utf-8",
            SCRIPT.as_bytes().to_vec(),
        )),
        _ => None,
    }
}
