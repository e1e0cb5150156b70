"""The names users pick from on the command line: output formats, graph kinds, analyses, billings.

They are plain strings here, free of rdflib and networkx, so ``kgraph --help`` can offer them
without importing either. The modules that act on them take their names from here or, where a
name maps to a function, are tested to agree with this list.
"""

from __future__ import annotations

__all__ = [
    "ANALYSES",
    "BILLINGS",
    "EXPORT_FORMATS",
    "GRAPH_FORMATS",
    "GRAPH_KINDS",
    "PICTURE_FORMATS",
    "ROW_FORMATS",
]

#: ``kgraph export --format``: the RDF serializations of :data:`kgraph.export.FORMATS`.
EXPORT_FORMATS = ("turtle", "nt", "json-ld", "xml", "trig")
#: ``kgraph query --format``: how rows are written.
ROW_FORMATS = ("table", "csv", "tsv", "json", "jsonl")
#: ``kgraph graph KIND``: the builders of :data:`kgraph.networks.BUILDERS`.
GRAPH_KINDS = ("costar", "drama-actor", "trope", "trope-bipartite", "confession", "rdf")
#: ``kgraph analyze KIND``: the networks :func:`kgraph.networks.analyze` answers questions about.
ANALYSES = ("costar", "trope")
#: ``--billing``: the billings of :data:`kgraph.networks.BILLINGS`.
BILLINGS = ("lead", "supporting", "cameo")
#: Graph file formats that are pictures (they need the plot extra).
PICTURE_FORMATS = ("png", "svg")
#: ``kgraph graph --format``: every graph file format.
GRAPH_FORMATS = ("graphml", "gexf", "json", "csv", *PICTURE_FORMATS)
