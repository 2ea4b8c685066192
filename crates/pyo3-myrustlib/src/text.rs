//! Borrowing a `str` or a bytes-like argument as code units, without copying it.
//!
//! A `str` is read in CPython's own storage (1, 2 or 4 bytes per code point), a bytes-like
//! object through the buffer protocol. Both stay owned by Python; we hold a reference (or the
//! buffer export) for as long as we read.

use std::slice;

use myrustlib_core::counters::CodeUnits;
use pyo3::buffer::PyUntypedBuffer;
use pyo3::exceptions::{PyTypeError, PyUnicodeEncodeError};
use pyo3::prelude::*;
use pyo3::types::string::PyStringData;
use pyo3::types::{PyBytes, PyString};

/// Inputs shorter than this are counted without releasing the GIL: releasing and re-acquiring it
/// costs about as much as counting a few thousand units.
const DETACH_MIN_UNITS: usize = 1 << 14;

/// The code units of a str (one code point per unit, CPython's representation).
pub(crate) fn str_units<'a>(text: &'a Bound<'_, PyString>) -> PyResult<CodeUnits<'a>> {
    // SAFETY: `data` decodes the str's kind bits and returns its canonical buffer. A str is
    // immutable and `text` keeps it alive for 'a, so the slice stays valid and unchanged. PyO3
    // documents that the bitfield decoding is tested on x86_64 and other little-endian targets;
    // our test suite exercises all three widths on the platforms we build for.
    let data = unsafe { text.data() }?;
    Ok(match data {
        PyStringData::Ucs1(units) => CodeUnits::One(units),
        PyStringData::Ucs2(units) => CodeUnits::Two(units),
        PyStringData::Ucs4(units) => CodeUnits::Four(units),
    })
}

/// Counts with `on_units` over the code units of `text` (a str or a contiguous bytes-like
/// object), releasing the GIL for long immutable inputs. `function` names the caller in errors.
pub(crate) fn count_units(
    text: &Bound<'_, PyAny>,
    function: &str,
    on_units: fn(&CodeUnits<'_>) -> usize,
) -> PyResult<usize> {
    let py = text.py();
    if let Ok(text) = text.cast::<PyString>() {
        let units = str_units(text)?;
        return Ok(run(py, units.len(), true, move || on_units(&units)));
    }
    let buffer = byte_buffer(text, function)?;
    let units = CodeUnits::One(buffer_bytes(&buffer));
    // Only an exact bytes object is known to be immutable. A read-only buffer is not enough: a
    // read-only memoryview of a bytearray still changes when the bytearray is written.
    let immutable = text.is_exact_instance_of::<PyBytes>();
    Ok(run(py, units.len(), immutable, move || on_units(&units)))
}

/// Like [`count_units`], but a str is counted with `on_utf8` over its UTF-8 form: the naive
/// approach of the seed's first variants, kept to show its cost. CPython caches that form on the
/// str (free for ASCII). A str holding lone surrogates has no UTF-8 form; it is counted over its
/// code units with `on_units`, which gives the same answer.
pub(crate) fn count_utf8(
    text: &Bound<'_, PyAny>,
    function: &str,
    on_utf8: fn(&str) -> usize,
    on_units: fn(&CodeUnits<'_>) -> usize,
) -> PyResult<usize> {
    let py = text.py();
    if let Ok(string) = text.cast::<PyString>() {
        match string.to_str() {
            Ok(utf8) => return Ok(run(py, utf8.len(), true, move || on_utf8(utf8))),
            Err(err) if err.is_instance_of::<PyUnicodeEncodeError>(py) => {}
            Err(err) => return Err(err),
        }
    }
    count_units(text, function, on_units)
}

/// Runs `work`, with the GIL released when the input is long enough for that to pay off and
/// `immutable` says no Python code can change the input meanwhile.
fn run<T: Send>(py: Python<'_>, len: usize, immutable: bool, work: impl FnOnce() -> T + Send) -> T {
    // A mutable buffer (bytearray, memoryview, numpy array) is read with the GIL held, so no
    // Python thread can write to it while we count. str and bytes never change.
    if immutable && len >= DETACH_MIN_UNITS {
        py.detach(work)
    } else {
        work()
    }
}

/// Exports `obj` through the buffer protocol as C-contiguous 1-byte items, or raises TypeError.
fn byte_buffer(obj: &Bound<'_, PyAny>, function: &str) -> PyResult<PyUntypedBuffer> {
    let py = obj.py();
    let type_name = || {
        obj.get_type()
            .name()
            .map_or_else(|_| "?".to_owned(), |name| name.to_string())
    };
    let buffer = match PyUntypedBuffer::get(obj) {
        Ok(buffer) => buffer,
        Err(err) if err.is_instance_of::<PyTypeError>(py) => {
            return Err(PyTypeError::new_err(format!(
                "{function}() argument must be str or a bytes-like object, not '{}'",
                type_name()
            )));
        }
        Err(err) => return Err(err),
    };
    if buffer.item_size() != 1 {
        return Err(PyTypeError::new_err(format!(
            "{function}() argument must have 1-byte items, but the '{}' buffer has format '{}' \
             of {} bytes per item; cast it with memoryview(x).cast('B') to count bytes",
            type_name(),
            buffer.format().to_string_lossy(),
            buffer.item_size()
        )));
    }
    if !buffer.is_c_contiguous() {
        return Err(PyTypeError::new_err(format!(
            "{function}() argument must be a contiguous buffer; this '{}' is strided \
             (copy it with bytes(x) first)",
            type_name()
        )));
    }
    Ok(buffer)
}

/// The bytes of a C-contiguous buffer of 1-byte items.
fn buffer_bytes(buffer: &PyUntypedBuffer) -> &[u8] {
    let len = buffer.len_bytes();
    if len == 0 {
        // An empty export may carry a null pointer, which a slice may not.
        return &[];
    }
    // SAFETY: `byte_buffer` checked that the buffer is C-contiguous with 1-byte items, so its
    // `len` bytes start at `buf_ptr` (non-null for a non-empty export). The export is held by
    // `buffer`, which outlives the slice, so the memory stays allocated and cannot be resized.
    // Writes are excluded by `run`: anything but bytes is read with the GIL held (the module
    // declares `gil_used`, so free-threaded builds keep a GIL for it too). Only native code that
    // writes to the buffer without holding the GIL, racing with its own caller, could interfere.
    unsafe { slice::from_raw_parts(buffer.buf_ptr().cast::<u8>(), len) }
}
