"""Serializations: round trips keep every triple, language tag and datatype; writes are atomic."""

from __future__ import annotations

import json

import pytest
from rdflib import Dataset, Graph, Literal
from rdflib.compare import isomorphic

import kgraph
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
