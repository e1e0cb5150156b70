"""The namespaces of the graph and the one prefix map every query and serializer uses."""

from __future__ import annotations

from typing import TypeVar

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import SDO, DefinedNamespace
from rdflib.term import Node

from kgraph.prefixes import IRIS, curie_of, expand_text

__all__ = ["KD", "KDR", "KDS", "PREFIXES", "SCHEMA", "WD", "bind_prefixes", "curie", "expand"]

KDR = Namespace(IRIS["kdr"])
KDS = Namespace(IRIS["kds"])
SCHEMA = SDO
WD = Namespace(IRIS["wd"])

_G = TypeVar("_G", bound=Graph)


class KD(DefinedNamespace):
    """The kdrama-kgraph ontology; a misspelt term raises, and a test keeps it in step with kdrama.ttl."""

    _NS = Namespace(IRIS["kd"])
    _fail = True

    # classes
    Billing: URIRef
    CastingRole: URIRef
    Character: URIRef
    Claim: URIRef
    ConfessionScene: URIRef
    Drama: URIRef
    EvidenceLevel: URIRef
    Network: URIRef
    Person: URIRef
    Quote: URIRef
    Ranking: URIRef
    Source: URIRef
    # individuals
    Cameo: URIRef
    Disputed: URIRef
    Lead: URIRef
    MultipleSources: URIRef
    SingleSource: URIRef
    Supporting: URIRef
    # concept schemes (declared in data/vocab)
    DeliveryScheme: URIRef
    OutcomeScheme: URIRef
    SettingScheme: URIRef
    TropeScheme: URIRef
    # properties
    actor: URIRef
    addressee: URIRef
    alias: URIRef
    billing: URIRef
    billingOrder: URIRef
    character: URIRef
    claim: URIRef
    claimedProperty: URIRef
    claimedValue: URIRef
    confessor: URIRef
    dateRead: URIRef
    delivery: URIRef
    director: URIRef
    drama: URIRef
    episode: URIRef
    evidenceLevel: URIRef
    evidenceNote: URIRef
    gender: URIRef
    mutual: URIRef
    originalNetwork: URIRef
    outcome: URIRef
    position: URIRef
    quote: URIRef
    rankedIn: URIRef
    ranking: URIRef
    setting: URIRef
    speaker: URIRef
    streamer: URIRef
    text: URIRef
    trope: URIRef
    undated: URIRef
    writer: URIRef


PREFIXES: dict[str, Namespace] = {prefix: Namespace(iri) for prefix, iri in IRIS.items()}


def bind_prefixes(graph: _G) -> _G:
    """Bind every prefix of :data:`PREFIXES` on ``graph`` and return it.

    :param graph: an rdflib graph.
    :returns: the same graph.

    >>> from rdflib import Graph
    >>> dict(bind_prefixes(Graph()).namespaces())["kdr"]
    rdflib.term.URIRef('https://w3id.org/kdrama-kg/resource/')
    """
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def curie(node: Node | None) -> str:
    """Write an IRI as a CURIE with the project's prefixes, or in angle brackets if none fits.

    Literals and blank nodes are written as their N3 form.

    >>> curie(KDR["run-on"])
    'kdr:run-on'
    >>> curie(URIRef("http://example.org/x"))
    '<http://example.org/x>'
    """
    if isinstance(node, URIRef):
        return curie_of(str(node))
    if node is None:
        return ""
    return node.n3()


def expand(reference: str) -> URIRef | None:
    """Turn a CURIE (``kdr:run-on``), an IRI (with or without angle brackets) into a URIRef.

    :returns: the IRI, or None when the text is neither a known CURIE nor an absolute IRI.

    >>> expand("kdr:run-on")
    rdflib.term.URIRef('https://w3id.org/kdrama-kg/resource/run-on')
    >>> expand("<https://schema.org/name>")
    rdflib.term.URIRef('https://schema.org/name')
    >>> expand("Run On") is None
    True
    """
    iri = expand_text(reference)
    return None if iri is None else URIRef(iri)
