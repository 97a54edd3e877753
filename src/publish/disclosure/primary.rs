//! Rule 1, primary suppression: a cell any row observes with a count from 1 to k−1.

use super::Engine;

impl Engine {
    /// Suppress every cell with an observed value in 1..k−1 (zero is shown).
    pub(super) fn suppress_primary(&mut self) {
        let k = self.k;
        for c in &mut self.cells {
            if c.observed.iter().any(|&v| v > 0.0 && v < k) {
                c.suppressed = true;
            }
        }
    }
}
