//! Streaming output: `list --json` over many records holds one record at a time, so its peak
//! memory stays within the decrypted database plus a fixed allowance, however many records
//! there are (issue 14's target: the plaintext database + 64 MB). An export of as many records
//! takes long enough to be interrupted halfway, so the test that it then leaves nothing lives
//! here too.

use std::process::Stdio;

use crate::support::TestVault;

const RECORDS: usize = 50_000;
/// What the process may use besides the database itself (issue 14).
const ALLOWANCE: u64 = 64 * 1024 * 1024;

/// A vault with `RECORDS` synthetic customers, imported from a generated CSV.
fn many_records() -> TestVault {
    let test = TestVault::new();
    test.add_purpose_with_text_fields("orders", &["name", "email", "city", "notes"]);
    let mut csv = String::from("name,email,city,notes\n");
    for n in 0..RECORDS {
        csv.push_str(&format!(
            "Klant {n},klant{n}@example.nl,Plaats {},Een notitie van wat lengte voor klant {n}\n",
            n % 997
        ));
    }
    let file = test.dir.path().join("klanten.csv");
    std::fs::write(&file, csv).unwrap();
    test.ok(&["import", &file.display().to_string()]);
    std::fs::remove_file(&file).unwrap();
    test
}

/// GNU time, which reports the peak resident set of the one command it runs.
const GNU_TIME: &str = "/usr/bin/time";

/// Runs `kluis ARGS` under GNU time; returns stdout and kluis's peak resident set in bytes, or
/// `None` when GNU time is missing (CI installs it and sets KLUIS_REQUIRE_TIME).
///
/// Not wait4(2) on a child of this test process: Linux starts a spawned program's peak at the
/// peak of the process that spawned it (std spawns with vfork, and exec keeps the old memory's
/// high-water mark), so the figure held this test binary's own peak, which the other tests
/// running beside it drive to hundreds of megabytes. GNU time is a small process, and kluis
/// inherits its peak instead.
fn run_measured(test: &TestVault, args: &[&str]) -> Option<(Vec<u8>, u64)> {
    if !std::path::Path::new(GNU_TIME).exists() {
        assert!(
            std::env::var_os("KLUIS_REQUIRE_TIME").is_none(),
            "GNU time is required but {GNU_TIME} is missing"
        );
        eprintln!(
            "note: {GNU_TIME} is missing; the peak memory of kluis {args:?} was not measured"
        );
        return None;
    }
    let report = test.dir.path().join("peak-rss.txt");
    let output = std::process::Command::new(GNU_TIME)
        .args(["-f", "%M", "-o"])
        .arg(&report)
        .arg(assert_cmd::cargo::cargo_bin("kluis"))
        .args(args)
        .env("KLUIS_VAULT", &test.vault)
        .env("KLUIS_PASSPHRASE", crate::support::PASSPHRASE)
        .env("TMPDIR", &test.tmp)
        .env("KLUIS_CONFIG", test.dir.path().join("no-config.toml"))
        .stderr(Stdio::null())
        .output()
        .expect("GNU time starts");
    assert!(output.status.success(), "kluis {args:?} failed: {output:?}");
    let report = std::fs::read_to_string(&report).unwrap();
    // GNU time reports %M in KiB, on the report's last line.
    let kib: u64 = report
        .lines()
        .last()
        .unwrap_or_default()
        .trim()
        .parse()
        .unwrap();
    Some((output.stdout, kib * 1024))
}

#[test]
fn list_json_over_50000_records_stays_within_the_database_plus_64_mb() {
    let test = many_records();
    let database = test.decrypt_with_recovery_key().len() as u64;
    let Some((out, peak)) = run_measured(&test, &["list", "--json"]) else {
        return;
    };
    let listed: Vec<serde_json::Value> = serde_json::from_slice(&out).expect("one JSON array");
    assert_eq!(listed.len(), RECORDS);
    assert_eq!(listed[RECORDS - 1]["email"], "klant49999@example.nl");
    let bound = database + ALLOWANCE;
    assert!(
        peak <= bound,
        "peak RSS {} MiB over the bound {} MiB (database {} MiB + 64 MiB); output {} MiB",
        peak >> 20,
        bound >> 20,
        database >> 20,
        out.len() >> 20
    );
}

/// Until the twelfth session SIGTERM or Ctrl-C during `export --out` ended the process and left
/// the part already written on disk, in plain text, as `OUT.kluis-tmp`.
#[test]
fn an_interrupted_export_leaves_no_part_on_disk() {
    let test = many_records();
    let out = test.dir.path().join("orders.json");
    let temp = test.dir.path().join("orders.json.kluis-tmp");
    for _ in 0..5 {
        let mut child = test
            .std_kluis()
            .args(["export", "--purpose", "orders", "--out"])
            .arg(&out)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("kluis starts");
        // Signal once records are being written: the temp file holds some of them.
        while child.try_wait().unwrap().is_none()
            && std::fs::metadata(&temp).map_or(true, |m| m.len() == 0)
        {
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        let pid = libc::pid_t::try_from(child.id()).unwrap();
        // SAFETY: kill(2) on our own child, which has not been reaped yet.
        unsafe { libc::kill(pid, libc::SIGTERM) };
        let output = child.wait_with_output().unwrap();
        assert!(!temp.exists(), "the part written was left on disk");
        if output.status.success() {
            // The export finished before the signal landed: try again.
            std::fs::remove_file(&out).unwrap();
            continue;
        }
        assert!(!out.exists());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("stopped by a signal"), "{stderr}");
        return;
    }
    panic!("every export finished before the signal");
}
