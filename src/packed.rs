//! The report's figures in columnar form, for crossing from the Web Worker to the page: a
//! dictionary of the distinct strings, one `u32` index per text cell, one `f64` per number
//! (NaN = none). Tens of thousands of figures then travel as three transferable typed arrays
//! instead of tens of thousands of objects, and the page indexes them without copying.

use std::collections::HashMap;

use crate::report::{Figure, Status};

/// Text columns, in the order of [`PackedFigures::text`]'s row stride.
pub const TEXT_COLUMNS: [&str; 14] = [
    "measure",
    "stage",
    "period_type",
    "period_start",
    "period_end",
    "period_label",
    "breakdown",
    "group",
    "breakdown2",
    "group2",
    "unit",
    "flag",
    "status",
    "definition",
];

/// Number columns, in the order of [`PackedFigures::numbers`]'s row stride.
pub const NUMBER_COLUMNS: [&str; 5] = ["numerator", "denominator", "value", "ci_low", "ci_high"];

#[derive(Clone, Debug, Default, PartialEq)]
pub struct PackedFigures {
    /// Distinct strings; text cells index into it.
    pub strings: Vec<String>,
    /// `len × TEXT_COLUMNS.len()` indices into `strings`, row-major.
    pub text: Vec<u32>,
    /// `len × NUMBER_COLUMNS.len()` values, row-major; NaN where the figure has none.
    pub numbers: Vec<f64>,
    /// 1 where disclosure control suppressed the figure.
    pub suppressed: Vec<u8>,
}

impl PackedFigures {
    pub fn len(&self) -> usize {
        self.suppressed.len()
    }

    pub fn is_empty(&self) -> bool {
        self.suppressed.is_empty()
    }
}

fn status_id(s: Status) -> &'static str {
    match s {
        Status::Final => "final",
        Status::Provisional => "provisional",
        Status::Partial => "partial",
    }
}

/// Pack figures into columns (the inverse of reading them back row by row).
pub fn pack(figures: &[Figure]) -> PackedFigures {
    let mut out = PackedFigures {
        text: Vec::with_capacity(figures.len() * TEXT_COLUMNS.len()),
        numbers: Vec::with_capacity(figures.len() * NUMBER_COLUMNS.len()),
        suppressed: Vec::with_capacity(figures.len()),
        ..PackedFigures::default()
    };
    let mut index: HashMap<String, u32> = HashMap::new();
    let mut intern = |s: &str, strings: &mut Vec<String>| -> u32 {
        if let Some(i) = index.get(s) {
            return *i;
        }
        let i = strings.len() as u32;
        strings.push(s.to_string());
        index.insert(s.to_string(), i);
        i
    };
    for f in figures {
        let start = f.period_start.format("%Y-%m-%d").to_string();
        let end = f.period_end.format("%Y-%m-%d").to_string();
        let cells: [&str; 14] = [
            &f.measure,
            &f.stage,
            f.period_type.id(),
            &start,
            &end,
            &f.period_label,
            &f.breakdown,
            &f.group,
            &f.breakdown2,
            &f.group2,
            &f.unit,
            &f.flag,
            status_id(f.status),
            &f.definition,
        ];
        for c in cells {
            let i = intern(c, &mut out.strings);
            out.text.push(i);
        }
        for v in [f.numerator, f.denominator, f.value, f.ci_low, f.ci_high] {
            out.numbers.push(v.unwrap_or(f64::NAN));
        }
        out.suppressed.push(u8::from(f.suppressed));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::PeriodType;
    use chrono::NaiveDate;

    fn figure(measure: &str, group: &str, value: Option<f64>) -> Figure {
        Figure {
            measure: measure.into(),
            stage: String::new(),
            period_type: PeriodType::Quarter,
            period_start: NaiveDate::from_ymd_opt(2023, 1, 1).unwrap(),
            period_end: NaiveDate::from_ymd_opt(2023, 3, 31).unwrap(),
            period_label: "Jan–Mar 2023".into(),
            breakdown: "sex".into(),
            group: group.into(),
            breakdown2: String::new(),
            group2: String::new(),
            numerator: value,
            denominator: None,
            value,
            unit: "children".into(),
            ci_low: None,
            ci_high: None,
            flag: String::new(),
            status: Status::Final,
            suppressed: false,
            definition: "d".into(),
        }
    }

    #[test]
    fn strings_are_shared_and_numbers_keep_their_gaps() {
        let packed = pack(&[
            figure("custody_children", "Male", Some(4.0)),
            figure("custody_children", "Female", None),
        ]);
        assert_eq!(packed.len(), 2);
        // Row 2 repeats every string of row 1 but its group: 14 + 1 distinct strings at most.
        assert_eq!(packed.text[..14].len(), 14);
        assert_eq!(
            packed.text[0], packed.text[14],
            "the measure id is stored once"
        );
        assert_ne!(packed.text[7], packed.text[14 + 7], "the groups differ");
        assert_eq!(packed.strings[packed.text[14 + 7] as usize], "Female");
        assert_eq!(packed.numbers[2], 4.0);
        assert!(
            packed.numbers[5 + 2].is_nan(),
            "a missing value is NaN, never 0"
        );
    }
}
