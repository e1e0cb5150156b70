"""A second, independent SHACL validator, rudof (through pyrudof), agrees with pySHACL.

kgraph validates with pySHACL. Here every fixture of test_shapes.py (the valid one alone, and each
invalid one on top of it) and the bundled graph are also validated by rudof, a SHACL processor
written in Rust, on the same data graph and the same shapes file. Both reports are read as RDF and
compared result by result: focus node, path, source shape, constraint component, severity and
value must be the same. The two things rudof leaves out of its results are listed below, so that a
change on either side (a fix in rudof, a new rule here) makes a test fail until the list is updated.
"""

from __future__ import annotations

import functools
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pyrudof
import pytest
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF, SH

import kgraph
from kgraph import resources
from kgraph.namespaces import KDS, curie

from .conftest import FIXTURES
from .reports import fixture_report

# a second SHACL processor checks the first: part of the slow tests
pytestmark = pytest.mark.slow

MINIMAL = FIXTURES / "valid" / "minimal.ttl"
CASES = {"minimal": (MINIMAL,)} | {p.stem: (MINIMAL, p) for p in sorted((FIXTURES / "invalid").glob("*.ttl"))}

# What makes two results the same result.
FIELDS = (
    SH.focusNode,
    SH.resultPath,
    SH.sourceShape,
    SH.sourceConstraintComponent,
    SH.resultSeverity,
    SH.value,
)

# SHACL 5.3.2 gives every result of a SPARQL-based constraint an sh:sourceConstraint: the constraint
# (the value of sh:sparql). rudof leaves it out and names only the node shape that holds sh:sparql
# (kds:ConfessionSceneRules and the like), so these rules are found, but not named, by rudof.
# kgraph names a result's rule by sh:sourceConstraint, falling back on sh:sourceShape.
UNNAMED_BY_RUDOF = frozenset(
    KDS[name]
    for name in (
        "CastingRole-characterInDrama",
        "ConfessionScene-charactersInDrama",
        "ConfessionScene-confessorIsNotAddressee",
        "ConfessionScene-disputeKeepsClaims",
        "ConfessionScene-episodeInRange",
        "ConfessionScene-multipleSourcesCited",
        "ConfessionScene-mutualHasTwoSides",
        "ConfessionScene-mutualIsMarked",
        "ConfessionScene-noteExplainsEvidence",
        "Drama-datesInOrder",
        "Quote-disputeKeepsWording",
        "Quote-multipleSourcesCited",
        "Quote-otherWordingIsDisputed",
        "Quote-textAttributed",
    )
)

# SHACL 2.1.5: when a shape has sh:message, every result it produces has exactly those messages as
# sh:resultMessage. rudof copies them for most components (adding a text of its own beside them),
# but for these four it writes only its own text ("OR not satisfied"), or no message at all for
# sh:closed, so our rules' advice on what to fix is lost.
MESSAGE_LOST_BY_RUDOF = frozenset(
    {
        SH.ClosedConstraintComponent,
        SH.OrConstraintComponent,
        SH.QualifiedMinCountConstraintComponent,
        SH.UniqueLangConstraintComponent,
    }
)


def _rudof_report(graph: Graph) -> Graph:
    """Validate ``graph`` with rudof against ontology/shapes.ttl and return its report as RDF."""
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data.nt"
        plain = Graph()
        plain += graph  # N-Triples from rdflib: rudof reads exactly the triples pySHACL saw
        plain.serialize(data, format="nt", encoding="utf-8")
        rudof = pyrudof.Rudof(pyrudof.RudofConfig())
        rudof.read_shacl(str(resources.shapes_path()), reader_mode=pyrudof.ReaderMode.Strict)
        rudof.read_data(str(data), format=pyrudof.RDFFormat.NTriples, reader_mode=pyrudof.ReaderMode.Strict)
        rudof.validate_shacl()
        text = rudof.serialize_shacl_validation_results(pyrudof.ResultShaclValidationFormat.NTriples)
    return Graph().parse(data=text, format="nt")


@functools.cache
def _reports(case: str) -> tuple[Graph, Graph]:
    """Return pySHACL's report (through kgraph) and rudof's report for one fixture case."""
    graph = kgraph.load(CASES[case], include_ontology=False)  # as test_shapes.py loads them
    return fixture_report(*CASES[case]).report_graph, _rudof_report(graph)


def _results(report: Graph) -> list[URIRef | BNode]:
    """The top-level results of a report (an sh:detail is part of the result that holds it)."""
    nested = set(report.objects(None, SH.detail))
    return [node for node in report.subjects(RDF.type, SH.ValidationResult) if node not in nested]


def _text(term) -> str:
    return "[]" if isinstance(term, BNode) else curie(term)  # blank node labels differ between tools


def _key(report: Graph, result) -> tuple[str, ...]:
    return tuple(_text(report.value(result, field)) for field in FIELDS)


def _messages(report: Graph, result) -> set[str]:
    # pySHACL drops the language tag of a SPARQL constraint's message; rudof keeps it
    return {str(message) for message in report.objects(result, SH.resultMessage)}


def _rows(report: Graph, column=None) -> list[tuple[str, ...]]:
    """One sorted row per result: its key, then ``column(report, result)`` if given."""
    rows = []
    for result in _results(report):
        row = _key(report, result)
        rows.append(row if column is None else (*row, column(report, result)))
    return sorted(rows)


def _show(rows: Iterable[tuple]) -> str:
    return "\n".join("  " + " ".join(map(str, row)) for row in rows) or "  (none)"


@pytest.mark.parametrize("case", CASES)
def test_rudof_finds_the_same_results(case):
    ours, theirs = _reports(case)
    expected, found = _rows(ours), _rows(theirs)
    assert found == expected, f"pySHACL:\n{_show(expected)}\nrudof:\n{_show(found)}"


@pytest.mark.xdist_group("rudof-every-case")  # with the test below: every case's reports made once
def test_rudof_finds_something_in_every_invalid_fixture():
    empty = [case for case in CASES if case != "minimal" and not _results(_reports(case)[1])]
    assert not empty, f"rudof reports nothing for {empty}"


@pytest.mark.parametrize("case", CASES)
def test_rudof_names_the_rule_except_sparql_constraints(case):
    ours, theirs = _reports(case)

    def constraint(report, result):
        rule = report.value(result, SH.sourceConstraint)
        return "" if rule is None or (report is ours and rule in UNNAMED_BY_RUDOF) else curie(rule)

    expected, found = _rows(ours, constraint), _rows(theirs, constraint)
    assert found == expected, (
        "rudof's sh:sourceConstraint differs from pySHACL's: if rudof now names a SPARQL constraint, "
        f"take it out of UNNAMED_BY_RUDOF; if a new one is unnamed, add it.\n"
        f"pySHACL:\n{_show(expected)}\nrudof:\n{_show(found)}"
    )


@pytest.mark.parametrize("case", CASES)
def test_rudof_gives_the_rule_message_except_for_some_components(case):
    ours, theirs = _reports(case)
    found = {_key(theirs, r): _messages(theirs, r) for r in _results(theirs)}
    for result in _results(ours):
        key = _key(ours, result)
        component = ours.value(result, SH.sourceConstraintComponent)
        message = _messages(ours, result)
        if component in MESSAGE_LOST_BY_RUDOF:
            assert not message & found.get(key, set()), (
                f"rudof now copies sh:message for {curie(component)}: take it out of MESSAGE_LOST_BY_RUDOF"
            )
        else:
            assert message <= found.get(key, set()), f"rudof lost the message of {key}: {found.get(key)}"


@pytest.mark.xdist_group("rudof-every-case")
def test_lists_of_rudof_gaps_are_all_needed():
    reports = [_reports(case)[0] for case in CASES]
    constraints = {r.value(n, SH.sourceConstraint) for r in reports for n in _results(r)}
    components = {r.value(n, SH.sourceConstraintComponent) for r in reports for n in _results(r)}
    assert constraints - {None} == UNNAMED_BY_RUDOF, (
        "every SPARQL constraint should be listed, and only those"
    )
    assert components >= MESSAGE_LOST_BY_RUDOF, "a listed component is broken by no fixture"


@pytest.mark.xdist_group("pyshacl")
def test_rudof_agrees_on_the_bundled_graph(graph, pyshacl_bundled):
    ours = pyshacl_bundled.report_graph
    theirs = _rudof_report(graph)
    expected, found = _rows(ours), _rows(theirs)
    assert found == expected, f"pySHACL:\n{_show(expected)}\nrudof:\n{_show(found)}"
