"""The ``kgraph`` command line: a thin click layer over the library.

It parses options, calls the library, formats the answer and maps errors to exit codes:
0 success, 1 a user error (or, for ``validate``, data that does not conform), 2 could not run.
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

import click

from kgraph.cli.shapes import shapes_options
from kgraph.cli.support import (
    CONTEXT_SETTINGS,
    DataOption,
    bundled_on_oxigraph,
    data_option,
    output_option,
    traceback_option,
    version_option,
)
from kgraph.cli.support import Group as _Group
from kgraph.cli.support import emit as _emit
from kgraph.cli.support import load_data as _load
from kgraph.cli.support import load_unless_bundled as _load_unless_bundled
from kgraph.errors import KgraphError
from kgraph.formats import EXPORT_FORMATS, QUERY_FORMATS

if TYPE_CHECKING:
    from rdflib import Graph

    from kgraph.sparql.results import QueryResult, RowStream

__all__ = ["main"]

# Commands of other modules, imported only when they run or the help lists them.
_COMMANDS_ELSEWHERE = {
    "analyze": "kgraph.cli.networks:analyze",
    "graph": "kgraph.cli.networks:graph",
    "plot": "kgraph.cli.networks:plot",
    "push": "kgraph.cli.remote:push",
    "release": "kgraph.cli.releases:release_command",
    "serve": "kgraph.cli.remote:serve",
    "site": "kgraph.cli.sites:site",
    "synth": "kgraph.cli.synth:synth",
}


@click.group(cls=_Group, context_settings=CONTEXT_SETTINGS, lazy_commands=_COMMANDS_ELSEWHERE)
@version_option
@traceback_option
def main() -> None:
    """Query, validate and export the K-drama love-confession knowledge graph.

    Every command works on the bundled graph, or on your own RDF files with --data PATH.

    \b
    Example:
      kgraph stats
      kgraph query confessions
      kgraph show "kim tae-ri"
    """
    import logging

    from kgraph.progress import enable

    enable(sys.stderr.isatty())  # parse, validate and graph builds show progress on a terminal
    # A literal that is not valid for its datatype ("sixteen"^^xsd:integer) is kept as written and
    # left to the shapes to judge; rdflib would log a traceback for each one it meets.
    logging.getLogger("rdflib.term").setLevel(logging.ERROR)


@main.command()
@data_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--endpoint", metavar="URL", help="Count on this remote SPARQL endpoint instead.")
def stats(data: DataOption, fmt: str, endpoint: str | None) -> None:
    """Count triples, resources per class, sources and tropes.

    \b
    Example:
      kgraph stats --format json
      kgraph stats --endpoint http://127.0.0.1:7878/query
    """
    from kgraph.describe.stats import stats as count

    if endpoint:
        from kgraph.remote.http import auth
        from kgraph.remote.query import remote_stats

        numbers = remote_stats(endpoint, credentials=auth())
    else:
        numbers = count(_load_unless_bundled(data))
    if fmt == "json":
        click.echo(json.dumps(numbers, indent=2))
        return
    click.echo(f"triples: {numbers['triples']}")
    for name, value in numbers["classes"].items():
        click.echo(f"{name}: {value}")
    click.echo(f"tropes: {numbers['tropes']}")
    scenes = numbers["classes"]["kd:ConfessionScene"]
    for kind in ("multiple-source", "single-source", "disputed"):
        found = numbers[f"{kind.replace('-', '_')}_scenes"]
        share = f" ({100 * found / scenes:.0f}%)" if scenes else ""
        click.echo(f"{kind} scenes: {found}{share}")
    sources = numbers["sources"]
    for label, key in (
        ("dated sources", "dated_sources"),
        ("sources whose page shows no date", "undated_sources"),
    ):
        found = numbers[key]
        share = f" ({100 * found / sources:.0f}%)" if sources else ""
        click.echo(f"{label}: {found}{share}")


@main.command()
@data_option
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "turtle"]), default="text", show_default=True
)
@output_option
@click.option("--no-checks", is_flag=True, help="Run the SHACL shapes only, not queries/checks/*.rq.")
@click.option(
    "--query",
    "query_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    metavar="FILE.rq",
    help="Check this SPARQL query file too (repeatable); the bundled queries are always checked.",
)
@shapes_options
@click.option(
    "--all-warnings",
    is_flag=True,
    help="List every warning in the text report; by default the first 5 of each rule, then a count.",
)
def validate(
    data: DataOption,
    fmt: str,
    output: str | None,
    no_checks: bool,
    query_files: tuple[str, ...],
    shapes_files: tuple[str, ...],
    validator: str,
    all_warnings: bool,
) -> None:
    """Check the graph against the SHACL shapes and the quality checks.

    Each result names the file and line that define the resource, the resource, the property,
    the severity and what to fix. Exit code 0: conforms (warnings allowed); 1: does not
    conform; 2: could not run (for instance a file that is not valid RDF, ill-formed shapes, or a
    query that is not valid SPARQL 1.1: the bundled queries and those given with --query are
    parsed strictly). --shapes validates against your own shapes in place of the bundled ones.

    \b
    Example:
      kgraph validate --data my-drama.ttl
      kgraph validate --query my-query.rq
      kgraph validate --data big.nt --validator fast
      kgraph validate --data my-drama.ttl --shapes my-shapes.ttl --no-checks
    """
    from kgraph.shacl.validate import validate as run
    from kgraph.sparql.named import query_file_errors

    problems = query_file_errors(query_files)
    for problem in problems:
        click.echo(f"Error: {problem}", err=True)
    if problems:
        sys.exit(2)
    try:
        graph = None if bundled_on_oxigraph(data) else _load(data, strict=True)
        report = run(graph, checks=not no_checks, validator=validator, shapes=shapes_files or None)
    except KgraphError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(2)
    for note in report.notes:
        click.echo(f"Note: {note}", err=True)
    if fmt == "json":
        payload = {"conforms": report.conforms, "results": [r.as_dict() for r in report.results]}
        text = json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
        _emit(text, output)
    elif fmt == "turtle":
        _emit(report.report_graph.serialize(format="turtle"), output)
    else:
        _emit(report.summary(None if all_warnings else 5) + "\n", output)
    sys.exit(0 if report.conforms else 1)


@main.command("queries")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def list_named_queries(fmt: str) -> None:
    """List the named queries with their titles and parameters.

    \b
    Example:
      kgraph queries
    """
    from kgraph.cli.output import render_rows
    from kgraph.sparql.headers import bundled_headers

    rows = [
        {
            "name": q.name,
            "title": q.title,
            "parameters": ", ".join(
                f"{p.name}={p.example}" + ("" if p.required else " (optional)") for p in q.parameters
            ),
        }
        for q in bundled_headers()
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


def _refuse_service(name_or_text: str) -> None:
    """Refuse a query that calls other endpoints (SERVICE): the command line calls no host unasked."""
    from kgraph.sparql.lexer import keywords
    from kgraph.sparql.named import resolve

    named = resolve(name_or_text)
    if "SERVICE" in keywords(named.text if named is not None else name_or_text):
        raise click.ClickException(
            "the query calls another SPARQL endpoint (SERVICE), and kgraph contacts no host you did not "
            "name: pass --allow-service to let it"
        )


@main.command()
@click.argument("name", required=False, metavar="NAME|FILE.rq")
@click.option("--sparql", metavar="TEXT", help="Run this SPARQL text instead of a named query.")
@click.option(
    "-p", "--param", "params", multiple=True, metavar="KEY=VALUE", help="Bind a parameter (repeatable)."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(QUERY_FORMATS),
    help="Row format; default table on a terminal, csv when piped; parquet needs -o FILE.",
)
@output_option
@data_option
@click.option(
    "--endpoint",
    metavar="URL",
    help="Run it on this remote SPARQL endpoint instead (token from $KGRAPH_TOKEN, if set).",
)
@click.option(
    "--allow-service",
    is_flag=True,
    help="Let a query's SERVICE clauses call the endpoints they name (refused otherwise).",
)
def query(
    name: str | None,
    sparql: str | None,
    params: tuple[str, ...],
    fmt: str | None,
    output: str | None,
    data: DataOption,
    endpoint: str | None,
    allow_service: bool,
) -> None:
    """Run a named query, a .rq file, or SPARQL text, with parameters bound safely.

    Parameter values may be a CURIE (kdr:kim-tae-ri), an IRI, a name ("Kim Tae-ri") or a
    literal. `kgraph queries` lists the named queries and their parameters.

    \b
    Example:
      kgraph query confessions
      kgraph query actor-roles -p actor="Kim Tae-ri" --format json
      kgraph query --sparql 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
      kgraph query confessions --format parquet -o confessions.parquet
      kgraph query confessions --endpoint http://127.0.0.1:8000/sparql
    """
    from kgraph.cli.output import stream_rows
    from kgraph.sparql.execute import query as run
    from kgraph.sparql.results import QueryResult as Table
    from kgraph.sparql.results import RowStream

    text = sparql or name
    if not text or (name and sparql):
        raise click.UsageError("give a query NAME or FILE.rq, or --sparql TEXT (one of them)")
    if fmt == "parquet" and not output:
        raise click.UsageError("--format parquet writes a file: give -o FILE")
    if not endpoint and not allow_service:
        _refuse_service(text)
    result: QueryResult | RowStream | bool | Graph
    if endpoint:
        from kgraph.remote.http import auth
        from kgraph.remote.query import remote_query

        result = remote_query(endpoint, text, _parse_params(params), credentials=auth())
    else:
        streamed = fmt in ("csv", "tsv", "jsonl") or (
            fmt is None and (bool(output) or not sys.stdout.isatty())
        )  # Parquet needs the terms, to type its columns: never streamed
        result = run(text, _load_unless_bundled(data), _parse_params(params), stream=streamed)
    if isinstance(result, bool):
        _emit(("true" if result else "false") + "\n", output)
    elif not isinstance(result, Table | RowStream):  # a CONSTRUCT or DESCRIBE answer: a graph
        from kgraph.release.export import serialize

        _emit(serialize(result, "turtle"), output)
    elif fmt == "parquet":
        from kgraph.sparql.frames import parquet_bytes

        if not isinstance(result, Table):  # only a SELECT answer is a table
            raise click.UsageError("--format parquet writes the rows of a SELECT query")
        _emit(parquet_bytes(result.to_pandas()), output)
    else:
        if fmt is None:
            fmt = "table" if sys.stdout.isatty() and not output else "csv"
        _emit(stream_rows(result, fmt), output)


@main.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
    default="turtle",
    show_default=True,
)
@click.option(
    "--view", metavar="NAME", help="Reshape the graph first: schema-org or wikidata (queries/views/)."
)
@output_option
@data_option
def export(fmt: str, view: str | None, output: str | None, data: DataOption) -> None:
    """Write the whole graph as Turtle, N-Triples, JSON-LD, RDF/XML or TriG.

    JSON-LD is compacted with ontology/context.jsonld so it reads like plain JSON; TriG keeps
    each data file as a named graph. --view gives the graph in plain schema.org terms or with
    Wikidata's properties instead of the kd: vocabulary.

    \b
    Example:
      kgraph export --format json-ld -o out/kdrama.jsonld
      kgraph export --view wikidata --format nt
    """
    from kgraph.release.export import can_export_as_written, export_files
    from kgraph.release.export import export as run

    replace, add, *_ = data
    if (replace or add) and view is None:  # your files, written as they are: no term rewritten
        from kgraph.store.loading import source_files

        files = source_files(add or replace, include_bundled=bool(add))
        if can_export_as_written(files):
            _emit(export_files(files, fmt), output)
            return
    _emit(run(_load_unless_bundled(data), fmt, view=view), output)


@main.command()
@click.argument("thing")
@data_option
def show(thing: str, data: DataOption) -> None:
    """Show everything the graph says about a drama, person, character or scene.

    THING is a CURIE, an IRI, or a name in English or Korean, matched forgivingly.

    \b
    Example:
      kgraph show "kim tae-ri"
      kgraph show kdr:twenty-five-twenty-one.confession-1
    """
    from kgraph.describe.cards import card_of
    from kgraph.describe.entities import find_term, term_curie
    from kgraph.describe.view import view_of
    from kgraph.errors import AmbiguousEntityError

    view = view_of(_load_unless_bundled(data))
    try:
        node = find_term(thing, view)
    except AmbiguousEntityError as error:
        click.echo(f"'{thing}' matches {len(error.candidates)} things; pick one:", err=True)
        for candidate, label, kind in error.candidates:
            click.echo(f"  {term_curie(candidate)}  {label}  ({kind})", err=True)
        sys.exit(1)
    click.echo(card_of(node, view))
