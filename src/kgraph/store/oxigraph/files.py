"""Reading RDF files with Oxigraph's strict parsers, with errors that give the file and line."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kgraph import formats
from kgraph.errors import DataError, located
from kgraph.store.oxigraph.terms import _ox

if TYPE_CHECKING:
    import pyoxigraph

__all__ = ["check_syntax", "count_file", "parse_into", "read_file", "readable"]


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


def count_file(path: Path) -> int:
    """Return how many distinct triples (or quads) Oxigraph reads in an RDF file."""
    return len(set(_ox().parse(path=str(path), format=_file_format(path))))
