"""HTML documentation of the ontology: an index, and one page for every class and every property.

Pages are plain HTML from a small template, written in a stable order so two releases of the same
ontology are byte-identical. Classes are under ``class/`` and properties under ``property/``, so
``kd:Drama`` and ``kd:drama`` get two pages even on a file system that ignores case.
"""

from __future__ import annotations

from html import escape

from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, SKOS

from . import resources
from .namespaces import KD, curie

__all__ = ["ontology_graph", "ontology_pages", "ontology_terms"]

_KD = str(KD._NS)
_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;"
    "line-height:1.5;color:#222}code{background:#f3f3f3;padding:0 .2em}"
    "dt{font-weight:600;margin-top:.6em}nav a{margin-right:1em}"
)
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
        {p for kind in _PROPERTY_KINDS for p in graph.subjects(RDF.type, kind) if p.startswith(_KD)}
    )
    return classes, properties


def _local(term: URIRef) -> str:
    return str(term)[len(_KD) :]


def _page(term: URIRef, classes: list[URIRef]) -> str:
    return f"class/{_local(term)}.html" if term in classes else f"property/{_local(term)}.html"


def _members(graph: Graph, node) -> list:
    """A class expression's named classes: the class itself, or the members of an owl:unionOf."""
    if isinstance(node, BNode):
        union = graph.value(node, OWL.unionOf)
        return list(Collection(graph, union)) if union is not None else []
    return [node]


def _link(term, classes: list[URIRef], depth: int) -> str:
    if isinstance(term, URIRef) and term.startswith(_KD):
        href = "../" * depth + _page(term, classes)
        return f'<a href="{escape(href)}"><code>{escape(curie(term))}</code></a>'
    if isinstance(term, URIRef):
        return f'<a href="{escape(str(term))}"><code>{escape(curie(term))}</code></a>'
    return f"<code>{escape(str(term))}</code>"


def _text(graph: Graph, term, prop) -> str:
    values = sorted(str(v) for v in graph.objects(term, prop))
    return escape(" ".join(values))


def _document(title: str, body: list[str], depth: int) -> str:
    home = "../" * depth + "index.html"
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        f'<nav><a href="{home}">kdrama-kgraph ontology</a></nav>\n' + "\n".join(body) + "\n</body>\n</html>\n"
    )


def _list(label: str, terms, classes: list[URIRef], depth: int) -> list[str]:
    terms = sorted(set(terms), key=str)
    if not terms:
        return []
    links = ", ".join(_link(t, classes, depth) for t in terms)
    return [f"<dt>{escape(label)}</dt><dd>{links}</dd>"]


def _rules(term: URIRef) -> list[str]:
    """The SHACL rules on instances of a class: each rule's property, severity and message."""
    from .store import load_shapes

    shapes = load_shapes()
    rows = []
    for shape in sorted(shapes.subjects(SH.targetClass, term)):
        rules = [*shapes.objects(shape, SH.property), *shapes.objects(shape, SH.sparql)]
        for rule in sorted(rules, key=str):
            path = shapes.value(rule, SH.path)
            severity = "warning" if shapes.value(rule, SH.severity) == SH.Warning else "violation"
            where = f"<code>{escape(curie(path))}</code>" if path is not None else "across resources"
            rows.append(f"<li>{where}, {severity}: {_text(shapes, rule, SH.message)}</li>")
    if not rows:
        return []
    return [
        "<h2>Rules</h2>",
        "<p>What <code>kgraph validate</code> checks on each instance:</p>",
        "<ul>",
        *rows,
        "</ul>",
    ]


def _term_page(graph: Graph, term: URIRef, classes: list[URIRef], properties: list[URIRef]) -> str:
    is_class = term in classes
    kind = (
        "class"
        if is_class
        else _PROPERTY_KINDS[next(k for k in _PROPERTY_KINDS if (term, RDF.type, k) in graph)]
    )
    body = [
        f"<h1>{_text(graph, term, RDFS.label) or escape(_local(term))}</h1>",
        f"<p>{escape(kind)} <code>{escape(curie(term))}</code>: <code>{escape(str(term))}</code></p>",
        f"<p>{_text(graph, term, RDFS.comment)}</p>",
        "<dl>",
    ]
    if is_class:
        body += _list("subclass of", graph.objects(term, RDFS.subClassOf), classes, 1)
        domain_of = [
            p for p in properties if any(term in _members(graph, d) for d in graph.objects(p, RDFS.domain))
        ]
        range_of = [p for p in properties if term in list(graph.objects(p, RDFS.range))]
        body += _list("properties of its instances", domain_of, classes, 1)
        body += _list("properties whose values it gives", range_of, classes, 1)
        one_of = graph.value(term, OWL.oneOf)
        if one_of is not None:
            body += _list("one of", Collection(graph, one_of), classes, 1)
            for member in Collection(graph, one_of):
                note = _text(graph, member, RDFS.comment)
                body.append(f"<dt><code>{escape(curie(member))}</code></dt><dd>{note}</dd>")
    else:
        domains = [m for d in graph.objects(term, RDFS.domain) for m in _members(graph, d)]
        body += _list("domain", domains, classes, 1)
        body += _list("range", graph.objects(term, RDFS.range), classes, 1)
        body += _list("subproperty of", graph.objects(term, RDFS.subPropertyOf), classes, 1)
    body += _list("close match", graph.objects(term, SKOS.closeMatch), classes, 1)
    body.append("</dl>")
    if is_class:
        body += _rules(term)
    return _document(f"{curie(term)}: kdrama-kgraph ontology", body, 1)


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
    body = [
        f"<h1>{_text(graph, ontology, DCTERMS.title)}</h1>",
        f"<p><code>{escape(str(ontology))}</code>, version {_text(graph, ontology, OWL.versionInfo)}; "
        f'licence <a href="{escape(_text(graph, ontology, DCTERMS.license))}">CC BY 4.0</a>.</p>',
        f"<p>{_text(graph, ontology, DCTERMS.description)}</p>",
        "<h2>Classes</h2>",
        "<ul>"
        + "".join(f"<li>{_link(c, classes, 0)}: {_text(graph, c, RDFS.comment)}</li>" for c in classes)
        + "</ul>",
        "<h2>Properties</h2>",
        "<ul>"
        + "".join(f"<li>{_link(p, classes, 0)}: {_text(graph, p, RDFS.comment)}</li>" for p in properties)
        + "</ul>",
    ]
    pages["index.html"] = _document("kdrama-kgraph ontology", body, 0)
    return dict(sorted(pages.items()))
