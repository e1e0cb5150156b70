"""Read SPARQL text the way its lexer does, without parsing it: screen what a public endpoint may
run (read-only, no federated SERVICE calls), and bind parameters in text sent to other endpoints.

The screen reads the text the way a SPARQL lexer does (comments, strings and IRIs are skipped),
once as written and once with ``\\u`` escapes decoded, so a keyword cannot hide in a string, behind
an escape or behind an escaped IRI; the word ``service`` in a string, an IRI or a variable name is
harmless.
"""

from __future__ import annotations

import functools
import re

__all__ = ["RefusedQueryError", "bind_values", "braces", "keywords", "screen"]

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_TOKEN = re.compile(
    r"""
      (?P<skip>
          \#[^\n\r]*                                     # comment
        | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"            # long strings
        | '''(?:[^'\\]|\\.|'(?!''))*'''
        | "(?:[^"\\\n\r]|\\.)*"                          # short strings
        | '(?:[^'\\\n\r]|\\.)*'
        | <(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>  # IRIs; a lone < is "less than"
      )
    | (?P<word>[?$]?[A-Za-z_][A-Za-z0-9_\-.]*(?::[^\s{}()\[\],;]*)?)
    | (?P<other>.)
    """,
    re.X | re.S,
)
_UPDATES = frozenset(("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"))


class RefusedQueryError(Exception):
    """A request the endpoint will not run; ``status`` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _unescape(text: str) -> str:
    return _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


def keywords(text: str) -> list[str]:
    """Return the bare words of a SPARQL text, upper-cased, in order.

    Comments, strings, IRIs, variables (``?x``) and prefixed names (``ex:x``) are left out. The
    text is read twice, as written and with its ``\\u`` escapes decoded (the grammar allows both
    readings and parsers differ), and the words of both readings are returned.

    >>> keywords('SELECT ?service WHERE { ?s <http://e/SERVICE> "SERVICE" } # SERVICE')
    ['SELECT', 'WHERE']
    >>> keywords(r"SELECT * { \\u0053ERVICE <http://e/> { ?s ?p ?o } }")
    ['SELECT', 'U0053ERVICE', 'SELECT', 'SERVICE']
    """
    words = []
    for reading in dict.fromkeys((text, _unescape(text))):
        for match in _TOKEN.finditer(reading):
            word = match.group("word")
            if word and word[0] not in "?$" and ":" not in word:
                words.append(word.upper())
    return words


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
    kgraph.sparql_text.RefusedQueryError: this endpoint is read-only: SPARQL Update (LOAD) is refused
    """
    words = keywords(text)
    first = next((w for w in words if w not in ("PREFIX", "BASE")), "")
    if first in _UPDATES:
        raise RefusedQueryError(403, f"this endpoint is read-only: SPARQL Update ({first}) is refused")
    if "SERVICE" in words:
        raise RefusedQueryError(
            403, "federated queries are refused: this endpoint never calls other services (SERVICE)"
        )


def braces(text: str) -> list[tuple[int, str]]:
    """Return the offset of each ``{`` and ``}`` of a SPARQL text that is not in a string, IRI or comment.

    >>> braces('SELECT * { ?s ?p "{" } # }')
    [(9, '{'), (21, '}')]
    """
    return [(m.start(), m.group("other")) for m in _TOKEN.finditer(text) if m.group("other") in ("{", "}")]


def _where_end(text: str) -> int:
    """Return the offset of the ``}`` that closes the query's WHERE clause."""
    seen: list[str] = []
    depth = 0
    inside = False
    for match in _TOKEN.finditer(text):
        word, other = match.group("word"), match.group("other")
        if word and depth == 0:
            seen.append(word.upper())
        elif other == "{":
            if depth == 0 and not (seen and seen[-1] == "CONSTRUCT"):  # not a CONSTRUCT template
                inside = True
            depth += 1
        elif other == "}":
            depth -= 1
            if depth == 0 and inside:
                return match.start()
            if depth == 0:
                seen.append("}")  # a CONSTRUCT template is closed; the next group is the WHERE clause
    raise ValueError("the query has no WHERE clause")


def bind_values(text: str, bindings: dict[str, str]) -> str:
    """Bind variables by closing the WHERE clause with one ``VALUES`` block per variable.

    Values are given in SPARQL syntax (an RDF term's N3 form); this is how a query with
    parameters is sent to an endpoint that knows nothing of rdflib's ``initBindings``. The block
    joins the whole WHERE clause, so the answers are those of the variable bound from the start
    wherever a required pattern of that clause binds it (as in every named query); at the end
    rather than the start, rdflib-based endpoints evaluate it quickly too.

    :param text: a SELECT, ASK, CONSTRUCT or DESCRIBE query.
    :param bindings: variable name -> term in SPARQL syntax, e.g. ``{"actor": "<http://e/a>"}``.
    :returns: the query text with the bindings.
    :raises ValueError: if the query has no WHERE clause.

    >>> bind_values("SELECT ?n WHERE { ?a <http://e/name> ?n }", {"a": "<http://e/a>"})
    'SELECT ?n WHERE { ?a <http://e/name> ?n VALUES ?a { <http://e/a> } }'
    >>> bind_values("CONSTRUCT { ?a ?p ?o } WHERE { ?a ?p ?o } LIMIT 1", {"a": "<http://e/a>"})
    'CONSTRUCT { ?a ?p ?o } WHERE { ?a ?p ?o VALUES ?a { <http://e/a> } } LIMIT 1'
    """
    if not bindings:
        return text
    end = _where_end(text)
    values = "".join(f"VALUES ?{name} {{ {term} }} " for name, term in bindings.items())
    return text[:end] + values + text[end:]
