"""JSON-LD of the bundled graph, compacted with ``ontology/context.jsonld``, written without rdflib.

The context is fixed and small, so compaction is a lookup: each statement takes the term whose
IRI and value rules fit its value (``"name": {"en": ...}`` for a language map, a bare string for
a date under ``startDate``, a number for a canonical whole number), and anything no term fits
keeps its compact IRI and a full value object, so nothing is lost. A test reads the result back
with rdflib's JSON-LD parser and compares the graphs.
"""

from __future__ import annotations

import functools
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from kgraph.store.oxigraph.terms import ox

__all__ = ["compact_document"]

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_CANONICAL_INTEGER = re.compile(r"0|-?[1-9][0-9]*")
_SAFE_LOCAL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*(?<!\.)")


class _Context:
    """What compaction needs from the context: prefixes, class terms, and property terms by IRI."""

    def __init__(self, context: dict[str, Any]) -> None:
        self.prefixes = {
            name: value
            for name, value in context.items()
            if isinstance(value, str) and not value.startswith("@") and value.endswith(("/", "#"))
        }
        self._by_namespace = {namespace: name for name, namespace in sorted(self.prefixes.items())}
        self._compacted: dict[str, str] = {}
        self.classes: dict[str, str] = {}
        self.properties: dict[str, list[tuple[str, str | None, str | None]]] = defaultdict(list)
        for term, value in context.items():
            if term in self.prefixes or term.startswith("@"):
                continue
            if isinstance(value, str) and not value.startswith("@"):
                self.classes[self.expand(value)] = term
            elif isinstance(value, dict) and "@id" in value:
                coercion = value.get("@type")
                self.properties[self.expand(value["@id"])].append(
                    (term, self.expand(coercion) if coercion else None, value.get("@container"))
                )

    def expand(self, text: str) -> str:
        prefix, sep, local = text.partition(":")
        return self.prefixes[prefix] + local if sep and prefix in self.prefixes else text

    def compact(self, iri: str) -> str:
        """A compact IRI, else the IRI itself: its namespace ends at its last ``/`` or ``#``, as every
        prefix of the context does, because a local name holds neither."""
        found = self._compacted.get(iri)
        if found is None:
            end = max(iri.rfind("/"), iri.rfind("#")) + 1
            prefix = self._by_namespace.get(iri[:end])
            local = iri[end:]
            found = f"{prefix}:{local}" if prefix and _SAFE_LOCAL.fullmatch(local) else iri
            self._compacted[iri] = found
        return found


def _kind(term: Any) -> str:
    """``iri``, ``blank`` or ``literal``: read from the class, the fastest test there is."""
    return _KINDS().get(type(term), "other")


@functools.cache
def _KINDS() -> dict[type, str]:  # noqa: N802 - a constant, made on first use
    library = ox()
    return {library.NamedNode: "iri", library.BlankNode: "blank", library.Literal: "literal"}


def _node_id(term: Any, context: _Context) -> str:
    return f"_:{term.value}" if type(term) is ox().BlankNode else context.compact(term.value)


def _place(predicate: str, value: Any, context: _Context) -> tuple[str, str | None, Any]:
    """Return ``(key, language or None, JSON value)`` for one statement's predicate and object."""
    terms = context.properties.get(predicate, [])
    kind = _kind(value)
    if kind in ("iri", "blank"):
        for term, coercion, container in terms:
            if coercion == "@id" and container is None:
                return term, None, _node_id(value, context)
        plain = next((t for t, c, k in terms if c is None and k is None), None)
        return plain or context.compact(predicate), None, {"id": _node_id(value, context)}
    text, language, datatype = value.value, value.language, value.datatype.value
    if language:
        for term, _coercion, container in terms:
            if container == "@language":
                return term, language, text
    else:
        for term, coercion, container in terms:
            if coercion == datatype and container is None:
                return term, None, text
    plain = next((t for t, c, k in terms if c is None and k is None), None)
    key = plain or context.compact(predicate)
    if language:
        return key, None, {"@value": text, "@language": language}
    if datatype == _XSD + "string":
        return key, None, text
    if datatype == _XSD + "integer" and _CANONICAL_INTEGER.fullmatch(text) and abs(int(text)) < 2**53:
        return key, None, int(text)  # a number every JSON reader reads back exactly
    if datatype == _XSD + "boolean" and text in ("true", "false"):
        return key, None, text == "true"
    return key, None, {"@value": text, "@type": context.compact(datatype)}


def _one_or_many(values: list[Any]) -> Any:
    if len(values) == 1:
        return values[0]
    return sorted(values, key=lambda v: v if isinstance(v, str) else json.dumps(v, sort_keys=True))


def compact_document(triples: Iterable[Any], context: dict[str, Any]) -> dict[str, Any]:
    """Compact Oxigraph's triples into a JSON-LD document with ``context``, one node per subject.

    :param triples: ``pyoxigraph.Triple`` objects.
    :param context: the value of the context's ``@context``.
    :returns: ``{"@context": context, "@graph": [...]}``, nodes sorted by id, keys sorted.
    """
    known = _Context(context)
    maps = {t for terms in known.properties.values() for t, _, container in terms if container == "@language"}
    nodes: dict[str, dict[str, Any]] = defaultdict(lambda: defaultdict(list))
    for triple in dict.fromkeys(triples):  # a statement made twice is one statement
        node = nodes[_node_id(triple.subject, known)]
        predicate, value = triple.predicate.value, triple.object
        if predicate == _RDF_TYPE and _kind(value) in ("iri", "blank"):
            node["type"].append(known.classes.get(value.value) or _node_id(value, known))
            continue
        key, language, shown = _place(predicate, value, known)
        if language is None:
            node[key].append(shown)
        else:
            if not node[key]:
                node[key].append({})
            node[key][0].setdefault(language, []).append(shown)
    graph = []
    for identifier in sorted(nodes):
        fields: dict[str, Any] = {"id": identifier}
        for key, values in nodes[identifier].items():
            if key in maps:
                fields[key] = {lang: _one_or_many(texts) for lang, texts in sorted(values[0].items())}
            else:
                fields[key] = _one_or_many(values)
        graph.append(dict(sorted(fields.items())))
    return {"@context": context, "@graph": graph}
