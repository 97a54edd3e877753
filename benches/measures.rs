//! The measures' speed and size, printed (not asserted): `cargo bench --bench measures [--
//! national|stages|big]` (all three when none is named).
//!
//! - `national`: an in-memory pseudo-random extract of 1M rows over 5 and 10 years: compute
//!   time, figure count and JSON size, figures by family.
//! - `stages`: the time of each stage of the computation on 1M rows over 5 years.
//! - `big`: the best of five compute times (reading excluded) with and without the year-earlier
//!   counterparts on an extract written by `yjlens sample --rows 1000000 --seed 1`
//!   (`YJLENS_BIG=big.csv YJLENS_BIG_POP=pop.csv`), runs interleaved so that other load on the
//!   machine hits both alike, and the time of each phase of both passes.

#[path = "../tests/big_extract/mod.rs"]
mod big_extract;

use std::time::Instant;

use big_extract::big_extract;
use yjlens_core::extract::{read_extract, Extract, ReadOptions};
use yjlens_core::measures::{compute, compute_figures, read_population, Population};
use yjlens_core::report::Settings;

fn main() {
    let named: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let wants = |name: &str| named.is_empty() || named.iter().any(|n| n == name);
    if wants("national") {
        national_scale_extract();
    }
    if wants("stages") {
        stage_timings();
    }
    if wants("big") {
        compute_time_on_a_big_sample();
    }
}

fn national_scale_extract() {
    for (rows, years) in [(1_000_000, 5), (1_000_000, 10)] {
        let extract = big_extract(rows, years);
        let t = Instant::now();
        let report = compute(&extract, &Settings::default(), None);
        let elapsed = t.elapsed();
        let t = Instant::now();
        let json = serde_json::to_string(&report).unwrap();
        let json_time = t.elapsed();
        let mut by_family: std::collections::BTreeMap<&str, usize> = Default::default();
        for f in &report.figures {
            let family = f.measure.family().id();
            *by_family.entry(family).or_default() += 1;
        }
        println!(
            "{rows} rows over {years} years: compute {elapsed:?}; {} figures; JSON {:.1} MB (serialised in {json_time:?}); by family {by_family:?}",
            report.figures.len(),
            json.len() as f64 / 1e6
        );
    }
}

fn stage_timings() {
    use yjlens_core::measures::*;
    let extract = big_extract(1_000_000, 5);
    let settings = Settings::default();
    let t = Instant::now();
    let ed = prepare::extract_date(&extract, None);
    let prep = prepare::prepare(&extract, ed, true);
    println!("prepare {:?}", t.elapsed());
    let periods = periods::Periods::new(prep.first_date, ed);
    let mut ctx = emit::Ctx::new(&extract, &settings, &prep, &periods, None);
    let t = Instant::now();
    let cohorts = reoffending::cohorts(&ctx);
    println!("cohorts {:?}", t.elapsed());
    let t = Instant::now();
    reoffending::emit(&mut ctx, &cohorts);
    println!("reoffending emit {:?}", t.elapsed());
    let t = Instant::now();
    let entrants = fte::entrants(&ctx);
    fte::emit(&mut ctx, &entrants);
    println!("fte {:?}", t.elapsed());
    let t = Instant::now();
    custody::emit(&mut ctx);
    println!("custody {:?}", t.elapsed());
    let t = Instant::now();
    let stages = disproportionality::stage_counts(&ctx, &entrants, &cohorts);
    println!("stage counts {:?}", t.elapsed());
    let t = Instant::now();
    disproportionality::emit(&mut ctx, &stages);
    println!("disp emit {:?}", t.elapsed());
    let t = Instant::now();
    throughput::emit(&mut ctx);
    println!("throughput {:?}", t.elapsed());
}

/// The time of each phase of one pass: CPU time of the thread where it can be read
/// ([`thread_cpu_seconds`]), else time elapsed; the least of three runs.
fn phases(extract: &Extract, settings: &Settings, pop: Option<&Population>, earlier: bool) {
    use yjlens_core::measures::*;
    let now = || thread_cpu_seconds().unwrap_or_else(|| START.with(|s| s.elapsed().as_secs_f64()));
    let mut best: Vec<(&str, f64)> = Vec::new();
    for run in 0..3 {
        let mut laps: Vec<(&str, f64)> = Vec::new();
        let mut lap = |name: &'static str, t: f64| laps.push((name, now() - t));
        let t = now();
        let ed = prepare::extract_date(extract, settings.extract_date);
        let ed = if earlier {
            dates::sub_months(ed, 12)
        } else {
            ed
        };
        let prep = prepare::prepare(extract, ed, true);
        lap("prepare", t);
        let periods = periods::Periods::new(prep.first_date, ed);
        let mut ctx = emit::Ctx::new(extract, settings, &prep, &periods, pop);
        ctx.year_earlier_only = earlier;
        let t = now();
        let cohorts = reoffending::cohorts(&ctx);
        lap("cohorts", t);
        let t = now();
        reoffending::emit(&mut ctx, &cohorts);
        lap("reoffending", t);
        let t = now();
        let entrants = fte::entrants(&ctx);
        fte::emit(&mut ctx, &entrants);
        lap("fte", t);
        let t = now();
        custody::emit(&mut ctx);
        lap("custody", t);
        let t = now();
        let stages = disproportionality::stage_counts(&ctx, &entrants, &cohorts);
        disproportionality::emit(&mut ctx, &stages);
        lap("disp", t);
        let t = now();
        throughput::emit(&mut ctx);
        lap("throughput", t);
        if run == 0 {
            best = laps;
        } else {
            for (b, l) in best.iter_mut().zip(laps) {
                b.1 = b.1.min(l.1);
            }
        }
    }
    let line: String = best
        .iter()
        .map(|(name, s)| format!(" {name} {s:.3}"))
        .collect();
    println!(
        "{} (s, least of 3):{line}",
        if earlier { "year earlier" } else { "main" }
    );
}

thread_local! {
    static START: Instant = Instant::now();
}

fn compute_time_on_a_big_sample() {
    let Ok(path) = std::env::var("YJLENS_BIG") else {
        println!("big sample: skipped (set YJLENS_BIG=extract.csv and optionally YJLENS_BIG_POP)");
        return;
    };
    let extract = read_extract(&std::fs::read(path).unwrap(), &ReadOptions::default()).unwrap();
    let pop = std::env::var("YJLENS_BIG_POP")
        .ok()
        .map(|p| read_population(&std::fs::read(p).unwrap()).unwrap());
    let settings = Settings::default();
    let (mut with, mut without) = (f64::MAX, f64::MAX);
    let (mut cpu_with, mut cpu_without) = (Vec::new(), Vec::new());
    let (mut figures, mut year_earlier) = (0, 0);
    for _ in 0..5 {
        let (t, cpu) = (Instant::now(), thread_cpu_seconds());
        let r = compute_figures(&extract, &settings, pop.as_ref());
        without = without.min(t.elapsed().as_secs_f64());
        cpu_without.extend(thread_cpu_seconds().zip(cpu).map(|(b, a)| b - a));
        figures = r.figures.len();
        let (t, cpu) = (Instant::now(), thread_cpu_seconds());
        let r = compute(&extract, &settings, pop.as_ref());
        with = with.min(t.elapsed().as_secs_f64());
        cpu_with.extend(thread_cpu_seconds().zip(cpu).map(|(b, a)| b - a));
        year_earlier = r.year_earlier.len();
    }
    println!(
        "{} rows: compute {without:.3} s without, {with:.3} s with the year-earlier counterparts (+{:.0}%), best of 5; {figures} figures, {year_earlier} year-earlier figures",
        extract.rows.len(),
        (with / without - 1.0) * 100.0
    );
    if !cpu_with.is_empty() {
        println!(
            "CPU time of the computing thread (median of 5; what other load on the machine changes least): {:.3} s without, {:.3} s with",
            median(&mut cpu_without),
            median(&mut cpu_with)
        );
    }
    for earlier in [false, true] {
        phases(&extract, &settings, pop.as_ref(), earlier);
    }
}

/// CPU time the calling thread has run, in seconds (Linux: `/proc/thread-self/schedstat`);
/// `None` elsewhere. Unlike the time elapsed, it leaves out the time spent waiting for a core
/// on a loaded machine.
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}
