//! Like-for-like changes (`measures.md`, "Changes", amended by issue 10): the report keeps
//! the figures of the same computation as at a year before the extract date whose status is
//! partial or provisional (`Report::year_earlier`), so that a partial period is compared with
//! the same part of the period a year earlier, and a provisional reoffending cohort with the
//! cohort a year earlier at the same point of tracking.

mod common_measures;

use common_measures::*;
use yjlens_core::codes::Outcome::*;
use yjlens_core::extract::{read_extract, ReadOptions};
use yjlens_core::measures::{compute, compute_figures, read_population};
use yjlens_core::report::{CohortMethod, Figure, PeriodType, Report, Settings, Status};
use yjlens_core::sample::{self, SampleSize};

fn settings(extract_date: &str) -> Settings {
    Settings {
        extract_date: Some(d(extract_date)),
        ..Settings::default()
    }
}

fn earlier<'a>(
    r: &'a Report,
    measure: &str,
    t: PeriodType,
    start: &str,
    group: &str,
) -> &'a Figure {
    let (breakdown, g) = group.split_once('=').unwrap_or(("all", "all"));
    r.year_earlier
        .iter()
        .find(|f| {
            f.measure == measure
                && f.stage.is_none()
                && f.period_type == t
                && f.period_start == d(start)
                && f.breakdown == breakdown
                && f.group == g
        })
        .unwrap_or_else(|| panic!("no year-earlier figure {measure} {t:?} {start} {group}"))
}

#[test]
fn partial_financial_year_is_compared_with_the_same_part_a_year_earlier() {
    let mut b = Builder::new();
    // FY 2024/25: a in May 2024 (within Apr–Sep), b in Nov 2024 and c in Feb 2025 (after Sep).
    b.on("a", "2024-05-10", Yro);
    b.on("b", "2024-11-20", Yro);
    b.on("c", "2025-02-01", Fine);
    // FY 2025/26 up to the extract date 30 Sep 2025: d and e.
    b.on("d", "2025-06-01", Yro);
    b.on("e", "2025-09-15", Fine);
    let s = settings("2025-09-30");
    let r = compute(&b.build(), &s, None);
    assert_eq!(r.year_earlier_as_at, Some(d("2024-09-30")));

    let now = fig(
        &r,
        "throughput_children",
        PeriodType::FinancialYear,
        "2025-04-01",
        "all",
    );
    assert_eq!((now.status, now.value), (Status::Partial, Some(2.0))); // d, e
    let whole = fig(
        &r,
        "throughput_children",
        PeriodType::FinancialYear,
        "2024-04-01",
        "all",
    );
    assert_eq!((whole.status, whole.value), (Status::Final, Some(3.0))); // a, b, c
                                                                         // Apr–Sep 2024 as at 30 Sep 2024: a only (b and c come later) — 2 against 1, not 2 against 3.
    let same_part = earlier(
        &r,
        "throughput_children",
        PeriodType::FinancialYear,
        "2024-04-01",
        "all",
    );
    assert_eq!(
        (same_part.status, same_part.value),
        (Status::Partial, Some(1.0))
    );
    assert_eq!(&*same_part.period_label, "2024/25");
    assert!(
        same_part.definition.ends_with(
            "As at 30 Sep 2024, a year before the extract date: the same part of the period."
        ),
        "{}",
        same_part.definition
    );
    // First-time entrants in Apr–Sep 2024: a = 1 (in the whole year: a, b, c = 3).
    assert_eq!(
        earlier(
            &r,
            "fte_count",
            PeriodType::FinancialYear,
            "2024-04-01",
            "all"
        )
        .value,
        Some(1.0)
    );
    assert_eq!(
        value(
            &r,
            "fte_count",
            PeriodType::FinancialYear,
            "2024-04-01",
            "all"
        ),
        Some(3.0)
    );
    // Only partial or provisional figures, only breakdowns all, service and ethnicity.
    assert!(r.year_earlier.iter().all(|f| f.status != Status::Final
        && ["all", "service", "ethnicity"].contains(&f.breakdown.id())));
    assert!(r.year_earlier.iter().any(|f| f.breakdown == "ethnicity"));
    // The figures themselves do not change.
    assert_eq!(r.figures, compute_figures(&b.build(), &s, None).figures);
}

#[test]
fn provisional_cohort_is_compared_at_the_same_point_of_tracking() {
    let mut b = Builder::new();
    // Cohort Jul–Sep 2023: p, q, r.
    b.on("p", "2023-07-10", Yro);
    b.row("p", "2024-03-01", "2024-04-01", Fine); // reoffence known by 30 Sep 2024
    b.on("q", "2023-08-15", Fine);
    b.row("q", "2024-08-01", "2024-11-01", Fine); // committed in time, proven after 30 Sep 2024
    b.on("r", "2023-09-05", ReferralOrder);
    // Cohort Jul–Sep 2024: s reoffends.
    b.on("s", "2024-07-20", Yro);
    b.row("s", "2025-01-10", "2025-02-01", Fine);
    let r = compute(&b.build(), &settings("2025-09-30"), None);

    // Jul–Sep 2024 is still tracked on 30 Sep 2025 (30 Sep 2024 + 18 months = 31 Mar 2026).
    let now = fig(
        &r,
        "reoffending_binary_rate",
        PeriodType::Quarter,
        "2024-07-01",
        "all",
    );
    assert_eq!(
        (now.status, now.numerator, now.denominator),
        (Status::Provisional, Some(1.0), Some(1.0))
    );
    // Jul–Sep 2023 is final now: p and q reoffended, 2 of 3 = 66.7%.
    let final_rate = fig(
        &r,
        "reoffending_binary_rate",
        PeriodType::Quarter,
        "2023-07-01",
        "all",
    );
    assert_eq!(final_rate.status, Status::Final);
    assert_eq!(
        (final_rate.numerator, final_rate.denominator),
        (Some(2.0), Some(3.0))
    );
    // At the same point of tracking (as at 30 Sep 2024) only p's reoffence was proven:
    // 1 of 3 = 33.3%.
    let same_point = earlier(
        &r,
        "reoffending_binary_rate",
        PeriodType::Quarter,
        "2023-07-01",
        "all",
    );
    assert_eq!(same_point.status, Status::Provisional);
    assert_eq!(
        (same_point.numerator, same_point.denominator),
        (Some(1.0), Some(3.0))
    );
    assert!((same_point.value.unwrap() - 100.0 / 3.0).abs() < 1e-9);
    assert!(
        same_point.definition.ends_with(
            "As at 30 Sep 2024, a year before the extract date: at the same point of tracking."
        ),
        "{}",
        same_point.definition
    );
    assert_eq!(
        earlier(
            &r,
            "reoffending_cohort",
            PeriodType::Quarter,
            "2023-07-01",
            "ethnicity=Unknown"
        )
        .value,
        Some(3.0)
    );
    // Reoffences by the cohort as at 30 Sep 2024: p's one.
    assert_eq!(
        earlier(
            &r,
            "reoffending_reoffences",
            PeriodType::Quarter,
            "2023-07-01",
            "all"
        )
        .value,
        Some(1.0)
    );
}

#[test]
fn nothing_a_year_earlier_when_the_data_start_later() {
    let mut b = Builder::new();
    b.on("a", "2025-05-10", Yro);
    let r = compute(&b.build(), &settings("2025-09-30"), None);
    assert_eq!(r.year_earlier_as_at, None);
    assert!(r.year_earlier.is_empty());
}

/// What the year-earlier figures must be: the partial and provisional figures (all, service,
/// ethnicity) of the whole computation as at the extract date − 12 months.
fn expected(
    report: &Report,
    extract: &yjlens_core::extract::Extract,
    s: &Settings,
    pop: Option<&yjlens_core::measures::Population>,
) -> Vec<Figure> {
    let as_at = report.year_earlier_as_at.expect("a year earlier");
    let whole = compute_figures(
        extract,
        &Settings {
            extract_date: Some(as_at),
            ..s.clone()
        },
        pop,
    );
    whole
        .figures
        .into_iter()
        .filter(|f| {
            f.status != Status::Final && ["all", "service", "ethnicity"].contains(&f.breakdown.id())
        })
        .collect()
}

/// The synthetic sample of 2,000 children (seed 7) and its population.
fn sample_2000() -> (
    yjlens_core::extract::Extract,
    yjlens_core::measures::Population,
) {
    let size = SampleSize::Children(2000);
    let extract = read_extract(
        sample::extract_csv(size, 7).as_bytes(),
        &ReadOptions::default(),
    )
    .unwrap();
    let pop = read_population(sample::population_csv(size, 7).as_bytes()).unwrap();
    (extract, pop)
}

#[test]
fn year_earlier_equals_the_whole_computation_as_at_that_date() {
    // The year-earlier pass skips events and breakdowns no kept figure needs: it must give
    // exactly what the whole computation as at that date gives.
    let (extract, pop) = sample_2000();
    let latest = compute_figures(&extract, &Settings::default(), None).extract_date;
    for (date, method) in [
        (None, CohortMethod::Pooled),
        (
            Some(latest - chrono::Duration::days(40)),
            CohortMethod::Pooled,
        ),
        (
            Some(latest - chrono::Duration::days(40)),
            CohortMethod::Legacy,
        ),
    ] {
        let s = Settings {
            extract_date: date,
            cohort_method: method,
            ..Settings::default()
        };
        let r = compute(&extract, &s, Some(&pop));
        let want = expected(&r, &extract, &s, Some(&pop));
        assert!(want.len() > 100, "{}", want.len());
        assert_eq!(r.year_earlier.len(), want.len(), "{date:?} {method:?}");
        for (got, want) in r.year_earlier.iter().zip(&want) {
            let mut got = got.clone();
            let sentence = got.definition.rfind(" As at ").expect("the as-at sentence");
            got.definition = got.definition[..sentence].into();
            assert_eq!(&got, want);
        }
    }
}

#[test]
fn year_earlier_from_the_rows_sent_to_another_worker_equals_the_reports() {
    // Issue 15: the browser computes the year-earlier figures in another worker, from the
    // extract's rows (copied as they lie in memory) and its tables as bytes (no child id, no
    // quality report), and the extract date the main computation used. They must be exactly
    // the report's, and the date the same.
    use yjlens_core::extract::{decode_tables, encode_tables};
    use yjlens_core::measures::compute_year_earlier;
    let (extract, pop) = sample_2000();
    let sent = decode_tables(&encode_tables(&extract), extract.rows.clone()).unwrap();
    assert!(sent.child_ids.is_empty());
    let latest = compute_figures(&extract, &Settings::default(), None).extract_date;
    for (date, breaches, pop) in [
        (None, true, Some(&pop)),
        (Some(latest - chrono::Duration::days(100)), false, None),
        // The data start after a year before this date: no figure a year earlier.
        (Some(d("2000-01-01")), true, Some(&pop)),
    ] {
        let s = Settings {
            extract_date: date,
            exclude_breaches: breaches,
            ..Settings::default()
        };
        let r = compute(&extract, &s, pop);
        // The other worker is given the extract date the main computation worked out.
        let there = Settings {
            extract_date: Some(r.extract_date),
            ..s.clone()
        };
        let got = compute_year_earlier(&sent, &there, pop);
        assert_eq!(got.as_ref().map(|(as_at, _)| *as_at), r.year_earlier_as_at);
        let figures = got.map(|(_, f)| f).unwrap_or_default();
        assert_eq!(figures, r.year_earlier, "{date:?}");
        if date.is_none() {
            assert!(figures.len() > 100, "{}", figures.len());
        }
    }
}
