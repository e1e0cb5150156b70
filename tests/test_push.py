"""kgraph push and --endpoint against a real Oxigraph server started for these tests, and the
failures a network brings: a closed port, a 401, a 5xx mid-push, a dropped connection."""

from __future__ import annotations

import json

import pytest

import kgraph
from kgraph.cli.commands import main
from kgraph.remote.query import remote_query
from kgraph.sparql.lexer import reads_named_graphs
from kgraph.sparql.named import list_queries

from .servers import Proxy, free_port, oxigraph_server

pytestmark = pytest.mark.slow

# The store holds what was pushed in one graph: queries over the per-source named graphs are left out.
QUERIES = [q.name for q in list_queries() if not reads_named_graphs(q.text)]


@pytest.fixture(scope="module")
def oxigraph():
    """A real Oxigraph server on 127.0.0.1, stopped after the module."""
    with oxigraph_server() as url:
        yield url


@pytest.fixture(scope="module")
def pushed(oxigraph, graph):
    """The bundled graph pushed with the CLI into the server's default graph."""
    from click.testing import CliRunner

    result = CliRunner().invoke(main, ["push", "--endpoint", f"{oxigraph}/store", "--replace"])
    assert result.exit_code == 0, result.output
    return oxigraph


def _chunk_size(graph) -> int:
    return len(graph) // 4 + 1  # several requests for any size of the data


def _count(oxigraph: str, graph_iri: str | None = None) -> int:
    pattern = f"GRAPH <{graph_iri}> {{ ?s ?p ?o }}" if graph_iri else "?s ?p ?o"
    result = remote_query(f"{oxigraph}/query", f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")
    return int(result.rows[0][0])


def _push(runner, endpoint, *args, code=0):
    result = runner.invoke(main, ["push", "--endpoint", endpoint, *args])
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    return result


def _sorted(result) -> list:
    return sorted(result.records(), key=lambda r: json.dumps(r, sort_keys=True, default=str))


def test_push_reports_and_the_store_holds_the_graph(pushed, graph):
    assert _count(pushed) == len(graph)


@pytest.mark.parametrize("name", QUERIES)
def test_every_named_query_gives_the_same_answer_locally_and_on_oxigraph(pushed, graph, name):
    named = next(q for q in list_queries() if q.name == name)
    params = {p.name: p.example for p in named.parameters if p.required}
    local = kgraph.query(name, graph, **params)
    remote = remote_query(f"{pushed}/query", name, **params)
    assert remote.columns == local.columns
    assert _sorted(remote) == _sorted(local)


def test_stats_endpoint_on_oxigraph(runner, pushed):
    result = runner.invoke(main, ["stats", "--format", "json", "--endpoint", f"{pushed}/query"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == kgraph.stats()


def test_replace_twice_leaves_one_copy_in_a_named_graph(runner, oxigraph, graph):
    target = "https://w3id.org/kdrama-kg/test/replace"
    for _ in range(2):
        out = _push(runner, f"{oxigraph}/store", "--graph", target, "--replace", "--chunk-size", "500").stdout
        assert f"it now holds {len(graph)} triples" in out
    assert _count(oxigraph, target) == len(graph)


def test_push_without_replace_adds_to_the_graph(runner, oxigraph, graph):
    target = "https://w3id.org/kdrama-kg/test/add"
    _push(runner, f"{oxigraph}/store", "--graph", target)
    assert _count(oxigraph, target) == len(graph)


def test_unreachable_endpoint(runner):
    closed = f"http://127.0.0.1:{free_port()}/store"
    result = _push(runner, closed, "--replace", "--retries", "1", code=1)
    assert "cannot connect" in result.stderr and "after 2 attempts" in result.stderr


def test_401_is_not_retried_and_says_how_to_log_in(runner, oxigraph):
    with Proxy(oxigraph, lambda number, method: 401) as proxy:
        result = _push(runner, f"{proxy.url}/store", "--replace", code=1)
    assert "401 Unauthorized" in result.stderr and "--user" in result.stderr
    assert len(proxy.requests) == 1


def test_a_5xx_mid_push_is_retried_and_leaves_one_copy(runner, oxigraph, graph):
    target = "https://w3id.org/kdrama-kg/test/retried"
    plan = lambda number, method: 503 if number == 2 else "forward"  # noqa: E731
    with Proxy(oxigraph, plan) as proxy:
        out = _push(
            runner,
            f"{proxy.url}/store",
            "--graph",
            target,
            "--replace",
            "--chunk-size",
            str(_chunk_size(graph)),
        )
    assert "1 request(s) retried" in out.stdout
    assert [action for _method, action in proxy.requests].count(503) == 1
    assert _count(oxigraph, target) == len(graph)


def test_a_lasting_5xx_fails_clearly_and_pushing_again_leaves_one_copy(runner, oxigraph, graph):
    target = "https://w3id.org/kdrama-kg/test/failed"
    size = str(_chunk_size(graph))
    plan = lambda number, method: 500 if number >= 2 else "forward"  # noqa: E731
    with Proxy(oxigraph, plan) as proxy:
        result = _push(
            runner,
            f"{proxy.url}/store",
            "--graph",
            target,
            "--replace",
            "--chunk-size",
            size,
            "--retries",
            "2",
            code=1,
        )
    assert "chunk 2 of" in result.stderr and "500" in result.stderr and "after 3 attempts" in result.stderr
    assert 0 < _count(oxigraph, target) < len(graph)  # half pushed
    _push(runner, f"{oxigraph}/store", "--graph", target, "--replace", "--chunk-size", size)
    assert _count(oxigraph, target) == len(graph)


def test_a_dropped_connection_after_the_store_took_the_chunk_leaves_one_copy(runner, oxigraph, graph):
    target = "https://w3id.org/kdrama-kg/test/dropped"
    plan = lambda number, method: "forward-then-drop" if number == 3 else "forward"  # noqa: E731
    with Proxy(oxigraph, plan) as proxy:
        _push(
            runner,
            f"{proxy.url}/store",
            "--graph",
            target,
            "--replace",
            "--chunk-size",
            str(_chunk_size(graph)),
        )
    assert ("POST", "forward-then-drop") in proxy.requests
    assert _count(oxigraph, target) == len(graph)


def test_a_server_that_always_drops_the_connection(runner, oxigraph):
    with Proxy(oxigraph, lambda number, method: "drop") as proxy:
        result = _push(runner, f"{proxy.url}/store", "--replace", "--retries", "1", code=1)
    assert "dropped the connection" in result.stderr
    assert len(proxy.requests) == 2


def test_a_wrong_count_after_the_push_fails_loudly(runner, oxigraph, graph):
    target = "https://w3id.org/kdrama-kg/test/lost"
    plan = lambda number, method: 204 if number == 2 else "forward"  # noqa: E731 - chunk 2 is lost
    with Proxy(oxigraph, plan) as proxy:
        result = _push(
            runner,
            f"{proxy.url}/store",
            "--graph",
            target,
            "--replace",
            "--chunk-size",
            str(_chunk_size(graph)),
            code=1,
        )
    assert f"not the {len(graph)} sent" in result.stderr


def test_query_endpoint_against_a_401(runner, oxigraph):
    with Proxy(oxigraph, lambda number, method: 401) as proxy:
        result = runner.invoke(main, ["query", "confessions", "--endpoint", f"{proxy.url}/query"])
    assert result.exit_code == 1 and "401" in result.stderr


def test_basic_auth_and_token_are_sent(runner, oxigraph, monkeypatch):
    target = "https://w3id.org/kdrama-kg/test/auth"
    with Proxy(oxigraph, lambda number, method: "forward") as proxy:
        _push(
            runner, f"{proxy.url}/store", "--graph", target, "--replace", "--user", "me", "--password", "pw"
        )
        monkeypatch.setenv("KGRAPH_TOKEN", "t0ken")
        _push(runner, f"{proxy.url}/store", "--graph", target, "--replace")
    sent = {h.get("Authorization") for h in proxy.headers}
    assert "Bearer t0ken" in sent and "Basic bWU6cHc=" in sent


def test_progress_is_reported_chunk_by_chunk(oxigraph, graph):
    from kgraph.remote.push import push

    sent = []
    report = push(
        graph,
        f"{oxigraph}/store",
        graph_iri="https://w3id.org/kdrama-kg/test/progress",
        replace=True,
        chunk_size=_chunk_size(graph),
        progress=sent.append,
    )
    assert sum(sent) == len(graph) == report.count and len(sent) == report.chunks > 1


@pytest.mark.parametrize(
    "media,body",
    [
        (
            "application/n-triples",
            b'<http://e/a> <http://e/b> <http://e/c> .\n<http://e/a> <http://e/b> "d" .\n',
        ),
        ("text/turtle", b'@prefix e: <http://e/> .\ne:a e:b e:c, "d" .\n'),
    ],
)
def test_count_reads_what_the_store_sends_back(media, body):
    import httpx

    from kgraph.remote.push import count_triples

    transport = httpx.MockTransport(
        lambda request: httpx.Response(200, content=body, headers={"Content-Type": media})
    )
    with httpx.Client(transport=transport) as client:
        assert count_triples(client, "http://store.invalid/store") == 2


def test_the_read_backs_are_retried_too(runner, oxigraph, graph):
    target = "https://w3id.org/kdrama-kg/test/read-back"
    plan = lambda number, method: 503 if method == "GET" and number == 1 else "forward"  # noqa: E731
    with Proxy(oxigraph, plan) as proxy:
        _push(runner, f"{proxy.url}/store", "--graph", target)
    assert proxy.requests[0] == ("GET", 503) and proxy.requests[1] == ("GET", "forward")
    assert _count(oxigraph, target) == len(graph)


def test_a_blank_node_chunk_that_may_have_landed_is_not_sent_twice(runner, oxigraph, graph):
    target = "https://w3id.org/kdrama-kg/test/blank"
    # request 1 reads the graph's size; request 2 carries the triples with blank nodes
    plan = lambda number, method: "forward-then-drop" if number == 2 else "forward"  # noqa: E731
    with Proxy(oxigraph, plan) as proxy:
        result = _push(runner, f"{proxy.url}/store", "--graph", target, code=1)
    assert "dropped the connection during the upload of chunk 1" in result.stderr
    assert [method for method, _action in proxy.requests] == ["GET", "POST"]


EXACT = """@prefix : <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
:s :n 1, "01"^^xsd:integer, +1, 1.0, 1.000000000, "5"^^xsd:int, 1E0 ; :t "Kim Tae-ri"@en .
"""


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_push_sends_each_literal_as_written_to_a_store_that_keeps_values(runner, oxigraph, tmp_path, engine):
    from kgraph.store.oxigraph.files import count_by_value
    from kgraph.store.oxigraph.writing import serialize_files

    path = tmp_path / "exact.ttl"
    path.write_text(EXACT, encoding="utf-8")
    target = f"http://example.org/exact/{engine}"
    with Proxy(oxigraph, lambda number, method: "forward") as proxy:
        result = _push(
            runner,
            f"{proxy.url}/store",
            "--graph",
            target,
            "--replace",
            "--data",
            str(path),
            "--engine",
            engine,
        )
    sent = b"".join(
        body
        for (method, _), body in zip(proxy.requests, proxy.bodies, strict=True)
        if method in ("PUT", "POST")
    )
    assert set(serialize_files([path], "nt", prefixes={}).splitlines()) <= set(sent.splitlines())
    assert b'"01"^^<http://www.w3.org/2001/XMLSchema#integer>' in sent
    assert b'"1.000000000"^^<http://www.w3.org/2001/XMLSchema#decimal>' in sent
    # Oxigraph keeps literals by value: "01", +1 and 1 are one triple there, and so are 1.0 and 1.000000000
    held, lines = count_by_value(sent), len(sent.splitlines())
    assert lines - held == 3
    assert _count(oxigraph, target) == held
    assert f"it now holds {held} triples" in result.stdout
    assert "3 triple(s)" in result.stderr and "by value" in result.stderr
