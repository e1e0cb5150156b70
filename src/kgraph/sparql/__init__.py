"""sparql: named queries and running them.

It owns the query files and their headers, the strict grammar check, the one lexer, binding
parameters (as terms or as ``VALUES`` blocks), running queries on either engine, and the result
objects.

It may import the core, :mod:`kgraph.store` and :mod:`kgraph.describe`.
"""
