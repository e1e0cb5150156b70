"""The store on graphs of three triples: loading, engines, the Oxigraph adapter, read-only graphs."""

from __future__ import annotations

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from kgraph.errors import DataError, ReadOnlyGraphError
from kgraph.store.graph import KnowledgeGraph
from kgraph.store.loading import load
from kgraph.store.oxigraph import (
    OxigraphStore,
    from_oxigraph,
    oxigraph_store,
    store_of,
    subject_objects,
    to_native,
    to_oxigraph,
)

E = "http://example.com/"
S, P, OBJ = URIRef(E + "s"), URIRef(E + "p"), URIRef(E + "o")
TRIPLES = [
    (S, P, OBJ),
    (S, P, Literal("text", lang="en")),
    (OBJ, P, Literal("7", datatype=XSD.integer)),
]


@pytest.fixture(params=["rdflib", "oxigraph"])
def small(request):
    graph = KnowledgeGraph(request.param)
    for triple in TRIPLES:
        graph.add(triple)
    return graph


def test_both_engines_hold_the_same_three_triples(small):
    assert len(small) == 3
    assert set(small) == set(TRIPLES)
    assert set(small.objects(S, P)) == {OBJ, Literal("text", lang="en")}
    assert (OBJ, P, Literal(7)) in small


@pytest.mark.parametrize(
    "term",
    [S, BNode("b1"), Literal("plain"), Literal("tagged", lang="ko"), Literal("1.50", datatype=XSD.decimal)],
    ids=lambda t: t.n3(),
)
def test_terms_go_to_oxigraph_and_back_unchanged(term):
    assert from_oxigraph(to_oxigraph(term)) == term


def test_a_simple_literal_comes_back_without_xsd_string():
    assert from_oxigraph(to_oxigraph(Literal("a", datatype=XSD.string))) == Literal("a")


def test_the_adapter_is_asked_which_engine_a_graph_is_on(small):
    assert (store_of(small) is not None) == (small.engine == "oxigraph")
    assert store_of(Graph()) is None


def test_subject_objects_read_natively_then_converted(small):
    pairs = set(subject_objects(small, P))
    assert pairs == {(s, o) for s, _, o in TRIPLES}
    native = dict(subject_objects(small, P, native=True))
    assert to_native(small, OBJ) in native


def test_a_graph_is_copied_into_a_store_to_validate_in():
    graph = Graph()
    for triple in TRIPLES:
        graph.add(triple)
    store, name = oxigraph_store(graph)
    assert len(store) == 3 and name is None


def test_removing_from_the_oxigraph_store_removes_exactly_the_pattern():
    graph = KnowledgeGraph("oxigraph")
    for triple in TRIPLES:
        graph.add(triple)
    graph.remove((S, None, None))
    assert set(graph) == {TRIPLES[2]}
    assert isinstance(graph.store, OxigraphStore)


CHANGES = {
    "add": lambda g: g.add((S, P, OBJ)),
    "addN": lambda g: g.addN([(S, P, OBJ, g)]),
    "remove": lambda g: g.remove((S, P, OBJ)),
    "+=": lambda g: g.__iadd__([(S, P, OBJ)]),
    "-=": lambda g: g.__isub__([(S, P, OBJ)]),
    "parse": lambda g: g.parse(data="<http://example.com/s> <http://example.com/p> 1 .", format="turtle"),
    "update": lambda g: g.update("INSERT DATA { <http://example.com/s> <http://example.com/p> 1 }"),
    "set": lambda g: g.set((S, P, OBJ)),
}


@pytest.mark.parametrize("change", CHANGES, ids=str)
def test_a_frozen_graph_refuses_every_change(small, change):
    small.freeze()
    with pytest.raises(ReadOnlyGraphError, match=r"read-only: call \.copy\(\)"):
        CHANGES[change](small)
    assert set(small) == set(TRIPLES)


def test_a_copy_of_a_frozen_graph_can_change(small):
    copy = small.freeze().copy()
    copy.add((OBJ, P, S))
    assert len(copy) == 4 and len(small) == 3


def test_a_file_that_is_not_rdf_is_refused_with_its_line(tmp_path):
    path = tmp_path / "bad.ttl"
    path.write_text(
        "<http://e/s> <http://e/p> <http://e/o> .\n<http://e/s> <http://e/p> .\n", encoding="utf-8"
    )
    with pytest.raises(DataError, match=r"bad\.ttl:2: not valid RDF"):
        load([path], include_ontology=False, strict=True)


def test_a_users_file_is_loaded_and_knows_where_each_subject_is(tmp_path):
    path = tmp_path / "small.ttl"
    path.write_text(
        "@prefix e: <http://example.com/> .\n\ne:s e:p e:o .\n<http://example.com/o> e:p 7 .\n",
        encoding="utf-8",
    )
    for engine in ("rdflib", "oxigraph"):
        graph = load([path], include_ontology=False, engine=engine)
        assert len(graph) == 2 and graph.engine == engine
        assert graph.origin(OBJ) == (path, 4)


def test_an_object_written_first_on_its_line_is_not_taken_for_a_subject(tmp_path):
    from kgraph.store import origins

    kdr = "https://w3id.org/kdrama-kg/resource/"
    head = f"@prefix kdr: <{kdr}> .\n"
    first, second = tmp_path / "a.ttl", tmp_path / "b.ttl"
    first.write_text(head + "kdr:s kdr:p\n    kdr:o ,\n    kdr:x ;\n  kdr:q\n    kdr:o .\n", encoding="utf-8")
    second.write_text(head + "\nkdr:o\n    kdr:p 7 .\n", encoding="utf-8")
    files = (first, second)
    assert origins.iri_origin(files, kdr + "o") == (second, 3)
    origins.find_iri_origins(files, [f"{kdr}n{i}" for i in range(20)] + [kdr + "x", kdr + "s"])
    assert origins.iri_origin(files, kdr + "s") == (first, 2)  # found in the one pass
    assert origins.iri_origin(files, kdr + "x") is None  # an object only, never a subject
    again = (first, second, tmp_path / "empty.ttl")  # other files: nothing remembered for them yet
    (tmp_path / "empty.ttl").write_text("", encoding="utf-8")
    origins.find_iri_origins(again, [f"{kdr}n{i}" for i in range(20)] + [kdr + "o"])
    assert origins.iri_origin(again, kdr + "o") == (second, 3)  # the one pass skips objects too
