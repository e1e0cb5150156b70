"""The README: it names every command, and its quick-start commands and Python example run."""

from __future__ import annotations

import re
import shlex

import pytest

from kgraph.cli.commands import main

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, re.S)


def _cli_lines() -> list[str]:
    lines = []
    for block in _blocks("sh"):
        for line in block.splitlines():
            command = line.split("  #")[0].strip()
            if command.startswith("kgraph "):
                lines.append(command)
    return lines


def test_first_screen_has_exactly_the_two_setup_commands():
    first_screen = "\n".join(README.splitlines()[:30])
    commands = re.findall(r"^make (\w+)", first_screen, re.M)
    assert commands == ["demo", "test"]


@pytest.mark.parametrize("command", main.list_commands(None))
def test_readme_mentions_every_command(command):
    assert f"kgraph {command}" in README, f"document 'kgraph {command}' in README.md"


# examples that validate or release the whole graph again, or write a big graph: slow tests
_SLOW = ("--add", "release", "--dramas 8000")


_LINES = [pytest.param(cli, marks=[pytest.mark.slow] * any(s in cli for s in _SLOW)) for cli in _cli_lines()]


@pytest.mark.parametrize("line", _LINES)
def test_readme_cli_example_runs(runner, tmp_path, monkeypatch, line):
    monkeypatch.chdir(tmp_path)
    if "my-drama.ttl" in line:
        (tmp_path / "my-drama.ttl").write_text((ROOT / "tests/fixtures/valid/minimal.ttl").read_text())
    if "my-shapes.ttl" in line:
        (tmp_path / "my-shapes.ttl").write_text((ROOT / "ontology/shapes.ttl").read_text())
    if "my-query.rq" in line:
        (tmp_path / "my-query.rq").write_text((ROOT / "queries/confessions.rq").read_text())
    args = shlex.split(line)[1:]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output


@pytest.mark.validates_bundle
def test_readme_python_example_runs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "my-data").mkdir()
    (tmp_path / "my-data" / "mine.ttl").write_text((ROOT / "tests/fixtures/valid/minimal.ttl").read_text())
    (code,) = _blocks("python")
    exec(compile(code, "README.md", "exec"), {})  # noqa: S102 - the README's own example


def test_readme_analysis_matches_the_bundled_graph():
    import kgraph

    block = re.search(r"<!-- analyze costar: begin -->\n```text\n(.*?)```", README, re.S)
    assert block, "README.md lost its analysis block"
    expected = kgraph.analyze("costar").render() + "\n"
    assert block.group(1) == expected, "paste the output of `kgraph analyze costar` into README.md"


def test_readme_picture_exists():
    for path in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", README):
        assert (ROOT / path).is_file(), f"README.md shows {path}, which does not exist"
