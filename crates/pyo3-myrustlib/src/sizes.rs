//! Size arguments (`length`, `width`, `height`): Python ints as `usize`, with the exceptions
//! Python's own constructors raise.
//!
//! PyO3's `usize` extraction raises OverflowError for both -1 and 2**64. Python's `bytes(-1)`
//! raises ValueError and `bytes(2**63)` MemoryError, and so do we: a negative size is a bad
//! value, a positive one past `sys.maxsize` an allocation no machine can make.

use pyo3::exceptions::{PyMemoryError, PyOverflowError, PyValueError};
use pyo3::prelude::*;

/// An int argument (or any object with `__index__`) sorted by what it can mean as a size.
enum Size<'py> {
    Fits(usize),
    Negative(Bound<'py, PyAny>),
    TooLarge(Bound<'py, PyAny>),
}

fn classify<'py>(value: &Bound<'py, PyAny>) -> PyResult<Size<'py>> {
    let py = value.py();
    match value.extract::<isize>() {
        Ok(small) => {
            Ok(usize::try_from(small).map_or_else(|_| Size::Negative(value.clone()), Size::Fits))
        }
        Err(err) if err.is_instance_of::<PyOverflowError>(py) => {
            let index = py.import("operator")?.call_method1("index", (value,))?;
            Ok(if index.lt(0)? {
                Size::Negative(index)
            } else {
                Size::TooLarge(index)
            })
        }
        Err(err) => Err(err),
    }
}

/// The `length` of a str to build: ValueError when negative, MemoryError past `sys.maxsize`.
pub(crate) fn length_arg(length: &Bound<'_, PyAny>) -> PyResult<usize> {
    match classify(length)? {
        Size::Fits(length) => Ok(length),
        Size::Negative(value) => Err(PyValueError::new_err(format!(
            "length must be non-negative, got {value}"
        ))),
        Size::TooLarge(value) => Err(PyMemoryError::new_err(format!(
            "cannot allocate a str of {value} characters"
        ))),
    }
}

/// A frame's width or height in pixels: ValueError below 1, MemoryError past `sys.maxsize`.
/// (Zero passes here and is refused by the core, with both sides in the message.)
pub(crate) struct FrameSide(pub(crate) usize);

impl<'a, 'py> FromPyObject<'a, 'py> for FrameSide {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        match classify(&obj)? {
            Size::Fits(side) => Ok(Self(side)),
            Size::Negative(value) => Err(PyValueError::new_err(format!(
                "width and height must be at least 1, got {value}"
            ))),
            Size::TooLarge(value) => Err(PyMemoryError::new_err(format!(
                "cannot allocate a frame {value} pixels across"
            ))),
        }
    }
}
