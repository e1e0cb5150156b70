"""The ``kgraph synth`` command: write a synthetic graph, optionally with known defects."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import click

from .errors import KgraphError, OutputError

__all__ = ["synth", "write_synthetic"]


def write_synthetic(
    path: str | Path,
    dramas: int,
    *,
    seed: int = 0,
    fmt: str = "nt",
    defects: dict[str, int] | None = None,
) -> int:
    """Write a synthetic graph to ``path`` atomically, streaming N-Triples line by line.

    :param path: the file to write.
    :param dramas: how many dramas.
    :param seed: the random seed.
    :param fmt: ``nt`` (streamed, for any size) or ``turtle`` (built in memory first).
    :param defects: how many defects of each kind to inject (see ``kgraph.synth_defects``).
    :returns: the number of triples written.
    :raises OutputError: if the file cannot be written.
    :raises KgraphError: if the defects asked for cannot be injected.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_synthetic(folder / "g.nt", 2, seed=1) == len(open(folder / "g.nt").readlines())
    True
    """
    from .synth import synthetic_ntriples

    path = Path(path)
    lines = synthetic_ntriples(dramas, seed=seed, defects=defects)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"cannot write {path}: the folder {folder} does not exist")
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            if fmt == "nt":
                count = 0
                for count, line in enumerate(lines, 1):  # noqa: B007 - count is the result
                    stream.write(line + "\n")
            else:
                from rdflib import Graph

                from .namespaces import bind_prefixes

                graph = bind_prefixes(Graph().parse(data="\n".join(lines), format="nt"))
                count = len(graph)
                stream.write(graph.serialize(format="turtle"))
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {error.strerror or error}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return count


def _defect_help() -> str:
    from .synth_defects import DEFECTS

    return "\n".join(f"  {kind:26} {d.description} [{d.rule}]" for kind, d in DEFECTS.items())


class _SynthCommand(click.Command):
    def format_epilog(self, ctx, formatter):
        formatter.write_paragraph()
        formatter.write_text("Defect kinds (each breaks the rule in brackets once, in a drama of its own):")
        formatter.write("\n".join("  " + line for line in _defect_help().splitlines()) + "\n")


@click.command(cls=_SynthCommand)
@click.option("--dramas", type=click.IntRange(1), required=True, help="How many dramas (~130 triples each).")
@click.option("--seed", type=int, default=0, show_default=True, help="The same seed gives the same file.")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), required=True, metavar="FILE", help="File to write."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["nt", "turtle"]),
    help="N-Triples (streamed) or Turtle; by default from the suffix of FILE (.ttl: turtle), else nt.",
)
@click.option(
    "--defects",
    multiple=True,
    metavar="KIND=COUNT",
    help="Inject COUNT defects of KIND, each in a drama of its own (repeatable; kinds below).",
)
def synth(dramas, seed, output, fmt, defects):
    """Write a synthetic graph of the bundled graph's shape, for benchmarks and validator tests.

    Each drama has eight casting roles (actors reused Zipf-like across dramas) and two confession
    scenes with tropes. Without --defects the graph conforms to the shapes; with them, `kgraph
    validate` reports exactly the defects asked for, rule by rule.

    \b
    Example:
      kgraph synth --dramas 8000 --seed 1 -o synthetic-1m.nt
      kgraph synth --dramas 50 -o broken.ttl --defects no-korean-title=3 --defects episode-missing=2
    """
    from .synth_defects import parse_defects

    counts = parse_defects(defects)
    if fmt is None:
        fmt = "turtle" if Path(output).suffix == ".ttl" else "nt"
    try:
        triples = write_synthetic(output, dramas, seed=seed, fmt=fmt, defects=counts)
    except KgraphError as error:
        raise click.ClickException(str(error)) from None
    injected = ", ".join(f"{kind}={count}" for kind, count in counts.items() if count) or "none"
    click.echo(f"wrote {output}: {dramas} dramas, {triples} triples; defects: {injected}", err=True)
