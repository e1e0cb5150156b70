"""How the pictures and the interactive pages tell groups apart: one palette, one way to name a group."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["OTHER", "PALETTE", "colour", "hub_label"]

# Colours a reader can tell apart (Okabe and Ito's palette, then Tableau's), in legend order.
PALETTE = (
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
    "#4E79A7", "#F28E2B", "#E15759", "#76B7B2", "#59A14F", "#EDC948", "#B07AA1", "#FF9DA7",
    "#9C755F", "#BAB0AC",
)  # fmt: skip
#: the colour of everything past the palette
OTHER = "#BBBBBB"


def colour(index: int) -> str:
    """The palette's colour for the group at ``index``, grey past its end."""
    return PALETTE[index] if index < len(PALETTE) else OTHER


def hub_label(g: nx.Graph[Any], members: Iterable[Any]) -> str:
    """The label of the best-connected of ``members`` (the first by id on a tie), to name their group.

    >>> import networkx as nx
    >>> g = nx.Graph([("a", "b"), ("a", "c")])
    >>> g.nodes["a"]["label"] = "Kim Tae-ri"
    >>> hub_label(g, ["b", "a", "c"])
    'Kim Tae-ri'
    """
    hub = max(sorted(members), key=lambda node: g.degree(node))
    return str(g.nodes[hub].get("label", hub))
