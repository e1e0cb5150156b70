"""store: reading RDF into a graph, and the engines a graph lives in.

It owns loading the bundled graph and users' files (strictly parsed, with file:line errors), the
read-only :class:`~kgraph.store.graph.KnowledgeGraph`, where each resource is stated
(:mod:`~kgraph.store.origins`), the engine choice, and the one Oxigraph adapter
(:mod:`~kgraph.store.oxigraph`), the only module that touches pyoxigraph.

It may import the core (errors, namespaces, resources, files, formats, progress) and no wing.
"""
