//! Text and bytes in and out of Python without copying: a `str`'s own storage or a buffer
//! borrowed as code units ([`Text`], [`str_units`]), and a new `str` or `bytes` written in place
//! ([`NewStr`], [`NewBytes`]).
//!
//! Everything that reads or writes CPython's string storage directly is here, with its
//! `unsafe` reasoning in one place; the functions that use it contain none.

use std::ffi::{CStr, c_char, c_int, c_uint, c_void};
use std::marker::PhantomData;
use std::mem::MaybeUninit;
use std::{ptr, slice};

use myrustlib_core::text::{Chars, CodeUnits, CodeUnitsMut, Storage, Width};
use pyo3::exceptions::{PyMemoryError, PyOverflowError, PySystemError, PyTypeError};
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::string::PyStringData;
use pyo3::types::{PyBytes, PyString};

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

/// A text argument: a `str`, counted by code points, or a contiguous bytes-like object with
/// 1-byte items, counted by bytes. Borrowed, never copied, for as long as the value lives.
pub(crate) enum Text<'py> {
    Str(Bound<'py, PyString>),
    Bytes(ByteBuffer),
}

impl<'a, 'py> FromPyObject<'a, 'py> for Text<'py> {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        match obj.cast::<PyString>() {
            Ok(text) => Ok(Self::Str(text.to_owned())),
            Err(_) => ByteBuffer::export(&obj).map(Self::Bytes),
        }
    }
}

impl Text<'_> {
    /// The code units: the str's storage (1, 2 or 4 bytes per code point) or the buffer's bytes.
    pub(crate) fn units(&self) -> PyResult<CodeUnits<'_>> {
        match self {
            Self::Str(text) => str_units(text),
            Self::Bytes(buffer) => Ok(CodeUnits::One(buffer.bytes())),
        }
    }

    /// The text for the counters that decode `char`s: an ASCII str as its UTF-8 (CPython stores
    /// ASCII as UTF-8, so nothing is encoded or copied); anything else as its code units, which
    /// gives the same answer without making CPython build and cache a UTF-8 copy.
    pub(crate) fn chars(&self) -> PyResult<Chars<'_>> {
        if let Self::Str(text) = self {
            // SAFETY: `text` is a live str; PyUnicode_IS_ASCII reads its ASCII flag (PyO3 decodes
            // the same state bitfield as `str_units`, with the same platform caveat).
            if unsafe { ffi::PyUnicode_IS_ASCII(text.as_ptr()) } != 0 {
                return Ok(Chars::Utf8(text.to_str()?));
            }
        }
        Ok(Chars::Units(self.units()?))
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
pub(crate) struct ByteBuffer {
    /// Boxed so its address stays fixed while exported (exporters may point into it).
    view: Box<ffi::Py_buffer>,
}

impl ByteBuffer {
    /// Exports `obj`, or raises TypeError if it has no buffer, or one that is not contiguous or
    /// whose items are wider than a byte.
    fn export(obj: &Bound<'_, PyAny>) -> PyResult<Self> {
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
                    "argument 'text' must be str or a bytes-like object, not '{}'",
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
                "argument 'text' must have 1-byte items, but the '{}' buffer has format '{format}' of {} bytes \
                 per item; cast it with memoryview(x).cast('B') to count bytes",
                type_name(),
                buffer.view.itemsize
            )));
        }
        // SAFETY: the view is a live export; PyBuffer_IsContiguous only reads it, and handles
        // missing strides (contiguous by definition) and 0-dimensional views.
        if unsafe { ffi::PyBuffer_IsContiguous(&*buffer.view, C_ORDER) } == 0 {
            return Err(PyTypeError::new_err(format!(
                "argument 'text' must be a contiguous buffer; this '{}' is strided (copy it with bytes(x) first)",
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

/// A new `str` written in place: allocated in a [`Storage`] layout, filled through
/// [`blank_units`](Self::blank_units), then [`finish`](Self::finish)ed into a valid str.
///
/// Until it is finished, this is the only reference to the string, so writing its units (even
/// with the GIL released) races with nothing, and no Python code sees it half-written.
pub(crate) struct NewStr<'py> {
    /// The string; the empty str (a shared singleton, never written) when `len` is 0.
    string: Bound<'py, PyAny>,
    storage: Storage,
    len: usize,
}

impl<'py> NewStr<'py> {
    /// A str of `len` code points in `storage`, to be filled through
    /// [`blank_units`](Self::blank_units). MemoryError if it cannot be allocated.
    pub(crate) fn new(py: Python<'py>, len: usize, storage: Storage) -> PyResult<Self> {
        if len == 0 {
            // PyUnicode_New(0, ..) is the shared empty string, which must not be written to.
            return Ok(Self {
                string: PyString::new(py, "").into_any(),
                storage,
                len,
            });
        }
        let size = isize::try_from(len).map_err(|_| {
            PyMemoryError::new_err(format!("cannot allocate a str of {len} characters"))
        })?;
        // SAFETY: PyUnicode_New returns a new reference, or NULL with MemoryError set when the
        // size is too large; `from_owned_ptr_or_err` takes ownership or fetches that error.
        let string = unsafe {
            Bound::from_owned_ptr_or_err(py, ffi::PyUnicode_New(size, storage.max_code_point()))
        }?;
        // SAFETY: `string` is a live str, just created; PyUnicode_KIND decodes its state
        // bitfield, with the same platform caveat as PyString::data (see `str_units`).
        let kind = unsafe { ffi::PyUnicode_KIND(string.as_ptr()) };
        if kind != c_uint::from(storage.width().bytes()) {
            return Err(PySystemError::new_err(format!(
                "PyUnicode_New gave kind {kind} for {storage:?}"
            )));
        }
        Ok(Self {
            string,
            storage,
            len,
        })
    }

    /// The units to write, handed out blank: [`Blank::zeroed`] initialises them where the writing
    /// happens (on the worker threads, with the GIL released), so first-touch page faults of a
    /// large string do not stall other Python threads.
    pub(crate) fn blank_units(&mut self) -> Blank<'_> {
        let data = if self.len == 0 {
            ptr::null_mut()
        } else {
            // SAFETY: `string` is a live str; PyUnicode_DATA reads its data pointer.
            unsafe { ffi::PyUnicode_DATA(self.string.as_ptr()) }
        };
        Blank {
            data,
            len: self.len,
            width: self.storage.width(),
            _string: PhantomData,
        }
    }

    /// The finished str. Every unit written must be a code point that `storage` holds. If none
    /// needs the layout it was allocated in (e.g. "aaa" drawn from "aé€"), the text is copied
    /// into its canonical, narrower layout: CPython compares and hashes strings assuming it.
    pub(crate) fn finish(self) -> PyResult<Bound<'py, PyString>> {
        let py = self.string.py();
        // SAFETY: `string` is a str (made by PyUnicode_New or PyString::new) whose units are all
        // initialised; from here on it is only read.
        let string = unsafe { self.string.cast_into_unchecked::<PyString>() };
        let units = str_units(&string)?;
        let string = if units.is_canonical(self.storage) {
            string
        } else {
            // SAFETY: the data pointer and length describe `string`'s own buffer, of its kind,
            // alive for the call; PyUnicode_FromKindAndData copies it into the narrowest layout.
            unsafe {
                let ptr = string.as_ptr();
                let copy = ffi::PyUnicode_FromKindAndData(
                    c_int::from(self.storage.width().bytes()),
                    ffi::PyUnicode_DATA(ptr),
                    ffi::PyUnicode_GET_LENGTH(ptr),
                );
                Bound::from_owned_ptr_or_err(py, copy)?.cast_into_unchecked::<PyString>()
            }
        };
        debug_check_consistency(&string);
        Ok(string)
    }
}

/// The not-yet-initialised units of a [`NewStr`] or [`NewBytes`], borrowed from it.
pub(crate) struct Blank<'a> {
    /// The object's buffer: `len` units of `width` bytes; null when `len` is 0.
    data: *mut c_void,
    len: usize,
    width: Width,
    _string: PhantomData<&'a mut ()>,
}

// SAFETY: the buffer belongs to a new object that no other code can reach until it is finished,
// which the borrow of its NewStr or NewBytes prevents while this lives; any one thread may write
// it.
unsafe impl Send for Blank<'_> {}

impl<'a> Blank<'a> {
    /// Zeroes the units and hands them out for writing.
    pub(crate) fn zeroed(self) -> CodeUnitsMut<'a> {
        let (len, width) = (self.len, self.width);
        let bytes = self.zeroed_bytes();
        if len == 0 {
            return match width {
                Width::One => CodeUnitsMut::One(&mut []),
                Width::Two => CodeUnitsMut::Two(&mut []),
                Width::Four => CodeUnitsMut::Four(&mut []),
            };
        }
        let data = bytes.as_mut_ptr();
        // SAFETY: `data` points to `len` units of `width` bytes, now initialised (zeroed), and
        // aligned by CPython for that width; the byte slice it came from is not used again.
        unsafe {
            match width {
                Width::One => CodeUnitsMut::One(slice::from_raw_parts_mut(data, len)),
                Width::Two => CodeUnitsMut::Two(slice::from_raw_parts_mut(data.cast(), len)),
                Width::Four => CodeUnitsMut::Four(slice::from_raw_parts_mut(data.cast(), len)),
            }
        }
    }

    /// Zeroes the buffer and hands out its bytes for writing.
    pub(crate) fn zeroed_bytes(self) -> &'a mut [u8] {
        let bytes = self.len.saturating_mul(usize::from(self.width.bytes()));
        if bytes == 0 || self.data.is_null() {
            return &mut [];
        }
        // SAFETY: `data` points to `bytes` writable bytes reachable only through this handle
        // (see `Send` above); zeroing them first makes the slice cover initialised memory.
        unsafe {
            ptr::write_bytes(self.data.cast::<u8>(), 0, bytes);
            slice::from_raw_parts_mut(self.data.cast::<u8>(), bytes)
        }
    }
}

/// A new `bytes` object written in place, like [`NewStr`]: allocated uninitialised (as
/// `PyBytes_FromStringAndSize(NULL, n)` does), filled through [`blank`](Self::blank) on the
/// worker threads, then [`finish`](Self::finish)ed.
pub(crate) struct NewBytes<'py> {
    bytes: Bound<'py, PyBytes>,
    len: usize,
}

impl<'py> NewBytes<'py> {
    /// A bytes object of `len` bytes; MemoryError if it cannot be allocated.
    pub(crate) fn new(py: Python<'py>, len: usize) -> PyResult<Self> {
        let too_big = || PyMemoryError::new_err(format!("cannot allocate {len} bytes"));
        let size = isize::try_from(len).map_err(|_| too_big())?;
        // SAFETY: with a NULL source, PyBytes_FromStringAndSize returns a new, uninitialised
        // bytes object of `size` bytes, or NULL with an exception set.
        let bytes = unsafe {
            Bound::from_owned_ptr_or_err(py, ffi::PyBytes_FromStringAndSize(ptr::null(), size))
        }
        .map_err(|err| {
            // CPython refuses sizes a few header bytes short of sys.maxsize with
            // OverflowError; for an allocation, as for every other size here, that is
            // a MemoryError.
            if err.is_instance_of::<PyOverflowError>(py) {
                too_big()
            } else {
                err
            }
        })?;
        // SAFETY: just created as a bytes object.
        let bytes = unsafe { bytes.cast_into_unchecked::<PyBytes>() };
        Ok(Self { bytes, len })
    }

    /// The bytes to write, handed out blank (see [`NewStr::blank_units`]).
    pub(crate) fn blank(&mut self) -> Blank<'_> {
        Blank {
            // SAFETY: `bytes` is a live bytes object; PyBytes_AsString returns its buffer.
            data: unsafe { ffi::PyBytes_AsString(self.bytes.as_ptr()) }.cast(),
            len: self.len,
            width: Width::One,
            _string: PhantomData,
        }
    }

    /// The finished bytes; every byte must have been written through [`blank`](Self::blank).
    pub(crate) fn finish(self) -> Bound<'py, PyBytes> {
        self.bytes
    }
}

/// In debug builds, CPython's own check that a str's layout, length and content agree; it aborts
/// with a report if they do not, which is what a debug build is for.
fn debug_check_consistency(string: &Bound<'_, PyString>) {
    #[cfg(debug_assertions)]
    {
        unsafe extern "C" {
            // Exported by every CPython we support (3.9-3.13), release builds included.
            fn _PyUnicode_CheckConsistency(op: *mut ffi::PyObject, check_content: c_int) -> c_int;
        }
        // SAFETY: `string` is a live str; the check only reads it.
        unsafe { _PyUnicode_CheckConsistency(string.as_ptr(), 1) };
    }
    #[cfg(not(debug_assertions))]
    let _ = string;
}
