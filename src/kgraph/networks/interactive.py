"""A network as one standalone HTML page: pan, zoom, search by name, and details on hover.

The page draws with vis-network, the browser library that pyvis ships for Python (the
``interactive`` extra); its script and styles are written into the page, so it opens from
``file://`` or any static host with no network at all. Nodes sit where the seeded layout of the
pictures puts them, coloured by community (or, in the confession network, by drama); directed
edges get arrows, and edges that carry an ``outcome`` are coloured by it, with a legend.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from kgraph.errors import OutputError
from kgraph.networks.analysis import communities
from kgraph.networks.layout import component_layout
from kgraph.networks.style import OTHER, PALETTE, colour, hub_label

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["interactive_html"]

# How far apart nodes sit on the page, in the library's units, for a layout that spans -1 to 1.
SPREAD = 900

TITLES = {
    "costar": "Co-star network: actors linked by the dramas they share",
    "drama-actor": "Dramas and their casts: an edge per casting role",
    "confession": "Who confessed to whom: characters, one arrow per confession scene",
    "trope-by-scene": "Tropes linked when one confession scene shows both",
    "trope-by-drama": "Tropes linked when one drama shows both",
    "scene-trope": "Confession scenes and the tropes they show",
    "drama-trope": "Dramas and the tropes they show",
    "rdf": "Every triple of the graph as an edge",
}


def _vis() -> tuple[str, str]:
    """The vis-network script and styles that pyvis ships."""
    try:
        from importlib.resources import files

        folder = files("pyvis") / "lib" / "vis-9.1.2"
        return (folder / "vis-network.min.js").read_text("utf-8"), (folder / "vis-network.css").read_text(
            "utf-8"
        )
    except (ImportError, FileNotFoundError, OSError):
        raise OutputError(
            "an interactive HTML network needs pyvis: pip install 'kdrama-kgraph[interactive]'"
        ) from None


# How the hover box names an attribute of the networks' nodes and edges.
NAMES = {"label_ko": "Korean name", "dramas": "dramas", "weight": "shared"}
HIDDEN = ("kind", "bipartite", "label")


def _details(attrs: dict[str, Any]) -> str:
    """A node's or edge's attributes as lines of plain text for the hover box."""
    lines = []
    for key, value in sorted(attrs.items()):
        if key in HIDDEN or value in ("", None) or key.endswith("_iri"):
            continue
        lines.append(f"{NAMES.get(key, key)}: {value}")
    return "\n".join(lines)


def _groups(g: nx.Graph[Any]) -> tuple[dict[Any, int], list[str]]:
    """Each node's colour group and the legend's names for the groups, biggest first.

    Characters are grouped by their drama; other networks by seeded Louvain community, each
    named after its best-connected member.
    """
    import networkx as nx

    simple: nx.Graph[Any] = nx.Graph(g)
    if g.graph.get("name") == "confession":
        by_drama: dict[str, set[Any]] = {}
        for node, attrs in g.nodes(data=True):
            by_drama.setdefault(attrs.get("drama", ""), set()).add(node)
        parts = sorted(by_drama.items(), key=lambda item: (-len(item[1]), item[0]))
        names = [drama or "no drama" for drama, _ in parts]
        members = [nodes for _, nodes in parts]
    else:
        members = communities(simple)
        names = []
        for nodes in members:
            label = hub_label(simple, nodes)
            names.append(f"around {label} ({len(nodes)})" if len(nodes) > 1 else label)
    group = {node: index for index, nodes in enumerate(members) for node in nodes}
    return group, names


def network_data(g: nx.Graph[Any]) -> dict[str, Any]:
    """The nodes, edges and legends of the page, as the browser library reads them.

    >>> import networkx as nx
    >>> g = nx.Graph([("urn:a", "urn:b")], name="costar")
    >>> g.nodes["urn:a"]["label"] = "Kim Tae-ri"
    >>> data = network_data(g)
    >>> [node["label"] for node in data["nodes"]], len(data["edges"])
    (['Kim Tae-ri', 'urn:b'], 1)
    """
    import networkx as nx

    directed = g.is_directed()
    group, names = _groups(g)
    positions = component_layout(nx.Graph(g))
    degree = dict(nx.Graph(g).degree())
    index = {node: number for number, node in enumerate(sorted(g.nodes))}
    nodes = []
    for node in sorted(g.nodes):
        attrs = g.nodes[node]
        x, y = positions.get(node, (0.0, 0.0))
        label = str(attrs.get("label", node))
        nodes.append(
            {
                "id": index[node],
                "iri": str(node),
                "label": label,
                "title": f"{label}\n{_details(attrs)}\nlinks: {degree.get(node, 0)}".replace("\n\n", "\n"),
                "color": colour(group.get(node, len(PALETTE))),
                "value": degree.get(node, 0) + 1,
                "x": round(x * SPREAD, 1),
                "y": round(-y * SPREAD, 1),
            }
        )
    outcomes = sorted({str(attrs.get("outcome", "")) for *_, attrs in g.edges(data=True)} - {""})
    outcome_colour = {name: colour(number) for number, name in enumerate(outcomes)}
    edges = []
    for source, target, attrs in sorted(g.edges(data=True), key=lambda e: (e[0], e[1], str(e[2]))):
        edge: dict[str, Any] = {
            "from": index[source],
            "to": index[target],
            "title": _details(attrs),
            "width": 1 + 1.5 * (float(attrs.get("weight", 1)) - 1),
        }
        if outcomes:
            edge["color"] = outcome_colour.get(str(attrs.get("outcome", "")), OTHER)
        edges.append(edge)
    legend = {
        "groups": [
            {"name": name, "color": colour(number)} for number, name in enumerate(names[: len(PALETTE)])
        ],
        "outcomes": [{"name": name, "color": colour} for name, colour in outcome_colour.items()],
        "more_groups": max(0, len(names) - len(PALETTE)),
    }
    return {"nodes": nodes, "edges": edges, "directed": directed, "legend": legend}


def interactive_html(g: nx.Graph[Any], *, title: str | None = None) -> bytes:
    """Write ``g`` as one standalone HTML page (see the module's description).

    :param g: the network, from :mod:`kgraph.networks.builders`; nodes may carry ``label``.
    :param title: the page's heading; by default one that says what the network shows.
    :raises OutputError: if pyvis (the ``interactive`` extra) is missing.
    """
    from kgraph.templates import render

    script, styles = _vis()
    name = str(g.graph.get("name", "network"))
    data = network_data(g)
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
    page = render(
        "kgraph.networks",
        "network.html",
        title=title or TITLES.get(name, f"{name} network"),
        name=name,
        nodes=len(data["nodes"]),
        edges=len(data["edges"]),
        legend=data["legend"],
        directed=data["directed"],
        payload=payload,
        library=script.replace("</script", "<\\/script"),
        styles=styles,
    )
    return page.encode("utf-8")
