//! Measures the reader alone: `read_bytes` on a file already in memory, and
//! the heap the finished `Table` keeps.
//!
//! ```text
//! python3 bench/gen_csv.py 100000 /tmp/reader-bench.csv
//! cargo run --release --example read_table -- /tmp/reader-bench.csv 15
//! ```
//!
//! Prints the median and fastest of RUNS reads, the heap the `Table` holds
//! and the peak heap during one `read_path` (file bytes included), counted
//! by a wrapping allocator.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

use kluis::import::reader::{ReadOptions, read_bytes, read_path};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards every call to the system allocator unchanged; the counters
// are only statistics.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
        PEAK.fetch_max(live, Relaxed);
        // SAFETY: same contract as ours.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        // SAFETY: same contract as ours.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // Counted as a fresh allocation first: a moving realloc briefly
        // holds both blocks.
        let live = LIVE.fetch_add(new_size, Relaxed) + new_size;
        PEAK.fetch_max(live, Relaxed);
        LIVE.fetch_sub(layout.size(), Relaxed);
        // SAFETY: same contract as ours.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

fn mib(bytes: usize) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = PathBuf::from(args.next().unwrap_or("/tmp/reader-bench.csv".into()));
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(15);
    let options = ReadOptions::default();
    let bytes = std::fs::read(&path).expect("read the file");
    let extension = path.extension().and_then(|e| e.to_str());

    let mut times = Vec::with_capacity(runs);
    let mut rows = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let table = read_bytes(&bytes, extension, &options).expect("readable file");
        times.push(start.elapsed());
        rows = table.rows.len();
    }
    times.sort();
    let file_len = bytes.len();
    drop(bytes);

    let before = LIVE.load(Relaxed);
    PEAK.store(before, Relaxed);
    let table = read_path(&path, &options).expect("readable file");
    let peak = PEAK.load(Relaxed) - before;
    let held = LIVE.load(Relaxed) - before;
    println!(
        "{rows} rows, file {}: read_bytes median {:.1} ms, fastest {:.1} ms ({runs} runs)",
        mib(file_len),
        times[runs / 2].as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
    );
    println!(
        "read_path: Table holds {} ({:.2}x the file), peak heap {} ({:.2}x)",
        mib(held),
        held as f64 / file_len as f64,
        mib(peak),
        peak as f64 / file_len as f64,
    );
    drop(table);
}
