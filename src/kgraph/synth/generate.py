"""Synthetic graphs of the bundled graph's shape, as large as you like, for benchmarks.

Each drama has eight casting roles (two leads, six supporting) whose actors are drawn from a shared
pool with Zipf-like reuse, so a few actors appear in many dramas and most in one or two, as in
the real data; and two confession scenes, each with two tropes. The output conforms to
``ontology/shapes.ttl``. It is fiction: every name is made up and every fact cites one made-up
source.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Mapping
from itertools import accumulate

from rdflib import Graph, Namespace
from rdflib.namespace import DefinedNamespace

from kgraph.namespaces import KD, KDR, SCHEMA

__all__ = ["synthetic_graph", "synthetic_ntriples"]

ROLES_PER_DRAMA = 8
SCENES_PER_DRAMA = 2
TROPES = 40
_RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_DCT_SOURCE = "<http://purl.org/dc/terms/source>"
_XSD = "http://www.w3.org/2001/XMLSchema#"


def _iri(namespace: Namespace | type[DefinedNamespace], local: str) -> str:
    return f"<{namespace}{local}>"


def _text(value: str, lang: str = "en") -> str:
    return f'"{value}"@{lang}'


def _vocabulary() -> Iterator[str]:
    source = _iri(KDR, "source.synthetic")
    yield f"{source} {_RDF_TYPE} {_iri(KD, 'Source')} ."
    yield f"{source} <http://purl.org/dc/terms/title> {_text('A synthetic source for benchmarks')} ."
    yield f"{source} {_iri(SCHEMA, 'url')} <https://example.org/kdrama-kg/synthetic> ."
    yield f'{source} {_iri(KD, "undated")} "true"^^<http://www.w3.org/2001/XMLSchema#boolean> .'
    network = _iri(KDR, "network.synthetic")
    yield f"{network} {_RDF_TYPE} {_iri(KD, 'Network')} ."
    yield f"{network} {_iri(SCHEMA, 'name')} {_text('Synthetic TV')} ."
    for scheme, prefix, count in (
        ("TropeScheme", "trope.synthetic-", TROPES),
        ("SettingScheme", "setting.synthetic-", 1),
        ("DeliveryScheme", "delivery.synthetic-", 1),
        ("OutcomeScheme", "outcome.synthetic-", 1),
    ):
        yield f"{_iri(KD, scheme)} {_RDF_TYPE} <{_SKOS}ConceptScheme> ."
        for number in range(count):
            concept = _iri(KDR, f"{prefix}{number}")
            yield f"{concept} {_RDF_TYPE} <{_SKOS}Concept> ."
            yield f"{concept} <{_SKOS}inScheme> {_iri(KD, scheme)} ."
            yield f"{concept} <{_SKOS}prefLabel> {_text(f'synthetic {prefix[:-11]} {number}')} ."
            yield f"{concept} <{_SKOS}definition> {_text('A concept made up for benchmarks.')} ."


def synthetic_ntriples(
    dramas: int, *, seed: int = 0, defects: Mapping[str, int] | None = None
) -> Iterator[str]:
    """Yield the N-Triples lines of a synthetic graph with ``dramas`` dramas.

    Without defects the graph conforms to the shapes. Each defect breaks one rule of the shapes
    once, in a drama of its own, so validating the graph reports exactly the defects asked for
    (see :data:`kgraph.synth.defects.DEFECTS`); asking for defects leaves the rest of the graph as
    it would be without them.

    :param dramas: how many dramas; the graph has about 130 triples per drama.
    :param seed: the random seed; the same seed gives the same lines.
    :param defects: how many defects of each kind to inject, e.g. ``{"no-korean-title": 3}``.
    :returns: an iterator of N-Triples lines, without their line ends.
    :raises KgraphError: if a kind is unknown or there are more defects than dramas.

    >>> lines = list(synthetic_ntriples(2, seed=1))
    >>> sum("CastingRole" in line for line in lines)
    16
    >>> broken = list(synthetic_ntriples(2, seed=1, defects={"no-korean-title": 1}))
    >>> len(lines) - len(broken)
    1
    """
    from kgraph.synth.defects import plan_defects

    plan = plan_defects(dramas, defects or {}, seed=seed)
    for number, lines in _drama_lines(dramas, seed):
        if number in plan:
            lines = plan[number](lines)
        yield from lines


def _drama_lines(dramas: int, seed: int) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(number, lines)`` per drama; the shared vocabulary comes first, as number -1."""
    rng = random.Random(seed)  # noqa: S311 - repeatable fiction, not secrets
    yield -1, list(_vocabulary())
    pool = max(ROLES_PER_DRAMA, dramas * 3)
    weights = list(accumulate(1 / (rank + 1) ** 1.1 for rank in range(pool)))
    source = _iri(KDR, "source.synthetic")
    name, kind = _iri(SCHEMA, "name"), _RDF_TYPE
    seen_actors: set[int] = set()
    for number in range(dramas):
        out: list[str] = []
        drama = _iri(KDR, f"synthetic-drama-{number}")
        year = 2000 + number % 25
        out.append(f"{drama} {kind} {_iri(KD, 'Drama')} .")
        out.append(f"{drama} {name} {_text(f'Synthetic Drama {number}')} .")
        out.append(f"{drama} {name} {_text(f'합성 드라마 {number}', 'ko')} .")
        out.append(f"{drama} {_iri(KD, 'originalNetwork')} {_iri(KDR, 'network.synthetic')} .")
        out.append(f'{drama} {_iri(SCHEMA, "startDate")} "{year}-01-05"^^<{_XSD}date> .')
        out.append(f'{drama} {_iri(SCHEMA, "endDate")} "{year}-02-24"^^<{_XSD}date> .')
        out.append(f'{drama} {_iri(SCHEMA, "numberOfEpisodes")} "16"^^<{_XSD}integer> .')
        out.append(f"{drama} {_DCT_SOURCE} {source} .")
        actors: list[int] = []
        while len(actors) < ROLES_PER_DRAMA:
            actor = rng.choices(range(pool), cum_weights=weights)[0]
            if actor not in actors:
                actors.append(actor)
        characters = []
        for order, actor in enumerate(actors, 1):
            person = _iri(KDR, f"synthetic-actor-{actor}")
            if actor not in seen_actors:
                seen_actors.add(actor)
                out.append(f"{person} {kind} {_iri(KD, 'Person')} .")
                out.append(f"{person} {name} {_text(f'Actor {actor}')} .")
            character = _iri(KDR, f"synthetic-drama-{number}.character-{order}")
            characters.append(character)
            out.append(f"{character} {kind} {_iri(KD, 'Character')} .")
            out.append(f"{character} {name} {_text(f'Character {order}')} .")
            out.append(f"{character} {_iri(KD, 'drama')} {drama} .")
            role = _iri(KDR, f"synthetic-drama-{number}.role.{order}")
            billing = "Lead" if order <= 2 else "Supporting"
            out.append(f"{role} {kind} {_iri(KD, 'CastingRole')} .")
            out.append(f"{role} {_iri(KD, 'actor')} {person} .")
            out.append(f"{role} {_iri(KD, 'character')} {character} .")
            out.append(f"{role} {_iri(KD, 'drama')} {drama} .")
            out.append(f"{role} {_iri(KD, 'billing')} {_iri(KD, billing)} .")
            out.append(f'{role} {_iri(KD, "billingOrder")} "{order}"^^<{_XSD}integer> .')
            out.append(f"{role} {_DCT_SOURCE} {source} .")
        for index in range(1, SCENES_PER_DRAMA + 1):
            scene = _iri(KDR, f"synthetic-drama-{number}.confession-{index}")
            confessor, addressee = (characters[0], characters[1])[:: 1 if index % 2 else -1]
            out.append(f"{scene} {kind} {_iri(KD, 'ConfessionScene')} .")
            out.append(f"{scene} {_iri(KD, 'drama')} {drama} .")
            out.append(f"{scene} {_iri(KD, 'confessor')} {confessor} .")
            out.append(f"{scene} {_iri(KD, 'addressee')} {addressee} .")
            out.append(f"{scene} {_iri(SCHEMA, 'description')} {_text('A made-up confession.')} .")
            out.append(f'{scene} {_iri(KD, "episode")} "{rng.randint(1, 16)}"^^<{_XSD}integer> .')
            for trope in rng.sample(range(TROPES), 2):
                out.append(f"{scene} {_iri(KD, 'trope')} {_iri(KDR, f'trope.synthetic-{trope}')} .")
            out.append(f"{scene} {_iri(KD, 'setting')} {_iri(KDR, 'setting.synthetic-0')} .")
            out.append(f"{scene} {_iri(KD, 'delivery')} {_iri(KDR, 'delivery.synthetic-0')} .")
            out.append(f"{scene} {_iri(KD, 'outcome')} {_iri(KDR, 'outcome.synthetic-0')} .")
            out.append(f"{scene} {_iri(KD, 'evidenceLevel')} {_iri(KD, 'SingleSource')} .")
            out.append(f"{scene} {_iri(KD, 'evidenceNote')} {_text('Made up for benchmarks.')} .")
            out.append(f"{scene} {_DCT_SOURCE} {source} .")
        yield number, out


def synthetic_graph(dramas: int, *, seed: int = 0) -> Graph:
    """Build a synthetic graph with ``dramas`` dramas as an rdflib graph.

    >>> len(synthetic_graph(10, seed=1)) > 1000
    True
    """
    return Graph().parse(data="\n".join(synthetic_ntriples(dramas, seed=seed)), format="nt")
