"""Run the named queries and the stats against a remote SPARQL endpoint (SPARQL 1.1 Protocol).

Parameters are bound with a ``VALUES`` block at the start of the WHERE clause, written from RDF
terms, so a value is never pasted into the query as text. Answers come back as the same
:class:`~kgraph.results.QueryResult`, bool or graph that a local query gives.
"""

from __future__ import annotations

import os
import re

from rdflib import BNode, Graph, Literal, URIRef

from .errors import KgraphError
from .namespaces import PREFIXES
from .results import QueryResult

__all__ = ["RemoteError", "auth", "query_text", "remote_query", "remote_stats", "request"]

#: the environment variable read for a bearer token
TOKEN_VARIABLE = "KGRAPH_TOKEN"  # noqa: S105 - the name of a variable, not a secret
_ACCEPT = "application/sparql-results+json, text/turtle;q=0.9, application/n-triples;q=0.8"


class RemoteError(KgraphError):
    """A remote endpoint could not be reached, refused the request, or answered with an error."""


def auth(user: str | None = None, password: str | None = None, token: str | None = None):
    """Return the credentials to send: basic auth for a user, else a bearer token, else none.

    :param user: a user name for HTTP basic auth.
    :param password: its password.
    :param token: a bearer token; by default the value of ``$KGRAPH_TOKEN``, if set.
    :returns: something ``httpx`` accepts as ``auth=``, or None.
    """
    import httpx

    if user:
        return httpx.BasicAuth(user, password or "")
    token = token or os.environ.get(TOKEN_VARIABLE)
    if token:

        def bearer(request):
            request.headers["Authorization"] = f"Bearer {token}"
            return request

        return bearer
    return None


def _detail(response) -> str:
    text = " ".join(response.text.split())[:300]
    return f": {text}" if text else ""


def request(client, method: str, url, *, what: str, **kwargs):
    """Send one HTTP request and turn every failure into a :class:`RemoteError` that says what to do.

    :param client: an ``httpx.Client``.
    :param what: what the request does, for the message ("query", "upload chunk 2 of 5").
    :raises RemoteError: on a connection failure, a timeout, a dropped connection or a status >= 400;
        the error's ``transient`` attribute tells whether trying again may help.
    """
    import httpx

    where = str(httpx.URL(str(url)).copy_with(query=None))
    try:
        response = client.request(method, url, **kwargs)
    except httpx.ConnectError as error:
        refused = _error(f"{where}: cannot connect ({error}); is the server running at that address?", True)
        refused.connected = False  # nothing was sent, so sending again is always safe
        raise refused from None
    except httpx.TimeoutException:
        raise _error(
            f"{where}: no answer to the {what} in time; the server may be overloaded", True
        ) from None
    except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as error:
        raise _error(
            f"{where}: the server dropped the connection during the {what} ({error})", True
        ) from None
    except httpx.HTTPError as error:
        raise _error(f"{where}: the {what} failed: {error}", False) from None
    if response.status_code in (401, 403):
        raise _error(
            f"{where}: the server refused the {what} ({response.status_code} "
            f"{response.reason_phrase}); give --user and --password, or set ${TOKEN_VARIABLE}",
            False,
            response.status_code,
        )
    if response.status_code >= 400:
        transient = response.status_code >= 500 or response.status_code == 429
        raise _error(
            f"{where}: the {what} failed with {response.status_code} {response.reason_phrase}"
            + _detail(response),
            transient,
            response.status_code,
        )
    return response


def _error(message: str, transient: bool, status: int | None = None) -> RemoteError:
    error = RemoteError(message)
    error.transient = transient
    error.status = status
    return error


def _declare_prefixes(text: str) -> str:
    declared = {m.lower() for m in re.findall(r"PREFIX\s+([\w.-]*):", text, re.I)}
    used = [p for p in PREFIXES if p not in declared and re.search(rf"(?<![\w.-]){p}:", text)]
    header = "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in used)
    return header + text


def query_text(name_or_text: str, graph: Graph | None = None, **params) -> str:
    """Write a named query, a ``.rq`` file or SPARQL text, with its parameters, as standalone SPARQL.

    The project's prefixes that the text uses but does not declare are declared.

    :param name_or_text: a query name, a path to a ``.rq`` file, or SPARQL text.
    :param graph: the graph in which names given as parameter values are looked up.
    :raises UnknownQueryError: if no query has that name.
    :raises ParameterError: if a parameter is missing, unknown or of the wrong kind.

    >>> text = query_text("actor-roles", actor="kdr:kim-tae-ri")
    >>> "VALUES ?actor { <https://w3id.org/kdrama-kg/resource/kim-tae-ri> } }" in text
    True
    """
    from .queries import _bindings, resolve
    from .sparql_text import bind_values

    named = resolve(name_or_text)
    text = named.text if named is not None else name_or_text
    bindings = _bindings(named, params, graph)
    return _declare_prefixes(bind_values(text, {name: term.n3() for name, term in bindings.items()}))


def _term(value: dict):
    kind = value.get("type")
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        return BNode(value["value"])
    datatype = value.get("datatype")
    return Literal(
        value["value"], lang=value.get("xml:lang"), datatype=URIRef(datatype) if datatype else None
    )


def _answer(response):
    media = response.headers.get("content-type", "").split(";")[0].strip()
    if media in ("application/sparql-results+json", "application/json"):
        payload = response.json()
        if "boolean" in payload:
            return bool(payload["boolean"])
        columns = tuple(payload["head"]["vars"])
        rows = tuple(
            tuple(_term(b[c]) if c in b else None for c in columns) for b in payload["results"]["bindings"]
        )
        return QueryResult(columns=columns, rows=rows)
    fmt = {"text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "json-ld"}
    if media in fmt:
        return Graph().parse(data=response.content, format=fmt[media])
    raise RemoteError(f"the endpoint answered with {media or 'no media type'}, which kgraph cannot read")


def remote_query(
    endpoint: str,
    name_or_text: str,
    *,
    graph: Graph | None = None,
    credentials=None,
    timeout: float = 60.0,
    **params,
) -> QueryResult | bool | Graph:
    """Run a named query, a ``.rq`` file or SPARQL text on a remote SPARQL endpoint.

    :param endpoint: the endpoint's query URL, e.g. ``http://127.0.0.1:7878/query``.
    :param graph: the local graph in which names given as parameter values are looked up.
    :param credentials: what :func:`auth` returns.
    :param timeout: seconds to wait for the answer.
    :returns: a :class:`QueryResult` for SELECT, a bool for ASK, a graph for CONSTRUCT/DESCRIBE.
    :raises RemoteError: if the endpoint cannot be reached or answers with an error.
    """
    import httpx

    text = query_text(name_or_text, graph, **params)
    with httpx.Client(auth=credentials, timeout=timeout) as client:
        response = request(
            client, "POST", endpoint, what="query", data={"query": text}, headers={"Accept": _ACCEPT}
        )
    return _answer(response)


def remote_stats(endpoint: str, *, credentials=None, timeout: float = 60.0) -> dict:
    """Count on a remote endpoint what :func:`kgraph.stats.stats` counts locally, in its shape.

    :raises RemoteError: if the endpoint cannot be reached or answers with an error.
    """
    from .stats import _CLASSES

    def number(text: str) -> int:
        result = remote_query(endpoint, text, credentials=credentials, timeout=timeout)
        return int(result.rows[0][0]) if result.rows and result.rows[0][0] is not None else 0

    values = " ".join(f"<{c}>" for c in _CLASSES)
    per_class = remote_query(
        endpoint,
        f"SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {{ VALUES ?class {{ {values} }} ?s a ?class }}"
        " GROUP BY ?class",
        credentials=credentials,
        timeout=timeout,
    )
    found = {str(row[0]): int(row[1]) for row in per_class.rows}
    from .namespaces import curie

    classes = {curie(c): found.get(str(c), 0) for c in _CLASSES}
    scenes = "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a kd:ConfessionScene ; kd:evidenceLevel {} }}"
    return {
        "triples": number("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"),
        "classes": classes,
        "sources": classes["kd:Source"],
        "tropes": number("SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { ?t skos:inScheme kd:TropeScheme }"),
        "multiple_source_scenes": number(scenes.format("kd:MultipleSources")),
        "single_source_scenes": number(scenes.format("kd:SingleSource")),
        "disputed_scenes": number(scenes.format("kd:Disputed")),
    }
