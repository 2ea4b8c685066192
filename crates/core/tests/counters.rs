//! The count_doubles family through the public API: edge cases, every code-unit width, and inputs
//! long enough for the parallel variant to split them, with doubles straddling every boundary.
#![allow(
    clippy::unwrap_used,
    clippy::cast_possible_truncation,
    reason = "test helpers fail loudly; test sizes are small"
)]

use myrustlib_core::counters::{
    SIMD_PARALLEL_SPLIT, SLICE_PARALLEL_SPLIT, count_doubles, count_doubles_fold,
    count_doubles_memreplace, count_doubles_once, count_doubles_once_bytes, count_doubles_peek,
    count_doubles_simd, count_doubles_simd_parallel, count_doubles_slice,
    count_doubles_slice_parallel,
};
use myrustlib_core::text::CodeUnits;

/// The code points of `text`; `all_variants` narrows them the way CPython stores a str (PEP 393).
fn pep393(text: &str) -> Vec<u32> {
    text.chars().map(u32::from).collect()
}

/// Asserts that every variant counts `expected` doubles in `text`.
fn assert_all(text: &str, expected: usize) {
    let answers = all_variants(text);
    assert!(
        answers.iter().all(|&answer| answer == expected),
        "{text:?}: {answers:?}, expected {expected} from each"
    );
}

/// Every variant's answer for `text`, counting code points.
fn all_variants(text: &str) -> Vec<usize> {
    let points = pep393(text);
    let max = points.iter().copied().max().unwrap_or(0);
    if max < 0x100 {
        let narrow: Vec<u8> = points.iter().map(|&p| u8::try_from(p).unwrap()).collect();
        variants_of(CodeUnits::One(&narrow), text)
    } else if max < 0x1_0000 {
        let narrow: Vec<u16> = points.iter().map(|&p| u16::try_from(p).unwrap()).collect();
        variants_of(CodeUnits::Two(&narrow), text)
    } else {
        variants_of(CodeUnits::Four(&points), text)
    }
}

fn variants_of(units: CodeUnits<'_>, text: &str) -> Vec<usize> {
    vec![
        count_doubles(text.chars()),
        count_doubles_once(text.chars()),
        count_doubles_peek(text.chars()),
        count_doubles_memreplace(text.chars()),
        count_doubles_fold(text.chars()),
        units.count_doubles(),
        units.count_doubles_once(),
        units.count_doubles_peek(),
        units.count_doubles_memreplace(),
        units.count_doubles_fold(),
        units.count_doubles_once_bytes(),
        units.count_doubles_slice(),
        units.count_doubles_slice_parallel(),
        units.count_doubles_simd(),
        units.count_doubles_simd_parallel(),
    ]
}

#[test]
fn empty_and_single() {
    for text in ["", "a", "é", "😀", "\0"] {
        assert_all(text, 0);
    }
}

#[test]
fn all_equal() {
    for (unit, n) in [("a", 10), ("é", 7), ("€", 3), ("😀", 100), ("\0", 2)] {
        let text = unit.repeat(n);
        assert_all(&text, n - 1);
    }
}

#[test]
fn non_ascii_counts_code_points_not_bytes() {
    // One double in code points; none among the UTF-8 bytes c3 a9 c3 a9.
    assert_all("éé", 1);
    assert_eq!(count_doubles_once_bytes("éé".as_bytes()), 0);
    // Equal UTF-8 bytes inside different characters are not a double: "Āā" is c4 80 c4 81.
    assert_all("ĀāĀā", 0);
    // Each width, mixed with ASCII.
    assert_all("aaéé€€😀😀b", 4);
}

#[test]
fn every_code_unit_width() {
    let one = CodeUnits::One(&[0xff, 0xff, 0x00, 0x00]);
    let two = CodeUnits::Two(&[0xd800, 0xd800, 0xdc00, 0xffff, 0xffff]);
    let four = CodeUnits::Four(&[0x10_ffff, 0x10_ffff, 0, 0, 0]);
    for (units, expected) in [(one, 2), (two, 2), (four, 3)] {
        assert_eq!(units.count_doubles(), expected, "{units:?}");
        assert_eq!(units.count_doubles_once(), expected, "{units:?}");
        assert_eq!(units.count_doubles_once_bytes(), expected, "{units:?}");
        assert_eq!(units.count_doubles_slice(), expected, "{units:?}");
        assert_eq!(units.count_doubles_slice_parallel(), expected, "{units:?}");
        assert_eq!(units.count_doubles_simd(), expected, "{units:?}");
        assert_eq!(units.count_doubles_simd_parallel(), expected, "{units:?}");
    }
}

/// `len` units with no two neighbours equal, then one double made at each boundary between
/// chunks of `chunk` units: the pair (b - 1, b) straddles the boundary at unit b.
fn straddling_doubles(len: usize, offset: u32, chunk: usize) -> (Vec<u32>, usize) {
    let mut units: Vec<u32> = (0..len).map(|i| offset + (i % 3) as u32).collect();
    let mut doubles = 0;
    let mut boundary = chunk;
    while boundary < len {
        units[boundary] = units[boundary - 1];
        doubles += 1;
        boundary += chunk;
    }
    (units, doubles)
}

#[test]
fn parallel_counts_each_straddling_pair_once_for_every_width() {
    for split in [SLICE_PARALLEL_SPLIT, SIMD_PARALLEL_SPLIT] {
        let chunk = split.chunk_len();
        for len in [3 * chunk + 17, 4 * chunk + 1, 5 * chunk] {
            let (wide, doubles) = straddling_doubles(len, 0x1_f600, chunk);
            assert!(doubles >= 3);
            let narrow: Vec<u16> = straddling_doubles(len, 0x3000, chunk)
                .0
                .iter()
                .map(|&u| u16::try_from(u).unwrap())
                .collect();
            let bytes: Vec<u8> = straddling_doubles(len, 0x61, chunk)
                .0
                .iter()
                .map(|&u| u8::try_from(u).unwrap())
                .collect();
            for units in [
                CodeUnits::Four(&wide),
                CodeUnits::Two(&narrow),
                CodeUnits::One(&bytes),
            ] {
                assert_eq!(units.count_doubles_slice_parallel(), doubles, "len={len}");
                assert_eq!(units.count_doubles_simd_parallel(), doubles, "len={len}");
                assert_eq!(units.count_doubles_simd(), doubles, "len={len}");
                assert_eq!(units.count_doubles_slice(), doubles, "len={len}");
            }
            assert_eq!(count_doubles_slice_parallel(&wide), count_doubles(&wide));
        }
    }
}

#[test]
fn simd_lane_counters_never_overflow() {
    // All equal: every lane matches on every step, far past the 255 steps between flushes.
    for len in [64 * 255, 64 * 255 + 1, 64 * 256 + 63, 1_000_003] {
        assert_eq!(count_doubles_simd(&vec![b'x'; len]), len - 1, "len={len}");
        assert_eq!(count_doubles_simd(&vec![9_u16; len]), len - 1, "len={len}");
        assert_eq!(count_doubles_simd(&vec![9_u32; len]), len - 1, "len={len}");
    }
}

#[test]
fn simd_agrees_at_every_length_around_the_lane_width() {
    // Doubles in the vector body, in the scalar tail and across the boundary between them.
    for len in 0..=200 {
        let units: Vec<u8> = (0..len).map(|i| [1, 1, 2, 3, 3, 3][i % 6]).collect();
        assert_eq!(
            count_doubles_simd(&units),
            count_doubles_slice(&units),
            "len={len}"
        );
    }
}

#[test]
fn parallel_agrees_on_long_random_text() {
    use rand::rngs::ChaCha8Rng;
    use rand::{RngExt, SeedableRng};

    let mut rng = ChaCha8Rng::seed_from_u64(3);
    let (min, chunk) = (
        SLICE_PARALLEL_SPLIT.min_len(),
        SLICE_PARALLEL_SPLIT.chunk_len(),
    );
    for len in [
        chunk - 1,
        chunk,
        chunk + 1,
        min - 1,
        min,
        min + 1,
        7 * chunk + 3,
    ] {
        // A 3-letter alphabet makes about a third of all pairs doubles.
        let text: Vec<u8> = (0..len).map(|_| rng.random_range(b'a'..=b'c')).collect();
        let expected = count_doubles_once(text.iter());
        assert!(expected > len / 4);
        assert_eq!(count_doubles_slice_parallel(&text), expected, "len={len}");
        assert_eq!(count_doubles_simd_parallel(&text), expected, "len={len}");
        assert_eq!(count_doubles_simd(&text), expected, "len={len}");
        assert_eq!(count_doubles_slice(&text), expected, "len={len}");
        assert_eq!(count_doubles(&text), expected, "len={len}");
    }
}
