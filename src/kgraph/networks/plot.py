"""Draw a network as a PNG or SVG picture that says something the table does not.

- Undirected networks (co-stars, tropes): communities in colour with a legend, edge width by
  weight, and labels only on the best-connected nodes, as many as fit without overlapping.
- The confession network: characters grouped by drama, each drama's name beside its group, one
  arrow per scene from confessor to addressee, coloured by outcome, with a legend.

SVG pictures carry a ``<title>`` and ``<desc>`` for screen readers. matplotlib is an optional
dependency (the ``plot`` extra); it is imported only here.
"""

from __future__ import annotations

import io
import math
from types import ModuleType
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from kgraph.errors import OutputError
from kgraph.networks.analysis import communities
from kgraph.networks.layout import component_layout
from kgraph.networks.style import OTHER, PALETTE, hub_label

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["draw", "matplotlib_modules", "picture_bytes"]

#: at most this many communities get a colour and a line in the legend; the rest are grey
LEGEND_SIZE = 10

TITLES = {
    "costar": "Co-star network: actors linked when they share a drama",
    "confession": "Who confessed to whom, drama by drama",
    "drama-actor": "Dramas and their casts",
}


def matplotlib_modules() -> tuple[ModuleType, ModuleType]:
    """Return matplotlib (on the Agg backend) and pyplot.

    :raises OutputError: if matplotlib (the ``plot`` extra) is missing.
    """
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
    """Draw ``g`` and return the picture's bytes (see the module's description).

    Layouts and communities are seeded, so the same graph always gives the same picture.

    :param g: the graph; the confession network (named ``confession``) is drawn by drama.
    :param fmt: ``png`` or ``svg``.
    :param title: a title above the picture; one that says what is shown if omitted.
    :raises OutputError: if matplotlib (the ``plot`` extra) is missing.
    """
    matplotlib, plt = matplotlib_modules()
    name = str(g.graph.get("name", ""))
    heading = title or TITLES.get(name) or f"{name or 'network'}"
    matplotlib.rcParams["svg.hashsalt"] = "kdrama-kgraph"
    matplotlib.rcParams["svg.fonttype"] = "none"  # words stay words: found, read aloud, copied
    if g.is_directed():
        figure, summary = _draw_directed(g, plt, heading)
    else:
        figure, summary = _draw_undirected(g, plt, heading)
    return picture_bytes(figure, plt, fmt, heading, summary)


def picture_bytes(figure: Any, plt: ModuleType, fmt: str, title: str, summary: str) -> bytes:
    """Save ``figure`` as PNG or SVG bytes with no date stamp, then close it.

    An SVG gets ``title`` and ``summary`` as the title and description screen readers announce.
    """
    try:
        buffer = io.BytesIO()
        metadata = {"Date": None} if fmt == "svg" else {"Software": None}
        figure.savefig(buffer, format=fmt, metadata=metadata)
    finally:
        plt.close(figure)
    data = buffer.getvalue()
    return _described(data, title, summary) if fmt == "svg" else data


def _described(svg: bytes, title: str, summary: str) -> bytes:
    """Give an SVG picture a title and a description that screen readers announce."""
    text = svg.decode("utf-8")
    start = text.index("<svg")
    end = text.index(">", start)
    opening = text[start:end].replace("<svg", '<svg role="img" aria-labelledby="title desc"', 1)
    label = f'<title id="title">{escape(title)}</title><desc id="desc">{escape(summary)}</desc>'
    return (text[:start] + opening + ">" + label + text[end + 1 :]).encode("utf-8")


def _legend(axes: Any, handles: list[Any], names: list[str], title: str) -> None:
    """A legend to the right of the picture."""
    axes.legend(
        handles,
        names,
        title=title,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        fontsize=12,
        title_fontsize=13,
        frameon=False,
    )


def _size(nodes: int) -> float:
    return 7 + min(nodes, 600) / 40


# --- undirected: communities and the best-connected labels ------------------------------------------


def _draw_undirected(g: nx.Graph[Any], plt: ModuleType, heading: str) -> tuple[Any, str]:
    import networkx as nx

    simple: nx.Graph[Any] = nx.Graph(g)
    groups = communities(simple)
    colour = {
        node: (PALETTE[i] if i < LEGEND_SIZE else OTHER)
        for i, members in enumerate(groups)
        for node in members
    }
    positions = component_layout(simple)
    side = _size(len(simple))
    figure, axes = plt.subplots(figsize=(side + 3.5, side), dpi=110)
    widths = [0.4 + 1.2 * (attrs.get("weight", 1) - 1) for *_, attrs in simple.edges(data=True)]
    nx.draw_networkx_edges(simple, positions, ax=axes, width=widths, alpha=0.25, edge_color="#666666")
    degree = dict(simple.degree())
    sizes = [18 + 10 * math.sqrt(degree[node]) for node in simple]
    nx.draw_networkx_nodes(
        simple,
        positions,
        ax=axes,
        node_size=sizes,
        node_color=[colour.get(node, OTHER) for node in simple],
        linewidths=0.4,
        edgecolors="#333333",
    )
    axes.set_title(heading, fontsize=20, loc="left")
    axes.set_axis_off()
    figure.tight_layout()
    shown = _place_labels(simple, positions, degree, axes, figure)
    legend = _community_legend(simple, groups)
    from matplotlib.lines import Line2D

    handles = [
        Line2D([], [], marker="o", linestyle="", markersize=8, markerfacecolor=c, markeredgecolor="#333333")
        for c, _ in legend
    ]
    _legend(axes, handles, [text for _, text in legend], "Communities (Louvain), by size")
    figure.tight_layout()
    summary = (
        f"{simple.number_of_nodes()} nodes and {simple.number_of_edges()} links in "
        f"{len(groups)} communities; the {shown} best-connected nodes are labelled; the largest are "
        + "; ".join(text for _, text in legend[:5])
        + "."
    )
    return figure, summary


def _community_legend(simple: nx.Graph[Any], groups: list[set[Any]]) -> list[tuple[str, str]]:
    legend = []
    for index, members in enumerate(groups[:LEGEND_SIZE]):
        legend.append((PALETTE[index], f"around {hub_label(simple, members)} ({len(members)})"))
    rest = sum(len(members) for members in groups[LEGEND_SIZE:])
    if rest:
        legend.append((OTHER, f"{len(groups) - LEGEND_SIZE} smaller ones ({rest})"))
    return legend


def _place_labels(
    simple: nx.Graph[Any], positions: dict[Any, Any], degree: dict[Any, int], axes: Any, figure: Any
) -> int:
    """Label the best-connected nodes first, skipping any label that would overlap one placed."""
    renderer = figure.canvas.get_renderer()
    placed: list[Any] = []
    order = sorted(simple, key=lambda node: (-degree[node], str(simple.nodes[node].get("label", node))))
    budget = max(12, min(40, len(order) // 8))
    for node in order:
        if len(placed) >= budget:
            break
        x, y = positions[node]
        text = axes.text(
            x,
            y,
            str(simple.nodes[node].get("label", node)),
            fontsize=10,
            ha="center",
            va="bottom",
            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.75},
        )
        box = text.get_window_extent(renderer=renderer).expanded(1.05, 1.1)
        if any(box.overlaps(other) for other in placed):
            text.remove()
            continue
        placed.append(box)
    return len(placed)


# --- directed: the confession network, by drama -------------------------------------------------


def _draw_directed(g: nx.Graph[Any], plt: ModuleType, heading: str) -> tuple[Any, str]:
    import networkx as nx
    from matplotlib.lines import Line2D

    by_drama: dict[str, list[Any]] = {}
    for node, attrs in sorted(g.nodes(data=True)):
        by_drama.setdefault(str(attrs.get("drama", "")), []).append(node)
    dramas = sorted(by_drama)
    columns = max(1, math.ceil(math.sqrt(len(dramas) * 1.6)))
    rows = max(1, math.ceil(len(dramas) / columns))
    positions: dict[Any, tuple[float, float]] = {}
    for index, drama in enumerate(dramas):
        row, column = divmod(index, columns)
        centre = (column * 3.0, -row * 3.0)
        members = by_drama[drama]
        if len(members) == 1:
            positions[members[0]] = centre
            continue
        radius = 0.55 + 0.08 * len(members)
        for number, node in enumerate(members):
            angle = math.pi / 2 + 2 * math.pi * number / len(members)
            positions[node] = (centre[0] + radius * math.cos(angle), centre[1] + radius * math.sin(angle))
    outcomes = sorted({str(attrs.get("outcome", "")) for *_, attrs in g.edges(data=True)} - {""})
    outcome_colour = {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(outcomes)}
    width = max(8.0, columns * 2.3)
    figure, axes = plt.subplots(figsize=(width + 3.5, max(6.0, rows * 2.3 + 1)), dpi=110)
    nx.draw_networkx_nodes(
        g, positions, ax=axes, node_size=70, node_color="#FFFFFF", edgecolors="#333333", linewidths=0.8
    )
    for source, target, attrs in g.edges(data=True):
        colour = outcome_colour.get(str(attrs.get("outcome", "")), OTHER)
        nx.draw_networkx_edges(
            g,
            positions,
            edgelist=[(source, target)],
            ax=axes,
            edge_color=colour,
            width=1.6,
            arrows=True,
            arrowstyle="-|>",
            arrowsize=11,
            connectionstyle="arc3,rad=0.18",  # A->B and B->A stay apart
            node_size=70,
        )
    for node, (x, y) in positions.items():
        axes.text(x, y - 0.2, str(g.nodes[node].get("label", node)), fontsize=7.5, ha="center", va="top")
    for index, drama in enumerate(dramas):
        row, column = divmod(index, columns)
        axes.text(column * 3.0, -row * 3.0 + 1.25, drama or "(no drama)", fontsize=9, ha="center",
                  va="bottom", fontweight="bold")  # fmt: skip
    handles = [Line2D([], [], color=outcome_colour[name], linewidth=2.5) for name in outcomes]
    names = list(outcomes)
    if any(not attrs.get("outcome") for *_, attrs in g.edges(data=True)):
        handles.append(Line2D([], [], color=OTHER, linewidth=2.5))
        names.append("no outcome recorded")
    _legend(axes, handles, names, "Outcome of the confession")
    axes.set_title(heading, fontsize=20, loc="left")
    axes.set_axis_off()
    axes.margins(0.03)
    figure.tight_layout()
    counts = {name: sum(1 for *_, a in g.edges(data=True) if a.get("outcome") == name) for name in outcomes}
    summary = (
        f"{g.number_of_edges()} confession scenes between {g.number_of_nodes()} characters of "
        f"{len(dramas)} dramas, each drama's characters grouped under its title, an arrow from "
        "confessor to addressee; outcomes: " + ", ".join(f"{name} {counts[name]}" for name in outcomes) + "."
    )
    return figure, summary
