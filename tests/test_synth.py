"""Synthetic graphs: the bundled graph's shape, conforming to the shapes, repeatable, and benchmarked."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from collections import Counter

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

import kgraph
from kgraph.cli.commands import main
from kgraph.synth.defects import DEFECTS
from kgraph.synth.generate import synthetic_graph, synthetic_ntriples

from .conftest import ROOT


@pytest.mark.slow
def test_a_synthetic_graph_conforms_to_the_shapes():
    report = kgraph.validate(synthetic_graph(15, seed=7))
    assert report.conforms, [r.message for r in report.results][:5]
    assert not report.results


def test_the_same_seed_gives_the_same_graph():
    assert list(synthetic_ntriples(5, seed=2)) == list(synthetic_ntriples(5, seed=2))
    assert list(synthetic_ntriples(5, seed=2)) != list(synthetic_ntriples(5, seed=3))


def test_actors_are_reused_across_dramas():
    g = kgraph.costar_graph(synthetic_graph(200, seed=1))
    busiest = max(d for _, d in g.nodes(data="dramas"))
    assert busiest > 5
    assert g.number_of_nodes() < 200 * 8


@pytest.mark.slow
def test_the_costar_benchmark_runs_and_both_builders_agree():
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "costar_build.py"), "--dramas", "20", "--runs", "1"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "(both agree)" in result.stdout
    assert "ratio naive / kgraph:" in result.stdout


def test_without_defects_the_output_of_a_seed_is_unchanged():
    # the hash of the lines before defects could be asked for: benchmarks stay comparable
    text = "\n".join(synthetic_ntriples(3, seed=1)).encode()
    assert hashlib.sha256(text).hexdigest() == (
        "ec6bbbdb8438bdd18ca2196e92a6be0db9d5e8090f3b83d19bc3967dd798ae2f"
    )


def test_defects_change_only_the_dramas_they_are_injected_in():
    clean = set(synthetic_ntriples(30, seed=4))
    broken = set(synthetic_ntriples(30, seed=4, defects={kind: 1 for kind in DEFECTS}))
    subjects = {line.split(" ", 1)[0] for line in clean ^ broken}
    dramas = {re.search(r"synthetic-drama-(\d+)", s).group(1) for s in subjects}
    assert len(dramas) == len(DEFECTS)


@pytest.mark.slow
def test_kgraph_validate_reports_exactly_the_injected_defects(runner, tmp_path):
    counts = {kind: 1 + index % 2 for index, kind in enumerate(DEFECTS)}
    path = tmp_path / "broken.nt"
    args = ["synth", "--dramas", str(sum(counts.values()) + 2), "--seed", "5", "-o", str(path)]
    for kind, count in counts.items():
        args += ["--defects", f"{kind}={count}"]
    made = runner.invoke(main, args)
    assert made.exit_code == 0, made.output
    result = runner.invoke(main, ["validate", "--data", str(path), "--format", "json"])
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    found = Counter((r["rule"], r["severity"]) for r in report["results"])
    assert found == Counter({(DEFECTS[k].rule, DEFECTS[k].severity): n for k, n in counts.items()})
    assert all(r["file"].endswith("broken.nt") for r in report["results"])


def test_synth_writes_turtle_from_the_suffix(runner, tmp_path):
    path = tmp_path / "small.ttl"
    result = runner.invoke(main, ["synth", "--dramas", "2", "-o", str(path)])
    assert result.exit_code == 0, result.output
    turtle = Graph().parse(path, format="turtle")
    assert isomorphic(turtle, synthetic_graph(2, seed=0))


@pytest.mark.parametrize(
    ("defect", "error"),
    [
        ("no-such-kind=1", "no defect kind 'no-such-kind'"),
        ("no-korean-title", "write a defect as KIND=COUNT"),
        ("no-korean-title=9", "9 defects need as many dramas"),
    ],
)
def test_synth_refuses_defects_it_cannot_inject(runner, tmp_path, defect, error):
    path = tmp_path / "g.nt"
    result = runner.invoke(main, ["synth", "--dramas", "3", "-o", str(path), "--defects", defect])
    assert result.exit_code == 1
    assert error in result.stderr
    assert "Traceback" not in result.output
    assert not path.exists()
