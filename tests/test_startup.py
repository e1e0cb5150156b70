"""Start-up: the command line's help, version and query list import click and little else.

Which modules load is checked, not how long they take (bench/startup.py times them), so these
tests fail the same way on a fast machine and a slow one.
"""

from __future__ import annotations

import subprocess
import sys

import click
import pytest

import kgraph
from kgraph import choices, formats
from kgraph.cli.commands import main
from kgraph.sparql.headers import bundled_headers

# Libraries that take longer to import than click itself; none is needed to list commands or queries.
HEAVY = ("rdflib", "pyshacl", "networkx", "pyoxigraph", "matplotlib", "httpx", "rich", "starlette")
LIGHT_RUNS = {
    "import": ["-c", "import kgraph.cli.commands"],
    "help": ["-m", "kgraph", "--help"],
    "queries": ["-m", "kgraph", "queries"],
    "version": ["-m", "kgraph", "--version"],
}


def _imported(args: list[str]) -> set[str]:
    """Run Python with ``args`` and return the top-level packages it imported (from -X importtime)."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", *args], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr[-2000:]
    names = set()
    for line in result.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    assert "click" in names, "no -X importtime output: the check would prove nothing"
    return names


@pytest.mark.parametrize("args", LIGHT_RUNS.values(), ids=list(LIGHT_RUNS))
def test_light_commands_import_no_heavy_library(args):
    heavy = sorted(set(HEAVY) & _imported(args))
    assert not heavy, f"{' '.join(args)} imports {', '.join(heavy)}: import it inside the command instead"


# Commands that answer from the bundled graph or its files with Oxigraph: pyoxigraph is all they need.
ANSWERING_RUNS = {
    "query": ["-m", "kgraph", "query", "confessions", "--format", "csv"],
    "query-with-parameter": ["-m", "kgraph", "query", "actor-roles", "-p", "actor=kdr:kim-tae-ri"],
    "query-text": ["-m", "kgraph", "query", "--sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"],
    "stats": ["-m", "kgraph", "stats", "--format", "json"],
    "show": ["-m", "kgraph", "show", "kdr:kim-tae-ri"],
    "show-by-name": ["-m", "kgraph", "show", "Kim Tae-ri"],
    "validate": ["-m", "kgraph", "validate"],
    **{f"export-{fmt}": ["-m", "kgraph", "export", "--format", fmt] for fmt in formats.EXPORT_FORMATS},
}


@pytest.mark.parametrize("args", ANSWERING_RUNS.values(), ids=list(ANSWERING_RUNS))
def test_commands_on_the_bundled_graph_answer_without_rdflib(args):
    imported = _imported(args)
    assert "pyoxigraph" in imported, "the answer came from somewhere else: the check would prove nothing"
    heavy = sorted(set(HEAVY) - {"pyoxigraph"} & imported)
    assert not heavy, f"{' '.join(args)} imports {', '.join(heavy)}: Oxigraph alone can answer it"


def test_the_help_lists_every_command_with_its_own_summary(runner):
    out = runner.invoke(main, ["--help"]).stdout
    listed = out.split("Commands:\n", 1)[1]
    context = click.Context(main)
    for name in main.list_commands(context):
        command = main.get_command(context, name)
        summary = command.get_short_help_str(limit=45)
        assert f"  {name} " in listed and summary.rstrip(".")[:30] in listed.replace("\n", " "), name


def test_version_is_the_installed_one(runner):
    from importlib.metadata import version

    assert runner.invoke(main, ["--version"]).stdout == f"kgraph, version {version('kdrama-kgraph')}\n"
    assert kgraph.__version__ == version("kdrama-kgraph")


def test_queries_lists_what_the_query_loader_reads():
    loaded = [(q.name, q.title, q.description, q.parameters) for q in kgraph.list_queries()]
    assert [(h.name, h.title, h.description, h.parameters) for h in bundled_headers()] == loaded


def test_public_names_stay_functions_after_their_modules_load():
    import kgraph.describe.stats
    import kgraph.release.export

    assert callable(kgraph.export) and callable(kgraph.stats)
    assert set(kgraph.__all__) <= set(dir(kgraph))
    for name in kgraph.__all__:
        assert getattr(kgraph, name) is not None


def test_command_line_choices_agree_with_the_library():
    from kgraph.networks import ANALYSES, BILLINGS, BUILDERS
    from kgraph.release.export import FORMATS

    assert tuple(FORMATS) == formats.EXPORT_FORMATS
    assert tuple(BUILDERS) == choices.GRAPH_KINDS
    assert tuple(ANALYSES) == choices.ANALYSES
    assert tuple(BILLINGS) == choices.BILLINGS


def test_the_start_up_benchmark_runs(tmp_path):
    from .conftest import ROOT

    results = tmp_path / "results.md"
    command = [sys.executable, str(ROOT / "bench" / "startup.py"), "--runs", "1", "--results", str(results)]
    subprocess.run(command, capture_output=True, text=True, check=True, timeout=120)
    rows = [line.split("|") for line in results.read_text(encoding="utf-8").splitlines() if "`" in line]
    assert [row[1].strip(" `") for row in rows[-4:]] == [
        "import click",
        "kgraph --help",
        "kgraph queries",
        "kgraph --version",
    ]
    assert float(rows[-4][3]) == 1.0  # the baseline's ratio to itself
