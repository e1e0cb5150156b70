"""Named queries: each has a header and an ORDER BY, each gives its exact answer on the bundled data,
and parameters are bound safely with clear errors when they are wrong."""

from __future__ import annotations

import json

import pytest
from rdflib import RDF, Literal

import kgraph
from kgraph.errors import ParameterError, QuerySyntaxError, UnknownQueryError
from kgraph.namespaces import KD, curie, expand
from kgraph.networks import costar_graph
from kgraph.sparql.named import get_query, list_queries
from kgraph.sparql.params import parse_value

from .answers import CASES, answer, case_id
from .conftest import FIXTURES

ANSWERS = FIXTURES / "answers"

QUERIES = list_queries()


def _rows(name, **params):
    return [tuple(row.values()) for row in kgraph.query(name, **params)]


def test_there_are_at_least_twelve_named_queries():
    assert len(QUERIES) >= 12


@pytest.mark.parametrize("named", QUERIES, ids=lambda q: q.name)
def test_query_has_a_header_and_is_ordered(named):
    assert named.title and named.title != named.name, f"{named.path.name}: add '# title: ...'"
    assert named.description, f"{named.path.name}: add '# description: ...'"
    assert "ORDER BY" in named.text.upper().split("}")[-1], f"{named.path.name}: end with ORDER BY"
    for parameter in named.parameters:
        assert parameter.example and parameter.description
        parse_value(parameter.example, parameter.type)  # the example itself is a valid value


@pytest.mark.parametrize("named", QUERIES, ids=lambda q: q.name)
def test_query_runs_with_its_examples(named):
    params = {p.name: p.example for p in named.parameters}
    result = kgraph.query(named.name, **params)
    assert len(result) > 0


@pytest.mark.parametrize(("name", "params"), CASES, ids=[case_id(n, p) for n, p in CASES])
def test_query_answer_matches_the_recorded_answer(name, params):
    path = ANSWERS / f"{case_id(name, params)}.json"
    assert path.is_file(), "record the answers: python -m tests.answers"
    expected = json.loads(path.read_text(encoding="utf-8"))
    got = answer(name, params)
    assert got["columns"] == expected["columns"]
    assert got["rows"] == expected["rows"], "if the change is right, record it: python -m tests.answers"


def test_every_named_query_has_a_recorded_answer():
    assert {q.name for q in QUERIES} <= {name for name, _ in CASES}


def test_costar_pairs_agree_with_the_costar_network():
    pairs = kgraph.query("costar-pairs")
    assert len(pairs) == costar_graph().number_of_edges()


def test_a_parameter_narrows_the_answer_to_a_subset():
    everything = _rows("confessions-by-setting")
    vehicles = _rows("confessions-by-setting", setting="kdr:setting.vehicle")
    assert vehicles and set(vehicles) <= set(everything)
    assert {row[0] for row in vehicles} == {"vehicle"}
    assert set(_rows("dramas-by-network", network="tvN")) <= set(_rows("dramas-by-network"))


def test_confessions_by_trope_follows_narrower_tropes(graph):
    broad = {r[0] for r in _rows("confessions-by-trope", trope="kdr:trope.love-confession")}
    narrow = {r[0] for r in _rows("confessions-by-trope", trope="quiet confession")}
    assert "kdr:twenty-five-twenty-one.confession-1" in narrow
    assert narrow <= broad


def test_actor_roles_and_drama_cast_agree():
    roles = _rows("actor-roles", actor="kdr:kim-tae-ri")
    assert ("Twenty-Five Twenty-One", 2022, "Na Hee-do", "lead", 1) in roles
    cast = _rows("drama-cast", drama="kdr:twenty-five-twenty-one")
    assert (1, "Kim Tae-ri", "Na Hee-do", "lead") in cast


def test_trope_frequency_counts_scenes(graph):
    from kgraph.namespaces import KD

    scenes = set(graph.subjects(RDF.type, KD.ConfessionScene))
    for trope, _, count in _rows("trope-frequency"):
        expected = {s for s in graph.subjects(KD.trope, expand(trope)) if s in scenes}
        assert count == len(expected), trope


def test_seed_scenes_keep_their_answers():
    assert ("Flower of Evil", "Cha Ji-won", "Do Hyun-soo", "kdr:flower-of-evil.confession-1",
            "kdr:flower-of-evil.confession-1") in _rows("mutual-confessions")  # fmt: skip
    female = _rows("female-lead-confessions")
    assert ("kdr:flower-of-evil.confession-1", "Flower of Evil", "Cha Ji-won", "Moon Chae-won") in female


def test_ranked_scenes_follow_the_seed_list():
    rows = _rows("ranked-scenes", source="kdr:source.gulf-news-five-confessions")
    assert [(r[0], r[1]) for r in rows] == [
        (1, "Flower of Evil"),
        (2, "Strong Girl Bong-soon"),
        (3, "Run On"),
        (4, "Twenty-Five Twenty-One"),
        (5, "Descendants of the Sun"),
        (5, "Descendants of the Sun"),
    ]


def test_disputed_claims_filtered_by_level(graph):
    from kgraph.namespaces import KD

    scenes = {r[0] for r in _rows("disputed-claims", level="kd:Disputed")}
    disputed = {curie(s) for s in graph.subjects(KD.evidenceLevel, KD.Disputed)}
    assert scenes <= disputed
    assert {"kdr:descendants-of-the-sun.confession-1", "kdr:twenty-five-twenty-one.confession-1"} <= scenes


def test_parameters_are_bound_not_pasted():
    hostile = 'x" } UNION { ?s ?p ?o } #'
    assert len(kgraph.query("confessions-by-setting", setting=Literal(hostile))) == 0


def test_sparql_text_and_ask():
    count = kgraph.query("SELECT (COUNT(*) AS ?n) WHERE { ?s a kd:Drama }")
    assert count.records() == [{"n": len(set(kgraph.load().subjects(RDF.type, KD.Drama)))}]
    assert kgraph.query("ASK { kdr:run-on a kd:Drama }") is True


def test_sparql_update_is_refused_as_a_syntax_error():
    with pytest.raises(QuerySyntaxError, match="SPARQL syntax error"):
        kgraph.query("INSERT DATA { kdr:a kdr:b kdr:c }")


def test_unknown_query_suggests_close_names():
    with pytest.raises(UnknownQueryError, match="did you mean confessions"):
        get_query("confesions")


def test_missing_parameter_is_named_with_an_example():
    with pytest.raises(ParameterError, match=r"needs the parameter 'actor'.*-p actor=kdr:kim-tae-ri"):
        kgraph.query("actor-roles")


def test_unknown_parameter_lists_the_known_ones():
    with pytest.raises(ParameterError, match="has no parameter 'year'; it takes: actor"):
        kgraph.query("actor-roles", actor="kdr:kim-tae-ri", year="2022")


def test_wrong_kind_of_value():
    with pytest.raises(ParameterError, match="not a whole number"):
        parse_value("sixteen", "integer")
    with pytest.raises(ParameterError, match="YYYY-MM-DD"):
        parse_value("July 2020", "date")


def test_invalid_sparql_gives_line_and_column():
    with pytest.raises(QuerySyntaxError, match=r"query:2:\d+: SPARQL syntax error"):
        kgraph.query("SELECT ?s\nWHERE { ?s ?p }")
