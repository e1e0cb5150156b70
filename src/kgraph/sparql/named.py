"""Named SPARQL queries: discovery, description, and execution with bound parameters.

Parameters are bound with rdflib's ``initBindings`` on a prepared query, never pasted into text.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kgraph import resources
from kgraph.errors import ParameterError, QuerySyntaxError, UnknownQueryError, located
from kgraph.prefixes import IRIS
from kgraph.sparql.grammar import check_sparql, default_base
from kgraph.sparql.headers import Parameter, parse_header

if TYPE_CHECKING:
    from rdflib.plugins.sparql.sparql import Query

__all__ = [
    "PREFIX_TEXT",
    "NamedQuery",
    "Parameter",
    "check",
    "check_queries",
    "get_query",
    "list_queries",
    "load_query_file",
    "prepare",
    "query_file_errors",
    "resolve",
    "view_queries",
]

#: the project's prefixes, as text
PREFIX_TEXT = dict(IRIS)
_SPARQL_START = re.compile(r"^\s*(PREFIX|BASE|SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.I | re.M)


@dataclass(frozen=True)
class NamedQuery:
    """A SPARQL query file with its header: title, description, parameters."""

    name: str
    path: Path
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    text: str
    severity: str = "violation"

    @property
    def kind(self) -> str:
        """``select``, ``ask``, ``construct`` or ``describe``."""
        return self.prepared.algebra.name.replace("Query", "").lower()

    @functools.cached_property
    def prepared(self) -> Query:
        """The query parsed once, with the project's prefixes, and checked against SPARQL 1.1's rules."""
        return prepare(self.text, str(self.path), base_iri=self.path.resolve().as_uri())

    @functools.cached_property
    def checked(self) -> str:
        """The query's text, once checked against SPARQL 1.1's rules (what the Oxigraph engine runs).

        :raises QuerySyntaxError: if the query breaks them (file, line and column given).
        """
        check(self.text, str(self.path), base_iri=self.path.resolve().as_uri())
        return self.text

    def parameter(self, name: str) -> Parameter:
        """Return the parameter called ``name``.

        :raises ParameterError: if the query has no such parameter.
        """
        for parameter in self.parameters:
            if parameter.name == name:
                return parameter
        takes = ", ".join(p.name for p in self.parameters) or "no parameters"
        raise ParameterError(f"query '{self.name}' has no parameter '{name}'; it takes: {takes}")


def prepare(text: str, where: str, *, base_iri: str | None = None) -> Query:
    """Parse with rdflib, then strictly (rdflib runs some queries that SPARQL 1.1 forbids).

    :param where: the file or name to cite in an error.
    :returns: rdflib's prepared query.
    :raises QuerySyntaxError: if either parser refuses the text (file, line and column given).
    """
    # rdflib's SPARQL parser takes a tenth of a second to import: only the rdflib engine needs it
    from rdflib.plugins.sparql import prepareQuery

    try:
        prepared = prepareQuery(text, initNs=PREFIX_TEXT, base=base_iri or default_base())
    except Exception as error:  # pyparsing's ParseException and rdflib's own errors
        raise QuerySyntaxError(_syntax_message(text, error, where)) from None
    check(text, where, base_iri=base_iri)
    return prepared


def check(text: str, where: str, *, base_iri: str | None = None) -> None:
    """Check a query strictly, with the project's prefixes, as :func:`prepare` does, without rdflib.

    :raises QuerySyntaxError: if the text breaks SPARQL 1.1's grammar or rules (file, line, column).
    """
    check_sparql(text, where=where, prefixes=PREFIX_TEXT, base_iri=base_iri)


def _syntax_message(text: str, error: Exception, where: str) -> str:
    line = getattr(error, "lineno", None)
    column = getattr(error, "col", None) or getattr(error, "column", None)
    if line is None:
        # errors such as an unknown prefix carry no position: point at the first mention
        found = re.search(r"Unknown namespace prefix : (\w+)", str(error))
        if found:
            position = text.find(found.group(1) + ":")
            line = text.count("\n", 0, position) + 1
            column = position - text.rfind("\n", 0, position)
            return located(where, f"SPARQL syntax error: unknown prefix '{found.group(1)}:'", line, column)
        return located(where, f"SPARQL syntax error: {error}")
    detail = getattr(error, "msg", None) or str(error).split("(at char")[0]
    snippet = text.splitlines()[line - 1].strip() if 0 < line <= len(text.splitlines()) else ""
    return located(where, f"SPARQL syntax error: {detail} near: {snippet}", line, column)


def load_query_file(path: Path) -> NamedQuery:
    """Read a ``.rq`` file and its comment header into a :class:`NamedQuery`.

    :raises QuerySyntaxError: if a header line is malformed.
    """
    text = path.read_text(encoding="utf-8")
    header = parse_header(text, path)
    return NamedQuery(
        name=header.name,
        path=path,
        title=header.title,
        description=header.description,
        parameters=header.parameters,
        text=text,
        severity=header.severity,
    )


@functools.cache
def _named_queries() -> dict[str, NamedQuery]:
    return {path.stem: load_query_file(path) for path in resources.query_files()}


@functools.cache
def check_queries() -> tuple[NamedQuery, ...]:
    """Return the quality checks of ``queries/checks/``, read and prepared once."""
    return tuple(load_query_file(path) for path in resources.check_query_files())


@functools.cache
def view_queries() -> dict[str, NamedQuery]:
    """Return the CONSTRUCT views of ``queries/views/`` by name, read and prepared once."""
    return {path.stem: load_query_file(path) for path in resources.view_query_files()}


def list_queries() -> list[NamedQuery]:
    """Return the bundled named queries, sorted by name.

    >>> "confessions" in [q.name for q in list_queries()]
    True
    """
    return list(_named_queries().values())


def get_query(name: str) -> NamedQuery:
    """Return the named query called ``name``.

    :raises UnknownQueryError: if there is none; the message suggests the closest names.

    >>> get_query("confessions").title
    'All confession scenes'
    """
    queries = _named_queries()
    if name in queries:
        return queries[name]
    close = difflib.get_close_matches(name, queries, n=3, cutoff=0.5)
    hint = f"did you mean {', '.join(close)}?" if close else "run 'kgraph queries' to list them"
    raise UnknownQueryError(f"no query named '{name}': {hint}")


def resolve(name_or_text: str) -> NamedQuery | None:
    """Find the query meant by a name, a ``.rq`` path or SPARQL text (None for plain text).

    :raises UnknownQueryError: if it is neither a query name, a file, nor SPARQL.
    """
    if name_or_text in _named_queries():
        return _named_queries()[name_or_text]
    if name_or_text.endswith(".rq") and "\n" not in name_or_text:
        path = Path(name_or_text)
        if not path.is_file():
            raise UnknownQueryError(f"{path}: no such query file")
        return load_query_file(path)
    if _SPARQL_START.search(name_or_text) or any(c in name_or_text for c in " \n{"):
        return None  # SPARQL text: a query name never has spaces or braces
    return get_query(name_or_text)


def query_file_errors(paths: Iterable[str | Path] = ()) -> list[str]:
    """Parse every bundled query file (named queries, checks, views) and the ``.rq`` files ``paths``.

    Each file's header is read and its query parsed strictly, with its parameters left unbound.
    The files of ``paths`` are also prepared by rdflib, as ``kgraph query`` would run them; the
    bundled ones are not, as rdflib takes a hundred times longer and the tests run each of them.

    :param paths: more query files, such as the user's own.
    :returns: one located message per file that does not parse; empty when all do.

    >>> query_file_errors()
    []
    """
    bundled = [*resources.query_files(), *resources.check_query_files(), *resources.view_query_files()]
    errors = []
    for path in bundled:
        try:
            text = load_query_file(path).text
            check_sparql(text, where=str(path), prefixes=PREFIX_TEXT, base_iri=path.resolve().as_uri())
        except QuerySyntaxError as error:
            errors.append(str(error))
    for path in map(Path, paths):
        try:
            load_query_file(path).prepared  # noqa: B018 - preparing is the check
        except QuerySyntaxError as error:
            errors.append(str(error))
    return errors
