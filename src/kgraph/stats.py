"""Counts that summarise a graph: triples, resources per class, sources, tropes."""

from __future__ import annotations

from rdflib import Graph
from rdflib.namespace import RDF, SKOS

from .namespaces import KD, curie
from .store import load

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


def stats(graph: Graph | None = None) -> dict:
    """Count the triples, the resources of each class, the sources and the tropes.

    :param graph: the graph to count; None for the bundled graph.
    :returns: ``{"triples": n, "classes": {"kd:Drama": n, ...}, "sources": n, "tropes": n,
        "disputed_scenes": n, "single_source_scenes": n}``.

    >>> stats()["classes"]["kd:Drama"]
    6
    """
    graph = load() if graph is None else graph
    classes = {curie(c): len(set(graph.subjects(RDF.type, c))) for c in _CLASSES}
    scenes = set(graph.subjects(RDF.type, KD.ConfessionScene))
    return {
        "triples": len(graph),
        "classes": classes,
        "sources": classes["kd:Source"],
        "tropes": len(set(graph.subjects(SKOS.inScheme, KD.TropeScheme))),
        "disputed_scenes": sum(1 for s in scenes if (s, KD.evidenceLevel, KD.Disputed) in graph),
        "single_source_scenes": sum(1 for s in scenes if (s, KD.evidenceLevel, KD.SingleSource) in graph),
    }
