"""Finding a resource by CURIE, IRI or name, and describing it as a readable card."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS
from rdflib.term import Node

from kgraph.errors import AmbiguousEntityError, UnknownEntityError
from kgraph.namespaces import KD, SCHEMA, curie, expand
from kgraph.store.loading import load

__all__ = ["find", "kind", "label", "labels"]

_NAME_PROPERTIES = (SCHEMA.name, SKOS.prefLabel, SKOS.altLabel, KD.alias, DCTERMS.title, RDFS.label)


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"[\s\-_.'’\"]+", "", text)


_LABEL_PROPERTIES = (SCHEMA.name, SKOS.prefLabel, DCTERMS.title, RDFS.label)
# From this many nodes on, :func:`labels` reads each label property once instead of per node.
ONE_PASS_LABELS = 1000


def label(node: Node | None, graph: Graph, lang: str = "en") -> str:
    """Return the best human label of ``node``: its English name, else any name, else its CURIE.

    >>> from kgraph.namespaces import KDR
    >>> label(KDR["kim-tae-ri"], load())
    'Kim Tae-ri'
    """
    if isinstance(node, Literal):
        return str(node)
    fallback = None
    for prop in _LABEL_PROPERTIES:
        for value in graph.objects(node, prop):
            if isinstance(value, Literal) and value.language in (lang, None):
                return str(value)
            fallback = fallback or str(value)
    return fallback or curie(node)


def labels(nodes: Iterable[Node], graph: Graph, lang: str = "en") -> dict[Node, str]:
    """Return :func:`label` of each of ``nodes``, by node.

    On Oxigraph, a large set of nodes is labelled in one pass per label property rather than with
    a lookup per node and property; Oxigraph gives a node's values in the same order either way,
    so the labels are the same.

    >>> from kgraph.namespaces import KDR
    >>> labels([KDR["kim-tae-ri"]], load())[KDR["kim-tae-ri"]]
    'Kim Tae-ri'
    """
    from kgraph.store.oxigraph import kind_of, lexical, literal_parts, store_of, subject_objects, to_native

    nodes = set(nodes)
    if len(nodes) < ONE_PASS_LABELS or store_of(graph) is None:
        return {node: label(node, graph, lang) for node in nodes}
    wanted = {to_native(graph, node): node for node in nodes if not isinstance(node, Literal)}
    found: dict[Node, str] = {node: str(node) for node in nodes if isinstance(node, Literal)}
    fallback: dict[Node, str] = {}
    for prop in _LABEL_PROPERTIES:
        for native, value in subject_objects(graph, prop, native=True):
            node = wanted.get(native)
            if node is None or node in found:
                continue
            parts = literal_parts(value)
            if parts is not None and parts[1] in (lang, None):
                found[node] = parts[0]
            elif parts is not None or kind_of(value) in ("iri", "blank"):  # quoted triples never label
                fallback.setdefault(node, lexical(value))
    return {node: found[node] if node in found else fallback.get(node) or curie(node) for node in nodes}


def kind(node: Node, graph: Graph) -> str:
    """Return the classes of ``node`` as CURIEs, or ``resource`` when it has none."""
    types = sorted(curie(t) for t in graph.objects(node, RDF.type))
    return ", ".join(types) or "resource"


def find(reference: str, graph: Graph | None = None) -> URIRef:
    """Find the resource a CURIE, IRI or name refers to; names match forgivingly.

    Case, spaces, hyphens and dots are ignored, so ``"kim tae-ri"``, ``"Kim Taeri"`` and
    ``"김태리"`` find the same person; alternative spellings and aliases count too.

    :raises UnknownEntityError: if nothing matches (close names are suggested).
    :raises AmbiguousEntityError: if several resources match; its ``candidates`` lists them.

    >>> curie(find("kim taeri"))
    'kdr:kim-tae-ri'
    """
    graph = load() if graph is None else graph
    iri = expand(reference)
    if iri is not None:
        if (iri, None, None) in graph or (None, None, iri) in graph:
            return iri
        raise UnknownEntityError(f"the graph says nothing about {reference}")
    wanted = _normalise(reference)
    names: dict[URIRef, set[str]] = {}
    for prop in _NAME_PROPERTIES:
        for subject, value in graph.subject_objects(prop):
            if isinstance(subject, URIRef) and isinstance(value, Literal):
                names.setdefault(subject, set()).add(_normalise(str(value)))
    for subject in list(names):
        local = str(subject).rsplit("/", 1)[-1].rsplit("#", 1)[-1]
        names[subject].add(_normalise(local))
    matches = sorted(s for s, forms in names.items() if wanted in forms)
    if not matches:
        matches = sorted(s for s, forms in names.items() if any(wanted in f for f in forms))
    things = [m for m in matches if (m, RDF.type, KD.Source) not in graph]
    if things:  # a page titled after a drama should not hide the drama
        matches = things
    if len(matches) == 1:
        return matches[0]
    if matches:
        candidates = [(m, label(m, graph), kind(m, graph)) for m in matches]
        listing = "; ".join(f"{curie(m)} ({name}, {kind})" for m, name, kind in candidates)
        raise AmbiguousEntityError(f"'{reference}' matches several things: {listing}", candidates)
    every = {form: s for s, forms in names.items() for form in forms}
    close = difflib.get_close_matches(wanted, every, n=3, cutoff=0.6)
    hint = (
        "; did you mean " + ", ".join(sorted({label(every[c], graph) for c in close})) + "?" if close else ""
    )
    raise UnknownEntityError(f"nothing in the graph is called '{reference}'{hint}")
