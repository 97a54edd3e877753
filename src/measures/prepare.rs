//! Building blocks (`measures.md`, "Building blocks"): rows indexed by child once, child
//! attributes from the latest row with a known value, occasions, remand episodes, and the
//! rows that can be reoffences. Everything later is single passes over these.

use chrono::NaiveDate;

use crate::codes::{EthnicGroup, Outcome, Sex, Tier};
use crate::extract::quality::{Conflict, Reason, MAX_EXAMPLES};
use crate::extract::{Birth, CaseRow, Extract};

/// A child of the extract with at least one row that enters a measure.
#[derive(Clone, Debug)]
pub struct Child {
    /// Index into [`Extract::child_ids`].
    pub id: u32,
    pub ethnicity: EthnicGroup,
    /// Index into [`Extract::ethnic_details`] (0 = none given).
    pub detail: u16,
    pub sex: Sex,
    pub looked_after: Option<bool>,
    /// Index into [`Extract::services`] (0 = none).
    pub service: u32,
    pub birth: Birth,
    /// Outcome date of the row that gave `birth` (for [`Birth::AgeAtOutcome`]).
    pub birth_ref: NaiveDate,
    /// Start of its occasions in [`Prepared::occasions`] (sorted by date); they end where the
    /// next child's start ([`Prepared::child_occasions`]). Starts only, not (start, end)
    /// ranges: 12 bytes a child less (issue 15 item 2).
    occasions: u32,
    /// Start of its remand episodes in [`Prepared::remands`] (sorted by start).
    remands: u32,
    /// Start of its reoffence candidates in [`Prepared::candidates`] (sorted by offence date).
    candidates: u32,
}

impl Child {
    pub fn age_at(&self, on: NaiveDate) -> Option<i32> {
        self.birth.age_at(on, self.birth_ref)
    }

    /// 10–17 on `on`, or age unknown (unknown age is included).
    pub fn youth_at(&self, on: NaiveDate) -> bool {
        self.age_at(on).is_none_or(|a| (10..=17).contains(&a))
    }
}

/// All non-remand rows of one child with the same outcome date.
#[derive(Clone, Debug)]
pub struct Occasion {
    /// Index into [`Prepared::children`].
    pub child: u32,
    pub date: NaiveDate,
    /// The most severe outcome among its rows.
    pub outcome: Outcome,
    /// Offence category of its highest-gravity row (ties: first in file).
    pub category: u32,
    pub gravity: Option<u8>,
    /// Latest release date among its custodial rows.
    pub release: Option<NaiveDate>,
    /// Start of its rows in [`Prepared::occasion_rows`] (in file order, so the first is the
    /// smallest row index: [`Prepared::first_row`]); they end where the next occasion's start.
    rows: u32,
    /// Substantive occasions of the same child strictly before this one in date order.
    pub substantive_before: u32,
}

impl Occasion {
    pub fn tier(&self) -> Tier {
        self.outcome.tier()
    }
}

/// One remand row.
#[derive(Clone, Debug)]
pub struct Remand {
    pub child: u32,
    /// [`Outcome::RemandYda`] or [`Outcome::RemandLaa`].
    pub kind: Outcome,
    pub start: NaiveDate,
    /// The recorded end when on or before the extract date; `None` = open at the extract date.
    pub end: Option<NaiveDate>,
}

/// A row that can be a reoffence: substantive outcome, not a breach when breaches are excluded.
#[derive(Clone, Copy, Debug)]
pub struct Candidate {
    pub offence_date: NaiveDate,
    pub outcome_date: NaiveDate,
}

/// Checks the measures add to the data-quality report.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PrepChecks {
    pub rows_after_extract_date: u64,
    pub rows_after_examples: Vec<u32>,
    pub rows_in_no_measure: u64,
    pub children_unknown_age: u64,
    pub children_outside_10_17: u64,
    pub custodial_without_release: u64,
    pub custodial_release_after_extract_date: u64,
    pub open_remand_episodes: u64,
    pub conflicting: Vec<Conflict>,
}

#[derive(Clone, Debug, Default)]
pub struct Prepared {
    pub extract_date: NaiveDate,
    /// Earliest outcome date among the rows that enter a measure.
    pub first_date: Option<NaiveDate>,
    pub children: Vec<Child>,
    pub occasions: Vec<Occasion>,
    /// The rows of each occasion (indices into [`Extract::rows`]), grouped by occasion, each
    /// occasion's in file order. Indices rather than copies of the rows' outcome, category and
    /// gravity: 4 bytes a row instead of 12 (issue 15 item 2).
    pub occasion_rows: Vec<u32>,
    pub remands: Vec<Remand>,
    pub candidates: Vec<Candidate>,
    pub checks: PrepChecks,
}

/// The position of `item` in `items`, which must hold it (a reference into the slice, not a
/// copy): a child's or an occasion's entries end where the next one's start, so the accessors
/// below find the next one from where the given one lies.
fn position<T>(items: &[T], item: &T) -> usize {
    let size = std::mem::size_of::<T>().max(1);
    let i = (item as *const T as usize).wrapping_sub(items.as_ptr() as usize) / size;
    assert!(
        i < items.len() && std::ptr::eq(&items[i], item),
        "not an element of this Prepared"
    );
    i
}

impl Prepared {
    /// The range `start..` the next child's start (or `len` after the last child).
    fn child_range(&self, c: &Child, start: impl Fn(&Child) -> u32, len: usize) -> (usize, usize) {
        let next = position(&self.children, c) + 1;
        let end = self.children.get(next).map_or(len, |n| start(n) as usize);
        (start(c) as usize, end)
    }
    /// `c`'s occasions, by date. `c` must be one of [`Prepared::children`] (a reference into
    /// it), as for the two below.
    pub fn child_occasions(&self, c: &Child) -> &[Occasion] {
        let (a, b) = self.child_range(c, |c| c.occasions, self.occasions.len());
        &self.occasions[a..b]
    }
    pub fn child_remands(&self, c: &Child) -> &[Remand] {
        let (a, b) = self.child_range(c, |c| c.remands, self.remands.len());
        &self.remands[a..b]
    }
    pub fn child_candidates(&self, c: &Child) -> &[Candidate] {
        let (a, b) = self.child_range(c, |c| c.candidates, self.candidates.len());
        &self.candidates[a..b]
    }
    /// `o`'s rows (indices into [`Extract::rows`]) in file order; `o` must be one of
    /// [`Prepared::occasions`].
    pub fn rows_of(&self, o: &Occasion) -> &[u32] {
        let next = position(&self.occasions, o) + 1;
        let end = self
            .occasions
            .get(next)
            .map_or(self.occasion_rows.len(), |n| n.rows as usize);
        &self.occasion_rows[o.rows as usize..end]
    }
    /// `o`'s index in [`Prepared::occasions`] (`o` must be one of them).
    pub fn occasion_index(&self, o: &Occasion) -> u32 {
        position(&self.occasions, o) as u32
    }
    /// Smallest row index (file order) among `o`'s rows.
    pub fn first_row(&self, o: &Occasion) -> u32 {
        self.occasion_rows[o.rows as usize]
    }
}

/// A date the user gives as the extract date, or why it cannot be one, as the end of a
/// sentence starting with the date ("2099-12-31 is after today (02/12/2026): …"). A date after
/// `today` or before 1990 ([`crate::extract::EARLIEST_PLAUSIBLE`]) is refused by the CLI and
/// the web session before any figure is computed.
pub fn plausible_extract_date(
    set: NaiveDate,
    today: Option<NaiveDate>,
) -> Result<NaiveDate, String> {
    use crate::catalogue::messages::{fill, msg};
    if set < crate::extract::EARLIEST_PLAUSIBLE {
        return Err(msg("error.extract_date.before_1990").into());
    }
    match today {
        Some(t) if set > t => Err(fill(
            msg("error.extract_date.after_today"),
            &[("today", &super::dates::DayMonthYear(t))],
        )),
        _ => Ok(set),
    }
}

/// The extract date: the user's, else the date a title line above the header gave
/// ("produced 30/09/2025"), else the latest outcome date in the extract.
pub fn extract_date(extract: &Extract, set: Option<NaiveDate>) -> NaiveDate {
    extract_date_and_source(extract, set).0
}

/// [`extract_date`] and where it came from.
pub fn extract_date_and_source(
    extract: &Extract,
    set: Option<NaiveDate>,
) -> (NaiveDate, crate::extract::ExtractDateSource) {
    if let Some(d) = set {
        return (d, crate::extract::ExtractDateSource::User);
    }
    if let Some(d) = extract.quality.title_date {
        return (d, crate::extract::ExtractDateSource::Title);
    }
    let latest = extract.rows.iter().map(|r| r.outcome_date).max();
    (
        latest.unwrap_or_default(),
        crate::extract::ExtractDateSource::LatestOutcome,
    )
}

/// Whether `r`'s outcome enters a measure: an occasion's row or a remand.
fn in_a_measure(r: &CaseRow) -> bool {
    r.outcome.forms_occasion() || r.outcome.tier() == Tier::Remand
}

/// Whether `r` enters a measure with this extract date: neither of its dates after it, and
/// [`in_a_measure`] ([`prepare`] keeps exactly these rows).
fn enters(r: &CaseRow, extract_date: NaiveDate) -> bool {
    r.offence_date <= extract_date && r.outcome_date <= extract_date && in_a_measure(r)
}

/// [`Prepared::first_date`] without preparing: the earliest outcome date among the rows that
/// enter a measure with this extract date (one pass over the rows).
pub fn first_date(extract: &Extract, extract_date: NaiveDate) -> Option<NaiveDate> {
    extract
        .rows
        .iter()
        .filter(|r| enters(r, extract_date))
        .map(|r| r.outcome_date)
        .min()
}

fn birth_rank(b: Birth) -> u8 {
    match b {
        Birth::Date(_) => 3,
        Birth::Month(_) => 2,
        Birth::AgeAtOutcome(_) => 1,
        Birth::Unknown => 0,
    }
}

/// Index the extract once: O(n) bucketing by child, then a sort of each child's rows.
/// A remand row as an episode: an end after the extract date has not happened yet, so the
/// episode is open (and counted among the open YDA remands).
fn remand_episode(
    row: &CaseRow,
    child: u32,
    extract_date: NaiveDate,
    checks: &mut PrepChecks,
) -> Remand {
    let end = row.end_date.filter(|e| *e <= extract_date);
    if end.is_none() {
        checks.open_remand_episodes += u64::from(row.outcome == Outcome::RemandYda);
    }
    Remand {
        child,
        kind: row.outcome,
        start: row.outcome_date,
        end,
    }
}

pub fn prepare(extract: &Extract, extract_date: NaiveDate, exclude_breaches: bool) -> Prepared {
    let mut checks = PrepChecks::default();
    // Count the rows that enter measures, per child (counting sort keeps file order). A row's
    // child indexes `Extract::child_ids`; a hand-built extract may leave that list short, so
    // the counts grow to the largest child met.
    let mut counts = vec![0u32; extract.child_ids.len() + 1];
    let mut first_date: Option<NaiveDate> = None;
    let mut remand_rows = 0usize;
    for (i, r) in extract.rows.iter().enumerate() {
        if r.offence_date > extract_date || r.outcome_date > extract_date {
            checks.rows_after_extract_date += 1;
            if checks.rows_after_examples.len() < MAX_EXAMPLES {
                checks
                    .rows_after_examples
                    .push(if r.line > 0 { r.line } else { i as u32 + 1 });
            }
            continue;
        }
        if !in_a_measure(r) {
            checks.rows_in_no_measure += 1;
            continue;
        }
        let c = r.child as usize + 1;
        if c >= counts.len() {
            counts.resize(c + 1, 0);
        }
        counts[c] += 1;
        remand_rows += usize::from(r.outcome.tier() == Tier::Remand);
        first_date = Some(first_date.map_or(r.outcome_date, |f| f.min(r.outcome_date)));
    }
    let n_ids = counts.len() - 1;
    for i in 1..counts.len() {
        counts[i] += counts[i - 1];
    }
    let total = counts[n_ids] as usize;
    let mut order = vec![0u32; total];
    let mut fill = counts.clone();
    for (i, r) in extract.rows.iter().enumerate() {
        if !enters(r, extract_date) {
            continue;
        }
        let slot = &mut fill[r.child as usize];
        order[*slot as usize] = i as u32;
        *slot += 1;
    }

    let rows = &extract.rows;
    let categories = &extract.categories;
    let is_breach = |r: &CaseRow| {
        categories
            .get(r.category as usize)
            .is_some_and(|c| c.breach)
    };
    // Each child's rows in date order, then file order (the bucket is already in file order:
    // stable sort), sorting (date, row) keys held locally rather than chasing rows in the
    // comparator; and the occasions (a child's distinct dates among its non-remand rows) and
    // reoffence candidates counted, so that every vector is sized exactly once (issue 15 item
    // 2: sized at one per row, the occasions alone took 13 MB more at 1M rows).
    let mut keys: Vec<(NaiveDate, u32)> = Vec::new();
    let (mut n_occasions, mut n_candidates) = (0usize, 0usize);
    for child_id in 0..n_ids {
        let (lo, hi) = (counts[child_id] as usize, counts[child_id + 1] as usize);
        let idx = &mut order[lo..hi];
        if idx.len() > 1 {
            keys.clear();
            keys.extend(idx.iter().map(|&i| (rows[i as usize].outcome_date, i)));
            keys.sort_unstable();
            for (slot, (_, i)) in idx.iter_mut().zip(&keys) {
                *slot = *i;
            }
        }
        let mut last_date = None;
        for &i in idx.iter() {
            let r = &rows[i as usize];
            let tier = r.outcome.tier();
            if tier != Tier::Remand && last_date != Some(r.outcome_date) {
                last_date = Some(r.outcome_date);
                n_occasions += 1;
            }
            n_candidates +=
                usize::from(tier.is_substantive() && !(exclude_breaches && is_breach(r)));
        }
    }
    let occasion_rows = total - remand_rows;
    let mut prepared = Prepared {
        extract_date,
        first_date,
        children: Vec::with_capacity(counts.windows(2).filter(|w| w[0] < w[1]).count()),
        occasions: Vec::with_capacity(n_occasions),
        occasion_rows: Vec::with_capacity(occasion_rows),
        remands: Vec::with_capacity(remand_rows),
        candidates: Vec::with_capacity(n_candidates),
        ..Prepared::default()
    };
    let mut conflicts = [0u64; 5]; // ethnicity, sex, looked_after, service, date of birth
    let mut cand_buf: Vec<Candidate> = Vec::new();
    for child_id in 0..n_ids {
        let (lo, hi) = (counts[child_id] as usize, counts[child_id + 1] as usize);
        if lo == hi {
            continue;
        }
        let idx = &order[lo..hi];
        let child_index = prepared.children.len() as u32;

        // Attributes: the latest row with a known value (the last in this order wins).
        let first = &rows[idx[0] as usize];
        let mut child = Child {
            id: child_id as u32,
            ethnicity: EthnicGroup::Unknown,
            detail: 0,
            sex: Sex::Unknown,
            looked_after: None,
            service: 0,
            birth: Birth::Unknown,
            birth_ref: first.outcome_date,
            occasions: prepared.occasions.len() as u32,
            remands: prepared.remands.len() as u32,
            candidates: prepared.candidates.len() as u32,
        };
        let mut conflict = [false; 5];
        for &i in idx.iter() {
            let r = &rows[i as usize];
            if r.ethnicity.group != EthnicGroup::Unknown {
                if child.ethnicity != EthnicGroup::Unknown && child.ethnicity != r.ethnicity.group {
                    conflict[0] = true;
                }
                child.ethnicity = r.ethnicity.group;
                child.detail = r.ethnicity.detail;
            }
            if r.sex != Sex::Unknown {
                conflict[1] |= child.sex != Sex::Unknown && child.sex != r.sex;
                child.sex = r.sex;
            }
            if let Some(l) = r.looked_after {
                conflict[2] |= child.looked_after.is_some_and(|c| c != l);
                child.looked_after = Some(l);
            }
            if r.service != 0 {
                conflict[3] |= child.service != 0 && child.service != r.service;
                child.service = r.service;
            }
            let rank = birth_rank(r.birth);
            if rank > 0 && rank >= birth_rank(child.birth) {
                if let (Birth::Date(a), Birth::Date(b)) = (child.birth, r.birth) {
                    conflict[4] |= a != b;
                }
                child.birth = r.birth;
                child.birth_ref = r.outcome_date;
            }
        }
        for (k, c) in conflict.iter().enumerate() {
            conflicts[k] += u64::from(*c);
        }
        if child.birth == Birth::Unknown {
            checks.children_unknown_age += 1;
        }

        // Occasions (non-remand rows grouped by outcome date) and remand episodes.
        let mut substantive_so_far = 0u32;
        let mut outside = false;
        let mut k = 0;
        while k < idx.len() {
            let r = &rows[idx[k] as usize];
            if r.outcome.tier() == Tier::Remand {
                prepared
                    .remands
                    .push(remand_episode(r, child_index, extract_date, &mut checks));
                k += 1;
                continue;
            }
            let date = r.outcome_date;
            let rows_start = prepared.occasion_rows.len() as u32;
            let mut outcome = r.outcome;
            let mut best: Option<(Option<u8>, u32)> = None; // (gravity, row index)
            let mut release: Option<NaiveDate> = None;
            let mut j = k;
            while j < idx.len() && rows[idx[j] as usize].outcome_date == date {
                let ri = idx[j];
                let row = &rows[ri as usize];
                j += 1;
                if row.outcome.tier() == Tier::Remand {
                    continue; // handled below
                }
                prepared.occasion_rows.push(ri);
                outcome = outcome.max(row.outcome);
                // Highest gravity; ties keep the earlier row in file order.
                match best {
                    Some((g, bi)) if g > row.gravity || (g == row.gravity && bi < ri) => {}
                    _ => best = Some((row.gravity, ri)),
                }
                if row.outcome.tier() == Tier::Custody {
                    if let Some(rel) = row.release_date {
                        release = Some(release.map_or(rel, |x: NaiveDate| x.max(rel)));
                    }
                }
            }
            // Remand rows sharing this date are still episodes.
            for &ri in &idx[k..j] {
                let row = &rows[ri as usize];
                if row.outcome.tier() == Tier::Remand {
                    prepared.remands.push(remand_episode(
                        row,
                        child_index,
                        extract_date,
                        &mut checks,
                    ));
                }
            }
            k = j;
            let (gravity, best_row) = best.expect("an occasion has a row");
            if outcome.tier() == Tier::Custody {
                match release {
                    None => checks.custodial_without_release += 1,
                    Some(rel) if rel > extract_date => {
                        checks.custodial_release_after_extract_date += 1
                    }
                    _ => {}
                }
            }
            if child.age_at(date).is_some_and(|a| !(10..=17).contains(&a)) {
                outside = true;
            }
            prepared.occasions.push(Occasion {
                child: child_index,
                date,
                outcome,
                category: rows[best_row as usize].category,
                gravity,
                release,
                rows: rows_start,
                substantive_before: substantive_so_far,
            });
            substantive_so_far += u32::from(outcome.tier().is_substantive());
        }
        checks.children_outside_10_17 += u64::from(outside);
        // Reoffence candidates, by offence date.
        cand_buf.clear();
        for &i in idx.iter() {
            let r = &rows[i as usize];
            if r.outcome.tier().is_substantive() && !(exclude_breaches && is_breach(r)) {
                cand_buf.push(Candidate {
                    offence_date: r.offence_date,
                    outcome_date: r.outcome_date,
                });
            }
        }
        cand_buf.sort_by_key(|c| c.offence_date);
        prepared.candidates.extend_from_slice(&cand_buf);
        prepared.children.push(child);
    }
    for (k, name) in [
        "ethnicity",
        "sex",
        "looked_after",
        "service",
        "date_of_birth",
    ]
    .iter()
    .enumerate()
    {
        if conflicts[k] > 0 {
            checks.conflicting.push(Conflict {
                attribute: (*name).to_string(),
                children: conflicts[k],
            });
        }
    }
    prepared.checks = checks;
    debug_assert_eq!(prepared.occasions.len(), n_occasions);
    debug_assert_eq!(prepared.candidates.len(), n_candidates);
    prepared
}

/// The quality-report warning for rows after the extract date.
pub fn after_extract_reason(checks: &PrepChecks) -> Option<Reason> {
    (checks.rows_after_extract_date > 0).then(|| Reason {
        reason: "dates after the extract date (row ignored)".to_string(),
        count: checks.rows_after_extract_date,
        examples: checks.rows_after_examples.clone(),
        ..Reason::default()
    })
}
