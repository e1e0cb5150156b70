"""The ``kgraph site`` command: the static site of the graph."""

from __future__ import annotations

import click

from kgraph.cli.support import DataOption, data_option
from kgraph.cli.support import load_data as _load

__all__ = ["site"]


@click.command("site")
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False),
    default="site",
    show_default=True,
    metavar="DIR",
    help="Folder of the site; replaced whole once the new site is written.",
)
@click.option("--no-networks", is_flag=True, help="Leave out the interactive network pages (faster).")
@data_option
def site(output: str, no_networks: bool, data: DataOption) -> None:
    """Write the static site: a page per drama, person, character, scene, trope, network and source.

    Index pages list dramas (sortable) and scenes (filterable); search finds names in English or
    Hangul however they are romanised. Each page embeds its schema.org JSON-LD and has its
    Turtle and JSON-LD beside it. The site opens from file:// or any static host.

    \b
    Example:
      kgraph site -o site/
    """
    from kgraph.site.build import build_site

    graph = _load(data)
    report = build_site(output, graph, networks=not no_networks)
    for kind, count in report.pages.items():
        click.echo(f"{kind}\t{count}")
    name, size = report.largest
    click.echo(
        f"wrote {report.files} files to {report.folder} in {report.seconds:.1f} s;"
        f" largest page {name} ({size} bytes)",
        err=True,
    )
