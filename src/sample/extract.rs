//! Writing the extract: rows formatted as CSV (day-first dates, RFC 4180 quoting, padded
//! pseudonymous ids), streamed or as a string.

use std::io::{self, Write};

use super::calendar::{civil_from_days, NONE};
use super::generator::{Child, Generator, Row};
use super::{SampleSize, HEADER, SERVICE};

pub(super) fn push_2(out: &mut Vec<u8>, n: u32) {
    out.push(b'0' + (n / 10) as u8);
    out.push(b'0' + (n % 10) as u8);
}

/// `DD/MM/YYYY`, or nothing for [`NONE`].
pub(super) fn push_date(out: &mut Vec<u8>, day: i32) {
    if day == NONE {
        return;
    }
    let (y, m, d) = civil_from_days(day);
    push_2(out, d);
    out.push(b'/');
    push_2(out, m);
    out.push(b'/');
    push_2(out, (y / 100) as u32);
    push_2(out, (y % 100) as u32);
}

/// A text field, quoted when it holds a comma or a quote (RFC 4180).
pub(super) fn push_text(out: &mut Vec<u8>, s: &str) {
    if s.bytes().any(|b| b == b',' || b == b'"') {
        out.push(b'"');
        for b in s.bytes() {
            if b == b'"' {
                out.push(b'"');
            }
            out.push(b);
        }
        out.push(b'"');
    } else {
        out.extend_from_slice(s.as_bytes());
    }
}

pub(super) fn push_id(out: &mut Vec<u8>, index: u64) {
    out.extend_from_slice(b"YJ");
    let n = index + 1;
    let mut digits = [0u8; 20];
    let mut len = 0;
    let mut v = n;
    while v > 0 || len < 6 {
        digits[len] = b'0' + (v % 10) as u8;
        v /= 10;
        len += 1;
    }
    out.extend(digits[..len].iter().rev());
}

pub(super) fn push_row(out: &mut Vec<u8>, child: &Child, row: &Row) {
    push_id(out, child.index);
    out.push(b',');
    push_date(out, row.offence);
    out.push(b',');
    push_date(out, row.outcome);
    out.push(b',');
    push_text(out, row.label);
    out.push(b',');
    push_date(out, child.dob);
    out.push(b',');
    out.extend_from_slice(child.sex.as_bytes());
    out.push(b',');
    push_text(
        out,
        if row.other_ethnicity {
            child.other_ethnicity
        } else {
            child.ethnicity
        },
    );
    out.push(b',');
    push_text(out, row.category);
    out.push(b',');
    out.push(b'0' + row.gravity);
    out.push(b',');
    push_date(out, row.release);
    out.push(b',');
    push_date(out, row.end);
    out.push(b',');
    out.extend_from_slice(match row.looked_after {
        Some(true) => b"Y",
        Some(false) => b"N",
        None => b"",
    });
    out.push(b',');
    out.extend_from_slice(SERVICE.as_bytes());
    out.push(b'\n');
}

/// Stream a synthetic extract to `out` (buffered internally; memory stays small for any size).
pub fn write_extract(out: &mut impl Write, size: SampleSize, seed: u64) -> io::Result<()> {
    let generator = Generator::new(seed);
    let mut buf = Vec::with_capacity(1 << 17);
    buf.extend_from_slice(HEADER.as_bytes());
    buf.push(b'\n');
    generator.run(size, |child, rows| {
        for row in rows {
            push_row(&mut buf, child, row);
        }
        if buf.len() >= 1 << 16 {
            out.write_all(&buf)?;
            buf.clear();
        }
        Ok(())
    })?;
    out.write_all(&buf)
}

/// Write a synthetic extract in the spec's format.
pub fn extract_csv(size: SampleSize, seed: u64) -> String {
    let capacity = match size {
        SampleSize::Rows(n) => n.saturating_mul(160),
        SampleSize::Children(n) => u64::from(n) * 400,
    };
    let mut out = Vec::with_capacity(capacity.min(1 << 30) as usize + 256);
    write_extract(&mut out, size, seed).expect("writing to a Vec cannot fail");
    String::from_utf8(out).expect("the generator writes UTF-8 only")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_padded() {
        let mut v = Vec::new();
        push_id(&mut v, 122);
        assert_eq!(v, b"YJ000123");
        v.clear();
        push_id(&mut v, 1_234_566);
        assert_eq!(v, b"YJ1234567");
    }
}
