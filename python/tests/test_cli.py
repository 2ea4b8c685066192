"""The command line: `python -m myrustlib` and myrustlib.cli.main."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

import myrustlib
from myrustlib import reference
from myrustlib.cli import main

pytestmark = pytest.mark.smoke  # on every supported Python in CI


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
    err = capsys.readouterr().err
    assert err.count("\n") == 1  # one line, not argparse's usage block
    assert "--width" in err
    assert not (tmp_path / "x.png").exists()


def test_unwritable_path_is_one_line_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing" / "x.png"
    assert main(["render", str(missing)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert captured.err.startswith("myrustlib render: error:")
    assert str(missing) in captured.err


def test_too_large_for_png_is_one_line_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["render", str(tmp_path / "x.png"), "--width", str(2**31)]) == 1
    assert capsys.readouterr().err.startswith("myrustlib render: error:")


def test_help_works(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["render", "--help"])
    assert info.value.code == 0
    assert "--width" in capsys.readouterr().out


def test_tour_json_is_machine_readable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    png = tmp_path / "tour.png"
    assert main(["tour", "--size", "2_000", "--png", str(png), "--json"]) == 0
    captured = capsys.readouterr()
    document = json.loads(captured.out)
    assert document["size"] == 2_000
    assert {r["step"] for r in document["results"]} == {"generate", "count", "render"}
    assert png.exists()
    assert captured.err == ""  # progress is drawn on terminals only


@pytest.mark.parametrize("size", ["0", "-1", "ten"])
def test_tour_bad_size_is_one_line(capsys: pytest.CaptureFixture[str], size: str) -> None:
    with pytest.raises(SystemExit) as info:
        main(["tour", "--size", size])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "--size" in err


def test_tour_too_large_to_allocate_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["tour", "--size", str(2**62), "--png", str(tmp_path / "x.png")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("myrustlib tour: error:")
    assert err.count("\n") == 1


TEXT = "aa\né€€😀😀😀 bb\r\n\n"


@pytest.mark.parametrize("binary", [False, True])
def test_count_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str], binary: bool) -> None:
    path = tmp_path / "text.txt"
    path.write_bytes(TEXT.encode("utf-8"))
    assert main(["count", str(path), *(["--bytes"] if binary else [])]) == 0
    data = path.read_bytes()
    expected = reference.count_doubles(data if binary else data.decode("utf-8"))
    assert capsys.readouterr().out == f"{expected}\n"


@pytest.mark.parametrize("args", [["count"], ["count", "-"], ["count", "-", "--bytes"]])
def test_count_stdin(args: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "myrustlib", *args],
        input=TEXT.encode("utf-8"),
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    data = TEXT.encode("utf-8")
    expected = reference.count_doubles(data if "--bytes" in args else TEXT)
    assert result.stdout == f"{expected}\n".encode()


def test_count_non_utf8_is_one_line_suggesting_bytes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("aa caf\xe9 ee".encode("latin-1"))
    assert main(["count", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert "at byte 6 " in captured.err
    assert "--bytes" in captured.err
    assert main(["count", str(path), "--bytes"]) == 0
    assert capsys.readouterr().out == "2\n"


@pytest.mark.parametrize("name", ["missing.txt", "."])
def test_count_unreadable_path_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    assert main(["count", str(tmp_path / name)]) == 1
    captured = capsys.readouterr()
    assert captured.err.startswith("myrustlib count: error:")
    assert captured.err.count("\n") == 1
