#!/usr/bin/env bash
# Build myrustlib's optimised extension and install it, with requirements.txt, into the active
# Python environment (the virtualenv if one is active, else the python3 on PATH; override with
# PYTHON=/path/to/python). Safe to run again: it rebuilds what changed and reinstalls.
set -euo pipefail
cd "$(dirname "$0")"

die() {
    printf 'release.sh: error: %s\n' "$*" >&2
    exit 1
}

command -v cargo >/dev/null 2>&1 ||
    die "cargo (Rust) not found on PATH. Install Rust with https://rustup.rs, then open a new shell."

if [ -z "${PYTHON:-}" ]; then
    if [ -n "${VIRTUAL_ENV:-}" ] && [ -x "$VIRTUAL_ENV/bin/python" ]; then
        PYTHON="$VIRTUAL_ENV/bin/python"
    elif command -v python3 >/dev/null 2>&1; then
        PYTHON=python3
    elif command -v python >/dev/null 2>&1; then
        PYTHON=python
    else
        die "python3 not found on PATH. Install Python 3.9 or newer."
    fi
fi
command -v "$PYTHON" >/dev/null 2>&1 || die "PYTHON=$PYTHON is not an executable."
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 9))' 2>/dev/null ||
    die "$PYTHON is not Python 3.9 or newer."
"$PYTHON" -m pip --version >/dev/null 2>&1 ||
    die "$PYTHON has no pip. Create a virtual environment: python3 -m venv .venv && . .venv/bin/activate
    (Debian/Ubuntu: sudo apt install python3-venv first)."

prefix=$("$PYTHON" -c 'import sys; print(sys.prefix)')
echo "==> installing requirements.txt into $prefix"
"$PYTHON" -m pip install --disable-pip-version-check --quiet -r requirements.txt ||
    die "pip could not install requirements.txt into $prefix.
    If pip said 'externally-managed-environment', this Python belongs to the system: create a
    virtual environment and run release.sh inside it:
        python3 -m venv .venv && . .venv/bin/activate && ./release.sh"

echo "==> building the optimised extension (cargo release profile)"
wheels=$(mktemp -d)
trap 'rm -rf "$wheels"' EXIT
"$PYTHON" -m maturin build --release --interpreter "$PYTHON" --out "$wheels"

echo "==> installing the wheel"
"$PYTHON" -m pip install --disable-pip-version-check --quiet --force-reinstall --no-deps "$wheels"/*.whl

# A `maturin develop` build leaves an extension inside python/myrustlib; it would shadow the
# installed one for anyone who runs Python from python/. Remove it so only one build exists.
rm -f python/myrustlib/_myrustlib*.so python/myrustlib/_myrustlib*.pyd

# Import from outside the repository, so the check sees the installed package.
(cd / && "$PYTHON" -c 'import myrustlib; print("==> myrustlib", myrustlib.__version__, "installed at", myrustlib.__path__[0])')
