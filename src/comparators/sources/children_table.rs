//! The published children table of the Youth Justice Statistics local-level open data
//! (`comparators.md`, "Comparator files" 1): `Financial_Year, England_Wales, Region, YJS,
//! Age_Group, Sex, Ethnicity_Group, Number_Children`, one row per combination. Rows are summed
//! per YJS, region and nation into the `substantive` stage's counts by ethnic group, and from
//! those (with the comparator population) `disp_count`, `disp_share`, `disp_unknown_share`,
//! `disp_rate` and `disp_rri` per financial year, plus the all-children count and rate.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use crate::catalogue::messages::{en, msg};
use crate::catalogue::{Breakdown, FigureStage, Measure, Stage, Unit};
use crate::codes::{normalise, EthnicGroup, Ethnicity};
use crate::extract::table::Table;
use crate::extract::{Refusal, RefusalKind};
use crate::measures::disproportionality::rri;
use crate::measures::emit::Val;
use crate::measures::periods::financial_year_label;
use crate::report::{Figure, PeriodType, Status};

use super::column;
use crate::comparators::{Area, AreaKind, ComparatorFigure, ComparatorSet};

/// The columns of a children table.
pub struct Columns {
    pub(crate) year: usize,
    pub(crate) yjs: usize,
    pub(crate) count: usize,
    pub(crate) nation: Option<usize>,
    pub(crate) region: Option<usize>,
    ethnicity: Option<usize>,
    /// Columns whose "All"/"Total" rows would double count (sex, age group, ethnicity).
    pub(crate) totals: Vec<usize>,
}

impl Columns {
    /// The columns of a table in the published layout; `None` when it is not one.
    pub fn find(headers: &[String]) -> Option<Columns> {
        let year = column(headers, &["Financial_Year", "financial year", "year"])?;
        let yjs = column(headers, &["YJS", "YOT", "yjs name", "yot name"])?;
        let count = column(
            headers,
            &["Number_Children", "number of children", "children"],
        )
        .or_else(|| {
            headers.iter().position(|h| {
                let n = normalise(h);
                n.starts_with("number") || n.starts_with("count")
            })
        })?;
        let ethnicity = column(headers, &["Ethnicity_Group", "ethnicity", "ethnic group"]);
        let totals = [
            column(headers, &["Sex", "gender"]),
            column(headers, &["Age_Group", "age", "age band"]),
            ethnicity,
        ]
        .into_iter()
        .flatten()
        .collect();
        Some(Columns {
            year,
            yjs,
            count,
            nation: column(headers, &["England_Wales", "country", "nation"]),
            region: column(headers, &["Region"]),
            ethnicity,
            totals,
        })
    }
}

/// One YJS of a children table.
#[derive(Clone, Debug, PartialEq)]
pub struct Service {
    pub area: Area,
    pub region: Option<String>,
    pub nation: Option<String>,
}

/// A summed cell: children, and whether a suppressed cell went into it.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Cell {
    pub count: u64,
    pub suppressed: bool,
}

impl Cell {
    pub(crate) fn add(&mut self, other: Cell) {
        self.count += other.count;
        self.suppressed |= other.suppressed;
    }
}

/// One YJS's (or a pooled area's) children in one financial year.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct YearCounts {
    /// By ethnic group, in [`EthnicGroup::ALL`] order.
    pub groups: [Cell; 6],
    pub total: Cell,
    /// Whether the rows named an ethnic group (without one, only the total is known).
    pub by_ethnicity: bool,
}

impl YearCounts {
    fn add(&mut self, other: &YearCounts) {
        for (a, b) in self.groups.iter_mut().zip(other.groups) {
            a.add(b);
        }
        self.total.add(other.total);
        self.by_ethnicity |= other.by_ethnicity;
    }
}

/// The summed rows of every children table read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChildrenTable {
    pub services: Vec<Service>,
    /// (index into `services`, financial year's first year) → counts.
    pub counts: BTreeMap<(usize, i32), YearCounts>,
}

/// The first year of a financial year written `2023-24`, `2023/24`, `2023-2024` or
/// `2023 to 2024`; `None` otherwise.
pub fn financial_year(value: &str) -> Option<i32> {
    let digits: Vec<&str> = value
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .collect();
    let [first, second] = digits.as_slice() else {
        return None;
    };
    let y: i32 = first.parse().ok().filter(|_| first.len() == 4)?;
    let next: i32 = second.parse().ok()?;
    let ok = match second.len() {
        2 => next == (y + 1) % 100,
        4 => next == y + 1,
        _ => false,
    };
    ok.then_some(y)
}

/// A count cell: `Some(Cell)`, or `None` when it cannot be read. `*`, `[c]`, `c`, `..`,
/// `[x]` and `x` are suppressed cells; thousands separators are allowed.
pub(crate) fn count_cell(value: &str) -> Option<Cell> {
    let v = value.trim();
    let n = normalise(v);
    if matches!(v, "*" | "..") || matches!(n.as_str(), "c" | "x") {
        return Some(Cell {
            count: 0,
            suppressed: true,
        });
    }
    let digits = v.replace(',', "");
    let digits = digits.strip_suffix(".0").unwrap_or(&digits);
    digits.parse::<u64>().ok().map(|count| Cell {
        count,
        suppressed: false,
    })
}

pub(crate) fn is_total(value: &str) -> bool {
    let n = normalise(value);
    n == "all"
        || n.starts_with("total")
        || n.starts_with("allchildren")
        || n == "allages"
        || n == "allethnicities"
        || n == "allethnicgroups"
        || n == "persons"
}

/// A row of a published table as every table reader takes it: its YJS, financial year and
/// count, and the nation and region it names (an area named both, as Wales is, is the nation).
pub(crate) struct Row<'a> {
    pub(crate) name: &'a str,
    pub(crate) year: i32,
    pub(crate) cell: Cell,
    pub(crate) nation: Option<&'a str>,
    pub(crate) region: Option<&'a str>,
}

impl Columns {
    /// `rec` read through these columns: `None` for a blank row (not counted) and for a row
    /// `reject` is told the reason of (no area, a total row, no financial year, no count).
    pub(crate) fn row<'a>(
        &self,
        rec: &'a [String],
        reject: &mut dyn FnMut(&str),
    ) -> Option<Row<'a>> {
        let at = |i: usize| rec.get(i).map(String::as_str).unwrap_or("").trim();
        if rec.iter().all(|c| c.trim().is_empty()) {
            return None;
        }
        let name = at(self.yjs);
        if name.is_empty() {
            reject(msg("comparators.rejected.no_area"));
            return None;
        }
        if is_total(name) || self.totals.iter().any(|&i| is_total(at(i))) {
            reject(msg("comparators.rejected.total_row"));
            return None;
        }
        let Some(year) = financial_year(at(self.year)) else {
            reject(msg("comparators.rejected.financial_year"));
            return None;
        };
        let Some(cell) = count_cell(at(self.count)) else {
            reject(msg("comparators.rejected.count"));
            return None;
        };
        let nation = self.nation.map(at).filter(|s| !s.is_empty());
        let region = self
            .region
            .map(at)
            .filter(|s| !s.is_empty() && nation.is_none_or(|n| normalise(n) != normalise(s)));
        Some(Row {
            name,
            year,
            cell,
            nation,
            region,
        })
    }
}

/// An `Ethnicity_Group` value as a group ("Unknown ethnicity" is Unknown).
fn ethnic_group(value: &str) -> Option<EthnicGroup> {
    let n = normalise(value);
    if n.contains("unknown") || n.contains("notknown") || n.contains("notstated") {
        return Some(EthnicGroup::Unknown);
    }
    Ethnicity::parse(value).map(|e| e.group)
}

/// Read a children table's rows into `into`; unusable rows counted in `rejected` by reason.
pub fn read(
    table: &Table,
    into: &mut ChildrenTable,
    rejected: &mut BTreeMap<String, u64>,
) -> Result<(), Refusal> {
    let Some(cols) = Columns::find(&table.headers) else {
        return Err(Refusal {
            kind: RefusalKind::NoHeader,
            message: msg("error.comparators.not_children_table").to_string(),
        });
    };
    let mut reject = |reason: &str| *rejected.entry(reason.to_string()).or_default() += 1;
    for rec in &table.records {
        let Some(Row {
            name,
            year,
            cell,
            nation,
            region,
        }) = cols.row(rec, &mut reject)
        else {
            continue;
        };
        let at = |i: usize| rec.get(i).map(String::as_str).unwrap_or("").trim();
        let group = match cols.ethnicity {
            Some(i) => match ethnic_group(at(i)) {
                Some(g) => Some(g),
                None => {
                    reject(msg("comparators.rejected.ethnicity"));
                    continue;
                }
            },
            None => None,
        };
        let area = Area::new(name, None, AreaKind::Yjs);
        let index = match into.services.iter().position(|s| s.area.same_place(&area)) {
            Some(i) => i,
            None => {
                into.services.push(Service {
                    area,
                    region: region.map(str::to_string),
                    nation: nation.map(str::to_string),
                });
                into.services.len() - 1
            }
        };
        let entry = into.counts.entry((index, year)).or_default();
        entry.total.add(cell);
        if let Some(g) = group {
            entry.groups[g.index()].add(cell);
            entry.by_ethnicity = true;
        }
    }
    Ok(())
}

/// A pooled area: its description and the services it sums.
struct Pooled {
    area: Area,
    region: Option<String>,
    members: Vec<usize>,
}

impl ChildrenTable {
    /// Every YJS named.
    pub fn yjs_areas(&self) -> Vec<Area> {
        self.services.iter().map(|s| s.area.clone()).collect()
    }

    /// The region of a YJS (by name or code), if the table names it.
    pub fn region_of(&self, area: &Area) -> Option<&str> {
        self.services
            .iter()
            .find(|s| s.area.same_place(area))
            .and_then(|s| s.region.as_deref())
    }

    /// The nation of a YJS, if the table names it.
    pub fn nation_of(&self, area: &Area) -> Option<&str> {
        self.services
            .iter()
            .find(|s| s.area.same_place(area))
            .and_then(|s| s.nation.as_deref())
    }

    /// The regions and nations the table names (England and Wales when it has both).
    pub fn region_and_nation_areas(&self) -> Vec<Area> {
        self.pooled().into_iter().map(|p| p.area).collect()
    }

    fn pooled(&self) -> Vec<Pooled> {
        let mut out = Vec::new();
        let regions: BTreeSet<&str> = self
            .services
            .iter()
            .filter_map(|s| s.region.as_deref())
            .collect();
        for r in regions {
            out.push(Pooled {
                area: Area::new(r, None, AreaKind::Region),
                region: None,
                members: (0..self.services.len())
                    .filter(|&i| self.services[i].region.as_deref() == Some(r))
                    .collect(),
            });
        }
        let nations: BTreeSet<&str> = self
            .services
            .iter()
            .filter_map(|s| s.nation.as_deref())
            .collect();
        let both = nations.iter().any(|n| normalise(n) == "england")
            && nations.iter().any(|n| normalise(n) == "wales");
        for n in nations {
            out.push(Pooled {
                area: Area::new(n, None, AreaKind::Nation),
                region: None,
                members: (0..self.services.len())
                    .filter(|&i| self.services[i].nation.as_deref() == Some(n))
                    .collect(),
            });
        }
        if both {
            out.push(Pooled {
                area: Area::new(en("comparators.england_and_wales"), None, AreaKind::Nation),
                region: None,
                members: (0..self.services.len()).collect(),
            });
        }
        out
    }

    /// The figures of every YJS, region and nation for every year the table has.
    pub fn figures(&self, set: &ComparatorSet, reference: EthnicGroup) -> Vec<ComparatorFigure> {
        let mut out = Vec::new();
        let years: BTreeSet<i32> = self.counts.keys().map(|(_, y)| *y).collect();
        let mut areas: Vec<Pooled> = self
            .services
            .iter()
            .enumerate()
            .map(|(i, s)| Pooled {
                area: s.area.clone(),
                region: s.region.clone(),
                members: vec![i],
            })
            .collect();
        areas.extend(self.pooled());
        for a in &areas {
            for &year in &years {
                let with_data: Vec<usize> = a
                    .members
                    .iter()
                    .copied()
                    .filter(|m| self.counts.contains_key(&(*m, year)))
                    .collect();
                if with_data.is_empty() {
                    continue;
                }
                let mut c = YearCounts::default();
                for m in &with_data {
                    c.add(&self.counts[&(*m, year)]);
                }
                // The population of a pooled area: its members' summed, when every member
                // with data has one; else the area's own row of the population file.
                let pop = |g: Option<EthnicGroup>| -> Option<f64> {
                    let summed: Option<f64> = with_data
                        .iter()
                        .map(|&m| set.population_of(&self.services[m].area, year, g))
                        .sum();
                    summed.or_else(|| set.population_of(&a.area, year, g))
                };
                let members = (a.members.len() > 1 || a.area.kind != AreaKind::Yjs)
                    .then_some((with_data.len() as u32, a.members.len() as u32));
                let emit = |out: &mut Vec<ComparatorFigure>,
                            measure: Measure,
                            breakdown: Breakdown,
                            group: &str,
                            unit: Unit,
                            val: Val,
                            suppressed: bool| {
                    out.push(ComparatorFigure {
                        area: a.area.clone(),
                        region: a.region.clone(),
                        figure: figure(measure, year, breakdown, group, unit, val, suppressed),
                        published: false,
                        members,
                    });
                };
                let all = "all";
                emit(
                    &mut out,
                    Measure::DispCount,
                    Breakdown::All,
                    all,
                    Unit::Children,
                    Val::count(c.total.count),
                    c.total.suppressed,
                );
                emit(
                    &mut out,
                    Measure::DispRate,
                    Breakdown::All,
                    all,
                    Unit::Per1000,
                    Val::rate(c.total.count as f64, pop(None), 1000.0),
                    c.total.suppressed,
                );
                if !c.by_ethnicity {
                    continue;
                }
                let known: u64 = c.groups[..5].iter().map(|g| g.count).sum();
                let known_suppressed = c.groups[..5].iter().any(|g| g.suppressed);
                let eth = Breakdown::Ethnicity;
                let refc = c.groups[reference.index()];
                let ref_pop = pop(Some(reference));
                for g in EthnicGroup::ALL {
                    let cell = c.groups[g.index()];
                    let label = g.label();
                    emit(
                        &mut out,
                        Measure::DispCount,
                        eth,
                        label,
                        Unit::Children,
                        Val::count(cell.count),
                        cell.suppressed,
                    );
                    if g == EthnicGroup::Unknown {
                        emit(
                            &mut out,
                            Measure::DispUnknownShare,
                            eth,
                            label,
                            Unit::Percent,
                            Val::percent(cell.count, known + cell.count),
                            cell.suppressed || known_suppressed,
                        );
                        continue;
                    }
                    emit(
                        &mut out,
                        Measure::DispShare,
                        eth,
                        label,
                        Unit::Percent,
                        Val::percent(cell.count, known),
                        known_suppressed,
                    );
                    let pop_g = pop(Some(g));
                    emit(
                        &mut out,
                        Measure::DispRate,
                        eth,
                        label,
                        Unit::Per1000OfGroup,
                        Val::rate(cell.count as f64, pop_g, 1000.0),
                        cell.suppressed,
                    );
                    if g != reference {
                        emit(
                            &mut out,
                            Measure::DispRri,
                            eth,
                            label,
                            Unit::Ratio,
                            rri(cell.count as f64, pop_g, refc.count as f64, ref_pop),
                            cell.suppressed || refc.suppressed,
                        );
                    }
                }
            }
        }
        out
    }
}

/// A comparator figure of the `substantive` stage for a financial year.
fn figure(
    measure: Measure,
    year: i32,
    breakdown: Breakdown,
    group: &str,
    unit: Unit,
    val: Val,
    suppressed: bool,
) -> Figure {
    let start = NaiveDate::from_ymd_opt(year, 4, 1).unwrap_or_default();
    let end = NaiveDate::from_ymd_opt(year + 1, 3, 31).unwrap_or_default();
    let (val, flag) = if suppressed {
        (Val::default(), None)
    } else {
        let flag = val.flag;
        (val, flag)
    };
    Figure {
        measure,
        stage: FigureStage::At(Stage::Substantive),
        period_type: PeriodType::FinancialYear,
        period_start: start,
        period_end: end,
        period_label: financial_year_label(year).into(),
        breakdown,
        group: group.to_string(),
        breakdown2: None,
        group2: String::new(),
        numerator: val.numerator,
        denominator: val.denominator,
        value: val.value,
        unit,
        ci_low: val.ci.map(|c| c.0),
        ci_high: val.ci.map(|c| c.1),
        flag,
        status: Status::Final,
        suppressed,
        definition: msg("comparators.children_table.definition").into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn financial_years() {
        assert_eq!(financial_year("2023-24"), Some(2023));
        assert_eq!(financial_year("2023/24"), Some(2023));
        assert_eq!(financial_year("2023-2024"), Some(2023));
        assert_eq!(financial_year("2099-00"), Some(2099));
        assert_eq!(financial_year("2023-25"), None);
        assert_eq!(financial_year("2023"), None);
    }

    #[test]
    fn count_cells() {
        assert_eq!(count_cell("1,204").map(|c| c.count), Some(1204));
        assert!(count_cell("[c]").is_some_and(|c| c.suppressed));
        assert!(count_cell("*").is_some_and(|c| c.suppressed));
        assert_eq!(count_cell("-3"), None);
        assert_eq!(count_cell("many"), None);
    }
}
