"""Reading RDF files with Oxigraph's strict parsers, with errors that give the file and line."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kgraph import formats
from kgraph.errors import DataError, located
from kgraph.store.oxigraph.terms import _ox

if TYPE_CHECKING:
    import pyoxigraph

__all__ = [
    "check_syntax",
    "count_by_value",
    "count_file",
    "parse_into",
    "read_file",
    "read_into",
    "readable",
    "rewritten",
    "rewritten_literals",
]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _syntax_error(path: Path, error: SyntaxError) -> DataError:
    message = str(error)
    message = re.sub(r"\s*\([^()]*line \d+\)\s*$", "", message)  # the position is said once, first
    message = re.sub(r"^Parser error at line \d+ ", "", message)
    message = re.sub(r"^between columns (\d+) and (\d+)", r"columns \1-\2", message)
    return DataError(located(path, f"not valid RDF: {message}", getattr(error, "lineno", None)))


def _file_format(path: Path) -> Any:
    name = formats.rdf_format_of(path)
    return formats.oxigraph_rdf_format(name) if name else None


def readable(path: Path) -> bool:
    """Say whether Oxigraph's parsers read the file's format (by its suffix)."""
    return _file_format(path) is not None


def check_syntax(path: Path) -> None:
    """Parse ``path`` with Oxigraph's strict parser and drop the triples: only the syntax counts.

    Turtle that the Turtle 1.1 grammar rejects (bad escapes, keywords or N3 paths where a term
    belongs, broken statements) is refused, even where rdflib's more forgiving parser reads it.
    Files in a format Oxigraph cannot read pass unchecked.

    :param path: an RDF file.
    :raises DataError: if the file is not valid; the message gives file, line and why.
    """
    fmt = _file_format(path)
    if fmt is None:
        return
    try:
        for _ in _ox().parse(path=str(path), format=fmt, base_iri=path.resolve().as_uri()):
            pass
    except SyntaxError as error:
        raise _syntax_error(path, error) from None
    except (OSError, ValueError) as error:
        raise DataError(f"{path}: cannot be read: {error}") from None


def read_file(path: Path) -> list[Any]:
    """Return the triples (or quads) of an RDF file as Oxigraph's parser reads them, lexical forms intact.

    :raises DataError: if the file is not valid RDF (file and line given), or not in a format
        Oxigraph reads.
    """
    fmt = _file_format(path)
    if fmt is None:
        raise DataError(f"{path}: not in a format kgraph reads ({', '.join(formats.rdf_suffixes())})")
    try:
        return list(_ox().parse(path=str(path), format=fmt, base_iri=path.resolve().as_uri()))
    except SyntaxError as error:
        raise _syntax_error(path, error) from None
    except (OSError, ValueError) as error:
        raise DataError(f"{path}: cannot be read: {error}") from None


def parse_into(store: pyoxigraph.Store, path: Path) -> bool:
    """Load ``path`` into ``store``'s default graph; return False if Oxigraph cannot read its format.

    :raises DataError: if the file is not valid RDF (file and line given).
    """
    fmt = _file_format(path)
    if fmt is None:
        return False
    try:
        store.load(
            path=str(path), format=fmt, base_iri=path.resolve().as_uri(), to_graph=_ox().DefaultGraph()
        )
    except SyntaxError as error:
        raise _syntax_error(path, error) from None
    except (OSError, ValueError) as error:
        raise DataError(f"{path}: cannot be read: {error}") from None
    return True


def read_into(graph: Any, path: Path) -> bool:
    """Add the triples of ``path`` to an rdflib graph, read by Oxigraph's strict parser.

    Every term comes as the file writes it: rdflib's own parsers would rewrite literals such as
    ``"01"^^xsd:integer`` or ``+1`` and leave dot segments in relative IRIs unresolved. The triples
    of every graph of a TriG or N-Quads file go into ``graph``.

    :param graph: an rdflib ``Graph``.
    :returns: False if Oxigraph cannot read the file's format (nothing is added).
    :raises DataError: if the file is not valid RDF (file and line given).
    """
    if _file_format(path) is None:
        return False
    from kgraph.store.oxigraph.terms import converter

    convert = converter()
    statements = read_file(path)
    graph.addN(
        (convert(t.subject), convert(t.predicate), convert(t.object), graph)
        for t in (getattr(s, "triple", s) for s in statements)
    )
    return True


def count_file(path: Path) -> int:
    """Return how many distinct triples (or quads) Oxigraph reads in an RDF file."""
    return len(set(_ox().parse(path=str(path), format=_file_format(path))))


def count_by_value(data: bytes | Path, fmt: str = "nt") -> int:
    """Count the statements a store that keeps typed literals by value holds of ``data``.

    Such stores (Oxigraph's among them) hold ``"01"^^xsd:integer`` and ``"1"^^xsd:integer`` as one
    value, so two triples that differ only there become one.

    :param data: RDF text, or a file.
    :param fmt: the format of text (a file's comes from its suffix); see :mod:`kgraph.formats`.

    >>> count_by_value(b'<http://e/s> <http://e/p> "01"^^<http://www.w3.org/2001/XMLSchema#integer> .\\n'
    ...                b'<http://e/s> <http://e/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .\\n')
    1
    """
    ox = _ox()
    store = ox.Store()
    if isinstance(data, Path):
        store.load(path=str(data), format=_file_format(data), base_iri=data.resolve().as_uri())
    else:
        store.load(data, format=formats.oxigraph_rdf_format(fmt))
    return len(store)


def rewritten_literals(paths: Iterable[Path]) -> list[tuple[Path, str]]:
    """Return the typed literals of the files that an Oxigraph store would hold in another form.

    Oxigraph's store keeps typed literals by value: ``"5"^^xsd:int`` comes back as
    ``"5"^^xsd:integer``, ``"01"^^xsd:integer`` and ``+1`` as ``1``, ``1.0`` as ``"1"^^xsd:decimal``.
    Whatever must see each literal as written (the fast validator) is told which ones these are.

    :param paths: RDF files; those in a format Oxigraph cannot read are skipped.
    :returns: ``(file, literal as N-Triples)`` for each such literal, in the order of the files.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "x.ttl").write_text('<http://e/s> <http://e/p> 1, 1.0, "x", "1"^^<http://e/d> .')
    >>> [written for _, written in rewritten_literals([folder / "x.ttl"])]
    ['"1.0"^^<http://www.w3.org/2001/XMLSchema#decimal>']
    """
    ox = _ox()
    found: list[tuple[Path, str]] = []
    for path in map(Path, paths):
        fmt = _file_format(path)
        if fmt is None:
            continue
        literals = set()
        for statement in ox.parse(path=str(path), format=fmt, base_iri=path.resolve().as_uri()):
            value = statement.object
            if type(value) is ox.Literal and value.language is None and value.datatype.value != _XSD_STRING:
                literals.add(value)
        found += [(path, str(literal)) for literal in rewritten(literals)] if literals else []
    return found


def rewritten(literals: Iterable[Any]) -> list[Any]:
    """Return those of Oxigraph's ``literals`` that its store would hold in another form, sorted.

    >>> ox = _ox()
    >>> xsd = "http://www.w3.org/2001/XMLSchema#"
    >>> rewritten([ox.Literal("5", datatype=ox.NamedNode(xsd + "int")), ox.Literal("5")])
    [<Literal value=5 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#int>>]
    """
    ox = _ox()
    literals = set(literals)
    scratch = ox.Store()
    subject, predicate = ox.NamedNode("urn:kgraph:literal"), ox.NamedNode("urn:kgraph:value")
    scratch.extend([ox.Quad(subject, predicate, literal) for literal in literals])
    kept = {quad.object for quad in scratch}
    return sorted(literals - kept, key=str)
