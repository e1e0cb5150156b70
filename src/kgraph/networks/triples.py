"""The whole RDF graph as a networkx MultiDiGraph: one edge per triple, keyed by its predicate."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rdflib import BNode, Graph, URIRef
from rdflib.term import Node

from kgraph.store.loading import load

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["to_networkx"]


def _node_id(term: Node) -> str:
    if isinstance(term, URIRef):
        return str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    return term.n3()


def to_networkx(graph: Graph | None = None) -> nx.MultiDiGraph[str]:
    """Turn the whole RDF graph into a MultiDiGraph, one edge per triple keyed by its predicate IRI.

    Built on rdflib's own converter. IRIs become their string, blank nodes ``_:id`` and literals
    their N-Triples form (``"Run On"@en``), so a literal never collides with an IRI.

    >>> from rdflib import Graph
    >>> g = to_networkx(Graph().parse(data='<urn:a> <urn:p> <urn:b>, "b" .', format="turtle"))
    >>> sorted(g.edges(keys=True))
    [('urn:a', '"b"', 'urn:p'), ('urn:a', 'urn:b', 'urn:p')]
    """
    from rdflib.extras.external_graph_libs import rdflib_to_networkx_multidigraph

    graph = load() if graph is None else graph
    result: nx.MultiDiGraph[str] = rdflib_to_networkx_multidigraph(
        graph, edge_attrs=lambda s, p, o: {"key": str(p)}, transform_s=_node_id, transform_o=_node_id
    )
    result.graph["name"] = "rdf"
    return result
