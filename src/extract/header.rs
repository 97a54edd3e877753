//! Recognising a header among a spreadsheet's rows (issue 13: spreadsheets in): how many of a
//! row's cells name a known extract column, by the same names and synonyms as a CSV's header
//! (or the columns a mapping profile names). The spreadsheet reader (`yjlens-sheets`) uses it
//! to find the header row of each sheet and the sheet of a workbook to read.

use super::columns::{builtin_field, normalise, FIELDS};
use super::MappingProfile;

/// The known columns a row of cells names: distinct extract fields matched by their built-in
/// names and synonyms (case- and punctuation-insensitively, as a CSV header is), plus headers
/// the profile maps. `required` counts those of the four required fields (`child_id`,
/// `offence_date`, `outcome_date`, `outcome`) matched by built-in names.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct HeaderScore {
    pub required: usize,
    pub known: usize,
}

/// Score a row of cells as an extract header ([`HeaderScore`]).
pub fn header_score(cells: &[&str], profile: &MappingProfile) -> HeaderScore {
    let mapped: Vec<String> = profile.columns.values().map(|h| normalise(h)).collect();
    let mut seen = Vec::new();
    let mut fields = [false; FIELDS.len()];
    let mut known = 0;
    for cell in cells {
        let n = normalise(cell);
        if n.is_empty() || seen.contains(&n) {
            continue;
        }
        let builtin = builtin_field(&n);
        if builtin.is_some() || mapped.contains(&n) {
            seen.push(n);
            known += 1;
        }
        if let Some(f) = builtin {
            fields[f as usize] = true;
        }
    }
    let required = FIELDS
        .iter()
        .filter(|f| f.required() && fields[**f as usize])
        .count();
    HeaderScore { required, known }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_known_and_required_columns() {
        let p = MappingProfile::default();
        let s = header_score(
            &[
                "Child ID",
                "Date of offence",
                "Disposal date",
                "Outcome",
                "Sex",
                "Notes",
            ],
            &p,
        );
        assert_eq!(
            s,
            HeaderScore {
                required: 4,
                known: 5
            }
        );
        let s = header_score(&["Note number", "Note text"], &p);
        assert_eq!(s, HeaderScore::default());
        // The same column twice counts once.
        let s = header_score(&["sex", "Sex", "gender"], &p);
        assert_eq!(s.known, 2);
    }
}
