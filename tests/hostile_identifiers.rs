//! Identifier-like headers (the "hostile input" issue, item 5): a column whose header names a
//! person's name, a pupil or learner number, a phone number, an address, a passport or
//! driving licence number, an alias or a "known as" name is dropped on ingest and listed as
//! an identifier — whatever the possessive ("Child's", "Mother’s"), brackets ("Name (young
//! person)") or abbreviation ("Addr1", "Mob", "Tel no") — while a name of a thing ("Offence
//! Name", "Court name", "Team Name") and "School" are kept as columns not used.
//!
//! Before this, all sixteen identifier headers below were kept as "not used".

use yjlens_core::extract::{read_extract, ReadOptions};

const REQUIRED: &str = "child_id,offence_date,outcome_date,outcome";

/// An extract with the required columns, then `extra` headers whose one row holds `value N`
/// (N = the column's position among the extras).
fn extract_with(extra: &[&str]) -> yjlens_core::extract::Extract {
    let values: Vec<String> = (0..extra.len()).map(|i| format!("secret{i}x")).collect();
    let csv = format!(
        "{REQUIRED},{}\nC1,01/02/2024,03/04/2024,Fine,{}\n",
        extra.join(","),
        values.join(",")
    );
    read_extract(csv.as_bytes(), &ReadOptions::default()).expect("the extract is read")
}

/// The issue's list: every one a direct identifier.
const IDENTIFIERS: [&str; 16] = [
    "Child's name",
    "Young person's name",
    "Name (young person)",
    "Pupil Name",
    "Student name",
    "Mother's name",
    "Unique Pupil Number",
    "Unique Learner Number",
    "Contact number",
    "Mob",
    "Home Addr",
    "Addr1",
    "Passport number",
    "Driving licence number",
    "Alias",
    "Known As",
];

/// Names of things, and other columns that are not identifiers.
const KEPT: [&str; 4] = ["Offence Name", "Court name", "Team Name", "School"];

#[test]
fn the_issues_identifier_headers_are_dropped_and_the_things_kept() {
    let mut headers: Vec<&str> = IDENTIFIERS.to_vec();
    headers.extend(KEPT);
    let e = extract_with(&headers);
    // All 16 dropped, in file order; the 4 others kept as not used.
    assert_eq!(e.quality.dropped_columns, IDENTIFIERS);
    assert_eq!(e.quality.ignored_columns, KEPT);
    // The row is used, and no dropped value is stored anywhere (values 0–15 are the
    // identifiers'; 16–19 the kept columns', which are not used either).
    assert_eq!(e.quality.rows_used, 1);
    let json = serde_json::to_string(&e).unwrap() + &e.quality.summary();
    for i in 0..IDENTIFIERS.len() {
        assert!(!json.contains(&format!("secret{i}x")), "value {i} leaked");
    }
}

#[test]
fn the_rule_is_general_not_a_list() {
    // Curly apostrophes, plural possessives, upper case, other brackets and separators,
    // camel case and abbreviations of the same words.
    let identifiers = [
        "Child’s Name",
        "CHILD'S NAME",
        "Parents' names",
        "Name [child]",
        "Name - young person",
        "name_of_pupil",
        "Name of child 1",
        "LearnerName",
        "ULN",
        "Pupil No",
        "Student ID",
        "Learner Ref",
        "Home number",
        "Mobile no",
        "Mob No",
        "Tel No",
        "Addr 2",
        "Address_Line_3",
        "Passport No",
        "Driving License No",
        "Licence number",
        "Aliases",
        "AKA",
        "Also known as",
        "Nickname",
    ];
    let e = extract_with(&identifiers);
    assert_eq!(e.quality.dropped_columns, identifiers);
    let kept = [
        "Offence name",
        "Name of offence",
        "Court Name (sentencing)",
        "School",
        "School name",
        "Number of contacts",
        "Number of home visits",
        "Number of pupils",
        "Contact type",
        "Licence end date",
        "On licence",
        "Pupil Referral Unit",
        "Known to social care",
        "Outcome name",
        "Worker team",
    ];
    let e = extract_with(&kept);
    assert!(
        e.quality.dropped_columns.is_empty(),
        "{:?}",
        e.quality.dropped_columns
    );
    assert_eq!(e.quality.ignored_columns, kept);
}

#[test]
fn the_fields_own_headers_are_never_identifiers() {
    // Every column a field is matched by is used, never dropped: "YOB-MOB" (year and month
    // of birth) is not a mobile, "Child ID" not a pupil number.
    let csv = "Child ID,Date of Offence,Disposal Date,Disposal,YOB-MOB,Gender,Ethnic group,Offence type,Gravity score,Date of release,Order end date,LAC status,YOT\n\
               C1,01/02/2024,03/04/2024,Fine,2008-01,M,White,Theft,3,,,N,North\n";
    let e = read_extract(csv.as_bytes(), &ReadOptions::default()).unwrap();
    assert!(
        e.quality.dropped_columns.is_empty(),
        "{:?}",
        e.quality.dropped_columns
    );
    assert!(
        e.quality.ignored_columns.is_empty(),
        "{:?}",
        e.quality.ignored_columns
    );
    assert_eq!(e.quality.columns.len(), 13);
}
