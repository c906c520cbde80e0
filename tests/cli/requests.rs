//! `kluis request`: one end-to-end test per request type, with the vault's state afterwards,
//! and the deadlines in `check`, through the real binary on the web-shop starter.

use std::process::Output;

use serde_json::Value;

use super::support::{AMSTERDAM, CHEAP_KDF, TestVault, strings, succeeded};

const NOW: &str = "2026-03-02T09:00:00Z";

struct Shop(TestVault);

impl Shop {
    /// The web-shop starter with a profile, a legitimate-interest purpose, and two customers:
    /// Jan (1, newsletter consent) and Piet (2).
    fn new() -> Self {
        let test = TestVault::empty();
        let key = test.recovery_key.to_str().unwrap().to_owned();
        let shop = Shop(test);
        shop.ok(&[
            &["init", "--starter", "webshop", "--recovery-key-out", &key][..],
            &CHEAP_KDF[..],
        ]
        .concat());
        shop.ok(&[
            "profile",
            "set",
            "--name",
            "Webwinkel Noor",
            "--email",
            "privacy@noor.example",
            "--address",
            "Kade 2, 1011 AA Amsterdam",
        ]);
        shop.ok(&[
            "purpose",
            "add",
            "fraud",
            "--basis",
            "legitimate-interests",
            "--interest",
            "Fraude voorkomen",
            "--interest-en",
            "Preventing fraud",
            "--description",
            "Fraude bij bestellingen voorkomen",
            "--description-en",
            "Preventing fraud with orders",
            "--retention",
            "1y",
            "--profiling",
            "none",
            "--no-recipients",
        ]);
        shop.ok(&[
            "field",
            "add",
            "fraud_note",
            "--type",
            "text",
            "--purpose",
            "fraud",
            "--source",
            "own",
            "--label",
            "Notitie",
            "--label-en",
            "Note",
        ]);
        shop.ok(&[
            "add",
            "name=Jan de Vries",
            "email=jan@example.nl",
            "phone=0612345678",
            "fraud_note=let op",
        ]);
        shop.ok(&[
            "add",
            "name=Piet Bakker",
            "email=piet@example.nl",
            "postcode=9999ZZ",
        ]);
        shop.ok(&["consent", "give", "1", "newsletter"]);
        shop
    }

    fn run(&self, now: &str, args: &[&str]) -> Output {
        self.0
            .kluis()
            .env("KLUIS_NOW", now)
            .args(args)
            .output()
            .expect("runs")
    }

    fn ok(&self, args: &[&str]) -> String {
        let output = self.run(NOW, args);
        assert!(
            output.status.success(),
            "kluis {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    }

    fn fails(&self, args: &[&str], code: i32) -> String {
        let output = self.run(NOW, args);
        assert_eq!(
            output.status.code(),
            Some(code),
            "kluis {args:?}: {}",
            String::from_utf8_lossy(&output.stdout)
        );
        String::from_utf8(output.stderr).unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(&[args, &["--json"][..]].concat())).expect("JSON on stdout")
    }

    fn status(&self, id: i64) -> String {
        let list = self.json(&["request", "list"]);
        let found = list
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .expect("listed");
        found["status"].as_str().unwrap().to_owned()
    }
}

#[test]
fn access_writes_the_letter_and_changes_no_value() {
    let shop = Shop::new();
    let added = shop.ok(&[
        "request",
        "add",
        "access",
        "--email",
        "jan@example.nl",
        "--via",
        "email",
        "--received",
        "2026-02-27",
    ]);
    assert_eq!(
        added,
        "request 1: access for record 1, received 2026-02-27, due 2026-03-27\n"
    );
    let before = shop.json(&["show", "1"]);
    let letter = shop.ok(&["request", "answer", "1", "--format", "txt"]);
    for text in [
        "Uw gegevens bij Webwinkel Noor",
        "Naam: Jan de Vries",
        "Telefoonnummer: +31612345678",
        "Autoriteit Persoonsgegevens",
        "gegeven op 2 maart 2026",
    ] {
        assert!(letter.contains(text), "{text} in {letter}");
    }
    assert!(
        !letter.contains("Piet") && !letter.contains("9999"),
        "{letter}"
    );
    assert_eq!(shop.json(&["show", "1"]), before);
    assert_eq!(shop.status(1), "answered");
    let log = shop.ok(&["log"]);
    assert!(
        log.contains("request-answer") && !log.contains("Jan de Vries"),
        "{log}"
    );
    shop.fails(&["request", "answer", "1"], 1);
}

#[test]
fn erasure_runs_delete_without_yes_and_the_letter_says_what_is_kept_until_when() {
    let shop = Shop::new();
    shop.ok(&["request", "add", "erasure", "--subject", "1"]);
    let out = shop.0.dir.path().join("erasure.html");
    let done = shop.ok(&[
        "request",
        "answer",
        "1",
        "--lang",
        "en",
        "--format",
        "html",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(
        done.starts_with("request 1: erasure answered; erased "),
        "{done}"
    );
    let letter = std::fs::read_to_string(&out).unwrap();
    assert!(
        letter.contains("<h2>What we still keep, and why</h2>"),
        "{letter}"
    );
    assert!(
        letter.contains("Name: the law requires us to keep this")
            && letter.contains("2 March 2033"),
        "{letter}"
    );
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&out).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let left = shop.json(&["show", "1"]);
    assert_eq!(left["name"], "Jan de Vries");
    assert_eq!(
        (
            left["email"].is_null(),
            left["phone"].is_null(),
            left["fraud_note"].is_null()
        ),
        (true, true, true)
    );
    assert_eq!(shop.json(&["show", "2"])["email"], "piet@example.nl");
}

#[test]
fn restriction_marks_the_person_keeps_them_out_of_exports_and_refuses_edits_until_lifted() {
    let shop = Shop::new();
    shop.ok(&["request", "add", "restriction", "--subject", "1"]);
    let letter = shop.ok(&["request", "answer", "1", "--lang", "en"]);
    assert!(
        letter.contains("We will tell you before we lift the restriction."),
        "{letter}"
    );
    let list = shop.ok(&["list"]);
    let jan = list.lines().find(|l| l.starts_with("1\t")).unwrap();
    assert!(jan.ends_with("\trestricted"), "{list}");
    assert!(
        !list
            .lines()
            .find(|l| l.starts_with("2\t"))
            .unwrap()
            .contains("restricted")
    );
    assert!(shop.ok(&["show", "1"]).contains("restricted since"));
    assert_eq!(shop.json(&["show", "1"])["restricted"], true);
    let export = shop.ok(&["export", "--purpose", "orders"]);
    assert!(
        !export.contains("Jan") && export.contains("Piet"),
        "{export}"
    );
    let refused = shop.fails(&["edit", "1", "phone=0687654321"], 1);
    assert!(
        refused.contains("record 1 is restricted") && refused.contains("kluis request lift"),
        "{refused}"
    );
    let lifted = shop.ok(&["request", "lift", "1"]);
    assert!(lifted.contains("artikel 18 lid 3"), "{lifted}");
    shop.ok(&["edit", "1", "phone=0687654321"]);
    assert!(shop.ok(&["export", "--purpose", "orders"]).contains("Jan"));
}

#[test]
fn objection_stops_legitimate_interest_purposes_and_direct_marketing_absolutely() {
    let shop = Shop::new();
    let refused = shop.fails(
        &[
            "request",
            "add",
            "objection",
            "--subject",
            "1",
            "--purpose",
            "newsletter",
        ],
        1,
    );
    assert!(refused.contains("not direct marketing"), "{refused}");
    shop.ok(&["purpose", "edit", "newsletter", "--direct-marketing"]);
    assert_eq!(
        shop.json(&["purpose", "show", "newsletter"])["direct_marketing"],
        true
    );
    assert!(
        shop.ok(&["purpose", "show", "newsletter"])
            .contains("an objection is absolute")
    );
    assert_eq!(
        shop.json(&["purpose", "show", "orders"])["direct_marketing"],
        false
    );
    let added = shop.ok(&[
        "request",
        "add",
        "objection",
        "--subject",
        "1",
        "--purpose",
        "newsletter",
        "--purpose",
        "fraud",
    ]);
    assert!(
        added.contains("objection (fraud, newsletter)")
            || added.contains("objection (newsletter, fraud)"),
        "{added}"
    );
    let letter = shop.ok(&["request", "answer", "1"]);
    assert!(
        letter.contains("Bezwaar tegen direct marketing volgen we altijd op."),
        "{letter}"
    );
    for purpose in ["newsletter", "fraud"] {
        let export = shop.ok(&["export", "--purpose", purpose]);
        assert!(!export.contains("Jan"), "{purpose}: {export}");
    }
    assert!(shop.ok(&["export", "--purpose", "orders"]).contains("Jan"));
    let check = shop.ok(&["check"]);
    assert!(
        check.contains("record 1 objected to every purpose of fraud_note")
            && check.contains("[objected-values]"),
        "{check}"
    );
    let default = shop.ok(&["request", "add", "objection", "--subject", "2"]);
    assert!(default.contains("objection (fraud)"), "{default}");
}

#[test]
fn portability_gives_csv_and_json_of_what_the_person_provided() {
    let shop = Shop::new();
    shop.ok(&["request", "add", "portability", "--subject", "1"]);
    let letter = shop.ok(&["request", "answer", "1", "--format", "txt", "--lang", "en"]);
    assert!(
        letter.contains("email,name,phone\njan@example.nl,Jan de Vries,+31612345678"),
        "{letter}"
    );
    assert!(letter.contains("\"name\": \"Jan de Vries\""), "{letter}");
    assert!(
        !letter.contains("let op"),
        "our own note is not portable: {letter}"
    );
    assert_eq!(shop.status(1), "answered");
}

#[test]
fn rectification_applies_the_edits_and_confirms_them() {
    let shop = Shop::new();
    shop.ok(&[
        "request",
        "add",
        "rectification",
        "--subject",
        "1",
        "--via",
        "letter",
    ]);
    let missing = shop.fails(&["request", "answer", "1"], 1);
    assert!(missing.contains("--set field=value"), "{missing}");
    let letter = shop.ok(&[
        "request",
        "answer",
        "1",
        "--set",
        "name=Jan de Vries-Smit",
        "--set",
        "phone=",
        "--format",
        "txt",
    ]);
    assert!(
        letter.contains("Naam: Jan de Vries-Smit") && letter.contains("Telefoonnummer: gewist"),
        "{letter}"
    );
    let now = shop.json(&["show", "1"]);
    assert_eq!(
        (now["name"].as_str(), now["phone"].is_null()),
        (Some("Jan de Vries-Smit"), true)
    );
}

#[test]
fn withdraw_consent_withdraws_and_confirms() {
    let shop = Shop::new();
    let added = shop.ok(&["request", "add", "withdraw-consent", "--subject", "1"]);
    assert!(added.contains("withdraw-consent (newsletter)"), "{added}");
    let letter = shop.ok(&["request", "answer", "1", "--format", "txt"]);
    assert!(letter.contains("Een nieuwsbrief sturen"), "{letter}");
    assert!(shop.ok(&["show", "1"]).contains("withdrawn 2026-03-02"));
    assert!(
        !shop
            .ok(&["export", "--purpose", "newsletter"])
            .contains("Jan")
    );
}

#[test]
fn deadlines_warn_a_week_ahead_and_fail_check_once_overdue() {
    let shop = Shop::new();
    shop.ok(&["request", "add", "access", "--subject", "2"]); // due 2026-04-02
    let quiet = shop.run("2026-03-25T09:00:00Z", &["check"]);
    assert!(quiet.status.success(), "{quiet:?}");
    assert!(!String::from_utf8_lossy(&quiet.stdout).contains("request-"));
    let soon = shop.run("2026-03-26T09:00:00Z", &["check"]);
    assert!(
        soon.status.success()
            && String::from_utf8_lossy(&soon.stdout).contains("[request-due-soon]")
    );
    let late = shop.run("2026-04-03T09:00:00Z", &["check"]);
    assert_eq!(late.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&late.stdout).contains("[request-overdue]"));
    let extended = shop.ok(&[
        "request",
        "extend",
        "1",
        "--reason",
        "veel verzoeken tegelijk",
    ]);
    assert!(extended.contains("extended until 2026-06-02"), "{extended}");
    shop.fails(&["request", "extend", "1", "--reason", "nog eens"], 1);
    assert!(
        shop.run("2026-04-03T09:00:00Z", &["check"])
            .status
            .success()
    );
}

/// Regression: "today" was the UTC date, so at 00:30 in Amsterdam a request received that
/// day was refused as received in the future, and one without `--received` was dated the
/// day before, as was the statement.
#[test]
fn after_midnight_in_amsterdam_today_is_the_local_date() {
    let shop = Shop::new();
    shop.ok(&["statement", "publish"]);
    let half_past_midnight = |args: &[&str]| {
        let mut command = shop.0.kluis();
        command
            .env("KLUIS_NOW", "2026-12-01T23:30:00Z")
            .env("TZ", AMSTERDAM);
        succeeded(command, args)
    };
    half_past_midnight(&[
        "request",
        "add",
        "access",
        "--subject",
        "2",
        "--received",
        "2026-12-02",
    ]);
    half_past_midnight(&["request", "add", "access", "--subject", "1"]);
    let list: Value = serde_json::from_str(&half_past_midnight(&["request", "list", "--json"]))
        .expect("JSON on stdout");
    let received = strings(&list, "received_on");
    assert_eq!(received, ["2026-12-02", "2026-12-02"], "{list}");

    shop.ok(&[
        "field",
        "add",
        "city",
        "--type",
        "text",
        "--purpose",
        "fraud",
    ]);
    let statement = half_past_midnight(&["statement"]);
    assert!(statement.contains("2 december 2026"), "{statement}");
}

#[test]
fn the_register_refuses_what_it_must_not_hold_or_cannot_know() {
    let shop = Shop::new();
    let future = shop.fails(
        &[
            "request",
            "add",
            "access",
            "--subject",
            "1",
            "--received",
            "2026-03-03",
        ],
        1,
    );
    assert!(future.contains("after today"), "{future}");
    let leap = shop.json(&[
        "request",
        "add",
        "access",
        "--subject",
        "1",
        "--received",
        "2024-01-31",
    ]);
    assert_eq!(
        (leap["due_on"].as_str(), leap["id"].as_i64()),
        (Some("2024-02-29"), Some(1))
    );
    let plain = shop.json(&[
        "request",
        "add",
        "access",
        "--subject",
        "1",
        "--received",
        "2025-01-31",
    ]);
    assert_eq!(plain["due_on"], "2025-02-28");
    let several = shop.fails(&["request", "add", "access", "--email", "example.nl"], 1);
    assert!(
        several.contains("2 records match") && !several.contains("example.nl"),
        "{several}"
    );
    let note = shop.fails(
        &[
            "request",
            "add",
            "access",
            "--subject",
            "1",
            "--note",
            "van jan@example.nl",
        ],
        1,
    );
    assert!(
        note.contains("note holds one of the person's stored values") && !note.contains("jan@"),
        "{note}"
    );
    let list = shop.json(&["request", "list"]);
    assert_eq!(
        list.as_array().unwrap().len(),
        2,
        "only the two dated requests: {list}"
    );
    assert_eq!(list[0]["status"], "overdue");
}

#[test]
fn a_dry_run_changes_nothing_and_close_ends_without_an_answer() {
    let shop = Shop::new();
    shop.ok(&["request", "add", "erasure", "--subject", "1"]);
    let before = shop.0.vault_bytes();
    let output = shop.run(NOW, &["request", "answer", "1", "--dry-run"]);
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("dry run, nothing changed"));
    assert!(String::from_utf8_lossy(&output.stdout).contains("Uw gegevens zijn gewist"));
    assert_eq!(shop.0.vault_bytes(), before);
    let closed = shop.ok(&[
        "request",
        "close",
        "1",
        "--reason",
        "identiteit niet aangetoond",
    ]);
    assert_eq!(
        closed,
        "request 1: closed without an answer on 2026-03-02\n"
    );
    assert_eq!(shop.json(&["show", "1"])["phone"], "+31612345678");
    assert_eq!(shop.status(1), "closed");
    let kept = shop.run("2028-03-01T09:00:00Z", &["purge"]);
    assert!(kept.status.success(), "{kept:?}");
    assert!(!String::from_utf8_lossy(&kept.stdout).contains("request(s) 1"));
    let forgot = shop.run("2028-03-02T09:00:00Z", &["purge"]);
    assert!(
        String::from_utf8_lossy(&forgot.stdout).contains("forgot request(s) 1 from the register")
    );
    assert_eq!(shop.json(&["request", "list"]), serde_json::json!([]));
}

/// Until the twelfth session `request answer --out` erased the person, closed the request and
/// saved, and only then found that it could not write the letter: the letter was lost, and the
/// request could not be answered again to get it.
#[test]
fn an_answer_whose_letter_cannot_be_written_changes_nothing() {
    let shop = Shop::new();
    shop.ok(&["request", "add", "erasure", "--subject", "1"]);
    let before = shop.0.vault_bytes();
    let dir = shop.0.dir.path();
    for out in [dir.join("no-such-folder/letter.md"), dir.to_owned()] {
        let stderr = shop.fails(
            &["request", "answer", "1", "--out", out.to_str().unwrap()],
            1,
        );
        assert!(stderr.contains("cannot write"), "{stderr}");
        assert_eq!(shop.0.vault_bytes(), before, "{}", out.display());
    }
    assert_eq!(shop.status(1), "open");
    assert_eq!(shop.json(&["show", "1"])["phone"], "+31612345678");
    assert!(!dir.join("no-such-folder").exists());
    let leftovers: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|entry| entry.unwrap().file_name().into_string().ok())
        .filter(|name| name.ends_with(".kluis-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
