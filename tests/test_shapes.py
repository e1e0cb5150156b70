"""The SHACL shapes: the bundled data conforms, and each invalid fixture breaks exactly its rule."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import RDF, SH

import kgraph
from kgraph.namespaces import KDS, curie
from kgraph.store.loading import load_shapes

from .conftest import FIXTURES
from .reports import fixture_report

SHAPES = load_shapes()
MINIMAL = FIXTURES / "valid" / "minimal.ttl"
INVALID = sorted((FIXTURES / "invalid").glob("*.ttl"))
# every named rule: shapes and SPARQL constraints with a message of their own
RULES = sorted(
    s
    for s in SHAPES.subjects(SH.message, None)
    if isinstance(s, URIRef) and str(s).startswith(str(KDS)) and not str(s).endswith("Scheme")
)


def _validate(*paths: Path):
    return fixture_report(*paths)


@pytest.mark.validates_bundle
def test_bundled_data_conforms(graph):
    report = kgraph.validate(graph)
    assert report.conforms, report.text


def test_minimal_fixture_has_no_result_at_all():
    report = _validate(MINIMAL)
    assert report.results == (), report.text


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_fixture_breaks_exactly_its_rule(path):
    report = _validate(MINIMAL, path)
    rule = f"kds:{path.stem}"
    assert report.results, f"{path.name} breaks no rule"
    assert {r.rule for r in report.results} == {rule}, report.text
    message = str(SHAPES.value(KDS[path.stem], SH.message))
    assert {r.message for r in report.results} == {message}
    assert all(r.file.endswith(path.name) or r.file.endswith("minimal.ttl") for r in report.results)


@pytest.mark.parametrize("rule", RULES, ids=curie)
def test_every_rule_has_an_invalid_fixture(rule):
    name = str(rule)[len(str(KDS)) :]
    assert (FIXTURES / "invalid" / f"{name}.ttl").is_file(), f"add tests/fixtures/invalid/{name}.ttl"


@pytest.mark.parametrize("shape", sorted(SHAPES.subjects(SH.targetClass, None)), ids=curie)
def test_class_shapes_are_closed_or_rule_holders(shape):
    closed = SHAPES.value(shape, SH.closed)
    holds_rules = (shape, SH.sparql, None) in SHAPES or (shape, SH["or"], None) in SHAPES
    assert closed is not None or holds_rules, f"{curie(shape)} should be closed"


@pytest.mark.parametrize(
    "constraint",
    sorted(
        set(SHAPES.objects(None, SH.property)) | set(SHAPES.objects(None, SH.sparql)),
        key=str,
    ),
    ids=lambda n: curie(n) if isinstance(n, URIRef) else "nested",
)
def test_every_constraint_has_a_message(constraint):
    assert SHAPES.value(constraint, SH.message) is not None, f"{curie(constraint)} has no sh:message"


def test_warning_severity_is_used_for_incompleteness():
    warnings = set(SHAPES.subjects(SH.severity, SH.Warning))
    assert KDS["ConfessionScene-episodeMissing"] in warnings
    assert all(
        (w, RDF.type, SH.PropertyShape) in SHAPES or (w, RDF.type, SH.NodeShape) in SHAPES for w in warnings
    )
