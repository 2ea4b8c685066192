"""The command line: `python -m myrustlib` and myrustlib.cli.main."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

import myrustlib
from myrustlib.cli import main


def test_render_writes_the_png(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "sphere.png"
    assert main(["render", str(path), "--width", "40", "--height", "30"]) == 0
    with Image.open(path) as image:
        assert image.size == (40, 30)
        assert image.tobytes() == myrustlib.render(40, 30)
    assert "sphere.png" in capsys.readouterr().out


def test_python_dash_m_renders_the_default_frame(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "myrustlib", "render", "sphere.png"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    with Image.open(tmp_path / "sphere.png") as image:
        assert image.size == (800, 600)
        assert image.tobytes() == myrustlib.render()


@pytest.mark.parametrize("size", ["0", "-3", "abc", "1.5"])
def test_bad_sizes_are_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], size: str
) -> None:
    with pytest.raises(SystemExit) as info:
        main(["render", str(tmp_path / "x.png"), "--width", size])
    assert info.value.code == 2
    assert "--width" in capsys.readouterr().err
    assert not (tmp_path / "x.png").exists()


def test_unwritable_path_is_one_line_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing" / "x.png"
    assert main(["render", str(missing)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert captured.err.startswith("myrustlib: error:")
    assert str(missing) in captured.err


def test_too_large_for_png_is_one_line_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["render", str(tmp_path / "x.png"), "--width", str(2**31)]) == 1
    assert capsys.readouterr().err.startswith("myrustlib: error:")


def test_a_command_is_required_and_help_works(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main([])
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        main(["render", "--help"])
    assert info.value.code == 0
    assert "--width" in capsys.readouterr().out
