//! Writing a large file while it is produced.
//!
//! A save used to encrypt and hand each piece to the kernel on one thread. Here the bytes go
//! to the kernel on a thread of their own, so encrypting and copying into the page cache
//! overlap on two cores. Nothing counts as written before the caller's fsync returns.
//!
//! Asking the kernel to start writing each complete window to disk at once
//! (`sync_file_range`), so that the fsync would wait only for the tail, was tried and left
//! out: on the benchmark machine it made a 1M-record edit slower (1.5–2.3 s against
//! 1.0–1.1 s without, seven runs each), with the kernel's copy into the page cache taking
//! most of the difference.
//!
//! Only ciphertext passes through here: the buffers are reused and freed without wiping.

use std::fs::File;
use std::io::{self, Write};
use std::sync::mpsc::{Receiver, Sender, SyncSender, channel, sync_channel};

/// The size of each hand-over from the producer to the writing thread.
const BUFFER: usize = 1 << 20;
/// Buffers waiting for the writing thread: enough to keep both threads busy, little memory.
const QUEUED: usize = 4;

/// Writes what `produce` writes into `file` (a [`File`], or [`Both`]), and gives it back for
/// the fsync that makes it durable. The first error wins: the writing thread's (a full disk)
/// over the producer's report that the writer stopped.
pub(super) fn write_streaming<W: Write + Send>(
    file: W,
    produce: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<W> {
    std::thread::scope(|scope| {
        let (full, to_write) = sync_channel::<Vec<u8>>(QUEUED);
        let (give_back, returned) = channel::<Vec<u8>>();
        let writer = scope.spawn(move || write_all(file, to_write, give_back));
        let mut handoff = Handoff {
            current: Vec::with_capacity(BUFFER),
            full,
            returned,
        };
        let produced = produce(&mut handoff).and_then(|()| handoff.send_current());
        // Closing the queue ends the writing thread's loop.
        drop(handoff);
        let written = writer
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        match (produced, written) {
            (_, Err(error)) | (Err(error), Ok(_)) => Err(error),
            (Ok(()), Ok(file)) => Ok(file),
        }
    })
}

/// The writing thread: writes each buffer and gives it back emptied for reuse (fresh memory
/// costs a page fault per page).
fn write_all<W: Write>(
    mut file: W,
    to_write: Receiver<Vec<u8>>,
    give_back: Sender<Vec<u8>>,
) -> io::Result<W> {
    for mut buffer in to_write {
        file.write_all(&buffer)?;
        buffer.clear();
        // The producer may be gone already; the buffer is then simply freed.
        let _ = give_back.send(buffer);
    }
    Ok(file)
}

/// Two files that get the same bytes, so that one pass of the encryption writes both (after
/// an erasure, the vault and its new backup). An error says which file failed
/// ([`Failed::sort`]).
#[derive(Debug)]
pub(super) struct Both {
    pub first: File,
    pub second: File,
}

/// Marks an error of [`Both`]'s second file inside the `io::Error` that crosses the
/// writing thread.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct FromSecond(io::Error);

/// Which of [`Both`]'s files an error of [`write_streaming`] belongs to.
#[derive(Debug)]
pub(super) enum Failed {
    /// The first file, or the producer (which writes to both).
    First(io::Error),
    Second(io::Error),
}

impl Failed {
    pub(super) fn sort(error: io::Error) -> Failed {
        let from_second = error
            .get_ref()
            .is_some_and(|inner| inner.is::<FromSecond>());
        if !from_second {
            return Failed::First(error);
        }
        let marked = error
            .into_inner()
            .and_then(|inner| inner.downcast::<FromSecond>().ok())
            .expect("checked above");
        Failed::Second(marked.0)
    }
}

impl Write for Both {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.first.write_all(bytes)?;
        self.second
            .write_all(bytes)
            .map_err(|error| io::Error::new(error.kind(), FromSecond(error)))?;
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The producer's side: fills a buffer and queues it for the writing thread when full.
struct Handoff {
    current: Vec<u8>,
    full: SyncSender<Vec<u8>>,
    returned: Receiver<Vec<u8>>,
}

impl Handoff {
    fn send_current(&mut self) -> io::Result<()> {
        if self.current.is_empty() {
            return Ok(());
        }
        let next = self
            .returned
            .try_recv()
            .unwrap_or_else(|_| Vec::with_capacity(BUFFER));
        let full = std::mem::replace(&mut self.current, next);
        self.full
            .send(full)
            .map_err(|_| io::Error::other("the writing thread stopped"))
    }
}

impl Write for Handoff {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let taken = bytes.len().min(BUFFER - self.current.len());
        self.current.extend_from_slice(&bytes[..taken]);
        if self.current.len() == BUFFER {
            self.send_current()?;
        }
        Ok(taken)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bytes cross buffer boundaries in pieces of odd sizes and arrive whole and in order.
    #[test]
    fn every_byte_arrives_in_order_across_buffers() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out");
        let expected: Vec<u8> = (0..(QUEUED * 3 * BUFFER + 12_345))
            .map(|i| (i % 251) as u8)
            .collect();
        write_streaming(File::create(&path).unwrap(), |out| {
            for piece in expected.chunks(65_537) {
                out.write_all(piece)?;
            }
            Ok(())
        })
        .unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), expected);
    }

    /// After an erasure the vault and its backup come from one pass: the same bytes in two
    /// files of their own.
    #[test]
    fn both_files_get_every_byte() {
        let dir = tempfile::tempdir().unwrap();
        let (first, second) = (dir.path().join("first"), dir.path().join("second"));
        let expected: Vec<u8> = (0..(2 * BUFFER + 999)).map(|i| (i % 241) as u8).collect();
        let both = Both {
            first: File::create(&first).unwrap(),
            second: File::create(&second).unwrap(),
        };
        write_streaming(both, |out| out.write_all(&expected)).unwrap();
        assert_eq!(std::fs::read(&first).unwrap(), expected);
        assert_eq!(std::fs::read(&second).unwrap(), expected);
    }

    /// The caller names the file that failed: an error of the second one says so.
    #[test]
    fn an_error_of_the_second_file_is_told_apart() {
        let dir = tempfile::tempdir().unwrap();
        let both = Both {
            first: File::create(dir.path().join("first")).unwrap(),
            second: File::options().write(true).open("/dev/full").unwrap(),
        };
        let error = write_streaming(both, |out| out.write_all(&[7; BUFFER])).unwrap_err();
        let Failed::Second(source) = Failed::sort(error) else {
            panic!("the second file's error")
        };
        assert_eq!(source.kind(), io::ErrorKind::StorageFull, "{source}");

        let both = Both {
            first: File::options().write(true).open("/dev/full").unwrap(),
            second: File::create(dir.path().join("second")).unwrap(),
        };
        let error = write_streaming(both, |out| out.write_all(&[7; BUFFER])).unwrap_err();
        let Failed::First(error) = Failed::sort(error) else {
            panic!("the first file's error")
        };
        assert_eq!(error.kind(), io::ErrorKind::StorageFull, "{error}");
        assert_eq!(error.raw_os_error(), Some(libc::ENOSPC), "kept as it was");
    }

    #[test]
    fn nothing_produced_makes_an_empty_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out");
        write_streaming(File::create(&path).unwrap(), |_| Ok(())).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"");
    }

    /// A full disk is reported as such, not as the producer's "the writer stopped".
    #[test]
    fn the_writers_error_wins_over_the_producers() {
        let full = File::options().write(true).open("/dev/full").unwrap();
        let error = write_streaming(full, |out| {
            for _ in 0..64 {
                out.write_all(&[7; BUFFER])?;
            }
            Ok(())
        })
        .unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::StorageFull, "{error}");
    }

    #[test]
    fn the_producers_error_is_returned() {
        let dir = tempfile::tempdir().unwrap();
        let error = write_streaming(File::create(dir.path().join("out")).unwrap(), |out| {
            out.write_all(b"half")?;
            Err(io::Error::other("cannot encrypt"))
        })
        .unwrap_err();
        assert_eq!(error.to_string(), "cannot encrypt");
    }
}
