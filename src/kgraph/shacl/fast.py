"""Validate a graph against SHACL shapes on Oxigraph: every constraint is one query over the graph.

pySHACL, the reference, checks each constraint node by node in rdflib, which takes hours on a
million triples. Here the shapes are compiled (:mod:`kgraph.shacl.compile`) into one SPARQL query
per constraint, each run once over all focus nodes, and the rows are written as a SHACL validation
report graph with the same results pySHACL gives: the same focus node, path, value, source shape,
constraint component, severity and message. :mod:`kgraph.shacl.validate` reads either report the same
way, so its callers cannot tell which engine ran.

Where a literal is unusual (an ill-typed ``"abc"^^xsd:integer``, a date of 30 February), the queries
return it as a candidate and rdflib decides, as it does for pySHACL. Two differences remain, both
only on data that already breaks an ``sh:datatype`` rule, which both validators report:

- the shapes' own ``sh:sparql`` constraints run on Oxigraph, which follows SPARQL 1.1: comparing
  values of types it cannot compare (an integer with a boolean, an ``xsd:date`` with an
  ``xsd:dateTime``) is an error that drops the row, where rdflib compares them as Python does;
- a graph in rdflib's memory is copied into Oxigraph, which keeps typed literals by value, so a
  literal that is not in canonical form may be reported in its canonical form. On a graph loaded
  into Oxigraph, where ``auto`` picks this validator, pySHACL sees the same terms.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, time
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

from kgraph.errors import ShapesError, UnsupportedShapeError
from kgraph.shacl.compile import CompiledCheck, compile_shapes
from kgraph.shacl.literals import BOUNDS
from kgraph.store.oxigraph import from_oxigraph, oxigraph_store

if TYPE_CHECKING:
    from kgraph.store.oxigraph import QuerySolutions

__all__ = ["report_findings", "validate_fast"]


def _datatype_holds(value: Node | None, datatype: Node | None) -> bool:
    """Say whether ``value`` has ``datatype`` as pySHACL decides it: by rdflib's reading of literals."""
    if not isinstance(value, Literal):
        return False
    if datatype == value.datatype:
        if getattr(value, "ill_typed", None) is True:
            return False
        expected_types: dict[Node | None, type | tuple[type, ...]] = {
            XSD.string: (str, bytes),
            XSD.integer: int,
            XSD.float: float,
            XSD.boolean: bool,
            XSD.date: date,
            XSD.decimal: Decimal,
            XSD.time: time,
            XSD.dateTime: datetime,
        }
        expected = expected_types.get(datatype)
        return expected is None or isinstance(value.value, expected)
    if datatype == URIRef("http://www.w3.org/2000/01/rdf-schema#Literal"):
        return True
    if datatype == URIRef("http://www.w3.org/2000/01/rdf-schema#Datatype"):
        return value.datatype is not None
    if value.datatype is None and value.language is None and datatype == XSD.string:
        return isinstance(value.value, str | bytes)
    return datatype == RDF.langString and bool(value.language) and isinstance(value.value, str | bytes)


def _order(value: Literal, bound: Literal) -> int:
    """Order two literals as pySHACL does: 0 equal, 1 greater, -1 smaller or not comparable."""
    if value.eq(bound):
        return 0
    if type(value.value) in (datetime, time):
        return 0 if value.value == bound.value else 1 if value.value > bound.value else -1
    return 1 if value > bound else -1


def _compares(value: Node | None, bound: Literal, operator: str) -> bool:
    """Say whether ``value OP bound`` holds as pySHACL compares literals (through rdflib)."""
    if not isinstance(value, Literal) or isinstance(value.value, str) != isinstance(bound.value, str):
        return False
    try:
        order = _order(value, bound)
    except (TypeError, NotImplementedError):
        return False
    return {">=": order >= 0, ">": order > 0, "<=": order <= 0, "<": order < 0}[operator]


def _holds(check: CompiledCheck, value: Node | None) -> bool:
    if check.recheck == "datatype":
        return _datatype_holds(value, check.argument)
    if check.recheck in BOUNDS:  # the value range parameters take a literal
        return _compares(value, cast(Literal, check.argument), BOUNDS[check.recheck])
    return False


def _message(check: CompiledCheck, row: dict[str, Node]) -> Node | None:
    if check.message is None:
        return None
    if check.component != SH.SPARQLConstraintComponent:
        return check.message
    text = str(check.message)
    for name, value in row.items():  # {$this} and {?value} say the row's terms, as pySHACL does
        text = re.sub(r"\{[?$]" + re.escape(name) + r"\}", str(value), text)
    return Literal(text)


def _add_result(report: Graph, root: BNode, check: CompiledCheck, row: dict[str, Node]) -> None:
    result = BNode()
    report.add((root, SH.result, result))
    report.add((result, RDF.type, SH.ValidationResult))
    report.add((result, SH.focusNode, row["this"]))
    report.add((result, SH.sourceShape, check.shape))
    report.add((result, SH.sourceConstraintComponent, check.component))
    report.add((result, SH.resultSeverity, check.severity))
    if row.get("value") is not None:
        report.add((result, SH.value, row["value"]))
    path = row.get("path", check.path)
    if path is not None:
        report.add((result, SH.resultPath, path))
    if check.constraint is not None:
        report.add((result, SH.sourceConstraint, check.constraint))
    message = _message(check, row)
    if message is not None:
        report.add((result, SH.resultMessage, message))


def _solutions(store: Any, query: str, default_graph: Any, check: CompiledCheck, **options: Any) -> list[Any]:
    try:  # Oxigraph evaluates as the rows are read: errors can come at any row
        solutions = store.query(query, default_graph=default_graph, **options)
        if isinstance(solutions, bool):
            return [solutions]
        names = [variable.value for variable in solutions.variables]
        return [{n: from_oxigraph(s[n]) for n in names if s[n] is not None} for s in solutions]
    except (SyntaxError, OSError, ValueError, RuntimeError) as error:
        raise ShapesError(f"the compiled query of {check.shape} could not run: {error}") from None


def _rows(store: Any, default_graph: Any, check: CompiledCheck) -> list[dict[str, Node]]:
    """Run a check's query over all focus nodes, or once per focus node with ``$this`` substituted."""
    if not check.focus_query:
        return _solutions(store, check.query, default_graph, check)
    from kgraph.store.oxigraph import substitution, to_oxigraph

    found = []
    for focus in _solutions(store, check.focus_query, default_graph, check):
        substitutions = substitution("this", to_oxigraph(focus["this"]))
        for row in _solutions(store, check.query, default_graph, check, substitutions=substitutions):
            found.append({**row, "this": focus["this"]})
    return found


#: compiled queries run side by side: Oxigraph lets go of Python's lock while it evaluates
THREADS = 2


def _all_rows(
    store: Any, default_graph: Any, checks: tuple[CompiledCheck, ...]
) -> Iterator[tuple[CompiledCheck, list[dict[str, Node]]]]:
    """Each check with its rows, in the checks' order, the queries run by :data:`THREADS` threads.

    A million-triple graph validates in two thirds of the time on two cores; the report is the
    same, as the rows are taken in order.
    """
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(THREADS) as pool:
        futures = [pool.submit(_rows, store, default_graph, check) for check in checks]
        try:
            for check, future in zip(checks, futures, strict=True):
                yield check, future.result()
        finally:
            for future in futures:
                future.cancel()


def _refuse_doubts(store: Any, default_graph: Any, checks: tuple[CompiledCheck, ...]) -> None:
    """Refuse the graph when it holds a literal that a nested test may misjudge (pySHACL decides it)."""
    asked: set[str] = set()
    for check in checks:
        for query, what in check.doubts:
            if query not in asked and store.query(query, default_graph=default_graph):
                raise UnsupportedShapeError(
                    f"the data holds {what} for {check.shape.n3()}, which only pySHACL decides exactly"
                )
            asked.add(query)


def validate_fast(graph: Graph, shapes: Graph) -> Graph:
    """Validate ``graph`` against ``shapes`` on Oxigraph and return the SHACL validation report.

    :param graph: the data graph; queried in place when it is on the Oxigraph engine.
    :param shapes: the shapes graph.
    :returns: a report graph as pySHACL writes it (without the nested sh:detail results).
    :raises UnsupportedShapeError: if a shape uses a feature the compiler does not support.
    :raises ShapesError: if a compiled query cannot run.

    >>> from kgraph.store.loading import load, load_shapes
    >>> report = validate_fast(load(), load_shapes())
    >>> (None, SH.conforms, Literal(True)) in report
    True
    """
    from kgraph.progress import track

    store, default_graph = oxigraph_store(graph)
    found = cast(
        "QuerySolutions",
        store.query(f"SELECT DISTINCT ?c WHERE {{ ?s <{RDFS.subClassOf}> ?c }}", default_graph=default_graph),
    )
    checks = compile_shapes(shapes, superclasses=frozenset(from_oxigraph(row["c"]) for row in found))
    report = Graph()
    report.bind("sh", SH)
    root = BNode()
    report.add((root, RDF.type, SH.ValidationReport))
    conforms = True
    _refuse_doubts(store, default_graph, checks)
    answers = _all_rows(store, default_graph, checks)
    for check, rows in track(
        answers, f"validating {len(store):,} triples with the compiled shapes", total=len(checks)
    ):
        for row in rows:
            if check.recheck and _holds(check, row.get("value")):
                continue
            row.pop("lang", None)
            if "value" not in row and check.value_is_focus:
                row["value"] = row["this"]  # a node shape's value node is its focus node
            _add_result(report, root, check, row)
            conforms = conforms and check.severity in (SH.Warning, SH.Info)  # warnings allowed, as asked
    report.add((root, SH.conforms, Literal(conforms)))
    return report


def report_findings(report: Graph) -> Counter[tuple[Node | str | None, ...]]:
    """Count the results of a SHACL report by what identifies them, leaving out nested details.

    Two validators agree when their reports give equal counters: each result is the tuple (focus
    node, result path, value, source shape, constraint component, severity, message, source
    constraint), with blank nodes of the shapes graph written as ``_:``.

    :param report: a report graph, from pySHACL or :func:`validate_fast`.
    :returns: how many times each result occurs.
    """
    nested = set(report.objects(None, SH.detail))
    found: Counter[tuple[Node | str | None, ...]] = Counter()
    for node in set(report.subjects(RDF.type, SH.ValidationResult)) - nested:

        def get(predicate: URIRef, node: Node = node) -> Node | str | None:
            term = report.value(node, predicate)
            shape_side = predicate in (SH.sourceShape, SH.resultPath, SH.sourceConstraint)
            return "_:" if shape_side and isinstance(term, BNode) else term

        message = report.value(node, SH.resultMessage)
        found[
            (
                get(SH.focusNode),
                get(SH.resultPath),
                get(SH.value),
                get(SH.sourceShape),
                get(SH.sourceConstraintComponent),
                get(SH.resultSeverity),
                None if message is None else str(message),
                get(SH.sourceConstraint),
            )
        ] += 1
    return found
