"""Running a query, named or written, on a graph with its engine, parameters bound."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, cast

from kgraph.errors import KgraphError, QuerySyntaxError, UnsupportedQueryError
from kgraph.sparql.binding import values_first
from kgraph.sparql.grammar import default_base, located_message
from kgraph.sparql.lexer import reads_named_graphs
from kgraph.sparql.named import PREFIX_TEXT, check, prepare, resolve
from kgraph.sparql.params import bind
from kgraph.sparql.results import QueryResult, RowStream, native_plain
from kgraph.store.oxigraph.native import rows, store_of
from kgraph.store.oxigraph.terms import converter

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.query import Result, ResultRow

__all__ = ["execute", "query"]


def query(
    name_or_text: str,
    graph: Graph | None = None,
    params: Mapping[str, Any] | None = None,
    *,
    stream: bool = False,
    **keyword_params: Any,
) -> QueryResult | RowStream | bool | Graph:
    """Run a named query, a ``.rq`` file or SPARQL text, with parameters bound to variables.

    :param name_or_text: a query name (see ``kgraph queries``), a path to a ``.rq`` file, or SPARQL.
    :param graph: the graph to query; None for the bundled graph.
    :param params: values for the query's parameters by name: RDF terms, numbers, or text (CURIE,
        IRI, name, or N3 literal). Any name may be given here, ``graph`` or ``stream`` too.
    :param stream: for SELECT, return a :class:`RowStream` that is read once; on Oxigraph its rows
        are never all held in memory at once.
    :param keyword_params: more parameters, as keywords (added to ``params``).
    :returns: a :class:`QueryResult` for SELECT, a bool for ASK, a graph for CONSTRUCT/DESCRIBE.
    :raises UnknownQueryError: if no query has that name (close names are suggested).
    :raises QuerySyntaxError: if the SPARQL does not parse (line and column given).
    :raises ParameterError: if a parameter is missing, unknown or of the wrong kind.
    :raises UnsupportedQueryError: if rdflib's engine cannot evaluate the query (Oxigraph can).

    >>> rows = query("actor-roles", params={"actor": "kdr:kim-tae-ri"})
    >>> [row["character_name"] for row in rows]
    ['Go Ae-shin', 'Na Hee-do']
    >>> query("actor-roles", actor="kdr:kim-tae-ri") == rows
    True
    """
    named = resolve(name_or_text)
    store: Any  # a pyoxigraph.Store, or None for a graph on rdflib's memory store
    if graph is None:  # the bundled graph, answered by Oxigraph alone: rdflib is not even imported
        from kgraph.store.oxigraph.bundle import bundled_store

        store, prefixes = bundled_store(), PREFIX_TEXT
    else:
        store = store_of(graph)
        prefixes = store_prefixes(graph) if store is not None else PREFIX_TEXT
    text = named.text if named is not None else name_or_text
    if store is None:
        prepared = named.prepared if named is not None else prepare(name_or_text, "query")
    elif named is not None:  # Oxigraph runs the text: only SPARQL 1.1's rules are checked first
        named.checked  # noqa: B018 - checking is the point
    else:
        check(name_or_text, "query")
    bindings = bind(named, {**(params or {}), **keyword_params}, graph, native=graph is None)
    if reads_named_graphs(text):  # GRAPH or FROM: the graph as a dataset with a named graph per source
        store, graph = _as_dataset(store, graph)
    where = str(named.path) if named else "query"
    base = named.path.resolve().as_uri() if named is not None else default_base()  # as checked
    if store is not None:  # straight from Oxigraph's terms: rdflib terms only when asked for
        bound = values_first(text, bindings)
        try:
            answer = rows(store, bound, prefixes, base_iri=base)
        except SyntaxError as error:
            raise QuerySyntaxError(located_message(error, where, bound)) from None
        if not isinstance(answer, tuple):
            return answer
        columns, solutions = answer
        if stream:
            records = (dict(zip(columns, map(native_plain, row), strict=True)) for row in solutions)
            return RowStream(columns, records)
        return QueryResult.lazy(columns, [tuple(row) for row in solutions], converter(), native_plain)
    assert graph is not None  # the bundled graph is always on Oxigraph
    try:  # rdflib evaluates as the rows are read: its errors can come at any row
        result = _wrap(execute(graph, prepared, text, bindings, where))
    except KgraphError:
        raise
    except Exception as error:  # rdflib lacks parts of SPARQL 1.1 and fails in many ways there
        detail = str(error).splitlines()[0] if str(error).strip() else type(error).__name__
        raise UnsupportedQueryError(
            f"{where}: rdflib's SPARQL engine cannot run this valid query ({detail}); "
            "run it on Oxigraph instead (--engine oxigraph, or kgraph.load(..., engine='oxigraph'))"
        ) from None
    if stream and isinstance(result, QueryResult):
        return RowStream(result.columns, result.iter_records())
    return result


def _as_dataset(store: Any, graph: Graph | None) -> tuple[Any, Graph | None]:
    """Return the store or graph to run a query that reads named graphs on (see kgraph.store.sources)."""
    if graph is None:
        from kgraph.store.oxigraph.dataset import bundled_dataset

        return bundled_dataset(), None
    if store is not None:
        from kgraph.store.oxigraph.dataset import dataset_store

        return dataset_store(store, getattr(graph, "files", ())), graph
    from kgraph.store.sources import dataset_of

    return None, dataset_of(graph)


def store_prefixes(graph: Graph) -> dict[str, str]:
    """Return the prefixes a query on ``graph`` may use undeclared: the graph's and the project's."""
    return {prefix: str(iri) for prefix, iri in graph.namespaces()} | PREFIX_TEXT


def execute(
    graph: Graph, prepared: Any, text: str, bindings: Mapping[str, Any] | None = None, where: str = "query"
) -> Result:
    """Run a query on ``graph`` with its engine: rdflib's prepared form, or the text on Oxigraph.

    Oxigraph takes the text with the bound values written in, where rdflib evaluates the prepared
    algebra and joins the bindings.

    :param graph: an rdflib graph, in rdflib's memory or in Oxigraph.
    :param prepared: the query prepared by rdflib (for the rdflib engine); None to prepare ``text``
        when the rdflib engine needs it.
    :param text: the same query as text (for the Oxigraph engine).
    :param bindings: values of variables.
    :param where: the query's file or name, for error messages.
    :returns: rdflib's ``Result``.
    :raises QuerySyntaxError: if Oxigraph refuses the query.
    """
    if store_of(graph) is None:
        prepared = prepare(text, where) if prepared is None else prepared
        return graph.query(prepared, initBindings=bindings or {})
    bound = values_first(text, dict(bindings or {}))
    try:
        return graph.query(bound, initNs=PREFIX_TEXT)
    except SyntaxError as error:
        raise QuerySyntaxError(located_message(error, where, bound)) from None


def _wrap(result: Result) -> QueryResult | bool | Graph:
    if result.type == "ASK":
        return bool(result.askAnswer)
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        assert result.graph is not None
        return result.graph
    columns = tuple(str(v) for v in result.vars or ())
    solutions = cast("Iterable[ResultRow]", result)  # neither ASK nor CONSTRUCT/DESCRIBE: a SELECT
    return QueryResult(columns=columns, rows=tuple(tuple(row) for row in solutions))
