//! The report's figures in columnar form, for crossing from the Web Worker to the page: a
//! dictionary of the distinct strings, one `u32` index per text cell, one `f64` per number
//! (NaN = none). Tens of thousands of figures then travel as three transferable typed arrays
//! instead of tens of thousands of objects, and the page indexes them without copying.

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::NaiveDate;

use crate::catalogue::schema::{self, Column};
use crate::catalogue::{Measure, Unit};
use crate::report::Figure;

/// Text columns, in the order of [`PackedFigures::text`]'s row stride (the schema's).
pub const TEXT_COLUMNS: [schema::Column; 14] = schema::TEXT_COLUMNS;

/// Number columns, in the order of [`PackedFigures::numbers`]'s row stride (the schema's).
pub const NUMBER_COLUMNS: [schema::Column; 5] = schema::NUMBER_COLUMNS;

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

/// The figures of [`pack`], read back exactly: each text cell from the dictionary (through
/// [`schema::figure_from_cells`], as the aggregate file's cells are read), each number as
/// it was packed (NaN = none: no decimal text in between, so nothing is rounded). Issue 15:
/// disclosure control runs in a module of its own, which is given a report's figures so.
pub fn unpack(packed: &PackedFigures) -> Result<Vec<Figure>, schema::CellError> {
    let (nt, nn) = (TEXT_COLUMNS.len(), NUMBER_COLUMNS.len());
    let mut out = Vec::with_capacity(packed.len());
    for (i, &suppressed) in packed.suppressed.iter().enumerate() {
        // A cell missing from a table cut short reads as empty (then refused as an unknown
        // measure), never as another row's.
        let cell = |c: Column| -> Cow<'_, str> {
            let k = TEXT_COLUMNS.iter().position(|t| *t == c);
            k.and_then(|k| packed.text.get(i * nt + k))
                .and_then(|&s| packed.strings.get(s as usize))
                .map_or(Cow::Borrowed(""), |s| Cow::Borrowed(s.as_str()))
        };
        let mut f = schema::figure_from_cells(cell)?;
        for (k, c) in NUMBER_COLUMNS.into_iter().enumerate() {
            let v = packed.numbers.get(i * nn + k).copied().unwrap_or(f64::NAN);
            f.set_number(c, (!v.is_nan()).then_some(v));
        }
        f.suppressed = suppressed != 0;
        out.push(f);
    }
    Ok(out)
}

/// Whether two cells are the same text: the same catalogue id (one `&'static str`) without
/// comparing bytes.
fn same(a: &str, b: &str) -> bool {
    (a.as_ptr() == b.as_ptr() && a.len() == b.len()) || a == b
}

/// Pack figures into columns (the inverse of reading them back row by row).
///
/// Neighbouring figures mostly share a cell (period, breakdown, status, …), so each column
/// first compares its cell with the one above and reuses its index; only a new cell is looked
/// up in the dictionary (and a date formatted only when it changed). The measure, its unit and
/// its definition change on almost every figure (the figures run through the measures within
/// each group): a measure's and a unit's index are kept by the enum, and each measure's last
/// definition is compared before the dictionary. The strings keep their first-seen order, so
/// the result is the same as interning every cell.
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
    // The cell above in each column (its text, or its date) and its index.
    let mut above: [Option<(Cow<'_, str>, u32)>; TEXT_COLUMNS.len()] =
        std::array::from_fn(|_| None);
    let mut above_date: [Option<(NaiveDate, u32)>; TEXT_COLUMNS.len()] = Default::default();
    let mut of_measure: Vec<Option<u32>> = vec![None; Measure::ALL.len()];
    let mut of_unit: Vec<Option<u32>> = vec![None; Unit::ALL.len()];
    let mut definition_of: Vec<Option<(&str, u32)>> = vec![None; Measure::ALL.len()];
    for f in figures {
        for (k, c) in TEXT_COLUMNS.into_iter().enumerate() {
            let known = match c {
                Column::Measure => &mut of_measure[f.measure as usize],
                Column::Unit => &mut of_unit[f.unit as usize],
                _ => &mut None,
            };
            if let Some(i) = *known {
                out.text.push(i);
                continue;
            }
            if c == Column::Measure || c == Column::Unit {
                let i = intern(&f.text(c), &mut out.strings);
                *known = Some(i);
                out.text.push(i);
                continue;
            }
            if c == Column::Definition {
                let last = &mut definition_of[f.measure as usize];
                let i = match *last {
                    Some((was, i)) if *was == *f.definition => i,
                    _ => intern(&f.definition, &mut out.strings),
                };
                *last = Some((&f.definition, i));
                out.text.push(i);
                continue;
            }
            let date = match c {
                Column::PeriodStart => Some(f.period_start),
                Column::PeriodEnd => Some(f.period_end),
                _ => None,
            };
            let i = match (date, above_date[k]) {
                (Some(d), Some((was, i))) if d == was => i,
                (Some(d), _) => {
                    let i = intern(&f.text(c), &mut out.strings);
                    above_date[k] = Some((d, i));
                    i
                }
                (None, _) => {
                    let cell = f.text(c);
                    match &above[k] {
                        Some((was, i)) if same(was, &cell) => *i,
                        _ => {
                            let i = intern(&cell, &mut out.strings);
                            above[k] = Some((cell, i));
                            i
                        }
                    }
                }
            };
            out.text.push(i);
        }
        for c in NUMBER_COLUMNS {
            out.numbers.push(f.number(c).unwrap_or(f64::NAN));
        }
        out.suppressed.push(u8::from(f.suppressed));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::{Breakdown, FigureStage, Measure, Unit};
    use crate::report::{PeriodType, Status};
    use chrono::NaiveDate;

    fn figure(measure: Measure, group: &str, value: Option<f64>) -> Figure {
        Figure {
            measure,
            stage: FigureStage::None,
            period_type: PeriodType::Quarter,
            period_start: NaiveDate::from_ymd_opt(2023, 1, 1).unwrap(),
            period_end: NaiveDate::from_ymd_opt(2023, 3, 31).unwrap(),
            period_label: "Jan–Mar 2023".into(),
            breakdown: Breakdown::Sex,
            group: group.into(),
            breakdown2: None,
            group2: String::new(),
            numerator: value,
            denominator: None,
            value,
            unit: Unit::Children,
            ci_low: None,
            ci_high: None,
            flag: None,
            status: Status::Final,
            suppressed: false,
            definition: "d".into(),
        }
    }

    #[test]
    fn strings_are_shared_and_numbers_keep_their_gaps() {
        let packed = pack(&[
            figure(Measure::CustodyChildren, "Male", Some(4.0)),
            figure(Measure::CustodyChildren, "Female", None),
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

    #[test]
    fn unpack_gives_back_the_packed_figures_exactly() {
        let mut third = figure(Measure::CustodySentences, "Female", Some(1.0 / 3.0));
        third.stage = FigureStage::Versus(
            crate::catalogue::Stage::Custody,
            crate::catalogue::Stage::Court,
        );
        third.breakdown2 = Some(Breakdown::Age);
        third.group2 = "15".into();
        third.ci_low = Some(0.1);
        third.flag = Some(crate::catalogue::Flag::Over);
        third.suppressed = true;
        let figures = vec![
            figure(Measure::CustodyChildren, "Male", Some(4.0)),
            figure(Measure::CustodyChildren, "Female", None),
            third,
        ];
        // 1/3 comes back as the same f64 (no decimal text in between), None as None.
        assert_eq!(unpack(&pack(&figures)).unwrap(), figures);
        // A table cut short is refused, not read into the wrong rows.
        let mut short = pack(&figures);
        short.text.truncate(14 * 2);
        assert!(unpack(&short).is_err());
    }

    /// Every cell looked up in the dictionary, as `pack` did before it reused the cell above.
    fn intern_every_cell(figures: &[Figure]) -> (Vec<String>, Vec<u32>) {
        let mut strings: Vec<String> = Vec::new();
        let mut text = Vec::new();
        for f in figures {
            for c in TEXT_COLUMNS {
                let cell = f.text(c);
                let i = match strings.iter().position(|s| *s == cell) {
                    Some(i) => i,
                    None => {
                        strings.push(cell.into_owned());
                        strings.len() - 1
                    }
                };
                text.push(i as u32);
            }
        }
        (strings, text)
    }

    #[test]
    fn reusing_the_cell_above_gives_the_same_dictionary_and_cells() {
        // An empty group first (it must not be taken for "the cell above" of row 0), a group
        // named like a date, a date that comes back after another, a group that comes back.
        let mut figures = vec![
            figure(Measure::CustodyChildren, "", Some(1.0)),
            figure(Measure::CustodyChildren, "2023-01-01", Some(2.0)),
            figure(Measure::CustodySentences, "Male", Some(3.0)),
            figure(Measure::CustodySentences, "Male", None),
            figure(Measure::CustodyChildren, "", Some(5.0)),
        ];
        figures[3].period_start = NaiveDate::from_ymd_opt(2023, 4, 1).unwrap();
        figures[3].definition = "another".into();
        figures[4].period_start = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
        let packed = pack(&figures);
        let (strings, text) = intern_every_cell(&figures);
        assert_eq!(packed.strings, strings);
        assert_eq!(packed.text, text);
        // Worked by hand: the group "2023-01-01" of row 1 and the period start of row 0 are one
        // string; row 4's period start is row 0's again.
        let (group, start) = (7, 3);
        assert_eq!(packed.text[14 + group], packed.text[start]);
        assert_eq!(packed.text[4 * 14 + start], packed.text[start]);
        assert_eq!(
            packed.text[4 * 14 + group],
            packed.text[group],
            "the empty group again"
        );
    }
}
