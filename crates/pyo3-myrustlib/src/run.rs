//! Running core work from Python: the one place that releases the GIL and enters the thread pool.
//!
//! Every binding function reads as: take the arguments, describe the [`Work`] (its size, and the
//! core's [`Split`] if it can go parallel), [`run`] the core call, convert the result. `run`
//! releases the GIL for work long enough to be worth it, enters this process's pool only when the
//! core will split the work, and maps the core's error to its Python exception.

use std::process;
use std::sync::{Arc, Mutex, PoisonError};

use myrustlib_core::parallel::Split;
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use rayon::{ThreadPool, ThreadPoolBuilder};

use crate::errors::CoreError;

/// Work of fewer units than this runs with the GIL held: releasing and re-acquiring it costs
/// about as much as counting a few thousand code units.
pub(crate) const DETACH_MIN_UNITS: usize = 1 << 14;

/// What a core call is about to do: how many units of input (code units, characters, pixels)
/// it covers, and whether it may split them across threads.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Work {
    units: usize,
    split: Option<Split>,
}

impl Work {
    /// Work that always runs on one thread.
    pub(crate) const fn serial(units: usize) -> Self {
        Self { units, split: None }
    }

    /// Work that the core splits across threads as `split` decides.
    pub(crate) const fn parallel(units: usize, split: Split) -> Self {
        Self {
            units,
            split: Some(split),
        }
    }

    fn needs_pool(self) -> bool {
        self.split
            .is_some_and(|split| split.is_parallel(self.units))
    }
}

/// Runs `job` (a core call) for `work`: with the GIL released from [`DETACH_MIN_UNITS`] units, on
/// this process's pool when the core will split it. The core's error becomes its exception.
///
/// `job` must not touch Python objects (it is `Send`, and runs without the GIL); arguments are
/// borrowed into it before the call.
pub(crate) fn run<T: Send>(
    py: Python<'_>,
    work: Work,
    job: impl FnOnce() -> myrustlib_core::Result<T> + Send,
) -> PyResult<T> {
    // Fetched while attached: `pool` takes a lock that os.fork() must not catch mid-way.
    let pool = if work.needs_pool() {
        Some(pool()?)
    } else {
        None
    };
    let job = move || match &pool {
        Some(pool) => pool.install(job),
        None => job(),
    };
    let result = if work.units >= DETACH_MIN_UNITS {
        py.detach(job)
    } else {
        job()
    };
    result.map_err(|err| CoreError(err).into())
}

/// The pool and the id of the process that built it.
///
/// rayon's global pool is started once per process image. After `os.fork()` (what
/// `multiprocessing` does by default on Linux before Python 3.14) the child inherits the pool's
/// bookkeeping but none of its threads, so work queued there would wait forever. We keep our own
/// pool and remember which process built it; a forked child builds a fresh one.
static POOL: Mutex<Option<(u32, Arc<ThreadPool>)>> = Mutex::new(None);

/// This process's pool, built on first use. Sized by `RAYON_NUM_THREADS`, else one thread per CPU.
///
/// Called with the GIL held (the module is declared `gil_used`): `os.fork()` also holds the GIL,
/// so no thread of ours is inside this function, holding the lock, at the moment of a fork.
fn pool() -> PyResult<Arc<ThreadPool>> {
    let pid = process::id();
    let mut slot = POOL.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some((owner, pool)) = slot.as_ref() {
        if *owner == pid {
            return Ok(Arc::clone(pool));
        }
    }
    let pool = ThreadPoolBuilder::new()
        .thread_name(|index| format!("myrustlib-{index}"))
        .build()
        .map_err(|err| PyRuntimeError::new_err(format!("cannot start worker threads: {err}")))?;
    let pool = Arc::new(pool);
    if let Some((_, inherited)) = slot.replace((pid, Arc::clone(&pool))) {
        // The parent's pool: its threads do not exist in this process, and dropping it would
        // signal them through locks a parent thread may have held at the fork. Leak it instead.
        std::mem::forget(inherited);
    }
    Ok(pool)
}
