"""What goes in comes out: files exported in every format give back every term as written.

Compared exactly, term by term, with Oxigraph's parser on both sides (rdflib's would rewrite
``"01"^^xsd:integer`` as ``"1"`` while reading the answer). That parser reads language tags in
lower case, as RDF 1.1 allows (tags compare case-insensitively). Blank nodes get new labels, so
triples with blank nodes are compared by their number and shape.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef

import kgraph
from kgraph.cli.commands import main
from kgraph.formats import EXPORT_FORMATS
from kgraph.release.export import export_files, serialize
from kgraph.store.loading import source_files
from kgraph.store.oxigraph.terms import ox
from kgraph.store.oxigraph.writing import read_files

XSD = "http://www.w3.org/2001/XMLSchema#"
PARSE = {"nt": "N_TRIPLES", "turtle": "TURTLE", "xml": "RDF_XML", "trig": "TRIG", "json-ld": "JSON_LD"}

WRITTEN = """@prefix : <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@base <http://example.org/a/b/> .
:s :n 1, 1.0, 1.000000000, "01"^^xsd:integer, +1, -0, 1E0, 1.5e-3, "007"^^xsd:int, "5"^^xsd:int,
      "-3"^^xsd:byte, "12"^^xsd:nonNegativeInteger, "1.50"^^xsd:decimal, "INF"^^xsd:double ;
   :t "x"@EN-gb, "y"@ko-KR, "z"@en, "tab\\there", "quote \\" and \\\\", "Kim Tae-ri"@en, "김태리"@ko ;
   :d "2020-12-16"^^xsd:date, "2020-02-30"^^xsd:date, "sixteen"^^xsd:integer, true, "1"^^xsd:boolean ;
   :i <../c/./d>, <e/../f>, <g#h>, <urn:isbn:123> ;
   :b [ :r "in a blank node" ; :s [ :t 1 ] ], ( 1 "two" <x> ) .
"""


def _shape(triples) -> tuple[set[str], list[str]]:
    """Ground triples as text, and the triples with blank nodes with their labels taken out."""
    ground, blank = set(), []
    for triple in dict.fromkeys(triples):  # a graph is a set: a triple written twice is one
        text = str(triple)
        if "_:" in text:
            blank.append(re.sub(r"_:\w+", "_:", text))
        else:
            ground.add(text)
    return ground, sorted(blank)


def _read_back(data: bytes, fmt: str) -> list:
    found = ox().parse(data, format=getattr(ox().RdfFormat, PARSE[fmt]), base_iri="http://unused.example/")
    return [q.triple if hasattr(q, "triple") else q for q in found]


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_kgraph_export_gives_back_every_term_as_written(runner, tmp_path, engine, fmt):
    path = tmp_path / "written.ttl"
    path.write_text(WRITTEN, encoding="utf-8")
    result = runner.invoke(main, ["export", "--data", str(path), "--engine", engine, "--format", fmt])
    assert result.exit_code == 0, result.output
    expected = _shape(t for _, t in read_files(source_files([path])))
    assert _shape(_read_back(result.stdout_bytes, fmt)) == expected
    assert '"01"^^<http://www.w3.org/2001/XMLSchema#integer>' in {str(t.object) for t in _read_back(
        result.stdout_bytes, fmt)}  # fmt: skip


_LITERALS = st.one_of(
    st.integers(-(10**20), 10**20).map(lambda n: (str(n), XSD + "integer")),
    st.sampled_from(["01", "+1", "-0", "007"]).map(lambda t: (t, XSD + "integer")),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(lambda d: (str(d), XSD + "decimal")),
    st.sampled_from(["1E0", "1.5e-3", "INF", "-0.0E1"]).map(lambda t: (t, XSD + "double")),
    st.sampled_from(["5", "007", "-3"]).map(lambda t: (t, XSD + "int")),
    # any text XML 1.0 can hold (RDF/XML cannot carry other control characters)
    st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")) | st.sampled_from("\t\n"),
        max_size=12,
    ).map(lambda t: (t, XSD + "string")),
    st.tuples(st.text(alphabet="abcxyz ", max_size=6), st.sampled_from(["en", "EN-GB", "ko", "ko-KR"])),
)


@st.composite
def _graphs(draw: st.DrawFn) -> list:
    library = ox()
    nodes = [library.NamedNode(f"http://example.org/n{i}") for i in range(4)]
    blanks = [library.BlankNode(f"x{i}") for i in range(2)]
    triples = []
    for _ in range(draw(st.integers(1, 12))):
        subject = draw(st.sampled_from(nodes + blanks))
        predicate = draw(st.sampled_from(nodes))
        kind = draw(st.integers(0, 3))
        if kind == 0:
            obj = draw(st.sampled_from(nodes + blanks))
        else:
            text, tag = draw(_LITERALS)
            if tag.startswith("http"):
                obj = library.Literal(text, datatype=library.NamedNode(tag))
            else:
                obj = library.Literal(text, language=tag)
        triples.append(library.Triple(subject, predicate, obj))
    return triples


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(triples=_graphs())
def test_generated_graphs_come_back_whole_in_every_format(tmp_path_factory, triples):
    path = tmp_path_factory.mktemp("graph") / "generated.nt"
    path.write_bytes(ox().serialize(triples, format=ox().RdfFormat.N_TRIPLES))
    expected = _shape(t for _, t in read_files([path]))
    in_rdflib = kgraph.load([path], include_ontology=False, engine="rdflib")
    in_oxigraph = kgraph.load([path], include_ontology=False, engine="oxigraph")
    for fmt in EXPORT_FORMATS:
        assert _shape(_read_back(export_files([path], fmt), fmt)) == expected, fmt
        assert _shape(_read_back(kgraph.export(in_oxigraph, fmt), fmt)) == expected, fmt
        # a graph held in rdflib, written term by term (as a graph changed in Python is)
        assert _shape(_read_back(serialize(in_rdflib, fmt), fmt)) == expected, fmt


def _written(folder) -> Path:
    path = folder / "written.ttl"
    path.write_text(WRITTEN, encoding="utf-8")
    return path


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_a_loaded_graph_exports_every_term_as_written(tmp_path, engine):
    path = _written(tmp_path)
    graph = kgraph.load([path], include_ontology=False, engine=engine)
    expected = _shape(t for _, t in read_files([path]))
    for fmt in EXPORT_FORMATS:
        assert _shape(_read_back(kgraph.export(graph, fmt), fmt)) == expected, fmt


def test_a_graph_changed_on_rdflib_still_keeps_every_literal_as_written(tmp_path):
    path = _written(tmp_path)
    graph = kgraph.load([path], include_ontology=False, engine="rdflib")
    graph.add((URIRef("http://example.org/new"), URIRef("http://example.org/p"), Literal("added")))
    added = ox().Triple(ox().NamedNode("http://example.org/new"), ox().NamedNode("http://example.org/p"),
                        ox().Literal("added"))  # fmt: skip
    ground, blank = _shape(t for _, t in read_files([path]))
    for fmt in EXPORT_FORMATS:
        assert _shape(_read_back(kgraph.export(graph, fmt), fmt)) == ({*ground, str(added)}, blank), fmt


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_a_release_of_a_loaded_graph_keeps_every_term_as_written(tmp_path, engine):
    from kgraph.release.build import release

    path = _written(tmp_path)
    graph = kgraph.load([path], include_ontology=False, engine=engine)
    folder = release(tmp_path / "dist", graph, version="0.0.1", issued="2026-01-01", site=False)
    expected = _shape(t for _, t in read_files([path]))
    assert _shape(_read_back((folder / "kdrama.nt").read_bytes(), "nt")) == expected
    assert _shape(_read_back((folder / "kdrama.ttl").read_bytes(), "turtle")) == expected


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_push_sends_every_term_as_written(tmp_path, engine):
    from kgraph.remote.push import _ntriples

    path = _written(tmp_path)
    graph = kgraph.load([path], include_ontology=False, engine=engine)
    assert _shape(_read_back(_ntriples(graph), "nt")) == _shape(t for _, t in read_files([path]))
