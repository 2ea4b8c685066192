//! Counting doubles: the number of positions `i` where item `i` equals item `i + 1`.
//!
//! Pairs overlap, so `"aaa"` has two doubles. Each function shows one technique; they all give the
//! same answer, and the benchmarks show what each technique costs:
//!
//! | function | technique |
//! |---|---|
//! | [`count_doubles`] | zip an iterator with itself shifted by one |
//! | [`count_doubles_once`] | one pass remembering the previous item |
//! | [`count_doubles_peek`] | a peekable iterator: each item compared with the one `peek` shows |
//! | [`count_doubles_memreplace`] | one pass moving the previous item out with `std::mem::replace` |
//! | [`count_doubles_fold`] | a `fold` carrying the previous item and the count |
//! | [`count_doubles_once_bytes`] | the same pass over raw code units instead of decoded `char`s |
//! | [`count_doubles_slice`] | windows of two over a slice |
//! | [`count_doubles_slice_parallel`] | the slice split into chunks counted on rayon's thread pool |
//! | [`count_doubles_simd`] | many units compared per instruction, matches summed in lanes |
//! | [`count_doubles_simd_parallel`] | that kernel on chunks, on rayon's thread pool |
//!
//! The first five take any iterator of comparable items (`str::chars`, a byte slice, ...). The
//! slice variants take a slice of code units of any width, which is how text is counted without
//! decoding or copying it: CPython stores a `str` as 1-, 2- or 4-byte code points
//! ([`CodeUnits`]), and for those the answer equals a count over `char`s. The methods on
//! [`CodeUnits`] and [`Chars`] apply each variant to text, whatever its width.
//!
//! ```
//! use myrustlib_core::counters::*;
//!
//! let text = "ééa😀😀";
//! assert_eq!(count_doubles(text.chars()), 2);
//! assert_eq!(count_doubles_once(text.chars()), 2);
//! assert_eq!(count_doubles_peek(text.chars()), 2);
//! assert_eq!(count_doubles_memreplace(text.chars()), 2);
//! assert_eq!(count_doubles_fold(text.chars()), 2);
//! // The UTF-8 bytes of "éé" (c3 a9 c3 a9) contain no equal neighbours: counting bytes of
//! // non-ASCII text is a different question, so count chars or code points instead.
//! assert_eq!(count_doubles_once_bytes("éé".as_bytes()), 0);
//! let code_points: Vec<u32> = text.chars().map(u32::from).collect();
//! assert_eq!(count_doubles_slice(&code_points), 2);
//! assert_eq!(count_doubles_slice_parallel(&code_points), 2);
//! assert_eq!(count_doubles_simd(&code_points), 2);
//! assert_eq!(count_doubles_simd_parallel(&code_points), 2);
//! ```

use rayon::prelude::*;

use crate::parallel::Split;
use crate::text::{Chars, CodeUnits, on_units};

/// Counts doubles by zipping the items with themselves shifted by one.
///
/// The naive iterator version: it walks the input twice in lockstep. Works on any iterator whose
/// items can be compared, e.g. `str::chars` (code points) or a slice (its elements).
///
/// ```
/// use myrustlib_core::counters::count_doubles;
///
/// assert_eq!(count_doubles("aaa".chars()), 2);
/// assert_eq!(count_doubles("abc".chars()), 0);
/// assert_eq!(count_doubles(b"xx"), 1);
/// assert_eq!(count_doubles("".chars()), 0);
/// ```
pub fn count_doubles<I>(items: I) -> usize
where
    I: IntoIterator,
    I::IntoIter: Clone,
    I::Item: PartialEq,
{
    let items = items.into_iter();
    let mut shifted = items.clone();
    shifted.next();
    items
        .zip(shifted)
        .filter(|(left, right)| left == right)
        .count()
}

/// Counts doubles in a single pass that remembers the previous item.
///
/// Each item is produced once (for `str::chars`, decoded from UTF-8 once) instead of twice as in
/// [`count_doubles`]. An empty input has no doubles.
///
/// ```
/// use myrustlib_core::counters::count_doubles_once;
///
/// assert_eq!(count_doubles_once("aaa".chars()), 2);
/// assert_eq!(count_doubles_once("ééé".chars()), 2);
/// assert_eq!(count_doubles_once("".chars()), 0);
/// ```
pub fn count_doubles_once<I>(items: I) -> usize
where
    I: IntoIterator,
    I::Item: PartialEq,
{
    let mut items = items.into_iter();
    let Some(mut previous) = items.next() else {
        return 0;
    };
    let mut count = 0;
    for item in items {
        if item == previous {
            count += 1;
        }
        previous = item;
    }
    count
}

/// Counts doubles with a peekable iterator: each item is compared with the next one, which
/// [`Peekable::peek`](std::iter::Peekable::peek) shows without taking it.
///
/// ```
/// use myrustlib_core::counters::count_doubles_peek;
///
/// assert_eq!(count_doubles_peek("aaa".chars()), 2);
/// assert_eq!(count_doubles_peek("".chars()), 0);
/// ```
pub fn count_doubles_peek<I>(items: I) -> usize
where
    I: IntoIterator,
    I::Item: PartialEq,
{
    let mut items = items.into_iter().peekable();
    let mut count = 0;
    while let Some(item) = items.next() {
        if items.peek() == Some(&item) {
            count += 1;
        }
    }
    count
}

/// Counts doubles in one pass that moves each item into the "previous" slot with
/// [`std::mem::replace`], comparing it with the item it displaces.
///
/// The same pass as [`count_doubles_once`], written the way the original project's
/// `count_doubles_memreplace` wrote it; the optimiser compiles both to the same loop.
///
/// ```
/// use myrustlib_core::counters::count_doubles_memreplace;
///
/// assert_eq!(count_doubles_memreplace("abbccc".chars()), 3);
/// assert_eq!(count_doubles_memreplace("".chars()), 0);
/// ```
pub fn count_doubles_memreplace<I>(items: I) -> usize
where
    I: IntoIterator,
    I::Item: PartialEq,
{
    let mut items = items.into_iter();
    let Some(mut previous) = items.next() else {
        return 0;
    };
    let mut count = 0;
    for item in items {
        let before = std::mem::replace(&mut previous, item);
        if before == previous {
            count += 1;
        }
    }
    count
}

/// Counts doubles with [`Iterator::fold`], whose accumulator carries the previous item and the
/// count so far: the one-pass loop as a single expression, with no mutable state outside it.
///
/// ```
/// use myrustlib_core::counters::count_doubles_fold;
///
/// assert_eq!(count_doubles_fold("mississippi".chars()), 3);
/// assert_eq!(count_doubles_fold("".chars()), 0);
/// ```
pub fn count_doubles_fold<I>(items: I) -> usize
where
    I: IntoIterator,
    I::Item: PartialEq,
{
    let mut items = items.into_iter();
    let Some(first) = items.next() else {
        return 0;
    };
    let (_, count) = items.fold((first, 0), |(previous, count), item| {
        let count = count + usize::from(item == previous);
        (item, count)
    });
    count
}

/// Counts doubles in a single pass over raw code units.
///
/// The [`count_doubles_once`] pass applied to a slice of fixed-width units (bytes, or the 2- and
/// 4-byte units of wide text) rather than to `char`s decoded from UTF-8: there is no decoding step
/// per item, which is what makes it faster than [`count_doubles_once`] over `str::chars`.
///
/// It counts equal *units*. For code points stored one per unit (see [`CodeUnits`]) that is the
/// count of equal code points; for UTF-8 bytes of non-ASCII text it is not.
///
/// ```
/// use myrustlib_core::counters::count_doubles_once_bytes;
///
/// assert_eq!(count_doubles_once_bytes(b"aabb"), 2);
/// assert_eq!(count_doubles_once_bytes(&[0xe9_u16, 0xe9]), 1);
/// ```
pub fn count_doubles_once_bytes<T: Copy + PartialEq>(units: &[T]) -> usize {
    count_doubles_once(units.iter().copied())
}

/// Counts doubles by sliding a window of two over a slice.
///
/// ```
/// use myrustlib_core::counters::count_doubles_slice;
///
/// assert_eq!(count_doubles_slice(b"mississippi"), 3);
/// assert_eq!(count_doubles_slice::<u8>(&[]), 0);
/// ```
pub fn count_doubles_slice<T: PartialEq>(units: &[T]) -> usize {
    units.windows(2).filter(|pair| pair[0] == pair[1]).count()
}

/// When [`count_doubles_slice_parallel`] splits its input: from 2,097,152 units (about 1 ms of
/// work on one core), in chunks of 262,144 (about 0.1 ms each, so that two cores balance).
/// Measured on the 2-core development machine: below about a million units the second thread
/// often starts too late to help, and splitting costs more than it saves (docs/design.md).
pub const SLICE_PARALLEL_SPLIT: Split = Split::new(1 << 21, 1 << 18);

/// Counts doubles with [`count_doubles_slice`] on chunks of the slice, on rayon's thread pool.
///
/// Inputs shorter than [`SLICE_PARALLEL_SPLIT`] asks for are counted on the calling thread.
///
/// ```
/// use myrustlib_core::counters::count_doubles_slice_parallel;
///
/// let text = vec![7_u8; 1_000_000];
/// assert_eq!(count_doubles_slice_parallel(&text), 999_999);
/// ```
pub fn count_doubles_slice_parallel<T: PartialEq + Sync>(units: &[T]) -> usize {
    if SLICE_PARALLEL_SPLIT.is_parallel(units.len()) {
        count_doubles_slice_parallel_chunked(units, SLICE_PARALLEL_SPLIT.chunk_len())
    } else {
        count_doubles_slice(units)
    }
}

/// [`count_doubles_slice_parallel`] with a chosen chunk length (a `chunk_len` of 0 counts as 1).
///
/// A pair is owned by the chunk where it *starts*: each task counts the pairs starting in its
/// chunk and reads one unit past the chunk's end, so a pair that straddles a boundary is counted
/// exactly once.
///
/// ```
/// use myrustlib_core::counters::count_doubles_slice_parallel_chunked;
///
/// // Chunks "ab" "bc" "cd": every double straddles a boundary.
/// assert_eq!(count_doubles_slice_parallel_chunked(b"abbccd", 2), 2);
/// ```
pub fn count_doubles_slice_parallel_chunked<T: PartialEq + Sync>(
    units: &[T],
    chunk_len: usize,
) -> usize {
    count_in_parallel(units, chunk_len, count_doubles_slice)
}

/// Applies a serial `count` to chunks of `chunk_len` pairs in parallel and sums the counts.
///
/// A pair is owned by the chunk where it *starts*: each task counts the pairs starting in its
/// chunk and reads one unit past the chunk's end, so a pair that straddles a boundary is counted
/// exactly once.
fn count_in_parallel<T: Sync>(units: &[T], chunk_len: usize, count: fn(&[T]) -> usize) -> usize {
    let chunk_len = chunk_len.max(1);
    let Some(pairs) = units.len().checked_sub(1) else {
        return 0;
    };
    if pairs <= chunk_len {
        return count(units);
    }
    (0..pairs)
        .into_par_iter()
        .step_by(chunk_len)
        .map(|start| {
            let end = start.saturating_add(chunk_len).min(pairs);
            // Pairs starting at start..end read units start..=end.
            count(&units[start..=end])
        })
        .sum()
}

/// Units compared per step of [`count_doubles_simd`]: 64 one-byte lanes fill two AVX2 registers
/// (or four SSE2 ones), so the loop body is a few wide compares and adds.
const SIMD_LANES: usize = 64;

/// Steps between flushes of the lane counters: each `u8` lane counts at most 255 matches.
const SIMD_STEPS_PER_FLUSH: usize = 255;

/// Counts doubles many units at a time: the vectorised kernel.
///
/// The slice is compared with itself shifted by one, 64 units per step, and each
/// lane adds its match (0 or 1) into its own small counter; the counters are summed only every
/// 255 steps. Written this way, with no data-dependent branch and no carried dependency between
/// lanes, the compiler turns the loop into wide vector compares and adds. On x86-64 a copy of
/// the loop compiled for AVX2 (32 bytes per instruction) is chosen at run time when the CPU has
/// it; otherwise the baseline SSE2 build runs (16 bytes). No nightly compiler and no build
/// flags are needed.
///
/// ```
/// use myrustlib_core::counters::count_doubles_simd;
///
/// assert_eq!(count_doubles_simd(b"mississippi"), 3);
/// assert_eq!(count_doubles_simd(&vec![1_u16; 1000]), 999);
/// ```
pub fn count_doubles_simd<T: Copy + PartialEq>(units: &[T]) -> usize {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU was just found to support AVX2, the only requirement of
            // `count_doubles_lanes_avx2` (whose body is safe code compiled for AVX2).
            return unsafe { count_doubles_lanes_avx2(units) };
        }
    }
    count_doubles_lanes(units)
}

/// [`count_doubles_lanes`] compiled with AVX2 enabled.
///
/// # Safety
/// The CPU must support AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn count_doubles_lanes_avx2<T: Copy + PartialEq>(units: &[T]) -> usize {
    count_doubles_lanes(units)
}

/// The portable lane-counting kernel behind [`count_doubles_simd`]; `inline(always)` so each
/// caller compiles it for its own target features.
#[inline(always)]
fn count_doubles_lanes<T: Copy + PartialEq>(units: &[T]) -> usize {
    let Some(pairs) = units.len().checked_sub(1) else {
        return 0;
    };
    let (left, right) = (&units[..pairs], &units[1..]);
    let full = pairs - pairs % SIMD_LANES;
    let mut total = 0;
    for (left, right) in left[..full]
        .chunks(SIMD_LANES * SIMD_STEPS_PER_FLUSH)
        .zip(right[..full].chunks(SIMD_LANES * SIMD_STEPS_PER_FLUSH))
    {
        let mut lanes = [0_u8; SIMD_LANES];
        for (left, right) in left
            .chunks_exact(SIMD_LANES)
            .zip(right.chunks_exact(SIMD_LANES))
        {
            for ((lane, a), b) in lanes.iter_mut().zip(left).zip(right) {
                *lane += u8::from(a == b);
            }
        }
        total += lanes.iter().map(|&lane| usize::from(lane)).sum::<usize>();
    }
    total
        + left[full..]
            .iter()
            .zip(&right[full..])
            .filter(|(a, b)| a == b)
            .count()
}

/// When [`count_doubles_simd_parallel`] splits its input: from 33,554,432 units, in chunks of
/// 4,194,304. The kernel reads cached data at tens of GB/s, so on the development machine a
/// second thread only pays once the input no longer fits the last-level cache (32 MB) and comes
/// from memory (docs/design.md has the measurements).
pub const SIMD_PARALLEL_SPLIT: Split = Split::new(1 << 25, 1 << 22);

/// Counts doubles with [`count_doubles_simd`] on chunks of the slice, on rayon's thread pool.
///
/// Inputs shorter than [`SIMD_PARALLEL_SPLIT`] asks for are counted on the calling thread.
/// Pairs straddling a chunk boundary are counted once, as in
/// [`count_doubles_slice_parallel_chunked`].
///
/// ```
/// use myrustlib_core::counters::count_doubles_simd_parallel;
///
/// let text = vec![7_u8; 3_000_000];
/// assert_eq!(count_doubles_simd_parallel(&text), 2_999_999);
/// ```
pub fn count_doubles_simd_parallel<T: Copy + PartialEq + Sync>(units: &[T]) -> usize {
    if SIMD_PARALLEL_SPLIT.is_parallel(units.len()) {
        count_doubles_simd_parallel_chunked(units, SIMD_PARALLEL_SPLIT.chunk_len())
    } else {
        count_doubles_simd(units)
    }
}

/// [`count_doubles_simd_parallel`] with a chosen chunk length (a `chunk_len` of 0 counts as 1).
pub fn count_doubles_simd_parallel_chunked<T: Copy + PartialEq + Sync>(
    units: &[T],
    chunk_len: usize,
) -> usize {
    count_in_parallel(units, chunk_len, count_doubles_simd)
}

/// Every variant applied to text stored as code units (see [`CodeUnits`]).
impl CodeUnits<'_> {
    /// [`count_doubles`] over the units.
    pub fn count_doubles(&self) -> usize {
        on_units!(self, units => count_doubles(units.iter()))
    }

    /// [`count_doubles_once`] over the units.
    pub fn count_doubles_once(&self) -> usize {
        on_units!(self, units => count_doubles_once(units.iter()))
    }

    /// [`count_doubles_peek`] over the units.
    pub fn count_doubles_peek(&self) -> usize {
        on_units!(self, units => count_doubles_peek(units.iter()))
    }

    /// [`count_doubles_memreplace`] over the units.
    pub fn count_doubles_memreplace(&self) -> usize {
        on_units!(self, units => count_doubles_memreplace(units.iter()))
    }

    /// [`count_doubles_fold`] over the units.
    pub fn count_doubles_fold(&self) -> usize {
        on_units!(self, units => count_doubles_fold(units.iter()))
    }

    /// [`count_doubles_once_bytes`] over the units.
    pub fn count_doubles_once_bytes(&self) -> usize {
        on_units!(self, units => count_doubles_once_bytes(units))
    }

    /// [`count_doubles_slice`] over the units.
    pub fn count_doubles_slice(&self) -> usize {
        on_units!(self, units => count_doubles_slice(units))
    }

    /// [`count_doubles_slice_parallel`] over the units.
    pub fn count_doubles_slice_parallel(&self) -> usize {
        on_units!(self, units => count_doubles_slice_parallel(units))
    }

    /// [`count_doubles_simd`] over the units.
    pub fn count_doubles_simd(&self) -> usize {
        on_units!(self, units => count_doubles_simd(units))
    }

    /// [`count_doubles_simd_parallel`] over the units.
    pub fn count_doubles_simd_parallel(&self) -> usize {
        on_units!(self, units => count_doubles_simd_parallel(units))
    }
}

/// Applies an iterator variant to [`Chars`]: over decoded `char`s, or over code units.
macro_rules! on_chars {
    ($chars:expr, $variant:ident) => {
        match $chars {
            Chars::Utf8(text) => $variant(text.chars()),
            Chars::Units(units) => units.$variant(),
        }
    };
}

/// The variants that read text item by item, applied to UTF-8 or to code units alike.
impl Chars<'_> {
    /// [`count_doubles`] over the code points.
    pub fn count_doubles(&self) -> usize {
        on_chars!(self, count_doubles)
    }

    /// [`count_doubles_once`] over the code points.
    pub fn count_doubles_once(&self) -> usize {
        on_chars!(self, count_doubles_once)
    }

    /// [`count_doubles_peek`] over the code points.
    pub fn count_doubles_peek(&self) -> usize {
        on_chars!(self, count_doubles_peek)
    }

    /// [`count_doubles_memreplace`] over the code points.
    pub fn count_doubles_memreplace(&self) -> usize {
        on_chars!(self, count_doubles_memreplace)
    }

    /// [`count_doubles_fold`] over the code points.
    pub fn count_doubles_fold(&self) -> usize {
        on_chars!(self, count_doubles_fold)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The obvious definition, used as the oracle.
    fn reference(items: &[u32]) -> usize {
        (1..items.len())
            .filter(|&i| items[i - 1] == items[i])
            .count()
    }

    fn all_variants(items: &[u32]) -> Vec<usize> {
        vec![
            count_doubles(items),
            count_doubles_once(items),
            count_doubles_peek(items),
            count_doubles_memreplace(items),
            count_doubles_fold(items),
            count_doubles_once_bytes(items),
            count_doubles_slice(items),
            count_doubles_slice_parallel_chunked(items, 3),
            count_doubles_simd(items),
            count_doubles_lanes(items), // the portable build, whatever the CPU
            count_doubles_simd_parallel_chunked(items, 3),
        ]
    }

    #[test]
    fn small_cases() {
        for (items, expected) in [
            (&[][..], 0),
            (&[1][..], 0),
            (&[1, 1][..], 1),
            (&[1, 2][..], 0),
            (&[1, 1, 1][..], 2),
            (&[1, 2, 1][..], 0),
            (&[1, 1, 2, 2, 1, 1][..], 3),
        ] {
            let answers = all_variants(items);
            assert!(
                answers.iter().all(|&a| a == expected),
                "{items:?}: {answers:?}"
            );
            assert_eq!(reference(items), expected);
        }
    }

    #[test]
    fn every_chunk_length_agrees_on_every_short_input() {
        // All sequences of length 0..=8 over {0, 1}: every pattern of doubles and boundaries.
        for len in 0..=8_u32 {
            for bits in 0..(1_u32 << len) {
                let items: Vec<u32> = (0..len).map(|i| (bits >> i) & 1).collect();
                let expected = reference(&items);
                for chunk_len in 0..=9 {
                    assert_eq!(
                        count_doubles_slice_parallel_chunked(&items, chunk_len),
                        expected,
                        "{items:?} chunk_len={chunk_len}"
                    );
                    assert_eq!(
                        count_doubles_simd_parallel_chunked(&items, chunk_len),
                        expected,
                        "{items:?} chunk_len={chunk_len}"
                    );
                }
            }
        }
    }

    #[test]
    fn portable_and_dispatched_kernels_agree_on_long_inputs() {
        let text: Vec<u16> = (0..100_000_u32)
            .map(|i| u16::try_from((i / 2 + i / 7) % 5).unwrap_or(0))
            .collect();
        let expected = count_doubles_slice(&text);
        assert!(expected > 1000);
        assert_eq!(count_doubles_lanes(&text), expected);
        assert_eq!(count_doubles_simd(&text), expected);
    }

    #[test]
    fn code_units_dispatch_to_the_same_kernels() {
        let one = CodeUnits::One(b"aabbb");
        let two = CodeUnits::Two(&[1, 1, 2, 2, 2]);
        let four = CodeUnits::Four(&[0x1F600, 0x1F600, 5, 5, 5]);
        for units in [one, two, four] {
            assert_eq!(units.len(), 5);
            assert!(!units.is_empty());
            assert_eq!(units.count_doubles(), 3);
            assert_eq!(units.count_doubles_once(), 3);
            assert_eq!(units.count_doubles_peek(), 3);
            assert_eq!(units.count_doubles_memreplace(), 3);
            assert_eq!(units.count_doubles_fold(), 3);
            assert_eq!(units.count_doubles_once_bytes(), 3);
            assert_eq!(units.count_doubles_slice(), 3);
            assert_eq!(units.count_doubles_slice_parallel(), 3);
            assert_eq!(units.count_doubles_simd(), 3);
            assert_eq!(units.count_doubles_simd_parallel(), 3);
        }
        assert!(CodeUnits::One(&[]).is_empty());
    }

    #[test]
    fn chars_count_code_points_in_either_representation() {
        let text = "ééa😀😀";
        let points: Vec<u32> = text.chars().map(u32::from).collect();
        for chars in [Chars::Utf8(text), Chars::Units(CodeUnits::Four(&points))] {
            assert_eq!(chars.count_doubles(), 2);
            assert_eq!(chars.count_doubles_once(), 2);
            assert_eq!(chars.count_doubles_peek(), 2);
            assert_eq!(chars.count_doubles_memreplace(), 2);
            assert_eq!(chars.count_doubles_fold(), 2);
        }
    }

    #[test]
    fn splits_need_at_least_two_chunks() {
        for split in [SLICE_PARALLEL_SPLIT, SIMD_PARALLEL_SPLIT] {
            assert!(split.min_len() >= 2 * split.chunk_len());
        }
    }
}
