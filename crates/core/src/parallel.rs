//! When a parallel function splits its input across threads: one rule, one value per function.
//!
//! Each parallel function in this crate has a [`Split`] constant next to it
//! ([`counters::SLICE_PARALLEL_SPLIT`](crate::counters::SLICE_PARALLEL_SPLIT), ...). The function
//! itself uses it to choose between its serial and its parallel code, and a caller that must
//! prepare a thread pool (the Python binding does) asks the same constant whether the call will
//! need one, so the decision is made in one place.
//!
//! Parallel work runs on the *current* rayon pool: the one a caller entered with
//! `ThreadPool::install`, else rayon's global pool.

/// The smallest input a parallel function splits, and the size of its pieces.
///
/// ```
/// use myrustlib_core::parallel::Split;
///
/// const SPLIT: Split = Split::new(1000, 400);
/// assert!(!SPLIT.is_parallel(999));
/// assert!(SPLIT.is_parallel(1000));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split {
    min_len: usize,
    chunk_len: usize,
}

impl Split {
    /// Split inputs of at least `min_len` items into pieces of `chunk_len` items (at least 1).
    #[must_use]
    pub const fn new(min_len: usize, chunk_len: usize) -> Self {
        Self {
            min_len,
            chunk_len: if chunk_len == 0 { 1 } else { chunk_len },
        }
    }

    /// Whether an input of `len` items is worth splitting: below [`min_len`](Self::min_len),
    /// waking other threads would cost more than it saves, so the work runs on the caller's
    /// thread.
    #[must_use]
    pub const fn is_parallel(self, len: usize) -> bool {
        len >= self.min_len
    }

    /// The smallest input that is split.
    #[must_use]
    pub const fn min_len(self) -> usize {
        self.min_len
    }

    /// Items per task once split.
    #[must_use]
    pub const fn chunk_len(self) -> usize {
        self.chunk_len
    }
}
