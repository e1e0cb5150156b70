"""Servers for the tests, all on 127.0.0.1: kgraph's endpoint in a thread, real Oxigraph and
Virtuoso servers in processes, and a proxy in front of a server that fails on cue."""

from __future__ import annotations

import http.server
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url: str, seconds: float = 30.0) -> None:
    """Poll ``url`` until it answers at all, or fail after ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            httpx.get(url, timeout=1.0)
            return
        except httpx.HTTPError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"{url} did not come up in {seconds:g} s") from None
            time.sleep(0.1)


@contextmanager
def kgraph_endpoint(graph, *, pages: bool = False, **pool_options) -> Iterator[str]:
    """Serve ``graph`` with kgraph's app on uvicorn in a thread; yield the /sparql URL.

    :param pages: answer ``/resource/<slug>`` and ``/ontology`` too, as ``kgraph serve`` does.
    """
    import uvicorn

    from kgraph.namespaces import PREFIXES
    from kgraph.serve.app import _examples, create_app
    from kgraph.serve.pool import QueryPool
    from kgraph.store.oxigraph.dataset import source_nquads

    prefixes = {name: str(ns) for name, ns in PREFIXES.items()}
    pool = QueryPool(source_nquads(graph), prefixes=prefixes, **pool_options)  # as `kgraph serve` does
    port = free_port()
    config = uvicorn.Config(
        create_app(pool, _examples(graph), _resolver(graph) if pages else None),
        host="127.0.0.1",
        port=port,
        log_level="error",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        wait_until_up(f"http://127.0.0.1:{port}/")
        yield f"http://127.0.0.1:{port}/sparql"
    finally:
        server.should_exit = True
        thread.join(10)
        pool.close()


def _resolver(graph):
    from kgraph.site.resolve import Resolver

    return Resolver(graph)


def oxigraph_binary() -> str:
    """The ``oxigraph`` server program that the ``oxigraph`` package puts beside this Python."""
    found = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    if not found:
        raise RuntimeError("the oxigraph server is not installed: pip install -e '.[test]'")
    return found


@contextmanager
def oxigraph_server() -> Iterator[str]:
    """Start an in-memory Oxigraph server on a free port; yield its base URL; stop it."""
    for _attempt in range(5):
        port = free_port()
        process = subprocess.Popen(
            [oxigraph_binary(), "serve", "--bind", f"127.0.0.1:{port}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            wait_until_up(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", 20)
        except RuntimeError:
            process.kill()
            process.wait()
            continue  # the port was taken between the probe and the bind: try another
        try:
            yield f"http://127.0.0.1:{port}"
        finally:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        return
    raise RuntimeError("could not start an Oxigraph server")


# Virtuoso's settings for a throwaway database: one directory, two local ports, no checkpoints,
# and answers capped at 10,000 rows as in Debian's virtuoso.ini.
_VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
ServerThreads = 10
CheckpointInterval = 0
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
DirsAllowed = {dir}

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 10
EnabledDavVSP = 0

[SPARQL]
ResultSetMaxRows = 10000
MaxQueryExecutionTime = 120
"""

# The anonymous user of /sparql and /sparql-graph-crud may write: a local test store has no users.
_VIRTUOSO_GRANTS = "GRANT SPARQL_UPDATE TO \"SPARQL\"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);"


def virtuoso_binaries() -> tuple[str, str]:
    """Debian's Virtuoso server and its SQL client (package ``virtuoso-opensource-7-bin``)."""
    server, client = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if not server or not client:
        raise RuntimeError(
            "Virtuoso is not installed: apt-get install virtuoso-opensource-7-bin (.ci/run does it)"
        )
    return server, client


@contextmanager
def virtuoso_server() -> Iterator[str]:
    """Start Virtuoso on free ports with a new database in a temporary directory; yield its HTTP base URL.

    Its SPARQL endpoint is ``/sparql`` and its Graph Store is ``/sparql-graph-crud``, which anyone
    may write to. The server and its directory are gone afterwards.
    """
    server, client = virtuoso_binaries()
    for _attempt in range(5):
        with tempfile.TemporaryDirectory(prefix="kgraph-virtuoso-") as folder:
            sql_port, http_port = free_port(), free_port()
            ini = Path(folder) / "virtuoso.ini"
            ini.write_text(_VIRTUOSO_INI.format(dir=folder, sql_port=sql_port, http_port=http_port))
            process = subprocess.Popen(
                [server, "+foreground", "+configfile", str(ini)],
                cwd=folder,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            base = f"http://127.0.0.1:{http_port}"
            try:
                wait_until_up(f"{base}/sparql?query=ASK%7B%7D", 60)
            except RuntimeError:
                _stop(process)
                continue  # a port was taken between the probe and the bind: try others
            try:
                subprocess.run(
                    [client, f"127.0.0.1:{sql_port}", "dba", "dba", f"exec={_VIRTUOSO_GRANTS}"],
                    check=True,
                    capture_output=True,
                    timeout=30,
                )
                yield base
            finally:
                _stop(process)
            return
    raise RuntimeError("could not start a Virtuoso server")


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class Proxy:
    """An HTTP proxy to ``upstream`` that does what ``plan`` says with each request.

    ``plan(number, method)`` returns ``"forward"``, ``"drop"`` (close the connection without an
    answer), ``"forward-then-drop"`` (the upstream gets the request, the client no answer), or an
    HTTP status to answer with instead of forwarding. Requests are numbered from 1.
    """

    def __init__(self, upstream: str, plan: Callable[[int, str], object]) -> None:
        self.upstream = upstream
        self.plan = plan
        self.requests: list[tuple[str, object]] = []
        self.headers: list[dict[str, str]] = []
        self.bodies: list[bytes] = []
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet
                pass

            def _handle(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                action = proxy.plan(len(proxy.requests) + 1, self.command)
                proxy.requests.append((self.command, action))
                proxy.headers.append(dict(self.headers))
                proxy.bodies.append(body)
                if action in ("forward", "forward-then-drop"):
                    headers = {
                        k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length")
                    }
                    answer = httpx.request(
                        self.command, proxy.upstream + self.path, content=body, headers=headers, timeout=30
                    )
                    if action == "forward-then-drop":
                        self.close_connection = True
                        return
                    self.send_response(answer.status_code)
                    for key in ("Content-Type",):
                        if key in answer.headers:
                            self.send_header(key, answer.headers[key])
                    self.send_header("Content-Length", str(len(answer.content)))
                    self.end_headers()
                    self.wfile.write(answer.content)
                elif action == "drop":
                    self.close_connection = True
                elif action == 204:  # pretend the request was carried out
                    self.send_response(204)
                    self.end_headers()
                else:
                    payload = f"injected failure {action}\n".encode()
                    self.send_response(int(action))
                    self.send_header("Content-Type", "text/plain")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_DELETE = _handle  # noqa: N815 - http.server names

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Proxy:
        self.thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self.server.shutdown()
        self.server.server_close()
