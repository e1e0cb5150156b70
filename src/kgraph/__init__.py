"""kdrama-kgraph: a sourced knowledge graph of K-drama love-confession scenes.

>>> import kgraph
>>> graph = kgraph.load()
>>> kgraph.validate(graph).conforms
True

The names below are imported from their modules when first used, so ``import kgraph`` (and with it
the command line) does not import rdflib, pySHACL or networkx before they are needed.
"""

import importlib
from typing import Any

# public name -> the module that defines it
_PUBLIC = {
    "KgraphError": "errors",
    "QueryResult": "sparql.results",
    "ValidationReport": "shacl.validate",
    "ValidationResult": "shacl.validate",
    "analyze": "networks",
    "card": "describe.cards",
    "confession_graph": "networks",
    "costar_graph": "networks",
    "drama_actor_bipartite": "networks",
    "drama_actor_graph": "networks",
    "export": "release.export",
    "find": "describe.entities",
    "list_queries": "sparql.named",
    "load": "store.loading",
    "query": "sparql.execute",
    "stats": "describe.stats",
    "to_networkx": "networks",
    "trope_bipartite_graph": "networks",
    "trope_graph": "networks",
    "validate": "shacl.validate",
}


def __getattr__(name: str) -> Any:
    """Import a public name from its module when first asked for; read ``__version__`` likewise."""
    if name == "__version__":
        from importlib.metadata import version

        return version("kdrama-kgraph")
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'kgraph' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_PUBLIC, "__version__"})


__all__ = [
    "KgraphError",
    "QueryResult",
    "ValidationReport",
    "ValidationResult",
    "__version__",
    "analyze",
    "card",
    "confession_graph",
    "costar_graph",
    "drama_actor_bipartite",
    "drama_actor_graph",
    "export",
    "find",
    "list_queries",
    "load",
    "query",
    "stats",
    "to_networkx",
    "trope_bipartite_graph",
    "trope_graph",
    "validate",
]
