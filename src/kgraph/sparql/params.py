"""Query parameters: values given as text or Python values, turned into RDF terms of the right kind."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from kgraph.errors import ParameterError
from kgraph.namespaces import expand
from kgraph.sparql.named import NamedQuery

__all__ = ["bind", "parse_value"]


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
    text = text.strip()
    if kind == "iri":
        iri = expand(text)
        if iri is not None:
            return iri
        from kgraph.describe.entities import find

        return find(text, graph=graph)
    if kind == "integer":
        if not re.fullmatch(r"[+-]?\d+", text):
            raise ParameterError(f"'{text}' is not a whole number")
        return Literal(int(text))
    if kind == "date":
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ParameterError(f"'{text}' is not a date; write it as YYYY-MM-DD")
        return Literal(text, datatype=XSD.date)
    if kind == "string":
        return Literal(text)
    found = re.fullmatch(r'"(.*)"(?:@([A-Za-z-]+)|\^\^(\S+))?', text, re.S)
    if found:
        lexical, lang, datatype = found.groups()
        dtype = expand(datatype) if datatype else None
        if datatype and dtype is None:
            raise ParameterError(f"unknown datatype '{datatype}' in {text}")
        return Literal(lexical, lang=lang, datatype=dtype)
    iri = expand(text)
    if iri is not None:
        return iri
    if re.fullmatch(r"[+-]?\d+", text):
        return Literal(int(text))
    return Literal(text)


def bind(named: NamedQuery | None, params: Mapping[str, Any], graph: Graph | None) -> dict[str, Any]:
    """Turn parameter values into RDF terms by the types the query's header gives them.

    :param named: the named query, or None for SPARQL text (whose parameters are literals).
    :param params: values by parameter name: RDF terms, numbers, or text.
    :param graph: the graph in which names given as IRI values are looked up.
    :returns: rdflib terms by variable name.
    :raises ParameterError: if a parameter is missing, unknown or of the wrong kind.
    """
    bindings = {}
    for name, value in params.items():
        kind = named.parameter(name).type if named is not None else "literal"
        if isinstance(value, URIRef | Literal):
            bindings[name] = value
        elif isinstance(value, bool | int) and kind in ("integer", "literal"):
            bindings[name] = Literal(value)
        else:
            try:
                bindings[name] = parse_value(str(value), kind, graph=graph)
            except ParameterError as error:
                raise ParameterError(f"parameter '{name}': {error}") from None
    if named is not None:
        for parameter in named.parameters:
            if parameter.required and parameter.name not in bindings:
                raise ParameterError(
                    f"query '{named.name}' needs the parameter '{parameter.name}' ({parameter.type}): "
                    f"{parameter.description}; e.g. -p {parameter.name}={parameter.example}"
                )
    return bindings
