//! The idle lock: after a while without input the session key is dropped (and so wiped), and
//! the next command asks for the passphrase again.
//!
//! A watchdog thread does it rather than a read timeout: rustyline's `readline` blocks with no
//! timeout, so only another thread can drop the key while nobody types. That matters for the
//! case the lock exists for, a terminal left open: the key leaves memory at the deadline, not
//! when someone comes back and presses a key. The thread tells the person through rustyline's
//! external printer, which prints above the prompt without breaking the line being edited.

use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use rustyline::ExternalPrinter;

use crate::vault::SessionKey;

pub(super) struct IdleLock {
    state: Mutex<State>,
    wake: Condvar,
    after: Duration,
}

struct State {
    key: Option<Arc<SessionKey>>,
    /// Waiting at the prompt since `since`; false while a line runs, which never locks.
    reading: bool,
    since: Instant,
    stopped: bool,
}

impl IdleLock {
    pub fn new(after: Duration) -> Arc<IdleLock> {
        Arc::new(IdleLock {
            state: Mutex::new(State {
                key: None,
                reading: false,
                since: Instant::now(),
                stopped: false,
            }),
            wake: Condvar::new(),
            after,
        })
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn change(&self, change: impl FnOnce(&mut State)) {
        change(&mut self.state());
        self.wake.notify_all();
    }

    pub fn key(&self) -> Option<Arc<SessionKey>> {
        self.state().key.clone()
    }

    pub fn set_key(&self, key: Arc<SessionKey>) {
        self.change(|state| state.key = Some(key));
    }

    pub fn drop_key(&self) {
        self.change(|state| state.key = None);
    }

    /// At the prompt: the idle time starts now.
    pub fn reading(&self) {
        self.change(|state| {
            state.reading = true;
            state.since = Instant::now();
        });
    }

    /// A line came in: nothing locks until the prompt is back.
    pub fn busy(&self) {
        self.change(|state| state.reading = false);
    }

    /// The shell ends: the watchdog stops, and the key is dropped.
    pub fn stop(&self) {
        self.change(|state| {
            state.stopped = true;
            state.key = None;
        });
    }

    /// Blocks until the prompt has waited `after` with a key held, then drops the key and
    /// returns true; false once the shell stops.
    fn lock_when_idle(&self) -> bool {
        let mut state = self.state();
        loop {
            if state.stopped {
                return false;
            }
            if !state.reading || state.key.is_none() {
                state = self
                    .wake
                    .wait(state)
                    .unwrap_or_else(PoisonError::into_inner);
                continue;
            }
            let waited = state.since.elapsed();
            if waited >= self.after {
                state.key = None;
                return true;
            }
            state = self
                .wake
                .wait_timeout(state, self.after - waited)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }
}

/// Starts the watchdog; it ends after [`IdleLock::stop`].
pub(super) fn watch(
    lock: Arc<IdleLock>,
    mut printer: impl ExternalPrinter + Send + 'static,
    minutes: f64,
) -> JoinHandle<()> {
    std::thread::spawn(move || {
        while lock.lock_when_idle() {
            let _ = printer.print(format!(
                "locked after {minutes} minutes without input; the next command asks for the passphrase"
            ));
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_locks_before_a_key_is_held_and_a_stop_ends_the_watch() {
        let lock = IdleLock::new(Duration::ZERO);
        lock.reading();
        let watching = {
            let lock = lock.clone();
            std::thread::spawn(move || lock.lock_when_idle())
        };
        lock.stop();
        assert!(!watching.join().unwrap(), "locked without a key");
    }

    /// A session key for a new vault with cheap key derivation.
    fn session_key() -> Arc<SessionKey> {
        use crate::vault::{KdfParams, UnlockOptions, Vault};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v.kluis");
        let secret = age::secrecy::SecretString::from("test passphrase".to_owned());
        let cheap = KdfParams {
            memory_kib: 64,
            iterations: 1,
            parallelism: 1,
        };
        Vault::create(&path, &secret, cheap, Duration::ZERO).unwrap();
        let file = dir.path().join("passphrase.txt");
        std::fs::write(&file, "test passphrase\n").unwrap();
        let options = UnlockOptions {
            passphrase_file: Some(file),
            ..UnlockOptions::default()
        };
        Arc::new(Vault::open_for_session(&path, &options).unwrap().1)
    }

    #[test]
    fn an_idle_prompt_drops_the_key_and_the_memory_it_held() {
        let lock = IdleLock::new(Duration::ZERO);
        let key = session_key();
        let held = Arc::downgrade(&key);
        lock.set_key(key);
        lock.reading();
        assert!(lock.lock_when_idle());
        assert!(lock.key().is_none());
        assert!(held.upgrade().is_none(), "another copy of the key lives on");
    }
}
