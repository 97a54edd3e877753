//! Reading an extract in one go and in byte ranges on threads, printed (not asserted):
//! `cargo bench --bench ingest [-- ROWS]` (default 1,000,000 rows of `yjlens sample --rows N
//! --seed 1`, generated in memory). For each thread count: the best of three wall times of
//! the ranges read on threads, of their merge, and in all, beside the one-go read, runs
//! interleaved so that other load on the machine hits them alike; the load average is
//! printed with them (the machine may be shared).

use std::time::{Duration, Instant};

use yjlens_core::extract::{
    cut_ranges, merge_ranges, read_extract, ExtractHead, PartialExtract, ReadError, ReadOptions,
};
use yjlens_core::sample::{extract_csv, SampleSize};

fn main() {
    let rows: u64 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let csv = extract_csv(SampleSize::Rows(rows), 1);
    let bytes = csv.as_bytes();
    let options = ReadOptions::default();
    println!(
        "{rows} rows, {:.1} MB; {} cores",
        bytes.len() as f64 / 1e6,
        std::thread::available_parallelism().map_or(1, usize::from)
    );
    let mut one_go = Duration::MAX;
    let mut best: Vec<(usize, Duration, Duration)> = [1, 2, 4]
        .iter()
        .map(|&t| (t, Duration::MAX, Duration::MAX))
        .collect();
    for _ in 0..3 {
        let t = Instant::now();
        let whole = read_extract(bytes, &options).unwrap();
        one_go = one_go.min(t.elapsed());
        for b in &mut best {
            let (extract, read, merge) = in_ranges(bytes, &options, b.0);
            assert_eq!(extract.quality, whole.quality);
            assert_eq!(extract.rows, whole.rows);
            b.1 = b.1.min(read);
            b.2 = b.2.min(merge);
        }
    }
    println!("one go: {one_go:?}  (load average {})", load());
    for (threads, read, merge) in best {
        println!(
            "{threads} ranges on {threads} threads: read {read:?} + merge {merge:?} = {:?}  (load average {})",
            read + merge,
            load()
        );
    }
}

/// The extract read in `threads` ranges on as many threads; the time of the reads and of the
/// merge.
fn in_ranges(
    bytes: &[u8],
    options: &ReadOptions,
    threads: usize,
) -> (yjlens_core::extract::Extract, Duration, Duration) {
    let t = Instant::now();
    let head = ExtractHead::read(&bytes[..bytes.len().min(4 << 20)], options, false).unwrap();
    let ranges = cut_ranges(head.data_start(), bytes.len() as u64, threads, |p| {
        bytes[p as usize..]
            .iter()
            .position(|&b| b == b'\n')
            .map(|i| p + i as u64 + 1)
    });
    let read = |start: u64, end: u64| -> Result<PartialExtract, ReadError> {
        let mut r = head.range(start, end);
        for chunk in bytes[start as usize..].chunks(1 << 20) {
            r.push(chunk)?;
            if r.is_done() {
                break;
            }
        }
        r.finish()
    };
    let parts: Vec<_> = std::thread::scope(|s| {
        let handles: Vec<_> = ranges
            .iter()
            .map(|&(a, b)| s.spawn(move || read(a, b)))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let read_time = t.elapsed();
    let t = Instant::now();
    let extract = merge_ranges(&head, &ranges, parts, read).unwrap();
    (extract, read_time, t.elapsed())
}

fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}
