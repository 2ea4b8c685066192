//! The compiled module `myrustlib._myrustlib`, re-exported by the Python package `myrustlib`.
//!
//! One file per core module — `counters`, `utils`, `ray` — holds that module's Python functions
//! and classes; the shared adapters are `text` (str and buffer arguments, new str and bytes
//! results), `sizes` (integer arguments), `run` (the GIL, the thread pool) and `errors` (core
//! errors as exceptions). This file only registers. The `///` comments on the functions are the
//! Python docstrings, kept identical to the stubs in `python/myrustlib/_myrustlib.pyi` by a test.
//!
//! Everything here handles values a Python caller controls, so on top of the workspace lints
//! (no unwrap/expect/panic, no lossy casts, a SAFETY comment on every unsafe block) the binding
//! forbids indexing that could panic, `as` conversions and unchecked arithmetic.
#![deny(
    clippy::indexing_slicing,
    clippy::as_conversions,
    clippy::arithmetic_side_effects
)]

mod counters;
mod errors;
mod ray;
mod run;
mod sizes;
mod text;
mod utils;

use pyo3::prelude::*;

/// Rust implementations of count_doubles, random_string and the ray tracer (see the myrustlib
/// package).
// `gil_used`: not declared free-threaded until a free-threaded CPython can test it; see
// docs/design.md, "Free-threading".
#[pymodule(gil_used = true)]
mod _myrustlib {
    use pyo3::prelude::*;

    // The order here is the order of __all__, which the package's COUNTERS tuple, the tour and
    // the benchmark tables follow: the naive port first, then one technique at a time. (Each
    // export stands alone, so that rustfmt keeps this order.)
    #[pymodule_export]
    use crate::counters::count_doubles;

    #[pymodule_export]
    use crate::counters::count_doubles_once;

    #[pymodule_export]
    use crate::counters::count_doubles_peek;

    #[pymodule_export]
    use crate::counters::count_doubles_memreplace;

    #[pymodule_export]
    use crate::counters::count_doubles_fold;

    #[pymodule_export]
    use crate::counters::count_doubles_once_bytes;

    #[pymodule_export]
    use crate::counters::count_doubles_slice;

    #[pymodule_export]
    use crate::counters::count_doubles_slice_parallel;

    #[pymodule_export]
    use crate::counters::count_doubles_simd;

    #[pymodule_export]
    use crate::counters::count_doubles_simd_parallel;

    #[pymodule_export]
    use crate::utils::random_string;

    #[pymodule_export]
    use crate::ray::{PyLine, PySphere, PyVec, color, render, save_png};

    #[pymodule_init]
    fn init(module: &Bound<'_, PyModule>) -> PyResult<()> {
        crate::ray::add_talks_len(module)?;
        module.add("__version__", env!("CARGO_PKG_VERSION"))
    }
}
