"""The static site: a page for every drama, person, character, scene, trope, network and source.

``build_site("site")`` reads the graph once (:class:`~kgraph.site.facts.Facts`), renders every
page from the Jinja2 templates in ``site/templates/`` (autoescaped), and writes the site into a
temporary folder beside the target, which then replaces the target in one rename. A resource
``kdr:<slug>`` is at ``resource/<slug>.html``, with ``<slug>.ttl`` and ``<slug>.jsonld`` beside
it, so the redirect rules of its IRI stay simple (:mod:`kgraph.site.w3id`). Links are relative,
so the site opens from ``file://`` as well as from any static host; nothing is fetched at run time.
The same graph always gives the same bytes.
"""

from __future__ import annotations

import gc
import os
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.resources import files as package_files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kgraph.errors import OutputError
from kgraph.site.background import Background
from kgraph.site.facts import Facts, slug_of
from kgraph.site.indexes import index_pages
from kgraph.site.pages import link, page_values
from kgraph.site.rdf import jsonld_document, schema_org, schema_org_facts, turtle_document
from kgraph.site.search import search_index
from kgraph.templates import render

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["KIND_NAMES", "SiteReport", "build_site", "render_page", "site_files"]

#: how a page names the kind of thing it describes
KIND_NAMES = {
    "drama": "Drama",
    "person": "Person",
    "character": "Character",
    "scene": "Confession scene",
    "concept": "Trope",
    "network": "Network",
    "source": "Source",
}
_SCHEMES = {"trope": "Trope", "setting": "Setting", "outcome": "Outcome", "delivery": "Delivery"}
_ASSETS = ("site.css", "site.js")


@dataclass(frozen=True)
class SiteReport:
    """What a build wrote: pages by kind, files, the largest page, and the seconds it took."""

    folder: Path
    pages: dict[str, int]
    files: int
    largest: tuple[str, int]
    seconds: float


class _Site:
    """The graph indexed once, and the page of any resource rendered from it."""

    def __init__(self, graph: Graph) -> None:
        self.facts = Facts.of(graph)
        self.view = schema_org_facts(graph)

    def page(self, node: Any) -> str:
        values = page_values(self.facts, node)
        kind_name = KIND_NAMES[values["kind"]]
        if values["kind"] == "concept":
            kind_name = _SCHEMES.get(values["page"]["scheme"], "Concept")
        return render(
            "kgraph.site",
            "resource.html",
            root="../",
            link=link,
            kind_name=kind_name,
            schema_org=schema_org(self.facts, self.view, node, values["kind"]),
            **values,
        )


def render_page(graph: Graph, slug: str) -> str | None:
    """Render the page of ``kdr:<slug>`` alone (as the site writes it), or None if it has no page.

    The page's links are relative to ``resource/``, as in the site.
    """
    from rdflib import URIRef

    from kgraph.site.facts import KDR

    site = _Site(graph)
    node = URIRef(KDR + slug)
    return site.page(node) if node in site.facts.kind else None


def _network_pages(graph: Graph) -> dict[str, bytes]:
    """The co-star and confession networks as interactive pages, each node a link to its page."""
    from kgraph.networks import confession_graph, costar_graph
    from kgraph.networks.interactive import interactive_html

    found = {}
    for name, builder in (("costar", costar_graph), ("confession", confession_graph)):
        page = interactive_html(builder(graph)).decode("utf-8")
        extra = render("kgraph.site", "network-links.html", root="../")
        found[f"graphs/{name}.html"] = page.replace("</body>", extra + "</body>", 1).encode("utf-8")
    return found


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while the pages are rendered.

    Rendering makes millions of short-lived objects but few cycles, and each collection walks the
    whole graph in memory again: a quarter of the build time. Memory grows by no more than the pages.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def site_files(graph: Graph, *, networks: bool = True) -> dict[str, bytes]:
    """Every file of the site, by its path in the site, as bytes.

    :param networks: write the interactive network pages (the slowest part) too; they are drawn
        in a forked process beside the rest where the machine has the cores
        (:mod:`kgraph.site.background`).
    """
    with Background((lambda: _network_pages(graph)) if networks else dict) as network_pages:
        site = _Site(graph)
        facts = site.facts
        found: dict[str, bytes] = {}
        for node in sorted(facts.kind, key=str):
            slug = slug_of(str(node))
            found[f"resource/{slug}.html"] = site.page(node).encode("utf-8")
            statements = facts.description(node)
            found[f"resource/{slug}.ttl"] = turtle_document(statements)
            found[f"resource/{slug}.jsonld"] = jsonld_document(statements)
        for name, text in index_pages(facts).items():
            found[name] = text.encode("utf-8")
        found["assets/search-index.js"] = search_index(facts)
        assets = package_files("kgraph.site") / "assets"
        for name in _ASSETS:
            found[f"assets/{name}"] = (assets / name).read_bytes()
        found.update(network_pages.result())
    return found


def build_site(output: str | Path, graph: Graph | None = None, *, networks: bool = True) -> SiteReport:
    """Write the static site of ``graph`` (the bundled graph by default) into the folder ``output``.

    The folder is replaced whole: the site is written beside it first, then renamed into place, so
    a failed build leaves the old site as it was.

    :param output: the site's folder.
    :param graph: the data; the bundled graph (without the ontology) by default.
    :param networks: write the interactive network pages too.
    :returns: what was written, and how long it took.
    :raises OutputError: if the folder cannot be written.
    """
    from kgraph.store.loading import load

    started = time.perf_counter()
    graph = load(include_ontology=False) if graph is None else graph
    target = Path(output)
    with _collector_paused():
        found = site_files(graph, networks=networks)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}."))
    except OSError as error:
        raise OutputError(f"cannot write the site to {target}: {error.strerror or error}") from None
    try:
        for name, data in found.items():
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        for path in [staging, *staging.rglob("*")]:
            os.chmod(path, 0o755 if path.is_dir() else 0o644)
        if target.exists() and not target.is_dir():
            raise OutputError(f"{target} is a file: give a folder for the site")
        old = None
        if target.exists():
            old = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.old."))
            os.replace(target, old / "site")
        os.replace(staging, target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise OutputError(f"cannot write the site to {target}: {error.strerror or error}") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    pages = Counter(
        name.split("/")[0] if "/" in name else "index" for name in found if name.endswith(".html")
    )
    html = [
        (name, len(data))
        for name, data in found.items()
        if name.endswith(".html") and not name.startswith("graphs/")
    ]
    largest = max(html, key=lambda item: (item[1], item[0]))
    return SiteReport(target, dict(sorted(pages.items())), len(found), largest, time.perf_counter() - started)
