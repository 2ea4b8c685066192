#!/usr/bin/env bash
# Build myrustlib's optimised extension and install it, with requirements.txt (the development
# and benchmark tools), into the active Python environment (the virtualenv if one is active, else
# the python3 on PATH; override with PYTHON=/path/to/python). Safe to run again: it rebuilds what
# changed and reinstalls. It refuses to replace an editable install (make dev, pip install -e .)
# unless given --replace-editable.
set -euo pipefail
cd "$(dirname "$0")"

replace_editable=no
for arg in "$@"; do
    case "$arg" in
    --replace-editable) replace_editable=yes ;;
    -h | --help)
        sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    *)
        printf 'release.sh: error: unknown argument %s (known: --replace-editable)\n' "$arg" >&2
        exit 2
        ;;
    esac
done

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

# An editable install (make dev) runs the sources in python/; replacing it silently would leave
# someone testing a build they did not make.
editable=$("$PYTHON" - <<'PY'
import importlib.metadata as metadata, json
try:
    url = metadata.distribution("myrustlib").read_text("direct_url.json") or "{}"
except metadata.PackageNotFoundError:
    url = "{}"
print("yes" if json.loads(url).get("dir_info", {}).get("editable") else "no")
PY
)
if [ "$editable" = yes ] && [ "$replace_editable" = no ]; then
    die "myrustlib is installed in editable mode in $prefix (make dev or pip install -e .).
    release.sh would replace it with an optimised wheel. Rerun as ./release.sh --replace-editable
    to do that, or keep using make dev (and make test) for the quick build."
fi
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
