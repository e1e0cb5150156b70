"""Interactive HTML networks: every node and edge on the page, standalone, and usable in Chromium.

The page's data is checked against the networkx graph it comes from; the browser tests (slow) open
the file as a reader would, from file://, in Debian's Chromium.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pytest

import kgraph
from kgraph.cli.commands import main
from kgraph.errors import OutputError
from kgraph.networks import BUILDERS
from kgraph.networks.interactive import PALETTE, interactive_html, network_data


@pytest.fixture(scope="module")
def costar():
    return BUILDERS["costar"](kgraph.load())


@pytest.fixture(scope="module")
def confession():
    return BUILDERS["confession"](kgraph.load())


def _payload(page: bytes) -> dict:
    found = re.search(rb'<script type="application/json" id="data">(.*?)</script>', page, re.S)
    assert found, "the page carries its data"
    return json.loads(found.group(1))


@pytest.mark.parametrize("kind", ["costar", "confession"])
def test_the_page_holds_every_node_and_edge_of_the_network(kind, costar, confession):
    g = {"costar": costar, "confession": confession}[kind]
    data = _payload(interactive_html(g))
    assert sorted(node["iri"] for node in data["nodes"]) == sorted(g.nodes)
    assert {node["iri"]: node["label"] for node in data["nodes"]} == {
        node: attrs.get("label", node) for node, attrs in g.nodes(data=True)
    }
    assert len(data["edges"]) == g.number_of_edges()
    ends = {node["id"]: node["iri"] for node in data["nodes"]}
    pairs = sorted((ends[e["from"]], ends[e["to"]]) for e in data["edges"])
    assert pairs == sorted((u, v) for u, v, *_ in g.edges)
    assert data["directed"] is g.is_directed()


def test_arrows_are_coloured_by_outcome_with_a_legend(confession):
    data = network_data(confession)
    outcomes = {attrs["outcome"] for *_, attrs in confession.edges(data=True) if attrs["outcome"]}
    legend = {item["name"]: item["color"] for item in data["legend"]["outcomes"]}
    assert set(legend) == outcomes
    assert len(set(legend.values())) == len(legend), "each outcome has its own colour"
    ends = {node["id"]: node["iri"] for node in data["nodes"]}
    by_pair = {(ends[e["from"]], ends[e["to"]]): e["color"] for e in data["edges"]}
    for u, v, attrs in confession.edges(data=True):
        if attrs["outcome"] in legend and len(confession.get_edge_data(u, v)) == 1:
            assert by_pair[(u, v)] == legend[attrs["outcome"]]


def test_characters_are_coloured_by_drama(confession):
    data = network_data(confession)
    colour_of = {item["name"]: item["color"] for item in data["legend"]["groups"]}
    for node in data["nodes"]:
        drama = confession.nodes[node["iri"]]["drama"]
        assert node["color"] == colour_of.get(drama, "#BBBBBB")
    assert len(colour_of) == min(len(PALETTE), len({d for _, d in confession.nodes(data="drama")}))


def test_the_page_is_standalone_and_escapes_what_it_shows(costar):
    g = costar.copy()
    first = sorted(g.nodes)[0]
    g.nodes[first]["label"] = "</script><b>x</b>"
    page = interactive_html(g).decode("utf-8")
    assert not re.search(r'(src|href)\s*=\s*"(https?:)?//', page), "nothing is fetched from elsewhere"
    assert "<title>Co-star network" in page and '<html lang="en">' in page
    assert "</script><b>x</b>" not in page
    assert _payload(page.encode())["nodes"][0]["label"] == "</script><b>x</b>"


def test_without_the_extra_the_error_names_it(costar, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyvis", None)
    with pytest.raises(OutputError, match=r"kdrama-kgraph\[interactive\]"):
        interactive_html(costar)


def test_kgraph_graph_writes_a_page_by_its_suffix(runner, tmp_path):
    path = tmp_path / "confession.html"
    result = runner.invoke(main, ["graph", "confession", "-o", str(path)])
    assert result.exit_code == 0, result.output
    assert path.read_bytes().startswith(b"<!DOCTYPE html>")


# --- in the browser --------------------------------------------------------------------------------

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # no translation offer (it detects each page's language: a fifth of a page load here) and
    # none of the services a test never uses
    "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication",
]


@pytest.fixture(scope="module")
def browser():
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.fail("these tests need Debian's Chromium: apt-get install chromium (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=FLAGS)
        yield launched
        launched.close()


def _open(browser, path: Path):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on(
        "request",
        lambda request: None if request.url.startswith(("file:", "data:")) else problems.append(request.url),
    )
    page.goto(path.as_uri())
    page.wait_for_function("window.kgraphNetwork !== undefined")
    return page, problems


@pytest.mark.slow
def test_a_reader_finds_an_actor_in_the_costar_page(browser, tmp_path, costar):
    path = tmp_path / "costar.html"
    path.write_bytes(interactive_html(costar))
    page, problems = _open(browser, path)
    assert page.locator("#network canvas").count() == 1
    for typed in ("kim tae ri", "Kim Taeri", "김태리"):
        page.fill("#search", typed)
        assert page.inner_text("#found") == "1 match", typed
        assert page.inner_text("#details").startswith("Kim Tae-ri"), typed
    selected = page.evaluate("window.kgraphNetwork.getSelectedNodes().length")
    assert selected == 1
    picture = tmp_path / "costar.png"
    page.screenshot(path=str(picture))
    assert problems == []
    # the canvas is drawn: many distinct colours, not a blank page
    pixels = page.evaluate(
        "(() => { const c = document.querySelector('#network canvas');"
        " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
        " const seen = new Set();"
        " for (let i = 0; i < d.length; i += 4 * 97) seen.add(d[i] + ',' + d[i+1] + ',' + d[i+2]);"
        " return seen.size; })()"
    )
    assert pixels > 20


@pytest.mark.slow
def test_an_actor_finds_the_characters_they_play_in_the_confession_page(browser, tmp_path, confession):
    path = tmp_path / "confession.html"
    path.write_bytes(interactive_html(confession))
    page, problems = _open(browser, path)
    page.fill("#search", "Kim Tae-ri")
    played = {n for n, actor in confession.nodes(data="actor") if "Kim Tae-ri" in actor}
    assert page.inner_text("#found").startswith(f"{len(played)} match")
    assert "actor: Kim Tae-ri" in page.inner_text("#details")
    assert page.evaluate("window.kgraphNetwork.getSelectedNodes().length") == len(played)
    assert problems == []
