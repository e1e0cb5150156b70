"""What each page of the site shows, as plain values for its template.

One function per kind of page reads :class:`~kgraph.site.facts.Facts` and returns a dict. Links
are relative to the site's root (``resource/<slug>.html``), and every fact carries the sources it
rests on, numbered per page by :class:`Citations`, so a template can link each fact to its source.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from kgraph.prefixes import curie_of
from kgraph.site.facts import DCT, KD, SCHEMA, SKOS, Facts, slug_of
from kgraph.site.links import Citations, Ref, entry, link, ref
from kgraph.site.links import anchor as _anchor
from kgraph.site.links import shown_value as _value
from kgraph.site.scenes import EVIDENCE as _EVIDENCE
from kgraph.site.scenes import scene_summary, scene_title
from kgraph.site.scenes import scenes_in_order as _scenes_in_order
from kgraph.site.scenes import year as _year

__all__ = ["Citations", "Ref", "entry", "link", "page_values", "ref", "scene_summary", "scene_title"]

_BILLING = {KD + "Lead": "lead", KD + "Supporting": "supporting", KD + "Cameo": "cameo"}
_BILLING_ORDER = {"lead": 0, "supporting": 1, "cameo": 2}
_PROPERTY_NAMES = {
    SCHEMA + "name": "name",
    SCHEMA + "startDate": "first aired",
    SCHEMA + "endDate": "last aired",
    SCHEMA + "numberOfEpisodes": "episodes",
    KD + "episode": "episode",
    KD + "setting": "setting",
    KD + "outcome": "outcome",
    KD + "delivery": "delivery",
    KD + "confessor": "confessor",
    KD + "addressee": "addressee",
    KD + "text": "quote",
    KD + "billing": "billing",
    KD + "billingOrder": "billing order",
    KD + "originalNetwork": "network",
}


def _claims(facts: Facts, cite: Citations, node: Any) -> list[dict[str, Any]]:
    """What each source says about ``node`` where sources are recorded one by one, by property."""
    by_property: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for claim in facts.objects(node, KD + "claim"):
        prop = str(facts.value(claim, KD + "claimedProperty"))
        for value in facts.objects(claim, KD + "claimedValue"):
            by_property[prop].append(
                {"value": _value(facts, value), "sources": cite.of(claim), "anchor": _anchor(claim)}
            )
    found = []
    for prop, versions in sorted(by_property.items()):
        distinct = {(v["value"]["text"], v["value"]["ref"]) for v in versions}
        found.append(
            {
                "property": _PROPERTY_NAMES.get(prop, curie_of(prop)),
                "versions": sorted(versions, key=lambda v: (v["value"]["text"], str(v["value"]["ref"]))),
                "disagree": len(distinct) > 1,
            }
        )
    return found


def _actors(facts: Facts, character: Any) -> list[Ref]:
    roles = facts.subjects(KD + "character", character)
    return [ref(facts, a) for r in roles for a in facts.objects(r, KD + "actor")]


def _roles(facts: Facts, cite: Citations, roles: list[Any]) -> list[dict[str, Any]]:
    found = []
    for role in roles:
        billing = _BILLING.get(str(facts.value(role, KD + "billing")), "")
        order = facts.value(role, KD + "billingOrder")
        found.append(
            {
                "anchor": _anchor(role),
                "actor": [ref(facts, a) for a in facts.objects(role, KD + "actor")],
                "character": [ref(facts, c) for c in facts.objects(role, KD + "character")],
                "drama": ref(facts, facts.value(role, KD + "drama")),
                "year": _year(facts, facts.value(role, KD + "drama")),
                "billing": billing,
                "order": int(order) if order is not None else None,
                "sources": cite.of(role),
                "claims": _claims(facts, cite, role),
            }
        )
    return sorted(
        found,
        key=lambda r: (
            _BILLING_ORDER.get(r["billing"], 3),
            r["order"] or 99,
            r["actor"][0].en if r["actor"] else "",
        ),
    )


def drama_page(facts: Facts, drama: Any, cite: Citations) -> dict[str, Any]:
    """A drama: titles, network and dates, cast, scenes in episode order, tropes and sources."""
    parts = facts.subjects(KD + "drama", drama)
    roles = [p for p in parts if facts.kind.get(p) is None and facts.objects(p, KD + "actor")]
    scenes = [p for p in parts if facts.kind.get(p) == "scene"]
    return {
        "alt": [str(t) for t in facts.texts(drama, SKOS + "altLabel")],
        "description": facts.text(drama, SCHEMA + "description"),
        "sources": cite.of(drama),
        "network": [ref(facts, n) for n in facts.objects(drama, KD + "originalNetwork")],
        "streamer": [ref(facts, n) for n in facts.objects(drama, KD + "streamer")],
        "start": str(facts.value(drama, SCHEMA + "startDate") or ""),
        "end": str(facts.value(drama, SCHEMA + "endDate") or ""),
        "episodes": str(facts.value(drama, SCHEMA + "numberOfEpisodes") or ""),
        "writers": [ref(facts, p) for p in facts.objects(drama, KD + "writer")],
        "directors": [ref(facts, p) for p in facts.objects(drama, KD + "director")],
        "cast": _roles(facts, cite, roles),
        "scenes": [scene_summary(facts, s) for s in _scenes_in_order(facts, scenes)],
        "tropes": [ref(facts, t) for t in facts.objects(drama, KD + "trope")],
        "claims": _claims(facts, cite, drama),
    }


def scene_page(facts: Facts, scene: Any, cite: Citations) -> dict[str, Any]:
    """A confession scene: who, where, how, the quotes, the evidence, the disputes, the rankings."""

    def people(prop: str) -> list[dict[str, Any]]:
        return [{"character": ref(facts, c), "actors": _actors(facts, c)} for c in facts.objects(scene, prop)]

    quotes = []
    for quote in facts.objects(scene, KD + "quote"):
        quotes.append(
            {
                "anchor": _anchor(quote),
                "texts": [
                    {"text": str(t), "lang": t.language or ""} for t in facts.texts(quote, KD + "text")
                ],
                "speaker": [ref(facts, s) for s in facts.objects(quote, KD + "speaker")],
                "evidence": _EVIDENCE.get(str(facts.value(quote, KD + "evidenceLevel")), ""),
                "sources": cite.of(quote),
                "claims": _claims(facts, cite, quote),
            }
        )
    rankings = []
    for ranking in facts.objects(scene, KD + "ranking"):
        for source in facts.objects(ranking, KD + "rankedIn"):
            rankings.append(
                {
                    "anchor": _anchor(ranking),
                    "position": str(facts.value(ranking, KD + "position") or ""),
                    "citation": cite.cite(source),
                }
            )
    return {
        **scene_summary(facts, scene),
        "description": facts.text(scene, SCHEMA + "description"),
        "sources": cite.of(scene),
        "confessor_people": people(KD + "confessor"),
        "addressee_people": people(KD + "addressee"),
        "note": facts.text(scene, KD + "evidenceNote"),
        "quotes": quotes,
        "claims": _claims(facts, cite, scene),
        "rankings": sorted(rankings, key=lambda r: r["citation"]["number"]),
    }


def _confessions(facts: Facts, characters: list[Any], prop: str) -> list[dict[str, Any]]:
    scenes = [s for c in characters for s in facts.subjects(prop, c)]
    return [scene_summary(facts, s) for s in _scenes_in_order(facts, scenes)]


def person_page(facts: Facts, person: Any, cite: Citations) -> dict[str, Any]:
    """A person: roles across dramas, co-stars with the dramas they share, confessions."""
    roles = facts.subjects(KD + "actor", person)
    dramas = {d for r in roles for d in facts.objects(r, KD + "drama")}
    shared: dict[Any, set[Any]] = defaultdict(set)
    for drama in dramas:
        for role in facts.subjects(KD + "drama", drama):
            for other in facts.objects(role, KD + "actor"):
                if other != person:
                    shared[other].add(drama)
    costars = sorted(
        (
            entry(ref=ref(facts, p), dramas=[ref(facts, d) for d in sorted(ds, key=str)])
            for p, ds in shared.items()
        ),
        key=lambda c: (-len(c["dramas"]), str(c["ref"])),
    )
    characters = [c for r in roles for c in facts.objects(r, KD + "character")]
    return {
        "alt": [str(t) for t in facts.texts(person, SKOS + "altLabel")],
        "sources": cite.of(person),
        "roles": sorted(_roles(facts, cite, roles), key=lambda r: (r["year"], r["drama"].en)),
        "costars": costars,
        "given": _confessions(facts, characters, KD + "confessor"),
        "received": _confessions(facts, characters, KD + "addressee"),
        "wrote": [ref(facts, d) for d in facts.subjects(KD + "writer", person)],
        "directed": [ref(facts, d) for d in facts.subjects(KD + "director", person)],
        "same": [
            ref(facts, s)
            for p in ("http://www.w3.org/2002/07/owl#sameAs", SCHEMA + "sameAs")
            for s in facts.objects(person, p)
        ],
    }


def character_page(facts: Facts, character: Any, cite: Citations) -> dict[str, Any]:
    """A character: the drama, who played them, aliases, and the confessions they gave and received."""
    roles = facts.subjects(KD + "character", character)
    return {
        "drama": ref(facts, facts.value(character, KD + "drama")),
        "alt": [str(t) for t in facts.texts(character, SKOS + "altLabel")],
        "aliases": [{"text": str(t), "lang": t.language or ""} for t in facts.texts(character, KD + "alias")],
        "gender": str(facts.value(character, KD + "gender") or "").rsplit("/", 1)[-1].lower(),
        "sources": cite.of(character),
        "roles": _roles(facts, cite, roles),
        "given": _confessions(facts, [character], KD + "confessor"),
        "received": _confessions(facts, [character], KD + "addressee"),
        "claims": _claims(facts, cite, character),
    }


def concept_page(facts: Facts, concept: Any, cite: Citations) -> dict[str, Any]:
    """A trope (or a setting, outcome or delivery): definition, broader and narrower, scenes, dramas."""
    scheme = facts.value(concept, SKOS + "inScheme")
    scenes = [s for p in ("trope", "setting", "outcome", "delivery") for s in facts.subjects(KD + p, concept)]
    return {
        "scheme": curie_of(str(scheme)).removeprefix("kd:").removesuffix("Scheme").lower() if scheme else "",
        "definition": facts.text(concept, SKOS + "definition"),
        "broader": [ref(facts, b) for b in facts.objects(concept, SKOS + "broader")],
        "narrower": [ref(facts, n) for n in facts.subjects(SKOS + "broader", concept)],
        "matches": [ref(facts, m) for m in facts.objects(concept, SKOS + "closeMatch")],
        "scenes": [
            scene_summary(facts, s) for s in _scenes_in_order(facts, [s for s in scenes if s in facts.kind])
        ],
        "dramas": [
            ref(facts, d) for d in facts.subjects(KD + "trope", concept) if facts.kind.get(d) == "drama"
        ],
        "sources": cite.of(concept),
    }


def network_page(facts: Facts, network: Any, cite: Citations) -> dict[str, Any]:
    """A broadcaster or streamer: the dramas it first aired and those it streams."""

    def dramas(prop: str) -> list[dict[str, Any]]:
        found = [{"ref": ref(facts, d), "year": _year(facts, d)} for d in facts.subjects(prop, network)]
        return sorted(found, key=lambda d: (d["year"], d["ref"].en))

    return {
        "aired": dramas(KD + "originalNetwork"),
        "streamed": dramas(KD + "streamer"),
        "sources": cite.of(network),
    }


def source_page(facts: Facts, source: Any, cite: Citations) -> dict[str, Any]:
    """A source: its page, and what the graph takes from it."""
    used: dict[Any, list[str]] = defaultdict(list)
    for node in facts.subjects(DCT + "source", source):
        if facts.kind.get(node) is not None:
            used[node].append("")
        elif facts.owner(node) is not None:
            claimed = facts.value(node, KD + "claimedProperty")
            what = (
                _PROPERTY_NAMES.get(str(claimed), curie_of(str(claimed)))
                if claimed
                else _kind_name(facts, node)
            )
            used[node].append(what)
    for ranking in facts.subjects(KD + "rankedIn", source):
        used[ranking].append("a place in its ranking")
    taken = sorted(
        (
            entry(ref=_part_ref(facts, node), what=", ".join(sorted({w for w in whats if w})))
            for node, whats in used.items()
        ),
        key=lambda t: (t["ref"].href or "", t["what"]),
    )
    url = facts.value(source, SCHEMA + "url")
    return {
        "url": str(url) if url is not None else "",
        "publisher": facts.text(source, DCT + "publisher"),
        "issued": str(facts.value(source, DCT + "issued") or ""),
        "read": str(facts.value(source, KD + "dateRead") or ""),
        "citation": facts.text(source, DCT + "bibliographicCitation"),
        "taken": taken,
    }


def _part_ref(facts: Facts, node: Any) -> Ref:
    """A link to a part of a page (a claim, a role), named after the page that shows it."""
    found = ref(facts, node)
    owner = facts.owner(node)
    if owner is None or owner == node:
        return found
    label = ref(facts, owner) if facts.kind[owner] != "scene" else Ref(None, scene_title(facts, owner))
    return Ref(found.href, label.en, label.ko, found.curie)


def _kind_name(facts: Facts, node: Any) -> str:
    names = {KD + "CastingRole": "a casting role", KD + "Quote": "a quote", KD + "Claim": "a claim"}
    for kind in facts.types(node):
        if str(kind) in names:
            return names[str(kind)]
    return ""


_BUILDERS = {
    "drama": drama_page,
    "scene": scene_page,
    "person": person_page,
    "character": character_page,
    "concept": concept_page,
    "network": network_page,
    "source": source_page,
}


def page_values(facts: Facts, node: Any) -> dict[str, Any]:
    """Everything the page of ``node`` shows: its kind, names, facts and numbered sources."""
    kind = facts.kind[node]
    cite = Citations(facts)
    values = _BUILDERS[kind](facts, node, cite)
    label = facts.label(node)
    title = scene_title(facts, node) if kind == "scene" else label.en
    return {
        "kind": kind,
        "iri": str(node),
        "curie": curie_of(str(node)),
        "slug": slug_of(str(node)),
        "title": title or label.ko or curie_of(str(node)),
        "title_ko": label.ko if kind != "scene" and title else "",
        "heading_lang": "" if title else "ko",
        "page": values,
        "citations": cite.listing(),
    }
