"""Named queries: each has a header and an ORDER BY, each gives its exact answer on the bundled data,
and parameters are bound safely with clear errors when they are wrong."""

from __future__ import annotations

import json

import pytest
from rdflib import Literal

import kgraph
from kgraph.errors import ParameterError, QuerySyntaxError, UnknownQueryError
from kgraph.networks import costar_graph
from kgraph.queries import get_query, list_queries, parse_value

from .conftest import FIXTURES

QUERIES = list_queries()


def _rows(name, **params):
    return [tuple(row.values()) for row in kgraph.query(name, **params)]


def _answer(name):
    return json.loads((FIXTURES / "answers" / f"{name}.json").read_text(encoding="utf-8"))


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


@pytest.mark.parametrize("name", ["confessions", "costar-pairs", "facts-per-source", "disputed-claims"])
def test_query_answer_matches_the_recorded_answer(name):
    result = kgraph.query(name)
    expected = _answer(name)
    assert list(result.columns) == expected["columns"]
    assert result.records() == expected["rows"]


def test_costar_pairs_agree_with_the_costar_network():
    pairs = kgraph.query("costar-pairs")
    assert len(pairs) == costar_graph().number_of_edges()


def test_confessions_by_setting():
    assert _rows("confessions-by-setting") == [
        ("bridge", "kdr:flower-of-evil.confession-1", "Flower of Evil", "11"),
        ("bridge", "kdr:twenty-five-twenty-one.confession-1", "Twenty-Five Twenty-One", "9/10"),
        ("home", "kdr:strong-girl-bong-soon.confession-2", "Strong Girl Bong-soon", "10"),
        ("home", "kdr:strong-girl-bong-soon.confession-4", "Strong Girl Bong-soon", "14"),
        ("military camp", "kdr:descendants-of-the-sun.confession-1", "Descendants of the Sun", "8/9"),
        ("vehicle", "kdr:descendants-of-the-sun.confession-2", "Descendants of the Sun", "9"),
    ]
    assert [r[1] for r in _rows("confessions-by-setting", setting="kdr:setting.vehicle")] == [
        "kdr:descendants-of-the-sun.confession-2"
    ]


def test_confessions_by_trope_follows_narrower_tropes():
    assert [r[0] for r in _rows("confessions-by-trope", trope="kdr:trope.love-confession")] == [
        "kdr:descendants-of-the-sun.confession-1",
        "kdr:flower-of-evil.confession-1",
        "kdr:strong-girl-bong-soon.confession-1",
        "kdr:twenty-five-twenty-one.confession-1",
    ]
    assert _rows("confessions-by-trope", trope="quiet confession") == [
        (
            "kdr:twenty-five-twenty-one.confession-1",
            "Twenty-Five Twenty-One",
            "9/10",
            "Baek Yi-jin",
            "quiet confession",
        )
    ]


def test_actor_roles():
    assert _rows("actor-roles", actor="kdr:kim-tae-ri") == [
        ("Twenty-Five Twenty-One", 2022, "Na Hee-do", "lead", 1)
    ]
    assert _rows("actor-roles", actor="Song Hye-kyo") == [
        ("Descendants of the Sun", 2016, "Kang Mo-yeon", "lead", 2)
    ]


def test_drama_cast():
    assert _rows("drama-cast", drama="kdr:twenty-five-twenty-one") == [
        (1, "Kim Tae-ri", "Na Hee-do", "lead"),
        (2, "Nam Joo-hyuk", "Baek Yi-jin", "lead"),
        (3, "Bona", "Ko Yu-rim", "supporting"),
        (4, "Choi Hyun-wook", "Moon Ji-woong", "supporting"),
        (5, "Lee Joo-myung", "Ji Seung-wan", "supporting"),
    ]


def test_trope_frequency():
    assert [(r[1], r[2]) for r in _rows("trope-frequency")] == [
        ("anguished declaration of love", 2),
        ("asking forgiveness", 2),
        ("boss and employee", 2),
        ("love in a war zone", 2),
        ("accidental confession", 1),
        ("friends to lovers", 1),
        ("hidden past", 1),
        ("love epiphany", 1),
        ("quiet confession", 1),
        ("reconciliation after separation", 1),
        ("love confession", 0),
    ]


def test_dramas_by_network():
    assert _rows("dramas-by-network") == [
        ("JTBC", 2017, "Strong Girl Bong-soon", 16),
        ("JTBC", 2020, "Run On", 16),
        ("KBS2", 2016, "Descendants of the Sun", 16),
        ("tvN", 2019, "Crash Landing on You", 16),
        ("tvN", 2020, "Flower of Evil", 16),
        ("tvN", 2022, "Twenty-Five Twenty-One", 16),
    ]
    assert [r[2] for r in _rows("dramas-by-network", network="tvN")] == [
        "Crash Landing on You",
        "Flower of Evil",
        "Twenty-Five Twenty-One",
    ]


def test_female_lead_confessions():
    assert _rows("female-lead-confessions") == [
        ("kdr:descendants-of-the-sun.confession-1", "Descendants of the Sun", "Kang Mo-yeon", "Song Hye-kyo"),
        ("kdr:descendants-of-the-sun.confession-2", "Descendants of the Sun", "Kang Mo-yeon", "Song Hye-kyo"),
        ("kdr:flower-of-evil.confession-1", "Flower of Evil", "Cha Ji-won", "Moon Chae-won"),
    ]


def test_mutual_confessions():
    scene = "kdr:flower-of-evil.confession-1"
    assert _rows("mutual-confessions") == [("Flower of Evil", "Cha Ji-won", "Do Hyun-soo", scene, scene)]


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


def test_disputed_claims_filtered_by_level():
    scenes = sorted({r[0] for r in _rows("disputed-claims", level="kd:Disputed")})
    assert scenes == ["kdr:descendants-of-the-sun.confession-1", "kdr:twenty-five-twenty-one.confession-1"]


def test_parameters_are_bound_not_pasted():
    hostile = 'x" } UNION { ?s ?p ?o } #'
    assert len(kgraph.query("confessions-by-setting", setting=Literal(hostile))) == 0


def test_sparql_text_and_ask():
    count = kgraph.query("SELECT (COUNT(*) AS ?n) WHERE { ?s a kd:Drama }")
    assert count.records() == [{"n": 6}]
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
