//! Which row of a sheet is its header, and which table of a workbook to read.
//!
//! A sheet's header is the first of its first [`SCAN`] non-blank rows that names the most known
//! extract columns, at least two ([`yjlens_core::extract::header_score`]: the same names and
//! synonyms as a CSV header, and the columns of the mapping profile). A sheet with no such row
//! (a population file, a published table) has a header when one of those rows is a row of
//! text across at least half the table's width with a row of values under it. Cover, contents
//! and notes sheets ("Cover", "Notes", "Contents", …) and hidden sheets are read only when
//! nothing else has a header.

use yjlens_core::extract::{header_score, HeaderScore, MappingProfile};

use crate::Table;

/// How many non-blank rows of a sheet are examined for its header.
pub(crate) const SCAN: usize = 50;

/// A scanned row: its 0-based row number and its cells from column A (text, whether the cell
/// holds text).
pub(crate) type ScanRow = (usize, Vec<(String, bool)>);

/// The header of a sheet from its first non-blank rows: (row number, cells, score).
pub(crate) fn header(
    rows: &[ScanRow],
    profile: &MappingProfile,
) -> Option<(usize, Vec<String>, HeaderScore)> {
    let cells = |r: &ScanRow| -> Vec<String> {
        let mut c: Vec<String> = r.1.iter().map(|(t, _)| t.trim().to_string()).collect();
        while c.last().is_some_and(String::is_empty) {
            c.pop();
        }
        c
    };
    let mut best: Option<(usize, HeaderScore)> = None;
    for (i, r) in rows.iter().enumerate() {
        let texts = cells(r);
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let s = header_score(&refs, profile);
        if s.known >= 2 && best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    if let Some((i, s)) = best {
        return Some((rows[i].0, cells(&rows[i]), s));
    }
    // No known columns: a row of text across at least half the width, with values under it.
    let filled = |r: &ScanRow| r.1.iter().filter(|(t, _)| !t.trim().is_empty()).count();
    let widest = rows.iter().map(filled).max().unwrap_or(0);
    rows.iter().enumerate().find_map(|(i, r)| {
        let n = filled(r);
        let all_text =
            r.1.iter()
                .all(|(t, is_text)| *is_text || t.trim().is_empty());
        let data_below = rows[i + 1..].iter().any(|r| filled(r) >= 2);
        (n >= 2 && 2 * n >= widest && all_text && data_below)
            .then(|| (r.0, cells(r), HeaderScore::default()))
    })
}

/// Whether a sheet's name says it is not data: a cover, contents, notes or similar sheet.
pub(crate) fn aside(name: &str) -> bool {
    const WORDS: [&str; 16] = [
        "cover",
        "contents",
        "table of contents",
        "notes",
        "note",
        "about",
        "information",
        "info",
        "readme",
        "read me",
        "metadata",
        "definitions",
        "glossary",
        "guidance",
        "introduction",
        "front page",
    ];
    let n: String = name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let n = n.split_whitespace().collect::<Vec<_>>().join(" ");
    WORDS
        .iter()
        .any(|w| n == *w || n.strip_prefix(w).is_some_and(|rest| rest.starts_with(' ')))
}

/// How a table ranks as the one to read: known extract columns first (all four required ones
/// best), then a visible data sheet over a hidden or cover/notes one, then any header, then
/// size.
fn rank(t: &Table) -> (usize, usize, bool, bool, usize) {
    let known = if t.known >= 2 { t.known } else { 0 };
    (
        t.required,
        known,
        !t.hidden && !t.aside,
        t.header_row.is_some(),
        t.rows.saturating_mul(t.columns),
    )
}

/// The table to read when the user has not chosen (the first of the best ranked), and whether
/// the choice is clear: no other table ranks the same but for its size.
pub(crate) fn best(tables: &[Table]) -> (Option<usize>, bool) {
    let mut best: Option<usize> = None;
    for (i, t) in tables.iter().enumerate() {
        if best.is_none_or(|b| rank(t) > rank(&tables[b])) {
            best = Some(i);
        }
    }
    let Some(b) = best else {
        return (None, false);
    };
    let key = |t: &Table| {
        let r = rank(t);
        (r.0, r.1, r.2, r.3)
    };
    let clear = tables[b].header_row.is_some()
        && tables
            .iter()
            .enumerate()
            .all(|(i, t)| i == b || key(t) < key(&tables[b]));
    (best, clear)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(n: usize, cells: &[&str]) -> ScanRow {
        (
            n,
            cells
                .iter()
                .map(|c| (c.to_string(), c.parse::<f64>().is_err()))
                .collect(),
        )
    }

    #[test]
    fn extract_header_below_a_title() {
        let rows = [
            row(0, &["Youth justice extract, produced 30/09/2025"]),
            row(2, &["child_id", "offence_date", "outcome_date", "outcome"]),
            row(3, &["C1", "45000", "45010", "Youth Caution"]),
        ];
        let (r, cells, s) = header(&rows, &MappingProfile::default()).unwrap();
        assert_eq!((r, cells.len(), s.required), (2, 4, 4));
    }

    #[test]
    fn published_table_header_by_shape() {
        let rows = [
            row(0, &["Table 3: children by ethnicity"]),
            row(1, &["This worksheet contains one table."]),
            row(3, &["Financial_Year", "Region", "Number_Children", "Note"]),
            row(4, &["2023-24", "London", "12"]),
        ];
        let (r, _, s) = header(&rows, &MappingProfile::default()).unwrap();
        assert_eq!((r, s.known), (3, 0));
        // A cover sheet: one column of text.
        let cover = [
            row(0, &["Youth Justice Statistics"]),
            row(1, &["Published 2025"]),
        ];
        assert!(header(&cover, &MappingProfile::default()).is_none());
    }

    #[test]
    fn aside_names() {
        for n in [
            "Cover",
            "Cover sheet",
            "Notes",
            "Table of contents",
            "notes_1",
            "README",
        ] {
            assert!(aside(n), "{n}");
        }
        for n in ["Data", "Table_1", "Notebook", "Coverage"] {
            assert!(!aside(n), "{n}");
        }
    }
}
