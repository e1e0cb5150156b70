"""An rdflib ``Store`` kept in a ``pyoxigraph.Store``: the whole rdflib ``Graph`` API on Oxigraph."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.query import Result
from rdflib.store import Store

from kgraph.store.oxigraph.terms import _ox, from_oxigraph, to_oxigraph

__all__ = ["OxigraphStore"]


def _graph_name(context: Any) -> Any:
    """Oxigraph's graph name for an rdflib context (a graph or its identifier); None for any graph."""
    identifier = getattr(context, "identifier", context)
    if identifier is None:
        return None
    if identifier == DATASET_DEFAULT_GRAPH_ID:
        return _ox().DefaultGraph()
    return to_oxigraph(identifier)


def _pattern_term(term: Any) -> Any:
    """A pattern position: None, or an Oxigraph term; raises ValueError where no term can match."""
    if term is None or isinstance(term, URIRef | BNode | Literal):
        return to_oxigraph(term)
    raise ValueError(term)  # a path or a variable: Graph resolves paths before asking the store


class OxigraphStore(Store):
    """An rdflib store whose quads live in a ``pyoxigraph.Store``.

    Graphs on it read, write and answer SPARQL as on rdflib's memory store; SPARQL text runs in
    Oxigraph, and a query rdflib has prepared falls back to rdflib's own evaluation.
    """

    context_aware = True
    graph_aware = True

    def __init__(self, oxigraph: Any = None) -> None:
        """:param oxigraph: the ``pyoxigraph.Store`` to keep the quads in; None for a new, empty one."""
        super().__init__()
        self.oxigraph = _ox().Store() if oxigraph is None else oxigraph
        self._prefixes: dict[str, URIRef] = {}

    # reading
    def triples(self, triple_pattern: Any, context: Any = None) -> Iterator[Any]:
        subject, predicate, _ = triple_pattern
        if isinstance(subject, Literal) or isinstance(predicate, BNode | Literal):
            return  # no triple has a literal subject, or a blank node or literal predicate
        try:
            pattern = [_pattern_term(term) for term in triple_pattern]
        except (TypeError, ValueError):  # a path or a variable: no triple matches
            return
        name = _graph_name(context)
        for quad in self.oxigraph.quads_for_pattern(*pattern, name):
            triple = (from_oxigraph(quad.subject), from_oxigraph(quad.predicate), from_oxigraph(quad.object))
            yield triple, iter(())

    def __len__(self, context: Any = None) -> int:
        name = _graph_name(context)
        if name is None:
            return len(self.oxigraph)
        count = self.oxigraph.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", default_graph=name)
        return int(next(iter(count))[0].value)

    def contexts(self, triple: Any = None) -> Iterator[Any]:  # type: ignore[override]
        if triple is None:
            names: Iterable[Any] = self.oxigraph.named_graphs()
        else:
            names = {q.graph_name for q in self.oxigraph.quads_for_pattern(*map(to_oxigraph, triple), None)}
        for name in names:
            yield Graph(self, identifier=from_oxigraph(name) or DATASET_DEFAULT_GRAPH_ID)

    # writing
    def _quad(self, triple: Any, context: Any) -> Any:
        name = _graph_name(context) or _ox().DefaultGraph()
        return _ox().Quad(*map(to_oxigraph, triple), name)

    def add(self, triple: Any, context: Any, quoted: bool = False) -> None:
        self.oxigraph.add(self._quad(triple, context))

    def addN(self, quads: Iterable[Any]) -> None:  # noqa: N802 - rdflib's name
        self.oxigraph.extend([self._quad((s, p, o), c) for s, p, o, c in quads])

    def remove(self, triple: Any, context: Any = None) -> None:
        try:
            pattern = [_pattern_term(term) for term in triple]
        except (TypeError, ValueError):
            return
        for quad in list(self.oxigraph.quads_for_pattern(*pattern, _graph_name(context))):
            self.oxigraph.remove(quad)

    def add_graph(self, graph: Any) -> None:
        name = _graph_name(graph)
        if not isinstance(name, _ox().DefaultGraph):
            self.oxigraph.add_graph(name)

    def remove_graph(self, graph: Any) -> None:
        name = _graph_name(graph)
        if isinstance(name, _ox().DefaultGraph):
            self.oxigraph.clear_graph(name)
        else:
            self.oxigraph.remove_graph(name)

    # SPARQL
    def query(
        self,
        query: Any,
        initNs: Mapping[str, Any],  # noqa: N803 - rdflib's names
        initBindings: Mapping[str, Any],  # noqa: N803
        queryGraph: Any,  # noqa: N803
        **kwargs: Any,
    ) -> Result:
        if not isinstance(query, str) or kwargs:
            raise NotImplementedError  # rdflib evaluates what it has prepared itself
        ox = _ox()
        try:
            answer = self.oxigraph.query(
                query,
                prefixes=self.prefix_map(initNs),
                use_default_graph_as_union=queryGraph == "__UNION__",
                substitutions={ox.Variable(k): to_oxigraph(v) for k, v in initBindings.items()},
            )
        except RuntimeError:
            if not initBindings:
                raise
            # Oxigraph substitutes only variables the query returns: rdflib binds the others itself
            raise NotImplementedError from None
        if isinstance(answer, ox.QueryBoolean):
            result = Result("ASK")
            result.askAnswer = bool(answer)
        elif isinstance(answer, ox.QueryTriples):
            result = Result("CONSTRUCT")
            result.graph = Graph()
            for triple in answer:
                result.graph.add(tuple(map(from_oxigraph, triple)))
        else:
            result = Result("SELECT")
            result.vars = [Variable(v.value) for v in answer.variables]
            result.bindings = [
                {var: from_oxigraph(value) for var, value in zip(result.vars, solution, strict=True) if value}
                for solution in answer
            ]
        return result

    def update(self, *args: Any, **kwargs: Any) -> None:
        raise NotImplementedError("kgraph never changes a graph with SPARQL Update")

    def prefix_map(self, extra: Mapping[str, Any] | None = None) -> dict[str, str]:
        """Return the bound prefixes, and ``extra`` on top, as Oxigraph takes them."""
        return {prefix: str(iri) for prefix, iri in {**self._prefixes, **(extra or {})}.items()}

    # prefixes
    def bind(self, prefix: str, namespace: Any, override: bool = True) -> None:
        if override or prefix not in self._prefixes:
            for other, iri in list(self._prefixes.items()):
                if iri == namespace and other != prefix:
                    del self._prefixes[other]
            self._prefixes[prefix] = URIRef(namespace)

    def namespace(self, prefix: str) -> URIRef | None:
        return self._prefixes.get(prefix)

    def prefix(self, namespace: Any) -> str | None:
        return next((p for p, iri in self._prefixes.items() if iri == namespace), None)

    def namespaces(self) -> Iterator[tuple[str, URIRef]]:
        yield from self._prefixes.items()
