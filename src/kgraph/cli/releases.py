"""The ``kgraph release`` command: a release folder with every format and its metadata."""

from __future__ import annotations

import click

__all__ = ["release_command"]


@click.command("release")
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False),
    default="dist",
    show_default=True,
    metavar="DIR",
    help="Folder of releases; the release goes to DIR/<version>/.",
)
@click.option("--version", "version_", metavar="VERSION", help="Release version (default: the package's).")
@click.option(
    "--issued",
    metavar="YYYY-MM-DD",
    help="Release date (default: SOURCE_DATE_EPOCH, else the day the newest source was read).",
)
@click.option(
    "--release-url",
    metavar="URL",
    help="Where the release folder is published, for the w3id.org redirect rules "
    "(default: https://w3id.org/kdrama-kg/release/<version>/).",
)
@click.option("--no-site", is_flag=True, help="Leave out the static site and the redirect rules.")
def release_command(
    output: str, version_: str | None, issued: str | None, release_url: str | None, no_site: bool
) -> None:
    """Write a release folder: every format, ontology, shapes, context, docs and VoID/DCAT metadata,
    the static site (site/) and the w3id.org redirect rules (w3id.htaccess).

    Prints each file of the folder with its size in bytes (tab-separated). CHANGES compares the
    release with the newest earlier one in DIR. Releasing the same data twice gives the same bytes.

    \b
    Example:
      kgraph release -o dist/
    """
    from kgraph.release.build import release

    folder = release(output, version=version_, issued=issued, site=not no_site, release_url=release_url)
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        click.echo(f"{path.relative_to(folder).as_posix()}\t{path.stat().st_size}")
    click.echo(f"wrote {folder}", err=True)
