"""The graph as a dataset: GRAPH patterns answer which page states a triple, on both engines."""

from __future__ import annotations

import pyoxigraph
import pytest

import kgraph
from kgraph.release.provenance import source_dataset
from kgraph.sparql.execute import query
from kgraph.sparql.lexer import reads_named_graphs
from kgraph.store.oxigraph import to_oxigraph
from kgraph.store.oxigraph.dataset import bundled_dataset
from kgraph.store.sources import UNSOURCED, dataset_of

ENGINES = ("rdflib", "oxigraph")
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


@pytest.fixture(scope="module")
def graph():
    return kgraph.load(engine="rdflib")


def _ground(quads) -> set:
    return {q for q in quads if not any(isinstance(term, pyoxigraph.BlankNode) for term in q)}


def _named_quads_of(dataset) -> set:
    """The quads of an rdflib dataset's named graphs, as Oxigraph terms."""
    default = dataset.default_graph.identifier
    return {
        tuple(map(to_oxigraph, (s, p, o, name)))
        for s, p, o, name in dataset.quads()
        if name is not None and name != default
    }


def test_the_named_graphs_are_the_same_on_both_engines(graph):
    oxigraph = {
        (q.subject, q.predicate, q.object, q.graph_name)
        for q in bundled_dataset()
        if not isinstance(q.graph_name, pyoxigraph.DefaultGraph)
    }
    rdflib = _named_quads_of(dataset_of(graph))
    assert len(oxigraph) == len(rdflib) > len(graph)  # triples stated by several pages are repeated
    assert _ground(oxigraph) == _ground(rdflib)


@pytest.mark.slow
def test_queries_see_the_release_trig_graphs(graph):
    release = _named_quads_of(source_dataset(kgraph.load(engine="rdflib", include_ontology=False)))
    seen = {(q.subject, q.predicate, q.object, q.graph_name) for q in bundled_dataset()}
    assert _ground(release) <= _ground(seen)


def test_the_default_graph_stays_the_whole_graph(graph):
    default = list(bundled_dataset().quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph()))
    assert len(default) == len(graph)


@pytest.mark.parametrize(
    "engine",
    [pytest.param("rdflib", marks=pytest.mark.slow), "oxigraph", pytest.param(None, marks=pytest.mark.slow)],
)
def test_a_graph_pattern_answers_on_every_engine(graph, engine):
    loaded = None if engine is None else kgraph.load(engine=engine)
    (count,) = query(COUNT, loaded).rows[0]
    assert int(count) == len(_named_quads_of(dataset_of(graph)))


def test_a_disputed_episode_sits_with_the_pages_that_give_it():
    scene = "kdr:descendants-of-the-sun.confession-1"
    text = f"SELECT ?episode ?source WHERE {{ GRAPH ?source {{ {scene} kd:episode ?episode }} }}"
    rows = query(text).records()
    by_episode: dict[int, set[str]] = {}
    for row in rows:
        by_episode.setdefault(int(row["episode"]), set()).add(row["source"])
    assert set(by_episode) == {8, 9}
    assert not by_episode[8] & by_episode[9]  # no page gives both numbers


def test_a_users_file_gets_a_graph_per_source_and_one_for_the_file(tmp_path):
    path = tmp_path / "mine.ttl"
    path.write_text(
        "@prefix dct: <http://purl.org/dc/terms/> .\n"
        "<http://e/scene> <http://e/episode> 3 ; dct:source <http://e/page> .\n"
        '<http://e/note> <http://e/says> "unsourced" .\n'
        '[] <http://e/says> "blank" .\n',
        encoding="utf-8",
    )
    text = 'SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER (STRSTARTS(STR(?s), "http://e/")) }'
    answers = {engine: set(query(text, kgraph.load([path], engine=engine)).rows) for engine in ENGINES}
    assert answers["rdflib"] == answers["oxigraph"]
    placed = {(str(row[1]), str(row[2])): str(row[0]) for row in answers["rdflib"]}
    assert placed[("http://e/scene", "http://e/episode")] == "http://e/page"
    assert placed[("http://e/scene", "http://purl.org/dc/terms/source")] == "http://e/page"
    assert placed[("http://e/note", "http://e/says")] == path.resolve().as_uri()
    blank = query('SELECT ?g WHERE { GRAPH ?g { ?s ?p "blank" } }', kgraph.load([path], engine="oxigraph"))
    assert [str(row[0]) for row in blank.rows] == [UNSOURCED]


def test_a_query_without_graph_patterns_builds_no_dataset(monkeypatch):
    import kgraph.store.oxigraph.dataset as dataset

    bundled_dataset()  # made once per process: make sure a later call would be the cached one
    monkeypatch.setattr(dataset, "bundled_dataset", lambda: pytest.fail("a dataset was built"))
    monkeypatch.setattr(dataset, "dataset_store", lambda *_: pytest.fail("a dataset was built"))
    assert query("confessions").rows
    assert query("SELECT * WHERE { ?s ?p ?o } LIMIT 1", kgraph.load(engine="oxigraph")).rows


@pytest.mark.parametrize(
    ("text", "reads"),
    [
        ("SELECT * { GRAPH ?g { ?s ?p ?o } }", True),
        ("select * { graph <http://e/g> { ?s ?p ?o } }", True),
        ("SELECT * FROM NAMED <http://e/g> { ?s ?p ?o }", True),
        ("SELECT * FROM <http://e/g> { ?s ?p ?o }", True),
        ("SELECT * { \\u0047RAPH ?g { ?s ?p ?o } }", True),  # a parser decodes escapes first
        ('SELECT * { ?s ?p "GRAPH" }', False),
        ("SELECT * { ?s <http://e/graph> ?o }", False),
        ("PREFIX e: <http://e/> SELECT * { ?s e:graph ?graph } # GRAPH", False),
        ("SELECT ?from { ?from ?p ?o }", False),
    ],
)
def test_only_queries_that_read_named_graphs_are_sent_to_the_dataset(text, reads):
    assert reads_named_graphs(text) is reads
