"""Answers from the networks: components, central actors, communities, tropes seen together."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, cast

from rdflib import Graph

from kgraph.errors import KgraphError
from kgraph.networks.builders import costar_graph, trope_graph
from kgraph.networks.centrality import SOURCES, betweenness

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["ANALYSES", "Analysis", "Ranked", "analyze", "communities"]

SEED = 42


@dataclass(frozen=True)
class Ranked:
    """One node or pair in a ranking: its id (IRI, or two IRIs joined by a space), label and score."""

    id: str
    label: str
    score: float


@dataclass(frozen=True)
class Analysis:
    """What the network analysis of one graph found; ``render()`` gives a plain-text report."""

    kind: str
    nodes: int
    edges: int
    components: int
    largest_component: int
    component_sizes: tuple[int, ...]
    degree: tuple[Ranked, ...]
    betweenness: tuple[Ranked, ...]
    communities: tuple[tuple[str, ...], ...]
    modularity: float
    strongest_links: tuple[Ranked, ...] = field(default=())
    #: "exact", or "sampled from K sources, seed S" on a graph of more than K nodes
    betweenness_method: str = "exact"

    def as_dict(self) -> dict[str, Any]:
        """Return the analysis as plain data, for JSON."""
        return asdict(self)

    def render(self) -> str:
        """Write the analysis as a short plain-text report."""
        noun = {"costar": "actors", "trope": "tropes"}[self.kind]

        def count(n: int) -> str:
            return f"{n} {noun if n != 1 else noun[:-1]}"

        share = 100 * self.largest_component / self.nodes if self.nodes else 0
        lines = [
            f"{self.kind} graph: {count(self.nodes)}, {self.edges} links",
            f"connected components: {self.components}; the largest has {count(self.largest_component)} "
            f"({share:.1f}%)",
            "",
            "most central by degree (share of the others linked to):",
            *(f"  {i}. {r.label}  {r.score:.3f}" for i, r in enumerate(self.degree, 1)),
            "most central by betweenness (share of shortest paths through"
            + ("):" if self.betweenness_method == "exact" else f"; {self.betweenness_method}):"),
            *(f"  {i}. {r.label}  {r.score:.3f}" for i, r in enumerate(self.betweenness, 1)),
            f"communities (Louvain, seed {SEED}): {len(self.communities)}, modularity {self.modularity:.3f}",
            *(
                f"  {i}. {count(len(c))}: {', '.join(c[:6])}{', ...' if len(c) > 6 else ''}"
                for i, c in enumerate(self.communities[:8], 1)
            ),
        ]
        if self.strongest_links:
            title = "seen together most often" if self.kind == "trope" else "most shared dramas"
            lines.append(f"{title}:")
            lines += [f"  {i}. {r.label}  {r.score:g}" for i, r in enumerate(self.strongest_links, 1)]
        return "\n".join(lines)


def _ranking(g: nx.Graph[str], scores: dict[str, float], top: int) -> tuple[Ranked, ...]:
    order = sorted(scores, key=lambda n: (-round(scores[n], 12), g.nodes[n].get("label", n), n))
    return tuple(Ranked(n, g.nodes[n].get("label", n), round(scores[n], 6)) for n in order[:top])


def _links(g: nx.Graph[str], top: int) -> tuple[Ranked, ...]:
    def name(node: str) -> str:
        return cast(str, g.nodes[node].get("label", node))

    pairs = sorted(
        ((min(u, v), max(u, v), d.get("weight", 1)) for u, v, d in g.edges(data=True)),
        key=lambda e: (-e[2], name(e[0]), name(e[1])),
    )
    return tuple(Ranked(f"{u} {v}", f"{name(u)} + {name(v)}", w) for u, v, w in pairs[:top])


def communities(g: nx.Graph[Any]) -> list[set[Any]]:
    """Return the seeded Louvain communities of ``g``, biggest first, so every run agrees.

    >>> import networkx as nx
    >>> [sorted(c) for c in communities(nx.Graph([(1, 2), (3, 4)]))]
    [[1, 2], [3, 4]]
    """
    import networkx as nx

    found = nx.community.louvain_communities(g, weight="weight", seed=SEED) if g else []
    return sorted(found, key=lambda c: (-len(c), min(c)))


def analyze_graph(g: nx.Graph[str], kind: str, *, top: int = 5, sources: int = SOURCES) -> Analysis:
    """Analyse an undirected weighted graph (see :func:`analyze`)."""
    import networkx as nx

    central = betweenness(g, sources=sources, seed=SEED)
    components = sorted((len(c) for c in nx.connected_components(g)), reverse=True)
    ordered = communities(g)
    named = tuple(tuple(sorted(g.nodes[n].get("label", n) for n in c)) for c in ordered)
    return Analysis(
        kind=kind,
        nodes=g.number_of_nodes(),
        edges=g.number_of_edges(),
        components=len(components),
        largest_component=components[0] if components else 0,
        component_sizes=tuple(components),
        degree=_ranking(g, nx.degree_centrality(g), top),
        betweenness=_ranking(g, central.scores, top),
        communities=named,
        modularity=round(nx.community.modularity(g, ordered, weight="weight"), 6)
        if g.number_of_edges()
        else 0.0,
        strongest_links=_links(g, top),
        betweenness_method=central.method,
    )


ANALYSES: dict[str, Callable[..., nx.Graph[str]]] = {"costar": costar_graph, "trope": trope_graph}


def analyze(
    kind: str = "costar",
    graph: Graph | None = None,
    *,
    top: int = 5,
    sources: int = SOURCES,
    **options: Any,
) -> Analysis:
    """Analyse the co-star or the trope network.

    Reports the connected components, the most central nodes by degree and by (unweighted)
    betweenness centrality (exact on graphs of up to ``sources`` nodes; on bigger ones sampled
    from ``sources`` shortest-path sources with the seed, as ``betweenness_method`` says), the
    Louvain communities (seeded, so the answer is repeatable) with their modularity, and the
    strongest links: the pairs of actors sharing the most dramas, or the tropes most often seen
    together.

    :param kind: ``costar`` or ``trope``.
    :param graph: the RDF graph; the bundled one if omitted.
    :param top: how many nodes and links each ranking lists.
    :param sources: betweenness is exact up to this many nodes and sampled from this many sources above.
    :param options: passed to the builder (``billing=`` for costar, ``by=`` for trope).
    :raises KgraphError: on an unknown kind.

    >>> report = analyze("costar")
    >>> report.components >= 1
    True
    """
    if kind not in ANALYSES:
        raise KgraphError(f"unknown analysis '{kind}': use {' or '.join(ANALYSES)}")
    return analyze_graph(ANALYSES[kind](graph, **options), kind, top=top, sources=sources)
