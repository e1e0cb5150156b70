"""The options of ``kgraph validate`` that choose the shapes and the SHACL engine."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

__all__ = ["shapes_options"]


def shapes_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--shapes FILE`` (repeatable) and ``--validator auto|pyshacl|fast`` to a command."""
    command = click.option(
        "--validator",
        type=click.Choice(["auto", "pyshacl", "fast"]),
        default="auto",
        show_default=True,
        help="SHACL engine: pyshacl (the reference) or fast (the shapes compiled to SPARQL on Oxigraph, "
        "same results, or refused); auto runs fast on graphs loaded into Oxigraph (--data of 1 MiB or "
        "more) and pyshacl where fast refuses the shapes.",
    )(command)
    return click.option(
        "--shapes",
        "shapes_files",
        multiple=True,
        type=click.Path(exists=True, dir_okay=False),
        metavar="FILE",
        help="Validate against the SHACL shapes of this file (repeatable) in place of the bundled shapes.",
    )(command)
