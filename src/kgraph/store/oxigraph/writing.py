"""Files written back out by Oxigraph's serializers, term for term as they were written.

Triples come straight from Oxigraph's parsers, not from a store, so every lexical form stays as
the file wrote it (a store keeps some literals as values: ``"01"^^xsd:integer`` would come back
as ``"1"``). They are sorted first, so the same files always give the same text, each subject's
statements together and its types first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from kgraph import formats
from kgraph.store.oxigraph.files import read_file
from kgraph.store.oxigraph.terms import ox

__all__ = ["read_files", "serialize_files"]


def read_files(paths: Iterable[Path]) -> list[tuple[Path, Any]]:
    """Return each file's triples as Oxigraph's parsers read them, with the file that states each.

    Blank nodes are named ``b0``, ``b1``... in the order the files mention them, so that the same
    files always give the same labels (the parsers invent new ones on every read).

    :raises DataError: if a file is not valid RDF (file and line given).
    """
    library = ox()
    blank_kind = library.BlankNode
    labels: dict[Any, Any] = {}

    def named(term: Any) -> Any:
        if type(term) is not blank_kind:
            return term
        found = labels.get(term)
        if found is None:
            found = labels[term] = blank_kind(f"b{len(labels)}")
        return found

    found: list[tuple[Path, Any]] = []
    for path in paths:
        for triple in read_file(path):
            if type(triple.subject) is blank_kind or type(triple.object) is blank_kind:
                triple = library.Triple(named(triple.subject), triple.predicate, named(triple.object))
            found.append((path, triple))
    return found


def serialize_files(
    paths: Iterable[Path],
    fmt: str,
    *,
    prefixes: Mapping[str, str],
    graph_name: Callable[[Path], str] | None = None,
) -> bytes:
    """Read RDF files with Oxigraph's strict parsers and write their triples in one document.

    :param paths: the files, in any format Oxigraph reads.
    :param fmt: ``nt``, ``turtle``, ``xml`` or ``trig`` (see :mod:`kgraph.formats`).
    :param prefixes: prefixes to declare where the format has them.
    :param graph_name: for TriG, the IRI of the named graph that holds each file's triples.
    :returns: the document; N-Triples as sorted lines, so that two exports diff cleanly.
    :raises DataError: if a file is not valid RDF (file and line given).

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "x.ttl"
    >>> _ = path.write_text('<http://e/s> <http://e/p> "01"^^<http://www.w3.org/2001/XMLSchema#integer> .')
    >>> serialize_files([path], "nt", prefixes={})
    b'<http://e/s> <http://e/p> "01"^^<http://www.w3.org/2001/XMLSchema#integer> .\\n'
    """
    library = ox()
    target = formats.oxigraph_rdf_format(fmt)
    if fmt == "nt":
        data = library.serialize(dict.fromkeys(t for _, t in read_files(paths)), format=target)
        return b"".join(sorted(data.splitlines(keepends=True)))
    if graph_name is None:
        ordered: Iterable[Any] = sorted(dict.fromkeys(t for _, t in read_files(paths)), key=str)
    else:
        by_file: dict[str, dict[Any, None]] = {}
        names: dict[Path, str] = {}
        for path, triple in read_files(paths):
            name = names.get(path) or names.setdefault(path, graph_name(path))
            by_file.setdefault(name, {})[triple] = None
        quad, iri = library.Quad, library.NamedNode
        ordered = (
            quad(t.subject, t.predicate, t.object, node)
            for name in sorted(by_file)
            for node in [iri(name)]
            for t in sorted(by_file[name], key=str)
        )
    return bytes(library.serialize(ordered, format=target, prefixes=dict(prefixes)))
