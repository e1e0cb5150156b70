"""The canonical Turtle form of the data files, so that every change shows as a small, stable diff.

``python -m kgraph.store.canonical [FILE...]`` rewrites files in place (all of ``data/`` by default);
``--check`` only lists the files that are not canonical and exits 1 if there are any.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rdflib import Graph

from kgraph import resources
from kgraph.files import write_atomic
from kgraph.formats import rdflib_serializer
from kgraph.namespaces import PREFIXES

__all__ = ["canonical_turtle", "main"]


def canonical_turtle(path: Path) -> str:
    """Return the canonical text of a Turtle file: sorted subjects and objects, one object per line.

    Only the prefixes the file uses are declared. Comments are not kept: put explanations into the
    data (``kd:evidenceNote``, ``skos:definition``) where users can query them.
    """
    graph = Graph(bind_namespaces="none")
    graph.parse(path, format="turtle")
    used = {str(term) for triple in graph for term in triple}
    for prefix, namespace in PREFIXES.items():
        if any(term.startswith(str(namespace)) for term in used):
            graph.bind(prefix, namespace)
    return graph.serialize(format=rdflib_serializer("turtle"))


def main(argv: list[str] | None = None) -> int:
    """Rewrite (or with ``--check``, check) data files in canonical form; return the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    if {"-h", "--help"} & set(args):
        print(__doc__)  # noqa: T201
        return 0
    check = "--check" in args
    paths = [Path(a) for a in args if a != "--check"] or resources.data_files()
    stale = []
    for path in paths:
        text = canonical_turtle(path)
        if path.read_text(encoding="utf-8") != text:
            stale.append(path)
            if not check:
                write_atomic(path, text.encode("utf-8"))
    for path in stale:
        print(f"{'not canonical' if check else 'rewrote'}: {path}")  # noqa: T201
    return 1 if check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
