"""describe: finding a resource by name, reading its labels, its card, and the graph's counts.

It may import the core and :mod:`kgraph.store`.
"""
