"""Load a synthetic graph and run the co-star query end to end: kgraph against two plain scripts.

For each size, `kgraph synth` writes a synthetic graph as N-Triples; then each of these runs as a
fresh process (interpreter start, imports, parsing the ontology and the file, the co-star query,
CSV on stdout), once each, measured in wall time and peak resident memory (the child's own
``ru_maxrss``, from ``os.wait4``):

- ``rdflib``: a plain rdflib script, the baseline;
- ``oxigraph``: a hand-written pyoxigraph script, the floor;
- ``kgraph``: ``kgraph query costar-pairs --data FILE``, with the engine it chooses itself;
- ``kgraph-ox``: the same with ``--engine oxigraph``.

The answers of all four are compared row by row: a benchmark whose runs disagree is void. Each
figure is also given as a ratio against the baselines of the same invocation; absolute times on
shared machines are noise, the ratios are the numbers to watch. ``--results FILE`` writes the
table and the machine as Markdown.

Usage: python bench/scale.py [--sizes 10k,100k,1m] [--seed S] [--results bench/RESULTS.md]
"""

from __future__ import annotations

import argparse
import csv
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
TRIPLES_PER_DRAMA = 130

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


def _run(command: list[str], timeout: float) -> tuple[float | None, int, list[list[str]] | None]:
    """Run ``command``; return wall seconds, peak memory in MiB, and the CSV rows it printed.

    A run still going after ``timeout`` seconds is stopped: its time is None and its memory the
    peak it had reached (both lower bounds), and it has no rows.
    """
    with tempfile.TemporaryFile() as stdout:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=stdout, cwd=tempfile.gettempdir())
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
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            raise SystemExit(f"{command[0]} failed with exit code {process.returncode}")
        stdout.seek(0)
        rows = list(csv.reader(io.StringIO(stdout.read().decode("utf-8"))))
    return took, usage.ru_maxrss // 1024, rows


def _size(text: str) -> int:
    text = text.strip().lower()
    factor = {"k": 1_000, "m": 1_000_000}.get(text[-1], 1)
    return int(float(text.rstrip("km")) * factor)


def _label(triples: int) -> str:
    return f"{triples // 1_000_000}M" if triples >= 1_000_000 else f"{triples // 1_000}k"


def machine() -> str:
    """Describe the machine: cores, memory, Python and the libraries' versions."""
    from importlib.metadata import version

    memory = next(
        (line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if "MemTotal" in line),
        "0",
    )
    return (
        f"{os.cpu_count()} cores ({platform.processor() or platform.machine()}), "
        f"{int(memory) / 1024 / 1024:.1f} GiB memory, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, rdflib {version('rdflib')}, "
        f"pyoxigraph {version('pyoxigraph')}, oxrdflib {version('oxrdflib')}"
    )


def bench(size: int, seed: int, folder: Path, kgraph: str, timeout: float) -> dict:
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
    query = str(ROOT / "queries" / "costar-pairs.rq")
    ours = [kgraph, "query", "costar-pairs", "--data", str(data), "--format", "csv"]
    runs = {
        "rdflib": [sys.executable, "-c", RDFLIB, *ontology, str(data), query],
        "oxigraph": [sys.executable, "-c", OXIGRAPH, *ontology, str(data), query],
        "kgraph": ours,
        "kgraph-ox": [*ours, "--engine", "oxigraph"],
    }
    results = {}
    for name, command in runs.items():
        took, memory, rows = _run(command, timeout)
        results[name] = {"seconds": took, "mib": memory, "rows": rows}
        shown = f"{took:8.2f} s" if took is not None else f"> {timeout:.0f} s, stopped"
        answer = f"{len(rows) - 1} rows" if rows is not None else "no answer"
        print(f"  {_label(size)} {name:9} {shown} {memory:6d} MiB {answer}", flush=True)
    answers = {
        name: sorted(tuple(r) for r in run["rows"][1:]) for name, run in results.items() if run["rows"]
    }
    if len({tuple(a) for a in answers.values()}) != 1:
        raise SystemExit(f"the runs give different answers at {_label(size)}: the benchmark is void")
    data.unlink()
    rows = len(next(iter(answers.values())))
    return {"size": size, "triples": triples, "dramas": dramas, "rows": rows, "timeout": timeout, **results}


def table(rows: list[dict]) -> str:
    """Render the measurements as a Markdown table, each figure with its ratios."""
    lines = [
        "| size | triples | co-star pairs | rdflib s | oxigraph s | kgraph s | kgraph-ox s "
        "| rdflib / kgraph | kgraph / oxigraph | rdflib / kgraph-ox | kgraph-ox / oxigraph "
        "| rdflib MiB | oxigraph MiB | kgraph MiB | kgraph-ox MiB | kgraph / rdflib memory "
        "| kgraph-ox / rdflib memory |",
        "|---" * 17 + "|",
    ]
    for r in rows:
        # a stopped run counts as the timeout: its figures and the ratios against it are bounds
        over = {n: r[n]["seconds"] is None for n in ("rdflib", "oxigraph", "kgraph", "kgraph-ox")}
        rd, ox, kg, ko = (
            r[n]["seconds"] or r["timeout"] for n in ("rdflib", "oxigraph", "kgraph", "kgraph-ox")
        )
        rm, om, km, kom = (r[n]["mib"] for n in ("rdflib", "oxigraph", "kgraph", "kgraph-ox"))
        at_least = {n: "> " if stopped else "" for n, stopped in over.items()}
        base, mem = at_least["rdflib"], "< " if over["rdflib"] else ""
        lines.append(
            f"| {_label(r['size'])} | {r['triples']:,} | {r['rows']:,} | {base}{rd:.2f} | {ox:.2f} "
            f"| {kg:.2f} | {ko:.2f} | {base}{rd / kg:.1f}x | {kg / ox:.2f} | {base}{rd / ko:.1f}x "
            f"| {ko / ox:.2f} | {base}{rm} | {om} | {km} | {kom} | {mem}{km / rm:.2f} | {mem}{kom / rm:.2f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10k,100k,1m", help="triples, comma-separated (k, m allowed)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--results", type=Path, help="also write the table as Markdown to this file")
    parser.add_argument(
        "--timeout", type=float, default=600, help="stop a run after this many seconds (default 600)"
    )
    args = parser.parse_args()
    kgraph = shutil.which("kgraph", path=str(Path(sys.executable).parent)) or "kgraph"
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for size in (_size(s) for s in args.sizes.split(",")):
            rows.append(bench(size, args.seed, Path(folder), kgraph, args.timeout))
    about = machine()
    print(f"\n{about}\n\n{table(rows)}")
    if args.results:
        args.results.write_text(f"{about}\n\n{table(rows)}\n", encoding="utf-8")


if __name__ == "__main__":
    main()
