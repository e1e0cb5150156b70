"""The ``kgraph`` command line: a thin click layer over the library.

It parses options, calls the library, formats the answer and maps errors to exit codes:
0 success, 1 a user error (or, for ``validate``, data that does not conform), 2 could not run.
"""

from __future__ import annotations

import functools
import json
import sys

import click

from .errors import KgraphError
from .export import FORMATS
from .namespaces import curie
from .networks import BUILDERS, GRAPH_FORMATS
from .output import ROW_FORMATS

__all__ = ["main"]

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class _Group(click.Group):
    """Turn library errors into one short line on stderr, never a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except KgraphError as error:
            raise click.ClickException(str(error)) from None
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            raise click.Abort() from None
        except Exception as error:  # a bug: say so briefly, exit 2
            click.echo(f"Error: internal error ({type(error).__name__}: {error}); please report it", err=True)
            ctx.exit(2)


def _load(data):
    from .store import load

    replace, add = data
    if replace and add:
        raise click.UsageError("use --data (instead of the bundled data) or --add (beside it), not both")
    if add:
        return load(add, include_bundled=True)
    return load(replace or None)


def data_option(fn):
    """Add ``--data PATH`` (instead of the bundled data) and ``--add PATH`` (beside it), repeatable."""

    @functools.wraps(fn)
    def wrapper(*args, data, add, **kwargs):
        return fn(*args, data=(data, add), **kwargs)

    for name, help_text in (
        ("--add", "Read this RDF file or folder beside the bundled data (repeatable)."),
        ("--data", "Read this RDF file or folder instead of the bundled data (repeatable)."),
    ):
        wrapper = click.option(name, multiple=True, type=click.Path(), metavar="PATH", help=help_text)(
            wrapper
        )
    return wrapper


def output_option(fn):
    """Add ``-o/--output FILE``, written atomically."""
    return click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False),
        metavar="FILE",
        help="Write to FILE instead of stdout.",
    )(fn)


def _emit(text: str | bytes, output: str | None) -> None:
    from .export import write_atomic

    data = text.encode("utf-8") if isinstance(text, str) else text
    if output:
        write_atomic(output, data)
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(data.decode("utf-8"), nl=False)


@click.group(cls=_Group, context_settings=CONTEXT_SETTINGS)
@click.version_option(package_name="kdrama-kgraph", prog_name="kgraph")
def main():
    """Query, validate and export the K-drama love-confession knowledge graph.

    Every command works on the bundled graph, or on your own RDF files with --data PATH.

    \b
    Example:
      kgraph stats
      kgraph query confessions
      kgraph show "kim tae-ri"
    """


@main.command()
@data_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--endpoint", metavar="URL", help="Count on this remote SPARQL endpoint instead.")
def stats(data, fmt, endpoint):
    """Count triples, resources per class, sources and tropes.

    \b
    Example:
      kgraph stats --format json
      kgraph stats --endpoint http://127.0.0.1:7878/query
    """
    from .stats import stats as count

    if endpoint:
        from .remote import auth, remote_stats

        numbers = remote_stats(endpoint, credentials=auth())
    else:
        numbers = count(_load(data))
    if fmt == "json":
        click.echo(json.dumps(numbers, indent=2))
        return
    click.echo(f"triples: {numbers['triples']}")
    for name, value in numbers["classes"].items():
        click.echo(f"{name}: {value}")
    click.echo(f"tropes: {numbers['tropes']}")
    click.echo(f"disputed scenes: {numbers['disputed_scenes']}")
    click.echo(f"single-source scenes: {numbers['single_source_scenes']}")


@main.command()
@data_option
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "turtle"]), default="text", show_default=True
)
@output_option
@click.option("--no-checks", is_flag=True, help="Run the SHACL shapes only, not queries/checks/*.rq.")
def validate(data, fmt, output, no_checks):
    """Check the graph against the SHACL shapes and the quality checks.

    Each result names the file and line that define the resource, the resource, the property,
    the severity and what to fix. Exit code 0: conforms (warnings allowed); 1: does not
    conform; 2: could not run (for instance a file that is not valid RDF).

    \b
    Example:
      kgraph validate --data my-drama.ttl
    """
    from .validation import validate as run

    try:
        report = run(_load(data), checks=not no_checks)
    except KgraphError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(2)
    if fmt == "json":
        payload = {"conforms": report.conforms, "results": [r.as_dict() for r in report.results]}
        text = json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
        _emit(text, output)
    elif fmt == "turtle":
        _emit(report.report_graph.serialize(format="turtle"), output)
    else:
        _emit(report.text + "\n", output)
    sys.exit(0 if report.conforms else 1)


@main.command("queries")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def list_named_queries(fmt):
    """List the named queries with their titles and parameters.

    \b
    Example:
      kgraph queries
    """
    from .output import render_rows
    from .queries import list_queries

    rows = [
        {
            "name": q.name,
            "title": q.title,
            "parameters": ", ".join(
                f"{p.name}={p.example}" + ("" if p.required else " (optional)") for p in q.parameters
            ),
        }
        for q in list_queries()
    ]
    click.echo(render_rows(rows, fmt, ("name", "title", "parameters")), nl=False)


def _parse_params(values: tuple[str, ...]) -> dict[str, str]:
    params = {}
    for value in values:
        key, sep, text = value.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"'{value}': write parameters as KEY=VALUE", param_hint="-p/--param")
        params[key.strip()] = text
    return params


@main.command()
@click.argument("name", required=False, metavar="NAME|FILE.rq")
@click.option("--sparql", metavar="TEXT", help="Run this SPARQL text instead of a named query.")
@click.option(
    "-p", "--param", "params", multiple=True, metavar="KEY=VALUE", help="Bind a parameter (repeatable)."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(ROW_FORMATS),
    help="Row format; default table on a terminal, csv when piped.",
)
@output_option
@data_option
@click.option(
    "--endpoint",
    metavar="URL",
    help="Run it on this remote SPARQL endpoint instead (token from $KGRAPH_TOKEN, if set).",
)
def query(name, sparql, params, fmt, output, data, endpoint):
    """Run a named query, a .rq file, or SPARQL text, with parameters bound safely.

    Parameter values may be a CURIE (kdr:kim-tae-ri), an IRI, a name ("Kim Tae-ri") or a
    literal. `kgraph queries` lists the named queries and their parameters.

    \b
    Example:
      kgraph query confessions
      kgraph query actor-roles -p actor="Kim Tae-ri" --format json
      kgraph query --sparql 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
      kgraph query confessions --endpoint http://127.0.0.1:8000/sparql
    """
    from rdflib import Graph

    from .export import serialize
    from .output import render_rows
    from .queries import query as run

    if bool(name) == bool(sparql):
        raise click.UsageError("give a query NAME or FILE.rq, or --sparql TEXT (one of them)")
    if endpoint:
        from .remote import auth, remote_query

        result = remote_query(endpoint, sparql or name, credentials=auth(), **_parse_params(params))
    else:
        result = run(sparql or name, _load(data), **_parse_params(params))
    if isinstance(result, bool):
        _emit(("true" if result else "false") + "\n", output)
    elif isinstance(result, Graph):
        _emit(serialize(result, "turtle"), output)
    else:
        if fmt is None:
            fmt = "table" if sys.stdout.isatty() and not output else "csv"
        _emit(render_rows(result, fmt), output)


@main.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    default="turtle",
    show_default=True,
)
@click.option(
    "--view", metavar="NAME", help="Reshape the graph first: schema-org or wikidata (queries/views/)."
)
@output_option
@data_option
def export(fmt, view, output, data):
    """Write the whole graph as Turtle, N-Triples, JSON-LD, RDF/XML or TriG.

    JSON-LD is compacted with ontology/context.jsonld so it reads like plain JSON; TriG keeps
    each data file as a named graph. --view gives the graph in plain schema.org terms or with
    Wikidata's properties instead of the kd: vocabulary.

    \b
    Example:
      kgraph export --format json-ld -o out/kdrama.jsonld
      kgraph export --view wikidata --format nt
    """
    from .export import export as run

    _emit(run(_load(data), fmt, view=view), output)


@main.command()
@click.argument("thing")
@data_option
def show(thing, data):
    """Show everything the graph says about a drama, person, character or scene.

    THING is a CURIE, an IRI, or a name in English or Korean, matched forgivingly.

    \b
    Example:
      kgraph show "kim tae-ri"
      kgraph show kdr:twenty-five-twenty-one.confession-1
    """
    from .entities import AmbiguousEntityError, card, find

    graph = _load(data)
    try:
        node = find(thing, graph)
    except AmbiguousEntityError as error:
        click.echo(f"'{thing}' matches {len(error.candidates)} things; pick one:", err=True)
        for candidate, label, kind in error.candidates:
            click.echo(f"  {curie(candidate)}  {label}  ({kind})", err=True)
        sys.exit(1)
    click.echo(card(node, graph))


@main.command()
@click.argument("kind", type=click.Choice(list(BUILDERS)))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(GRAPH_FORMATS),
    default="graphml",
    show_default=True,
)
@output_option
@data_option
def graph(kind, fmt, output, data):
    """Build a networkx graph and write it as GraphML, GEXF, node-link JSON or a CSV edge list.

    costars: actors who share a drama; tropes: tropes shown by the same scene; confessions:
    who confessed to whom; dramas-actors: the bipartite cast graph.

    \b
    Example:
      kgraph graph costars --format graphml -o out/costars.graphml
    """
    from .networks import graph_bytes

    _emit(graph_bytes(BUILDERS[kind](_load(data)), fmt), output)


from .cli_remote import push, serve  # noqa: E402 - the commands use the options above

main.add_command(serve)
main.add_command(push)
