"""Load a synthetic graph and answer the co-star question end to end: kgraph against plain scripts.

For each size, `kgraph synth` writes a synthetic graph as N-Triples. Then two operations run, each
as fresh processes (interpreter start, imports, parsing the ontology and the file, the work, the
output), once each, measured in wall time and peak resident memory (the child's own
``ru_maxrss``, from ``os.wait4``):

``query``: the co-star query (``queries/costar-pairs.rq``), CSV on stdout.
  - ``rdflib``: a plain rdflib script (``Graph.parse``, ``Graph.query``), the baseline;
  - ``oxigraph``: a hand-written pyoxigraph script (``Store.bulk_load``, ``Store.query``), the floor;
  - ``kgraph``: ``kgraph query costar-pairs --data FILE --format csv``, on the engine it picks.

``graph``: the co-star network written as GraphML.
  - ``oxigraph+nx``: a hand-written script, the floor: pyoxigraph answers two SPARQL queries (who
    plays in which drama, and every name), networkx builds the graph with the same attributes
    and writes it as kgraph does;
  - ``kgraph``: ``kgraph graph costar --data FILE -o FILE.graphml``.

The answers are compared: the query's CSV rows across runs, the two GraphML files byte for byte. A
benchmark whose runs disagree is void. Each figure is also given as a ratio against the baselines
of the same invocation; absolute times on shared machines are noise, the ratios are the numbers to
watch. A run still going after ``--timeout`` seconds is stopped, and its figures become bounds.
``--results FILE`` writes the tables and the machine as Markdown.

Usage: python bench/scale.py [--sizes 10k,100k,1m] [--seed S] [--timeout S] [--results FILE]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRIPLES_PER_DRAMA = 118.4  # what `kgraph synth` writes per drama, on average

QUERY_RUNS = ("rdflib", "oxigraph", "kgraph")
GRAPH_RUNS = ("oxigraph+nx", "kgraph")

RDFLIB = """
import csv, sys, rdflib
graph = rdflib.Graph()
for path in sys.argv[1:-1]:
    graph.parse(path, format="nt" if path.endswith(".nt") else "turtle")
out = csv.writer(sys.stdout)
result = graph.query(open(sys.argv[-1], encoding="utf-8").read())
out.writerow([str(v) for v in result.vars])
for row in result:
    out.writerow(["" if v is None else str(v) for v in row])
"""

OXIGRAPH = """
import csv, sys, pyoxigraph as ox
store = ox.Store()
for path in sys.argv[1:-1]:
    store.bulk_load(path=path, format=ox.RdfFormat.N_TRIPLES if path.endswith(".nt") else ox.RdfFormat.TURTLE)
out = csv.writer(sys.stdout)
result = store.query(open(sys.argv[-1], encoding="utf-8").read())
out.writerow([v.value for v in result.variables])
for row in result:
    out.writerow(["" if v is None else v.value for v in row])
"""

OXIGRAPH_NETWORKX = """
import collections, itertools, sys, networkx as nx, pyoxigraph as ox
store = ox.Store()
for path in sys.argv[1:-1]:
    store.bulk_load(path=path, format=ox.RdfFormat.N_TRIPLES if path.endswith(".nt") else ox.RdfFormat.TURTLE)
prefixes = "PREFIX kd: <https://w3id.org/kdrama-kg/ontology#> PREFIX schema: <https://schema.org/> "
cast = collections.defaultdict(set)
for actor, drama in store.query(prefixes + "SELECT ?a ?d WHERE { ?r kd:actor ?a ; kd:drama ?d }"):
    cast[drama.value].add(actor.value)
names = collections.defaultdict(dict)
for node, name in store.query(prefixes + "SELECT ?n ?name WHERE { ?n schema:name ?name }"):
    names[node.value].setdefault(name.language, name.value)
films, shared = collections.Counter(), collections.defaultdict(list)
for drama in sorted(cast):
    films.update(cast[drama])
    for a, b in itertools.combinations(sorted(cast[drama]), 2):
        shared[a, b].append(names[drama]["en"])
g = nx.Graph(name="costar")
for actor in sorted(films):
    label_ko = names[actor].get("ko", "")
    g.add_node(actor, label=names[actor]["en"], label_ko=label_ko, kind="person", dramas=films[actor])
for (a, b), titles in sorted(shared.items()):
    g.add_edge(a, b, weight=len(titles), dramas="; ".join(sorted(titles)))
with open(sys.argv[-1], "wb") as out:
    out.write("\\n".join(nx.generate_graphml(g, encoding="utf-8", prettyprint=True)).encode("utf-8"))
"""


def run_measured(
    command: list[str], timeout: float, ok: tuple[int, ...] = (0,)
) -> tuple[float | None, int, bytes | None]:
    """Run ``command``; return wall seconds, peak memory in MiB, and what it printed.

    A run still going after ``timeout`` seconds is stopped: its time is None and its memory the
    peak it had reached (both lower bounds), and it printed nothing that counts.
    """
    with tempfile.TemporaryFile() as stdout:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, stdout=stdout, stderr=subprocess.DEVNULL, cwd=tempfile.gettempdir()
        )
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > timeout:
                process.kill()
                _, status, usage = os.wait4(process.pid, 0)
                return None, usage.ru_maxrss // 1024, None
            time.sleep(0.02)
        took = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code not in ok:
            raise SystemExit(f"{command[0]} {' '.join(command[1:3])} failed with exit code {code}")
        stdout.seek(0)
        return took, usage.ru_maxrss // 1024, stdout.read()


def _size(text: str) -> int:
    text = text.strip().lower()
    factor = {"k": 1_000, "m": 1_000_000}.get(text[-1], 1)
    return int(float(text.rstrip("km")) * factor)


def _label(triples: int) -> str:
    return f"{triples // 1_000_000}M" if triples >= 1_000_000 else f"{triples // 1_000}k"


def machine() -> str:
    """Describe the machine: cores, memory, load, Python and the libraries' versions."""
    from importlib.metadata import version

    memory = next(
        (line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if "MemTotal" in line),
        "0",
    )
    libraries = ", ".join(f"{name} {version(name)}" for name in ("rdflib", "pyoxigraph", "networkx"))
    return (
        f"{os.cpu_count()} cores ({platform.processor() or platform.machine()}), "
        f"{int(memory) / 1024 / 1024:.1f} GiB memory, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, {libraries}"
    )


def _measure(name: str, size: int, command: list[str], timeout: float, output: Path | None = None) -> dict:
    took, memory, printed = run_measured(command, timeout)
    if output is not None and took is not None:
        printed = output.read_bytes()
        output.unlink()
    shown = f"{took:8.2f} s" if took is not None else f"> {timeout:.0f} s, stopped"
    print(f"  {_label(size):>4} {name:12} {shown} {memory:7d} MiB", flush=True)
    return {"seconds": took, "mib": memory, "output": printed}


def _same(runs: dict, size: int, what: str, key) -> None:
    answers = {key(run["output"]) for run in runs.values() if run["output"] is not None}
    if len(answers) != 1:
        raise SystemExit(f"the {what} runs give different answers at {_label(size)}: the benchmark is void")


def _rows(printed: bytes) -> tuple:
    return tuple(sorted(tuple(r) for r in csv.reader(io.StringIO(printed.decode("utf-8")))))


def bench(size: int, seed: int, folder: Path, kgraph: str, timeout: float, operations: list[str]) -> dict:
    """Write a synthetic graph of about ``size`` triples and run the operations on it."""
    dramas = max(1, round(size / TRIPLES_PER_DRAMA))
    data = folder / f"synthetic-{_label(size)}.nt"
    subprocess.run(
        [kgraph, "synth", "--dramas", str(dramas), "--seed", str(seed), "-o", str(data)],
        check=True,
        stderr=subprocess.DEVNULL,
    )
    with data.open("rb") as stream:
        triples = sum(1 for _ in stream)
    ontology = [str(ROOT / "ontology" / "kdrama.ttl"), str(ROOT / "ontology" / "alignments.ttl")]
    row: dict = {"size": size, "triples": triples, "dramas": dramas, "timeout": timeout}
    if "query" in operations:
        query = str(ROOT / "queries" / "costar-pairs.rq")
        runs = {
            "rdflib": [sys.executable, "-c", RDFLIB, *ontology, str(data), query],
            "oxigraph": [sys.executable, "-c", OXIGRAPH, *ontology, str(data), query],
            "kgraph": [kgraph, "query", "costar-pairs", "--data", str(data), "--format", "csv"],
        }
        measured = {name: _measure(name, size, command, timeout) for name, command in runs.items()}
        _same(measured, size, "query", _rows)
        row["pairs"] = len(_rows(next(r["output"] for r in measured.values() if r["output"]))) - 1
        row["query"] = measured
    if "graph" in operations:
        out = folder / "costar.graphml"
        runs = {
            "oxigraph+nx": [sys.executable, "-c", OXIGRAPH_NETWORKX, *ontology, str(data), str(out)],
            "kgraph": [kgraph, "graph", "costar", "--data", str(data), "-o", str(out)],
        }
        measured = {name: _measure(name, size, command, timeout, out) for name, command in runs.items()}
        _same(measured, size, "graph", lambda printed: hashlib.sha256(printed).hexdigest())
        row["graph"] = measured
    data.unlink()
    return row


def _seconds(run: dict, timeout: float) -> tuple[float, str]:
    """A run's seconds, and ``> `` when it was stopped (its time is then a lower bound)."""
    return (run["seconds"], "") if run["seconds"] is not None else (timeout, "> ")


def query_table(rows: list[dict]) -> str:
    """The query operation, each figure with its ratios to the baseline and the floor."""
    lines = [
        "| size | triples | co-star pairs | rdflib s | oxigraph s | kgraph s | rdflib / kgraph "
        "| kgraph / oxigraph | rdflib MiB | oxigraph MiB | kgraph MiB | kgraph / rdflib memory |",
        "|---" * 12 + "|",
    ]
    for r in (r for r in rows if "query" in r):
        runs = r["query"]
        (rd, over), (ox, _), (kg, _) = (
            _seconds(runs[n], r["timeout"]) for n in ("rdflib", "oxigraph", "kgraph")
        )
        rm, om, km = (runs[n]["mib"] for n in QUERY_RUNS)
        below = "< " if over else ""  # a stopped baseline had not reached its peak: ours is at most this
        lines.append(
            f"| {_label(r['size'])} | {r['triples']:,} | {r['pairs']:,} | {over}{rd:.2f} | {ox:.2f} "
            f"| {kg:.2f} | {over}{rd / kg:.1f}x | {kg / ox:.2f} | {over}{rm} | {om} | {km} "
            f"| {below}{km / rm:.2f} |"
        )
    return "\n".join(lines)


def graph_table(rows: list[dict]) -> str:
    """The graph operation against its floor."""
    lines = [
        "| size | triples | oxigraph+nx s | kgraph s | kgraph / floor | oxigraph+nx MiB | kgraph MiB |",
        "|---" * 7 + "|",
    ]
    for r in (r for r in rows if "graph" in r):
        runs = r["graph"]
        (fl, _), (kg, over) = (_seconds(runs[n], r["timeout"]) for n in GRAPH_RUNS)
        lines.append(
            f"| {_label(r['size'])} | {r['triples']:,} | {fl:.2f} | {over}{kg:.2f} | {over}{kg / fl:.2f} "
            f"| {runs['oxigraph+nx']['mib']} | {runs['kgraph']['mib']} |"
        )
    return "\n".join(lines)


def curve_table(rows: list[dict]) -> str:
    """Seconds per 100k triples of every run at every size: constant along a row means linear."""
    series = [
        (operation, name)
        for operation, names in (
            ("query", ("rdflib", "oxigraph", "kgraph")),
            ("graph", ("oxigraph+nx", "kgraph")),
        )
        for name in names
        if any(operation in r for r in rows)
    ]
    sizes = [_label(r["size"]) for r in rows]
    lines = ["| run | " + " | ".join(sizes) + " |", "|---" * (len(sizes) + 1) + "|"]
    for operation, name in series:
        cells = []
        for r in rows:
            if operation not in r:
                cells.append("")
                continue
            seconds, over = _seconds(r[operation][name], r["timeout"])
            cells.append(f"{over}{seconds / r['triples'] * 100_000:.2f}")
        lines.append(f"| {operation}: {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def report(rows: list[dict]) -> str:
    parts = [machine()]
    if any("query" in r for r in rows):
        parts += ["Load and the co-star query:", query_table(rows)]
    if any("graph" in r for r in rows):
        parts += ["The co-star network as GraphML:", graph_table(rows)]
    parts += ["Seconds per 100k triples:", curve_table(rows)]
    return "\n\n".join(parts) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10k,100k,1m", help="triples, comma-separated (k, m allowed)")
    parser.add_argument("--operations", default="query,graph", help="query, graph or both (default)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--results", type=Path, help="also write the tables as Markdown to this file")
    parser.add_argument(
        "--timeout", type=float, default=600, help="stop a run after this many seconds (default 600)"
    )
    args = parser.parse_args()
    operations = [o.strip() for o in args.operations.split(",")]
    unknown = set(operations) - {"query", "graph"}
    if unknown:
        parser.error(f"unknown operation {', '.join(sorted(unknown))}: use query or graph")
    kgraph = shutil.which("kgraph", path=str(Path(sys.executable).parent)) or "kgraph"
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for size in (_size(s) for s in args.sizes.split(",")):
            rows.append(bench(size, args.seed, Path(folder), kgraph, args.timeout, operations))
    text = report(rows)
    print(f"\n{text}", end="")
    if args.results:
        args.results.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
