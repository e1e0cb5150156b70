"""The namespaces of the graph and the one prefix map every query and serializer uses."""

from __future__ import annotations

from typing import TypeVar

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SDO, SH, SKOS, XSD, DefinedNamespace
from rdflib.term import Node

__all__ = ["KD", "KDR", "KDS", "PREFIXES", "SCHEMA", "WD", "bind_prefixes", "curie", "expand"]

KDR = Namespace("https://w3id.org/kdrama-kg/resource/")
KDS = Namespace("https://w3id.org/kdrama-kg/shapes#")
SCHEMA = SDO
WD = Namespace("http://www.wikidata.org/entity/")

_G = TypeVar("_G", bound=Graph)


class KD(DefinedNamespace):
    """The kdrama-kgraph ontology; a misspelt term raises, and a test keeps it in step with kdrama.ttl."""

    _NS = Namespace("https://w3id.org/kdrama-kg/ontology#")
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
    writer: URIRef


PREFIXES: dict[str, Namespace | type[DefinedNamespace]] = {
    "kd": Namespace(str(KD._NS)),
    "kdr": KDR,
    "kds": KDS,
    "schema": SCHEMA,
    "dct": Namespace(str(DCTERMS)),
    "skos": Namespace(str(SKOS)),
    "owl": Namespace(str(OWL)),
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "xsd": Namespace(str(XSD)),
    "sh": Namespace(str(SH)),
    "wd": WD,
    "wdt": Namespace("http://www.wikidata.org/prop/direct/"),
    "p": Namespace("http://www.wikidata.org/prop/"),
    "ps": Namespace("http://www.wikidata.org/prop/statement/"),
    "pq": Namespace("http://www.wikidata.org/prop/qualifier/"),
}


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
        text = str(node)
        best = None
        for prefix, namespace in PREFIXES.items():
            if text.startswith(str(namespace)) and (best is None or len(namespace) > len(best[1])):
                best = (prefix, str(namespace))
        if best is not None:
            local = text[len(best[1]) :]
            if local and all(c.isalnum() or c in "-_." for c in local) and not local.endswith("."):
                return f"{best[0]}:{local}"
        return f"<{text}>"
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
    text = reference.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    prefix, sep, local = text.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        return URIRef(str(PREFIXES[prefix]) + local)
    if sep and prefix.isalpha() and local.startswith("//") and " " not in text:
        return URIRef(text)
    return None
