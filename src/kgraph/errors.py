"""Errors that tell the user what went wrong and what to do about it: every error kgraph raises.

Each one's message is meant for the user; the command line prints it as one line and exits 1
(2 where nothing could run). Fields that callers act on are declared here, set by the constructor.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "AmbiguousEntityError",
    "DataError",
    "KgraphError",
    "OutputError",
    "ParameterError",
    "QuerySyntaxError",
    "ReadOnlyGraphError",
    "RefusedQueryError",
    "RemoteError",
    "ShapesError",
    "UnknownEntityError",
    "UnknownQueryError",
    "UnsupportedShapeError",
    "located",
]


def located(where: object, message: str, line: int | None = None, column: int | None = None) -> str:
    """Say where a problem is, the one way kgraph says it: ``file:line:column: message``.

    The line and column are left out when unknown (or 0).

    >>> located("q.rq", "SPARQL syntax error: expected WHERE", 2, 7)
    'q.rq:2:7: SPARQL syntax error: expected WHERE'
    >>> located("data.ttl", "not valid RDF: bad escape", 12)
    'data.ttl:12: not valid RDF: bad escape'
    """
    place = str(where)
    if line:
        place += f":{line}"
        if column:
            place += f":{column}"
    return f"{place}: {message}"


class KgraphError(Exception):
    """Base class of every error kgraph raises on purpose; its message is meant for the user."""


class DataError(KgraphError):
    """A data file is missing, unreadable or not valid RDF; the message names the file and line."""


class ReadOnlyGraphError(KgraphError):
    """The graph is shared and read-only (the bundled graph); change a ``.copy()`` of it instead."""


class ShapesError(KgraphError):
    """The SHACL shapes could not be read or run, so validation could not take place."""


class UnsupportedShapeError(ShapesError):
    """A shape uses a SHACL feature the fast validator does not compile; use pyshacl for it."""


class UnknownQueryError(KgraphError, KeyError):
    """No named query has this name; the message suggests the closest names."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])


class QuerySyntaxError(KgraphError):
    """A SPARQL text does not parse; the message gives line and column."""


class UnsupportedQueryError(KgraphError):
    """A valid query that the chosen engine cannot evaluate (rdflib lacks some of SPARQL 1.1)."""


class ParameterError(KgraphError):
    """A query parameter is missing, unknown or has a value of the wrong kind."""


class UnknownEntityError(KgraphError, KeyError):
    """No resource of the graph matches the reference or name given."""

    def __str__(self) -> str:
        return str(self.args[0])


class AmbiguousEntityError(UnknownEntityError):
    """Several resources match the name.

    :param candidates: the matches, as ``(IRI, label, class)`` tuples.
    """

    candidates: list[tuple[Any, str, str]]

    def __init__(self, message: str, candidates: list[tuple[Any, str, str]]) -> None:
        super().__init__(message)
        self.candidates = candidates


class OutputError(KgraphError):
    """An output format is unsupported or an output file cannot be written."""


class RemoteError(KgraphError):
    """A remote endpoint could not be reached, refused the request, or answered with an error.

    :param transient: trying again may help (a timeout, a dropped connection, 5xx, 429).
    :param status: the HTTP status of the answer, None when there was no answer.
    :param sent: the request may have reached the server; False when the connection was refused,
        so sending it again is always safe.
    """

    transient: bool
    status: int | None
    sent: bool

    def __init__(
        self, message: str, *, transient: bool = False, status: int | None = None, sent: bool = True
    ):
        super().__init__(message)
        self.transient = transient
        self.status = status
        self.sent = sent


class RefusedQueryError(KgraphError):
    """A request the endpoint will not run.

    :param status: the HTTP status to answer with.
    """

    status: int
    message: str

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
