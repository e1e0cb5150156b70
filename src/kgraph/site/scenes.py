"""A confession scene in a line: the values the scene lists show and filter on, and its title.

Used by the scene index, by the drama, person and trope pages that list scenes, and by search.
"""

from __future__ import annotations

from typing import Any

from kgraph.prefixes import curie_of
from kgraph.site.facts import KD, SCHEMA, Facts, slug_of
from kgraph.site.links import Ref, ref

__all__ = ["EVIDENCE", "episodes", "scene_summary", "scene_title", "scenes_in_order", "year"]

#: how a page words each evidence level
EVIDENCE = {
    KD + "MultipleSources": "several sources agree",
    KD + "SingleSource": "one source",
    KD + "Disputed": "disputed: sources disagree",
}


def episodes(facts: Facts, scene: Any) -> list[int]:
    """The scene's episode numbers, in order (two when sources disagree or it spans a cut)."""
    return sorted(int(e) for e in facts.objects(scene, KD + "episode"))


def year(facts: Facts, drama: Any) -> str:
    """The year the drama first aired, or "" if the graph does not say."""
    start = facts.value(drama, SCHEMA + "startDate")
    return str(start)[:4] if start is not None else ""


def scene_title(facts: Facts, scene: Any) -> str:
    """A scene's name: who confesses to whom, and in which drama."""
    confessors = " and ".join(facts.label(c).en for c in facts.objects(scene, KD + "confessor"))
    addressees = " and ".join(facts.label(c).en for c in facts.objects(scene, KD + "addressee"))
    drama = facts.label(facts.value(scene, KD + "drama")).en
    if set(facts.objects(scene, KD + "confessor")) == set(facts.objects(scene, KD + "addressee")):
        # a mutual confession lists each as both
        return f"{confessors}, to each other ({drama})"
    return f"{confessors} to {addressees} ({drama})"


def scene_summary(facts: Facts, scene: Any) -> dict[str, Any]:
    """The few values a list of scenes shows and filters on."""
    drama = facts.value(scene, KD + "drama")

    def slugs(prop: str) -> list[str]:  # "trope.first-love" as "first-love": the filter names the kind
        return [(slug_of(str(v)) or "").split(".", 1)[-1] for v in facts.objects(scene, prop)]

    def concept(prop: str) -> list[Ref]:
        return [ref(facts, v) for v in facts.objects(scene, prop)]

    confessors = [ref(facts, c) for c in facts.objects(scene, KD + "confessor")]
    addressees = [ref(facts, c) for c in facts.objects(scene, KD + "addressee")]
    mutual = any(str(v).lower() == "true" for v in facts.objects(scene, KD + "mutual"))
    return {
        "ref": ref(facts, scene),
        "title": scene_title(facts, scene),
        "drama": ref(facts, drama),
        "year": year(facts, drama),
        "episodes": episodes(facts, scene),
        "confessors": confessors,
        "addressees": addressees,
        "mutual": mutual,
        "pair": list(dict.fromkeys(confessors + addressees)),  # a mutual scene: each person once
        "tropes": concept(KD + "trope"),
        "setting": concept(KD + "setting"),
        "delivery": concept(KD + "delivery"),
        "outcome": concept(KD + "outcome"),
        "evidence": EVIDENCE.get(str(facts.value(scene, KD + "evidenceLevel")), ""),
        "filters": {
            "trope": slugs(KD + "trope"),
            "setting": slugs(KD + "setting"),
            "delivery": slugs(KD + "delivery"),
            "outcome": slugs(KD + "outcome"),
            "evidence": [curie_of(str(v)) for v in facts.objects(scene, KD + "evidenceLevel")],
            "year": [year(facts, drama)],
        },
    }


def scenes_in_order(facts: Facts, scenes: list[Any]) -> list[Any]:
    """The scenes, once each, by drama title, then episode (scenes without one last)."""

    def key(scene: Any) -> tuple[Any, ...]:
        numbers = episodes(facts, scene)
        return (str(facts.label(facts.value(scene, KD + "drama")).en), numbers[:1] or [999], str(scene))

    return sorted(set(scenes), key=key)
