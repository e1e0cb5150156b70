"""The fast validator gives exactly pySHACL's results: on every fixture, the bundled and synthetic graphs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH, XSD

import kgraph
from kgraph.cli.commands import main
from kgraph.namespaces import KDR, KDS, PREFIXES, SCHEMA, curie
from kgraph.shacl.compile import UnsupportedShapeError, compile_shapes
from kgraph.shacl.fast import report_findings
from kgraph.store.loading import load_shapes
from kgraph.synth.defects import DEFECTS
from kgraph.synth.write import write_synthetic

from .conftest import FIXTURES
from .reports import fixture_report

SHAPES = load_shapes()
MINIMAL = FIXTURES / "valid" / "minimal.ttl"
CASES = [[MINIMAL]] + [[MINIMAL, path] for path in sorted((FIXTURES / "invalid").glob("*.ttl"))]
# the constraint parameters of shapes.ttl and the component each one reports
COMPONENTS = {
    SH["class"]: SH.ClassConstraintComponent,
    SH.datatype: SH.DatatypeConstraintComponent,
    SH.nodeKind: SH.NodeKindConstraintComponent,
    SH.minCount: SH.MinCountConstraintComponent,
    SH.maxCount: SH.MaxCountConstraintComponent,
    SH.minInclusive: SH.MinInclusiveConstraintComponent,
    SH.languageIn: SH.LanguageInConstraintComponent,
    SH.uniqueLang: SH.UniqueLangConstraintComponent,
    SH["in"]: SH.InConstraintComponent,
    SH.closed: SH.ClosedConstraintComponent,
    SH.node: SH.NodeConstraintComponent,
    SH["or"]: SH.OrConstraintComponent,
    SH.qualifiedMinCount: SH.QualifiedMinCountConstraintComponent,
}


def _both(graph, *, checks: bool = False):
    reference = kgraph.validate(graph, checks=checks, validator="pyshacl")
    fast = kgraph.validate(graph, checks=checks, validator="fast")
    return reference, fast


def _assert_same(reference, fast) -> None:
    expected, found = report_findings(reference.report_graph), report_findings(fast.report_graph)
    assert found == expected, f"only pyshacl: {expected - found}\nonly fast: {found - expected}"
    assert fast.results == reference.results
    assert fast.conforms == reference.conforms


# pySHACL once per fixture: make test checks each fixture breaks exactly its rule (test_shapes.py),
# and against pySHACL here, with the slow tests.
@pytest.mark.slow
@pytest.mark.parametrize("paths", CASES, ids=lambda paths: Path(paths[-1]).stem)
def test_each_fixture_gives_the_same_results_with_both_validators(paths):
    fast = kgraph.validate(kgraph.load(paths, include_ontology=False), checks=False, validator="fast")
    _assert_same(fixture_report(*paths), fast)


@pytest.mark.slow
@pytest.mark.xdist_group("pyshacl")
def test_the_bundled_graph_gives_the_same_results_with_both_validators(pyshacl_bundled):
    reference = pyshacl_bundled
    fast = kgraph.validate(validator="fast", checks=False)
    expected = report_findings(reference.report_graph)
    assert report_findings(fast.report_graph) == expected
    assert fast.results == tuple(r for r in reference.results if not r.rule.startswith("check:"))
    assert sum(expected.values()) > 0  # the bundled graph has warnings to compare


@pytest.mark.slow
def test_a_synthetic_graph_with_every_defect_gives_the_same_results(tmp_path):
    defects = {kind: 2 for kind in DEFECTS}
    path = tmp_path / "broken.nt"
    write_synthetic(path, 40, seed=11, defects=defects)
    graph = kgraph.load([path], engine="oxigraph")
    reference, fast = _both(graph)
    _assert_same(reference, fast)
    found = {(r.rule, r.severity) for r in fast.results}
    assert found == {(d.rule, d.severity) for d in DEFECTS.values()}
    assert len(fast.results) == 2 * len(DEFECTS)


def test_auto_runs_fast_on_the_oxigraph_engine_and_pyshacl_on_rdflib(tmp_path):
    from kgraph.shacl.validate import choose_validator

    path = tmp_path / "small.nt"
    write_synthetic(path, 2, seed=1)
    assert choose_validator("auto", kgraph.load([path], engine="oxigraph")) == "fast"
    assert choose_validator("auto", kgraph.load([path], engine="rdflib")) == "pyshacl"
    assert choose_validator("auto", kgraph.load()) == "fast"  # the bundled graph is on Oxigraph
    assert choose_validator("auto", kgraph.load(engine="rdflib")) == "pyshacl"


@pytest.mark.parametrize(
    ("predicate", "value"),
    [
        (SCHEMA.numberOfEpisodes, Literal("abc", datatype=XSD.integer)),
        (SCHEMA.numberOfEpisodes, Literal("1_000", datatype=XSD.integer)),
        (SCHEMA.numberOfEpisodes, Literal("0", datatype=XSD.integer)),
        (SCHEMA.numberOfEpisodes, Literal("1.5", datatype=XSD.decimal)),
        (SCHEMA.numberOfEpisodes, Literal("16")),
        (SCHEMA.startDate, Literal("2020-02-30", datatype=XSD.date)),
        (SCHEMA.startDate, Literal("2020-01-31", datatype=XSD.date)),
        (SCHEMA.startDate, Literal("2020-01-05Z", datatype=XSD.date)),
        (SCHEMA.name, Literal("Other", lang="en-US")),
        (SCHEMA.name, Literal("Autre", lang="fr")),
        (SCHEMA.name, URIRef("https://example.org/not-a-name")),
    ],
    ids=lambda v: v.n3() if isinstance(v, Literal | URIRef) else str(v),
)
def test_unusual_values_are_judged_as_pyshacl_judges_them(predicate, value):
    graph = kgraph.load([MINIMAL], include_ontology=False).copy()
    graph.remove((KDR["example-drama"], predicate, None))
    graph.add((KDR["example-drama"], predicate, value))
    _assert_same(*_both(graph))


def test_every_constraint_of_the_shapes_compiles():
    compiled = {(check.shape, check.component) for check in compile_shapes(SHAPES)}
    expected = set()
    for shape in set(SHAPES.subjects(SH.targetClass, None)):
        for member in [shape, *SHAPES.objects(shape, SH.property)]:
            for parameter in set(SHAPES.predicates(member)) & set(COMPONENTS):
                if parameter != SH.minCount or SHAPES.value(member, parameter).value > 0:
                    expected.add((member, COMPONENTS[parameter]))
            if (member, SH.sparql, None) in SHAPES:
                expected.add((member, SH.SPARQLConstraintComponent))
    assert compiled == expected
    sparql = {check.constraint for check in compile_shapes(SHAPES) if check.constraint is not None}
    assert sparql == set(SHAPES.objects(None, SH.sparql))


@pytest.mark.parametrize(
    "turtle",
    [
        "sh:target [ a sh:SPARQLTarget ] ; sh:message 'm' .",
        "sh:targetClass kd:Drama ; sh:property [ sh:path schema:name ; sh:lessThan kd:x ; sh:message 'm' ] .",
        "sh:targetClass kd:Drama ; sh:property [ sh:path (schema:name) ; sh:minCount 1 ; sh:message 'm' ] .",
        "sh:targetClass kd:Drama ; sh:property [ sh:path schema:name ; sh:minCount 1 ] .",
    ],
    ids=["sparql-target", "lessThan", "sequence-path", "no-message"],
)
def test_a_shape_the_compiler_does_not_support_is_refused_not_skipped(turtle):
    prefixes = "".join(f"@prefix {p}: <{n}> .\n" for p, n in PREFIXES.items())
    shapes = Graph().parse(data=f"{prefixes} kds:X a sh:NodeShape ; {turtle}", format="turtle")
    with pytest.raises(UnsupportedShapeError):
        compile_shapes(shapes)


def test_kgraph_validate_gives_the_same_json_with_either_validator(runner):
    path = FIXTURES / "invalid" / "Drama-koreanTitle.ttl"
    answers = {}
    for validator in ("pyshacl", "fast"):
        args = ["validate", "--data", str(MINIMAL), "--data", str(path), "--format", "json"]
        result = runner.invoke(main, [*args, "--validator", validator])
        assert result.exit_code == 1, result.output
        answers[validator] = json.loads(result.stdout)
    assert answers["fast"] == answers["pyshacl"]
    assert {r["rule"] for r in answers["fast"]["results"]} == {curie(KDS["Drama-koreanTitle"])}


def test_kgraph_validate_fast_locates_a_syntax_error_without_a_traceback(runner, tmp_path):
    path = tmp_path / "broken.ttl"
    path.write_text("@prefix kd: <https://w3id.org/kdrama-kg/ontology#> .\n\nkd:x kd:y .\n", encoding="utf-8")
    result = runner.invoke(main, ["validate", "--data", str(path), "--validator", "fast"])
    assert result.exit_code == 2
    assert f"{path}:3" in result.stderr
    assert "Traceback" not in result.output


def test_kgraph_validate_refuses_an_unknown_validator(runner):
    result = runner.invoke(main, ["validate", "--validator", "quick"])
    assert result.exit_code == 2
    assert "'quick' is not one of" in result.stderr


def test_the_shapes_compiled_ahead_for_the_bundled_graph_are_current():
    from kgraph import resources
    from kgraph.shacl.precompiled import compiled_for_bundle

    saved = json.loads(resources.compiled_shapes_path().read_text(encoding="utf-8"))
    assert saved == compiled_for_bundle(), "the shapes or data changed: run make format"


@pytest.mark.parametrize("checks", [True, False])
def test_the_bundled_graph_validates_the_same_from_oxigraph_alone(checks):
    from kgraph.shacl.bundled import validate_bundled
    from kgraph.shacl.validate import _validate

    native = validate_bundled(checks)
    assert native is not None, "the shapes compiled ahead no longer serve the bundled graph"
    assert native.results == _validate(kgraph.load(), checks, "fast", False).results
    assert len(native.results) > 0  # the bundled graph has warnings to compare


def test_stale_compiled_shapes_are_not_used(tmp_path, monkeypatch):
    from kgraph import resources
    from kgraph.shacl import precompiled
    from kgraph.shacl.bundled import validate_bundled
    from kgraph.store.oxigraph.bundle import bundled_store

    stale = json.loads(resources.compiled_shapes_path().read_text(encoding="utf-8"))
    stale["shapes_sha256"] = "0" * 64
    (tmp_path / "compiled.json").write_text(json.dumps(stale), encoding="utf-8")
    monkeypatch.setattr(precompiled.resources, "compiled_shapes_path", lambda: tmp_path / "compiled.json")
    assert precompiled.read_compiled(bundled_store()) is None
    assert validate_bundled() is None


@pytest.mark.parametrize("text", ["2020-12-31", "2020-02-29", "2021-02-29", "2020-13-01", "0000-01-01",
                                  "2020-04-31", "2020-1-1", "2020-01-01Z", "+2020-01-01"])  # fmt: skip
def test_dates_are_decided_without_rdflib_as_rdflib_decides_them(text):
    from kgraph.shacl.bundled import _plain_date
    from kgraph.shacl.fast import _datatype_holds
    from kgraph.shacl.precompiled import PlainCheck
    from kgraph.store.oxigraph.terms import ox

    date_iri = str(XSD.date)
    check = PlainCheck("", "", "", None, None, False, False, "datatype", date_iri)
    decided = _plain_date(ox().Literal(text, datatype=ox().NamedNode(date_iri)), check)
    if decided is not None:  # undecided forms go to rdflib itself
        assert decided == _datatype_holds(Literal(text, datatype=XSD.date), XSD.date)
