"""Where a resource is stated in the files a graph was read from: the file, and the line.

Hand-written, because no parser keeps positions: rdflib and Oxigraph give triples without the
lines they came from, so the files' text is searched for a subject at the start of a line.
"""

from __future__ import annotations

import bisect
import functools
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kgraph.prefixes import curie_of

__all__ = ["find_iri_origins", "find_origins", "iri_origin", "origin"]


def _iri(node: Any) -> str | None:
    """The text of an rdflib IRI; None for any other term (only IRIs are looked for in files)."""
    terms = sys.modules.get("rdflib.term")  # without rdflib imported, nothing is one of its IRIs
    return str(node) if terms is not None and isinstance(node, terms.URIRef) else None


def origin(files: tuple[Path, ...], node: Any) -> tuple[Path, int] | None:
    """Return the first of ``files`` that states something about ``node``, and the line where it does.

    The line is 0 when the file's syntax does not put subjects at the start of a line (JSON-LD,
    RDF/XML). Answers are remembered, so asking twice reads nothing.

    :param files: the files, in the order they were read.
    :param node: an rdflib IRI (any other term has no origin).
    :returns: ``(path, line)``, or None when no file states anything about ``node``.
    """
    iri = _iri(node)
    return None if iri is None else iri_origin(files, iri)


def iri_origin(files: tuple[Path, ...], iri: str) -> tuple[Path, int] | None:
    """Return :func:`origin` of the IRI written as text."""
    key = (files, iri)
    if key not in _ORIGINS:
        _ORIGINS[key] = _find_origin(files, iri)
    return _ORIGINS[key]


def find_origins(files: tuple[Path, ...], nodes: Iterable[Any]) -> None:
    """Find where many nodes are stated in one pass over each file; :func:`origin` then knows.

    Looking nodes up one by one scans a file once per node: fine for a few, but a report of
    hundreds of results on a file of millions of triples would read it hundreds of times.
    """
    find_iri_origins(files, (iri for iri in map(_iri, nodes) if iri is not None))


def find_iri_origins(files: tuple[Path, ...], iris: Iterable[str]) -> None:
    """Do :func:`find_origins` for IRIs written as text."""
    wanted = set(iris)
    if len(wanted) < _ONE_PASS_ORIGINS:
        return
    every: dict[str, str] = {f"<{iri}>": iri for iri in wanted}
    every |= {short: iri for iri in wanted if not (short := curie_of(iri)).startswith("<")}
    lines: dict[str, tuple[Path, int]] = {}
    for path in files:
        forms = {
            form: iri
            for form, iri in every.items()
            if iri not in lines and (form.startswith("<") or _mentions(path, form.split(":", 1)[0] + ":"))
        }
        if not forms:
            break
        for iri, line in _first_subject_lines(path, forms).items():
            lines[iri] = (path, line)
    for iri in wanted:
        if iri in lines:
            _ORIGINS[files, iri] = lines[iri]


# From this many nodes on, find_origins reads each file once for all of them.
_ONE_PASS_ORIGINS = 16
_ORIGINS: dict[tuple[tuple[Path, ...], str], tuple[Path, int] | None] = {}


# the first term on a line, after blanks, and the first character after it and any blanks: where
# a subject is written in Turtle, TriG and N-Triples
_LINE_START = re.compile(r"^[ \t]*(\S+)[ \t]*(.?)", re.M)


def _first_subject_lines(path: Path, forms: dict[str, str]) -> dict[str, int]:
    """Return, for each node of ``forms`` (by its written form), the first line it starts as a subject.

    A line starts with a form as a subject when, after blanks, the form is followed by blanks and
    then the end of the line or a term: not by ``,``, ``;`` or ``.``, which close an object of a
    list written one a line. :func:`_subject_line` decides it the same way for one node. Each
    line's first term is read once, in C, and looked up, so the cost is the file's size whatever
    the number of nodes.
    """
    text, found = _text(path), {}
    ends, wanted = _line_ends(path), len(set(forms.values()))
    for match in _LINE_START.finditer(text):
        node = forms.get(match.group(1))
        if node is not None and node not in found and match.group(2) not in _CLOSING:
            found[node] = bisect.bisect_right(ends, match.start()) + 1
            if len(found) == wanted:
                break
    return found


# what closes an object, never a subject (the empty string, the end of the file, is not among them)
_CLOSING = (",", ";", ".")
# the first character after a term and its blanks on the same line ("" at the end of the line)
_FOLLOWING = re.compile(r"[ \t]*(.?)")


def _find_origin(files: tuple[Path, ...], iri: str) -> tuple[Path, int] | None:
    for path in files:
        line = _subject_line(path, iri)
        if line:
            return path, line
    from rdflib import Graph, URIRef

    for path in files:  # formats without one subject a line: parse to find the owner
        if (URIRef(iri), None, None) in Graph().parse(path):
            return path, 0
    return None


def _subject_line(path: Path, iri: str) -> int:
    """Return the first line that starts (after blanks) with ``iri`` as a subject, or 0.

    Searched with ``str.find`` rather than a regular expression anchored at each line: on a file
    of a million triples that is milliseconds instead of more than a second per node.
    """
    text = _text(path)
    first = -1
    for form in sorted({f"<{iri}>", curie_of(iri)}):  # "<" sorts first: the form of every syntax
        if not form.startswith("<") and not _mentions(path, form.split(":", 1)[0] + ":"):
            continue  # a file without the prefix (N-Triples) has no CURIE to find
        start = 0
        while (at := text.find(form, start, len(text) if first < 0 else first)) >= 0:
            line = text.rfind("\n", 0, at) + 1
            end = at + len(form)
            after, following = text[end : end + 1], _FOLLOWING.match(text, end).group(1)  # type: ignore[union-attr]
            if (
                not text[line:at].strip(" \t")
                and (not after or after.isspace())
                and following not in _CLOSING
            ):
                first = line if first < 0 else min(first, line)
                break
            start = at + 1
    return bisect.bisect_right(_line_ends(path), first) + 1 if first >= 0 else 0


@functools.cache
def _mentions(path: Path, text: str) -> bool:
    return text in _text(path)


@functools.cache
def _line_ends(path: Path) -> list[int]:
    return [match.start() for match in re.finditer("\n", _text(path))]


@functools.cache
def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""
