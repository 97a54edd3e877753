//! The KPIs (`kpis.md`), every id worked out by hand on one small interventions extract, a
//! case-level extract it joins to, and a board attendance file.
//!
//! The quarter Apr–Jun 2024 (extract date 30 June 2024, so final). Children whose
//! interventions ended in it (latest-ending intervention, known types):
//!
//! | child | row | type (group) | accomm | ETE | SEND | plan | MH n/o/a | SM n/o/a | EH/CIN/CP/LAC | reason |
//! |---|---|---|---|---|---|---|---|---|---|---|
//! | C1 | 2 (of 1, 2) | YRO (community) | N | Y | Y | Y | Y/Y/N | Y/Y/– | –/–/–/– (row 1: N/N/N/N) | breached |
//! | C2 | 3 | youth caution (out of court) | Y | Y | N | – | N/–/– | N/–/– | Y/–/–/– | completed |
//! | C3 | 4 | Turnaround (prevention) | Not known | Y | Y | N | Y/N/– | Unknown | all blank | – |
//! | C4 | 5 | YCC (out of court) | Y | "maybe" | Y | Y | Y/Y/Y | N/–/– | –/N/–/– | revoked |
//!
//! C1 has two interventions ending in the quarter: only the later one (row 2) counts. C5's
//! DTO is open (no end), C6's "Fine" is not an intervention type (left out until mapped), C7's
//! referral order (from May 2023) ended in the previous quarter with every status blank.

use chrono::NaiveDate;
use yjlens_core::catalogue::{Breakdown, Flag, Measure, PeriodType, Status};
use yjlens_core::extract::interventions::{read_board, read_interventions};
use yjlens_core::extract::{read_extract, ReadOptions};
use yjlens_core::measures::{compute_with, Inputs};
use yjlens_core::report::{Figure, Report, Settings};

const EXTRACT: &str = "\
child_id,offence_date,outcome_date,outcome,date_of_birth,sex,ethnicity
C1,2024-01-05,2024-02-01,Referral Order,2008-03-01,Male,White British
C2,2024-02-05,2024-03-01,Youth Caution,2009-07-01,Female,Black African
C9,2024-02-05,2024-03-01,Youth Caution,2009-07-01,Female,Asian
";

const INTERVENTIONS: &str = "\
child_id,intervention_type,start_date,end_date,end_reason,accommodation_suitable,ete_suitable,send_need,learning_plan,mh_need,mh_offered,mh_attended,sm_need,sm_offered,sm_attended,early_help,child_in_need,child_protection,looked_after,victims_consented,victims_engaged
C1,Referral order,2023-10-01,2024-04-10,completed,Y,N,Y,Y,Y,Y,Y,N,,,N,N,N,N,2,1
C1,YRO,2024-01-01,2024-05-20,breached,N,Y,Y,Y,Y,Y,N,Y,Y,,,,,,1,1
C2,Youth caution,2024-03-01,2024-06-15,Successful,Yes,yes,N,,N,,,No,,,Y,,,,0,0
C3,Turnaround,2024-02-01,2024-05-01,,Not known,Y,Y,N,Y,N,,Unknown,,,,,,,,
C4,Youth conditional caution,2024-04-01,2024-06-01,revoked,Y,maybe,Y,Y,Y,Y,Y,N,,,,N,,,3,2
C5,DTO,2024-01-01,,,,,,,,,,,,,,,,,,
C6,Fine,2024-04-01,2024-05-01,completed,Y,Y,Y,Y,Y,Y,Y,Y,Y,Y,Y,Y,Y,Y,5,5
C7,Referral order,2023-05-01,2024-03-15,,,,,,,,,,,,,,,,,
";

const BOARD: &str = "\
meeting_date,partner,attended
2024-04-15,Education,Y
2024-04-15,Health,N
2024-04-15,Police,Y
2024-05-20,Education,Yes
2024-05-20,Health,
2024-05-20,Police,1
";

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn options() -> ReadOptions {
    ReadOptions {
        today: Some(d("2024-12-31")),
        ..ReadOptions::default()
    }
}

fn report() -> Report {
    let extract = read_extract(EXTRACT.as_bytes(), &options()).unwrap();
    let interventions = read_interventions(INTERVENTIONS.as_bytes(), &options()).unwrap();
    let board = read_board(BOARD.as_bytes(), &options()).unwrap();
    let settings = Settings {
        extract_date: Some(d("2024-06-30")),
        ..Settings::default()
    };
    compute_with(&Inputs {
        extract: &extract,
        settings: &settings,
        population: None,
        interventions: Some(&interventions),
        board: Some(&board),
    })
}

fn find<'a>(
    r: &'a Report,
    m: Measure,
    pt: PeriodType,
    start: &str,
    b: Breakdown,
    g: &str,
) -> &'a Figure {
    r.figures
        .iter()
        .find(|f| {
            f.measure == m
                && f.period_type == pt
                && f.period_start == d(start)
                && f.breakdown == b
                && f.group == g
        })
        .unwrap_or_else(|| panic!("no {m} {pt} {start} {b} {g}"))
}

/// Numerator, denominator and not recorded of a KPI for Apr–Jun 2024, all children.
fn q2(r: &Report, m: Measure) -> (f64, f64, f64) {
    let f = find(
        r,
        m,
        PeriodType::Quarter,
        "2024-04-01",
        Breakdown::All,
        "all",
    );
    let nr = find(
        r,
        m.not_recorded().unwrap(),
        PeriodType::Quarter,
        "2024-04-01",
        Breakdown::All,
        "all",
    );
    (
        f.numerator.unwrap(),
        f.denominator.unwrap(),
        nr.value.unwrap(),
    )
}

#[test]
fn kpi1_counts_each_child_once_by_the_latest_ending_intervention() {
    let r = report();
    // C1 N (row 2, not row 1's Y), C2 Y, C3 Not known, C4 Y → 2 / 3, 1 not recorded.
    assert_eq!(q2(&r, Measure::Kpi1AccommodationSuitable), (2.0, 3.0, 1.0));
    let f = find(
        &r,
        Measure::Kpi1AccommodationSuitable,
        PeriodType::Quarter,
        "2024-04-01",
        Breakdown::All,
        "all",
    );
    // 2 / 3 = 66.67%; Wilson 95%: centre (2/3 + 1.9208/3) / (1 + 3.8416/3) = 0.5730, half
    // 1.96 / 2.2805 × √(0.2222/3 + 3.8416/36) = 0.3655 → 20.8% to 93.9%.
    assert!((f.value.unwrap() - 66.666_666).abs() < 1e-4);
    assert!((f.ci_low.unwrap() - 20.77).abs() < 0.05, "{:?}", f.ci_low);
    assert!((f.ci_high.unwrap() - 93.85).abs() < 0.05, "{:?}", f.ci_high);
    // 1 of the 4 children not recorded = 25% > 10%: flagged on both figures.
    assert_eq!(f.flag, Some(Flag::Recording));
    assert_eq!(f.status, Status::Final);
    assert_eq!(f.unit, "%");
    assert!(f.definition.contains("latest-ending intervention"));
}

#[test]
fn kpi2_treats_unrecognised_text_as_not_recorded_with_a_warning() {
    let r = report();
    // C1 Y, C2 "yes", C3 Y, C4 "maybe" (not recorded) → 3 / 3, 1 not recorded.
    assert_eq!(q2(&r, Measure::Kpi2EteSuitable), (3.0, 3.0, 1.0));
    let q = &r.kpi.as_ref().unwrap().interventions.as_ref().unwrap();
    let w = q
        .warnings
        .iter()
        .find(|w| w.field == "ete_suitable")
        .unwrap();
    assert_eq!((w.count, w.example_value.as_str()), (1, "maybe"));
}

#[test]
fn kpi3_send_and_its_cascade() {
    let r = report();
    // SEND: C1 Y, C2 N, C3 Y, C4 Y → 3 / 4.
    assert_eq!(q2(&r, Measure::Kpi3SendIdentified), (3.0, 4.0, 0.0));
    // Of SEND = Y: C1 ETE Y plan Y (yes), C3 ETE Y plan N (no), C4 ETE not recorded → 1 / 2,
    // 1 not recorded. C2 (SEND N) is in neither.
    assert_eq!(q2(&r, Measure::Kpi3SendInEteWithPlan), (1.0, 2.0, 1.0));
}

#[test]
fn kpi4_cascade_each_step_over_the_last_steps_yes() {
    let r = report();
    // Need: C1 Y, C2 N, C3 Y, C4 Y → 3 / 4.
    assert_eq!(q2(&r, Measure::Kpi4MhNeed), (3.0, 4.0, 0.0));
    // Offered, of need Y: C1 Y, C3 N, C4 Y → 2 / 3.
    assert_eq!(q2(&r, Measure::Kpi4MhOffered), (2.0, 3.0, 0.0));
    // Attending, of need Y and offered Y: C1 N, C4 Y → 1 / 2.
    assert_eq!(q2(&r, Measure::Kpi4MhAttended), (1.0, 2.0, 0.0));
}

#[test]
fn kpi5_cascade_with_not_recorded_steps() {
    let r = report();
    // Need: C1 Y, C2 N, C3 Unknown (not recorded), C4 N → 1 / 3, 1 not recorded.
    assert_eq!(q2(&r, Measure::Kpi5SmNeed), (1.0, 3.0, 1.0));
    // Offered, of need Y: C1 Y → 1 / 1.
    assert_eq!(q2(&r, Measure::Kpi5SmOffered), (1.0, 1.0, 0.0));
    // Attending: C1 blank → 0 / 0 (no value, never 0%), 1 not recorded.
    assert_eq!(q2(&r, Measure::Kpi5SmAttended), (0.0, 0.0, 1.0));
    let f = find(
        &r,
        Measure::Kpi5SmAttended,
        PeriodType::Quarter,
        "2024-04-01",
        Breakdown::All,
        "all",
    );
    assert_eq!(f.value, None);
}

#[test]
fn kpi6_chooses_the_child_first_then_keeps_out_of_court_and_prevention() {
    let r = report();
    // C1's latest is a YRO (community): out. C2 youth caution "Successful" → completed (yes);
    // C3 Turnaround with no reason → not recorded; C4 YCC revoked → counts against. 1 / 2.
    assert_eq!(q2(&r, Measure::Kpi6OocdCompleted), (1.0, 2.0, 1.0));
}

#[test]
fn kpi8_any_yes_over_at_least_one_recorded() {
    let r = report();
    // C1's latest row (row 2) has all four blank: not recorded — row 1's four N are not a
    // fall-back. C2 early help Y (yes); C3 all blank (not recorded); C4 CIN N and the rest
    // blank (recorded, no) → 1 / 2, 2 not recorded.
    assert_eq!(q2(&r, Measure::Kpi8WiderServices), (1.0, 2.0, 2.0));
}

#[test]
fn kpi10_sums_victims_over_every_intervention_ended() {
    let r = report();
    // Every intervention ended in the quarter, not one per child: row 1 (2 consented, 1
    // engaged), row 2 (1, 1), row 3 (0, 0), row 4 (blank: not recorded), row 5 (3, 2); row 7
    // (Fine) is not a known type. Engaged 1 + 1 + 0 + 2 = 4 over consented 2 + 1 + 0 + 3 = 6.
    assert_eq!(q2(&r, Measure::Kpi10VictimsEngaged), (4.0, 6.0, 1.0));
    let f = find(
        &r,
        Measure::Kpi10VictimsEngagedNotRecorded,
        PeriodType::Quarter,
        "2024-04-01",
        Breakdown::All,
        "all",
    );
    assert_eq!(f.unit, "interventions");
    // 1 of 5 interventions not recorded = 20% > 10%.
    assert_eq!(f.flag, Some(Flag::Recording));
}

#[test]
fn kpi7_board_attendance_in_all_and_by_partner() {
    let r = report();
    // Apr–Jun 2024: 6 places; Health on 20 May not recorded → expected 5, attended Y 4
    // (Education twice, Police twice) → 80%; 1 of 6 = 16.7% > 10% → recording.
    assert_eq!(q2(&r, Measure::Kpi7BoardAttendance), (4.0, 5.0, 1.0));
    let health = find(
        &r,
        Measure::Kpi7BoardAttendance,
        PeriodType::Quarter,
        "2024-04-01",
        Breakdown::Partner,
        "Health",
    );
    assert_eq!(
        (health.numerator, health.denominator),
        (Some(0.0), Some(1.0))
    );
    let all = find(
        &r,
        Measure::Kpi7BoardAttendance,
        PeriodType::Quarter,
        "2024-04-01",
        Breakdown::All,
        "all",
    );
    assert_eq!(all.value, Some(80.0));
    assert_eq!(all.flag, Some(Flag::Recording));
}

#[test]
fn kpi9_repeats_the_serious_violence_rate() {
    let r = report();
    let sv: Vec<&Figure> = r
        .figures
        .iter()
        .filter(|f| f.measure == Measure::SeriousViolenceRate)
        .collect();
    let k9: Vec<&Figure> = r
        .figures
        .iter()
        .filter(|f| f.measure == Measure::Kpi9SeriousViolenceRate)
        .collect();
    assert!(!sv.is_empty());
    assert_eq!(sv.len(), k9.len());
    for (a, b) in sv.iter().zip(&k9) {
        assert_eq!(
            (a.period_start, a.breakdown, &a.group, a.numerator, a.value),
            (b.period_start, b.breakdown, &b.group, b.numerator, b.value)
        );
        assert!(b.definition.starts_with("KPI 9 repeats"));
    }
}

#[test]
fn breakdowns_by_group_and_by_ethnicity_from_the_case_level_extract() {
    let r = report();
    let g = |b, group: &str| {
        let f = find(
            &r,
            Measure::Kpi1AccommodationSuitable,
            PeriodType::Quarter,
            "2024-04-01",
            b,
            group,
        );
        (f.numerator.unwrap(), f.denominator.unwrap())
    };
    // Community: C1 N → 0 / 1. Out of court: C2 Y, C4 Y → 2 / 2. Prevention: C3 not recorded.
    assert_eq!(g(Breakdown::InterventionGroup, "Community"), (0.0, 1.0));
    assert_eq!(g(Breakdown::InterventionGroup, "Out of court"), (2.0, 2.0));
    assert_eq!(g(Breakdown::InterventionGroup, "Prevention"), (0.0, 0.0));
    // The interventions file has no ethnicity: C1 White and C2 Black from the case-level
    // extract; C3 and C4 are not in it → Unknown (C4 Y; C3 not recorded).
    assert_eq!(g(Breakdown::Ethnicity, "White"), (0.0, 1.0));
    assert_eq!(g(Breakdown::Ethnicity, "Black"), (1.0, 1.0));
    assert_eq!(g(Breakdown::Ethnicity, "Unknown"), (1.0, 1.0));
    // Age at the end from the extract's dates of birth: C1 (born Mar 2008) 16 at 20 May 2024,
    // C2 (Jul 2009) 14 at 15 Jun 2024.
    assert_eq!(g(Breakdown::AgeBand, "15-17"), (0.0, 1.0));
    assert_eq!(g(Breakdown::AgeBand, "10-14"), (1.0, 1.0));
}

#[test]
fn periods_partial_and_rolling() {
    let r = report();
    // Financial year 2024/25 holds the extract date: partial, nominal end 31 March 2025, the
    // same children as the quarter.
    let fy = find(
        &r,
        Measure::Kpi1AccommodationSuitable,
        PeriodType::FinancialYear,
        "2024-04-01",
        Breakdown::All,
        "all",
    );
    assert_eq!(fy.status, Status::Partial);
    assert_eq!(fy.period_end, d("2025-03-31"));
    assert_eq!((fy.numerator, fy.denominator), (Some(2.0), Some(3.0)));
    // Rolling 12 months to June 2024 adds C7 (ended 15 March, nothing recorded): 2 / 3 and
    // 2 not recorded.
    let roll = find(
        &r,
        Measure::Kpi1AccommodationSuitable,
        PeriodType::Rolling12m,
        "2023-07-01",
        Breakdown::All,
        "all",
    );
    assert_eq!((roll.numerator, roll.denominator), (Some(2.0), Some(3.0)));
    let roll_nr = find(
        &r,
        Measure::Kpi1AccommodationSuitableNotRecorded,
        PeriodType::Rolling12m,
        "2023-07-01",
        Breakdown::All,
        "all",
    );
    assert_eq!(roll_nr.value, Some(2.0));
}

#[test]
fn files_linkage_open_and_unknown_types_are_counted() {
    let r = report();
    let k = r.kpi.as_ref().unwrap();
    // Interventions: C1–C7 (7 children); extract: C1, C2, C9 → 2 joined, 5 interventions only,
    // 1 extract only.
    assert_eq!(
        (
            k.children_joined,
            k.children_interventions_only,
            k.children_extract_only
        ),
        (2, 5, 1)
    );
    assert_eq!(k.open_interventions, 1); // C5's DTO
                                         // C5's DTO has no setting recorded: custodial, so released from custody; C1's YRO none.
    let i = read_interventions(INTERVENTIONS.as_bytes(), &options()).unwrap();
    use yjlens_core::codes::intervention::Setting;
    assert_eq!(i.rows[5].setting, Some(Setting::CustodyRelease));
    assert_eq!(i.rows[1].setting, None);
    assert_eq!(k.unknown_type_rows, 1); // C6's Fine
    let q = k.interventions.as_ref().unwrap();
    assert_eq!((q.rows_read, q.rows_used, q.rows_rejected), (8, 8, 0));
    assert_eq!(q.unknown_codes.len(), 1);
    assert_eq!(q.unknown_codes[0].value, "Fine");
    assert!(r.notes.iter().any(|n| n.contains("2 children")));
}

#[test]
fn reader_rejects_end_before_start_and_implausible_dates_and_drops_identifiers() {
    let file = "Interventions extract produced 30/06/2024\n\
        Child ID,Surname,Order Type,Order Start Date,Order End Date,Closure Reason\n\
        A,Smith,Referral Order,01/02/2024,01/01/2024,Completed\n\
        B,Jones,YRO,01/02/2024,01/03/2031,Completed\n\
        C,Brown,YRO,01/02/2024,,\n\
        C,Brown,YRO,01/02/2024,,\n";
    let i = read_interventions(file.as_bytes(), &options()).unwrap();
    let q = &i.quality;
    // A: end before start (rejected); B: end in 2031, after today (implausible, rejected);
    // C twice: one kept, one exact duplicate.
    assert_eq!(
        (q.rows_read, q.rows_used, q.rows_rejected, q.duplicates),
        (4, 1, 2, 1)
    );
    assert!(q
        .rejected
        .iter()
        .any(|r| r.reason == "end before start" && r.examples == [3]));
    assert!(q.rejected.iter().any(|r| r.reason == "implausible date"));
    assert_eq!(q.dropped_columns, ["Surname"]);
    assert_eq!(q.title_date, Some(d("2024-06-30")));
    assert_eq!(q.header_line, 2);
}

#[test]
fn a_file_without_the_required_columns_gets_one_sentence() {
    let e = read_interventions(b"child_id,start_date\nA,2024-01-01\n", &options()).unwrap_err();
    assert!(e.message.contains("intervention_type"), "{}", e.message);
}

#[test]
fn the_profile_maps_unknown_types_and_columns() {
    let mut o = options();
    o.profile
        .intervention_columns
        .insert("intervention_type".into(), "Programme Code".into());
    o.profile
        .intervention_types
        .insert("FINE-X".into(), "Referral order".into());
    let file = "child_id,Programme Code,start_date,end_date\nA,FINE-X,2024-01-01,2024-02-01\n";
    let i = read_interventions(file.as_bytes(), &o).unwrap();
    assert_eq!(
        i.rows[0].kind,
        yjlens_core::codes::intervention::InterventionType::ReferralOrder
    );
    assert!(i.quality.unknown_codes.is_empty());
}

#[test]
fn hostile_interventions_files_are_bounded() {
    // A header of 10,001 columns: refused with one sentence.
    let wide = format!(
        "child_id,intervention_type,start_date{}\n",
        ",x".repeat(10_000)
    );
    let e = read_interventions(wide.as_bytes(), &options()).unwrap_err();
    assert!(
        e.message.contains("too big to be a header"),
        "{}",
        e.message
    );
    // A field over 64 KiB rejects its row (counted), the others are kept.
    let file = format!(
        "child_id,intervention_type,start_date\nA,YRO,2024-01-01\nB,{},2024-01-01\n",
        "x".repeat(70_000)
    );
    let i = read_interventions(file.as_bytes(), &options()).unwrap();
    assert_eq!((i.quality.rows_used, i.quality.rows_rejected), (1, 1));
    assert_eq!(i.quality.rejected[0].reason, "field too long");
    // A start before 1990 is implausible, like the case-level extract's dates.
    let old = "child_id,intervention_type,start_date\nA,YRO,01/01/0023\n";
    let i = read_interventions(old.as_bytes(), &options()).unwrap();
    assert_eq!(i.quality.rejected[0].reason, "implausible date");
    // A binary file: one sentence.
    assert!(read_interventions(&[0u8, 159, 146, 150, 0, 0, 1, 2], &options()).is_err());
}

/// The synthetic sample of 600 children (seed 3), its interventions extract and board file.
fn sample_600() -> (
    yjlens_core::extract::Extract,
    yjlens_core::extract::interventions::Interventions,
    yjlens_core::extract::interventions::Board,
) {
    use yjlens_core::sample::{self, SampleSize};
    let size = SampleSize::Children(600);
    let extract = read_extract(sample::extract_csv(size, 3).as_bytes(), &options_2025()).unwrap();
    let interventions = read_interventions(
        sample::interventions_csv(size, 3).as_bytes(),
        &options_2025(),
    )
    .unwrap();
    let board = read_board(sample::board_csv(3).as_bytes(), &options_2025()).unwrap();
    (extract, interventions, board)
}

#[test]
fn public_mode_publishes_no_small_kpi_number() {
    use yjlens_core::publish::disclosure::{apply, DisclosureSettings};
    let (extract, interventions, board) = sample_600();
    let report = compute_with(&Inputs {
        extract: &extract,
        settings: &Settings::default(),
        population: None,
        interventions: Some(&interventions),
        board: Some(&board),
    });
    let kpi: Vec<Figure> = report
        .figures
        .iter()
        .filter(|f| f.measure.family() == yjlens_core::catalogue::Family::Kpi)
        .cloned()
        .collect();
    assert!(kpi
        .iter()
        .any(|f| f.numerator.is_some_and(|n| n > 0.0 && n < 5.0)));
    let control = DisclosureSettings::new(5, true).unwrap();
    let published = apply(report.figures.clone(), &control);
    let mut shown = 0;
    for f in published
        .iter()
        .filter(|f| f.measure.family() == yjlens_core::catalogue::Family::Kpi && !f.suppressed)
    {
        shown += 1;
        for v in [f.numerator, f.denominator].into_iter().flatten() {
            assert!(
                !(v > 0.0 && v < 5.0),
                "{} {} {}: {v}",
                f.measure,
                f.period_label,
                f.group
            );
        }
        if f.unit == yjlens_core::catalogue::Unit::Percent {
            assert!(f.denominator.unwrap_or(0.0) >= 10.0 || f.value.is_none());
        }
    }
    assert!(shown > 0, "some KPI figures are published");
}

fn options_2025() -> ReadOptions {
    ReadOptions {
        today: Some(d("2025-12-31")),
        ..ReadOptions::default()
    }
}

#[test]
fn month_first_dates_are_refused_until_confirmed() {
    // 12/31/2023 is impossible day-first (month 31) but valid month-first.
    let file = "child_id,intervention_type,start_date,end_date\nA,YRO,12/31/2023,01/15/2024\n";
    let e = read_interventions(file.as_bytes(), &options()).unwrap_err();
    assert!(
        e.message.contains("start_date") && e.message.contains("12/31/2023"),
        "{}",
        e.message
    );
    let mut o = options();
    o.profile.month_first = vec!["start_date".into(), "end_date".into()];
    let i = read_interventions(file.as_bytes(), &o).unwrap();
    assert_eq!(i.rows[0].end, Some(d("2024-01-15")));
}

#[test]
fn more_victims_engaged_than_consented_is_not_recorded() {
    let file = "child_id,intervention_type,start_date,end_date,victims_consented,victims_engaged\n\
        A,YRO,2024-01-01,2024-05-01,1,3\n\
        B,YRO,2024-01-01,2024-05-01,2,1\n";
    let i = read_interventions(file.as_bytes(), &options()).unwrap();
    assert_eq!(
        (i.rows[0].victims_consented, i.rows[0].victims_engaged),
        (None, None)
    );
    assert_eq!(
        i.quality.warnings[0].reason,
        "more victims engaged than consented (both left blank)"
    );
    assert_eq!(
        (i.rows[1].victims_consented, i.rows[1].victims_engaged),
        (Some(2), Some(1))
    );
}

#[test]
fn ete_hours_are_a_mean_over_the_children_with_hours() {
    // Apr–Jun 2024: A (latest row) 20 offered / 15 attended, B 10 / blank, C no hours →
    // offered (20 + 10) / 2 = 15.0, attended 15 / 1 = 15.0. A's earlier row (30) is not used.
    let file =
        "child_id,intervention_type,start_date,end_date,ete_hours_offered,ete_hours_attended\n\
        A,YRO,2024-01-01,2024-04-10,30,30\n\
        A,YRO,2024-01-01,2024-05-10,20,15\n\
        B,YRO,2024-01-01,2024-05-10,10,\n\
        C,YRO,2024-01-01,2024-05-10,,\n";
    let interventions = read_interventions(file.as_bytes(), &options()).unwrap();
    let settings = Settings {
        extract_date: Some(d("2024-06-30")),
        ..Settings::default()
    };
    let r = compute_with(&Inputs {
        extract: &yjlens_core::extract::Extract::default(),
        settings: &settings,
        population: None,
        interventions: Some(&interventions),
        board: None,
    });
    let q = |m| {
        let f = find(
            &r,
            m,
            PeriodType::Quarter,
            "2024-04-01",
            Breakdown::All,
            "all",
        );
        (f.numerator, f.denominator, f.value)
    };
    assert_eq!(
        q(Measure::KpiEteHoursOffered),
        (Some(30.0), Some(2.0), Some(15.0))
    );
    assert_eq!(
        q(Measure::KpiEteHoursAttended),
        (Some(15.0), Some(1.0), Some(15.0))
    );
}

#[test]
fn a_board_file_with_more_rejected_rows_than_the_list_holds_says_the_list_is_cut() {
    // One kept row, then MAX_REJECTED_LINES + 1 rows without a partner: every one is counted,
    // the list of rejected lines stops at MAX_REJECTED_LINES (100,000) and says it was cut, as
    // the case-level and interventions readers do (the board reader once left the flag unset).
    let max = yjlens_core::extract::quality::MAX_REJECTED_LINES;
    let mut csv = String::from("meeting_date,partner,attended\n2024-04-15,Education,Y\n");
    for _ in 0..=max {
        csv.push_str("2024-04-15,,Y\n");
    }
    let board = read_board(csv.as_bytes(), &options()).unwrap();
    let q = &board.quality;
    assert_eq!(q.rows_used, 1);
    assert_eq!(q.rows_rejected, max as u64 + 1);
    assert_eq!(q.rejected_lines.len(), max);
    assert!(q.rejected_lines_truncated);
}

#[test]
fn the_kpis_without_the_year_earlier_figures_are_the_same_figures() {
    // Issue 15: with the KPIs' files, the browser computes every figure but the year-earlier
    // ones in the widget's worker (`compute_with_figures`) and those in another: together they
    // must be `compute_with`'s report.
    use yjlens_core::measures::{compute_with_figures, compute_year_earlier};
    let (extract, interventions, board) = sample_600();
    let inputs = Inputs {
        extract: &extract,
        settings: &Settings::default(),
        population: None,
        interventions: Some(&interventions),
        board: Some(&board),
    };
    let whole = compute_with(&inputs);
    let figures = compute_with_figures(&inputs);
    assert!(
        whole.year_earlier.len() > 100,
        "{}",
        whole.year_earlier.len()
    );
    assert!(figures.year_earlier.is_empty());
    assert_eq!(figures.year_earlier_as_at, None);
    assert!(figures
        .figures
        .iter()
        .any(|f| f.measure.family() == yjlens_core::catalogue::Family::Kpi));
    assert_eq!(figures.figures, whole.figures);
    let there = Settings {
        extract_date: Some(whole.extract_date),
        ..Settings::default()
    };
    let (as_at, earlier) = compute_year_earlier(&extract, &there, None).unwrap();
    assert_eq!(Some(as_at), whole.year_earlier_as_at);
    assert_eq!(earlier, whole.year_earlier);
}
