//! Reading files: bytes → decoded text → header and columns → typed case rows, with every row
//! accounted for in the [`QualityReport`] (`input-formats.md` §1–§2).

mod columns;
mod dates;
mod decode;
mod hash;
// Issue 13 (spreadsheets): a header's known columns, for picking a workbook's sheet.
pub mod header;
// Issue 14 (KPIs): the interventions extract and the board attendance file.
pub mod interventions;
pub mod profile;
pub mod quality;
mod reader;
pub mod table;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::codes::{Ethnicity, OffenceCategory, Outcome, Sex};

pub(crate) use columns::FIELDS;
pub use decode::Encoding;
pub use header::{header_score, HeaderScore}; // issue 13
pub use profile::{FamilyChoice, MappingProfile};
pub use quality::{ExtractDateSource, QualityReport, RejectedLine};
pub use reader::{
    cut_ranges, decode_tables, encode_tables, merge_ranges, read_extract_in_ranges, ExtractHead,
    ExtractMerge, PartialDecodeError, PartialExtract, RangeReader, Resync,
};
pub use table::{read_table, Table};

/// How the child's age can be known, from the best column the row had.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Birth {
    /// `date_of_birth` (used only to derive age, never shown).
    Date(NaiveDate),
    /// `birth_month` (`YYYY-MM`): age as if born on the 1st.
    Month(NaiveDate),
    /// `age` in whole years at this row's outcome date.
    AgeAtOutcome(u8),
    Unknown,
}

impl Birth {
    /// Age in whole years at `on`, if known. `outcome_date` is the date of the row that gave
    /// the birth information (needed for [`Birth::AgeAtOutcome`]).
    pub fn age_at(self, on: NaiveDate, outcome_date: NaiveDate) -> Option<i32> {
        let born = match self {
            Birth::Date(d) | Birth::Month(d) => d,
            Birth::AgeAtOutcome(a) => {
                // Whole years `a` at the outcome date: add the whole years elapsed since.
                let years = years_between(outcome_date, on)?;
                return Some(i32::from(a) + years);
            }
            Birth::Unknown => return None,
        };
        years_between(born, on)
    }
}

/// Whole years from `from` to `to` (negative when `to` is earlier).
fn years_between(from: NaiveDate, to: NaiveDate) -> Option<i32> {
    let mut years = to.year() - from.year();
    if (to.month(), to.day()) < (from.month(), from.day()) {
        years -= 1;
    }
    Some(years)
}

/// One kept row of the extract: one proven offence with its outcome (or a remand episode).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CaseRow {
    /// 1-based line number in the file as a spreadsheet shows it (header = its own line).
    pub line: u32,
    /// Index into [`Extract::child_ids`].
    pub child: u32,
    pub offence_date: NaiveDate,
    pub outcome_date: NaiveDate,
    pub outcome: Outcome,
    pub birth: Birth,
    pub sex: Sex,
    pub ethnicity: Ethnicity,
    /// Index into [`Extract::categories`].
    pub category: u32,
    pub gravity: Option<u8>,
    pub release_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub looked_after: Option<bool>,
    /// Index into [`Extract::services`] (0 = no service column or no value).
    pub service: u32,
}

/// A read extract: the kept rows in file order and the tables their indices point into.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Extract {
    pub rows: Vec<CaseRow>,
    /// Pseudonymous ids, stable per child. Never written to any output.
    pub child_ids: Vec<String>,
    pub categories: Vec<OffenceCategory>,
    /// Service names; entry 0 is "" (no service column).
    pub services: Vec<String>,
    /// Detailed ethnicity labels ("Other: Arab"); entry 0 is "" (no detail given).
    pub ethnic_details: Vec<String>,
    pub quality: QualityReport,
}

/// What the caller can set before reading.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReadOptions {
    /// Override the sniffed delimiter.
    pub delimiter: Option<u8>,
    /// `None` (the default): automatic — a BOM decides (UTF-8, UTF-16 LE/BE), else UTF-8, and
    /// the first invalid UTF-8 byte makes the reader ask for a restart as Windows-1252
    /// ([`ReadError::RestartAsWindows1252`]). `Some(e)`: decode as `e` (a UTF-16 BOM still
    /// wins over an 8-bit choice); invalid sequences become U+FFFD.
    pub encoding: Option<Encoding>,
    /// Column and code mappings the user made (never personal data).
    pub profile: MappingProfile,
    /// Today's date: offence and outcome dates after it are implausible (rows rejected), and
    /// so is a later date in a title line. `None` (the default): the system clock natively
    /// ([`system_today`]); the web session sets it from JavaScript's clock. Tests set it so
    /// that they do not change with the calendar.
    pub today: Option<NaiveDate>,
}

/// The earliest plausible date in a youth justice extract: an offence or outcome date before
/// it is a typing error (0023 for 2023), and rejects its row. With "today" (the latest
/// plausible date) it also bounds the periods the measures make.
pub const EARLIEST_PLAUSIBLE: NaiveDate = match NaiveDate::from_ymd_opt(1990, 1, 1) {
    Some(d) => d,
    None => panic!("1 January 1990 is a date"),
};

/// Whether `d` is a plausible extract date: not before [`EARLIEST_PLAUSIBLE`] and not after
/// `today` (no upper bound when `today` is unknown).
pub fn is_plausible(d: NaiveDate, today: Option<NaiveDate>) -> bool {
    d >= EARLIEST_PLAUSIBLE && today.is_none_or(|t| d <= t)
}

/// Today's date (UTC) from the system clock; `None` in wasm, where the web session passes
/// JavaScript's date instead.
pub fn system_today() -> Option<NaiveDate> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_secs();
        NaiveDate::from_ymd_opt(1970, 1, 1)?.checked_add_days(chrono::Days::new(secs / 86_400))
    }
    #[cfg(target_arch = "wasm32")]
    {
        None
    }
}

/// Why a whole file was refused. `message` is one sentence a person can act on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Refusal {
    pub kind: RefusalKind,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum RefusalKind {
    Empty,
    NoHeader,
    NotText,
    /// A required column could not be matched; `headers` are the file's columns to choose from.
    ColumnUnmapped {
        field: String,
        headers: Vec<String>,
    },
    /// Two or more columns match the same field.
    ColumnAmbiguous {
        field: String,
        headers: Vec<String>,
    },
    /// A date column looks month-first and needs the user's confirmation. `columns` holds
    /// every date column (headers as in the file, `column` among them) showing the same
    /// pattern — values impossible day-first but valid month-first, or every value valid
    /// month-first in a day/month form — so that one answer confirms them all.
    MonthFirst {
        column: String,
        example: String,
        #[serde(default)]
        columns: Vec<String>,
    },
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Refusal {}

/// Why [`ExtractReader::push`] or [`ExtractReader::finish`] stopped.
#[derive(Clone, Debug, PartialEq)]
pub enum ReadError {
    /// The file is refused (one sentence for the user); nothing was kept.
    Refused(Refusal),
    /// The file is not valid UTF-8 after all (the first invalid byte came late): drop this
    /// reader and read the file again **from byte 0** with a new reader whose
    /// `ReadOptions::encoding` is `Some(Encoding::Windows1252)`. Only ever returned in
    /// automatic mode (`encoding: None`), and at most once per file.
    RestartAsWindows1252,
}

impl From<Refusal> for ReadError {
    fn from(r: Refusal) -> Self {
        ReadError::Refused(r)
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Refused(r) => f.write_str(&r.message),
            ReadError::RestartAsWindows1252 => {
                f.write_str("The file is not UTF-8: read it again from the start as Windows-1252.")
            }
        }
    }
}

impl std::error::Error for ReadError {}

/// A whole file's bytes, for the command line: `path` must be a regular file. A device
/// (`/dev/zero`), a FIFO, a socket or a directory is refused with a sentence instead of being
/// read — a device or a pipe can be endless, and the reader holds the whole file — and at
/// most the size the file had when opened is read. The error is one sentence naming `path`.
#[cfg(not(target_arch = "wasm32"))]
pub fn read_file(path: &str) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let cannot = |e: std::io::Error| format!("Cannot read {path}: {e}.");
    let not_regular = || {
        format!("Cannot read {path}: it is not a regular file (a device, a pipe or a folder); save the data as a file and give its path.")
    };
    // Checked before opening (opening a FIFO would wait for a writer) and on the open file.
    if !std::fs::metadata(path).map_err(cannot)?.is_file() {
        return Err(not_regular());
    }
    let file = std::fs::File::open(path).map_err(cannot)?;
    let meta = file.metadata().map_err(cannot)?;
    if !meta.is_file() {
        return Err(not_regular());
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(meta.len())
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    Ok(bytes)
}

/// Read a whole case-level extract held in memory, restarting as Windows-1252 by itself when
/// the bytes are not valid UTF-8.
pub fn read_extract(bytes: &[u8], options: &ReadOptions) -> Result<Extract, Refusal> {
    let mut options = options.clone();
    loop {
        let mut reader = ExtractReader::new(options.clone());
        reader.size_hint(bytes.len() as u64);
        match reader.push(bytes).and_then(|()| reader.finish()) {
            Ok(extract) => return Ok(extract),
            Err(ReadError::Refused(r)) => return Err(r),
            Err(ReadError::RestartAsWindows1252) if options.encoding.is_none() => {
                options.encoding = Some(Encoding::Windows1252);
            }
            // Cannot happen (a forced encoding never asks for a restart); refuse rather
            // than loop.
            Err(ReadError::RestartAsWindows1252) => return Err(decode::binary_refusal()),
        }
    }
}

/// Reads an extract incrementally: feed chunks of bytes as they arrive (a `File` read with
/// `File.slice` in the worker), then `finish`. Memory stays proportional to the kept rows:
/// the text is decoded and parsed as it arrives, only a partial record is carried between
/// chunks, and chunk boundaries may fall anywhere (inside a UTF-8 sequence, a quoted field or
/// a CRLF): the result is the same whatever the chunk sizes.
///
/// # The restart protocol
///
/// Whether a file is UTF-8 or Windows-1252 is only known for sure at its first invalid UTF-8
/// byte, which may come after hundreds of megabytes. In automatic mode (`encoding: None`)
/// `push` or `finish` then returns [`ReadError::RestartAsWindows1252`]; the caller drops the
/// reader and reads the file again from byte 0 with
/// `ReadOptions { encoding: Some(Encoding::Windows1252), .. }` (the `File` can be re-read).
/// It happens at most once per file. [`read_extract`] does this itself. Any other failure is
/// [`ReadError::Refused`] with a sentence for the user; after an error the reader only
/// repeats it.
///
/// ```
/// use yjlens_core::extract::{Encoding, ExtractReader, ReadError, ReadOptions};
///
/// // "£" as Windows-1252 (0xA3) well after the start: not UTF-8.
/// let mut file = b"child_id,offence_date,outcome_date,outcome\n".to_vec();
/// for i in 0..1000 {
///     file.extend_from_slice(format!("C{i},01/02/2023,03/04/2023,Youth Caution\n").as_bytes());
/// }
/// file.extend_from_slice(b"C9,01/02/2023,03/04/2023,Fine \xA350\n");
///
/// let mut options = ReadOptions::default();
/// let extract = 'file: loop {
///     let mut reader = ExtractReader::new(options.clone());
///     let mut result = Ok(());
///     for chunk in file.chunks(4096) {          // File.slice(…) in the worker
///         result = reader.push(chunk);
///         if result.is_err() {
///             break;
///         }
///         let _progress = reader.bytes_read();   // for a progress bar
///     }
///     match result.and_then(|()| reader.finish()) {
///         Ok(extract) => break 'file extract,
///         Err(ReadError::RestartAsWindows1252) => {
///             options.encoding = Some(Encoding::Windows1252); // and again from byte 0
///         }
///         Err(ReadError::Refused(refusal)) => panic!("{}", refusal.message),
///     }
/// };
/// assert_eq!(extract.quality.encoding, "Windows-1252");
/// assert_eq!(extract.quality.rows_used, 1001);
/// ```
pub struct ExtractReader {
    decoder: decode::Decoder,
    text: reader::TextStage,
    bytes_read: u64,
    failed: Option<ReadError>,
}

impl ExtractReader {
    pub fn new(options: ReadOptions) -> Self {
        ExtractReader {
            decoder: decode::Decoder::new(options.encoding),
            text: reader::TextStage::new(
                options.profile,
                options.delimiter,
                options.today.or_else(system_today),
            ),
            bytes_read: 0,
            failed: None,
        }
    }

    /// Feed the next chunk of the file (any size, including empty).
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), ReadError> {
        if let Some(e) = &self.failed {
            return Err(e.clone());
        }
        self.bytes_read += chunk.len() as u64;
        let text = &mut self.text;
        let r = self.decoder.push(chunk, &mut |t| text.push(t));
        if let Err(e) = &r {
            self.failed = Some(e.clone());
        }
        r
    }

    /// Tell the reader the file's size in bytes (`File.size`), before or while pushing. It only
    /// pre-sizes the row tables (fewer reallocations and rehashes: faster on large files); it
    /// never changes the result.
    pub fn size_hint(&mut self, total_bytes: u64) {
        self.text.size_hint(total_bytes);
    }

    /// Bytes pushed so far (for progress: divide by the file's size).
    pub fn bytes_read(&self) -> u64 {
        self.bytes_read
    }

    /// End of the file: the extract, or why the file is refused (or must be re-read as
    /// Windows-1252).
    pub fn finish(mut self) -> Result<Extract, ReadError> {
        if let Some(e) = self.failed {
            return Err(e);
        }
        let text = &mut self.text;
        self.decoder.finish(&mut |t| text.push(t))?;
        let encoding = self.decoder.encoding.unwrap_or(Encoding::Utf8);
        let bom = self.decoder.bom;
        let mut extract = self.text.finish()?;
        extract.quality.encoding = if bom && encoding == Encoding::Utf8 {
            "UTF-8 (BOM)".into()
        } else {
            encoding.label().into()
        };
        Ok(extract)
    }
}
