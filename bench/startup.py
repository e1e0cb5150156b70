"""Time how long the command line takes to start, against the time Python takes to import click.

Each command runs as a fresh process, ``--runs`` times, the commands taking turns so that a busy
spell of a shared machine falls on all of them alike:

- ``import click``: ``python -c "import click"``, the baseline (an interpreter and click alone);
- ``kgraph --help``, ``kgraph queries`` and ``kgraph --version``.

The table gives each one's median wall time and its ratio to the baseline's median; the target is
a ratio under 2. Absolute times depend on the machine and its load, so nothing is asserted on
them. ``--results FILE`` appends the table and the machine to FILE as a Markdown section.

Usage: python bench/startup.py [--runs 20] [--results bench/RESULTS.md]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path


def _kgraph() -> list[str]:
    """The kgraph command installed beside this Python, else ``python -m kgraph``."""
    script = Path(sys.executable).parent / "kgraph"
    if script.is_file():
        return [str(script)]
    found = shutil.which("kgraph")
    return [found] if found else [sys.executable, "-m", "kgraph"]


def commands() -> dict[str, list[str]]:
    """Name each timed command; the first is the baseline."""
    kgraph = _kgraph()
    return {
        "import click": [sys.executable, "-c", "import click"],
        "kgraph --help": [*kgraph, "--help"],
        "kgraph queries": [*kgraph, "queries"],
        "kgraph --version": [*kgraph, "--version"],
    }


def _once(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def measure(runs: int) -> dict[str, float]:
    """Run every command ``runs`` times, taking turns, after one untimed warm-up run each.

    :returns: the median seconds of each command, by name.
    """
    timed = commands()
    for command in timed.values():  # fill the file cache, write the .pyc files
        _once(command)
    seconds: dict[str, list[float]] = {name: [] for name in timed}
    for _ in range(runs):
        for name, command in timed.items():
            seconds[name].append(_once(command))
    return {name: statistics.median(values) for name, values in seconds.items()}


def table(medians: dict[str, float]) -> str:
    """Render the medians and their ratios to the baseline (the first) as a Markdown table."""
    baseline = next(iter(medians.values()))
    lines = ["| command | median s | ratio to import click |", "|---|---|---|"]
    for name, value in medians.items():
        lines.append(f"| `{name}` | {value:.3f} | {value / baseline:.2f} |")
    return "\n".join(lines)


def machine() -> str:
    """Describe the machine and the versions that the times depend on."""
    from importlib.metadata import version

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"{os.cpu_count()} cores ({platform.machine()}), {platform.system()} {_release()}, "
        f"Python {platform.python_version()}, click {version('click')}; load average {load:.1f} at the start"
    )


def _release() -> str:
    """The operating system's release, major and minor only (the rest names the build)."""
    return ".".join(platform.release().split(".")[:2])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20, help="runs of each command (default 20)")
    parser.add_argument("--results", type=Path, help="append the table as a Markdown section to this file")
    args = parser.parse_args()

    about = machine()
    medians = measure(args.runs)
    text = table(medians)
    print(f"Start-up, median of {args.runs} runs each; {about}\n")
    print(text)
    if args.results:
        section = (
            f"\n## Start-up\n\nMeasured on {date.today():%d %B %Y} with "
            f"`python bench/startup.py --runs {args.runs}`; {about}.\n\n{text}\n"
        )
        with args.results.open("a", encoding="utf-8") as stream:
            stream.write(section)
        print(f"\nappended to {args.results}")


if __name__ == "__main__":
    main()
