"""Validate synthetic graphs with known defects: pySHACL, the reference, against the fast validator.

For each size, `kgraph synth` writes a synthetic graph as N-Triples with every kind of defect
injected (``kgraph.synth.defects``), then each validator runs as a fresh process (interpreter
start, imports, loading the file, the shapes, the report as Turtle), measured in wall time and
peak resident memory:

- ``pyshacl``: ``kgraph validate --data FILE --no-checks --validator pyshacl``, the baseline;
- ``fast``: the same with ``--validator fast`` (the shapes compiled to SPARQL on Oxigraph).

Both reports are compared result by result on focus node, path, value, source shape, constraint
component, severity and message; and each must report exactly the defects injected, rule by rule.
A benchmark whose validators disagree is void. pySHACL is stopped after ``--timeout`` seconds (its
time is then a lower bound) and not run at all above ``--pyshacl-max`` triples. The ratio
pyshacl / fast is the figure to watch; absolute times on a shared machine are noise.

Usage: python bench/validation.py [--sizes 10k,100k,1m] [--pyshacl-max 100k] [--timeout 600]
       [--results FILE]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from scale import TRIPLES_PER_DRAMA, _label, _size, machine, run_measured

from kgraph.shacl.fast import report_findings
from kgraph.synth.defects import DEFECTS


def _run(command: list[str], report: Path, timeout: float) -> tuple[float | None, int, Counter | None]:
    """Run ``command``; return wall seconds, peak memory in MiB, and the results it reported.

    A run still going after ``timeout`` seconds is stopped: its time is None and it has no results.
    """
    from rdflib import Graph

    # exit code 1: the graph does not conform, as it was built not to
    took, memory, _ = run_measured([*command, "-o", str(report)], timeout, ok=(0, 1))
    if took is None:
        return None, memory, None
    return took, memory, report_findings(Graph().parse(report, format="turtle"))


def bench(size: int, seed: int, folder: Path, kgraph: str, timeout: float, pyshacl_max: int) -> dict:
    dramas = max(2 * len(DEFECTS), round(size / TRIPLES_PER_DRAMA))
    each = max(1, dramas // 1000)
    data = folder / f"synthetic-{_label(size)}.nt"
    defects = [arg for kind in DEFECTS for arg in ("--defects", f"{kind}={each}")]
    subprocess.run(
        [kgraph, "synth", "--dramas", str(dramas), "--seed", str(seed), "-o", str(data), *defects],
        check=True,
        stderr=subprocess.DEVNULL,
    )
    with data.open("rb") as stream:
        triples = sum(1 for _ in stream)
    command = [kgraph, "validate", "--data", str(data), "--no-checks", "--format", "turtle"]
    runs = {}
    for name in ("pyshacl", "fast"):
        if name == "pyshacl" and triples > pyshacl_max:
            runs[name] = {"seconds": None, "mib": 0, "findings": None, "skipped": True}
            print(f"  {_label(size)} {name:8} not run above {_label(pyshacl_max)}", flush=True)
            continue
        took, memory, findings = _run([*command, "--validator", name], folder / f"{name}.ttl", timeout)
        runs[name] = {"seconds": took, "mib": memory, "findings": findings, "skipped": False}
        shown = f"{took:8.2f} s" if took is not None else f"> {timeout:.0f} s, stopped"
        answer = f"{sum(findings.values())} results" if findings is not None else "no answer"
        print(f"  {_label(size)} {name:8} {shown} {memory:6d} MiB {answer}", flush=True)
    answers = [run["findings"] for run in runs.values() if run["findings"] is not None]
    if any(answer != answers[0] for answer in answers):
        raise SystemExit(f"the validators give different results at {_label(size)}: the benchmark is void")
    # a result's rule: its SPARQL constraint, else its shape (as kgraph reports it)
    rules = Counter(str(found[7] or found[3]).rsplit("#", 1)[-1] for found in answers[0].elements())
    expected = Counter({DEFECTS[kind].rule.split(":", 1)[1]: each for kind in DEFECTS})
    if rules != expected:
        raise SystemExit(f"at {_label(size)} the results are not the defects injected: {rules}")
    data.unlink()
    agreed = "both agree" if len(answers) == 2 else "fast only"
    return {"size": size, "triples": triples, "results": sum(answers[0].values()), "agreed": agreed, **runs}


def table(rows: list[dict]) -> str:
    """Render the measurements as a Markdown table, with the ratio pyshacl / fast."""
    lines = [
        "| size | triples | results | pyshacl s | fast s | pyshacl / fast | pyshacl MiB | fast MiB "
        "| compared |",
        "|---" * 9 + "|",
    ]
    for r in rows:
        ps, fast = r["pyshacl"], r["fast"]
        if ps["skipped"]:
            seconds, ratio, memory = "not run", "", ""
        else:
            bound = "> " if ps["seconds"] is None else ""
            taken = ps["seconds"] or r["timeout"]
            seconds, ratio, memory = (
                f"{bound}{taken:.2f}",
                f"{bound}{taken / fast['seconds']:.1f}x",
                ps["mib"],
            )
        lines.append(
            f"| {_label(r['size'])} | {r['triples']:,} | {r['results']} | {seconds} | {fast['seconds']:.2f} "
            f"| {ratio} | {memory} | {fast['mib']} | {r['agreed']} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10k,100k,1m", help="triples, comma-separated (k, m allowed)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=600, help="stop pySHACL after this many seconds")
    parser.add_argument("--pyshacl-max", default="100k", help="do not run pySHACL above this many triples")
    parser.add_argument("--results", type=Path, help="also write the table as Markdown to this file")
    args = parser.parse_args()
    kgraph = shutil.which("kgraph", path=str(Path(sys.executable).parent)) or "kgraph"
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for size in (_size(s) for s in args.sizes.split(",")):
            row = bench(size, args.seed, Path(folder), kgraph, args.timeout, _size(args.pyshacl_max))
            rows.append({**row, "timeout": args.timeout})
    about = machine()
    print(f"\n{about}\n\n{table(rows)}")
    if args.results:
        args.results.write_text(f"{about}\n\n{table(rows)}\n", encoding="utf-8")


if __name__ == "__main__":
    main()
