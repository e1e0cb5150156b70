"""Strict SPARQL: queries that rdflib would run but SPARQL 1.1 forbids are refused, located in their file."""

from __future__ import annotations

import pytest
from rdflib.plugins.sparql import prepareQuery

import kgraph
from kgraph import resources
from kgraph.cli.commands import main
from kgraph.errors import QuerySyntaxError
from kgraph.namespaces import PREFIXES
from kgraph.sparql.binding import standalone_text
from kgraph.sparql.grammar import check_sparql
from kgraph.sparql.named import list_queries, query_file_errors

pytest.importorskip("pyoxigraph")

HEADER = "# title: an example that breaks a rule\n"

# Each query parses with rdflib, yet the SPARQL 1.1 Query Language forbids it. The line is that of
# the file (header included) that the error names.
LOOSE_SPARQL = {
    # 11.4, aggregate projection: once a query groups, it may return only the grouped variables
    # and aggregates; ?title is neither.
    "ungrouped-variable": (
        "SELECT ?drama ?title\nWHERE { ?drama a kd:Drama ; schema:name ?title }\nGROUP BY ?drama\n",
        4,
    ),
    # 11.4 again: an aggregate without GROUP BY makes one group of every solution, so ?drama,
    # which is not grouped, may not be returned beside COUNT.
    "aggregate-beside-ungrouped": (
        "SELECT ?drama (COUNT(?role) AS ?roles)\nWHERE {\n  ?role kd:drama ?drama .\n}\n",
        5,
    ),
    # 11.4: SELECT * would return ?role and ?actor, which are not grouped.
    "select-star-with-group-by": (
        "SELECT *\nWHERE { ?role kd:drama ?drama ; kd:actor ?actor }\nGROUP BY ?drama\n",
        4,
    ),
    # 11.4: an expression of the SELECT clause may use only grouped variables outside aggregates.
    "expression-of-ungrouped": (
        "SELECT (STR(?actor) AS ?name)\nWHERE { ?role kd:drama ?drama ; kd:actor ?actor }\nGROUP BY ?drama\n",
        4,
    ),
    # 18.2.1, variable scope (and the grammar's note on it): (expr AS ?v) in SELECT must name a
    # variable that the WHERE clause does not bind.
    "select-as-rebinds": ("SELECT ?drama (?title AS ?drama)\nWHERE { ?drama schema:name ?title }\n", 3),
    # 18.2.1: nor one that an earlier expression of the same SELECT clause named.
    "select-as-twice": ("SELECT (1 AS ?n)\n       (2 AS ?n)\nWHERE { ?drama a kd:Drama }\n", 4),
    # 18.2.1 and the grammar's note on BIND: BIND (expr AS ?v) must name a variable that is not in
    # scope in the group before it: here a triple pattern binds ?title first ...
    "bind-rebinds-pattern-variable": (
        "SELECT ?title\nWHERE {\n  ?drama schema:name ?title .\n  BIND (STR(?drama) AS ?title)\n}\n",
        5,
    ),
    # ... an earlier BIND ...
    "bind-rebinds-bind": ("SELECT ?x\nWHERE {\n  BIND (1 AS ?x)\n  BIND (2 AS ?x)\n}\n", 5),
    # ... an OPTIONAL (its variables are in scope after it, bound or not) ...
    "bind-rebinds-optional": (
        "SELECT ?drama ?year\nWHERE {\n  ?drama a kd:Drama .\n"
        "  OPTIONAL { ?drama schema:startDate ?year }\n  BIND (2020 AS ?year)\n}\n",
        6,
    ),
    # ... or inline VALUES.
    "bind-rebinds-values": (
        "SELECT ?drama\nWHERE {\n  VALUES ?drama { kdr:run-on }\n"
        "  BIND (kdr:twenty-five-twenty-one AS ?drama)\n}\n",
        5,
    ),
    # 5.1.1, blank node labels: a label is scoped to one basic graph pattern and may not appear in
    # two; each branch of a UNION is a pattern of its own ...
    "blank-node-in-two-patterns": (
        "SELECT ?name\nWHERE {\n  { _:actor schema:name ?name }\n  UNION\n"
        "  { _:actor schema:alternateName ?name }\n}\n",
        6,
    ),
    # ... and so is the group of an OPTIONAL.
    "blank-node-in-optional": (
        "SELECT ?name ?other\nWHERE {\n  _:actor schema:name ?name .\n"
        "  OPTIONAL { _:actor schema:alternateName ?other }\n}\n",
        5,
    ),
}
CASES = [(name, text, line) for name, (text, line) in LOOSE_SPARQL.items()]


@pytest.fixture
def loose(tmp_path):
    def write(name: str, text: str):
        path = tmp_path / f"{name}.rq"
        path.write_text(HEADER + text, encoding="utf-8")
        return path

    return write


@pytest.mark.parametrize(("name", "text", "line"), CASES, ids=list(LOOSE_SPARQL))
def test_rdflib_alone_would_run_it(name, text, line):
    prepareQuery(HEADER + text, initNs=PREFIXES)


@pytest.mark.parametrize(("name", "text", "line"), CASES, ids=list(LOOSE_SPARQL))
def test_validate_refuses_it_with_file_and_line(runner, loose, name, text, line):
    path = loose(name, text)
    result = runner.invoke(main, ["validate", "--query", str(path)])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"Error: {path}:{line}:")
    assert "SPARQL syntax error: " in result.stderr and "Traceback" not in result.output
    assert result.stdout == ""


@pytest.mark.parametrize(("name", "text", "line"), CASES, ids=list(LOOSE_SPARQL))
def test_query_refuses_it_before_running(runner, loose, name, text, line):
    path = loose(name, text)
    result = runner.invoke(main, ["query", str(path)])
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"Error: {path}:{line}:")
    sparql = runner.invoke(main, ["query", "--sparql", text])
    assert sparql.exit_code == 1 and sparql.stderr.startswith(f"Error: query:{line - 1}:")
    with pytest.raises(QuerySyntaxError, match=rf"^query:{line - 1}:\d+: SPARQL syntax error: "):
        kgraph.query(text)


def test_messages_say_what_is_wrong():
    messages = {}
    for name, (text, _) in LOOSE_SPARQL.items():
        with pytest.raises(QuerySyntaxError) as error:
            kgraph.query(text)
        messages[name] = str(error.value)
    assert "neither grouped nor aggregated" in messages["ungrouped-variable"]
    assert "SELECT * cannot be used with GROUP BY" in messages["select-star-with-group-by"]
    assert "already has a value" in messages["select-as-rebinds"]
    assert "BIND (... AS ?year) gives ?year a value" in messages["bind-rebinds-optional"]
    assert messages["bind-rebinds-optional"].startswith("query:5:3:")  # the BIND, not the group's end
    assert "blank node label _:actor" in messages["blank-node-in-optional"]


def test_every_shipped_query_passes():
    assert query_file_errors() == []
    shipped = [
        *resources.query_files(),
        *resources.check_query_files(),
        *resources.view_query_files(),
    ]
    assert len(shipped) >= 20
    for path in shipped:  # as written: parameters are plain variables until bound
        check_sparql(path.read_text(encoding="utf-8"), where=str(path), prefixes=PREFIXES)


@pytest.mark.parametrize("named", [q for q in list_queries() if q.parameters], ids=lambda q: q.name)
def test_parameterised_queries_stay_valid_once_bound(named):
    params = {p.name: p.example for p in named.parameters}
    check_sparql(standalone_text(named.name, params=params), where=named.name)


@pytest.mark.validates_bundle
def test_validate_accepts_a_valid_query_file(runner, tmp_path):
    path = tmp_path / "count.rq"
    path.write_text(HEADER + "SELECT (COUNT(?d) AS ?n) WHERE { ?d a kd:Drama }\n", encoding="utf-8")
    result = runner.invoke(main, ["validate", "--query", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output


def test_every_broken_query_file_is_reported_at_once(runner, loose):
    paths = [loose(name, text) for name, (text, _) in list(LOOSE_SPARQL.items())[:3]]
    result = runner.invoke(main, ["validate", *(arg for p in paths for arg in ("--query", str(p)))])
    assert result.exit_code == 2
    assert [line.split(":")[1].strip() for line in result.stderr.splitlines()] == [str(p) for p in paths]
