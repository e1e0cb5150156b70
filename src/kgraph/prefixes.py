"""The project's prefix map as plain text, and CURIEs written and read without any RDF library.

:mod:`kgraph.namespaces` builds rdflib's namespaces from the same map; commands that answer from
Oxigraph alone (``kgraph query``, ``kgraph stats`` on the bundled graph) use this module, so they
never import rdflib.
"""

from __future__ import annotations

import functools

__all__ = ["IRIS", "curie_of", "expand_text"]

#: prefix -> namespace IRI, for every prefix queries and serializers may use undeclared
IRIS: dict[str, str] = {
    "kd": "https://w3id.org/kdrama-kg/ontology#",
    "kdr": "https://w3id.org/kdrama-kg/resource/",
    "kds": "https://w3id.org/kdrama-kg/shapes#",
    "schema": "https://schema.org/",
    "dct": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "sh": "http://www.w3.org/ns/shacl#",
    "wd": "http://www.wikidata.org/entity/",
    "wdt": "http://www.wikidata.org/prop/direct/",
    "p": "http://www.wikidata.org/prop/",
    "ps": "http://www.wikidata.org/prop/statement/",
    "pq": "http://www.wikidata.org/prop/qualifier/",
}


@functools.lru_cache(maxsize=1 << 16)
def curie_of(iri: str) -> str:
    """Write an IRI as a CURIE with the longest namespace that fits, or in angle brackets if none does.

    >>> curie_of("https://w3id.org/kdrama-kg/resource/run-on")
    'kdr:run-on'
    >>> curie_of("http://example.org/x")
    '<http://example.org/x>'
    """
    best = None
    for prefix, namespace in IRIS.items():
        if iri.startswith(namespace) and (best is None or len(namespace) > len(best[1])):
            best = (prefix, namespace)
    if best is not None:
        local = iri[len(best[1]) :]
        if local and all(c.isalnum() or c in "-_." for c in local) and not local.endswith("."):
            return f"{best[0]}:{local}"
    return f"<{iri}>"


def expand_text(reference: str) -> str | None:
    """Turn a CURIE (``kdr:run-on``) or an IRI (with or without angle brackets) into the IRI's text.

    :returns: the IRI, or None when the text is neither a known CURIE nor an absolute IRI.

    >>> expand_text("kdr:run-on")
    'https://w3id.org/kdrama-kg/resource/run-on'
    >>> expand_text("<https://schema.org/name>")
    'https://schema.org/name'
    >>> expand_text("Run On") is None
    True
    """
    text = reference.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    prefix, sep, local = text.partition(":")
    if sep and prefix in IRIS and not local.startswith("//"):
        return IRIS[prefix] + local
    if sep and prefix.isalpha() and local.startswith("//") and " " not in text:
        return text
    return None
