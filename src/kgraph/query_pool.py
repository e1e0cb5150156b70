"""Run SPARQL queries in worker processes that each hold the graph in an Oxigraph store.

Oxigraph evaluates a query in native code that cannot be interrupted, so the time limit is kept
the only sure way: a query that runs past it has its worker process killed, and a fresh worker
takes its place. The workers also let queries run on every core at once. The size limit stops
serialization as soon as the answer grows past it.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
import time
from dataclasses import dataclass

__all__ = ["RDF_FORMATS", "RESULT_FORMATS", "Answer", "QueryPool"]

#: results formats of SELECT and ASK: name -> media type
RESULT_FORMATS = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
}
#: graph formats of CONSTRUCT and DESCRIBE: name -> media type
RDF_FORMATS = {
    "turtle": "text/turtle; charset=utf-8",
    "nt": "application/n-triples",
    "json-ld": "application/ld+json",
    "xml": "application/rdf+xml",
}


@dataclass(frozen=True)
class Answer:
    """What to send back: an HTTP status, a media type and the body."""

    status: int
    media_type: str
    body: bytes


class _TooLargeError(Exception):
    pass


class _CappedBuffer:
    """A binary sink that refuses to grow past ``limit`` bytes."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.parts: list[bytes] = []
        self.size = 0

    def write(self, data) -> int:
        self.size += len(data)
        if self.size > self.limit:
            raise _TooLargeError
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass


def _text(status: int, message: str) -> tuple[int, str, bytes]:
    return status, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode("utf-8")


def _evaluate(store, prefixes: dict, request: tuple[str, str, str, int]) -> tuple[int, str, bytes]:
    import pyoxigraph as ox

    text, result_format, rdf_format, limit = request
    try:
        result = store.query(text, prefixes=prefixes)
    except SyntaxError as error:
        return _text(400, f"malformed query: {error}")
    sink = _CappedBuffer(limit)
    try:
        if isinstance(result, ox.QueryTriples):
            fmt = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES}.get(rdf_format)
            fmt = fmt or {"json-ld": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML}[rdf_format]
            used = prefixes if rdf_format == "turtle" else None
            ox.serialize(result, sink, format=fmt, prefixes=used)
            media = RDF_FORMATS[rdf_format]
        else:
            result.serialize(sink, getattr(ox.QueryResultsFormat, result_format.upper()))
            media = RESULT_FORMATS[result_format]
    except _TooLargeError:
        return _text(
            422,
            f"the answer is larger than this endpoint's limit of {limit} bytes: "
            "add a LIMIT or ask for fewer variables",
        )
    return 200, media, b"".join(sink.parts)


def _serve(connection, ntriples: bytes, prefixes: dict) -> None:  # pragma: no cover - in a child
    """The worker's loop: load the graph, then answer one request after another."""
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(ntriples, format=ox.RdfFormat.N_TRIPLES)
    connection.send("ready")
    while True:
        try:
            request = connection.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        try:
            connection.send(_evaluate(store, prefixes, request))
        except Exception as error:  # a failure of the store, not of the query: say so, go on
            connection.send(_text(500, f"the query could not be evaluated: {error}"))


class _Worker:
    def __init__(self, context, ntriples: bytes, prefixes: dict) -> None:
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, ntriples, prefixes), daemon=True)
        self.process.start()
        child.close()

    def wait_ready(self, timeout: float) -> None:
        if not self.connection.poll(timeout) or self.connection.recv() != "ready":
            self.stop()
            raise RuntimeError("a query worker did not start")

    def stop(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.connection.close()


class QueryPool:
    """A fixed number of worker processes, each holding the whole graph in an Oxigraph store.

    :param ntriples: the graph as N-Triples.
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
        self.timeout = timeout
        self.wait = max(30.0, 3 * timeout) if wait is None else wait
        self.max_bytes = max_bytes
        self._ntriples = ntriples
        self._prefixes = dict(prefixes or {})
        self._context = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._closed = False
        started = [_Worker(self._context, ntriples, self._prefixes) for _ in range(max(1, workers))]
        for worker in started:
            worker.wait_ready(120)
            self._idle.put(worker)
        self.size = len(started)

    def run(self, text: str, result_format: str = "json", rdf_format: str = "turtle") -> Answer:
        """Evaluate a query in a free worker and return the serialized answer (blocks).

        :param text: the SPARQL query, already screened.
        :param result_format: a name of :data:`RESULT_FORMATS`, used for SELECT and ASK.
        :param rdf_format: a name of :data:`RDF_FORMATS`, used for CONSTRUCT and DESCRIBE.
        :returns: status 200 with the results, 400 for a malformed query, 422 when the answer is
            over the size limit, 503 when the query ran out of time or no worker came free.
        """
        try:
            worker = self._idle.get(timeout=self.wait)
        except queue.Empty:
            return Answer(*_text(503, "every query worker is busy; try again later"))
        started = time.monotonic()
        try:
            worker.connection.send((text, result_format, rdf_format, self.max_bytes))
            if worker.connection.poll(self.timeout):
                status, media, body = worker.connection.recv()
                self._idle.put(worker)
                return Answer(status, media, body)
        except (EOFError, OSError):
            self._replace(worker)
            return Answer(*_text(500, "the query stopped its worker; it was restarted"))
        self._replace(worker)
        spent = time.monotonic() - started
        return Answer(
            *_text(503, f"the query ran out of time: the limit is {self.timeout:g} s ({spent:.1f} s)")
        )

    def _replace(self, worker: _Worker) -> None:
        worker.stop()
        if self._closed:
            return

        def start() -> None:
            fresh = _Worker(self._context, self._ntriples, self._prefixes)
            fresh.wait_ready(120)
            self._idle.put(fresh)

        threading.Thread(target=start, daemon=True).start()

    def close(self) -> None:
        """Stop every worker (once; closing again does nothing)."""
        if self._closed:
            return
        self._closed = True
        for _ in range(self.size):
            try:
                self._idle.get(timeout=self.timeout + 1).stop()
            except queue.Empty:
                break
