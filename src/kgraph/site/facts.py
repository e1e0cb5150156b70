"""The whole graph held in Python dictionaries, read with one SPARQL query, for building pages fast.

A site of thousands of pages cannot afford a query per page: :class:`Facts` reads every statement
once and indexes it by subject and by object, so each page is a few dictionary look-ups. It also
knows which resources get a page of their own (:data:`PAGE_KINDS`), and which page shows the
others: a casting role, quote, ranking or claim is a section of its owner's page.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kgraph.prefixes import IRIS

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["KDR", "PAGE_KINDS", "Facts", "Label", "slug_of", "term_order"]

KD, KDR, SCHEMA = IRIS["kd"], IRIS["kdr"], IRIS["schema"]
SKOS, DCT, RDF = IRIS["skos"], IRIS["dct"], IRIS["rdf"]
TYPE = RDF + "type"

#: the classes whose members get a page, and the kind each page is
PAGE_KINDS = {
    KD + "Drama": "drama",
    KD + "Person": "person",
    KD + "Character": "character",
    KD + "ConfessionScene": "scene",
    KD + "Network": "network",
    KD + "Source": "source",
    SKOS + "Concept": "concept",
}
# properties that attach a part to the resource whose page shows it
_PARTS = (KD + "quote", KD + "ranking", KD + "claim")


def slug_of(iri: str) -> str | None:
    """The slug of a ``kdr:`` IRI, or None for any other IRI.

    >>> slug_of("https://w3id.org/kdrama-kg/resource/kim-tae-ri"), slug_of("https://schema.org/name")
    ('kim-tae-ri', None)
    """
    return iri[len(KDR) :] if iri.startswith(KDR) and len(iri) > len(KDR) else None


@dataclass(frozen=True, slots=True)
class Label:
    """A resource's names: English (or untagged) and Korean, either possibly empty."""

    en: str
    ko: str = ""


class Facts:
    """Every statement of a graph, indexed by subject and by object (terms as rdflib's)."""

    def __init__(self, statements: Iterable[tuple[Any, Any, Any]]) -> None:
        self.out: dict[Any, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
        self.into: dict[Any, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
        self.statements: dict[Any, list[tuple[Any, Any, Any]]] = defaultdict(list)
        for s, p, o in statements:
            predicate = str(p)
            self.out[s][predicate].append(o)
            self.into[o][predicate].append(s)
            self.statements[s].append((s, p, o))
        for values in (*self.out.values(), *self.into.values()):
            for terms in values.values():
                terms.sort(key=term_order)
        self.kind: dict[Any, str] = {}
        for cls, kind in PAGE_KINDS.items():
            for node in self.subjects(TYPE, _iri(cls)):
                if slug_of(str(node)):
                    self.kind.setdefault(node, kind)
        self.refs: dict[Any, Any] = {}  # links to pages, made once each (see kgraph.site.pages.ref)
        self._owners: dict[Any, Any] = {}
        for predicate in _PARTS:
            for owner, parts in ((s, v[predicate]) for s, v in list(self.out.items()) if predicate in v):
                for part in parts:
                    self._owners.setdefault(part, owner)
        for role in self.subjects(TYPE, _iri(KD + "CastingRole")):
            for drama in self.objects(role, KD + "drama"):
                self._owners.setdefault(role, drama)

    @classmethod
    def of(cls, graph: Graph) -> Facts:
        """Read every statement of ``graph`` with one SPARQL query."""
        from kgraph.sparql.execute import query

        found = query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }", graph)
        return cls(found.rows)  # type: ignore[union-attr]  # a SELECT gives a QueryResult

    def objects(self, subject: Any, predicate: str) -> list[Any]:
        """The objects of ``subject predicate ?o``, sorted."""
        found = self.out.get(subject)
        return found.get(predicate, []) if found else []

    def subjects(self, predicate: str, obj: Any) -> list[Any]:
        """The subjects of ``?s predicate obj``, sorted."""
        found = self.into.get(obj)
        return found.get(predicate, []) if found else []

    def value(self, subject: Any, predicate: str) -> Any:
        """One object of ``subject predicate ?o`` (the first in order), or None."""
        found = self.objects(subject, predicate)
        return found[0] if found else None

    def text(self, subject: Any, predicate: str, language: str = "en") -> str:
        """The literal in ``language`` (or with no language) of ``subject predicate ?o``, or ''."""
        found = self.objects(subject, predicate)
        for wanted in (language, None):
            for term in found:
                if getattr(term, "language", "x") == wanted:
                    return str(term)
        return ""

    def texts(self, subject: Any, predicate: str) -> list[Any]:
        """The literals of ``subject predicate ?o``, English first, then Korean, then the rest."""
        order = {"en": 0, None: 1, "ko": 2}
        return sorted(
            self.objects(subject, predicate),
            key=lambda t: (order.get(getattr(t, "language", None), 3), str(t)),
        )

    def label(self, node: Any) -> Label:
        """The English and Korean names of a resource, from its name, label or title."""
        for predicate in (SCHEMA + "name", SKOS + "prefLabel", DCT + "title"):
            if self.objects(node, predicate):
                english = [t for t in self.objects(node, predicate) if getattr(t, "language", None) != "ko"]
                return Label(self.text(node, predicate) if english else "", self.text(node, predicate, "ko"))
        citation = self.text(node, DCT + "bibliographicCitation")
        return Label(citation or slug_of(str(node)) or str(node))

    def owner(self, node: Any) -> Any:
        """The resource whose page shows ``node``: itself if it has a page, else the page of its owner."""
        seen = set()
        while node not in self.kind and node in self._owners and node not in seen:
            seen.add(node)
            node = self._owners[node]
        return node if node in self.kind else None

    def description(self, node: Any) -> list[tuple[Any, Any, Any]]:
        """The statements a resource's own RDF files hold: its own, and those of the parts its page shows.

        A drama takes its casting roles; a scene its quotes and rankings; any of them their claims.
        """
        found: list[tuple[Any, Any, Any]] = []
        todo, seen = [node], set()
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            found.extend(self.statements.get(current, ()))
            for part in self._parts(current):
                if part not in self.kind:
                    todo.append(part)
        return sorted(found, key=lambda t: tuple(map(term_order, t)))

    def _parts(self, node: Any) -> list[Any]:
        parts = [p for predicate in _PARTS for p in self.objects(node, predicate)]
        if self.kind.get(node) == "drama":
            parts += [
                r for r in self.subjects(KD + "drama", node) if _iri(KD + "CastingRole") in self.types(r)
            ]
        return parts

    def types(self, node: Any) -> list[Any]:
        """The classes of a resource."""
        return self.objects(node, TYPE)

    def pages(self, kind: str) -> list[Any]:
        """The resources of one kind that get a page, sorted by IRI."""
        return sorted(node for node, found in self.kind.items() if found == kind)


def term_order(term: Any) -> tuple[str, str, str, str]:
    """A sort key for any term: rdflib cannot order literals of different datatypes among themselves."""
    return (
        type(term).__name__,
        str(term),
        getattr(term, "language", None) or "",
        str(getattr(term, "datatype", None) or ""),
    )


def _iri(text: str) -> Any:
    from rdflib import URIRef

    return URIRef(text)
