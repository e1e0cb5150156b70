"""kdrama-kgraph: a sourced knowledge graph of K-drama love-confession scenes.

>>> import kgraph
>>> graph = kgraph.load()
>>> kgraph.validate(graph).conforms
True
"""

from importlib.metadata import PackageNotFoundError, version

from .entities import card, find
from .errors import KgraphError
from .export import export
from .networks import confession_graph, costar_graph, drama_actor_bipartite, trope_graph
from .queries import QueryResult, list_queries, query
from .stats import stats
from .store import load
from .validation import ValidationReport, ValidationResult, validate

try:
    __version__ = version("kdrama-kgraph")
except PackageNotFoundError:  # running from a checkout without installing
    __version__ = "0.0.0"

__all__ = [
    "KgraphError",
    "QueryResult",
    "ValidationReport",
    "ValidationResult",
    "__version__",
    "card",
    "confession_graph",
    "costar_graph",
    "drama_actor_bipartite",
    "export",
    "find",
    "list_queries",
    "load",
    "query",
    "stats",
    "trope_graph",
    "validate",
]
