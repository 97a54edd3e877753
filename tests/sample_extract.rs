//! The synthetic extract (`yjlens sample`): format, determinism, sizing, code lists and a
//! plausible shape.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use yjlens_core::codes::offence::YJB_GROUPS;
use yjlens_core::codes::{normalise, Outcome, Tier};
use yjlens_core::sample::{
    census_2021_labels, extract_csv, write_extract, SampleSize, UNKNOWN_OUTCOME_LABELS,
};

const HEADER: &str = "child_id,offence_date,outcome_date,outcome,date_of_birth,sex,ethnicity,offence_category,gravity,release_date,end_date,looked_after,service";

/// Columns by position (the header is asserted separately).
const CHILD: usize = 0;
const OFFENCE: usize = 1;
const OUTCOME_DATE: usize = 2;
const OUTCOME: usize = 3;
const DOB: usize = 4;
const SEX: usize = 5;
const ETHNICITY: usize = 6;
const CATEGORY: usize = 7;
const GRAVITY: usize = 8;
const RELEASE: usize = 9;
const END: usize = 10;
const LOOKED_AFTER: usize = 11;

fn records(csv_text: &str) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(csv_text.as_bytes());
    assert_eq!(
        reader
            .headers()
            .unwrap()
            .iter()
            .collect::<Vec<_>>()
            .join(","),
        HEADER
    );
    reader
        .records()
        .map(|r| {
            let r = r.expect("well-formed CSV");
            assert_eq!(r.len(), 13, "every row has 13 fields: {r:?}");
            r.iter().map(str::to_string).collect()
        })
        .collect()
}

/// `DD/MM/YYYY` → (y, m, d), checking it is a real calendar date.
fn date(s: &str) -> (i32, u32, u32) {
    let b = s.as_bytes();
    assert!(
        b.len() == 10 && b[2] == b'/' && b[5] == b'/',
        "not DD/MM/YYYY: {s:?}"
    );
    let d: u32 = s[0..2].parse().unwrap();
    let m: u32 = s[3..5].parse().unwrap();
    let y: i32 = s[6..10].parse().unwrap();
    let days = match m {
        4 | 6 | 9 | 11 => 30,
        2 if y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) => 29,
        2 => 28,
        1..=12 => 31,
        _ => panic!("bad month in {s}"),
    };
    assert!((1..=days).contains(&d), "bad day in {s}");
    (y, m, d)
}

fn age(dob: (i32, u32, u32), at: (i32, u32, u32)) -> i32 {
    at.0 - dob.0 - i32::from((at.1, at.2) < (dob.1, dob.2))
}

/// Every outcome label and abbreviation of `input-formats.md` §2, with its outcome: the list
/// the generator's labels are checked against (independently of how far
/// `Outcome::parse` has got).
fn spec_outcomes() -> HashMap<String, Outcome> {
    use Outcome::*;
    let table: &[(&str, Outcome)] = &[
        ("Community Resolution", CommunityResolution),
        ("CR", CommunityResolution),
        ("Triage", Triage),
        ("Outcome 22", Outcome22),
        ("deferred prosecution", Outcome22),
        ("O22", Outcome22),
        ("OC22", Outcome22),
        ("Youth Caution", YouthCaution),
        ("YC", YouthCaution),
        ("Youth Conditional Caution", YouthConditionalCaution),
        ("YCC", YouthConditionalCaution),
        ("Absolute Discharge", AbsoluteDischarge),
        ("Conditional Discharge", ConditionalDischarge),
        ("Fine", Fine),
        ("Referral Order", ReferralOrder),
        ("RO", ReferralOrder),
        ("Reparation Order", ReparationOrder),
        ("Compensation Order", CompensationOrder),
        ("Bind Over", BindOver),
        ("Other first tier", OtherFirstTier),
        ("Youth Rehabilitation Order", Yro),
        ("YRO", Yro),
        ("YRO with Intensive Supervision and Surveillance", YroIss),
        ("YRO with ISS", YroIss),
        ("YRO ISS", YroIss),
        ("ISS", YroIss),
        ("ISSP", YroIss),
        ("YRO with Intensive Fostering", YroIntensiveFostering),
        ("Detention and Training Order", Dto),
        ("DTO", Dto),
        ("Section 250", Section250),
        ("Section 250 detention", Section250),
        ("s.250", Section250),
        ("s.91", Section250),
        ("S91", Section250),
        ("Remand to Youth Detention Accommodation", RemandYda),
        ("RYDA", RemandYda),
        ("remand in custody", RemandYda),
        ("Remand to Local Authority Accommodation", RemandLaa),
        ("RLAA", RemandLaa),
        ("No Further Action", NoFurtherAction),
        ("NFA", NoFurtherAction),
        ("Turnaround", Turnaround),
        ("Parenting Order", ParentingOrder),
    ];
    table
        .iter()
        .map(|(label, o)| (normalise(label), *o))
        .collect()
}

fn outcome_of(label: &str) -> Option<Outcome> {
    spec_outcomes().get(&normalise(label)).copied()
}

#[test]
fn header_is_canonical() {
    let text = extract_csv(SampleSize::Children(3), 1);
    assert_eq!(text.lines().next(), Some(HEADER));
    assert!(text.ends_with('\n'));
    // An empty sample is the header alone.
    assert_eq!(extract_csv(SampleSize::Rows(0), 1), format!("{HEADER}\n"));
    assert_eq!(
        extract_csv(SampleSize::Children(0), 1),
        format!("{HEADER}\n")
    );
}

#[test]
fn deterministic_per_seed() {
    for seed in [0, 1, 2, 42, u64::MAX] {
        let a = extract_csv(SampleSize::Children(400), seed);
        let b = extract_csv(SampleSize::Children(400), seed);
        assert_eq!(a, b, "seed {seed} is not deterministic");
    }
    let a = extract_csv(SampleSize::Children(400), 1);
    assert_ne!(a, extract_csv(SampleSize::Children(400), 2));
    assert_ne!(a, extract_csv(SampleSize::Children(400), 3));
}

#[test]
fn streaming_writer_gives_the_same_bytes() {
    for size in [SampleSize::Children(700), SampleSize::Rows(5_000)] {
        let mut streamed = Vec::new();
        write_extract(&mut streamed, size, 9).unwrap();
        assert_eq!(streamed, extract_csv(size, 9).into_bytes());
    }
}

#[test]
fn rows_gives_exactly_n_data_rows() {
    for n in [1u64, 2, 17, 1_000, 12_345] {
        let text = extract_csv(SampleSize::Rows(n), 5);
        assert_eq!(text.lines().count() as u64, n + 1, "--rows {n}");
        assert_eq!(records(&text).len() as u64, n);
    }
    // A smaller sample is a prefix of a larger one with the same seed.
    let small = extract_csv(SampleSize::Rows(500), 5);
    let large = extract_csv(SampleSize::Rows(5_000), 5);
    assert!(large.starts_with(&small));
}

#[test]
fn children_gives_exactly_n_children() {
    let rows = records(&extract_csv(SampleSize::Children(1_000), 4));
    let ids: BTreeSet<&str> = rows.iter().map(|r| r[CHILD].as_str()).collect();
    assert_eq!(ids.len(), 1_000);
    for id in &ids {
        assert!(
            id.len() == 8 && id.starts_with("YJ") && id[2..].bytes().all(|b| b.is_ascii_digit()),
            "pseudonymous id like YJ000123: {id}"
        );
    }
}

#[test]
fn every_outcome_label_is_in_the_spec() {
    let text = extract_csv(SampleSize::Rows(200_000), 1);
    let rows = records(&text);
    let mut labels: BTreeMap<&str, usize> = BTreeMap::new();
    for r in &rows {
        *labels.entry(r[OUTCOME].as_str()).or_default() += 1;
    }
    let mut unknown = 0;
    for (label, count) in &labels {
        if UNKNOWN_OUTCOME_LABELS.contains(label) {
            // Deliberate data-quality issues: must not match anything.
            assert_eq!(outcome_of(label), None, "{label}");
            assert_eq!(Outcome::parse(label), None, "{label}");
            unknown += count;
            continue;
        }
        let expected = outcome_of(label)
            .unwrap_or_else(|| panic!("label {label:?} is not in input-formats.md §2"));
        // As far as the parser goes, it agrees.
        if let Some(parsed) = Outcome::parse(label) {
            assert_eq!(parsed, expected, "{label}");
        }
    }
    assert!(
        unknown > 0,
        "some unknown outcome codes for the quality report"
    );
    assert!(
        unknown * 1000 < rows.len() * 3,
        "unknown codes are rare: {unknown} of {}",
        rows.len()
    );
    // Full names mostly, abbreviations sometimes, every tier present.
    for l in [
        "Triage",
        "Community Resolution",
        "CR",
        "Outcome 22",
        "Youth Caution",
        "YC",
        "Youth Conditional Caution",
        "Referral Order",
        "RO",
        "Youth Rehabilitation Order",
        "YRO",
        "Detention and Training Order",
        "DTO",
        "Section 250",
        "Remand to Youth Detention Accommodation",
        "RYDA",
        "Remand to Local Authority Accommodation",
    ] {
        assert!(labels.contains_key(l), "{l} never emitted");
    }
    assert!(labels["Referral Order"] > labels["RO"]);
    assert!(labels["Youth Rehabilitation Order"] > labels["YRO"]);
}

#[test]
fn dates_fields_and_code_lists_are_valid() {
    for seed in [1, 2] {
        dates_fields_and_code_lists_are_valid_for(seed);
    }
}

fn dates_fields_and_code_lists_are_valid_for(seed: u64) {
    let rows = records(&extract_csv(SampleSize::Children(3_000), seed));
    let census: BTreeSet<&str> = census_2021_labels().collect();
    assert_eq!(census.len(), 19);
    let mut seen_ethnicity = BTreeSet::new();
    let (mut ages_in_range, mut aged) = (0usize, 0usize);
    for r in &rows {
        let offence = date(&r[OFFENCE]);
        let outcome = (!r[OUTCOME_DATE].is_empty()).then(|| date(&r[OUTCOME_DATE]));
        if let Some(o) = outcome {
            assert!(offence <= o, "offence after outcome: {r:?}");
            assert!(o <= (2025, 9, 30), "after the extract date: {r:?}");
            assert!(o >= (2019, 1, 1), "{r:?}");
            if !r[DOB].is_empty() {
                assert!(age(date(&r[DOB]), offence) >= 10, "offence under 10: {r:?}");
                let a = age(date(&r[DOB]), o);
                assert!((10..=18).contains(&a), "age {a}: {r:?}");
                aged += 1;
                ages_in_range += usize::from(a <= 17);
            }
        }
        assert!(
            ["Male", "Female", "Not known"].contains(&r[SEX].as_str()),
            "{r:?}"
        );
        let e = r[ETHNICITY].as_str();
        assert!(
            census.contains(e) || ["", "Not known", "Refused"].contains(&e),
            "ethnicity {e:?}"
        );
        seen_ethnicity.insert(e);
        assert!(
            YJB_GROUPS.contains(&r[CATEGORY].as_str()),
            "category {:?}",
            r[CATEGORY]
        );
        let g: u8 = r[GRAVITY].parse().unwrap();
        assert!((1..=8).contains(&g));
        // Gravity consistent with the category.
        match r[CATEGORY].as_str() {
            "Robbery" | "Sexual offences" => {
                assert!(g >= 4 || outcome_of(&r[OUTCOME]).is_none(), "{r:?}")
            }
            "Theft and handling stolen goods" | "Criminal damage" | "Public order" => {
                assert!(g <= 4, "{r:?}")
            }
            _ => {}
        }
        assert!(["Y", "N", ""].contains(&r[LOOKED_AFTER].as_str()));
        assert_eq!(r[12], "Synthetic YJS");
    }
    // Ages 10–17 with a few 18s.
    let share_in_range = ages_in_range as f64 / aged as f64;
    assert!(
        (0.93..0.995).contains(&share_in_range),
        "share aged 10-17: {share_in_range}"
    );
    // Most of the 19 categories appear (the county has few Roma or Chinese children), plus
    // some unknowns.
    assert!(seen_ethnicity.len() >= 16, "{seen_ethnicity:?}");
    assert!(seen_ethnicity.contains(""));
}

#[test]
fn custody_rows_have_release_dates_after_the_outcome() {
    let rows = records(&extract_csv(SampleSize::Rows(100_000), 3));
    let (mut custody, mut open) = (0, 0);
    let (mut ryda, mut ryda_open) = (0, 0);
    for r in rows.iter().filter(|r| !r[OUTCOME_DATE].is_empty()) {
        let tier = outcome_of(&r[OUTCOME]).map(Outcome::tier);
        match tier {
            Some(Tier::Custody) => {
                custody += 1;
                if r[RELEASE].is_empty() {
                    open += 1; // not recorded: the quality report's "custody without release"
                } else {
                    assert!(date(&r[RELEASE]) > date(&r[OUTCOME_DATE]), "{r:?}");
                }
            }
            Some(Tier::Remand) => {
                if outcome_of(&r[OUTCOME]) == Some(Outcome::RemandYda) {
                    ryda += 1;
                }
                if r[END].is_empty() {
                    ryda_open += 1;
                    // Open remands are the recent ones, still running at the extract date.
                    assert!(date(&r[OUTCOME_DATE]) >= (2024, 1, 1), "{r:?}");
                } else {
                    assert!(date(&r[END]) > date(&r[OUTCOME_DATE]), "{r:?}");
                }
                assert!(r[RELEASE].is_empty());
            }
            _ => {
                assert!(r[RELEASE].is_empty(), "release date off custody: {r:?}");
                assert!(r[END].is_empty(), "end date off remand: {r:?}");
            }
        }
    }
    assert!(custody > 0 && ryda > 0);
    assert!(open > 0, "a few custodial rows without a release date");
    assert!(open * 10 < custody, "{open} of {custody} custody rows open");
    assert!(
        ryda_open > 0 && ryda_open * 5 < ryda,
        "{ryda_open} of {ryda}"
    );
}

/// Children, occasions (distinct outcome dates of non-remand rows) and the tier of each.
struct Shape {
    children: usize,
    male: usize,
    with_two_dates: usize,
    occasions: usize,
    custody_children: usize,
    rows: usize,
}

fn shape(text: &str) -> Shape {
    let rows = records(text);
    let mut by_child: BTreeMap<&str, Vec<&Vec<String>>> = BTreeMap::new();
    for r in &rows {
        by_child.entry(r[CHILD].as_str()).or_default().push(r);
    }
    let mut s = Shape {
        children: by_child.len(),
        male: 0,
        with_two_dates: 0,
        occasions: 0,
        custody_children: 0,
        rows: rows.len(),
    };
    for rs in by_child.values() {
        s.male += usize::from(rs[0][SEX] == "Male");
        let dates: BTreeSet<&str> = rs
            .iter()
            .filter(|r| {
                !r[OUTCOME_DATE].is_empty()
                    && outcome_of(&r[OUTCOME]).is_some_and(Outcome::forms_occasion)
            })
            .map(|r| r[OUTCOME_DATE].as_str())
            .collect();
        s.occasions += dates.len();
        s.with_two_dates += usize::from(dates.len() >= 2);
        s.custody_children += usize::from(
            rs.iter()
                .any(|r| outcome_of(&r[OUTCOME]).map(Outcome::tier) == Some(Tier::Custody)),
        );
    }
    s
}

/// The proportions the widget's demo relies on, for both area types (odd seeds London,
/// even seeds a county).
///
/// Share of children with two or more outcome dates: asserted 25–45%. About a third of
/// children in a quarterly cohort reoffend within 12 months (MoJ proven reoffending for
/// children, ~31–35%, and the reference plans' 22–61% for small cohorts); over a six-year
/// window most children's careers are fully seen, but those entering in the last year or two
/// are censored and some second occasions are diversions, so the share of children with a
/// second occasion sits around 30%; outside 25–45% the demo would look wrong (either almost
/// nobody reoffends or the caseload is all repeat offenders).
#[test]
fn shape_is_plausible() {
    for seed in [1, 2] {
        let s = shape(&extract_csv(SampleSize::Children(5_000), seed));
        assert_eq!(s.children, 5_000);
        let male = s.male as f64 / s.children as f64;
        assert!((0.80..=0.90).contains(&male), "male share {male}");
        let repeat = s.with_two_dates as f64 / s.children as f64;
        assert!((0.25..=0.45).contains(&repeat), "≥2 outcome dates {repeat}");
        let rows_per_child = s.rows as f64 / s.children as f64;
        assert!((1.8..=3.5).contains(&rows_per_child), "{rows_per_child}");
        let occasions_per_child = s.occasions as f64 / s.children as f64;
        assert!((1.3..=2.2).contains(&occasions_per_child));
        // Custody is rare: 1–5% of children ever.
        let custody = s.custody_children as f64 / s.children as f64;
        assert!((0.01..=0.05).contains(&custody), "custody {custody}");
    }
}

#[test]
fn prolific_tail_and_escalation() {
    let rows = records(&extract_csv(SampleSize::Children(5_000), 1));
    let mut occasions: BTreeMap<&str, BTreeMap<(i32, u32, u32), Outcome>> = BTreeMap::new();
    for r in &rows {
        if let Some(o) = outcome_of(&r[OUTCOME]).filter(|o| o.forms_occasion()) {
            if !r[OUTCOME_DATE].is_empty() {
                let e = occasions
                    .entry(r[CHILD].as_str())
                    .or_default()
                    .entry(date(&r[OUTCOME_DATE]))
                    .or_insert(o);
                *e = (*e).max(o);
            }
        }
    }
    // A prolific tail: some children with 10 or more occasions.
    let prolific = occasions.values().filter(|o| o.len() >= 10).count();
    assert!(prolific >= 10, "{prolific} prolific children");
    // First occasions are mostly diversion or pre-court; later ones mostly court.
    let (mut first_court, mut later_court, mut later) = (0, 0, 0);
    for o in occasions.values() {
        let tiers: Vec<Tier> = o.values().map(|o| o.tier()).collect();
        first_court += usize::from(tiers[0].is_court());
        for t in &tiers[1..] {
            later += 1;
            later_court += usize::from(t.is_court());
        }
    }
    let first = first_court as f64 / occasions.len() as f64;
    let later = later_court as f64 / later as f64;
    assert!(first < 0.4 && later > first + 0.15, "{first} then {later}");
    // Several offences on one occasion happen.
    let mut per_occasion: HashMap<(&str, &str), usize> = HashMap::new();
    for r in &rows {
        *per_occasion
            .entry((r[CHILD].as_str(), r[OUTCOME_DATE].as_str()))
            .or_default() += 1;
    }
    assert!(per_occasion.values().filter(|&&n| n >= 3).count() > 100);
    // Breaches of orders appear.
    assert!(rows
        .iter()
        .any(|r| r[CATEGORY] == "Breach of statutory order"));
}

#[test]
fn small_data_quality_issues() {
    let text = extract_csv(SampleSize::Rows(50_000), 1);
    let rows = records(&text);
    let blank_outcome = rows.iter().filter(|r| r[OUTCOME_DATE].is_empty()).count();
    assert!(
        blank_outcome > 0 && blank_outcome * 1000 < rows.len() * 5,
        "{blank_outcome}"
    );
    let mut lines: Vec<&str> = text.lines().skip(1).collect();
    lines.sort_unstable();
    let duplicates = lines.windows(2).filter(|w| w[0] == w[1]).count();
    assert!(
        duplicates > 0 && duplicates * 1000 < rows.len(),
        "{duplicates}"
    );
    // A few children whose rows disagree on ethnicity.
    let mut ethnicities: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for r in &rows {
        ethnicities
            .entry(r[CHILD].as_str())
            .or_default()
            .insert(r[ETHNICITY].as_str());
    }
    let conflicting = ethnicities.values().filter(|e| e.len() > 1).count();
    assert!(conflicting > 0 && conflicting * 100 < ethnicities.len());
}

/// `cargo test --test sample_extract -- --ignored --nocapture` (dev profile, so slower than
/// the CLI; `cargo test --release` does not build while `[profile.release]` has
/// `panic = "abort"`. The release figure comes from
/// `time yjlens sample --rows 1000000 > /dev/null`.)
#[test]
#[ignore = "timing: run in release mode"]
fn one_million_rows_timing() {
    let start = std::time::Instant::now();
    let text = extract_csv(SampleSize::Rows(1_000_000), 1);
    let elapsed = start.elapsed();
    println!(
        "1,000,000 rows: {} bytes in {:.3} s",
        text.len(),
        elapsed.as_secs_f64()
    );
    let start = std::time::Instant::now();
    let mut sink = std::io::sink();
    write_extract(&mut sink, SampleSize::Rows(1_000_000), 1).unwrap();
    println!(
        "1,000,000 rows streamed: {:.3} s",
        start.elapsed().as_secs_f64()
    );
    let s = shape(&text);
    println!(
        "children {} rows/child {:.2} occasions/child {:.2} ≥2 dates {:.1}% custody children {:.2}% male {:.1}%",
        s.children,
        s.rows as f64 / s.children as f64,
        s.occasions as f64 / s.children as f64,
        100.0 * s.with_two_dates as f64 / s.children as f64,
        100.0 * s.custody_children as f64 / s.children as f64,
        100.0 * s.male as f64 / s.children as f64,
    );
}
