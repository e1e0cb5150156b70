"""One slow part of a build run beside the rest, in a forked process, where the machine allows it.

The site's two network pages spend most of their time in the spring layout of the co-star network,
which needs nothing the resource pages need: on two cores both finish in the time of the longer.
A forked child inherits the graph as it is in memory, so nothing is pickled on the way in; only the
result comes back. Where fork is missing or unsafe (Windows, macOS) or there is one core, the job
runs in this process, at the moment its result is asked for.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

__all__ = ["Background", "can_fork"]

#: the job of the child being started; a fork inherits it, so it is never pickled
_JOB: Callable[[], Any] | None = None


def _run() -> Any:
    assert _JOB is not None
    return _JOB()


def can_fork() -> bool:
    """Whether a job can run in a forked process beside this one.

    >>> isinstance(can_fork(), bool)
    True
    """
    return (
        sys.platform.startswith("linux")
        and "fork" in multiprocessing.get_all_start_methods()
        and (os.cpu_count() or 1) > 1
    )


class Background:
    """``job()`` started now in a forked process; :meth:`result` waits for it and returns its value.

    Use it as a context manager, so the child is waited for even when the parent fails.

    >>> with Background(lambda: 6 * 7) as job:
    ...     job.result()
    42
    """

    def __init__(self, job: Callable[[], Any]) -> None:
        global _JOB
        self._job = job
        self._pool: ProcessPoolExecutor | None = None
        self._future = None
        if can_fork():
            _JOB = job
            try:  # with fork, the pool forks its worker here, while _JOB is this job
                self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
                self._future = self._pool.submit(_run)
            finally:
                _JOB = None

    def result(self) -> Any:
        """The job's value, or the exception it raised, raised here."""
        if self._future is None:
            return self._job()
        try:
            return self._future.result()
        except BrokenProcessPool:  # the child died (killed, out of memory): do the work here
            return self._job()

    def __enter__(self) -> Background:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
