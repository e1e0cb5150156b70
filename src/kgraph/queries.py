"""Named SPARQL queries: discovery, description, and execution with bound parameters.

Parameters are bound with rdflib's ``initBindings`` on a prepared query, never pasted into text.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.plugins.sparql import prepareQuery
from rdflib.query import Result

from . import resources
from .errors import ParameterError, QuerySyntaxError, UnknownQueryError
from .namespaces import PREFIXES, expand
from .query_headers import Parameter, parse_header
from .results import QueryResult, RowStream
from .store import load

__all__ = [
    "NamedQuery",
    "Parameter",
    "QueryResult",
    "check_queries",
    "get_query",
    "list_queries",
    "load_query_file",
    "parse_value",
    "query",
    "view_queries",
]

_PREFIX_TEXT = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
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
    def prepared(self):
        """The query parsed once, with the project's prefixes, and checked against SPARQL 1.1's rules."""
        return _prepare(self.text, str(self.path), base_iri=self.path.resolve().as_uri())

    def parameter(self, name: str) -> Parameter:
        """Return the parameter called ``name``.

        :raises ParameterError: if the query has no such parameter.
        """
        for parameter in self.parameters:
            if parameter.name == name:
                return parameter
        takes = ", ".join(p.name for p in self.parameters) or "no parameters"
        raise ParameterError(f"query '{self.name}' has no parameter '{name}'; it takes: {takes}")


def _prepare(text: str, where: str, *, base_iri: str | None = None):
    """Parse with rdflib, then strictly (rdflib runs some queries that SPARQL 1.1 forbids)."""
    from .sparql_grammar import check_sparql

    try:
        prepared = prepareQuery(text, initNs=PREFIXES)
    except Exception as error:  # pyparsing's ParseException and rdflib's own errors
        raise QuerySyntaxError(_syntax_message(text, error, where)) from None
    check_sparql(text, where=where, prefixes=_PREFIX_TEXT, base_iri=base_iri)
    return prepared


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
            return f"{where}:{line}:{column}: SPARQL syntax error: unknown prefix '{found.group(1)}:'"
        return f"{where}: SPARQL syntax error: {error}"
    detail = getattr(error, "msg", None) or str(error).split("(at char")[0]
    snippet = text.splitlines()[line - 1].strip() if 0 < line <= len(text.splitlines()) else ""
    return f"{where}:{line}:{column}: SPARQL syntax error: {detail} near: {snippet}"


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


def parse_value(text: str, kind: str = "literal", *, graph: Graph | None = None):
    """Turn a parameter value given as text into an RDF term of the parameter's type.

    ``iri`` takes a CURIE, an IRI, or a name of something in the graph (matched forgivingly);
    ``literal`` takes a CURIE or IRI, a whole number, an N3 literal such as ``"Run On"@en``, or text.

    :raises ParameterError: if the text does not fit the type.

    >>> parse_value("kdr:run-on", "iri")
    rdflib.term.URIRef('https://w3id.org/kdrama-kg/resource/run-on')
    >>> parse_value("16", "integer")
    rdflib.term.Literal('16', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))
    >>> parse_value('"Run On"@en')
    rdflib.term.Literal('Run On', lang='en')
    """
    text = text.strip()
    if kind == "iri":
        iri = expand(text)
        if iri is not None:
            return iri
        from .entities import find

        return find(text, graph=graph)
    if kind == "integer":
        if not re.fullmatch(r"[+-]?\d+", text):
            raise ParameterError(f"'{text}' is not a whole number")
        return Literal(int(text))
    if kind == "date":
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ParameterError(f"'{text}' is not a date; write it as YYYY-MM-DD")
        return Literal(text, datatype=XSD.date)
    if kind == "string":
        return Literal(text)
    found = re.fullmatch(r'"(.*)"(?:@([A-Za-z-]+)|\^\^(\S+))?', text, re.S)
    if found:
        lexical, lang, datatype = found.groups()
        dtype = expand(datatype) if datatype else None
        if datatype and dtype is None:
            raise ParameterError(f"unknown datatype '{datatype}' in {text}")
        return Literal(lexical, lang=lang, datatype=dtype)
    iri = expand(text)
    if iri is not None:
        return iri
    if re.fullmatch(r"[+-]?\d+", text):
        return Literal(int(text))
    return Literal(text)


def _bindings(named: NamedQuery | None, params: Mapping[str, object], graph: Graph) -> dict:
    bindings = {}
    for name, value in params.items():
        kind = named.parameter(name).type if named is not None else "literal"
        if isinstance(value, URIRef | Literal):
            bindings[name] = value
        elif isinstance(value, bool | int) and kind in ("integer", "literal"):
            bindings[name] = Literal(value)
        else:
            try:
                bindings[name] = parse_value(str(value), kind, graph=graph)
            except ParameterError as error:
                raise ParameterError(f"parameter '{name}': {error}") from None
    if named is not None:
        for parameter in named.parameters:
            if parameter.required and parameter.name not in bindings:
                raise ParameterError(
                    f"query '{named.name}' needs the parameter '{parameter.name}' ({parameter.type}): "
                    f"{parameter.description}; e.g. -p {parameter.name}={parameter.example}"
                )
    return bindings


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


def query(
    name_or_text: str, graph: Graph | None = None, *, stream: bool = False, **params
) -> QueryResult | RowStream | bool | Graph:
    """Run a named query, a ``.rq`` file or SPARQL text, with parameters bound to variables.

    :param name_or_text: a query name (see ``kgraph queries``), a path to a ``.rq`` file, or SPARQL.
    :param graph: the graph to query; None for the bundled graph.
    :param stream: for SELECT, return a :class:`RowStream` that is read once; on Oxigraph its rows
        are never all held in memory at once.
    :param params: values for the query's parameters: RDF terms, numbers, or text (CURIE, IRI,
        name, or N3 literal).
    :returns: a :class:`QueryResult` for SELECT, a bool for ASK, a graph for CONSTRUCT/DESCRIBE.
    :raises UnknownQueryError: if no query has that name (close names are suggested).
    :raises QuerySyntaxError: if the SPARQL does not parse (line and column given).
    :raises ParameterError: if a parameter is missing, unknown or of the wrong kind.

    >>> rows = query("actor-roles", actor="kdr:kim-tae-ri")
    >>> [row["character_name"] for row in rows]
    ['Go Ae-shin', 'Na Hee-do']
    """
    from .engines import bind_values, is_oxigraph, native_select

    graph = load() if graph is None else graph
    named = resolve(name_or_text)
    prepared = named.prepared if named is not None else _prepare(name_or_text, "query")
    bindings = _bindings(named, params, graph)
    text = named.text if named is not None else name_or_text
    where = str(named.path) if named else "query"
    if is_oxigraph(graph):  # straight from Oxigraph's terms: rdflib terms only when asked for
        try:
            return native_select(graph, bind_values(text, bindings), _PREFIX_TEXT, stream=stream)
        except SyntaxError as error:
            raise QuerySyntaxError(f"{where}: SPARQL syntax error: {error}") from None
    result = _wrap(execute(graph, prepared, text, bindings, where))
    if stream and isinstance(result, QueryResult):
        return RowStream(result.columns, result.iter_records())
    return result


def execute(graph: Graph, prepared, text: str, bindings: Mapping | None = None, where: str = "query"):
    """Run a query on ``graph`` with its engine: rdflib's prepared form, or the text on Oxigraph.

    Oxigraph takes the text and substitutes the bound values before evaluation, where rdflib
    evaluates the prepared algebra and joins the bindings.

    :param graph: an rdflib graph, in rdflib's memory or in Oxigraph.
    :param prepared: the query prepared by rdflib (for the rdflib engine).
    :param text: the same query as text (for the Oxigraph engine).
    :param bindings: values of variables.
    :param where: the query's file or name, for error messages.
    :returns: rdflib's ``Result``.
    :raises QuerySyntaxError: if Oxigraph refuses the query.
    """
    from .engines import bind_values, is_oxigraph, simple_literal
    from .sparql_grammar import located_message

    if not is_oxigraph(graph):
        return graph.query(prepared, initBindings=bindings or {})
    bound = bind_values(text, dict(bindings or {}))
    try:
        result = graph.query(bound, initNs=_PREFIX_TEXT)
    except SyntaxError as error:
        raise QuerySyntaxError(located_message(error, where, bound)) from None
    if result.type == "SELECT":  # RDF 1.1: a simple literal is an xsd:string; say it as rdflib does
        result.bindings = [{k: simple_literal(v) for k, v in row.items()} for row in result.bindings]
    elif result.type == "CONSTRUCT":
        graph = Graph()
        graph += ((s, p, simple_literal(o)) for s, p, o in result.graph)
        result.graph = graph
    return result


def _wrap(result: Result):
    if result.type == "ASK":
        return bool(result.askAnswer)
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return result.graph
    columns = tuple(str(v) for v in result.vars)
    return QueryResult(columns=columns, rows=tuple(tuple(row) for row in result))
