"""Oxigraph's own fast paths: the store behind a graph, reads and joins on its terms, queries, answers."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, cast

from kgraph import formats
from kgraph.store.oxigraph.terms import _ox, converter, from_oxigraph, to_oxigraph

if TYPE_CHECKING:
    import pyoxigraph
    from rdflib import Graph

__all__ = [
    "from_native",
    "in_memory",
    "oxigraph_store",
    "parse_query",
    "rows",
    "store_from",
    "store_of",
    "subject_objects",
    "substitution",
    "to_native",
    "write_answer",
]


def store_of(graph: Any) -> pyoxigraph.Store | None:
    """Return the ``pyoxigraph.Store`` that holds ``graph``, or None for any other store.

    This is the one place where kgraph asks which engine a graph is on.

    >>> from rdflib import Graph
    >>> store_of(Graph()) is None
    True
    """
    adapter = sys.modules.get("kgraph.store.oxigraph.rdflib_store")
    if adapter is None:  # no graph can be on Oxigraph before its adapter is imported
        return None
    store = getattr(graph, "store", None)
    return store.oxigraph if isinstance(store, adapter.OxigraphStore) else None


def oxigraph_store(graph: Graph) -> tuple[pyoxigraph.Store, Any]:
    """Return a pyoxigraph store holding ``graph``, and the graph name to query in it.

    A graph on the Oxigraph engine is queried where it is; any other is copied into a new store.

    :returns: ``(store, graph_name)``; the name is None for the store's default graph.
    """
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    store = store_of(graph)
    if store is not None:
        if graph.identifier == DATASET_DEFAULT_GRAPH_ID:
            return store, None
        return store, to_oxigraph(graph.identifier)
    ox = _ox()
    copy = ox.Store()
    copy.bulk_extend(ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o)) for s, p, o in graph)
    return copy, None


def rows(
    store: pyoxigraph.Store, text: str, prefixes: Mapping[str, str], *, base_iri: str | None = None
) -> bool | Graph | tuple[tuple[str, ...], pyoxigraph.QuerySolutions]:
    """Run ``text`` on ``store``: a bool for ASK, an rdflib graph for CONSTRUCT/DESCRIBE, else rows.

    :param base_iri: the IRI that relative IRIs of the query are resolved against.

    :returns: for SELECT, ``(columns, solutions)``; each solution is a sequence of Oxigraph terms
        (None where unbound), read from Oxigraph as it is iterated.
    :raises SyntaxError: if Oxigraph refuses the query.
    """
    ox = _ox()
    answer = store.query(text, prefixes=dict(prefixes), base_iri=base_iri)
    if isinstance(answer, ox.QueryBoolean):
        return bool(answer)
    if isinstance(answer, ox.QueryTriples):
        from rdflib import Graph

        triples = Graph()
        for triple in answer:
            triples.add(tuple(map(from_oxigraph, triple)))
        return triples
    solutions = cast("pyoxigraph.QuerySolutions", answer)
    return tuple(v.value for v in solutions.variables), solutions


def subject_objects(graph: Graph, predicate: Any, *, native: bool = False) -> Iterator[tuple[Any, Any]]:
    """Yield the (subject, object) pairs of ``predicate`` in ``graph``, as its ``subject_objects`` does.

    On Oxigraph the pairs are read from the store directly. With ``native``, they stay Oxigraph's
    own terms (hashable, compared by value; :func:`lexical` gives their text): a builder that joins
    a million triples by node converts only the nodes it keeps, with :func:`from_native`. On
    rdflib's store, ``native`` changes nothing.
    """
    store = store_of(graph)
    if store is None:
        yield from graph.subject_objects(predicate)
        return
    quads = store.quads_for_pattern(None, to_oxigraph(predicate), None, _ox().DefaultGraph())
    if native:
        for quad in quads:
            yield quad.subject, quad.object
        return
    convert = converter()
    for quad in quads:
        yield convert(quad.subject), convert(quad.object)


def substitution(name: str, term: Any) -> dict[Any, Any]:
    """Return the ``substitutions`` argument of ``Store.query`` that pre-binds ``?name`` to ``term``."""
    return {_ox().Variable(name): term}


def to_native(graph: Graph, node: Any) -> Any:
    """Return ``node`` as the term :func:`subject_objects` gives with ``native`` on ``graph``."""
    return node if store_of(graph) is None else to_oxigraph(node)


def from_native(graph: Graph) -> Callable[[Any], Any]:
    """Return a function that turns the terms of :func:`subject_objects` with ``native`` into rdflib's."""
    return (lambda node: node) if store_of(graph) is None else converter()


def in_memory(graph: Graph) -> Graph:
    """Return ``graph`` itself on rdflib's memory store, else a copy there (rdflib matches small
    patterns faster in its own memory)."""
    if store_of(graph) is None:
        return graph
    from rdflib import Graph

    copy = Graph()
    copy += graph
    return copy


@functools.cache
def _empty_store() -> Any:
    return _ox().Store()


def parse_query(text: str, *, prefixes: Mapping[str, str], base_iri: str) -> None:
    """Parse a SPARQL query with Oxigraph's strict parser.

    :raises SyntaxError: Oxigraph's error, with ``error at LINE:COLUMN: ...``.
    """
    _empty_store().query(text, prefixes=dict(prefixes), base_iri=base_iri)


def store_from(data: bytes, fmt: str = "nt") -> pyoxigraph.Store:
    """Return a new pyoxigraph store holding the triples of ``data``, in the RDF format ``fmt``."""
    store: pyoxigraph.Store = _ox().Store()
    store.bulk_load(data, format=formats.oxigraph_rdf_format(fmt))
    return store


def write_answer(
    store: pyoxigraph.Store,
    text: str,
    sink: Any,
    *,
    prefixes: Mapping[str, str],
    result_format: str,
    rdf_format: str,
) -> str:
    """Run a query on ``store`` and serialize its answer to ``sink`` (a binary file-like object).

    :param result_format: the SPARQL results format of a SELECT or ASK answer (:mod:`kgraph.formats`).
    :param rdf_format: the RDF format of a CONSTRUCT or DESCRIBE answer.
    :returns: ``results`` when a SELECT or ASK answer was written, ``graph`` for CONSTRUCT or DESCRIBE.
    :raises SyntaxError: if Oxigraph refuses the query.
    """
    ox = _ox()
    answer = store.query(text, prefixes=dict(prefixes))
    if isinstance(answer, ox.QueryTriples):
        used = dict(prefixes) if rdf_format == "turtle" else None
        ox.serialize(answer, sink, format=formats.oxigraph_rdf_format(rdf_format), prefixes=used)
        return "graph"
    answer.serialize(sink, formats.oxigraph_results_format(result_format))
    return "results"
