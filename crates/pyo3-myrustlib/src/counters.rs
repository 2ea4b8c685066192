//! The count_doubles family in Python: `myrustlib_core::counters`, one function per technique.
//!
//! Each takes a [`Text`] (a str's own storage or a buffer, borrowed), runs the core variant
//! through [`run`] and returns the count. The `///` comments are the Python docstrings.

use myrustlib_core::counters::{SIMD_PARALLEL_SPLIT, SLICE_PARALLEL_SPLIT};
use pyo3::prelude::*;

use crate::run::{Work, run};
use crate::text::Text;

/// Count doubles: positions i where text[i] == text[i + 1]. Pairs overlap: "aaa" has 2.
///
/// Technique: characters zipped with themselves shifted by one. An ASCII str is read
/// as UTF-8 and decoded (the naive approach; CPython stores ASCII as UTF-8, so nothing
/// is copied); any other str is read as its code points.
///
/// text: a str, whose equal neighbouring code points are counted (any str, lone
/// surrogates included), or a contiguous bytes-like object with 1-byte items (bytes,
/// bytearray, memoryview, numpy uint8 array, ...), whose equal neighbouring bytes are
/// counted. Raises TypeError for anything else.
///
/// Long inputs are counted with the GIL released, reading the argument in place: if
/// another thread writes to a mutable buffer meanwhile, the count is unspecified.
#[pyfunction]
pub(crate) fn count_doubles(py: Python<'_>, text: Text<'_>) -> PyResult<usize> {
    let chars = text.chars()?;
    run(py, Work::serial(chars.len()), || Ok(chars.count_doubles()))
}

/// Count doubles in one pass that remembers the previous character.
///
/// Technique: each character is produced once (decoded from UTF-8 for an ASCII str, as
/// count_doubles does). Same answers and arguments as count_doubles.
#[pyfunction]
pub(crate) fn count_doubles_once(py: Python<'_>, text: Text<'_>) -> PyResult<usize> {
    let chars = text.chars()?;
    run(py, Work::serial(chars.len()), || {
        Ok(chars.count_doubles_once())
    })
}

/// Count doubles with a peekable iterator: each character compared with the next,
/// which peek() shows without taking it.
///
/// Technique: the original project's count_doubles_peek, over characters as
/// count_doubles reads them. Same answers and arguments as count_doubles.
#[pyfunction]
pub(crate) fn count_doubles_peek(py: Python<'_>, text: Text<'_>) -> PyResult<usize> {
    let chars = text.chars()?;
    run(py, Work::serial(chars.len()), || {
        Ok(chars.count_doubles_peek())
    })
}

/// Count doubles in one pass that moves each character into the previous one's place
/// with std::mem::replace.
///
/// Technique: the original project's count_doubles_memreplace, over characters as
/// count_doubles reads them. Same answers and arguments as count_doubles.
#[pyfunction]
pub(crate) fn count_doubles_memreplace(py: Python<'_>, text: Text<'_>) -> PyResult<usize> {
    let chars = text.chars()?;
    run(py, Work::serial(chars.len()), || {
        Ok(chars.count_doubles_memreplace())
    })
}

/// Count doubles with a fold whose accumulator carries the previous character and the
/// count.
///
/// Technique: the original project's count_doubles_fold, over characters as
/// count_doubles reads them. Same answers and arguments as count_doubles.
#[pyfunction]
pub(crate) fn count_doubles_fold(py: Python<'_>, text: Text<'_>) -> PyResult<usize> {
    let chars = text.chars()?;
    run(py, Work::serial(chars.len()), || {
        Ok(chars.count_doubles_fold())
    })
}

/// Count doubles in one pass over code units, without decoding.
///
/// Technique: the one-pass loop over the str's own storage (1, 2 or 4 bytes per code
/// point, never copied) or the buffer's bytes. Same answers and arguments as
/// count_doubles.
#[pyfunction]
pub(crate) fn count_doubles_once_bytes(py: Python<'_>, text: Text<'_>) -> PyResult<usize> {
    let units = text.units()?;
    run(py, Work::serial(units.len()), || {
        Ok(units.count_doubles_once_bytes())
    })
}

/// Count doubles with a window of two sliding over the code units.
///
/// Technique: slice windows over the str's own storage or the buffer, never copied.
/// Same answers and arguments as count_doubles.
#[pyfunction]
pub(crate) fn count_doubles_slice(py: Python<'_>, text: Text<'_>) -> PyResult<usize> {
    let units = text.units()?;
    run(py, Work::serial(units.len()), || {
        Ok(units.count_doubles_slice())
    })
}

/// Count doubles on all cores: the slice split into chunks counted in parallel.
///
/// Technique: rayon over chunks of the str's storage or the buffer, never copied; a pair
/// straddling two chunks is counted once. Inputs shorter than 2,097,152 code units are
/// counted on the calling thread. Same answers and arguments as count_doubles.
#[pyfunction]
pub(crate) fn count_doubles_slice_parallel(py: Python<'_>, text: Text<'_>) -> PyResult<usize> {
    let units = text.units()?;
    run(
        py,
        Work::parallel(units.len(), SLICE_PARALLEL_SPLIT),
        || Ok(units.count_doubles_slice_parallel()),
    )
}

/// Count doubles many code units at a time: the vectorised kernel, on one thread.
///
/// Technique: the str's storage (or the buffer) compared with itself shifted by one, 64
/// units per step, matches summed in per-lane counters, so the compiler emits wide
/// vector instructions (AVX2 when the CPU has it, chosen at run time). Never copies its
/// input. Same answers and arguments as count_doubles.
#[pyfunction]
pub(crate) fn count_doubles_simd(py: Python<'_>, text: Text<'_>) -> PyResult<usize> {
    let units = text.units()?;
    run(py, Work::serial(units.len()), || {
        Ok(units.count_doubles_simd())
    })
}

/// Count doubles with the vectorised kernel on all cores: the fastest variant.
///
/// Technique: count_doubles_simd on chunks of the str's storage (or the buffer), counted
/// in parallel (a pair straddling two chunks is counted once); inputs shorter than
/// 33,554,432 code units are counted on the calling thread. Never copies its input. Same
/// answers and arguments as count_doubles.
#[pyfunction]
pub(crate) fn count_doubles_simd_parallel(py: Python<'_>, text: Text<'_>) -> PyResult<usize> {
    let units = text.units()?;
    run(py, Work::parallel(units.len(), SIMD_PARALLEL_SPLIT), || {
        Ok(units.count_doubles_simd_parallel())
    })
}

#[cfg(test)]
mod tests {
    use myrustlib_core::parallel::Split;
    use pyo3::types::PyCFunction;

    use super::*;

    /// `1048576` as the docstrings write it: `1,048,576`.
    fn with_commas(value: usize) -> String {
        let digits: Vec<char> = value.to_string().chars().rev().collect();
        let groups: Vec<String> = digits
            .chunks(3)
            .map(|group| group.iter().rev().collect())
            .rev()
            .collect();
        groups.join(",")
    }

    #[test]
    fn docstrings_state_the_cores_thresholds() -> PyResult<()> {
        Python::attach(|py| {
            let cases: [(Bound<'_, PyCFunction>, Split); 2] = [
                (
                    wrap_pyfunction!(count_doubles_slice_parallel, py)?,
                    SLICE_PARALLEL_SPLIT,
                ),
                (
                    wrap_pyfunction!(count_doubles_simd_parallel, py)?,
                    SIMD_PARALLEL_SPLIT,
                ),
            ];
            for (function, split) in cases {
                let doc: String = function.getattr("__doc__")?.extract()?;
                let stated = format!("shorter than {} code units", with_commas(split.min_len()));
                assert!(
                    doc.replace('\n', " ").contains(&stated),
                    "{function}: {stated:?} not in {doc:?}"
                );
            }
            Ok(())
        })
    }
}
