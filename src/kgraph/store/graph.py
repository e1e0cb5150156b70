"""The graph kgraph loads: an rdflib ``Graph`` that knows its files and engine, and can be made read-only."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, NoReturn

from rdflib import Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

from kgraph.errors import ReadOnlyGraphError
from kgraph.namespaces import bind_prefixes
from kgraph.store import origins
from kgraph.store.oxigraph import OxigraphStore

__all__ = ["KnowledgeGraph"]


class KnowledgeGraph(Graph):
    """An rdflib graph that knows which files it was read from, and can be frozen.

    Use it as any rdflib ``Graph``. The bundled graph that :func:`kgraph.load` returns is frozen:
    every way of changing it (``add``, ``addN``, ``remove``, ``+=``, ``-=``, ``parse``, ``update``,
    ``set``) raises :class:`~kgraph.errors.ReadOnlyGraphError`; call :meth:`copy` first.

    :param engine: ``rdflib`` (its memory store) or ``oxigraph`` (see :mod:`kgraph.store.oxigraph`).
    :param oxigraph: for the ``oxigraph`` engine, a ``pyoxigraph.Store`` to wrap; None for a new one.

    >>> graph = KnowledgeGraph().freeze()
    >>> graph += Graph()
    Traceback (most recent call last):
    ...
    kgraph.errors.ReadOnlyGraphError: the bundled graph is shared and read-only: call .copy() to change it
    """

    def __init__(self, engine: str = "rdflib", *, oxigraph: Any = None) -> None:
        if engine == "oxigraph":
            super().__init__(store=OxigraphStore(oxigraph), identifier=DATASET_DEFAULT_GRAPH_ID)
        else:
            super().__init__()
        self.engine = engine
        bind_prefixes(self)
        self.files: tuple[Path, ...] = ()
        self._frozen = False
        self._changed = False

    def freeze(self) -> KnowledgeGraph:
        """Forbid further changes and return the graph."""
        self._frozen = True
        return self

    @property
    def frozen(self) -> bool:
        """True when the graph is read-only."""
        return self._frozen

    def loaded_from(self, files: Iterable[Path]) -> KnowledgeGraph:
        """Record that the graph holds just what ``files`` say; return the graph."""
        self.files = tuple(files)
        self._changed = False
        return self

    @property
    def as_read(self) -> bool:
        """True when the graph holds just what its files say: it was loaded and never changed since."""
        return bool(self.files) and not self._changed

    def _refuse(self) -> NoReturn:
        raise ReadOnlyGraphError("the bundled graph is shared and read-only: call .copy() to change it")

    def _change(self) -> None:
        if self._frozen:
            self._refuse()
        self._changed = True

    def add(self, triple: Any) -> KnowledgeGraph:
        self._change()
        super().add(triple)
        return self

    def addN(self, quads: Iterable[Any]) -> KnowledgeGraph:  # noqa: N802
        self._change()
        super().addN(quads)
        return self

    def remove(self, triple: Any) -> KnowledgeGraph:
        self._change()
        super().remove(triple)
        return self

    def __iadd__(self, other: Iterable[tuple[Node, Node, Node]]) -> KnowledgeGraph:
        self._change()
        super().__iadd__(other)
        return self

    def __isub__(self, other: Iterable[tuple[Node, Node, Node]]) -> KnowledgeGraph:
        self._change()
        super().__isub__(other)
        return self

    def parse(self, *args: Any, **kwargs: Any) -> KnowledgeGraph:
        self._change()
        super().parse(*args, **kwargs)
        return self

    def update(self, *args: Any, **kwargs: Any) -> None:
        self._change()
        super().update(*args, **kwargs)

    def copy(self) -> KnowledgeGraph:
        """Return a changeable copy that remembers the same files."""
        other = KnowledgeGraph(self.engine)
        other += self
        other.files, other._changed = self.files, self._changed
        return other

    def origin(self, node: Any) -> tuple[Path, int] | None:
        """Return the first file that states something about ``node``, and the line where it does.

        Found when asked (for error messages), so loading pays nothing for it. The line is 0 when
        the file's syntax does not put subjects at the start of a line (JSON-LD, RDF/XML).

        :param node: an IRI of the graph.
        :returns: ``(path, line)``, or None when no loaded file states anything about ``node``.
        """
        return origins.origin(self.files, node)

    def find_origins(self, nodes: Iterable[Any]) -> None:
        """Find where many nodes are stated in one pass over each file; :meth:`origin` then knows."""
        origins.find_origins(self.files, nodes)
