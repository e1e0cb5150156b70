"""The release's dataset with one named graph per source, written as stable TriG.

The rules that place each triple are :mod:`kgraph.store.sources`'s, the same that queries see.
"""

from __future__ import annotations

from typing import Any

from rdflib import Dataset, Graph

from kgraph.namespaces import bind_prefixes
from kgraph.store.sources import dataset_of

__all__ = ["ordered", "source_dataset", "source_trig"]


def source_dataset(graph: Graph) -> Dataset:
    """Return ``graph`` as a dataset with one named graph per source and an empty default graph.

    :param graph: the data graph (without the ontology, whose terms cite no source).

    >>> from kgraph.store.loading import load
    >>> graph = load(include_ontology=False)
    >>> dataset = source_dataset(graph)
    >>> len(dataset.default_graph), {q[:3] for q in dataset.quads()} == set(graph)
    (0, True)
    """
    return dataset_of(graph, default=False)


def _key(triple: tuple[Any, Any, Any]) -> tuple[str, ...]:
    return tuple(term.n3() for term in triple)


def ordered(graph: Graph) -> Graph:
    """Copy ``graph`` into a store that iterates in insertion order, inserting the triples sorted.

    rdflib's default store iterates in an order that changes from one Python process to the next;
    serializers that do not sort (RDF/XML, JSON-LD) then write a different file each time.
    """
    copy = bind_prefixes(Graph(store="SimpleMemory"))
    for triple in sorted(graph, key=_key):
        copy.add(triple)
    return copy


def source_trig(graph: Graph) -> bytes:
    """Write :func:`source_dataset` as TriG, the named graphs in IRI order, each sorted.

    Oxigraph's serializer writes it, so every literal stays as the graph holds it.

    >>> from kgraph.store.loading import load
    >>> lines = source_trig(load(include_ontology=False)).decode("utf-8").splitlines()
    >>> sum(line.startswith("kdr:source.") and line.endswith(" {") for line in lines) > 1
    True
    """
    from kgraph.prefixes import IRIS
    from kgraph.store.oxigraph.writing import from_rdflib, write_statements

    quads = source_dataset(graph).quads()  # each in the graph of a source: the default graph is empty
    return write_statements(from_rdflib(quads), "trig", prefixes=IRIS)
