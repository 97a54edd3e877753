//! Issue 16: `--lang cy` writes the CLI's readable text in Welsh — the report's summary and
//! notes, the quality report, each figure's definition and period label in the aggregate CSV —
//! while ids (JSON keys and values, the aggregate's id columns) stay English. `--lang en` (the
//! default) is the text as before; another language is refused in one sentence.

mod common;

use std::process::Output;

use common::{yjlens, Folder};

/// A temp folder holding a tiny extract and population.
fn fixture(name: &str) -> Folder {
    let f = Folder::new(&format!("welsh-{name}"));
    // Three children; B's two rows are the same occasion's offence and a later one.
    f.put(
        "extract.csv",
        "child_id,offence_date,outcome_date,outcome,date_of_birth,sex\n\
         A,01/02/2024,01/02/2024,Youth Rehabilitation Order,01/01/2008,M\n\
         B,01/03/2024,01/03/2024,Fine,01/01/2008,F\n\
         B,15/05/2024,20/05/2024,Referral Order,01/01/2008,F\n\
         C,01/04/2024,,Fine,01/01/2008,F\n",
    );
    f.put("pop.csv", "year,population\n2024,10000\n");
    f
}

fn stdout(o: &Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn report_in_welsh_with_hand_checked_lines() {
    let f = fixture("report");
    let (extract, pop) = (f.path("extract.csv"), f.path("pop.csv"));
    let args = [
        "report",
        &extract,
        "--population",
        &pop,
        "--extract-date",
        "2024-06-30",
    ];
    let cy = stdout(&yjlens(&[&["--lang", "cy"], &args[..]].concat()));
    let en = stdout(&yjlens(&args));
    // The head: the date source in Welsh ("set by the user").
    assert!(
        cy.starts_with("yjlens ")
            && cy.contains(
                "dyddiad y darn data 2024-06-30 (30 Meh 2024, wedi’i osod gan y defnyddiwr)"
            ),
        "{cy}"
    );
    // The cohort of Jan–Mar 2024: A (1 Feb) and B (1 Mar) = 2 children; B reoffended (15 May,
    // outcome 20 May) = 1 reoffender, 1 reoffence; 1 / 2 = 50.0%, Wilson 95%: (0.5 + 0.9604 ±
    // 1.96 × √(0.125 + 0.2401)) / 2.9208 = 9.5–90.5; 0.50 per child, 1.00 per reoffender;
    // tracking incomplete at 30 June 2024, so provisional ("dros dro").
    assert!(
        cy.contains("\nIon–Maw 2024                        2           1        50.0 (9.5–90.5)          1      0.50           1.00  dros dro (olrhain heb ei gwblhau)\n"),
        "{cy}"
    );
    // The headline quarter Apr–Jun 2024: no first-time entrant (B's May outcome is his second),
    // 0 / 10,000; the denominator sentence in Welsh under it, in English in English.
    assert!(
        cy.contains("Prif ffigurau, Ebr–Meh 2024:\n  newydd-ddyfodiaid: 0 plentyn; 0 fesul 100,000 oed 10-17\n    Enwadur: pop.csv, poblogaeth 2024 10–17 oed.\n"),
        "{cy}"
    );
    assert!(
        en.contains("Headlines, Apr–Jun 2024:\n  first-time entrants: 0 children; 0 per 100,000 aged 10-17\n    Denominator: pop.csv, 2024 population aged 10–17.\n"),
        "{en}"
    );
    // No English heading is left, and the English text is as before.
    for english in [
        "Headlines",
        "Notes:",
        "settings:",
        "population:",
        "figures.",
    ] {
        assert!(!cy.contains(english), "{english} in:\n{cy}");
        assert!(
            en.contains(english),
            "{english} missing from English:\n{en}"
        );
    }
    assert!(cy.contains("\nNodiadau:\n"), "{cy}");
    // `--lang` is global: after the subcommand too.
    assert_eq!(
        cy,
        stdout(&yjlens(&[&args[..], &["--lang", "cy"]].concat()))
    );
}

#[test]
fn quality_report_in_welsh() {
    let f = fixture("quality");
    let cy = stdout(&yjlens(&[
        "--lang",
        "cy",
        "quality",
        &f.path("extract.csv"),
    ]));
    // Four rows read; C's row has no outcome date (a required value): rejected, 3 used.
    assert!(
        cy.contains("Rhesi a ddarllenwyd 4: defnyddiwyd 3, gwrthodwyd 1, dyblygiadau union 0 (cadwyd unwaith)."),
        "{cy}"
    );
    assert!(
        cy.contains("  Gwerth gofynnol ar goll ym maes dyddiad y canlyniad: 1 rhes (llinell 5)"),
        "{cy}"
    );
    assert!(
        cy.contains("Colofnau a ddefnyddiwyd:") && !cy.contains("Rows read"),
        "{cy}"
    );
}

#[test]
fn aggregate_ids_stay_english_labels_follow_the_language() {
    let f = fixture("aggregate");
    let o = yjlens(&[
        "--lang",
        "cy",
        "aggregate",
        &f.path("extract.csv"),
        "--extract-date",
        "2024-06-30",
        "--no-suppress",
    ]);
    let out = stdout(&o);
    // The warning on stderr is Welsh too.
    let warning = String::from_utf8_lossy(&o.stderr);
    assert!(
        warning.contains("--no-suppress") && !warning.contains("not safe"),
        "{warning}"
    );
    let mut lines = out.trim_start_matches('\u{feff}').lines();
    let head = lines.next().unwrap();
    assert!(
        head.starts_with(
            "measure,stage,period_type,period_start,period_end,period_label,breakdown,group,"
        ),
        "{head}"
    );
    // First-time entrants of Jan–Mar 2024: A (1 Feb) and B (1 Mar) = 2 children. Ids English
    // (measure, period type, breakdown, group, unit), the label and definition Welsh.
    let fte = lines
        .find(|l| l.starts_with("fte_count,,quarter,2024-01-01,2024-03-31,"))
        .expect("an FTE quarter row");
    assert!(
        fte.contains(",Ion–Maw 2024,all,all,,,2,,2,children,"),
        "{fte}"
    );
    assert!(
        fte.contains("\"Achlysur sylweddol cyntaf yn y darn data, 10-17 oed."),
        "{fte}"
    );
    assert!(fte.contains(",children,"), "the unit is an id: {fte}");
    assert!(
        !fte.contains("First-time entrants"),
        "the definition is Welsh: {fte}"
    );
}

#[test]
fn json_ids_stay_english_and_another_language_is_refused() {
    let f = fixture("json");
    let cy = stdout(&yjlens(&[
        "--lang",
        "cy",
        "report",
        &f.path("extract.csv"),
        "--json",
    ]));
    let v: serde_json::Value = serde_json::from_str(&cy).unwrap();
    let fig = &v["figures"][0];
    assert!(fig["measure"]
        .as_str()
        .unwrap()
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'));
    let o = yjlens(&["--lang", "fr", "report", &f.path("extract.csv")]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("--lang") && err.trim().lines().count() == 1,
        "{err}"
    );
}
