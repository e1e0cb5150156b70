"""networkx views: built from the graph, scalar attributes only, written and read back unchanged."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from networkx.utils import edges_equal, nodes_equal

import kgraph
from kgraph.networks import BUILDERS, write_graph

KDR = "https://w3id.org/kdrama-kg/resource/"


@pytest.fixture(scope="module", params=sorted(BUILDERS))
def built(request):
    return request.param, BUILDERS[request.param]()


def test_attributes_are_scalars(built):
    _, g = built
    for _, attrs in g.nodes(data=True):
        assert all(isinstance(v, str | int | float | bool) for v in attrs.values())
    for *_, attrs in g.edges(data=True):
        assert all(isinstance(v, str | int | float | bool) for v in attrs.values())


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json", "csv"])
def test_graph_files_are_written(built, tmp_path, fmt):
    name, g = built
    path = write_graph(g, tmp_path / f"{name}.{fmt}")
    assert path.stat().st_size > 0


def test_graphml_round_trip(built, tmp_path):
    name, g = built
    again = nx.read_graphml(write_graph(g, tmp_path / f"{name}.graphml"), force_multigraph=g.is_multigraph())
    assert nodes_equal(g.nodes(data=True), again.nodes(data=True))
    assert edges_equal(list(g.edges()), list(again.edges()))


def test_node_link_round_trip(built, tmp_path):
    name, g = built
    data = json.loads(write_graph(g, tmp_path / f"{name}.json").read_text(encoding="utf-8"))
    assert "edges" in data
    again = nx.node_link_graph(data, edges="edges")
    assert nodes_equal(g.nodes(data=True), again.nodes(data=True))
    assert edges_equal(g.edges(data=True), again.edges(data=True))


def test_costars_link_actors_of_one_drama():
    g = kgraph.costar_graph()
    assert g.edges[KDR + "hyun-bin", KDR + "son-ye-jin"] == {"weight": 1, "dramas": "Crash Landing on You"}
    assert not g.has_edge(KDR + "hyun-bin", KDR + "kim-tae-ri")


def test_confession_graph_has_one_edge_per_scene_and_direction():
    g = kgraph.confession_graph()
    edges = g.get_edge_data(
        KDR + "descendants-of-the-sun.kang-mo-yeon", KDR + "descendants-of-the-sun.yoo-shi-jin"
    )
    assert set(edges) == {
        "kdr:descendants-of-the-sun.confession-1",
        "kdr:descendants-of-the-sun.confession-2",
    }
    assert g.has_edge(KDR + "flower-of-evil.cha-ji-won", KDR + "flower-of-evil.do-hyun-soo")
    assert g.has_edge(KDR + "flower-of-evil.do-hyun-soo", KDR + "flower-of-evil.cha-ji-won")


def test_bipartite_graph_has_a_role_edge_per_casting_role(graph):
    g = kgraph.drama_actor_bipartite()
    assert {d["bipartite"] for _, d in g.nodes(data=True)} == {0, 1}
    roles = len(kgraph.query("SELECT ?r WHERE { ?r a kd:CastingRole }"))
    assert g.number_of_edges() == roles


def test_trope_graph_counts_scenes():
    g = kgraph.trope_graph()
    assert g.nodes[KDR + "trope.anguished-declaration-of-love"]["scenes"] == 2


def test_unknown_graph_format(tmp_path):
    from kgraph.errors import OutputError

    with pytest.raises(OutputError, match="unsupported graph format"):
        write_graph(kgraph.costar_graph(), tmp_path / "g.dot")
