//! Writing a large file durably while it is produced.
//!
//! A save used to encrypt, then hand the kernel the whole file, then wait for the fsync to
//! push all of it to disk: three steps one after the other. Here the bytes go to the kernel on
//! a thread of their own, so encrypting and copying into the page cache overlap on two
//! cores, and the kernel is asked to start writing each window to disk as soon as it is
//! complete, so the caller's fsync waits only for the tail. Durability is unchanged: nothing
//! counts as written before that fsync returns.
//!
//! Only ciphertext passes through here: the buffers are reused and freed without wiping.

use std::fs::File;
use std::io::{self, Write};
use std::sync::mpsc::{Receiver, Sender, SyncSender, channel, sync_channel};

/// The size of each hand-over from the producer to the writing thread.
const BUFFER: usize = 1 << 20;
/// Buffers waiting for the writing thread: enough to keep both threads busy, little memory.
const QUEUED: usize = 4;
/// How much the kernel is asked to start writing at a time.
const WRITEBACK_WINDOW: u64 = 8 << 20;

/// Writes what `produce` writes into `file`, and gives the file back for the fsync that
/// makes it durable. The first error wins: the writing thread's (a full disk) over the
/// producer's report that the writer stopped.
pub(super) fn write_streaming(
    file: File,
    produce: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<File> {
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

/// The writing thread: writes each buffer, starts the writeback of every complete window,
/// and gives the emptied buffer back for reuse (fresh memory costs a page fault per page).
fn write_all(
    mut file: File,
    to_write: Receiver<Vec<u8>>,
    give_back: Sender<Vec<u8>>,
) -> io::Result<File> {
    let (mut written, mut started) = (0u64, 0u64);
    for mut buffer in to_write {
        file.write_all(&buffer)?;
        written += buffer.len() as u64;
        if written - started >= WRITEBACK_WINDOW {
            start_writeback(&file, started, written - started);
            started = written;
        }
        buffer.clear();
        // The producer may be gone already; the buffer is then simply freed.
        let _ = give_back.send(buffer);
    }
    Ok(file)
}

/// Asks Linux to start writing `length` bytes at `offset` to disk, without waiting. Only a
/// hint: the fsync after the last byte is what makes the file durable, and reports errors.
#[cfg(target_os = "linux")]
fn start_writeback(file: &File, offset: u64, length: u64) {
    use std::os::fd::AsRawFd;
    let (Ok(offset), Ok(length)) = (i64::try_from(offset), i64::try_from(length)) else {
        return;
    };
    // SAFETY: the descriptor is open for the whole call; the call reads no memory of ours.
    unsafe {
        libc::sync_file_range(
            file.as_raw_fd(),
            offset,
            length,
            libc::SYNC_FILE_RANGE_WRITE,
        )
    };
}

#[cfg(not(target_os = "linux"))]
fn start_writeback(_file: &File, _offset: u64, _length: u64) {}

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

    /// Bytes cross buffer and writeback-window boundaries in pieces of odd sizes and arrive
    /// whole and in order.
    #[test]
    fn every_byte_arrives_in_order_across_buffers_and_windows() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out");
        let expected: Vec<u8> = (0..(WRITEBACK_WINDOW as usize + 3 * BUFFER + 12_345))
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
