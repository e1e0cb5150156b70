"""HTML documentation of the ontology: an index, and one page for every class and every property.

Pages are rendered from the Jinja2 templates in ``release/templates/`` (autoescaped), in a stable
order so two releases of the same ontology are byte-identical. Classes are under ``class/`` and
properties under ``property/``, so ``kd:Drama`` and ``kd:drama`` get two pages even on a file
system that ignores case.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, cast

from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, SKOS
from rdflib.term import IdentifiedNode

from kgraph import resources
from kgraph.namespaces import KD, curie
from kgraph.templates import render

__all__ = ["ontology_graph", "ontology_pages", "ontology_terms"]

_KD = str(KD._NS)
_PROPERTY_KINDS = {
    OWL.ObjectProperty: "object property",
    OWL.DatatypeProperty: "datatype property",
    RDF.Property: "property",
}


def ontology_graph() -> Graph:
    """Return the ontology and its alignments to schema.org and Wikidata, as one graph."""
    graph = Graph()
    graph.parse(resources.ontology_path(), format="turtle")
    graph.parse(resources.alignments_path(), format="turtle")
    return graph


def ontology_terms(graph: Graph) -> tuple[list[URIRef], list[URIRef]]:
    """Return the ontology's own classes and properties, each sorted.

    >>> classes, properties = ontology_terms(ontology_graph())
    >>> KD.Drama in classes and KD.drama in properties
    True
    """
    classes = sorted(
        {c for c in graph.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef) and c.startswith(_KD)}
    )
    properties = sorted(
        {
            p
            for kind in _PROPERTY_KINDS
            for p in graph.subjects(RDF.type, kind)
            if isinstance(p, URIRef) and p.startswith(_KD)
        }
    )
    return classes, properties


def _local(term: URIRef) -> str:
    return str(term)[len(_KD) :]


def _page(term: URIRef, classes: list[URIRef]) -> str:
    return f"class/{_local(term)}.html" if term in classes else f"property/{_local(term)}.html"


def _members(graph: Graph, node: Any) -> list[Any]:
    """A class expression's named classes: the class itself, or the members of an owl:unionOf."""
    if isinstance(node, BNode):
        union = graph.value(node, OWL.unionOf)
        return list(Collection(graph, union)) if union is not None else []
    return [node]


def _text(graph: Graph, term: Any, prop: Any) -> str:
    return " ".join(sorted(str(v) for v in graph.objects(term, prop)))


def _link(graph: Graph, term: Any, classes: list[URIRef], depth: int) -> dict[str, str]:
    """A term as the templates link it: its CURIE, where it leads (if anywhere), its comment."""
    if isinstance(term, URIRef) and term.startswith(_KD):
        href = "../" * depth + _page(term, classes)
    else:
        href = str(term) if isinstance(term, URIRef) else ""
    shown = curie(term) if isinstance(term, URIRef) else str(term)
    return {"curie": shown, "href": href, "comment": _text(graph, term, RDFS.comment)}


def _links(graph: Graph, terms: Any, classes: list[URIRef]) -> list[dict[str, str]]:
    return [_link(graph, t, classes, 1) for t in sorted(set(terms), key=str)]


def _rules(term: URIRef) -> list[dict[str, str]]:
    """The SHACL rules on instances of a class: each rule's property, severity and message."""
    from kgraph.store.loading import load_shapes

    shapes = load_shapes()
    rules = []
    targeting = cast("Iterator[IdentifiedNode]", shapes.subjects(SH.targetClass, term))  # IRIs or blank nodes
    for shape in sorted(targeting):
        for rule in sorted([*shapes.objects(shape, SH.property), *shapes.objects(shape, SH.sparql)], key=str):
            path = shapes.value(rule, SH.path)
            rules.append(
                {
                    "path": curie(path) if path is not None else "",
                    "severity": "warning" if shapes.value(rule, SH.severity) == SH.Warning else "violation",
                    "message": _text(shapes, rule, SH.message),
                }
            )
    return rules


def _term_page(graph: Graph, term: URIRef, classes: list[URIRef], properties: list[URIRef]) -> str:
    is_class = term in classes
    lists: list[tuple[str, list[dict[str, str]]]] = []
    members: list[dict[str, str]] = []
    if is_class:
        kind = "class"
        domain_of = [
            p for p in properties if any(term in _members(graph, d) for d in graph.objects(p, RDFS.domain))
        ]
        range_of = [p for p in properties if term in list(graph.objects(p, RDFS.range))]
        lists += [
            ("subclass of", _links(graph, graph.objects(term, RDFS.subClassOf), classes)),
            ("properties of its instances", _links(graph, domain_of, classes)),
            ("properties whose values it gives", _links(graph, range_of, classes)),
        ]
        one_of = graph.value(term, OWL.oneOf)
        if one_of is not None:
            lists.append(("one of", _links(graph, Collection(graph, one_of), classes)))
            members = [_link(graph, m, classes, 1) for m in Collection(graph, one_of)]
    else:
        kind = _PROPERTY_KINDS[next(k for k in _PROPERTY_KINDS if (term, RDF.type, k) in graph)]
        domains = [m for d in graph.objects(term, RDFS.domain) for m in _members(graph, d)]
        lists += [
            ("domain", _links(graph, domains, classes)),
            ("range", _links(graph, graph.objects(term, RDFS.range), classes)),
            ("subproperty of", _links(graph, graph.objects(term, RDFS.subPropertyOf), classes)),
        ]
    lists.append(("close match", _links(graph, graph.objects(term, SKOS.closeMatch), classes)))
    return render(
        "kgraph.release",
        "term.html",
        title=f"{curie(term)}: kdrama-kgraph ontology",
        root="../",
        heading=_text(graph, term, RDFS.label) or _local(term),
        kind=kind,
        curie=curie(term),
        iri=str(term),
        comment=_text(graph, term, RDFS.comment),
        lists=lists,
        members=members,
        rules=_rules(term) if is_class else [],
    )


def ontology_pages(graph: Graph | None = None) -> dict[str, str]:
    """Render the documentation: ``index.html`` and one page per class and property.

    :param graph: the ontology; the bundled ontology and alignments by default.
    :returns: each page's path (relative, with ``/``) mapped to its HTML text.

    >>> pages = ontology_pages()
    >>> "class/Drama.html" in pages and "property/drama.html" in pages
    True
    """
    graph = ontology_graph() if graph is None else graph
    classes, properties = ontology_terms(graph)
    pages = {_page(t, classes): _term_page(graph, t, classes, properties) for t in classes + properties}
    ontology = next(iter(graph.subjects(RDF.type, OWL.Ontology)))
    pages["index.html"] = render(
        "kgraph.release",
        "index.html",
        title="kdrama-kgraph ontology",
        root="",
        title_text=_text(graph, ontology, DCTERMS.title),
        iri=str(ontology),
        version=_text(graph, ontology, OWL.versionInfo),
        licence=_text(graph, ontology, DCTERMS.license),
        description=_text(graph, ontology, DCTERMS.description),
        classes=[_link(graph, c, classes, 0) for c in classes],
        properties=[_link(graph, p, classes, 0) for p in properties],
    )
    return dict(sorted(pages.items()))
