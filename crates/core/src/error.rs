//! The core's error type: every way a core function can refuse its input.
//!
//! The binding maps each variant to the Python exception that Python's own code would raise, so
//! the variants are split by *kind* of failure (bad value, allocation), not by function.

use std::fmt;

/// Why a core function could not do what was asked.
///
/// The binding matches on every variant, so adding one forces a decision about its Python exception.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// A random string was requested from an alphabet with no characters.
    EmptyAlphabet,
    /// The output would not fit in memory (the allocator refused, or the size overflows).
    OutOfMemory {
        /// Size of the refused allocation in bytes, saturated at `usize::MAX`.
        bytes: usize,
    },
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
    fn huge_allocation_is_an_error_not_an_abort() {
        let err = try_filled_vec(usize::MAX / 2, 0u32).unwrap_err();
        assert_eq!(err, Error::OutOfMemory { bytes: usize::MAX });
    }

    #[test]
    fn small_allocation_is_filled() {
        assert_eq!(try_filled_vec(3, 7u8).unwrap(), vec![7, 7, 7]);
    }
}
