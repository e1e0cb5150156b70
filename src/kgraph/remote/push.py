"""Load the graph into a triple store over the SPARQL 1.1 Graph Store HTTP Protocol, then check it.

The triples go as N-Triples in chunks: with ``replace`` the first chunk replaces the target graph
(PUT) and the others are added to it (POST), so pushing again gives the same graph. Every request
that may safely be sent twice is retried on transient failures (a refused or dropped connection,
a timeout, 5xx, 429): adding triples that are already there changes nothing. Triples with blank
nodes travel together in the first chunk, since a blank node means nothing outside its request.
Afterwards the target graph is read back and its triples counted, or counted with a SPARQL
``COUNT`` query when the store's query endpoint is given: faster for a big graph, and right on a
store that caps how many triples one read returns (Virtuoso's ``ResultSetMaxRows``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rdflib import Graph

from kgraph import formats
from kgraph.errors import RemoteError
from kgraph.remote.http import request, retrying
from kgraph.store.oxigraph.files import count_by_value

if TYPE_CHECKING:
    import httpx

    from kgraph.remote.http import Credentials

__all__ = ["PushReport", "count_by_query", "count_triples", "push"]


@dataclass(frozen=True)
class PushReport:
    """What a push did: triples sent, requests made, the count read back, and the time taken."""

    triples: int
    chunks: int
    count: int
    seconds: float
    retries: int
    merged: int = 0
    """Triples the store merged with others because it keeps typed literals by value (``--replace``)."""


def _target(endpoint: str, graph_iri: str | None) -> httpx.URL:
    import httpx

    url = httpx.URL(endpoint)
    return url.copy_merge_params({"graph": graph_iri} if graph_iri else {"default": ""})


def _ntriples(graph: Graph) -> bytes:
    """The graph as N-Triples, every term as its files write it when it was loaded and not changed."""
    from kgraph.store.exact import files_as_read

    files = files_as_read(graph)
    if files is None:
        return graph.serialize(format="nt", encoding="utf-8")
    from kgraph.prefixes import IRIS
    from kgraph.store.oxigraph.writing import serialize_files

    return serialize_files(files, "nt", prefixes=IRIS)


def _chunks(ntriples: bytes, size: int) -> list[tuple[bytes, bool]]:
    """Split N-Triples into request bodies; each comes with whether it holds blank nodes."""
    blank: list[bytes] = []
    named: list[bytes] = []
    for line in ntriples.splitlines(keepends=True):
        if not line.strip():
            continue
        subject, _predicate, rest = line.split(b" ", 2)
        (blank if subject.startswith(b"_:") or rest.startswith(b"_:") else named).append(line)
    chunks = [(b"".join(blank), True)] if blank else []
    chunks += [(b"".join(named[i : i + size]), False) for i in range(0, len(named), size)]
    return chunks or [(b"", False)]


def _capped(count: int) -> str:
    """A hint for a count read back that is too low: the store may cap what one read returns."""
    return (
        "; if the store caps the triples one read returns (Virtuoso's ResultSetMaxRows), give "
        "--query-endpoint to count them with a query instead"
        if count
        else ""
    )


def count_triples(
    client: httpx.Client, endpoint: str, graph_iri: str | None = None, *, retries: int = 0
) -> int:
    """Count the triples of a graph of a Graph Store endpoint by reading it back.

    :param retries: how often the read is tried again after a transient failure.
    :returns: the number of triples; 0 when the graph does not exist (404).
    :raises RemoteError: if the store cannot be reached, refuses, or sends a format kgraph cannot read.
    """
    url = _target(endpoint, graph_iri)
    headers = {"Accept": formats.media_type("nt")}
    try:
        response = retrying(
            lambda: request(client, "GET", url, what="read-back of the graph", headers=headers), retries
        )
    except RemoteError as error:
        if error.status == 404:
            return 0
        raise
    media = response.headers.get("content-type", "").split(";")[0].strip().lower()
    fmt = formats.rdf_format_by_media_type(media) if media else "nt"
    if fmt == "nt":
        return sum(1 for line in response.content.splitlines() if line.strip() and not line.startswith(b"#"))
    if fmt is None:  # a store that would not give N-Triples: read what it gave, if kgraph can
        raise RemoteError(f"{endpoint}: the store sent the graph back as {media}, which kgraph cannot count")
    return len(Graph().parse(data=response.content, format=formats.rdflib_parser(fmt)))


def count_by_query(
    client: httpx.Client, query_endpoint: str, graph_iri: str | None = None, *, retries: int = 0
) -> int:
    """Count the triples of a graph with a SPARQL ``COUNT`` query at the store's query endpoint.

    :param graph_iri: the named graph; None counts the endpoint's default graph.
    :param retries: how often the query is tried again after a transient failure.
    :raises RemoteError: if the endpoint cannot be reached, refuses, or answers something else than a count.
    """
    from kgraph.remote.query import accept_header, read_answer
    from kgraph.sparql.results import QueryResult

    pattern = f"GRAPH <{graph_iri}> {{ ?s ?p ?o }}" if graph_iri else "?s ?p ?o"
    text = f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}"
    headers = {"Accept": accept_header("SELECT")}
    response = retrying(
        lambda: request(
            client, "POST", query_endpoint, what="count of the triples", data={"query": text}, headers=headers
        ),
        retries,
    )
    answer = read_answer(response)
    try:
        return int(answer.rows[0][0]) if isinstance(answer, QueryResult) else int("no table")
    except (IndexError, TypeError, ValueError):
        raise RemoteError(f"{query_endpoint}: the answer to a COUNT query holds no number") from None


def push(
    graph: Graph,
    endpoint: str,
    *,
    graph_iri: str | None = None,
    replace: bool = False,
    credentials: Credentials = None,
    chunk_size: int = 20_000,
    retries: int = 4,
    timeout: float = 120.0,
    progress: Callable[[int], None] | None = None,
    query_endpoint: str | None = None,
) -> PushReport:
    """Load ``graph`` into the Graph Store at ``endpoint`` and check the count of triples there.

    :param graph: the triples to push.
    :param endpoint: the store's Graph Store Protocol URL, e.g. ``http://127.0.0.1:7878/store``.
    :param graph_iri: the target named graph; None for the store's default graph.
    :param replace: replace the target graph's triples rather than add to them.
    :param credentials: what :func:`kgraph.remote.http.auth` returns.
    :param chunk_size: triples per request.
    :param retries: how often a request is tried again after a transient failure.
    :param timeout: seconds to wait for each request.
    :param progress: called with the number of triples of each chunk once it is stored.
    :param query_endpoint: the store's SPARQL query URL: the triples are then counted with a
        ``COUNT`` query there rather than by reading the target graph back.
    :returns: a :class:`PushReport`.
    :raises RemoteError: if the store cannot be reached, refuses, keeps failing, or holds another
        number of triples afterwards than it should.
    """
    import httpx

    started = time.monotonic()
    ntriples = _ntriples(graph)
    chunks = _chunks(ntriples, max(1, chunk_size))
    url = _target(endpoint, graph_iri)
    retried = [0]

    def counted(client: httpx.Client) -> int:
        if query_endpoint:
            return count_by_query(client, query_endpoint, graph_iri, retries=retries)
        return count_triples(client, endpoint, graph_iri, retries=retries)

    with httpx.Client(auth=credentials, timeout=timeout) as client:
        before = 0 if replace else counted(client)
        for number, (body, has_blank) in enumerate(chunks, start=1):
            method = "PUT" if replace and number == 1 else "POST"
            what = f"upload of chunk {number} of {len(chunks)}"

            def attempt(method: str = method, body: bytes = body, what: str = what) -> httpx.Response:
                headers = {"Content-Type": formats.media_type("nt")}
                return request(client, method, url, what=what, content=body, headers=headers)

            try:
                retrying(
                    attempt,
                    retries,
                    safe_to_repeat=method == "PUT" or not has_blank,
                    on_retry=lambda: retried.__setitem__(0, retried[0] + 1),
                )
            except RemoteError as error:
                if number == 1:
                    raise
                raise RemoteError(
                    f"{error}; the target graph holds part of the data: push again with --replace"
                ) from None
            if progress is not None:
                progress(body.count(b"\n"))
        count = counted(client)
    expected = sum(body.count(b"\n") for body, _ in chunks)
    # A store that keeps literals by value merges triples that differ only in a literal's form.
    least = expected if replace else max(before, expected)
    fewest = count_by_value(ntriples) if count < least else expected
    target = f"graph <{graph_iri}>" if graph_iri else "the default graph"
    if replace and not fewest <= count <= expected:
        held = f"{expected}" if fewest == expected else f"between {fewest} (by value) and {expected}"
        raise RemoteError(
            f"{endpoint}: {target} holds {count} triples after the push, not the {held} sent" + _capped(count)
        )
    if not replace and not (max(before, fewest) <= count <= before + expected):
        raise RemoteError(
            f"{endpoint}: {target} holds {count} triples after the push; with the {before} it held "
            f"before and the {expected} sent, it should hold between {max(before, fewest)} and "
            f"{before + expected}" + _capped(count)
        )
    merged = expected - count if replace else 0
    return PushReport(expected, len(chunks), count, time.monotonic() - started, retried[0], merged)
