"""Betweenness that fits a time budget: exact where it says exact, sampled (and saying so) above."""

from __future__ import annotations

import importlib.util
import json

import networkx as nx
import pytest
from click.testing import CliRunner

import kgraph
from kgraph.cli.commands import main
from kgraph.networks.analysis import analyze_graph
from kgraph.networks.centrality import SOURCES, betweenness

NO_IGRAPH = importlib.util.find_spec("igraph") is None
BACKENDS = ["networkx", pytest.param("igraph", marks=pytest.mark.skipif(NO_IGRAPH, reason="no igraph"))]


def _random_graphs():
    yield "gnm-40-90", nx.gnm_random_graph(40, 90, seed=1)
    yield "gnp-60-sparse", nx.gnp_random_graph(60, 0.05, seed=2)  # several components
    yield "barabasi-80", nx.barabasi_albert_graph(80, 2, seed=3)
    g = nx.relabel_nodes(nx.gnm_random_graph(30, 45, seed=4), lambda n: f"n{n}")
    g.add_node("alone")
    yield "labelled-with-isolate", g


RANDOM_GRAPHS = dict(_random_graphs())


def _assert_same(ours, theirs):
    assert ours.keys() == theirs.keys()
    for node, score in theirs.items():
        assert ours[node] == pytest.approx(score, abs=1e-9), node


def test_exact_betweenness_of_the_bundled_costar_graph_is_networkx_s():
    g = kgraph.costar_graph()
    expected = nx.betweenness_centrality(g)  # once: it takes seconds
    for backend in ["networkx"] if NO_IGRAPH else ["igraph"]:
        found = betweenness(g, backend=backend)
        assert found.method == "exact" and g.number_of_nodes() <= SOURCES
        _assert_same(found.scores, expected)


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("name", RANDOM_GRAPHS)
def test_exact_betweenness_of_random_graphs_is_networkx_s(name, backend):
    g = RANDOM_GRAPHS[name]
    found = betweenness(g, sources=len(g), backend=backend)
    assert found.sources is None
    _assert_same(found.scores, nx.betweenness_centrality(g))


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("name", RANDOM_GRAPHS)
def test_sampled_betweenness_is_networkx_s_with_the_same_seed(name, backend):
    g = RANDOM_GRAPHS[name]
    found = betweenness(g, sources=12, seed=7, backend=backend)
    assert (found.sources, found.seed) == (12, 7)
    assert found.method == "sampled from 12 sources, seed 7"
    _assert_same(found.scores, nx.betweenness_centrality(g, k=12, seed=7))


def test_sampled_betweenness_is_repeatable_and_depends_on_the_seed():
    g = RANDOM_GRAPHS["barabasi-80"]
    assert betweenness(g, sources=10).scores == betweenness(g, sources=10).scores
    assert betweenness(g, sources=10, seed=1).scores != betweenness(g, sources=10, seed=2).scores


def test_too_few_sources_is_refused():
    with pytest.raises(ValueError, match="at least two sources"):
        betweenness(nx.path_graph(4), sources=1)


def test_a_sampled_analysis_says_so_in_text_and_json():
    g = kgraph.costar_graph()
    report = analyze_graph(g, "costar", sources=100)
    assert report.betweenness_method == "sampled from 100 sources, seed 42"
    assert "(share of shortest paths through; sampled from 100 sources, seed 42):" in report.render()
    assert json.loads(json.dumps(report.as_dict()))["betweenness_method"] == report.betweenness_method
    assert analyze_graph(g, "costar", sources=100) == report  # the seed makes it repeatable


def test_the_bundled_analysis_is_exact_and_says_nothing_of_sampling():
    report = kgraph.analyze("costar")
    assert report.betweenness_method == "exact"
    assert "sampled" not in report.render()


def test_analyze_json_states_the_betweenness_method():
    result = CliRunner().invoke(main, ["analyze", "costar", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["betweenness_method"] == "exact"
