//! Issue 15: a file read in byte ranges by a pool of workers, in the browser, without shared
//! memory. A parse worker reads each of its ranges into a [`RangeRead`] and posts its part as
//! bytes (a transferable `ArrayBuffer`); the coordinating worker reads the first range itself
//! ([`RangeMerge::range`]) and adds the parts in file order to a [`RangeMerge`], which gives
//! the [`Session`] its extract — the same extract reading the file in one go gives
//! (`yjlens_core::extract`'s ranges and merge).
//!
//! Both sides read the file's head themselves from its first bytes with the same read options
//! (the coordinator passes its own, `today` included), so only byte offsets and parts cross.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::js_error;
use crate::session::{from_js_or_default, refusal, today, Session};
use yjlens_core::extract::{
    ExtractHead, ExtractMerge, PartialExtract, RangeReader, ReadError, ReadOptions, Resync,
};

/// What JavaScript is told when a range (or the whole merge) meets a byte that is not UTF-8:
/// read the file again in one go (which restarts as Windows-1252 itself).
const ONE_GO: &str = "read_in_one_go";

/// The read options as the coordinator and every parse worker use them: `today` from
/// JavaScript's clock unless given.
fn options_of(options: JsValue) -> Result<ReadOptions, JsValue> {
    let mut options: ReadOptions = from_js_or_default(options, "error.session.what.read_options")?;
    options.today = options.today.or_else(today);
    Ok(options)
}

/// A range's failure for JavaScript: a refusal (the whole file's), or [`ONE_GO`].
fn range_error(e: ReadError) -> JsValue {
    match e {
        ReadError::Refused(r) => refusal(r),
        ReadError::RestartAsWindows1252 => js_error(ONE_GO, "not UTF-8: read in one go"),
    }
}

/// The head of a file from its first bytes (`whole`: they are all of it); `None`: read it in
/// one go.
fn head_of(prefix: &[u8], whole: bool, options: &ReadOptions) -> Option<ExtractHead> {
    ExtractHead::read(prefix, options, whole)
}

/// One range of a file being read by a parse worker.
#[wasm_bindgen]
pub struct RangeRead {
    reader: Option<RangeReader>,
}

#[wasm_bindgen]
impl RangeRead {
    /// A reader for the records starting in bytes `start..end`, the file's head read from its
    /// first bytes `prefix` (`whole`: the whole file) with `options` (as the coordinator's
    /// [`RangeMerge::begin`] was given them, `today` set).
    #[wasm_bindgen(constructor)]
    pub fn new(
        prefix: &[u8],
        whole: bool,
        options: JsValue,
        start: f64,
        end: f64,
    ) -> Result<RangeRead, JsValue> {
        let options = options_of(options)?;
        let head = head_of(prefix, whole, &options)
            .ok_or_else(|| js_error(ONE_GO, "no head: read in one go"))?;
        Ok(RangeRead {
            reader: Some(head.range(start as u64, end as u64)),
        })
    }

    /// The next bytes of the file from the range's start on; `true` once the range's records
    /// are all read (push no more).
    pub fn push(&mut self, chunk: &[u8]) -> Result<bool, JsValue> {
        let reader = self
            .reader
            .as_mut()
            .ok_or_else(|| js_error("state", "the range is finished"))?;
        reader.push(chunk).map_err(range_error)?;
        Ok(reader.is_done())
    }

    /// The range read (at its records' end, or the file's): its part, encoded, for
    /// [`RangeMerge::add`] in the coordinating worker.
    pub fn finish(&mut self) -> Result<Vec<u8>, JsValue> {
        Ok(self.part()?.into_bytes())
    }
}

impl RangeRead {
    /// The range read: its part (the reader is finished).
    fn part(&mut self) -> Result<PartialExtract, JsValue> {
        let reader = self
            .reader
            .take()
            .ok_or_else(|| js_error("state", "the range is finished"))?;
        reader.finish().map_err(range_error)
    }
}

/// The parts of one file, merged in file order in the coordinating worker.
#[wasm_bindgen]
pub struct RangeMerge {
    head: ExtractHead,
    options: ReadOptions,
    merge: Option<ExtractMerge>,
}

#[wasm_bindgen]
impl RangeMerge {
    /// Start merging a file whose first bytes are `prefix` (`whole`: the whole file), or
    /// `undefined` when it is to be read in one go (not UTF-8, a forced encoding, its header
    /// not within `prefix`, or refused: reading it in one go says why).
    /// `total_bytes`: the file's size (sizes the merged rows' table).
    pub fn begin(
        prefix: &[u8],
        whole: bool,
        options: JsValue,
        total_bytes: f64,
    ) -> Result<Option<RangeMerge>, JsValue> {
        let options = options_of(options)?;
        Ok(head_of(prefix, whole, &options).map(|head| {
            let mut merge = ExtractMerge::new(&head);
            merge.size_hint(total_bytes as u64);
            RangeMerge {
                merge: Some(merge),
                head,
                options,
            }
        }))
    }

    /// Where the data after the header starts: the first range's start.
    #[wasm_bindgen(js_name = dataStart)]
    pub fn data_start(&self) -> f64 {
        self.head.data_start() as f64
    }

    /// The read options every parse worker is to use (`today` set), as a JavaScript object.
    pub fn options(&self) -> Result<JsValue, JsValue> {
        self.options
            .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
            .map_err(|e| js_error("bad_input", &e.to_string()))
    }

    /// A reader for the records starting in bytes `start..end`, in this worker, with the
    /// merge's own head: the coordinating worker reads the first range itself while the parse
    /// workers read the others, and reads again a range whose cut fell inside a record. Its
    /// part goes to [`RangeMerge::add_read`].
    pub fn range(&self, start: f64, end: f64) -> Result<RangeRead, JsValue> {
        let merge = self
            .merge
            .as_ref()
            .ok_or_else(|| js_error("state", "the merge is finished"))?;
        Ok(RangeRead {
            reader: Some(merge.range(start as u64, end as u64)),
        })
    }

    /// Add the next range's part from a [`RangeRead`] of this worker ([`RangeMerge::range`]),
    /// in file order: its rows are moved into the merge, never encoded and decoded. As
    /// [`RangeMerge::add`] otherwise; the reader is finished by it.
    #[wasm_bindgen(js_name = addRead)]
    pub fn add_read(&mut self, read: &mut RangeRead) -> Result<Option<f64>, JsValue> {
        let merge = self
            .merge
            .as_mut()
            .ok_or_else(|| js_error("state", "the merge is finished"))?;
        let part = read.part()?;
        Ok(merge.add(part).err().map(|Resync { from }| from as f64))
    }

    /// Add the next range's part (`RangeRead::finish`'s bytes), in file order. `undefined`:
    /// taken. A number: the range's cut fell inside a record — read the range again from that
    /// byte (to the same end) and add that part instead.
    pub fn add(&mut self, bytes: Vec<u8>) -> Result<Option<f64>, JsValue> {
        let merge = self
            .merge
            .as_mut()
            .ok_or_else(|| js_error("state", "the merge is finished"))?;
        // Issue 15 item 2: the part's rows are decoded straight into the merged table and the
        // posted bytes (copied into wasm memory) given back before the part is merged, so
        // they, a copy of the rows and the merge's growth are never held at once.
        match merge
            .add_encoded(bytes)
            .map_err(|e| js_error("crash", &format!("a part of the file: {e}")))?
        {
            Ok(()) => Ok(None),
            Err(Resync { from }) => Ok(Some(from as f64)),
        }
    }

    /// Every part added: `session` holds the extract (as `Session.finish` leaves it), and its
    /// quality report is returned; a refusal as `Session.finish` gives it.
    #[wasm_bindgen(js_name = finishInto)]
    pub fn finish_into(&mut self, session: &mut Session) -> Result<JsValue, JsValue> {
        let merge = self
            .merge
            .take()
            .ok_or_else(|| js_error("state", "the merge is finished"))?;
        let extract = merge.finish().map_err(refusal)?;
        let quality = serde_wasm_bindgen::to_value(&extract.quality)
            .map_err(|e| js_error("bad_input", &format!("quality report: {e}")))?;
        session.extract = Some(extract);
        Ok(quality)
    }
}
