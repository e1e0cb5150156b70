"""remote: other SPARQL endpoints and triple stores over HTTP.

It owns the HTTP client with retries, queries over the SPARQL 1.1 Protocol, and pushing the graph
over the Graph Store HTTP Protocol.

It may import the core, :mod:`kgraph.store`, :mod:`kgraph.describe` and :mod:`kgraph.sparql`.
"""
