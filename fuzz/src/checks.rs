//! Properties of myrustlib's core on arbitrary input: one function per fuzz target.
//!
//! Each function decodes the fuzzer's bytes into arguments, calls the core, and asserts what must
//! hold; a failed assertion (or any panic) is a bug. Shared by the fuzz targets (`fuzz/`) and by
//! `cargo test -p core`, which replays the corpus (`crates/core/tests/fuzz_corpus.rs`).

use std::collections::BTreeSet;
use std::fmt::Debug;

use myrustlib_core::Error;
use myrustlib_core::counters::{
    count_doubles, count_doubles_fold, count_doubles_memreplace, count_doubles_once,
    count_doubles_once_bytes, count_doubles_peek, count_doubles_simd, count_doubles_simd_parallel,
    count_doubles_simd_parallel_chunked, count_doubles_slice, count_doubles_slice_parallel,
    count_doubles_slice_parallel_chunked,
};
use myrustlib_core::ray::{BACKGROUND, Line, Sphere, Vec3, color, render};
use myrustlib_core::text::CodeUnits;
use myrustlib_core::utils::{STREAM_CHUNK_LEN, fill_random, random_string as make_string};

/// The definition of a double, as plainly as Rust says it.
fn obvious<T: PartialEq>(units: &[T]) -> usize {
    (1..units.len())
        .filter(|&i| units[i - 1] == units[i])
        .count()
}

/// Splits `data` into a header of `N` bytes (zero-padded) and the rest.
fn header<const N: usize>(data: &[u8]) -> ([u8; N], &[u8]) {
    let mut head = [0_u8; N];
    let taken = data.len().min(N);
    head[..taken].copy_from_slice(&data[..taken]);
    (head, &data[taken..])
}

/// Counters: every variant, on 1-, 2- and 4-byte units, equals the definition.
///
/// Bytes: `[mode, repeat, units...]`. `mode & 3` picks the unit width (bytes, little-endian
/// `u16`, `u32`), `mode >> 2` a chunk length (1 to 64) for the chunked parallel variants; the
/// units are repeated `repeat % 64 + 1` times, so that short inputs still make long runs (the
/// vectorised kernel's 8-bit lane counters must widen before they overflow) and many chunks.
/// Valid UTF-8 is also counted as `char`s, the way the naive variants read a str.
pub fn counters(data: &[u8]) {
    let ([mode, repeat], rest) = header::<2>(data);
    let chunk_len = usize::from(mode >> 2) + 1;
    let repeated = rest.repeat(usize::from(repeat % 64) + 1);
    match mode & 3 {
        1 => {
            let units: Vec<u16> = repeated
                .chunks_exact(2)
                .map(|pair| u16::from_le_bytes([pair[0], pair[1]]))
                .collect();
            all_counters_agree(&units, chunk_len);
            assert_eq!(CodeUnits::Two(&units).count_doubles_simd(), obvious(&units));
        }
        2 => {
            let units: Vec<u32> = repeated
                .chunks_exact(4)
                .map(|quad| u32::from_le_bytes([quad[0], quad[1], quad[2], quad[3]]))
                .collect();
            all_counters_agree(&units, chunk_len);
            assert_eq!(
                CodeUnits::Four(&units).count_doubles_simd(),
                obvious(&units)
            );
        }
        _ => {
            all_counters_agree(&repeated, chunk_len);
            assert_eq!(
                CodeUnits::One(&repeated).count_doubles_simd(),
                obvious(&repeated)
            );
        }
    }
    if let Ok(text) = std::str::from_utf8(&repeated) {
        let chars: Vec<char> = text.chars().collect();
        let expected = obvious(&chars);
        assert_eq!(count_doubles(text.chars()), expected);
        assert_eq!(count_doubles_once(text.chars()), expected);
        assert_eq!(count_doubles_peek(text.chars()), expected);
        assert_eq!(count_doubles_memreplace(text.chars()), expected);
        assert_eq!(count_doubles_fold(text.chars()), expected);
        assert_eq!(count_doubles_simd(&chars), expected);
    }
}

fn all_counters_agree<T: Copy + PartialEq + Sync + Debug>(units: &[T], chunk_len: usize) {
    let expected = obvious(units);
    let counts = [
        count_doubles(units.iter()),
        count_doubles_once(units.iter()),
        count_doubles_peek(units.iter()),
        count_doubles_memreplace(units.iter()),
        count_doubles_fold(units.iter()),
        count_doubles_once_bytes(units),
        count_doubles_slice(units),
        count_doubles_slice_parallel(units),
        count_doubles_slice_parallel_chunked(units, chunk_len),
        count_doubles_simd(units),
        count_doubles_simd_parallel(units),
        count_doubles_simd_parallel_chunked(units, chunk_len),
    ];
    assert!(
        counts.iter().all(|&count| count == expected),
        "{} units, chunks of {chunk_len}: {counts:?}, expected {expected}",
        units.len()
    );
}

/// random_string and fill_random: the right length, only alphabet characters, the same output
/// for the same seed, and an error exactly when the alphabet is empty.
///
/// Bytes: `[length: 3 bytes LE, seed: 8 bytes LE, alphabet...]`. The length is taken modulo 1024,
/// or, when the top bit of its third byte is set, modulo three chunks of the generator's stream
/// (so outputs span chunk boundaries). The alphabet is the rest read as UTF-8 (invalid sequences
/// become U+FFFD).
pub fn random_string(data: &[u8]) {
    let ([l0, l1, l2, s0, s1, s2, s3, s4, s5, s6, s7], rest) = header::<11>(data);
    // Mostly short strings (fast to check, many per second), long ones when l2's top bit is set.
    let modulus = if l2 & 0x80 == 0 {
        1024
    } else {
        3 * STREAM_CHUNK_LEN
    };
    let length = usize::from(u16::from_le_bytes([l0, l1])) + (usize::from(l2 & 0x7f) << 16);
    let length = length % modulus;
    let seed = u64::from_le_bytes([s0, s1, s2, s3, s4, s5, s6, s7]);
    let alphabet = String::from_utf8_lossy(rest);

    let made = make_string(length, &alphabet, Some(seed));
    match &made {
        Err(err) => {
            assert!(alphabet.is_empty(), "{err} for alphabet {alphabet:?}");
            assert!(matches!(err, Error::EmptyAlphabet), "{err}");
        }
        Ok(text) => {
            assert!(!alphabet.is_empty());
            assert_eq!(text.chars().count(), length);
            let allowed: BTreeSet<char> = alphabet.chars().collect();
            assert!(text.chars().all(|c| allowed.contains(&c)));
        }
    }
    assert_eq!(
        made,
        make_string(length, &alphabet, Some(seed)),
        "not reproducible"
    );

    // The same through fill_random on each unit width (what the Python binding uses).
    let units: Vec<u32> = alphabet.chars().map(u32::from).collect();
    fill_reproducibly(&units, length, seed);
    let narrow: Vec<u16> = units
        .iter()
        .filter_map(|&u| u16::try_from(u).ok())
        .collect();
    fill_reproducibly(&narrow, length, seed);
    fill_reproducibly(rest, length, seed);
}

fn fill_reproducibly<U: Copy + Ord + Default + Send + Sync + Debug>(
    alphabet: &[U],
    length: usize,
    seed: u64,
) {
    let mut first = vec![U::default(); length];
    let mut second = vec![U::default(); length];
    let filled = fill_random(&mut first, alphabet, Some(seed));
    assert_eq!(filled.is_err(), alphabet.is_empty());
    assert_eq!(
        filled.is_ok(),
        fill_random(&mut second, alphabet, Some(seed)).is_ok()
    );
    if filled.is_ok() {
        let allowed: BTreeSet<U> = alphabet.iter().copied().collect();
        assert!(first.iter().all(|unit| allowed.contains(unit)));
        assert_eq!(first, second, "not reproducible");
    }
}

/// Reads the fuzzer's bytes as `f64`s: raw bit patterns (NaN, infinities, subnormals, huge) when
/// `mode` is odd, otherwise "tame" values in ±2^15 with 1/1024 steps, so that geometry happens.
struct Floats<'a> {
    data: &'a [u8],
    tame: bool,
}

impl Floats<'_> {
    fn next(&mut self) -> f64 {
        if self.tame {
            let ([a, b, c], rest) = header::<3>(self.data);
            self.data = rest;
            let steps = i32::from_le_bytes([a, b, c, 0]) - (1 << 23);
            f64::from(steps) / 256.0
        } else {
            let (bytes, rest) = header::<8>(self.data);
            self.data = rest;
            f64::from_le_bytes(bytes)
        }
    }

    fn vec3(&mut self) -> Vec3 {
        Vec3::new(self.next(), self.next(), self.next())
    }
}

/// The ray math never panics; with finite inputs its results are finite (or `None`); a hit lies
/// on the sphere and at the nearest `t ≥ 0`; colours are the scene's; small frames equal their
/// pixels.
///
/// Bytes: `[mode, width, height, floats...]`, the floats as [`Floats`] reads them.
pub fn ray(data: &[u8]) {
    let ([mode, width, height], rest) = header::<3>(data);
    let mut floats = Floats {
        data: rest,
        tame: mode & 1 == 0,
    };
    let (q, r, p, v) = (floats.vec3(), floats.next(), floats.vec3(), floats.vec3());
    let inputs = [q.x, q.y, q.z, r, p.x, p.y, p.z, v.x, v.y, v.z];
    let finite = inputs.iter().all(|value| value.is_finite());

    match Sphere::new(q, r) {
        Err(err) => {
            assert!(!(r > 0.0 && r.is_finite()), "{err} for radius {r}");
        }
        Ok(sphere) => check_sphere(&sphere, &Line::new(p, v), floats.tame, finite),
    }

    let (x, y, w, h) = (floats.next(), floats.next(), floats.next(), floats.next());
    match color(x, y, w, h) {
        Err(_) => assert!(w.is_nan() || h.is_nan() || w <= 0.0 || h <= 0.0),
        Ok(rgb) => assert!(rgb == BACKGROUND || (rgb[0] >= 30 && rgb[1] == 0 && rgb[2] == 0)),
    }

    let (width, height) = (usize::from(width % 48), usize::from(height % 36));
    match render(width, height) {
        Err(_) => assert!(width == 0 || height == 0),
        Ok(frame) => {
            let pixels: Vec<u8> = (0..height)
                .flat_map(|y| (0..width).map(move |x| (x, y)))
                .flat_map(|(x, y)| pixel(x, y, width, height))
                .collect();
            assert_eq!(frame, pixels);
        }
    }
}

fn pixel(x: usize, y: usize, width: usize, height: usize) -> [u8; 3] {
    let [x, y, width, height] =
        [x, y, width, height].map(|n| f64::from(u32::try_from(n).unwrap_or(0)));
    color(x, y, width, height).unwrap_or([0, 0, 0])
}

fn bits(point: Vec3) -> [u64; 3] {
    [point.x.to_bits(), point.y.to_bits(), point.z.to_bits()]
}

fn check_sphere(sphere: &Sphere, line: &Line, tame: bool, finite: bool) {
    match sphere.intersect_distance(line) {
        Err(err) => {
            assert!(matches!(err, Error::ZeroDirection), "{err}");
            assert_eq!(line.v.dot(line.v), 0.0);
        }
        Ok(None) => {}
        Ok(Some(t)) => {
            assert!(t >= 0.0, "t = {t}");
            let hit = line.at(t);
            if finite && tame {
                // Tame inputs: |coordinates| < 2^15, so every intermediate is far from overflow.
                assert!(hit.x.is_finite() && hit.y.is_finite() && hit.z.is_finite());
                let off = ((hit - sphere.q()).length() - sphere.r()).abs();
                let scale = 1.0 + sphere.r() + (line.p - sphere.q()).length();
                assert!(off <= 1e-6 * scale, "hit {hit:?} is {off} off the sphere");
            }
            // The same point (bit for bit: NaN coordinates can come out of raw inputs).
            let point = sphere.intersect(line).ok().flatten().map(bits);
            assert_eq!(point, Some(bits(hit)));
        }
    }
    match sphere.get_normal(line.p) {
        Err(err) => assert!(matches!(err, Error::ZeroLength), "{err}"),
        Ok(normal) => {
            if tame {
                assert!((normal.length() - 1.0).abs() < 1e-9, "{normal:?}");
            }
        }
    }
}
