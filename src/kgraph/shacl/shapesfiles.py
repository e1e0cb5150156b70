"""Users' own shapes graphs: read from files, and errors about them located in those files.

``kgraph validate --shapes FILE`` and ``kgraph.validate(graph, shapes=...)`` validate against these
in place of ``ontology/shapes.ttl``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from kgraph.errors import DataError, ShapesError, located

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["locate_shapes_error", "read_shapes"]


def read_shapes(shapes: Graph | str | Path | Iterable[str | Path]) -> tuple[Graph, tuple[Path, ...]]:
    """Return the shapes graph ``shapes`` stands for, and the files it was read from.

    :param shapes: an rdflib graph (used as it is), or a path, or paths, of RDF files.
    :raises ShapesError: if a file is missing or not valid RDF (file and line given).

    >>> from kgraph import resources
    >>> graph, files = read_shapes(resources.shapes_path())
    >>> len(graph) > 100, [path.name for path in files]
    (True, ['shapes.ttl'])
    """
    from rdflib import Graph

    from kgraph.namespaces import bind_prefixes
    from kgraph.store.oxigraph.files import read_file
    from kgraph.store.oxigraph.terms import converter

    if isinstance(shapes, Graph):
        return shapes, tuple(getattr(shapes, "files", ()))
    paths = [shapes] if isinstance(shapes, str | Path) else list(shapes)
    if not paths:
        raise ShapesError("no shapes file given")
    graph, files, convert = bind_prefixes(Graph()), [], converter()
    for path in map(Path, paths):
        if not path.is_file():
            raise ShapesError(f"{path}: no such shapes file")
        try:
            triples = read_file(path)
        except DataError as error:
            raise ShapesError(f"the shapes cannot be read: {error}") from None
        for triple in triples:
            graph.add((convert(triple.subject), convert(triple.predicate), convert(triple.object)))
        files.append(path)
    return graph, tuple(files)


def _line_of(path: Path, iri: str) -> int:
    """The first line of a Turtle-like file that starts with ``iri``, in full or by a prefix it declares."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 0
    names = {f"<{iri}>"}
    for line in lines:
        declared = re.match(r"\s*@?prefix\s+([\w-]*):\s*<([^>]*)>", line, re.I)
        if declared and iri.startswith(declared.group(2)):
            names.add(f"{declared.group(1)}:{iri[len(declared.group(2)) :]}")
    for number, line in enumerate(lines, 1):
        first = line.split(maxsplit=1)[0] if line.strip() else ""
        if first in names:
            return number
    return 0


def locate_shapes_error(files: Iterable[Path], message: str) -> str:
    """Say in which shapes file, and at which line, the first IRI a message names is defined.

    >>> locate_shapes_error([Path("ontology/shapes.ttl")], "no such thing")
    'ontology/shapes.ttl: no such thing'
    """
    files = tuple(files)
    if not files:
        return message
    for iri in re.findall(r"<([^<>\s]+)>", message):
        for path in files:
            line = _line_of(path, iri)
            if line:
                return located(path, message, line)
    return located(", ".join(str(path) for path in files), message)
