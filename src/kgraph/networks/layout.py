"""Where each node of a network sits in a picture or an interactive page: seeded, so every run agrees."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kgraph.networks.analysis import SEED

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["component_layout"]


def component_layout(g: nx.Graph[Any]) -> dict[Any, tuple[float, ...]]:
    """Place each connected component by its own seeded spring layout, biggest first.

    A single spring layout pushes small components to the margins and crushes the big one; here
    the biggest fills the top of the picture and the others sit in rows below it, each scaled by
    its size.
    """
    import math

    import networkx as nx

    parts = sorted((sorted(c) for c in nx.connected_components(g)), key=lambda c: (-len(c), c[0]))
    if not parts:
        return {}
    biggest = len(parts[0])
    rest = parts[1:]
    columns = max(1, math.ceil(math.sqrt(len(rest) * 2)))
    cell = 2.0 / columns
    positions: dict[Any, tuple[float, ...]] = {}
    for index, nodes in enumerate(parts):
        if index == 0:
            centre, scale = (0.0, 0.0), 1.0
        else:
            row, column = divmod(index - 1, columns)
            centre = (-1.0 + cell * (column + 0.5), -1.2 - cell * (row + 0.5))
            scale = 0.42 * cell * max(math.sqrt(len(nodes) / biggest), 0.35)
        if len(nodes) == 1:
            positions[nodes[0]] = centre
            continue
        component: nx.Graph[Any] = nx.Graph()  # nodes in sorted order: the layout follows node order,
        component.add_nodes_from(nodes)  # and a builder's order may follow Python's hash seed
        component.add_edges_from(g.subgraph(nodes).edges(data=True))
        placed = nx.spring_layout(component, weight="weight", seed=SEED, center=centre, scale=scale)
        positions.update({node: tuple(xy) for node, xy in placed.items()})
    return positions
