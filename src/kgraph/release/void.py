"""The release's own description, ``void.ttl``: a VoID dataset with its statistics that is also a
DCAT dataset with one distribution per released file.

Every number is counted from the graph that the release's ``kdrama.*`` files hold (the data,
without the ontology), and every byte size from the file on disk.

Hand-written, because no library does it: rdflib's VoID generator counts the graph but writes no
DCAT distributions, checksums or licences.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, RDF, VOID, XSD
from rdflib.term import Node

from kgraph import formats
from kgraph.namespaces import KDR, PREFIXES, bind_prefixes, curie

__all__ = ["BASE", "MEDIA_TYPES", "dataset_iri", "describe", "media_type", "statistics"]

BASE = "https://w3id.org/kdrama-kg/"
LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")
PUBLISHER = URIRef(BASE)
TITLE = "kdrama-kgraph: a sourced knowledge graph of K-drama love-confession scenes"
DESCRIPTION = (
    "K-dramas, their casts and characters, and the scenes in which one character confesses love to "
    "another: who confessed to whom, in which episode, where and how, what came of it, the tropes it "
    "shows and the line that was said. Every drama, casting role and scene names the pages it was read "
    "in; where pages disagree each version is kept as a claim with its source and the scene is marked "
    "disputed."
)

#: released files that are not RDF: suffix (or whole name) -> IANA media type
MEDIA_TYPES: dict[str, str] = {
    ".tsv": "text/tab-separated-values",
    ".html": "text/html",
    ".cff": "application/yaml",
    "CHANGES": "text/plain",
}
_IANA = "https://www.iana.org/assignments/media-types/"
_SPDX = "http://spdx.org/rdf/terms#"
ONTOLOGY = URIRef("https://w3id.org/kdrama-kg/ontology")


def media_type(path: str | Path) -> str:
    """Return the IANA media type of a released file, by its suffix (or name for ``CHANGES``).

    >>> media_type("dramas/run-on.jsonld"), media_type("CHANGES")
    ('application/ld+json', 'text/plain')
    """
    path = Path(path)
    rdf = formats.rdf_format_of(path)
    if rdf is not None:
        return formats.media_type(rdf)
    return MEDIA_TYPES.get(path.suffix) or MEDIA_TYPES[path.name]


def dataset_iri(version: str) -> URIRef:
    """Return the IRI of one release of the dataset.

    >>> dataset_iri("0.1.0")
    rdflib.term.URIRef('https://w3id.org/kdrama-kg/release/0.1.0')
    """
    return URIRef(f"{BASE}release/{version}")


def statistics(graph: Graph) -> dict[str, Any]:
    """Count what VoID states about ``graph``: triples, distinct subjects, objects, entities,
    properties and classes, instances per class and triples per property.

    >>> from kgraph.store.loading import load
    >>> numbers = statistics(load(include_ontology=False))
    >>> numbers["classes"]["https://w3id.org/kdrama-kg/ontology#Drama"] >= 6
    True
    """
    subjects = {s for s in graph.subjects()}
    instances: dict[str, set[Node]] = {}
    for node, kind in graph.subject_objects(RDF.type):
        instances.setdefault(str(kind), set()).add(node)
    return {
        "triples": len(graph),
        "distinctSubjects": len(subjects),
        "distinctObjects": len(set(graph.objects())),
        "entities": len({s for s in subjects if str(s).startswith(str(KDR))}),
        "classes": {kind: len(nodes) for kind, nodes in sorted(instances.items())},
        "properties": dict(sorted(Counter(str(p) for p in graph.predicates()).items())),
    }


def _local(iri: str) -> str:
    return curie(URIRef(iri)).replace(":", "-").strip("<>")


def describe(
    graph: Graph,
    folder: Path,
    files: list[str],
    *,
    version: str,
    issued: str,
    sources: list[URIRef],
) -> Graph:
    """Describe a release folder in VoID and DCAT.

    :param graph: the released graph (what ``kdrama.nt`` holds).
    :param folder: the release folder, where each of ``files`` already is.
    :param files: the files to describe, as paths relative to ``folder`` with ``/``.
    :param version: the release's version.
    :param issued: the release date, ``YYYY-MM-DD``.
    :param sources: the pages the data was read in.
    :returns: the description, to be written as ``void.ttl``.
    """
    numbers = statistics(graph)
    void = bind_prefixes(Graph())
    for prefix, namespace in (("void", VOID), ("dcat", DCAT), ("foaf", FOAF), ("spdx", URIRef(_SPDX))):
        void.bind(prefix, namespace)
    dataset = dataset_iri(version)
    add = void.add
    for kind in (VOID.Dataset, DCAT.Dataset):
        add((dataset, RDF.type, kind))
    add((dataset, DCTERMS.title, Literal(TITLE, lang="en")))
    add((dataset, DCTERMS.description, Literal(DESCRIPTION, lang="en")))
    add((dataset, DCTERMS.license, LICENSE))
    add((dataset, URIRef(f"{DCAT}version"), Literal(version)))  # DCAT 3
    add((dataset, OWL.versionInfo, Literal(version)))
    add((dataset, DCTERMS.isVersionOf, URIRef(f"{BASE}dataset")))
    add((dataset, DCTERMS.issued, Literal(issued, datatype=XSD.date)))
    add((dataset, DCTERMS.publisher, PUBLISHER))
    add((PUBLISHER, RDF.type, FOAF.Agent))
    add((PUBLISHER, FOAF.name, Literal("The kdrama-kgraph project", lang="en")))
    for language in ("en", "ko"):
        add((dataset, DCTERMS.language, URIRef(f"http://id.loc.gov/vocabulary/iso639-1/{language}")))
    for keyword in ("K-drama", "knowledge graph", "love confession", "television"):
        add((dataset, DCAT.keyword, Literal(keyword, lang="en")))
    for source in sources:
        add((dataset, DCTERMS.source, source))
    add((dataset, VOID.uriSpace, Literal(str(KDR))))
    for prefix in ("kd", "schema", "dct", "skos", "rdf"):
        add((dataset, VOID.vocabulary, URIRef(str(PREFIXES[prefix]))))
    for key in ("triples", "distinctSubjects", "distinctObjects", "entities"):
        add((dataset, VOID[key], Literal(numbers[key])))
    add((dataset, VOID.classes, Literal(len(numbers["classes"]))))
    add((dataset, VOID.properties, Literal(len(numbers["properties"]))))
    for kind, count in numbers["classes"].items():
        part = URIRef(f"{dataset}#class-{_local(kind)}")
        add((dataset, VOID.classPartition, part))
        add((part, VOID["class"], URIRef(kind)))
        add((part, VOID.entities, Literal(count)))
    for prop, count in numbers["properties"].items():
        part = URIRef(f"{dataset}#property-{_local(prop)}")
        add((dataset, VOID.propertyPartition, part))
        add((part, VOID.property, URIRef(prop)))
        add((part, VOID.triples, Literal(count)))
    for name in files:
        _distribution(void, dataset, folder, name)
    return void


def _distribution(void: Graph, dataset: URIRef, folder: Path, name: str) -> None:
    iri = URIRef(f"{dataset}/{name}")
    kind = media_type(name)
    void.add((dataset, DCAT.distribution, iri))
    void.add((iri, RDF.type, DCAT.Distribution))
    void.add((iri, DCTERMS.title, Literal(name)))
    void.add((iri, DCAT.accessURL, URIRef(f"{dataset}/")))
    void.add((iri, DCAT.downloadURL, iri))
    void.add((iri, DCAT.mediaType, URIRef(_IANA + kind)))
    data = (folder / name).read_bytes()
    void.add((iri, DCAT.byteSize, Literal(len(data), datatype=XSD.nonNegativeInteger)))
    checksum = URIRef(f"{iri}#sha256")
    void.add((iri, URIRef(_SPDX + "checksum"), checksum))
    void.add((checksum, RDF.type, URIRef(_SPDX + "Checksum")))
    void.add((checksum, URIRef(_SPDX + "algorithm"), URIRef(_SPDX + "checksumAlgorithm_sha256")))
    digest = hashlib.sha256(data).hexdigest()
    void.add((checksum, URIRef(_SPDX + "checksumValue"), Literal(digest, datatype=XSD.hexBinary)))
    void.add((iri, DCTERMS.license, LICENSE))
    if "/" not in name and name.startswith("kdrama.") and Path(name).suffix in formats.dump_suffixes():
        void.add((dataset, VOID.dataDump, iri))
        void.add((iri, DCTERMS.conformsTo, ONTOLOGY))
