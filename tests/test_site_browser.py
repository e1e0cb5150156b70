"""The whole static site in Debian's Chromium, as a reader would use it (slow).

The site is built once per session. Every page loads without a console error; no internal link is
broken; search forgives romanisation; the scene filter narrows the list; the network page draws
(its pixels are checked); axe-core finds no serious or critical violation on the main pages; and
``kgraph serve`` answers the same pages for a browser and the resources' triples for RDF clients.
Screenshots of the main pages are kept in ``tests/artifacts/``.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

import kgraph
from tests.servers import kgraph_endpoint
from tests.test_interactive import FLAGS, browser  # noqa: F401  # the shared Chromium fixture

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("site-browser")]

ARTIFACTS = Path(__file__).parent / "artifacts"
MAIN_PAGES = {
    "index": "index.html",
    "drama": "resource/twenty-five-twenty-one.html",
    "scene": "resource/twenty-five-twenty-one.confession-1.html",
    "person": "resource/kim-tae-ri.html",
    "network": "graphs/costar.html",
}
TABS = 4


@pytest.fixture(scope="module")
def graph():
    return kgraph.load(include_ontology=False)


@pytest.fixture(scope="module")
def site(graph, tmp_path_factory) -> Path:
    from kgraph.site.build import build_site

    report = build_site(tmp_path_factory.mktemp("site") / "site", graph)
    assert report.seconds < 30, f"the site took {report.seconds:.1f} s to build"
    assert report.largest[1] < 150_000, f"{report.largest[0]} weighs {report.largest[1]} bytes"
    return report.folder


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        for key in ("href", "src"):
            if values.get(key):
                self.links.append(values[key])


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_no_internal_link_is_broken(site):
    parsed = {}
    for path in _pages(site):
        found = _Links()
        found.feed(path.read_text(encoding="utf-8"))
        parsed[path] = found
    broken = []
    for path, found in parsed.items():
        for link in found.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//"):
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if not target.is_file():
                broken.append(f"{path.relative_to(site)} -> {link}")
            elif parts.fragment and target in parsed and parts.fragment not in parsed[target].ids:
                broken.append(f"{path.relative_to(site)} -> {link} (no such anchor)")
    assert not broken, f"{len(broken)} broken links, e.g. {broken[:5]}"


def _watch(page, problems, *, local_only: bool = True):
    page.on("pageerror", lambda error: problems.append(f"{page.url}: script error: {error}"))
    page.on("console", lambda m: m.type == "error" and problems.append(f"{page.url}: {m.text}"))
    if local_only:  # a page of the site opened from file:// fetches nothing from any network
        page.on(
            "request",
            lambda r: None if r.url.startswith(("file:", "data:")) else problems.append(f"fetched {r.url}"),
        )


def test_every_page_is_sound_without_a_browser(site):
    """What a browser would not report, checked on every page in Python.

    Resource pages run no script, and a browser says nothing of embedded JSON-LD that does not
    parse or names another resource: search engines and linked-data clients would.
    """
    for path in _pages(site):
        text = path.read_text(encoding="utf-8")
        if path.parent.name == "resource":
            assert "<script src" not in text, path
            embedded = text.split('<script type="application/ld+json">')[1].split("</script>")[0]
            assert json.loads(embedded)["@id"].endswith(path.stem), path


#: resource pages opened in the browser: one in EVERY_NTH, all kinds alike (sorted by slug)
EVERY_NTH = 3


def test_pages_load_in_chromium_without_a_console_error(site):
    """Every index and network page and a third of the resource pages, in tabs side by side.

    All ~4,950 take about four minutes on two cores, which CI's time cannot hold; every page is
    still crawled and checked in Python above, and resource pages run no script.
    """
    import asyncio
    import shutil

    from playwright.async_api import async_playwright

    every = _pages(site)
    pages = [p for p in every if p.parent.name != "resource"]
    pages += [p for p in every if p.parent.name == "resource"][::EVERY_NTH]
    problems: list[str] = []

    async def load_all() -> None:
        async with async_playwright() as playwright:
            launched = await playwright.chromium.launch(
                executable_path=shutil.which("chromium") or shutil.which("chromium-browser"), args=FLAGS
            )
            context = await launched.new_context()
            queue = list(reversed(pages))

            async def tab() -> None:
                page = await context.new_page()
                _watch(page, problems)
                while queue:
                    await page.goto(queue.pop().as_uri(), wait_until="load")
                await page.close()

            await asyncio.gather(*(tab() for _ in range(TABS)))
            await launched.close()

    asyncio.run(load_all())
    assert len(pages) > 1600
    assert not problems, f"{len(problems)} problems, e.g. {problems[:10]}"


def _open(browser, url, *, local_only: bool = True):  # noqa: F811
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems: list[str] = []
    _watch(page, problems, local_only=local_only)
    page.goto(url)
    return page, problems


@pytest.mark.parametrize("typed", ["kim tae ri", "Kim Taeri", "김태리"])
def test_search_finds_a_person_however_the_name_is_written(browser, site, typed):  # noqa: F811
    page, problems = _open(browser, (site / "search.html").as_uri())
    page.fill("#q", typed)
    first = page.locator("#results li a").first
    assert first.get_attribute("href") == "resource/kim-tae-ri.html"
    assert "Kim Tae-ri" in first.inner_text()
    first.click()
    page.wait_for_url("**/resource/kim-tae-ri.html")
    assert page.locator("h1").inner_text().startswith("Kim Tae-ri")
    assert not problems
    page.close()


def test_a_filter_on_the_scene_index_narrows_the_list(browser, site):  # noqa: F811
    page, problems = _open(browser, (site / "scenes.html").as_uri())
    rows = page.locator("#scenes tbody tr")
    total = rows.count()
    assert page.locator("#scenes tbody tr:visible").count() == total
    page.select_option("select[name=setting]", label="bridge")
    shown = page.locator("#scenes tbody tr:visible")
    assert 0 < shown.count() < total
    for index in range(shown.count()):  # the Setting column of every row left says so
        assert "bridge" in shown.nth(index).locator("td").nth(4).inner_text().split(", ")
    assert page.locator("#shown").inner_text().startswith(f"{shown.count()} of {total}")
    page.select_option("select[name=year]", "2022")
    assert page.locator("#scenes tbody tr:visible").count() <= shown.count()
    assert not problems
    page.close()


def test_the_network_page_draws_its_nodes(browser, site):  # noqa: F811
    from io import BytesIO

    from PIL import Image

    page, problems = _open(browser, (site / "graphs" / "costar.html").as_uri())
    page.wait_for_function("window.kgraphNetwork !== undefined")
    page.wait_for_timeout(500)
    picture = Image.open(BytesIO(page.locator("#network").screenshot())).convert("RGB")
    small = picture.resize((200, 150))
    coloured = sum(1 for r, g, b in small.getdata() if max(r, g, b) - min(r, g, b) > 60)
    assert coloured > 200, f"only {coloured} coloured pixels of 30000: are the nodes drawn?"
    assert not problems
    page.close()


def _axe_script() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(MAIN_PAGES))
def test_axe_finds_no_serious_or_critical_violation(browser, site, name):  # noqa: F811
    page, _ = _open(browser, (site / MAIN_PAGES[name]).as_uri())
    page.add_script_tag(content=_axe_script())
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']}, e.g. {v['nodes'][0]['target']}"
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"site-{name}.png")
    page.close()
    assert not serious, serious


def test_kgraph_serve_answers_the_pages_and_the_triples(browser, site, graph):  # noqa: F811
    import httpx
    from rdflib import Graph, URIRef

    from kgraph.site.facts import KDR, Facts

    facts = Facts.of(graph)
    with kgraph_endpoint(graph, pages=True) as endpoint:
        base = endpoint.removesuffix("sparql")
        for name in ("drama", "scene", "person"):
            slug = MAIN_PAGES[name].removeprefix("resource/").removesuffix(".html")
            answer = httpx.get(f"{base}resource/{slug}", headers={"Accept": "text/html"})
            assert answer.status_code == 200 and answer.headers["vary"] == "Accept"
            assert answer.text == (site / MAIN_PAGES[name]).read_text(encoding="utf-8")
            expected = set(facts.description(URIRef(KDR + slug)))
            for media, fmt in (("text/turtle", "turtle"), ("application/ld+json", "json-ld")):
                rdf = httpx.get(f"{base}resource/{slug}", headers={"Accept": media})
                assert set(Graph().parse(data=rdf.content, format=fmt)) == expected, (slug, fmt)
            page, problems = _open(browser, f"{base}resource/{slug}", local_only=False)
            assert page.locator("h1").count() == 1
            page.locator("nav a", has_text="Dramas").click()
            page.wait_for_url("**/dramas.html")
            assert not problems, problems
            page.close()
        assert httpx.get(f"{base}resource/no-such-drama").status_code == 404
