"""Rows and reports rendered for people (a table) and for programs (CSV, TSV, JSON, JSON lines)."""

from __future__ import annotations

import csv
import io
import itertools
import json
import unicodedata
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from kgraph.formats import ROW_FORMATS

if TYPE_CHECKING:
    from kgraph.sparql.results import QueryResult, RowStream

__all__ = ["ROW_FORMATS", "render_rows", "stream_rows"]

_CELL = 48


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _clip(text: str, limit: int = _CELL) -> str:
    text = " ".join(text.split())
    if _width(text) <= limit:
        return text
    out, used = [], 0
    for char in text:
        used += _width(char)
        if used > limit - 1:
            break
        out.append(char)
    return "".join(out) + "…"


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _table(columns: tuple[str, ...], records: list[dict[str, Any]]) -> str:
    cells = [[_clip(_text(r[c])) for c in columns] for r in records]
    widths = [max([_width(c)] + [_width(row[i]) for row in cells]) for i, c in enumerate(columns)]

    def line(values: Iterable[str]) -> str:
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths, strict=True)).rstrip()

    rule = "  ".join("-" * w for w in widths)
    body = [line(row) for row in cells]
    footer = f"({len(records)} row{'s' if len(records) != 1 else ''})"
    return "\n".join([line(columns), rule, *body, footer]) + "\n"


def render_rows(
    result: QueryResult | RowStream | list[dict[str, Any]], fmt: str, columns: tuple[str, ...] | None = None
) -> str:
    """Render rows as ``table``, ``csv``, ``tsv``, ``json`` (an array) or ``jsonl`` (one object a line).

    >>> print(render_rows([{"a": 1, "b": "x"}], "csv"), end="")
    a,b
    1,x
    """
    return "".join(stream_rows(result, fmt, columns))


def stream_rows(
    result: QueryResult | RowStream | list[dict[str, Any]], fmt: str, columns: tuple[str, ...] | None = None
) -> Iterator[str]:
    """Yield :func:`render_rows`' text in pieces; CSV, TSV and JSON lines never hold every row's text.

    >>> list(stream_rows([{"a": 1}], "jsonl"))
    ['{"a": 1}\\n']
    """
    if isinstance(result, list):  # plain records; a QueryResult is not imported here (it needs rdflib)
        columns = columns or (tuple(result[0]) if result else ())
        records = iter(result)
    else:
        columns, records = result.columns, result.iter_records()
    if fmt == "table":
        yield _table(columns, list(records))
    elif fmt in ("csv", "tsv"):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(columns)
        for batch in _batches(records):
            writer.writerows([[_text(r[c]) for c in columns] for r in batch])
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
        yield buffer.getvalue()
    elif fmt == "json":
        yield json.dumps(list(records), ensure_ascii=False, indent=2) + "\n"
    elif fmt == "jsonl":
        for batch in _batches(records):
            yield "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in batch)
    else:
        raise ValueError(f"unknown row format {fmt}")


def _batches(records: Iterator[dict[str, Any]], size: int = 4096) -> Iterator[list[dict[str, Any]]]:
    batch = list(itertools.islice(records, size))
    while batch:
        yield batch
        batch = list(itertools.islice(records, size))
