//! Ranks among YJS areas (`comparators.md`, "What is compared"): given only where at least
//! [`MIN_AREAS`] YJS areas (ours included) have a value; rank = 1 + the number of other
//! areas with a strictly lower exact (unrounded) value, so ties share a rank and the next
//! rank is skipped. Suppressed or missing values are left out and counted.

use serde::Serialize;

/// The fewest YJS areas with a value for a rank to be given.
pub const MIN_AREAS: usize = 10;

/// A position: `rank` of `of` (1 = lowest value).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Rank {
    pub rank: u32,
    pub of: u32,
}

/// The rank of each value among the values given (`None`: suppressed or missing, left out),
/// and how many were left out. Every rank is `None` when fewer than [`MIN_AREAS`] have a
/// value.
pub fn ranks(values: &[Option<f64>]) -> (Vec<Option<Rank>>, usize) {
    let present: Vec<f64> = values
        .iter()
        .flatten()
        .copied()
        .filter(|v| v.is_finite())
        .collect();
    let left_out = values.len() - present.len();
    let of = present.len();
    if of < MIN_AREAS {
        return (vec![None; values.len()], left_out);
    }
    let out = values
        .iter()
        .map(|v| {
            v.filter(|v| v.is_finite()).map(|v| Rank {
                rank: 1 + present.iter().filter(|o| **o < v).count() as u32,
                of: of as u32,
            })
        })
        .collect();
    (out, left_out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ties_share_a_rank_and_the_next_is_skipped() {
        // Values 1..=10 with two 3s: 1 → 1; 3, 3 → 3 (two lower: 1, 2); 4 → 5.
        let v = [1.0, 2.0, 3.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, f64::NAN];
        let vals: Vec<Option<f64>> = v.iter().map(|x| Some(*x)).chain([None]).collect();
        let (r, left_out) = ranks(&vals);
        assert_eq!(left_out, 2); // the NaN and the None
        assert_eq!(r[0], Some(Rank { rank: 1, of: 10 }));
        assert_eq!(r[2], Some(Rank { rank: 3, of: 10 }));
        assert_eq!(r[3], Some(Rank { rank: 3, of: 10 }));
        assert_eq!(r[4], Some(Rank { rank: 5, of: 10 }));
        assert_eq!(r[11], None);
    }

    #[test]
    fn fewer_than_ten_gets_no_rank() {
        let vals: Vec<Option<f64>> = (0..9).map(|i| Some(f64::from(i))).collect();
        assert!(ranks(&vals).0.iter().all(Option::is_none));
    }
}
