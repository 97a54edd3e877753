//! Issue 15: bytes per row at each stage of reading an extract, natively (printed, not
//! asserted): `cargo bench --bench memory [-- ROWS]` (default 1,000,000 rows of `yjlens sample
//! --rows N --seed 1`, made in memory). A counting allocator gives the heap held after each
//! stage and the peak during it, beside the file's own size: the file is not counted (a
//! browser reads it in slices; the CLI streams it).
//!
//! Stages: one go (`read_extract`); in two ranges, each range's part, its encoding (what a
//! parse worker posts), and the merge of the decoded parts (what the coordinating worker
//! holds), then the report computed from the extract.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use yjlens_core::extract::{
    cut_ranges, read_extract, ExtractHead, ExtractMerge, RangeReader, ReadOptions,
};
use yjlens_core::sample::{extract_csv, SampleSize};

/// The system allocator, counting the bytes held and their peak.
struct Counting;

static HELD: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed to the system allocator unchanged; only counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = HELD.fetch_add(layout.size(), Relaxed) + layout.size();
            PEAK.fetch_max(now, Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        HELD.fetch_sub(layout.size(), Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                let now =
                    HELD.fetch_add(new_size - layout.size(), Relaxed) + new_size - layout.size();
                PEAK.fetch_max(now, Relaxed);
            } else {
                HELD.fetch_sub(layout.size() - new_size, Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Run `f`; the heap it left held (beyond what was held before) and its peak above that.
/// Measures may nest: the enclosing one's peak is kept.
fn measure<T>(f: impl FnOnce() -> T) -> (T, usize, usize) {
    let before = HELD.load(Relaxed);
    let enclosing = PEAK.swap(before, Relaxed);
    let out = f();
    let held = HELD.load(Relaxed).saturating_sub(before);
    let peak = PEAK.load(Relaxed);
    PEAK.fetch_max(enclosing, Relaxed);
    (out, held, peak.saturating_sub(before))
}

fn main() {
    let rows: u64 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let csv = extract_csv(SampleSize::Rows(rows), 1);
    let bytes = csv.as_bytes();
    let options = ReadOptions::default();
    let file = bytes.len();
    let per = |b: usize, n: u64| b as f64 / n.max(1) as f64;
    println!(
        "{rows} rows, file {:.1} MB = {:.0} bytes a row",
        file as f64 / 1e6,
        per(file, rows)
    );
    let line = |what: &str, held: usize, peak: usize| {
        println!(
            "{what:<58} held {:>7.1} MB ({:>5.0} B/row, {:.2}× file)  peak {:>7.1} MB ({:>5.0} B/row, {:.2}× file)",
            held as f64 / 1e6,
            per(held, rows),
            held as f64 / file as f64,
            peak as f64 / 1e6,
            per(peak, rows),
            peak as f64 / file as f64,
        );
    };

    let (whole, held, peak) = measure(|| read_extract(bytes, &options).unwrap());
    line("one go: the extract", held, peak);
    // The measures' working set, stage by stage (as `measures::compute_as_at` builds it).
    {
        use yjlens_core::measures::{
            custody, disproportionality, emit::Ctx, fte, periods::Periods, prepare, reoffending,
            throughput,
        };
        let settings = yjlens_core::report::Settings::default();
        let date = prepare::extract_date(&whole, None);
        let (prep, held, peak) =
            measure(|| prepare::prepare(&whole, date, settings.exclude_breaches));
        line("  the rows indexed by child (prepare)", held, peak);
        println!(
            "    ({} children, {} occasions ({} B each) of {} rows ({} B each), {} candidates, {} remands)",
            prep.children.len(),
            prep.occasions.len(),
            std::mem::size_of::<prepare::Occasion>(),
            prep.occasion_rows.len(),
            std::mem::size_of_val(&prep.occasion_rows[0]),
            prep.candidates.len(),
            prep.remands.len()
        );
        println!(
            "    (capacities: occasions {}, occasion rows {}, candidates {}; a kept row {} B, a child {} B)",
            prep.occasions.capacity(),
            prep.occasion_rows.capacity(),
            prep.candidates.capacity(),
            std::mem::size_of::<yjlens_core::extract::CaseRow>(),
            std::mem::size_of::<prepare::Child>()
        );
        let periods = Periods::new(prep.first_date, date);
        let ctx = Ctx::new(&whole, &settings, &prep, &periods, None);
        let (cohorts, held, peak) = measure(|| reoffending::cohorts(&ctx));
        line("  the reoffending cohorts (above prepare)", held, peak);
        // Each measure in turn, as `compute` runs them (held: its figures and what it keeps).
        let mut ctx = ctx;
        let ((), held, peak) = measure(|| reoffending::emit(&mut ctx, &cohorts));
        line("  reoffending figures (above the cohorts)", held, peak);
        let (entrants, held, peak) = measure(|| fte::entrants(&ctx));
        line("  first-time entrants", held, peak);
        let ((), held, peak) = measure(|| fte::emit(&mut ctx, &entrants));
        line("  their figures", held, peak);
        let ((), held, peak) = measure(|| custody::emit(&mut ctx));
        line("  custody and remand figures", held, peak);
        let (stages, held, peak) =
            measure(|| disproportionality::stage_counts(&ctx, &entrants, &cohorts));
        line("  disproportionality counts", held, peak);
        drop(cohorts);
        drop(entrants);
        let ((), held, peak) = measure(|| disproportionality::emit(&mut ctx, &stages));
        line("  disproportionality figures (cohorts dropped)", held, peak);
        let ((), held, peak) = measure(|| throughput::emit(&mut ctx));
        line("  throughput figures", held, peak);
        println!(
            "    ({} figures in a vector of {})",
            ctx.figures.len(),
            ctx.figures.capacity()
        );
    }
    let (first, held, peak) = measure(|| {
        yjlens_core::measures::compute_figures(
            &whole,
            &yjlens_core::report::Settings::default(),
            None,
        )
    });
    line(
        "  the measures without the year-earlier pass (held: report)",
        held,
        peak,
    );
    println!(
        "    ({} figures, {} B each before their strings)",
        first.figures.len(),
        std::mem::size_of::<yjlens_core::report::Figure>()
    );
    drop(first);
    let (report, held, peak) = measure(|| {
        yjlens_core::measures::compute(&whole, &yjlens_core::report::Settings::default(), None)
    });
    line(
        "  every measure computed from it (held: the report)",
        held,
        peak,
    );
    drop(report);
    drop(whole);

    let head = ExtractHead::read(bytes, &options, true).expect("a UTF-8 sample");
    // The offset just after the first line feed at or after `p` (where every cut is made).
    let line_end = |p: u64| {
        bytes[p as usize..]
            .iter()
            .position(|&b| b == b'\n')
            .map(|i| p + i as u64 + 1)
    };
    let ranges = cut_ranges(head.data_start(), file as u64, 2, line_end);
    let read_into = |mut r: RangeReader, s: u64| {
        for chunk in bytes[s as usize..].chunks(4 << 20) {
            r.push(chunk).unwrap();
            if r.is_done() {
                break;
            }
        }
        r.finish()
    };
    let read = |s: u64, e: u64| read_into(head.range(s, e), s);
    let (part, held, peak) = measure(|| read(ranges[0].0, ranges[0].1).unwrap());
    line(
        "2 ranges: the first range's part (a parse worker's)",
        held,
        peak,
    );
    let rows_in_part = part.rows();
    let (encoded, held, peak) = measure(|| part.into_bytes());
    line(
        "  encoded, the part consumed (peak above the part)",
        held,
        peak,
    );
    println!(
        "  (its encoding is {:.1} MB long for {} rows: {:.0} B/row)",
        encoded.len() as f64 / 1e6,
        rows_in_part,
        per(encoded.len(), rows_in_part as u64)
    );
    drop(encoded);
    // As the browser's coordinating worker does with two readers (www/src/pool.js `plan`): it
    // reads the first 45% of the data itself (its tables sized for the file and taken by the
    // merge), while the parse worker reads the rest in ranges of at most 16 MB, each part's
    // bytes (a copy, as wasm gets a copy of the posted buffer) decoded into the merge as it
    // comes, then freed.
    let start = head.data_start();
    let first_end = line_end(start + (file as u64 - start) * 45 / 100).expect("a line feed");
    let rest = cut_ranges(
        first_end,
        file as u64,
        (file as u64 - first_end).div_ceil(16 << 20) as usize,
        line_end,
    );
    let encoded: Vec<Vec<u8>> = rest
        .iter()
        .map(|&(s, e)| read(s, e).unwrap().into_bytes())
        .collect();
    let (merged, held, peak) = measure(|| {
        let mut merge = ExtractMerge::new(&head);
        merge.size_hint(file as u64);
        let (first, held, peak) =
            measure(|| read_into(merge.range(start, first_end), start).unwrap());
        line(
            "  the first 45% read here (its tables the file's)",
            held,
            peak,
        );
        let (taken, held, peak) = measure(|| merge.add(first));
        assert!(taken.is_ok());
        line("    added", held, peak);
        let (mut held_parts, mut peak_parts) = (0, 0);
        for b in &encoded {
            let (taken, held, peak) = measure(|| merge.add_encoded(b.clone()).unwrap());
            assert!(taken.is_ok(), "the sample has no line break inside quotes");
            peak_parts = peak_parts.max(held_parts + peak);
            held_parts += held;
        }
        line(
            &format!("    {} parts of the rest decoded into it", encoded.len()),
            held_parts,
            peak_parts,
        );
        let (extract, held, peak) = measure(|| merge.finish().unwrap());
        line("    the merge finished", held, peak);
        extract
    });
    line("  read and merged (the coordinating worker)", held, peak);
    drop(merged);
}
