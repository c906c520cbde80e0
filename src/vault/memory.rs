//! The database's bytes in memory: read into SQLite's own memory when a vault opens, and lent
//! to the encryption when it is saved. Both are a pass over the whole database, and each
//! shares it with a second thread, so that two cores do the work one did.

use std::io::Read;
use std::mem::MaybeUninit;
use std::ptr::NonNull;
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::sync::{Mutex, PoisonError};

use rusqlite::serialize::{Data, OwnedData};
use rusqlite::{Connection, MAIN_DB};

use super::database::page_problems;

/// How much `read_into` reads at a time, and how many pieces the second thread prepares
/// ahead: enough to keep both threads busy.
const PIECE: usize = 1 << 20;
const PIECES_AHEAD: usize = 8;

/// Reads `length` bytes from `reader` as the database of `conn` (an in-memory connection),
/// and meanwhile hands each piece read, in order, to `follow` on a second thread; returns
/// what `follow` returns. Opening hashes the pieces there, straight from the database's
/// memory: no other copy of the plaintext is made.
///
/// Each piece is prepared (zeroed) before it is read into, which is when the kernel maps and
/// clears its pages. That first touch of fresh memory costs as much as the decryption (a
/// 400 MB vault: 0.1–0.2 s), and on a virtual machine that hands freed memory back to its
/// host, several times more in some runs. Whichever thread is idle prepares the next piece:
/// the second thread while it waits for pieces to hash, this one when none is ready for it.
/// So neither waits while the other has all the work.
///
/// The memory comes from SQLite's allocator, since SQLite owns and frees it. On Linux the
/// kernel is asked to back it with huge pages: a 36 MB database then takes a few dozen page
/// faults instead of 9,000. A failed read wipes what it read.
pub(super) fn read_into<T: Send>(
    conn: &mut Connection,
    mut reader: impl Read,
    length: usize,
    follow: impl FnOnce(Pieces<'_>) -> T + Send,
) -> std::io::Result<T> {
    let mut memory = SqliteMemory::allocate(length)?;
    let unprepared = Mutex::new(Unprepared {
        pieces: memory.bytes().chunks_mut(PIECE),
        taken: 0,
    });
    let (followed, filled) = std::thread::scope(|scope| {
        let (to_fill, ready) = channel::<&mut [u8]>();
        let (filled_pieces, queue) = channel::<&[u8]>();
        let unprepared = &unprepared;
        let follower = scope.spawn(move || {
            follow(Pieces {
                unprepared,
                to_fill,
                queue,
                followed: 0,
                prepared: 0,
            })
        });
        let mut filled = Ok(0);
        for index in 0..length.div_ceil(PIECE) {
            let piece = match ready.try_recv() {
                Ok(piece) => piece,
                Err(_) => match take_if_next(unprepared, index) {
                    Some(piece) => prepare(piece),
                    // The second thread has taken it and sends it once it is prepared; an
                    // error means it stopped.
                    None => match ready.recv() {
                        Ok(piece) => piece,
                        Err(_) => break,
                    },
                },
            };
            if let Err(error) = reader.read_exact(piece) {
                filled = Err(error);
                break;
            }
            filled = filled.map(|bytes| bytes + piece.len());
            if filled_pieces.send(&*piece).is_err() {
                break;
            }
        }
        // Closing the queue ends the follower's loop.
        drop(filled_pieces);
        let followed = follower
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (followed, filled)
    });
    if filled? != length {
        return Err(std::io::Error::other("the follower stopped before the end"));
    }
    // SAFETY: every byte was zeroed, then read into.
    let data = unsafe { memory.into_data() };
    conn.deserialize(MAIN_DB, data, false)
        .map_err(std::io::Error::other)?;
    Ok(followed)
}

/// The pieces of the database's memory that neither thread has taken to prepare yet, in
/// order. Pieces are read into in the same order, so the reading thread takes one itself
/// only when it is the very piece it reads next ([`take_if_next`]): every piece the second
/// thread takes reaches it in order through the channel.
struct Unprepared<'a> {
    pieces: std::slice::ChunksMut<'a, MaybeUninit<u8>>,
    /// How many have been taken, by either thread.
    taken: usize,
}

/// The piece at `index`, if no thread has taken it yet and it is the next one.
fn take_if_next<'a>(
    unprepared: &Mutex<Unprepared<'a>>,
    index: usize,
) -> Option<&'a mut [MaybeUninit<u8>]> {
    let mut unprepared = unprepared.lock().unwrap_or_else(PoisonError::into_inner);
    if unprepared.taken != index {
        return None;
    }
    let piece = unprepared.pieces.next()?;
    unprepared.taken += 1;
    Some(piece)
}

/// Zeroes a piece: the first touch of its pages, and what makes its bytes initialised.
fn prepare(piece: &mut [MaybeUninit<u8>]) -> &mut [u8] {
    piece.fill(MaybeUninit::new(0));
    // SAFETY: every byte of the piece was just written.
    unsafe { piece.assume_init_mut() }
}

/// What `read_into`'s second thread sees: each piece once it is read, in order. While no
/// piece waits to be followed, taking the next one prepares pieces for the reading thread,
/// up to [`PIECES_AHEAD`] of them.
pub(super) struct Pieces<'a> {
    unprepared: &'a Mutex<Unprepared<'a>>,
    to_fill: Sender<&'a mut [u8]>,
    queue: Receiver<&'a [u8]>,
    /// How many pieces this thread has been handed.
    followed: usize,
    /// How many pieces this thread prepared (the reading thread prepared the others).
    prepared: usize,
}

impl Pieces<'_> {
    /// Prepares the next piece for the reading thread, unless enough are prepared or being
    /// read into already, or none is left. Whether it did.
    fn prepare_one(&mut self) -> bool {
        let piece = {
            let mut unprepared = self
                .unprepared
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            if unprepared.taken - self.followed >= PIECES_AHEAD {
                return false;
            }
            let Some(piece) = unprepared.pieces.next() else {
                return false;
            };
            unprepared.taken += 1;
            piece
        };
        self.prepared += 1;
        // The reading thread stops only on an error, which it reports itself.
        let _ = self.to_fill.send(prepare(piece));
        true
    }

    /// How many pieces this thread prepared.
    #[cfg(test)]
    fn prepared(&self) -> usize {
        self.prepared
    }
}

impl<'a> Iterator for Pieces<'a> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<&'a [u8]> {
        let piece = loop {
            match self.queue.try_recv() {
                Ok(piece) => break piece,
                Err(TryRecvError::Disconnected) => return None,
                Err(TryRecvError::Empty) if self.prepare_one() => {}
                Err(TryRecvError::Empty) => break self.queue.recv().ok()?,
            }
        };
        self.followed += 1;
        Some(piece)
    }
}

/// Memory from `sqlite3_malloc64`, which SQLite frees once it owns it (deserialized). Until
/// then this frees it, after wiping every byte: it may hold part of a database.
struct SqliteMemory {
    start: NonNull<u8>,
    length: usize,
}

impl SqliteMemory {
    fn allocate(length: usize) -> std::io::Result<SqliteMemory> {
        let size = u64::try_from(length).map_err(std::io::Error::other)?;
        // SAFETY: no preconditions; it returns null or `size` bytes (null also for 0 bytes).
        let start = unsafe { rusqlite::ffi::sqlite3_malloc64(size) }.cast::<u8>();
        let start = NonNull::new(start)
            .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::OutOfMemory))?;
        advise_huge_pages(start, length);
        Ok(SqliteMemory { start, length })
    }

    /// The memory as bytes that may not be initialised yet.
    fn bytes(&mut self) -> &mut [MaybeUninit<u8>] {
        // SAFETY: `start` points to `length` bytes that only this value reaches; any bit
        // pattern, initialised or not, is a valid `MaybeUninit<u8>`.
        unsafe {
            std::slice::from_raw_parts_mut(
                self.start.as_ptr().cast::<MaybeUninit<u8>>(),
                self.length,
            )
        }
    }

    /// Hands the memory to `OwnedData`, which frees it with SQLite's allocator.
    ///
    /// # Safety
    /// Every byte must have been written.
    unsafe fn into_data(self) -> OwnedData {
        let memory = std::mem::ManuallyDrop::new(self);
        // SAFETY: the bytes come from SQLite's allocator, which is how `OwnedData` frees
        // them, and the caller vouches that they are initialised.
        unsafe { OwnedData::from_raw_nonnull(memory.start, memory.length) }
    }
}

impl Drop for SqliteMemory {
    fn drop(&mut self) {
        // zeroize writes every byte, whether or not it was initialised.
        zeroize::Zeroize::zeroize(self.bytes());
        // SAFETY: allocated by `sqlite3_malloc64` and never handed to SQLite.
        unsafe { rusqlite::ffi::sqlite3_free(self.start.as_ptr().cast()) };
    }
}

/// The database's bytes, for a save: SQLite's own buffer where it lends it (an in-memory
/// database it was handed with [`read_into`]), or a copy it makes, wiped when dropped.
pub(super) enum Image<'conn> {
    Lent(&'conn [u8]),
    Copy(OwnedData),
}

impl std::ops::Deref for Image<'_> {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            Image::Lent(bytes) => bytes,
            Image::Copy(owned) => owned,
        }
    }
}

impl Drop for Image<'_> {
    fn drop(&mut self) {
        if let Image::Copy(owned) = self {
            zeroize::Zeroize::zeroize(&mut **owned);
        }
    }
}

/// The one thing a save may do with the database while its bytes are read: the quick check.
pub(super) struct Checking<'conn>(&'conn Connection);

impl Checking<'_> {
    /// The problems `PRAGMA quick_check` finds, as [`page_problems`].
    pub(super) fn quick_check_problems(&self) -> usize {
        page_problems(self.0, "quick_check")
    }
}

/// The database's bytes beside a handle that can only check them, so that a save encrypts
/// on one thread while it checks on another: two passes over the whole database at once.
pub(super) fn image_for_saving(
    conn: &mut Connection,
) -> rusqlite::Result<(Image<'_>, Checking<'_>)> {
    let image = match conn.serialize(MAIN_DB)? {
        Data::Owned(owned) => Image::Copy(owned),
        Data::Shared(shared) => {
            let (start, length) = (shared.as_ptr(), shared.len());
            // SAFETY: SQLite lends the buffer of an in-memory database it owns. It stays
            // valid and unchanged until the database is written, resized, replaced or
            // closed, all of which need the connection; for as long as the slice lives the
            // connection is reachable only through `Checking`, whose quick check only reads.
            // Two threads reading the same bytes do not race.
            Image::Lent(unsafe { std::slice::from_raw_parts(start, length) })
        }
    };
    Ok((image, Checking(conn)))
}

/// Runs `work` with a second connection that reads the same database as `conn`, for a query
/// split over two threads. The second connection reads SQLite's own buffer, without a copy,
/// and can only read (SQLite refuses its writes). `None` where SQLite keeps the database in
/// a form it cannot lend (a vault made in this process and not opened from its file), and
/// inside a transaction: the buffer holds only what is committed, so the second connection
/// would not see the transaction's own changes.
///
/// # Safety
/// Nothing may write to `conn` while `work` runs: no statement that changes the database,
/// through `conn` or any other reference to it. A write could move the buffer the second
/// connection reads. (A `Connection` is not `Sync`, so only this thread can reach it.)
pub(crate) unsafe fn with_reader_beside<T>(
    conn: &Connection,
    work: impl FnOnce(Option<&mut Connection>) -> T,
) -> T {
    if !conn.is_autocommit() {
        return work(None);
    }
    let mut size: rusqlite::ffi::sqlite3_int64 = 0;
    // SAFETY: a valid handle and schema name; NOCOPY returns SQLite's own buffer of an
    // in-memory database, or null, and allocates nothing.
    let start = unsafe {
        rusqlite::ffi::sqlite3_serialize(
            conn.handle(),
            c"main".as_ptr(),
            &raw mut size,
            rusqlite::ffi::SQLITE_SERIALIZE_NOCOPY,
        )
    };
    if start.is_null() {
        return work(None);
    }
    let Ok(mut second) = Connection::open_in_memory() else {
        return work(None);
    };
    // The queries it runs are the first connection's, which may call kluis's functions.
    if super::search_key::register_holds(&second).is_err() {
        return work(None);
    }
    // SAFETY: `start` holds `size` bytes, valid and unchanged while `work` runs (the caller
    // writes nothing to `conn`); READONLY without FREEONCLOSE: SQLite neither writes nor
    // frees them, and `second` is closed before this function returns.
    let lent = unsafe {
        rusqlite::ffi::sqlite3_deserialize(
            second.handle(),
            c"main".as_ptr(),
            start,
            size,
            size,
            rusqlite::ffi::SQLITE_DESERIALIZE_READONLY,
        )
    };
    if lent != rusqlite::ffi::SQLITE_OK {
        return work(None);
    }
    let result = work(Some(&mut second));
    drop(second);
    result
}

/// Asks Linux to back `length` bytes at `start` with transparent huge pages, where it gives
/// them on request ("madvise", the default of many distributions). Only a hint: a refusal
/// changes nothing but speed.
#[cfg(target_os = "linux")]
fn advise_huge_pages(start: NonNull<u8>, length: usize) {
    const HUGE_PAGE: usize = 2 << 20;
    if length < HUGE_PAGE {
        return;
    }
    // SAFETY: sysconf has no preconditions.
    let page = usize::try_from(unsafe { libc::sysconf(libc::_SC_PAGESIZE) }).unwrap_or(4096);
    let first = (start.as_ptr() as usize).next_multiple_of(page);
    let end = (start.as_ptr() as usize + length) / page * page;
    if end > first {
        // SAFETY: the whole page-aligned range lies inside the allocation above;
        // MADV_HUGEPAGE changes how pages are backed, never their content.
        unsafe { libc::madvise(first as *mut libc::c_void, end - first, libc::MADV_HUGEPAGE) };
    }
}

#[cfg(not(target_os = "linux"))]
fn advise_huge_pages(_start: NonNull<u8>, _length: usize) {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::database::open_in_memory_for_tests;

    /// Only a database in SQLite's own memory is lent; the second connection reads the same
    /// rows and cannot write.
    #[test]
    fn a_reader_beside_reads_the_same_rows_and_cannot_write() {
        let fresh = open_in_memory_for_tests();
        // SAFETY: nothing writes while the closures run.
        assert!(unsafe { with_reader_beside(&fresh, |second| second.is_none()) });
        fresh
            .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1), (2), (3);")
            .unwrap();
        let mut fresh = fresh;
        let image = fresh.serialize(MAIN_DB).unwrap().to_vec();
        let mut lent = Connection::open_in_memory().unwrap();
        let length = image.len();
        lent.deserialize_read_exact(MAIN_DB, image.as_slice(), length, false)
            .unwrap();
        let (sum, refused) = unsafe {
            with_reader_beside(&lent, |second| {
                let second = second.expect("lent");
                let sum: i64 = second
                    .query_row("SELECT sum(x) FROM t", [], |row| row.get(0))
                    .unwrap();
                (sum, second.execute("INSERT INTO t VALUES (4)", []).is_err())
            })
        };
        assert_eq!(sum, 6);
        assert!(refused, "the second connection is read-only");
        lent.execute_batch("BEGIN; INSERT INTO t VALUES (4);")
            .unwrap();
        assert!(
            unsafe { with_reader_beside(&lent, |second| second.is_none()) },
            "not lent inside a transaction"
        );
        lent.execute_batch("ROLLBACK").unwrap();
        let count: i64 = lent
            .query_row("SELECT count(*) FROM t", [], |row| row.get(0))
            .unwrap();
        assert_eq!(count, 3);
    }

    /// A database of distinct pages, `pieces` pieces long.
    fn image_of_pieces(pieces: usize) -> Vec<u8> {
        let mut source = open_in_memory_for_tests();
        let rows = pieces * PIECE / 4096 + 1;
        source
            .execute_batch(&format!(
                "CREATE TABLE filler (x BLOB);
                 WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {rows})
                 INSERT INTO filler SELECT randomblob(4000) FROM n;"
            ))
            .unwrap();
        source.serialize(MAIN_DB).unwrap().to_vec()
    }

    /// While the second thread is busy following, the reading thread prepares the pieces
    /// it reads into; while it is slow to read, the second thread prepares them. Either
    /// way every piece lands in its place and is followed in order.
    #[test]
    fn whichever_thread_is_idle_prepares_the_next_piece() {
        let image = image_of_pieces(PIECES_AHEAD + 6);
        let count = image.len().div_ceil(PIECE);
        let slow = std::time::Duration::from_millis(20);

        let mut loaded = Connection::open_in_memory().unwrap();
        let (followed, prepared) =
            read_into(&mut loaded, image.as_slice(), image.len(), |mut pieces| {
                let mut followed = Vec::new();
                for piece in pieces.by_ref() {
                    std::thread::sleep(slow);
                    followed.extend_from_slice(piece);
                }
                (followed, pieces.prepared())
            })
            .unwrap();
        assert!(
            followed == image,
            "followed in order while following slowly"
        );
        assert!(
            prepared < count,
            "the reading thread prepared some of {count}: {prepared}"
        );
        assert_eq!(page_problems(&loaded, "quick_check"), 0);

        struct Slow<'a>(&'a [u8], std::time::Duration);
        impl Read for Slow<'_> {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                std::thread::sleep(self.1);
                self.0.read(buf)
            }
        }
        let mut loaded = Connection::open_in_memory().unwrap();
        let (followed, prepared) = read_into(
            &mut loaded,
            Slow(&image, slow),
            image.len(),
            |mut pieces| {
                let mut followed = Vec::new();
                for piece in pieces.by_ref() {
                    followed.extend_from_slice(piece);
                }
                (followed, pieces.prepared())
            },
        )
        .unwrap();
        assert!(followed == image, "followed in order while reading slowly");
        assert!(
            prepared > count / 2,
            "the second thread prepared most of {count}: {prepared}"
        );
        assert_eq!(page_problems(&loaded, "quick_check"), 0);
    }

    /// A database above the huge-page threshold, and of more pieces than are prepared
    /// ahead, reads back whole and is followed in order; a short read is an error and leaves
    /// no database behind.
    #[test]
    fn read_into_loads_a_large_image_and_refuses_a_short_one() {
        let mut source = open_in_memory_for_tests();
        source
            .execute_batch(
                "CREATE TABLE filler (x BLOB);
                 WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
                 INSERT INTO filler SELECT zeroblob(4000) FROM n;",
            )
            .unwrap();
        let image = source.serialize(MAIN_DB).unwrap().to_vec();
        assert!(
            image.len() > (PIECES_AHEAD + 2) * PIECE,
            "{} bytes",
            image.len()
        );

        let mut loaded = Connection::open_in_memory().unwrap();
        let followed = read_into(&mut loaded, image.as_slice(), image.len(), |pieces| {
            pieces.flatten().copied().collect::<Vec<u8>>()
        })
        .unwrap();
        assert_eq!(followed, image, "every piece followed, in order");
        let rows: i64 = loaded
            .query_row("SELECT count(*) FROM filler", [], |row| row.get(0))
            .unwrap();
        assert_eq!(rows, 3000);
        assert_eq!(page_problems(&loaded, "quick_check"), 0);

        let mut short = Connection::open_in_memory().unwrap();
        let error = read_into(
            &mut short,
            &image[..image.len() / 2],
            image.len(),
            |pieces| pieces.count(),
        )
        .unwrap_err();
        assert_eq!(error.kind(), std::io::ErrorKind::UnexpectedEof);
        assert!(
            short
                .query_row("SELECT count(*) FROM filler", [], |_| Ok(()))
                .is_err()
        );
    }
}
