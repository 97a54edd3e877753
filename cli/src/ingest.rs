//! Reading an extract from disk: a CSV is streamed in chunks (never held whole), and a large
//! one is cut into byte ranges read on threads and merged (`yjlens_core::extract`'s ranges:
//! the same extract as reading it in one go). A spreadsheet is read whole and converted.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use yjlens_core::catalogue::messages::{fill, msg};

use yjlens_core::extract::{
    cut_ranges, merge_ranges, read_extract, Encoding, Extract, ExtractHead, ExtractReader,
    PartialExtract, ReadError, ReadOptions, Refusal, RefusalKind,
};

use crate::common::Failure;

/// Bytes read at a time.
const CHUNK: usize = 1 << 20;

/// A file at least this big is read in ranges on threads.
const SPLIT_FROM: u64 = 8 << 20;

/// At most this many threads read one file.
const MAX_THREADS: usize = 8;

/// The head of the file is looked for in at most this many first bytes.
const HEAD_BYTES: u64 = 4 << 20;

/// How a file is read: threads for its ranges (`None`: one per core, at most
/// [`MAX_THREADS`], and one for a file under [`SPLIT_FROM`]).
pub struct Ingest {
    pub threads: Option<usize>,
}

impl Ingest {
    /// The extract in the file at `path`; a spreadsheet (by its first bytes) is converted by
    /// `spreadsheet` from its whole bytes.
    pub fn read(
        &self,
        path: &str,
        options: &ReadOptions,
        spreadsheet: impl FnOnce(Vec<u8>) -> Result<Extract, Failure>,
        is_spreadsheet: impl FnOnce(&[u8]) -> bool,
    ) -> Result<Extract, Failure> {
        let cannot = |e: std::io::Error| Failure(format!("Cannot read {path}: {e}."));
        let (mut file, len) = open(path)?;
        let mut magic = [0u8; 8];
        let n = read_full(&mut file, &mut magic).map_err(cannot)?;
        if is_spreadsheet(&magic[..n]) {
            return spreadsheet(yjlens_core::extract::read_file(path).map_err(Failure)?);
        }
        let threads = self.threads.unwrap_or_else(|| {
            if len < SPLIT_FROM {
                1
            } else {
                std::thread::available_parallelism()
                    .map_or(1, usize::from)
                    .min(MAX_THREADS)
            }
        });
        if threads > 1 {
            if let Some(extract) = in_ranges(path, len, threads, options)? {
                return Ok(extract);
            }
        }
        streamed(path, len, options)
    }
}

/// A regular file (a device, a pipe or a folder is refused: it could be endless) and the
/// size it had when opened: at most that much is read.
fn open(path: &str) -> Result<(File, u64), Failure> {
    let cannot = |e: std::io::Error| {
        Failure(fill(
            msg("cli.error.unreadable"),
            &[("path", &path), ("why", &e)],
        ))
    };
    let not_regular = || Failure(fill(msg("cli.error.not_regular"), &[("path", &path)]));
    // Checked before opening (opening a FIFO would wait for a writer) and on the open file.
    if !std::fs::metadata(path).map_err(cannot)?.is_file() {
        return Err(not_regular());
    }
    let file = File::open(path).map_err(cannot)?;
    let meta = file.metadata().map_err(cannot)?;
    if !meta.is_file() {
        return Err(not_regular());
    }
    Ok((file, meta.len()))
}

/// Fill `buf` as far as the file goes; how many bytes were read.
fn read_full(file: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match file.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

/// The file read in one go, in chunks, again as Windows-1252 when it is not UTF-8.
fn streamed(path: &str, len: u64, options: &ReadOptions) -> Result<Extract, Failure> {
    let cannot = |e: std::io::Error| Failure(format!("Cannot read {path}: {e}."));
    let mut options = options.clone();
    let mut buf = vec![0u8; CHUNK];
    loop {
        let (file, _) = open(path)?;
        let mut file = file.take(len);
        let mut reader = ExtractReader::new(options.clone());
        reader.size_hint(len);
        let mut result = Ok(());
        loop {
            let n = read_full(&mut file, &mut buf).map_err(cannot)?;
            if n == 0 {
                break;
            }
            result = reader.push(&buf[..n]);
            if result.is_err() {
                break;
            }
        }
        match result.and_then(|()| reader.finish()) {
            Ok(extract) => return Ok(extract),
            Err(ReadError::Refused(r)) => return Err(Failure(r.message)),
            Err(ReadError::RestartAsWindows1252) if options.encoding.is_none() => {
                options.encoding = Some(Encoding::Windows1252);
            }
            Err(ReadError::RestartAsWindows1252) => {
                // A forced encoding never asks for a restart; read what is held.
                let bytes = yjlens_core::extract::read_file(path).map_err(Failure)?;
                return read_extract(&bytes, &options).map_err(|r| Failure(r.message));
            }
        }
    }
}

/// The file read in ranges on `threads` threads and merged; `None` when it is to be read in
/// one go (see [`ExtractHead::read`]) or turns out not to be UTF-8.
fn in_ranges(
    path: &str,
    len: u64,
    threads: usize,
    options: &ReadOptions,
) -> Result<Option<Extract>, Failure> {
    let cannot = |e: std::io::Error| Failure(format!("Cannot read {path}: {e}."));
    let (mut file, _) = open(path)?;
    let mut prefix = vec![0u8; len.min(HEAD_BYTES) as usize];
    let n = read_full(&mut file, &mut prefix).map_err(cannot)?;
    prefix.truncate(n);
    let Some(head) = ExtractHead::read(&prefix, options, n as u64 >= len) else {
        return Ok(None);
    };
    drop(prefix);
    let mut window = vec![0u8; 64 << 10];
    let ranges = cut_ranges(head.data_start(), len, threads, |p| {
        // The first line feed at or after p, a window at a time.
        let mut at = p;
        while at < len {
            file.seek(SeekFrom::Start(at)).ok()?;
            let k = read_full(&mut file, &mut window).ok()?;
            if k == 0 {
                return None;
            }
            if let Some(i) = window[..k].iter().position(|&b| b == b'\n') {
                return Some(at + i as u64 + 1);
            }
            at += k as u64;
        }
        None
    });
    let head = &head;
    let parts: Vec<Result<PartialExtract, ReadError>> = std::thread::scope(|s| {
        let handles: Vec<_> = ranges
            .iter()
            .map(|&(start, end)| s.spawn(move || read_range(path, len, head, start, end)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a range reader does not panic"))
            .collect()
    });
    match merge_ranges(head, &ranges, parts, |from, end| {
        read_range(path, len, head, from, end)
    }) {
        Ok(extract) => Ok(Some(extract)),
        Err(ReadError::Refused(r)) => Err(Failure(r.message)),
        Err(ReadError::RestartAsWindows1252) => Ok(None),
    }
}

/// One range of the file, from `start` until its reader is done (or the file ends). An I/O
/// error is the sentence saying the file cannot be read.
fn read_range(
    path: &str,
    len: u64,
    head: &ExtractHead,
    start: u64,
    end: u64,
) -> Result<PartialExtract, ReadError> {
    let cannot = |e: std::io::Error| {
        ReadError::Refused(Refusal {
            kind: RefusalKind::NotText,
            message: format!("Cannot read {path}: {e}."),
        })
    };
    let mut reader = head.range(start, end);
    let (mut file, _) = open(path).map_err(|f| {
        ReadError::Refused(Refusal {
            kind: RefusalKind::NotText,
            message: f.0,
        })
    })?;
    file.seek(SeekFrom::Start(start)).map_err(cannot)?;
    let mut file = file.take(len.saturating_sub(start));
    let mut buf = vec![0u8; CHUNK];
    loop {
        let n = read_full(&mut file, &mut buf).map_err(cannot)?;
        if n == 0 {
            break;
        }
        reader.push(&buf[..n])?;
        if reader.is_done() {
            break;
        }
    }
    reader.finish()
}
