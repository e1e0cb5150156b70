"""shacl: validating a graph against the SHACL shapes and the quality checks.

It owns the validator front (pySHACL or the fast validator), the SHACL-to-SPARQL compiler, and
the typed, located results.

It may import the core, :mod:`kgraph.store`, :mod:`kgraph.describe` and :mod:`kgraph.sparql`.
"""
