//! `yjlens kpi`, `aggregate --interventions --board` and `sample --interventions`: the table,
//! the JSON and the aggregate rows carry the same hand-worked figures; the synthetic
//! interventions extract joins the synthetic extract of the same seed.

mod common;

use common::{ok as run, refused, Folder};

/// The KPI files of the hand-worked figures, written into `dir` (a folder of the test's own:
/// tests run at the same time, and one writing a file while another reads it saw it empty).
fn files(dir: &Folder) -> (String, String) {
    // Apr–Jun 2024: A's accommodation Y, B's N, C's blank (not recorded) → KPI 1 = 1 / 2 =
    // 50%, 1 not recorded (1 of 3 > 10%: recording).
    let interventions = dir.put(
        "interventions.csv",
        "child_id,intervention_type,start_date,end_date,accommodation_suitable\n\
         A,Referral order,01/01/2024,01/05/2024,Y\n\
         B,YRO,01/01/2024,01/06/2024,N\n\
         C,Youth caution,01/01/2024,10/06/2024,\n",
    );
    // Two of three partners attended: 2 / 3.
    let board = dir.put(
        "board.csv",
        "Date,Member,Present\n20/05/2024,Police,Y\n20/05/2024,Health,N\n20/05/2024,Education,Y\n",
    );
    (interventions, board)
}

#[test]
fn kpi_prints_the_table_in_the_return_order() {
    let dir = Folder::new("kpi-table");
    let (i, b) = files(&dir);
    let table = run(&["kpi", &i, "--board", &b, "--extract-date", "2024-06-30"]);
    assert!(
        table.starts_with("KPIs for Apr–Jun 2024 (final)"),
        "{table}"
    );
    let row = table.lines().find(|l| l.starts_with("KPI 1:")).unwrap();
    let cells: Vec<&str> = row.split("  ").filter(|c| !c.trim().is_empty()).collect();
    assert_eq!(cells[1].trim(), "1");
    assert_eq!(cells[2].trim(), "2");
    assert_eq!(cells[3].trim(), "50.0%");
    assert_eq!(cells[5].trim(), "1 (recording)");
    let board = table.lines().find(|l| l.starts_with("KPI 7:")).unwrap();
    assert!(board.contains("66.7%"), "{board}");
    // The return's order: KPI 1 before KPI 2 … before KPI 10.
    let at = |k: &str| table.find(k).unwrap();
    assert!(at("KPI 1:") < at("KPI 2:") && at("KPI 8:") < at("KPI 10:"));
}

#[test]
fn kpi_json_and_aggregate_carry_the_same_figures() {
    let dir = Folder::new("kpi-json");
    let (i, b) = files(&dir);
    let json: serde_json::Value = serde_json::from_str(&run(&[
        "kpi",
        &i,
        "--board",
        &b,
        "--extract-date",
        "2024-06-30",
        "--json",
    ]))
    .unwrap();
    let kpi1 = json["figures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| {
            f["measure"] == "kpi1_accommodation_suitable"
                && f["period_type"] == "quarter"
                && f["period_start"] == "2024-04-01"
                && f["breakdown"] == "all"
        })
        .unwrap();
    assert_eq!(
        (kpi1["numerator"].as_f64(), kpi1["denominator"].as_f64()),
        (Some(1.0), Some(2.0))
    );
    assert_eq!(kpi1["flag"], "recording");

    // The aggregate file needs a case-level extract; one child is enough.
    let dir = std::path::Path::new(&i).parent().unwrap();
    let extract = dir.join("extract.csv");
    std::fs::write(
        &extract,
        "child_id,offence_date,outcome_date,outcome\nA,01/02/2024,01/03/2024,Referral Order\n",
    )
    .unwrap();
    let csv = run(&[
        "aggregate",
        extract.to_str().unwrap(),
        "--interventions",
        &i,
        "--board",
        &b,
        "--extract-date",
        "2024-06-30",
        "--no-suppress",
    ]);
    let row = csv
        .lines()
        .find(|l| {
            l.starts_with("kpi1_accommodation_suitable,,quarter,2024-04-01,")
                && l.contains(",all,all,")
        })
        .unwrap();
    assert!(row.contains(",1,2,50,"), "{row}");
    assert!(csv.lines().any(
        |l| l.starts_with("kpi7_board_attendance,,quarter,2024-04-01,")
            && l.contains(",partner,Health,")
    ));
}

#[test]
fn the_sample_interventions_join_the_sample_extract() {
    let dir = std::env::temp_dir().join(format!("yjlens-kpi-sample-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let e = dir.join("e.csv");
    let i = dir.join("i.csv");
    std::fs::write(&e, run(&["sample", "--children", "300", "--seed", "5"])).unwrap();
    let interventions = run(&[
        "sample",
        "--children",
        "300",
        "--seed",
        "5",
        "--interventions",
    ]);
    // Deterministic: the same size and seed give the same bytes.
    assert_eq!(
        interventions,
        run(&[
            "sample",
            "--children",
            "300",
            "--seed",
            "5",
            "--interventions"
        ])
    );
    std::fs::write(&i, &interventions).unwrap();
    let json: serde_json::Value = serde_json::from_str(&run(&[
        "kpi",
        i.to_str().unwrap(),
        "--extract",
        e.to_str().unwrap(),
        "--json",
    ]))
    .unwrap();
    // Every child of the interventions extract is a child of the extract.
    assert_eq!(json["kpi"]["children_interventions_only"], 0);
    assert!(json["kpi"]["children_joined"].as_u64().unwrap() > 200);
    // Some statuses are not recorded, and the rates are realistic: KPI 1 (suitable
    // accommodation) over all periods between 70% and 100%.
    let figures = json["figures"].as_array().unwrap();
    let nr: f64 = figures
        .iter()
        .filter(|f| {
            f["measure"] == "kpi2_ete_suitable_not_recorded"
                && f["period_type"] == "financial_year"
                && f["breakdown"] == "all"
        })
        .map(|f| f["value"].as_f64().unwrap())
        .sum();
    assert!(nr > 0.0);
    for f in figures.iter().filter(|f| {
        f["measure"] == "kpi1_accommodation_suitable"
            && f["period_type"] == "financial_year"
            && f["breakdown"] == "all"
            && f["denominator"].as_f64().unwrap_or(0.0) >= 30.0
    }) {
        let v = f["value"].as_f64().unwrap();
        assert!((70.0..=100.0).contains(&v), "{v}");
    }
}

#[test]
fn a_refused_interventions_file_is_one_sentence_and_exit_2() {
    let dir = Folder::new("kpi-refused");
    let f = dir.put("no-type.csv", "child_id,start_date\nA,01/01/2024\n");
    let err = refused(&["kpi", &f]);
    assert!(err.contains("No column matches intervention_type"), "{err}");
}

#[test]
fn kpi_puts_typed_regional_and_national_figures_beside_each_kpi() {
    // Published KPI 1 figures for Apr–Jun 2024 typed by hand: London 85% (a region by its
    // name), England and Wales 88.5% (a nation by its code), and KPI 1 for Jan–Mar 2024 (another
    // period: never set beside ours).
    let dir = Folder::new("kpi-beside");
    let (i, _) = files(&dir);
    let headline = dir.put(
        "kpi_headline.csv",
        "area,area_code,measure,period_type,period_start,period_end,numerator,denominator,value\n\
         London,,kpi1_accommodation_suitable,quarter,2024-04-01,2024-06-30,170,200,85\n\
         England and Wales,K04000001,kpi1_accommodation_suitable,quarter,2024-04-01,2024-06-30,,,88.5\n\
         London,,kpi1_accommodation_suitable,quarter,2024-01-01,2024-03-31,,,60\n",
    );
    let table = run(&[
        "kpi",
        &i,
        "--extract-date",
        "2024-06-30",
        "--comparators",
        &headline,
    ]);
    let head = table.lines().find(|l| l.starts_with("KPI ")).unwrap();
    assert!(
        head.trim_end().ends_with("London  England and Wales"),
        "{table}"
    );
    // Ours: 1 / 2 = 50.0%; beside it London 85.0% and England and Wales 88.5%.
    let row = table.lines().find(|l| l.starts_with("KPI 1:")).unwrap();
    let cells: Vec<&str> = row.split("  ").filter(|c| !c.trim().is_empty()).collect();
    assert_eq!(cells[3].trim(), "50.0%");
    assert_eq!(
        cells[cells.len() - 2..]
            .iter()
            .map(|c| c.trim())
            .collect::<Vec<_>>(),
        ["85.0%", "88.5%"],
        "{table}"
    );
}
