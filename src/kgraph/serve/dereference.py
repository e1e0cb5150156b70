"""Dereferenceable IRIs: ``GET /resource/<slug>`` and ``GET /ontology`` by content negotiation.

Following "Cool URIs for the Semantic Web" and the W3C's recipes for publishing vocabularies, a
browser gets the resource's HTML page (the one the static site has) and an RDF client its
statements in Turtle, JSON-LD, N-Triples or RDF/XML, by ``Accept``; every answer says
``Vary: Accept``. ``/resource/<slug>.html`` (``.ttl``, ``.jsonld``, ``.nt``, ``.rdf``) names one
format, as the static site's files do, and the site's own pages and assets are served too, so
the links of a page work. An unknown slug gets a 404 page that suggests names close to it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kgraph.serve.negotiate import negotiate
from kgraph.serve.pool import media_type

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

    from kgraph.site.resolve import Resolver

__all__ = ["SUFFIXES", "offers", "resource_routes"]

#: the file suffix that names each format
SUFFIXES = {".html": "html", ".ttl": "turtle", ".jsonld": "json-ld", ".nt": "nt", ".rdf": "xml"}
_VARY = {"Vary": "Accept"}


def offers() -> dict[str, tuple[str, ...]]:
    """The formats a resource is offered in, HTML first, with the media types that ask for each.

    >>> negotiate("text/turtle;q=0.9, text/html;q=0.5", offers())
    'turtle'
    >>> negotiate("application/ld+json", offers())
    'json-ld'
    """
    from kgraph import formats

    found: dict[str, tuple[str, ...]] = {"html": ("text/html", "application/xhtml+xml")}
    for name in ("turtle", "json-ld", "nt", "xml"):
        found[name] = formats.accepted_media_types(name)
    return found


def resource_routes(resolver: Resolver) -> list[Route]:
    """The routes that answer the graph's IRIs, its site pages and the site's assets."""
    from starlette.concurrency import run_in_threadpool
    from starlette.responses import HTMLResponse, PlainTextResponse, Response
    from starlette.routing import Route

    offered = offers()

    def chosen(request: Request, suffix_format: str | None) -> str | None:
        return suffix_format or negotiate(request.headers.get("accept"), offered)

    def unacceptable() -> Response:
        kinds = ", ".join(t for types in offered.values() for t in types[:1])
        return PlainTextResponse(f"this resource is available as {kinds}\n", status_code=406, headers=_VARY)

    def answer(fmt: str, html: Any, rdf: Any, slug: str) -> Response:
        headers = dict(_VARY)
        if fmt == "html":
            page = html()
            if page is None:
                return HTMLResponse(resolver.not_found(slug), status_code=404, headers=headers)
            return HTMLResponse(page, headers=headers)
        body = rdf(fmt)
        if body is None:
            return HTMLResponse(resolver.not_found(slug), status_code=404, headers=headers)
        return Response(body, media_type=media_type(fmt, results=False), headers=headers)

    async def resource(request: Request) -> Response:
        name: str = request.path_params["name"]
        suffix_format: str | None = None
        for suffix, fmt in SUFFIXES.items():
            if name.endswith(suffix):
                name, suffix_format = name[: -len(suffix)], fmt
                break
        wanted = chosen(request, suffix_format)
        if wanted is None:
            return unacceptable()
        return await run_in_threadpool(  # rendering a page reads the graph: off the event loop
            answer, wanted, lambda: resolver.page(name), lambda f: resolver.rdf(name, f), name
        )

    async def ontology(request: Request) -> Response:
        fmt = chosen(request, None)
        if fmt is None:
            return unacceptable()
        return await run_in_threadpool(answer, fmt, resolver.ontology_page, resolver.ontology_rdf, "")

    async def index_page(request: Request) -> Response:
        page = resolver.index_pages.get(request.path_params["name"] + ".html")
        if page is None:
            return HTMLResponse(resolver.not_found(request.path_params["name"]), status_code=404)
        return HTMLResponse(page)

    async def asset(request: Request) -> Response:
        name = request.path_params["name"]
        body = resolver.asset(name)
        if body is None:
            return PlainTextResponse("no such file\n", status_code=404)
        kind = "text/css" if name.endswith(".css") else "text/javascript"
        return Response(body, media_type=f"{kind}; charset=utf-8")

    return [
        Route("/resource/{name:str}", resource, methods=["GET", "HEAD"]),
        Route("/ontology", ontology, methods=["GET", "HEAD"]),
        Route("/assets/{name:str}", asset, methods=["GET"]),
        Route("/{name:str}.html", index_page, methods=["GET"]),
    ]
