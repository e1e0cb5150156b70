"""Validation sees every literal as written, although Oxigraph's store keeps typed literals by value."""

from __future__ import annotations

import pytest

import kgraph
from kgraph.shacl.validate import validate
from kgraph.store.oxigraph.bundle import bundled_files
from kgraph.store.oxigraph.files import rewritten_literals

from .conftest import FIXTURES

XSD_INT = "<http://www.w3.org/2001/XMLSchema#int>"


@pytest.fixture(scope="module")
def as_int(tmp_path_factory):
    """A valid drama whose episode count is written as an xsd:int, which sh:datatype xsd:integer refuses."""
    text = (FIXTURES / "valid" / "minimal.ttl").read_text(encoding="utf-8")
    assert "schema:numberOfEpisodes 16 ;" in text
    path = tmp_path_factory.mktemp("exact") / "as-int.ttl"
    path.write_text(
        text.replace("schema:numberOfEpisodes 16 ;", f'schema:numberOfEpisodes "16"^^{XSD_INT} ;')
    )
    return path


def test_the_bundled_files_write_no_literal_the_store_would_change():
    assert rewritten_literals(bundled_files()) == []


def test_the_literals_the_store_would_change_are_named(tmp_path):
    path = tmp_path / "x.ttl"
    path.write_text(
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        '<http://e/s> <http://e/p> 1, 1.0, +1, "01"^^xsd:integer, "5"^^xsd:int, "7"^^xsd:byte, 1E0, '
        '"2020-01-02"^^xsd:date, "x", "x"@en, "a"^^<http://e/type> .\n'
    )
    written = {text for _, text in rewritten_literals([path])}
    xsd = "http://www.w3.org/2001/XMLSchema#"
    assert written == {
        f'"1.0"^^<{xsd}decimal>',
        f'"+1"^^<{xsd}integer>',
        f'"01"^^<{xsd}integer>',
        f'"5"^^<{xsd}int>',
        f'"7"^^<{xsd}byte>',
        f'"1E0"^^<{xsd}double>',
    }


@pytest.mark.parametrize(
    ("engine", "validator"),
    [
        ("rdflib", "pyshacl"),
        ("rdflib", "fast"),
        ("oxigraph", "fast"),
        ("oxigraph", "pyshacl"),
        ("oxigraph", "auto"),
    ],
)
def test_an_xsd_int_breaks_an_xsd_integer_rule_on_every_engine_and_validator(as_int, engine, validator):
    report = validate(kgraph.load([as_int], engine=engine), validator=validator)
    assert [r.rule for r in report.violations] == ["kds:Drama-episodes"]
    noted = engine == "oxigraph" or validator == "fast"
    assert bool(report.notes) is noted
    if noted:
        assert '"16"^^<http://www.w3.org/2001/XMLSchema#int>' in report.notes[0]


def test_a_file_without_such_literals_keeps_the_fast_validator():
    report = validate(kgraph.load([FIXTURES / "valid" / "minimal.ttl"], engine="oxigraph"), validator="fast")
    assert report.conforms and report.notes == ()


def test_a_graph_changed_after_loading_is_validated_as_changed(as_int):
    """Going back to the files would lose the change: the graph itself is validated."""
    from rdflib.namespace import RDF

    from kgraph.namespaces import KD

    graph = kgraph.load([as_int], engine="oxigraph")
    drama = next(graph.subjects(RDF.type, KD.Drama))
    graph.remove((drama, None, None))  # the drama, and so its xsd:int, is gone
    report = validate(graph, validator="auto")
    assert "kds:Drama-episodes" not in {r.rule for r in report.violations}
    assert report.notes == ()
