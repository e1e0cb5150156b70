"""kdrama-kgraph: a sourced knowledge graph of K-drama love-confession scenes.

>>> import kgraph
>>> graph = kgraph.load()
>>> kgraph.validate(graph).conforms
True

The names below are imported from their modules when first used, so ``import kgraph`` (and with it
the command line) does not import rdflib, pySHACL or networkx before they are needed.
"""

import importlib
import sys
import types

# public name -> the module that defines it
_PUBLIC = {
    "KgraphError": "errors",
    "QueryResult": "results",
    "ValidationReport": "validation",
    "ValidationResult": "validation",
    "analyze": "networks",
    "card": "entities",
    "confession_graph": "networks",
    "costar_graph": "networks",
    "drama_actor_bipartite": "networks",
    "drama_actor_graph": "networks",
    "export": "export",
    "find": "entities",
    "list_queries": "queries",
    "load": "store",
    "query": "queries",
    "stats": "stats",
    "to_networkx": "networks",
    "trope_bipartite_graph": "networks",
    "trope_graph": "networks",
    "validate": "validation",
}


def __getattr__(name: str):
    """Import a public name from its module when first asked for; read ``__version__`` likewise."""
    if name == "__version__":
        from .version import installed_version

        return installed_version()
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'kgraph' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_PUBLIC, "__version__"})


class _Package(types.ModuleType):
    """The ``kgraph`` package, whose ``export`` and ``stats`` stay functions.

    Importing a submodule sets it as an attribute of its package, and ``kgraph.export`` and
    ``kgraph.stats`` are modules as well as functions: the functions win, as they would if they
    had been imported here eagerly.
    """

    def __setattr__(self, name: str, value) -> None:
        if name in _PUBLIC and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

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
