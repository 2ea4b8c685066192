//! Core errors as Python exceptions.

use myrustlib_core::Error;
use pyo3::PyErr;
use pyo3::exceptions::{PyMemoryError, PyOSError, PyValueError, PyZeroDivisionError};

/// A core error on its way to Python. A newtype because the orphan rule forbids implementing
/// `From<myrustlib_core::Error> for PyErr` here; `.map_err(CoreError)?` converts.
pub(crate) struct CoreError(pub(crate) Error);

impl From<CoreError> for PyErr {
    fn from(CoreError(err): CoreError) -> Self {
        // The exception Python's own code raises for the same condition, so a caller's `except`
        // clauses work unchanged when they switch from the pure-Python reference.
        let message = err.to_string();
        match err {
            Error::EmptyAlphabet
            | Error::InvalidRadius { .. }
            | Error::EmptyFrame { .. }
            | Error::FrameLength { .. }
            | Error::Png(_) => PyValueError::new_err(message),
            Error::OutOfMemory { .. } => PyMemoryError::new_err(message),
            // Python's reference divides by the length (or by v·v) and raises this itself.
            Error::ZeroLength | Error::ZeroDirection => PyZeroDivisionError::new_err(message),
            // OSError(errno, strerror) picks the subclass, e.g. FileNotFoundError for ENOENT.
            Error::Io {
                errno: Some(errno), ..
            } => PyOSError::new_err((errno, message)),
            Error::Io { errno: None, .. } => PyOSError::new_err(message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pyo3::Python;
    use pyo3::exceptions::{PyMemoryError, PyValueError, PyZeroDivisionError};

    #[test]
    fn each_error_becomes_the_matching_exception() {
        Python::attach(|py| {
            let empty = PyErr::from(CoreError(Error::EmptyAlphabet));
            assert!(empty.is_instance_of::<PyValueError>(py));
            assert_eq!(empty.value(py).to_string(), "alphabet must not be empty");
            let oom = PyErr::from(CoreError(Error::OutOfMemory { bytes: 8 }));
            assert!(oom.is_instance_of::<PyMemoryError>(py));
            let zero = PyErr::from(CoreError(Error::ZeroLength));
            assert!(zero.is_instance_of::<PyZeroDivisionError>(py));
            let radius = PyErr::from(CoreError(Error::InvalidRadius { radius: -1.0 }));
            assert!(radius.is_instance_of::<PyValueError>(py));
        });
    }
}
