"""Terms: rdflib's and Oxigraph's, turned into each other, and read without rdflib."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

__all__ = [
    "converter",
    "from_oxigraph",
    "kind_of",
    "lexical",
    "literal_parts",
    "ox",
    "plain_literal",
    "to_oxigraph",
]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@functools.cache
def ox() -> Any:
    """Return the pyoxigraph module, imported the first time it is needed (``import kgraph`` stays light)."""
    import pyoxigraph

    return pyoxigraph


_ox = ox


@functools.cache
def _rdflib() -> Any:
    """Return rdflib's term classes, imported the first time a term is converted to or from rdflib."""
    from rdflib import BNode, Literal, URIRef

    return BNode, Literal, URIRef


def to_oxigraph(term: Any) -> Any:
    """Turn an rdflib term into pyoxigraph's; None stays None (a wildcard in a pattern).

    >>> from rdflib import Literal
    >>> str(to_oxigraph(Literal("Run On", lang="en")))
    '"Run On"@en'
    """
    ox = _ox()
    BNode, Literal, URIRef = _rdflib()  # noqa: N806 - the classes, under their own names
    if term is None:
        return None
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"Oxigraph has no term for {term!r}")


def from_oxigraph(term: Any) -> Any:
    """Turn one of pyoxigraph's terms into rdflib's; a simple literal comes back without xsd:string.

    A typed literal keeps its lexical form: rdflib would otherwise rewrite ``"01"^^xsd:integer``
    as ``"1"``, merging two different terms.

    >>> from rdflib import Literal
    >>> from_oxigraph(to_oxigraph(Literal("Run On")))
    rdflib.term.Literal('Run On')
    """
    kind = type(term)
    ox = _ox()
    BNode, Literal, URIRef = _rdflib()  # noqa: N806 - the classes, under their own names
    if kind is ox.NamedNode:
        return URIRef(term.value)
    if kind is ox.Literal:
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype), normalize=False)  # "01" stays "01"
    if kind is ox.BlankNode:
        return BNode(term.value)
    if term is None or kind is ox.DefaultGraph:
        return None
    raise TypeError(f"rdflib has no term for Oxigraph's {term!r}")


def converter() -> Callable[[Any], Any]:
    """Return :func:`from_oxigraph` with a memory: each distinct term is converted once."""
    made: dict[Any, Any] = {None: None}

    def convert(term: Any) -> Any:
        found = made.get(term, made)
        if found is made:
            found = made[term] = from_oxigraph(term)
        return found

    return convert


def lexical(term: Any) -> str:
    """Return the text of a term of either library: an IRI, a blank node label, a literal's lexical form."""
    return term.value if isinstance(term, _ox().Literal | _ox().NamedNode | _ox().BlankNode) else str(term)


def plain_literal(term: Any) -> tuple[str, str | None] | None:
    """Return an Oxigraph literal's ``(text, language)`` when it is a simple or language-tagged string."""
    if isinstance(term, _ox().Literal) and (term.language or term.datatype.value == _XSD_STRING):
        return term.value, term.language
    return None


def literal_parts(term: Any) -> tuple[str, str | None] | None:
    """Return an Oxigraph literal's ``(lexical form, language)``; None for any other term."""
    if isinstance(term, _ox().Literal):
        return term.value, term.language
    return None


def kind_of(term: Any) -> str:
    """Say what an Oxigraph term is: ``iri``, ``blank``, ``literal`` or ``other``."""
    ox = _ox()
    if isinstance(term, ox.NamedNode):
        return "iri"
    if isinstance(term, ox.BlankNode):
        return "blank"
    if isinstance(term, ox.Literal):
        return "literal"
    return "other"
