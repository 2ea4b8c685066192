//! Integer arguments (`length`, `width`, `height`, `seed`): Python ints as Rust integers, with
//! the exceptions Python's own constructors raise and messages that name the argument.
//!
//! PyO3's `usize` extraction raises OverflowError for both -1 and 2**64. Python's `bytes(-1)`
//! raises ValueError and `bytes(2**63)` MemoryError, and so do we: a negative size is a bad
//! value, a positive one past `sys.maxsize` an allocation no machine can make.

use pyo3::exceptions::{PyMemoryError, PyOverflowError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyInt;

/// An int argument (or any object with `__index__`) sorted by what it can mean as a size.
enum Size<'py> {
    Fits(usize),
    Negative(Bound<'py, PyAny>),
    TooLarge(Bound<'py, PyAny>),
}

/// `operator.index(value)`: the int itself, or the result of `__index__`, called once. A
/// TypeError names the argument (`name`) and keeps Python's reason.
fn index<'py>(value: &Bound<'py, PyAny>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    if value.is_instance_of::<PyInt>() {
        return Ok(value.clone());
    }
    let py = value.py();
    py.import("operator")?
        .call_method1("index", (value,))
        .map_err(|err| {
            if err.is_instance_of::<PyTypeError>(py) {
                PyTypeError::new_err(format!("{name} must be an int: {}", err.value(py)))
            } else {
                err
            }
        })
}

/// Reads an int (after `__index__`, called at most once) as a size.
fn classify<'py>(value: &Bound<'py, PyAny>, name: &str) -> PyResult<Size<'py>> {
    let index = index(value, name)?;
    // Extracting an int can only fail by overflow: then its sign says which way.
    Ok(match index.extract::<isize>() {
        Ok(small) => usize::try_from(small).map_or(Size::Negative(index), Size::Fits),
        Err(_) if index.lt(0)? => Size::Negative(index),
        Err(_) => Size::TooLarge(index),
    })
}

/// The `length` of a str to build: ValueError when negative, MemoryError past `sys.maxsize`.
pub(crate) fn length_arg(length: &Bound<'_, PyAny>) -> PyResult<usize> {
    match classify(length, "length")? {
        Size::Fits(length) => Ok(length),
        Size::Negative(value) => Err(PyValueError::new_err(format!(
            "length must be non-negative, got {value}"
        ))),
        Size::TooLarge(value) => Err(PyMemoryError::new_err(format!(
            "cannot allocate a str of {value} characters"
        ))),
    }
}

/// A frame's width (`HEIGHT` false) or height in pixels: ValueError below 1. A side past
/// `usize::MAX` becomes `usize::MAX`, so that the frame's size, checked once both sides are
/// known, is refused with MemoryError (a bad value in the other side is reported first, as in
/// the reference).
pub(crate) struct FrameSide<const HEIGHT: bool>(pub(crate) usize);

/// A frame's width argument.
pub(crate) type Width = FrameSide<false>;
/// A frame's height argument.
pub(crate) type Height = FrameSide<true>;

impl<'a, 'py, const HEIGHT: bool> FromPyObject<'a, 'py> for FrameSide<HEIGHT> {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let name = if HEIGHT { "height" } else { "width" };
        let below_one = |value: &dyn std::fmt::Display| {
            PyValueError::new_err(format!("{name} must be at least 1, got {value}"))
        };
        match classify(&obj, name)? {
            Size::Fits(side) if side > 0 => Ok(Self(side)),
            Size::Fits(side) => Err(below_one(&side)),
            Size::Negative(value) => Err(below_one(&value)),
            Size::TooLarge(_) => Ok(Self(usize::MAX)),
        }
    }
}

/// A random generator's seed: an int in `range(2**64)`, else OverflowError (TypeError for a
/// non-int, as `operator.index` raises it, naming the argument).
pub(crate) struct Seed(pub(crate) u64);

impl<'a, 'py> FromPyObject<'a, 'py> for Seed {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let seed = index(&obj, "seed")?;
        // Extracting an int as u64 can only fail by being out of range.
        seed.extract::<u64>().map(Self).map_err(|_| {
            PyOverflowError::new_err(format!("seed must be in range(2**64), got {seed}"))
        })
    }
}
