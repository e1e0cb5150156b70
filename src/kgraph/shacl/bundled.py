"""Validating the bundled graph from Oxigraph alone: the shapes compiled ahead, the checks, no rdflib.

The results are those :func:`kgraph.shacl.validate.validate` gives through rdflib, field for field
(a test compares them); the report graph is made through rdflib only if someone asks for it.
Where the compiled shapes no longer fit, or a row needs rdflib's reading of an unusual literal,
:func:`validate_bundled` says so with None and the general path runs instead.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from kgraph.prefixes import curie_of
from kgraph.shacl.precompiled import PlainCheck, read_compiled
from kgraph.shacl.results import SEVERITIES, Finding, ValidationReport, located
from kgraph.sparql.named import PREFIX_TEXT, check_queries
from kgraph.store.oxigraph.bundle import bundled_files, bundled_store
from kgraph.store.oxigraph.native import rows
from kgraph.store.oxigraph.terms import kind_of

__all__ = ["check_findings", "validate_bundled"]


def _curie(term: Any) -> str:
    """Write one of Oxigraph's terms as :func:`kgraph.namespaces.curie` writes rdflib's."""
    kind = kind_of(term)
    if kind == "iri":
        return curie_of(term.value)
    if kind == "blank":
        return f"_:{term.value}"
    from kgraph.store.oxigraph.terms import from_oxigraph  # a literal: rdflib's own N3 form

    return str(from_oxigraph(term).n3())


_DATE = "http://www.w3.org/2001/XMLSchema#date"


def _plain_date(value: Any, check: PlainCheck) -> bool | None:
    """Decide a candidate of ``sh:datatype xsd:date`` as rdflib reads dates, where that is plain:
    a ``YYYY-MM-DD`` date is one exactly when the calendar has that day. None when undecided."""
    if check.argument != _DATE or value is None or kind_of(value) != "literal":
        return None
    if value.datatype.value != _DATE or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value.value):
        return None
    try:
        date.fromisoformat(value.value)
    except ValueError:
        return False
    return True


def _focus(term: Any) -> tuple[str | None, str]:
    return (term.value if kind_of(term) == "iri" else None), _curie(term)


def _select(store: Any, text: str, prefixes: dict[str, str]) -> tuple[tuple[str, ...], Any]:
    answer = rows(store, text, prefixes)
    assert isinstance(answer, tuple)  # every compiled check and quality check is a SELECT
    return answer


def _shape_findings(store: Any, checks: list[PlainCheck]) -> list[Finding] | None:
    findings: list[Finding] = []
    for check in checks:
        columns, solutions = _select(store, check.query, {})
        for solution in solutions:
            row = {name: term for name, term in zip(columns, solution, strict=True) if term is not None}
            if check.recheck:
                holds = _plain_date(row.get("value"), check) if check.recheck == "datatype" else None
                if holds is None:
                    return None  # rdflib's reading of the literal decides it: the general path does
                if holds:
                    continue
            row.pop("lang", None)
            if "value" not in row and check.value_is_focus:
                row["value"] = row["this"]  # a node shape's value node is its focus node
            message = check.message
            if message is not None and check.substitutes:
                for name, term in row.items():  # {$this} and {?value} say the row's terms
                    message = re.sub(r"\{[?$]" + re.escape(name) + r"\}", term.value, message)
            iri, focus = _focus(row["this"])
            path = row["path"].value if "path" in row else check.path
            fields = {
                "focus": focus,
                "path": curie_of(path) if path else "",
                "severity": SEVERITIES.get(check.severity, "violation"),
                "rule": check.rule,
                "message": message or "",
                "value": _curie(row["value"]) if "value" in row else "",
            }
            findings.append((iri, fields))
    return findings


def check_findings() -> list[Finding]:
    """Run every quality check (``queries/checks/*.rq``) on the bundled graph in Oxigraph."""
    store, findings = bundled_store(), []
    for check in check_queries():
        _, solutions = _select(store, check.text, PREFIX_TEXT)
        for row in solutions:
            iri, focus = _focus(row[0])
            fields = {
                "focus": focus,
                "path": "",
                "severity": check.severity,
                "rule": f"check:{check.name}",
                "message": check.title,
                "value": " ".join(_curie(v) for v in list(row)[1:] if v is not None),
            }
            findings.append((iri, fields))
    return findings


def validate_bundled(checks: bool = True) -> ValidationReport | None:
    """Validate the bundled graph with the shapes compiled ahead; None when they cannot serve.

    :param checks: also run the quality checks.
    """
    store = bundled_store()
    compiled = read_compiled(store)
    findings = None if compiled is None else _shape_findings(store, compiled)
    if findings is None:
        return None
    if checks:
        findings += check_findings()
    results = located(tuple(bundled_files()), findings)
    return ValidationReport(results=tuple(sorted(results)), make_report_graph=_report_graph)


def _report_graph() -> Any:
    from kgraph.shacl.fast import validate_fast
    from kgraph.store.loading import load, load_shapes

    return validate_fast(load(), load_shapes())
