//! Streaming output: `list --json` over many records holds one record at a time, so its peak
//! memory stays within the decrypted database plus a fixed allowance, however many records
//! there are (issue 14's target: the plaintext database + 64 MB). An export of as many records
//! takes long enough to be interrupted halfway, so the test that it then leaves nothing lives
//! here too.

use std::io::Read;
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

/// Runs `kluis ARGS`, reading its stdout as it comes; returns stdout and the child's peak
/// resident set in bytes, from wait4(2) for this child alone (other tests' children run in
/// parallel, so RUSAGE_CHILDREN would mix them in).
// wait4 below reaps the child; std's `wait` cannot report its rusage.
#[allow(clippy::zombie_processes)]
fn run_measured(test: &TestVault, args: &[&str]) -> (Vec<u8>, u64) {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("kluis"))
        .args(args)
        .env("KLUIS_VAULT", &test.vault)
        .env("KLUIS_PASSPHRASE", crate::support::PASSPHRASE)
        .env("TMPDIR", &test.tmp)
        .env("KLUIS_CONFIG", test.dir.path().join("no-config.toml"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("kluis starts");
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        stdout.read_to_end(&mut out).unwrap();
        out
    });
    let pid = libc::pid_t::try_from(child.id()).unwrap();
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value, and wait4 only writes into the two
    // locals it is handed, for a child of this process that nothing else waits for.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid, "wait4 failed");
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "kluis {args:?} failed: {status}"
    );
    let out = reader.join().unwrap();
    // Linux reports ru_maxrss in KiB.
    (out, u64::try_from(usage.ru_maxrss).unwrap() * 1024)
}

#[test]
fn list_json_over_50000_records_stays_within_the_database_plus_64_mb() {
    let test = many_records();
    let database = test.decrypt_with_recovery_key().len() as u64;
    let (out, peak) = run_measured(&test, &["list", "--json"]);
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
