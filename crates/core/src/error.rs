//! The core's error type: every way a core function can refuse its input.
//!
//! The binding maps each variant to the Python exception that Python's own code would raise, so
//! the variants are split by *kind* of failure (bad value, allocation), not by function.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// Why a core function could not do what was asked.
///
/// The binding matches on every variant, so adding one forces a decision about its Python exception.
#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// A random string was requested from an alphabet with no characters.
    EmptyAlphabet,
    /// The output would not fit in memory (the allocator refused, or the size overflows).
    OutOfMemory {
        /// Size of the refused allocation in bytes, saturated at `usize::MAX`.
        bytes: usize,
    },
    /// A vector of length zero cannot be normalised (Python: `ZeroDivisionError`).
    ZeroLength,
    /// A ray's direction is the zero vector, so it points nowhere (Python: `ZeroDivisionError`).
    ZeroDirection,
    /// A sphere's radius is so large that its square overflows (Python: `OverflowError`).
    RadiusOverflow {
        /// The radius.
        radius: f64,
    },
    /// A sphere's radius must be positive and finite.
    InvalidRadius {
        /// The refused radius.
        radius: f64,
    },
    /// A frame's width or height is not positive (a frame needs at least one pixel each way).
    EmptyFrame {
        /// The requested width.
        width: f64,
        /// The requested height.
        height: f64,
    },
    /// A frame so large that no allocation can hold it (more than `isize::MAX` bytes).
    FrameTooLarge {
        /// The requested width.
        width: usize,
        /// The requested height.
        height: usize,
    },
    /// A frame buffer's length does not match its width and height.
    FrameLength {
        /// `width × height × 3`.
        expected: usize,
        /// The buffer's length.
        actual: usize,
    },
    /// The PNG encoder refused the image (e.g. a side longer than PNG allows).
    Png(String),
    /// Code units are too narrow for a character (e.g. `é` in one-byte units is fine, `€` not).
    UnitTooNarrow {
        /// The character that does not fit.
        code_point: u32,
        /// Bytes per unit of the output.
        unit_bytes: usize,
    },
    /// Reading or writing a file failed.
    Io {
        /// The file, when the failure concerns one.
        path: Option<PathBuf>,
        /// The operating system's error number, when there is one.
        errno: Option<i32>,
        /// What went wrong.
        message: String,
    },
}

impl Error {
    /// An I/O failure as an [`Error::Io`], keeping the OS error number and, if given, the file.
    #[must_use]
    pub fn io(err: &io::Error, path: Option<&Path>) -> Self {
        Self::Io {
            path: path.map(Path::to_path_buf),
            errno: err.raw_os_error(),
            message: err.to_string(),
        }
    }
}

/// `Result` with the core's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::EmptyAlphabet => f.write_str("alphabet must not be empty"),
            Self::OutOfMemory { bytes } => {
                write!(f, "cannot allocate {bytes} bytes for the result")
            }
            Self::ZeroLength => f.write_str("cannot normalise a vector of length zero"),
            Self::ZeroDirection => f.write_str("the line's direction is the zero vector"),
            Self::RadiusOverflow { radius } => {
                write!(f, "radius {radius:e} squared overflows")
            }
            Self::InvalidRadius { radius } => {
                write!(f, "radius must be positive and finite, got {radius}")
            }
            Self::EmptyFrame { width, height } => {
                write!(f, "width and height must be positive, got {width}x{height}")
            }
            Self::FrameTooLarge { width, height } => write!(
                f,
                "cannot allocate a {width}x{height} frame: it would need more memory than any \
                 allocation can hold"
            ),
            Self::FrameLength { expected, actual } => {
                write!(f, "frame buffer holds {actual} bytes, expected {expected}")
            }
            Self::Png(reason) => write!(f, "cannot encode PNG: {reason}"),
            Self::UnitTooNarrow {
                code_point,
                unit_bytes,
            } => write!(
                f,
                "U+{code_point:04X} does not fit in code units of {unit_bytes} bytes"
            ),
            Self::Io {
                path: Some(path),
                message,
                ..
            } => write!(f, "{message}: {}", path.display()),
            Self::Io { message, .. } => f.write_str(message),
        }
    }
}

impl std::error::Error for Error {}

/// A vector of `len` copies of `fill`, or [`Error::OutOfMemory`] instead of aborting the process
/// when the allocator refuses (the default `Vec` behaviour on failure is to abort).
pub(crate) fn try_filled_vec<T: Copy>(len: usize, fill: T) -> Result<Vec<T>> {
    let mut out = Vec::new();
    out.try_reserve_exact(len).map_err(|_| Error::OutOfMemory {
        bytes: len.saturating_mul(size_of::<T>()),
    })?;
    out.resize(len, fill);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_problem() {
        assert_eq!(
            Error::EmptyAlphabet.to_string(),
            "alphabet must not be empty"
        );
        assert!(
            Error::OutOfMemory { bytes: 12 }
                .to_string()
                .contains("12 bytes")
        );
    }

    #[test]
    fn io_errors_keep_errno_and_path() {
        let err = Error::io(
            &io::Error::from_raw_os_error(2),
            Some(Path::new("/no/such.png")),
        );
        let Error::Io { path, errno, .. } = &err else {
            panic!("not an Io error: {err:?}");
        };
        assert_eq!(*errno, Some(2));
        assert_eq!(path.as_deref(), Some(Path::new("/no/such.png")));
        assert!(err.to_string().ends_with(": /no/such.png"), "{err}");
    }

    #[test]
    fn huge_allocation_is_an_error_not_an_abort() {
        let err = try_filled_vec(usize::MAX / 2, 0u32).unwrap_err();
        assert_eq!(err, Error::OutOfMemory { bytes: usize::MAX });
    }

    #[test]
    fn small_allocation_is_filled() {
        assert_eq!(try_filled_vec(3, 7u8).unwrap(), vec![7, 7, 7]);
    }
}
