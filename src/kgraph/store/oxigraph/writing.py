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

__all__ = ["from_rdflib", "read_files", "serialize_files", "write_statements"]


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


def from_rdflib(statements: Iterable[tuple[Any, ...]]) -> list[Any]:
    """Return rdflib's triples, or quads ``(s, p, o, graph IRI or None)``, as Oxigraph's.

    Every lexical form stays as rdflib holds it. Blank nodes are named ``b0``, ``b1``... in the
    order of the sorted statements, so the same graph gives the same labels in every process
    (rdflib invents new ones on every run).
    """
    from kgraph.store.oxigraph.terms import to_oxigraph

    library = ox()
    blank_kind = library.BlankNode
    converted = [tuple(map(to_oxigraph, statement)) for statement in statements]
    anonymous = [tuple("_:" if type(t) is blank_kind else str(t) for t in terms) for terms in converted]
    labels: dict[Any, Any] = {}

    def named(term: Any) -> Any:
        if type(term) is not blank_kind:
            return term
        return labels.get(term) or labels.setdefault(term, blank_kind(f"b{len(labels)}"))

    found = []
    for _, (subject, predicate, obj, *name) in sorted(
        zip(anonymous, converted, strict=True), key=lambda p: p[0]
    ):
        triple = library.Triple(named(subject), predicate, named(obj))
        found.append(library.Quad(*triple, name[0]) if name and name[0] is not None else triple)
    return found


def write_statements(statements: Iterable[Any], fmt: str, *, prefixes: Mapping[str, str]) -> bytes:
    """Write Oxigraph's triples (or quads, for TriG) in ``fmt``, in a stable order.

    :returns: the document; N-Triples as sorted lines, so that two exports diff cleanly; otherwise
        the statements sorted within each named graph, the graphs in IRI order.
    """
    library = ox()
    target = formats.oxigraph_rdf_format(fmt)
    unique = dict.fromkeys(statements)
    if fmt == "nt":
        data = library.serialize(unique, format=target)
        return b"".join(sorted(data.splitlines(keepends=True)))

    def order(statement: Any) -> tuple[str, str]:
        name = getattr(statement, "graph_name", None)
        return (
            str(name) if name is not None and type(name) is not library.DefaultGraph else "",
            str(statement),
        )

    return bytes(library.serialize(sorted(unique, key=order), format=target, prefixes=dict(prefixes)))


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
    :returns: the document (see :func:`write_statements`).
    :raises DataError: if a file is not valid RDF (file and line given).

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "x.ttl"
    >>> _ = path.write_text('<http://e/s> <http://e/p> "01"^^<http://www.w3.org/2001/XMLSchema#integer> .')
    >>> serialize_files([path], "nt", prefixes={})
    b'<http://e/s> <http://e/p> "01"^^<http://www.w3.org/2001/XMLSchema#integer> .\\n'
    """
    library = ox()
    if graph_name is None:
        return write_statements((t for _, t in read_files(paths)), fmt, prefixes=prefixes)
    names: dict[Path, Any] = {}
    quads = (
        library.Quad(
            t.subject,
            t.predicate,
            t.object,
            names.get(path) or names.setdefault(path, library.NamedNode(graph_name(path))),
        )
        for path, t in read_files(paths)
    )
    return write_statements(quads, fmt, prefixes=prefixes)
