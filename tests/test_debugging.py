"""An error is one clean line; --traceback or KGRAPH_DEBUG=1 shows where it came from."""

from __future__ import annotations

import pytest

from kgraph.cli import main


def _broken(*_args, **_kwargs):
    raise RuntimeError("a bug")


@pytest.fixture
def broken_stats(monkeypatch):
    monkeypatch.setattr("kgraph.describe.stats.stats", _broken)


def test_an_internal_error_is_one_line_and_exit_2(runner, broken_stats, monkeypatch):
    monkeypatch.delenv("KGRAPH_DEBUG", raising=False)
    result = runner.invoke(main, ["stats"])
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0] == "Error: internal error (RuntimeError: a bug); please report it"
    assert "--traceback" in result.stderr


@pytest.mark.parametrize("how", ["option", "variable"])
def test_debugging_shows_the_traceback(runner, broken_stats, monkeypatch, how):
    if how == "variable":
        monkeypatch.setenv("KGRAPH_DEBUG", "1")
        args = ["stats"]
    else:
        monkeypatch.delenv("KGRAPH_DEBUG", raising=False)
        args = ["--traceback", "stats"]
    result = runner.invoke(main, args)
    assert result.exit_code == 2
    assert "Traceback (most recent call last)" in result.stderr and "RuntimeError: a bug" in result.stderr


def test_a_user_error_shows_its_traceback_only_when_asked(runner, monkeypatch):
    monkeypatch.delenv("KGRAPH_DEBUG", raising=False)
    plain = runner.invoke(main, ["show", "nothing-at-all"])
    assert plain.exit_code == 1 and "Traceback" not in plain.stderr
    traced = runner.invoke(main, ["--traceback", "show", "nothing-at-all"])
    assert traced.exit_code == 1 and "UnknownEntityError" in traced.stderr
