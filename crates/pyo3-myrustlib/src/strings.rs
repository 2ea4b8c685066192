//! Building a random `str` in place: the core fills the new string's own buffer.
//!
//! Generating into a Rust `String` and converting would hold the text twice at its peak. Instead
//! we allocate the Python str with the alphabet's width (1, 2 or 4 bytes per code point) and let
//! the core write the characters straight into it, with the GIL released.

use std::ffi::{c_int, c_uint};
use std::slice;
use std::sync::Arc;

use myrustlib_core::Error;
use myrustlib_core::counters::CodeUnits;
use myrustlib_core::utils::{STREAM_CHUNK_LEN, fill_random};
use pyo3::exceptions::PySystemError;
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::PyString;
use rayon::ThreadPool;

use crate::errors::CoreError;
use crate::parallel;
use crate::text::str_units;

/// A new str of `length` code points drawn uniformly from `alphabet`'s code points.
pub(crate) fn random_str<'py>(
    alphabet: &Bound<'py, PyString>,
    length: usize,
    seed: Option<u64>,
) -> PyResult<Bound<'py, PyString>> {
    let py = alphabet.py();
    let alphabet = str_units(alphabet)?;
    let Some(max_char) = alphabet.max_unit() else {
        return Err(CoreError(Error::EmptyAlphabet).into());
    };
    if length == 0 {
        // PyUnicode_New(0, ..) is the shared empty string, which must not be written to.
        return Ok(PyString::new(py, ""));
    }
    let size =
        isize::try_from(length).map_err(|_| CoreError(Error::OutOfMemory { bytes: usize::MAX }))?;
    // SAFETY: PyUnicode_New returns a new reference, or NULL with MemoryError set when the size
    // is too large; `from_owned_ptr_or_err` takes ownership or fetches that error.
    let string = unsafe { Bound::from_owned_ptr_or_err(py, ffi::PyUnicode_New(size, max_char)) }?;
    // PyUnicode_New picks the width that holds `max_char`, which is the alphabet's own width (the
    // alphabet is a canonical str); we check rather than assume, then copy units across.
    // SAFETY: `string` is a live str, just created. PyUnicode_KIND and PyUnicode_DATA decode its
    // state bitfield, with the same platform caveat as PyString::data (see text.rs).
    let (kind, data) = unsafe {
        (
            ffi::PyUnicode_KIND(string.as_ptr()),
            ffi::PyUnicode_DATA(string.as_ptr()),
        )
    };
    if kind != c_uint::from(kind_of(alphabet)) {
        return Err(PySystemError::new_err(
            "str storage differs from the alphabet's",
        ));
    }
    // Large strings are generated in parallel on this process's pool (see parallel.rs).
    let pool = if length > STREAM_CHUNK_LEN {
        Some(parallel::pool()?)
    } else {
        None
    };
    // SAFETY: `data` is the buffer of `string`, created above by PyUnicode_New for `length` code
    // units of the kind just checked, which matches each arm's unit type; nothing else refers to
    // the new string yet.
    let filled = unsafe {
        match alphabet {
            CodeUnits::One(alphabet) => {
                fill_in_place(py, pool, data.cast(), length, alphabet, seed)
            }
            CodeUnits::Two(alphabet) => {
                fill_in_place(py, pool, data.cast(), length, alphabet, seed)
            }
            CodeUnits::Four(alphabet) => {
                fill_in_place(py, pool, data.cast(), length, alphabet, seed)
            }
        }
    };
    filled.map_err(CoreError)?;
    // SAFETY: `string` is a ready str of the checked kind, initialised above.
    let string = unsafe { string.cast_into_unchecked::<PyString>() };
    canonical(string, max_char)
}

/// CPython requires a str to be stored at the width of its largest code point (equality and
/// hashing rely on it). A string created for `max_char` whose draws happened to miss every code
/// point of that width (e.g. "aaa" from "aé€") is copied into its canonical form.
fn canonical(string: Bound<'_, PyString>, max_char: u32) -> PyResult<Bound<'_, PyString>> {
    let floor = match max_char {
        0..=0x7f => return Ok(string),
        0x80..=0xff => 0x80,
        0x100..=0xffff => 0x100,
        _ => 0x1_0000,
    };
    let units = str_units(&string)?;
    if units.any_at_least(floor) {
        return Ok(string);
    }
    let kind = kind_of(units);
    let py = string.py();
    // SAFETY: the data pointer and length describe `string`'s own buffer, of kind `kind`, alive
    // for the call; PyUnicode_FromKindAndData copies it, choosing the narrowest width.
    unsafe {
        let ptr = string.as_ptr();
        let copy = ffi::PyUnicode_FromKindAndData(
            c_int::from(kind),
            ffi::PyUnicode_DATA(ptr),
            ffi::PyUnicode_GET_LENGTH(ptr),
        );
        Ok(Bound::from_owned_ptr_or_err(py, copy)?.cast_into_unchecked::<PyString>())
    }
}

/// CPython's storage kind for code units of this width: the kinds are the widths in bytes.
fn kind_of(units: CodeUnits<'_>) -> u8 {
    match units {
        CodeUnits::One(_) => 1,
        CodeUnits::Two(_) => 2,
        CodeUnits::Four(_) => 4,
    }
}

/// Fills the `length` code units at `data` (a new str's buffer) from `alphabet`, with the GIL
/// released, on `pool` if given.
///
/// # Safety
/// `data` must point to `length` writable, aligned units of type `U` that nothing else reads or
/// writes during the call: the buffer of a str just created for units of this width, not yet
/// shared.
unsafe fn fill_in_place<U: Copy + Send + Sync>(
    py: Python<'_>,
    pool: Option<Arc<ThreadPool>>,
    data: *mut U,
    length: usize,
    alphabet: &[U],
    seed: Option<u64>,
) -> Result<(), Error> {
    // SAFETY: guaranteed by the caller (see above); with no other reference to the string, no
    // other thread can observe it while the GIL is released. Every unit written is a copy of an
    // alphabet unit, so no code point exceeds the maximum the string was created for.
    let out = unsafe { slice::from_raw_parts_mut(data, length) };
    py.detach(|| match pool {
        Some(pool) => pool.install(|| fill_random(out, alphabet, seed)),
        None => fill_random(out, alphabet, seed),
    })
}
