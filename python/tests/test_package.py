"""The package surface: version, exports, docstrings, stubs; and every public name under the
robustness tests."""

from __future__ import annotations

import ast
import inspect
import re
from importlib import resources
from pathlib import Path

import isolation
import pytest
from scripts import leaks, threads

import myrustlib
import myrustlib._myrustlib as compiled

REPO = Path(__file__).resolve().parents[2]
STUB = REPO / "python" / "myrustlib" / "_myrustlib.pyi"


def test_version_is_the_crate_version() -> None:
    cargo = (REPO / "Cargo.toml").read_text()
    package = cargo.split("[workspace.package]", 1)[1]
    version = re.search(r'^version = "([^"]+)"', package, flags=re.MULTILINE)
    assert version is not None
    assert myrustlib.__version__ == version.group(1)


def test_all_names_exist_and_are_documented() -> None:
    # Everything compiled, plus the pure-Python helpers built on it.
    assert sorted(myrustlib.__all__) == sorted(
        [*compiled.__all__, "COUNTERS", "count_doubles_stream"]
    )
    assert myrustlib.COUNTERS, "the count_doubles family"
    assert all(counter.__name__.startswith("count_doubles") for counter in myrustlib.COUNTERS)
    for name in myrustlib.__all__:
        value = getattr(myrustlib, name)
        if callable(value):
            assert inspect.getdoc(value), name
    assert inspect.getdoc(myrustlib)


def test_stub_docstrings_equal_the_runtime_docstrings() -> None:
    tree = ast.parse(STUB.read_text())
    defined = [node for node in tree.body if isinstance(node, (ast.FunctionDef, ast.ClassDef))]
    assert {d.name for d in defined} == {n for n in compiled.__all__ if n != "__version__"}
    for node in defined:
        runtime = getattr(compiled, node.name)
        assert ast.get_docstring(node) == inspect.getdoc(runtime), node.name
        if isinstance(node, ast.ClassDef):
            for member in node.body:
                if isinstance(member, ast.FunctionDef) and ast.get_docstring(member):
                    assert ast.get_docstring(member) == inspect.getdoc(
                        getattr(runtime, member.name)
                    ), f"{node.name}.{member.name}"
    assert ast.get_docstring(tree) == inspect.getdoc(compiled)


def test_public_methods_and_properties_are_documented() -> None:
    for cls in (myrustlib.Vec, myrustlib.Line, myrustlib.Sphere):
        for name, member in vars(cls).items():
            if not name.startswith("_"):
                assert inspect.getdoc(member), f"{cls.__name__}.{name}"


def test_package_is_typed() -> None:
    assert resources.files("myrustlib").joinpath("py.typed").is_file()
    assert resources.files("myrustlib").joinpath("_myrustlib.pyi").is_file()


def test_random_string_options_are_keyword_only() -> None:
    parameters = inspect.signature(myrustlib.random_string).parameters
    assert parameters["alphabet"].kind is inspect.Parameter.KEYWORD_ONLY
    assert parameters["alphabet"].default == "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    assert parameters["seed"].kind is inspect.Parameter.KEYWORD_ONLY


def test_every_public_name_is_attacked_threaded_and_leak_checked() -> None:
    """Every public name (COUNTERS is a tuple of public functions, each a name of its own) is
    the target of hostile cases, is called by the threads script and by the leaks script. Each
    case and task records what it targets, so a name added later and left out shows here."""
    public = set(myrustlib.__all__) - {"__version__", "COUNTERS"}
    assert public >= {counter.__name__ for counter in myrustlib.COUNTERS}
    covered = {
        "hostile cases (test_*_hostile.py)": isolation.all_targets(),
        "scripts/threads.py": threads.targets(),
        "scripts/leaks.py": leaks.targets(),
    }
    missing = {where: sorted(public - names) for where, names in covered.items() if public - names}
    assert not missing, f"public names left out of: {missing}"


def _group(groups: dict[str, list[object]], name: str) -> list[str]:
    """A PEP 735 dependency group with its `include-group`s expanded."""
    out: list[str] = []
    for item in groups[name]:
        out += _group(groups, item["include-group"]) if isinstance(item, dict) else [str(item)]
    return out


def test_requirements_txt_names_the_dev_group() -> None:
    """release.sh installs requirements.txt; pyproject.toml's `dev` group is the one list."""
    tomllib = pytest.importorskip("tomllib")
    groups = tomllib.loads((REPO / "pyproject.toml").read_text())["dependency-groups"]
    lines = (REPO / "requirements.txt").read_text().splitlines()
    listed = {line.split("#", 1)[0].strip() for line in lines} - {""}
    assert listed == set(_group(groups, "dev"))
