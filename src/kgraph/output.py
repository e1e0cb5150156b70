"""Rows and reports rendered for people (a table) and for programs (CSV, TSV, JSON, JSON lines)."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from typing import TYPE_CHECKING

from .choices import ROW_FORMATS

if TYPE_CHECKING:
    from .results import QueryResult

__all__ = ["ROW_FORMATS", "render_rows"]

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


def _text(value) -> str:
    return "" if value is None else str(value)


def _table(columns: tuple[str, ...], records: list[dict]) -> str:
    cells = [[_clip(_text(r[c])) for c in columns] for r in records]
    widths = [max([_width(c)] + [_width(row[i]) for row in cells]) for i, c in enumerate(columns)]

    def line(values):
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths, strict=True)).rstrip()

    rule = "  ".join("-" * w for w in widths)
    body = [line(row) for row in cells]
    footer = f"({len(records)} row{'s' if len(records) != 1 else ''})"
    return "\n".join([line(columns), rule, *body, footer]) + "\n"


def render_rows(result: QueryResult | list[dict], fmt: str, columns: tuple[str, ...] | None = None) -> str:
    """Render rows as ``table``, ``csv``, ``tsv``, ``json`` (an array) or ``jsonl`` (one object a line).

    >>> print(render_rows([{"a": 1, "b": "x"}], "csv"), end="")
    a,b
    1,x
    """
    if isinstance(result, list):  # plain records; a QueryResult is not imported here (it needs rdflib)
        records = result
        columns = columns or (tuple(records[0]) if records else ())
    else:
        columns, records = result.columns, result.records()
    if fmt == "table":
        return _table(columns, records)
    if fmt in ("csv", "tsv"):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([[_text(r[c]) for c in columns] for r in records])
        return buffer.getvalue()
    if fmt == "json":
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    raise ValueError(f"unknown row format {fmt}")
