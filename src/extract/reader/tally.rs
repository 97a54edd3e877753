//! Tallies: why rows were rejected and what was blanked or doubted in kept rows, counted by
//! (reason, field) in order of first occurrence, with example lines and a first example
//! value. The reasons themselves are here too, in plain English (`input-formats.md` §2,
//! "What bad input gets").

use super::super::columns::Field;
use super::super::quality::{Reason, MAX_EXAMPLES};

// Rejection reasons (`input-formats.md` §2, "What bad input gets"), in plain English: the
// field goes beside the reason, never inside it.
pub(super) const WRONG_FIELD_COUNT: &str = "wrong field count";
pub(super) const MISSING_REQUIRED: &str = "missing required value";
pub(super) const INVALID_DATE: &str = "invalid date";
pub(super) const OUTCOME_BEFORE_OFFENCE: &str = "outcome date before offence date";
pub(super) const UNBALANCED_QUOTE: &str = "unbalanced quote";
pub(super) const IMPLAUSIBLE_DATE: &str = "implausible date";
pub(super) const FIELD_TOO_LONG: &str = "field too long";
pub(super) const BINARY_DATA: &str = "binary data";

// Warnings.
pub(super) const UNKNOWN_OUTCOME: &str = "unknown outcome code";
pub(super) const UNKNOWN_ETHNICITY: &str = "unknown ethnicity code";
pub(super) const UNKNOWN_SEX: &str = "unknown sex code";
pub(super) const AGE_OUTSIDE: &str = "age outside 10-17 at outcome date";
pub(super) const CUSTODY_NO_RELEASE: &str = "custodial outcome without release date";
// An invalid optional field is blanked, and the row kept (issue 10 amends the spec's
// "gravity outside 1–8" rejection).
pub(super) const INVALID_GRAVITY: &str = "invalid gravity (field left blank)";
pub(super) const INVALID_OPTIONAL_DATE: &str = "invalid date (field left blank)";
pub(super) const INVALID_LOOKED_AFTER: &str = "invalid looked-after status (field left blank)";
pub(super) const INVALID_AGE: &str = "invalid age (field left blank)";
pub(super) const INVALID_BIRTH_MONTH: &str = "invalid birth month (field left blank)";
// A kept row whose outcome is not an outcome (it enters no measure).
pub(super) const NOT_AN_OUTCOME_NFA: &str = "not an outcome: No Further Action";
pub(super) const NOT_AN_OUTCOME_TURNAROUND: &str = "not an outcome: Turnaround";
pub(super) const NOT_AN_OUTCOME_PARENTING: &str = "not an outcome: Parenting Order";

/// Every warning a kept row can raise: a logged warning names one of these (the encoding of
/// a partial extract sends its index, see `partial.rs`).
pub(super) const WARNING_REASONS: [&str; 13] = [
    UNKNOWN_OUTCOME,
    UNKNOWN_ETHNICITY,
    UNKNOWN_SEX,
    AGE_OUTSIDE,
    CUSTODY_NO_RELEASE,
    INVALID_GRAVITY,
    INVALID_OPTIONAL_DATE,
    INVALID_LOOKED_AFTER,
    INVALID_AGE,
    INVALID_BIRTH_MONTH,
    NOT_AN_OUTCOME_NFA,
    NOT_AN_OUTCOME_TURNAROUND,
    NOT_AN_OUTCOME_PARENTING,
];

/// No field: the reason is about the whole row.
pub(super) const NO_FIELD: &str = "";

/// Example values are cut to this many characters.
const MAX_EXAMPLE_CHARS: usize = 60;

/// A value as an example for the report: lossy UTF-8, at most [`MAX_EXAMPLE_CHARS`].
fn example(v: &[u8]) -> String {
    // Enough bytes for more than MAX_EXAMPLE_CHARS characters (a character is at most 4
    // bytes; a sequence cut here becomes U+FFFD beyond the cut): a long value is not copied.
    let v = &v[..v.len().min(4 * MAX_EXAMPLE_CHARS + 4)];
    let s = String::from_utf8_lossy(v);
    if s.chars().count() <= MAX_EXAMPLE_CHARS {
        return s.into_owned();
    }
    let mut out: String = s.chars().take(MAX_EXAMPLE_CHARS - 1).collect();
    out.push('…');
    out
}

/// Counts by (reason, field) with example lines, in order of first occurrence.
#[derive(Default)]
pub(super) struct Tally {
    pub(super) reasons: Vec<Reason>,
    /// The static strings each entry was last counted under, so the hot path finds it by
    /// address instead of comparing strings.
    keys: Vec<Option<(&'static str, &'static str)>>,
}

impl Tally {
    /// Count a reason in a field, both given as constants (the hot path); the entry, to add
    /// an example value to.
    #[inline]
    pub(super) fn add(
        &mut self,
        reason: &'static str,
        field: &'static str,
        line: u32,
    ) -> &mut Reason {
        let i =
            match self.keys.iter().position(|k| {
                k.is_some_and(|(r, f)| std::ptr::eq(r, reason) && std::ptr::eq(f, field))
            }) {
                Some(i) => i,
                None => {
                    let i = self.find(reason, field);
                    self.keys[i] = Some((reason, field));
                    i
                }
            };
        let r = &mut self.reasons[i];
        r.count += 1;
        if r.examples.len() < MAX_EXAMPLES {
            r.examples.push(line);
        }
        r
    }

    /// Count a reason in a field, keeping the first offending value as the example.
    #[inline]
    pub(super) fn add_value(
        &mut self,
        reason: &'static str,
        field: Field,
        line: u32,
        value: &[u8],
    ) {
        let r = self.add(reason, field.name(), line);
        if r.example_value.is_empty() && !value.is_empty() && field.example_allowed() {
            r.example_value = example(value);
        }
    }

    #[cold]
    fn find(&mut self, reason: &str, field: &str) -> usize {
        match self
            .reasons
            .iter()
            .position(|r| r.reason == reason && r.field == field)
        {
            Some(i) => i,
            None => {
                self.reasons.push(Reason {
                    reason: reason.to_string(),
                    field: field.to_string(),
                    ..Reason::default()
                });
                self.keys.push(None);
                self.reasons.len() - 1
            }
        }
    }
}

impl Tally {
    /// Count a reason in a field with a value already judged: `value` becomes the example
    /// when it is the first non-empty one and `allowed` (the field may show its values).
    pub(super) fn add_example(
        &mut self,
        reason: &'static str,
        field: &'static str,
        line: u32,
        value: &[u8],
        allowed: bool,
    ) {
        let r = self.add(reason, field, line);
        if allowed && r.example_value.is_empty() && !value.is_empty() {
            r.example_value = example(value);
        }
    }

    /// Add another range's counts (in file order, after this one's): its reasons first seen
    /// there come after this one's, its example lines are moved by `base` lines.
    pub(super) fn absorb(&mut self, other: Vec<Reason>, base: i64) {
        for o in other {
            let i = self.find(&o.reason, &o.field);
            let r = &mut self.reasons[i];
            r.count += o.count;
            let room = MAX_EXAMPLES.saturating_sub(r.examples.len());
            r.examples
                .extend(o.examples.iter().take(room).map(|&l| shift(l, base)));
            if r.example_value.is_empty() {
                r.example_value = o.example_value;
            }
        }
    }
}

/// A line number of one range moved to the file's numbering.
#[inline]
pub(super) fn shift(line: u32, base: i64) -> u32 {
    (i64::from(line) + base).clamp(1, i64::from(u32::MAX)) as u32
}

/// One warning on a kept row, as a range reads it: replayed in file order by the merge, which
/// skips the rows it finds to be duplicates of rows in earlier ranges.
pub(super) struct Logged {
    /// Index of the row among the range's kept rows.
    pub(super) row: u32,
    pub(super) line: u32,
    pub(super) reason: &'static str,
    pub(super) field: &'static str,
    /// The field may show its values as examples.
    pub(super) example: bool,
    /// From a code lookup: the value is an unrecognised code, counted per value.
    pub(super) code: bool,
    /// The value's extent in [`WarningLog::values`].
    pub(super) value: (u32, u32),
}

/// The warnings of a range's kept rows, in the order they were raised.
#[derive(Default)]
pub(super) struct WarningLog {
    pub(super) entries: Vec<Logged>,
    pub(super) values: Vec<u8>,
    /// The kept row the next warnings belong to.
    pub(super) row: u32,
}

impl WarningLog {
    fn push(
        &mut self,
        reason: &'static str,
        field: &'static str,
        line: u32,
        value: &[u8],
        example: bool,
        code: bool,
    ) {
        // An example needs at most MAX_EXAMPLE_CHARS characters; an unrecognised code is
        // counted under its whole value.
        let value = if code || !example {
            if code {
                value
            } else {
                &[]
            }
        } else {
            &value[..value.len().min(4 * MAX_EXAMPLE_CHARS + 4)]
        };
        let a = self.values.len() as u32;
        self.values.extend_from_slice(value);
        self.entries.push(Logged {
            row: self.row,
            line,
            reason,
            field,
            example,
            code,
            value: (a, self.values.len() as u32),
        });
    }

    /// A warning about the whole row or a field, with no value.
    #[inline]
    pub(super) fn add(&mut self, reason: &'static str, field: &'static str, line: u32) {
        self.push(reason, field, line, &[], false, false);
    }

    /// A warning about a field's value (its first value becomes the example).
    #[inline]
    pub(super) fn add_value(
        &mut self,
        reason: &'static str,
        field: Field,
        line: u32,
        value: &[u8],
    ) {
        self.push(
            reason,
            field.name(),
            line,
            value,
            field.example_allowed(),
            false,
        );
    }

    /// An unrecognised code in a field.
    #[inline]
    pub(super) fn add_code(&mut self, reason: &'static str, field: Field, line: u32, value: &[u8]) {
        self.push(
            reason,
            field.name(),
            line,
            value,
            field.example_allowed(),
            true,
        );
    }

    /// The bytes of a logged value.
    pub(super) fn value(&self, l: &Logged) -> &[u8] {
        &self.values[l.value.0 as usize..l.value.1 as usize]
    }
}
