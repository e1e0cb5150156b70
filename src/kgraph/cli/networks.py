"""The ``kgraph graph``, ``kgraph analyze`` and ``kgraph plot`` commands: networks, answers and charts."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from kgraph.choices import ANALYSES, BILLINGS, CHARTS, GRAPH_KINDS
from kgraph.cli.support import DataOption, data_option, emit, load_data, output_option
from kgraph.formats import GRAPH_FORMATS, PICTURE_FORMATS

__all__ = ["analyze", "graph", "plot"]

_billing_option = click.option(
    "--billing",
    type=click.Choice(BILLINGS),
    multiple=True,
    help="Keep only roles with this billing (repeatable); costar and drama-actor graphs.",
)
_by_option = click.option(
    "--by",
    type=click.Choice(["scene", "drama"]),
    default="scene",
    show_default=True,
    help="Count tropes seen together in one scene, or in one drama; trope graphs.",
)


def _options(kind: str, billing: tuple[str, ...], by: str) -> dict[str, Any]:
    if billing and kind not in ("costar", "drama-actor"):
        raise click.UsageError(f"--billing applies to the costar and drama-actor graphs, not {kind}")
    if by != "scene" and not kind.startswith("trope"):
        raise click.UsageError(f"--by applies to the trope graphs, not {kind}")
    options: dict[str, tuple[str, ...] | str] = {}
    if billing:
        options["billing"] = billing
    if kind.startswith("trope"):
        options["by"] = by
    return options


@click.command()
@click.argument("kind", type=click.Choice(GRAPH_KINDS), metavar="KIND")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(GRAPH_FORMATS),
    help="File format; by default the suffix of -o, else graphml. png and svg need the plot extra, "
    "html (a page to pan, zoom and search) the interactive extra.",
)
@_billing_option
@_by_option
@output_option
@data_option
def graph(
    kind: str, fmt: str | None, billing: tuple[str, ...], by: str, output: str | None, data: DataOption
) -> None:
    """Build a networkx graph and write it for Gephi, networkx, a spreadsheet, a picture or a browser.

    \b
    costar           actors linked when they share a drama (weight: shared dramas)
    drama-actor      bipartite: dramas and actors, an edge per casting role
    trope            tropes linked when one scene (or drama, --by drama) shows both
    trope-bipartite  bipartite: scenes (or dramas) and the tropes they show
    confession       characters, an edge per scene from confessor to addressee
    rdf              every triple as an edge keyed by its predicate

    \b
    Example:
      kgraph graph costar -o out/costar.graphml
      kgraph graph costar --billing lead -o out/leads.png
      kgraph graph confession -o out/confession.html
      kgraph graph trope --by drama --format gexf -o out/tropes.gexf
    """
    from kgraph.networks import BUILDERS, graph_bytes, graph_format

    fmt = graph_format(output, fmt)
    if fmt in PICTURE_FORMATS and not output and sys.stdout.isatty():
        raise click.UsageError(f"a {fmt.upper()} picture is not for a terminal: write it with -o FILE")
    from kgraph.progress import step

    graph = load_data(data)
    with step(f"building the {kind} graph"):
        built = BUILDERS[kind](graph, **_options(kind, billing, by))
    with step(f"writing {fmt}"):
        payload = graph_bytes(built, fmt)
    if fmt in PICTURE_FORMATS and not output:
        sys.stdout.buffer.write(payload)
        return
    emit(payload, output)


@click.command()
@click.argument("kind", type=click.Choice(ANALYSES), default="costar", metavar="[costar|trope]")
@click.option("--top", type=click.IntRange(1), default=5, show_default=True, help="How many to list.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_billing_option
@_by_option
@output_option
@data_option
def analyze(
    kind: str, top: int, fmt: str, billing: tuple[str, ...], by: str, output: str | None, data: DataOption
) -> None:
    """Answer network questions: components, central nodes, communities, strongest links.

    costar: how the actors connect, who is most central (degree, betweenness), which groups form
    (Louvain communities, seeded) and which pairs share the most dramas. trope: the same for
    tropes, and which tropes are most often seen together.

    \b
    Example:
      kgraph analyze costar
      kgraph analyze trope --by drama --format json
    """
    from kgraph.networks import analyze as run
    from kgraph.progress import step

    graph = load_data(data)
    with step(f"analysing the {kind} graph"):
        report = run(kind, graph, top=top, **_options(kind, billing, by))
    text = (
        json.dumps(report.as_dict(), ensure_ascii=False, indent=2) + "\n"
        if fmt == "json"
        else report.render() + "\n"
    )
    emit(text, output)
    if report.betweenness_method != "exact" and not _has_igraph():
        click.echo(
            "note: betweenness ran on networkx; pip install 'kdrama-kgraph[analysis]' brings igraph, "
            "which gives the same numbers 50 to 100 times faster",
            err=True,
        )


def _has_igraph() -> bool:
    try:
        import igraph  # noqa: F401 - only whether it is there
    except ImportError:
        return False
    return True


@click.command()
@click.argument("chart", type=click.Choice(CHARTS), metavar="CHART")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False),
    metavar="FILE.png|FILE.svg",
    help="The picture to write; its suffix gives the format.",
)
@click.option("--top", type=click.IntRange(1), help="How many tropes the tropes chart shows.  [default: 15]")
@data_option
def plot(chart: str, output: str, top: int | None, data: DataOption) -> None:
    """Draw a bar chart of the confession scenes, counted by a SPARQL query (needs the plot extra).

    \b
    scenes-per-year  scenes by the year their drama first aired
    outcomes         scenes per outcome, and those with no outcome recorded
    settings         scenes per setting
    tropes           the most frequent tropes of scenes (--top N)

    \b
    Example:
      kgraph plot scenes-per-year -o scenes-per-year.png
      kgraph plot tropes --top 20 -o tropes.svg
    """
    from pathlib import Path

    from kgraph.formats import PICTURE_FORMATS

    if Path(output).suffix.lstrip(".").lower() not in PICTURE_FORMATS:
        raise click.BadParameter(
            f"{output}: a chart is written as FILE.png or FILE.svg", param_hint="'-o' / '--output'"
        )
    if top is not None and chart != "tropes":
        raise click.UsageError(f"--top applies to the tropes chart, not {chart}")
    from kgraph.cli.support import load_unless_bundled
    from kgraph.networks.charts import write_chart
    from kgraph.progress import step

    graph = load_unless_bundled(data)
    with step(f"drawing the {chart} chart"):
        write_chart(chart, output, graph, top=top or 15)
    click.echo(f"wrote {output}", err=True)
