"""networkx views of the graph: co-stars, casts, tropes, who confessed to whom, and the raw triples.

networkx (and matplotlib, for pictures) is imported only inside this package's functions, so
``import kgraph`` stays fast. Node ids are IRIs; labels and other attributes are scalars, so every
graph can be written as GraphML or GEXF and opened in Gephi.

It may import the core, :mod:`kgraph.store`, :mod:`kgraph.describe` and :mod:`kgraph.sparql`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from kgraph.networks.analysis import ANALYSES, Analysis, Ranked, analyze
from kgraph.networks.builders import (
    BILLINGS,
    confession_graph,
    costar_graph,
    drama_actor_graph,
    trope_bipartite_graph,
    trope_graph,
)
from kgraph.networks.files import GRAPH_FORMATS, PICTURE_FORMATS, graph_bytes, graph_format, write_graph
from kgraph.networks.triples import to_networkx

if TYPE_CHECKING:
    import networkx as nx

#: The graphs ``kgraph graph KIND`` builds, by name.
BUILDERS: dict[str, Callable[..., nx.Graph[str]]] = {
    "costar": costar_graph,
    "drama-actor": drama_actor_graph,
    "trope": trope_graph,
    "trope-bipartite": trope_bipartite_graph,
    "confession": confession_graph,
    "rdf": to_networkx,
}

#: The name the design first gave the bipartite cast graph.
drama_actor_bipartite = drama_actor_graph

__all__ = [
    "ANALYSES",
    "BILLINGS",
    "BUILDERS",
    "GRAPH_FORMATS",
    "PICTURE_FORMATS",
    "Analysis",
    "Ranked",
    "analyze",
    "confession_graph",
    "costar_graph",
    "drama_actor_bipartite",
    "drama_actor_graph",
    "graph_bytes",
    "graph_format",
    "to_networkx",
    "trope_bipartite_graph",
    "trope_graph",
    "write_graph",
]
