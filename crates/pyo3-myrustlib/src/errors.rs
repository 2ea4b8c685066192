//! Core errors as Python exceptions: one mapping, used by every function through `run`.

use myrustlib_core::Error;
use pyo3::exceptions::{
    PyMemoryError, PyOSError, PyOverflowError, PyValueError, PyZeroDivisionError,
};
use pyo3::prelude::*;

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
            | Error::UnitTooNarrow { .. }
            | Error::Png(_) => PyValueError::new_err(message),
            Error::OutOfMemory { .. } | Error::FrameTooLarge { .. } => {
                PyMemoryError::new_err(message)
            }
            // Python's `r**2` raises this when the square overflows.
            Error::RadiusOverflow { .. } => PyOverflowError::new_err(message),
            // Python's reference divides by the length (or by v·v) and raises this itself.
            Error::ZeroLength | Error::ZeroDirection => PyZeroDivisionError::new_err(message),
            Error::Io {
                path,
                errno: Some(errno),
                message,
            } => os_error(errno, message, path),
            Error::Io { errno: None, .. } => PyOSError::new_err(message),
        }
    }
}

/// The OSError Python's own `open()` would raise: OSError(errno, strerror[, filename]), from
/// which Python picks the subclass (FileNotFoundError, PermissionError, ...) and which names the
/// file in its message.
fn os_error(errno: i32, message: String, path: Option<std::path::PathBuf>) -> PyErr {
    Python::attach(|py| {
        // os.strerror gives the C library's text, as open() shows it ("No such file or
        // directory"); Rust's message adds " (os error 2)".
        let strerror = py
            .import("os")
            .and_then(|os| os.call_method1("strerror", (errno,)))
            .and_then(|text| text.extract::<String>())
            .unwrap_or(message);
        match path {
            // As a str, like open(): the file system encoding's decoding of the path.
            Some(path) => PyOSError::new_err((errno, strerror, path.into_os_string())),
            None => PyOSError::new_err((errno, strerror)),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use pyo3::exceptions::PyFileNotFoundError;

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

    #[test]
    fn io_errors_name_the_file_like_open_does() {
        Python::attach(|py| {
            let missing = PyErr::from(CoreError(Error::Io {
                path: Some("/no/such/dir/x.png".into()),
                errno: Some(2),
                message: "No such file or directory (os error 2)".to_owned(),
            }));
            // OSError's constructor picks the subclass when the exception is created.
            assert!(missing.value(py).is_instance_of::<PyFileNotFoundError>());
            assert_eq!(
                missing.value(py).to_string(),
                "[Errno 2] No such file or directory: '/no/such/dir/x.png'"
            );
        });
    }
}
