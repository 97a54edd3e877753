//! The CLI names the population by its file's name and writes the aggregate file with a BOM.

mod common;

use common::ok as run;

#[test]
fn cli_names_the_population_file_and_writes_a_bom() {
    let dir = std::env::temp_dir().join(format!("yjlens-cli-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("folder")).unwrap();
    let extract = dir.join("extract.csv");
    let pop = dir.join("folder").join("pop-2024.csv");
    std::fs::write(
        &extract,
        "child_id,offence_date,outcome_date,outcome,date_of_birth\n\
         A,01/02/2024,01/02/2024,Youth Rehabilitation Order,01/01/2008\n\
         B,01/03/2024,01/03/2024,Fine,01/01/2008\n",
    )
    .unwrap();
    std::fs::write(&pop, "year,population\n2024,10000\n").unwrap();
    let (e, p) = (extract.to_str().unwrap(), pop.to_str().unwrap());
    let csv = run(&["aggregate", e, "--population", p, "--no-suppress"]);
    assert!(csv.starts_with("\u{feff}measure,stage,"));
    // Jan–Mar 2024: 2 first-time entrants / 10,000 × 100,000 = 20, its denominator named by
    // the file's name only (not its folder).
    let row = csv
        .lines()
        .find(|l| l.starts_with("fte_rate,,quarter,2024-01-01,") && l.contains(",all,all,"))
        .unwrap();
    assert!(row.contains(",2,10000,20,"), "{row}");
    assert!(
        row.contains("Denominator: pop-2024.csv, 2024 population aged 10–17."),
        "{row}"
    );
    assert!(!row.contains("folder"), "{row}");
    let summary = run(&["report", e, "--population", p]);
    assert!(
        summary.contains("population: pop-2024.csv (years used: 2024)"),
        "{summary}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
