"""SHACL validation and the quality-check queries, turned into typed results located in the data files.

Non-conformance is a result, not an exception; only failing to run raises (as in pySHACL).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from kgraph import resources
from kgraph.errors import KgraphError, ShapesError
from kgraph.namespaces import curie
from kgraph.store.loading import KnowledgeGraph, load, load_shapes

__all__ = ["VALIDATORS", "ValidationReport", "ValidationResult", "choose_validator", "run_checks", "validate"]

_SEVERITIES: dict[Node | None, str] = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}


@dataclass(frozen=True, order=True)
class ValidationResult:
    """One problem found in the data, located in the file that defines its focus node."""

    file: str
    line: int
    focus: str
    path: str
    severity: str
    rule: str
    message: str
    value: str = ""

    def as_dict(self) -> dict[str, str | int]:
        """Return the result as a plain dict (for JSON output)."""
        return {
            "file": self.file,
            "line": self.line,
            "focus": self.focus,
            "path": self.path,
            "severity": self.severity,
            "rule": self.rule,
            "message": self.message,
            "value": self.value,
        }

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else (self.file or "(no file)")
        path = f" {self.path}" if self.path else ""
        return f"{where}: {self.severity}: {self.focus}{path}: {self.message} [{self.rule}]"


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of :func:`validate`: ``conforms`` is false when any violation was found."""

    results: tuple[ValidationResult, ...]
    report_graph: Graph = field(repr=False, compare=False, default_factory=Graph)

    @property
    def conforms(self) -> bool:
        """True when there is no violation (warnings do not count)."""
        return not any(r.severity == "violation" for r in self.results)

    @property
    def violations(self) -> tuple[ValidationResult, ...]:
        """The results of severity violation."""
        return tuple(r for r in self.results if r.severity == "violation")

    @property
    def warnings(self) -> tuple[ValidationResult, ...]:
        """The results of severity warning."""
        return tuple(r for r in self.results if r.severity == "warning")

    @property
    def text(self) -> str:
        """A readable report: one line per result, then a summary line."""
        lines = [str(r) for r in self.results]
        verdict = "conforms" if self.conforms else "does not conform"
        lines.append(f"{verdict}: {len(self.violations)} violation(s), {len(self.warnings)} warning(s)")
        return "\n".join(lines)


def _locate(graph: Graph, node: Node | None) -> tuple[str, int]:
    if isinstance(graph, KnowledgeGraph) and isinstance(node, URIRef):
        found = graph.origin(node)
        if found is not None:
            path, line = found
            return _display(path), line
    return "", 0


def _display(path: Path) -> str:
    for base in (Path.cwd(), resources.root()):
        try:
            return path.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            continue
    return str(path)


VALIDATORS = ("auto", "pyshacl", "fast")


def choose_validator(validator: str, graph: Graph) -> str:
    """Return the SHACL engine to run: the one asked for, or for ``auto`` the one that fits the graph.

    ``auto`` runs the fast validator (:mod:`kgraph.shacl.fast`) on a graph on the Oxigraph engine,
    which ``kgraph.load`` chooses for input files of 1 MiB or more, and pySHACL, the reference, on
    any other graph (the bundled one included). Both give the same results.

    :param validator: ``auto``, ``pyshacl`` or ``fast``.
    :param graph: the graph to validate.
    :returns: ``pyshacl`` or ``fast``.
    :raises KgraphError: if the validator is unknown.

    >>> from rdflib import Graph
    >>> choose_validator("auto", Graph())
    'pyshacl'
    """
    from kgraph.store.oxigraph import store_of

    if validator not in VALIDATORS:
        raise KgraphError(f"no validator '{validator}': use {', '.join(VALIDATORS)}")
    if validator == "auto":
        return "fast" if store_of(graph) is not None else "pyshacl"
    return validator


def _pyshacl_report(graph: Graph, shapes: Graph) -> Graph:
    import pyshacl  # heavy: imported only when validating

    from kgraph.progress import step
    from kgraph.store.oxigraph import in_memory

    graph = in_memory(graph)  # pyshacl matches many small patterns: rdflib's memory is faster at that
    try:
        with step(f"validating {len(graph):,} triples with the SHACL shapes"):
            _, report, _ = pyshacl.validate(
                graph, shacl_graph=shapes, inference="none", allow_warnings=True, advanced=True
            )
    except Exception as error:  # pyshacl raises its own runtime errors for broken shapes
        raise ShapesError(f"SHACL validation could not run: {error}") from None
    return cast(Graph, report)  # pySHACL gives the report graph when not asked to serialize it


# A result before it is located: its focus node, and every other field of ValidationResult.
_Finding = tuple["Node | None", dict[str, str]]


def _located(graph: Graph, findings: list[_Finding]) -> list[ValidationResult]:
    """Turn findings into results located in the files, finding every focus node in one pass."""
    if isinstance(graph, KnowledgeGraph):
        graph.find_origins(focus for focus, _ in findings)
    results = []
    for focus, fields in findings:
        file, line = _locate(graph, focus)
        results.append(ValidationResult(file=file, line=line, focus=curie(focus), **fields))
    return results


def _shacl_findings(graph: Graph, shapes: Graph, validator: str) -> tuple[list[_Finding], Graph]:
    if validator == "fast":
        from kgraph.shacl.fast import validate_fast

        report = validate_fast(graph, shapes)
    else:
        report = _pyshacl_report(graph, shapes)
    findings: list[_Finding] = []
    nested = set(report.objects(None, SH.detail))  # details of an sh:node result, not results
    for node in set(report.subjects(RDF.type, SH.ValidationResult)) - nested:
        rule = report.value(node, SH.sourceConstraint) or report.value(node, SH.sourceShape)
        message = report.value(node, SH.resultMessage)
        value = report.value(node, SH.value)
        fields = {
            "path": curie(report.value(node, SH.resultPath)),
            "severity": _SEVERITIES.get(report.value(node, SH.resultSeverity), "violation"),
            "rule": curie(rule) if isinstance(rule, URIRef) else "",
            "message": str(message) if message is not None else "",
            "value": curie(value) if value is not None else "",
        }
        findings.append((report.value(node, SH.focusNode), fields))
    return findings, report


def run_checks(graph: Graph | None = None) -> list[ValidationResult]:
    """Run every ``queries/checks/*.rq`` quality check; each row any of them returns is a result.

    A check's header gives its message and severity; its first variable is the focus node.

    :param graph: the graph to check; None for the bundled graph.
    """
    graph = load() if graph is None else graph
    return _located(graph, _check_findings(graph))


def _check_findings(graph: Graph) -> list[_Finding]:
    from kgraph.progress import track
    from kgraph.sparql.execute import execute
    from kgraph.sparql.named import check_queries
    from kgraph.store.oxigraph import store_of

    on_oxigraph = store_of(graph) is not None  # Oxigraph runs the text: rdflib need not prepare it
    findings: list[_Finding] = []
    for check in track(check_queries(), "running the quality checks"):
        answer = execute(graph, None if on_oxigraph else check.prepared, check.text, where=str(check.path))
        for row in cast("list[tuple[Node | None, ...]]", list(answer)):  # SELECT rows: a term or None each
            fields = {
                "path": "",
                "severity": check.severity,
                "rule": f"check:{check.name}",
                "message": check.title,
                "value": " ".join(curie(v) for v in row[1:] if v is not None),
            }
            findings.append((row[0], fields))
    return findings


def validate(graph: Graph | None = None, *, checks: bool = True, validator: str = "auto") -> ValidationReport:
    """Validate a graph against the bundled SHACL shapes and, by default, the quality checks.

    :param graph: the graph to validate; None for the bundled graph.
    :param checks: also run ``queries/checks/*.rq``.
    :param validator: the SHACL engine: ``pyshacl`` (the reference), ``fast`` (the shapes compiled
        to SPARQL on Oxigraph, with the same results), or ``auto`` (see :func:`choose_validator`).
    :returns: a report; ``report.conforms`` is false when a violation was found.
    :raises ShapesError: if the shapes cannot be read or run, or do not compile for ``fast``.
    :raises KgraphError: if the validator is unknown or not installed.

    >>> report = validate()
    >>> report.conforms, len(report.violations)
    (True, 0)
    """
    # only the bundled graph is frozen: asking load() for it first would parse it for nothing
    if graph is None or (isinstance(graph, KnowledgeGraph) and graph.frozen and graph is load()):
        return _bundled_report(checks, choose_validator(validator, load()))
    return _validate(graph, checks, choose_validator(validator, graph))


@functools.cache
def _bundled_report(checks: bool, validator: str) -> ValidationReport:
    """Validate the bundled graph once per process: it is frozen, so its report cannot change."""
    return _validate(load(), checks, validator)


def _validate(graph: Graph, checks: bool, validator: str) -> ValidationReport:
    try:
        shapes = load_shapes()
    except KgraphError as error:
        raise ShapesError(str(error)) from None
    findings, report_graph = _shacl_findings(graph, shapes, validator)
    if checks:
        findings.extend(_check_findings(graph))
    results = _located(graph, findings)
    return ValidationReport(results=tuple(sorted(results)), report_graph=report_graph)
