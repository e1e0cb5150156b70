"""The kgraph command line, driven through click's runner; outputs are parsed, not grepped."""

from __future__ import annotations

import csv
import io
import json

import pytest
from rdflib import RDF, SKOS, Graph
from rdflib.compare import isomorphic

import kgraph
from kgraph.cli.commands import main
from kgraph.namespaces import KD

from .conftest import FIXTURES

MINIMAL = str(FIXTURES / "valid" / "minimal.ttl")
COMMANDS = main.list_commands(None)
DRAMAS = len(set(kgraph.load().subjects(RDF.type, KD.Drama)))


def _run(runner, *args, code=0):
    result = runner.invoke(main, list(args))
    assert result.exit_code == code, (result.output, result.stderr if hasattr(result, "stderr") else "")
    return result


def test_stats_json(runner):
    numbers = json.loads(_run(runner, "stats", "--format", "json").stdout)
    assert numbers["classes"]["kd:Drama"] == DRAMAS
    scenes = numbers["classes"]["kd:ConfessionScene"]
    levels = ("multiple_source_scenes", "single_source_scenes", "disputed_scenes")
    assert sum(numbers[level] for level in levels) == scenes
    assert numbers["triples"] == len(kgraph.load())
    assert numbers["sources"] == numbers["classes"]["kd:Source"]


def test_stats_text(runner):
    lines = dict(line.split(": ", 1) for line in _run(runner, "stats").stdout.splitlines())
    assert lines["kd:Drama"] == str(DRAMAS)


@pytest.mark.validates_bundle
def test_validate_bundled_conforms(runner):
    result = _run(runner, "validate", "--format", "json")
    assert json.loads(result.stdout)["conforms"] is True


def test_validate_reports_located_results_and_exit_1(runner, tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text((FIXTURES / "invalid" / "Drama-koreanTitle.ttl").read_text(encoding="utf-8"))
    result = _run(runner, "validate", "--data", MINIMAL, "--data", str(broken), "--format", "json", code=1)
    payload = json.loads(result.stdout)
    assert payload["conforms"] is False
    (found,) = payload["results"]
    assert found["file"].endswith("broken.ttl") and found["line"] > 0
    assert found["focus"] == "kdr:broken-drama"
    assert found["path"] == "schema:name"
    assert found["severity"] == "violation"
    assert found["rule"] == "kds:Drama-koreanTitle"
    assert "Korean title" in found["message"]


def test_validate_text_names_file_line_and_fix(runner, tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text((FIXTURES / "invalid" / "Drama-koreanTitle.ttl").read_text(encoding="utf-8"))
    text = _run(runner, "validate", "--data", MINIMAL, "--data", str(broken), code=1).stdout
    first = text.splitlines()[0]
    assert "broken.ttl:" in first and "kdr:broken-drama" in first and "Hangul" in first


@pytest.mark.slow  # pySHACL on the whole graph and the file
def test_validate_add_checks_a_file_beside_the_bundled_data(runner, tmp_path):
    new = tmp_path / "new.ttl"
    new.write_text(
        "@prefix kd: <https://w3id.org/kdrama-kg/ontology#> .\n"
        "@prefix kdr: <https://w3id.org/kdrama-kg/resource/> .\n"
        "@prefix schema: <https://schema.org/> .\n"
        "kdr:run-on.new-character a kd:Character ;\n"
        '    schema:name "New Character"@en ;\n'
        "    kd:drama kdr:run-on .\n"
    )
    payload = json.loads(_run(runner, "validate", "--add", str(new), "--format", "json", code=1).stdout)
    (found,) = [r for r in payload["results"] if r["severity"] == "violation"]
    assert found["rule"] == "check:character-without-role" and found["file"].endswith("new.ttl")
    assert found["line"] == 4


def test_data_and_add_together_are_refused(runner):
    result = _run(runner, "stats", "--data", MINIMAL, "--add", MINIMAL, code=2)
    assert "not both" in result.stderr


@pytest.mark.validates_bundle
def test_validate_turtle_report_parses(runner):
    result = _run(runner, "validate", "--format", "turtle")
    assert len(Graph().parse(data=result.stdout, format="turtle")) > 0


def test_validate_could_not_run_exits_2(runner, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:d ex:e "open .\n')
    result = _run(runner, "validate", "--data", str(bad), code=2)
    assert "bad.ttl:3" in result.stderr
    assert "Traceback" not in result.output


def test_queries_lists_names_and_parameters(runner):
    rows = json.loads(_run(runner, "queries", "--format", "json").stdout)
    by_name = {r["name"]: r for r in rows}
    assert "confessions" in by_name
    assert by_name["actor-roles"]["parameters"] == "actor=kdr:kim-tae-ri"


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "jsonl", "table"])
def test_query_formats(runner, fmt):
    out = _run(runner, "query", "confessions", "--format", fmt).stdout
    scenes = {r["scene"] for r in kgraph.query("confessions").records()}
    if fmt in ("csv", "tsv"):
        rows = list(csv.DictReader(io.StringIO(out), delimiter="," if fmt == "csv" else "\t"))
        assert {r["scene"] for r in rows} == scenes
    elif fmt == "json":
        assert {r["scene"] for r in json.loads(out)} == scenes
    elif fmt == "jsonl":
        assert {json.loads(line)["scene"] for line in out.splitlines()} == scenes
    else:
        assert out.splitlines()[0].split()[:2] == ["scene", "drama"]
        assert out.rstrip().endswith(f"({len(scenes)} rows)")


def test_query_defaults_to_csv_when_piped(runner):
    out = _run(runner, "query", "dramas-by-network").stdout
    assert out.splitlines()[0] == "network_name,year,drama,episodes"


def test_query_parameter_by_name(runner):
    out = _run(runner, "query", "actor-roles", "-p", "actor=kim tae-ri", "--format", "json").stdout
    assert "Na Hee-do" in {row["character_name"] for row in json.loads(out)}


def test_query_file_and_sparql_text(runner, tmp_path):
    path = tmp_path / "count.rq"
    path.write_text("SELECT (COUNT(?d) AS ?n) WHERE { ?d a kd:Drama }\n")
    assert json.loads(_run(runner, "query", str(path), "--format", "json").stdout) == [{"n": DRAMAS}]
    text = "SELECT ?t WHERE { ?d a kd:Drama ; schema:name ?t . FILTER(LANG(?t) = 'ko') } ORDER BY ?t"
    rows = json.loads(_run(runner, "query", "--sparql", text, "--format", "json").stdout)
    assert len(rows) == DRAMAS


def test_query_output_file_is_written(runner, tmp_path):
    target = tmp_path / "rows.json"
    _run(runner, "query", "trope-frequency", "--format", "json", "-o", str(target))
    printed = json.loads(_run(runner, "query", "trope-frequency", "--format", "json").stdout)
    assert json.loads(target.read_text(encoding="utf-8")) == printed
    assert len(printed) == len(set(kgraph.load().subjects(SKOS.inScheme, KD.TropeScheme)))


def test_query_on_user_data(runner):
    rows = json.loads(_run(runner, "query", "confessions", "--data", MINIMAL, "--format", "json").stdout)
    assert [r["scene"] for r in rows] == ["kdr:example-drama.confession-1"]


@pytest.mark.parametrize(  # every format's round trip is in test_export; the command's wiring once here
    "fmt,parse_as",
    [
        ("turtle", "turtle"),
        pytest.param("nt", "nt", marks=pytest.mark.slow),
        pytest.param("json-ld", "json-ld", marks=pytest.mark.slow),
        pytest.param("xml", "xml", marks=pytest.mark.slow),
    ],
)
def test_export_round_trips(runner, tmp_path, fmt, parse_as):
    target = tmp_path / f"graph.{fmt}"
    _run(runner, "export", "--format", fmt, "-o", str(target))
    assert isomorphic(Graph().parse(target, format=parse_as), kgraph.load())


def test_show_person_card(runner):
    out = _run(runner, "show", "kim tae-ri").stdout
    assert out.startswith("Kim Tae-ri  (kdr:kim-tae-ri, kd:Person)")
    assert "Twenty-Five Twenty-One: Kim Tae-ri as Na Hee-do (lead)" in out
    assert "Nam Joo-hyuk" in out.split("Co-stars:")[1]


def test_show_in_korean_and_by_curie(runner):
    assert _run(runner, "show", "김태리").stdout == _run(runner, "show", "kdr:kim-tae-ri").stdout


def test_show_drama_and_scene_cards(runner):
    drama = _run(runner, "show", "Run On").stdout
    assert "Im Si-wan as Ki Seon-gyeom (lead)" in drama and "kdr:run-on.confession-1" in drama
    scene = _run(runner, "show", "kdr:run-on.confession-1").stdout
    assert "You taught me everything" in scene and "single source" in scene


def test_show_ambiguous_lists_candidates(runner):
    result = _run(runner, "show", "park bo", code=1)
    assert "kdr:park-bo-young" in result.stderr and "kdr:park-bo-mi" in result.stderr


def test_show_unknown_suggests(runner):
    result = _run(runner, "show", "Kim Tae-rii", code=1)
    assert "did you mean Kim Tae-ri" in result.stderr


@pytest.mark.parametrize("kind", ["costar", "trope", "trope-bipartite", "confession", "drama-actor", "rdf"])
def test_graph_command_writes_graphml(runner, tmp_path, kind):
    import networkx as nx

    target = tmp_path / f"{kind}.graphml"
    _run(runner, "graph", kind, "-o", str(target))
    assert nx.read_graphml(target).number_of_nodes() > 0


# Bad input: a short error on stderr, a non-zero exit, no traceback, no half-written file.
BAD_INPUTS = [
    (["stats", "--data", "no/such/file.ttl"], 1, "no such file"),
    (["query", "confesions"], 1, "did you mean confessions"),
    (["query", "actor-roles"], 1, "needs the parameter 'actor'"),
    (["query", "actor-roles", "-p", "actor=kdr:kim-tae-ri", "-p", "year=1"], 1, "has no parameter 'year'"),
    (["query", "actor-roles", "-p", "actor"], 2, "KEY=VALUE"),
    (["query", "--sparql", "SELECT ?s WHERE { ?s ?p }"], 1, "query:1:"),
    (["query", "missing.rq"], 1, "no such query file"),
    (["export", "--format", "yaml"], 2, "'yaml' is not one of"),
    (["export", "-o", "no/such/folder/out.ttl"], 1, "does not exist"),
    (["graph", "costar", "--format", "dot"], 2, "'dot' is not one of"),
    (["graph", "costar", "-o", "no/such/folder/costar.png"], 1, "does not exist"),
    (["graph", "trope", "--billing", "lead"], 2, "--billing applies to the costar and drama-actor"),
    (["graph", "costar", "--by", "drama"], 2, "--by applies to the trope graphs"),
    (["analyze", "confession"], 2, "'confession' is not one of"),
    (["query"], 2, "give a query NAME"),
    (["plot", "bogus", "-o", "x.png"], 2, "'bogus' is not one of"),
    (["plot", "tropes", "-o", "tropes.jpg"], 2, "tropes.jpg: a chart is written as FILE.png or FILE.svg"),
    (["plot", "tropes", "-o", "no/such/folder/tropes.png"], 1, "does not exist"),
    (["plot", "outcomes", "--top", "3", "-o", "x.png"], 2, "--top applies to the tropes chart"),
    (["plot", "outcomes"], 2, "Missing option '-o'"),
]


@pytest.mark.parametrize(
    "args,code,message", BAD_INPUTS, ids=lambda v: " ".join(v) if isinstance(v, list) else ""
)
def test_bad_input_gives_a_short_error(runner, args, code, message):
    result = _run(runner, *args, code=code)
    assert message in result.stderr
    assert "Traceback" not in result.output and len(result.stderr.splitlines()) <= 4


def test_malformed_turtle_names_file_and_line(runner, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <http://example.org/> .\n\nex:a ex:b .\n")
    result = _run(runner, "stats", "--data", str(bad), code=1)
    assert f"{bad}:3: not valid RDF" in result.stderr


def test_output_is_not_left_half_written(runner, tmp_path, monkeypatch):
    target = tmp_path / "out.ttl"
    target.write_text("previous content")

    def explode(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", explode)
    result = _run(runner, "export", "-o", str(target), code=1)
    assert "No space left on device" in result.stderr
    assert target.read_text() == "previous content"
    assert [p.name for p in tmp_path.iterdir()] == ["out.ttl"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(runner, command):
    out = _run(runner, command, "--help").stdout
    assert "Example:" in out and f"kgraph {command}" in out


def test_analyze_json_agrees_with_the_library(runner):
    report = json.loads(_run(runner, "analyze", "costar", "--format", "json", "--top", "3").stdout)
    expected = kgraph.analyze("costar", top=3)
    assert report["components"] == expected.components
    assert [r["id"] for r in report["degree"]] == [r.id for r in expected.degree]
    assert len(report["betweenness"]) == 3


def test_analyze_text_and_trope_by_drama(runner):
    assert _run(runner, "analyze").stdout.startswith("costar graph: ")
    assert "seen together most often" in _run(runner, "analyze", "trope", "--by", "drama").stdout


def test_graph_picture_and_leads_only(runner, tmp_path):
    import networkx as nx

    pytest.importorskip("matplotlib")
    _run(runner, "graph", "costar", "-o", str(tmp_path / "costar.png"))
    assert (tmp_path / "costar.png").read_bytes().startswith(b"\x89PNG")
    _run(runner, "graph", "costar", "--billing", "lead", "-o", str(tmp_path / "leads.gexf"))
    leads = nx.read_gexf(tmp_path / "leads.gexf")
    assert leads.number_of_nodes() == kgraph.costar_graph(billing="lead").number_of_nodes()


@pytest.mark.parametrize("name", ["graph", "stream", "timeout", "params"])
def test_a_parameter_may_be_named_like_an_argument_of_the_library(runner, name):
    text = f"SELECT ?d WHERE {{ ?d a kd:Drama ; schema:name ?{name} }}"
    result = _run(runner, "query", "--sparql", text, "-p", f'{name}="Run On"@en', "--format", "csv")
    assert result.stdout.splitlines() == ["d", "kdr:run-on"]


def test_a_query_calling_another_endpoint_needs_allow_service(runner, listener):
    text = f"SELECT * WHERE {{ SERVICE <{listener.base}sparql> {{ ?s ?p ?o }} }}"
    refused = _run(runner, "query", "--sparql", text, code=1)
    assert "pass --allow-service" in refused.stderr
    assert not listener.called()  # refused before anything was sent


def test_allow_service_lets_the_query_run(runner):
    import socket

    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]  # nothing listens there once the socket is closed
    text = f"SELECT * WHERE {{ SERVICE SILENT <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
    result = _run(runner, "query", "--allow-service", "--sparql", text, "--format", "csv")
    assert result.stdout.splitlines()[0] == "o,p,s"


def test_a_reader_that_stops_early_gets_no_error(tmp_path):
    """`kgraph export | head -1`: the pipe closes under a long write, and kgraph stops quietly."""
    import subprocess
    import sys

    command = [sys.executable, "-m", "kgraph", "export", "--format", "nt"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path)
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline().endswith(b" .\n")
    process.stdout.close()  # far less than the export is read
    errors = process.stderr.read().decode()
    assert process.wait(timeout=60) in (0, 141), errors
    assert errors == ""
