"""Query answers as pandas DataFrames with typed columns, and as Parquet files.

A column whose values are all whole numbers becomes a nullable integer column, all decimals or
doubles a float column, all booleans a boolean column, all ``xsd:date`` or ``xsd:dateTime``
values a datetime column; IRIs become CURIEs (or full IRIs on request) and everything else text.
pandas and pyarrow come with the ``analysis`` extra.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from kgraph.errors import KgraphError
from kgraph.namespaces import curie

__all__ = ["IRI_FORMS", "frame", "parquet_bytes"]

#: how IRIs are written in a DataFrame: as CURIEs with the project's prefixes, or whole
IRI_FORMS = ("curie", "full")

_WHOLE = {
    XSD[name]
    for name in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "negativeInteger",
        "nonPositiveInteger",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    )
}
_REAL = {XSD.decimal, XSD.double, XSD.float}
_TIME = {XSD.date, XSD.dateTime}


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:
        raise KgraphError("DataFrames need pandas: pip install 'kdrama-kgraph[analysis]'") from None
    return pandas


def _kind(values: list[Any]) -> str:
    """Name the one type every (non-missing) value of a column has, or ``text``."""
    datatypes = {v.datatype if isinstance(v, Literal) and not v.language else None for v in values}
    if not values or None in datatypes:
        return "text"
    for kind, family in (("whole", _WHOLE), ("real", _REAL), ("time", _TIME), ("boolean", {XSD.boolean})):
        if datatypes <= family and all(isinstance(v, Literal) and v.ill_typed is not True for v in values):
            return kind
    return "text"


def _text(value: Any, iris: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, URIRef):
        return curie(value) if iris == "curie" else str(value)
    if isinstance(value, BNode):
        return f"_:{value}"
    return str(value)


def frame(columns: Sequence[str], rows: Sequence[Sequence[Any]], *, iris: str = "curie") -> Any:
    """Build a DataFrame from rows of RDF terms (None where unbound), one typed column each.

    :param columns: the column names.
    :param rows: the rows, as rdflib terms.
    :param iris: ``curie`` (the project's prefixes) or ``full``.
    :returns: a ``pandas.DataFrame``.
    :raises KgraphError: if pandas is not installed, or ``iris`` is neither form.

    >>> from rdflib import Literal, URIRef
    >>> from rdflib.namespace import XSD
    >>> table = frame(["n", "d"], [(Literal(16), Literal("2020-07-29", datatype=XSD.date))])
    >>> [str(t).split("[")[0] for t in table.dtypes]
    ['Int64', 'datetime64']
    """
    if iris not in IRI_FORMS:
        raise KgraphError(f"iris must be {' or '.join(IRI_FORMS)}, not '{iris}'")
    pandas = _pandas()
    data: dict[str, Any] = {}
    for index, name in enumerate(columns):
        cells = [row[index] for row in rows]
        present = [cell for cell in cells if cell is not None]
        kind = _kind(present)
        if kind == "whole":
            data[name] = pandas.array([None if c is None else int(c) for c in cells], dtype="Int64")
        elif kind == "real":
            data[name] = pandas.array([None if c is None else float(c) for c in cells], dtype="Float64")
        elif kind == "boolean":
            flags = [None if c is None else bool(c.toPython()) for c in cells]
            data[name] = pandas.array(flags, dtype="boolean")
        elif kind == "time":
            data[name] = pandas.to_datetime([None if c is None else str(c) for c in cells], format="ISO8601")
        else:
            data[name] = pandas.array([_text(c, iris) for c in cells], dtype="string")
    return pandas.DataFrame(data, columns=list(columns))


def parquet_bytes(table: Any) -> bytes:
    """Write a DataFrame as a Parquet file, in memory.

    :raises KgraphError: if pyarrow is not installed.
    """
    try:
        import pyarrow  # noqa: F401 - pandas writes Parquet with it
    except ImportError:
        raise KgraphError("Parquet needs pyarrow: pip install 'kdrama-kgraph[analysis]'") from None
    buffer = io.BytesIO()
    table.to_parquet(buffer, engine="pyarrow", index=False)
    return buffer.getvalue()
