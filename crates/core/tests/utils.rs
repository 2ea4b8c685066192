//! random_string and fill_random through the public API: pinned seeded outputs, independence
//! from the thread count, alphabets of every width, errors.
#![allow(clippy::unwrap_used, reason = "tests fail loudly")]

use myrustlib_core::Error;
use myrustlib_core::text::{CodeUnits, CodeUnitsMut, Storage};
use myrustlib_core::utils::{
    ASCII_LETTERS, RANDOM_STRING_SPLIT, RandomText, STREAM_CHUNK_LEN, fill_random, random_string,
};

#[test]
fn seeded_output_is_pinned() {
    // These strings define the seeded output; a change here breaks users' reproducibility.
    assert_eq!(
        random_string(20, ASCII_LETTERS, Some(0)).unwrap(),
        "mIYKNLHyHAcKBDtdokuT"
    );
    assert_eq!(
        random_string(20, ASCII_LETTERS, Some(42)).unwrap(),
        "slMJDhmXqOLwurKGnMop"
    );
    assert_eq!(
        random_string(12, "αβγδ😀", Some(7)).unwrap(),
        "βαβαααβαγβγδ"
    );
}

#[test]
fn seeded_output_is_reproducible_and_seed_dependent() {
    let a = random_string(1000, ASCII_LETTERS, Some(1)).unwrap();
    assert_eq!(a, random_string(1000, ASCII_LETTERS, Some(1)).unwrap());
    assert_ne!(a, random_string(1000, ASCII_LETTERS, Some(2)).unwrap());
    // A prefix of a longer seeded string is the shorter seeded string.
    let long = random_string(3 * STREAM_CHUNK_LEN + 5, ASCII_LETTERS, Some(1)).unwrap();
    assert!(long.starts_with(&a));
}

#[test]
fn unseeded_output_differs_between_calls() {
    let a = random_string(64, ASCII_LETTERS, None).unwrap();
    let b = random_string(64, ASCII_LETTERS, None).unwrap();
    // 52^64 possibilities: equal only if the entropy source is broken.
    assert_ne!(a, b);
}

#[test]
fn output_does_not_depend_on_the_thread_count() {
    let len = 5 * STREAM_CHUNK_LEN + 123;
    let fill_with = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| {
            let mut out = vec![0_u8; len];
            fill_random(&mut out, ASCII_LETTERS.as_bytes(), Some(9)).unwrap();
            out
        })
    };
    let one = fill_with(1);
    assert_eq!(one, fill_with(3));
    assert_eq!(one, fill_with(8));
}

#[test]
fn chunks_are_not_copies_of_each_other() {
    let s = random_string(2 * STREAM_CHUNK_LEN, ASCII_LETTERS, Some(5)).unwrap();
    let (first, second) = s.split_at(STREAM_CHUNK_LEN);
    assert_ne!(first, second);
}

#[test]
fn every_character_comes_from_the_alphabet_and_each_appears() {
    for alphabet in ["a", "ab", "é€😀", ASCII_LETTERS, "\0\u{10ffff}"] {
        let s = random_string(5000, alphabet, Some(11)).unwrap();
        assert_eq!(s.chars().count(), 5000);
        assert!(s.chars().all(|c| alphabet.contains(c)), "{alphabet:?}");
        assert!(alphabet.chars().all(|c| s.contains(c)), "{alphabet:?}");
    }
}

#[test]
fn wide_alphabets_use_every_width() {
    let mut out = vec![0_u32; 10_000];
    // More than 65,536 symbols: the 32-bit sampler.
    let alphabet: Vec<u32> = (0..70_000).collect();
    fill_random(&mut out, &alphabet, Some(1)).unwrap();
    assert!(out.iter().any(|&u| u >= 65_536));
    assert!(out.iter().all(|&u| u < 70_000));
    let mut out16 = vec![0_u16; 100];
    fill_random(&mut out16, &[0xd800, 0xdfff], Some(1)).unwrap();
    assert!(out16.iter().all(|&u| u == 0xd800 || u == 0xdfff));
}

#[test]
fn zero_length_is_empty() {
    assert_eq!(random_string(0, ASCII_LETTERS, Some(1)).unwrap(), "");
    assert_eq!(random_string(0, "é", None).unwrap(), "");
}

#[test]
fn errors() {
    assert_eq!(random_string(5, "", Some(1)), Err(Error::EmptyAlphabet));
    assert_eq!(random_string(0, "", None), Err(Error::EmptyAlphabet));
    let mut out = [0_u8; 0];
    assert_eq!(fill_random(&mut out, &[], None), Err(Error::EmptyAlphabet));
    assert!(matches!(
        random_string(usize::MAX, ASCII_LETTERS, Some(1)),
        Err(Error::OutOfMemory { .. })
    ));
    assert!(matches!(
        random_string(usize::MAX / 8, "é", Some(1)),
        Err(Error::OutOfMemory { .. })
    ));
}

#[test]
fn random_text_fills_like_fill_random_at_every_width() {
    let alphabet: Vec<u16> = "a€😀".encode_utf16().collect(); // a surrogate pair: 3 units
    let length = RANDOM_STRING_SPLIT.min_len() + 7; // parallel
    let mut expected = vec![0_u16; length];
    fill_random(&mut expected, &alphabet, Some(3)).unwrap();
    let text = RandomText::new(CodeUnits::Two(&alphabet), Some(3)).unwrap();
    assert_eq!(text.storage(), Storage::Ucs2);
    let mut out = vec![0_u16; length];
    text.fill(CodeUnitsMut::Two(&mut out)).unwrap();
    assert_eq!(out, expected);
    // The same draws, widened into 4-byte units.
    let mut wide = vec![0_u32; length];
    text.fill(CodeUnitsMut::Four(&mut wide)).unwrap();
    assert!(wide.iter().zip(&expected).all(|(&w, &e)| w == u32::from(e)));
}

#[test]
fn random_text_refuses_empty_alphabets_and_narrow_units() {
    assert_eq!(
        RandomText::new(CodeUnits::One(&[]), None).unwrap_err(),
        Error::EmptyAlphabet
    );
    let text = RandomText::new(CodeUnits::Two(&[0x20AC]), Some(1)).unwrap();
    let err = text.fill(CodeUnitsMut::One(&mut [0; 4])).unwrap_err();
    assert_eq!(
        err,
        Error::UnitTooNarrow {
            code_point: 0x20AC,
            unit_bytes: 1
        }
    );
    // Narrowing is fine when every character fits: ASCII stored in 4-byte units.
    let ascii = RandomText::new(CodeUnits::Four(&[0x61, 0x62]), Some(1)).unwrap();
    assert_eq!(ascii.storage(), Storage::Ascii);
    let mut out = [0_u8; 16];
    ascii.fill(CodeUnitsMut::One(&mut out)).unwrap();
    assert!(out.iter().all(|&b| b == b'a' || b == b'b'));
}
