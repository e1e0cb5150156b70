"""SHACL-SPARQL constraints (https://www.w3.org/TR/shacl/#sparql-constraints) made ready for Oxigraph.

The specification pre-binds ``$this`` by substitution: every occurrence stands for the focus node,
even in a FILTER before any triple binds it, in a UNION branch or in a sub-SELECT. Running one query
per focus node would cost too much on a big graph, so :func:`prepare` reads where ``$this`` occurs:

- when every occurrence is in the outermost group of the WHERE clause, and the query projects
  ``$this``, a sub-SELECT of the focus nodes is put first in that group: a FILTER or BIND of that
  group then sees ``$this`` bound, as the specification wants, in one query over all focus nodes;
- otherwise the query runs once per focus node with ``$this`` substituted (Oxigraph's
  ``substitutions``, which follows the same pre-binding rule).

It also enforces the specification's syntax rules for pre-binding
(https://www.w3.org/TR/shacl/#pre-binding) as pySHACL does, raising :class:`ShapesError` for a
query they forbid, and gathers the prefixes of ``sh:prefixes`` through ``owl:imports``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH
from rdflib.term import Node

from kgraph.errors import ShapesError, UnsupportedShapeError

__all__ = ["Prepared", "prefix_lines", "prepare", "skeleton"]

_TOKEN = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*',
    re.S,
)
_KEYWORD = r"(?<![\w:?$\-]){}\b"
_DEFAULT_PREFIXES = {"rdf": str(RDF), "rdfs": str(RDFS), "owl": str(OWL)}  # pySHACL's too


def skeleton(text: str) -> str:
    """Blank out strings, IRIs and comments (keeping every offset), so that braces and keywords show."""
    return _TOKEN.sub(lambda match: " " * len(match.group(0)), text)


@dataclass(frozen=True)
class Prepared:
    """A constraint's query ready to run: either over all focus nodes, or once per focus node."""

    prologue: str  # the query's own PREFIX and BASE declarations
    select: str  # the SELECT query after them
    per_focus: bool


_THIS = re.compile(r"[?$]this\b")


def _split(body: str) -> tuple[str, list[tuple[str, str]]]:
    """Split a group's text into its own level (children blanked) and its child groups with their kind.

    A child's kind is ``exists`` after EXISTS, ``select`` for a sub-SELECT, else ``group``.
    """
    top, children, depth, begin = list(body), [], 0, 0
    for at, char in enumerate(body):
        if char == "{":
            depth += 1
            if depth == 1:
                begin = at
        elif char == "}":
            depth -= 1
            if depth == 0:
                inner = body[begin + 1 : at]
                before = "".join(top[:begin]).rstrip()
                kind = "exists" if re.search(r"EXISTS$", before, re.I) else "group"
                kind = "select" if re.match(r"\s*SELECT\b", inner, re.I) else kind
                children.append((kind, inner))
                top[begin : at + 1] = " " * (at + 1 - begin)
    return "".join(top), children


def _binds(top: str) -> bool:
    """Say whether ``$this`` occurs in a triple pattern of this level (outside any parentheses)."""
    return any(top[: m.start()].count("(") == top[: m.start()].count(")") for m in _THIS.finditer(top))


def _same_as_substituted(body: str, bound: bool) -> bool:
    """Say whether a group gives, with ``$this`` joined to the focus nodes, what substitution gives.

    True when every use of ``$this`` is in a group that binds it with a triple pattern (or whose
    ``$this`` is bound already: the outermost group, and an EXISTS within a bound group, into which
    SPARQL substitutes the solution's bindings).
    """
    top, children = _split(body)
    bound = bound or _binds(top)
    if _THIS.search(top) and not bound:
        return False
    for kind, inner in children:
        if not _THIS.search(inner):
            continue
        if kind == "exists":  # SPARQL substitutes the solution's bindings throughout an EXISTS
            if not bound:
                return False
        elif kind == "select":
            where = inner[inner.find("{") + 1 : inner.rfind("}")] if "{" in inner else ""
            if not (_binds(_split(where)[0]) and _same_as_substituted(where, False)):
                return False
        elif not (_binds(_split(inner)[0]) and _same_as_substituted(inner, False)):
            return False
    return True


def _check_syntax(bare: str, where: str) -> None:
    """Raise ShapesError where the specification's pre-binding rules forbid the query."""
    for keyword in ("MINUS", "VALUES", "SERVICE"):
        if re.search(_KEYWORD.format(keyword), bare, re.I):
            raise ShapesError(f"{where}: a SHACL-SPARQL query must not use {keyword} (pre-binding)")
    selects = [m.end() for m in re.finditer(_KEYWORD.format("SELECT"), bare, re.I)]
    for start in selects[1:]:
        projection = re.split(r"\{|(?<![\w:?$])WHERE\b", bare[start:], maxsplit=1, flags=re.I)[0]
        if re.fullmatch(r"\s*(DISTINCT|REDUCED)?\s*\*\s*", projection, re.I):
            raise ShapesError(f"{where}: a sub-SELECT must not be SELECT * (pre-binding)")
        if not re.search(r"[?$]this\b", projection):
            raise ShapesError(f"{where}: a sub-SELECT must project $this (pre-binding)")
    for name in re.findall(r"(?<![\w])AS\s+[?$](\w+)", bare, re.I):
        if name in ("this", "currentShape", "shapesGraph"):
            raise ShapesError(f"{where}: AS ?{name} re-binds a pre-bound variable")
    if re.search(r"[?$]shapesGraph\b", bare):
        raise UnsupportedShapeError(f"{where}: $shapesGraph (the shapes graph is not in the data store)")


def prepare(text: str, focus: str, where: str, *, path: str | None, shape: Node) -> Prepared:
    """Return the query of a SPARQL constraint with ``$this`` pre-bound to the focus nodes of ``focus``.

    :param text: the constraint's sh:select, prefixes before it.
    :param focus: a pattern binding ``?this`` to every focus node.
    :param where: names the constraint in messages.
    :param path: the SPARQL path of the shape, for ``$PATH``; None for a node shape.
    :param shape: the shape, for ``$currentShape``.
    :raises ShapesError: if the query breaks the pre-binding rules.
    :raises UnsupportedShapeError: if it uses what cannot be pre-bound here.
    """
    bare = skeleton(text)
    _check_syntax(bare, where)
    for name, term in (("PATH", path), ("currentShape", shape.n3() if isinstance(shape, URIRef) else None)):
        if re.search(rf"[?$]{name}\b", bare):
            if term is None:
                raise UnsupportedShapeError(f"{where}: ${name} without a {name} to put in its place")
            spans = [m.span() for m in re.finditer(rf"[?$]{name}\b", bare)]
            for begin, end in reversed(spans):
                text = text[:begin] + term + text[end:]
                bare = bare[:begin] + " " * len(term) + bare[end:]
    select = re.search(_KEYWORD.format("SELECT"), bare, re.I)
    if select is None or "{" not in bare[select.end() :]:
        raise ShapesError(f"{where}: sh:select is not a SELECT query")
    brace = bare.index("{", select.end())
    projected = bare[select.end() : brace]
    projects_this = bool(re.search(r"[?$]this\b|\*", projected))
    closing = _closing(bare, brace)
    prologue, begin = text[: select.start()], select.start()
    if projects_this and _same_as_substituted(bare[brace + 1 : closing], True):
        inner = (
            f"{text[begin : brace + 1]} {{ SELECT DISTINCT ?this WHERE {{ {focus} }} }} {text[brace + 1 :]}"
        )
        return Prepared(prologue=prologue, select=inner, per_focus=False)
    return Prepared(prologue=prologue, select=text[begin:], per_focus=True)


def _closing(bare: str, brace: int) -> int:
    depth = 0
    for at in range(brace, len(bare)):
        depth += {"{": 1, "}": -1}.get(bare[at], 0)
        if depth == 0:
            return at
    raise ShapesError("a SHACL-SPARQL query whose braces do not match")


def prefix_lines(shapes: Graph, constraint: Node, where: str) -> str:
    """Return the PREFIX lines of a constraint's ``sh:prefixes``, following ``owl:imports``.

    :raises ShapesError: if a declaration is not one prefix and one namespace, or two differ.
    """
    declared = dict(_DEFAULT_PREFIXES)
    seen: set[Node] = set()
    todo = list(shapes.objects(constraint, SH.prefixes))
    while todo:
        holder = todo.pop()
        if holder in seen:
            continue
        seen.add(holder)
        todo += list(shapes.objects(holder, OWL.imports))
        for declaration in shapes.objects(holder, SH.declare):
            prefixes = list(shapes.objects(declaration, SH.prefix))
            namespaces = list(shapes.objects(declaration, SH.namespace))
            if len(prefixes) != 1 or len(namespaces) != 1 or not isinstance(prefixes[0], Literal):
                raise ShapesError(f"{where}: each sh:declare needs one sh:prefix and one sh:namespace")
            prefix, namespace = str(prefixes[0]), str(namespaces[0])
            if declared.get(prefix, namespace) != namespace and prefix not in _DEFAULT_PREFIXES:
                raise ShapesError(f"{where}: the prefix {prefix}: is declared as two namespaces")
            declared[prefix] = namespace
    return "\n".join(f"PREFIX {p}: <{n}>" for p, n in sorted(declared.items()))
