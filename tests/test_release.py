"""The release folder: its files, checksums, VoID/DCAT numbers (recounted here), per-drama documents,
views, ontology pages, provenance in TriG, a second parser, CHANGES, and byte-identical reruns.

Every expected number is computed from the graph, never written down, so the tests hold as data grows.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pyld import jsonld
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, OWL, RDF, VOID, XSD

import kgraph
from kgraph.cli import main
from kgraph.namespaces import KD, SCHEMA, WD
from kgraph.release import RDF_FILES, parse_counts, release

RDF_SUFFIXES = (".ttl", ".nt", ".jsonld", ".rdf", ".trig")
DATA = kgraph.load(include_ontology=False)
DRAMAS = sorted(DATA.subjects(RDF.type, KD.Drama))


def _slug(drama: URIRef) -> str:
    return str(drama).rsplit("/", 1)[-1]


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return release(tmp_path_factory.mktemp("dist"), version="0.1.0", check=False)  # the tests check


@pytest.fixture(scope="module")
def void(folder) -> Graph:
    return Graph().parse(folder / "void.ttl", format="turtle")


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def _nt(data: str) -> set:
    return set(Graph().parse(data=data, format="nt"))


def test_folder_has_every_format_and_the_ontology(folder):
    files = set(_files(folder))
    expected = {*RDF_FILES, "void.ttl", "SHA256SUMS", "CHANGES", "docs/index.html"}
    expected |= {f"ontology/{n}" for n in ("kdrama.ttl", "alignments.ttl", "shapes.ttl", "context.jsonld")}
    expected |= {f"views/{n}" for n in ("schema-org.jsonld", "wikidata.ttl", "wikidata-quickstatements.tsv")}
    expected |= {f"dramas/{_slug(d)}.jsonld" for d in DRAMAS}
    expected |= {f"views/schema-org/{_slug(d)}.jsonld" for d in DRAMAS}
    assert expected <= files
    assert {f for f in files if f.startswith("dramas/")} == {f"dramas/{_slug(d)}.jsonld" for d in DRAMAS}


def test_checksums_cover_every_other_file(folder):
    lines = (folder / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    sums = dict(reversed(line.split("  ", 1)) for line in lines)
    assert sorted(sums) == [f for f in _files(folder) if f != "SHA256SUMS"]
    for name, digest in sums.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name


@pytest.mark.slow
def test_releases_in_separate_processes_are_byte_identical(tmp_path):
    """Another hash seed changes set order: the files must not notice."""
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        command = [
            sys.executable,
            "-m",
            "kgraph",
            "release",
            "-o",
            str(tmp_path / seed),
            "--version",
            "9.9.9",
        ]
        subprocess.run(command, check=True, env=env, capture_output=True)
    one, two = tmp_path / "1" / "9.9.9", tmp_path / "2" / "9.9.9"
    assert (one / "SHA256SUMS").read_bytes() == (two / "SHA256SUMS").read_bytes()


@pytest.mark.parametrize("name", sorted(RDF_FILES))
def test_whole_graph_files_hold_exactly_the_graph(folder, name):
    if name.endswith(".trig"):
        dataset = Dataset().parse(folder / name, format="trig")
        found = {quad[:3] for quad in dataset.quads()}
    else:
        found = set(Graph().parse(folder / name, format=RDF_FILES[name]))
    assert found == set(DATA)


def test_every_rdf_file_reads_the_same_with_pyoxigraph(folder):
    checked = [p for p in sorted(folder.rglob("*")) if p.suffix in RDF_SUFFIXES]
    assert len(checked) >= len(RDF_FILES) + len(DRAMAS) + 4
    for path in checked:
        ours, theirs = parse_counts(path)
        assert ours == theirs, path.relative_to(folder)


# --- VoID and DCAT: each number recounted from kdrama.nt -------------------------------------------


def _number(void: Graph, node, prop) -> int:
    (value,) = list(void.objects(node, prop))
    return int(value)


def test_void_statistics_match_the_graph(folder, void):
    graph = Graph().parse(folder / "kdrama.nt", format="nt")
    (dataset,) = list(void.subjects(RDF.type, VOID.Dataset))
    assert (dataset, RDF.type, DCAT.Dataset) in void
    subjects = set(graph.subjects())
    assert _number(void, dataset, VOID.triples) == len(graph)
    assert _number(void, dataset, VOID.distinctSubjects) == len(subjects)
    assert _number(void, dataset, VOID.distinctObjects) == len(set(graph.objects()))
    entities = {s for s in subjects if str(s).startswith("https://w3id.org/kdrama-kg/resource/")}
    assert _number(void, dataset, VOID.entities) == len(entities)
    classes = {}
    for part in void.objects(dataset, VOID.classPartition):
        classes[void.value(part, VOID["class"])] = _number(void, part, VOID.entities)
    assert classes == {c: len(set(graph.subjects(RDF.type, c))) for c in set(graph.objects(None, RDF.type))}
    assert _number(void, dataset, VOID.classes) == len(classes)
    properties = {}
    for part in void.objects(dataset, VOID.propertyPartition):
        properties[void.value(part, VOID.property)] = _number(void, part, VOID.triples)
    assert properties == {p: len(list(graph.triples((None, p, None)))) for p in set(graph.predicates())}
    assert _number(void, dataset, VOID.properties) == len(properties)


def test_void_is_a_citable_dcat_dataset(void):
    (dataset,) = list(void.subjects(RDF.type, DCAT.Dataset))
    assert void.value(dataset, DCTERMS.title).language == "en"
    assert void.value(dataset, DCTERMS.description)
    assert void.value(dataset, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert str(void.value(dataset, OWL.versionInfo)) == "0.1.0"
    issued = void.value(dataset, DCTERMS.issued)
    assert issued.datatype == XSD.date
    assert str(issued) == max(str(d) for d in DATA.objects(None, KD.dateRead))
    assert void.value(void.value(dataset, DCTERMS.publisher), URIRef("http://xmlns.com/foaf/0.1/name"))
    sources = set(DATA.subjects(RDF.type, KD.Source))
    expected = {DATA.value(s, SCHEMA.url) or s for s in sources}
    assert set(void.objects(dataset, DCTERMS.source)) == expected


def test_one_distribution_per_file_with_type_and_size(folder, void):
    (dataset,) = list(void.subjects(RDF.type, DCAT.Dataset))
    described = {}
    for dist in void.objects(dataset, DCAT.distribution):
        assert (dist, RDF.type, DCAT.Distribution) in void
        described[str(void.value(dist, DCTERMS.title))] = dist
    assert sorted(described) == [f for f in _files(folder) if f not in ("void.ttl", "SHA256SUMS")]
    suffix_types = {".nt": "application/n-triples", ".jsonld": "application/ld+json", ".html": "text/html"}
    for name, dist in described.items():
        size = void.value(dist, DCAT.byteSize)
        assert size == Literal((folder / name).stat().st_size, datatype=XSD.nonNegativeInteger), name
        spdx = "http://spdx.org/rdf/terms#"
        digest = void.value(void.value(dist, URIRef(spdx + "checksum")), URIRef(spdx + "checksumValue"))
        assert str(digest) == hashlib.sha256((folder / name).read_bytes()).hexdigest(), name
        media = str(void.value(dist, DCAT.mediaType))
        assert media.startswith("https://www.iana.org/assignments/media-types/")
        if Path(name).suffix in suffix_types:
            assert media.endswith(suffix_types[Path(name).suffix]), name


# --- per-drama documents --------------------------------------------------------------------------

DRAMA_TRIPLES = """
SELECT DISTINCT ?s WHERE {
  { BIND(?drama AS ?s) }
  UNION { ?s kd:drama ?drama }
  UNION { ?part kd:drama ?drama ; kd:quote|kd:ranking ?s }
  UNION { ?drama kd:claim ?s }
  UNION { ?part kd:drama ?drama ; kd:claim ?s }
  UNION { ?part kd:drama ?drama ; kd:quote/kd:claim ?s }
  UNION { ?part kd:drama ?drama ; kd:actor ?s }
  UNION { ?drama kd:writer|kd:director ?s }
}
"""


def _expected(drama: URIRef) -> set:
    subjects = {row[0] for row in DATA.query(DRAMA_TRIPLES, initBindings={"drama": drama})}
    return {t for s in subjects for t in DATA.triples((s, None, None))}


@pytest.mark.parametrize("drama", DRAMAS, ids=_slug)
def test_drama_document_expands_to_exactly_its_triples(folder, drama):
    document = json.loads((folder / "dramas" / f"{_slug(drama)}.jsonld").read_text(encoding="utf-8"))
    assert document["id"] == f"kdr:{_slug(drama)}" and document["type"] == "Drama"
    nquads = jsonld.to_rdf(document, {"format": "application/n-quads"})
    assert _nt(nquads) == _expected(drama)


@pytest.mark.parametrize("drama", DRAMAS, ids=_slug)
def test_drama_document_nests_cast_characters_and_scenes(folder, drama):
    document = json.loads((folder / "dramas" / f"{_slug(drama)}.jsonld").read_text(encoding="utf-8"))
    roles = set(DATA.subjects(KD.drama, drama)) & set(DATA.subjects(RDF.type, KD.CastingRole))
    assert len(document.get("cast", [])) == len(roles)
    assert all(isinstance(role["actor"], dict) and role["actor"]["name"] for role in document.get("cast", []))
    scenes = set(DATA.subjects(KD.drama, drama)) & set(DATA.subjects(RDF.type, KD.ConfessionScene))
    assert len(document.get("scenes", [])) == len(scenes)
    orders = [r["billingOrder"] for r in document.get("cast", []) if "billingOrder" in r]
    assert orders == sorted(orders)


# --- views ----------------------------------------------------------------------------------------


def test_schema_org_document_expands_to_the_view(folder):
    from kgraph.export import apply_view

    document = json.loads((folder / "views" / "schema-org.jsonld").read_text(encoding="utf-8"))
    assert _nt(jsonld.to_rdf(document, {"format": "application/n-quads"})) == set(
        apply_view(DATA, "schema-org")
    )
    series = document["@graph"]
    assert len(series) == len(DRAMAS) and {s["type"] for s in series} == {"TVSeries"}
    roles = [role for s in series for role in s.get("actor", [])]
    assert len(roles) == len(set(DATA.subjects(RDF.type, KD.CastingRole)))
    assert all(r["type"] == "PerformanceRole" and r["characterName"] for r in roles)
    assert all(r["actor"]["type"] == "Person" and r["actor"]["name"] for r in roles)


@pytest.mark.parametrize("drama", DRAMAS, ids=_slug)
def test_schema_org_snippet_per_drama_holds_its_series(folder, drama):
    from kgraph.export import apply_view
    from kgraph.namespaces import SCHEMA

    view = apply_view(DATA, "schema-org")
    roles = set(view.objects(drama, SCHEMA.actor))
    people = {p for r in roles for p in view.objects(r, SCHEMA.actor)}
    people |= {p for prop in (SCHEMA.author, SCHEMA.director) for p in view.objects(drama, prop)}
    expected = {t for node in {drama, *roles, *people} for t in view.triples((node, None, None))}
    snippet = json.loads((folder / "views" / "schema-org" / f"{_slug(drama)}.jsonld").read_text("utf-8"))
    assert snippet["type"] == "TVSeries" and snippet["@context"]["@vocab"] == "https://schema.org/"
    assert _nt(jsonld.to_rdf(snippet, {"format": "application/n-quads"})) == expected


def test_quickstatements_has_a_row_per_verified_statement(folder):
    from kgraph.wikidata import COLUMNS, wikidata_items

    lines = (folder / "views" / "wikidata-quickstatements.tsv").read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == list(COLUMNS)
    items = wikidata_items(DATA)
    verified_dramas = [d for d in DRAMAS if d in items]
    assert len(lines) > 1 if verified_dramas else len(lines) == 1


def _unverified() -> Graph:
    """The data without any Wikidata link, so a test can add links of its own."""
    graph = DATA.copy()
    for prop in (OWL.sameAs, SCHEMA.sameAs):
        graph.remove((None, prop, None))
    return graph


def _drama_with_cast() -> tuple[URIRef, URIRef]:
    for drama in DRAMAS:
        actors = sorted(
            DATA.value(r, KD.actor) for r in DATA.subjects(KD.drama, drama) if (r, KD.actor, None) in DATA
        )
        if actors:
            return drama, actors[0]
    raise AssertionError("no drama has a cast")


def test_quickstatements_use_only_verified_items():
    from kgraph.wikidata import quickstatements

    graph = _unverified()
    drama, actor = _drama_with_cast()
    graph.add((drama, OWL.sameAs, WD["Q1"]))
    graph.add((actor, SCHEMA.sameAs, WD["Q2"]))
    rows = [line.split("\t") for line in quickstatements(graph).splitlines()[1:]]
    assert {(r[0], r[1]) for r in rows} == {("Q1", "P1113"), ("Q1", "P580"), ("Q1", "P161")}
    cast = [r for r in rows if r[1] == "P161"]
    assert cast
    assert all(r[2] == "Q2" and r[3] == "" for r in cast)
    assert all(r[5] == "S854" and r[6].startswith('"http') for r in cast if r[5])


def test_wikidata_view_swaps_in_verified_items():
    from kgraph.export import apply_view
    from kgraph.namespaces import PREFIXES

    graph = _unverified()
    drama, actor = _drama_with_cast()
    graph.add((drama, OWL.sameAs, WD["Q1"]))
    shaped = apply_view(graph, "wikidata")
    assert (WD["Q1"], PREFIXES["wdt"]["P161"], actor) in shaped
    assert (drama, None, None) not in shaped


# --- TriG provenance ------------------------------------------------------------------------------


def test_trig_places_each_triple_in_its_sources_graphs(folder):
    dataset = Dataset().parse(folder / "kdrama.trig", format="trig")
    graphs: dict = {}
    for s, p, o, g in dataset.quads():
        graphs.setdefault((s, p, o), set()).add(g.identifier if hasattr(g, "identifier") else g)
    sources = set(DATA.subjects(RDF.type, KD.Source))
    for (_, p, o), names in graphs.items():
        if p == DCTERMS.source:
            assert names == {o}
        for name in names:
            assert name in sources or str(name).startswith("https://w3id.org/kdrama-kg/data/")
    for subject, claim in DATA.subject_objects(KD.claim):
        triple = (subject, DATA.value(claim, KD.claimedProperty), DATA.value(claim, KD.claimedValue))
        if triple in DATA:
            assert set(DATA.objects(claim, DCTERMS.source)) <= graphs[triple]
    for subject in set(DATA.subjects(DCTERMS.source)):
        cited = set(DATA.objects(subject, DCTERMS.source))
        for triple in DATA.triples((subject, RDF.type, None)):
            assert graphs[triple] == cited


# --- CHANGES --------------------------------------------------------------------------------------


def test_changes_says_first_release(folder):
    text = (folder / "CHANGES").read_text(encoding="utf-8")
    assert "first release" in text.splitlines()[0]
    assert f"triples: {len(DATA)}" in text.splitlines()


def test_changes_against_the_previous_release(tmp_path):
    dropped = DRAMAS[0]
    older = DATA.copy()
    for node in {dropped, *DATA.subjects(KD.drama, dropped)}:
        older.remove((node, None, None))
    (tmp_path / "0.0.9").mkdir()  # only kdrama.nt of an earlier release is read
    older.serialize(tmp_path / "0.0.9" / "kdrama.nt", format="nt", encoding="utf-8")
    (tmp_path / "0.2.0").mkdir()  # a later release is not the base
    DATA.serialize(tmp_path / "0.2.0" / "kdrama.nt", format="nt", encoding="utf-8")
    text = (release(tmp_path, version="0.1.0", check=False) / "CHANGES").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0].endswith("changes since 0.0.9")
    added = len(set(DATA) - set(older))
    assert f"triples: {len(older)} -> {len(DATA)} (added {added}, removed 0)" in lines
    assert f"dramas added: 1 (kdr:{_slug(dropped)})" in lines
    scenes = set(DATA.subjects(RDF.type, KD.ConfessionScene)) & set(DATA.subjects(KD.drama, dropped))
    assert any(line.startswith(f"scenes added: {len(scenes)}") for line in lines)


# --- ontology pages and the command ---------------------------------------------------------------


def test_every_class_and_property_has_a_page(folder):
    from rdflib.namespace import SH

    from kgraph.docs import ontology_graph, ontology_terms
    from kgraph.store import load_shapes

    ontology = ontology_graph()
    classes, properties = ontology_terms(ontology)
    index = (folder / "docs" / "index.html").read_text(encoding="utf-8")
    for kind, terms in (("class", classes), ("property", properties)):
        for term in terms:
            local = str(term).rsplit("#", 1)[-1]
            page = (folder / "docs" / kind / f"{local}.html").read_text(encoding="utf-8")
            assert str(ontology.value(term, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))) in page
            assert f'href="{kind}/{local}.html"' in index
            if kind == "class":
                shapes = load_shapes()
                rules = {
                    r
                    for shape in shapes.subjects(SH.targetClass, term)
                    for r in [*shapes.objects(shape, SH.property), *shapes.objects(shape, SH.sparql)]
                }
                listed = page.split("<h2>Rules</h2>")[1].count("<li>") if rules else 0
                assert listed == len(rules), f"{local}: every SHACL rule on its page"


def test_release_command_lists_the_files_and_repeats_the_bytes(runner, tmp_path, folder):
    """Run through the command (which also compares rdflib and pyoxigraph): the same bytes again."""
    result = runner.invoke(main, ["release", "-o", str(tmp_path), "--version", "0.1.0"])
    assert result.exit_code == 0, result.output
    rows = dict(line.split("\t") for line in result.stdout.splitlines())
    again = tmp_path / "0.1.0"
    assert sorted(rows) == _files(again) == _files(folder)
    assert all(int(size) == (again / name).stat().st_size for name, size in rows.items())
    for name in rows:
        assert (again / name).read_bytes() == (folder / name).read_bytes(), name


@pytest.mark.parametrize(
    ("option", "value", "hint"), [("--issued", "soon", "YYYY-MM-DD"), ("--version", "../up", "not a version")]
)
def test_release_command_refuses_a_bad_date_or_version(runner, tmp_path, option, value, hint):
    result = runner.invoke(main, ["release", "-o", str(tmp_path / "out"), option, value])
    assert result.exit_code == 1
    assert hint in result.output
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_readme_diagram_shows_every_class_and_link():
    """Every kd: class is a node of the README's diagram, and every link between resources an edge."""
    import re

    from kgraph.docs import ontology_graph, ontology_terms

    from .conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (diagram,) = re.findall(r"```mermaid\n(.*?)```", readme, re.S)
    ontology = ontology_graph()
    classes, properties = ontology_terms(ontology)
    for term in classes:
        assert re.search(rf"\b{term.rsplit('#', 1)[-1]}\b", diagram), f"draw {term} in the README"
    for term in properties:
        if (term, RDF.type, OWL.DatatypeProperty) not in ontology:
            assert f"kd:{term.rsplit('#', 1)[-1]} " in diagram, f"draw kd:{term.rsplit('#', 1)[-1]}"


def test_citation_names_the_package_version():
    import re
    import tomllib

    from .conftest import ROOT

    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    citation = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert re.search(rf'^version: "{re.escape(version)}"$', citation, re.M)
    assert "license: CC-BY-4.0" in citation


def test_framing_keeps_nodes_that_lack_the_linked_properties():
    """A quote without a speaker or claim, or a claim without a value, stays in the document."""
    from kgraph.framing import drama_graph, frame_drama

    graph = DATA.copy()
    scene = sorted(DATA.subjects(KD.quote))[0]
    drama = DATA.value(scene, KD.drama)
    quote = DATA.value(scene, KD.quote)
    graph.remove((quote, KD.speaker, None))
    graph.remove((quote, KD.claim, None))
    for claim in DATA.objects(scene, KD.claim):
        graph.remove((claim, KD.claimedValue, None))
    nquads = jsonld.to_rdf(frame_drama(graph, drama), {"format": "application/n-quads"})
    assert _nt(nquads) == set(drama_graph(graph, drama))


def test_release_says_which_extra_to_install(runner, tmp_path, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "pyld" else real(name, *a)
    )
    result = runner.invoke(main, ["release", "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert "pip install 'kdrama-kgraph[release]'" in result.output
