"""The engines a graph can live in: rdflib's own memory store, or Oxigraph's.

Both give the same rdflib ``Graph`` API, so every command and function works on either. Oxigraph
parses strictly and answers SPARQL many times faster. By default the bundled graph uses Oxigraph,
and files given with ``--data`` use it when they add up to :data:`AUTO_BYTES` (1 MiB) or more:
below that, rdflib's memory store reads them about as fast and keeps every literal as written.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from kgraph.errors import KgraphError

__all__ = ["AUTO_BYTES", "ENGINES", "choose_engine"]

ENGINES = ("rdflib", "oxigraph")
# About 8,000 triples of N-Triples: from there on rdflib takes seconds where Oxigraph takes a
# fraction of one (13 s against under 1 s at 100,000 triples for the costar-pairs query).
AUTO_BYTES = 1024 * 1024


def choose_engine(engine: str | None, files: Iterable[Path] = (), *, bundled: bool = False) -> str:
    """Return the engine to load ``files`` into: the one asked for, else by the files' total size.

    :param engine: ``rdflib``, ``oxigraph``, or None to choose.
    :param files: the user's files (their sizes decide when no engine is asked for).
    :param bundled: the bundled graph is loaded: Oxigraph unless asked otherwise.
    :returns: ``rdflib`` or ``oxigraph``.
    :raises KgraphError: if the engine is unknown.

    >>> choose_engine(None, bundled=True)
    'oxigraph'
    >>> choose_engine("rdflib", bundled=True)
    'rdflib'
    """
    if engine is not None:
        if engine not in ENGINES:
            raise KgraphError(f"no engine '{engine}': use {' or '.join(ENGINES)}")
        return engine
    if bundled:
        return "oxigraph"
    size = sum(path.stat().st_size for path in files)
    return "oxigraph" if size >= AUTO_BYTES else "rdflib"
