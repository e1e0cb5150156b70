"""Query answers as a small table object: rows of RDF terms, readable as plain Python values."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Self, cast

from kgraph.prefixes import curie_of
from kgraph.store.oxigraph.terms import from_oxigraph, kind_of, plain_literal

__all__ = ["QueryResult", "RowStream", "native_plain", "plain"]


class QueryResult:
    """The answer to a SELECT query: column names and rows of RDF terms (None where unbound).

    Iterating yields one dict per row, with plain Python values (IRIs as CURIEs).

    >>> from rdflib import Literal
    >>> result = QueryResult(("n",), ((Literal(3),),))
    >>> result.records()
    [{'n': 3}]
    """

    __slots__ = ("_convert", "_native", "_plain", "_rows", "columns")

    def __init__(self, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> None:
        self.columns = tuple(columns)
        self._rows: tuple[tuple[Any, ...], ...] | None = tuple(tuple(row) for row in rows)
        self._native: Sequence[tuple[Any, ...]] = ()
        self._convert: Callable[[Any], Any] | None = None
        self._plain: Callable[[Any], Any] | None = None

    @classmethod
    def lazy(
        cls,
        columns: Sequence[str],
        native: Sequence[tuple[Any, ...]],
        convert: Callable[[Any], Any],
        plain_value: Callable[[Any], Any],
    ) -> Self:
        """Hold rows of another library's terms; turn them into rdflib terms only when asked.

        :param columns: the column names.
        :param native: the rows, as the engine gave them.
        :param convert: turns one native term into an rdflib term (or None).
        :param plain_value: turns one native term straight into the value :func:`plain` gives.
        """
        result = cls(columns, ())
        result._rows, result._native, result._convert, result._plain = None, native, convert, plain_value
        return result

    @property
    def rows(self) -> tuple[tuple[Any, ...], ...]:
        """The rows, as tuples of rdflib terms (None where unbound)."""
        if self._rows is None:
            convert = cast("Callable[[Any], Any]", self._convert)  # lazy sets it whenever _rows is None
            self._rows = tuple(tuple(convert(v) for v in row) for row in self._native)
            self._native = ()
        return self._rows

    def __len__(self) -> int:
        return len(self._native) if self._rows is None else len(self._rows)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return self.iter_records()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, QueryResult):
            return NotImplemented
        return self.columns == other.columns and self.rows == other.rows

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"QueryResult(columns={self.columns!r}, rows={len(self)})"

    def records(self) -> list[dict[str, Any]]:
        """Return the rows as dicts of plain values: CURIE strings, str, int, dates as ISO text."""
        return list(self.iter_records())

    def iter_records(self) -> Iterator[dict[str, Any]]:
        """Yield the rows one at a time as :meth:`records` gives them, without a list of them all."""
        columns = self.columns
        if self._rows is None:
            value = cast("Callable[[Any], Any]", self._plain)  # lazy sets it whenever _rows is None
            return (dict(zip(columns, map(value, row), strict=True)) for row in self._native)
        return (dict(zip(columns, (plain(v) for v in row), strict=True)) for row in self._rows)

    def column(self, name: str) -> list[Any]:
        """Return one column's plain values."""
        self.columns.index(name)  # ValueError for a column the result does not have
        return [record[name] for record in self.records()]

    def to_pandas(self, *, iris: str = "curie") -> Any:
        """Return the rows as a pandas DataFrame with a typed column each (the ``analysis`` extra).

        Whole numbers, decimals, booleans and dates keep their types; see :mod:`kgraph.sparql.frames`.

        :param iris: ``curie`` (``kdr:run-on``) or ``full`` IRIs.
        :raises KgraphError: if pandas is not installed.

        >>> from rdflib import Literal
        >>> from kgraph.namespaces import KDR
        >>> table = QueryResult(("d", "n"), ((KDR["run-on"], Literal(16)),))
        >>> table.to_pandas().to_dict("records")
        [{'d': 'kdr:run-on', 'n': 16}]
        """
        from kgraph.sparql.frames import frame

        return frame(self.columns, self.rows, iris=iris)


class RowStream:
    """SELECT rows to be read once, in order, as the engine gives them: for answers too large to hold.

    >>> rows = RowStream(("n",), iter([{"n": 1}, {"n": 2}]))
    >>> [r["n"] for r in rows], list(rows)
    ([1, 2], [])
    """

    __slots__ = ("_records", "columns")

    def __init__(self, columns: Sequence[str], records: Iterator[dict[str, Any]]) -> None:
        self.columns = tuple(columns)
        self._records = records

    def iter_records(self) -> Iterator[dict[str, Any]]:
        """Yield the rows not read yet, each as a dict of plain values (see :meth:`QueryResult.records`)."""
        return self._records

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return self._records


def plain(value: object) -> str | int | float | None:
    """Turn an RDF term into a plain Python value: IRIs as CURIEs, numbers as numbers, else text."""
    from rdflib import Literal, URIRef

    if value is None:
        return None
    if isinstance(value, URIRef):
        return curie_of(str(value))
    if isinstance(value, Literal):
        python = value.toPython()
        if isinstance(python, bool | int | float):
            return python
        return str(value)
    return str(value)


def native_plain(term: Any) -> Any:
    """Turn one of Oxigraph's terms into the plain value :func:`plain` gives its rdflib term.

    IRIs, blank nodes, strings and the common typed literals (whole numbers, booleans, dates,
    plain decimals) are read directly, without rdflib; any other literal goes through rdflib once
    per distinct value, so that every value comes out exactly as it does from rdflib.
    """
    if term is None:
        return None
    text = plain_literal(term)
    if text is not None:
        return text[0]
    kind = kind_of(term)
    if kind == "literal":
        return _plain_typed(term.value, term.datatype.value)
    if kind == "iri":
        return curie_of(term.value)
    if kind == "blank":
        return term.value
    return plain(from_oxigraph(term))


_XSD = "http://www.w3.org/2001/XMLSchema#"
# Lexical forms whose plain value is known without rdflib: rdflib reads each of them as written.
_DIRECT: dict[str, tuple[re.Pattern[str], Callable[[str], Any]]] = {
    _XSD + "integer": (re.compile(r"[+-]?[0-9]+"), int),
    _XSD + "boolean": (re.compile(r"true|false"), lambda text: text == "true"),
    _XSD + "date": (re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"), str),
    _XSD + "decimal": (re.compile(r"-?(0|[1-9][0-9]*)\.[0-9]+"), str),
}


@functools.lru_cache(maxsize=1 << 16)
def _plain_typed(lexical: str, datatype: str) -> str | int | float | None:
    direct = _DIRECT.get(datatype)
    if direct is not None and direct[0].fullmatch(lexical):
        return cast("str | int | float", direct[1](lexical))
    from rdflib import Literal, URIRef

    return plain(Literal(lexical, datatype=URIRef(datatype)))
