//! Random strings in Python: `myrustlib_core::utils`, written straight into a new str.

use myrustlib_core::utils::{ASCII_LETTERS, RANDOM_STRING_SPLIT, RandomText};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyString;

use crate::run::{Work, run};
use crate::sizes::{Seed, length_arg};
use crate::text::{NewStr, str_units};

/// The `alphabet` argument of `random_string`: a str, `string.ascii_letters` when omitted. Not an
/// `Option`, so that an explicit `alphabet=None` is a TypeError, as in the pure-Python reference.
pub(crate) enum Alphabet<'py> {
    AsciiLetters,
    Given(Bound<'py, PyString>),
}

impl<'a, 'py> FromPyObject<'a, 'py> for Alphabet<'py> {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        match obj.cast::<PyString>() {
            Ok(alphabet) => Ok(Self::Given(alphabet.to_owned())),
            Err(_) => Err(PyTypeError::new_err(format!(
                "argument 'alphabet' must be str, not '{}'",
                obj.get_type().name()?
            ))),
        }
    }
}

/// Return a random str of `length` characters drawn uniformly from `alphabet`.
///
/// The drop-in for "".join(random.choice(alphabet) for _ in range(length)): each
/// character is an independent draw; a character listed twice in `alphabet` is twice
/// as likely. Any non-empty str is a valid alphabet.
///
/// With an int `seed` (0 <= seed < 2**64) the result is the same on every run, platform
/// and thread count (but differs from what random.seed(seed) would give); without one
/// it is seeded from the operating system. Generated in parallel, with the GIL released,
/// straight into the new str.
///
/// Raises ValueError for a negative length or an empty alphabet, TypeError for a
/// non-int length or a non-str alphabet, OverflowError for a seed outside the range,
/// and MemoryError when the string cannot be allocated.
#[pyfunction]
#[pyo3(
    signature = (length, *, alphabet = Alphabet::AsciiLetters, seed = None),
    text_signature = "(length, *, alphabet='abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', seed=None)"
)]
pub(crate) fn random_string<'py>(
    length: &Bound<'py, PyAny>,
    alphabet: Alphabet<'py>,
    seed: Option<Seed>,
) -> PyResult<Bound<'py, PyString>> {
    let py = length.py();
    let length = length_arg(length)?;
    let alphabet = match alphabet {
        Alphabet::AsciiLetters => PyString::new(py, ASCII_LETTERS),
        Alphabet::Given(alphabet) => alphabet,
    };
    let text = RandomText::new(str_units(&alphabet)?, seed.map(|seed| seed.0))
        .map_err(crate::errors::CoreError)?;
    let mut out = NewStr::new(py, length, text.storage())?;
    let blank = out.blank_units();
    run(py, Work::parallel(length, RANDOM_STRING_SPLIT), move || {
        text.fill(blank.zeroed())
    })?;
    out.finish()
}
