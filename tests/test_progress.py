"""Progress: shown on a terminal's stderr, never in captured or piped output."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kgraph.cli.commands import main
from kgraph.synth.write import write_synthetic

PROGRESS_WORDS = ("parsing", "validating", "quality checks", "building the", "\x1b[")


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    path = tmp_path_factory.mktemp("progress") / "small.nt"
    write_synthetic(path, 3, seed=1)
    return path


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "--format", "json"],
        ["graph", "costar", "--format", "json"],
        ["query", "costar-pairs", "--format", "csv"],
        ["stats"],
    ],
    ids=lambda a: a[0],
)
def test_captured_output_has_no_progress(runner, synthetic, args):
    result = runner.invoke(main, [*args, "--data", str(synthetic)])
    assert result.exit_code == 0, result.output
    for word in PROGRESS_WORDS:
        assert word not in result.stdout
        assert word not in result.stderr


def test_a_terminal_shows_progress_on_stderr(synthetic):
    kgraph = Path(sys.executable).parent / "kgraph"
    leader, follower = os.openpty()
    with open(leader, "rb", buffering=0) as terminal:
        done = subprocess.run(
            [str(kgraph), "validate", "--data", str(synthetic), "--format", "json"],
            stdout=subprocess.PIPE,
            stderr=follower,
            env={**os.environ, "COLUMNS": "100", "TERM": "xterm"},
            check=False,
        )
        os.close(follower)
        shown = b""
        try:
            while chunk := terminal.read(65536):
                shown += chunk
        except OSError:  # the terminal closes when the command is done
            pass
    assert done.returncode == 0
    assert b"validating" in shown or b"parsing" in shown
    for word in PROGRESS_WORDS:  # stdout was a pipe: the JSON report only
        assert word.encode() not in done.stdout
