//! `kluis open` as a child process: started on a free port, with its own TMPDIR and HOME, and
//! stopped with SIGINT as Ctrl-C would.

use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use crate::support::{CHEAP_KDF, TestVault};

/// How long the server may take to print its link; a guard against hanging, not an assertion.
const START_TIMEOUT: Duration = Duration::from_secs(20);
/// How long a stopped server may take to lock and exit before it is killed.
const STOP_TIMEOUT: Duration = Duration::from_secs(5);

pub struct OpenServer {
    child: Child,
    pub port: u16,
    /// The printed `http://127.0.0.1:PORT/?token=TOKEN`.
    pub token_url: String,
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// The HOME the server runs with (inside the test's temp folder).
    pub home: PathBuf,
    stdout: Arc<Mutex<Vec<String>>>,
    stderr: Arc<Mutex<Vec<u8>>>,
    readers: Vec<JoinHandle<()>>,
    status: Option<ExitStatus>,
}

impl OpenServer {
    /// Starts `kluis open` on the test's vault path and waits for its link.
    pub fn start(test: &TestVault, extra_args: &[&str]) -> OpenServer {
        Self::start_with(test, extra_args, None)
    }

    /// [`OpenServer::start`] in the time zone `zone` (a `TZ` value).
    pub fn start_in_zone(test: &TestVault, zone: &str) -> OpenServer {
        Self::start_with(test, &[], Some(zone))
    }

    fn start_with(test: &TestVault, extra_args: &[&str], zone: Option<&str>) -> OpenServer {
        let home = test.dir.path().join("home");
        std::fs::create_dir_all(&home).expect("home folder");
        let mut command = command(test, &home, extra_args);
        if let Some(zone) = zone {
            command.env("TZ", zone);
        }
        let mut child = command.spawn().expect("kluis open starts");
        let stdout = Arc::new(Mutex::new(Vec::new()));
        let stderr = Arc::new(Mutex::new(Vec::new()));
        let (links, link) = mpsc::channel();
        let readers = vec![
            read_lines(child.stdout.take().unwrap(), Arc::clone(&stdout), links),
            read_all(child.stderr.take().unwrap(), Arc::clone(&stderr)),
        ];
        let mut server = OpenServer {
            child,
            port: 0,
            token_url: String::new(),
            base: String::new(),
            home,
            stdout,
            stderr,
            readers,
            status: None,
        };
        match link.recv_timeout(START_TIMEOUT) {
            Ok(url) => server.set_link(url),
            Err(RecvTimeoutError::Timeout) => server.fail("printed no link within 20 s"),
            Err(RecvTimeoutError::Disconnected) => server.fail("closed stdout without a link"),
        }
        server
    }

    fn set_link(&mut self, url: String) {
        self.port = crate::web::http::port_of(&url);
        self.base = format!("http://127.0.0.1:{}", self.port);
        self.token_url = url;
    }

    fn fail(&mut self, what: &str) -> ! {
        let status = self.stop(libc::SIGKILL);
        panic!(
            "kluis open {what} (exit {status:?})\nstdout: {:?}\nstderr: {}",
            self.stdout_lines(),
            self.stderr_text()
        );
    }

    /// The token from the printed link.
    pub fn token(&self) -> &str {
        self.token_url
            .split_once("token=")
            .map(|(_, token)| token)
            .expect("the link holds a token")
    }

    /// Every stdout line so far (all of them once the server has stopped).
    pub fn stdout_lines(&self) -> Vec<String> {
        self.stdout.lock().unwrap().clone()
    }

    pub fn stderr_text(&self) -> String {
        String::from_utf8_lossy(&self.stderr.lock().unwrap()).into_owned()
    }

    /// Sends SIGINT as Ctrl-C does and waits for the exit (killing it after 5 s).
    pub fn stop_with_ctrl_c(&mut self) -> ExitStatus {
        self.stop(libc::SIGINT)
    }

    /// Sends `signal`, waits up to 5 s, then kills; joins the output readers. Idempotent.
    pub fn stop(&mut self, signal: libc::c_int) -> ExitStatus {
        if let Some(status) = self.status {
            return status;
        }
        let status = match self.child.try_wait().expect("try_wait") {
            Some(status) => status,
            None => self.signal_and_wait(signal),
        };
        for reader in self.readers.drain(..) {
            let _ = reader.join();
        }
        self.status = Some(status);
        status
    }

    fn signal_and_wait(&mut self, signal: libc::c_int) -> ExitStatus {
        let pid = libc::pid_t::try_from(self.child.id()).expect("pid fits");
        // SAFETY: kill(2) on our own child's pid, which has not been reaped yet.
        unsafe { libc::kill(pid, signal) };
        let deadline = Instant::now() + STOP_TIMEOUT;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return status;
            }
            thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        self.child.wait().expect("wait after kill")
    }

    /// Whether the process is still running.
    pub fn is_running(&mut self) -> bool {
        self.status.is_none() && self.child.try_wait().expect("try_wait").is_none()
    }
}

impl Drop for OpenServer {
    fn drop(&mut self) {
        self.stop(libc::SIGINT);
    }
}

/// `kluis open --no-browser --port 0 --vault PATH` with cheap KDF flags for a vault made in the
/// page, and an environment that holds no passphrase and keeps every file in the test folder.
fn command(test: &TestVault, home: &PathBuf, extra_args: &[&str]) -> Command {
    let mut command = Command::new(assert_cmd::cargo::cargo_bin("kluis"));
    command
        .args(["open", "--no-browser", "--port", "0", "--vault"])
        .arg(&test.vault)
        .args(CHEAP_KDF)
        .args(extra_args)
        .env("TMPDIR", &test.tmp)
        .env("HOME", home)
        // Pages show local times: pinned, as for the CLI tests ([`OpenServer::start_in_zone`]).
        .env("TZ", "UTC")
        .env_remove("KLUIS_VAULT")
        .env_remove("KLUIS_PASSPHRASE")
        .env_remove("KLUIS_NEW_PASSPHRASE")
        .env_remove("KLUIS_NOW")
        .env_remove("XDG_DATA_HOME")
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("XDG_CACHE_HOME")
        .env_remove("BROWSER")
        .current_dir(test.dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

/// Collects stdout lines and sends the first link line once.
fn read_lines(
    stdout: impl Read + Send + 'static,
    lines: Arc<Mutex<Vec<String>>>,
    link: mpsc::Sender<String>,
) -> JoinHandle<()> {
    thread::spawn(move || {
        let mut link = Some(link);
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if let Some(url) = link_in(&line)
                && let Some(sender) = link.take()
            {
                let _ = sender.send(url);
            }
            lines.lock().unwrap().push(line);
        }
    })
}

/// The link on a line of stdout: the line itself, or the `url` of `--json`'s object.
fn link_in(line: &str) -> Option<String> {
    if line.starts_with("http://127.0.0.1:") {
        return Some(line.to_owned());
    }
    let object: serde_json::Value = serde_json::from_str(line).ok()?;
    Some(object["url"].as_str()?.to_owned())
}

fn read_all(mut stderr: impl Read + Send + 'static, out: Arc<Mutex<Vec<u8>>>) -> JoinHandle<()> {
    thread::spawn(move || {
        let mut buffer = [0u8; 4096];
        while let Ok(read) = stderr.read(&mut buffer) {
            if read == 0 {
                break;
            }
            out.lock().unwrap().extend_from_slice(&buffer[..read]);
        }
    })
}
