"""The graph as a dataset in Oxigraph: the whole graph as the default graph, plus a graph per source.

Queries that use ``GRAPH`` or ``FROM`` run on this store, so ``GRAPH ?source { ... }`` answers which
page states a triple; the named graphs follow :mod:`kgraph.store.sources`, as the release's TriG does.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kgraph.store.oxigraph.terms import ox
from kgraph.store.sources import file_origin, place

if TYPE_CHECKING:
    import pyoxigraph
    from rdflib import Graph

__all__ = ["bundled_dataset", "dataset_store", "source_nquads"]


def dataset_store(store: pyoxigraph.Store, files: Iterable[Path] = ()) -> pyoxigraph.Store:
    """Return a new store with the default graph of ``store`` and a named graph per source.

    :param store: holds the graph in its default graph; it is not changed.
    :param files: the files the graph was read from, to name the graphs of triples no source states.

    >>> import pyoxigraph
    >>> store = pyoxigraph.Store()
    >>> s, p = pyoxigraph.NamedNode("http://e/s"), pyoxigraph.NamedNode("http://purl.org/dc/terms/source")
    >>> store.add(pyoxigraph.Quad(s, p, pyoxigraph.NamedNode("http://e/page")))
    >>> sorted(str(name) for name in dataset_store(store).named_graphs())
    ['<http://e/page>']
    """
    module = ox()
    named_node, default = module.NamedNode, module.DefaultGraph()
    quads = store.quads_for_pattern(None, None, None, default)
    triples: list[tuple[Any, Any, Any]] = [(q.subject, q.predicate, q.object) for q in quads]

    def iri(term: Any) -> str | None:
        return term.value if isinstance(term, named_node) else None

    placed = place(triples, iri=iri, origin=file_origin(tuple(files), triples, iri), named=named_node)
    dataset: pyoxigraph.Store = module.Store()
    copied = [module.Quad(*triple, default) for triple in triples]
    copied += [module.Quad(*triple, name) for triple, names in placed.items() for name in names]
    dataset.bulk_extend(copied)
    return dataset


@functools.cache
def bundled_dataset() -> pyoxigraph.Store:
    """Return the bundled graph as a dataset (see :func:`dataset_store`), made once: do not change it."""
    from kgraph.store.oxigraph.bundle import bundled_files, bundled_store

    return dataset_store(bundled_store(), bundled_files())


def source_nquads(graph: Graph) -> bytes:
    """Write an rdflib graph as a dataset (see :func:`dataset_store`) in N-Quads.

    >>> from rdflib import Graph
    >>> text = "<http://e/s> <http://purl.org/dc/terms/source> <http://e/page> ."
    >>> graph = Graph().parse(data=text, format="nt")
    >>> print("".join(sorted(source_nquads(graph).decode().splitlines(keepends=True))).strip())
    <http://e/s> <http://purl.org/dc/terms/source> <http://e/page> .
    <http://e/s> <http://purl.org/dc/terms/source> <http://e/page> <http://e/page> .
    """
    from kgraph.store.oxigraph.native import store_from, store_of

    store = store_of(graph) or store_from(graph.serialize(format="nt", encoding="utf-8"), "nt")
    dataset = dataset_store(store, getattr(graph, "files", ()))
    return bytes(dataset.dump(format=ox().RdfFormat.N_QUADS) or b"")
