//! Native parse throughput of the extract reader on a large generated extract. Run in release:
//! `cargo run --release --example extract_throughput [ROWS [ROWS_PER_CHILD]]` (default
//! 1,500,000 rows, about 160 MB, 3 rows per child).

use std::fmt::Write;
use std::time::Instant;

use yjlens_core::extract::{read_extract, ExtractReader, ReadOptions};

/// A realistic extract: 13 columns, day-first dates, mixed codes, ~1% duplicates and ~1%
/// bad rows, about 120 bytes a row.
fn generate(rows: usize, rows_per_child: usize) -> Vec<u8> {
    let outcomes = [
        "Youth Caution",
        "YCC",
        "Referral Order",
        "YRO",
        "DTO",
        "Community Resolution",
        "Fine",
        "Conditional Discharge",
        "Remand in custody",
        "Triage",
    ];
    let ethnicities = [
        "White British",
        "WBRI",
        "Black - Caribbean",
        "Asian: Indian",
        "Mixed",
        "Not known",
        "Other: Arab",
    ];
    let categories = [
        "Violence against the person",
        "Robbery",
        "Theft and handling stolen goods",
        "Drugs offences",
        "Criminal damage",
        "Breach of statutory order",
        "Public order",
    ];
    let mut s = String::with_capacity(rows * 130);
    s.push_str("Child ID,Date of Offence,Disposal Date,Disposal,DOB,Gender,Ethnicity,Offence Type,Gravity Score,Release Date,End Date,LAC,YOT\r\n");
    let mut x: u64 = 0x9e3779b97f4a7c15;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let mut last = String::new();
    for i in 0..rows {
        let r = next();
        if r % 100 == 0 && !last.is_empty() {
            s.push_str(&last); // exact duplicate
            continue;
        }
        let child = r % (rows / rows_per_child.max(1)) as u64;
        let d = 1 + (r >> 8) % 28;
        let m = 1 + (r >> 16) % 12;
        let y = 2019 + (r >> 24) % 5;
        let line_start = s.len();
        let _ = write!(
            s,
            "YJ{child:07},{d:02}/{m:02}/{y},{:02}/{m:02}/{y},{},{:02}/{:02}/{},{},{},{},{},{},,{},{}\r\n",
            (d + 1).min(28),
            outcomes[(r >> 32) as usize % outcomes.len()],
            1 + (r >> 36) % 28,
            1 + (r >> 40) % 12,
            2004 + (r >> 44) % 6,
            if (r >> 48) & 1 == 0 { "M" } else { "F" },
            ethnicities[(r >> 50) as usize % ethnicities.len()],
            categories[(r >> 53) as usize % categories.len()],
            if i % 97 == 0 { 9 } else { 1 + (r >> 56) % 8 },
            if (r >> 60) & 1 == 0 { "01/06/2024" } else { "" },
            if (r >> 61) & 1 == 0 { "Y" } else { "N" },
            ["North", "South", "East"][(r >> 62) as usize % 3],
        );
        last = s[line_start..].to_string();
    }
    s.into_bytes()
}

/// CPU time of this thread in seconds (Linux), so a busy shared machine does not distort the
/// figure; `None` elsewhere.
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

fn main() {
    let rows = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_500_000);
    // Rows per child (default 3: about 500,000 children in random order, a worst case for
    // the interning and duplicate tables).
    let rows_per_child = std::env::args()
        .nth(2)
        .and_then(|a| a.parse().ok())
        .unwrap_or(3);
    let bytes = generate(rows, rows_per_child);
    let mb = bytes.len() as f64 / 1e6;
    // Warm up once, then time the best of three.
    let e = read_extract(&bytes, &ReadOptions::default()).unwrap();
    let q = &e.quality;
    assert_eq!(q.rows_read, q.rows_used + q.rows_rejected + q.duplicates);
    let mut best = f64::MAX;
    let mut best_cpu = f64::MAX;
    for _ in 0..3 {
        let t = Instant::now();
        let c = cpu_seconds().unwrap_or(0.0);
        let e = read_extract(&bytes, &ReadOptions::default()).unwrap();
        best_cpu = best_cpu.min(cpu_seconds().unwrap_or(0.0) - c);
        best = best.min(t.elapsed().as_secs_f64());
        std::hint::black_box(e);
    }
    let mut best_stream = f64::MAX;
    for _ in 0..3 {
        let t = Instant::now();
        let mut reader = ExtractReader::new(ReadOptions::default());
        reader.size_hint(bytes.len() as u64);
        for chunk in bytes.chunks(4 << 20) {
            reader.push(chunk).unwrap();
        }
        let e = reader.finish().unwrap();
        best_stream = best_stream.min(t.elapsed().as_secs_f64());
        std::hint::black_box(e);
    }
    // Calibration: csv-core alone over the same bytes (the floor of any CSV reader here).
    let t = Instant::now();
    let c = cpu_seconds().unwrap_or(0.0);
    let (mut out, mut ends) = (vec![0u8; 1 << 16], vec![0usize; 64]);
    let mut csv = csv_core::Reader::new();
    let (mut input, mut records) = (&bytes[..], 0u64);
    loop {
        let (r, nin, _, _) = csv.read_record(input, &mut out, &mut ends);
        input = &input[nin..];
        match r {
            csv_core::ReadRecordResult::Record => records += 1,
            csv_core::ReadRecordResult::End => break,
            _ => {}
        }
    }
    let raw_cpu = cpu_seconds().unwrap_or(0.0) - c;
    println!(
        "calibration, csv-core alone: {records} records, {:.0} MB/s wall, {:.0} MB/s CPU",
        mb / t.elapsed().as_secs_f64(),
        mb / raw_cpu
    );
    println!(
        "{:.1} MB, {} rows ({} used, {} rejected, {} duplicates, {} children)",
        mb, q.rows_read, q.rows_used, q.rows_rejected, q.duplicates, q.children
    );
    println!(
        "whole: {:.3} s = {:.0} MB/s, {:.2} M rows/s",
        best,
        mb / best,
        q.rows_read as f64 / best / 1e6
    );
    if best_cpu > 0.0 {
        println!(
            "whole, CPU time: {:.3} s = {:.0} MB/s, {:.2} M rows/s",
            best_cpu,
            mb / best_cpu,
            q.rows_read as f64 / best_cpu / 1e6
        );
    }
    println!(
        "streamed in 4 MB chunks: {:.3} s = {:.0} MB/s, {:.2} M rows/s",
        best_stream,
        mb / best_stream,
        q.rows_read as f64 / best_stream / 1e6
    );
}
