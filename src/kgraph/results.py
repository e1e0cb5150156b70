"""Query answers as a small table object: rows of RDF terms, readable as plain Python values."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from rdflib import Literal, URIRef

from .namespaces import curie

__all__ = ["QueryResult", "plain"]


@dataclass(frozen=True)
class QueryResult:
    """The answer to a SELECT query: column names and rows of RDF terms (None where unbound).

    Iterating yields one dict per row, with plain Python values (IRIs as CURIEs).
    """

    columns: tuple[str, ...]
    rows: tuple[tuple, ...]

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[dict]:
        return iter(self.records())

    def records(self) -> list[dict]:
        """Return the rows as dicts of plain values: CURIE strings, str, int, dates as ISO text."""
        return [dict(zip(self.columns, (plain(v) for v in row), strict=True)) for row in self.rows]

    def column(self, name: str) -> list:
        """Return one column's plain values."""
        index = self.columns.index(name)
        return [plain(row[index]) for row in self.rows]


def plain(value):
    """Turn an RDF term into a plain Python value: IRIs as CURIEs, numbers as numbers, else text."""
    if value is None:
        return None
    if isinstance(value, URIRef):
        return curie(value)
    if isinstance(value, Literal):
        python = value.toPython()
        if isinstance(python, bool | int | float):
            return python
        return str(value)
    return str(value)
