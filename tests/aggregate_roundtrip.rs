//! The aggregate file (`input-formats.md` §4): exact columns, number formats, CSV-injection
//! escaping, provenance on every row, and write → read → equal figures.

mod common_measures;

use common_measures::*;
use yjlens_core::catalogue::{Breakdown, FigureStage, Flag, Measure, Unit};
use yjlens_core::codes::Outcome::*;
use yjlens_core::measures::compute;
use yjlens_core::publish::aggregate::{columns, read_csv, settings_text, write_csv, Provenance};
use yjlens_core::publish::disclosure::DisclosureSettings;
use yjlens_core::report::{CohortMethod, Figure, PeriodType, Settings, Status};

fn figure(measure: Measure, group: &str, value: Option<f64>) -> Figure {
    Figure {
        measure,
        stage: FigureStage::None,
        period_type: PeriodType::Rolling12m,
        period_start: d("2022-04-01"),
        period_end: d("2023-03-31"),
        period_label: "Apr 2022 – Mar 2023".into(),
        breakdown: Breakdown::Ethnicity,
        group: group.into(),
        breakdown2: None,
        group2: String::new(),
        numerator: Some(4.0),
        denominator: Some(18.0),
        value,
        unit: Unit::Percent,
        ci_low: Some(9.0),
        ci_high: Some(45.214_612),
        flag: None,
        status: Status::Provisional,
        suppressed: false,
        definition: "Binary rate, \"quoted\", with a comma".into(),
    }
}

fn provenance() -> Provenance {
    Provenance {
        source: "=cmd|' /C calc'!A0".into(),
        generated_at: "2025-10-01T09:00:00Z".into(),
        tool_version: "0.1.0".into(),
        settings: "extract_date=2025-09-30; breaches=excluded".into(),
    }
}

#[test]
fn header_and_row_format() {
    // A text cell beginning with '-'.
    let f = figure(
        Measure::ReoffendingBinaryRate,
        "-White",
        Some(22.222_222_222),
    );
    let mut g = figure(Measure::CustodyRate, "Black", None);
    g.numerator = Some(5.0);
    g.denominator = Some(26_316.0);
    g.suppressed = true;
    g.ci_low = None;
    g.ci_high = None;
    let text = write_csv(&[f, g], &provenance());
    let mut lines = text.lines();
    assert_eq!(lines.next().unwrap(), columns().join(","));
    let row = lines.next().unwrap();
    assert!(row.starts_with(
        "reoffending_binary_rate,,rolling_12m,2022-04-01,2023-03-31,Apr 2022 – Mar 2023,ethnicity,'-White,,,4,18,22.222222,%,9,45.214612,,provisional,false,"
    ), "{row}");
    assert!(
        row.contains("\"Binary rate, \"\"quoted\"\", with a comma\""),
        "{row}"
    );
    assert!(row.contains("'=cmd|' /C calc'!A0"), "{row}");
    let row2 = lines.next().unwrap();
    assert!(row2.contains(",5,26316,,%,,,,provisional,true,"), "{row2}");
    // Provenance on every row.
    assert_eq!(
        text.lines()
            .skip(1)
            .filter(|l| l.contains("2025-10-01T09:00:00Z"))
            .count(),
        2
    );
}

#[test]
fn write_read_round_trip_is_exact() {
    let mut figures = vec![
        figure(Measure::ReoffendingBinaryRate, "White", Some(22.222_222)),
        figure(Measure::DispGapPp, "+Other", Some(-26.6)),
        figure(Measure::FteRate, "@x", None),
    ];
    figures[1].flag = Some(Flag::Over);
    figures[1].numerator = None;
    figures[1].definition = "=1+1".into();
    figures[2].status = Status::Partial;
    figures[2].suppressed = true;
    let prov = provenance();
    let text = write_csv(&figures, &prov);
    let (back, p) = read_csv(text.as_bytes()).unwrap();
    assert_eq!(back, figures);
    assert_eq!(p, prov);
}

#[test]
fn computed_report_round_trips_within_six_decimals() {
    let mut b = Builder::new();
    for i in 0..7 {
        b.on(&format!("c{i}"), "2023-02-01", Yro);
    }
    b.on("c0", "2023-03-01", Fine);
    b.on("c1", "2023-05-01", Dto).release("2023-08-01");
    let s = Settings {
        extract_date: Some(d("2024-03-31")),
        ..Settings::default()
    };
    let r = compute(&b.build(), &s, None);
    let prov = Provenance::for_report(&r, "extract.csv", "2024-04-01T00:00:00Z", None);
    let text = write_csv(&r.figures, &prov);
    let (back, p) = read_csv(text.as_bytes()).unwrap();
    assert_eq!(p, prov);
    assert_eq!(back.len(), r.figures.len());
    let close = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= 5e-7,
        (None, None) => true,
        _ => false,
    };
    for (a, b) in back.iter().zip(&r.figures) {
        assert_eq!(
            (
                &a.measure,
                &a.stage,
                a.period_type,
                a.period_start,
                a.period_end,
                &a.period_label
            ),
            (
                &b.measure,
                &b.stage,
                b.period_type,
                b.period_start,
                b.period_end,
                &b.period_label
            )
        );
        assert_eq!(
            (&a.breakdown, &a.group, &a.breakdown2, &a.group2),
            (&b.breakdown, &b.group, &b.breakdown2, &b.group2)
        );
        assert_eq!(
            (&a.unit, &a.flag, a.status, a.suppressed, &a.definition),
            (&b.unit, &b.flag, b.status, b.suppressed, &b.definition)
        );
        for (x, y) in [
            (a.numerator, b.numerator),
            (a.denominator, b.denominator),
            (a.value, b.value),
            (a.ci_low, b.ci_low),
            (a.ci_high, b.ci_high),
        ] {
            assert!(close(x, y), "{} {:?} vs {:?}", a.measure, x, y);
        }
    }
}

#[test]
fn settings_text_names_every_choice() {
    let mut s = Settings::default();
    assert_eq!(
        settings_text(&s, d("2025-09-30"), Some(&DisclosureSettings::default())),
        "extract_date=2025-09-30; breaches=excluded; reference=White; cohort=pooled; custody_unit=per_1000; k=5; rounding=none"
    );
    s.exclude_breaches = false;
    s.cohort_method = CohortMethod::Legacy;
    let k3 = DisclosureSettings::new(3, false)
        .unwrap()
        .with_rounding(true);
    assert_eq!(
        settings_text(&s, d("2025-09-30"), Some(&k3)),
        "extract_date=2025-09-30; breaches=included; reference=White; cohort=legacy; custody_unit=per_1000; k=3; rounding=nearest_5"
    );
    assert!(settings_text(&s, d("2025-09-30"), None).ends_with("k=none; rounding=none"));
}

#[test]
fn read_refuses_a_file_that_is_not_an_aggregate_file() {
    assert!(read_csv(b"child_id,offence_date\n1,2023-01-01\n").is_err());
    let row = figure(Measure::ReoffendingBinaryRate, "White", Some(1.0));
    let mut text = write_csv(std::slice::from_ref(&row), &provenance());
    text = text.replace(",provisional,", ",maybe,");
    let err = read_csv(text.as_bytes()).unwrap_err();
    assert!(
        err.message.contains("unknown status \"maybe\""),
        "{}",
        err.message
    );
    let text = write_csv(&[row], &provenance()).replace(",%,", ",% of nothing,");
    let err = read_csv(text.as_bytes()).unwrap_err();
    assert!(err.message.contains("unknown unit"), "{}", err.message);
}

/// A row of a measure this version does not know (a newer file) is left out, as disclosure
/// control would leave it out: the rest of the file is read.
#[test]
fn rows_of_unknown_measures_are_left_out() {
    let known = figure(Measure::ReoffendingBinaryRate, "White", Some(1.0));
    let text = write_csv(
        &[known.clone(), known.clone(), known.clone()],
        &provenance(),
    );
    let mut lines: Vec<String> = text.split("\r\n").map(str::to_string).collect();
    lines[1] = lines[1].replacen("reoffending_binary_rate,", "kpi_made_up,", 1);
    lines[2] = lines[2].replacen(",,rolling_12m,", ",custody_vs_nowhere,rolling_12m,", 1);
    let (back, _) = read_csv(lines.join("\r\n").as_bytes()).unwrap();
    assert_eq!(back, vec![known]);
}
