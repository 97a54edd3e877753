//! Decoding bytes to UTF-8 text, incrementally (`input-formats.md` §1, "encoding").
//!
//! * UTF-8, with or without BOM: validated with `std::str::from_utf8`, chunk by chunk (a
//!   sequence split across chunks is carried over, at most 3 bytes). Valid text is passed on
//!   without copying.
//! * UTF-16 LE/BE with BOM (Excel "Unicode text"): `char::decode_utf16` from std, unpaired
//!   surrogates become U+FFFD.
//! * Windows-1252, when the bytes are not valid UTF-8 anywhere in the file: Latin-1 plus the
//!   hand table [`CP1252_80_9F`] of the 32 code points 0x80–0x9F (27 differ from Latin-1;
//!   the 5 unassigned ones map to the C1 control of the same value, as the WHATWG Encoding
//!   standard does).
//!
//! Size: this is the smallest correct option. `encoding_rs` used through its generic API
//! links every legacy decoder (measured at 126 KB gzip on its own); std already carries
//! UTF-8 validation and UTF-16 decoding, so the only added data is the 64-byte table below
//! plus a few hundred bytes of code.
//!
//! Streaming and Windows-1252: a streamed read cannot know that a file is not UTF-8 until it
//! meets the first invalid byte, possibly after hundreds of megabytes. In automatic mode the
//! decoder then reports [`super::ReadError::RestartAsWindows1252`] and the caller re-reads
//! the file from byte 0 with `ReadOptions::encoding = Some(Encoding::Windows1252)`.

use serde::{Deserialize, Serialize};

use super::{ReadError, Refusal, RefusalKind};

/// A text encoding the reader understands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    Windows1252,
}

impl Encoding {
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Windows1252 => "Windows-1252",
        }
    }
}

/// Windows-1252 bytes 0x80–0x9F as Unicode scalar values.
pub(crate) const CP1252_80_9F: [u16; 32] = [
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
];

/// How many leading bytes are examined before deciding the encoding and whether the file is
/// text at all.
const HEAD: usize = 8192;

pub(crate) fn excel_refusal() -> Refusal {
    Refusal {
        kind: RefusalKind::NotText,
        message: "This is an Excel workbook; save it as CSV and drop that file.".into(),
    }
}

fn ods_refusal() -> Refusal {
    Refusal {
        kind: RefusalKind::NotText,
        message: "This is an OpenDocument spreadsheet; save it as CSV and drop that file.".into(),
    }
}

fn zip_refusal() -> Refusal {
    Refusal {
        kind: RefusalKind::NotText,
        message: "This is a zip archive, not a CSV file; unzip it and drop the CSV file inside."
            .into(),
    }
}

/// What a zip file holds, from the local file headers among its first bytes: an Excel
/// workbook (an `xl/` entry), an OpenDocument spreadsheet (a `mimetype` entry saying so, or
/// `content.xml` beside a `mimetype`), or anything else — a zip archive.
fn zip_refusal_for(head: &[u8]) -> Refusal {
    const SPREADSHEET: &[u8] = b"application/vnd.oasis.opendocument.spreadsheet";
    let (mut mimetype, mut content) = (false, false);
    let mut at = 0;
    while let Some(p) = head[at..].windows(4).position(|w| w == b"PK\x03\x04") {
        let h = at + p;
        at = h + 4;
        // Local file header: name length at 26, extra length at 28, name from 30.
        let Some(fixed) = head.get(h..h + 30) else {
            break;
        };
        let name_len = usize::from(u16::from_le_bytes([fixed[26], fixed[27]]));
        let extra_len = usize::from(u16::from_le_bytes([fixed[28], fixed[29]]));
        let Some(name) = head.get(h + 30..h + 30 + name_len) else {
            break;
        };
        if name.starts_with(b"xl/") {
            return excel_refusal();
        }
        if name == b"mimetype" {
            mimetype = true;
            // Stored uncompressed, first in the archive: its content follows the header.
            let data = h + 30 + name_len + extra_len;
            if head.get(data..data + SPREADSHEET.len()) == Some(SPREADSHEET) {
                return ods_refusal();
            }
        }
        content |= name == b"content.xml";
    }
    if mimetype && content {
        return ods_refusal();
    }
    zip_refusal()
}

pub(crate) fn binary_refusal() -> Refusal {
    Refusal {
        kind: RefusalKind::NotText,
        message: "This file is not text (it looks like a binary file); export the data as CSV and drop that file.".into(),
    }
}

pub(crate) fn empty_refusal() -> Refusal {
    Refusal {
        kind: RefusalKind::Empty,
        message: "The file is empty.".into(),
    }
}

/// Refuse files that are plainly not text, from their first bytes (`head`, up to [`HEAD`]):
/// a known binary signature, or more than 1% control characters.
///
/// One NUL byte is not enough: wherever it is in the file, the row holding it is rejected
/// (`binary data`) and the rest is read — one rule for the whole file, where refusing on a
/// NUL in the first 8 KB only would read the same byte a little later without a word. Real
/// binary files (images, UTF-16 without a BOM, database files) have far more than 1% control
/// characters (NULs among them) in their first 8 KB, and are refused here.
fn check_text(head: &[u8]) -> Result<(), Refusal> {
    if head.starts_with(b"PK\x03\x04") {
        return Err(zip_refusal_for(head));
    }
    if head.starts_with(b"PK\x05\x06") {
        return Err(zip_refusal());
    }
    if head.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return Err(excel_refusal());
    }
    if head.starts_with(b"%PDF") || head.starts_with(b"\x1f\x8b") {
        return Err(binary_refusal());
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1a))
        .count();
    // (A few, however short the file: one stray NUL in a small file is a rejected row.)
    if controls > 8 && controls * 100 > head.len() {
        return Err(binary_refusal());
    }
    Ok(())
}

enum State {
    /// Collecting the first bytes.
    Head(Vec<u8>),
    Utf8 {
        carry: [u8; 4],
        len: usize,
    },
    Utf16 {
        be: bool,
        odd: Option<u8>,
        high: Option<u16>,
    },
    Win1252,
    Done,
}

/// Incremental decoder: bytes in, UTF-8 text out through a sink.
pub(crate) struct Decoder {
    forced: Option<Encoding>,
    state: State,
    pub(crate) encoding: Option<Encoding>,
    pub(crate) bom: bool,
    scratch: Vec<u8>,
}

type Sink<'a> = dyn FnMut(&[u8]) -> Result<(), ReadError> + 'a;

impl Decoder {
    pub(crate) fn new(forced: Option<Encoding>) -> Self {
        Decoder {
            forced,
            state: State::Head(Vec::new()),
            encoding: None,
            bom: false,
            scratch: Vec::new(),
        }
    }

    /// A decoder for bytes after the start of a file already found to be UTF-8 in automatic
    /// mode (a range of it, from a character's start): validated as they come, the first
    /// invalid byte asks for a restart as Windows-1252.
    pub(crate) fn continuing_utf8() -> Self {
        Decoder {
            forced: None,
            state: State::Utf8 {
                carry: [0; 4],
                len: 0,
            },
            encoding: Some(Encoding::Utf8),
            bom: false,
            scratch: Vec::new(),
        }
    }

    /// Decide the encoding now from the bytes held so far (they are the whole file).
    pub(crate) fn flush_head(&mut self, sink: &mut Sink<'_>) -> Result<(), ReadError> {
        if let State::Head(head) = &mut self.state {
            let head = std::mem::take(head);
            if head.is_empty() {
                return Err(empty_refusal().into());
            }
            let bom = self.start(&head)?;
            self.decode(&head[bom..], sink)?;
        }
        Ok(())
    }

    pub(crate) fn push(&mut self, input: &[u8], sink: &mut Sink<'_>) -> Result<(), ReadError> {
        if let State::Head(head) = &mut self.state {
            if head.len() + input.len() < HEAD {
                head.extend_from_slice(input);
                return Ok(());
            }
            // Exactly the first HEAD bytes decide (whatever the chunk sizes); the rest of
            // this chunk is decoded in place, never copied.
            let (first, rest) = input.split_at(HEAD - head.len());
            let mut head = std::mem::take(head);
            head.extend_from_slice(first);
            let bom = self.start(&head)?;
            self.decode(&head[bom..], sink)?;
            return self.decode(rest, sink);
        }
        self.decode(input, sink)
    }

    /// End of input: decode what is held back.
    pub(crate) fn finish(&mut self, sink: &mut Sink<'_>) -> Result<(), ReadError> {
        self.flush_head(sink)?;
        match std::mem::replace(&mut self.state, State::Done) {
            State::Utf8 { len, .. } if len > 0 => {
                // A truncated sequence at the very end: not valid UTF-8.
                if self.forced.is_none() {
                    return Err(ReadError::RestartAsWindows1252);
                }
                sink("\u{FFFD}".as_bytes())
            }
            State::Utf16 { odd, high, .. } if odd.is_some() || high.is_some() => {
                sink("\u{FFFD}".as_bytes())
            }
            _ => Ok(()),
        }
    }

    /// Decide the encoding from the first bytes.
    /// Returns the length of the BOM to skip.
    fn start(&mut self, head: &[u8]) -> Result<usize, Refusal> {
        let (enc, bom) = if head.starts_with(b"\xEF\xBB\xBF") {
            (Encoding::Utf8, 3)
        } else if head.starts_with(b"\xFF\xFE") {
            (Encoding::Utf16Le, 2)
        } else if head.starts_with(b"\xFE\xFF") {
            (Encoding::Utf16Be, 2)
        } else {
            (Encoding::Utf8, 0)
        };
        let enc = match (self.forced, enc) {
            // A forced 8-bit encoding never overrides a UTF-16 BOM.
            (Some(f @ (Encoding::Utf8 | Encoding::Windows1252)), Encoding::Utf8) => f,
            (Some(f), _) if bom == 0 => f,
            _ => enc,
        };
        if matches!(enc, Encoding::Utf8 | Encoding::Windows1252) {
            check_text(&head[bom..])?;
        }
        self.bom = bom > 0;
        self.encoding = Some(enc);
        self.state = match enc {
            Encoding::Utf8 => State::Utf8 {
                carry: [0; 4],
                len: 0,
            },
            Encoding::Utf16Le | Encoding::Utf16Be => State::Utf16 {
                be: enc == Encoding::Utf16Be,
                odd: None,
                high: None,
            },
            Encoding::Windows1252 => State::Win1252,
        };
        Ok(bom)
    }

    fn decode(&mut self, mut input: &[u8], sink: &mut Sink<'_>) -> Result<(), ReadError> {
        match &mut self.state {
            State::Utf8 { carry, len } => {
                let lossy = self.forced.is_some();
                if *len > 0 {
                    // Complete the sequence carried over from the previous chunk.
                    let need = utf8_len(carry[0]).max(*len + 1);
                    while *len < need && !input.is_empty() {
                        carry[*len] = input[0];
                        *len += 1;
                        input = &input[1..];
                    }
                    match std::str::from_utf8(&carry[..*len]) {
                        Ok(s) => {
                            let s = s.as_bytes().to_vec();
                            *len = 0;
                            sink(&s)?;
                        }
                        Err(e) if e.error_len().is_none() => return Ok(()), // still short
                        Err(_) if !lossy => return Err(ReadError::RestartAsWindows1252),
                        Err(_) => {
                            let s = String::from_utf8_lossy(&carry[..*len]).into_owned();
                            *len = 0;
                            sink(s.as_bytes())?;
                        }
                    }
                }
                loop {
                    match std::str::from_utf8(input) {
                        Ok(_) => return sink(input),
                        Err(e) => {
                            let good = e.valid_up_to();
                            match e.error_len() {
                                None => {
                                    // Incomplete sequence at the end: carry it over.
                                    let rest = &input[good..];
                                    carry[..rest.len()].copy_from_slice(rest);
                                    *len = rest.len();
                                    return sink(&input[..good]);
                                }
                                Some(_) if !lossy => {
                                    return Err(ReadError::RestartAsWindows1252);
                                }
                                Some(bad) => {
                                    sink(&input[..good])?;
                                    sink("\u{FFFD}".as_bytes())?;
                                    input = &input[good + bad..];
                                }
                            }
                        }
                    }
                }
            }
            State::Utf16 { be, odd, high } => {
                let out = &mut self.scratch;
                out.clear();
                out.reserve(input.len() * 3 / 2 + 4);
                let mut bytes = input;
                let mut units: Vec<u16> = Vec::with_capacity(input.len() / 2 + 2);
                if let Some(first) = odd.take() {
                    if let Some((&second, rest)) = bytes.split_first() {
                        units.push(unit(*be, first, second));
                        bytes = rest;
                    } else {
                        *odd = Some(first);
                        return Ok(());
                    }
                }
                let mut pairs = bytes.chunks_exact(2);
                for p in &mut pairs {
                    units.push(unit(*be, p[0], p[1]));
                }
                if let [last] = pairs.remainder() {
                    *odd = Some(*last);
                }
                let mut iter_units: Vec<u16> = Vec::with_capacity(units.len() + 1);
                if let Some(h) = high.take() {
                    iter_units.push(h);
                }
                iter_units.extend_from_slice(&units);
                // Hold back a trailing high surrogate: its pair may be in the next chunk.
                if let Some(&last) = iter_units.last() {
                    if (0xD800..0xDC00).contains(&last) {
                        *high = Some(last);
                        iter_units.pop();
                    }
                }
                let mut buf = [0u8; 4];
                for c in char::decode_utf16(iter_units) {
                    let c = c.unwrap_or('\u{FFFD}');
                    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                }
                sink(out)
            }
            State::Win1252 => {
                let out = &mut self.scratch;
                out.clear();
                out.reserve(input.len() + input.len() / 8);
                let mut buf = [0u8; 4];
                for &b in input {
                    if b < 0x80 {
                        out.push(b);
                    } else {
                        let cp = if b < 0xA0 {
                            u32::from(CP1252_80_9F[usize::from(b - 0x80)])
                        } else {
                            u32::from(b)
                        };
                        let c = char::from_u32(cp).unwrap_or('\u{FFFD}');
                        out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                    }
                }
                sink(out)
            }
            State::Head(_) | State::Done => Ok(()),
        }
    }
}

fn unit(be: bool, a: u8, b: u8) -> u16 {
    if be {
        u16::from_be_bytes([a, b])
    } else {
        u16::from_le_bytes([a, b])
    }
}

/// Length of the UTF-8 sequence a lead byte starts (1 for an invalid lead).
fn utf8_len(lead: u8) -> usize {
    match lead {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => 1,
    }
}

/// Decode a whole file held in memory (automatic mode: BOM, else UTF-8, else Windows-1252).
pub(crate) fn decode_all(bytes: &[u8]) -> Result<(String, Encoding), Refusal> {
    let mut forced = None;
    loop {
        let mut out = Vec::with_capacity(bytes.len());
        let mut dec = Decoder::new(forced);
        let mut sink = |s: &[u8]| {
            out.extend_from_slice(s);
            Ok(())
        };
        let r = dec
            .push(bytes, &mut sink)
            .and_then(|()| dec.finish(&mut sink));
        match r {
            Ok(()) => {
                let enc = dec.encoding.unwrap_or(Encoding::Utf8);
                let text = String::from_utf8(out)
                    .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
                return Ok((text, enc));
            }
            Err(ReadError::RestartAsWindows1252) if forced.is_none() => {
                forced = Some(Encoding::Windows1252);
            }
            Err(ReadError::RestartAsWindows1252) => return Err(binary_refusal()),
            Err(ReadError::Refused(r)) => return Err(r),
        }
    }
}
