"""site: the static site of the graph (a page per resource, index pages, search, network pages)
and the redirect rules that make the IRIs resolve to it.

It may import the core, :mod:`kgraph.store`, :mod:`kgraph.describe`, :mod:`kgraph.sparql` and
:mod:`kgraph.networks`.
"""
