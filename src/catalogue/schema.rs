//! The figure schema, named once: the columns of a figure ([`crate::report::Figure`]'s fields,
//! in order), each with its kind. The report's JSON, the packed transfer to the page
//! ([`crate::packed`]) and the aggregate file's writer and reader
//! ([`crate::publish::aggregate`]) all go through this table; a test holds the `Figure`
//! struct's serde fields to it.

use std::borrow::Cow;

use chrono::NaiveDate;

use super::ids::id_enum;
use super::{Breakdown, FigureStage, Flag, Measure, PeriodType, Status, Unit};
use crate::report::Figure;

id_enum! {
    /// A figure column (`input-formats.md` §4), in the order of the aggregate file.
    pub enum Column {
        Measure = "measure",
        /// Disproportionality stage for `disp_*` measures, empty otherwise.
        Stage = "stage",
        PeriodType = "period_type",
        PeriodStart = "period_start",
        /// Inclusive.
        PeriodEnd = "period_end",
        PeriodLabel = "period_label",
        Breakdown = "breakdown",
        Group = "group",
        Breakdown2 = "breakdown2",
        Group2 = "group2",
        Numerator = "numerator",
        Denominator = "denominator",
        Value = "value",
        Unit = "unit",
        CiLow = "ci_low",
        CiHigh = "ci_high",
        Flag = "flag",
        Status = "status",
        Suppressed = "suppressed",
        Definition = "definition",
    }
}

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnKind {
    /// Text: an id, an ISO date, a label or free text.
    Text,
    /// A number, or none.
    Number,
    /// True or false.
    Flag,
}

impl Column {
    pub const fn kind(self) -> ColumnKind {
        match self {
            Column::Numerator
            | Column::Denominator
            | Column::Value
            | Column::CiLow
            | Column::CiHigh => ColumnKind::Number,
            Column::Suppressed => ColumnKind::Flag,
            _ => ColumnKind::Text,
        }
    }

    /// Whether the column holds an id of the catalogue (trimmed when read; never escaped).
    pub const fn is_id(self) -> bool {
        matches!(
            self,
            Column::Measure
                | Column::Stage
                | Column::PeriodType
                | Column::Breakdown
                | Column::Breakdown2
                | Column::Unit
                | Column::Flag
                | Column::Status
        )
    }
}

const fn of_kind<const N: usize>(kind: ColumnKind) -> [Column; N] {
    let mut out = [Column::Measure; N];
    let (mut i, mut n) = (0, 0);
    while i < Column::ALL.len() {
        let c = Column::ALL[i];
        if c.kind() as u8 == kind as u8 {
            out[n] = c;
            n += 1;
        }
        i += 1;
    }
    assert!(n == N, "the column count of a kind is wrong");
    out
}

/// Every figure column, in order.
pub const COLUMNS: &[Column] = Column::ALL;
/// The text columns, in order (the row stride of packed text cells).
pub const TEXT_COLUMNS: [Column; 14] = of_kind(ColumnKind::Text);
/// The number columns, in order (the row stride of packed numbers).
pub const NUMBER_COLUMNS: [Column; 5] = of_kind(ColumnKind::Number);

fn iso(d: NaiveDate) -> String {
    // NaiveDate's Display is "%Y-%m-%d" (a year outside 0–9999 signed, as there).
    d.to_string()
}

impl Figure {
    /// A text column's cell as written (`""` for none); empty for other columns.
    pub fn text(&self, column: Column) -> Cow<'_, str> {
        match column {
            Column::Measure => Cow::Borrowed(self.measure.id()),
            Column::Stage => match self.stage {
                FigureStage::None => Cow::Borrowed(""),
                FigureStage::At(s) => Cow::Borrowed(s.id()),
                FigureStage::Versus(..) => Cow::Owned(self.stage.id()),
            },
            Column::PeriodType => Cow::Borrowed(self.period_type.id()),
            Column::PeriodStart => Cow::Owned(iso(self.period_start)),
            Column::PeriodEnd => Cow::Owned(iso(self.period_end)),
            Column::PeriodLabel => Cow::Borrowed(&self.period_label),
            Column::Breakdown => Cow::Borrowed(self.breakdown.id()),
            Column::Group => Cow::Borrowed(&self.group),
            Column::Breakdown2 => Cow::Borrowed(self.breakdown2.map_or("", Breakdown::id)),
            Column::Group2 => Cow::Borrowed(&self.group2),
            Column::Unit => Cow::Borrowed(self.unit.text()),
            Column::Flag => Cow::Borrowed(self.flag.map_or("", Flag::id)),
            Column::Status => Cow::Borrowed(self.status.id()),
            Column::Definition => Cow::Borrowed(&self.definition),
            Column::Numerator
            | Column::Denominator
            | Column::Value
            | Column::CiLow
            | Column::CiHigh
            | Column::Suppressed => Cow::Borrowed(""),
        }
    }

    /// A number column's value; `None` for none and for other columns.
    pub fn number(&self, column: Column) -> Option<f64> {
        match column {
            Column::Numerator => self.numerator,
            Column::Denominator => self.denominator,
            Column::Value => self.value,
            Column::CiLow => self.ci_low,
            Column::CiHigh => self.ci_high,
            _ => None,
        }
    }

    /// Set the number in `column` (a text column is left as it is).
    pub fn set_number(&mut self, column: Column, v: Option<f64>) {
        match column {
            Column::Numerator => self.numerator = v,
            Column::Denominator => self.denominator = v,
            Column::Value => self.value = v,
            Column::CiLow => self.ci_low = v,
            Column::CiHigh => self.ci_high = v,
            _ => {}
        }
    }
}

/// Why a cell could not be read into a figure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CellError {
    /// An id the catalogue does not know.
    UnknownId {
        column: Column,
        value: String,
    },
    NotANumber {
        column: Column,
        value: String,
    },
    NotADate {
        column: Column,
        value: String,
    },
    NotTrueOrFalse {
        column: Column,
        value: String,
    },
}

impl CellError {
    /// Whether the row is of a measure (or stage) this version does not know: a newer file,
    /// whose rows disclosure control could not protect; the reader leaves such rows out.
    pub fn is_unknown_measure(&self) -> bool {
        matches!(
            self,
            CellError::UnknownId {
                column: Column::Measure | Column::Stage,
                ..
            }
        )
    }
}

/// Read a figure from its cells (`cell(column)` gives a column's text, `""` when absent).
pub fn figure_from_cells<'a>(cell: impl Fn(Column) -> Cow<'a, str>) -> Result<Figure, CellError> {
    let id = |column: Column| cell(column).trim().to_string();
    let unknown = |column: Column, value: String| CellError::UnknownId { column, value };
    fn parse<T>(
        value: String,
        column: Column,
        f: impl Fn(&str) -> Option<T>,
    ) -> Result<T, CellError> {
        f(&value).ok_or(CellError::UnknownId { column, value })
    }
    let measure = parse(id(Column::Measure), Column::Measure, Measure::from_id)?;
    let stage = parse(id(Column::Stage), Column::Stage, FigureStage::from_id)?;
    let period_type = parse(
        id(Column::PeriodType),
        Column::PeriodType,
        PeriodType::from_id,
    )?;
    let date = |column: Column| {
        let v = cell(column);
        crate::measures::dates::parse_iso(v.trim()).ok_or_else(|| CellError::NotADate {
            column,
            value: v.into_owned(),
        })
    };
    let num = |column: Column| -> Result<Option<f64>, CellError> {
        let v = cell(column);
        let t = v.trim();
        if t.is_empty() {
            return Ok(None);
        }
        t.parse::<f64>()
            .map(Some)
            .map_err(|_| CellError::NotANumber {
                column,
                value: t.to_string(),
            })
    };
    let breakdown2 = match id(Column::Breakdown2) {
        v if v.is_empty() => None,
        v => Some(parse(v, Column::Breakdown2, Breakdown::from_id)?),
    };
    let flag = match id(Column::Flag) {
        v if v.is_empty() => None,
        v => Some(parse(v, Column::Flag, Flag::from_id)?),
    };
    let status = parse(id(Column::Status), Column::Status, Status::from_id)?;
    let suppressed = match cell(Column::Suppressed)
        .trim()
        .to_ascii_lowercase()
        .as_str()
    {
        "true" | "yes" | "1" => true,
        "false" | "no" | "0" | "" => false,
        other => {
            return Err(CellError::NotTrueOrFalse {
                column: Column::Suppressed,
                value: other.to_string(),
            })
        }
    };
    let unit_text = cell(Column::Unit);
    let unit = Unit::from_text(unit_text.trim())
        .ok_or_else(|| unknown(Column::Unit, unit_text.trim().to_string()))?;
    Ok(Figure {
        measure,
        stage,
        period_type,
        period_start: date(Column::PeriodStart)?,
        period_end: date(Column::PeriodEnd)?,
        period_label: cell(Column::PeriodLabel).into(),
        breakdown: parse(id(Column::Breakdown), Column::Breakdown, Breakdown::from_id)?,
        group: cell(Column::Group).into_owned(),
        breakdown2,
        group2: cell(Column::Group2).into_owned(),
        numerator: num(Column::Numerator)?,
        denominator: num(Column::Denominator)?,
        value: num(Column::Value)?,
        unit,
        ci_low: num(Column::CiLow)?,
        ci_high: num(Column::CiHigh)?,
        flag,
        status,
        suppressed,
        definition: cell(Column::Definition).into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure() -> Figure {
        Figure {
            measure: Measure::DispRri,
            stage: FigureStage::Versus(super::super::Stage::Custody, super::super::Stage::Court),
            period_type: PeriodType::FinancialYear,
            period_start: NaiveDate::from_ymd_opt(2024, 4, 1).unwrap(),
            period_end: NaiveDate::from_ymd_opt(2025, 3, 31).unwrap(),
            period_label: "2024/25".into(),
            breakdown: Breakdown::Age,
            group: "10".into(),
            breakdown2: Some(Breakdown::Sex),
            group2: "Male".into(),
            numerator: Some(1.0),
            denominator: Some(2.0),
            value: Some(3.0),
            unit: Unit::Ratio,
            ci_low: Some(4.0),
            ci_high: Some(5.0),
            flag: Some(Flag::NoDifference),
            status: Status::Partial,
            suppressed: true,
            definition: "d".into(),
        }
    }

    /// The `Figure` struct's serde fields are the schema's columns, in order.
    #[test]
    fn figure_fields_are_the_columns() {
        let json = serde_json::to_value(figure()).unwrap();
        let keys: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut sorted: Vec<&str> = COLUMNS.iter().map(|c| c.id()).collect();
        sorted.sort_unstable();
        let mut got = keys.clone();
        got.sort_unstable();
        assert_eq!(
            got, sorted,
            "Figure's fields and the schema's columns differ"
        );
        // serde_json's map is sorted; the field order is checked on the pretty text.
        let text = serde_json::to_string(&figure()).unwrap();
        let positions: Vec<usize> = COLUMNS
            .iter()
            .map(|c| text.find(&format!("\"{}\":", c.id())).unwrap())
            .collect();
        assert!(
            positions.windows(2).all(|w| w[0] < w[1]),
            "Figure's field order is not the schema's"
        );
    }

    /// A figure written to cells and read back is the same figure.
    #[test]
    fn cells_round_trip() {
        let f = figure();
        let cells: Vec<String> = COLUMNS
            .iter()
            .map(|&c| match c.kind() {
                ColumnKind::Text => f.text(c).into_owned(),
                ColumnKind::Number => f.number(c).map(|v| v.to_string()).unwrap_or_default(),
                ColumnKind::Flag => f.suppressed.to_string(),
            })
            .collect();
        let back = figure_from_cells(|c| Cow::Borrowed(cells[c.index()].as_str())).unwrap();
        assert_eq!(back, f);
        assert_eq!(TEXT_COLUMNS.len() + NUMBER_COLUMNS.len() + 1, COLUMNS.len());
    }
}

/// Serde for an optional id written as an empty cell when there is none (`breakdown2`,
/// `flag`).
pub mod blank {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<T: Serialize, S: Serializer>(v: &Option<T>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(x) => x.serialize(s),
            None => s.serialize_str(""),
        }
    }

    pub fn deserialize<'de, T: serde::de::DeserializeOwned, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<T>, D::Error> {
        let s = String::deserialize(d)?;
        if s.is_empty() {
            return Ok(None);
        }
        T::deserialize(serde::de::value::StringDeserializer::<D::Error>::new(s)).map(Some)
    }
}
