//! A vector kept in chunks of [`CHUNK`] items: what the measures build item by item without
//! knowing how many there will be (the figures, the reoffending cohorts' entries).
//!
//! Issue 15 item 2: one vector doubled as it grows needs an ever larger contiguous block and
//! holds the old one while it copies. In the browser the worker's wasm heap never shrinks and
//! is full of the blocks the reader and `prepare` gave back; at 1M rows the figures' last
//! doubling (17 MiB on wasm32) grew the worker's memory from 142 to 160 MiB. Chunks of a few
//! hundred kilobytes fit in those holes, and nothing is copied until [`Chunked::into_vec`].

use std::ops::Index;

/// Items per chunk.
pub const CHUNK: usize = 4096;

#[derive(Clone, Debug)]
pub struct Chunked<T> {
    chunks: Vec<Vec<T>>,
    len: usize,
}

impl<T> Default for Chunked<T> {
    fn default() -> Self {
        Chunked {
            chunks: Vec::new(),
            len: 0,
        }
    }
}

impl<T> Chunked<T> {
    pub fn push(&mut self, item: T) {
        if self.len.is_multiple_of(CHUNK) {
            self.chunks.push(Vec::with_capacity(CHUNK));
        }
        self.chunks
            .last_mut()
            .expect("a chunk with room")
            .push(item);
        self.len += 1;
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Room reserved, in items (whole chunks).
    pub fn capacity(&self) -> usize {
        self.chunks.len() * CHUNK
    }

    pub fn iter(&self) -> impl Iterator<Item = &T> {
        self.chunks.iter().flatten()
    }

    /// The items in the order pushed, in one vector of exactly their number; each chunk is
    /// freed as soon as it is moved.
    pub fn into_vec(self) -> Vec<T> {
        let mut all = Vec::with_capacity(self.len);
        for chunk in self.chunks {
            all.extend(chunk);
        }
        all
    }
}

impl<T> Index<usize> for Chunked<T> {
    type Output = T;

    fn index(&self, i: usize) -> &T {
        &self.chunks[i / CHUNK][i % CHUNK]
    }
}

/// The items in the order pushed, each chunk freed once consumed.
impl<T> IntoIterator for Chunked<T> {
    type Item = T;
    type IntoIter = std::iter::Flatten<std::vec::IntoIter<Vec<T>>>;

    fn into_iter(self) -> Self::IntoIter {
        self.chunks.into_iter().flatten()
    }
}

impl<'a, T> IntoIterator for &'a Chunked<T> {
    type Item = &'a T;
    type IntoIter = std::iter::Flatten<std::slice::Iter<'a, Vec<T>>>;

    fn into_iter(self) -> Self::IntoIter {
        self.chunks.iter().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two chunks and one item more: every item is found at its index and comes back once, in
    /// the order pushed, by reference and by value, in a vector of exactly their number (no
    /// doubling's spare room).
    #[test]
    fn chunks_keep_the_order_and_join_exactly() {
        let n = 2 * CHUNK + 1; // 8,193 items: chunks of 4,096, 4,096 and 1
        let mut chunked = Chunked::default();
        assert!(chunked.is_empty());
        for i in 0..n {
            chunked.push(i);
        }
        assert_eq!(chunked.len(), n);
        assert_eq!(chunked.capacity(), 3 * CHUNK);
        assert_eq!(
            (
                chunked[0],
                chunked[CHUNK - 1],
                chunked[CHUNK],
                chunked[n - 1]
            ),
            (0, 4095, 4096, 8192)
        );
        assert!(chunked.iter().copied().eq(0..n));
        assert!((&chunked).into_iter().copied().eq(0..n));
        let all = chunked.clone().into_vec();
        assert_eq!((all.len(), all.capacity()), (n, n));
        assert!(all.into_iter().eq(0..n));
        assert!(chunked.into_iter().eq(0..n));
    }
}
