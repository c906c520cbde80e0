//! `kluis open` at the HTTP level: security headers, Host/Origin/CSRF/session refusals, the
//! idle lock, Ctrl-C, and that a whole session leaves nothing on disk but the vault's files.

use std::net::TcpStream;
use std::thread;
use std::time::Duration;

use serde_json::Value;

use super::http::{Response, Session, host, origin, path_of, request};
use super::server::OpenServer;
use super::{
    ANNA, IMPORTED, PROFILE, assert_only_vault_files, assert_security_headers, consent_purposes,
    csv_for, record_form_fields, record_ids, shop, value_for,
};
use crate::support::{AMSTERDAM, PASSPHRASE, TestVault, contains, succeeded};

/// The GET pages of the contract; `/customers/ID` is added with a real id.
const GET_ROUTES: [&str; 11] = [
    "/",
    "/unlock",
    "/create",
    "/setup",
    "/customers",
    "/customers/new",
    "/import",
    "/statement",
    "/statement?lang=en",
    "/check",
    "/log",
];

/// A shop vault with one record, served and unlocked.
fn unlocked(test: &TestVault, extra_args: &[&str]) -> (OpenServer, Session) {
    let server = OpenServer::start(test, extra_args);
    let mut web = Session::open(&server.token_url);
    let landed = web.unlock(PASSPHRASE);
    assert!(landed.has("table#records"), "{}", landed.describe());
    (server, web)
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|_| panic!("not JSON: {text}"))
}

/// Whether the vault is still unlocked: `/customers` shows the table, not the unlock form.
fn is_unlocked(web: &mut Session) -> bool {
    let page = web.get_following("/customers");
    page.has("table#records") && !page.has("form#unlock")
}

#[test]
fn web_every_answer_carries_the_security_headers_locked_and_unlocked() {
    let test = shop();
    let id = test.ok(&["add", "name=Anna Devries"]).trim().to_owned();
    let server = OpenServer::start(&test, &[]);
    let mut routes: Vec<String> = GET_ROUTES.iter().map(|r| (*r).to_owned()).collect();
    routes.push(format!("/customers/{id}"));
    routes.push("/no-such-page".to_owned());

    for route in &routes {
        let answer = request(
            server.port,
            "GET",
            route,
            &[("Host", &host(server.port))],
            b"",
        );
        assert_security_headers(&answer, &format!("GET {route} without a session"));
    }
    let foreign = request(server.port, "GET", "/", &[("Host", "evil.example")], b"");
    assert_security_headers(&foreign, "foreign Host");

    let mut web = Session::new(server.port);
    let exchange = web.get(&path_of(&server.token_url));
    assert_security_headers(&exchange, "token exchange");
    let reused = request(
        server.port,
        "GET",
        &path_of(&server.token_url),
        &[("Host", &host(server.port))],
        b"",
    );
    assert_security_headers(&reused, "token reused");
    for route in &routes {
        assert_security_headers(&web.get(route), &format!("GET {route} locked"));
    }
    let unlocked_page = web.unlock(PASSPHRASE);
    assert!(
        unlocked_page.has("table#records"),
        "{}",
        unlocked_page.describe()
    );
    let mut assets = Vec::new();
    for route in &routes {
        let answer = web.get(route);
        assert_security_headers(&answer, &format!("GET {route} unlocked"));
        assets.extend(answer.attrs("link[href]", "href"));
        assets.extend(answer.attrs("script[src]", "src"));
    }
    for asset in assets.iter().filter(|a| a.starts_with('/')) {
        assert_security_headers(&web.get(asset), &format!("GET {asset}"));
    }
    let refused = web.send("POST", "/lock", &[], b"");
    assert_eq!(refused.status, 403, "{}", refused.describe());
    assert_security_headers(&refused, "refused POST");
    web.get_following("/customers");
    let lock = web.post_form("/lock", &[]);
    assert_security_headers(&lock, "POST /lock");
}

#[test]
fn web_a_foreign_host_is_refused() {
    let test = shop();
    let server = OpenServer::start(&test, &[]);
    let token_path = path_of(&server.token_url);
    let wrong_port = format!("127.0.0.1:{}", server.port.wrapping_add(1));
    for bad_host in [
        "evil.example",
        "evil.example:80",
        wrong_port.as_str(),
        "127.0.0.1",
    ] {
        let answer = request(server.port, "GET", &token_path, &[("Host", bad_host)], b"");
        assert_eq!(answer.status, 403, "Host {bad_host}: {}", answer.describe());
    }
    let no_host = request(server.port, "GET", &token_path, &[], b"");
    assert!(
        matches!(no_host.status, 400 | 403),
        "{}",
        no_host.describe()
    );

    // The refused requests did not use up the token; `localhost:PORT` is accepted too.
    let localhost = format!("localhost:{}", server.port);
    let exchange = request(
        server.port,
        "GET",
        &token_path,
        &[("Host", &localhost)],
        b"",
    );
    assert_eq!(exchange.status, 303, "{}", exchange.describe());
    let cookie = exchange
        .all_headers("set-cookie")
        .into_iter()
        .find_map(|c| {
            c.split(';')
                .next()
                .filter(|p| p.starts_with("kluis_session="))
        })
        .expect("session cookie")
        .to_owned();
    for bad_host in ["evil.example", wrong_port.as_str()] {
        let answer = request(
            server.port,
            "GET",
            "/unlock",
            &[("Host", bad_host), ("Cookie", &cookie)],
            b"",
        );
        assert_eq!(answer.status, 403, "Host {bad_host}: {}", answer.describe());
    }
    let good = request(
        server.port,
        "GET",
        "/unlock",
        &[("Host", &localhost), ("Cookie", &cookie)],
        b"",
    );
    assert_eq!(good.status, 200, "{}", good.describe());
}

#[test]
fn web_a_post_from_a_foreign_host_is_refused_and_changes_nothing() {
    let test = shop();
    let (server, mut web) = unlocked(&test, &[]);
    web.get_following("/customers");
    let csrf = web.csrf().expect("csrf on the page").to_owned();
    let body = format!("csrf={csrf}");
    let cookie = format!("kluis_session={}", web.cookie("kluis_session").unwrap());
    let answer = request(
        server.port,
        "POST",
        "/lock",
        &[
            ("Host", "evil.example"),
            ("Cookie", &cookie),
            ("Origin", &origin(server.port)),
            ("Content-Type", "application/x-www-form-urlencoded"),
        ],
        body.as_bytes(),
    );
    assert_eq!(answer.status, 403, "{}", answer.describe());
    assert!(is_unlocked(&mut web));
}

#[test]
fn web_a_post_without_the_right_origin_is_refused() {
    let test = shop();
    let (server, mut web) = unlocked(&test, &[]);
    web.get_following("/customers");
    let csrf = web.csrf().expect("csrf on the page").to_owned();
    let body = format!("csrf={csrf}");
    let form = ("Content-Type", "application/x-www-form-urlencoded");
    let other_port = format!("http://127.0.0.1:{}", server.port.wrapping_add(1));
    let https = format!("https://127.0.0.1:{}", server.port);
    let bad_origins: [Option<&str>; 5] = [
        None,
        Some("null"),
        Some("http://evil.example"),
        Some(&other_port),
        Some(&https),
    ];
    for bad in bad_origins {
        let mut headers = vec![form];
        if let Some(bad) = bad {
            headers.push(("Origin", bad));
        }
        let answer = web.send("POST", "/lock", &headers, body.as_bytes());
        assert_eq!(answer.status, 403, "Origin {bad:?}: {}", answer.describe());
        assert!(is_unlocked(&mut web), "Origin {bad:?} locked the vault");
    }
    let localhost = format!("http://localhost:{}", server.port);
    let csrf = web.csrf().unwrap().to_owned();
    let body = format!("csrf={csrf}");
    let answer = web.send(
        "POST",
        "/lock",
        &[form, ("Origin", &localhost)],
        body.as_bytes(),
    );
    assert_eq!(answer.status, 303, "{}", answer.describe());
    assert!(!is_unlocked(&mut web), "a good POST /lock locks");
}

#[test]
fn web_a_post_without_the_right_csrf_is_refused() {
    let test = shop();
    let (_server, mut web) = unlocked(&test, &[]);
    web.get_following("/customers");
    let good = web.csrf().expect("csrf on the page").to_owned();
    let wrong = if good.starts_with('0') { "1" } else { "0" }.repeat(good.len());
    let origin = origin(web.port);
    let headers = [
        ("Origin", origin.as_str()),
        ("Content-Type", "application/x-www-form-urlencoded"),
    ];
    let wrong_body = format!("csrf={wrong}");
    for body in ["", "csrf=", "other=1", wrong_body.as_str()] {
        let answer = web.send("POST", "/lock", &headers, body.as_bytes());
        assert_eq!(answer.status, 403, "body {body:?}: {}", answer.describe());
        assert!(is_unlocked(&mut web), "body {body:?} locked the vault");
    }
    // The unlock form needs it too: the right passphrase without csrf does not unlock.
    let answer = web.post_form("/lock", &[]);
    assert_eq!(answer.status, 303, "{}", answer.describe());
    web.get_following("/unlock");
    let answer = web.post_form("/unlock", &[("passphrase", PASSPHRASE), ("csrf", &wrong)]);
    assert_eq!(answer.status, 403, "{}", answer.describe());
    assert!(!is_unlocked(&mut web));
}

#[test]
fn web_a_missing_wrong_or_reused_token_is_refused() {
    let test = shop();
    let server = OpenServer::start(&test, &[]);
    let host = host(server.port);
    let get = |path: &str, cookie: Option<&str>| {
        let mut headers = vec![("Host", host.as_str())];
        if let Some(cookie) = cookie {
            headers.push(("Cookie", cookie));
        }
        request(server.port, "GET", path, &headers, b"")
    };
    let no_cookie = get("/customers", None);
    assert_eq!(no_cookie.status, 401, "{}", no_cookie.describe());
    assert_html_page(&no_cookie);
    let wrong_cookie = get(
        "/customers",
        Some("kluis_session=00000000000000000000000000000000"),
    );
    assert_eq!(wrong_cookie.status, 403, "{}", wrong_cookie.describe());
    assert_html_page(&wrong_cookie);
    let wrong_token = get("/?token=00000000000000000000000000000000", None);
    assert_eq!(wrong_token.status, 403, "{}", wrong_token.describe());

    // The real token still works once, after the wrong attempts.
    let exchange = get(&path_of(&server.token_url), None);
    assert_eq!(exchange.status, 303, "{}", exchange.describe());
    assert_eq!(exchange.location().as_deref(), Some("/"));
    let set_cookie = exchange
        .all_headers("set-cookie")
        .into_iter()
        .find(|c| c.starts_with("kluis_session="))
        .unwrap_or_else(|| panic!("no session cookie: {}", exchange.describe()));
    let attributes: Vec<String> = set_cookie
        .split(';')
        .skip(1)
        .map(|a| a.trim().to_ascii_lowercase())
        .collect();
    for needed in ["httponly", "samesite=strict", "path=/"] {
        assert!(
            attributes.iter().any(|a| a == needed),
            "{needed}: {set_cookie}"
        );
    }
    let cookie = set_cookie.split(';').next().unwrap();
    assert!(
        !cookie.contains(server.token()),
        "the cookie is not the token"
    );
    let reused = get(&path_of(&server.token_url), None);
    assert_eq!(reused.status, 403, "{}", reused.describe());
    assert_html_page(&reused);

    let with_cookie = get("/", Some(cookie));
    assert_eq!(with_cookie.status, 303, "{}", with_cookie.describe());
    assert_eq!(with_cookie.location().as_deref(), Some("/unlock"));
}

fn assert_html_page(response: &Response) {
    let content_type = response.header("content-type").unwrap_or_default();
    assert!(
        content_type.starts_with("text/html"),
        "{}",
        response.describe()
    );
    assert!(response.has("body"), "{}", response.describe());
    assert!(!response.body.trim().is_empty(), "{}", response.describe());
}

#[test]
fn web_a_wrong_passphrase_does_not_unlock() {
    let test = shop();
    let server = OpenServer::start(&test, &[]);
    let mut web = Session::open(&server.token_url);
    let refused = web.unlock("wrong horse battery staple");
    assert!(
        matches!(refused.status, 200 | 401),
        "{}",
        refused.describe()
    );
    assert!(refused.has("form#unlock"), "{}", refused.describe());
    assert!(
        !refused.body.contains("wrong horse"),
        "the page repeats the passphrase"
    );
    assert!(!is_unlocked(&mut web));
    let landed = web.unlock(PASSPHRASE);
    assert!(landed.has("table#records"), "{}", landed.describe());
}

/// Regression: the log page showed the stored UTC time as if it were local, an hour or two
/// early for a Dutch owner. It shows local time with the offset, as the command line does.
#[test]
fn web_the_log_shows_local_times() {
    let test = shop();
    let mut at_half_past_midnight = test.kluis();
    at_half_past_midnight.env("KLUIS_NOW", "2026-12-01T23:30:00Z");
    succeeded(
        at_half_past_midnight,
        &["add", "name=Anna Devries", "email=anna@example.nl"],
    );
    let server = OpenServer::start_in_zone(&test, AMSTERDAM);
    let mut web = Session::open(&server.token_url);
    web.unlock(PASSPHRASE);
    let log = web.get_following("/log");
    assert!(
        log.body.contains("2026-12-02 00:30 +01:00"),
        "{}",
        log.describe()
    );
    assert!(!log.body.contains("2026-12-01 23:30"), "{}", log.describe());
}

#[test]
fn web_the_recovery_key_unlocks_too() {
    let test = shop();
    let key = std::fs::read_to_string(&test.recovery_key).unwrap();
    let key = key
        .lines()
        .find(|line| line.starts_with("AGE-SECRET-KEY-"))
        .expect("a secret key line");
    let server = OpenServer::start(&test, &[]);
    let mut web = Session::open(&server.token_url);
    web.get_following("/unlock");
    let landed = web.press(r#"textarea[name="recovery_key"]"#, &[("recovery_key", key)]);
    assert!(landed.has("table#records"), "{}", landed.describe());
}

#[test]
fn web_the_vault_locks_itself_when_idle() {
    let test = shop();
    let (_server, mut web) = unlocked(&test, &["--idle-lock", "0.02"]);
    // 0.02 minutes is 1.2 s; wait well past it.
    thread::sleep(Duration::from_millis(2500));
    let page = web.get_following("/customers");
    assert!(page.has("form#unlock"), "{}", page.describe());
    assert!(!page.has("table#records"), "{}", page.describe());
}

#[test]
fn web_ctrl_c_locks_and_exits_zero() {
    let test = shop();
    let (mut server, mut web) = unlocked(&test, &[]);
    assert!(is_unlocked(&mut web));
    let status = server.stop_with_ctrl_c();
    assert_eq!(status.code(), Some(0), "stderr: {}", server.stderr_text());
    assert!(TcpStream::connect(("127.0.0.1", server.port)).is_err());
    // Nothing holds the writer lock any more: a CLI change with --wait 0 goes through.
    test.ok(&["--wait", "0", "profile", "set", "--phone", "+31209876543"]);
}

#[test]
fn web_sigterm_also_exits_zero() {
    let test = shop();
    let (mut server, _web) = unlocked(&test, &[]);
    let status = server.stop(libc::SIGTERM);
    assert_eq!(status.code(), Some(0), "stderr: {}", server.stderr_text());
}

#[test]
fn web_the_link_is_the_last_line_of_stdout() {
    let test = shop();
    let mut server = OpenServer::start(&test, &[]);
    let token = server.token().to_owned();
    let hex = token.len() >= 32 && token.bytes().all(|b| b.is_ascii_hexdigit());
    let base64url = token.len() >= 22
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    assert!(hex || base64url, "token of at least 128 bits: {token}");
    assert_eq!(
        server.token_url,
        format!("http://127.0.0.1:{}/?token={token}", server.port)
    );
    assert!(server.stop_with_ctrl_c().success());
    let lines = server.stdout_lines();
    assert_eq!(lines.last(), Some(&server.token_url), "{lines:?}");
}

#[test]
fn web_json_prints_one_object_with_the_link() {
    let test = shop();
    let mut server = OpenServer::start(&test, &["--json"]);
    let mut web = Session::open(&server.token_url);
    assert!(!is_unlocked(&mut web));
    assert!(server.stop_with_ctrl_c().success());
    let lines = server.stdout_lines();
    assert_eq!(lines.len(), 1, "{lines:?}");
    let started = json(&lines[0]);
    assert_eq!(started["url"], server.token_url.as_str());
    assert_eq!(started["browser_opened"], false);
    assert!(
        started["vault"].as_str().unwrap().ends_with(".kluis"),
        "{started}"
    );
}

/// A vault made in the page, set up, with a customer, an import, a published statement and a
/// lock, over plain HTTP; afterwards only the vault's files exist and the CLI sees it all.
#[test]
fn web_a_full_session_leaves_nothing_on_disk_but_the_vault_files() {
    let test = TestVault::empty();
    let mut server = OpenServer::start(&test, &[]);
    assert!(test.all_files().is_empty(), "{:?}", test.all_files());
    let mut web = Session::open(&server.token_url);
    let first = web.get_following("/");
    assert_eq!(web.path, "/create", "{}", first.describe());
    let key = web.create(PASSPHRASE);
    assert!(key.contains("AGE-SECRET-KEY-"), "recovery key shown: {key}");
    assert!(
        web.path.starts_with("/setup"),
        "after the key: {}",
        web.path
    );
    set_up_webshop(&mut web);

    let fields = add_anna(&mut web);
    let id = find_anna(&mut web);
    let purpose = toggle_first_consent(&mut web, &id);
    import_two(&mut web, &fields);
    publish_statement(&mut web);
    web.get_following("/customers");
    let locked = web.press("#lock", &[]);
    assert!(locked.has("form#unlock"), "{}", locked.describe());
    assert!(
        server.stop_with_ctrl_c().success(),
        "{}",
        server.stderr_text()
    );

    assert_only_vault_files(&test);
    for file in test.all_files() {
        let bytes = std::fs::read(&file).unwrap();
        for secret in [ANNA.name, ANNA.email, IMPORTED[0].name] {
            assert!(
                !contains(&bytes, secret.as_bytes()),
                "{secret} in {}",
                file.display()
            );
        }
    }
    assert_cli_sees_the_session(&test, &id, &purpose);
}

fn set_up_webshop(web: &mut Session) {
    let page = web.get_following("/setup");
    assert!(page.has("form#starter"), "{}", page.describe());
    let profile = web.submit("form#starter", &[("starter", "webshop")]);
    assert!(profile.has("form#profile"), "{}", profile.describe());
    let review = web.submit("form#profile", &PROFILE);
    assert!(review.has("#setup-done"), "{}", review.describe());
    let customers = web.press("#setup-done", &[]);
    assert_eq!(web.path, "/customers", "{}", customers.describe());
    assert!(customers.has("table#records"), "{}", customers.describe());
}

/// Adds Anna through the record form; returns the form's fields (the CSV uses them too).
fn add_anna(web: &mut Session) -> Vec<super::FormField> {
    web.get_following("/customers");
    let form = web.press("#add-record", &[]);
    assert!(form.has("form#record-form"), "{}", form.describe());
    let fields = record_form_fields(&form.body);
    assert!(!fields.is_empty(), "{}", form.describe());
    let values: Vec<(String, String)> = fields
        .iter()
        .map(|field| (field.name.clone(), value_for(field, &ANNA)))
        .collect();
    let values: Vec<(&str, &str)> = values
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let saved = web.press("#save", &values);
    assert!(saved.status < 400, "{}", saved.describe());
    assert_ne!(
        web.path,
        "/customers/new",
        "no redirect after saving: {}",
        saved.describe()
    );
    fields
}

/// Searches for "devries" and returns the one record id found.
fn find_anna(web: &mut Session) -> String {
    web.get_following("/customers");
    let found = web.submit("form#search", &[("q", "devries")]);
    let ids = record_ids(&found.body);
    assert_eq!(ids.len(), 1, "{}", found.describe());
    assert!(found.text_of("table#records").unwrap().contains(ANNA.name));
    let missing = web.submit("form#search", &[("q", "klaas-5531")]);
    assert!(
        record_ids(&missing.body).is_empty(),
        "{}",
        missing.describe()
    );
    ids[0].clone()
}

/// Switches the first consent on the record page; returns its purpose.
fn toggle_first_consent(web: &mut Session, id: &str) -> String {
    let record = web.get_following(&format!("/customers/{id}"));
    let purposes = consent_purposes(&record.body);
    let purpose = purposes
        .first()
        .unwrap_or_else(|| panic!("no consent switch: {}", record.describe()))
        .clone();
    let after = web.submit(&format!("form#consent-{purpose}"), &[]);
    assert!(after.status < 400, "{}", after.describe());
    purpose
}

fn import_two(web: &mut Session, fields: &[super::FormField]) {
    let csv = csv_for(fields, &IMPORTED);
    let upload = web.get_following("/import");
    let action = upload
        .attrs("form#upload", "action")
        .pop()
        .expect("upload form");
    let mapping = web.multipart(&path_of(&action), &[], "klanten.csv", csv.as_bytes());
    let mapping = web.follow(mapping);
    assert!(mapping.has("form#mapping"), "{}", mapping.describe());
    let selects = mapping.attrs(r#"form#mapping select[name^="map-"]"#, "name");
    assert_eq!(selects.len(), fields.len(), "{}", mapping.describe());
    let choices: Vec<(&str, &str)> = selects
        .iter()
        .zip(fields)
        .map(|(select, field)| (select.as_str(), field.name.as_str()))
        .collect();
    let summary = web.press("#dry-run", &choices);
    assert!(summary.has("form#run-import"), "{}", summary.describe());
    let done = web.submit("form#run-import", &[]);
    assert!(done.has("#import-done"), "{}", done.describe());
}

fn publish_statement(web: &mut Session) {
    let preview = web.get_following("/statement");
    assert!(preview.has("form#publish"), "{}", preview.describe());
    let published = web.submit("form#publish", &[]);
    assert!(published.status < 400, "{}", published.describe());
    let download = published
        .attrs("#download", "href")
        .pop()
        .expect("download link");
    let file = web.get(&path_of(&download));
    assert_eq!(file.status, 200, "{}", file.describe());
    assert!(
        file.body.contains(super::PROFILE[0].1),
        "the statement names the business"
    );
}

fn assert_cli_sees_the_session(test: &TestVault, id: &str, purpose: &str) {
    let all = json(&test.ok(&["list", "--json"]));
    assert_eq!(all.as_array().unwrap().len(), 3, "{all}");
    let found = json(&test.ok(&["find", "devries", "--json"]));
    assert_eq!(found[0]["id"].to_string(), id, "{found}");
    let shown = test.ok(&["show", id]);
    assert!(
        shown.contains(&format!("consent for {purpose}: given")),
        "{shown}"
    );
    let diff = json(&test.ok(&["statement", "diff", "--json"]));
    assert_eq!(diff["published"]["id"], 1, "{diff}");
}
