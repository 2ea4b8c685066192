//! The compiled module `myrustlib._myrustlib`, re-exported by the Python package `myrustlib`.
//!
//! Each function has one shape: take the arguments (borrowing str and buffer data without
//! copying), release the GIL for long work, call `myrustlib_core`, convert the result or error.
//! The algorithms live in the core; the `///` comments below are the Python docstrings, kept
//! identical to the stubs in `python/myrustlib/_myrustlib.pyi` by a test.
//!
//! Everything here handles values a Python caller controls, so on top of the workspace lints
//! (no unwrap/expect/panic, no lossy casts, a SAFETY comment on every unsafe block) the binding
//! forbids indexing that could panic, `as` conversions and unchecked arithmetic.
#![deny(
    clippy::indexing_slicing,
    clippy::as_conversions,
    clippy::arithmetic_side_effects
)]

mod errors;
mod parallel;
mod ray;
mod sizes;
mod strings;
mod text;

use myrustlib_core::counters::{self, PARALLEL_CHUNK_LEN, SIMD_PARALLEL_CHUNK_LEN};
use myrustlib_core::utils::ASCII_LETTERS;
use pyo3::prelude::*;
use pyo3::types::PyString;

use crate::sizes::length_arg;

/// The `alphabet` argument of `random_string`: a str, `string.ascii_letters` when omitted. Not an
/// `Option`, so that an explicit `alphabet=None` is a TypeError, as in the pure-Python reference.
enum Alphabet<'py> {
    AsciiLetters,
    Given(Bound<'py, PyString>),
}

impl<'a, 'py> FromPyObject<'a, 'py> for Alphabet<'py> {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        Ok(Self::Given(obj.cast::<PyString>()?.to_owned()))
    }
}

/// Count doubles: positions i where text[i] == text[i + 1]. Pairs overlap: "aaa" has 2.
///
/// Technique: characters zipped with themselves shifted by one. An ASCII str is read
/// as UTF-8 and decoded (the naive approach; CPython stores ASCII as UTF-8, so nothing
/// is copied); any other str is read as its code points.
///
/// text: a str, whose equal neighbouring code points are counted (any str, lone
/// surrogates included), or a contiguous bytes-like object with 1-byte items (bytes,
/// bytearray, memoryview, numpy uint8 array, ...), whose equal neighbouring bytes are
/// counted. Raises TypeError for anything else.
///
/// Long inputs are counted with the GIL released, reading the argument in place: if
/// another thread writes to a mutable buffer meanwhile, the count is unspecified.
#[pyfunction]
fn count_doubles(text: &Bound<'_, PyAny>) -> PyResult<usize> {
    text::count_chars(
        text,
        "count_doubles",
        |utf8| counters::count_doubles(utf8.chars()),
        |units| units.count_doubles(),
    )
}

/// Count doubles in one pass that remembers the previous character.
///
/// Technique: each character is produced once (decoded from UTF-8 for an ASCII str, as
/// count_doubles does). Same answers and arguments as count_doubles.
#[pyfunction]
fn count_doubles_once(text: &Bound<'_, PyAny>) -> PyResult<usize> {
    text::count_chars(
        text,
        "count_doubles_once",
        |utf8| counters::count_doubles_once(utf8.chars()),
        |units| units.count_doubles_once(),
    )
}

/// Count doubles in one pass over code units, without decoding.
///
/// Technique: the one-pass loop over the str's own storage (1, 2 or 4 bytes per code
/// point, never copied) or the buffer's bytes. Same answers and arguments as
/// count_doubles.
#[pyfunction]
fn count_doubles_once_bytes(text: &Bound<'_, PyAny>) -> PyResult<usize> {
    text::count_units(text, "count_doubles_once_bytes", |units| {
        units.count_doubles_once_bytes()
    })
}

/// Count doubles with a window of two sliding over the code units.
///
/// Technique: slice windows over the str's own storage or the buffer, never copied.
/// Same answers and arguments as count_doubles.
#[pyfunction]
fn count_doubles_slice(text: &Bound<'_, PyAny>) -> PyResult<usize> {
    text::count_units(text, "count_doubles_slice", |units| {
        units.count_doubles_slice()
    })
}

/// Count doubles on all cores: the slice split into chunks counted in parallel.
///
/// Technique: rayon over chunks of the str's storage or the buffer, never copied; a pair
/// straddling two chunks is counted once. Inputs up to 262,144 code units are counted
/// on the calling thread. Same answers and arguments as count_doubles.
#[pyfunction]
fn count_doubles_slice_parallel(text: &Bound<'_, PyAny>) -> PyResult<usize> {
    let pool = parallel::pool()?;
    text::count_units(text, "count_doubles_slice_parallel", move |units| {
        if units.len() > PARALLEL_CHUNK_LEN {
            pool.install(|| units.count_doubles_slice_parallel())
        } else {
            units.count_doubles_slice()
        }
    })
}

/// Count doubles many code units at a time: the vectorised kernel, on one thread.
///
/// Technique: the str's storage (or the buffer) compared with itself shifted by one, 64
/// units per step, matches summed in per-lane counters, so the compiler emits wide
/// vector instructions (AVX2 when the CPU has it, chosen at run time). Never copies its
/// input. Same answers and arguments as count_doubles.
#[pyfunction]
fn count_doubles_simd(text: &Bound<'_, PyAny>) -> PyResult<usize> {
    text::count_units(text, "count_doubles_simd", |units| {
        units.count_doubles_simd()
    })
}

/// Count doubles with the vectorised kernel on all cores: the fastest variant.
///
/// Technique: count_doubles_simd on chunks of 1,048,576 code units, counted in parallel
/// (a pair straddling two chunks is counted once); shorter inputs are counted on the
/// calling thread. Never copies its input. Same answers and arguments as count_doubles.
#[pyfunction]
fn count_doubles_simd_parallel(text: &Bound<'_, PyAny>) -> PyResult<usize> {
    let pool = parallel::pool()?;
    text::count_units(text, "count_doubles_simd_parallel", move |units| {
        if units.len() > SIMD_PARALLEL_CHUNK_LEN {
            pool.install(|| units.count_doubles_simd_parallel())
        } else {
            units.count_doubles_simd()
        }
    })
}

/// Return a random str of `length` characters drawn uniformly from `alphabet`.
///
/// The drop-in for "".join(random.choice(alphabet) for _ in range(length)): each
/// character is an independent draw; a character listed twice in `alphabet` is twice
/// as likely. Any non-empty str is a valid alphabet.
///
/// With an int `seed` (0 <= seed < 2**64) the result is the same on every run, platform
/// and thread count (but differs from what random.seed(seed) would give); without one
/// it is seeded from the operating system. Generated in parallel, with the GIL released,
/// straight into the new str.
///
/// Raises ValueError for a negative length or an empty alphabet, TypeError for a
/// non-int length or a non-str alphabet, OverflowError for a seed outside the range,
/// and MemoryError when the string cannot be allocated.
#[pyfunction]
#[pyo3(
    signature = (length, *, alphabet = Alphabet::AsciiLetters, seed = None),
    text_signature = "(length, *, alphabet='abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', seed=None)"
)]
fn random_string<'py>(
    length: &Bound<'py, PyAny>,
    alphabet: Alphabet<'py>,
    seed: Option<u64>,
) -> PyResult<Bound<'py, PyString>> {
    let py = length.py();
    let length = length_arg(length)?;
    let alphabet = match alphabet {
        Alphabet::AsciiLetters => PyString::new(py, ASCII_LETTERS),
        Alphabet::Given(alphabet) => alphabet,
    };
    strings::random_str(&alphabet, length, seed)
}

/// Rust implementations of count_doubles, random_string and the ray tracer (see the myrustlib
/// package).
#[pymodule]
mod _myrustlib {
    use pyo3::prelude::*;

    #[pymodule_export]
    use super::{
        count_doubles, count_doubles_once, count_doubles_once_bytes, count_doubles_simd,
        count_doubles_simd_parallel, count_doubles_slice, count_doubles_slice_parallel,
        random_string,
    };
    #[pymodule_export]
    use crate::ray::{PyLine, PySphere, PyVec, color, render, save_png};

    #[pymodule_init]
    fn init(module: &Bound<'_, PyModule>) -> PyResult<()> {
        module.add("__version__", env!("CARGO_PKG_VERSION"))
    }
}
