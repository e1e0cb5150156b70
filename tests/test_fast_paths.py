"""The shortcuts taken on Oxigraph give exactly what the general code gives.

Query rows read straight from Oxigraph's terms, networks built by joining in the store's own
terms, labels found in one pass, and output written in pieces: each is compared with the plain
rdflib path on the bundled graph and on a synthetic one large enough to take the shortcut.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

import kgraph
from kgraph.cli.output import ROW_FORMATS, render_rows, stream_rows
from kgraph.describe.entities import ONE_PASS_LABELS, label, labels
from kgraph.errors import OutputError
from kgraph.files import write_atomic
from kgraph.networks import builders, files
from kgraph.sparql.results import QueryResult, native_plain, plain
from kgraph.store import oxigraph as engines
from kgraph.store.oxigraph import from_oxigraph, to_oxigraph
from kgraph.store.oxigraph.terms import ox
from kgraph.synth.generate import synthetic_ntriples

BUILDERS = {
    "costar": lambda g: kgraph.costar_graph(g),
    "costar-lead": lambda g: kgraph.costar_graph(g, billing="lead"),
    "costar-lead-supporting": lambda g: kgraph.costar_graph(g, billing=["lead", "supporting"]),
    "drama-actor": lambda g: builders.drama_actor_graph(g),
    "trope": lambda g: builders.trope_graph(g),
    "trope-bipartite": lambda g: builders.trope_bipartite_graph(g),
    "confession": lambda g: builders.confession_graph(g),
}


@pytest.fixture(scope="module")
def graph():
    """The bundled graph on rdflib's memory store, to hold the Oxigraph engine's answers against."""
    return kgraph.load(engine="rdflib")


@pytest.fixture(scope="module")
def oxigraph():
    return kgraph.load(engine="oxigraph")


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """A synthetic graph of 150 dramas in both engines."""
    path = tmp_path_factory.mktemp("synthetic") / "synthetic.nt"
    path.write_text("\n".join(synthetic_ntriples(150, seed=3)) + "\n", encoding="utf-8")
    return kgraph.load([path], engine="rdflib"), kgraph.load([path], engine="oxigraph")


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_every_network_is_the_same_file_on_both_engines(graph, oxigraph, name):
    ours, theirs = BUILDERS[name](oxigraph), BUILDERS[name](graph)
    assert ours.number_of_edges(), "an empty network proves nothing"
    assert files.graph_bytes(ours, "graphml") == files.graph_bytes(theirs, "graphml")


@pytest.mark.parametrize("name", ["costar", "costar-lead", "drama-actor"])
@pytest.mark.parametrize("one_pass", [1, 10**9], ids=["labels-in-one-pass", "labels-one-by-one"])
def test_synthetic_networks_are_the_same_file_on_both_engines(synthetic, name, one_pass, monkeypatch):
    monkeypatch.setattr("kgraph.describe.entities.ONE_PASS_LABELS", one_pass)
    plain_graph, oxigraph_graph = synthetic
    ours, theirs = BUILDERS[name](oxigraph_graph), BUILDERS[name](plain_graph)
    assert ours.number_of_nodes() > 100
    assert files.graph_bytes(ours, "graphml") == files.graph_bytes(theirs, "graphml")


def test_labels_in_one_pass_equal_labels_one_by_one(oxigraph):
    nodes = set(oxigraph.subjects()) | {Literal("a literal labels itself")}
    assert len(nodes) >= ONE_PASS_LABELS
    assert labels(nodes, oxigraph) == {node: label(node, oxigraph) for node in nodes}
    assert labels(nodes, oxigraph, lang="ko") == {node: label(node, oxigraph, "ko") for node in nodes}


def test_korean_names_in_one_pass_equal_the_lookup(oxigraph):
    actors = {actor for _, actor, *_ in builders._roles(oxigraph)}
    found = builders._korean_names(actors, oxigraph)
    assert found and found == {
        a: builders._korean(a, oxigraph) for a in actors if builders._korean(a, oxigraph)
    }


def test_the_store_pairs_are_rdflibs_pairs(graph, oxigraph):
    from kgraph.namespaces import SCHEMA

    assert set(engines.subject_objects(oxigraph, SCHEMA.name)) == set(graph.subject_objects(SCHEMA.name))
    assert set(engines.subject_objects(graph, SCHEMA.name, native=True)) == set(
        graph.subject_objects(SCHEMA.name)
    )


LITERALS = [
    Literal("Run On"),
    Literal("런 온", lang="ko"),
    Literal("16", datatype=XSD.integer),
    Literal("016", datatype=XSD.integer),
    Literal("2.50", datatype=XSD.decimal),
    Literal("1.5e3", datatype=XSD.double),
    Literal("true", datatype=XSD.boolean),
    Literal("1", datatype=XSD.boolean),
    Literal("2020-12-16", datatype=XSD.date),
    Literal("2020", datatype=XSD.gYear),
    Literal("sixteen", datatype=XSD.integer),  # ill-formed: stays text
    Literal("x", datatype=URIRef("http://example.org/type")),
    URIRef("https://w3id.org/kdrama-kg/resource/run-on"),
    URIRef("http://example.org/no-prefix"),
    BNode("b0"),
]


@pytest.mark.parametrize("term", LITERALS, ids=lambda t: t.n3())
def test_plain_values_from_oxigraph_terms_equal_rdflibs(term):
    native = to_oxigraph(term)
    assert from_oxigraph(native) == term
    assert native_plain(native) == plain(term)
    assert type(native_plain(native)) is type(plain(term))


# Lexical forms as a file may write them: the plain value read without rdflib must be rdflib's.
LEXICAL_FORMS = [
    *[(text, XSD.integer) for text in ("0", "-0", "+5", "007", "-12", "99999999999999999999", "1.0", " 1")],
    *[(text, XSD.decimal) for text in ("0.5", "-1.0", "2.50", "01.5", "+1.5", "3", ".5", "1e3")],
    *[(text, XSD.boolean) for text in ("true", "false", "1", "0", "TRUE")],
    *[(text, XSD.date) for text in ("2020-12-16", "2020-02-30", "2020-12-16Z", "20-1-1")],
]


@pytest.mark.parametrize(("text", "datatype"), LEXICAL_FORMS, ids=lambda v: str(v).rsplit("#")[-1])
def test_plain_values_read_without_rdflib_equal_rdflibs(text, datatype):
    native = ox().Literal(text, datatype=ox().NamedNode(str(datatype)))
    expected = plain(Literal(text, datatype=datatype))
    assert native_plain(native) == expected
    assert type(native_plain(native)) is type(expected)


def test_every_value_of_the_bundled_graph_reads_the_same_without_rdflib():
    from kgraph.store.oxigraph.bundle import bundled_store

    terms = {quad.object for quad in bundled_store()} | {quad.subject for quad in bundled_store()}
    assert len(terms) > 5000
    differ = [t for t in terms if native_plain(t) != plain(from_oxigraph(t))]
    assert not differ, differ[:5]


@pytest.mark.parametrize(
    ("value", "kind"),
    [("kdr:run-on", "iri"), ("<http://e/x>", "iri"), ("Kim Tae-ri", "iri"), ("+016", "integer"),
     ("2020-01-02", "date"), ("a \"b\"", "string"), ('"Run On"@en', "literal"), ('"5"^^xsd:int', "literal"),
     ("kdr:run-on", "literal"), ("-3", "literal"), ("text", "literal"), (7, "literal"), (True, "literal")],
)  # fmt: skip
def test_parameters_read_for_oxigraph_are_rdflibs_terms(value, kind):
    from kgraph.sparql.binding import values_first
    from kgraph.sparql.headers import Parameter
    from kgraph.sparql.named import NamedQuery
    from kgraph.sparql.params import bind

    text = "SELECT ?v WHERE { ?s ?p ?v }"
    named = NamedQuery("q", Path("q.rq"), "q", "", (Parameter("v", kind, True, "", "a value"),), text)
    for_rdflib = values_first(text, bind(named, {"v": value}, kgraph.load()))
    assert values_first(text, bind(named, {"v": value}, None, native=True)) == for_rdflib


def test_a_lazy_result_equals_the_converted_one(oxigraph, graph):
    pattern = "?d a kd:Drama ; schema:name ?title ; schema:numberOfEpisodes ?n"
    text = f"SELECT ?d ?title ?n WHERE {{ {pattern} }} ORDER BY ?d ?title"
    lazy, eager = kgraph.query(text, oxigraph), kgraph.query(text, graph)
    assert len(lazy) == len(eager) > 40
    assert lazy.records() == eager.records()
    assert lazy.column("n") == eager.column("n")
    assert lazy == eager and lazy.rows == eager.rows
    assert list(lazy) == lazy.records()  # iterating twice gives the rows twice


def test_construct_and_ask_on_oxigraph(oxigraph, graph):
    text = "CONSTRUCT { ?d schema:name ?t } WHERE { ?d a kd:Drama ; schema:name ?t }"
    assert set(kgraph.query(text, oxigraph)) == set(kgraph.query(text, graph))
    assert kgraph.query("ASK { ?d a kd:Drama }", oxigraph) is True


@pytest.mark.parametrize(
    "fmt", [f if f == "csv" else pytest.param(f, marks=pytest.mark.slow) for f in ROW_FORMATS]
)
def test_streamed_rows_are_the_rendered_rows(graph, fmt):
    result = kgraph.query("confessions", graph)
    pieces = list(stream_rows(result, fmt))
    assert "".join(pieces) == render_rows(result, fmt)
    big = QueryResult(("n",), [(Literal(i),) for i in range(10_000)])
    assert len(list(stream_rows(big, fmt))) > (1 if fmt in ("csv", "tsv", "jsonl") else 0)
    assert "".join(stream_rows(big, fmt)) == render_rows(big.records(), fmt, ("n",))


def test_a_write_that_fails_midway_leaves_the_old_file(tmp_path):
    target = tmp_path / "rows.csv"
    target.write_text("old\n")

    def pieces():
        yield b"new,"
        raise OutputError("the rows ran out")

    with pytest.raises(OutputError):
        write_atomic(target, pieces())
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["rows.csv"]


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
def test_the_duplicate_role_check_finds_each_pair_once(tmp_path, engine):
    from kgraph.shacl.validate import run_checks

    from .conftest import FIXTURES

    extra = tmp_path / "duplicate.ttl"
    extra.write_text(
        "@prefix kd: <https://w3id.org/kdrama-kg/ontology#> .\n"
        "@prefix kdr: <https://w3id.org/kdrama-kg/resource/> .\n"
        "@prefix dct: <http://purl.org/dc/terms/> .\n"
        "kdr:example-drama.role.again a kd:CastingRole ; kd:actor kdr:example-actor-a ;\n"
        "    kd:character kdr:example-drama.hero ; kd:drama kdr:example-drama ; kd:billing kd:Lead ;\n"
        "    dct:source kdr:source.example .\n",
        encoding="utf-8",
    )
    graph = kgraph.load([FIXTURES / "valid" / "minimal.ttl", extra], engine=engine)
    found = [(r.focus, r.value) for r in run_checks(graph) if r.rule == "check:duplicate-role"]
    assert found == [("kdr:example-drama.role.again", "kdr:example-drama.role.example-actor-a")]
    alone = kgraph.load([FIXTURES / "valid" / "minimal.ttl"], engine=engine)
    assert not [r for r in run_checks(alone) if r.rule == "check:duplicate-role"]


@pytest.mark.parametrize("engine", [pytest.param("rdflib", marks=pytest.mark.slow), "oxigraph"])
def test_streamed_query_rows_are_the_held_rows_once(graph, oxigraph, engine):
    source = oxigraph if engine == "oxigraph" else graph
    held = kgraph.query("costar-pairs", source)
    streamed = kgraph.query("costar-pairs", source, stream=True)
    assert streamed.columns == held.columns
    assert list(streamed) == held.records() and len(held) > 100
    assert list(streamed) == []  # read once
    assert kgraph.query("ASK { ?d a kd:Drama }", source, stream=True) is True


def test_origins_found_in_one_pass_equal_the_lookup_one_by_one():
    from kgraph.store import origins as store

    from .conftest import FIXTURES

    fixtures = [*sorted((FIXTURES / "invalid").glob("*.ttl"))[:10], FIXTURES / "valid" / "minimal.ttl"]
    for paths in ([], fixtures):
        graph = kgraph.load(paths) if paths else kgraph.load()
        every = sorted({node for node in graph.subjects() if isinstance(node, URIRef)})
        nodes = set(every[:: max(1, len(every) // 400)])  # one by one is slow: a sample
        one_by_one = {node: store._find_origin(graph.files, node) for node in nodes}
        store._ORIGINS.clear()
        graph.find_origins(nodes)
        assert {node: graph.origin(node) for node in nodes} == one_by_one
        assert sum(1 for found in one_by_one.values() if found and found[1]) > 20
