"""What a resource's IRI answers: its page, or its statements in an RDF format.

:class:`Resolver` reads the graph once and then answers any ``kdr:`` slug, as the static site
does: the HTML page of a resource that has one, the page of its owner for a part (a casting role,
quote or claim: its statements are its own), and the statements in Turtle, JSON-LD, N-Triples or
RDF/XML. ``kgraph serve`` puts it behind content negotiation; the ontology is answered the same way.
"""

from __future__ import annotations

from importlib.resources import files as package_files
from typing import TYPE_CHECKING, Any

from kgraph import resources
from kgraph.prefixes import IRIS
from kgraph.site.facts import KDR, slug_of, term_order
from kgraph.site.rdf import jsonld_document, turtle_document
from kgraph.site.search import fold
from kgraph.templates import render

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["RDF_FORMATS", "Resolver"]

#: the RDF formats a resource is answered in (names of :mod:`kgraph.formats`)
RDF_FORMATS = ("turtle", "json-ld", "nt", "xml")


def _write(statements: list[tuple[Any, Any, Any]], fmt: str) -> bytes:
    if fmt == "turtle":
        return turtle_document(statements)
    if fmt == "json-ld":
        return jsonld_document(statements)
    from kgraph.store.oxigraph.writing import from_rdflib, write_statements

    return write_statements(from_rdflib(statements), fmt, prefixes=IRIS)


class Resolver:
    """The pages and RDF of every resource of ``graph``, rendered on demand."""

    def __init__(self, graph: Graph) -> None:
        from kgraph.site.build import _Site
        from kgraph.site.indexes import index_pages

        self._site = _Site(graph)
        self.facts = self._site.facts
        self.index_pages = index_pages(self.facts)
        self._ontology: Graph | None = None

    def node(self, slug: str) -> Any:
        """The resource ``kdr:<slug>``, or None if the graph says nothing about it."""
        from rdflib import URIRef

        node = URIRef(KDR + slug)
        return node if node in self.facts.statements else None

    def page(self, slug: str) -> str | None:
        """The HTML page of ``kdr:<slug>`` (its owner's, for a part), or None for an unknown slug."""
        node = self.node(slug)
        if node is None:
            return None
        owner = self.facts.owner(node)
        return self._site.page(owner) if owner is not None else None

    def rdf(self, slug: str, fmt: str) -> bytes | None:
        """The statements of ``kdr:<slug>`` (with its parts, as its page shows them) in ``fmt``."""
        node = self.node(slug)
        if node is None:
            return None
        return _write(self.facts.description(node), fmt)

    def asset(self, name: str) -> bytes | None:
        """A file of the site's ``assets/`` folder (styles, scripts, the search index), or None."""
        if name == "search-index.js":
            from kgraph.site.search import search_index

            return search_index(self.facts)
        if name not in ("site.css", "site.js"):
            return None
        return (package_files("kgraph.site") / "assets" / name).read_bytes()

    def ontology_rdf(self, fmt: str) -> bytes:
        """The ontology (``ontology/kdrama.ttl``) in ``fmt``."""
        return _write(sorted(self._ontology_graph(), key=lambda t: tuple(map(term_order, t))), fmt)

    def ontology_page(self) -> str:
        """A page listing the ontology's classes and properties, with their labels and comments."""
        from rdflib.namespace import OWL, RDF, RDFS

        graph = self._ontology_graph()
        kd = IRIS["kd"]

        def terms(*kinds: Any) -> list[dict[str, str]]:
            found = {t for k in kinds for t in graph.subjects(RDF.type, k) if str(t).startswith(kd)}
            return [
                {
                    "name": str(t)[len(kd) :],
                    "label": str(graph.value(t, RDFS.label) or ""),
                    "comment": str(graph.value(t, RDFS.comment) or ""),
                }
                for t in sorted(found, key=str)
            ]

        return render(
            "kgraph.site",
            "ontology.html",
            root="/",
            title="The kdrama-kgraph ontology",
            namespace=kd,
            classes=terms(OWL.Class),
            properties=terms(OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property),
        )

    def _ontology_graph(self) -> Graph:
        if self._ontology is None:
            from rdflib import Graph

            self._ontology = Graph().parse(resources.ontology_path(), format="turtle")
        return self._ontology

    def not_found(self, slug: str) -> str:
        """A page for a slug the graph does not know, with the names that look most like it."""
        wanted = fold(slug.replace(".", " "))
        close = []
        if wanted:
            for node in sorted(self.facts.kind, key=str):
                found = slug_of(str(node)) or ""
                if wanted[:6] and wanted[:6] in fold(found):
                    close.append(found)
        return render(
            "kgraph.site", "not-found.html", root="/", title="No such resource", slug=slug, close=close[:20]
        )
