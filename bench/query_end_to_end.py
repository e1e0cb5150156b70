"""Time `kgraph query confessions` end to end against a plain rdflib script doing the same work.

Both run as fresh processes (interpreter start, imports, parsing every file, one query, output),
alternating, several times each; the script prints the medians and their ratio. Absolute times on
shared machines are noise: the ratio is the number to watch.

Usage: python bench/query_end_to_end.py [--runs N]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BASELINE = """
import sys, pathlib, rdflib
root = pathlib.Path(sys.argv[1])
graph = rdflib.Graph()
files = [root / "ontology/kdrama.ttl", root / "ontology/alignments.ttl"]
for path in files + sorted((root / "data").rglob("*.ttl")):
    graph.parse(path, format="turtle")
text = (root / "queries/confessions.rq").read_text()
for row in graph.query(text):
    sys.stdout.write(",".join("" if v is None else str(v) for v in row) + "\\n")
"""


def _time(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=tempfile.gettempdir())
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    kgraph = shutil.which("kgraph", path=str(Path(sys.executable).parent)) or "kgraph"
    ours = [kgraph, "query", "confessions", "--format", "csv"]
    baseline = [sys.executable, "-c", BASELINE, str(ROOT)]
    _time(ours), _time(baseline)  # warm the file cache
    times: dict[str, list[float]] = {"kgraph": [], "baseline": []}
    for _ in range(args.runs):
        times["kgraph"].append(_time(ours))
        times["baseline"].append(_time(baseline))
    ours_median = statistics.median(times["kgraph"])
    base_median = statistics.median(times["baseline"])
    print(f"kgraph query confessions: median {ours_median * 1000:.0f} ms over {args.runs} runs")
    print(f"plain rdflib script:      median {base_median * 1000:.0f} ms over {args.runs} runs")
    print(f"ratio kgraph / baseline:  {ours_median / base_median:.2f}")


if __name__ == "__main__":
    main()
