"""Cards for ``kgraph show``: everything the graph says about a resource, with class-specific sections."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import cast

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF
from rdflib.term import IdentifiedNode, Node

from kgraph.describe.entities import kind, label
from kgraph.namespaces import KD, SCHEMA, curie
from kgraph.store.loading import load

__all__ = ["CARD_BUILDERS", "card"]


def _value(graph: Graph, node: Node, prop: URIRef) -> str:
    values = sorted(str(v) for v in graph.objects(node, prop))
    return ", ".join(values) if values else "not recorded"


def _labels(graph: Graph, node: Node, prop: URIRef) -> str:
    values = sorted(label(v, graph) for v in graph.objects(node, prop))
    return ", ".join(values) if values else "not recorded"


def _roles(graph: Graph, prop: URIRef, node: Node) -> list[Node]:
    def order(role: Node) -> tuple[int, str]:
        billing = graph.value(role, KD.billingOrder)
        return (int(cast(Literal, billing)) if billing is not None else 999, str(role))

    return sorted(graph.subjects(prop, node), key=order)


def _role_line(graph: Graph, role: Node, *, show_drama: bool) -> str:
    actor = label(graph.value(role, KD.actor), graph)
    character = label(graph.value(role, KD.character), graph)
    billing = label(graph.value(role, KD.billing), graph)
    drama = f"{label(graph.value(role, KD.drama), graph)}: " if show_drama else ""
    return f"  {drama}{actor} as {character} ({billing})"


def _scene_line(graph: Graph, scene: Node) -> str:
    confessors = _labels(graph, scene, KD.confessor)
    addressees = _labels(graph, scene, KD.addressee)
    episode = _value(graph, scene, KD.episode)
    return f"  {curie(scene)}: {confessors} to {addressees}, episode {episode}"


def _drama(node: URIRef, graph: Graph) -> list[str]:
    titles = " / ".join(sorted(str(t) for t in graph.objects(node, SCHEMA.name)))
    lines = [
        f"Titles: {titles}",
        f"About: {_value(graph, node, SCHEMA.description)}",
        f"Network: {_labels(graph, node, KD.originalNetwork)}"
        f"; streaming: {_labels(graph, node, KD.streamer)}",
        f"Aired: {_value(graph, node, SCHEMA.startDate)} to {_value(graph, node, SCHEMA.endDate)}"
        f", {_value(graph, node, SCHEMA.numberOfEpisodes)} episodes",
        "Cast:",
    ]
    lines += [
        _role_line(graph, role, show_drama=False)
        for role in _roles(graph, KD.drama, node)
        if (role, None, KD.CastingRole) in graph or graph.value(role, KD.actor) is not None
    ]
    scenes = sorted(
        s
        for s in cast("Iterator[IdentifiedNode]", graph.subjects(KD.drama, node))
        if graph.value(s, KD.confessor)
    )
    lines.append("Confession scenes:" if scenes else "Confession scenes: none in the graph")
    lines += [_scene_line(graph, scene) for scene in scenes]
    return lines


def _person(node: URIRef, graph: Graph) -> list[str]:
    roles = _roles(graph, KD.actor, node)
    lines = ["Roles:"] + [_role_line(graph, role, show_drama=True) for role in roles]
    dramas = {graph.value(role, KD.drama) for role in roles}
    costars = sorted(
        {graph.value(other, KD.actor) for d in dramas for other in graph.subjects(KD.drama, d)}
        - {node, None},
        key=lambda p: label(p, graph),
    )
    lines.append("Co-stars: " + (", ".join(label(p, graph) for p in costars) or "none in the graph"))
    return lines


def _character(node: URIRef, graph: Graph) -> list[str]:
    lines = [f"Drama: {_labels(graph, node, KD.drama)}"]
    roles = _roles(graph, KD.character, node)
    lines.append(
        "Played by: " + (", ".join(label(graph.value(r, KD.actor), graph) for r in roles) or "unknown")
    )
    scenes = sorted(
        cast(
            "set[IdentifiedNode]",
            set(graph.subjects(KD.confessor, node)) | set(graph.subjects(KD.addressee, node)),
        )
    )
    lines.append("Confession scenes:" if scenes else "Confession scenes: none in the graph")
    lines += [_scene_line(graph, scene) for scene in scenes]
    return lines


def _scene(node: URIRef, graph: Graph) -> list[str]:
    lines = [
        f"Drama: {_labels(graph, node, KD.drama)}, episode {_value(graph, node, KD.episode)}",
        f"Confessor: {_labels(graph, node, KD.confessor)}; addressee: {_labels(graph, node, KD.addressee)}",
        f"Setting: {_labels(graph, node, KD.setting)}; delivery: {_labels(graph, node, KD.delivery)}"
        f"; outcome: {_labels(graph, node, KD.outcome)}",
        f"Tropes: {_labels(graph, node, KD.trope)}",
        f"What happens: {_value(graph, node, SCHEMA.description)}",
    ]
    for quote in sorted(cast("Iterator[IdentifiedNode]", graph.objects(node, KD.quote))):
        speaker = label(graph.value(quote, KD.speaker), graph)
        sources = _labels(graph, quote, DCTERMS.source)
        for text in cast("Iterator[Literal]", graph.objects(quote, KD.text)):
            lines.append(f'Quote ({speaker}, @{text.language}): "{text}"  [source: {sources}]')
    for ranking in graph.objects(node, KD.ranking):
        lines.append(
            f"Ranked {_value(graph, ranking, KD.position)} in {_labels(graph, ranking, KD.rankedIn)}"
        )
    lines.append(f"Evidence: {_labels(graph, node, KD.evidenceLevel)}")
    for note in graph.objects(node, KD.evidenceNote):
        lines.append(f"  {note}")
    for claim in sorted(cast("Iterator[IdentifiedNode]", graph.objects(node, KD.claim))):
        value = graph.value(claim, KD.claimedValue)
        shown = label(value, graph) if isinstance(value, URIRef) else str(value)
        lines.append(
            f"  claim: {curie(graph.value(claim, KD.claimedProperty))} = {shown}"
            f"  (according to {_labels(graph, claim, DCTERMS.source)})"
        )
    lines.append("Sources:")
    for source in sorted(cast("Iterator[IdentifiedNode]", graph.objects(node, DCTERMS.source))):
        lines.append(f"  {label(source, graph)} <{graph.value(source, SCHEMA.url) or ''}>")
    return lines


CARD_BUILDERS: dict[URIRef, Callable[[URIRef, Graph], list[str]]] = {
    KD.Drama: _drama,
    KD.Person: _person,
    KD.Character: _character,
    KD.ConfessionScene: _scene,
}


def card(node: URIRef, graph: Graph | None = None) -> str:
    """Describe everything the graph says about ``node`` as readable text.

    A drama shows its cast and scenes, a person their roles and co-stars, a character who plays
    them and their scenes, a scene its quote and sources. Every card ends with all its triples.
    """
    graph = load() if graph is None else graph
    lines = [f"{label(node, graph)}  ({curie(node)}, {kind(node, graph)})"]
    for rdf_type in graph.objects(node, RDF.type):
        builder = CARD_BUILDERS.get(rdf_type) if isinstance(rdf_type, URIRef) else None
        if builder is not None:
            lines.extend(builder(node, graph))
    lines.append("")
    lines.append("All statements:")
    for predicate, value in sorted(graph.predicate_objects(node)):
        if predicate == RDF.type:
            continue
        shown = f"{value} @{value.language}" if isinstance(value, Literal) and value.language else None
        shown = shown or (
            f"{curie(value)} ({label(value, graph)})" if isinstance(value, URIRef) else str(value)
        )
        lines.append(f"  {curie(predicate)}: {shown}")
    return "\n".join(lines)
