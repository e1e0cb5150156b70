"""The site's index pages: dramas, scenes (filterable), people, characters, tropes, networks, sources.

Each list is built from :class:`~kgraph.site.facts.Facts` and rendered from its template; the long
ones are kept light (the scene filters by short codes, the characters under their drama, the
sources cut into pages).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from kgraph.site.facts import KD, SCHEMA, Facts
from kgraph.site.pages import entry as _entry
from kgraph.site.pages import link, page_values, ref, scene_summary
from kgraph.templates import render

__all__ = ["SOURCES_PER_PAGE", "index_pages"]


def index_pages(facts: Facts) -> dict[str, str]:
    def page(template: str, title: str, **values: Any) -> str:
        return render("kgraph.site", template, root="", title=title, link=link, **values)

    dramas: list[dict[str, Any]] = []
    for drama in facts.pages("drama"):
        scenes = [s for s in facts.subjects(KD + "drama", drama) if facts.kind.get(s) == "scene"]
        start = str(facts.value(drama, SCHEMA + "startDate") or "")
        dramas.append(
            {
                "ref": ref(facts, drama),
                "year": start[:4],
                "network": [ref(facts, n) for n in facts.objects(drama, KD + "originalNetwork")],
                "episodes": str(facts.value(drama, SCHEMA + "numberOfEpisodes") or ""),
                "scenes": len(scenes),
            }
        )
    dramas.sort(key=lambda d: (d["ref"].en.lower(), d["ref"].href))
    scenes = sorted(
        (scene_summary(facts, s) for s in facts.pages("scene")),
        key=lambda s: (s["drama"].en.lower(), s["episodes"][:1] or [999], s["ref"].href),
    )
    options: dict[str, set[tuple[str, str]]] = {k: set() for k in ("trope", "setting", "delivery", "outcome")}
    for scene in scenes:
        for key in options:
            options[key] |= {
                (r.curie.split(":", 1)[-1].split(".", 1)[-1], r.en)
                for r in scene["tropes" if key == "trope" else key]
            }
    filters = {key: sorted(values, key=lambda v: v[1].lower()) for key, values in options.items()}
    filters["evidence"] = sorted({(e, s["evidence"]) for s in scenes for e in s["filters"]["evidence"]})
    filters["year"] = sorted({(s["year"], s["year"]) for s in scenes if s["year"]}, reverse=True)
    filters = _coded_filters(filters, scenes)
    people = sorted((ref(facts, p) for p in facts.pages("person")), key=lambda r: r.en.lower())
    by_drama: dict[Any, list[Any]] = {}
    for character in facts.pages("character"):
        by_drama.setdefault(facts.value(character, KD + "drama"), []).append(ref(facts, character))
    groups = [(ref(facts, drama), found) for drama, found in by_drama.items()]
    characters = [  # grouped under their drama, which the page then names once
        {"drama": drama, "characters": sorted(found, key=lambda r: (r.en.lower(), r.href or ""))}
        for drama, found in sorted(groups, key=lambda group: (group[0].en.lower(), group[0].href or ""))
    ]
    concepts: dict[str, list[Any]] = {}
    for concept in facts.pages("concept"):
        values = page_values(facts, concept)
        concepts.setdefault(values["page"]["scheme"], []).append(
            {
                "ref": ref(facts, concept),
                "definition": values["page"]["definition"],
                "scenes": len(values["page"]["scenes"]),
            }
        )
    for listed in concepts.values():
        listed.sort(key=lambda c: c["ref"].en.lower())
    networks = sorted(
        (
            _entry(ref=ref(facts, n), dramas=len(facts.subjects(KD + "originalNetwork", n)))
            for n in facts.pages("network")
        ),
        key=lambda n: n["ref"].en.lower(),
    )
    sources = sorted(
        (
            _entry(ref=ref(facts, s), publisher=facts.text(s, "http://purl.org/dc/terms/publisher"))
            for s in facts.pages("source")
        ),
        key=lambda s: (s["publisher"].lower(), (s["ref"].en or s["ref"].ko).lower()),
    )
    counts = Counter(facts.kind.values())
    return {
        "index.html": page(
            "index.html", "A sourced knowledge graph of K-drama love confessions", counts=counts
        ),
        "dramas.html": page("dramas.html", "Dramas", dramas=dramas),
        "scenes.html": page("scenes.html", "Confession scenes", scenes=scenes, filters=filters),
        "people.html": page("people.html", "People", people=people),
        "characters.html": page("characters.html", "Characters", characters=characters),
        "tropes.html": page("tropes.html", "Tropes, settings, outcomes and delivery", concepts=concepts),
        "networks.html": page("networks.html", "Networks", networks=networks),
        **_source_pages(sources, page),
        "search.html": page("search.html", "Search"),
    }


def _coded_filters(
    filters: dict[str, list[tuple[str, str]]], scenes: list[dict[str, Any]]
) -> dict[str, list[tuple[str, str]]]:
    """Name each filter value by a short code ("s3": the fourth setting) on its option and its rows.

    A row then says what it matches in one short attribute, where the values' names would weigh
    more than half of the scene index; the page stays light as scenes are added.
    """
    codes = {
        key: {value: f"{key[0]}{n}" for n, (value, _) in enumerate(opts)} for key, opts in filters.items()
    }
    for scene in scenes:
        scene["codes"] = " ".join(
            codes[key][value]
            for key, values in scene["filters"].items()
            for value in sorted(set(values))
            if value in codes[key]
        )
    return {key: [(codes[key][value], text) for value, text in options] for key, options in filters.items()}


#: sources listed on one page of the source index, to keep each page light
SOURCES_PER_PAGE = 400


def _source_pages(sources: list[dict[str, Any]], page: Any) -> dict[str, str]:
    """The source index, cut into pages of :data:`SOURCES_PER_PAGE` with links between them."""
    chunks = [sources[i : i + SOURCES_PER_PAGE] for i in range(0, len(sources), SOURCES_PER_PAGE)] or [[]]
    names = ["sources.html", *(f"sources-{n}.html" for n in range(2, len(chunks) + 1))]
    parts = [
        {
            "href": name,
            "first": chunk[0]["publisher"] if chunk else "",
            "last": chunk[-1]["publisher"] if chunk else "",
        }
        for name, chunk in zip(names, chunks, strict=True)
    ]
    return {
        name: page("sources.html", "Sources", sources=chunk, total=len(sources), parts=parts, current=name)
        for name, chunk in zip(names, chunks, strict=True)
    }
