//! Fuzz target: see `myrustlib_fuzz::checks::ray` for the properties checked.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| myrustlib_fuzz::checks::ray(data));
