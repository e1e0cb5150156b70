"""Finding a resource by CURIE, IRI or name, and naming it for people.

Everything reads through :mod:`kgraph.describe.view`, so the bundled graph is searched in
Oxigraph without rdflib, and any other graph through rdflib's API, with the same answers.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING

from kgraph.describe.view import GraphView, Term, iri, view_of
from kgraph.errors import AmbiguousEntityError, UnknownEntityError
from kgraph.prefixes import IRIS, curie_of, expand_text

if TYPE_CHECKING:
    from rdflib import Graph, URIRef
    from rdflib.term import Node

__all__ = ["find", "kind", "label", "label_of", "labels"]

_RDF_TYPE = IRIS["rdf"] + "type"
_NAME_PROPERTIES = (IRIS["schema"] + "name", IRIS["skos"] + "prefLabel", IRIS["skos"] + "altLabel",
                    IRIS["kd"] + "alias", IRIS["dct"] + "title", IRIS["rdfs"] + "label")  # fmt: skip
_LABEL_PROPERTIES = (IRIS["schema"] + "name", IRIS["skos"] + "prefLabel", IRIS["dct"] + "title",
                     IRIS["rdfs"] + "label")  # fmt: skip
# From this many nodes on, :func:`labels` reads each label property once instead of per node.
ONE_PASS_LABELS = 1000


_SEPARATORS = re.compile(r"[\s\-_.'’\"]+")


def _normalise(text: str) -> str:
    text = text.lower() if text.isascii() else unicodedata.normalize("NFKC", text).casefold()
    return _SEPARATORS.sub("", text)


def term_curie(term: Term | None) -> str:
    """Write a term as :func:`kgraph.namespaces.curie` does: an IRI as a CURIE, anything else as N3."""
    if term is None:
        return ""
    return curie_of(term.value) if term.is_iri else term.n3()


def label_of(view: GraphView, term: Term | None, lang: str = "en") -> str:
    """Return the best human label of ``term``: its name in ``lang``, else any name, else its CURIE."""
    if term is None:
        return ""
    if term.is_literal:
        return term.value
    fallback = None
    for prop in _LABEL_PROPERTIES:
        for value in view.objects(term, prop):
            if value.is_literal and value.language in (lang, ""):
                return value.value
            fallback = fallback or value.value
    return fallback or term_curie(term)


def kind_of(view: GraphView, term: Term) -> str:
    """Return the classes of ``term`` as CURIEs, or ``resource`` when it has none."""
    return ", ".join(sorted(term_curie(t) for t in view.objects(term, _RDF_TYPE))) or "resource"


def label(node: Node | None, graph: Graph, lang: str = "en") -> str:
    """Return the best human label of ``node``: its English name, else any name, else its CURIE.

    >>> from kgraph.namespaces import KDR
    >>> from kgraph.store.loading import load
    >>> label(KDR["kim-tae-ri"], load())
    'Kim Tae-ri'
    """
    from kgraph.describe.view import RdflibView

    view = RdflibView(graph)
    return label_of(view, None if node is None else view.term(node), lang)


def labels(nodes: Iterable[Node], graph: Graph, lang: str = "en") -> dict[Node, str]:
    """Return :func:`label` of each of ``nodes``, by node.

    On Oxigraph, a large set of nodes is labelled in one pass per label property rather than with
    a lookup per node and property; Oxigraph gives a node's values in the same order either way,
    so the labels are the same.

    >>> from kgraph.namespaces import KDR
    >>> from kgraph.store.loading import load
    >>> labels([KDR["kim-tae-ri"]], load())[KDR["kim-tae-ri"]]
    'Kim Tae-ri'
    """
    from rdflib import Literal, URIRef

    from kgraph.namespaces import curie
    from kgraph.store.oxigraph import kind_of as native_kind
    from kgraph.store.oxigraph import lexical, literal_parts, store_of, subject_objects, to_native

    nodes = set(nodes)
    if len(nodes) < ONE_PASS_LABELS or store_of(graph) is None:
        return {node: label(node, graph, lang) for node in nodes}
    wanted = {to_native(graph, node): node for node in nodes if not isinstance(node, Literal)}
    found: dict[Node, str] = {node: str(node) for node in nodes if isinstance(node, Literal)}
    fallback: dict[Node, str] = {}
    for prop in _LABEL_PROPERTIES:
        for native, value in subject_objects(graph, URIRef(prop), native=True):
            node = wanted.get(native)
            if node is None or node in found:
                continue
            parts = literal_parts(value)
            if parts is not None and parts[1] in (lang, None):
                found[node] = parts[0]
            elif parts is not None or native_kind(value) in ("iri", "blank"):  # quoted triples never label
                fallback.setdefault(node, lexical(value))
    return {node: found[node] if node in found else fallback.get(node) or curie(node) for node in nodes}


def kind(node: Node, graph: Graph) -> str:
    """Return the classes of ``node`` as CURIEs, or ``resource`` when it has none."""
    from kgraph.describe.view import RdflibView

    view = RdflibView(graph)
    return kind_of(view, view.term(node))


def find_term(reference: str, view: GraphView) -> Term:
    """Find the resource a CURIE, IRI or name refers to in ``view``; see :func:`find`."""
    text = expand_text(reference)
    if text is not None:
        if view.mentions(iri(text)):
            return iri(text)
        raise UnknownEntityError(f"the graph says nothing about {reference}")
    wanted = _normalise(reference)
    names: dict[Term, set[str]] = {}
    for prop in _NAME_PROPERTIES:
        for subject, value in view.subject_objects(prop):
            if subject.is_iri and value.is_literal:
                names.setdefault(subject, set()).add(_normalise(value.value))
    for subject in list(names):
        local = subject.value.rsplit("/", 1)[-1].rsplit("#", 1)[-1]
        names[subject].add(_normalise(local))
    matches = sorted(s for s, forms in names.items() if wanted in forms)
    if not matches:
        matches = sorted(s for s, forms in names.items() if any(wanted in f for f in forms))
    source = iri(IRIS["kd"] + "Source")
    things = [m for m in matches if source not in view.objects(m, _RDF_TYPE)]
    if things:  # a page titled after a drama should not hide the drama
        matches = things
    if len(matches) == 1:
        return matches[0]
    if matches:
        candidates = [(m, label_of(view, m), kind_of(view, m)) for m in matches]
        listing = "; ".join(f"{term_curie(m)} ({name}, {kind})" for m, name, kind in candidates)
        raise AmbiguousEntityError(f"'{reference}' matches several things: {listing}", candidates)
    every = {form: s for s, forms in names.items() for form in forms}
    close = difflib.get_close_matches(wanted, every, n=3, cutoff=0.6)
    closest_first = dict.fromkeys(label_of(view, every[c]) for c in close)
    hint = "; did you mean " + ", ".join(closest_first) + "?" if close else ""
    raise UnknownEntityError(f"nothing in the graph is called '{reference}'{hint}")


def find(reference: str, graph: Graph | None = None) -> URIRef:
    """Find the resource a CURIE, IRI or name refers to; names match forgivingly.

    Case, spaces, hyphens and dots are ignored, so ``"kim tae-ri"``, ``"Kim Taeri"`` and
    ``"김태리"`` find the same person; alternative spellings and aliases count too.

    :param graph: the graph to search; None for the bundled graph.
    :raises UnknownEntityError: if nothing matches (close names are suggested).
    :raises AmbiguousEntityError: if several resources match; its ``candidates`` lists them
        as ``(IRI, label, kind)``.

    >>> from kgraph.namespaces import curie
    >>> curie(find("kim taeri"))
    'kdr:kim-tae-ri'
    """
    from rdflib import URIRef

    try:
        return URIRef(find_term(reference, view_of(graph)).value)
    except AmbiguousEntityError as error:
        candidates = [(URIRef(term.value), name, kind) for term, name, kind in error.candidates]
        raise AmbiguousEntityError(str(error), candidates) from None
