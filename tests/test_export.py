"""Serializations: round trips keep every triple, language tag and datatype; writes are atomic."""

from __future__ import annotations

import json

import pytest
from rdflib import Dataset, Graph, Literal
from rdflib.compare import isomorphic

import kgraph
from kgraph import resources
from kgraph.errors import OutputError
from kgraph.files import write_atomic
from kgraph.release.export import serialize

PARSE_AS = {"turtle": "turtle", "nt": "nt", "json-ld": "json-ld", "xml": "xml"}


@pytest.mark.parametrize("fmt", sorted(PARSE_AS))
def test_round_trip_is_isomorphic(graph, fmt):
    again = Graph().parse(data=serialize(graph, fmt), format=PARSE_AS[fmt])
    assert isomorphic(graph, again)


def test_n_triples_are_sorted(graph):
    lines = serialize(graph, "nt").splitlines()
    assert lines == sorted(lines)


def test_turtle_to_json_ld_to_turtle(graph):
    via_json = Graph().parse(data=serialize(graph, "json-ld"), format="json-ld")
    back = Graph().parse(data=serialize(via_json, "turtle"), format="turtle")
    assert isomorphic(graph, back)


def test_language_tags_and_datatypes_survive_json_ld(graph):
    again = Graph().parse(data=serialize(graph, "json-ld"), format="json-ld")
    literals = {o for o in graph.objects() if isinstance(o, Literal)}
    assert {o for o in again.objects() if isinstance(o, Literal)} == literals
    assert any(o.language == "ko" for o in literals) and any(o.datatype for o in literals)


def test_trig_keeps_one_named_graph_per_file(graph):
    dataset = Dataset()
    dataset.parse(data=serialize(graph, "trig"), format="trig")
    names = {str(g.identifier).rsplit("/", 1)[-1] for g in dataset.graphs() if len(g)}
    assert {"run-on.ttl", "sources.ttl", "kdrama.ttl"} <= names
    merged = Graph()
    for quad in dataset.quads():
        merged.add(quad[:3])
    assert isomorphic(graph, merged)


def test_json_ld_reads_like_plain_json(graph):
    nodes = {n["id"]: n for n in json.loads(serialize(graph, "json-ld"))["@graph"]}
    drama = nodes["kdr:run-on"]
    assert drama["type"] == "Drama"
    assert drama["name"] == {"en": "Run On", "ko": "런 온"}
    assert drama["numberOfEpisodes"] == 16
    assert drama["startDate"] == "2020-12-16"


def test_unsupported_format(graph):
    with pytest.raises(OutputError, match="unsupported format 'yaml'"):
        serialize(graph, "yaml")


def test_export_writes_the_file(tmp_path):
    target = tmp_path / "graph.nt"
    data = kgraph.export(fmt="nt", path=target)
    assert target.read_bytes() == data


def test_written_file_has_ordinary_permissions(tmp_path):
    import os

    umask = os.umask(0o022)
    try:
        path = write_atomic(tmp_path / "x.ttl", b"x")
    finally:
        os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o644


def test_write_atomic_refuses_a_missing_folder(tmp_path):
    with pytest.raises(OutputError, match="does not exist"):
        write_atomic(tmp_path / "missing" / "x.ttl", b"x")


def test_bundled_graph_is_read_only(graph):
    from kgraph.errors import KgraphError

    with pytest.raises(KgraphError, match="read-only"):
        graph.add((Literal("a"), Literal("b"), Literal("c")))
    assert len(graph.copy()) == len(graph)


def test_schema_org_view_uses_schema_org_only(graph):
    from rdflib.namespace import RDF

    from kgraph.namespaces import KD, SCHEMA
    from kgraph.release.export import apply_view

    shaped = apply_view(graph, "schema-org")
    assert len(set(shaped.subjects(RDF.type, SCHEMA.TVSeries))) == len(
        set(graph.subjects(RDF.type, KD.Drama))
    )
    assert len(set(shaped.subjects(RDF.type, SCHEMA.PerformanceRole))) == len(
        kgraph.query("SELECT ?r WHERE { ?r a kd:CastingRole }")
    )
    assert all(str(p).startswith(str(SCHEMA)) or p == RDF.type for p in shaped.predicates())


def test_wikidata_view_states_cast_with_character_qualifiers(graph):
    from kgraph.namespaces import KDR, PREFIXES
    from kgraph.release.export import apply_view

    shaped = apply_view(graph, "wikidata")
    role = KDR["twenty-five-twenty-one.role.kim-tae-ri"]
    assert (KDR["twenty-five-twenty-one"], PREFIXES["wdt"]["P161"], KDR["kim-tae-ri"]) in shaped
    assert (role, PREFIXES["pq"]["P453"], KDR["twenty-five-twenty-one.na-hee-do"]) in shaped
    assert (KDR["twenty-five-twenty-one"], PREFIXES["wdt"]["P449"], KDR["network.tvn"]) in shaped


def test_unknown_view():
    with pytest.raises(OutputError, match="no view named 'nope': use one of schema-org, wikidata"):
        kgraph.export(view="nope")


# The bundled graph is written straight from its files, without rdflib: the same graph, every format.
@pytest.mark.parametrize("fmt", sorted(PARSE_AS))
def test_the_bundled_graph_is_exported_whole_without_rdflib(graph, fmt):
    data = kgraph.export(fmt=fmt)
    assert isomorphic(Graph().parse(data=data, format=PARSE_AS[fmt]), graph)
    assert kgraph.export(fmt=fmt) == data  # the same files give the same bytes


def test_the_bundled_graph_in_trig_has_each_file_as_a_named_graph(graph):
    dataset = Dataset()
    dataset.parse(data=kgraph.export(fmt="trig"), format="trig")
    sizes = {str(g.identifier).rsplit("/", 1)[-1]: len(g) for g in dataset.graphs() if len(g)}
    assert sizes["kdrama.ttl"] == len(Graph().parse(resources.ontology_path()))
    merged = Graph()
    for quad in dataset.quads():
        merged.add(quad[:3])
    assert isomorphic(merged, graph)


def test_the_bundled_graph_in_json_ld_reads_like_plain_json():
    nodes = {n["id"]: n for n in json.loads(kgraph.export(fmt="json-ld"))["@graph"]}
    drama = nodes["kdr:run-on"]
    assert (drama["type"], drama["name"]) == ("Drama", {"en": "Run On", "ko": "런 온"})
    assert (drama["numberOfEpisodes"], drama["startDate"]) == (16, "2020-12-16")


TRICKY = """
@prefix ex: <http://example.org/> .
@prefix kd: <https://w3id.org/kdrama-kg/ontology#> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<https://w3id.org/kdrama-kg/resource/x> a kd:Drama, ex:Other ;
    schema:numberOfEpisodes "016"^^xsd:integer, 16, -3 ;
    schema:startDate "2020-12-16"^^xsd:date, "sometime" ;
    schema:name "Plain", "Run On"@en, "Two"@en, "런 온"@ko ;
    kd:actor ex:a, [ ex:p "in a blank node" ] ;
    ex:flag true, "1"^^xsd:boolean ;
    ex:odd "x"^^ex:type, 1.50, 1e3 ;
    ex:link <http://example.org/a/b//c>, <urn:isbn:123> .
"""


def test_json_ld_compaction_keeps_every_statement_no_term_fits(tmp_path):
    from kgraph.release.jsonld import compact_document
    from kgraph.store.oxigraph.terms import ox
    from kgraph.store.oxigraph.writing import read_files

    path = tmp_path / "tricky.ttl"
    path.write_text(TRICKY, encoding="utf-8")
    context = json.loads(resources.context_path().read_text(encoding="utf-8"))["@context"]
    document = compact_document((t for _, t in read_files([path])), context)
    again = Graph().parse(data=json.dumps(document), format="json-ld")
    assert isomorphic(again, Graph().parse(path))
    exact = ox().parse(json.dumps(document).encode("utf-8"), format=ox().RdfFormat.JSON_LD)
    ground = {str(t) for t in exact if "_:" not in str(t)}  # every lexical form as the file wrote it
    assert ground == {str(t) for _, t in read_files([path]) if "_:" not in str(t)}
    node = next(n for n in document["@graph"] if n["id"] == "kdr:x")
    assert node["name"] == {"en": ["Run On", "Two"], "ko": "런 온"} and node["schema:name"] == "Plain"
    assert node["startDate"] == "2020-12-16" and node["schema:startDate"] == "sometime"
