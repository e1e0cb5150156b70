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
   people known only through their roles) go into a graph named after the data file that curates
   them, e.g. ``<https://w3id.org/kdrama-kg/data/people.ttl>``.

The default graph stays empty, and the union of the named graphs is the graph.
"""

from __future__ import annotations

from collections import defaultdict
from typing import cast

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from kgraph.namespaces import KD, bind_prefixes

__all__ = ["ordered", "source_dataset", "source_trig", "supporting_graphs"]

Triple = tuple[Node, Node, Node]


def supporting_graphs(graph: Graph) -> dict[Triple, set[URIRef]]:
    """Name, for each triple of ``graph``, the graphs it is placed in (see the module's rules).

    :param graph: the data graph; a :class:`~kgraph.store.loading.KnowledgeGraph` also places the triples of
        unsourced resources by the file that defines them.
    :returns: each triple mapped to one or more graph names.

    >>> from kgraph.store.loading import load
    >>> placed = supporting_graphs(load(include_ontology=False))
    >>> all(names == {obj} for (_, p, obj), names in placed.items() if p == DCTERMS.source)
    True
    """
    from kgraph.release.export import GRAPH_BASE, graph_name

    claimed: dict[tuple[Node, Node | None, Node], set[Node]] = defaultdict(set)
    for subject, claim in graph.subject_objects(KD.claim):
        prop = graph.value(claim, KD.claimedProperty)
        for value in graph.objects(claim, KD.claimedValue):
            claimed[(subject, prop, value)].update(graph.objects(claim, DCTERMS.source))
    placed: dict[Triple, set[URIRef]] = {}
    for triple in graph:
        subject, predicate, obj = triple
        if predicate == DCTERMS.source:
            names: set[Node] = {obj}
        elif claimed.get(triple):
            names = set(claimed[triple])
        else:
            names = set(graph.objects(subject, DCTERMS.source)) or set(graph.objects(subject, KD.rankedIn))
        if not names:
            found = graph.origin(subject) if hasattr(graph, "origin") else None
            names = {URIRef(graph_name(found[0]) if found else GRAPH_BASE + "unsourced")}
        placed[triple] = cast(set[URIRef], names)  # sources, rankings and files are named by IRIs
    return placed


def source_dataset(graph: Graph) -> Dataset:
    """Return ``graph`` as a dataset with one named graph per source, added in a stable order.

    :param graph: the data graph (without the ontology, whose terms cite no source).
    :returns: a dataset whose named graphs together hold every triple of ``graph``.

    >>> from kgraph.store.loading import load
    >>> graph = load(include_ontology=False)
    >>> dataset = source_dataset(graph)
    >>> len(dataset.default_graph), {q[:3] for q in dataset.quads()} == set(graph)
    (0, True)
    """
    by_graph: dict[URIRef, list[Triple]] = defaultdict(list)
    for triple, names in supporting_graphs(graph).items():
        for name in names:
            by_graph[name].append(triple)
    dataset = Dataset()
    bind_prefixes(dataset)
    for name in sorted(by_graph):
        named = dataset.graph(name)
        for triple in by_graph[name]:
            named.add(triple)
    return dataset


def _key(triple: Triple) -> tuple[str, ...]:
    return tuple(term.n3() for term in triple)


def ordered(graph: Graph) -> Graph:
    """Copy ``graph`` into a store that iterates in insertion order, inserting the triples sorted.

    rdflib's default store iterates in an order that changes from one Python process to the next;
    serializers that do not sort (RDF/XML, JSON-LD) then write a different file each time.
    """
    copy = bind_prefixes(Graph(store="SimpleMemory"))
    for triple in sorted(graph, key=_key):
        copy.add(triple)
    return copy


def source_trig(graph: Graph) -> bytes:
    """Write :func:`source_dataset` as TriG, the named graphs in IRI order, each in sorted Turtle.

    >>> from kgraph.store.loading import load
    >>> lines = source_trig(load(include_ontology=False)).decode("utf-8").splitlines()
    >>> sum(line.startswith("kdr:source.") and line.endswith(" {") for line in lines) > 1
    True
    """
    from kgraph.namespaces import curie

    dataset = source_dataset(graph)
    prefixes: set[str] = set()
    blocks = []
    for name in sorted(g.identifier for g in dataset.graphs() if len(g)):
        text = ordered(dataset.graph(name)).serialize(format="turtle")
        lines = text.strip("\n").splitlines()
        prefixes.update(line for line in lines if line.startswith("@prefix"))
        body = "\n".join(f"    {line}" if line else "" for line in lines if not line.startswith("@prefix"))
        blocks.append(f"{curie(name)} {{\n{body.strip(chr(10))}\n}}\n")
    return ("\n".join(sorted(prefixes)) + "\n\n" + "\n".join(blocks)).encode("utf-8")
