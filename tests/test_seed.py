"""Every claim of the seed article is in the graph and attributed to it.

The seed is Gulf News, "5 K-Drama love confessions that hit like a punch to the heart". Its
claims are written out here, so the test does not depend on any file outside the project.
"""

from __future__ import annotations

import pytest
from rdflib import Literal
from rdflib.namespace import DCTERMS, RDF, SKOS

from kgraph.namespaces import KD, KDR, SCHEMA

SEED = KDR["source.gulf-news-five-confessions"]

# (drama title, ranking, [(actor, character as the seed names them)], quotes the seed gives)
SEED_ENTRIES = [
    ("Flower of Evil", 1, [("Lee Joon-gi", "Do Hyun-so"), ("Moon Chae-won", "Ji-won")], []),
    (
        "Strong Girl Bong-soon",
        2,
        [("Park Hyung-sik", "Min-hyuk"), ("Park Bo-young", "Bong-soon")],
        ["I didn't know that I would love you so much."],
    ),
    (
        "Run On",
        3,
        [("Im Si-wan", None), ("Shin Se-kyung", None)],
        ["You taught me everything, you just didn't teach me how to break up."],
    ),
    (
        "Twenty-Five Twenty-One",
        4,
        [("Kim Tae-ri", "Na Hee-do"), ("Nam Joo-hyuk", "Baek Yi-jin")],
        ["You still haven't told me what it was, if not that."],
    ),
    (
        "Descendants of the Sun",
        5,
        [("Song Joong-ki", "Yoo Shi-jin"), ("Song Hye-kyo", "Kang Mo-yeon")],
        [],
    ),
]


def _by_name(graph, name, cls):
    for node in graph.subjects(RDF.type, cls):
        names = {str(v) for p in (SCHEMA.name, SKOS.altLabel) for v in graph.objects(node, p)}
        if name in names:
            return node
    raise AssertionError(f"no {cls.n3()} named {name!r}")


def _seed_scenes(graph, drama):
    return [
        s
        for s in graph.subjects(KD.drama, drama)
        if (s, RDF.type, KD.ConfessionScene) in graph and (s, DCTERMS.source, SEED) in graph
    ]


def test_seed_is_a_source(graph):
    assert (SEED, RDF.type, KD.Source) in graph
    assert str(graph.value(SEED, SCHEMA.url)).startswith("https://gulfnews.com/")


@pytest.mark.parametrize("entry", SEED_ENTRIES, ids=lambda e: e[0])
def test_drama_is_attributed_to_the_seed(graph, entry):
    drama = _by_name(graph, entry[0], KD.Drama)
    assert (drama, DCTERMS.source, SEED) in graph


@pytest.mark.parametrize("entry", SEED_ENTRIES, ids=lambda e: e[0])
def test_seed_scene_is_ranked_as_the_seed_ranks_it(graph, entry):
    title, position, _, _ = entry
    scenes = _seed_scenes(graph, _by_name(graph, title, KD.Drama))
    assert scenes, f"no scene of {title} cites the seed"
    positions = {
        int(graph.value(r, KD.position))
        for s in scenes
        for r in graph.objects(s, KD.ranking)
        if (r, KD.rankedIn, SEED) in graph
    }
    assert positions == {position}


@pytest.mark.parametrize("entry", SEED_ENTRIES, ids=lambda e: e[0])
def test_seed_leads_are_cast_and_attributed(graph, entry):
    title, _, leads, _ = entry
    drama = _by_name(graph, title, KD.Drama)
    for actor_name, character_name in leads:
        actor = _by_name(graph, actor_name, KD.Person)
        roles = [r for r in graph.subjects(KD.actor, actor) if (r, KD.drama, drama) in graph]
        assert roles, f"{actor_name} has no role in {title}"
        assert all((r, KD.billing, KD.Lead) in graph for r in roles)
        assert any((r, DCTERMS.source, SEED) in graph for r in roles)
        if character_name:
            character = graph.value(roles[0], KD.character)
            names = {str(v) for p in (SCHEMA.name, SKOS.altLabel) for v in graph.objects(character, p)}
            assert any(character_name in n for n in names), f"{character_name} not among {names}"


@pytest.mark.parametrize("entry", [e for e in SEED_ENTRIES if e[3]], ids=lambda e: e[0])
def test_seed_quote_is_kept_and_attributed(graph, entry):
    title, _, _, quotes = entry
    scenes = _seed_scenes(graph, _by_name(graph, title, KD.Drama))
    for text in quotes:
        found = [
            q
            for s in scenes
            for q in graph.objects(s, KD.quote)
            if (q, KD.text, Literal(text, lang="en")) in graph
        ]
        assert found, f"the seed's quote {text!r} is not on a scene of {title}"
        assert all((q, DCTERMS.source, SEED) in graph for q in found)


def test_descendants_of_the_sun_has_the_broadcast_and_the_truck_scene(graph):
    scenes = _seed_scenes(graph, KDR["descendants-of-the-sun"])
    deliveries = {graph.value(s, KD.delivery) for s in scenes}
    settings = {o for s in scenes for o in graph.objects(s, KD.setting)}
    assert KDR["delivery.recorded-broadcast"] in deliveries
    assert KDR["setting.vehicle"] in settings
    assert len(scenes) == 2


@pytest.mark.parametrize("slug", ["flower-of-evil", "twenty-five-twenty-one"])
def test_seed_bridge_setting_is_kept_as_the_seeds_claim(graph, slug):
    claims = [
        c
        for s in _seed_scenes(graph, KDR[slug])
        for c in graph.objects(s, KD.claim)
        if (c, KD.claimedProperty, KD.setting) in graph and (c, DCTERMS.source, SEED) in graph
    ]
    assert any(graph.value(c, KD.claimedValue) == KDR["setting.bridge"] for c in claims)


def test_crash_landing_on_you_is_the_standard_with_its_leads(graph):
    drama = KDR["crash-landing-on-you"]
    assert (drama, DCTERMS.source, SEED) in graph
    leads = {
        graph.value(r, KD.actor) for r in graph.subjects(KD.drama, drama) if (r, KD.billing, KD.Lead) in graph
    }
    assert {KDR["hyun-bin"], KDR["son-ye-jin"]} <= leads


def test_seed_spelling_of_do_hyun_soo_is_recorded_as_its_claim(graph):
    character = KDR["flower-of-evil.do-hyun-soo"]
    claims = [c for c in graph.objects(character, KD.claim) if (c, DCTERMS.source, SEED) in graph]
    assert any(str(graph.value(c, KD.claimedValue)) == "Do Hyun-so" for c in claims)
