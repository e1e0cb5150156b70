"""kdrama-kgraph: a sourced knowledge graph of K-drama love-confession scenes.

>>> import kgraph
>>> graph = kgraph.load()
>>> kgraph.validate(graph).conforms
True
"""

from .entities import card, find
from .errors import KgraphError
from .export import export
from .networks import (
    analyze,
    confession_graph,
    costar_graph,
    drama_actor_bipartite,
    drama_actor_graph,
    to_networkx,
    trope_bipartite_graph,
    trope_graph,
)
from .queries import list_queries, query
from .results import QueryResult
from .stats import stats
from .store import load
from .validation import ValidationReport, ValidationResult, validate


def __getattr__(name: str):
    """Read ``__version__`` from the installed metadata only when asked (it is slow to import)."""
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("kdrama-kgraph")
        except PackageNotFoundError:  # running from a checkout without installing
            return "0.0.0"
    raise AttributeError(f"module 'kgraph' has no attribute {name!r}")


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
