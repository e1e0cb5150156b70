"""Writing a synthetic graph to a file, streamed, so that any size fits."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from kgraph.files import write_atomic

__all__ = ["write_synthetic"]


def write_synthetic(
    path: str | Path,
    dramas: int,
    *,
    seed: int = 0,
    fmt: str = "nt",
    defects: dict[str, int] | None = None,
) -> int:
    """Write a synthetic graph to ``path`` atomically, streaming N-Triples line by line.

    :param path: the file to write.
    :param dramas: how many dramas.
    :param seed: the random seed.
    :param fmt: ``nt`` (streamed, for any size) or ``turtle`` (built in memory first).
    :param defects: how many defects of each kind to inject (see :mod:`kgraph.synth.defects`).
    :returns: the number of triples written.
    :raises OutputError: if the file cannot be written.
    :raises KgraphError: if the defects asked for cannot be injected.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_synthetic(folder / "g.nt", 2, seed=1) == len(open(folder / "g.nt").readlines())
    True
    """
    from kgraph.synth.generate import synthetic_ntriples

    lines = synthetic_ntriples(dramas, seed=seed, defects=defects)
    if fmt != "nt":
        from rdflib import Graph

        from kgraph.namespaces import bind_prefixes

        graph = bind_prefixes(Graph().parse(data="\n".join(lines), format="nt"))
        write_atomic(path, graph.serialize(format="turtle", encoding="utf-8"))
        return len(graph)
    written = [0]

    def chunks() -> Iterator[bytes]:
        while batch := list(islice(lines, 4096)):
            written[0] += len(batch)
            yield ("\n".join(batch) + "\n").encode("utf-8")

    write_atomic(path, chunks())
    return written[0]
