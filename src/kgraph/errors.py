"""Errors that tell the user what went wrong and what to do about it."""

from __future__ import annotations

__all__ = [
    "DataError",
    "KgraphError",
    "OutputError",
    "ParameterError",
    "QuerySyntaxError",
    "ShapesError",
    "UnknownEntityError",
    "UnknownQueryError",
    "UnsupportedShapeError",
]


class KgraphError(Exception):
    """Base class of every error kgraph raises on purpose; its message is meant for the user."""


class DataError(KgraphError):
    """A data file is missing, unreadable or not valid RDF; the message names the file and line."""


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


class ParameterError(KgraphError):
    """A query parameter is missing, unknown or has a value of the wrong kind."""


class UnknownEntityError(KgraphError, KeyError):
    """No resource of the graph matches the reference or name given."""

    def __str__(self) -> str:
        return str(self.args[0])


class OutputError(KgraphError):
    """An output format is unsupported or an output file cannot be written."""
