"""Strict SPARQL: refuse what the SPARQL 1.1 grammar and its static rules refuse, with file, line, column.

rdflib's SPARQL parser reads the grammar loosely and leaves out most rules a query must also keep:
it runs a query that projects a variable it does not group, that gives a variable a value with
``BIND`` or ``(... AS ?v)`` while the variable already has one, or that uses one blank node label
in two graph patterns. Oxigraph's parser keeps those rules, so every query is also parsed by it,
and its complaint is turned into a located message. Oxigraph has no call that only parses, so the
query is run on an empty store, where it finds nothing, with each ``SERVICE`` read as ``GRAPH`` (the
same grammar, the same positions): checking a query never contacts a host.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from kgraph.errors import QuerySyntaxError, located
from kgraph.sparql.lexer import braces, without_service
from kgraph.store.oxigraph import parse_query

__all__ = ["check_sparql", "located_message"]

_POSITION = re.compile(r"^error at (\d+):(\d+): (.*)$", re.S)
# What Oxigraph says when a static rule is broken, said the way a reader of the query can act on.
_RULES = {
    "The SELECT contains a variable that is unbound": (
        "the SELECT clause returns a variable that is neither grouped nor aggregated "
        "(with GROUP BY or an aggregate such as COUNT, return only grouped variables and aggregates)"
    ),
    "The SELECT contains an expression with a variable that is unbound": (
        "an expression of the SELECT clause uses a variable that is neither grouped nor aggregated"
    ),
    "The SELECT overrides an existing variable using an expression": (
        "(... AS ?v) names a variable that already has a value here: choose a new name"
    ),
    "Duplicated variable name in SELECT": "the SELECT clause names the same variable twice",
    "SELECT * is not authorized with GROUP BY": (
        "SELECT * cannot be used with GROUP BY: name the grouped variables and aggregates instead"
    ),
    "IRI parsing failed": "not a valid IRI",
}
# Oxigraph names nothing when a rule about a whole group is broken; these are the usual ones.
_UNEXPLAINED = (
    "SPARQL 1.1 does not allow what comes before this point (often: a BIND (... AS ?v) giving a "
    "value to a variable the group has bound before it, or one blank node label (_:b) used in two "
    "graph patterns)"
)


def default_base() -> str:
    """Return the base IRI of a query that has no file: the current folder's, as a document there.

    Checking and running a query resolve its relative IRIs against the same base, on both engines.
    """
    return Path.cwd().as_uri() + "/"


def check_sparql(
    text: str,
    *,
    where: str = "query",
    prefixes: Mapping[str, str] | None = None,
    base_iri: str | None = None,
) -> None:
    """Parse ``text`` as a SPARQL 1.1 query, strictly; do nothing when it is valid.

    Variables that a caller binds later (the parameters of a named query) are ordinary variables
    here, so a parameterised query is checked as written.

    :param text: the query.
    :param where: the file or name to cite in the message.
    :param prefixes: prefixes the query may use without declaring them, name -> IRI.
    :param base_iri: the IRI relative IRIs of the query are resolved against; by default the
        current folder's (a query that declares no BASE is read as a document there).
    :raises QuerySyntaxError: ``where:line:column: SPARQL syntax error: what is wrong``, or
        ``where:line:column: unknown function <iri>`` for an extension function Oxigraph lacks.

    >>> check_sparql("SELECT ?s WHERE { ?s ?p ?o }")
    >>> check_sparql("SELECT * WHERE { ?s ?p ?o } GROUP BY ?s", where="q.rq")
    Traceback (most recent call last):
    ...
    kgraph.errors.QuerySyntaxError: q.rq:1:39: SPARQL syntax error: SELECT * cannot be used with \
GROUP BY: name the grouped variables and aggregates instead
    """
    try:
        parse_query(  # SERVICE as GRAPH: Oxigraph runs what it parses, and a check calls no host
            without_service(text),
            prefixes={name: str(iri) for name, iri in (prefixes or {}).items()},
            base_iri=base_iri or default_base(),
        )
    except SyntaxError as error:
        raise QuerySyntaxError(located_message(error, where, text)) from None
    except RuntimeError as error:  # the text parsed; running it on the empty store found a problem
        unknown = _UNKNOWN_FUNCTION.search(str(error))
        if unknown is None:
            return  # nothing the grammar forbids: the store that runs the query will say
        iri = unknown.group(1)
        at = text.find(f"<{iri}>")
        line, column = (
            (text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)) if at >= 0 else (None, None)
        )
        message = f"unknown function <{iri}>: Oxigraph knows the functions of SPARQL 1.1 and XPath only"
        raise QuerySyntaxError(located(where, message, line, column)) from None


# what Oxigraph says when it meets a function it does not know
_UNKNOWN_FUNCTION = re.compile(r"custom function <([^>]*)> is not supported")


def located_message(error: SyntaxError, where: str, text: str = "") -> str:
    """Say where Oxigraph's parser stopped and why, as ``where:line:column: SPARQL syntax error: ...``.

    A rule about a whole query or group is found broken where the query or group ends; a position
    on blank space or past the end is moved back to the last thing before it, and a ``BIND`` that
    reuses a variable, or a reused blank node label, is named and pointed at.

    :param error: Oxigraph's error.
    :param where: the file or name to cite.
    :param text: the query, to find the position in.

    >>> located_message(SyntaxError("error at 2:7: expected one of OFFSET, VALUES"), "q.rq")
    'q.rq:2:7: SPARQL syntax error: expected one of OFFSET, VALUES'
    """
    found = _POSITION.match(str(error))
    if not found:
        return located(where, f"SPARQL syntax error: {error}")
    line, column, rest = int(found.group(1)), int(found.group(2)), found.group(3)
    detail = _explain(rest)
    lines = text.split("\n")
    if text and line <= len(lines):
        offset = _visible(text, sum(len(before) + 1 for before in lines[: line - 1]) + column - 1)
        if detail is None:
            offset, detail = _diagnose(text, offset)
        before = text[:offset]
        line, column = before.count("\n") + 1, offset - before.rfind("\n")
    return located(where, f"SPARQL syntax error: {detail or _UNEXPLAINED}", line, column)


def _visible(text: str, offset: int) -> int:
    """Move an offset on blank space or past the end back to the last character before it."""
    if offset < len(text) and not text[offset].isspace():
        return offset
    return max(len(text[:offset].rstrip()) - 1, 0)


def _diagnose(text: str, offset: int) -> tuple[int, str | None]:
    """Name the rule broken at ``offset`` when Oxigraph does not: a blank node label or a BIND."""
    label = re.search(r"(_:[\w.-]+)\s*$", text[:offset])
    if label:
        return label.start(1), (
            f"the blank node label {label.group(1)} is used in another graph pattern too, and a label "
            "belongs to one basic graph pattern: join the patterns with a variable instead"
        )
    end = offset if text[offset : offset + 1] == "}" else offset - 1
    if text[end : end + 1] != "}":
        return offset, None
    group = text[_group_start(text, end) : end]
    for bind in re.finditer(r"\bBIND\s*\(.*?\bAS\s+[?$](\w+)\s*\)", group, re.I | re.S):
        name = bind.group(1)
        if re.search(rf"[?$]{name}\b", group[: bind.start()]):
            return end - len(group) + bind.start(), (
                f"BIND (... AS ?{name}) gives ?{name} a value, but the group binds ?{name} before "
                "this point: choose a new name"
            )
    return offset, None


def _group_start(text: str, end: int) -> int:
    """Return the offset just after the ``{`` that the ``}`` at ``end`` closes (0 if none)."""
    depth = 0
    for position, brace in reversed([(p, b) for p, b in braces(text) if p < end]):
        depth += 1 if brace == "}" else -1
        if depth < 0:
            return position + 1
    return 0


def _explain(rest: str) -> str | None:
    """Turn Oxigraph's ``expected one of ...`` into the rule that is broken, or the words expected."""
    expected = rest.removeprefix("expected one of ").removeprefix("expected ")
    reasons, words = [], []
    for item in _items(expected):
        if item.startswith(("[", "<")):  # a class of characters, or nothing to report
            continue
        if " " in item and not item.startswith('"'):
            reasons.append(_RULES.get(item, item))
        else:
            words.append(item)
    if reasons:
        return "; ".join(reasons)
    if words == ["UNDEF"]:
        return "a VALUES row needs one value (or UNDEF) for each variable, each variable named once"
    if words:
        shown = ", ".join(words[:8]) + (", ..." if len(words) > 8 else "")
        return f"expected {shown}" if len(words) == 1 else f"expected one of {shown}"
    return None


def _items(expected: str) -> list[str]:
    """Split a list of expected things at top-level commas (not inside brackets or quotes)."""
    items, depth, quote, start = [], 0, "", 0
    for index, char in enumerate(expected):
        if quote:
            if char == quote and expected[index - 1] != "\\":
                quote = ""
        elif char in "'\"":
            quote = char
        elif char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
        elif char == "," and depth == 0:
            items.append(expected[start:index].strip())
            start = index + 1
    items.append(expected[start:].strip())
    return [item for item in items if item]
