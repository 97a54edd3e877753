//! A small builder of `Extract`s straight from `CaseRow`s (no CSV reader involved), and
//! helpers to find figures in a report.
#![allow(dead_code)]

use chrono::NaiveDate;
use yjlens_core::codes::{EthnicGroup, Ethnicity, OffenceCategory, Outcome, Sex};
use yjlens_core::extract::{Birth, CaseRow, Extract};
use yjlens_core::report::{Figure, PeriodType, Report};

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

pub struct Builder {
    pub extract: Extract,
}

impl Default for Builder {
    fn default() -> Self {
        Self::new()
    }
}

impl Builder {
    pub fn new() -> Builder {
        Builder {
            extract: Extract {
                categories: vec![OffenceCategory::classify("")],
                services: vec![String::new()],
                ethnic_details: vec![String::new()],
                ..Extract::default()
            },
        }
    }

    fn child_index(&mut self, id: &str) -> u32 {
        match self.extract.child_ids.iter().position(|c| c == id) {
            Some(i) => i as u32,
            None => {
                self.extract.child_ids.push(id.to_string());
                self.extract.child_ids.len() as u32 - 1
            }
        }
    }

    pub fn category_index(&mut self, label: &str) -> u32 {
        let c = OffenceCategory::classify(label);
        match self
            .extract
            .categories
            .iter()
            .position(|x| x.label == c.label)
        {
            Some(i) => i as u32,
            None => {
                self.extract.categories.push(c);
                self.extract.categories.len() as u32 - 1
            }
        }
    }

    /// A row: child, offence date, outcome date, outcome. Born 2008-01-01 unless changed;
    /// sex, ethnicity unknown; category "Theft and handling stolen goods", gravity 3.
    pub fn row(
        &mut self,
        child: &str,
        offence: &str,
        outcome_date: &str,
        outcome: Outcome,
    ) -> RowB<'_> {
        let c = self.child_index(child);
        let cat = self.category_index("Theft and handling stolen goods");
        let line = self.extract.rows.len() as u32 + 2;
        self.extract.rows.push(CaseRow {
            line,
            child: c,
            offence_date: d(offence),
            outcome_date: d(outcome_date),
            outcome,
            birth: Birth::Date(d("2008-01-01")),
            sex: Sex::Unknown,
            ethnicity: Ethnicity::UNKNOWN,
            category: cat,
            gravity: Some(3),
            release_date: None,
            end_date: None,
            looked_after: None,
            service: 0,
        });
        let i = self.extract.rows.len() - 1;
        RowB { b: self, i }
    }

    /// Shorthand: offence and outcome on the same date.
    pub fn on(&mut self, child: &str, date: &str, outcome: Outcome) -> RowB<'_> {
        self.row(child, date, date, outcome)
    }

    pub fn build(&self) -> Extract {
        self.extract.clone()
    }
}

pub struct RowB<'a> {
    b: &'a mut Builder,
    i: usize,
}

impl RowB<'_> {
    fn r(&mut self) -> &mut CaseRow {
        &mut self.b.extract.rows[self.i]
    }
    pub fn dob(mut self, s: &str) -> Self {
        self.r().birth = Birth::Date(d(s));
        self
    }
    pub fn age(mut self, a: u8) -> Self {
        self.r().birth = Birth::AgeAtOutcome(a);
        self
    }
    pub fn no_age(mut self) -> Self {
        self.r().birth = Birth::Unknown;
        self
    }
    pub fn sex(mut self, s: Sex) -> Self {
        self.r().sex = s;
        self
    }
    pub fn eth(mut self, g: EthnicGroup) -> Self {
        self.r().ethnicity = Ethnicity {
            group: g,
            detail: 0,
        };
        self
    }
    pub fn eth_detail(mut self, g: EthnicGroup, detail: &str) -> Self {
        let details = &mut self.b.extract.ethnic_details;
        let idx = match details.iter().position(|x| x == detail) {
            Some(i) => i,
            None => {
                details.push(detail.to_string());
                details.len() - 1
            }
        };
        self.r().ethnicity = Ethnicity {
            group: g,
            detail: idx as u16,
        };
        self
    }
    pub fn cat(mut self, label: &str) -> Self {
        let c = self.b.category_index(label);
        self.r().category = c;
        self
    }
    pub fn gravity(mut self, g: u8) -> Self {
        self.r().gravity = Some(g);
        self
    }
    pub fn release(mut self, s: &str) -> Self {
        self.r().release_date = Some(d(s));
        self
    }
    pub fn end(mut self, s: &str) -> Self {
        self.r().end_date = Some(d(s));
        self
    }
    pub fn lac(mut self, v: bool) -> Self {
        self.r().looked_after = Some(v);
        self
    }
    pub fn service(mut self, name: &str) -> Self {
        let services = &mut self.b.extract.services;
        let idx = match services.iter().position(|x| x == name) {
            Some(i) => i,
            None => {
                services.push(name.to_string());
                services.len() - 1
            }
        };
        self.r().service = idx as u32;
        self
    }
}

/// The figure of `measure` for the period of `period_type` starting on `start`, breakdown
/// `all` unless given (`"sex=Male"` style: "breakdown=group").
pub fn fig<'a>(
    report: &'a Report,
    measure: &str,
    period_type: PeriodType,
    start: &str,
    group: &str,
) -> &'a Figure {
    fig_stage(report, measure, "", period_type, start, group)
}

pub fn fig_stage<'a>(
    report: &'a Report,
    measure: &str,
    stage: &str,
    period_type: PeriodType,
    start: &str,
    group: &str,
) -> &'a Figure {
    let (breakdown, g) = group.split_once('=').unwrap_or(("all", "all"));
    report
        .figures
        .iter()
        .find(|f| {
            f.measure == measure
                && f.stage == stage
                && f.period_type == period_type
                && f.period_start == d(start)
                && f.breakdown == breakdown
                && f.group == g
        })
        .unwrap_or_else(|| panic!("no figure {measure} {stage} {period_type:?} {start} {group}"))
}

pub fn value(
    report: &Report,
    measure: &str,
    period_type: PeriodType,
    start: &str,
    group: &str,
) -> Option<f64> {
    fig(report, measure, period_type, start, group).value
}

pub fn q(report: &Report, measure: &str, start: &str) -> Option<f64> {
    value(report, measure, PeriodType::Quarter, start, "all")
}

/// Default settings with the extract date given.
pub fn settings_as_at(extract_date: &str) -> yjlens_core::report::Settings {
    yjlens_core::report::Settings {
        extract_date: Some(d(extract_date)),
        ..yjlens_core::report::Settings::default()
    }
}

/// a (White, YRO, Feb 2024) and b (Black, DTO, Mar 2024, released Jun 2024): both first-time
/// entrants in Jan–Mar 2024; c (White, fine, Feb 2025). The denominators' tests use it.
pub fn three_children() -> Extract {
    let mut b = Builder::new();
    b.on("a", "2024-02-01", Outcome::Yro)
        .eth(EthnicGroup::White);
    b.on("b", "2024-03-01", Outcome::Dto)
        .eth(EthnicGroup::Black)
        .release("2024-06-01");
    b.on("c", "2025-02-01", Outcome::Fine)
        .eth(EthnicGroup::White);
    b.build()
}
