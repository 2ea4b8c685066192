//! Borrowing a `str` or a bytes-like argument as code units, without copying it.
//!
//! A `str` is read in CPython's own storage (1, 2 or 4 bytes per code point), a bytes-like
//! object through the buffer protocol. Both stay owned by Python; we hold a reference (or the
//! buffer export) for as long as we read, and release the GIL while counting long inputs.

use std::ffi::{CStr, c_char};
use std::mem::MaybeUninit;
use std::slice;

use myrustlib_core::counters::CodeUnits;
use pyo3::exceptions::PyTypeError;
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::PyString;
use pyo3::types::string::PyStringData;

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
/// object), with the GIL released for long inputs. `function` names the caller in errors.
pub(crate) fn count_units(
    text: &Bound<'_, PyAny>,
    function: &str,
    on_units: impl for<'a> FnOnce(CodeUnits<'a>) -> usize + Send,
) -> PyResult<usize> {
    let py = text.py();
    if let Ok(text) = text.cast::<PyString>() {
        let units = str_units(text)?;
        return Ok(run(py, units.len(), move || on_units(units)));
    }
    let buffer = ByteBuffer::export(text, function)?;
    let units = CodeUnits::One(buffer.bytes());
    Ok(run(py, units.len(), move || on_units(units)))
}

/// Like [`count_units`], but an ASCII str is counted with `on_utf8` over its UTF-8 form: the
/// naive approach of the seed's first variants, decoding `char`s from UTF-8, kept to show its
/// cost. CPython stores an ASCII str as its own UTF-8, so nothing is encoded or copied. Any other
/// str is counted over its code points with `on_units`, which gives the same answer without
/// making CPython build (and keep, for the str's lifetime) a UTF-8 copy.
pub(crate) fn count_chars(
    text: &Bound<'_, PyAny>,
    function: &str,
    on_utf8: fn(&str) -> usize,
    on_units: impl for<'a> FnOnce(CodeUnits<'a>) -> usize + Send,
) -> PyResult<usize> {
    if let Ok(string) = text.cast::<PyString>() {
        // SAFETY: `string` is a live str; PyUnicode_IS_ASCII reads its ASCII flag (PyO3 decodes
        // the same state bitfield as `str_units`, with the same platform caveat).
        if unsafe { ffi::PyUnicode_IS_ASCII(string.as_ptr()) } != 0 {
            let utf8 = string.to_str()?;
            return Ok(run(text.py(), utf8.len(), move || on_utf8(utf8)));
        }
    }
    count_units(text, function, on_units)
}

/// Runs `work`, with the GIL released when the input is long enough for that to pay off.
fn run<T: Send>(py: Python<'_>, len: usize, work: impl FnOnce() -> T + Send) -> T {
    if len >= DETACH_MIN_UNITS {
        py.detach(work)
    } else {
        work()
    }
}

/// `order` argument of PyBuffer_IsContiguous asking about row-major (C) layout.
#[allow(
    clippy::cast_possible_wrap,
    clippy::as_conversions,
    reason = "'C' is 67, which fits c_char whether it is i8 or u8 (and `try_from` is not const)"
)]
const C_ORDER: c_char = b'C' as c_char;

/// A buffer-protocol export of C-contiguous 1-byte items, released when dropped.
///
/// We call `PyObject_GetBuffer` ourselves rather than use PyO3's `PyBuffer`, which refuses
/// exports without shape or strides: valid for 0-dimensional buffers and ctypes arrays.
struct ByteBuffer {
    /// Boxed so its address stays fixed while exported (exporters may point into it).
    view: Box<ffi::Py_buffer>,
}

impl ByteBuffer {
    /// Exports `obj`, or raises TypeError if it has no buffer, or one that is not contiguous or
    /// whose items are wider than a byte.
    fn export(obj: &Bound<'_, PyAny>, function: &str) -> PyResult<Self> {
        let py = obj.py();
        let type_name = || {
            obj.get_type()
                .name()
                .map_or_else(|_| "?".to_owned(), |name| name.to_string())
        };
        let mut view = Box::new(MaybeUninit::<ffi::Py_buffer>::uninit());
        // SAFETY: `obj` is a live object and `view` points to writable memory for a Py_buffer,
        // which PyObject_GetBuffer fills on success (returning 0) and leaves unexported on error.
        let status =
            unsafe { ffi::PyObject_GetBuffer(obj.as_ptr(), view.as_mut_ptr(), ffi::PyBUF_FULL_RO) };
        if status != 0 {
            let err = PyErr::fetch(py);
            if err.is_instance_of::<PyTypeError>(py) {
                return Err(PyTypeError::new_err(format!(
                    "{function}() argument must be str or a bytes-like object, not '{}'",
                    type_name()
                )));
            }
            return Err(err);
        }
        // SAFETY: PyObject_GetBuffer succeeded, so it initialised the Py_buffer.
        let view = unsafe { view.assume_init() };
        let buffer = Self { view };
        if buffer.view.itemsize != 1 {
            let format = if buffer.view.format.is_null() {
                "B".to_owned()
            } else {
                // SAFETY: a non-null format is a NUL-terminated string owned by the export.
                unsafe { CStr::from_ptr(buffer.view.format) }
                    .to_string_lossy()
                    .into_owned()
            };
            return Err(PyTypeError::new_err(format!(
                "{function}() argument must have 1-byte items, but the '{}' buffer has format \
                 '{format}' of {} bytes per item; cast it with memoryview(x).cast('B') to count \
                 bytes",
                type_name(),
                buffer.view.itemsize
            )));
        }
        // SAFETY: the view is a live export; PyBuffer_IsContiguous only reads it, and handles
        // missing strides (contiguous by definition) and 0-dimensional views.
        if unsafe { ffi::PyBuffer_IsContiguous(&*buffer.view, C_ORDER) } == 0 {
            return Err(PyTypeError::new_err(format!(
                "{function}() argument must be a contiguous buffer; this '{}' is strided \
                 (copy it with bytes(x) first)",
                type_name()
            )));
        }
        Ok(buffer)
    }

    /// The exported bytes.
    fn bytes(&self) -> &[u8] {
        let len = usize::try_from(self.view.len).unwrap_or(0);
        if len == 0 || self.view.buf.is_null() {
            // An empty export may carry a null pointer, which a slice may not.
            return &[];
        }
        // SAFETY: `export` checked the view is C-contiguous with 1-byte items, so its `len`
        // bytes start at `buf`. The export, held by `self`, keeps the memory allocated and its
        // size fixed (a bytearray cannot be resized while exported) until `self` is dropped,
        // which the borrow prevents while the slice lives. Contents: str and bytes never change;
        // a mutable buffer (bytearray, numpy array, ...) can only change if another thread
        // writes to it while we count. Like hashlib and zlib, which also read caller buffers
        // with the GIL released, we leave that race to the caller: the count is then unspecified,
        // but the kernels only compare bytes and never index by their values, so no access
        // leaves the buffer.
        unsafe { slice::from_raw_parts(self.view.buf.cast::<u8>(), len) }
    }
}

impl Drop for ByteBuffer {
    fn drop(&mut self) {
        // SAFETY: the view was filled by a successful PyObject_GetBuffer and is released exactly
        // once, here, with the GIL held (attach is a no-op when the thread already holds it).
        Python::attach(|_| unsafe { ffi::PyBuffer_Release(&mut *self.view) });
    }
}
