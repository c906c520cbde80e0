//! Form bodies: `application/x-www-form-urlencoded`, and `multipart/form-data` for uploads.
//! Values may be personal data or a passphrase, so they live in zeroising strings.

use zeroize::Zeroizing;

use super::http::Request;

/// A file sent with a form. It stays in memory and is never written to disk.
pub struct Upload {
    pub file_name: String,
    pub bytes: Zeroizing<Vec<u8>>,
}

#[derive(Default)]
pub struct Form {
    fields: Vec<(String, Zeroizing<String>)>,
    pub upload: Option<Upload>,
}

impl Form {
    /// The form in a POST body; an unreadable body gives an empty form, which the CSRF check
    /// then refuses.
    pub fn parse(request: &Request) -> Form {
        let content_type = request.header("content-type").unwrap_or_default();
        match content_type.split_once("boundary=") {
            Some((kind, boundary)) if kind.starts_with("multipart/form-data") => {
                multipart(&request.body, boundary.trim_matches('"')).unwrap_or_default()
            }
            _ => urlencoded(&request.body),
        }
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// The value, trimmed, or `None` when empty.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.get(name).map(str::trim).filter(|v| !v.is_empty())
    }
}

fn urlencoded(body: &[u8]) -> Form {
    Form {
        fields: form_urlencoded::parse(body)
            .map(|(k, v)| (k.into_owned(), Zeroizing::new(v.into_owned())))
            .collect(),
        upload: None,
    }
}

/// A small multipart reader: parts split on the boundary, each with its headers. Only what
/// a browser's form sends is understood; anything else makes the form empty.
fn multipart(body: &[u8], boundary: &str) -> Option<Form> {
    let delimiter = format!("--{boundary}");
    let mut form = Form::default();
    let mut rest = body.strip_prefix(delimiter.as_bytes())?;
    let separator = format!("\r\n--{boundary}");
    loop {
        if rest.starts_with(b"--") {
            return Some(form);
        }
        rest = rest.strip_prefix(b"\r\n")?;
        let end = find(rest, separator.as_bytes())?;
        read_part(&rest[..end], &mut form)?;
        rest = &rest[end + separator.len()..];
    }
}

fn read_part(part: &[u8], form: &mut Form) -> Option<()> {
    let split = find(part, b"\r\n\r\n")?;
    let head = std::str::from_utf8(&part[..split]).ok()?;
    let content = &part[split + 4..];
    let disposition = head.lines().find(|line| {
        line.to_ascii_lowercase()
            .starts_with("content-disposition:")
    })?;
    let name = parameter(disposition, "name")?;
    match parameter(disposition, "filename") {
        Some(file_name) => {
            if !content.is_empty() {
                form.upload = Some(Upload {
                    file_name,
                    bytes: Zeroizing::new(content.to_vec()),
                });
            }
        }
        None => form.fields.push((
            name,
            Zeroizing::new(String::from_utf8_lossy(content).into_owned()),
        )),
    }
    Some(())
}

/// `name="value"` from a Content-Disposition line.
fn parameter(line: &str, name: &str) -> Option<String> {
    let key = format!("{name}=\"");
    let start = line
        .match_indices(&key)
        .find(|(at, _)| *at == 0 || matches!(line.as_bytes()[at - 1], b' ' | b';'))?
        .0
        + key.len();
    let end = line[start..].find('"')? + start;
    Some(line[start..end].to_owned())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::http::Method;

    #[test]
    fn a_multipart_body_gives_its_fields_and_its_file() {
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nabc\r\n\
--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"klanten.csv\"\r\n\
Content-Type: text/csv\r\n\r\nnaam;email\r\nJan;j@x.nl\r\n\r\n--XyZ--\r\n";
        let request = Request::fake(
            Method::Post,
            "/import",
            &[("content-type", "multipart/form-data; boundary=XyZ")],
            body,
        );
        let form = Form::parse(&request);
        assert_eq!(form.get("csrf"), Some("abc"));
        let upload = form.upload.expect("a file");
        assert_eq!(upload.file_name, "klanten.csv");
        assert_eq!(&upload.bytes[..], b"naam;email\r\nJan;j@x.nl\r\n");
    }

    #[test]
    fn a_truncated_multipart_body_gives_an_empty_form() {
        let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nabc";
        let request = Request::fake(
            Method::Post,
            "/import",
            &[("content-type", "multipart/form-data; boundary=XyZ")],
            body,
        );
        assert_eq!(Form::parse(&request).get("csrf"), None);
    }

    #[test]
    fn an_urlencoded_body_decodes_plus_and_percent() {
        let request = Request::fake(Method::Post, "/x", &[], b"q=Jan+de+Vries&e=a%40b.nl");
        let form = Form::parse(&request);
        assert_eq!(form.get("q"), Some("Jan de Vries"));
        assert_eq!(form.get("e"), Some("a@b.nl"));
    }
}
