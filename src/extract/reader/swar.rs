//! SWAR helpers (SIMD within a register): byte searches and counts eight bytes at a time, for
//! the record splitter and the line counting before the header. Each is exact (no false
//! positives from borrows between bytes) and falls back to a byte loop for the tail.

const ONES: u64 = 0x0101_0101_0101_0101;
const LO7: u64 = 0x7f7f_7f7f_7f7f_7f7f;

/// High bit set in each byte of `w` equal to the byte repeated in `pattern` (exact).
#[inline(always)]
fn bytes_equal(w: u64, pattern: u64) -> u64 {
    let x = w ^ pattern;
    !(((x & LO7) + LO7) | x | LO7)
}

/// How many bytes of `bytes` equal `c` (8 bytes at a time).
#[inline]
pub(super) fn count(bytes: &[u8], c: u8) -> u64 {
    let pattern = u64::from(c) * ONES;
    let mut chunks = bytes.chunks_exact(8);
    let mut n = 0u64;
    for w in &mut chunks {
        n +=
            u64::from(bytes_equal(u64::from_le_bytes(w.try_into().unwrap()), pattern).count_ones());
    }
    n + chunks.remainder().iter().filter(|&&b| b == c).count() as u64
}

/// How many lines `bytes` ends, with CRLF, LF and a lone CR each ending one (a CR at the very
/// end counts; a LF after it, in the next piece, must then not).
pub(super) fn line_ends(bytes: &[u8]) -> u64 {
    let crlf = bytes.windows(2).filter(|w| w == b"\r\n").count() as u64;
    count(bytes, b'\r') + count(bytes, b'\n') - crlf
}

/// The first byte at or after `i` equal to `a`, `"`, CR or LF (eight bytes at a time).
#[inline(always)]
pub(super) fn next_special(data: &[u8], mut i: usize, a: u8) -> Option<usize> {
    let pa = u64::from(a) * ONES;
    let (pq, pcr, plf) = (
        u64::from(b'"') * ONES,
        u64::from(b'\r') * ONES,
        u64::from(b'\n') * ONES,
    );
    while i + 8 <= data.len() {
        let w = u64::from_le_bytes(data[i..i + 8].try_into().unwrap());
        let m = bytes_equal(w, pa) | bytes_equal(w, pq) | bytes_equal(w, pcr) | bytes_equal(w, plf);
        if m != 0 {
            return Some(i + (m.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    data[i..]
        .iter()
        .position(|&b| b == a || b == b'"' || b == b'\r' || b == b'\n')
        .map(|j| i + j)
}

#[cfg(test)]
mod tests {
    use super::{count, next_special};

    #[test]
    fn count_and_next_special_agree_with_byte_loops() {
        let data = b"ab,c\"d\re\nf,,gh\r\n\x80\xff,\"\"x,y,z0123456789abcdef\n";
        for start in 0..data.len() {
            let s = &data[start..];
            for c in [b',', b'\n', b'\r', 0x80, 0xff, b'z'] {
                let slow = s.iter().filter(|&&b| b == c).count() as u64;
                assert_eq!(count(s, c), slow);
            }
            for a in [b',', b';', b'\t'] {
                let slow = (start..data.len()).find(|&j| {
                    let b = data[j];
                    b == a || b == b'"' || b == b'\r' || b == b'\n'
                });
                assert_eq!(next_special(data, start, a), slow);
            }
        }
    }
}
