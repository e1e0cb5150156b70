"""A resource's own RDF documents, and the schema.org JSON-LD its page embeds.

Each page of the site has two files beside it, ``<slug>.ttl`` and ``<slug>.jsonld``, holding the
statements of :meth:`Facts.description`. Turtle is written by Oxigraph's serializer (stable order);
JSON-LD is written here in expanded form with the project's prefixes as the context, which any
JSON-LD processor reads back to the same triples without fetching anything.

The embedded snippet is the schema.org view (``queries/views/schema-org.rq``), the one the release
frames: a drama is a ``TVSeries`` whose ``actor`` entries are ``PerformanceRole`` nodes holding the
character's name and the ``Person``; a person is a ``Person``. The kinds the view leaves out get the
plain schema.org type that fits (``Event``, ``DefinedTerm``, ``Organization``, ``CreativeWork``).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from kgraph import resources
from kgraph.prefixes import IRIS, curie_of
from kgraph.site.facts import DCT, KD, SCHEMA, SKOS, TYPE, Facts

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["jsonld_document", "schema_org", "schema_org_facts", "turtle_document"]

_XSD_STRING = IRIS["xsd"] + "string"
_CONTEXT = {name: IRIS[name] for name in ("kd", "kdr", "schema", "dct", "skos", "owl", "rdf", "xsd")}


def turtle_document(statements: list[tuple[Any, Any, Any]]) -> bytes:
    """Write ``statements`` (rdflib terms) as Turtle with the project's prefixes, in a stable order."""
    from kgraph.store.oxigraph.writing import from_rdflib, write_statements

    used = {p: IRIS[p] for p in _CONTEXT}
    return write_statements(from_rdflib(statements), "turtle", prefixes=used)


def _term(term: Any) -> dict[str, Any]:
    if not hasattr(term, "language"):
        return {"@id": curie_of(str(term)) if curie_of(str(term))[0] != "<" else str(term)}
    value: dict[str, Any] = {"@value": str(term)}
    if term.language:
        value["@language"] = term.language
    elif term.datatype is not None and str(term.datatype) != _XSD_STRING:
        value["@type"] = curie_of(str(term.datatype))
    return value


def jsonld_document(statements: list[tuple[Any, Any, Any]]) -> bytes:
    """Write ``statements`` as a JSON-LD document, one node per subject, values in expanded form.

    >>> from rdflib import Graph, Literal, URIRef
    >>> s = URIRef(IRIS["kdr"] + "kim-tae-ri")
    >>> doc = jsonld_document([(s, URIRef(IRIS["schema"] + "name"), Literal("김태리", lang="ko"))])
    >>> len(Graph().parse(data=doc, format="json-ld"))
    1
    """
    nodes: dict[str, dict[str, Any]] = {}
    for s, p, o in statements:
        node = nodes.setdefault(str(s), {"@id": _term(s)["@id"]})
        if str(p) == TYPE:
            node.setdefault("@type", []).append(_term(o)["@id"])
        else:
            node.setdefault(curie_of(str(p)), []).append(_term(o))
    context = json.dumps(_CONTEXT, ensure_ascii=False, sort_keys=True)
    lines = ",\n  ".join(json.dumps(n, ensure_ascii=False, sort_keys=True) for n in nodes.values())
    return f'{{"@context": {context},\n "@graph": [\n  {lines}\n ]}}\n'.encode()


def schema_org_facts(graph: Graph) -> Facts:
    """Apply the schema.org view to ``graph`` (one CONSTRUCT) and index what it gives."""
    from kgraph.sparql.execute import query

    path = next(p for p in resources.view_query_files() if p.stem == "schema-org")
    view = query(path.read_text(encoding="utf-8"), graph)
    return Facts(view)  # type: ignore[arg-type]  # a CONSTRUCT gives a graph


def _plain(term: Any) -> Any:
    if not hasattr(term, "language"):
        return {"@id": str(term)}
    if term.language:
        return {"@value": str(term), "@language": term.language}
    if term.datatype is not None and str(term.datatype).endswith(("integer", "int")):
        return int(term)
    return str(term)


def _node(view: Facts, node: Any, depth: int) -> dict[str, Any]:
    found: dict[str, Any] = {"@id": str(node)}
    for predicate, values in sorted(view.out.get(node, {}).items()):
        if predicate == TYPE:
            found["@type"] = [str(v).removeprefix(SCHEMA) for v in values]
            continue
        name = predicate.removeprefix(SCHEMA) if predicate.startswith(SCHEMA) else predicate
        items = [
            _node(view, v, depth - 1)
            if depth > 0 and v in view.out and not hasattr(v, "language")
            else _plain(v)
            for v in values
        ]
        found[name] = items[0] if len(items) == 1 else items
    return found


def schema_org(facts: Facts, view: Facts, node: Any, kind: str) -> str:
    """The schema.org JSON-LD of a page, as text safe inside a ``<script>`` element."""
    if node in view.out:
        document = _node(view, node, 2)
    else:
        label = facts.label(node)
        document = {"@id": str(node), "@type": _TYPES[kind], "name": label.en}
        if label.ko:
            document["alternateName"] = {"@value": label.ko, "@language": "ko"}
        text = facts.text(node, SCHEMA + "description") or facts.text(node, SKOS + "definition")
        if text:
            document["description"] = text
        url = facts.value(node, SCHEMA + "url")
        if url is not None:
            document["url"] = str(url)
        drama = facts.value(node, KD + "drama")
        if drama is not None:
            document["isPartOf" if kind == "scene" else "subjectOf"] = {"@id": str(drama)}
        sources = [str(facts.value(s, SCHEMA + "url") or s) for s in facts.objects(node, DCT + "source")]
        if sources:
            document["citation"] = sources
    document = {"@context": "https://schema.org/", **document}
    text = json.dumps(document, ensure_ascii=False, sort_keys=True)
    return text.replace("</", "<\\/")


_TYPES = {
    "drama": "TVSeries",
    "person": "Person",
    "character": "Thing",
    "scene": "Event",
    "concept": "DefinedTerm",
    "network": "Organization",
    "source": "CreativeWork",
}
