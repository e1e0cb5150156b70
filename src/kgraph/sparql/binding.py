"""Binding query parameters by writing ``VALUES`` blocks into the query, never the values as text.

Two places suit two kinds of endpoint:

- :func:`values_first` opens the first group with the block. Oxigraph substitutes only variables
  that a query returns, so this is how a local query on the Oxigraph engine binds the others.
- :func:`values_last` closes the WHERE clause with one block per variable, as a query is sent to a
  remote endpoint: rdflib-based endpoints evaluate it quickly there.

Each value is written as the RDF term's own SPARQL form (``Node.n3()``), so whatever it holds stays
one term. :func:`standalone_text` writes a query and its parameters as text for another endpoint.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from kgraph.errors import KgraphError
from kgraph.prefixes import IRIS
from kgraph.sparql.lexer import first_group, where_end

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["declare_prefixes", "standalone_text", "values_first", "values_last"]


def values_first(text: str, bindings: Mapping[str, Any]) -> str:
    """Return the query with one ``VALUES`` block binding ``bindings``, first in its first group.

    :param text: a SPARQL query.
    :param bindings: terms by variable name, rdflib's or Oxigraph's.
    :raises KgraphError: if the query has no group to bind parameters in.

    >>> from rdflib import Literal
    >>> values_first('SELECT ?s WHERE { ?s ?p ?name }', {"name": Literal('a "b"')})
    'SELECT ?s WHERE { VALUES (?name) { ("a \\\\"b\\\\"") } ?s ?p ?name }'
    """
    if not bindings:
        return text
    try:
        brace = first_group(text)
    except ValueError:
        raise KgraphError("the query has no WHERE group to bind parameters in") from None
    names = " ".join(f"?{name}" for name in bindings)
    values = " ".join(map(_n3, bindings.values()))
    return f"{text[: brace + 1]} VALUES ({names}) {{ ({values}) }}{text[brace + 1 :]}"


def _n3(term: Any) -> str:
    """Write an rdflib term, or one of Oxigraph's (whose text is already N-Triples), as SPARQL."""
    return str(term.n3()) if hasattr(term, "n3") else str(term)


def values_last(text: str, bindings: Mapping[str, Any]) -> str:
    """Return the query with its WHERE clause closed by one ``VALUES`` block per variable.

    The block joins the whole WHERE clause, so the answers are those of the variable bound from the
    start wherever a required pattern of that clause binds it (as in every named query).

    :param text: a SELECT, ASK, CONSTRUCT or DESCRIBE query.
    :param bindings: rdflib terms by variable name.
    :raises ValueError: if the query has no WHERE clause.

    >>> from rdflib import URIRef
    >>> values_last("SELECT ?n WHERE { ?a <http://e/name> ?n }", {"a": URIRef("http://e/a")})
    'SELECT ?n WHERE { ?a <http://e/name> ?n VALUES ?a { <http://e/a> } }'
    >>> values_last("CONSTRUCT { ?a ?p ?o } WHERE { ?a ?p ?o } LIMIT 1", {"a": URIRef("http://e/a")})
    'CONSTRUCT { ?a ?p ?o } WHERE { ?a ?p ?o VALUES ?a { <http://e/a> } } LIMIT 1'
    """
    if not bindings:
        return text
    end = where_end(text)
    values = "".join(f"VALUES ?{name} {{ {_n3(term)} }} " for name, term in bindings.items())
    return text[:end] + values + text[end:]


def declare_prefixes(text: str) -> str:
    """Declare the project's prefixes that ``text`` uses but does not declare, at its start.

    >>> declare_prefixes("SELECT * WHERE { ?s a kd:Drama }").splitlines()[0]
    'PREFIX kd: <https://w3id.org/kdrama-kg/ontology#>'
    """
    declared = {m.lower() for m in re.findall(r"PREFIX\s+([\w.-]*):", text, re.I)}
    used = [p for p in IRIS if p not in declared and re.search(rf"(?<![\w.-]){p}:", text)]
    return "".join(f"PREFIX {p}: <{IRIS[p]}>\n" for p in used) + text


def standalone_text(
    name_or_text: str, graph: Graph | None = None, params: Mapping[str, Any] | None = None
) -> str:
    """Write a named query, a ``.rq`` file or SPARQL text, with its parameters, as standalone SPARQL.

    :param name_or_text: a query name, a path to a ``.rq`` file, or SPARQL text.
    :param graph: the graph in which names given as parameter values are looked up.
    :param params: values of the query's parameters.
    :raises UnknownQueryError: if no query has that name.
    :raises ParameterError: if a parameter is missing, unknown or of the wrong kind.

    >>> text = standalone_text("actor-roles", params={"actor": "kdr:kim-tae-ri"})
    >>> "VALUES ?actor { <https://w3id.org/kdrama-kg/resource/kim-tae-ri> } }" in text
    True
    """
    from kgraph.sparql.named import resolve
    from kgraph.sparql.params import bind

    named = resolve(name_or_text)
    text = named.text if named is not None else name_or_text
    return declare_prefixes(values_last(text, bind(named, params or {}, graph)))
