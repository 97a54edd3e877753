//! Comparators end to end in the core (`comparators.md`): the synthetic published children
//! table of tests/fixtures/comparators (24 YJSs: 12 in London, 10 in the South East, 2 in
//! Wales), its Nomis population (10,000 aged 10–17 in every area) and a 12-child extract for
//! Camden. Every rank and pooled figure below is worked out by hand.

use chrono::NaiveDate;
use yjlens_core::catalogue::{Breakdown, FigureStage, Measure, Stage};
use yjlens_core::comparators::family::read_families;
use yjlens_core::comparators::{
    compare, Area, AreaKind, ComparatorSet, CompareOptions, CompareRow, Comparison, Verdict,
};
use yjlens_core::extract::{read_extract, ReadOptions};
use yjlens_core::measures::compute;
use yjlens_core::report::{PeriodType, Settings};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/comparators/");

fn file(name: &str) -> Vec<u8> {
    std::fs::read(format!("{DIR}{name}")).expect("fixture")
}

fn set() -> ComparatorSet {
    let mut set = ComparatorSet::default();
    set.add_file(&file("children_table.csv"), "children_table.csv")
        .unwrap();
    set.add_file(&file("nomis_population.csv"), "nomis_population.csv")
        .unwrap();
    set
}

fn comparison(with_family: bool) -> Comparison {
    let set = set();
    let camden = Area::new("Camden", None, AreaKind::Ours);
    let extract = read_extract(&file("camden_extract.csv"), &ReadOptions::default()).unwrap();
    let our_population = set.population_for_area(&camden);
    let settings = Settings {
        extract_date: NaiveDate::from_ymd_opt(2024, 6, 30),
        ..Settings::default()
    };
    let report = compute(&extract, &settings, our_population.as_ref());
    let families = read_families(&file("family.csv")).unwrap();
    compare(
        &report,
        &set,
        &CompareOptions {
            ours: Some(camden),
            family: with_family.then(|| &families[0]),
            our_population: our_population.as_ref(),
        },
    )
}

/// The rows of the all-children rate for 2023/24, by area name.
fn rate_rows(c: &Comparison) -> Vec<&yjlens_core::comparators::CompareRow> {
    c.rows
        .iter()
        .filter(|r| {
            r.measure == Measure::DispRate
                && r.stage == FigureStage::At(Stage::Substantive)
                && r.period_type == PeriodType::FinancialYear
                && r.period_start == NaiveDate::from_ymd_opt(2023, 4, 1).unwrap()
                && r.breakdown == Breakdown::All
        })
        .collect()
}

fn row<'a>(rows: &[&'a CompareRow], area: &str, kind: AreaKind) -> &'a CompareRow {
    rows.iter()
        .find(|r| r.area == area && r.area_kind == kind)
        .unwrap_or_else(|| panic!("no row for {area}"))
}

#[test]
fn our_rank_among_yjs_areas_region_and_family_is_worked_by_hand() {
    let c = comparison(true);
    let rows = rate_rows(&c);
    // Ours: 12 children cautioned or sentenced in 2023-24 (8 White, 3 Black, 1 Unknown) over
    // Camden's 10,000 aged 10-17 = 1.2 per 1,000.
    let ours = row(&rows, "Camden", AreaKind::Ours);
    assert_eq!(
        (ours.numerator, ours.denominator),
        (Some(12.0), Some(10_000.0))
    );
    assert_eq!(ours.value, Some(1.2));
    // 24 YJSs ranked: ours plus the 23 others (Camden's published row, 14, is not ranked).
    // Lower than 12 children per 10,000: Barnet 5, Brent 6, Croydon 7, Brighton and Hove 8,
    // Islington 9, Portsmouth 10, Medway 11 = 7, so rank 1 + 7 = 8. Ealing (12) ties: 8 too.
    assert_eq!((ours.rank, ours.rank_of), (Some(8), Some(24)));
    assert_eq!(row(&rows, "Ealing", AreaKind::Yjs).rank, Some(8));
    // After a tie the next rank is skipped: Enfield (13) has 9 lower (the 7, ours, Ealing).
    assert_eq!(row(&rows, "Enfield", AreaKind::Yjs).rank, Some(10));
    // London: ours + 11 others; lower: Barnet, Brent, Croydon, Islington → 5th of 12.
    assert_eq!((ours.rank_region, ours.rank_region_of), (Some(5), Some(12)));
    // The family (10, named "Camden YOT", "London Borough of Barnet", …): ours + 9; lower:
    // Barnet 5, Brent 6, Islington 9 → 4th of 10.
    assert_eq!((ours.rank_family, ours.rank_family_of), (Some(4), Some(10)));
    // Areas outside our region have no region rank.
    assert_eq!(row(&rows, "Kent", AreaKind::Yjs).rank_region, None);
    // Our published row is a separate object, marked and unranked.
    let published = row(&rows, "Camden", AreaKind::Yjs);
    assert!(published.published_ours);
    assert_eq!((published.value, published.rank), (Some(1.4), None));
    // Exactly one `ours` object per figure.
    assert_eq!(
        rows.iter()
            .filter(|r| r.area_kind == AreaKind::Ours)
            .count(),
        1
    );
}

#[test]
fn region_nation_and_family_figures_are_pooled_not_averaged() {
    let c = comparison(true);
    let rows = rate_rows(&c);
    // London as published (Camden's published 14 included, not our 12):
    // 14+5+6+7+12+13+20+22+9+25+30+16 = 179 over 12 × 10,000.
    let london = row(&rows, "London", AreaKind::Region);
    assert_eq!(
        (london.numerator, london.denominator),
        (Some(179.0), Some(120_000.0))
    );
    assert!((london.value.unwrap() - 179.0 / 120.0).abs() < 1e-12);
    // Wales is named as a region and as a nation: it is the nation (21 + 24 over 20,000).
    assert!(rows
        .iter()
        .all(|r| !(r.area == "Wales" && r.area_kind == AreaKind::Region)));
    let wales = row(&rows, "Wales", AreaKind::Nation);
    assert_eq!(wales.value, Some(2.25));
    // England and Wales: London 179 + South East 8+40+11+35+18+15+28+10+19+17 = 201, + Wales
    // 45 = 425 over 240,000 = 1.7708…
    let ew = row(&rows, "England and Wales", AreaKind::Nation);
    assert_eq!(
        (ew.numerator, ew.denominator),
        (Some(425.0), Some(240_000.0))
    );
    // The family: 14+20+9+25+16+22+30+6+12+5 = 159 over 100,000 = 1.59 (the mean of the ten
    // rates would be the same here only because every population is equal).
    let family = row(&rows, "Inner London family", AreaKind::Family);
    assert_eq!(
        (family.numerator, family.denominator),
        (Some(159.0), Some(100_000.0))
    );
    assert_eq!(family.value, Some(1.59));
    let i = c.rows.iter().position(|r| std::ptr::eq(r, family)).unwrap();
    assert_eq!(c.details[i].members, Some((10, 10)));
}

#[test]
fn higher_or_lower_only_when_our_interval_excludes_theirs() {
    let c = comparison(false);
    let verdict = |area: &str| {
        let i = c
            .rows
            .iter()
            .position(|r| {
                r.area == area
                    && r.measure == Measure::DispRate
                    && r.breakdown == Breakdown::All
                    && r.area_kind != AreaKind::Ours
            })
            .unwrap();
        c.details[i].verdict
    };
    // Our 12 children: Poisson 95% interval (Byar) 6.20 to 20.96, i.e. 0.620 to 2.096 per
    // 1,000. Kent 4.0 is above it (ours lower), Barnet 0.5 below (ours higher), England and
    // Wales 1.77 inside (similar).
    assert_eq!(verdict("Kent"), Some(Verdict::Lower));
    assert_eq!(verdict("Barnet"), Some(Verdict::Higher));
    assert_eq!(verdict("England and Wales"), Some(Verdict::Similar));
    // Without a family no family rank is given.
    assert!(c.rows.iter().all(|r| r.rank_family.is_none()));
}

#[test]
fn shares_by_ethnic_group_are_compared_like_for_like() {
    let c = comparison(false);
    let share = |kind: AreaKind| {
        c.rows
            .iter()
            .find(|r| {
                r.area == "Camden"
                    && r.area_kind == kind
                    && r.measure == Measure::DispShare
                    && r.group == "White"
                    && r.period_start == NaiveDate::from_ymd_opt(2023, 4, 1).unwrap()
            })
            .unwrap()
            .value
            .unwrap()
    };
    // Ours: 8 White of 11 of known ethnicity = 72.73%; published: 7 of 13 (7 White, 6 Black;
    // the Asian row is 0, the Unknown 1 is left out of shares) = 53.85%.
    assert!((share(AreaKind::Ours) - 800.0 / 11.0).abs() < 1e-9);
    assert!((share(AreaKind::Yjs) - 700.0 / 13.0).abs() < 1e-9);
    // No comparator for another period is drawn as ours: 2024/25 has no comparator rows.
    assert!(c
        .rows
        .iter()
        .all(|r| r.period_start != NaiveDate::from_ymd_opt(2024, 4, 1).unwrap()));
}

#[test]
fn published_national_figures_are_labelled_and_not_ranked() {
    let mut set = set();
    set.add_file(&file("headline.csv"), "headline.csv").unwrap();
    let extract = read_extract(&file("camden_extract.csv"), &ReadOptions::default()).unwrap();
    let settings = Settings {
        extract_date: NaiveDate::from_ymd_opt(2024, 6, 30),
        ..Settings::default()
    };
    let camden = Area::new("Camden", None, AreaKind::Ours);
    let pop = set.population_for_area(&camden);
    let report = compute(&extract, &settings, pop.as_ref());
    let c = compare(
        &report,
        &set,
        &CompareOptions {
            ours: Some(camden),
            family: None,
            our_population: pop.as_ref(),
        },
    );
    // The typed England and Wales rate is a comparator of its own (K04 code: a nation).
    let typed = c
        .rows
        .iter()
        .find(|r| r.area_code.as_deref() == Some("K04000001") && r.measure == Measure::DispRate)
        .unwrap();
    assert_eq!(
        (typed.area_kind, typed.value),
        (AreaKind::Nation, Some(1.9))
    );
    // The published (PNC) first-time entrants count sits beside our local figure with the
    // note, and no verdict is drawn from it.
    let i = c
        .rows
        .iter()
        .position(|r| r.measure == Measure::FteCount && r.area_kind == AreaKind::Nation)
        .expect("fte comparator");
    assert_eq!(
        c.details[i].note.as_deref(),
        Some("local tracker vs published national figure: definitions differ")
    );
    assert_eq!(c.details[i].verdict, None);
}

#[test]
fn unusable_rows_are_counted_by_reason_and_other_files_refused() {
    let table =
        "Financial_Year,England_Wales,Region,YJS,Age_Group,Sex,Ethnicity_Group,Number_Children\n\
                 2023-24,England,London,Camden,15-17,Male,White,7\n\
                 2023-24,England,London,Camden,All,All,All,14\n\
                 2023,England,London,Camden,15-17,Male,Black,6\n\
                 2023-24,England,London,Camden,15-17,Male,Black,many\n\
                 2023-24,England,London,Camden,15-17,Male,BAME,2\n\
                 2023-24,England,London,Barnet,15-17,Male,White,[c]\n";
    let mut set = ComparatorSet::default();
    set.add_file(table.as_bytes(), "t.csv").unwrap();
    let count = |r: &str| set.rejected.get(r).copied().unwrap_or(0);
    assert_eq!(count("total rows (All / Total) ignored"), 1);
    assert_eq!(count("unreadable financial year"), 1);
    assert_eq!(count("unreadable number of children"), 1);
    assert_eq!(count("unrecognised ethnicity group"), 1);
    // Barnet's suppressed cell keeps its figures suppressed.
    let figures = set.all_figures(yjlens_core::codes::EthnicGroup::White);
    let barnet = figures
        .iter()
        .find(|f| {
            f.area.name == "Barnet"
                && f.figure.measure == Measure::DispCount
                && f.figure.breakdown == Breakdown::All
        })
        .unwrap();
    assert!(barnet.figure.suppressed && barnet.figure.value.is_none());
    // A file that is not a comparator file: one sentence naming it.
    let err = set
        .add_file(b"child_id,outcome\nA,Fine\n", "extract.csv")
        .unwrap_err();
    assert!(
        err.message
            .starts_with("extract.csv is not a comparator file"),
        "{}",
        err.message
    );
}

#[test]
fn a_period_still_under_way_is_never_compared() {
    // As at 30 Sep 2023, 2023-24 is partial (Apr–Sep only): its figures are not set beside
    // the published full year.
    let set = set();
    let camden = Area::new("Camden", None, AreaKind::Ours);
    let extract = read_extract(&file("camden_extract.csv"), &ReadOptions::default()).unwrap();
    let settings = Settings {
        extract_date: NaiveDate::from_ymd_opt(2023, 9, 30),
        ..Settings::default()
    };
    let pop = set.population_for_area(&camden);
    let report = compute(&extract, &settings, pop.as_ref());
    let c = compare(
        &report,
        &set,
        &CompareOptions {
            ours: Some(camden),
            family: None,
            our_population: pop.as_ref(),
        },
    );
    assert!(c.rows.is_empty(), "{} rows", c.rows.len());
}

/// The comparator set with the population naming Barnet "Barnet (London Borough)", a name
/// that matches no area of the children table, and the analyst's choices for names.
fn set_with_mismatch(areas: &[(&str, &str)]) -> ComparatorSet {
    let mut set = ComparatorSet::default();
    set.add_file(&file("children_table.csv"), "children_table.csv")
        .unwrap();
    let pop = String::from_utf8(file("nomis_population.csv"))
        .unwrap()
        .replace(",Barnet,", ",Barnet (London Borough),");
    set.add_file(pop.as_bytes(), "nomis_population.csv")
        .unwrap();
    let entries = areas
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    set.area_map = yjlens_core::comparators::AreaMap::new(&entries);
    set
}

fn our_rate_row(set: &ComparatorSet) -> (Comparison, usize) {
    let camden = Area::new("Camden", None, AreaKind::Ours);
    let extract = read_extract(&file("camden_extract.csv"), &ReadOptions::default()).unwrap();
    let pop = set.population_for_area(&camden);
    let settings = Settings {
        extract_date: NaiveDate::from_ymd_opt(2024, 6, 30),
        ..Settings::default()
    };
    let report = compute(&extract, &settings, pop.as_ref());
    let c = compare(
        &report,
        set,
        &CompareOptions {
            ours: Some(camden),
            family: None,
            our_population: pop.as_ref(),
        },
    );
    let i = c
        .rows
        .iter()
        .position(|r| {
            r.area_kind == AreaKind::Ours
                && r.measure == Measure::DispRate
                && r.breakdown == Breakdown::All
                && r.period_start == NaiveDate::from_ymd_opt(2023, 4, 1).unwrap()
        })
        .expect("our all-children rate");
    (c, i)
}

#[test]
fn an_area_name_matching_nothing_is_listed_then_mapped_or_left_out() {
    // Unmapped: Barnet (5 children) has no population, so no rate, and is left out of the
    // rank. Lower than our 12 per 10,000: Brent 6, Croydon 7, Brighton and Hove 8,
    // Islington 9, Portsmouth 10, Medway 11 = 6 → 7th of 23 (24 YJSs less Barnet).
    let set = set_with_mismatch(&[]);
    assert_eq!(
        set.unmatched_population_areas(),
        (
            vec!["Barnet".to_string()],
            vec!["Barnet (London Borough)".to_string()]
        )
    );
    let (c, i) = our_rate_row(&set);
    assert_eq!((c.rows[i].rank, c.rows[i].rank_of), (Some(7), Some(23)));
    // The choices offered: Barnet can be mapped to the population's names, which include
    // the unmatched one.
    assert!(set
        .area_choices()
        .0
        .contains(&"Barnet (London Borough)".to_string()));

    // Mapped ("Barnet (London Borough)" means Barnet): Barnet has its 10,000 children again,
    // 5 / 10,000 = 0.5 per 1,000, so rank 1 + 7 = 8th of 24, as with matching names.
    let set = set_with_mismatch(&[("Barnet (London Borough)", "Barnet")]);
    assert_eq!(set.unmatched_population_areas(), (vec![], vec![]));
    let (c, i) = our_rate_row(&set);
    assert_eq!((c.rows[i].rank, c.rows[i].rank_of), (Some(8), Some(24)));
    let barnet = c
        .rows
        .iter()
        .find(|r| {
            r.area == "Barnet"
                && r.measure == Measure::DispRate
                && r.breakdown == Breakdown::All
                && r.period_start == NaiveDate::from_ymd_opt(2023, 4, 1).unwrap()
        })
        .unwrap();
    assert_eq!(
        (barnet.numerator, barnet.denominator, barnet.value),
        (Some(5.0), Some(10_000.0), Some(0.5))
    );

    // Mapped the other way (the table's "Barnet" means the population's name): the same.
    let set = set_with_mismatch(&[("Barnet", "Barnet (London Borough)")]);
    assert_eq!(
        our_rate_row(&set).0.rows[our_rate_row(&set).1].rank,
        Some(8)
    );

    // Left out: Barnet is neither listed nor shown; 7th of 23 as unmapped.
    let set = set_with_mismatch(&[("Barnet", ""), ("Barnet (London Borough)", "")]);
    assert_eq!(set.unmatched_population_areas(), (vec![], vec![]));
    let (c, i) = our_rate_row(&set);
    assert_eq!((c.rows[i].rank, c.rows[i].rank_of), (Some(7), Some(23)));
    assert!(c.rows.iter().all(|r| r.area != "Barnet"));
}

#[test]
fn each_service_is_its_own_area_ranked_in_the_place_of_its_published_row() {
    // Camden's extract with a service column: C01-C07 Camden, C08-C13 Islington. First-time
    // entrants in 2023-24: Camden 7 (C01-C07); Islington 5 (C08-C12; C13's first outcome
    // was in 2022-23).
    let csv = String::from_utf8(file("camden_extract.csv")).unwrap();
    let mut lines = csv.lines();
    let mut text = format!("{},service\n", lines.next().unwrap());
    for (i, line) in lines.enumerate() {
        let service = if i < 7 { "Camden" } else { "Islington" };
        text.push_str(&format!("{line},{service}\n"));
    }
    let extract = read_extract(text.as_bytes(), &ReadOptions::default()).unwrap();
    let settings = Settings {
        extract_date: NaiveDate::from_ymd_opt(2024, 6, 30),
        ..Settings::default()
    };
    let report = compute(&extract, &settings, None);
    // Twelve YJSs' first-time entrants in 2023-24 (an exchanged file, local definition).
    let mut headline = String::from("area,measure,period_type,period_start,period_end,value\n");
    for (area, n) in [
        ("Barnet", 3),
        ("Brent", 4),
        ("Croydon", 5),
        ("Ealing", 6),
        ("Enfield", 8),
        ("Hackney", 9),
        ("Haringey", 10),
        ("Lambeth", 11),
        ("Lewisham", 12),
        ("Southwark", 13),
        ("Camden", 14),
        ("Islington", 2),
    ] {
        headline.push_str(&format!(
            "{area},fte_count,financial_year,2023-04-01,2024-03-31,{n}\n"
        ));
    }
    let mut set = ComparatorSet::default();
    set.add_file(headline.as_bytes(), "fte.csv").unwrap();
    let c = compare(
        &report,
        &set,
        &CompareOptions {
            ours: Some(Area::new("Camden and Islington", None, AreaKind::Ours)),
            family: None,
            our_population: None,
        },
    );
    let ours = |group: &str| {
        c.rows
            .iter()
            .find(|r| {
                r.area_kind == AreaKind::Ours
                    && r.measure == Measure::FteCount
                    && r.group == group
                    && r.period_start == NaiveDate::from_ymd_opt(2023, 4, 1).unwrap()
            })
            .unwrap_or_else(|| panic!("no row for {group}"))
    };
    // Camden (7) among the 11 others (its published 14 not ranked): lower are Barnet 3,
    // Brent 4, Croydon 5, Ealing 6, Islington 2 = 5 → 6th of 12.
    let camden = ours("Camden");
    assert_eq!(
        (camden.area.as_str(), camden.breakdown, camden.value),
        ("Camden", Breakdown::Service, Some(7.0))
    );
    assert_eq!((camden.rank, camden.rank_of), (Some(6), Some(12)));
    // Islington (5): lower are Barnet 3, Brent 4 = 2 → 3rd of 12 (Croydon's 5 ties at 3rd).
    let islington = ours("Islington");
    assert_eq!((islington.rank, islington.rank_of), (Some(3), Some(12)));
    // Each service's own published row is beside it, marked and unranked.
    let published = c
        .rows
        .iter()
        .find(|r| r.group == "Islington" && r.area == "Islington" && r.published_ours)
        .unwrap();
    assert_eq!((published.value, published.rank), (Some(2.0), None));
    // The whole extract (12) is ours too, among all 12 YJSs: lower are 3, 4, 5, 6, 8, 9,
    // 10, 11 and 2 = 9 → 10th of 13.
    let all = ours("all");
    assert_eq!(
        (all.area.as_str(), all.value, all.rank, all.rank_of),
        ("Camden and Islington", Some(12.0), Some(10), Some(13))
    );
}

#[test]
fn the_aggregate_export_carries_each_comparator_row_with_its_area() {
    let set = set();
    let camden = Area::new("Camden", None, AreaKind::Ours);
    let extract = read_extract(&file("camden_extract.csv"), &ReadOptions::default()).unwrap();
    let pop = set.population_for_area(&camden);
    let settings = Settings {
        extract_date: NaiveDate::from_ymd_opt(2024, 6, 30),
        ..Settings::default()
    };
    let report = compute(&extract, &settings, pop.as_ref());
    let families = read_families(&file("family.csv")).unwrap();
    let c = compare(
        &report,
        &set,
        &CompareOptions {
            ours: Some(camden.clone()),
            family: Some(&families[0]),
            our_population: pop.as_ref(),
        },
    );
    let ours = Area::new("Camden", Some("E09000007"), AreaKind::Yjs);
    let csv = yjlens_core::publish::export::aggregate_csv_with_comparators(
        &report,
        "camden_extract.csv",
        "2024-07-01T00:00:00Z",
        None,
        Some(&ours),
        Some(&c),
    );
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let head: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(&head[..3], ["area_code", "area", "measure"]);
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    let col = |name: &str| head.iter().position(|h| h == name).unwrap();
    // Our rows first, each with our area; then the comparators'.
    let n = report.figures.len();
    assert!(rows[..n]
        .iter()
        .all(|r| r[1] == "Camden" && r[0] == "E09000007"));
    let find = |area: &str| {
        rows.iter()
            .find(|r| {
                r[1] == area
                    && r[col("measure")] == "disp_rate"
                    && r[col("breakdown")] == "all"
                    && r[col("period_start")] == "2023-04-01"
            })
            .unwrap_or_else(|| panic!("no {area} row"))
    };
    // London pooled as published: 179 children over 12 × 10,000 = 1.4916… per 1,000.
    let london = find("London");
    assert_eq!(
        (
            london[col("numerator")].as_str(),
            london[col("denominator")].as_str()
        ),
        ("179", "120000")
    );
    // The family: its 10 members' published rows summed (Camden's published 14 included):
    // Camden 14 + Hackney 20 + Islington 9 + Lambeth 25 + Southwark 16 + Haringey 22 +
    // Lewisham 30 + Brent 6 + Ealing 12 + Barnet 5 = 159 over 10 × 10,000.
    let family = find("Inner London family");
    assert_eq!(
        (
            family[col("numerator")].as_str(),
            family[col("denominator")].as_str()
        ),
        ("159", "100000")
    );
    // No other YJS's row, and no service's.
    assert!(rows.iter().all(|r| r[1] != "Kent" && r[1] != "Barnet"));
    // Public mode reads our rows alone.
    let (figures, _) = yjlens_core::publish::aggregate::read_csv(csv.as_bytes()).unwrap();
    assert_eq!(figures.len(), n);
}

#[test]
fn another_table_of_the_publication_is_read_through_a_mapping_of_its_count_column() {
    // fte_table.csv, in the publication's layout (one row per YJS and sex, a total row):
    // first-time entrants 2023-24 — London: Barnet 4, Brent 5, Camden 9, Croydon 6, Ealing 7,
    // Enfield 8, Hackney 10, Haringey 11, Islington 3, Lambeth 12 (= 75); Wales: Cardiff 13,
    // Swansea 14 (= 27).
    let mut set = set();
    set.add_file(&file("fte_table.csv"), "fte_table.csv")
        .unwrap();
    assert_eq!(
        set.rejected
            .get("total rows (All / Total) ignored")
            .copied(),
        Some(1)
    );
    let extract = read_extract(&file("camden_extract.csv"), &ReadOptions::default()).unwrap();
    let settings = Settings {
        extract_date: NaiveDate::from_ymd_opt(2024, 6, 30),
        ..Settings::default()
    };
    let camden = Area::new("Camden", None, AreaKind::Ours);
    let pop = set.population_for_area(&camden);
    let report = compute(&extract, &settings, pop.as_ref());
    let c = compare(
        &report,
        &set,
        &CompareOptions {
            ours: Some(camden),
            family: None,
            our_population: pop.as_ref(),
        },
    );
    let fte: Vec<(usize, &CompareRow)> = c
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            r.measure == Measure::FteCount
                && r.breakdown == Breakdown::All
                && r.period_start == NaiveDate::from_ymd_opt(2023, 4, 1).unwrap()
        })
        .collect();
    let value = |area: &str, kind: AreaKind| {
        fte.iter()
            .find(|(_, r)| r.area == area && r.area_kind == kind)
            .map(|(_, r)| r.value)
            .unwrap_or_else(|| panic!("no {area}"))
    };
    assert_eq!(value("London", AreaKind::Region), Some(75.0));
    assert_eq!(value("Wales", AreaKind::Nation), Some(27.0));
    // England and Wales: 75 + 27 = 102.
    assert_eq!(value("England and Wales", AreaKind::Nation), Some(102.0));
    // Ours (12 from the local tracker) is never ranked against the published (PNC) figures,
    // which carry the note; the published YJSs are ranked among themselves: 11 (Camden's own
    // published 9 left out); Barnet 4 has Islington 3 lower → 2nd of 11.
    let (_, ours) = fte
        .iter()
        .find(|(_, r)| r.area_kind == AreaKind::Ours)
        .unwrap();
    assert_eq!((ours.value, ours.rank), (Some(12.0), None));
    let (i, barnet) = fte.iter().find(|(_, r)| r.area == "Barnet").unwrap();
    assert_eq!((barnet.rank, barnet.rank_of), (Some(2), Some(11)));
    assert!(c.details[*i].published && c.details[*i].note.is_some());

    // A table whose count column names no measure is refused in one sentence, and read once
    // the mapping names it.
    let custody = "Financial_Year,England_Wales,Region,YJS,Number_Custodial_Sentences\n\
                   2023-24,England,London,Camden,2\n\
                   2023-24,England,London,Barnet,1\n";
    let mut set = ComparatorSet::default();
    let err = set.add_file(custody.as_bytes(), "custody.csv").unwrap_err();
    assert!(
        err.message
            .starts_with("custody.csv is a table of the Youth Justice Statistics"),
        "{}",
        err.message
    );
    let mapping = [(
        "Number_Custodial_Sentences".to_string(),
        "custody_sentences".to_string(),
    )]
    .into_iter()
    .collect();
    set.set_table_measures(&mapping);
    set.add_file(custody.as_bytes(), "custody.csv").unwrap();
    let london = set
        .all_figures(yjlens_core::codes::EthnicGroup::White)
        .into_iter()
        .find(|f| f.area.name == "London" && f.figure.measure == Measure::CustodySentences)
        .unwrap();
    // London: Camden 2 + Barnet 1 = 3 custodial sentences.
    assert_eq!(london.figure.value, Some(3.0));
}
