//! Read one extract file from disk and report the reader's cost: CPU time, MB/s, rows/s and
//! peak memory. `cargo run --release --example read_file -- FILE [whole|stream] [REPEAT]
//! [--digest]`.
//!
//! * `whole`: `read_extract` over the whole file held in memory (the CLI's path).
//! * `stream` (default): `ExtractReader` fed 4 MB chunks read from disk one at a time, with
//!   `size_hint` (the worker's path), so the file is never held whole: the peak RSS is then
//!   the reader's own memory.
//! * `--digest`: print a hash of the whole serialised `Extract` (rows, tables, quality
//!   report), to check that a change to the reader leaves every result identical.

use std::io::Read;
use std::time::Instant;

use yjlens_core::extract::{read_extract, Extract, ExtractReader, ReadOptions};

/// CPU time (user + system) of this process in seconds, from `/proc/self/stat`.
fn cpu_seconds() -> f64 {
    let s = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = s.rsplit_once(')').map_or("", |x| x.1);
    let f: Vec<&str> = after.split_whitespace().collect();
    let tick = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    // Fields 14 and 15 (utime, stime) are at 11 and 12 after the ")".
    (tick(11) + tick(12)) / 100.0
}

/// Peak resident set size in MB (`VmHWM`).
fn peak_rss_mb() -> f64 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    s.lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn read_stream(path: &str) -> (Extract, u64) {
    let mut file = std::fs::File::open(path).expect("open");
    let size = file.metadata().expect("metadata").len();
    let mut reader = ExtractReader::new(ReadOptions::default());
    reader.size_hint(size);
    let mut buf = vec![0u8; 4 << 20];
    loop {
        let n = file.read(&mut buf).expect("read");
        if n == 0 {
            break;
        }
        reader.push(&buf[..n]).expect("push");
    }
    (reader.finish().expect("finish"), size)
}

fn digest(e: &Extract) -> u64 {
    // FNV-1a over the JSON form: slow, but only used to compare results.
    let json = serde_json::to_vec(e).expect("serialise");
    json.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args
        .first()
        .expect("usage: read_file FILE [whole|stream] [REPEAT] [--digest]");
    let whole = args.iter().any(|a| a == "whole");
    let want_digest = args.iter().any(|a| a == "--digest");
    let repeat: usize = args
        .iter()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(1);
    let held = whole.then(|| std::fs::read(path).expect("read"));
    let mut best_cpu = f64::MAX;
    let mut best_wall = f64::MAX;
    let mut last = None;
    let mut size = 0;
    for _ in 0..repeat {
        drop(last.take());
        let c = cpu_seconds();
        let t = Instant::now();
        let (e, n) = match &held {
            Some(bytes) => (
                read_extract(bytes, &ReadOptions::default()).expect("read"),
                bytes.len() as u64,
            ),
            None => read_stream(path),
        };
        best_wall = best_wall.min(t.elapsed().as_secs_f64());
        best_cpu = best_cpu.min(cpu_seconds() - c);
        size = n;
        last = Some(e);
    }
    let e = last.expect("at least one run");
    let q = &e.quality;
    let mb = size as f64 / 1e6;
    println!(
        "{} {:.1} MB, {} rows read ({} used, {} rejected, {} duplicates, {} children)",
        if whole { "whole" } else { "stream" },
        mb,
        q.rows_read,
        q.rows_used,
        q.rows_rejected,
        q.duplicates,
        q.children
    );
    println!(
        "best of {repeat}: CPU {:.3} s = {:.0} MB/s, {:.2} M rows/s; wall {:.3} s = {:.0} MB/s; peak RSS {:.0} MB",
        best_cpu,
        mb / best_cpu,
        q.rows_read as f64 / best_cpu / 1e6,
        best_wall,
        mb / best_wall,
        peak_rss_mb()
    );
    if want_digest {
        println!("digest {:016x}", digest(&e));
    }
}
