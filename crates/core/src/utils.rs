//! Random strings: independent, uniform draws from an alphabet.
//!
//! [`random_string`] is the fast equivalent of Python's
//! `"".join(random.choice(alphabet) for _ in range(length))`, and [`fill_random`] is its kernel,
//! writing into a caller's buffer of code units of any width (so a binding can fill a Python `str`
//! in place).
//!
//! # Output for a seed
//! With a seed the output is a pure function of `(seed, alphabet, length)`: the same on every
//! platform and whatever the number of threads. It is defined as follows, and the tests pin it:
//!
//! - The key is `ChaCha8Rng::seed_from_u64(seed)` (rand's PCG32 expansion of the seed).
//! - The output is cut into chunks of [`STREAM_CHUNK_LEN`] characters; chunk `c` draws from the
//!   ChaCha8 key stream with stream id `c`, so chunks can be generated in parallel.
//! - Each character consumes draws from its chunk's key stream, read as little-endian `u16`
//!   (alphabets of at most 2^16 characters), `u32` (at most 2^32) or `u64` (larger), mapped to an
//!   index by Lemire's multiply-and-reject method, which is exactly uniform.
//!
//! Without a seed the key comes from the operating system's entropy source.

use rand::rngs::ChaCha8Rng;
use rand::{Rng, SeedableRng};
use rayon::prelude::*;

use crate::error::{Error, Result, try_filled_vec};
use crate::parallel::Split;
use crate::text::{CodeUnits, CodeUnitsMut, Storage};

/// The 52 ASCII letters, the default alphabet (Python's `string.ascii_letters`).
pub const ASCII_LETTERS: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

/// Characters per independently seeded chunk of output: part of the definition of the output
/// for a seed (see the module docs), so changing it changes every seeded string.
pub const STREAM_CHUNK_LEN: usize = 1 << 16;

/// When random strings are generated in parallel: from two stream chunks (the chunks are the
/// tasks, so the output does not depend on the split).
pub const RANDOM_STRING_SPLIT: Split = Split::new(2 * STREAM_CHUNK_LEN, STREAM_CHUNK_LEN);

/// A random string of `length` characters drawn uniformly and independently from `alphabet`.
///
/// A character that appears several times in `alphabet` is proportionally more likely, as with
/// Python's `random.choice`. With `seed: Some(_)` the result is reproducible (see the module docs);
/// with `None` it is seeded from the operating system.
///
/// # Errors
/// [`Error::EmptyAlphabet`] if `alphabet` is empty, [`Error::OutOfMemory`] if the string cannot
/// be allocated.
///
/// ```
/// use myrustlib_core::utils::{random_string, ASCII_LETTERS};
///
/// let s = random_string(10, ASCII_LETTERS, Some(42))?;
/// assert_eq!(s.len(), 10);
/// assert!(s.chars().all(|c| c.is_ascii_alphabetic()));
/// assert_eq!(s, random_string(10, ASCII_LETTERS, Some(42))?);
/// assert_eq!(random_string(3, "é", None)?, "ééé");
/// # Ok::<(), myrustlib_core::Error>(())
/// ```
pub fn random_string(length: usize, alphabet: &str, seed: Option<u64>) -> Result<String> {
    if alphabet.is_ascii() {
        let mut bytes = try_filled_vec(length, 0_u8)?;
        fill_random(&mut bytes, alphabet.as_bytes(), seed)?;
        // SAFETY: every byte of `bytes` is a zero from the allocation or a copy of a byte of the
        // ASCII alphabet (fill_random only copies alphabet units), so the bytes are ASCII, which
        // is valid UTF-8.
        Ok(unsafe { String::from_utf8_unchecked(bytes) })
    } else {
        let alphabet: Vec<char> = alphabet.chars().collect();
        let mut chars = try_filled_vec(length, '\0')?;
        fill_random(&mut chars, &alphabet, seed)?;
        let bytes: usize = chars.iter().map(|c| c.len_utf8()).sum();
        let mut out = String::new();
        out.try_reserve_exact(bytes)
            .map_err(|_| Error::OutOfMemory { bytes })?;
        out.extend(chars);
        Ok(out)
    }
}

/// Fills `out` with independent uniform draws from `alphabet`, in parallel for long outputs
/// (see [`RANDOM_STRING_SPLIT`]).
///
/// Works for units of any type: bytes, `u16`/`u32` code units, `char`s. The result for a seed is
/// defined in the module docs and does not depend on the number of threads.
///
/// # Errors
/// [`Error::EmptyAlphabet`] if `alphabet` is empty (even when `out` is).
///
/// ```
/// use myrustlib_core::utils::fill_random;
///
/// let mut out = [0_u16; 4];
/// fill_random(&mut out, &[0x263A, 0x263B], Some(7))?;
/// assert!(out.iter().all(|&u| u == 0x263A || u == 0x263B));
/// # Ok::<(), myrustlib_core::Error>(())
/// ```
pub fn fill_random<U: Copy + Send + Sync>(
    out: &mut [U],
    alphabet: &[U],
    seed: Option<u64>,
) -> Result<()> {
    Draws::new(alphabet.len(), seed)?.fill(out, alphabet);
    Ok(())
}

/// A random text in the making: a checked alphabet of code units and a key, ready to fill a
/// buffer of code units (such as a new Python str's own storage) in place.
///
/// Checking the alphabet first lets a caller refuse an empty one before allocating the output,
/// and [`storage`](Self::storage) says which layout the output needs.
///
/// ```
/// use myrustlib_core::text::{CodeUnits, CodeUnitsMut, Storage};
/// use myrustlib_core::utils::RandomText;
///
/// let alphabet: Vec<u16> = "€$".encode_utf16().collect();
/// let text = RandomText::new(CodeUnits::Two(&alphabet), Some(1))?;
/// assert_eq!(text.storage(), Storage::Ucs2);
/// let mut out = [0_u16; 8];
/// text.fill(CodeUnitsMut::Two(&mut out))?;
/// assert!(out.iter().all(|unit| alphabet.contains(unit)));
/// # Ok::<(), myrustlib_core::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct RandomText<'a> {
    alphabet: CodeUnits<'a>,
    draws: Draws,
}

impl<'a> RandomText<'a> {
    /// Draws from `alphabet`, reproducibly for a `seed`, else seeded from the operating system.
    ///
    /// # Errors
    /// [`Error::EmptyAlphabet`] if `alphabet` is empty.
    pub fn new(alphabet: CodeUnits<'a>, seed: Option<u64>) -> Result<Self> {
        Ok(Self {
            alphabet,
            draws: Draws::new(alphabet.len(), seed)?,
        })
    }

    /// The narrowest layout that holds every character of the alphabet, and so every draw.
    #[must_use]
    pub fn storage(&self) -> Storage {
        self.alphabet.storage()
    }

    /// Fills `out` with independent uniform draws, exactly as [`fill_random`] would for the
    /// same alphabet, seed and width; in parallel when [`RANDOM_STRING_SPLIT`] says so.
    ///
    /// # Errors
    /// [`Error::UnitTooNarrow`] when `out`'s units cannot hold some alphabet character;
    /// [`Error::OutOfMemory`] if converting the alphabet to `out`'s width cannot allocate.
    pub fn fill(&self, out: CodeUnitsMut<'_>) -> Result<()> {
        match (out, self.alphabet) {
            (CodeUnitsMut::One(out), CodeUnits::One(alphabet)) => self.draws.fill(out, alphabet),
            (CodeUnitsMut::Two(out), CodeUnits::Two(alphabet)) => self.draws.fill(out, alphabet),
            (CodeUnitsMut::Four(out), CodeUnits::Four(alphabet)) => self.draws.fill(out, alphabet),
            (CodeUnitsMut::One(out), alphabet) => self.draws.fill(out, &converted(alphabet)?),
            (CodeUnitsMut::Two(out), alphabet) => self.draws.fill(out, &converted(alphabet)?),
            (CodeUnitsMut::Four(out), alphabet) => self.draws.fill(out, &converted(alphabet)?),
        }
        Ok(())
    }
}

/// The alphabet's units at another width, or [`Error::UnitTooNarrow`] if one does not fit.
#[allow(
    clippy::useless_conversion,
    reason = "u32::from widens u8 and u16, and is a no-op for u32"
)]
fn converted<U: TryFrom<u32>>(alphabet: CodeUnits<'_>) -> Result<Vec<U>> {
    let mut out = Vec::new();
    out.try_reserve_exact(alphabet.len())
        .map_err(|_| Error::OutOfMemory {
            bytes: alphabet.len().saturating_mul(size_of::<U>()),
        })?;
    let narrow = |unit: u32| {
        U::try_from(unit).map_err(|_| Error::UnitTooNarrow {
            code_point: unit,
            unit_bytes: size_of::<U>(),
        })
    };
    crate::text::on_units!(alphabet, units => {
        for &unit in units {
            out.push(narrow(u32::from(unit))?);
        }
    });
    Ok(out)
}

/// Uniform draws from an alphabet of a given size under one key: what every output for the
/// same seed and alphabet shares.
#[derive(Debug, Clone)]
struct Draws {
    sampler: Sampler,
    key: [u8; 32],
}

impl Draws {
    fn new(alphabet_len: usize, seed: Option<u64>) -> Result<Self> {
        let sampler = Sampler::new(alphabet_len)?;
        let key = match seed {
            Some(seed) => ChaCha8Rng::seed_from_u64(seed).get_seed(),
            None => {
                let mut key = [0_u8; 32];
                rand::rng().fill_bytes(&mut key);
                key
            }
        };
        Ok(Self { sampler, key })
    }

    /// Fills `out` from `alphabet` (whose length the sampler was made for), chunk `c` of
    /// [`STREAM_CHUNK_LEN`] units from stream `c` of the key.
    fn fill<U: Copy + Send + Sync>(&self, out: &mut [U], alphabet: &[U]) {
        let fill_chunk = |chunk: usize, out: &mut [U]| {
            let mut rng = ChaCha8Rng::from_seed(self.key);
            rng.set_stream(chunk as u64);
            self.sampler.fill(out, alphabet, &mut rng);
        };
        if RANDOM_STRING_SPLIT.is_parallel(out.len()) {
            out.par_chunks_mut(STREAM_CHUNK_LEN)
                .enumerate()
                .for_each(|(chunk, out)| fill_chunk(chunk, out));
        } else {
            for (chunk, out) in out.chunks_mut(STREAM_CHUNK_LEN).enumerate() {
                fill_chunk(chunk, out);
            }
        }
    }
}

/// Maps random draws to uniform indices below `len` (Lemire, "Fast Random Integer Generation in
/// an Interval", 2019): `index = (draw * len) >> bits`, rejecting the few draws whose low half
/// falls below `2^bits mod len`, which would otherwise make some indices more likely. The draw
/// width is the narrowest of 16, 32 and 64 bits that can index the alphabet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sampler {
    /// At most 2^16 choices: one `u16` draw per attempt.
    Draw16 { len: u32, reject_below: u32 },
    /// At most 2^32 choices: one `u32` draw per attempt.
    Draw32 { len: u64, reject_below: u64 },
    /// More: one `u64` draw per attempt.
    Draw64 { len: u128, reject_below: u128 },
}

/// Bytes of key stream fetched from the generator at a time (a multiple of every draw width).
const DRAW_BUFFER_BYTES: usize = 512;

impl Sampler {
    #[allow(
        clippy::cast_possible_truncation,
        reason = "each arm's guard checked that len and the remainder fit the narrower type"
    )]
    fn new(len: usize) -> Result<Self> {
        let wide = len as u128;
        match len {
            0 => Err(Error::EmptyAlphabet),
            _ if wide <= 1 << 16 => Ok(Self::Draw16 {
                len: len as u32,
                reject_below: ((1_u128 << 16) % wide) as u32,
            }),
            _ if wide <= 1 << 32 => Ok(Self::Draw32 {
                len: len as u64,
                reject_below: ((1_u128 << 32) % wide) as u64,
            }),
            _ => Ok(Self::Draw64 {
                len: wide,
                reject_below: (1_u128 << 64) % wide,
            }),
        }
    }

    fn fill<U: Copy>(self, out: &mut [U], alphabet: &[U], rng: &mut ChaCha8Rng) {
        match self {
            Self::Draw16 { len, reject_below } => {
                fill_with::<u16, U>(out, alphabet, rng, len, reject_below);
            }
            Self::Draw32 { len, reject_below } => {
                fill_with::<u32, U>(out, alphabet, rng, len, reject_below);
            }
            Self::Draw64 { len, reject_below } => {
                fill_with::<u64, U>(out, alphabet, rng, len, reject_below);
            }
        }
    }
}

/// One random draw of a fixed width, read little-endian from the key stream.
trait Draw: Sized {
    /// An integer twice as wide, holding `draw * len`.
    type Product: Copy;
    /// Width in bytes.
    const BYTES: usize;
    fn read(bytes: &[u8]) -> Self;
    /// Lemire's step: the index `(draw * len) >> bits`, always below `len`, and whether to keep
    /// it (a draw whose low half falls below `reject_below` must be drawn again).
    fn index(self, len: Self::Product, reject_below: Self::Product) -> (usize, bool);
}

macro_rules! impl_draw {
    ($draw:ty, $product:ty) => {
        impl Draw for $draw {
            type Product = $product;
            const BYTES: usize = size_of::<$draw>();

            fn read(bytes: &[u8]) -> Self {
                let mut le = [0; size_of::<$draw>()];
                le.copy_from_slice(bytes);
                <$draw>::from_le_bytes(le)
            }

            #[allow(
                clippy::cast_possible_truncation,
                reason = "the low half is meant to be cut off; the high half is below len, an \
                          alphabet length that fits usize"
            )]
            fn index(self, len: $product, reject_below: $product) -> (usize, bool) {
                let product = <$product>::from(self) * len;
                (
                    (product >> <$draw>::BITS) as usize,
                    product as $draw as $product >= reject_below,
                )
            }
        }
    };
}

impl_draw!(u16, u32);
impl_draw!(u32, u64);
impl_draw!(u64, u128);

/// Fills `out` with `alphabet[index]` for successive accepted draws of type `D`.
///
/// Draws come in blocks of [`DRAW_BUFFER_BYTES`]. Rejections are rare for small alphabets (16 in
/// 65,536 draws for 52 letters), so a block without any is mapped straight into `out` in a loop
/// with no data-dependent branch per character; a block with some is compacted through a
/// scratch buffer, also without one. Both keep the accepted draws in order, so the output is the same.
fn fill_with<D: Draw, U: Copy>(
    out: &mut [U],
    alphabet: &[U],
    rng: &mut ChaCha8Rng,
    len: D::Product,
    reject_below: D::Product,
) {
    let Some(&first) = alphabet.first() else {
        return;
    };
    let per_block = DRAW_BUFFER_BYTES / D::BYTES;
    let mut bytes = [0_u8; DRAW_BUFFER_BYTES];
    let mut scratch = [first; DRAW_BUFFER_BYTES / 2];
    let mut filled = 0;
    while filled < out.len() {
        rng.fill_bytes(&mut bytes);
        let draws = || {
            bytes
                .chunks_exact(D::BYTES)
                .map(|draw| D::read(draw).index(len, reject_below))
        };
        let rest = &mut out[filled..];
        if rest.len() >= per_block && draws().fold(true, |all, (_, keep)| all & keep) {
            for (slot, (index, _)) in rest.iter_mut().zip(draws()) {
                *slot = alphabet[index];
            }
            filled += per_block;
        } else {
            let mut kept = 0;
            for (index, keep) in draws() {
                scratch[kept] = alphabet[index];
                kept += usize::from(keep);
            }
            let take = kept.min(rest.len());
            rest[..take].copy_from_slice(&scratch[..take]);
            filled += take;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sampler_widths_and_thresholds() {
        assert_eq!(
            Sampler::new(52),
            Ok(Sampler::Draw16 {
                len: 52,
                reject_below: 16
            })
        );
        // A power of two never rejects.
        assert_eq!(
            Sampler::new(1 << 16),
            Ok(Sampler::Draw16 {
                len: 1 << 16,
                reject_below: 0
            })
        );
        assert_eq!(
            Sampler::new((1 << 16) + 1),
            Ok(Sampler::Draw32 {
                len: (1 << 16) + 1,
                reject_below: (1 << 32) % ((1 << 16) + 1)
            })
        );
        assert_eq!(
            Sampler::new(1 << 32),
            Ok(Sampler::Draw32 {
                len: 1 << 32,
                reject_below: 0
            })
        );
        // Alphabets longer than 2^32 (too big to build in a test) get 64-bit draws.
        assert_eq!(
            Sampler::new((1 << 32) + 3),
            Ok(Sampler::Draw64 {
                len: (1 << 32) + 3,
                reject_below: (1 << 64) % ((1 << 32) + 3)
            })
        );
        assert_eq!(Sampler::new(0), Err(Error::EmptyAlphabet));
    }

    #[test]
    fn draw16_is_exactly_uniform_over_all_draws() {
        // Feeding every possible u16 draw once, the accepted ones hit each index equally often.
        for len in [1_usize, 3, 52, 1000, 65535, 65536] {
            let Ok(Sampler::Draw16 {
                len: l,
                reject_below,
            }) = Sampler::new(len)
            else {
                panic!("16-bit sampler expected for {len}");
            };
            let mut hits = vec![0_u32; len];
            for draw in 0..=u16::MAX {
                let (index, keep) = draw.index(l, reject_below);
                assert!(index < len);
                if keep {
                    hits[index] += 1;
                }
            }
            assert!(hits.iter().all(|&h| h == hits[0]), "len={len}");
        }
    }

    #[test]
    fn wide_draws_stay_below_len() {
        let len = (1_u128 << 32) + 3;
        let reject_below = (1_u128 << 64) % len;
        for draw in [0, 1, u64::MAX / 2, u64::MAX - 1, u64::MAX] {
            assert!((draw.index(len, reject_below).0 as u128) < len);
        }
        assert_eq!(u64::MAX.index(len, reject_below), ((1 << 32) + 2, true));
        assert_eq!(u32::MAX.index(1 << 32, 0), (u32::MAX as usize, true));
    }

    /// The definition, one draw at a time: the block-wise [`fill_with`] must give exactly this.
    fn one_at_a_time<D: Draw, U: Copy>(
        length: usize,
        alphabet: &[U],
        rng: &mut ChaCha8Rng,
        len: D::Product,
        reject_below: D::Product,
    ) -> Vec<U> {
        let mut out = Vec::new();
        while out.len() < length {
            let mut block = [0_u8; DRAW_BUFFER_BYTES];
            rng.fill_bytes(&mut block);
            for draw in block.chunks_exact(D::BYTES) {
                let (index, keep) = D::read(draw).index(len, reject_below);
                if keep && out.len() < length {
                    out.push(alphabet[index]);
                }
            }
        }
        out
    }

    #[test]
    fn block_fill_equals_the_one_at_a_time_definition() {
        // 16-bit draws with rejection rates from 0 (len 1, 2^16) through rare (52) to 39%
        // (40,000); 32-bit draws just past 2^16 and for millions of choices.
        for len in [
            1_usize, 2, 52, 1000, 40_000, 65_536, 65_537, 100_000, 3_000_000,
        ] {
            let alphabet: Vec<u32> = (0..u32::try_from(len).unwrap()).collect();
            for length in [0, 1, 127, 128, 129, 255, 256, 257, 5000] {
                let mut out = vec![0_u32; length];
                let mut rng = ChaCha8Rng::seed_from_u64(9);
                let sampler = Sampler::new(len).unwrap();
                sampler.fill(&mut out, &alphabet, &mut rng);
                let mut rng = ChaCha8Rng::seed_from_u64(9);
                let expected = match sampler {
                    Sampler::Draw16 { len, reject_below } => {
                        one_at_a_time::<u16, u32>(length, &alphabet, &mut rng, len, reject_below)
                    }
                    Sampler::Draw32 { len, reject_below } => {
                        one_at_a_time::<u32, u32>(length, &alphabet, &mut rng, len, reject_below)
                    }
                    Sampler::Draw64 { .. } => unreachable!("alphabets here fit 32 bits"),
                };
                assert_eq!(out, expected, "len={len} length={length}");
            }
        }
    }
}
