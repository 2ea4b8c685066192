"""The docs are true: README.md, CONTRIBUTING.md and docs/design.md, checked against the code.

- The README's Python examples run and print what it shows, and its command-line examples run
  as written (in order, in one directory) and print what they promise.
- Every other command in a bash block of the three docs is checked for what it names: a make
  target that exists, a script that is there.
- The "Add your own function" snippets are the code as it stands, in the file each names.
- Every repository path the docs mention exists.
"""

from __future__ import annotations

import doctest
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
DOCS = [README, ROOT / "CONTRIBUTING.md", ROOT / "docs" / "design.md"]

MYRUSTLIB_COMMAND = re.compile(r"^(?:echo .*\| )?(?:python -m )?myrustlib\b")


def _bash_lines(path: Path) -> list[str]:
    lines = []
    for block in re.findall(r"```bash\n(.*?)```", path.read_text(), flags=re.DOTALL):
        lines += [line for line in block.splitlines() if line.strip()]
    return lines


def test_readme_python_examples() -> None:
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(), flags=re.DOTALL)
    examples = [block for block in blocks if ">>>" in block]
    assert examples, "the README should show Python examples"
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for number, block in enumerate(examples):
        runner.run(parser.get_doctest(block, {}, f"README example {number}", str(README), 0))
    assert runner.summarize(verbose=False).failed == 0


def test_readme_command_line_examples_run_as_written(tmp_path: Path) -> None:
    lines = [line for line in _bash_lines(README) if MYRUSTLIB_COMMAND.match(line)]
    assert any(line.startswith("python -m myrustlib count") for line in lines)
    assert any(re.match(r"python -m myrustlib +#", line) for line in lines), "the bare tour"
    # In order, in one directory: `count sphere.png` needs the `render` before it.
    for line in lines:
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


def _make_targets() -> set[str]:
    makefile = (ROOT / "Makefile").read_text()
    return set(re.findall(r"^([a-z][a-z-]*):", makefile, flags=re.MULTILINE))


@pytest.mark.parametrize("doc", DOCS, ids=lambda path: path.name)
def test_every_other_command_names_what_exists(doc: Path) -> None:
    targets = _make_targets()
    for line in _bash_lines(doc):
        command = line.split("#", 1)[0].strip()
        if MYRUSTLIB_COMMAND.match(command):
            continue  # run by the test above (README) or below
        for part in re.split(r"\s*&&\s*", command):
            words = [word for word in part.split() if "=" not in word]  # drop VAR=value
            if MYRUSTLIB_COMMAND.match(part):
                continue
            if words[:1] == ["make"]:
                assert words[1] in targets, f"{doc.name}: no make target {words[1]!r}: {line}"
            elif words[0].startswith("./"):
                assert (ROOT / words[0]).is_file(), f"{doc.name}: no {words[0]}: {line}"
            elif words[:3] == ["python3", "-m", "venv"] or words[:1] == ["."]:
                continue  # making and activating a virtual environment
            elif words[:1] == ["pytest"]:
                assert all((ROOT / word).is_file() for word in words[1:]), line
            elif words[:3] == ["python", "-m", "build"]:
                continue  # .ci/packaging runs it on every change
            else:
                pytest.fail(f"{doc.name}: a command this test does not know: {line}")


def test_add_your_own_function_snippets_are_the_code() -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text()
    section = text[text.index("\n## Add your own function\n") :]
    section = section[: section.find("\n## ", 1)]
    snippets = re.findall(r"(`{3,})(?:rs|python)\n(.*?)\n\1\n", section, flags=re.DOTALL)
    assert len(snippets) >= 6
    for _, snippet in snippets:
        label, _, body = snippet.partition("\n")
        path = ROOT / label.removeprefix("// ").removeprefix("# ")
        assert path.is_file(), f"the snippet's first line should name a file: {label!r}"
        assert body + "\n" in path.read_text(), f"this snippet is not in {path}:\n{body}"


REPOSITORY_URL = re.compile(
    r"https://(?:github\.com/myrustlib/myrustlib/blob|raw\.githubusercontent\.com/myrustlib/"
    r"myrustlib)/main/([^)\s]+)"
)


def test_readme_links_are_absolute_and_resolve() -> None:
    """The README is also the package's page on an index, where relative links break: every
    link into the repository is an absolute URL, and names a file that exists."""
    text = README.read_text()
    linked = REPOSITORY_URL.findall(text)
    assert linked, "the README should link to the docs in the repository"
    for path in linked:
        assert (ROOT / path).is_file(), f"the README links to {path}, which does not exist"
    relative = re.findall(r"\]\((?!https?://|#)([^)]+)\)", text)
    assert relative == [], f"relative links break on a package index: {relative}"


PATH = re.compile(
    r"(?<![\w./<>-])((?:crates|python|benches|docs|fuzz|\.ci)/[\w./-]*\w|[\w-]+\.(?:md|toml|sh|py)\b)"
)


@pytest.mark.parametrize("doc", DOCS, ids=lambda path: path.name)
def test_every_path_the_docs_mention_exists(doc: Path) -> None:
    text = doc.read_text()
    paths = set(PATH.findall(text))
    assert paths
    relative = ROOT if doc.parent == ROOT else doc.parent
    for path in sorted(paths):
        if "*" in path or f"{path}/<" in text:
            continue  # a pattern, or a place named by its form (fuzz/regressions/<target>/)
        found = (ROOT / path).exists() or (relative / path).exists()
        found = found or any(ROOT.glob(f"**/{path}"))  # a file named in a layout tree
        assert found, f"{doc.name} mentions {path}, which does not exist"
