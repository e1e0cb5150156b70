"""release: writing the graph out for others.

It owns the RDF serializations and views (``kgraph export``), the JSON-LD context and framed
documents, the TriG of sources, VoID/DCAT, Wikidata statements, the ontology's pages, and the
release folder that holds them all.

It may import the core, :mod:`kgraph.store`, :mod:`kgraph.describe`, :mod:`kgraph.sparql` and
:mod:`kgraph.shacl`.
"""
