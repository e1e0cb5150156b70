"""The graph as a dataset with one named graph per source, so that each quad says who states the triple.

A named graph is called by the IRI of its ``kd:Source`` (``kdr:source.<slug>``), so a query can join
``GRAPH ?source { ... }`` with the source's title and URL. A triple goes into the graph of every
source that supports it, and only there:

1. ``?s dct:source ?source`` goes into the graph of ``?source``: that page is where ``?s`` was read.
2. A value that the subject's claims attribute (a ``kd:Claim`` of ``?s`` with ``kd:claimedProperty ?p``
   and ``kd:claimedValue ?o``) goes into the graphs of those claims' sources only, so the two
   episodes of a disputed scene each sit in the graph of the page that gives them.
3. Any other triple of a subject that names sources goes into the graph of each of them: a triple
   that several pages support is repeated in each page's graph, never merged into one.
4. A ranking's triples go into the graph of the list that ranks (``kd:rankedIn``).
5. Triples of resources that name no source (the vocabularies, networks, the sources' own records,
   people known only through their roles) go into a graph named after the file that states them
   first, e.g. ``<https://w3id.org/kdrama-kg/data/people.ttl>``; blank nodes and resources of no
   known file go into ``<https://w3id.org/kdrama-kg/unsourced>``.

The rules are written once, over triples of any engine's terms (:func:`place`), so the release's
TriG and the dataset that queries see (:func:`dataset_of`, and its Oxigraph twin) cannot drift apart.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kgraph import resources
from kgraph.prefixes import IRIS

if TYPE_CHECKING:
    from rdflib import Dataset, Graph

__all__ = [
    "GRAPH_BASE",
    "UNSOURCED",
    "dataset_of",
    "file_origin",
    "graph_name",
    "place",
    "placed_by_file",
    "supporting_graphs",
]

#: the base of the IRIs of graphs named after the bundled files
GRAPH_BASE = "https://w3id.org/kdrama-kg/"
#: the graph of triples that neither a source nor a known file states
UNSOURCED = GRAPH_BASE + "unsourced"

_SOURCE = IRIS["dct"] + "source"
_CLAIM = IRIS["kd"] + "claim"
_CLAIMED_PROPERTY = IRIS["kd"] + "claimedProperty"
_CLAIMED_VALUE = IRIS["kd"] + "claimedValue"
_RANKED_IN = IRIS["kd"] + "rankedIn"

Triple = tuple[Hashable, Hashable, Hashable]


@functools.lru_cache(maxsize=4096)
def graph_name(path: str | Path) -> str:
    """Name the graph of a file: a stable IRI for the bundled files, a ``file:`` IRI for others.

    >>> graph_name(resources.data_dir() / "dramas" / "run-on.ttl")
    'https://w3id.org/kdrama-kg/data/dramas/run-on.ttl'
    """
    path = Path(path).resolve()
    try:
        return GRAPH_BASE + path.relative_to(resources.root().resolve()).as_posix()
    except ValueError:
        return path.as_uri()


def placed_by_file(triples: Iterable[Triple], iri: Callable[[Any], str | None]) -> set[str]:
    """Return the IRIs of the subjects that name no source and no ranking list.

    Only their triples can go into a graph named after a file, so only they need looking up in the
    files (in one pass, with :func:`kgraph.store.origins.find_iri_origins`).

    >>> rules = {"dct:source": _SOURCE}
    >>> triples = [("s", "dct:source", "page"), ("t", "name", "y")]
    >>> placed_by_file(triples, iri=lambda term: rules.get(term, term))
    {'t'}
    """
    triples = list(triples)
    sourced = {subject for subject, predicate, _ in triples if iri(predicate) in (_SOURCE, _RANKED_IN)}
    return {name for subject, _, _ in triples if subject not in sourced and (name := iri(subject))}


def place(
    triples: Iterable[Triple],
    *,
    iri: Callable[[Any], str | None],
    origin: Callable[[Any], Path | None],
    named: Callable[[str], Any],
) -> dict[Triple, set[Any]]:
    """Name, for each triple, the graphs it is placed in by the module's rules.

    The terms may be any engine's (rdflib's or Oxigraph's): they are only compared and hashed.

    :param triples: the graph's triples.
    :param iri: the IRI text of a term, None for a blank node or a literal.
    :param origin: the file that first states something about a subject, None when unknown.
    :param named: makes the engine's IRI term from IRI text, for graphs named after files.
    :returns: each triple mapped to one or more graph names (terms of the engine).

    >>> triples = [("s", "dct:source", "page"), ("s", "name", "x"), ("t", "name", "y")]
    >>> rules = {"dct:source": _SOURCE}
    >>> placed = place(triples, iri=lambda term: rules.get(term, term), origin=lambda _: None, named=str)
    >>> sorted((triple[0], sorted(names)) for triple, names in placed.items())
    [('s', ['page']), ('s', ['page']), ('t', ['https://w3id.org/kdrama-kg/unsourced'])]
    """
    triples = list(triples)
    sources: dict[Any, set[Any]] = defaultdict(set)
    ranked_in: dict[Any, set[Any]] = defaultdict(set)
    claims: dict[Any, list[Any]] = defaultdict(list)
    claim_property: dict[Any, Any] = {}
    claim_values: dict[Any, list[Any]] = defaultdict(list)
    for subject, predicate, obj in triples:
        kind = iri(predicate)
        if kind == _SOURCE:
            sources[subject].add(obj)
        elif kind == _RANKED_IN:
            ranked_in[subject].add(obj)
        elif kind == _CLAIM:
            claims[subject].append(obj)
        elif kind == _CLAIMED_PROPERTY:
            claim_property.setdefault(subject, obj)
        elif kind == _CLAIMED_VALUE:
            claim_values[subject].append(obj)
    claimed: dict[Triple, set[Any]] = defaultdict(set)
    for subject, subject_claims in claims.items():
        for claim in subject_claims:
            for value in claim_values.get(claim, ()):
                claimed[(subject, claim_property.get(claim), value)].update(sources.get(claim, ()))
    files: dict[Any, Any] = {}
    placed: dict[Triple, set[Any]] = {}
    for triple in triples:
        subject, predicate, obj = triple
        if iri(predicate) == _SOURCE:
            names = {obj}
        elif claimed.get(triple):
            names = set(claimed[triple])
        else:
            names = set(sources.get(subject, ())) or set(ranked_in.get(subject, ()))
        if not names:
            if subject not in files:
                found = origin(subject) if iri(subject) is not None else None
                files[subject] = named(graph_name(found) if found is not None else UNSOURCED)
            names = {files[subject]}
        placed[triple] = names
    return placed


def supporting_graphs(graph: Graph) -> dict[Triple, set[Any]]:
    """Do :func:`place` on an rdflib graph, by the files a loaded graph was read from.

    >>> from kgraph.store.loading import load
    >>> from rdflib.namespace import DCTERMS
    >>> placed = supporting_graphs(load(include_ontology=False))
    >>> all(names == {obj} for (_, p, obj), names in placed.items() if p == DCTERMS.source)
    True
    """
    from rdflib import URIRef

    def iri(term: Any) -> str | None:
        return str(term) if isinstance(term, URIRef) else None

    return place(
        graph, iri=iri, origin=file_origin(tuple(getattr(graph, "files", ())), graph, iri), named=URIRef
    )


def file_origin(
    files: tuple[Path, ...], triples: Iterable[Triple], iri: Callable[[Any], str | None]
) -> Callable[[Any], Path | None]:
    """Return the ``origin`` that :func:`place` needs: the file that first states a subject.

    The subjects that :func:`placed_by_file` names are looked up in one pass over each file.
    """
    from kgraph.store.origins import find_iri_origins, iri_origin

    if files:
        find_iri_origins(files, placed_by_file(triples, iri))

    def origin(subject: Any) -> Path | None:
        name = iri(subject)
        found = iri_origin(files, name) if files and name else None
        return found[0] if found else None

    return origin


def dataset_of(graph: Graph, *, default: bool = True) -> Dataset:
    """Return ``graph`` as an rdflib dataset with one named graph per source, added in IRI order.

    :param graph: the graph; a loaded graph also names files for triples that no source states.
    :param default: also hold every triple in the default graph, so that patterns outside ``GRAPH``
        see the whole graph as before.
    :returns: a dataset whose named graphs together hold every triple of ``graph``.

    >>> from kgraph.store.loading import load
    >>> graph = load(include_ontology=False)
    >>> dataset = dataset_of(graph, default=False)
    >>> len(dataset.default_graph), {q[:3] for q in dataset.quads()} == set(graph)
    (0, True)
    """
    from rdflib import Dataset

    from kgraph.namespaces import bind_prefixes

    by_graph: dict[Any, list[Any]] = defaultdict(list)
    for triple, names in supporting_graphs(graph).items():
        for name in names:
            by_graph[name].append(triple)
    dataset = Dataset()
    bind_prefixes(dataset)
    if default:
        for triple in graph:
            dataset.default_graph.add(triple)
    for name in sorted(by_graph):
        named = dataset.graph(name)
        for triple in by_graph[name]:
            named.add(triple)
    return dataset
