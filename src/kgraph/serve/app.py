"""A read-only SPARQL 1.1 Protocol endpoint over the graph: Starlette and uvicorn in front of
Oxigraph worker processes (see :mod:`kgraph.serve.pool`).

``GET /sparql?query=...``, ``POST /sparql`` (a form with ``query``, or an
``application/sparql-query`` body); results as SPARQL JSON, XML, CSV or TSV and graphs as Turtle,
N-Triples, JSON-LD or RDF/XML by content negotiation (or ``format=``). ``GET /sparql`` without a
query describes the service; ``GET /`` is a page to type queries on, with the named queries as
examples. Updates and federated SERVICE calls are refused (:mod:`kgraph.sparql.screen`).
"""

from __future__ import annotations

import contextlib
import re
import socket
from collections.abc import AsyncIterator, Callable
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, quote

from rdflib import BNode, Graph, Namespace, URIRef
from rdflib.namespace import RDF

from kgraph import formats
from kgraph.errors import RefusedQueryError
from kgraph.serve.negotiate import negotiate
from kgraph.serve.pool import QueryPool, media_type
from kgraph.sparql.screen import screen
from kgraph.templates import render

if TYPE_CHECKING:
    from starlette.applications import Starlette
    from starlette.requests import Request

    from kgraph.site.resolve import Resolver

__all__ = ["MAX_QUERY_BYTES", "create_app", "serve", "service_description"]

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")

MAX_QUERY_BYTES = 1_000_000

# media types a client may ask for, per format name; the first is the one answered with
_RESULT_TYPES = {name: formats.accepted_media_types(name, results=True) for name in formats.RESULT_FORMATS}
_RDF_TYPES = {name: formats.accepted_media_types(name) for name in ("turtle", "nt", "json-ld", "xml")}


def _page(examples: list[dict[str, str]]) -> str:
    return render("kgraph.serve", "endpoint.html", examples=examples)


def _examples(graph: Graph) -> list[dict[str, str]]:
    from kgraph.sparql.binding import standalone_text
    from kgraph.sparql.named import list_queries

    examples = []
    for named in list_queries():
        params = {p.name: p.example for p in named.parameters if p.required}
        examples.append(
            {
                "name": named.name,
                "title": named.title,
                "description": named.description,
                "query": standalone_text(named.name, graph, params),
            }
        )
    return examples


def service_description(endpoint: str) -> Graph:
    """Describe the endpoint with the SPARQL 1.1 Service Description vocabulary, as a graph.

    >>> from rdflib.namespace import RDF
    >>> description = service_description("http://127.0.0.1:8000/sparql")
    >>> len(list(description.subjects(RDF.type, SD.Service)))
    1
    """
    graph = Graph()
    graph.bind("sd", SD)
    service, dataset, default = BNode(), BNode(), BNode()
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, URIRef(endpoint)))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    for name in formats.RESULT_FORMATS:
        graph.add((service, SD.resultFormat, URIRef(formats.w3c_iri(name, results=True))))
    for name in _RDF_TYPES:
        graph.add((service, SD.resultFormat, URIRef(formats.w3c_iri(name))))
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    graph.add((dataset, SD.defaultGraph, default))
    graph.add((default, RDF.type, SD.Graph))
    return graph


def create_app(
    pool: QueryPool, examples: list[dict[str, str]] | None = None, resolver: Resolver | None = None
) -> Starlette:
    """Build the ASGI application that answers SPARQL requests with ``pool``.

    :param pool: the workers that run the queries.
    :param examples: named queries for the browser page: dicts with name, title, description, query.
    :param resolver: the graph's pages and RDF: with it, ``/resource/<slug>`` and ``/ontology``
        answer by content negotiation (see :mod:`kgraph.serve.dereference`).
    :returns: a Starlette application.
    """
    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.responses import HTMLResponse, PlainTextResponse, Response
    from starlette.routing import Route

    page = _page(examples or [])

    def refuse(status: int, message: str) -> Response:
        return PlainTextResponse(message.rstrip() + "\n", status_code=status)

    async def read_query(request: Request) -> str | None:
        """Return the query text of a request, or None when it has none."""
        params = request.query_params
        if any(params.getlist(k) for k in ("default-graph-uri", "named-graph-uri")):
            raise RefusedQueryError(
                400, "this endpoint has one graph: default-graph-uri and named-graph-uri are not supported"
            )
        if request.method == "GET":
            found = params.getlist("query")
        else:
            length = int(request.headers.get("content-length") or 0)
            if length > MAX_QUERY_BYTES:
                raise RefusedQueryError(413, f"the request is larger than {MAX_QUERY_BYTES} bytes")
            media = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if media == "application/sparql-update":
                raise RefusedQueryError(403, "this endpoint is read-only: SPARQL Update is refused")
            if media not in ("application/sparql-query", "application/x-www-form-urlencoded"):
                raise RefusedQueryError(
                    415,
                    "send the query as application/sparql-query, or as a form field 'query' "
                    "(application/x-www-form-urlencoded)",
                )
            body = await request.body()
            if len(body) > MAX_QUERY_BYTES:
                raise RefusedQueryError(413, f"the request is larger than {MAX_QUERY_BYTES} bytes")
            if media == "application/sparql-query":
                return body.decode("utf-8", errors="replace")
            form = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
            if form.get("update"):
                raise RefusedQueryError(403, "this endpoint is read-only: SPARQL Update is refused")
            found = form.get("query", [])
        if len(found) > 1:
            raise RefusedQueryError(400, "give one query parameter, not several")
        return found[0] if found else None

    def chosen_format(
        request: Request, offers: dict[str, tuple[str, ...]], default: str | None = None
    ) -> str:
        asked = request.query_params.get("format") or request.query_params.get("output")
        if asked:
            name = asked.lower() if asked.lower() in offers else formats.rdf_format_named(asked)
            if name in offers:
                return name
            for key, types in offers.items():
                if asked.lower() in types:
                    return key
        return negotiate(request.headers.get("accept"), offers) or default or next(iter(offers))

    async def sparql(request: Request) -> Response:
        try:
            text = await read_query(request)
            if text is None:
                return describe(request)
            screen(text)
        except RefusedQueryError as refused:
            return refuse(refused.status, refused.message)
        answer = await run_in_threadpool(
            pool.run, text, chosen_format(request, _RESULT_TYPES), chosen_format(request, _RDF_TYPES)
        )
        return Response(
            answer.body, status_code=answer.status, media_type=answer.media_type, headers={"Vary": "Accept"}
        )

    def describe(request: Request) -> Response:
        offers = {**_RDF_TYPES, "html": ("text/html",)}
        name = chosen_format(request, offers, "turtle")
        if name == "html" and not request.query_params.get("format"):
            return HTMLResponse(page)
        endpoint = str(request.url.replace(query=None, fragment=None))  # from the Host header:
        endpoint = re.sub(r'[\x00-\x20<>"{}|^`\\]', lambda m: quote(m.group()), endpoint)  # keep it an IRI
        fmt = "turtle" if name == "html" else name
        body = service_description(endpoint).serialize(
            format=formats.rdflib_serializer(fmt), encoding="utf-8"
        )
        return Response(body, media_type=media_type(fmt, results=False))

    async def home(_request: Request) -> Response:
        return HTMLResponse(page)

    async def update(_request: Request) -> Response:
        return refuse(403, "this endpoint is read-only: SPARQL Update is refused")

    routes = [
        Route("/", home, methods=["GET"]),
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/update", update, methods=["GET", "POST"]),
    ]
    if resolver is not None:
        from kgraph.serve.dereference import resource_routes

        routes += resource_routes(resolver)

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        yield
        await run_in_threadpool(pool.close)  # on shutdown, before uvicorn re-raises a stop signal

    return Starlette(routes=routes, lifespan=lifespan)


def serve(
    graph: Graph,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int = 2,
    timeout: float = 10.0,
    max_bytes: int = 10_000_000,
    ready: Callable[[str], None] | None = None,
) -> None:
    """Serve ``graph`` read-only over the SPARQL 1.1 Protocol until interrupted.

    :param graph: an rdflib graph (e.g. :func:`kgraph.load`).
    :param host: the address to listen on; 127.0.0.1 keeps it private to this host.
    :param port: the port; 0 picks a free one.
    :param workers: queries that may run at once, each in its own process.
    :param timeout: seconds a query may take.
    :param max_bytes: the largest answer, in bytes.
    :param ready: called with the endpoint URL once the server listens.
    """
    import uvicorn

    from kgraph.namespaces import PREFIXES
    from kgraph.store.oxigraph.dataset import source_nquads

    listener = _listen(host, port)  # before the workers start, so a taken port fails at once
    ntriples = source_nquads(graph)  # the graph, and a named graph per source for GRAPH patterns
    prefixes = {name: str(namespace) for name, namespace in PREFIXES.items()}
    pool = QueryPool(ntriples, workers=workers, timeout=timeout, max_bytes=max_bytes, prefixes=prefixes)
    try:
        from kgraph.site.resolve import Resolver

        app = create_app(pool, _examples(graph), Resolver(graph))
        config = uvicorn.Config(app, log_level="warning", access_log=False)
        server = uvicorn.Server(config)
        if ready is not None:
            original = server.startup

            async def startup(sockets: list[socket.socket] | None = None) -> None:
                await original(sockets=sockets)
                shown = f"[{host}]" if ":" in host else host
                ready(f"http://{shown}:{listener.getsockname()[1]}/sparql")

            server.startup = startup  # type: ignore[method-assign]  # uvicorn has no hook for "listening"
        server.run(sockets=[listener])
    finally:
        pool.close()
        listener.close()


def _listen(host: str, port: int) -> socket.socket:
    """Bind a listening socket on ``host``:``port``.

    :raises OSError: if the address cannot be used (taken, or not this host's).
    """
    family, kind, protocol, _name, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    listener = socket.socket(family, kind, protocol)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(address)
        listener.listen(2048)
    except OSError:
        listener.close()
        raise
    return listener
