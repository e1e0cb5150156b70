"""The bundled shapes compiled ahead of time, so that the bundled graph validates from Oxigraph alone.

Compiling the shapes needs rdflib, and importing rdflib costs more than validating the bundled
graph does. So ``make format`` writes the compiled queries of ``ontology/shapes.ttl`` for the
bundled graph to ``ontology/shapes-compiled.json`` (:func:`write_compiled`), with the digest of the
shapes and the classes with subclasses that they were compiled for; :func:`read_compiled` gives
them back only while both still match, and a test keeps the file equal to a fresh compilation.
Anything else (other data, other shapes, a stale file) is compiled at run time, as before.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kgraph import resources

__all__ = ["PlainCheck", "compiled_for_bundle", "read_compiled", "write_compiled"]

_SH = "http://www.w3.org/ns/shacl#"


@dataclass(frozen=True)
class PlainCheck:
    """A compiled check in plain text: what validating needs, with no rdflib term in it."""

    query: str
    rule: str  # the CURIE of the SPARQL constraint or shape, as results name it; "" for a blank node
    severity: str  # the severity's IRI
    message: str | None
    path: str | None  # the IRI of the property shape's path
    substitutes: bool  # a SPARQL constraint: {$this} and {?value} in the message take the row's values
    value_is_focus: bool
    recheck: str  # "datatype" or "minInclusive": rows are candidates that rdflib's reading decides
    argument: str | None  # for a datatype recheck, the datatype's IRI


def _digest() -> str:
    return hashlib.sha256(resources.shapes_path().read_bytes()).hexdigest()


def compiled_for_bundle() -> dict[str, Any]:
    """Compile the bundled shapes for the bundled graph and return them as the file holds them."""
    from rdflib import URIRef

    from kgraph.namespaces import curie
    from kgraph.shacl.compile import compile_shapes
    from kgraph.store.loading import load, load_shapes
    from kgraph.store.oxigraph.native import store_of

    superclasses = _superclasses(store_of(load()))
    checks = compile_shapes(load_shapes(), superclasses=frozenset(map(URIRef, superclasses)))
    plain = []
    for check in checks:
        if check.doubts or check.focus_query:  # read_compiled has no way to run them: keep the shapes plain
            raise ValueError(
                f"{check.shape} needs doubts or a query per focus node: it cannot be compiled ahead"
            )
        rule = check.constraint if check.constraint is not None else check.shape
        plain.append(
            {
                "query": check.query,
                "rule": curie(rule) if isinstance(rule, URIRef) else "",
                "severity": str(check.severity),
                "message": None if check.message is None else str(check.message),
                "path": None if check.path is None else str(check.path),
                "substitutes": str(check.component) == _SH + "SPARQLConstraintComponent",
                "value_is_focus": check.value_is_focus,
                "recheck": check.recheck,
                "argument": str(check.argument) if check.recheck == "datatype" else None,
            }
        )
    return {"shapes_sha256": _digest(), "superclasses": superclasses, "checks": plain}


def write_compiled() -> Path:
    """Compile the bundled shapes for the bundled graph into ``ontology/shapes-compiled.json``."""
    from kgraph.files import write_atomic

    text = json.dumps(compiled_for_bundle(), ensure_ascii=False, indent=1) + "\n"
    return write_atomic(resources.compiled_shapes_path(), text.encode("utf-8"))


def _superclasses(store: Any) -> list[str]:
    """The classes that have subclasses in the store (the compiled queries follow only those)."""
    found = store.query(
        "SELECT DISTINCT ?c WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#subClassOf> ?c }"
    )
    return sorted(row[0].value for row in found)


def read_compiled(store: Any) -> list[PlainCheck] | None:
    """Return the checks compiled ahead for ``store``, or None when they do not fit it any more.

    :param store: the ``pyoxigraph.Store`` holding the bundled graph.
    """
    try:
        saved = json.loads(resources.compiled_shapes_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if saved.get("shapes_sha256") != _digest() or saved.get("superclasses") != _superclasses(store):
        return None
    return [PlainCheck(**check) for check in saved["checks"]]


if __name__ == "__main__":
    sys.stderr.write(f"wrote {write_compiled()}\n")
