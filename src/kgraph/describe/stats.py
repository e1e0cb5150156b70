"""Counts that summarise a graph: triples, resources per class, sources, tropes."""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from kgraph.namespaces import KD, curie
from kgraph.store.loading import load

__all__ = ["stats"]

_CLASSES = (
    KD.Drama,
    KD.Person,
    KD.Character,
    KD.CastingRole,
    KD.ConfessionScene,
    KD.Quote,
    KD.Claim,
    KD.Ranking,
    KD.Network,
    KD.Source,
    SKOS.Concept,
)


def stats(graph: Graph | None = None) -> dict[str, int | dict[str, int]]:
    """Count the triples, the resources of each class, the sources and the tropes.

    :param graph: the graph to count; None for the bundled graph.
    :returns: ``{"triples": n, "classes": {"kd:Drama": n, ...}, "sources": n, "tropes": n,
        "multiple_source_scenes": n, "single_source_scenes": n, "disputed_scenes": n}``.

    >>> stats()["classes"]["kd:Drama"] >= 40
    True
    """
    graph = load() if graph is None else graph
    classes = {curie(c): len(set(graph.subjects(RDF.type, c))) for c in _CLASSES}
    scenes = set(graph.subjects(RDF.type, KD.ConfessionScene))

    def evidence(level: URIRef) -> int:
        return sum(1 for scene in scenes if (scene, KD.evidenceLevel, level) in graph)

    return {
        "triples": len(graph),
        "classes": classes,
        "sources": classes["kd:Source"],
        "tropes": len(set(graph.subjects(SKOS.inScheme, KD.TropeScheme))),
        "multiple_source_scenes": evidence(KD.MultipleSources),
        "single_source_scenes": evidence(KD.SingleSource),
        "disputed_scenes": evidence(KD.Disputed),
    }
