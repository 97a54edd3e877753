//! The computation context shared by the measure modules and the figure builder.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::catalogue::messages::{fill, msg};
use crate::catalogue::{Breakdown, FigureStage, Flag, Measure, Stage, Unit};
use crate::extract::Extract;
use crate::report::{Figure, Settings, Status};

use super::chunked::Chunked;
use super::groups::{Codes, Dim, Layout, Slot};
use super::periods::{Period, Periods};
use super::population::{Population, YearChoice};
use super::prepare::Prepared;
use super::stats::{ratio, wilson_percent};

/// The numbers of one figure.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Val {
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
    pub value: Option<f64>,
    pub ci: Option<(f64, f64)>,
    pub flag: Option<Flag>,
}

impl Val {
    /// A count: numerator and value both the count, no denominator.
    pub fn count(n: u64) -> Val {
        Val {
            numerator: Some(n as f64),
            value: Some(n as f64),
            ..Val::default()
        }
    }

    /// `num / den × mult`; the value is empty when the denominator is zero or missing.
    pub fn rate(num: f64, den: Option<f64>, mult: f64) -> Val {
        Val {
            numerator: Some(num),
            denominator: den,
            value: den.and_then(|d| ratio(num, d)).map(|r| r * mult),
            ..Val::default()
        }
    }

    /// A percentage with its Wilson 95% interval.
    pub fn percent(num: u64, den: u64) -> Val {
        let (n, d) = (num as f64, den as f64);
        Val {
            numerator: Some(n),
            denominator: Some(d),
            value: ratio(n, d).map(|r| r * 100.0),
            ci: wilson_percent(n, d),
            flag: None,
        }
    }
}

/// Everything the measures share.
pub struct Ctx<'a> {
    pub extract: &'a Extract,
    pub settings: &'a Settings,
    pub prep: &'a Prepared,
    pub periods: &'a Periods,
    pub codes: Codes,
    pub population: Option<&'a Population>,
    /// Year choice per period (when a population is given).
    pub years: Vec<YearChoice>,
    /// The figures as they are built (in chunks: [`Chunked`]).
    pub figures: Chunked<Figure>,
    /// (period start year, year used) pairs where the population year was substituted.
    pub substitutions: BTreeMap<i32, i32>,
    /// The computation "as at a year earlier" behind like-for-like changes: only the figures
    /// it keeps are built (breakdowns [`YEAR_EARLIER_BREAKDOWNS`], status partial or
    /// provisional); the others are never pushed and their breakdowns never tallied.
    pub year_earlier_only: bool,
    /// Each period's label, shared by all its figures (index as [`Periods::list`]).
    period_labels: Vec<Arc<str>>,
    /// The definitions pushed last (most recent first), shared with the next figures of the
    /// same text: a measure's figures cycle through a few definitions (throughput's children,
    /// occasions and offences in turn), so one remembered text would share none of them.
    recent_definitions: Vec<Arc<str>>,
}

/// The breakdowns kept from the computation "as at a year earlier" (`Report::year_earlier`).
pub const YEAR_EARLIER_BREAKDOWNS: [Breakdown; 3] =
    [Breakdown::All, Breakdown::Service, Breakdown::Ethnicity];

impl<'a> Ctx<'a> {
    pub fn new(
        extract: &'a Extract,
        settings: &'a Settings,
        prep: &'a Prepared,
        periods: &'a Periods,
        population: Option<&'a Population>,
    ) -> Ctx<'a> {
        use chrono::Datelike;
        let years = periods
            .list
            .iter()
            .map(|p| {
                population.map_or(
                    YearChoice {
                        year: None,
                        substituted: false,
                    },
                    |pop| pop.year_for(p.start.year()),
                )
            })
            .collect();
        Ctx {
            extract,
            settings,
            prep,
            periods,
            codes: Codes::new(extract),
            population,
            years,
            figures: Chunked::default(),
            substitutions: BTreeMap::new(),
            year_earlier_only: false,
            period_labels: periods
                .list
                .iter()
                .map(|p| Arc::from(p.label.as_str()))
                .collect(),
            recent_definitions: Vec::with_capacity(RECENT_DEFINITIONS),
        }
    }

    /// The layout of these breakdowns; in the year-earlier computation only those it keeps.
    pub fn layout(&self, dims: &[Dim]) -> Layout {
        if !self.year_earlier_only {
            return Layout::new(&self.codes, dims);
        }
        let kept: Vec<Dim> = dims
            .iter()
            .copied()
            .filter(|d| YEAR_EARLIER_BREAKDOWNS.contains(&d.breakdown()))
            .collect();
        Layout::new(&self.codes, &kept)
    }

    /// In the year-earlier computation, no figure of a period with this status is built.
    pub fn skip_period(&self, status: Status) -> bool {
        self.year_earlier_only && status == Status::Final
    }

    /// Events dated before this cannot reach a figure the computation builds: in the
    /// year-earlier computation, the start of the earliest period whose status (as `status`
    /// gives it) is not final — every period containing an earlier date is final. `None`
    /// (no bound) otherwise.
    pub fn wanted_from(&self, status: impl Fn(usize) -> Status) -> Option<chrono::NaiveDate> {
        if !self.year_earlier_only {
            return None;
        }
        let first = (0..self.periods.len())
            .filter(|&p| status(p) != Status::Final)
            .map(|p| self.period(p).start)
            .min();
        Some(first.unwrap_or(chrono::NaiveDate::MAX))
    }

    /// Whether a figure of this status and breakdown is built at all (always, except in the
    /// year-earlier computation).
    pub fn wanted(&self, status: Status, breakdown: Breakdown) -> bool {
        !self.year_earlier_only
            || (status != Status::Final && YEAR_EARLIER_BREAKDOWNS.contains(&breakdown))
    }

    pub fn period(&self, p: usize) -> &'a Period {
        &self.periods.list[p]
    }

    /// The 10–17 population of group `g` of `dim` for period `p`; `None` when there is no
    /// population file or it cannot answer.
    pub fn population(&mut self, p: usize, dim: Dim, g: usize) -> Option<f64> {
        let pop = self.population?;
        let query = self.codes.population_query(dim, g)??;
        let choice = self.years[p];
        if choice.substituted {
            use chrono::Datelike;
            if let Some(y) = choice.year {
                self.substitutions.insert(self.period(p).start.year(), y);
            }
        }
        pop.get(choice.year, &query)
    }

    /// Text to append to the definition of a figure whose denominator is a population, for
    /// period `p` and group `g` of `dim`: the sentence naming the denominator — its source
    /// and the year used ("Denominator: population.csv, 2024 population aged 10–17."), and
    /// the population rows rejected that it could have held ("…aged 10–17; 2 population rows
    /// rejected and left out (…)."). A figure whose denominator involves every group (the
    /// disproportionality figures) asks for `Dim::All`.
    pub fn population_note(&self, p: usize, dim: Dim, g: usize) -> String {
        let Some(pop) = self.population else {
            return format!(" {}", msg("figure.population.none"));
        };
        let choice = self.years.get(p).copied().unwrap_or(YearChoice {
            year: None,
            substituted: false,
        });
        let lost = match self.codes.population_query(dim, g) {
            Some(Some(q)) => pop.lost_words(choice.year, &q),
            _ => String::new(),
        };
        let source = pop.source_label();
        let sentence = match choice {
            YearChoice {
                year: Some(y),
                substituted,
            } => {
                let why = if substituted {
                    format!(
                        " {}",
                        fill(msg("figure.population.substituted"), &[("year", &y)])
                    )
                } else {
                    String::new()
                };
                fill(
                    msg("figure.population"),
                    &[
                        ("source", &source),
                        ("year", &y),
                        ("lost", &lost),
                        ("substituted", &why),
                    ],
                )
            }
            _ => fill(
                msg("figure.population.no_year"),
                &[("source", &source), ("lost", &lost)],
            ),
        };
        format!(" {sentence}")
    }

    /// Population years the rates of this computation use (ascending; empty when the file
    /// has no year column or there are no periods).
    pub fn population_years(&self) -> Vec<i32> {
        let mut years: Vec<i32> = self.years.iter().filter_map(|c| c.year).collect();
        years.sort_unstable();
        years.dedup();
        years
    }

    /// Add the figure at `key`: its status, value, unit and definition in words. In the
    /// year-earlier computation, only the figures [`Ctx::wanted`] names are built.
    pub fn push(&mut self, key: FigureKey, status: Status, val: Val, unit: Unit, definition: &str) {
        if self.year_earlier_only && !self.wanted(status, key.breakdown) {
            return;
        }
        let period = &self.periods.list[key.period];
        let definition = self.shared_definition(definition);
        self.figures.push(Figure {
            measure: key.measure,
            stage: key.stage,
            period_type: period.period_type,
            period_start: period.start,
            period_end: period.end,
            period_label: Arc::clone(&self.period_labels[key.period]),
            breakdown: key.breakdown,
            group: key.group.to_string(),
            breakdown2: key.breakdown2,
            group2: key.group2.to_string(),
            numerator: val.numerator,
            denominator: val.denominator,
            value: val.value,
            unit,
            ci_low: val.ci.map(|c| c.0),
            ci_high: val.ci.map(|c| c.1),
            flag: val.flag,
            status,
            suppressed: false,
            definition,
        });
    }
}

/// How many recent definitions [`Ctx::push`] compares a new one with.
const RECENT_DEFINITIONS: usize = 8;

impl Ctx<'_> {
    /// `text` as an `Arc` shared with a recent figure of the same definition, else a new one
    /// (then the most recent). Issue 15: one allocation and copy of a definition's few hundred
    /// bytes per figure was a sixth of the time at 50k rows, whose report has 80,100 figures.
    fn shared_definition(&mut self, text: &str) -> Arc<str> {
        let recent = &mut self.recent_definitions;
        if let Some(i) = recent.iter().position(|d| **d == *text) {
            recent[..=i].rotate_right(1);
            return Arc::clone(&recent[0]);
        }
        let shared: Arc<str> = Arc::from(text);
        if recent.len() == RECENT_DEFINITIONS {
            recent.pop();
        }
        recent.insert(0, Arc::clone(&shared));
        shared
    }
}

/// What a figure is of: its measure (and stage), its period (an index into the
/// computation's periods) and its cell — a breakdown and group, and for cross-tabulations a
/// second breakdown and group. Built with [`FigureKey::new`] (the whole population, "all" /
/// "all") and narrowed with [`FigureKey::stage`], [`FigureKey::slot`] or
/// [`FigureKey::group`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FigureKey<'k> {
    pub measure: Measure,
    pub stage: FigureStage,
    pub period: usize,
    pub breakdown: Breakdown,
    pub group: &'k str,
    pub breakdown2: Option<Breakdown>,
    pub group2: &'k str,
}

impl<'k> FigureKey<'k> {
    /// `measure` in period `period`, for all children, with no stage.
    pub fn new(measure: Measure, period: usize) -> Self {
        FigureKey {
            measure,
            stage: FigureStage::None,
            period,
            breakdown: Breakdown::All,
            group: crate::catalogue::breakdown::ALL_GROUP,
            breakdown2: None,
            group2: "",
        }
    }

    /// The same figure at a stage of the system.
    pub fn stage(self, stage: Stage) -> Self {
        FigureKey {
            stage: FigureStage::At(stage),
            ..self
        }
    }

    /// The same figure at a decision point (`later` as a share of `base`).
    pub fn versus(self, later: Stage, base: Stage) -> Self {
        FigureKey {
            stage: FigureStage::Versus(later, base),
            ..self
        }
    }

    /// The same figure in a layout's cell (its breakdowns and groups).
    pub fn slot(self, slot: &'k Slot) -> Self {
        FigureKey {
            breakdown: slot.breakdown,
            group: &slot.group,
            breakdown2: slot.breakdown2,
            group2: &slot.group2,
            ..self
        }
    }

    /// The same figure in one group of one breakdown (not from a layout).
    pub fn group(self, breakdown: Breakdown, group: &'k str) -> Self {
        FigureKey {
            breakdown,
            group,
            breakdown2: None,
            group2: "",
            ..self
        }
    }
}
