//! Settings shared by the benchmark binaries.

use std::time::Duration;

use criterion::Criterion;

/// Short runs: the inputs are large (10M items), so 20 samples of a few milliseconds each are
/// stable enough, and the whole `cargo bench` stays around two minutes.
pub fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(20)
}
