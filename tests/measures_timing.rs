//! Compute time on a large extract written by `yjlens sample --rows 1000000 --seed 1`:
//! `YJLENS_BIG=big.csv YJLENS_BIG_POP=pop.csv cargo test --release --test measures_timing --
//! --ignored --nocapture` prints the best of five compute times (reading excluded) with and
//! without the year-earlier counterparts (`Report::year_earlier`), runs interleaved so that
//! other load on the machine hits both alike, and the time of each phase of both passes.

use std::time::Instant;

use yjlens::extract::{read_extract, Extract, ReadOptions};
use yjlens::measures::{compute, compute_figures, read_population, Population};
use yjlens::report::Settings;

fn phases(extract: &Extract, settings: &Settings, pop: Option<&Population>, earlier: bool) {
    use yjlens::measures::*;
    let mut line = String::new();
    let mut lap = |name: &str, t: Instant| {
        line.push_str(&format!(" {name} {:.3}", t.elapsed().as_secs_f64()))
    };
    let t = Instant::now();
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
    let t = Instant::now();
    let cohorts = reoffending::cohorts(&ctx);
    lap("cohorts", t);
    let t = Instant::now();
    reoffending::emit(&mut ctx, &cohorts);
    lap("reoffending", t);
    let t = Instant::now();
    let entrants = fte::entrants(&ctx);
    fte::emit(&mut ctx, &entrants);
    lap("fte", t);
    let t = Instant::now();
    custody::emit(&mut ctx);
    lap("custody", t);
    let t = Instant::now();
    let stages = disproportionality::stage_counts(&ctx, &entrants, &cohorts);
    disproportionality::emit(&mut ctx, &stages);
    lap("disp", t);
    let t = Instant::now();
    throughput::emit(&mut ctx);
    lap("throughput", t);
    println!("{}:{line}", if earlier { "year earlier" } else { "main" });
}

#[test]
#[ignore]
fn compute_time_on_a_big_sample() {
    let Ok(path) = std::env::var("YJLENS_BIG") else {
        return;
    };
    let extract = read_extract(&std::fs::read(path).unwrap(), &ReadOptions::default()).unwrap();
    let pop = std::env::var("YJLENS_BIG_POP")
        .ok()
        .map(|p| read_population(&std::fs::read(p).unwrap()).unwrap());
    let settings = Settings::default();
    let (mut with, mut without) = (f64::MAX, f64::MAX);
    let (mut figures, mut year_earlier) = (0, 0);
    for _ in 0..5 {
        let t = Instant::now();
        let r = compute_figures(&extract, &settings, pop.as_ref());
        without = without.min(t.elapsed().as_secs_f64());
        figures = r.figures.len();
        let t = Instant::now();
        let r = compute(&extract, &settings, pop.as_ref());
        with = with.min(t.elapsed().as_secs_f64());
        year_earlier = r.year_earlier.len();
    }
    println!(
        "{} rows: compute {without:.3} s without, {with:.3} s with the year-earlier counterparts (+{:.0}%), best of 5; {figures} figures, {year_earlier} year-earlier figures",
        extract.rows.len(),
        (with / without - 1.0) * 100.0
    );
    for earlier in [false, true] {
        phases(&extract, &settings, pop.as_ref(), earlier);
    }
}
