"""kgraph push and --endpoint against a second real store, Virtuoso (Debian's virtuoso-opensource-7),
started once for this module on 127.0.0.1 with a throwaway database.

Virtuoso's Graph Store is /sparql-graph-crud and it has no writable default graph, so the graph
goes to a named graph; it returns no more triples of a graph than its answers may have rows, so
the push counts them with a query at /sparql. /sparql reads the union of all graphs by default,
which is what the named queries run on. The stats name the pushed graph with
``?default-graph-uri=``, since the union holds Virtuoso's system graphs too; the named queries do
not, because Virtuoso 7.2 loses rows of a ``skos:broader*`` path once a dataset is named (FROM or
default-graph-uri alike). Network failures are tested against Oxigraph (test_push.py), not here.
"""

from __future__ import annotations

import json
import re

import pytest

import kgraph
from kgraph.cli.commands import main
from kgraph.remote.query import remote_query
from kgraph.sparql.lexer import reads_named_graphs
from kgraph.sparql.named import list_queries

from .servers import virtuoso_server

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("virtuoso")]

TARGET = "https://w3id.org/kdrama-kg/"
QUERIES = [q for q in list_queries() if not reads_named_graphs(q.text)]
# GROUP_CONCAT(... ; separator="/") AS ?episode: SPARQL leaves the order of the joined values open
_CONCAT = re.compile(
    r'GROUP_CONCAT\s*\((?:DISTINCT\s+)?\?\w+\s*;\s*separator\s*=\s*"([^"]*)"\s*\)\s*\)?\s*AS\s+\?(\w+)', re.I
)


@pytest.fixture(scope="module")
def virtuoso():
    """A Virtuoso server on 127.0.0.1 (its HTTP base URL), stopped after the module."""
    with virtuoso_server() as url:
        yield url


@pytest.fixture(scope="module")
def pushes(virtuoso):
    """The bundled graph pushed twice with --replace into one named graph, counted with a query."""
    from click.testing import CliRunner

    outputs = []
    for chunk_size in ("20000", "5000"):
        result = CliRunner().invoke(
            main,
            [
                "push",
                "--endpoint",
                f"{virtuoso}/sparql-graph-crud",
                "--graph",
                TARGET,
                "--replace",
                "--chunk-size",
                chunk_size,
                "--query-endpoint",
                f"{virtuoso}/sparql",
            ],
        )
        assert result.exit_code == 0, result.output
        outputs.append(result.stdout)
    return outputs


@pytest.fixture(scope="module")
def endpoint(virtuoso, pushes):
    """Virtuoso's query URL, once the graph is there."""
    return f"{virtuoso}/sparql"


def _count(virtuoso: str) -> int:
    result = remote_query(
        f"{virtuoso}/sparql", f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{TARGET}> {{ ?s ?p ?o }} }}"
    )
    return int(result.rows[0][0])


def _comparable(result, text: str) -> list:
    """The rows as sorted dicts, the values of each GROUP_CONCAT column put in one order."""
    joined = {column: separator for separator, column in _CONCAT.findall(text)}
    rows = []
    for record in result.records():
        for column, separator in joined.items():
            if isinstance(record.get(column), str):
                record[column] = separator.join(sorted(record[column].split(separator)))
        rows.append(record)
    return sorted(rows, key=lambda r: json.dumps(r, sort_keys=True, default=str))


def test_replace_twice_leaves_one_copy(virtuoso, pushes, graph):
    for output in pushes:
        assert f"it now holds {len(graph)} triples" in output
    assert _count(virtuoso) == len(graph)


@pytest.mark.parametrize("named", QUERIES, ids=[q.name for q in QUERIES])
def test_every_named_query_gives_the_same_rows_locally_and_on_virtuoso(endpoint, graph, named):
    params = {p.name: p.example for p in named.parameters if p.required}
    local = kgraph.query(named.name, graph, **params)
    remote = remote_query(endpoint, named.name, **params)
    assert remote.columns == local.columns
    assert len(local) > 0
    assert _comparable(remote, named.text) == _comparable(local, named.text)


def test_stats_on_virtuoso(runner, endpoint):
    only_pushed = f"{endpoint}?default-graph-uri={TARGET}"
    result = runner.invoke(main, ["stats", "--format", "json", "--endpoint", only_pushed])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == kgraph.stats()


def test_ask_and_construct_on_virtuoso(endpoint):
    # Virtuoso answers ASK with a one-column table and CONSTRUCT in the first format asked for
    assert remote_query(endpoint, "ASK { ?s a kd:Drama }") is True
    assert remote_query(endpoint, "ASK { ?s a kd:NoSuchClass }") is False
    built = remote_query(endpoint, "CONSTRUCT { ?d a kd:Drama } WHERE { ?d a kd:Drama }")
    local = kgraph.query("CONSTRUCT { ?d a kd:Drama } WHERE { ?d a kd:Drama }")
    assert set(built) == set(local) and len(built) > 0


def test_the_default_graph_is_refused_with_the_reason(runner, virtuoso):
    result = runner.invoke(
        main, ["push", "--endpoint", f"{virtuoso}/sparql-graph-crud", "--replace", "--retries", "0"]
    )
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "not configured to have default graph" in result.stderr


def test_the_login_endpoint_takes_digest_credentials(runner, virtuoso, graph):
    # /sparql-graph-crud-auth refuses basic auth and asks for digest; dba/dba is a new database's login
    args = ["push", "--endpoint", f"{virtuoso}/sparql-graph-crud-auth", "--graph", TARGET, "--replace"]
    args += ["--query-endpoint", f"{virtuoso}/sparql", "--user", "dba"]
    result = runner.invoke(main, [*args, "--password", "dba"])
    assert result.exit_code == 0, result.output
    assert f"it now holds {len(graph)} triples" in result.stdout
    refused = runner.invoke(main, [*args, "--password", "not-the-password"])
    assert refused.exit_code == 1 and "401 Unauthorized" in refused.stderr


def test_a_capped_read_back_fails_with_a_hint_and_a_count_query_does_not(runner, virtuoso, graph):
    # Virtuoso returns at most ResultSetMaxRows (10,000 here, as in Debian's ini) triples of a graph
    args = ["push", "--endpoint", f"{virtuoso}/sparql-graph-crud", "--graph", TARGET, "--replace"]
    result = runner.invoke(main, args)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert re.search(rf"holds 1000[01] triples after the push, not the {len(graph)} sent", result.stderr)
    assert "--query-endpoint" in result.stderr
    assert _count(virtuoso) == len(graph)
