# One place to run things; CI (.ci/run) uses these targets too. `make help` lists them.
PYTHON ?= python3
export PYTHONDONTWRITEBYTECODE := 1

# `make -j test` must not run pytest while release.sh reinstalls the package.
.NOTPARALLEL:

.PHONY: help dev release test test-rust test-python lint fmt bench bench-python report tour count-check fuzz clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

dev:  ## quick build for the edit-test loop: requirements.txt, then maturin develop (profile quick)
	$(PYTHON) -m pip install --disable-pip-version-check --quiet -r requirements.txt
	$(PYTHON) -m maturin develop --profile quick

release:  ## build the optimised extension and install it with requirements.txt (./release.sh)
	./release.sh

test: test-rust test-python  ## the whole test suite, against the installed build (make dev or release)

test-rust:  ## cargo tests of every crate (core unit, integration and doc tests; binding)
	cargo test --workspace

test-python:  ## pytest suite, plus the benchmark files' answer checks (timing disabled)
	$(PYTHON) -m pytest
	$(PYTHON) -m pytest doubles_pyo3.py raytrace_pyo3.py --benchmark-disable -q

lint:  ## formatting, clippy, rustdoc, ruff, mypy and stubtest; changes nothing
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --quiet
	rustfmt --check --edition 2024 fuzz/src/*.rs fuzz/fuzz_targets/*.rs
	$(PYTHON) -m ruff check .
	$(PYTHON) -m ruff format --check .
	$(PYTHON) -m mypy
	$(PYTHON) -m mypy --python-version 3.9 python/myrustlib pep517  # the oldest supported Python
	$(PYTHON) -m mypy.stubtest myrustlib._myrustlib

fmt:  ## format Rust and Python code
	cargo fmt --all
	rustfmt --edition 2024 fuzz/src/*.rs fuzz/fuzz_targets/*.rs
	$(PYTHON) -m ruff format .
	$(PYTHON) -m ruff check --fix .

bench:  ## criterion benchmarks of the Rust core
	cargo bench

bench-python: release  ## the side-by-side Python tables (pytest-benchmark)
	$(PYTHON) -m pytest doubles_pyo3.py
	$(PYTHON) -m pytest raytrace_pyo3.py

report: release  ## every comparison in one run: writes BENCHMARKS.md and the pictures in docs/
	$(PYTHON) benches/report.py --write

tour: release  ## python -m myrustlib: every implementation timed side by side, writes sphere.png
	$(PYTHON) -m myrustlib

count-check: release  ## `myrustlib count` on a 2 GiB file: same answer as in memory, RSS < 100 MB
	$(PYTHON) benches/count_stream_check.py

FUZZ_SECONDS ?= 600
FUZZ_TARGETS := counters random_string ray
fuzz:  ## fuzz each core target for FUZZ_SECONDS (default 600); needs nightly Rust and cargo-fuzz
	@command -v cargo-fuzz >/dev/null && cargo +nightly --version >/dev/null 2>&1 || { \
	  echo "make fuzz needs cargo-fuzz and a nightly toolchain:"; \
	  echo "  cargo install cargo-fuzz && rustup toolchain install nightly"; exit 1; }
	cd fuzz && for target in $(FUZZ_TARGETS); do \
	  cargo +nightly fuzz run -O $$target -- -max_total_time=$(FUZZ_SECONDS) -max_len=4096 \
	    -print_final_stats=1 || exit 1; \
	  cargo +nightly fuzz cmin -O $$target -- -max_len=4096 || exit 1; \
	done

clean:  ## remove build output
	cargo clean
	rm -rf dist .pytest_cache .hypothesis .benchmarks .mypy_cache .ruff_cache
