"""Synthetic graphs: the bundled graph's shape, conforming to the shapes, repeatable, and benchmarked."""

from __future__ import annotations

import subprocess
import sys

import pytest

import kgraph
from kgraph.synth import synthetic_graph, synthetic_ntriples

from .conftest import ROOT


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
