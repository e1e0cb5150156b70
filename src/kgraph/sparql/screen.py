"""Screen what a public endpoint may run: read-only queries, no federated SERVICE calls.

The text is read with :mod:`kgraph.sparql.lexer`, once as written and once with ``\\u`` escapes
decoded, so a keyword cannot hide in a string, behind an escape or behind an escaped IRI; the word
``service`` in a string, an IRI or a variable name is harmless.
"""

from __future__ import annotations

import functools

from kgraph.errors import RefusedQueryError
from kgraph.sparql.lexer import keywords

__all__ = ["screen"]

_UPDATES = frozenset(("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"))


@functools.lru_cache(maxsize=4096)
def screen(text: str) -> None:
    """Refuse SPARQL Update and federated queries; let every other text through to the parser.

    :param text: the SPARQL text of a request.
    :raises RefusedQueryError: with status 403 for an update (INSERT, DELETE, LOAD, CLEAR, ...) or a
        query that uses SERVICE.

    >>> screen("SELECT * WHERE { ?s ?p ?o }")
    >>> screen("LOAD <http://example.org/data.ttl>")
    Traceback (most recent call last):
    ...
    kgraph.errors.RefusedQueryError: this endpoint is read-only: SPARQL Update (LOAD) is refused
    """
    words = keywords(text)
    first = next((w for w in words if w not in ("PREFIX", "BASE")), "")
    if first in _UPDATES:
        raise RefusedQueryError(403, f"this endpoint is read-only: SPARQL Update ({first}) is refused")
    if "SERVICE" in words:
        raise RefusedQueryError(
            403, "federated queries are refused: this endpoint never calls other services (SERVICE)"
        )
