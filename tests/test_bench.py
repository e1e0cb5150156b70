"""The benchmarks in bench/ run: the load test, the validators side by side, the everyday commands,
the network analysis."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .conftest import ROOT


@pytest.mark.slow
def test_sparql_load_benchmark_runs_without_errors(tmp_path):
    out = tmp_path / "numbers.json"
    command = [
        sys.executable,
        str(ROOT / "bench" / "sparql_load.py"),
        "--requests",
        "13",  # each of the 13 named queries once
        "--warm-up",
        "0",
        "--json",
        str(out),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    (ours, ours_numbers), (theirs, theirs_numbers) = json.loads(out.read_text()).items()
    assert ours.startswith("kgraph") and theirs == "rdflib-endpoint"
    assert ours_numbers["rows"] == theirs_numbers["rows"]  # the same answers, query by query
    for numbers in (ours_numbers, theirs_numbers):
        assert numbers["requests"] == 13 and numbers["errors"] == 0
    assert "| kgraph serve (Oxigraph) | 13 |" in result.stdout


@pytest.mark.slow
def test_validation_benchmark_compares_both_validators(tmp_path):
    out = tmp_path / "results.md"
    command = [sys.executable, str(ROOT / "bench" / "validation.py"), "--sizes", "2k", "--results", str(out)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    row = next(line for line in out.read_text().splitlines() if line.startswith("| 2k |"))
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert cells[2] == "8"  # one result for each kind of defect injected
    assert cells[5].endswith("x") and cells[8] == "both agree"


@pytest.mark.slow
def test_interactive_benchmark_times_each_command_against_its_floor(tmp_path):
    out = tmp_path / "results.md"
    command = [sys.executable, str(ROOT / "bench" / "interactive.py"), "--runs", "1", "--only", "stats"]
    result = subprocess.run([*command, "--results", str(out)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    row = next(line for line in out.read_text().splitlines() if line.startswith("| `kgraph stats` |"))
    ours, floor, ratio, target = (cell.strip() for cell in row.strip("|").split("|")[1:])
    assert ours.endswith(" s") and floor.endswith(" s") and float(ratio) > 0
    assert target.startswith("≤ 2: ")


@pytest.mark.slow
def test_analysis_benchmark_checks_exact_betweenness_against_networkx(tmp_path):
    out = tmp_path / "results.md"
    command = [sys.executable, str(ROOT / "bench" / "analysis.py"), "--sizes", "10k", "--sample", "20"]
    result = subprocess.run([*command, "--results", str(out)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    row = next(line for line in out.read_text().splitlines() if line.startswith("| 10k |"))
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert cells[6] == "exact, equal to nx-exact"  # every score checked against networkx's
    assert cells[10].endswith("s)") and cells[11].endswith("x")
