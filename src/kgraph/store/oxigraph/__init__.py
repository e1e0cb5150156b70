"""The one Oxigraph adapter: every use of pyoxigraph in kgraph goes through this package.

It holds an rdflib ``Store`` kept in a ``pyoxigraph.Store`` (:mod:`.rdflib_store`), so that a graph
on the Oxigraph engine has the whole rdflib ``Graph`` API; the conversions between the two
libraries' terms (:mod:`.terms`); and the fast paths that skip rdflib (:mod:`.native`, :mod:`.files`):
strict parsing of files, SELECT rows in Oxigraph's own terms, joins on the store's terms, a store
to validate in, and answers serialized for the endpoint. :func:`store_of` is the one place where
kgraph asks which engine a graph is on.

Only pyoxigraph's public API is used, so any 0.5 release will do. Hand-written, because no
library does it: oxrdflib offers a store, but its term conversions are private, and kgraph needs
them in every fast path.
"""

import importlib
from typing import TYPE_CHECKING, Any

from kgraph.store.oxigraph.files import check_syntax, count_file, parse_into
from kgraph.store.oxigraph.native import (
    from_native,
    in_memory,
    oxigraph_store,
    parse_query,
    rows,
    store_from,
    store_of,
    subject_objects,
    substitution,
    to_native,
    write_answer,
)
from kgraph.store.oxigraph.terms import (
    converter,
    from_oxigraph,
    kind_of,
    lexical,
    literal_parts,
    plain_literal,
    to_oxigraph,
)

if TYPE_CHECKING:
    from pyoxigraph import QuerySolutions as QuerySolutions

    from kgraph.store.oxigraph.rdflib_store import OxigraphStore

__all__ = [
    "OxigraphStore",
    "check_syntax",
    "converter",
    "count_file",
    "from_native",
    "from_oxigraph",
    "in_memory",
    "kind_of",
    "lexical",
    "literal_parts",
    "oxigraph_store",
    "parse_into",
    "parse_query",
    "plain_literal",
    "rows",
    "store_from",
    "store_of",
    "subject_objects",
    "substitution",
    "to_native",
    "to_oxigraph",
    "write_answer",
]


def __getattr__(name: str) -> Any:
    """Import the rdflib store only when asked for: commands that answer from Oxigraph skip rdflib."""
    if name == "OxigraphStore":
        return importlib.import_module(f"{__name__}.rdflib_store").OxigraphStore
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
