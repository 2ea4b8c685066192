//! Lets `cargo test` binaries find the libpython they were linked against.

fn main() {
    // Test binaries link libpython; an rpath to the build interpreter's LIBDIR makes them load that
    // same library (a pyenv or custom-prefix Python is not on the loader's default path). PyO3 emits
    // nothing when maturin builds the extension module, which must not link libpython.
    pyo3_build_config::add_libpython_rpath_link_args();
}
