"""The release folder: its files, checksums, VoID/DCAT numbers (recounted here), a second parser,
CHANGES, byte-identical reruns and the command. tests/test_release_documents.py checks what is inside.

Every expected number is computed from the graph, never written down, so the tests hold as data grows.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, OWL, RDF, VOID, XSD

import kgraph
from kgraph.cli.commands import main
from kgraph.namespaces import KD, SCHEMA
from kgraph.release.build import RDF_FILES, parse_counts, release

RDF_SUFFIXES = (".ttl", ".nt", ".jsonld", ".rdf", ".trig")
DATA = kgraph.load(include_ontology=False)
DRAMAS = sorted(DATA.subjects(RDF.type, KD.Drama))


def _slug(drama: URIRef) -> str:
    return str(drama).rsplit("/", 1)[-1]


@pytest.fixture(scope="module")
def folder(release_folder) -> Path:
    return release_folder


@pytest.fixture(scope="module")
def void(folder) -> Graph:
    return Graph().parse(folder / "void.ttl", format="turtle")


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


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


@pytest.mark.parametrize(
    "name", [n if n.endswith(".ttl") else pytest.param(n, marks=pytest.mark.slow) for n in sorted(RDF_FILES)]
)
def test_whole_graph_files_hold_exactly_the_graph(folder, name):
    if name.endswith(".trig"):
        dataset = Dataset().parse(folder / name, format="trig")
        found = {quad[:3] for quad in dataset.quads()}
    else:
        found = set(Graph().parse(folder / name, format=RDF_FILES[name]))
    assert found == set(DATA)


@pytest.mark.slow
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


# --- CHANGES --------------------------------------------------------------------------------------


def test_changes_says_first_release(folder):
    text = (folder / "CHANGES").read_text(encoding="utf-8")
    assert "first release" in text.splitlines()[0]
    assert f"triples: {len(DATA)}" in text.splitlines()


@pytest.mark.slow  # builds two more releases
def test_changes_against_the_previous_release(tmp_path):
    """A release of two dramas, over an earlier one that lacked the first (and a later one)."""
    dropped = DRAMAS[0]
    dramas = set(DRAMAS[:2])
    data = Graph()
    for node in {*dramas, *(n for d in dramas for n in DATA.subjects(KD.drama, d))}:
        for triple in DATA.triples((node, None, None)):
            data.add(triple)
    older = Graph()
    for triple in data:
        if triple[0] != dropped and (triple[0], KD.drama, dropped) not in data:
            older.add(triple)
    (tmp_path / "0.0.9").mkdir()  # only kdrama.nt of an earlier release is read
    older.serialize(tmp_path / "0.0.9" / "kdrama.nt", format="nt", encoding="utf-8")
    (tmp_path / "0.2.0").mkdir()  # a later release is not the base
    data.serialize(tmp_path / "0.2.0" / "kdrama.nt", format="nt", encoding="utf-8")
    folder = release(tmp_path, data, version="0.1.0", issued="2026-12-06", check=False, site=False)
    lines = (folder / "CHANGES").read_text(encoding="utf-8").splitlines()
    assert lines[0].endswith("changes since 0.0.9")
    added = len(set(data) - set(older))
    assert f"triples: {len(older)} -> {len(data)} (added {added}, removed 0)" in lines
    assert f"dramas added: 1 (kdr:{_slug(dropped)})" in lines
    scenes = set(data.subjects(RDF.type, KD.ConfessionScene)) & set(data.subjects(KD.drama, dropped))
    assert scenes
    assert any(line.startswith(f"scenes added: {len(scenes)}") for line in lines)


@pytest.mark.slow  # builds another release
def test_release_command_lists_the_files_and_repeats_the_bytes(tmp_path, folder):
    """The command, in another process under another hash seed (which changes the order of sets),
    and with its own check that rdflib and pyoxigraph read every file alike: the same bytes again."""
    seed = str(int(os.environ.get("PYTHONHASHSEED", "0") or 0) + 1)  # not this process's seed
    command = [
        sys.executable,
        "-m",
        "kgraph",
        "release",
        "-o",
        str(tmp_path),
        "--version",
        "0.1.0",
        "--no-site",
    ]
    result = subprocess.run(
        command, env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
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


def test_release_says_which_extra_to_install(runner, tmp_path, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "pyld" else real(name, *a)
    )
    result = runner.invoke(main, ["release", "-o", str(tmp_path)])
    assert result.exit_code == 1
    assert "pip install 'kdrama-kgraph[release]'" in result.output
