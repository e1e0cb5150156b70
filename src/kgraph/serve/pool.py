"""Run SPARQL queries in worker processes that each hold the graph in an Oxigraph store.

Oxigraph evaluates a query in native code that cannot be interrupted, so the time limit is kept
the only sure way: a query that runs past it has its worker process killed, and a fresh worker
takes its place. pebble's process pool does both; the workers also let queries run on every core
at once. The size limit stops serialization as soon as the answer grows past it.
"""

from __future__ import annotations

import multiprocessing
import threading
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Any

from kgraph import formats

__all__ = ["Answer", "QueryPool"]


@dataclass(frozen=True)
class Answer:
    """What to send back: an HTTP status, a media type and the body."""

    status: int
    media_type: str
    body: bytes


class _TooLarge(Exception):  # noqa: N818 - a signal between two functions of this module, never raised out
    pass


class _CappedBuffer:
    """A binary sink that refuses to grow past ``limit`` bytes."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.parts: list[bytes] = []
        self.size = 0

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if self.size > self.limit:
            raise _TooLarge
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass


def _text(status: int, message: str) -> Answer:
    return Answer(status, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode("utf-8"))


def media_type(name: str, *, results: bool) -> str:
    """Return the media type an answer in format ``name`` is sent with (text with its charset)."""
    if results:
        return formats.results_media_type(name)
    media = formats.media_type(name)
    return f"{media}; charset=utf-8" if name == "turtle" else media


# The worker's own state: the graph, loaded once when the worker starts.
_WORKER: dict[str, Any] = {}


def _start_worker(nquads: bytes, prefixes: dict[str, str]) -> None:  # pragma: no cover - in a child
    from kgraph.store.oxigraph import store_from

    _WORKER["store"] = store_from(nquads, "nq")  # N-Triples are N-Quads in the default graph
    _WORKER["prefixes"] = prefixes


def _ready() -> bool:  # pragma: no cover - in a child
    return "store" in _WORKER


def _evaluate(text: str, result_format: str, rdf_format: str, limit: int) -> Answer:  # pragma: no cover
    from kgraph.store.oxigraph import write_answer

    sink = _CappedBuffer(limit)
    try:
        written = write_answer(
            _WORKER["store"],
            text,
            sink,
            prefixes=_WORKER["prefixes"],
            result_format=result_format,
            rdf_format=rdf_format,
        )
    except SyntaxError as error:
        return _text(400, f"malformed query: {error}")
    except _TooLarge:
        return _text(
            422,
            f"the answer is larger than this endpoint's limit of {limit} bytes: "
            "add a LIMIT or ask for fewer variables",
        )
    if written == "results":
        return Answer(200, media_type(result_format, results=True), b"".join(sink.parts))
    return Answer(200, media_type(rdf_format, results=False), b"".join(sink.parts))


class QueryPool:
    """A fixed number of worker processes, each holding the whole graph in an Oxigraph store.

    :param ntriples: the graph as N-Triples, or a dataset as N-Quads.
    :param workers: how many queries may run at once (at least 1).
    :param timeout: seconds a query may take, serialization included, before its worker is killed.
    :param max_bytes: the largest answer, in bytes, that is sent back.
    :param prefixes: prefixes a query may use without declaring them.
    :param wait: seconds a query may wait for a free worker; by default 30, or 3 times ``timeout``.
    """

    def __init__(
        self,
        ntriples: bytes,
        *,
        workers: int = 2,
        timeout: float = 10.0,
        max_bytes: int = 10_000_000,
        prefixes: dict[str, str] | None = None,
        wait: float | None = None,
    ) -> None:
        from pebble import ProcessPool

        self.timeout = timeout
        self.wait = max(30.0, 3 * timeout) if wait is None else wait
        self.max_bytes = max_bytes
        self.size = max(1, workers)
        self._free = threading.BoundedSemaphore(self.size)
        self._running = 0
        self._closed = False
        self._pool = ProcessPool(
            max_workers=self.size,
            initializer=_start_worker,
            initargs=(ntriples, dict(prefixes or {})),
            context=multiprocessing.get_context("spawn"),
        )
        try:  # wait until the workers hold the graph, so the first query does not pay for it
            for future in [self._pool.schedule(_ready) for _ in range(self.size)]:
                if not future.result(timeout=120):
                    raise RuntimeError("a query worker did not start")
        except BaseException:
            self.close()
            raise

    def run(self, text: str, result_format: str = "json", rdf_format: str = "turtle") -> Answer:
        """Evaluate a query in a free worker and return the serialized answer (blocks).

        :param text: the SPARQL query, already screened.
        :param result_format: the results format of a SELECT or ASK answer (:mod:`kgraph.formats`).
        :param rdf_format: the RDF format of a CONSTRUCT or DESCRIBE answer.
        :returns: status 200 with the results, 400 for a malformed query, 422 when the answer is
            over the size limit, 503 when the query ran out of time or no worker came free.
        """
        from pebble import ProcessExpired

        if not self._free.acquire(timeout=self.wait):
            return _text(503, "every query worker is busy; try again later")
        self._running += 1
        try:
            future = self._pool.schedule(
                _evaluate, args=(text, result_format, rdf_format, self.max_bytes), timeout=self.timeout
            )
            try:
                return future.result()
            except FutureTimeout:
                return _text(503, f"the query ran out of time: the limit is {self.timeout:g} s")
            except ProcessExpired:
                return _text(500, "the query stopped its worker; it was restarted")
            except Exception as error:  # a failure of the store, not of the query: say so, go on
                return _text(500, f"the query could not be evaluated: {error}")
        finally:
            self._running -= 1
            self._free.release()

    @property
    def running(self) -> int:
        """How many queries are being answered now."""
        return self._running

    def close(self) -> None:
        """Stop every worker (once; closing again does nothing)."""
        if self._closed:
            return
        self._closed = True
        self._pool.stop()  # type: ignore[no-untyped-call]  # pebble does not annotate stop()
        self._pool.join(timeout=self.timeout + 5)
