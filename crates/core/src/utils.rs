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
//!   (alphabets of at most 65,536 characters) or `u32` (larger alphabets), mapped to an index by
//!   Lemire's multiply-and-reject method, which is exactly uniform.
//!
//! Without a seed the key comes from the operating system's entropy source.

use rand::rngs::ChaCha8Rng;
use rand::{Rng, SeedableRng};
use rayon::prelude::*;

use crate::error::{Error, Result, try_filled_vec};

/// The 52 ASCII letters, the default alphabet (Python's `string.ascii_letters`).
pub const ASCII_LETTERS: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

/// Characters per independently seeded chunk of output: part of the definition of the output
/// for a seed (see the module docs), so changing it changes every seeded string.
pub const STREAM_CHUNK_LEN: usize = 1 << 16;

/// A random string of `length` characters drawn uniformly and independently from `alphabet`.
///
/// A character that appears several times in `alphabet` is proportionally more likely, as with
/// Python's `random.choice`. With `seed: Some(_)` the result is reproducible (see the module docs);
/// with `None` it is seeded from the operating system.
///
/// # Errors
/// [`Error::EmptyAlphabet`] if `alphabet` is empty, [`Error::AlphabetTooLong`] past `u32::MAX`
/// characters, [`Error::OutOfMemory`] if the string cannot be allocated.
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

/// Fills `out` with independent uniform draws from `alphabet`, in parallel.
///
/// Works for units of any type: bytes, `u16`/`u32` code units, `char`s. The result for a seed is
/// defined in the module docs and does not depend on the number of threads.
///
/// # Errors
/// [`Error::EmptyAlphabet`] if `alphabet` is empty (even when `out` is), and
/// [`Error::AlphabetTooLong`] if it has more than `u32::MAX` units.
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
    let sampler = Sampler::new(alphabet.len())?;
    let key = match seed {
        Some(seed) => ChaCha8Rng::seed_from_u64(seed).get_seed(),
        None => {
            let mut key = [0_u8; 32];
            rand::rng().fill_bytes(&mut key);
            key
        }
    };
    out.par_chunks_mut(STREAM_CHUNK_LEN)
        .enumerate()
        .for_each(|(chunk, out)| {
            let mut rng = ChaCha8Rng::from_seed(key);
            rng.set_stream(chunk as u64);
            sampler.fill(out, alphabet, &mut rng);
        });
    Ok(())
}

/// Maps random draws to uniform indices below `len` (Lemire, "Fast Random Integer Generation in
/// an Interval", 2019): `index = (draw * len) >> bits`, rejecting the few draws whose low half
/// falls below `2^bits mod len`, which would otherwise make some indices more likely.
#[derive(Debug, Clone, Copy)]
enum Sampler {
    /// At most 65,536 choices: one `u16` draw per attempt.
    Narrow { len: u32, reject_below: u32 },
    /// Up to `u32::MAX` choices: one `u32` draw per attempt.
    Wide { len: u64, reject_below: u64 },
}

/// Bytes of key stream fetched from the generator at a time.
const DRAW_BUFFER_BYTES: usize = 512;

impl Sampler {
    fn new(len: usize) -> Result<Self> {
        if len == 0 {
            return Err(Error::EmptyAlphabet);
        }
        match u32::try_from(len) {
            Ok(len) if len <= 1 << 16 => Ok(Self::Narrow {
                len,
                reject_below: (1 << 16) % len,
            }),
            Ok(len) => Ok(Self::Wide {
                len: u64::from(len),
                reject_below: (1 << 32) % u64::from(len),
            }),
            Err(_) => Err(Error::AlphabetTooLong { len }),
        }
    }

    fn fill<U: Copy>(self, out: &mut [U], alphabet: &[U], rng: &mut ChaCha8Rng) {
        let mut draws = [0_u8; DRAW_BUFFER_BYTES];
        let mut next = DRAW_BUFFER_BYTES;
        match self {
            Self::Narrow { len, reject_below } => {
                for slot in out {
                    *slot = loop {
                        if next == DRAW_BUFFER_BYTES {
                            rng.fill_bytes(&mut draws);
                            next = 0;
                        }
                        let draw = u32::from(u16::from_le_bytes([draws[next], draws[next + 1]]));
                        next += 2;
                        let product = draw * len;
                        if product & 0xFFFF >= reject_below {
                            break alphabet[(product >> 16) as usize];
                        }
                    };
                }
            }
            Self::Wide { len, reject_below } => {
                for slot in out {
                    *slot = loop {
                        if next == DRAW_BUFFER_BYTES {
                            rng.fill_bytes(&mut draws);
                            next = 0;
                        }
                        let bytes = [
                            draws[next],
                            draws[next + 1],
                            draws[next + 2],
                            draws[next + 3],
                        ];
                        next += 4;
                        let product = u64::from(u32::from_le_bytes(bytes)) * len;
                        if product & 0xFFFF_FFFF >= reject_below {
                            break alphabet[(product >> 32) as usize];
                        }
                    };
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sampler_thresholds() {
        assert!(matches!(
            Sampler::new(52),
            Ok(Sampler::Narrow {
                len: 52,
                reject_below: 16
            })
        ));
        // A power of two never rejects.
        assert!(matches!(
            Sampler::new(1 << 16),
            Ok(Sampler::Narrow {
                reject_below: 0,
                ..
            })
        ));
        assert!(matches!(
            Sampler::new((1 << 16) + 1),
            Ok(Sampler::Wide { .. })
        ));
        assert_eq!(Sampler::new(0).unwrap_err(), Error::EmptyAlphabet);
    }

    #[test]
    fn narrow_sampler_is_exactly_uniform_over_all_draws() {
        // Feeding every possible u16 draw once, the accepted ones hit each index equally often.
        for len in [1_u32, 3, 52, 1000, 65535] {
            let Ok(Sampler::Narrow { reject_below, .. }) = Sampler::new(len as usize) else {
                panic!("narrow sampler expected for {len}");
            };
            let mut hits = vec![0_u32; len as usize];
            for draw in 0..=u32::from(u16::MAX) {
                let product = draw * len;
                if product & 0xFFFF >= reject_below {
                    hits[(product >> 16) as usize] += 1;
                }
            }
            assert!(hits.iter().all(|&h| h == hits[0]), "len={len}");
        }
    }
}
