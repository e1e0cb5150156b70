"""Query parameters: values given as text or Python values, turned into RDF terms of the right kind.

Terms are rdflib's for the rdflib engine, or Oxigraph's for queries that Oxigraph answers
without rdflib (the bundled graph): both come from the same reading of the text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from kgraph.errors import ParameterError
from kgraph.prefixes import expand_text
from kgraph.sparql.named import NamedQuery

if TYPE_CHECKING:
    from rdflib import Graph, Literal, URIRef

__all__ = ["bind", "parse_value"]

_XSD = "http://www.w3.org/2001/XMLSchema#"


def _read(text: str, kind: str) -> tuple[str, str, str | None, str | None]:
    """Read a parameter value: ``("iri", iri, None, None)``, ``("name", text, None, None)`` for a
    name to look up, or ``("literal", lexical form, language, datatype IRI)``."""
    text = text.strip()
    if kind == "iri":
        iri = expand_text(text)
        return ("iri", iri, None, None) if iri is not None else ("name", text, None, None)
    if kind == "integer":
        if not re.fullmatch(r"[+-]?\d+", text):
            raise ParameterError(f"'{text}' is not a whole number")
        return ("literal", str(int(text)), None, _XSD + "integer")
    if kind == "date":
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ParameterError(f"'{text}' is not a date; write it as YYYY-MM-DD")
        return ("literal", text, None, _XSD + "date")
    if kind == "string":
        return ("literal", text, None, None)
    found = re.fullmatch(r'"(.*)"(?:@([A-Za-z-]+)|\^\^(\S+))?', text, re.S)
    if found:
        lexical, lang, datatype = found.groups()
        dtype = expand_text(datatype) if datatype else None
        if datatype and dtype is None:
            raise ParameterError(f"unknown datatype '{datatype}' in {text}")
        return ("literal", lexical, lang, dtype)
    iri = expand_text(text)
    if iri is not None:
        return ("iri", iri, None, None)
    if re.fullmatch(r"[+-]?\d+", text):
        return ("literal", str(int(text)), None, _XSD + "integer")
    return ("literal", text, None, None)


def parse_value(text: str, kind: str = "literal", *, graph: Graph | None = None) -> URIRef | Literal:
    """Turn a parameter value given as text into an RDF term of the parameter's type.

    ``iri`` takes a CURIE, an IRI, or a name of something in the graph (matched forgivingly);
    ``literal`` takes a CURIE or IRI, a whole number, an N3 literal such as ``"Run On"@en``, or text.

    :raises ParameterError: if the text does not fit the type.

    >>> parse_value("kdr:run-on", "iri")
    rdflib.term.URIRef('https://w3id.org/kdrama-kg/resource/run-on')
    >>> parse_value("16", "integer")
    rdflib.term.Literal('16', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))
    >>> parse_value('"Run On"@en')
    rdflib.term.Literal('Run On', lang='en')
    """
    from rdflib import Literal, URIRef

    what, value, lang, datatype = _read(text, kind)
    if what == "iri":
        return URIRef(value)
    if what == "name":
        from kgraph.describe.entities import find

        return find(value, graph=graph)
    return Literal(value, lang=lang, datatype=URIRef(datatype) if datatype else None)


def _native_value(text: str, kind: str) -> Any:
    """Turn a parameter value into one of Oxigraph's terms (a name is looked up in the bundled graph)."""
    from kgraph.store.oxigraph.terms import ox

    what, value, lang, datatype = _read(text, kind)
    if what == "iri":
        return ox().NamedNode(value)
    if what == "name":
        from kgraph.describe.entities import find

        return find(value)  # an rdflib IRI: names need the labels, which only rdflib reads here
    if lang:
        return ox().Literal(value, language=lang)
    return ox().Literal(value, datatype=ox().NamedNode(datatype) if datatype else None)


def bind(
    named: NamedQuery | None, params: Mapping[str, Any], graph: Graph | None, *, native: bool = False
) -> dict[str, Any]:
    """Turn parameter values into RDF terms by the types the query's header gives them.

    :param named: the named query, or None for SPARQL text (whose parameters are literals).
    :param params: values by parameter name: RDF terms, numbers, or text.
    :param graph: the graph in which names given as IRI values are looked up.
    :param native: give Oxigraph's terms where a value is read here (for a query Oxigraph runs
        without rdflib), instead of rdflib's.
    :returns: terms by variable name.
    :raises ParameterError: if a parameter is missing, unknown or of the wrong kind.
    """
    bindings = {}
    for name, value in params.items():
        kind = named.parameter(name).type if named is not None else "literal"
        if hasattr(value, "n3"):  # an rdflib term already
            bindings[name] = value
        else:
            if isinstance(value, bool) and kind == "literal":
                value = f'"{str(value).lower()}"^^xsd:boolean'
            elif isinstance(value, int) and kind in ("integer", "literal"):
                value, kind = str(value), "integer"
            try:
                text = str(value)
                term = _native_value(text, kind) if native else parse_value(text, kind, graph=graph)
            except ParameterError as error:
                raise ParameterError(f"parameter '{name}': {error}") from None
            bindings[name] = term
    if named is not None:
        for parameter in named.parameters:
            if parameter.required and parameter.name not in bindings:
                raise ParameterError(
                    f"query '{named.name}' needs the parameter '{parameter.name}' ({parameter.type}): "
                    f"{parameter.description}; e.g. -p {parameter.name}={parameter.example}"
                )
    return bindings
