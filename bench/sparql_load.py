"""Load-test `kgraph serve` against rdflib-endpoint serving the same files, in the same run.

Both servers run on 127.0.0.1 as separate processes and get the same requests: the named
queries (parameters bound to their examples), round-robin, from CONCURRENCY clients at once,
REQUESTS in all, after a warm-up. Before the load, each query's answer is checked to have the
same number of rows on both. The script prints requests per second, the median (p50) and 99th
percentile (p99) latency and the errors (any answer but 200) of each, and the ratios.

Usage: python bench/sparql_load.py [--requests N] [--warm-up R] [--concurrency C] [--workers W] [--json FILE]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import httpx

from kgraph import resources
from kgraph.sparql.binding import standalone_text
from kgraph.sparql.lexer import reads_named_graphs
from kgraph.sparql.named import list_queries

ACCEPT = {"Accept": "application/sparql-results+json"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _program(name: str) -> str:
    return shutil.which(name, path=str(Path(sys.executable).parent)) or name


def _wait(url: str, process: subprocess.Popen, seconds: float = 120.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{url}: the server exited with {process.returncode}")
        try:
            httpx.get(url, params={"query": "ASK {}"}, headers=ACCEPT, timeout=2)
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not come up")


def _queries() -> list[tuple[str, str]]:
    named = []
    for query in list_queries():
        if reads_named_graphs(query.text):  # rdflib-endpoint serves one graph, not the per-source dataset
            continue
        params = {p.name: p.example for p in query.parameters if p.required}
        named.append((query.name, standalone_text(query.name, params=params)))
    return named


def _rows(url: str, text: str) -> int:
    answer = httpx.post(url, data={"query": text}, headers=ACCEPT, timeout=120)
    answer.raise_for_status()
    return len(answer.json()["results"]["bindings"])


def _request_bytes(url: str, text: str) -> bytes:
    target = httpx.URL(url)
    body = urlencode({"query": text}).encode()
    head = (
        f"POST {target.raw_path.decode()} HTTP/1.1\r\nHost: {target.host}:{target.port}\r\n"
        "Accept: application/sparql-results+json\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


async def _read_answer(reader: asyncio.StreamReader) -> int:
    """Read one HTTP/1.1 answer (Content-Length or chunked) and return its status."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {
        k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)
    }
    if headers.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    else:
        await reader.readexactly(int(headers.get("content-length", "0")))
    return status


async def _load(url: str, queries: list[str], requests: int, concurrency: int) -> dict:
    """Send ``requests`` POSTs over ``concurrency`` kept-alive connections; time each answer.

    A small HTTP/1.1 client on asyncio streams, so that the load generator, which shares the
    CPU with the server, takes as little of it as it can.
    """
    payloads = [_request_bytes(url, text) for text in queries]
    target = httpx.URL(url)
    latencies: list[float] = []
    errors = 0
    next_index = 0

    async def one_client() -> None:
        nonlocal next_index, errors
        reader, writer = await asyncio.open_connection(target.host, target.port)
        try:
            while next_index < requests:
                payload = payloads[next_index % len(payloads)]
                next_index += 1
                started = time.perf_counter()
                try:
                    writer.write(payload)
                    if await _read_answer(reader) != 200:
                        errors += 1
                except (OSError, asyncio.IncompleteReadError, ValueError):
                    errors += 1
                    writer.close()
                    reader, writer = await asyncio.open_connection(target.host, target.port)
                latencies.append(time.perf_counter() - started)
        finally:
            writer.close()

    started = time.perf_counter()
    await asyncio.gather(*(one_client() for _ in range(concurrency)))
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "requests": len(latencies),
        "seconds": round(elapsed, 2),
        "rps": round(len(latencies) / elapsed, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p99_ms": round(latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000, 1),
        "errors": errors,
    }


def _start(command: list[str], url: str) -> subprocess.Popen:
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _wait(url, process)
    return process


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000, help="requests per server")
    parser.add_argument("--warm-up", type=int, default=2, help="untimed rounds of every query first")
    parser.add_argument("--concurrency", type=int, default=32, help="clients at once")
    parser.add_argument("--workers", type=int, default=None, help="kgraph serve --workers")
    parser.add_argument("--json", metavar="FILE", help="also write the numbers as JSON")
    args = parser.parse_args()

    files = [
        str(p) for p in (resources.ontology_path(), resources.alignments_path(), *resources.data_files())
    ]
    named = _queries()
    texts = [text for _name, text in named]
    ours_port, theirs_port = _free_port(), _free_port()
    ours_url = f"http://127.0.0.1:{ours_port}/sparql"
    theirs_url = f"http://127.0.0.1:{theirs_port}/"
    serve = [_program("kgraph"), "serve", "--port", str(ours_port)]
    if args.workers:
        serve += ["--workers", str(args.workers)]
    baseline = [
        _program("rdflib-endpoint"),
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(theirs_port),
        *files,
    ]

    results = {}
    for label, command, url in (
        ("kgraph serve (Oxigraph)", serve, ours_url),
        ("rdflib-endpoint", baseline, theirs_url),
    ):
        process = _start(command, url)
        try:
            counts = {name: _rows(url, text) for name, text in named}
            for _ in range(args.warm_up):  # rounds of every query before the timed requests
                for text in texts:
                    _rows(url, text)
            numbers = asyncio.run(_load(url, texts, args.requests, args.concurrency))
        finally:
            process.terminate()
            process.wait(30)
        results[label] = {"rows": counts, **numbers}

    (ours_label, ours), (theirs_label, theirs) = results.items()
    if ours["rows"] != theirs["rows"]:
        differ = [n for n in ours["rows"] if ours["rows"][n] != theirs["rows"].get(n)]
        print(f"warning: the servers disagree on the number of rows of: {', '.join(differ)}")
    print(f"{len(texts)} named queries, {args.requests} requests per server, ", end="")
    print(f"{args.concurrency} clients at once\n")
    print("| server | requests | req/s | p50 ms | p99 ms | errors |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, numbers in results.items():
        print(
            f"| {label} | {numbers['requests']} | {numbers['rps']} | {numbers['p50_ms']} | "
            f"{numbers['p99_ms']} | {numbers['errors']} |"
        )
    print(
        f"\nthroughput {ours['rps'] / theirs['rps']:.1f}x rdflib-endpoint's; "
        f"p99 {ours['p99_ms']} ms against {theirs['p99_ms']} ms"
    )
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    if ours["errors"] or theirs["errors"]:
        raise SystemExit(f"errors: {ours_label} {ours['errors']}, {theirs_label} {theirs['errors']}")


if __name__ == "__main__":
    main()
