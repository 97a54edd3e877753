//! Property tests of disclosure control on random tables (`widget.md`, rule 5): tables built
//! from random children so that every breakdown sums to its total, with rates, shares and RRIs
//! built on them.

mod disclosure_support;

use disclosure_support::*;
use proptest::prelude::*;
use yjlens_core::codes::offence::YJB_GROUPS;
use yjlens_core::publish::disclosure::{apply, DisclosureSettings};
use yjlens_core::report::{Figure, PeriodType, Status};

const SEXES: [&str; 3] = ["Male", "Female", "Unknown"];
const ETHNICITIES: [&str; 6] = ["White", "Black", "Asian", "Mixed", "Other", "Unknown"];
const OFFENCES: [&str; 6] = [
    "Robbery",
    "Other",
    "Theft and handling stolen goods",
    "stole a bike (free text)",
    "=cmd|' /C calc'!A0",
    "Criminal damage",
];

#[derive(Clone, Debug)]
struct Child {
    sex: usize,
    eth: usize,
    quarter: usize,
    reoffended: bool,
    custody: bool,
    offence: usize,
}

fn child() -> impl Strategy<Value = Child> {
    (
        prop::sample::select(vec![0usize, 0, 0, 0, 0, 1, 1, 2]),
        prop::sample::select(vec![0usize, 0, 0, 0, 0, 0, 1, 1, 2, 2, 3, 4, 5]),
        0usize..4,
        any::<bool>(),
        prop::bool::weighted(0.6),
        0usize..OFFENCES.len(),
    )
        .prop_map(|(sex, eth, quarter, reoffended, custody, offence)| Child {
            sex,
            eth,
            quarter,
            reoffended,
            custody,
            offence,
        })
}

/// Populations of the five known groups (the reference, White, first).
fn populations() -> impl Strategy<Value = [f64; 5]> {
    prop::array::uniform5(5u32..5000).prop_map(|a| a.map(f64::from))
}

fn periods() -> Vec<(Period, Vec<usize>)> {
    vec![
        (FY, vec![0, 1, 2, 3]),
        (rolling(FY.start, FY.end, Status::Final), vec![0, 1, 2, 3]),
        (
            rolling(date(2023, 1, 1), date(2023, 12, 31), Status::Final),
            vec![0, 1, 2],
        ),
        (
            rolling(date(2023, 7, 1), date(2024, 6, 30), Status::Provisional),
            vec![1, 2, 3],
        ),
        (quarter(0), vec![0]),
        (quarter(1), vec![1]),
        (quarter(2), vec![2]),
        (quarter(3), vec![3]),
    ]
}

type Filter = Box<dyn Fn(&Child) -> bool>;

fn n(it: impl Iterator<Item = bool>) -> u32 {
    it.filter(|b| *b).count() as u32
}

fn build(children: &[Child], pops: [f64; 5]) -> Vec<Figure> {
    let mut v = Vec::new();
    for (p, qs) in periods() {
        let members: Vec<&Child> = children
            .iter()
            .filter(|c| qs.contains(&c.quarter))
            .collect();
        // Reoffending: all, by sex, by ethnicity.
        let mut groups: Vec<(&str, &str, Filter)> = vec![("all", "all", Box::new(|_| true))];
        for (i, s) in SEXES.iter().enumerate() {
            groups.push(("sex", s, Box::new(move |c: &Child| c.sex == i)));
        }
        for (i, e) in ETHNICITIES.iter().enumerate() {
            groups.push(("ethnicity", e, Box::new(move |c: &Child| c.eth == i)));
        }
        for (b, g, keep) in &groups {
            let cohort = n(members.iter().map(|c| keep(c)));
            let reoff = n(members.iter().map(|c| keep(c) && c.reoffended));
            v.push(count("reoffending_cohort", "", p, b, g, cohort));
            v.push(count("reoffending_reoffenders", "", p, b, g, reoff));
            v.push(ratio(
                "reoffending_binary_rate",
                "",
                p,
                b,
                g,
                f64::from(reoff),
                f64::from(cohort),
                "%",
            ));
        }
        // Custody stage by ethnicity, with shares and RRIs (reference White).
        let custody: Vec<&Child> = members.iter().copied().filter(|c| c.custody).collect();
        let by_eth: Vec<u32> = (0..6)
            .map(|i| n(custody.iter().map(|c| c.eth == i)))
            .collect();
        let total: u32 = by_eth.iter().sum();
        let known = total - by_eth[5];
        v.push(count("disp_count", "custody", p, "all", "all", total));
        v.push(count("custody_children", "", p, "all", "all", total));
        for (i, e) in ETHNICITIES.iter().enumerate() {
            v.push(count("disp_count", "custody", p, "ethnicity", e, by_eth[i]));
            v.push(count("custody_children", "", p, "ethnicity", e, by_eth[i]));
            let a = f64::from(by_eth[i]);
            if i == 5 {
                v.push(ratio(
                    "disp_unknown_share",
                    "custody",
                    p,
                    "ethnicity",
                    e,
                    a,
                    f64::from(total),
                    "%",
                ));
                continue;
            }
            v.push(ratio(
                "disp_share",
                "custody",
                p,
                "ethnicity",
                e,
                a,
                f64::from(known),
                "%",
            ));
            v.push(ratio(
                "disp_rate",
                "custody",
                p,
                "ethnicity",
                e,
                a,
                pops[i],
                "per 1,000 aged 10-17",
            ));
            if i > 0 {
                let c = f64::from(by_eth[0]);
                let mut f = ratio(
                    "disp_rri",
                    "custody",
                    p,
                    "ethnicity",
                    e,
                    a,
                    pops[i],
                    "index",
                );
                f.value = yjlens_core::publish::recompute::rri(a, pops[i], c, pops[0]);
                let ci = yjlens_core::publish::recompute::rri_interval(a, pops[i], c, pops[0]);
                f.flag = yjlens_core::publish::recompute::rri_flag(a, c, ci).into();
                if f.flag != Some(yjlens_core::catalogue::Flag::TooFew) {
                    f.ci_low = ci.map(|x| x.0);
                    f.ci_high = ci.map(|x| x.1);
                }
                v.push(f);
            }
        }
        // Throughput offences by offence category (free text among them).
        v.push(count(
            "throughput_offences",
            "",
            p,
            "all",
            "all",
            members.len() as u32,
        ));
        for (i, o) in OFFENCES.iter().enumerate() {
            let k = n(members.iter().map(|c| c.offence == i));
            v.push(count(
                "throughput_offences",
                "",
                p,
                "offence_category",
                o,
                k,
            ));
        }
    }
    v
}

fn settings(k: u32, round: bool, quarters: bool) -> DisclosureSettings {
    DisclosureSettings::new(k, true)
        .unwrap()
        .with_rounding(round)
        .with_quarters(quarters)
}

fn same_cell<'a>(out: &'a [Figure], f: &Figure, measure: &str, group: &str) -> Option<&'a Figure> {
    out.iter().find(|o| {
        o.measure == measure
            && o.stage == f.stage
            && o.period_type == f.period_type
            && o.period_start == f.period_start
            && o.period_end == f.period_end
            && o.breakdown == f.breakdown
            && o.group == group
    })
}

/// Rules 1 and 2 on the output of `build`.
fn check_published(out: &[Figure], k: f64) -> Result<(), TestCaseError> {
    for f in out.iter().filter(|f| !f.suppressed) {
        let mut parts = ratio_count_parts(f);
        if is_count(f) {
            parts.extend(count_value(f));
        }
        for v in parts {
            prop_assert!(!(v > 0.0 && v < k), "published {v} < k={k}: {f:?}");
        }
    }
    for f in out.iter().filter(|f| !f.suppressed) {
        match f.measure.id() {
            "reoffending_binary_rate" => {
                let r = same_cell(out, f, "reoffending_reoffenders", &f.group).unwrap();
                let c = same_cell(out, f, "reoffending_cohort", &f.group).unwrap();
                prop_assert!(
                    !r.suppressed && !c.suppressed,
                    "rate beside suppressed part: {f:?}"
                );
                prop_assert!(f.denominator.unwrap() >= 10.0);
            }
            "disp_share" | "disp_unknown_share" | "disp_rate" | "disp_rri" => {
                let a = same_cell(out, f, "disp_count", &f.group).unwrap();
                prop_assert!(!a.suppressed, "{f:?} beside suppressed count");
                prop_assert!(f.denominator.unwrap() >= 10.0);
                if f.measure == "disp_share" || f.measure == "disp_unknown_share" {
                    // A published share reveals the stage's known-ethnicity total (its
                    // denominator). {known, Unknown} sum to the stage total, so a suppressed
                    // Unknown must not sit beside a published stage total: Unknown = total −
                    // known. (A suppressed Unknown beside a suppressed total is safe: with
                    // White and Black suppressed, 0 Asian/Mixed/Other of 10 known pins neither
                    // the Unknown count nor the total.)
                    let u = same_cell(out, f, "disp_count", "Unknown").unwrap();
                    let total = out.iter().find(|g| {
                        g.measure == "disp_count"
                            && g.stage == f.stage
                            && g.period_type == f.period_type
                            && g.period_start == f.period_start
                            && g.breakdown == "all"
                    });
                    prop_assert!(
                        !u.suppressed || total.is_none_or(|t| t.suppressed),
                        "share published beside a suppressed Unknown and a published stage total: {f:?}"
                    );
                }
                if f.measure == "disp_rri" {
                    let c = same_cell(out, f, "disp_count", "White").unwrap();
                    prop_assert!(!c.suppressed, "RRI beside suppressed reference");
                }
            }
            _ => {}
        }
    }
    Ok(())
}

fn check_scope(out: &[Figure], quarters: bool) -> Result<(), TestCaseError> {
    for f in out {
        prop_assert!(quarters || f.period_type != PeriodType::Quarter);
        prop_assert!(f.status != Status::Partial);
        if f.period_type == PeriodType::Rolling12m {
            prop_assert_eq!((f.period_start, f.period_end), (FY.start, FY.end));
            prop_assert_eq!(f.status, Status::Final);
        }
        if f.breakdown == "offence_category" {
            prop_assert!(YJB_GROUPS.contains(&f.group.as_str()), "{}", f.group);
        }
        prop_assert!(!(f.measure == "custody_children" && f.breakdown == "ethnicity"));
        if f.suppressed {
            prop_assert!(f.numerator.is_none() && f.denominator.is_none() && f.value.is_none());
            prop_assert!(f.ci_low.is_none() && f.ci_high.is_none() && f.flag.is_none());
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn public_output_is_safe(
        children in prop::collection::vec(child(), 0..70),
        pops in populations(),
        k in 3u32..=10,
        quarters in any::<bool>(),
    ) {
        let figures = build(&children, pops);
        let out = apply(figures.clone(), &settings(k, false, quarters));
        check_scope(&out, quarters)?;
        check_published(&out, f64::from(k))?;
        let rec = recoveries(&out);
        prop_assert!(rec.is_empty(), "recoverable: {rec:?}");
        // Applying again (as public mode does on load) changes nothing.
        let again = apply(out.clone(), &settings(k, false, quarters));
        let diff: Vec<_> = again.iter().zip(&out).filter(|(a, b)| a != b).collect();
        prop_assert!(again.len() == out.len() && diff.is_empty(), "k={k} second pass differs: {diff:#?}");
    }

    #[test]
    fn rounding_never_unsuppresses_and_rounds_every_count(
        children in prop::collection::vec(child(), 0..70),
        pops in populations(),
        k in 3u32..=10,
        quarters in any::<bool>(),
    ) {
        let figures = build(&children, pops);
        let plain = apply(figures.clone(), &settings(k, false, quarters));
        let rounded = apply(figures, &settings(k, true, quarters));
        prop_assert_eq!(plain.len(), rounded.len());
        for (p, r) in plain.iter().zip(&rounded) {
            prop_assert_eq!(p.suppressed, r.suppressed, "{:?}", r);
            if r.suppressed {
                continue;
            }
            let mut parts = ratio_count_parts(r);
            if is_count(r) {
                parts.extend(count_value(r));
            }
            for v in parts {
                prop_assert!(v % 5.0 == 0.0, "{v} not a multiple of 5: {r:?}");
            }
            // Every proportion is recomputed from the rounded counts.
            if r.unit == "%" {
                if let (Some(n), Some(d), Some(v)) = (r.numerator, r.denominator, r.value) {
                    prop_assert!((v - 100.0 * n / d).abs() < 1e-9, "{r:?}");
                    if let Some((lo, hi)) = yjlens_core::publish::recompute::wilson_interval(n, d) {
                        prop_assert!((r.ci_low.unwrap() - 100.0 * lo).abs() < 1e-9);
                        prop_assert!((r.ci_high.unwrap() - 100.0 * hi).abs() < 1e-9);
                    }
                }
            }
        }
    }

    /// One random table of any width: primary for every k, no single-table recovery.
    #[test]
    fn any_single_table_is_protected(
        cells in prop::collection::vec(
            prop_oneof![3 => 0u32..6, 2 => 0u32..15, 1 => 0u32..60],
            1..9,
        ),
        k in 3u32..=10,
    ) {
        let total: u32 = cells.iter().sum();
        let mut figs = vec![count("throughput_children", "", FY, "all", "all", total)];
        for (i, c) in cells.iter().enumerate() {
            figs.push(count("throughput_children", "", FY, "gravity_band", &format!("g{i}"), *c));
        }
        let out = apply(figs, &settings(k, false, false));
        check_published(&out, f64::from(k))?;
        let rec = recoveries(&out);
        prop_assert!(rec.is_empty(), "recoverable: {rec:?} from {out:?}");
        // Zero is always shown.
        for f in out.iter().filter(|f| f.group != "all") {
            let i: usize = f.group[1..].parse().unwrap();
            if cells[i] == 0 {
                prop_assert_eq!((f.suppressed, f.value), (false, Some(0.0)));
            }
        }
    }
}
