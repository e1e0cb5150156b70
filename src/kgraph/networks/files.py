"""Write networkx graphs as GraphML, GEXF, node-link JSON, CSV edge lists, PNG/SVG pictures or HTML pages."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from kgraph.errors import OutputError
from kgraph.formats import GRAPH_FORMATS, PICTURE_FORMATS

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["GRAPH_FORMATS", "PICTURE_FORMATS", "graph_bytes", "graph_format", "write_graph"]


def graph_format(path: str | Path | None, fmt: str | None) -> str:
    """Choose the file format: ``fmt`` if given, else the suffix of ``path``, else GraphML.

    >>> graph_format("out/costar.gexf", None), graph_format(None, None)
    ('gexf', 'graphml')
    """
    if fmt:
        return fmt
    suffix = Path(path).suffix.lstrip(".").lower() if path else ""
    return suffix or "graphml"


def write_graph(g: nx.Graph[Any], path: str | Path, fmt: str | None = None) -> Path:
    """Write a networkx graph to ``path`` atomically, so a failed write leaves no partial file.

    :param g: the graph.
    :param path: the file to write; its suffix gives the format unless ``fmt`` is set.
    :param fmt: one of :data:`GRAPH_FORMATS`.
    :returns: the path written.
    :raises OutputError: on an unknown format, a missing plotting extra or an unwritable path.
    """
    from kgraph.files import write_atomic

    return write_atomic(Path(path), graph_bytes(g, graph_format(path, fmt)))


def graph_bytes(g: nx.Graph[Any], fmt: str) -> bytes:
    """Serialize a networkx graph in one of :data:`GRAPH_FORMATS`.

    GraphML and GEXF open in Gephi; ``json`` is networkx node-link data with an ``edges`` key;
    ``csv`` is an edge list with the end labels and every edge attribute; ``png`` and ``svg`` draw
    the graph (they need the ``plot`` extra); ``html`` is one standalone page to pan, zoom and
    search (it needs the ``interactive`` extra).

    :raises OutputError: on an unknown format or a missing plotting extra.

    >>> import networkx as nx
    >>> g = nx.Graph([("urn:a", "urn:b")])
    >>> print(graph_bytes(g, "csv").decode())
    source,target,source_label,target_label
    urn:a,urn:b,,
    <BLANKLINE>
    """
    import networkx as nx

    if fmt not in GRAPH_FORMATS:
        raise OutputError(f"unsupported graph format '{fmt}': use one of {', '.join(GRAPH_FORMATS)}")
    if fmt in PICTURE_FORMATS:
        from kgraph.networks.plot import draw

        return draw(g, fmt)
    if fmt == "html":
        from kgraph.networks.interactive import interactive_html

        return interactive_html(g)
    if fmt == "graphml":
        return "\n".join(nx.generate_graphml(g, encoding="utf-8", prettyprint=True)).encode("utf-8")
    if fmt == "gexf":
        return "\n".join(nx.generate_gexf(g, encoding="utf-8", prettyprint=True)).encode("utf-8")
    if fmt == "json":
        payload = nx.node_link_data(g, edges="edges")
        return json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")
    return _edge_list(g).encode("utf-8")


def _edge_list(g: nx.Graph[Any]) -> str:
    multi = g.is_multigraph()
    edges = (
        list(cast("nx.MultiGraph[Any]", g).edges(keys=True, data=True))
        if multi
        else [(u, v, None, d) for u, v, d in g.edges(data=True)]
    )
    keys = sorted({k for *_, attrs in edges for k in attrs})
    labels = {node: attrs.get("label", "") for node, attrs in g.nodes(data=True)}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["source", "target", "source_label", "target_label", *(["key"] if multi else []), *keys])
    for u, v, key, attrs in sorted(edges, key=lambda e: (e[0], e[1], str(e[2]))):
        row = [u, v, labels[u], labels[v], *([key] if multi else [])]
        writer.writerow(row + [attrs.get(k, "") for k in keys])
    return buffer.getvalue()
