"""Time each everyday command on the bundled graph against a plain pyoxigraph script doing the same work.

Every command runs as a fresh process, as a user runs it: interpreter start, imports, loading the
bundled graph, the work, the output. Its floor is a plain script, also a fresh process, that loads
the same triples into a ``pyoxigraph.Store`` and does the same work with pyoxigraph alone:

- ``kgraph query NAME`` (every named query, with its example parameters): the floor runs the same
  query text, parameters bound, and writes the rows as CSV;
- ``kgraph stats``: the floor runs the counting queries that ``stats`` answers;
- ``kgraph show kim-tae-ri``: the floor reads the person's triples and the labels of what they name;
- ``kgraph export --format F``: the floor serializes the store in the same format;
- ``kgraph validate``: its floor is the query floor of ``confessions``.

Commands and floors take turns, ``--runs`` times each, so that a busy spell of a shared machine
falls on all of them alike. The table gives the medians and each ratio against its target: 2 for
queries, stats, show and export, 5 for validate. Absolute times are noise on a shared machine: the
ratio is the number to watch.

Usage: python bench/interactive.py [--runs 5] [--only query] [--results bench/RESULTS.md]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Loads what the bundled graph is made of (ontology, alignments, data) into one pyoxigraph store.
_LOAD = """
import sys, pathlib, pyoxigraph as ox
root = pathlib.Path(sys.argv[1])
store = ox.Store()
ontology = [root / "ontology/kdrama.ttl", root / "ontology/alignments.ttl"]
for path in ontology + sorted((root / "data").rglob("*.ttl")):
    store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri())
"""
_QUERY = (
    _LOAD
    + """
prefixes = dict(line.split("=", 1) for line in sys.argv[3].split())
store.query(sys.argv[2], prefixes=prefixes).serialize(sys.stdout.buffer, ox.QueryResultsFormat.CSV)
"""
)
_EXPORT = (
    _LOAD
    + """
formats = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "json-ld": ox.RdfFormat.JSON_LD,
           "xml": ox.RdfFormat.RDF_XML, "trig": ox.RdfFormat.TRIG}
fmt = formats[sys.argv[2]]
quads = store.quads_for_pattern(None, None, None, None if fmt == ox.RdfFormat.TRIG else ox.DefaultGraph())
ox.serialize((q if fmt == ox.RdfFormat.TRIG else q.triple for q in quads), sys.stdout.buffer, format=fmt)
"""
)
_STATS = (
    """
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class
""",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    """
SELECT ?level (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a kd:ConfessionScene ; kd:evidenceLevel ?level }
GROUP BY ?level
""",
    "SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { ?t skos:inScheme kd:TropeScheme }",
)
_SHOW = """
SELECT ?p ?o ?label WHERE {
  kdr:kim-tae-ri ?p ?o .
  OPTIONAL { ?o schema:name|skos:prefLabel|dct:title ?label }
  OPTIONAL { ?role kd:actor kdr:kim-tae-ri ; kd:drama ?drama ; kd:character ?character }
}
"""
#: what each kind of command may take, as a multiple of its floor
TARGETS = {"query": 2.0, "stats": 2.0, "show": 2.0, "export": 2.0, "validate": 5.0}


def _kgraph() -> str:
    return shutil.which("kgraph", path=str(Path(sys.executable).parent)) or "kgraph"


def _prefixes() -> str:
    from kgraph.namespaces import PREFIXES

    return " ".join(f"{name}={iri}" for name, iri in PREFIXES.items())


def cases(only: str | None = None) -> list[tuple[str, str, list[str], list[str]]]:
    """Return ``(kind, name, command, floor)`` for every command timed."""
    from kgraph.sparql.binding import standalone_text
    from kgraph.sparql.named import list_queries

    kgraph, python, root, prefixes = _kgraph(), sys.executable, str(ROOT), _prefixes()
    found = []
    for named in list_queries():
        params = {p.name: p.example for p in named.parameters if p.required}
        flags = [arg for name, value in params.items() for arg in ("-p", f"{name}={value}")]
        text = standalone_text(named.name, params=params)
        found.append(
            (
                "query",
                f"query {named.name}",
                [kgraph, "query", named.name, *flags, "--format", "csv"],
                [python, "-c", _QUERY, root, text, prefixes],
            )
        )
    stats_floor = _LOAD + "".join(
        f"\nlist(store.query({text!r}, prefixes=dict(l.split('=', 1) for l in {prefixes!r}.split())))"
        for text in _STATS
    )
    found.append(("stats", "stats", [kgraph, "stats"], [python, "-c", stats_floor, root]))
    found.append(
        (
            "show",
            "show kim-tae-ri",
            [kgraph, "show", "kim-tae-ri"],
            [python, "-c", _QUERY, root, _SHOW, prefixes],
        )
    )
    for fmt in ("turtle", "nt", "json-ld", "xml", "trig"):
        found.append(
            (
                "export",
                f"export {fmt}",
                [kgraph, "export", "--format", fmt],
                [python, "-c", _EXPORT, root, fmt],
            )
        )
    confessions = next(case for case in found if case[1] == "query confessions")
    found.append(("validate", "validate", [kgraph, "validate"], confessions[3]))
    return [case for case in found if only is None or case[0] == only]


def _once(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, cwd=tempfile.gettempdir())
    return time.perf_counter() - start


def measure(runs: int, only: str | None = None) -> list[tuple[str, str, float, float]]:
    """Time every case ``runs`` times, command and floor in turn; return their medians."""
    rows = []
    for kind, name, command, floor in cases(only):
        _once(command), _once(floor)  # warm the file cache and the bytecode
        ours, theirs = [], []
        for _ in range(runs):
            ours.append(_once(command))
            theirs.append(_once(floor))
        rows.append((kind, name, statistics.median(ours), statistics.median(theirs)))
        print(f"  {name}: {rows[-1][2]:.3f} s against {rows[-1][3]:.3f} s", file=sys.stderr)
    return rows


def table(rows: list[tuple[str, str, float, float]]) -> str:
    """Render the medians as a Markdown table with each ratio and whether it meets its target."""
    lines = ["| command | kgraph | floor | ratio | target |", "|---|---:|---:|---:|---|"]
    for kind, name, ours, floor in rows:
        ratio, target = ours / floor, TARGETS[kind]
        verdict = "met" if ratio <= target else "**not met**"
        lines.append(
            f"| `kgraph {name}` | {ours:.3f} s | {floor:.3f} s | {ratio:.2f} | ≤ {target:g}: {verdict} |"
        )
    return "\n".join(lines)


def machine() -> str:
    """Describe the machine and the versions that the times depend on."""
    from importlib.metadata import version

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    libraries = ", ".join(f"{name} {version(name)}" for name in ("rdflib", "pyoxigraph"))
    return (
        f"{os.cpu_count()} cores ({platform.machine()}), Python {platform.python_version()}, "
        f"{libraries}; load average {load:.1f} at the start"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each command and floor (default 5)")
    parser.add_argument("--only", choices=sorted(TARGETS), help="time only this kind of command")
    parser.add_argument("--results", type=Path, help="append the table as a Markdown section to this file")
    args = parser.parse_args()
    about = machine()
    text = table(measure(args.runs, args.only))
    print(f"Everyday commands on the bundled graph, median of {args.runs} runs each; {about}\n")
    print(text)
    if args.results:
        section = (
            f"\n## Everyday commands on the bundled graph\n\nMeasured on {date.today():%d %B %Y} with "
            f"`python bench/interactive.py --runs {args.runs}`; {about}.\n\n{text}\n"
        )
        with args.results.open("a", encoding="utf-8") as stream:
            stream.write(section)
        print(f"\nappended to {args.results}")


if __name__ == "__main__":
    main()
