"""networkx views of the graph: co-stars, tropes, who confessed to whom, dramas and actors.

networkx is imported inside the functions, so loading kgraph stays fast. Node ids are IRIs; labels
and other attributes are scalars, so every graph can be written as GraphML.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph
from rdflib.namespace import RDF

from .entities import label
from .errors import OutputError
from .namespaces import KD, SCHEMA, curie
from .store import load

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "BUILDERS",
    "GRAPH_FORMATS",
    "confession_graph",
    "costar_graph",
    "drama_actor_bipartite",
    "graph_bytes",
    "trope_graph",
    "write_graph",
]

GRAPH_FORMATS = ("graphml", "gexf", "json", "csv")


def _roles(graph: Graph):
    for role in sorted(graph.subjects(RDF.type, KD.CastingRole)):
        yield role, graph.value(role, KD.actor), graph.value(role, KD.drama), graph.value(role, KD.character)


def costar_graph(graph: Graph | None = None) -> nx.Graph:
    """Build the co-star graph: actors linked when they were cast in the same drama.

    Edge ``weight`` is the number of shared dramas; ``dramas`` joins their titles with ``; ``.

    >>> g = costar_graph()
    >>> g.has_edge("https://w3id.org/kdrama-kg/resource/kim-tae-ri",
    ...            "https://w3id.org/kdrama-kg/resource/nam-joo-hyuk")
    True
    """
    import networkx as nx

    graph = load() if graph is None else graph
    cast: dict = defaultdict(set)
    result = nx.Graph(name="co-stars")
    for _, actor, drama, _ in _roles(graph):
        cast[drama].add(actor)
        result.add_node(str(actor), label=label(actor, graph), kind="person")
    for drama in sorted(cast):
        for a, b in combinations(sorted(cast[drama]), 2):
            edge = result.get_edge_data(str(a), str(b), default={"weight": 0, "dramas": ""})
            titles = [t for t in edge["dramas"].split("; ") if t] + [label(drama, graph)]
            result.add_edge(str(a), str(b), weight=edge["weight"] + 1, dramas="; ".join(sorted(titles)))
    return result


def trope_graph(graph: Graph | None = None) -> nx.Graph:
    """Build the trope co-occurrence graph: tropes linked when one scene shows both.

    Node ``scenes`` counts the scenes that show a trope; edge ``weight`` counts the scenes that
    show both ends.
    """
    import networkx as nx

    graph = load() if graph is None else graph
    result = nx.Graph(name="tropes")
    for scene in sorted(graph.subjects(RDF.type, KD.ConfessionScene)):
        tropes = sorted(graph.objects(scene, KD.trope))
        for trope in tropes:
            count = result.nodes[str(trope)]["scenes"] + 1 if str(trope) in result else 1
            result.add_node(str(trope), label=label(trope, graph), kind="trope", scenes=count)
        for a, b in combinations(tropes, 2):
            weight = result.get_edge_data(str(a), str(b), default={"weight": 0})["weight"]
            result.add_edge(str(a), str(b), weight=weight + 1)
    return result


def confession_graph(graph: Graph | None = None) -> nx.MultiDiGraph:
    """Build who confessed to whom: characters, with one edge per scene from confessor to addressee.

    Edges are keyed by the scene's CURIE and carry ``drama``, ``episode`` (0 when unknown, or the
    first when sources disagree) and ``evidence``.

    >>> g = confession_graph()
    >>> g.number_of_edges() >= 6
    True
    """
    import networkx as nx

    graph = load() if graph is None else graph
    result = nx.MultiDiGraph(name="confessions")
    for scene in sorted(graph.subjects(RDF.type, KD.ConfessionScene)):
        drama = graph.value(scene, KD.drama)
        episodes = sorted(int(e) for e in graph.objects(scene, KD.episode))
        for character in set(graph.objects(scene, KD.confessor)) | set(graph.objects(scene, KD.addressee)):
            result.add_node(
                str(character), label=label(character, graph), drama=label(drama, graph), kind="character"
            )
        for confessor in sorted(graph.objects(scene, KD.confessor)):
            for addressee in sorted(graph.objects(scene, KD.addressee)):
                if confessor == addressee:
                    continue
                result.add_edge(
                    str(confessor),
                    str(addressee),
                    key=curie(scene),
                    drama=label(drama, graph),
                    episode=episodes[0] if episodes else 0,
                    evidence=label(graph.value(scene, KD.evidenceLevel), graph),
                )
    return result


def drama_actor_bipartite(graph: Graph | None = None) -> nx.Graph:
    """Build the bipartite graph of dramas (``bipartite=0``) and actors (``bipartite=1``).

    Each edge is a casting role, with ``character`` and ``billing`` attributes.
    """
    import networkx as nx

    graph = load() if graph is None else graph
    result = nx.Graph(name="dramas-actors")
    for drama in sorted(graph.subjects(RDF.type, KD.Drama)):
        year = str(graph.value(drama, SCHEMA.startDate) or "")[:4]
        result.add_node(str(drama), label=label(drama, graph), kind="drama", bipartite=0, year=year)
    for role, actor, drama, character in _roles(graph):
        result.add_node(str(actor), label=label(actor, graph), kind="person", bipartite=1)
        result.add_edge(
            str(drama),
            str(actor),
            role=curie(role),
            character=label(character, graph),
            billing=label(graph.value(role, KD.billing), graph),
        )
    return result


BUILDERS = {
    "costars": costar_graph,
    "tropes": trope_graph,
    "confessions": confession_graph,
    "dramas-actors": drama_actor_bipartite,
}


def write_graph(g: nx.Graph, path: str | Path, fmt: str | None = None) -> Path:
    """Write a networkx graph as GraphML, GEXF, node-link JSON or a CSV edge list, atomically.

    :param g: the graph.
    :param path: the file to write; its suffix gives the format unless ``fmt`` is set.
    :param fmt: ``graphml``, ``gexf``, ``json`` or ``csv``.
    :raises OutputError: on an unknown format or an unwritable path.
    """
    from .export import write_atomic

    path = Path(path)
    return write_atomic(path, graph_bytes(g, fmt or path.suffix.lstrip(".")))


def graph_bytes(g: nx.Graph, fmt: str) -> bytes:
    """Serialize a networkx graph as ``graphml``, ``gexf``, ``json`` (node-link) or ``csv`` (edges).

    :raises OutputError: on an unknown format.
    """
    import csv
    import io
    import json

    import networkx as nx

    if fmt not in GRAPH_FORMATS:
        raise OutputError(f"unsupported graph format '{fmt}': use one of {', '.join(GRAPH_FORMATS)}")
    if fmt == "graphml":
        data = "\n".join(nx.generate_graphml(g, encoding="utf-8", prettyprint=True)).encode("utf-8")
    elif fmt == "gexf":
        data = "\n".join(nx.generate_gexf(g, encoding="utf-8", prettyprint=True)).encode("utf-8")
    elif fmt == "json":
        payload = nx.node_link_data(g, edges="edges")
        data = json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")
    else:
        buffer = io.StringIO()
        keys = sorted({k for _, _, attrs in g.edges(data=True) for k in attrs})
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["source", "target", *keys])
        for u, v, attrs in sorted(g.edges(data=True), key=lambda e: (e[0], e[1], str(e[2]))):
            writer.writerow([u, v, *(attrs.get(k, "") for k in keys)])
        data = buffer.getvalue().encode("utf-8")
    return data
