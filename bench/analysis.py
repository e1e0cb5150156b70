"""Time `kgraph analyze costar` and its betweenness against plain networkx, on synthetic graphs.

For each size, `kgraph synth` writes a synthetic graph as N-Triples and these run, each as a fresh
process:

``analyze``: ``kgraph analyze costar --data FILE``, end to end (start, parsing, building the
  co-star network, degree, betweenness, Louvain communities, the report), in wall time.

Then the co-star network is built once and saved, and its betweenness is computed four ways, each
timed around the computation alone (the child process reads the network first):

- ``kgraph``: :func:`kgraph.networks.centrality.betweenness` as ``kgraph analyze`` calls it: exact
  up to 2,000 actors, else sampled from 2,000 sources with seed 42; on igraph when installed.
- ``kgraph-nx``: the same numbers with networkx doing the work (an install without igraph).
- ``nx-exact``: plain ``networkx.betweenness_centrality(g)``, exact, the baseline. It grows as
  nodes times edges; a run still going after ``--timeout`` seconds is stopped and shown as ``> T``.
- ``nx-sample``: ``networkx.betweenness_centrality(g, k=K, seed=42)`` from ``--sample`` sources.
  networkx's exact betweenness is one shortest-path search per node, each of about the same cost,
  so its time is estimated as this time times nodes / K. The table says which figures are
  estimates.

Where kgraph's betweenness is exact (up to 2,000 actors) and networkx's exact run finished, the two
sets of scores must agree to 1e-9, or the benchmark is void. The ratios compare runs of the same
invocation; absolute times on a shared machine are noise. ``--results FILE`` writes the tables as
Markdown.

Usage: python bench/analysis.py [--sizes 100k,1m,5m] [--timeout S] [--sample K] [--results FILE]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scale import TRIPLES_PER_DRAMA, _label, _size, machine, run_measured

SEED = 42

# Builds the co-star network of a file with kgraph and saves it as JSON (nodes and edges).
BUILD = """
import json, sys, kgraph
from kgraph.networks.builders import costar_graph
g = costar_graph(kgraph.load([sys.argv[1]]))
with open(sys.argv[2], "w", encoding="utf-8") as out:
    json.dump({"nodes": list(g), "edges": [list(e) for e in g.edges()]}, out)
"""

# Reads the saved network, times one way of computing betweenness, prints what it found as JSON.
CENTRALITY = """
import json, sys, time, networkx as nx
saved = json.load(open(sys.argv[1], encoding="utf-8"))
g = nx.Graph()
g.add_nodes_from(saved["nodes"])
g.add_edges_from(saved["edges"])
how, seed = sys.argv[2], int(sys.argv[3])
if how in ("kgraph", "kgraph-nx"):
    from kgraph.networks.centrality import _igraph, betweenness
    _igraph()  # imported before the clock starts, as networkx is
start = time.perf_counter()
if how in ("kgraph", "kgraph-nx"):
    found = betweenness(g, seed=seed, backend="networkx" if how == "kgraph-nx" else None)
    scores, method = found.scores, found.method
elif how == "nx-exact":
    scores, method = nx.betweenness_centrality(g), "exact"
else:
    k = int(how.split("=")[1])
    scores, method = nx.betweenness_centrality(g, k=k, seed=seed), f"sampled from {k} sources"
took = time.perf_counter() - start
try:
    import igraph
    library = "igraph " + igraph.__version__
except ImportError:
    library = "no igraph"
print(json.dumps({"seconds": took, "method": method, "nodes": len(g), "edges": g.number_of_edges(),
                  "library": library, "scores": scores if method == "exact" else None}))
"""


def _run(name: str, size: int, command: list[str], timeout: float) -> dict:
    took, memory, printed = run_measured(command, timeout)
    found = json.loads(printed) if printed and printed.strip().startswith(b"{") else {}
    seconds = found.get("seconds", took)
    shown = f"{seconds:8.2f} s" if took is not None else f"> {timeout:.0f} s, stopped"
    print(f"  {_label(size):>4} {name:10} {shown} {memory:7d} MiB {found.get('method', '')}", flush=True)
    return {"seconds": None if took is None else seconds, "mib": memory, **found}


def bench(size: int, folder: Path, kgraph: str, timeout: float, sample: int) -> dict:
    """Write a synthetic graph of about ``size`` triples; time the analysis and the betweenness runs."""
    dramas = max(1, round(size / TRIPLES_PER_DRAMA))
    data = folder / f"synthetic-{_label(size)}.nt"
    subprocess.run(
        [kgraph, "synth", "--dramas", str(dramas), "--seed", "1", "-o", str(data)],
        check=True,
        stderr=subprocess.DEVNULL,
    )
    with data.open("rb") as stream:
        triples = sum(1 for _ in stream)
    row: dict = {"size": size, "triples": triples, "timeout": timeout, "sample": sample}
    took, memory, _ = run_measured([kgraph, "analyze", "costar", "--data", str(data)], timeout)
    row["analyze"] = {"seconds": took, "mib": memory}
    shown = f"{took:8.2f} s" if took is not None else f"> {timeout:.0f} s, stopped"
    print(f"  {_label(size):>4} {'analyze':10} {shown} {memory:7d} MiB", flush=True)
    network = folder / "costar.json"
    subprocess.run([sys.executable, "-c", BUILD, str(data), str(network)], check=True)
    data.unlink()
    runs = {
        "kgraph": "kgraph",
        "kgraph-nx": "kgraph-nx",
        "nx-exact": "nx-exact",
        "nx-sample": f"nx-sample={sample}",
    }
    row["runs"] = {
        name: _run(name, size, [sys.executable, "-c", CENTRALITY, str(network), how, str(SEED)], timeout)
        for name, how in runs.items()
    }
    network.unlink()
    ours, exact = row["runs"]["kgraph"], row["runs"]["nx-exact"]
    row["nodes"], row["edges"] = ours["nodes"], ours["edges"]
    row["checked"] = False
    if ours["method"] == "exact" and exact.get("scores") is not None:
        worst = max(abs(ours["scores"][n] - exact["scores"][n]) for n in exact["scores"])
        if ours["scores"].keys() != exact["scores"].keys() or worst > 1e-9:
            raise SystemExit(f"kgraph's exact betweenness differs from networkx's at {_label(size)}: void")
        row["checked"] = True
    for run in row["runs"].values():
        run.pop("scores", None)
    return row


def _exact_seconds(row: dict) -> tuple[float, str]:
    """networkx's exact time: measured, or estimated from the sampled run (marked ``~``)."""
    exact = row["runs"]["nx-exact"]
    if exact["seconds"] is not None:
        return exact["seconds"], ""
    sampled = row["runs"]["nx-sample"]
    if sampled["seconds"] is None:
        return row["timeout"], "> "
    return sampled["seconds"] * row["nodes"] / min(row["sample"], row["nodes"]), "~"


def _ratio(x: float) -> str:
    return f"{x:.1f}x" if x < 10 else f"{x:,.0f}x"


def _secs(x: float) -> str:
    return f"{x:.2f}" if x < 10 else f"{x:,.0f}"


def _cell(run: dict, timeout: float) -> str:
    return f"{run['seconds']:.2f}" if run["seconds"] is not None else f"> {timeout:.0f}"


def table(rows: list[dict]) -> str:
    lines = [
        "| size | triples | actors | links | analyze s | kgraph s | kgraph method | kgraph-nx s "
        "| nx-exact s | nx-sample s | nx exact (measured or ~estimated) / kgraph | kgraph-nx / kgraph |",
        "|---" * 12 + "|",
    ]
    for r in rows:
        runs, t = r["runs"], r["timeout"]
        exact, mark = _exact_seconds(r)
        ours = runs["kgraph"]["seconds"]
        nx_ours = runs["kgraph-nx"]
        speedup = f"{mark}{_ratio(exact / ours)}" if ours else "n/a"
        plain = _ratio(nx_ours["seconds"] / ours) if ours and nx_ours["seconds"] else f"> {_ratio(t / ours)}"
        method = runs["kgraph"]["method"] + (", equal to nx-exact" if r["checked"] else "")
        lines.append(
            f"| {_label(r['size'])} | {r['triples']:,} | {r['nodes']:,} | {r['edges']:,} "
            f"| {_cell(r['analyze'], t)} | {_cell(runs['kgraph'], t)} | {method} "
            f"| {_cell(nx_ours, t)} | {_cell(runs['nx-exact'], t)} | {_cell(runs['nx-sample'], t)} "
            f"| {speedup} ({mark}{_secs(exact)} s) | {plain} |"
        )
    return "\n".join(lines)


def report(rows: list[dict]) -> str:
    library = rows[0]["runs"]["kgraph"].get("library", "") if rows else ""
    sample = rows[0]["sample"] if rows else 0
    notes = (
        f"kgraph's betweenness ran with {library}. nx-sample used {sample} sources; where nx-exact "
        "was stopped, its time is estimated as nx-sample's times actors / sources (marked ~)."
    )
    return "\n\n".join([machine(), table(rows), notes]) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100k,1m,5m", help="triples, comma-separated (k, m allowed)")
    parser.add_argument("--timeout", type=float, default=600, help="stop a run after this many seconds")
    parser.add_argument("--sample", type=int, default=100, help="sources of the nx-sample run")
    parser.add_argument("--results", type=Path, help="also write the table as Markdown to this file")
    args = parser.parse_args()
    if args.sample < 2:
        parser.error("--sample needs at least 2 sources")
    kgraph = shutil.which("kgraph", path=str(Path(sys.executable).parent)) or "kgraph"
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as folder:
        rows = [
            bench(size, Path(folder), kgraph, args.timeout, args.sample)
            for size in (_size(s) for s in args.sizes.split(","))
        ]
    text = report(rows)
    print(f"\n{text}(the benchmark took {time.monotonic() - started:.0f} s)")
    if args.results:
        args.results.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
