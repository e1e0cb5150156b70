"""Progress of long operations (parsing, validating, building graphs) on a terminal, with rich.

Progress goes to stderr, and only when stderr is a terminal and the ``rich`` package is installed:
piped or captured output (and so every test) shows nothing, and the library stays silent unless
the command line turns progress on.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from rich.progress import Progress

__all__ = ["enable", "enabled", "step", "track"]

T = TypeVar("T")
_state = {"enabled": False}


def enable(on: bool = True) -> None:
    """Turn progress display on or off; the command line turns it on, the library leaves it off."""
    _state["enabled"] = on


def enabled() -> bool:
    """Return True when progress would be shown: turned on, stderr a terminal, rich installed.

    >>> enabled()  # tests capture stderr
    False
    """
    if not _state["enabled"] or not sys.stderr.isatty():
        return False
    try:
        import rich  # noqa: F401
    except ImportError:
        return False
    return True


def _progress() -> Progress:
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )


def track(items: Iterable[T], description: str, *, total: int | None = None) -> Iterator[T]:
    """Yield ``items``, showing how many are done out of ``total`` while progress is shown.

    :param items: what to go through.
    :param description: what is being done, e.g. ``"parsing 3 files"``.
    :param total: how many items there are; ``len(items)`` when None and it has a length.
    :returns: the items, one by one.

    >>> list(track([1, 2], "counting"))
    [1, 2]
    """
    if not enabled():
        yield from items
        return
    if total is None and hasattr(items, "__len__"):
        total = len(items)  # type: ignore[arg-type]
    with _progress() as progress:
        task = progress.add_task(description, total=total)
        for item in items:
            name = getattr(item, "name", item)
            progress.update(task, description=f"{description} {name}" if _short(item) else description)
            yield item
            progress.advance(task)


def _short(item: object) -> bool:
    return isinstance(item, str | bytes) or type(item).__name__.endswith("Path")


@contextlib.contextmanager
def step(description: str) -> Iterator[None]:
    """Show a spinner with ``description`` while the block runs (for work of unknown length).

    >>> with step("validating"):
    ...     pass
    """
    if not enabled():
        yield
        return
    from rich.console import Console

    with Console(stderr=True).status(description):
        yield
