//! Reading one file in byte ranges, apart (on several threads, or workers), and merging what
//! they read into the extract reading it in one go gives.
//!
//! 1. The head: the file's first bytes are read as usual (encoding, title lines, header,
//!    delimiter, column mapping) up to the end of the header record: an [`ExtractHead`].
//! 2. The rest is cut into ranges ([`cut_ranges`]: just after a line feed near each equal
//!    share). Each range is read by its own [`RangeReader`] into a [`PartialExtract`]: records
//!    starting in the range, the last one read to its end past the range's end.
//! 3. The parts are added to an [`ExtractMerge`] in file order. A range assumes its first byte
//!    starts a record; when a cut fell inside a record (a quoted field with line breaks, or
//!    anywhere else for a cut not made by [`cut_ranges`]), its first record does not start
//!    where the previous part's records ended: the merge says so ([`Resync`]) and the range is
//!    read again from there. Records read from a record's start are the same whoever reads
//!    them, so the merged extract never depends on where the cuts fell.
//!
//! Only UTF-8 files read in automatic mode are split (a range's bytes are its text): a file
//! with a UTF-16 BOM, a forced encoding, or a header beyond the first bytes is read in one go.
//! A range meeting a byte that is not UTF-8 asks for the restart the whole file would.

use chrono::NaiveDate;

use super::super::columns::Mapping;
use super::super::decode::Decoder;
use super::super::{
    read_extract, Encoding, Extract, ExtractReader, MappingProfile, ReadError, ReadOptions, Refusal,
};
use super::merge::{ExtractMerge, PartialExtract, Resync};
use super::splitter::Body;

/// The head is looked for in the file's first bytes this much at a time.
const HEAD_PIECE: usize = 64 << 10;

/// What the file's head says, for reading its ranges and merging them.
#[derive(Clone, Debug)]
pub struct ExtractHead {
    pub(super) delimiter: u8,
    pub(super) map: Mapping,
    pub(super) profile: MappingProfile,
    pub(super) today: Option<NaiveDate>,
    pub(super) header_line: u32,
    pub(super) title_lines: u32,
    pub(super) title_date: Option<NaiveDate>,
    pub(super) title_date_ignored: Option<(NaiveDate, u32)>,
    /// The byte offset just after the header record: where the first range starts.
    pub(super) data_start: u64,
    /// The first part's lines are moved by this many.
    pub(super) first_base: i64,
    /// The file starts with a UTF-8 BOM.
    pub(super) bom: bool,
}

impl ExtractHead {
    /// The head of a file from its first bytes, `prefix` (`whole`: they are the whole file).
    /// `None` when the file is to be read in one go: not UTF-8 in automatic mode, its header
    /// not within `prefix`, or refused (reading it in one go says why).
    pub fn read(prefix: &[u8], options: &ReadOptions, whole: bool) -> Option<ExtractHead> {
        if options.encoding.is_some() {
            return None;
        }
        let mut reader = ExtractReader::new(options.clone());
        let pieces = prefix.len().div_ceil(HEAD_PIECE);
        for (i, piece) in prefix.chunks(HEAD_PIECE).enumerate() {
            reader.push(piece).ok()?;
            if whole && i + 1 == pieces {
                let text = &mut reader.text;
                reader.decoder.flush_head(&mut |t| text.push(t)).ok()?;
            }
            if reader.decoder.encoding.is_some() {
                if reader.decoder.encoding != Some(Encoding::Utf8) {
                    return None;
                }
                let bom = if reader.decoder.bom { 3 } else { 0 };
                if let Some(head) = reader.text.head(bom) {
                    return Some(head);
                }
            }
        }
        None
    }

    /// The byte offset where the data after the header starts: the first range's start.
    pub fn data_start(&self) -> u64 {
        self.data_start
    }

    /// A reader for the records starting in bytes `start..end` of the file. `start` must be a
    /// character's start (a cut from [`cut_ranges`] is).
    pub fn range(&self, start: u64, end: u64) -> RangeReader {
        RangeReader {
            decoder: Decoder::continuing_utf8(),
            body: Box::new(Body::range(
                self.delimiter,
                &self.map,
                &self.profile,
                self.today,
                start,
                end,
            )),
        }
    }
}

/// Reads one range of a file: push its bytes from the range's start on, until
/// [`RangeReader::is_done`] (the record after the range has been reached, possibly past the
/// range's end) or the end of the file, then [`RangeReader::finish`].
pub struct RangeReader {
    decoder: Decoder,
    body: Box<Body>,
}

impl RangeReader {
    /// The next bytes of the file.
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), ReadError> {
        if self.body.is_done() {
            return Ok(());
        }
        let body = &mut self.body;
        self.decoder.push(chunk, &mut |t| body.feed(t, false))
    }

    /// Size the tables of kept rows, children and record hashes for the rows of `bytes` bytes,
    /// not the range's ([`ExtractMerge::range`](super::ExtractMerge::range)). Never changes
    /// what is read.
    pub(super) fn size_rows_for(&mut self, bytes: u64) {
        self.body.kept_hint = Some(bytes);
    }

    /// The range's records are all read: push no more.
    pub fn is_done(&self) -> bool {
        self.body.is_done()
    }

    /// What the range read (when not done: the end of the file was reached).
    pub fn finish(mut self) -> Result<PartialExtract, ReadError> {
        if !self.body.is_done() {
            let body = &mut self.body;
            self.decoder.finish(&mut |t| body.feed(t, false))?;
            self.body.feed(&[], true)?;
        }
        Ok(self
            .body
            .finish_partial()
            .expect("a range reader has its rows"))
    }
}

/// Cut bytes `start..len` into at most `ranges` ranges of about equal size, each cut just
/// after a line feed: `line_end_after(p)` is the offset just after the first `\n` at or after
/// `p` (`None`: there is none).
pub fn cut_ranges(
    start: u64,
    len: u64,
    ranges: usize,
    mut line_end_after: impl FnMut(u64) -> Option<u64>,
) -> Vec<(u64, u64)> {
    let mut cuts = vec![start];
    let span = len.saturating_sub(start);
    for k in 1..ranges.max(1) as u64 {
        let target = start + span * k / ranges as u64;
        if target <= *cuts.last().unwrap_or(&start) {
            continue;
        }
        match line_end_after(target) {
            Some(c) if c < len && c > *cuts.last().unwrap_or(&start) => cuts.push(c),
            _ => break,
        }
    }
    cuts.push(len.max(start));
    cuts.windows(2).map(|w| (w[0], w[1])).collect()
}

/// Read an extract held in memory in the byte ranges that `cuts` (offsets, in any order; any
/// value) make after the header, one after the other, and merge them: the same extract as
/// [`read_extract`] gives, whatever the cuts. (The command line reads the ranges of a large
/// file on threads; this is the same without them.)
pub fn read_extract_in_ranges(
    bytes: &[u8],
    options: &ReadOptions,
    cuts: &[usize],
) -> Result<Extract, Refusal> {
    let Some(head) = ExtractHead::read(bytes, options, true) else {
        return read_extract(bytes, options);
    };
    let len = bytes.len() as u64;
    let mut points: Vec<u64> = cuts
        .iter()
        .map(|&c| {
            // To a character's start.
            let mut c = c.min(bytes.len());
            while c < bytes.len() && (bytes[c] & 0xC0) == 0x80 {
                c += 1;
            }
            c as u64
        })
        .filter(|&c| c > head.data_start && c < len)
        .collect();
    points.sort_unstable();
    points.dedup();
    points.insert(0, head.data_start);
    points.push(len);
    let ranges: Vec<(u64, u64)> = points.windows(2).map(|w| (w[0], w[1])).collect();
    let parts = ranges
        .iter()
        .map(|&(s, e)| read_range(bytes, &head, s, e))
        .collect();
    match merge_ranges(&head, &ranges, parts, |s, e| read_range(bytes, &head, s, e)) {
        Ok(extract) => Ok(extract),
        Err(ReadError::Refused(r)) => Err(r),
        Err(ReadError::RestartAsWindows1252) => read_extract(bytes, options),
    }
}

/// One range of a file held in memory.
fn read_range(
    bytes: &[u8],
    head: &ExtractHead,
    start: u64,
    end: u64,
) -> Result<PartialExtract, ReadError> {
    let mut reader = head.range(start, end);
    for chunk in bytes[start as usize..].chunks(1 << 20) {
        reader.push(chunk)?;
        if reader.is_done() {
            break;
        }
    }
    reader.finish()
}

/// Merge the parts read from `ranges` (in file order), reading a range again with
/// `read_again(from, end)` when its cut fell inside a record. A range's
/// [`ReadError::RestartAsWindows1252`] is the whole file's: read it again in one go.
pub fn merge_ranges(
    head: &ExtractHead,
    ranges: &[(u64, u64)],
    parts: Vec<Result<PartialExtract, ReadError>>,
    mut read_again: impl FnMut(u64, u64) -> Result<PartialExtract, ReadError>,
) -> Result<Extract, ReadError> {
    let mut merge = ExtractMerge::new(head);
    if let Some(&(_, len)) = ranges.last() {
        merge.size_hint(len);
    }
    for (&(_, end), part) in ranges.iter().zip(parts) {
        if let Err(Resync { from }) = merge.add(part?) {
            // Read from where the previous part's records ended: its first record starts
            // there (or the file ends there), so this part is taken.
            let again = merge.add(read_again(from, end)?);
            debug_assert!(again.is_ok(), "a range read from a record's start is taken");
        }
    }
    Ok(merge.finish()?)
}
