"""The ``kgraph synth`` command: write a synthetic graph, optionally with known defects."""

from __future__ import annotations

import click

from kgraph import formats
from kgraph.errors import KgraphError

__all__ = ["synth"]


def _defect_help() -> str:
    from kgraph.synth.defects import DEFECTS

    return "\n".join(f"  {kind:26} {d.description} [{d.rule}]" for kind, d in DEFECTS.items())


class _SynthCommand(click.Command):
    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
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
def synth(dramas: int, seed: int, output: str, fmt: str | None, defects: tuple[str, ...]) -> None:
    """Write a synthetic graph of the bundled graph's shape, for benchmarks and validator tests.

    Each drama has eight casting roles (actors reused Zipf-like across dramas) and two confession
    scenes with tropes. Without --defects the graph conforms to the shapes; with them, `kgraph
    validate` reports exactly the defects asked for, rule by rule.

    \b
    Example:
      kgraph synth --dramas 8000 --seed 1 -o synthetic-1m.nt
      kgraph synth --dramas 50 -o broken.ttl --defects no-korean-title=3 --defects episode-missing=2
    """
    from kgraph.synth.defects import parse_defects
    from kgraph.synth.write import write_synthetic

    counts = parse_defects(defects)
    if fmt is None:
        fmt = "turtle" if formats.rdf_format_of(output) == "turtle" else "nt"
    try:
        triples = write_synthetic(output, dramas, seed=seed, fmt=fmt, defects=counts)
    except KgraphError as error:
        raise click.ClickException(str(error)) from None
    injected = ", ".join(f"{kind}={count}" for kind, count in counts.items() if count) or "none"
    click.echo(f"wrote {output}: {dramas} dramas, {triples} triples; defects: {injected}", err=True)
