//! Compute time on a large extract written by `yjlens sample --rows 1000000 --seed 1`:
//! `YJLENS_BIG=big.csv YJLENS_BIG_POP=pop.csv cargo test --release --test measures_timing --
//! --ignored --nocapture` prints the best of three compute times (reading excluded).

use std::time::Instant;

use yjlens::extract::{read_extract, ReadOptions};
use yjlens::measures::{compute, read_population};
use yjlens::report::Settings;

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
    let mut best = f64::MAX;
    let mut figures = 0;
    for _ in 0..3 {
        let t = Instant::now();
        let r = compute(&extract, &Settings::default(), pop.as_ref());
        best = best.min(t.elapsed().as_secs_f64());
        figures = r.figures.len();
    }
    println!(
        "{} rows: compute {best:.3} s (best of 3), {figures} figures",
        extract.rows.len()
    );
}
