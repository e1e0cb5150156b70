"""Nested, readable JSON-LD documents made by framing: one per drama, and the schema.org view.

A drama's document holds exactly *that drama's triples*: every triple whose subject is

- the drama itself;
- a character, casting role or confession scene whose ``kd:drama`` is the drama;
- a quote (``kd:quote``) or ranking (``kd:ranking``) of one of those scenes;
- a claim (``kd:claim``) of any of the above;
- a person who plays one of its roles (``kd:actor``), writes it (``kd:writer``) or directs it
  (``kd:director``).

Sources, networks and vocabulary concepts are referred to by IRI and described in the whole graph.
"""

from __future__ import annotations

import json
import re
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from kgraph import resources
from kgraph.namespaces import KD, SCHEMA

__all__ = ["drama_graph", "drama_nodes", "frame_drama", "schema_org_document"]

#: the three lists a drama document nests, each the reverse of kd:drama, by the type of their members
_PARTS = {"cast": KD.CastingRole, "characters": KD.Character, "scenes": KD.ConfessionScene}
_ALWAYS = {"@embed": "@always"}
_NEVER = {"@embed": "@never"}
# A subframe that names properties matches only nodes with one of them; "@type": {} lets any typed
# node match as well, so a quote without a speaker is not dropped.
_ANY: dict[str, Any] = {"@type": {}}
_CLAIM: dict[str, Any] = {**_ANY, "@embed": "@always", "claimedValue": _NEVER}


def drama_nodes(graph: Graph, drama: URIRef) -> set[Node]:
    """Return the subjects whose triples make up ``drama``'s document (see the module's list).

    >>> from kgraph.store.loading import load
    >>> from kgraph.namespaces import KDR
    >>> graph, drama = load(), KDR["twenty-five-twenty-one"]
    >>> actors = {graph.value(r, KD.actor) for r in graph.subjects(KD.drama, drama)} - {None}
    >>> actors <= drama_nodes(graph, drama)
    True
    """
    parts = set(graph.subjects(KD.drama, drama))
    attached = {o for s in parts for p in (KD.quote, KD.ranking) for o in graph.objects(s, p)}
    own: set[Node] = {drama, *parts, *attached}
    claims = {c for s in own for c in graph.objects(s, KD.claim)}
    people = {p for s in parts for p in graph.objects(s, KD.actor)}
    people |= {p for prop in (KD.writer, KD.director) for p in graph.objects(drama, prop)}
    return own | claims | people


def drama_graph(graph: Graph, drama: URIRef) -> Graph:
    """Return that drama's triples (see the module's list) as a graph of their own.

    :param graph: the whole graph.
    :param drama: the IRI of a ``kd:Drama``.
    """
    found = Graph()
    for node in drama_nodes(graph, drama):
        for triple in graph.triples((node, None, None)):
            found.add(triple)
    return found


def _project_context() -> dict[str, Any]:
    context: dict[str, Any] = json.loads(resources.context_path().read_text(encoding="utf-8"))["@context"]
    return context


def _pyld_term(term: Node) -> dict[str, str]:
    """A term in the form pyld's RDF datasets use (what its N-Quads parser gives)."""
    if isinstance(term, BNode):
        return {"type": "blank node", "value": f"_:{term}"}
    if isinstance(term, Literal):
        if term.language:
            return {
                "type": "literal",
                "value": str(term),
                "datatype": str(RDF.langString),
                "language": term.language,
            }
        return {"type": "literal", "value": str(term), "datatype": str(term.datatype or XSD.string)}
    return {"type": "IRI", "value": str(term)}


def _from_rdf(graph: Graph) -> list[dict[str, Any]]:
    """Turn a graph into expanded JSON-LD with pyld, whole numbers as JSON numbers.

    The triples go to pyld as its own dataset structure, in N-Triples order (pyld keeps the input's
    order, so the output is stable): its N-Quads parser checks each triple against every earlier one,
    which grows with the square of a drama's triples, and a graph's triples are distinct already.
    """
    from pyld import jsonld

    ordered = sorted(graph, key=lambda t: f"{t[0].n3()} {t[1].n3()} {t[2].n3()} .")
    dataset = {
        "@default": [
            {"subject": _pyld_term(s), "predicate": _pyld_term(p), "object": _pyld_term(o)}
            for s, p, o in ordered
        ]
    }
    expanded: list[dict[str, Any]] = jsonld.from_rdf(dataset, {"useNativeTypes": True})
    return expanded


def _natural(node: dict[str, Any]) -> tuple[int | str, ...]:
    """Sort ``confession-2`` before ``confession-10``."""
    return tuple(int(t) if t.isdigit() else t for t in re.split(r"(\d+)", node.get("id", "")))


def frame_drama(graph: Graph, drama: URIRef, context: dict[str, Any] | None = None) -> dict[str, Any]:
    """Frame that drama's triples into one nested document: the drama, its cast, characters and scenes.

    Roles embed their actor and point at their character; scenes embed their quotes, claims and
    rankings and point at their characters, so each character is written once, under
    ``characters``. ``cast``, ``characters`` and ``scenes`` are all the reverse of ``kd:drama``.

    :param graph: the whole graph.
    :param drama: the IRI of a ``kd:Drama``.
    :param context: the JSON-LD context to compact with; the project's context by default.
    :returns: a JSON-LD document with its context inline, so it expands without fetching anything.

    >>> from kgraph.store.loading import load
    >>> from kgraph.namespaces import KDR
    >>> document = frame_drama(load(), KDR["run-on"])
    >>> cast = document["cast"]
    >>> document["type"], {r["type"] for r in cast}, {r["actor"]["type"] for r in cast}
    ('Drama', {'CastingRole'}, {'Person'})
    """
    from pyld import jsonld

    context = {**(context or _project_context())}
    context.update({name: {"@reverse": "kd:drama"} for name in _PARTS})
    document = _from_rdf(drama_graph(graph, drama))
    part = {
        **_ANY,
        "@embed": "@always",
        "actor": _ALWAYS,
        "character": _NEVER,
        "confessor": _NEVER,
        "addressee": _NEVER,
        "drama": _NEVER,
        "claim": _CLAIM,
        "ranking": _ALWAYS,
        "quote": {**_ANY, "@embed": "@always", "speaker": _NEVER, "claim": _CLAIM},
    }
    frame = {
        "@context": context,
        "@id": str(drama),
        "writer": _ALWAYS,
        "director": _ALWAYS,
        "claim": _CLAIM,
        "@reverse": {"kd:drama": part},
    }
    framed = jsonld.frame(document, frame, {"omitGraph": True, "omitDefault": True})
    return _regroup(framed)


def _regroup(framed: dict[str, Any]) -> dict[str, Any]:
    """Split the one reverse list pyld compacts to into cast, characters and scenes, in a stable order."""
    members: list[dict[str, Any]] = []
    for name in _PARTS:
        found = framed.pop(name, [])
        members.extend(found if isinstance(found, list) else [found])
    head: dict[str, Any] = {key: framed.pop(key) for key in ("@context", "id", "type") if key in framed}
    grouped: dict[str, object] = {**head, **framed}
    for name, kind in _PARTS.items():
        short = str(kind).rsplit("#", 1)[-1]
        chosen = [m for m in members if short in _types(m)]
        if name == "cast":
            chosen.sort(key=lambda m: (m.get("billingOrder", 10**6), _natural(m)))
        else:
            chosen.sort(key=_natural)
        if chosen:
            grouped[name] = chosen
    return grouped


def _types(node: dict[str, Any]) -> list[str]:
    found = node.get("type", [])
    return found if isinstance(found, list) else [found]


#: the context of the schema.org view: plain schema.org terms, English as the default language
SCHEMA_ORG_CONTEXT = {
    "@vocab": str(SCHEMA),
    "@language": "en",
    "id": "@id",
    "type": "@type",
    "xsd": str(XSD),
    "startDate": {"@type": "xsd:date"},
    "endDate": {"@type": "xsd:date"},
    "url": {"@type": "@id"},
    "citation": {"@type": "@id"},
    "sameAs": {"@type": "@id"},
}


def schema_org_document(view: Graph) -> dict[str, Any]:
    """Frame the schema.org view into one document of ``TVSeries``, each nesting its cast.

    Every series holds ``actor`` entries that are ``PerformanceRole`` nodes with the
    ``characterName`` and the ``actor`` (a ``Person``) inside, the shape schema.org gives for
    "who played whom". A web page can put one series of ``@graph`` in a
    ``<script type="application/ld+json">`` with the context.

    :param view: the graph of ``queries/views/schema-org.rq``.
    """
    from pyld import jsonld

    document = _from_rdf(view)
    frame = {
        "@context": SCHEMA_ORG_CONTEXT,
        "@type": "TVSeries",
        "actor": {"@embed": "@always", "actor": _ALWAYS},
        "director": _ALWAYS,
        "author": _ALWAYS,
    }
    framed = jsonld.frame(document, frame, {"omitDefault": True})
    series = framed.get("@graph", [])
    for item in series:
        if isinstance(item.get("actor"), list):
            item["actor"].sort(key=_natural)
    return {"@context": framed["@context"], "@graph": sorted(series, key=_natural)}
