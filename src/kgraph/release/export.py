"""RDF serializations of the graph, JSON-LD with the project's context, and atomic file writes."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from kgraph import resources
from kgraph.errors import OutputError
from kgraph.files import write_atomic
from kgraph.formats import EXPORT_FORMATS
from kgraph.prefixes import IRIS, curie_of
from kgraph.store.sources import graph_name

if TYPE_CHECKING:
    from rdflib import Graph, URIRef
    from rdflib.term import IdentifiedNode, Node

__all__ = [
    "FORMATS",
    "apply_view",
    "build_context",
    "can_export_as_written",
    "export",
    "export_files",
    "serialize",
    "write_context",
]

#: the formats the whole graph is exported in (see :mod:`kgraph.formats`)
FORMATS = EXPORT_FORMATS

# Terms the data reuses from other vocabularies, with how JSON-LD should read their values.
_XSD_DATE = IRIS["xsd"] + "date"
REUSED: dict[str, tuple[str, dict[str, str]]] = {
    "name": (IRIS["schema"] + "name", {"@container": "@language"}),
    "description": (IRIS["schema"] + "description", {"@container": "@language"}),
    "startDate": (IRIS["schema"] + "startDate", {"@type": _XSD_DATE}),
    "endDate": (IRIS["schema"] + "endDate", {"@type": _XSD_DATE}),
    "numberOfEpisodes": (IRIS["schema"] + "numberOfEpisodes", {}),
    "url": (IRIS["schema"] + "url", {"@type": "@id"}),
    "source": (IRIS["dct"] + "source", {"@type": "@id"}),
    "title": (IRIS["dct"] + "title", {"@container": "@language"}),
    "publisher": (IRIS["dct"] + "publisher", {}),
    "issued": (IRIS["dct"] + "issued", {"@type": _XSD_DATE}),
    "citation": (IRIS["dct"] + "bibliographicCitation", {}),
    "prefLabel": (IRIS["skos"] + "prefLabel", {"@container": "@language"}),
    "altLabel": (IRIS["skos"] + "altLabel", {"@container": "@language"}),
    "definition": (IRIS["skos"] + "definition", {"@container": "@language"}),
    "inScheme": (IRIS["skos"] + "inScheme", {"@type": "@id"}),
    "broader": (IRIS["skos"] + "broader", {"@type": "@id"}),
    "closeMatch": (IRIS["skos"] + "closeMatch", {"@type": "@id"}),
    "sameAs": (IRIS["owl"] + "sameAs", {"@type": "@id"}),
}


def build_context(ontology: Graph | None = None) -> dict[str, Any]:
    """Build the JSON-LD context from the ontology: one short term per kd: class and property.

    Object properties read as IRIs, dates as typed values, whole numbers as JSON numbers and
    language-tagged text as language maps, so exported JSON-LD reads like plain JSON.

    >>> context = build_context()["@context"]
    >>> context["confessor"], context["text"]
    ({'@id': 'kd:confessor', '@type': '@id'}, {'@id': 'kd:text', '@container': '@language'})
    """
    from rdflib import Graph, URIRef
    from rdflib.namespace import OWL, RDF, RDFS, XSD

    if ontology is None:
        ontology = Graph().parse(resources.ontology_path())
    context: dict[str, object] = {prefix: iri for prefix, iri in sorted(IRIS.items()) if prefix != "sh"}
    context["id"] = "@id"
    context["type"] = "@type"
    kd = IRIS["kd"]
    for term in _sorted_instances(ontology, OWL.Class):
        if isinstance(term, URIRef) and str(term).startswith(kd):
            context[str(term)[len(kd) :]] = f"kd:{str(term)[len(kd) :]}"
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property):
        for term in _sorted_instances(ontology, kind):
            local = str(term)[len(kd) :]
            entry: dict[str, str] = {"@id": f"kd:{local}"}
            value_range = ontology.value(term, RDFS.range)
            if kind == OWL.ObjectProperty:
                entry["@type"] = "@id"
            elif value_range == XSD.date:
                entry["@type"] = "xsd:date"
            elif value_range == RDF.langString:
                entry["@container"] = "@language"
            context[local] = entry
    for short, (iri, extra) in REUSED.items():
        context[short] = {"@id": curie_of(iri), **{k: _compact_value(v) for k, v in extra.items()}}
    return {"@context": context}


def _sorted_instances(graph: Graph, kind: URIRef) -> list[IdentifiedNode]:
    """The instances of ``kind``, sorted: IRIs or blank nodes, which rdflib types only as nodes."""
    from rdflib.namespace import RDF

    return sorted(cast("Iterator[IdentifiedNode]", graph.subjects(RDF.type, kind)))


def write_context() -> Path:
    """Regenerate ``ontology/context.jsonld`` from the ontology (run by ``make format``)."""
    text = json.dumps(build_context(), indent=2, ensure_ascii=False) + "\n"
    return write_atomic(resources.context_path(), text.encode("utf-8"))


def _compact_value(value: str) -> str:
    return curie_of(value) if value.startswith("http") else value


def serialize(graph: Graph, fmt: str = "turtle") -> bytes:
    """Serialize a graph in one of :data:`FORMATS`, every term as the graph holds it.

    Oxigraph's serializers write it, in a stable order, as :func:`export_files` does (rdflib's
    would rewrite some literals, such as ``"1E0"^^xsd:double`` as ``1e+00``). JSON-LD is compacted
    with ``ontology/context.jsonld``; TriG puts each source file in its own named graph.

    :raises OutputError: if the format is not supported.

    >>> from kgraph.store.loading import load
    >>> b"<https://w3id.org/kdrama-kg/resource/run-on>" in serialize(load(), "nt")
    True
    """
    from kgraph.store.oxigraph.writing import from_rdflib, write_statements

    if fmt not in FORMATS:
        raise OutputError(f"unsupported format '{fmt}': use one of {', '.join(FORMATS)}")
    if fmt == "json-ld":
        return _jsonld(from_rdflib(graph))
    return write_statements(
        from_rdflib(_in_file_graphs(graph) if fmt == "trig" else graph), fmt, prefixes=IRIS
    )


def _in_file_graphs(graph: Graph) -> Iterator[tuple[Any, Any, Any, Any]]:
    """The quads of a loaded graph, each in the named graph of the file that states its subject."""
    from rdflib import URIRef

    from kgraph.store.graph import KnowledgeGraph

    if not isinstance(graph, KnowledgeGraph) or not graph.files:  # only a loaded graph knows its files
        yield from ((*triple, None) for triple in graph)
        return
    graph.find_origins({subject for subject, _, _ in graph})  # one pass over the files for them all
    for triple in graph:
        found = graph.origin(triple[0])
        yield (*triple, URIRef(graph_name(found[0])) if found else None)  # graph_name is cached


def _jsonld(triples: Iterable[Any]) -> bytes:
    """A JSON-LD document compacted with the project's context, one node a line."""
    from kgraph.release.jsonld import compact_document

    context = json.loads(resources.context_path().read_text(encoding="utf-8"))["@context"]
    document = compact_document(triples, context)
    head = json.dumps(document["@context"], ensure_ascii=False, indent=2).replace("\n", "\n  ")
    nodes = ",\n    ".join(json.dumps(node, ensure_ascii=False) for node in document["@graph"])
    return f'{{\n  "@context": {head},\n  "@graph": [\n    {nodes}\n  ]\n}}\n'.encode()


def apply_view(graph: Graph, name: str) -> Graph:
    """Reshape ``graph`` with the view ``queries/views/<name>.rq``.

    :raises OutputError: if there is no such view.

    >>> from kgraph.store.loading import load
    >>> from kgraph.namespaces import PREFIXES
    >>> shaped = apply_view(load(), "wikidata")
    >>> (None, PREFIXES["wdt"]["P161"], None) in shaped
    True
    """
    from rdflib import Graph

    from kgraph.namespaces import bind_prefixes
    from kgraph.sparql.named import view_queries
    from kgraph.store.oxigraph import store_of

    known = view_queries()
    if name not in known:
        raise OutputError(f"no view named '{name}': use one of {', '.join(known)}")
    shaped = bind_prefixes(Graph())
    view = known[name]
    # Oxigraph runs the text itself; rdflib's memory store evaluates the query it has prepared
    query = view.checked if store_of(graph) is not None else view.prepared
    constructed = cast("Iterable[tuple[Node, Node, Node]]", graph.query(query))  # a CONSTRUCT
    for triple in constructed:
        shaped.add(triple)
    return shaped


def export(
    graph: Graph | None = None,
    fmt: str = "turtle",
    path: str | Path | None = None,
    *,
    view: str | None = None,
) -> bytes:
    """Serialize the graph (the bundled one by default) and, if ``path`` is given, write it atomically.

    :param graph: the graph to export; None for the bundled graph.
    :param fmt: one of ``turtle``, ``nt``, ``json-ld``, ``xml``, ``trig``.
    :param path: a file to write; the bytes are returned either way.

    The bundled graph, and any graph loaded from files and not changed since, is written straight
    from its files by Oxigraph, with every term as the files write it and, in TriG, each triple in
    the named graph of the file that states it. A graph on the Oxigraph engine that was changed
    after loading is written as its store holds it: typed literals by value (``"01"^^xsd:integer``
    as ``"1"``).

    :param view: reshape the graph first with a view of ``queries/views/`` (``schema-org``, ``wikidata``).
    :raises OutputError: on an unsupported format or view, or an unwritable path.

    >>> export(fmt="nt").count(b"\\n") > 1000
    True
    """
    if graph is None:
        files: tuple[Path, ...] | None = _bundled_files()
    else:
        from kgraph.store.exact import files_as_read

        files = files_as_read(graph)
    if files and view is None and fmt in _AS_WRITTEN:
        data = export_files(files, fmt)
    else:
        from kgraph.store.exact import as_written
        from kgraph.store.loading import load

        graph, _ = as_written(load() if graph is None else graph)
        data = serialize(apply_view(graph, view) if view else graph, fmt)
    if path is not None:
        write_atomic(path, data)
    return data


# Formats the bundled graph is written in straight from its files, without rdflib.
_AS_WRITTEN = ("nt", "turtle", "xml", "trig", "json-ld")


def _bundled_files() -> tuple[Path, ...]:
    from kgraph.store.oxigraph.bundle import bundled_files

    return tuple(bundled_files())


def export_files(paths: Iterable[Path], fmt: str = "turtle") -> bytes:
    """Write RDF files as one document, every term as the files write it; see :func:`export`.

    The files are read by Oxigraph's strict parsers and written by its serializers, sorted, so
    nothing is rewritten: ``"01"^^xsd:integer``, ``1.0`` and ``"5"^^xsd:int`` come out as written.
    In TriG each file's triples are in a graph named after the file (:func:`graph_name`).

    :param paths: files in formats Oxigraph reads (see :func:`can_export_as_written`).
    :raises OutputError: if the format is not supported.
    :raises DataError: if a file is not valid RDF (file and line given).
    """
    from kgraph.store.oxigraph.writing import read_files, serialize_files

    if fmt not in FORMATS:
        raise OutputError(f"unsupported format '{fmt}': use one of {', '.join(FORMATS)}")
    if fmt == "json-ld":
        return _jsonld(triple for _, triple in read_files(paths))
    naming = graph_name if fmt == "trig" else None
    return serialize_files(paths, fmt, prefixes=IRIS, graph_name=naming)


def can_export_as_written(paths: Iterable[Path]) -> bool:
    """Say whether :func:`export_files` reads every one of ``paths`` (Oxigraph parses its format)."""
    from kgraph.store.oxigraph.files import readable

    return all(readable(Path(path)) for path in paths)
