"""Betweenness centrality that fits a time budget: exact on small graphs, sampled on big ones.

The numbers are networkx's normalised, unweighted betweenness: exact (every node a source) when the
graph has at most ``sources`` nodes, otherwise ``nx.betweenness_centrality(g, k=sources, seed=seed)``,
whose sources are drawn with ``random.Random(seed)``. igraph, when installed, computes the same
numbers about fifty times faster; without it networkx does, and the choice of method never depends
on which library is installed, so every install gives the same answer.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["SOURCES", "Betweenness", "betweenness"]

#: Betweenness is exact on graphs of up to this many nodes, and sampled from this many sources above.
SOURCES = 2000


@dataclass(frozen=True)
class Betweenness:
    """Betweenness scores by node, and how they were found: ``sources`` is None when exact."""

    scores: dict[Any, float]
    sources: int | None
    seed: int

    @property
    def method(self) -> str:
        """Say how the scores were found, for a report."""
        return "exact" if self.sources is None else f"sampled from {self.sources} sources, seed {self.seed}"


def _igraph() -> Any:
    try:
        import igraph
    except ImportError:
        return None
    return igraph


def betweenness(
    g: nx.Graph[Any], *, sources: int = SOURCES, seed: int = 42, backend: str | None = None
) -> Betweenness:
    """Return the normalised betweenness of every node: exact up to ``sources`` nodes, else sampled.

    :param g: an undirected graph; edge weights are ignored (paths are counted in hops).
    :param sources: the most shortest-path sources to use; a graph with more nodes is sampled.
    :param seed: the seed that picks the sampled sources, as networkx's ``seed=`` does.
    :param backend: ``igraph`` or ``networkx``; None uses igraph when it is installed.
    :returns: the scores and how they were found.
    :raises ValueError: if ``sources`` is less than 2 or the backend is unknown.

    >>> import networkx as nx
    >>> found = betweenness(nx.path_graph(3))
    >>> found.scores, found.method
    ({0: 0.0, 1: 1.0, 2: 0.0}, 'exact')
    >>> betweenness(nx.path_graph(3), sources=2).method
    'sampled from 2 sources, seed 42'
    """
    import networkx as nx

    if sources < 2:
        raise ValueError(f"betweenness needs at least two sources, not {sources}")
    if backend not in (None, "igraph", "networkx"):
        raise ValueError(f"unknown betweenness backend '{backend}': use igraph or networkx")
    n = g.number_of_nodes()
    k = None if n <= sources else sources
    igraph = _igraph() if backend != "networkx" else None
    if backend == "igraph" and igraph is None:
        raise ValueError("the igraph backend needs igraph: pip install igraph")
    if igraph is None:
        scores = nx.betweenness_centrality(g, k=k, seed=seed)
    else:
        scores = _igraph_betweenness(igraph, g, k, seed)
    return Betweenness(scores, k, seed)


def _igraph_betweenness(igraph: Any, g: nx.Graph[Any], k: int | None, seed: int) -> dict[Any, float]:
    """networkx's normalised betweenness (sampled as networkx samples when ``k``), by igraph."""
    nodes = list(g)
    n = len(nodes)
    if n < 3:
        return dict.fromkeys(nodes, 0.0)
    index = {node: i for i, node in enumerate(nodes)}
    h = igraph.Graph(n=n, edges=[(index[u], index[v]) for u, v in g.edges() if u != v])
    if k is None:
        # igraph counts each unordered pair once; networkx's normalisation is over ordered pairs
        raw = h.betweenness(directed=False)
        scale = 2 / ((n - 1) * (n - 2))
        return {node: raw[i] * scale for i, node in enumerate(nodes)}
    # the sources networkx would pick: seed.sample(list(G.nodes()), k) with random.Random(seed)
    sampled = random.Random(seed).sample(nodes, k)  # noqa: S311 (sampling, not secrecy)
    chosen = {index[s] for s in sampled}
    raw = h.betweenness(directed=False, sources=sorted(chosen), targets=None)
    # igraph halves each path of an undirected graph; networkx counts it from its source, then
    # rescales a sampled source by 1/((k-1)(n-2)) and any other node by 1/(k(n-2))
    source_scale = 2 / ((k - 1) * (n - 2))
    other_scale = 2 / (k * (n - 2))
    return {node: raw[i] * (source_scale if i in chosen else other_scale) for i, node in enumerate(nodes)}
