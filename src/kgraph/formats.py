"""Every file and answer format kgraph reads or writes: its name, suffixes and media types.

This is the one table of formats; every other module asks it. RDF and SPARQL results formats are
pyoxigraph's ``RdfFormat`` and ``QueryResultsFormat`` members, whose canonical media type and file
extension are read from pyoxigraph itself the first time they are asked for (so ``kgraph --help``
imports nothing heavy); the table adds only what pyoxigraph does not know: the names users type,
rdflib's plugin names, other suffixes and media types met in the wild, and the W3C format IRIs.

>>> rdf_format_of("data/run-on.ttl"), rdf_format_named("ttl"), media_type("json-ld")
('turtle', 'turtle', 'application/ld+json')
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

__all__ = [
    "EXPORT_FORMATS",
    "GRAPH_FORMATS",
    "PICTURE_FORMATS",
    "QUERY_FORMATS",
    "RDF_FORMATS",
    "RESULT_FORMATS",
    "ROW_FORMATS",
    "GraphFormat",
    "ResultsFormat",
    "accepted_media_types",
    "dump_suffixes",
    "media_type",
    "oxigraph_rdf_format",
    "oxigraph_results_format",
    "rdf_format_by_media_type",
    "rdf_format_named",
    "rdf_format_of",
    "rdf_suffixes",
    "rdflib_parser",
    "rdflib_serializer",
    "results_format_by_media_type",
    "suffix",
]

_W3C = "http://www.w3.org/ns/formats/"


@dataclass(frozen=True)
class GraphFormat:
    """An RDF serialization.

    :param oxigraph: the member of ``pyoxigraph.RdfFormat``.
    :param parser: rdflib's parser plugin; ``serializer`` is its serializer when it differs.
    :param aliases: other names users type for it.
    :param suffixes: file suffixes beside pyoxigraph's own.
    :param media_types: media types beside pyoxigraph's own, accepted and understood.
    :param w3c: the local name of its IRI in ``http://www.w3.org/ns/formats/``.
    :param dataset: it holds named graphs (quads).
    """

    oxigraph: str
    parser: str
    w3c: str
    serializer: str = ""
    aliases: tuple[str, ...] = ()
    suffixes: tuple[str, ...] = ()
    media_types: tuple[str, ...] = ()
    dataset: bool = False


@dataclass(frozen=True)
class ResultsFormat:
    """A SPARQL query results serialization; ``oxigraph`` is the ``QueryResultsFormat`` member."""

    oxigraph: str
    parser: str
    w3c: str
    media_types: tuple[str, ...] = ()


#: RDF serializations by the name kgraph uses for them
RDF_FORMATS: dict[str, GraphFormat] = {
    "turtle": GraphFormat(
        "TURTLE", "turtle", "Turtle", "longturtle", ("ttl",), (), ("application/x-turtle",)
    ),
    "nt": GraphFormat("N_TRIPLES", "nt", "N-Triples", "", ("n-triples", "ntriples"), (), ("text/plain",)),
    "json-ld": GraphFormat(
        "JSON_LD", "json-ld", "JSON-LD", "", ("jsonld",), (".json",), ("application/json",)
    ),
    "xml": GraphFormat(
        "RDF_XML",
        "xml",
        "RDF_XML",
        "",
        ("rdf", "rdf/xml", "rdfxml"),
        (".xml", ".owl"),
        ("application/xml", "text/xml"),
    ),
    "trig": GraphFormat("TRIG", "trig", "TriG", dataset=True),
    "nq": GraphFormat("N_QUADS", "nquads", "N-Quads", "", ("nquads", "n-quads"), dataset=True),
    "n3": GraphFormat("N3", "n3", "N3"),
}
#: SPARQL results serializations by name
RESULT_FORMATS: dict[str, ResultsFormat] = {
    "json": ResultsFormat("JSON", "json", "SPARQL_Results_JSON", ("application/json",)),
    "xml": ResultsFormat("XML", "xml", "SPARQL_Results_XML", ("application/xml", "text/xml")),
    "csv": ResultsFormat("CSV", "csv", "SPARQL_Results_CSV"),
    "tsv": ResultsFormat("TSV", "tsv", "SPARQL_Results_TSV"),
}
#: ``kgraph export --format``: the RDF serializations written for the whole graph
EXPORT_FORMATS = ("turtle", "nt", "json-ld", "xml", "trig")
#: ``kgraph query --format``: how rows are written as text
ROW_FORMATS = ("table", "csv", "tsv", "json", "jsonl")
#: ``kgraph query --format``: every format rows are written in, Parquet (a typed table) included
QUERY_FORMATS = (*ROW_FORMATS, "parquet")
#: network files by suffix (``kgraph graph -o FILE``)
GRAPH_FORMATS = ("graphml", "gexf", "json", "csv", "png", "svg", "html")
#: network files that are pictures (they need the plot extra)
PICTURE_FORMATS = ("png", "svg")


@functools.cache
def _ox() -> Any:
    import pyoxigraph

    return pyoxigraph


def oxigraph_rdf_format(name: str) -> Any:
    """Return pyoxigraph's ``RdfFormat`` for an RDF format name."""
    return getattr(_ox().RdfFormat, RDF_FORMATS[name].oxigraph)


def oxigraph_results_format(name: str) -> Any:
    """Return pyoxigraph's ``QueryResultsFormat`` for a results format name."""
    return getattr(_ox().QueryResultsFormat, RESULT_FORMATS[name].oxigraph)


def media_type(name: str) -> str:
    """Return the canonical media type of an RDF format (pyoxigraph's), e.g. ``text/turtle``."""
    return str(oxigraph_rdf_format(name).media_type)


def results_media_type(name: str) -> str:
    """Return the canonical media type of a SPARQL results format (pyoxigraph's)."""
    return str(oxigraph_results_format(name).media_type)


def accepted_media_types(name: str, *, results: bool = False) -> tuple[str, ...]:
    """Return every media type that means the format ``name``, the canonical one first.

    >>> accepted_media_types("nt")
    ('application/n-triples', 'text/plain')
    """
    if results:
        canonical, extra = results_media_type(name), RESULT_FORMATS[name].media_types
    else:
        canonical, extra = media_type(name), RDF_FORMATS[name].media_types
    return (canonical.split(";")[0].strip(), *extra)


@functools.cache
def _suffixes() -> dict[str, str]:
    table: dict[str, str] = {}
    for name, fmt in RDF_FORMATS.items():
        for known in (suffix(name), *fmt.suffixes):
            table.setdefault(known, name)
    return table


def suffix(name: str) -> str:
    """Return the suffix a file in the RDF format ``name`` is written with (pyoxigraph's).

    >>> suffix("xml"), suffix("json-ld")
    ('.rdf', '.jsonld')
    """
    return "." + str(oxigraph_rdf_format(name).file_extension)


def dump_suffixes() -> frozenset[str]:
    """Return the suffixes of the whole-graph files a release holds: one per export format."""
    return frozenset(suffix(name) for name in EXPORT_FORMATS)


def rdf_suffixes() -> tuple[str, ...]:
    """Return every file suffix that names an RDF format."""
    return tuple(_suffixes())


def rdf_format_of(path: str | PurePath) -> str | None:
    """Return the RDF format of a file by its suffix, or None when the suffix names none."""
    return _suffixes().get(PurePath(path).suffix.lower())


def rdf_format_named(name: str) -> str | None:
    """Return the RDF format a user means by ``name`` (a name, an alias or a suffix), or None."""
    key = name.lower().lstrip(".")
    for fmt_name, fmt in RDF_FORMATS.items():
        if key == fmt_name or key in fmt.aliases:
            return fmt_name
    return _suffixes().get("." + key)


def rdf_format_by_media_type(media: str) -> str | None:
    """Return the RDF format that a media type (parameters allowed) stands for, or None."""
    media = media.split(";")[0].strip().lower()
    return next((name for name in RDF_FORMATS if media in accepted_media_types(name)), None)


def results_format_by_media_type(media: str) -> str | None:
    """Return the SPARQL results format that a media type stands for, or None."""
    media = media.split(";")[0].strip().lower()
    return next((name for name in RESULT_FORMATS if media in accepted_media_types(name, results=True)), None)


def rdflib_parser(name: str) -> str:
    """Return rdflib's parser plugin name for an RDF format."""
    return RDF_FORMATS[name].parser


def rdflib_serializer(name: str) -> str:
    """Return rdflib's serializer plugin name for an RDF format (stable ``longturtle`` for Turtle)."""
    fmt = RDF_FORMATS[name]
    return fmt.serializer or fmt.parser


def w3c_iri(name: str, *, results: bool = False) -> str:
    """Return a format's IRI in ``http://www.w3.org/ns/formats/``."""
    return _W3C + (RESULT_FORMATS[name].w3c if results else RDF_FORMATS[name].w3c)
