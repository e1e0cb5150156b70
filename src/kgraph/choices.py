"""The names users pick from on the command line that are not formats: graph kinds, analyses, billings.

They are plain strings here, free of rdflib and networkx, so ``kgraph --help`` can offer them
without importing either; format names are in :mod:`kgraph.formats`. The modules that act on
them are tested to agree with this list.
"""

from __future__ import annotations

__all__ = ["ANALYSES", "BILLINGS", "CHARTS", "GRAPH_KINDS"]

#: ``kgraph graph KIND``: the builders of :data:`kgraph.networks.BUILDERS`.
GRAPH_KINDS = ("costar", "drama-actor", "trope", "trope-bipartite", "confession", "rdf")
#: ``kgraph analyze KIND``: the networks :func:`kgraph.networks.analyze` answers questions about.
ANALYSES = ("costar", "trope")
#: ``--billing``: the billings of :data:`kgraph.networks.BILLINGS`.
BILLINGS = ("lead", "supporting", "cameo")
#: ``kgraph plot CHART``: the charts of :data:`kgraph.networks.charts.CHARTS`.
CHARTS = ("scenes-per-year", "outcomes", "settings", "tropes")
