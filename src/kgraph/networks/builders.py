"""Build networkx graphs from the RDF graph: co-stars, casts, tropes, confessions, and the raw triples.

Each builder reads the RDF graph in one pass per property (never one query per actor or drama), so
it stays linear in the number of casting roles and scenes. Node ids are IRIs; every attribute is a
scalar, so any of these graphs can be written as GraphML or GEXF.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from itertools import combinations
from typing import TYPE_CHECKING, Any, TypeAlias, cast

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS
from rdflib.term import IdentifiedNode, Node

from kgraph.describe.entities import label, labels
from kgraph.errors import KgraphError
from kgraph.namespaces import KD, SCHEMA, curie
from kgraph.store.loading import load
from kgraph.store.oxigraph import from_native, lexical, subject_objects, to_native

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "BILLINGS",
    "confession_graph",
    "costar_graph",
    "drama_actor_graph",
    "trope_bipartite_graph",
    "trope_graph",
]

BILLINGS = {"lead": KD.Lead, "supporting": KD.Supporting, "cameo": KD.Cameo}
TROPE_UNITS = ("scene", "drama")

#: A casting role as :func:`_roles` gives it: role, actor, drama, character, billing.
_Role: TypeAlias = tuple[
    IdentifiedNode, IdentifiedNode, IdentifiedNode, IdentifiedNode | None, IdentifiedNode | None
]


def node_order(node: Node) -> tuple[int, str]:
    """Sort key that orders rdflib terms as their own comparison does (blank nodes, IRIs, then
    literals, each by text) at the cost of one call per term rather than one per comparison.

    >>> sorted([URIRef("urn:b"), BNode("z"), URIRef("urn:a")], key=node_order) == sorted(
    ...     [URIRef("urn:b"), BNode("z"), URIRef("urn:a")])
    True
    """
    return _RANK.get(type(node), 0), str(node)


_RANK: dict[type[Node], int] = {BNode: 10, URIRef: 30, Literal: 40}


def _korean(node: Node, graph: Graph) -> str:
    for prop in (SCHEMA.name, SKOS.prefLabel):
        for value in graph.objects(node, prop):
            if isinstance(value, Literal) and value.language == "ko":
                return str(value)
    return ""


def _billing_filter(billing: str | Iterable[str] | None) -> set[URIRef] | None:
    if billing is None:
        return None
    names = [billing] if isinstance(billing, str) else list(billing)
    unknown = sorted(set(names) - set(BILLINGS))
    if unknown:
        raise KgraphError(f"unknown billing {', '.join(unknown)}: use {', '.join(BILLINGS)}")
    return {BILLINGS[name] for name in names}


def _roles(graph: Graph, billing: str | Iterable[str] | None = None) -> list[_Role]:
    """Return ``(role, actor, drama, character, billing)`` for every casting role, in IRI order."""
    wanted = _billing_filter(billing)
    term = from_native(graph)
    actors = dict(subject_objects(graph, KD.actor, native=True))
    dramas = {s: o for s, o in subject_objects(graph, KD.drama, native=True) if s in actors}
    characters = {s: o for s, o in subject_objects(graph, KD.character, native=True) if s in actors}
    billings = {s: o for s, o in subject_objects(graph, KD.billing, native=True) if s in actors}
    rows = []
    for role in actors:
        billed = term(billings.get(role))
        if role in dramas and (wanted is None or billed in wanted):
            rows.append(
                (term(role), term(actors[role]), term(dramas[role]), term(characters.get(role)), billed)
            )
    return sorted(rows, key=lambda row: node_order(row[0]))


def _cast(
    graph: Graph, billing: str | Iterable[str] | None = None
) -> dict[IdentifiedNode, set[IdentifiedNode]]:
    """Return each drama's set of actors: :func:`_roles` reduced to what the co-star graph needs.

    Roles are joined in the store's own terms; only the dramas and actors kept become rdflib terms.
    """
    wanted = _billing_filter(billing)
    if wanted is not None:
        wanted = {to_native(graph, b) for b in wanted}
    actors = dict(subject_objects(graph, KD.actor, native=True))
    billings = {} if wanted is None else dict(subject_objects(graph, KD.billing, native=True))
    cast: dict[Any, set[Any]] = defaultdict(set)
    for role, drama in dict(subject_objects(graph, KD.drama, native=True)).items():
        if role in actors and (wanted is None or billings.get(role) in wanted):
            cast[drama].add(actors[role])
    term = from_native(graph)
    return {term(drama): {term(actor) for actor in members} for drama, members in cast.items()}


def _korean_names(nodes: Iterable[Node], graph: Graph) -> dict[Node, str]:
    """Return :func:`_korean` of each of ``nodes`` that has a Korean name, in one pass per property."""
    wanted = {to_native(graph, node): node for node in nodes}
    found: dict[Node, str] = {}
    for prop in (SCHEMA.name, SKOS.prefLabel):
        for node, value in subject_objects(graph, prop, native=True):
            if node in wanted and wanted[node] not in found and getattr(value, "language", None) == "ko":
                found[wanted[node]] = lexical(value)
    return found


def _quote_text(quote: Node, graph: Graph) -> str:
    """Return a quote's English text (the first in order if several), else its first text, else ""."""
    texts = sorted(
        graph.objects(quote, KD.text), key=lambda t: (getattr(t, "language", None) != "en", str(t))
    )
    return str(texts[0]) if texts else ""


def _person_node(result: nx.Graph[str], actor: Node, graph: Graph, **extra: object) -> None:
    result.add_node(
        str(actor), label=label(actor, graph), label_ko=_korean(actor, graph), kind="person", **extra
    )


def _distinct(names: dict[Node, str]) -> dict[Node, str]:
    """Give people who share a name a label each: the name, then the IRI's last segment.

    >>> from rdflib import URIRef
    >>> a, b = URIRef("https://example.org/kim-a"), URIRef("https://example.org/kim-b")
    >>> sorted(_distinct({a: "Kim", b: "Kim"}).values())
    ['Kim (kim-a)', 'Kim (kim-b)']
    """
    count = Counter(names.values())
    return {
        node: f"{name} ({str(node).rsplit('/', 1)[-1]})" if count[name] > 1 else name
        for node, name in names.items()
    }


def costar_graph(graph: Graph | None = None, *, billing: str | Iterable[str] | None = None) -> nx.Graph[str]:
    """Build the co-star graph: actors linked when they were cast in the same drama.

    Nodes carry ``label``, ``label_ko`` and ``dramas`` (how many dramas the actor is in); edges
    carry ``weight`` (shared dramas) and ``dramas`` (their titles, sorted, joined with ``; ``).

    :param graph: the RDF graph; the bundled one if omitted.
    :param billing: keep only roles with this billing (``lead``, ``supporting``, ``cameo``, or several).
    :returns: an undirected ``networkx.Graph``.
    :raises KgraphError: on an unknown billing.

    >>> g = costar_graph()
    >>> g.has_edge("https://w3id.org/kdrama-kg/resource/kim-tae-ri",
    ...            "https://w3id.org/kdrama-kg/resource/nam-joo-hyuk")
    True
    """
    import networkx as nx

    graph = load() if graph is None else graph
    cast = _cast(graph, billing)
    filmography: dict[IdentifiedNode, set[IdentifiedNode]] = defaultdict(set)
    shared: dict[tuple[IdentifiedNode, IdentifiedNode], list[str]] = defaultdict(list)
    titles = labels(cast, graph)
    for drama in sorted(cast, key=node_order):
        for actor in cast[drama]:
            filmography[actor].add(drama)
        for a, b in combinations(sorted(cast[drama], key=node_order), 2):
            shared[a, b].append(titles[drama])
    result: nx.Graph[str] = nx.Graph(name="costar")
    names, korean = _distinct(labels(filmography, graph)), _korean_names(filmography, graph)
    for actor in sorted(filmography, key=node_order):
        result.add_node(
            str(actor),
            label=names[actor],
            label_ko=korean.get(actor, ""),
            kind="person",
            dramas=len(filmography[actor]),
        )
    for (a, b), shared_titles in sorted(
        shared.items(), key=lambda item: (node_order(item[0][0]), node_order(item[0][1]))
    ):
        result.add_edge(str(a), str(b), weight=len(shared_titles), dramas="; ".join(sorted(shared_titles)))
    return result


def drama_actor_graph(
    graph: Graph | None = None, *, billing: str | Iterable[str] | None = None
) -> nx.Graph[str]:
    """Build the bipartite cast graph: dramas (``bipartite=0``) and actors (``bipartite=1``).

    An edge is a casting role and carries ``role``, ``character`` and ``billing``; an actor with two
    roles in one drama gets one edge whose values are joined with ``; ``. Projected onto the actors
    with ``networkx.bipartite.weighted_projected_graph``, it gives the co-star graph.

    :param graph: the RDF graph; the bundled one if omitted.
    :param billing: keep only roles with this billing (``lead``, ``supporting``, ``cameo``, or several).

    >>> from networkx.algorithms import bipartite
    >>> g = drama_actor_graph()
    >>> bipartite.is_bipartite(g)
    True
    """
    import networkx as nx

    graph = load() if graph is None else graph
    result: nx.Graph[str] = nx.Graph(name="drama-actor")
    for drama in sorted(cast("Iterator[IdentifiedNode]", graph.subjects(RDF.type, KD.Drama))):
        year = str(graph.value(drama, SCHEMA.startDate) or "")[:4]
        result.add_node(
            str(drama),
            label=label(drama, graph),
            label_ko=_korean(drama, graph),
            kind="drama",
            bipartite=0,
            year=year,
        )
    for role, actor, drama, character, billed in _roles(graph, billing):
        _person_node(result, actor, graph, bipartite=1)
        values = {
            "role": curie(role),
            "character": label(character, graph) if character is not None else "",
            "billing": label(billed, graph) if billed is not None else "",
        }
        if result.has_edge(str(drama), str(actor)):
            old = result.edges[str(drama), str(actor)]
            values = {key: f"{old[key]}; {value}" for key, value in values.items()}
        result.add_edge(str(drama), str(actor), **values)
    return result


def _trope_units(graph: Graph, by: str) -> dict[IdentifiedNode, set[IdentifiedNode]]:
    """Map each scene (or drama) to the tropes it shows; a drama shows its own and its scenes' tropes."""
    if by not in TROPE_UNITS:
        raise KgraphError(f"unknown trope unit '{by}': use scene or drama")
    scenes = set(graph.subjects(RDF.type, KD.ConfessionScene))
    units: dict[IdentifiedNode, set[IdentifiedNode]] = defaultdict(set)
    for subject, trope in cast(
        "Iterator[tuple[IdentifiedNode, IdentifiedNode]]", graph.subject_objects(KD.trope)
    ):
        if subject in scenes:
            owner = (
                subject if by == "scene" else cast("IdentifiedNode | None", graph.value(subject, KD.drama))
            )
            if owner is not None:
                units[owner].add(trope)
        elif by == "drama":
            units[subject].add(trope)
    return units


def _trope_node(result: nx.Graph[str], trope: Node, graph: Graph, **extra: object) -> None:
    broader = sorted(curie(b) for b in graph.objects(trope, SKOS.broader))
    result.add_node(
        str(trope),
        label=label(trope, graph),
        label_ko=_korean(trope, graph),
        kind="trope",
        broader="; ".join(broader),
        **extra,
    )


def trope_graph(graph: Graph | None = None, *, by: str = "scene") -> nx.Graph[str]:
    """Build the trope co-occurrence graph: tropes linked when one scene (or drama) shows both.

    Nodes carry ``label``, ``label_ko``, ``broader`` (CURIEs) and ``count`` (how many scenes or
    dramas show the trope); edge ``weight`` counts the scenes or dramas that show both ends.

    :param graph: the RDF graph; the bundled one if omitted.
    :param by: ``scene`` (tropes of one confession scene) or ``drama`` (tropes of a drama and of
        all its scenes).
    :raises KgraphError: on another ``by``.
    """
    import networkx as nx

    graph = load() if graph is None else graph
    units = _trope_units(graph, by)
    counts: dict[IdentifiedNode, int] = defaultdict(int)
    pairs: dict[tuple[IdentifiedNode, IdentifiedNode], int] = defaultdict(int)
    for tropes in units.values():
        for trope in tropes:
            counts[trope] += 1
        for a, b in combinations(sorted(tropes), 2):
            pairs[a, b] += 1
    result: nx.Graph[str] = nx.Graph(name=f"trope-by-{by}")
    for trope in sorted(counts):
        _trope_node(result, trope, graph, count=counts[trope])
    for (a, b), weight in sorted(pairs.items()):
        result.add_edge(str(a), str(b), weight=weight)
    return result


def trope_bipartite_graph(graph: Graph | None = None, *, by: str = "scene") -> nx.Graph[str]:
    """Build the bipartite graph of scenes (or dramas, ``bipartite=0``) and tropes (``bipartite=1``).

    :param graph: the RDF graph; the bundled one if omitted.
    :param by: ``scene`` or ``drama``, as in :func:`trope_graph`.
    """
    import networkx as nx

    graph = load() if graph is None else graph
    result: nx.Graph[str] = nx.Graph(name=f"{by}-trope")
    for unit, tropes in sorted(_trope_units(graph, by).items()):
        result.add_node(str(unit), label=label(unit, graph), kind=by, bipartite=0)
        for trope in sorted(tropes):
            _trope_node(result, trope, graph, bipartite=1)
            result.add_edge(str(unit), str(trope))
    return result


def _joined(graph: Graph, nodes: Iterable[Node]) -> str:
    return "; ".join(sorted(label(node, graph) for node in nodes))


def confession_graph(graph: Graph | None = None) -> nx.MultiDiGraph[str]:
    """Build who confessed to whom: characters, with one edge per scene from confessor to addressee.

    A mutual scene (``kd:mutual true``) lists its characters on both sides and gives an edge from
    each to each other one, A to B and B to A; no edge ever goes from a character to itself.

    Edges are keyed by the scene's CURIE and carry ``drama``, ``episode`` (0 when no page gives
    one; the episodes joined with ``; `` in ``episodes`` when sources disagree), ``setting``,
    ``delivery``, ``outcome``, ``quote`` (the first quote's text, if a page prints one),
    ``evidence`` and ``mutual`` (True when the characters confess to each other). Nodes carry the
    character's ``drama`` and the ``actor`` (and ``actor_iri``) who plays it, joined when several do.

    >>> g = confession_graph()
    >>> g.number_of_edges() >= 6 and not any(u == v for u, v in g.edges())
    True
    """
    import networkx as nx

    graph = load() if graph is None else graph
    players: dict[IdentifiedNode | None, set[IdentifiedNode]] = defaultdict(set)
    for _, actor, _, character, _ in _roles(graph):
        players[character].add(actor)
    result: nx.MultiDiGraph[str] = nx.MultiDiGraph(name="confession")
    for scene in sorted(cast("Iterator[IdentifiedNode]", graph.subjects(RDF.type, KD.ConfessionScene))):
        drama = graph.value(scene, KD.drama)
        confessors = sorted(cast("Iterator[IdentifiedNode]", graph.objects(scene, KD.confessor)))
        addressees = sorted(cast("Iterator[IdentifiedNode]", graph.objects(scene, KD.addressee)))
        for character in sorted(set(confessors) | set(addressees)):
            actors = sorted(players.get(character, ()))
            result.add_node(
                str(character),
                label=label(character, graph),
                kind="character",
                drama=label(drama, graph),
                actor=_joined(graph, actors),
                actor_iri="; ".join(actors),
            )
        episodes = sorted({int(e) for e in cast("Iterator[Literal]", graph.objects(scene, KD.episode))})
        quotes = sorted(_quote_text(q, graph) for q in graph.objects(scene, KD.quote))
        attributes = {
            "drama": label(drama, graph),
            "episode": episodes[0] if episodes else 0,
            "episodes": "; ".join(map(str, episodes)),
            "setting": _joined(graph, graph.objects(scene, KD.setting)),
            "delivery": _joined(graph, graph.objects(scene, KD.delivery)),
            "outcome": _joined(graph, graph.objects(scene, KD.outcome)),
            "quote": quotes[0] if quotes else "",
            "evidence": _joined(graph, graph.objects(scene, KD.evidenceLevel)),
            "mutual": any(getattr(value, "value", None) is True for value in graph.objects(scene, KD.mutual)),
        }
        for confessor in confessors:
            for addressee in addressees:
                if confessor != addressee:  # a mutual scene pairs each character with the others
                    result.add_edge(str(confessor), str(addressee), key=curie(scene), **attributes)
    return result
