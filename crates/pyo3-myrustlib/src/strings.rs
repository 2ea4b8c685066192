//! Building a random `str` in place: the core fills the new string's own buffer.
//!
//! Generating into a Rust `String` and converting would hold the text twice at its peak. Instead
//! we allocate the Python str with the alphabet's width (1, 2 or 4 bytes per code point) and let
//! the core write the characters straight into it, with the GIL released.

use std::ffi::{c_int, c_uint};
use std::slice;

use myrustlib_core::Error;
use myrustlib_core::counters::CodeUnits;
use myrustlib_core::utils::fill_random;
use pyo3::exceptions::PySystemError;
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::PyString;

use crate::errors::CoreError;
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
    // The canonical width for `max_char` is the alphabet's own width, so the code units copy over.
    // SAFETY: `string` is a str, just created.
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
    let filled = match alphabet {
        CodeUnits::One(alphabet) => fill_in_place(py, data.cast(), length, alphabet, seed),
        CodeUnits::Two(alphabet) => fill_in_place(py, data.cast(), length, alphabet, seed),
        CodeUnits::Four(alphabet) => fill_in_place(py, data.cast(), length, alphabet, seed),
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

/// Fills the `length` code units at `data` (a new str's buffer) from `alphabet`, GIL released.
fn fill_in_place<U: Copy + Send + Sync>(
    py: Python<'_>,
    data: *mut U,
    length: usize,
    alphabet: &[U],
    seed: Option<u64>,
) -> Result<(), Error> {
    // SAFETY: the caller passes the buffer of a str it just created with PyUnicode_New for
    // `length` code units of type U (it checked the kind), so the memory is allocated, aligned and
    // ours alone: no other reference to the new string exists yet, hence no other reader or
    // writer while the GIL is released. Every unit written is a copy of an alphabet unit, so no
    // code point exceeds the maximum the string was created for.
    let out = unsafe { slice::from_raw_parts_mut(data, length) };
    py.detach(|| fill_random(out, alphabet, seed))
}
