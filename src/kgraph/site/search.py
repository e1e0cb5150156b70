"""The site's search index: names and titles in English and Hangul, found however they are romanised.

The index is a small script (``assets/search-index.js``) that sets ``window.KGRAPH_SEARCH``, so the
search page works from ``file://``, where browsers refuse to fetch a JSON file. Each entry has the
names to match already folded by :func:`fold`, the rule the page's script applies to what is
typed: lower case, without spaces, hyphens, dots or apostrophes, Hangul as it is. "Kim Tae-ri",
"kim tae ri" and "Kim Taeri" all fold to ``kimtaeri``.
"""

from __future__ import annotations

import json
import re
import unicodedata

from kgraph.site.facts import SCHEMA, SKOS, Facts
from kgraph.site.pages import ref, scene_title

__all__ = ["fold", "search_index"]

_DROPPED = re.compile(r"[\s\-‐‑–—.'’·,:]+")
_SEARCHED = ("drama", "person", "character", "concept", "network", "scene")


def fold(text: str) -> str:
    """Fold a name the way the search page folds what is typed.

    >>> fold("Kim Tae-ri") == fold("kim tae ri") == fold("Kim Taeri") == "kimtaeri"
    True
    >>> fold("김 태리")
    '김태리'
    """
    return _DROPPED.sub("", unicodedata.normalize("NFKC", text).lower())


def search_index(facts: Facts) -> bytes:
    """The index as a script: for each resource, its name, Korean name, kind, page and folded names."""
    entries = []
    for node in sorted(facts.kind, key=str):
        kind = facts.kind[node]
        if kind not in _SEARCHED:
            continue
        found = ref(facts, node)
        names = [
            str(t)
            for p in (SCHEMA + "name", SKOS + "prefLabel", SKOS + "altLabel")
            for t in facts.objects(node, p)
        ]
        title = scene_title(facts, node) if kind == "scene" else found.en
        if kind == "scene":
            names = [title]
        keys = sorted({fold(n) for n in names if fold(n)})
        entry = {"n": title, "k": found.ko, "t": kind, "u": found.href, "f": keys}
        if kind == "character":
            drama = facts.value(node, "https://w3id.org/kdrama-kg/ontology#drama")
            entry["d"] = facts.label(drama).en if drama is not None else ""
        entries.append(entry)
    text = json.dumps(entries, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return f"window.KGRAPH_SEARCH = {text};\n".encode()
