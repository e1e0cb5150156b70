"""The commands that reach over the network: ``kgraph serve``."""

from __future__ import annotations

import os

import click

from .cli import _load, data_option

__all__ = ["serve"]


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
def serve(host, port, workers, timeout, max_result_bytes, data):
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
        from .server import serve as run
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise click.ClickException(
            f"kgraph serve needs the serve extra ({error.name} is missing): "
            "pip install 'kdrama-kgraph[serve]'"
        ) from None
    graph = _load(data)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: listening on {host}: other machines can reach this endpoint", err=True)

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
