//! The streaming reader behind [`super::ExtractReader`]: decoded text → title lines skipped
//! and delimiter sniffed → records split (by hand or by `csv-core`) → typed rows, with every
//! row accounted for.
//!
//! One job per file, in the order the bytes meet them:
//!
//! | file | what it owns |
//! |---|---|
//! | `sniff.rs` | the text before the header: title lines, the header line, the delimiter |
//! | `splitter.rs` | records and fields (fast path and `csv-core`), spreadsheet line numbers |
//! | `swar.rs` | the splitter's byte searches and counts, eight bytes at a time |
//! | `rows.rs` | row typing: one record's fields → a typed case row, or a rejection |
//! | `month_first.rs` | month-first evidence per date column, and the refusal it may lead to |
//! | `codes.rs` | the code lookup: raw outcome, ethnicity, sex, looked-after values → codes |
//! | `intern.rs` | interning: children (and their conflicting attributes), categories, services |
//! | `tally.rs` | the rejection and warning reasons, counted with example lines and values |
//! | `ranges.rs` | a file read in byte ranges apart: its head, each range, the cuts |
//! | `partial.rs` | a part as bytes, to send from the worker that read it to the one merging |
//! | `merge.rs` | the parts (one, or one per range) → the extract, in file order |
//!
//! A file read in one go is one part, merged alone; a file read in ranges is one part per
//! range, and the merge makes of them the same extract.
//!
//! Memory: the text before the header (bounded by `sniff::PRE_HEADER_LIMIT`), one record's
//! fields, the kept rows, the interning tables and one 128-bit hash per kept row (for exact
//! duplicates). The file's text is never held whole.

mod codes;
mod intern;
mod merge;
mod month_first;
mod partial;
mod ranges;
mod rows;
mod sniff;
mod splitter;
mod swar;
mod tally;

pub use merge::{ExtractMerge, PartialExtract, Resync};
pub use partial::{decode_tables, encode_tables, PartialDecodeError};
pub use ranges::{cut_ranges, merge_ranges, read_extract_in_ranges, ExtractHead, RangeReader};
pub(crate) use rows::parse_birth_month;
pub(crate) use sniff::TextStage;
