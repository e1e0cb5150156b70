"""The one SPARQL lexer: read query text token by token without parsing it.

Comments, strings and IRIs are tokens to skip, so a brace or a keyword inside them is never taken
for one. :mod:`kgraph.sparql.screen` reads keywords with it, and :mod:`kgraph.sparql.binding`
finds the groups to put ``VALUES`` blocks in.

Hand-written, because no library does it: the SPARQL parsers (rdflib's, Oxigraph's) give no
tokens with positions.
"""

from __future__ import annotations

import re

__all__ = ["braces", "first_group", "keywords", "reads_named_graphs", "where_end", "without_service"]

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


def _unescape(text: str) -> str:
    return _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


def _as_parsed(text: str) -> str:
    """The text as a SPARQL parser reads it: with ``\\u`` escapes decoded, where it has any."""
    return _unescape(text) if _ESCAPE.search(text) else text


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


def braces(text: str) -> list[tuple[int, str]]:
    """Return the offset of each ``{`` and ``}`` of a SPARQL text that is not in a string, IRI or comment.

    >>> braces('SELECT * { ?s ?p "{" } # }')
    [(9, '{'), (21, '}')]
    """
    return [(m.start(), m.group("other")) for m in _TOKEN.finditer(text) if m.group("other") in ("{", "}")]


def where_end(text: str) -> int:
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


def first_group(text: str) -> int:
    """Return the offset of the first ``{`` of a SPARQL text that is not in a string, IRI or comment.

    :raises ValueError: if there is none.

    >>> first_group('SELECT ?s # {\\nWHERE { ?s ?p "{" }')
    20
    """
    for match in _TOKEN.finditer(text):
        if match.group("other") == "{":
            return match.start()
    raise ValueError("the query has no group graph pattern")


def without_service(text: str) -> str:
    """Return the query with each ``SERVICE [SILENT]`` written as ``GRAPH``, padded to the same length.

    ``SERVICE SILENT? VarOrIri GroupGraphPattern`` and ``GRAPH VarOrIri GroupGraphPattern`` have the
    same shape in the grammar, so the text parses the same way and every position stays where it
    was, but running it calls no remote service. Where the text holds ``\\u`` escapes (which a SPARQL
    parser decodes first), its decoded reading is used.

    >>> without_service("SELECT * { service silent <http://e/> { ?s ?p ?o } }")
    'SELECT * { GRAPH          <http://e/> { ?s ?p ?o } }'
    """
    reading = _as_parsed(text)
    if "service" not in reading.lower():
        return reading  # nothing to rewrite: the tokens would join back into the same text
    pieces, silent_may_follow = [], False
    for match in _TOKEN.finditer(reading):
        piece, word = match.group(), (match.group("word") or "").upper()
        if word == "SERVICE":
            piece, silent_may_follow = "GRAPH".ljust(len(piece)), True
        elif word == "SILENT" and silent_may_follow:
            piece, silent_may_follow = " " * len(piece), False
        elif not piece.isspace() and not piece.startswith("#"):  # blanks and comments may come between
            silent_may_follow = False
        pieces.append(piece)
    return "".join(pieces)


def reads_named_graphs(text: str) -> bool:
    """Say whether a query reads named graphs: it has a ``GRAPH`` pattern or a ``FROM`` clause.

    Other queries see only the default graph, so they need no dataset built for them.

    >>> reads_named_graphs("SELECT ?g { GRAPH ?g { ?s ?p ?o } }")
    True
    >>> reads_named_graphs('SELECT * { ?s ?p "GRAPH" }')
    False
    """
    reading = _as_parsed(text)
    lowered = reading.lower()
    if "graph" not in lowered and "from" not in lowered:
        return False
    return not {"GRAPH", "FROM"}.isdisjoint(keywords(reading))
