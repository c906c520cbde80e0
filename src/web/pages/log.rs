//! The audit trail, newest first, a page at a time. Entries hold times, actions, record ids,
//! field and purpose names and counts, never a value (see records::audit), so the page number
//! may go in the address.

use minijinja::context;
use serde::Serialize;

use super::super::app::App;
use super::super::http::Response;
use super::{failure, not_found};
use crate::records::RecordId;
use crate::records::audit::{self, Entry};

/// Entries on one page.
const PER_PAGE: usize = 100;

#[derive(Serialize)]
struct Row {
    at: String,
    action: String,
    /// The record, or the range of records, as a link target when it is one record.
    record: Option<String>,
    record_id: Option<RecordId>,
    fields: String,
    purpose: String,
    detail: String,
}

fn row(entry: &Entry) -> Row {
    let record = match (entry.record, entry.record_last) {
        (Some(first), Some(last)) => Some(format!("{first}–{last}")),
        (Some(one), None) => Some(one.to_string()),
        (None, _) => None,
    };
    Row {
        at: crate::clock::stored_for_people(&entry.at),
        action: entry.action.clone(),
        record,
        record_id: entry.record.filter(|_| entry.record_last.is_none()),
        fields: entry.fields.join(", "),
        purpose: entry.purpose.clone().unwrap_or_default(),
        detail: entry.detail.clone().unwrap_or_default(),
    }
}

/// The page number in `?page=N`, counted from 0; anything else is the first page.
pub fn page_of(asked: Option<&str>) -> usize {
    asked.and_then(|p| p.parse().ok()).unwrap_or(0)
}

/// GET /log?page=N.
pub fn page(app: &App, page: usize) -> Response {
    let Some(open) = &app.open else {
        return not_found(app);
    };
    let conn = open.vault.conn();
    let read = audit::count(conn).and_then(|total| {
        let skip = page.saturating_mul(PER_PAGE);
        Ok((total, audit::newest(conn, skip, PER_PAGE)?))
    });
    let (total, entries) = match read {
        Ok(read) => read,
        Err(error) => return failure(app, &error.into(), "/"),
    };
    let rows: Vec<Row> = entries.iter().map(row).collect();
    let pages = total.div_ceil(PER_PAGE).max(1);
    app.page(
        "log.html",
        context! { nav => "log", rows, total, page, pages },
    )
}

#[cfg(test)]
mod tests {
    use crate::web::testing::{TestApp, body};

    #[test]
    fn the_log_lists_the_newest_entry_first_and_pages() {
        let mut test = TestApp::unlocked();
        let empty = test.get("/log");
        assert_eq!(empty.status, 200);
        assert!(body(&empty).contains("id=\"log\""));

        let mut test = TestApp::bakery();
        let entries = crate::records::audit::entries(test.conn(), None).unwrap();
        assert!(entries.len() > 2);
        let html = body(&test.get("/log")).to_owned();
        let newest = entries.last().unwrap();
        let oldest = entries.first().unwrap();
        assert_ne!(newest.action, oldest.action);
        let at = |action: &str| {
            html.find(&format!("<td>{action}</td>"))
                .unwrap_or_else(|| panic!("{action} is listed: {html}"))
        };
        assert!(at(&newest.action) < at(&oldest.action), "newest first");
        let beyond = test.get("/log?page=99");
        assert_eq!(beyond.status, 200);
        assert!(!body(&beyond).contains(&format!("<td>{}</td>", newest.action)));
    }
}
