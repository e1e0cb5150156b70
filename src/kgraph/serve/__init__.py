"""serve: the read-only SPARQL endpoint, ``kgraph serve``.

It owns the Starlette application, content negotiation, and the pool of Oxigraph worker processes
that are killed when a query runs out of time.

It may import the core, :mod:`kgraph.store`, :mod:`kgraph.describe` and :mod:`kgraph.sparql`.
"""
