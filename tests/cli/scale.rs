//! Issue 15 "Evidence at scale": kills at random moments, syscall fault injection, tampering,
//! concurrent writers and a plaintext-on-disk trace. Every loop takes its count from an
//! environment variable (see `scale_count`); the defaults keep CI short, the figures of the
//! last full run and the command to rerun it are in docs/SECURITY.md "How kluis is tested".

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::forgery::payload_start;
use crate::support::{PASSPHRASE, TestVault};
use crate::web::http::Session;
use crate::web::record_form_fields;
use crate::web::server::OpenServer;

const PANIC_EXIT: i32 = 101;
const CHUNK: usize = 64 * 1024 + 16;
/// Bulk records are made at this time; purge runs at `PURGE_AT` and only reaches records made
/// at `PURGEABLE` (one-year retention), so every purge in the kill loop has work to do.
const BULK: &str = "2030-01-01T00:00:00Z";
const PURGEABLE: &str = "2020-01-01T00:00:00Z";
const PURGE_AT: &str = "2022-01-01T00:00:00Z";
const OTHER_PASSPHRASE: &str = "another horse battery staple";

/// A loop count from `KLUIS_SCALE_<NAME>`, else the CI-sized default.
fn scale_count(name: &str, default: usize) -> usize {
    let var = format!("KLUIS_SCALE_{name}");
    match std::env::var(&var) {
        Ok(text) => text.parse().unwrap_or_else(|_| panic!("{var}={text:?}")),
        Err(_) => default,
    }
}

/// xorshift64*: enough for picking moments and records, and reproducible from the printed seed.
struct Rng(u64);

impl Rng {
    fn seeded(test: &str) -> Rng {
        let seed = std::env::var("KLUIS_SCALE_SEED")
            .ok()
            .and_then(|text| text.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_nanos() as u64
            });
        eprintln!("{test}: KLUIS_SCALE_SEED={seed}");
        Rng(seed | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound.max(1)
    }
}

/// The binary with the test's environment, as a plain `std` command (spawnable, killable).
fn kluis_at(test: &TestVault, now: &str) -> Command {
    let mut command = Command::new(assert_cmd::cargo::cargo_bin("kluis"));
    command
        .env("KLUIS_VAULT", &test.vault)
        .env("KLUIS_PASSPHRASE", PASSPHRASE)
        .env("KLUIS_NOW", now)
        .env("TMPDIR", &test.tmp)
        .env("TZ", "UTC")
        .env("KLUIS_CONFIG", test.dir.path().join("no-config.toml"))
        .env_remove("KLUIS_NEW_PASSPHRASE")
        .env_remove("KLUIS_LANG")
        .env_remove("KLUIS_KDF_MEMORY_MIB")
        .env_remove("KLUIS_KDF_ITERATIONS")
        .env_remove("KLUIS_KDF_PARALLELISM")
        .current_dir(test.dir.path())
        .stdin(Stdio::null());
    command
}

fn run_ok(mut command: Command, what: &str) -> String {
    let output = command.output().expect("runs");
    assert!(
        output.status.success(),
        "{what}: exit {:?}: {}",
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// A vault with one purpose (one-year retention) and one text field `note`, holding `records`
/// records `n1..` imported at `BULK`.
fn vault_with_records(records: usize) -> TestVault {
    let test = TestVault::new();
    test.add_purpose_with_text_fields("orders", &["note"]);
    if records > 0 {
        let csv = test.tmp.join("bulk.csv");
        let mut text = String::from("note\n");
        for n in 1..=records {
            text.push_str(&format!("n{n}\n"));
        }
        std::fs::write(&csv, text).unwrap();
        let mut import = kluis_at(&test, BULK);
        import.args(["import", csv.to_str().unwrap()]);
        run_ok(import, "bulk import");
        std::fs::remove_file(&csv).unwrap();
    }
    test
}

/// What a vault holds, as far as the loops below can tell: the row count of every table, one
/// record as `show` prints it, and which passphrase opens the file (None: the recovery key).
#[derive(Clone, Debug, PartialEq)]
struct State {
    rows: Value,
    target: String,
    passphrase: Option<&'static str>,
}

/// The state of `file`, opened with one of the two passphrases; panics if neither opens it.
fn state_by_passphrase(test: &TestVault, file: &Path, target: u64) -> State {
    for passphrase in [PASSPHRASE, OTHER_PASSPHRASE] {
        let mut verify = kluis_at(test, BULK);
        verify
            .env("KLUIS_VAULT", file)
            .env("KLUIS_PASSPHRASE", passphrase)
            .args(["verify", "--json"]);
        let output = verify.output().unwrap();
        match output.status.code() {
            Some(0) => {
                return State {
                    rows: rows_of(&output),
                    target: shown(test, file, target, Some(passphrase)),
                    passphrase: Some(passphrase),
                };
            }
            Some(3) => continue,
            other => panic!(
                "{} does not open: exit {other:?}: {}",
                file.display(),
                String::from_utf8_lossy(&output.stderr)
            ),
        }
    }
    panic!("{} opens with neither passphrase", file.display());
}

/// The state of `file` opened with the recovery key, from a copy outside the vault's folder.
fn state_by_recovery_key(test: &TestVault, file: &Path, target: u64) -> State {
    let copy = test.tmp.join("copy").join("copy.kluis");
    std::fs::create_dir_all(copy.parent().unwrap()).unwrap();
    std::fs::copy(file, &copy).unwrap();
    let mut verify = kluis_at(test, BULK);
    verify
        .env("KLUIS_VAULT", &copy)
        .args(["verify", "--json", "--identity"])
        .arg(&test.recovery_key);
    let output = verify.output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{} does not open with the recovery key: {}",
        file.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    State {
        rows: rows_of(&output),
        target: shown(test, &copy, target, None),
        passphrase: None,
    }
}

fn rows_of(output: &Output) -> Value {
    let json: Value = serde_json::from_slice(&output.stdout).expect("verify --json");
    json["rows"].clone()
}

/// `show TARGET --json`, or its exit code when the record is gone.
fn shown(test: &TestVault, file: &Path, target: u64, passphrase: Option<&str>) -> String {
    let mut show = kluis_at(test, BULK);
    show.env("KLUIS_VAULT", file)
        .args(["show", &target.to_string(), "--json"]);
    match passphrase {
        Some(passphrase) => show.env("KLUIS_PASSPHRASE", passphrase),
        None => show.arg("--identity").arg(&test.recovery_key),
    };
    let output = show.output().unwrap();
    match output.status.code() {
        Some(0) => String::from_utf8(output.stdout).unwrap(),
        other => format!("exit {other:?}"),
    }
}

fn sibling(vault: &Path, suffix: &str) -> PathBuf {
    let mut name = vault.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

// ---------------------------------------------------------------------------------------------
// 1. Kills

#[derive(Clone, Copy, Debug)]
enum Op {
    Add,
    Import,
    Edit,
    Delete,
    Passwd,
    Purge,
}

const OPS: [Op; 6] = [
    Op::Add,
    Op::Import,
    Op::Edit,
    Op::Delete,
    Op::Passwd,
    Op::Purge,
];

/// The loop's knowledge of the vault: which passphrase opens it and which ids still exist.
struct KillLoop {
    test: TestVault,
    passphrase: &'static str,
    live: Vec<u64>,
    next_id: u64,
    round: usize,
}

impl KillLoop {
    fn other_passphrase(&self) -> &'static str {
        if self.passphrase == PASSPHRASE {
            OTHER_PASSPHRASE
        } else {
            PASSPHRASE
        }
    }

    /// The command for `op` on `vault` and the record whose `show` output it changes.
    fn command(&self, op: Op, vault: &Path, target: u64) -> Command {
        let now = match op {
            Op::Purge => PURGE_AT,
            _ => BULK,
        };
        let mut command = kluis_at(&self.test, now);
        command
            .env("KLUIS_VAULT", vault)
            .env("KLUIS_PASSPHRASE", self.passphrase)
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let marker = format!("k{}", self.round);
        match op {
            Op::Add => command.args(["add", &format!("note={marker}")]),
            Op::Import => command.arg("import").arg(self.import_file()),
            Op::Edit => command.args(["edit", &target.to_string(), &format!("note={marker}")]),
            Op::Delete => command.args(["delete", &target.to_string()]),
            Op::Passwd => command
                .env("KLUIS_NEW_PASSPHRASE", self.other_passphrase())
                .arg("passwd"),
            Op::Purge => command.arg("purge"),
        };
        command
    }

    fn import_file(&self) -> PathBuf {
        let file = self.test.tmp.join(format!("import-{}.csv", self.round));
        if !file.exists() {
            let rows: String = (0..5).map(|i| format!("i{}-{i}\n", self.round)).collect();
            std::fs::write(&file, format!("note\n{rows}")).unwrap();
        }
        file
    }

    /// Adds a record dated `PURGEABLE`, so that the next purge erases it.
    fn add_purgeable(&mut self) -> u64 {
        let mut add = kluis_at(&self.test, PURGEABLE);
        add.env("KLUIS_PASSPHRASE", self.passphrase)
            .args(["add", "note=old"]);
        let id: u64 = run_ok(add, "purgeable add").trim().parse().unwrap();
        self.next_id = id + 1;
        id
    }

    fn pick_live(&mut self, rng: &mut Rng) -> u64 {
        self.live[rng.below(self.live.len() as u64) as usize]
    }
}

#[derive(Default, Debug)]
struct KillTally {
    old: usize,
    new: usize,
    finished_before_kill: usize,
}

#[test]
fn sigkill_at_random_moments_leaves_the_old_or_the_new_state_in_vault_and_bak() {
    let kills = scale_count("KILLS", 6);
    let records = scale_count("KILL_RECORDS", 100);
    let mut rng = Rng::seeded("kills");
    let test = vault_with_records(records);
    let mut state = KillLoop {
        test,
        passphrase: PASSPHRASE,
        live: (1..=records as u64).collect(),
        next_id: records as u64 + 1,
        round: 0,
    };
    let mut tally = KillTally::default();
    for round in 0..kills {
        state.round = round;
        let op = OPS[round % OPS.len()];
        let outcome = kill_once(&mut state, op, &mut rng);
        match outcome {
            KillOutcome::Old => tally.old += 1,
            KillOutcome::New => tally.new += 1,
            KillOutcome::Finished => tally.finished_before_kill += 1,
        }
        if (round + 1) % 25 == 0 {
            eprintln!("kills: {} of {kills}: {tally:?}", round + 1);
        }
    }
    eprintln!("kills: {kills} over {records} records: {tally:?}");
    assert_eq!(tally.old + tally.new + tally.finished_before_kill, kills);
}

enum KillOutcome {
    Old,
    New,
    Finished,
}

fn kill_once(state: &mut KillLoop, op: Op, rng: &mut Rng) -> KillOutcome {
    let target = match op {
        Op::Purge => state.add_purgeable(),
        Op::Add | Op::Import => state.next_id,
        _ => state.pick_live(rng),
    };
    let vault = state.test.vault.clone();
    let bak = sibling(&vault, ".bak");
    let old = state_by_passphrase(&state.test, &vault, target);
    let old_bak = bak
        .exists()
        .then(|| state_by_recovery_key(&state.test, &bak, target));
    // The reference: the same command run to the end on a copy of the vault. Its duration
    // bounds the kill's moment, so kills land while the command runs, not after it.
    let reference = state.test.tmp.join("reference").join("ref.kluis");
    std::fs::create_dir_all(reference.parent().unwrap()).unwrap();
    std::fs::copy(&vault, &reference).unwrap();
    let started = Instant::now();
    run_ok(state.command(op, &reference, target), "reference run");
    let duration = started.elapsed();

    let delay = Duration::from_micros(rng.below(duration.as_micros() as u64));
    let mut child = state.command(op, &vault, target).spawn().unwrap();
    std::thread::sleep(delay);
    let finished = child.try_wait().unwrap().is_some();
    // SAFETY: a signal to our own child; at worst it has exited and is not yet reaped.
    unsafe {
        libc::kill(child.id() as libc::pid_t, libc::SIGKILL);
    }
    child.wait().unwrap();

    let mut new = state_by_passphrase(&state.test, &reference, target);
    let after = state_by_passphrase(&state.test, &vault, target);
    let context = format!("round {} {op:?} target {target}", state.round);
    assert!(
        after == old || after == new,
        "{context}: the vault holds neither state\nold {old:?}\nnew {new:?}\nnow {after:?}"
    );
    if bak.exists() {
        let bak_state = state_by_recovery_key(&state.test, &bak, target);
        new.passphrase = None;
        let mut old_plain = old.clone();
        old_plain.passphrase = None;
        assert!(
            bak_state == old_plain || bak_state == new || Some(&bak_state) == old_bak.as_ref(),
            "{context}: .bak holds neither state: {bak_state:?}"
        );
    }
    let committed = after != old;
    if committed {
        state.record_commit(op, target);
    }
    match (finished, committed) {
        (true, _) => KillOutcome::Finished,
        (false, true) => KillOutcome::New,
        (false, false) => KillOutcome::Old,
    }
}

impl KillLoop {
    fn record_commit(&mut self, op: Op, target: u64) {
        match op {
            Op::Add => {
                self.live.push(target);
                self.next_id += 1;
            }
            Op::Import => {
                self.live.extend(target..target + 5);
                self.next_id += 5;
            }
            Op::Delete => self.live.retain(|id| *id != target),
            Op::Passwd => self.passphrase = self.other_passphrase(),
            Op::Edit | Op::Purge => {}
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 3. Tamper (the header at every offset is `a_flipped_header_byte_never_opens_the_vault` in
// vault.rs; here: every 997th payload byte and every chunk boundary ± 1)

/// A vault of at least `chunks` payload chunks.
fn vault_of_chunks(chunks: usize) -> TestVault {
    let test = vault_with_records(0);
    let note = "afspraak ".repeat(7_000);
    let mut add = kluis_at(&test, BULK);
    add.args(["add", &format!("note={note}")]);
    run_ok(add, "add");
    while payload_start(&test.vault_bytes()) + 16 + (chunks - 1) * CHUNK > test.vault_bytes().len()
    {
        let mut add = kluis_at(&test, BULK);
        add.args(["add", &format!("note={note}")]);
        run_ok(add, "add");
    }
    test
}

/// `verify` on `bytes` must exit 3 or 4, never 0 and never with a panic.
fn assert_refused(test: &TestVault, bytes: &[u8], what: &str) {
    std::fs::write(&test.vault, bytes).unwrap();
    let output = kluis_at(test, BULK).arg("verify").output().unwrap();
    let code = output.status.code();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        matches!(code, Some(3 | 4)),
        "{what}: exit {code:?} (panic is {PANIC_EXIT}): {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{what}: {stderr}");
}

#[test]
fn a_flipped_byte_at_every_997th_payload_offset_is_refused() {
    let test = vault_of_chunks(scale_count("TAMPER_CHUNKS", 1));
    let bytes = test.vault_bytes();
    let start = payload_start(&bytes);
    let mut tried = 0;
    for at in (start..bytes.len()).step_by(997) {
        let mut copy = bytes.clone();
        copy[at] ^= 0x01;
        assert_refused(&test, &copy, &format!("payload byte {at}"));
        tried += 1;
    }
    eprintln!(
        "tamper: {tried} payload flips over {} bytes",
        bytes.len() - start
    );
}

#[test]
fn truncation_at_every_chunk_boundary_plus_or_minus_one_is_refused() {
    let test = vault_of_chunks(scale_count("TAMPER_CHUNKS", 1).max(2));
    let bytes = test.vault_bytes();
    let start = payload_start(&bytes) + 16;
    let mut boundary = start;
    let mut tried = 0;
    while boundary <= bytes.len() {
        for at in [boundary - 1, boundary, boundary + 1] {
            if at < bytes.len() {
                assert_refused(&test, &bytes[..at], &format!("truncated to {at}"));
                tried += 1;
            }
        }
        boundary += CHUNK;
    }
    assert!(
        tried >= 6,
        "only {tried} truncations: the vault is too small"
    );
}

// ---------------------------------------------------------------------------------------------
// 4. Concurrency

#[test]
fn concurrent_writers_lose_no_update() {
    let writers = scale_count("WRITERS", 4);
    let rounds = scale_count("WRITER_ROUNDS", 5);
    let test = vault_with_records(0);
    crate::web::set_profile(&test);
    // `kluis open` takes the lock per save and refuses to overwrite a file another writer
    // changed since it loaded it; the web writer repeats its step after such a refusal, as
    // the page asks the owner to.
    let server = OpenServer::start(&test, &["--wait", "600"]);
    let mut retries = 0;
    std::thread::scope(|scope| {
        for writer in 0..writers {
            let test = &test;
            scope.spawn(move || {
                for round in 0..rounds {
                    let mut add = kluis_at(test, BULK);
                    add.args(["--wait", "600", "add", &format!("note=w{writer}r{round}")]);
                    run_ok(add, "concurrent add");
                }
            });
        }
        let server = &server;
        let web = scope.spawn(move || web_writer(server, rounds));
        retries = web.join().expect("the web writer");
    });
    eprintln!("concurrency: the web writer repeated {retries} steps after another save");
    let mut list = kluis_at(&test, BULK);
    list.args(["list", "--json"]);
    let records: Value = serde_json::from_str(&run_ok(list, "list")).unwrap();
    let mut notes: Vec<String> = records
        .as_array()
        .unwrap()
        .iter()
        .map(|record| record["note"].as_str().unwrap().to_owned())
        .collect();
    notes.sort();
    let mut expected: Vec<String> = (0..writers)
        .flat_map(|writer| (0..rounds).map(move |round| format!("w{writer}r{round}")))
        .chain((0..rounds).map(|round| format!("web-r{round}")))
        .collect();
    expected.sort();
    assert_eq!(notes, expected, "a concurrent add was lost");
}

/// Adds `web-r0..` through `kluis open`'s record form, repeating a step that another writer's
/// save turned away. Returns how many steps were repeated.
fn web_writer(server: &OpenServer, rounds: usize) -> usize {
    let mut web = Session::open(&server.token_url);
    let landed = web.unlock(PASSPHRASE);
    assert!(landed.has("table#records"), "{}", landed.describe());
    let mut retries = 0;
    for round in 0..rounds {
        let note = format!("web-r{round}");
        loop {
            let form = web.get_following("/customers/new");
            let field = record_form_fields(&form.body)
                .into_iter()
                .find(|field| field.name.contains("note"))
                .unwrap_or_else(|| panic!("no note input: {}", form.describe()));
            let saved = web.press("#save", &[(field.name.as_str(), note.as_str())]);
            if !saved.has("p.notice.error") && web.path != "/customers/new" {
                break;
            }
            let reason = saved.text_of("p.notice.error").unwrap_or_default();
            assert!(
                reason.contains("niets overschreven"),
                "the web add of {note} failed: {}",
                saved.describe()
            );
            retries += 1;
            assert!(retries < 10_000, "the web writer never got its turn");
        }
    }
    retries
}

// ---------------------------------------------------------------------------------------------
// 2. Syscall fault injection

/// Every call a save or an erasure makes to put bytes on disk and replace files. Names the
/// binary does not call (fdatasync, renameat2, link, ...) end their loop at N = 1.
const FAULT_SYSCALLS: [&str; 8] = [
    "write",
    "fsync",
    "fdatasync",
    "rename",
    "renameat",
    "renameat2",
    "link",
    "linkat",
];

/// Whether strace is here; without it the strace tests skip, unless CI requires them.
fn strace_available(test: &str) -> bool {
    let found = Command::new("strace")
        .arg("-V")
        .output()
        .is_ok_and(|output| output.status.success());
    if !found {
        assert!(
            std::env::var_os("KLUIS_REQUIRE_STRACE").is_none(),
            "KLUIS_REQUIRE_STRACE is set but strace is missing"
        );
        eprintln!("{test}: skipped, strace is not installed");
    }
    found
}

/// The vault folder's files, to put back before each injected run.
struct Snapshot(Vec<(PathBuf, Vec<u8>)>);

impl Snapshot {
    fn take(test: &TestVault) -> Snapshot {
        let files = [".bak", ""]
            .iter()
            .map(|suffix| sibling(&test.vault, suffix))
            .filter(|path| path.exists())
            .map(|path| {
                let bytes = std::fs::read(&path).unwrap();
                (path, bytes)
            })
            .collect();
        Snapshot(files)
    }

    fn restore(&self, test: &TestVault) {
        let folder = test.vault.parent().unwrap();
        for entry in std::fs::read_dir(folder).unwrap() {
            std::fs::remove_file(entry.unwrap().path()).unwrap();
        }
        for (path, bytes) in &self.0 {
            std::fs::write(path, bytes).unwrap();
        }
    }
}

#[derive(Default, Debug)]
struct FaultTally {
    injected: usize,
    failed_cleanly: usize,
    succeeded_anyway: usize,
}

#[test]
fn an_injected_write_fsync_rename_or_link_error_leaves_the_old_or_new_vault() {
    if !strace_available("fault injection") {
        return;
    }
    let errors = std::env::var("KLUIS_SCALE_FAULT_ERRORS").unwrap_or_else(|_| "ENOSPC".into());
    let test = vault_with_records(scale_count("FAULT_RECORDS", 20));
    // One save first, so that a .bak exists as it does in use.
    let mut add = kluis_at(&test, BULK);
    add.args(["add", "note=first"]);
    run_ok(add, "add");
    let pristine = Snapshot::take(&test);
    let mut tally = FaultTally::default();
    for args in [&["add", "note=fault"][..], &["delete", "1"]] {
        pristine.restore(&test);
        let old = state_by_passphrase(&test, &test.vault, 1);
        let mut clean = kluis_at(&test, BULK);
        clean.args(args);
        run_ok(clean, "clean run");
        let new = state_by_passphrase(&test, &test.vault, 1);
        for syscall in FAULT_SYSCALLS {
            for error in errors.split(',') {
                inject_each(
                    &test,
                    &pristine,
                    args,
                    syscall,
                    error,
                    [&old, &new],
                    &mut tally,
                );
            }
        }
    }
    eprintln!("fault injection ({errors}): {tally:?}");
    assert!(tally.injected > 0, "no fault was injected");
}

/// Injects `error` at the 1st, 2nd, ... call of `syscall`, until the command makes no Nth call.
fn inject_each(
    test: &TestVault,
    pristine: &Snapshot,
    args: &[&str],
    syscall: &str,
    error: &str,
    states: [&State; 2],
    tally: &mut FaultTally,
) {
    let trace = test.dir.path().join("trace.txt");
    for nth in 1.. {
        pristine.restore(test);
        let kluis = kluis_at(test, BULK);
        let mut strace = Command::new("strace");
        strace
            .args(["-f", "-qq", "-o"])
            .arg(&trace)
            .arg(format!("-etrace={syscall}"))
            .arg(format!("-einject={syscall}:error={error}:when={nth}"))
            .arg(kluis.get_program())
            .args(args)
            .envs(kluis.get_envs().filter_map(|(k, v)| v.map(|v| (k, v))))
            .current_dir(test.dir.path());
        let output = strace.output().expect("strace runs");
        let traced = std::fs::read_to_string(&trace).unwrap_or_default();
        let Some(injected_line) = traced.lines().find(|line| line.contains("(INJECTED)")) else {
            return;
        };
        tally.injected += 1;
        let what = format!("{args:?} with {syscall} call {nth} failing {error}");
        check_injected_run(test, &output, injected_line, &what, states, tally);
        assert!(nth < 1_000, "{what}: the loop does not end");
    }
}

fn check_injected_run(
    test: &TestVault,
    output: &Output,
    injected_line: &str,
    what: &str,
    [old, new]: [&State; 2],
    tally: &mut FaultTally,
) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    let code = output.status.code();
    assert!(
        code != Some(PANIC_EXIT) && !stderr.contains("panicked"),
        "{what}: panic: {stderr}"
    );
    let now = state_by_passphrase(test, &test.vault, 1);
    if code == Some(0) {
        tally.succeeded_anyway += 1;
        assert_eq!(&now, new, "{what}: exit 0 but the change is not saved");
    } else {
        tally.failed_cleanly += 1;
        // The one message that cannot be written is the one whose write failed.
        if !injected_line.contains("write(2,") {
            assert!(
                !stderr.trim().is_empty(),
                "{what}: exit {code:?} in silence"
            );
        }
        assert!(
            &now == old || &now == new,
            "{what}: neither state\nold {old:?}\nnew {new:?}\nnow {now:?}"
        );
    }
    let bak = sibling(&test.vault, ".bak");
    if bak.exists() {
        state_by_recovery_key(test, &bak, 1);
    }
}

// ---------------------------------------------------------------------------------------------
// 5. Plaintext on disk

/// The system calls that create, open for writing, or put a file under a new name.
const FILE_CALLS: &str = "trace=open,openat,openat2,creat,rename,renameat,renameat2,link,linkat";

/// Runs `kluis ARGS` under strace, asserts success and returns the trace's lines.
fn traced(test: &TestVault, args: &[&str]) -> Vec<String> {
    let trace = test.dir.path().join("files.trace");
    let kluis = kluis_at(test, BULK);
    let output = Command::new("strace")
        .args(["-f", "-qq", "-o"])
        .arg(&trace)
        .arg(format!("-e{FILE_CALLS}"))
        .arg(kluis.get_program())
        .args(args)
        .envs(kluis.get_envs().filter_map(|(k, v)| v.map(|v| (k, v))))
        .current_dir(test.dir.path())
        .stdin(Stdio::null())
        .output()
        .expect("strace runs");
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = std::fs::read_to_string(&trace).unwrap();
    text.lines().map(str::to_owned).collect()
}

/// The paths a trace line writes: the file of an open for writing or creating, both names of
/// a rename or link. Reads and failed calls write nothing.
fn written_paths(line: &str) -> Vec<String> {
    if line.contains("= -1 ") || line.contains("<unfinished") || line.contains("resumed>") {
        return Vec::new();
    }
    let quoted: Vec<String> = line
        .split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect();
    let call = line.split_whitespace().nth(1).unwrap_or_default();
    let writes = ["O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC"]
        .iter()
        .any(|flag| line.contains(flag));
    if call.starts_with("rename") || call.starts_with("link") {
        quoted
    } else if call.starts_with("creat") || (call.starts_with("open") && writes) {
        quoted.into_iter().take(1).collect()
    } else {
        Vec::new()
    }
}

#[test]
fn a_full_scenario_writes_no_file_but_the_vaults_own_and_the_named_outputs() {
    if !strace_available("plaintext trace") {
        return;
    }
    let test = TestVault::empty();
    let outs = test.dir.path().join("outs");
    let input = test.dir.path().join("input");
    std::fs::create_dir_all(&outs).unwrap();
    std::fs::create_dir_all(&input).unwrap();
    let csv = input.join("klanten.csv");
    std::fs::write(&csv, "note\nmarker-import-1\nmarker-import-2\n").unwrap();
    let key = test.recovery_key.display().to_string();
    let export = outs.join("person.json").display().to_string();
    let statement = outs.join("privacy.md").display().to_string();
    let mut init = vec!["init", "--recovery-key-out", &key];
    init.extend(crate::support::CHEAP_KDF);
    let purpose = [
        "purpose",
        "add",
        "orders",
        "--basis",
        "contract",
        "--description",
        "Bestellingen",
        "--description-en",
        "Orders",
        "--retention",
        "1y",
        "--profiling",
        "none",
    ];
    let field = [
        "field",
        "add",
        "note",
        "--type",
        "text",
        "--purpose",
        "orders",
    ];
    let csv_arg = csv.display().to_string();
    let steps: Vec<Vec<&str>> = vec![
        init,
        purpose.to_vec(),
        field.to_vec(),
        vec!["add", "note=marker-add"],
        vec!["import", &csv_arg],
        vec!["edit", "1", "note=marker-edit"],
        vec!["export", "--subject", "1", "--out", &export],
        vec!["statement", "--draft", "--out", &statement],
        vec!["delete", "2"],
        vec!["purge"],
    ];
    let vault = test.vault.display().to_string();
    let own: Vec<String> = ["", ".tmp", ".bak", ".bak.tmp", ".lock"]
        .iter()
        .map(|suffix| format!("{vault}{suffix}"))
        .collect();
    let mut written = 0;
    for args in &steps {
        for line in traced(&test, args) {
            for path in written_paths(&line) {
                written += 1;
                let allowed = own.contains(&path)
                    || path == key
                    || path.starts_with(&outs.display().to_string())
                    || path == "/dev/null";
                assert!(allowed, "{args:?} wrote {path}: {line}");
            }
        }
    }
    assert!(
        written >= steps.len(),
        "the trace saw only {written} writes"
    );
}
