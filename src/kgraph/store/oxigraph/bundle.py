"""The bundled graph in Oxigraph alone: read once per process, with no rdflib.

Commands that answer straight from Oxigraph (named queries, counts) use :func:`bundled_store`;
:func:`kgraph.load` wraps the same store in an rdflib graph when the rdflib API is wanted, so the
files are read once either way.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

from kgraph import resources
from kgraph.store.oxigraph.files import parse_into
from kgraph.store.oxigraph.terms import ox

if TYPE_CHECKING:
    import pyoxigraph

__all__ = ["bundled_files", "bundled_store"]


def bundled_files(include_ontology: bool = True) -> list[Path]:
    """Return the files the bundled graph is read from: ontology and alignments first, then ``data/``.

    >>> [path.name for path in bundled_files()][:2]
    ['kdrama.ttl', 'alignments.ttl']
    """
    ontology = [resources.ontology_path(), resources.alignments_path()] if include_ontology else []
    return [*ontology, *resources.data_files()]


@functools.cache
def bundled_store(include_ontology: bool = True) -> pyoxigraph.Store:
    """Return a ``pyoxigraph.Store`` holding the bundled graph, read once and shared: do not change it.

    :param include_ontology: also hold the ontology and its alignments.
    :raises DataError: if a bundled file is not valid RDF (file and line given).

    >>> len(bundled_store()) > 10_000
    True
    """
    store: pyoxigraph.Store = ox().Store()
    for path in bundled_files(include_ontology):
        parse_into(store, path)
    return store
