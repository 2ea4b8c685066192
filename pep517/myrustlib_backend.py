"""myrustlib's PEP 517 build backend: maturin's, building wheels with the platform tag that
pyproject.toml's `[tool.maturin] compatibility` asks for.

maturin's own PEP 517 hook builds every wheel with `--compatibility off`, a plain
`linux_x86_64` tag that no package index accepts, unless the frontend passes other arguments
(`MATURIN_PEP517_ARGS`, or `-C maturin.build-args=...`). `pip install .` and `python -m build`
pass none, so this thin wrapper adds `--compatibility <setting>` when the caller gave no
compatibility of their own; everything else is maturin's, unchanged.
"""

from __future__ import annotations

import os
import shlex
from collections.abc import Mapping
from typing import Any

import maturin
from maturin import (  # noqa: F401  (the hooks this backend takes from maturin unchanged)
    build_editable,
    build_sdist,
    get_requires_for_build_editable,
    get_requires_for_build_sdist,
    get_requires_for_build_wheel,
    prepare_metadata_for_build_wheel,
)


def _with_compatibility(config_settings: Mapping[str, Any] | None) -> dict[str, Any]:
    settings = dict(config_settings or {})
    given = settings.get("maturin.build-args", settings.get("build-args"))
    if given is None:
        args = shlex.split(os.environ.get("MATURIN_PEP517_ARGS", ""))
    elif isinstance(given, str):
        args = shlex.split(given)
    else:
        args = list(given)
    compatibility = maturin.get_config().get("compatibility")
    if compatibility and "--compatibility" not in args and "--manylinux" not in args:
        args += ["--compatibility", str(compatibility)]
    settings.pop("build-args", None)
    settings["maturin.build-args"] = args
    return settings


def build_wheel(
    wheel_directory: str,
    config_settings: Mapping[str, Any] | None = None,
    metadata_directory: str | None = None,
) -> str:
    """maturin's build_wheel, with the configured platform tag (see the module docstring)."""
    return str(
        maturin.build_wheel(
            wheel_directory, _with_compatibility(config_settings), metadata_directory
        )
    )
