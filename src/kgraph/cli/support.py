"""Plumbing shared by the ``kgraph`` commands: error handling, ``--data``/``--add``, ``-o``, output."""

from __future__ import annotations

import functools
import importlib
import os
import sys
import traceback
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar

import click

from kgraph.errors import KgraphError

if TYPE_CHECKING:
    from kgraph.store.graph import KnowledgeGraph

__all__ = [
    "CONTEXT_SETTINGS",
    "Group",
    "data_option",
    "emit",
    "load_data",
    "output_option",
    "traceback_option",
    "version_option",
]

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

F = TypeVar("F", bound=Callable[..., Any])
R = TypeVar("R")

#: what ``--data``, ``--add`` and ``--engine`` give a command, as its ``data`` argument
DataOption: TypeAlias = tuple[tuple[str, ...], tuple[str, ...], str | None]


class Group(click.Group):
    """Turn library errors into one short line on stderr, never a traceback; import commands on demand.

    :param lazy_commands: commands defined in other modules, as ``{name: "module:attribute"}``;
        a module is imported only when its command runs or the help lists it.
    """

    def __init__(self, *args: Any, lazy_commands: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_commands = dict(lazy_commands or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *self.lazy_commands})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.commands and name in self.lazy_commands:
            module, _, attribute = self.lazy_commands[name].partition(":")
            command = getattr(importlib.import_module(module, __package__), attribute)
            self.add_command(command, name)
        return super().get_command(ctx, name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KgraphError as error:
            _show_traceback(ctx)
            raise click.ClickException(str(error)) from None
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            raise click.Abort() from None
        except BrokenPipeError:  # the reader went away (| head): stop quietly, as Unix tools do
            _stop_writing()
            ctx.exit(141)  # 128 + SIGPIPE, what a shell reports for such a pipe
        except Exception as error:  # a bug: say so briefly, exit 2
            _show_traceback(ctx)
            click.echo(f"Error: internal error ({type(error).__name__}: {error}); please report it", err=True)
            if not _debugging(ctx):
                click.echo(f"Run again with --traceback (or {DEBUG_VARIABLE}=1) to see where.", err=True)
            ctx.exit(2)


def _stop_writing() -> None:
    """Point stdout at /dev/null, so that flushing it at exit raises no second broken pipe."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
    except (OSError, ValueError):  # no real stdout (a test runner's): nothing to flush
        pass


#: set to 1 to see the traceback of every error, as ``--traceback`` does
DEBUG_VARIABLE = "KGRAPH_DEBUG"


def _debugging(ctx: click.Context) -> bool:
    return bool(ctx.meta.get("kgraph.traceback")) or os.environ.get(DEBUG_VARIABLE, "") not in ("", "0")


def _show_traceback(ctx: click.Context) -> None:
    if _debugging(ctx):
        click.echo(traceback.format_exc().rstrip(), err=True)


def traceback_option(fn: F) -> F:
    """Add ``--traceback``: show the whole traceback of an error, not only its one-line message."""
    return click.option(
        "--traceback",
        is_flag=True,
        expose_value=False,
        is_eager=True,
        callback=lambda ctx, _param, value: ctx.meta.__setitem__("kgraph.traceback", value),
        help=f"Show the traceback of an error (as {DEBUG_VARIABLE}=1 does).",
    )(fn)


def load_data(data: DataOption, *, strict: bool = False) -> KnowledgeGraph:
    """Load what ``--data``, ``--add`` and ``--engine`` ask for; ``strict`` checks the syntax too."""
    from kgraph.store.loading import load

    replace, add, *rest = data
    engine = rest[0] if rest else None
    if replace and add:
        raise click.UsageError("use --data (instead of the bundled data) or --add (beside it), not both")
    if add:
        return load(add, include_bundled=True, engine=engine, strict=strict)
    return load(replace or None, engine=engine, strict=strict)


def bundled_on_oxigraph(data: DataOption) -> bool:
    """Say whether the options ask for the bundled graph alone, on Oxigraph (the default)."""
    replace, add, *rest = data
    return not replace and not add and (not rest or rest[0] in (None, "oxigraph"))


def load_unless_bundled(data: DataOption) -> KnowledgeGraph | None:
    """Load what ``--data``, ``--add`` and ``--engine`` ask for; None for the bundled graph on
    Oxigraph, which the library answers from Oxigraph alone, without importing rdflib."""
    return None if bundled_on_oxigraph(data) else load_data(data)


def data_option(fn: Callable[..., R]) -> Callable[..., R]:
    """Add ``--data PATH`` (instead of the bundled data), ``--add PATH`` (beside it), ``--engine``."""

    @functools.wraps(fn)
    def wrapper(
        *args: Any, data: tuple[str, ...], add: tuple[str, ...], engine: str | None, **kwargs: Any
    ) -> R:
        return fn(*args, data=(data, add, engine), **kwargs)

    wrapper = click.option(
        "--engine",
        type=click.Choice(["rdflib", "oxigraph"]),
        help="Store to load into; default oxigraph for the bundled data and for --data files of "
        "1 MiB or more, rdflib for smaller files.",
    )(wrapper)

    for name, help_text in (
        ("--add", "Read this RDF file or folder beside the bundled data (repeatable)."),
        ("--data", "Read this RDF file or folder instead of the bundled data (repeatable)."),
    ):
        wrapper = click.option(name, multiple=True, type=click.Path(), metavar="PATH", help=help_text)(
            wrapper
        )
    return wrapper


def output_option(fn: F) -> F:
    """Add ``-o/--output FILE``, written atomically."""
    return click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False),
        metavar="FILE",
        help="Write to FILE instead of stdout.",
    )(fn)


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from importlib.metadata import version

    click.echo(f"kgraph, version {version('kdrama-kgraph')}")
    ctx.exit()


def version_option(fn: F) -> F:
    """Add ``--version``, which reads the installed version (``importlib.metadata``) only when asked."""
    return click.option(
        "--version",
        is_flag=True,
        expose_value=False,
        is_eager=True,
        callback=_print_version,
        help="Show the version and exit.",
    )(fn)


def emit(text: str | bytes | Iterable[str], output: str | None) -> None:
    """Write ``text`` (whole, or in pieces) to the file ``output`` atomically, else to stdout."""
    pieces = [text] if isinstance(text, str | bytes) else text
    if output:
        from kgraph.files import write_atomic

        write_atomic(output, (p.encode("utf-8") if isinstance(p, str) else p for p in pieces))
        click.echo(f"wrote {output}", err=True)
    else:
        for piece in pieces:
            click.echo(piece.decode("utf-8") if isinstance(piece, bytes) else piece, nl=False)
