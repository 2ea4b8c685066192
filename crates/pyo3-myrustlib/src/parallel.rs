//! The rayon thread pool the parallel functions run on: one per process, so they survive `fork`.
//!
//! rayon's global pool is started once per process image. After `os.fork()` (what
//! `multiprocessing` does by default on Linux before Python 3.14) the child inherits the pool's
//! bookkeeping but none of its threads, so parallel work queued there would wait forever. We keep
//! our own pool and remember which process built it; a forked child builds a fresh one.

use std::process;
use std::sync::{Arc, Mutex, PoisonError};

use pyo3::PyResult;
use pyo3::exceptions::PyRuntimeError;
use rayon::{ThreadPool, ThreadPoolBuilder};

/// The pool and the id of the process that built it.
static POOL: Mutex<Option<(u32, Arc<ThreadPool>)>> = Mutex::new(None);

/// This process's pool, built on first use. Sized by `RAYON_NUM_THREADS`, else one thread per CPU.
///
/// Call it with the GIL held: `os.fork()` also holds the GIL, so no other thread can be inside
/// this function (holding the lock) at the moment a child is forked.
pub(crate) fn pool() -> PyResult<Arc<ThreadPool>> {
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
