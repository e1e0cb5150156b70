"""The Oxigraph engine: the same answers as rdflib for every query, and strict parsing for validate."""

from __future__ import annotations

import json

import pytest
from rdflib import BNode, Graph
from rdflib.compare import isomorphic

import kgraph
from kgraph.cli.commands import main
from kgraph.sparql.execute import execute, query
from kgraph.sparql.named import check_queries, list_queries, view_queries
from kgraph.store.oxigraph import store_of
from kgraph.synth.defects import DEFECTS
from kgraph.synth.generate import synthetic_ntriples

from .answers import CASES, case_id


def _examples(named) -> list[dict[str, str]]:
    """The query without its optional parameters, and with every parameter at its example."""
    required = {p.name: p.example for p in named.parameters if p.required}
    every = {p.name: p.example for p in named.parameters}
    return [required] if required == every else [required, every]


EXAMPLES = [(q.name, params) for q in list_queries() for params in _examples(q)]


@pytest.fixture(scope="module")
def graph():
    """The bundled graph on rdflib's memory store, to hold the Oxigraph engine's answers against."""
    return kgraph.load(engine="rdflib")


@pytest.fixture(scope="module")
def oxigraph():
    return kgraph.load(engine="oxigraph")


def test_both_engines_hold_the_same_triples(graph, oxigraph):
    assert oxigraph.engine == "oxigraph"
    assert store_of(oxigraph) is not None and store_of(graph) is None
    assert len(oxigraph) == len(graph)
    ground = {t for t in graph if not any(isinstance(term, BNode) for term in t)}
    assert {t for t in oxigraph if not any(isinstance(term, BNode) for term in t)} == ground


# The engines' parity over every query and check: the bundled graph read twice, so slow.
@pytest.mark.slow
@pytest.mark.parametrize(("name", "params"), EXAMPLES + CASES, ids=lambda v: v if isinstance(v, str) else "")
def test_every_named_query_gives_the_same_answer_on_both_engines(graph, oxigraph, name, params):
    expected = query(name, graph, **params)
    assert expected.rows, f"{case_id(name, params)}: an empty answer proves nothing"
    for got in (query(name, oxigraph, **params), query(name, **params)):  # the last without rdflib
        assert got.columns == expected.columns
        assert got.rows == expected.rows
        assert got.records() == expected.records()


@pytest.mark.slow
@pytest.mark.parametrize("check", check_queries(), ids=lambda c: c.name)
def test_every_check_gives_the_same_rows_on_both_engines(graph, oxigraph, check):
    expected = list(execute(graph, check.prepared, check.text))
    got = list(execute(oxigraph, check.prepared, check.text))
    assert got == expected


@pytest.mark.parametrize("name", sorted(view_queries()))
def test_every_view_builds_the_same_graph_on_both_engines(graph, oxigraph, name):
    view = view_queries()[name]
    expected = execute(graph, view.prepared, view.text).graph
    got = execute(oxigraph, view.prepared, view.text).graph
    assert len(expected) > 0
    assert isomorphic(got, expected)


def test_a_parameter_holding_sparql_stays_one_value(oxigraph):
    sneaky = '"x" } ?s ?p ?o . { "y"'
    assert query("SELECT ?name WHERE { ?d schema:name ?name }", oxigraph, name=sneaky).rows == ()


def test_stats_and_networks_agree_on_both_engines(graph, oxigraph):
    assert kgraph.stats(oxigraph) == kgraph.stats(graph) == kgraph.stats()  # the last without rdflib
    ours, theirs = kgraph.costar_graph(oxigraph), kgraph.costar_graph(graph)
    assert set(ours.edges) == set(theirs.edges)
    assert dict(ours.nodes(data=True)) == dict(theirs.nodes(data=True))


def test_cli_engine_option_gives_the_same_rows(runner):
    args = ["query", "confessions", "--format", "json"]
    rdflib_rows = json.loads(runner.invoke(main, args).stdout)
    oxigraph_rows = json.loads(runner.invoke(main, [*args, "--engine", "oxigraph"]).stdout)
    assert oxigraph_rows == rdflib_rows


@pytest.mark.slow
def test_validate_gives_the_same_report_on_both_engines(tmp_path):
    path = tmp_path / "broken.nt"
    path.write_text("\n".join(synthetic_ntriples(10, seed=2, defects={k: 1 for k in DEFECTS})) + "\n")
    on_rdflib = kgraph.validate(kgraph.load([path], engine="rdflib"))
    on_oxigraph = kgraph.validate(kgraph.load([path], engine="oxigraph"))
    assert on_oxigraph.results == on_rdflib.results
    assert len(on_rdflib.results) == len(DEFECTS)


def test_large_files_choose_oxigraph(tmp_path, monkeypatch):
    path = tmp_path / "g.nt"
    path.write_text("\n".join(synthetic_ntriples(3)) + "\n")
    assert kgraph.load([path]).engine == "rdflib"
    monkeypatch.setattr("kgraph.store.engines.AUTO_BYTES", path.stat().st_size)
    assert kgraph.load([path]).engine == "oxigraph"
    assert kgraph.load([path], engine="rdflib").engine == "rdflib"
    assert kgraph.load().engine == "oxigraph"


def test_an_unknown_engine_is_refused():
    with pytest.raises(kgraph.KgraphError, match="no engine 'jena'"):
        kgraph.load(engine="jena")


PREFIX = "@prefix ex: <http://example.org/> .\n"
# Turtle that rdflib reads but the Turtle 1.1 grammar rejects, with the line of the mistake
LOOSE_TURTLE = {
    "keyword-as-subject": (PREFIX + "ex:a ex:p ex:b .\ntrue ex:p ex:b .\n", 3),
    "bad-unicode-escape": (PREFIX + 'ex:a ex:p "\\uZZZZ" .\n', 2),
    "escape-in-iri": (PREFIX + "\nex:a ex:p <http://example.org/\\a> .\n", 3),
    "n3-path": (PREFIX + "ex:a!ex:p ex:q ex:c .\n", 2),
    "literal-as-predicate": (PREFIX + 'ex:a "p" ex:b .\n', 2),
    "space-in-iri": (PREFIX + "ex:a ex:p <http://example.org/a b> .\n", 2),
}


@pytest.mark.parametrize(("text", "line"), LOOSE_TURTLE.values(), ids=list(LOOSE_TURTLE))
def test_validate_rejects_turtle_the_grammar_rejects(runner, tmp_path, text, line):
    path = tmp_path / "loose.ttl"
    path.write_text(text, encoding="utf-8")
    assert len(Graph().parse(path, format="turtle")) > 0  # rdflib alone would accept it
    result = runner.invoke(main, ["validate", "--data", str(path)])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"Error: {path}:{line}: not valid RDF: ")
    assert "Traceback" not in result.output
    with pytest.raises(kgraph.KgraphError, match=f"loose.ttl:{line}:"):
        kgraph.load([path], engine="oxigraph")


def test_strict_parsing_passes_the_bundled_data():
    assert kgraph.load(strict=True) is kgraph.load()


@pytest.mark.slow
def test_the_scale_benchmark_runs_and_every_run_agrees(tmp_path):
    import subprocess
    import sys

    from .conftest import ROOT

    results = tmp_path / "results.md"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "scale.py"), "--sizes", "1k", "--results", str(results)],
        capture_output=True,
        text=True,
        check=True,
    )
    report = results.read_text().splitlines()
    assert "cores" in report[0] and "Python" in report[0]
    rows = [line for line in report if line.startswith("| 1k |")]
    assert len(rows) == 2  # the query and the graph, each with its answers compared across runs
    assert any(line.startswith("| query: kgraph | ") for line in report)  # the cost curve
    assert any(line.startswith("| graph: kgraph | ") for line in report)


CARDS = ["kdr:kim-tae-ri", "kdr:run-on", "kdr:run-on.oh-mi-joo", "kdr:twenty-five-twenty-one.confession-1",
         "kdr:network.jtbc", "kd:Drama"]  # fmt: skip


@pytest.mark.parametrize("thing", CARDS)
def test_cards_read_the_same_from_oxigraph_alone_and_from_rdflib(graph, oxigraph, thing):
    from kgraph.describe.cards import card
    from kgraph.describe.entities import find

    node = find(thing, graph)
    assert find(thing) == node
    expected = card(node, graph)
    assert card(node, oxigraph) == expected
    assert card(node) == expected  # the bundled graph, read from Oxigraph without rdflib
    assert "All statements:" in expected and len(expected.splitlines()) > 3


@pytest.mark.parametrize("name", ["Kim Tae-ri", "김태리", "run on", "Oh Mi-joo"])
def test_names_find_the_same_resource_on_both_engines(graph, oxigraph, name):
    from kgraph.describe.entities import find

    assert find(name) == find(name, graph) == find(name, oxigraph)


def test_relative_iris_resolve_against_the_same_base_when_checked_and_run(graph, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = "SELECT ?x ?y WHERE { BIND(<rel> AS ?x) BIND(<a/../b> AS ?y) }"
    expected = [{"x": f"<{tmp_path.as_uri()}/rel>", "y": f"<{tmp_path.as_uri()}/b>"}]
    assert query(text).records() == query(text, graph).records() == expected
    based = "BASE <http://example.org/q/> SELECT ?x WHERE { BIND(<../r> AS ?x) }"
    assert query(based).records() == query(based, graph).records() == [{"x": "<http://example.org/r>"}]


RDFLIB_GAPS = [
    "SELECT (COUNT(*) AS ?n) WHERE { VALUES () { () } }",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s !^<http://example.org/p> ?o }",
]


@pytest.mark.parametrize("text", RDFLIB_GAPS)
def test_a_valid_query_rdflib_cannot_run_gets_a_plain_error_and_oxigraph_answers(graph, text):
    from kgraph.errors import UnsupportedQueryError

    with pytest.raises(
        UnsupportedQueryError, match=r"^query: rdflib's SPARQL engine cannot run .*--engine oxigraph"
    ):
        query(text, graph)
    assert len(query(text).rows) == 1  # the bundled graph, on Oxigraph
