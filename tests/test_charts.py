"""``kgraph plot``: each chart's bars are SPARQL counts, drawn with a title, labels and a description."""

from __future__ import annotations

import re
import sys
from xml.etree import ElementTree

import pytest

import kgraph
from kgraph import choices
from kgraph.cli.commands import main
from kgraph.errors import KgraphError, OutputError
from kgraph.networks.charts import CHARTS, chart, chart_bytes, draw_chart, write_chart

from .conftest import FIXTURES

PREFIXES = """PREFIX kd: <https://w3id.org/kdrama-kg/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


def _count(where: str) -> int:
    """Count the confession scenes that match ``where``, on the bundled graph."""
    text = PREFIXES + f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a kd:ConfessionScene . {where} }}"
    return int(kgraph.query(text).records()[0]["n"])


def _concept(prop: str, label: str) -> str:
    return f'?s {prop} ?c . ?c skos:prefLabel "{label}"@en .'


#: For each chart, how one of its bars is counted by a query of its own.
BAR_QUERIES = {
    "scenes-per-year": lambda label: f"?s kd:drama/schema:startDate ?d . FILTER (YEAR(?d) = {int(label)})",
    "outcomes": lambda label: (
        "FILTER NOT EXISTS { ?s kd:outcome ?o }"
        if label == "no outcome recorded"
        else _concept("kd:outcome", label)
    ),
    "settings": lambda label: _concept("kd:setting", label),
    "tropes": lambda label: _concept("kd:trope", label),
}


@pytest.fixture(scope="module")
def charts():
    """Every chart of the bundled graph, counted once, with its SVG."""
    pytest.importorskip("matplotlib")
    counted = {name: chart(name) for name in CHARTS}
    return {name: (shown, draw_chart(shown, "svg").decode("utf-8")) for name, shown in counted.items()}


def test_the_command_line_offers_every_chart():
    assert CHARTS == choices.CHARTS


@pytest.mark.parametrize("name", CHARTS)
def test_each_bar_is_a_sparql_count(charts, name):
    shown, _ = charts[name]
    assert shown.bars, "a chart of the bundled graph has bars"
    for label, count in shown.bars:
        assert count == _count(BAR_QUERIES[name](label)), f"{name}: the bar '{label}'"
    assert shown.scenes == _count("")


def test_years_run_without_gaps(charts):
    years = [int(label) for label, _ in charts["scenes-per-year"][0].bars]
    assert years == list(range(years[0], years[-1] + 1))
    assert sum(count for _, count in charts["scenes-per-year"][0].bars) == _count(
        "?s kd:drama/schema:startDate ?d"
    )


def test_outcomes_include_the_scenes_with_none(charts):
    shown, _ = charts["outcomes"]
    assert shown.bars[-1][0] == "no outcome recorded" and "no outcome recorded" in shown.grey
    with_outcome = shown.scenes - shown.counts()["no outcome recorded"]
    assert with_outcome == _count("?s kd:outcome ?o")


def test_the_tropes_chart_shows_the_most_frequent_by_the_named_query(charts):
    frequency = [(row["label"], row["scenes"]) for row in kgraph.query("trope-frequency")]
    assert charts["tropes"][0].bars == tuple(frequency[:15])
    assert [label for label, _ in chart("tropes", top=3).bars] == [label for label, _ in frequency[:3]]
    cut = next(n for n in range(1, len(frequency)) if frequency[n - 1][1] == frequency[n][1])
    tied = sum(1 for _, scenes in frequency[cut:] if scenes == frequency[cut - 1][1])
    assert f"{tied} more trope" in chart("tropes", top=cut).note, "a cut among equals is told"


@pytest.mark.parametrize("name", CHARTS)
def test_the_svg_has_a_title_a_description_and_every_bar(charts, name):
    shown, svg = charts[name]
    head = svg[: svg.index("<metadata>")]
    assert 'role="img"' in head and 'aria-labelledby="title desc"' in head
    title = re.search(r'<title id="title">(.*?)</title>', head).group(1)
    description = re.search(r'<desc id="desc">(.*?)</desc>', head).group(1)
    assert title == shown.title and f"{shown.scenes} scenes" in title, "what is shown, and the total"
    root = ElementTree.fromstring(svg)  # noqa: S314 - a picture kgraph just drew
    texts = ["".join(node.itertext()).strip() for node in root.iter("{http://www.w3.org/2000/svg}text")]
    assert shown.title in texts and "Confession scenes" in texts, "a title and the value axis's label"
    for label, count in shown.bars:
        assert f"{label}: {count}" in description
        assert label in texts and str(count) in texts


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_charts_are_drawn_the_same_every_time(fmt):
    pytest.importorskip("matplotlib")
    first, second = chart_bytes("outcomes", fmt), chart_bytes("outcomes", fmt)
    assert first == second and first[:400].count(b"PNG" if fmt == "png" else b"<svg") == 1


def test_a_chart_of_your_own_data():
    pytest.importorskip("matplotlib")
    graph = kgraph.load([str(FIXTURES / "valid" / "minimal.ttl")])
    shown = chart("scenes-per-year", graph)
    assert shown.scenes == 1 and sum(count for _, count in shown.bars) == 1
    assert "1 scene," in shown.title


def test_bad_input_to_the_library(tmp_path):
    with pytest.raises(KgraphError, match="unknown chart 'bogus'"):
        chart("bogus")
    with pytest.raises(OutputError, match=r"\.png or \.svg"):
        write_chart("outcomes", tmp_path / "outcomes.jpg")
    with pytest.raises(OutputError, match="does not exist"):
        write_chart("outcomes", tmp_path / "no" / "outcomes.png")
    assert not list(tmp_path.iterdir()), "no file, half-written or whole"


def test_a_graph_without_scenes_has_nothing_to_chart(tmp_path):
    empty = tmp_path / "empty.ttl"
    empty.write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    with pytest.raises(KgraphError, match="no confession scenes"):
        chart("outcomes", kgraph.load([str(empty)]))


def _without(tmp_path, prop: str):
    """The minimal graph without ``prop`` on its scene, on rdflib's store (a small file's)."""
    minimal = (FIXTURES / "valid" / "minimal.ttl").read_text(encoding="utf-8")
    bare = tmp_path / "bare.ttl"
    bare.write_text("\n".join(line for line in minimal.splitlines() if f"{prop} " not in line))
    return kgraph.load([str(bare)], engine="rdflib")


def test_a_chart_without_bars_says_why(tmp_path):
    with pytest.raises(KgraphError, match="no confession scene has a setting"):
        chart("settings", _without(tmp_path, "kd:setting"))


def test_scenes_without_an_outcome_on_rdflib(tmp_path):
    assert chart("outcomes", _without(tmp_path, "kd:outcome")).bars == (("no outcome recorded", 1),)


def test_a_missing_plot_extra_is_named(monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(OutputError, match=r"kdrama-kgraph\[plot\]"):
        chart_bytes("outcomes", "png")


def test_the_help_lists_every_chart(runner):
    result = runner.invoke(main, ["plot", "--help"])
    assert result.exit_code == 0
    listed = re.findall(r"^  (\S+)  ", result.stdout, re.M)
    assert listed == list(CHARTS)


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_the_plot_command_writes_the_picture(runner, tmp_path, fmt):
    pytest.importorskip("matplotlib")
    target = tmp_path / f"tropes.{fmt}"
    result = runner.invoke(main, ["plot", "tropes", "--top", "5", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == chart_bytes("tropes", fmt, top=5)
    assert [path.name for path in tmp_path.iterdir()] == [target.name]


def test_both_engines_count_the_same():
    """rdflib runs the chart queries too (a small --data file is loaded into it)."""
    on_rdflib = kgraph.load(engine="rdflib")
    for name in CHARTS:
        assert chart(name, on_rdflib) == chart(name), name
