"""A read-only view of a graph in plain terms, the same over rdflib's graphs and Oxigraph's stores.

``kgraph show`` reads through it, so that one card-writing code serves both engines, and the
bundled graph is described from Oxigraph alone, without importing rdflib.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Protocol

__all__ = ["GraphView", "OxigraphView", "RdflibView", "Term", "iri", "view_of"]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_BLANK, _IRI, _LITERAL = 0, 1, 2  # rdflib's order: blank nodes, then IRIs, then literals


@dataclass(frozen=True, order=True, slots=True)
class Term:
    """An RDF term: its kind, and its text (an IRI, a blank node's label, a literal's lexical form).

    >>> str(iri("https://schema.org/name")), iri("https://schema.org/name").is_iri
    ('https://schema.org/name', True)
    """

    kind: int
    value: str
    language: str = ""
    datatype: str = ""

    def __str__(self) -> str:
        return self.value

    @property
    def is_iri(self) -> bool:
        """True for an IRI."""
        return self.kind == _IRI

    @property
    def is_literal(self) -> bool:
        """True for a literal."""
        return self.kind == _LITERAL

    def n3(self) -> str:
        """The term as N-Triples writes it (an IRI in angle brackets, a literal quoted)."""
        if self.kind == _IRI:
            return f"<{self.value}>"
        if self.kind == _BLANK:
            return f"_:{self.value}"
        text = '"' + self.value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
        if self.language:
            return f"{text}@{self.language}"
        return text if self.datatype in ("", _XSD_STRING) else f"{text}^^<{self.datatype}>"


def iri(value: str) -> Term:
    """Return the IRI ``value`` as a :class:`Term`."""
    return Term(_IRI, value)


class GraphView(Protocol):
    """What describing a resource reads: the statements of the graph's default graph."""

    def objects(self, subject: Term, predicate: str) -> list[Term]: ...

    def subjects(self, predicate: str, obj: Term) -> list[Term]: ...

    def predicate_objects(self, subject: Term) -> list[tuple[Term, Term]]: ...

    def subject_objects(self, predicate: str) -> Iterator[tuple[Term, Term]]: ...

    def mentions(self, term: Term) -> bool: ...


class OxigraphView:
    """A view of a ``pyoxigraph.Store``'s default graph."""

    def __init__(self, store: Any) -> None:
        from kgraph.store.oxigraph.terms import ox

        library = ox()
        self._store, self._default, self._library = store, library.DefaultGraph(), library
        self._kinds = {library.BlankNode: _BLANK, library.NamedNode: _IRI, library.Literal: _LITERAL}

    def term(self, native: Any) -> Term:
        """Return one of Oxigraph's terms as a :class:`Term`."""
        kind = self._kinds[type(native)]
        if kind != _LITERAL:
            return Term(kind, native.value)
        return Term(
            _LITERAL, native.value, native.language or "", "" if native.language else native.datatype.value
        )

    def _native(self, term: Term) -> Any:
        library = self._library
        if term.kind == _IRI:
            return library.NamedNode(term.value)
        if term.kind == _BLANK:
            return library.BlankNode(term.value)
        if term.language:
            return library.Literal(term.value, language=term.language)
        return library.Literal(term.value, datatype=library.NamedNode(term.datatype or _XSD_STRING))

    def _quads(self, subject: Term | None, predicate: str | None, obj: Term | None) -> Any:
        if subject is not None and subject.is_literal:
            return iter(())  # no statement has a literal subject
        return self._store.quads_for_pattern(
            None if subject is None else self._native(subject),
            None if predicate is None else self._library.NamedNode(predicate),
            None if obj is None else self._native(obj),
            self._default,
        )

    def objects(self, subject: Term, predicate: str) -> list[Term]:
        return [self.term(q.object) for q in self._quads(subject, predicate, None)]

    def subjects(self, predicate: str, obj: Term) -> list[Term]:
        return [self.term(q.subject) for q in self._quads(None, predicate, obj)]

    def predicate_objects(self, subject: Term) -> list[tuple[Term, Term]]:
        return [(self.term(q.predicate), self.term(q.object)) for q in self._quads(subject, None, None)]

    def subject_objects(self, predicate: str) -> Iterator[tuple[Term, Term]]:
        for quad in self._quads(None, predicate, None):
            yield self.term(quad.subject), self.term(quad.object)

    def mentions(self, term: Term) -> bool:
        return any(True for _ in self._quads(term, None, None)) or any(
            True for _ in self._quads(None, None, term)
        )


class RdflibView:
    """A view of an rdflib graph."""

    def __init__(self, graph: Any) -> None:
        from rdflib import BNode, Literal, URIRef

        self._graph, self._classes = graph, (BNode, Literal, URIRef)

    def term(self, node: Any) -> Term:
        """Return one of rdflib's terms as a :class:`Term`."""
        blank, literal, _ = self._classes
        if isinstance(node, literal):
            language = node.language or ""
            datatype = "" if language or node.datatype is None else str(node.datatype)
            return Term(_LITERAL, str(node), language, datatype)
        return Term(_BLANK if isinstance(node, blank) else _IRI, str(node))

    def _node(self, term: Term | str | None) -> Any:
        blank, literal, uri = self._classes
        if term is None or isinstance(term, str):
            return None if term is None else uri(term)
        if term.kind == _IRI:
            return uri(term.value)
        if term.kind == _BLANK:
            return blank(term.value)
        datatype = uri(term.datatype) if term.datatype and term.datatype != _XSD_STRING else None
        return literal(term.value, lang=term.language or None, datatype=datatype)

    def objects(self, subject: Term, predicate: str) -> list[Term]:
        return [self.term(o) for o in self._graph.objects(self._node(subject), self._node(predicate))]

    def subjects(self, predicate: str, obj: Term) -> list[Term]:
        return [self.term(s) for s in self._graph.subjects(self._node(predicate), self._node(obj))]

    def predicate_objects(self, subject: Term) -> list[tuple[Term, Term]]:
        return [(self.term(p), self.term(o)) for p, o in self._graph.predicate_objects(self._node(subject))]

    def subject_objects(self, predicate: str) -> Iterator[tuple[Term, Term]]:
        for subject, obj in self._graph.subject_objects(self._node(predicate)):
            yield self.term(subject), self.term(obj)

    def mentions(self, term: Term) -> bool:
        node = self._node(term)
        return (node, None, None) in self._graph or (None, None, node) in self._graph


def view_of(graph: Any = None) -> GraphView:
    """Return a view of ``graph``: an rdflib graph (read in Oxigraph when it lives there), or None
    for the bundled graph, read from Oxigraph alone."""
    if graph is None:
        from kgraph.store.oxigraph.bundle import bundled_store

        return OxigraphView(bundled_store())
    from kgraph.store.oxigraph.native import store_of

    store = store_of(graph)
    if store is not None and graph.identifier == _default_graph_id():
        return OxigraphView(store)
    return RdflibView(graph)


def _default_graph_id() -> Any:
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    return DATASET_DEFAULT_GRAPH_ID
