"""The README's Python examples run and print what it says."""

from __future__ import annotations

import doctest
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"


def test_readme_python_examples() -> None:
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(), flags=re.DOTALL)
    examples = [block for block in blocks if ">>>" in block]
    assert examples, "the README should show Python examples"
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for number, block in enumerate(examples):
        runner.run(parser.get_doctest(block, {}, f"README example {number}", str(README), 0))
    assert runner.summarize(verbose=False).failed == 0


def _section(title: str) -> str:
    text = README.read_text()
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start:end]


COMMAND = re.compile(r"^(?:echo .*\| )?(?:python -m )?myrustlib\b")


def _command_lines() -> list[str]:
    lines = []
    for block in re.findall(r"```bash\n(.*?)```", README.read_text(), flags=re.DOTALL):
        lines += [line for line in block.splitlines() if COMMAND.match(line)]
    return lines


def test_readme_shows_command_line_examples() -> None:
    lines = _command_lines()
    assert any(line.startswith("python -m myrustlib count") for line in lines)
    assert any(re.match(r"python -m myrustlib +#", line) for line in lines), "the bare tour"


def test_readme_command_line_examples_run_as_written(tmp_path: Path) -> None:
    # In order, in one directory: `count sphere.png` needs the `render` before it.
    for line in _command_lines():
        if line.startswith("myrustlib "):
            line = "python -m " + line  # the console script is the same entry point
        result = subprocess.run(
            ["bash", "-c", line],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert result.returncode == 0, f"{line}\n{result.stderr}"
        promised = re.search(r"# .*prints (\S+)$", line)
        if promised:
            assert result.stdout.strip() == promised.group(1), line


def test_add_your_own_function_snippets_are_the_code() -> None:
    section = _section("Add your own function")
    snippets = re.findall(r"(`{3,})(?:rs|python)\n(.*?)\n\1\n", section, flags=re.DOTALL)
    assert len(snippets) >= 7
    for _, snippet in snippets:
        label, _, body = snippet.partition("\n")
        path = ROOT / label.removeprefix("// ").removeprefix("# ")
        assert path.is_file(), f"the snippet's first line should name a file: {label!r}"
        assert body + "\n" in path.read_text(), f"this snippet is not in {path}:\n{body}"
