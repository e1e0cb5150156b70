"""Run the named queries and the stats against a remote SPARQL endpoint (SPARQL 1.1 Protocol).

Parameters are bound with ``VALUES`` blocks that close the WHERE clause, written from RDF terms
(:func:`kgraph.sparql.binding.values_last`), so a value is never pasted into the query as text.
Answers in any SPARQL results format (JSON, XML, CSV, TSV) or RDF graph format are read with
rdflib's parsers. Answers come back as the same
:class:`~kgraph.sparql.results.QueryResult`, bool or graph that a local query gives.

The Accept header asks for what the query's form gives: results formats for SELECT and ASK, RDF
formats for CONSTRUCT and DESCRIBE (a store that gets a results format first may answer a CONSTRUCT
with a table of ``?s ?p ?o``, as Virtuoso does). Virtuoso 7 answers ASK with a table of one column:
a row holding 1 for true, no row for false; an ASK answered that way is read as the boolean it means.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, cast

from rdflib import Graph

from kgraph import formats
from kgraph.errors import RemoteError
from kgraph.remote.http import request
from kgraph.sparql.binding import standalone_text
from kgraph.sparql.lexer import keywords
from kgraph.sparql.results import QueryResult

if TYPE_CHECKING:
    import httpx
    from rdflib.query import ResultRow

    from kgraph.remote.http import Credentials

__all__ = ["accept_header", "query_form", "read_answer", "remote_query", "remote_stats"]

_ACCEPT_RESULTS = (
    "application/sparql-results+json, application/sparql-results+xml;q=0.9, "
    "text/tab-separated-values;q=0.8, text/csv;q=0.7"
)
_ACCEPT_GRAPH = "text/turtle, application/n-triples;q=0.9, application/rdf+xml;q=0.8"


def query_form(text: str) -> str:
    """The form of a SPARQL query: ``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE`` (its first such word).

    >>> query_form("PREFIX s: <http://e/select> CONSTRUCT { ?s ?p ?o } WHERE { { SELECT * {} } }")
    'CONSTRUCT'
    """
    forms = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
    return next((word for word in keywords(text) if word in forms), "SELECT")


def accept_header(form: str) -> str:
    """What to ask an endpoint for: results formats for SELECT and ASK, RDF for the graph forms."""
    if form in ("CONSTRUCT", "DESCRIBE"):
        return f"{_ACCEPT_GRAPH}, {_ACCEPT_RESULTS.replace(', ', ';q=0.5, ')};q=0.5"
    return f"{_ACCEPT_RESULTS}, {_ACCEPT_GRAPH.replace(', ', ';q=0.5, ')};q=0.5"


def _table_as_boolean(result: QueryResult) -> bool | None:
    """The boolean of an ASK answered as a table of one column, as Virtuoso 7 does.

    True is one row whose cell holds 1 or true; false is no row, or one row holding 0 or false.
    Any other table is None: not an answer to an ASK.
    """
    from rdflib import Literal

    if len(result.columns) != 1 or len(result.rows) > 1:
        return None
    if not result.rows:
        return False
    cell = result.rows[0][0]
    value = cell.toPython() if isinstance(cell, Literal) else None
    if isinstance(value, bool):
        return value
    return {1: True, 0: False}.get(value) if type(value) is int else None


def read_answer(response: httpx.Response, form: str = "SELECT") -> QueryResult | bool | Graph:
    """Read an endpoint's answer with rdflib's parsers: any SPARQL results format, or an RDF graph."""
    from rdflib.query import Result

    media = response.headers.get("content-type", "").split(";")[0].strip()
    results = formats.results_format_by_media_type(media)
    if results is not None:
        try:
            parsed = Result.parse(io.BytesIO(response.content), format=formats.RESULT_FORMATS[results].parser)
        except Exception as error:  # each parser raises its own errors; all mean a broken answer
            raise RemoteError(f"the endpoint's {media} answer cannot be read: {error}") from None
        if parsed.type == "ASK":
            return bool(parsed.askAnswer)
        columns = tuple(str(v) for v in parsed.vars or ())
        rows = cast("Iterable[ResultRow]", parsed)  # not ASK, so the rows of a SELECT
        table = QueryResult(columns=columns, rows=tuple(tuple(row) for row in rows))
        if form == "ASK":
            answer = _table_as_boolean(table)
            if answer is None:
                raise RemoteError(f"the endpoint answered an ASK query with a table of {len(table)} row(s)")
            return answer
        return table
    graph_format = formats.rdf_format_by_media_type(media)
    if graph_format is not None:
        return Graph().parse(data=response.content, format=formats.rdflib_parser(graph_format))
    raise RemoteError(f"the endpoint answered with {media or 'no media type'}, which kgraph cannot read")


def remote_query(
    endpoint: str,
    name_or_text: str,
    params: Mapping[str, Any] | None = None,
    *,
    graph: Graph | None = None,
    credentials: Credentials = None,
    timeout: float = 60.0,
    **keyword_params: Any,
) -> QueryResult | bool | Graph:
    """Run a named query, a ``.rq`` file or SPARQL text on a remote SPARQL endpoint.

    :param endpoint: the endpoint's query URL, e.g. ``http://127.0.0.1:7878/query``.
    :param params: values of the query's parameters by name (any name, ``timeout`` too).
    :param graph: the local graph in which names given as parameter values are looked up.
    :param credentials: what :func:`auth` returns.
    :param timeout: seconds to wait for the answer.
    :param keyword_params: more parameters, as keywords (added to ``params``).
    :returns: a :class:`QueryResult` for SELECT, a bool for ASK, a graph for CONSTRUCT/DESCRIBE.
    :raises RemoteError: if the endpoint cannot be reached or answers with an error.
    """
    import httpx

    text = standalone_text(name_or_text, graph, {**(params or {}), **keyword_params})
    form = query_form(text)
    with httpx.Client(auth=credentials, timeout=timeout) as client:
        response = request(
            client,
            "POST",
            endpoint,
            what="query",
            data={"query": text},
            headers={"Accept": accept_header(form)},
        )
    return read_answer(response, form)


def remote_stats(endpoint: str, *, credentials: Credentials = None, timeout: float = 60.0) -> dict[str, Any]:
    """Count on a remote endpoint what :func:`kgraph.describe.stats.stats` counts locally, in its shape.

    :raises RemoteError: if the endpoint cannot be reached or answers with an error.
    """
    from kgraph.describe.stats import _CLASSES, DATED_SOURCES, UNDATED_SOURCES
    from kgraph.prefixes import expand_text

    def number(text: str) -> int:
        result = cast(QueryResult, remote_query(endpoint, text, credentials=credentials, timeout=timeout))
        return int(result.rows[0][0]) if result.rows and result.rows[0][0] is not None else 0

    values = " ".join(f"<{expand_text(c)}>" for c in _CLASSES)
    per_class = cast(
        QueryResult,
        remote_query(
            endpoint,
            f"SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {{ VALUES ?class {{ {values} }} ?s a ?class }}"
            " GROUP BY ?class",
            credentials=credentials,
            timeout=timeout,
        ),
    )
    found = {str(row[0]): int(row[1]) for row in per_class.rows}
    classes = {c: found.get(str(expand_text(c)), 0) for c in _CLASSES}
    scenes = "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a kd:ConfessionScene ; kd:evidenceLevel {} }}"
    return {
        "triples": number("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"),
        "classes": classes,
        "sources": classes["kd:Source"],
        "tropes": number("SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { ?t skos:inScheme kd:TropeScheme }"),
        "multiple_source_scenes": number(scenes.format("kd:MultipleSources")),
        "single_source_scenes": number(scenes.format("kd:SingleSource")),
        "disputed_scenes": number(scenes.format("kd:Disputed")),
        "dated_sources": number(DATED_SOURCES),
        "undated_sources": number(UNDATED_SOURCES),
    }
