"""The commands that reach over the network: ``kgraph serve`` and ``kgraph push``."""

from __future__ import annotations

import functools
import os
import sys

import click

from kgraph.cli.support import DataOption, data_option
from kgraph.cli.support import load_data as _load

__all__ = ["push", "serve"]


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="0: any free port."
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=lambda: min(os.cpu_count() or 1, 4),
    show_default="cores, at most 4",
    help="Queries run at once, each in its own process.",
)
@click.option(
    "--timeout", default=10.0, show_default=True, type=click.FloatRange(0.1), help="Seconds a query may take."
)
@click.option(
    "--max-result-bytes",
    default=10_000_000,
    show_default=True,
    type=click.IntRange(1),
    help="Largest answer sent; a larger one gets 422.",
)
@data_option
def serve(
    host: str, port: int, workers: int, timeout: float, max_result_bytes: int, data: DataOption
) -> None:
    """Serve the graph read-only as a SPARQL 1.1 endpoint (needs kdrama-kgraph[serve]).

    Queries go to /sparql (GET, or POST as a form or as application/sparql-query); answers
    are SPARQL JSON, XML, CSV or TSV, and Turtle, N-Triples or JSON-LD for CONSTRUCT, by the
    Accept header. / is a page to try queries on, with the named queries as examples.
    Updates and SERVICE calls are refused; each query has a time and a size limit.

    \b
    Example:
      kgraph serve --port 8000
      curl -H 'Accept: text/csv' --data-urlencode 'query@queries/confessions.rq' http://127.0.0.1:8000/sparql
    """
    try:
        from kgraph.serve.app import serve as run
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise click.ClickException(
            f"kgraph serve needs the serve extra ({error.name} is missing): "
            "pip install 'kdrama-kgraph[serve]'"
        ) from None
    graph = _load(data)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: listening on {host}: other hosts can reach this endpoint", err=True)

    def ready(url: str) -> None:
        click.echo(f"serving {len(graph)} triples at {url} (Ctrl-C stops)", err=True)

    try:
        run(
            graph,
            host=host,
            port=port,
            workers=workers,
            timeout=timeout,
            max_bytes=max_result_bytes,
            ready=ready,
        )
    except OSError as error:
        raise click.ClickException(f"cannot serve on {host}:{port}: {error.strerror or error}") from None
    except KeyboardInterrupt:  # Ctrl-C is how a server is meant to stop
        click.echo("stopped", err=True)


@click.command()
@click.option(
    "--endpoint",
    required=True,
    metavar="URL",
    help="The store's Graph Store Protocol URL (Oxigraph: http://HOST:7878/store; Fuseki: .../DATASET/data; "
    "GraphDB: .../repositories/REPO/rdf-graphs/service; Virtuoso: http://HOST:8890/sparql-graph-crud).",
)
@click.option("--graph", "graph_iri", metavar="IRI", help="Target named graph; default: the default graph.")
@click.option(
    "--replace", is_flag=True, help="Replace the target graph's triples (pushing twice is harmless)."
)
@click.option("--user", help="User name for HTTP basic auth; else a bearer token from $KGRAPH_TOKEN, if set.")
@click.option("--password", envvar="KGRAPH_PASSWORD", help="Password for --user (or $KGRAPH_PASSWORD).")
@click.option(
    "--chunk-size", default=20_000, show_default=True, type=click.IntRange(1), help="Triples a request."
)
@click.option(
    "--query-endpoint",
    metavar="URL",
    help="The store's SPARQL query URL: count the triples afterwards with a COUNT query there, not by "
    "reading the graph back (faster for big graphs; needed where reads are capped, as in Virtuoso).",
)
@click.option(
    "--retries",
    default=4,
    show_default=True,
    type=click.IntRange(0),
    help="Tries again after a transient failure.",
)
@click.option(
    "--timeout", default=120.0, show_default=True, type=click.FloatRange(0.1), help="Seconds per request."
)
@data_option
def push(
    endpoint: str,
    graph_iri: str | None,
    replace: bool,
    user: str | None,
    password: str | None,
    chunk_size: int,
    query_endpoint: str | None,
    retries: int,
    timeout: float,
    data: DataOption,
) -> None:
    """Load the graph into a triple store (SPARQL 1.1 Graph Store Protocol) and check the count.

    Works with Oxigraph, Apache Jena Fuseki, GraphDB, Virtuoso and any store that speaks the
    protocol. The triples go in chunks, transient failures are retried, and the target graph's
    triples are counted afterwards: a count that differs is an error.

    \b
    Example:
      kgraph push --endpoint http://127.0.0.1:7878/store --replace
      kgraph push --endpoint http://localhost:3030/kdrama/data --graph https://w3id.org/kdrama-kg/ --user me
      kgraph push --endpoint http://localhost:8890/sparql-graph-crud --graph https://w3id.org/kdrama-kg/ \\
                  --query-endpoint http://localhost:8890/sparql --replace
    """
    from kgraph.remote.http import auth
    from kgraph.remote.push import push as run

    if user and password is None:
        if not sys.stdin.isatty():
            raise click.UsageError("--user needs --password (or $KGRAPH_PASSWORD)")
        password = click.prompt(f"password for {user}", hide_input=True, err=True)
    graph = _load(data)
    push_graph = functools.partial(
        run,
        graph,
        endpoint,
        graph_iri=graph_iri,
        replace=replace,
        credentials=auth(user, password),
        chunk_size=chunk_size,
        retries=retries,
        timeout=timeout,
        query_endpoint=query_endpoint,
    )
    if sys.stderr.isatty():
        with click.progressbar(length=len(graph), label="pushing", file=sys.stderr) as bar:
            report = push_graph(progress=bar.update)
    else:
        report = push_graph()
    target = f"graph <{graph_iri}>" if graph_iri else "the default graph"
    click.echo(
        f"pushed {report.triples} triples in {report.chunks} request(s) to {target} of {endpoint} "
        f"in {report.seconds:.1f} s; it now holds {report.count} triples"
        + (f" ({report.retries} request(s) retried)" if report.retries else "")
    )
    if report.merged:
        click.echo(
            f"Note: the store keeps typed literals by value, so {report.merged} triple(s) that differ "
            'from others only in how a literal is written (such as "01" and "1") were merged',
            err=True,
        )
