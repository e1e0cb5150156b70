"""kgraph serve: the SPARQL 1.1 Protocol, content negotiation, and the safety rules, on a real server."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET

import httpx
import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

import kgraph
from kgraph.namespaces import curie
from kgraph.remote.query import remote_query
from kgraph.sparql.binding import standalone_text
from kgraph.sparql.named import list_queries

from .conftest import FIXTURES
from .servers import free_port, kgraph_endpoint

# every test here but one talks to a real server with worker processes
pytestmark = pytest.mark.slow

QUERIES = [q.name for q in list_queries()]
TIMEOUT = 3.0
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
DRAMAS = "SELECT ?d ?t WHERE { ?d a kd:Drama ; schema:name ?t . FILTER (LANG(?t) = 'en') } ORDER BY ?t"
SCENE = "kdr:run-on.confession-1"


@pytest.fixture(scope="module")
def endpoint(graph):
    # the largest answer allowed: half the graph, far more than any named query returns
    limit = len(graph.serialize(format="nt", encoding="utf-8")) // 2
    with kgraph_endpoint(graph, workers=1, timeout=TIMEOUT, max_bytes=limit) as url:
        yield url


def _examples(name: str) -> dict:
    named = next(q for q in list_queries() if q.name == name)
    return {p.name: p.example for p in named.parameters if p.required}


def _rows(result) -> list:
    return sorted(result.records(), key=lambda r: json.dumps(r, sort_keys=True, default=str))


@pytest.mark.parametrize("name", QUERIES)
def test_every_named_query_gives_the_local_answer(endpoint, graph, name):
    params = _examples(name)
    local = kgraph.query(name, graph, **params)
    served = remote_query(endpoint, name, **params)
    assert served.columns == local.columns
    assert _rows(served) == _rows(local)


def test_get_form_post_and_query_post_agree(endpoint):
    text = standalone_text(DRAMAS)
    answers = [
        httpx.get(endpoint, params={"query": text}),
        httpx.post(endpoint, data={"query": text}),
        httpx.post(endpoint, content=text.encode(), headers={"Content-Type": "application/sparql-query"}),
    ]
    assert [a.status_code for a in answers] == [200, 200, 200]
    bodies = [a.json() for a in answers]
    assert bodies[0] == bodies[1] == bodies[2]
    titles = [b["t"]["value"] for b in bodies[0]["results"]["bindings"]]
    assert titles == sorted(titles) and len(titles) == kgraph.stats()["classes"]["kd:Drama"]


@pytest.mark.parametrize(
    "accept,media",
    [
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("text/csv;q=0.2, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
        ("*/*", "application/sparql-results+json"),
    ],
)
def test_select_results_by_accept_header(endpoint, accept, media):
    answer = httpx.get(endpoint, params={"query": DRAMAS}, headers={"Accept": accept})
    assert answer.status_code == 200
    assert answer.headers["content-type"].split(";")[0] == media
    expected = [t for t in kgraph.query(DRAMAS).column("t")]
    if media.endswith("json"):
        titles = [b["t"]["value"] for b in answer.json()["results"]["bindings"]]
    elif media.endswith("xml"):
        ns = {"r": "http://www.w3.org/2005/sparql-results#"}
        document = ET.fromstring(answer.content)  # noqa: S314 - the answer of our own test server
        titles = [e.text for e in document.findall(".//r:binding[@name='t']/r:literal", ns)]
    elif media == "text/csv":
        titles = [row["t"] for row in csv.DictReader(io.StringIO(answer.text))]
    else:
        rows = [line.split("\t") for line in answer.text.splitlines()]
        assert rows[0] == ["?d", "?t"]
        titles = [re.fullmatch(r'"(.*)"@en', row[1]).group(1) for row in rows[1:]]
    assert titles == expected


def test_format_parameter_overrides_accept(endpoint):
    answer = httpx.get(endpoint, params={"query": DRAMAS, "format": "csv"}, headers={"Accept": "text/turtle"})
    assert answer.headers["content-type"].startswith("text/csv")


@pytest.mark.parametrize(
    "accept,parse_as",
    [("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld")],
)
def test_construct_and_describe_by_accept_header(endpoint, graph, accept, parse_as):
    construct = f"CONSTRUCT WHERE {{ {SCENE} ?p ?o }}"
    local = kgraph.query(construct, graph)
    for text in (construct, f"DESCRIBE {SCENE}"):
        answer = httpx.post(endpoint, data={"query": text}, headers={"Accept": accept})
        assert answer.status_code == 200 and answer.headers["content-type"].startswith(accept)
        assert isomorphic(Graph().parse(data=answer.content, format=parse_as), local)


def test_ask(endpoint):
    answer = httpx.get(endpoint, params={"query": f"ASK {{ {SCENE} a kd:ConfessionScene }}"})
    assert answer.json()["boolean"] is True


def test_service_description(endpoint):
    answer = httpx.get(endpoint, headers={"Accept": "text/turtle"})
    assert answer.status_code == 200
    description = Graph().parse(data=answer.text, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    rows = description.query(f"SELECT ?e WHERE {{ ?s a <{sd}Service> ; <{sd}endpoint> ?e }}")
    assert [str(r[0]) for r in rows] == [endpoint]
    jsonld = httpx.get(endpoint, headers={"Accept": "application/ld+json"})
    assert isomorphic(Graph().parse(data=jsonld.content, format="json-ld"), description)


def test_service_description_survives_a_hostile_host_header(endpoint):
    answer = httpx.get(
        endpoint, headers={"Accept": "text/turtle", "Host": 'x> . <http://e/a> <http://e/b> "c'}
    )
    assert answer.status_code == 200
    assert len(Graph().parse(data=answer.text, format="turtle")) > 0
    assert "http://e/a>" not in answer.text


def test_browser_page_offers_every_named_query_and_each_runs(endpoint):
    page = httpx.get(endpoint.removesuffix("sparql"), headers={"Accept": "text/html"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    examples = json.loads(
        re.search(r'<script type="application/json" id="named">(.*?)</script>', page.text, re.S)[1]
    )
    assert [e["name"] for e in examples] == QUERIES
    for example in examples:
        assert httpx.post(endpoint, data={"query": example["query"]}).status_code == 200, example["name"]
    assert "<textarea" in httpx.get(endpoint, headers={"Accept": "text/html"}).text


UPDATES = [
    {"data": {"update": "INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }"}},
    {
        "content": b"CLEAR DEFAULT",
        "headers": {"Content-Type": "application/sparql-update"},
    },
    {"data": {"query": "INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }"}},
    {"data": {"query": "PREFIX e: <http://e/> LOAD <http://127.0.0.1:9/data.ttl>"}},
    {"data": {"query": "# comment\nCLEAR ALL"}},
    {"data": {"query": "DROP DEFAULT"}},
]


@pytest.mark.parametrize("request_kwargs", UPDATES, ids=lambda k: str(k)[:60])
def test_updates_are_refused_and_change_nothing(endpoint, graph, request_kwargs):
    answer = httpx.post(endpoint, **request_kwargs)
    assert answer.status_code == 403
    assert "read-only" in answer.text
    count = httpx.get(endpoint, params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}).json()
    assert int(count["results"]["bindings"][0]["n"]["value"]) == len(graph)


def test_update_path_is_refused(endpoint):
    assert httpx.post(endpoint.replace("/sparql", "/update"), data={"update": "CLEAR ALL"}).status_code == 403


SERVICE_QUERIES = [
    "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "select * where {{ service silent <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
    "SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ BIND (<{url}> AS ?u) SERVICE ?u {{ ?s ?p ?o }} }}",
    "# a comment\nASK {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    # an escape in an IRI must not make the rest of the line look like a comment
    "SELECT * WHERE {{ <http://e/\\u0041#x> ?p ?o . SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?s ?p '\\u0027' . SERVICE <{url}> {{ ?s ?p ?o }} }}",
]


@pytest.mark.parametrize("template", SERVICE_QUERIES)
def test_service_calls_are_refused_and_make_no_connection(endpoint, template):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.settimeout(1.5)
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
    connections = []

    def accept():
        with contextlib.suppress(OSError):  # the listener timed out or was closed: no connection
            connections.append(listener.accept())

    watcher = threading.Thread(target=accept)
    watcher.start()
    try:
        answer = httpx.post(endpoint, data={"query": template.format(url=url)}, timeout=10)
        watcher.join()
    finally:
        listener.close()
    assert answer.status_code == 403 and "SERVICE" in answer.text
    assert connections == []


@pytest.mark.parametrize(
    "text",
    [
        'SELECT ?service WHERE { ?service ?p "SERVICE" }',
        "SELECT * WHERE { <http://e/SERVICE> ?p ?o } # SERVICE <http://e/>",
        "PREFIX service: <http://e/> SELECT * WHERE { ?s service:x ?o }",
        "SELECT * WHERE { ?s ?p ?o . FILTER (?o < 3 || ?o > 5) } LIMIT 1",
    ],
)
def test_the_word_service_elsewhere_is_harmless(endpoint, text):
    assert httpx.post(endpoint, data={"query": text}).status_code == 200


@pytest.mark.parametrize(
    "text,where",
    [("SELECT * WHERE { ?s ?p }", "1:"), ("SELECT ?x WHERE {\n  ?x a kd:Drama .\n  FILTER (\n}", "4:")],
)
def test_malformed_query_gets_400_with_the_parser_message(endpoint, text, where):
    answer = httpx.post(endpoint, data={"query": text})
    assert answer.status_code == 400
    assert answer.text.startswith("malformed query: error at " + where)


def test_query_over_the_time_limit_is_stopped_and_the_server_goes_on(endpoint):
    answer = httpx.get(endpoint, params={"query": HEAVY}, timeout=30)
    assert answer.status_code == 503
    assert f"limit is {TIMEOUT:g} s" in answer.text
    assert httpx.get(endpoint, params={"query": DRAMAS}, timeout=30).status_code == 200


def test_answer_over_the_size_limit_gets_422(endpoint):
    answer = httpx.get(endpoint, params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert answer.status_code == 422 and "limit" in answer.text
    everything = {"query": "CONSTRUCT WHERE { ?s ?p ?o }", "format": "nt"}
    construct = httpx.get(endpoint, params=everything)
    assert construct.status_code == 422


@pytest.mark.parametrize(
    "method,kwargs,status",
    [
        ("PUT", {"content": b"x"}, 405),
        ("POST", {"content": b"x", "headers": {"Content-Type": "text/plain"}}, 415),
        ("GET", {"params": [("query", "ASK {}"), ("query", "ASK {}")]}, 400),
        ("GET", {"params": {"query": "ASK {}", "default-graph-uri": "http://e/g"}}, 400),
    ],
)
def test_other_bad_requests(endpoint, method, kwargs, status):
    assert httpx.request(method, endpoint, **kwargs).status_code == status


@pytest.mark.slow
def test_kgraph_serve_binds_to_loopback_and_answers_curl(tmp_path):
    process = subprocess.Popen(
        [sys.executable, "-m", "kgraph", "serve", "--port", "0", "--workers", "1"],
        cwd=tmp_path,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stderr.readline()
        url = re.search(r"at (http://\S+/sparql)", line)[1]
        assert url.startswith("http://127.0.0.1:")
        text = standalone_text("confessions")
        if shutil.which("curl"):
            command = ["curl", "-sf", "-H", "Accept: text/csv", "--data-urlencode", f"query={text}", url]
            body = subprocess.run(command, capture_output=True, text=True, check=True, timeout=30).stdout
        else:
            body = httpx.post(url, data={"query": text}, headers={"Accept": "text/csv"}).text
        scenes = {curie(URIRef(row["scene"])) for row in csv.DictReader(io.StringIO(body))}
        assert scenes == {r["scene"] for r in kgraph.query("confessions")}
    finally:
        process.terminate()
        process.wait(15)
    assert process.returncode in (0, -signal.SIGTERM)  # uvicorn stops, then re-raises the signal


@pytest.mark.slow
def test_kgraph_serve_data_serves_those_files_and_its_limits_apply(tmp_path):
    minimal = FIXTURES / "valid" / "minimal.ttl"
    command = [
        sys.executable,
        "-m",
        "kgraph",
        "serve",
        "--port",
        "0",
        "--workers",
        "1",
        "--data",
        str(minimal),
    ]
    command += ["--timeout", "1", "--max-result-bytes", "2000"]
    process = subprocess.Popen(command, cwd=tmp_path, stderr=subprocess.PIPE, text=True)
    try:
        url = re.search(r"at (http://\S+/sparql)", process.stderr.readline())[1]
        count = httpx.get(url, params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}).json()
        assert int(count["results"]["bindings"][0]["n"]["value"]) == len(kgraph.load([minimal]))
        assert httpx.get(url, params={"query": "SELECT * WHERE { ?s ?p ?o }"}).status_code == 422
        assert httpx.get(url, params={"query": HEAVY}, timeout=30).status_code == 503
    finally:
        process.terminate()
        process.wait(15)


@pytest.mark.parametrize("name", ["confessions", "actor-roles", "trope-frequency"])
def test_cli_query_endpoint_prints_what_the_local_query_prints(runner, endpoint, name):
    from kgraph.cli.commands import main

    args = ["query", name, "--format", "json"] + [f"-p{k}={v}" for k, v in _examples(name).items()]
    local = runner.invoke(main, args)
    remote = runner.invoke(main, [*args, "--endpoint", endpoint])
    assert remote.exit_code == 0, remote.output
    key = lambda r: json.dumps(r, sort_keys=True)  # noqa: E731
    assert sorted(json.loads(remote.stdout), key=key) == sorted(json.loads(local.stdout), key=key)


def test_cli_stats_endpoint_counts_what_local_stats_counts(runner, endpoint):
    from kgraph.cli.commands import main

    remote = runner.invoke(main, ["stats", "--format", "json", "--endpoint", endpoint])
    assert remote.exit_code == 0, remote.output
    assert json.loads(remote.stdout) == kgraph.stats()


def test_cli_query_endpoint_errors_are_one_clear_line(runner, endpoint):
    from kgraph.cli.commands import main

    closed = f"http://127.0.0.1:{free_port()}/sparql"
    result = runner.invoke(main, ["query", "confessions", "--endpoint", closed])
    assert result.exit_code == 1 and "cannot connect" in result.stderr and "Traceback" not in result.output
    bad = runner.invoke(main, ["query", "--sparql", "SELECT * WHERE { ?s ?p }", "--endpoint", endpoint])
    assert bad.exit_code == 1 and "400 Bad Request: malformed query" in bad.stderr


def test_serve_on_a_taken_port_says_so(runner):
    from kgraph.cli.commands import main

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = runner.invoke(main, ["serve", "--port", str(port), "--workers", "1"])
    assert result.exit_code == 1
    assert f"cannot serve on 127.0.0.1:{port}" in result.stderr and "Traceback" not in result.output


def test_a_query_that_finds_no_free_worker_in_time_gets_503(graph):
    from kgraph.namespaces import PREFIXES
    from kgraph.serve.pool import QueryPool

    prefixes = {name: str(ns) for name, ns in PREFIXES.items()}
    pool = QueryPool(
        graph.serialize(format="nt", encoding="utf-8"), workers=1, timeout=2, wait=0.3, prefixes=prefixes
    )
    try:
        busy = threading.Thread(target=pool.run, args=(HEAVY,))
        busy.start()
        deadline = time.monotonic() + 10
        while not pool.running and time.monotonic() < deadline:  # the heavy query takes the worker
            time.sleep(0.01)
        answer = pool.run(DRAMAS)
        busy.join()
        assert answer.status == 503 and b"busy" in answer.body
        pool.wait = 60  # long enough for the worker that replaces the stopped one to start
        assert pool.run(DRAMAS).status == 200
    finally:
        pool.close()


def test_cli_query_endpoint_ask_and_construct(runner, endpoint, graph):
    from kgraph.cli.commands import main

    ask = runner.invoke(
        main, ["query", "--sparql", f"ASK {{ {SCENE} a kd:ConfessionScene }}", "--endpoint", endpoint]
    )
    assert ask.exit_code == 0 and ask.stdout == "true\n"
    construct = f"CONSTRUCT WHERE {{ {SCENE} ?p ?o }}"
    result = runner.invoke(main, ["query", "--sparql", construct, "--endpoint", endpoint])
    assert result.exit_code == 0, result.output
    assert isomorphic(Graph().parse(data=result.stdout, format="turtle"), kgraph.query(construct, graph))
