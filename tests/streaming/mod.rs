//! Reading an extract pushed in chunks cut at the given byte positions (taken modulo the
//! length, sorted), restarting as Windows-1252 when the reader asks: what the worker does with
//! a file's slices. Shared by the reader's property tests.

use yjlens_core::extract::{Encoding, Extract, ExtractReader, ReadError, ReadOptions, Refusal};

pub fn stream(bytes: &[u8], cuts: &[usize], options: ReadOptions) -> Result<Extract, Refusal> {
    let mut options = options;
    loop {
        let mut reader = ExtractReader::new(options.clone());
        let mut result = Ok(());
        let mut start = 0;
        let mut points: Vec<usize> = cuts.iter().map(|c| c % (bytes.len() + 1)).collect();
        points.sort_unstable();
        points.push(bytes.len());
        for p in points {
            if result.is_err() {
                break;
            }
            result = reader.push(&bytes[start..p.max(start)]);
            start = p.max(start);
        }
        match result.and_then(|()| reader.finish()) {
            Ok(e) => return Ok(e),
            Err(ReadError::Refused(r)) => return Err(r),
            Err(ReadError::RestartAsWindows1252) => {
                assert!(options.encoding.is_none());
                options.encoding = Some(Encoding::Windows1252);
            }
        }
    }
}
