"""A loaded graph as its files write it, for what must give back every term as written.

Oxigraph's store keeps typed literals by value (``"01"^^xsd:integer`` comes back as ``"1"``,
``"5"^^xsd:int`` as ``"5"^^xsd:integer``), while rdflib, as kgraph loads it, keeps each lexical
form. A graph loaded from files and not changed since can always be written again from its files.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kgraph.store.graph import KnowledgeGraph
from kgraph.store.oxigraph import store_of
from kgraph.store.oxigraph.files import readable, rewritten_literals

__all__ = ["as_written", "files_as_read", "rdflib_keeping_forms"]


def files_as_read(graph: Any) -> tuple[Path, ...] | None:
    """Return the files ``graph`` holds exactly, if it was loaded from them, never changed, and
    Oxigraph's parsers read them all; None otherwise.

    >>> from kgraph.store.loading import load
    >>> files_as_read(load()) == load().files
    True
    >>> changed = load().copy()
    >>> files_as_read(changed.remove((None, None, None)))
    """
    if isinstance(graph, KnowledgeGraph) and graph.as_read and all(map(readable, graph.files)):
        return graph.files
    return None


def as_written(graph: Any) -> tuple[Any, list[str]]:
    """Return a graph with every literal as its files write it, and the literals that needed it.

    A graph on the Oxigraph engine, loaded from files that write literals its store holds in
    another form, is read again from those files into rdflib. Any other graph is returned as it is:
    one on rdflib keeps every term, and one changed after loading has no files to go back to.

    :returns: ``(graph, found)``, ``found`` naming each such literal and its file.
    """
    if store_of(graph) is None or not isinstance(graph, KnowledgeGraph) or not graph.as_read:
        return graph, []
    found = [f"{written} in {path}" for path, written in rewritten_literals(graph.files)]
    if not found:
        return graph, []
    from kgraph.store.loading import load

    return load(list(graph.files), include_ontology=False, engine="rdflib"), found


@contextlib.contextmanager
def rdflib_keeping_forms() -> Iterator[None]:
    """Within the block, rdflib's parsers keep each typed literal's lexical form (``"01"`` stays).

    rdflib rewrites typed literals into a canonical form by default, and so merges triples that
    differ only there; files that others read with rdflib are checked with it switched off.
    """
    import rdflib

    before, rdflib.NORMALIZE_LITERALS = rdflib.NORMALIZE_LITERALS, False
    try:
        yield
    finally:
        rdflib.NORMALIZE_LITERALS = before
