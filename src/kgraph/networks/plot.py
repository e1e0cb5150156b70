"""Draw a network as a PNG or SVG picture: labels, edge width by weight, communities in colour.

matplotlib is an optional dependency (the ``plot`` extra); it is imported only here.
"""

from __future__ import annotations

import io
from types import ModuleType
from typing import TYPE_CHECKING, Any

from kgraph.errors import OutputError
from kgraph.networks.analysis import communities
from kgraph.networks.layout import component_layout

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["draw"]


def _matplotlib() -> tuple[ModuleType, ModuleType]:
    try:
        import matplotlib
    except ImportError:
        raise OutputError(
            "drawing a PNG or SVG needs matplotlib: pip install 'kdrama-kgraph[plot]'"
        ) from None
    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return matplotlib, plt


def draw(g: nx.Graph[Any], fmt: str = "png", *, title: str | None = None) -> bytes:
    """Draw ``g`` and return the picture's bytes.

    Nodes are placed by a seeded spring layout and coloured by their Louvain community (seeded,
    so the same graph gives the same picture); edges are as wide as their ``weight``; every node is
    labelled with its ``label``.

    :param g: the graph; a directed or multi graph is drawn as its undirected simple graph.
    :param fmt: ``png`` or ``svg``.
    :param title: a title above the picture; the graph's name if omitted.
    :raises OutputError: if matplotlib (the ``plot`` extra) is missing.
    """
    import networkx as nx

    matplotlib, plt = _matplotlib()
    simple: nx.Graph[Any] = nx.Graph(g)
    colour = {}
    for index, members in enumerate(communities(simple)):
        for node in members:
            colour[node] = index
    palette = matplotlib.colormaps["tab20"]
    positions = component_layout(simple)
    size = 6 + min(len(simple), 400) / 25
    matplotlib.rcParams["svg.hashsalt"] = "kdrama-kgraph"
    figure, axes = plt.subplots(figsize=(size, size), dpi=110)
    try:
        widths = [0.6 + 1.4 * (attrs.get("weight", 1) - 1) for *_, attrs in simple.edges(data=True)]
        nx.draw_networkx_edges(simple, positions, ax=axes, width=widths, alpha=0.35, edge_color="#555555")
        nx.draw_networkx_nodes(
            simple,
            positions,
            ax=axes,
            node_size=60,
            node_color=[palette(colour.get(node, 0) % 20) for node in simple],
            linewidths=0.4,
            edgecolors="#333333",
        )
        labels = {node: attrs.get("label", node) for node, attrs in simple.nodes(data=True)}
        nx.draw_networkx_labels(simple, positions, labels=labels, ax=axes, font_size=6)
        axes.set_title(title or g.graph.get("name", ""), fontsize=12)
        axes.set_axis_off()
        figure.tight_layout()
        buffer = io.BytesIO()
        metadata = {"Date": None} if fmt == "svg" else {"Software": None}
        figure.savefig(buffer, format=fmt, metadata=metadata)
    finally:
        plt.close(figure)
    return buffer.getvalue()
