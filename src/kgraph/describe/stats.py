"""Counts that summarise a graph: triples, resources per class, sources and tropes.

The bundled graph is counted by Oxigraph alone, with SPARQL, so ``kgraph stats`` never imports
rdflib; any other graph is counted through rdflib's API. A test keeps the two answers equal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kgraph.prefixes import IRIS

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["stats"]

_CLASSES = (
    "kd:Drama",
    "kd:Person",
    "kd:Character",
    "kd:CastingRole",
    "kd:ConfessionScene",
    "kd:Quote",
    "kd:Claim",
    "kd:Ranking",
    "kd:Network",
    "kd:Source",
    "skos:Concept",
)
_LEVELS = {"multiple_source_scenes": "kd:MultipleSources", "single_source_scenes": "kd:SingleSource",
           "disputed_scenes": "kd:Disputed"}  # fmt: skip


def _iri(reference: str) -> str:
    prefix, _, local = reference.partition(":")
    return IRIS[prefix] + local


def stats(graph: Graph | None = None) -> dict[str, int | dict[str, int]]:
    """Count the triples, the resources of each class, the sources and the tropes.

    :param graph: the graph to count; None for the bundled graph.
    :returns: ``{"triples": n, "classes": {"kd:Drama": n, ...}, "sources": n, "tropes": n,
        "multiple_source_scenes": n, "single_source_scenes": n, "disputed_scenes": n,
        "dated_sources": n, "undated_sources": n}``: dated sources have ``dct:issued``, undated ones
        are pages that show no date (``kd:undated true``).

    >>> stats()["classes"]["kd:Drama"] >= 40
    True
    """
    if graph is None:
        from kgraph.store.oxigraph.bundle import bundled_store

        triples, classes, tropes, levels, dates = _count_in_oxigraph(bundled_store())
    else:
        triples, classes, tropes, levels, dates = _count_with_rdflib(graph)
    return {
        "triples": triples,
        "classes": classes,
        "sources": classes["kd:Source"],
        "tropes": tropes,
        **{key: levels.get(_iri(level), 0) for key, level in _LEVELS.items()},
        "dated_sources": dates[0],
        "undated_sources": dates[1],
    }


_CLASS_COUNTS = """
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {{ VALUES ?class {{ {classes} }} ?s a ?class }} GROUP BY ?class
"""
_TROPES = "SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { ?t skos:inScheme kd:TropeScheme }"
_LEVEL_COUNTS = """
SELECT ?level (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a kd:ConfessionScene ; kd:evidenceLevel ?level }
GROUP BY ?level
"""
DATED_SOURCES = "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a kd:Source ; dct:issued ?date }"
UNDATED_SOURCES = "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a kd:Source ; kd:undated true }"


def _count_in_oxigraph(store: Any) -> tuple[int, dict[str, int], int, dict[str, int], tuple[int, int]]:
    from kgraph.store.oxigraph.native import rows

    def pairs(text: str) -> dict[str, int]:
        answer = rows(store, text, IRIS)
        assert isinstance(answer, tuple)  # a SELECT
        return {row[0].value: int(row[1].value) for row in answer[1]}

    found = pairs(_CLASS_COUNTS.format(classes=" ".join(_CLASSES)))
    classes = {name: found.get(_iri(name), 0) for name in _CLASSES}

    def number(text: str) -> int:
        answer = rows(store, text, IRIS)
        assert isinstance(answer, tuple)
        return int(next(iter(answer[1]))[0].value)

    dates = (number(DATED_SOURCES), number(UNDATED_SOURCES))
    return len(store), classes, number(_TROPES), pairs(_LEVEL_COUNTS), dates


def _count_with_rdflib(graph: Graph) -> tuple[int, dict[str, int], int, dict[str, int], tuple[int, int]]:
    from rdflib import Literal, URIRef
    from rdflib.namespace import DCTERMS, RDF, SKOS

    classes = {name: len(set(graph.subjects(RDF.type, URIRef(_iri(name))))) for name in _CLASSES}
    scenes = set(graph.subjects(RDF.type, URIRef(_iri("kd:ConfessionScene"))))
    levels, has_level = {}, URIRef(_iri("kd:evidenceLevel"))
    for level in _LEVELS.values():
        iri = URIRef(_iri(level))
        levels[str(iri)] = sum(1 for scene in scenes if (scene, has_level, iri) in graph)
    tropes = len(set(graph.subjects(SKOS.inScheme, URIRef(_iri("kd:TropeScheme")))))
    sources = set(graph.subjects(RDF.type, URIRef(_iri("kd:Source"))))
    undated = URIRef(_iri("kd:undated"))
    dates = (
        sum(1 for source in sources if (source, DCTERMS.issued, None) in graph),
        sum(1 for source in sources if (source, undated, Literal(True)) in graph),
    )
    return len(graph), classes, tropes, levels, dates
