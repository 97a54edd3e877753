//! Rule 3, secondary suppression: within each table, and along each cumulative chain, suppress
//! further cells until no suppressed cell can be recovered by subtraction, iterated over all
//! tables to a fixpoint.

use super::tables::Table;
use super::Engine;

impl Engine {
    pub(super) fn suppress_to_fixpoint(&mut self) {
        loop {
            let mut changed = false;
            for t in 0..self.tables.len() {
                changed |= self.apply_table(t);
            }
            for c in 0..self.chains.len() {
                changed |= self.apply_chain(c);
            }
            if !changed {
                break;
            }
        }
    }

    /// Rule 3 on one table; `true` if it suppressed something.
    ///
    /// A cell no row carries a value for (e.g. a known-ethnicity total whose shares were all
    /// suppressed) is *hidden*: not published, so it neither needs protecting nor gives a
    /// reader anything to subtract; a total with no value cannot be recovered from and is not
    /// protected.
    fn apply_table(&mut self, t: usize) -> bool {
        let table = &self.tables[t];
        let hidden = |c: usize| !self.published(c) || self.cells[c].value.is_none();
        let suppressed = table.cells.iter().filter(|&&c| !self.published(c)).count();
        let hidden_count = table.cells.iter().filter(|&&c| hidden(c)).count();
        let total_published = table.total.is_none_or(|id| self.published(id));
        let total_value_known = table.total.is_none_or(|id| self.cells[id].value.is_some());
        let need = if !total_published {
            hidden_count == 0
        } else if !total_value_known {
            false
        } else {
            match hidden_count {
                0 => false,
                1 => suppressed == 1,
                n => suppressed == n && self.all_ones(table, n),
            }
        };
        if !need {
            return false;
        }
        // The next smallest non-zero published cell (unknown values last).
        let candidate = table
            .cells
            .iter()
            .copied()
            .filter(|&c| !hidden(c) && self.cells[c].value != Some(0.0))
            .min_by(|&a, &b| {
                let (va, vb) = (self.cells[a].value, self.cells[b].value);
                va.unwrap_or(0.0)
                    .total_cmp(&vb.unwrap_or(0.0))
                    .then(a.cmp(&b))
            });
        match (candidate, table.total) {
            (Some(c), _) => {
                self.cells[c].suppressed = true;
                true
            }
            (None, Some(total)) if total_published && suppressed > 0 => {
                self.cells[total].suppressed = true;
                true
            }
            _ => false,
        }
    }

    /// With the total published and `n` ≥ 2 cells suppressed: is each of them pinned to 1
    /// (the table adds up and total − published = n)?
    fn all_ones(&self, table: &Table, n: usize) -> bool {
        let Some(total) = table.total.and_then(|id| self.cells[id].value) else {
            return false;
        };
        let values: Option<Vec<f64>> = table.cells.iter().map(|&c| self.cells[c].value).collect();
        let Some(values) = values else { return false };
        if (values.iter().sum::<f64>() - total).abs() > 1e-9 {
            return false;
        }
        let published: f64 = table
            .cells
            .iter()
            .zip(&values)
            .filter(|(&c, _)| self.published(c))
            .map(|(_, v)| v)
            .sum();
        (total - published - n as f64).abs() < 1e-9
    }

    /// The cumulative-chain rule on one chain; `true` if it suppressed something.
    fn apply_chain(&mut self, c: usize) -> bool {
        let k = self.k;
        let cells = self.chains[c].cells.clone();
        let anchor = self.chains[c].anchor;
        let mut changed = false;
        // Forward: each published value differs from the last published by 0 or ≥ k.
        let mut last = 0.0;
        for &id in &cells {
            let Some(v) = self.cells[id].value else {
                continue;
            };
            if !self.published(id) {
                continue;
            }
            let d = v - last;
            if d > 0.0 && d < k {
                self.cells[id].suppressed = true;
                changed = true;
            } else {
                last = v;
            }
        }
        // Backward from the anchor (the reoffenders): same rule.
        if let Some(a) = anchor.filter(|&a| self.published(a)) {
            if let Some(total) = self.cells[a].value {
                while let Some(&id) = cells.iter().rev().find(|&&id| self.published(id)) {
                    match self.cells[id].value {
                        Some(v) if total - v > 0.0 && total - v < k => {
                            self.cells[id].suppressed = true;
                            changed = true;
                        }
                        _ => break,
                    }
                }
            }
        }
        // A suppressed value between two equal published neighbours is pinned.
        for (i, &id) in cells.iter().enumerate() {
            if self.published(id) {
                continue;
            }
            let prev = cells[..i]
                .iter()
                .rev()
                .find(|&&p| self.published(p))
                .map_or(Some(0.0), |&p| self.cells[p].value);
            let next_cell = cells[i + 1..].iter().copied().find(|&p| self.published(p));
            let next = match next_cell {
                Some(p) => self.cells[p].value,
                None => anchor
                    .filter(|&a| self.published(a))
                    .and_then(|a| self.cells[a].value),
            };
            if prev.is_some() && prev == next {
                // Prefer a later month, then an earlier one; the reoffenders count last.
                let prev_cell = cells[..i]
                    .iter()
                    .rev()
                    .copied()
                    .find(|&p| self.published(p));
                let victim = next_cell
                    .or(prev_cell)
                    .or(anchor)
                    .expect("a published neighbour");
                self.cells[victim].suppressed = true;
                return true;
            }
        }
        changed
    }
}
