"""SHACL validation and the quality-check queries, turned into typed results located in the data files.

Non-conformance is a result, not an exception; only failing to run raises (as in pySHACL).
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from kgraph.errors import KgraphError, ShapesError, UnsupportedShapeError
from kgraph.shacl.results import SEVERITIES, Finding, ValidationReport, ValidationResult, located

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Node

__all__ = ["VALIDATORS", "ValidationReport", "ValidationResult", "choose_validator", "run_checks", "validate"]


def _files_of(graph: Graph | None) -> tuple[Path, ...]:
    """The files ``graph`` was read from (the bundled ones for None), where results are located."""
    if graph is None:
        from kgraph.store.oxigraph.bundle import bundled_files

        return tuple(bundled_files())
    return tuple(getattr(graph, "files", ()))


VALIDATORS = ("auto", "pyshacl", "fast")


def choose_validator(validator: str, graph: Graph | None) -> str:
    """Return the SHACL engine to run: the one asked for, or for ``auto`` the one that fits the graph.

    ``auto`` runs the fast validator (:mod:`kgraph.shacl.fast`) on a graph on the Oxigraph engine,
    which ``kgraph.load`` chooses for input files of 1 MiB or more, and pySHACL, the reference, on
    any other graph (the bundled one included). Both give the same results.

    :param validator: ``auto``, ``pyshacl`` or ``fast``.
    :param graph: the graph to validate; None for the bundled graph, which is on Oxigraph.
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
        return "fast" if graph is None or store_of(graph) is not None else "pyshacl"
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
        raise ShapesError(f"SHACL validation could not run: {_pyshacl_message(error)}") from None
    if isinstance(report, Exception):  # a SHACL failure (pyshacl.errors.ValidationFailure): no report
        raise ShapesError(f"SHACL validation failed: {_pyshacl_message(report)}")
    return cast("Graph", report)  # pySHACL gives the report graph when not asked to serialize it


def _pyshacl_message(error: BaseException) -> str:
    """pySHACL's own message of an error (its errors keep it in ``message``), with the spec's link."""
    message = str(getattr(error, "message", "") or error).strip().replace("\n", " ")
    link = getattr(error, "link", None)
    return f"{message} (see {link})" if link else message


def _focus(node: Node | None) -> tuple[str | None, str]:
    from rdflib import URIRef

    from kgraph.namespaces import curie

    return (str(node) if isinstance(node, URIRef) else None), curie(node)


def _shacl_findings(graph: Graph, shapes: Graph, validator: str) -> tuple[list[Finding], Graph]:
    from rdflib import URIRef
    from rdflib.namespace import RDF, SH

    from kgraph.namespaces import curie

    if validator == "fast":
        from kgraph.shacl.fast import validate_fast

        report = validate_fast(graph, shapes)
    else:
        report = _pyshacl_report(graph, shapes)
    findings: list[Finding] = []
    nested = set(report.objects(None, SH.detail))  # details of an sh:node result, not results
    for node in set(report.subjects(RDF.type, SH.ValidationResult)) - nested:
        rule = report.value(node, SH.sourceConstraint) or report.value(node, SH.sourceShape)
        message = report.value(node, SH.resultMessage)
        value = report.value(node, SH.value)
        iri, focus = _focus(report.value(node, SH.focusNode))
        fields = {
            "focus": focus,
            "path": curie(report.value(node, SH.resultPath)),
            "severity": SEVERITIES.get(str(report.value(node, SH.resultSeverity)), "violation"),
            "rule": curie(rule) if isinstance(rule, URIRef) else "",
            "message": str(message) if message is not None else "",
            "value": curie(value) if value is not None else "",
        }
        findings.append((iri, fields))
    return findings, report


def run_checks(graph: Graph | None = None) -> list[ValidationResult]:
    """Run every ``queries/checks/*.rq`` quality check; each row any of them returns is a result.

    A check's header gives its message and severity; its first variable is the focus node.

    :param graph: the graph to check; None for the bundled graph.
    """
    if graph is None:
        from kgraph.shacl.bundled import check_findings

        return located(_files_of(None), check_findings())
    return located(_files_of(graph), _check_findings(graph))


def _check_findings(graph: Graph) -> list[Finding]:
    from kgraph.namespaces import curie
    from kgraph.progress import track
    from kgraph.sparql.execute import execute
    from kgraph.sparql.named import check_queries
    from kgraph.store.oxigraph import store_of

    on_oxigraph = store_of(graph) is not None  # Oxigraph runs the text: rdflib need not prepare it
    findings: list[Finding] = []
    for check in track(check_queries(), "running the quality checks"):
        answer = execute(graph, None if on_oxigraph else check.prepared, check.text, where=str(check.path))
        for row in cast("list[tuple[Node | None, ...]]", list(answer)):  # SELECT rows: a term or None each
            iri, focus = _focus(row[0])
            fields = {
                "focus": focus,
                "path": "",
                "severity": check.severity,
                "rule": f"check:{check.name}",
                "message": check.title,
                "value": " ".join(curie(v) for v in row[1:] if v is not None),
            }
            findings.append((iri, fields))
    return findings


def validate(
    graph: Graph | None = None,
    *,
    checks: bool = True,
    validator: str = "auto",
    shapes: Graph | str | Path | Iterable[str | Path] | None = None,
) -> ValidationReport:
    """Validate a graph against SHACL shapes (the bundled ones by default) and the quality checks.

    :param graph: the graph to validate; None for the bundled graph.
    :param checks: also run ``queries/checks/*.rq``.
    :param validator: the SHACL engine: ``pyshacl`` (the reference), ``fast`` (the shapes compiled
        to SPARQL on Oxigraph, with the same results, or refused), or ``auto`` (see
        :func:`choose_validator`; where the fast validator refuses the shapes, pySHACL runs).
    :param shapes: a shapes graph, or the RDF file(s) to read it from, in place of the bundled shapes.
    :returns: a report; ``report.conforms`` is false when a violation was found.
    :raises ShapesError: if the shapes cannot be read or run (file and line given where known), or
        for ``fast``, do not compile (:class:`UnsupportedShapeError`).
    :raises KgraphError: if the validator is unknown or not installed.

    >>> report = validate()
    >>> report.conforms, len(report.violations)
    (True, 0)
    """
    fallback = validator == "auto"
    if shapes is not None:
        from kgraph.shacl.shapesfiles import read_shapes
        from kgraph.store.loading import load

        graph = load() if graph is None else graph
        return _validate(graph, checks, choose_validator(validator, graph), fallback, read_shapes(shapes))
    if graph is None:
        return _bundled_report(checks, choose_validator(validator, None), fallback)
    from kgraph.store.loading import KnowledgeGraph, load

    if isinstance(graph, KnowledgeGraph) and graph.frozen and graph is load():
        return _bundled_report(checks, choose_validator(validator, graph), fallback)
    return _validate(graph, checks, choose_validator(validator, graph), fallback)


@functools.cache
def _bundled_report(checks: bool, validator: str, fallback: bool) -> ValidationReport:
    """Validate the bundled graph once per process: it is frozen, so its report cannot change.

    The fast validator runs from Oxigraph alone with the shapes compiled ahead, when they fit.
    """
    if validator == "fast":
        from kgraph.shacl.bundled import validate_bundled

        report = validate_bundled(checks)
        if report is not None:
            return report
    from kgraph.store.loading import load

    return _validate(load(), checks, validator, fallback)


def _validate(
    graph: Graph,
    checks: bool,
    validator: str,
    fallback: bool,
    shapes: tuple[Graph, tuple[Path, ...]] | None = None,
) -> ValidationReport:
    from kgraph.shacl.shapesfiles import locate_shapes_error
    from kgraph.store.loading import load_shapes

    if shapes is None:
        try:
            shapes = load_shapes(), ()
        except KgraphError as error:
            raise ShapesError(str(error)) from None
    shapes_graph, files = shapes
    graph, validator, notes = _as_written(graph, validator)
    try:
        findings, report_graph = _shacl_findings(graph, shapes_graph, validator)
    except UnsupportedShapeError as error:
        if not fallback:
            message = f"{error}; --validator pyshacl validates with these shapes"
            raise UnsupportedShapeError(locate_shapes_error(files, message)) from None
        findings, report_graph = _shacl_findings(graph, shapes_graph, "pyshacl")
        notes += (f"the fast validator refused the shapes ({error}), so pySHACL ran",)
    except ShapesError as error:
        raise ShapesError(locate_shapes_error(files, str(error))) from None
    if checks:
        findings.extend(_check_findings(graph))
    results = located(_files_of(graph), findings)
    report = ValidationReport(results=tuple(sorted(results)), make_report_graph=lambda: report_graph)
    return dataclasses.replace(report, notes=notes) if notes else report


def _as_written(graph: Graph, validator: str) -> tuple[Graph, str, tuple[str, ...]]:
    """Return a graph and a validator that see every literal as written, and a note if they changed.

    Oxigraph's store keeps typed literals by value (``"5"^^xsd:int`` as ``"5"^^xsd:integer``), and
    the fast validator copies a graph into such a store. Where the input writes a literal that the
    store would change, the files are read into rdflib, which keeps each datatype, and pySHACL runs.
    """
    from kgraph.store.exact import as_written
    from kgraph.store.oxigraph import store_of
    from kgraph.store.oxigraph.files import rewritten

    if store_of(graph) is not None:
        graph, found = as_written(graph)
        if not found:
            return graph, validator, ()
    elif validator == "fast":
        from rdflib import Literal

        from kgraph.store.oxigraph import to_oxigraph

        values = (to_oxigraph(value) for value in set(graph.objects()) if isinstance(value, Literal))
        found = [str(value) for value in rewritten(values)]
        if not found:
            return graph, validator, ()
    else:
        return graph, validator, ()
    more = f" and {len(found) - 1} more" if len(found) > 1 else ""
    note = (
        f"{found[0]}{more} would be held by value in Oxigraph's store, so the input was validated "
        "with pySHACL on rdflib, which keeps every literal's datatype as written"
    )
    return graph, "pyshacl", (note,)
