"""The engines a graph can live in: rdflib's own memory store, or Oxigraph's (through oxrdflib).

Both give the same rdflib ``Graph`` API, so every command and function works on either. Oxigraph
parses and answers SPARQL many times faster on large graphs, and its parsers follow the Turtle 1.1
grammar strictly, so it also checks syntax for ``kgraph validate``. It comes with the ``oxigraph``
extra (``pip install 'kdrama-kgraph[oxigraph]'``).

By default the bundled graph uses rdflib, and files given with ``--data`` use Oxigraph when they
add up to :data:`AUTO_BYTES` (1 MiB) or more and Oxigraph is installed.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import DataError, KgraphError

__all__ = [
    "AUTO_BYTES",
    "ENGINES",
    "check_syntax",
    "choose_engine",
    "is_oxigraph",
    "native_plain",
    "native_select",
    "oxigraph_available",
    "oxigraph_format",
    "parse_with_oxigraph",
    "subject_objects",
    "to_native",
]

ENGINES = ("rdflib", "oxigraph")
# About 8,000 triples of N-Triples: from there on rdflib takes seconds where Oxigraph takes a
# fraction of one (13 s against under 1 s at 100,000 triples for the costar-pairs query).
AUTO_BYTES = 1024 * 1024


@functools.cache
def oxigraph_available() -> bool:
    """Return True when pyoxigraph and oxrdflib can be imported.

    >>> isinstance(oxigraph_available(), bool)
    True
    """
    try:
        import oxrdflib  # noqa: F401
        import pyoxigraph  # noqa: F401
    except ImportError:
        return False
    return True


def _require_oxigraph() -> None:
    if not oxigraph_available():
        raise KgraphError(
            "the oxigraph engine needs pyoxigraph and oxrdflib: pip install 'kdrama-kgraph[oxigraph]'"
        )


def choose_engine(engine: str | None, files: Iterable[Path] = (), *, bundled: bool = False) -> str:
    """Return the engine to load ``files`` into: the one asked for, else by the files' total size.

    :param engine: ``rdflib``, ``oxigraph``, or None to choose.
    :param files: the user's files (their sizes decide when no engine is asked for).
    :param bundled: the bundled graph is loaded: rdflib unless asked otherwise.
    :returns: ``rdflib`` or ``oxigraph``.
    :raises KgraphError: if the engine is unknown, or oxigraph is asked for but not installed.

    >>> choose_engine(None, bundled=True)
    'rdflib'
    >>> choose_engine("rdflib")
    'rdflib'
    """
    if engine is not None:
        if engine not in ENGINES:
            raise KgraphError(f"no engine '{engine}': use {' or '.join(ENGINES)}")
        if engine == "oxigraph":
            _require_oxigraph()
        return engine
    if bundled or not oxigraph_available():
        return "rdflib"
    size = sum(path.stat().st_size for path in files)
    return "oxigraph" if size >= AUTO_BYTES else "rdflib"


def new_store(engine: str):
    """Return the rdflib store for ``engine``: ``"default"`` (memory) or an Oxigraph store."""
    if engine == "oxigraph":
        _require_oxigraph()
        return _store_class()()
    return "default"


@functools.cache
def _store_class():
    from oxrdflib import OxigraphStore
    from oxrdflib._converter import from_ox_graph_name, to_ox_quad_pattern

    def contexts(name, store):  # made only if asked for: rdflib's Graph.triples never asks
        yield from_ox_graph_name(name, store)

    class Store(OxigraphStore):
        """Oxigraph's store, giving back simple literals as rdflib writes them (without xsd:string)."""

        def triples(self, triple_pattern, context=None):
            try:
                quads = self._inner.quads_for_pattern(*to_ox_quad_pattern(triple_pattern, context))
            except (TypeError, ValueError):  # a pattern no triple can match, such as a literal subject
                return iter(())
            term = native_term
            return (
                ((term(q.subject), term(q.predicate), term(q.object)), contexts(q.graph_name, self))
                for q in quads
            )

    return Store


def simple_literal(term):
    """Return an ``xsd:string`` literal as the simple literal it equals in RDF 1.1, else ``term``.

    Oxigraph writes every simple literal's datatype out; rdflib leaves it unsaid. Both mean the
    same, but rdflib compares them as different terms.

    >>> from rdflib import Literal, XSD
    >>> simple_literal(Literal("Run On", datatype=XSD.string)) == Literal("Run On")
    True
    """
    from rdflib import Literal
    from rdflib.namespace import XSD

    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term


def native_select(graph, text: str, prefixes: dict[str, str], *, stream: bool = False):
    """Run a query on the Oxigraph store of ``graph`` directly, without rdflib in between.

    :param stream: give SELECT rows as a :class:`~kgraph.results.RowStream`, read from Oxigraph
        one at a time as they are used, instead of holding them all.
    :returns: a :class:`~kgraph.results.QueryResult` whose rows become rdflib terms only when
        asked for (its plain values come straight from Oxigraph's terms), a bool for ASK, or an
        rdflib graph for CONSTRUCT and DESCRIBE.
    :raises SyntaxError: if Oxigraph refuses the query.
    """
    import pyoxigraph

    from .results import QueryResult, RowStream

    store = graph.store
    result = store._inner.query(text, prefixes=dict(store._namespace_for_prefix, **prefixes))
    if isinstance(result, pyoxigraph.QueryBoolean):
        return bool(result)
    if isinstance(result, pyoxigraph.QueryTriples):
        from rdflib import Graph

        triples = Graph()
        for triple in result:
            triples.add(tuple(native_term(term) for term in triple))
        return triples
    columns = tuple(v.value for v in result.variables)
    if stream:
        return RowStream(columns, (dict(zip(columns, map(native_plain, row), strict=True)) for row in result))
    rows = [tuple(solution) for solution in result]
    return QueryResult.lazy(columns, rows, native_term, native_plain)


def native_term(term):
    """Turn one of Oxigraph's terms into the rdflib term kgraph gives (simple literals plain)."""
    kind = type(term)
    if kind is _NATIVE["NamedNode"]:
        return _NATIVE["URIRef"](term.value)
    if kind is _NATIVE["Literal"]:
        literal = _NATIVE["RdfLiteral"]
        if term.language:
            return literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return literal(term.value)
        return literal(term.value, datatype=_NATIVE["URIRef"](datatype))
    if term is None:
        return None
    from oxrdflib._converter import from_ox

    return from_ox(term)


class _Classes(dict):
    """The classes :func:`native_term` tells apart and makes, imported the first time it runs."""

    def __missing__(self, name):
        import pyoxigraph
        from rdflib import Literal, URIRef

        self.update(
            NamedNode=pyoxigraph.NamedNode, Literal=pyoxigraph.Literal, URIRef=URIRef, RdfLiteral=Literal
        )
        return self[name]


_NATIVE = _Classes()


@functools.cache
def _ox():
    import pyoxigraph

    return pyoxigraph


def native_plain(term):
    """Turn one of Oxigraph's terms into the plain value :func:`kgraph.results.plain` gives it.

    IRIs, blank nodes, simple and language-tagged literals are read directly; every other
    literal goes through rdflib once per distinct value, so numbers and dates come out exactly
    as they do from rdflib.
    """
    import pyoxigraph

    if term is None:
        return None
    if isinstance(term, pyoxigraph.Literal):
        if term.language or term.datatype.value == _XSD_STRING:
            return term.value
        return _plain_typed(term.value, term.datatype.value)
    if isinstance(term, pyoxigraph.NamedNode):
        return _plain_iri(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return term.value
    from .results import plain

    return plain(native_term(term))


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@functools.lru_cache(maxsize=1 << 16)
def _plain_iri(iri: str):
    from rdflib import URIRef

    from .results import plain

    return plain(URIRef(iri))


@functools.lru_cache(maxsize=1 << 16)
def _plain_typed(lexical: str, datatype: str):
    from rdflib import Literal, URIRef

    from .results import plain

    return plain(Literal(lexical, datatype=URIRef(datatype)))


def subject_objects(graph, predicate, *, native: bool = False) -> Iterator[tuple]:
    """Yield the (subject, object) pairs of ``predicate`` in ``graph``, as its ``subject_objects`` does.

    On Oxigraph the pairs are read from the store directly. With ``native``, they stay Oxigraph's
    own terms (hashable, compared by value; ``.value`` is the text ``str`` gives of an rdflib term):
    a builder that joins a million triples by node converts only the nodes it keeps, with
    :func:`native_term`. On rdflib's store, ``native`` changes nothing.
    """
    if not is_oxigraph(graph):
        yield from graph.subject_objects(predicate)
        return
    ox = _ox()
    quads = graph.store._inner.quads_for_pattern(None, ox.NamedNode(str(predicate)), None, ox.DefaultGraph())
    if native:
        for quad in quads:
            yield quad.subject, quad.object
        return
    for quad in quads:
        yield native_term(quad.subject), native_term(quad.object)


def to_native(graph, node):
    """Return ``node`` as the term :func:`subject_objects` gives with ``native`` on ``graph``."""
    if not is_oxigraph(graph):
        return node
    from oxrdflib._converter import to_ox

    return to_ox(simple_literal(node)) if node is not None else None


def is_oxigraph(graph) -> bool:
    """Return True when ``graph`` keeps its triples in Oxigraph.

    >>> from rdflib import Graph
    >>> is_oxigraph(Graph())
    False
    """
    return any(c.__name__ == "OxigraphStore" for c in type(getattr(graph, "store", None)).__mro__)


def oxigraph_format(path: Path):
    """Return pyoxigraph's format for a file from its suffix, or None when Oxigraph cannot read it."""
    import pyoxigraph

    suffix = {".json": "jsonld", ".owl": "rdf", ".xml": "rdf"}.get(path.suffix, path.suffix[1:])
    return pyoxigraph.RdfFormat.from_extension(suffix) if suffix else None


def _syntax_error(path: Path, error: SyntaxError) -> DataError:
    message = str(error)
    message = re.sub(r"\s*\([^()]*line \d+\)\s*$", "", message)  # the position is said once, first
    message = re.sub(r"^Parser error at line \d+ ", "", message)
    message = re.sub(r"^between columns (\d+) and (\d+)", r"columns \1-\2", message)
    line = getattr(error, "lineno", None)
    where = f"{path}:{line}" if line else str(path)
    return DataError(f"{where}: not valid RDF: {message}")


def check_syntax(path: Path) -> None:
    """Parse ``path`` with Oxigraph's strict parser and drop the triples: only the syntax counts.

    Turtle that the Turtle 1.1 grammar rejects (bad escapes, keywords or N3 paths where a term
    belongs, broken statements) is refused, even where rdflib's more forgiving parser reads it.
    Files Oxigraph cannot read, or all files when it is not installed, pass unchecked.

    :param path: an RDF file.
    :raises DataError: if the file is not valid; the message gives file, line and why.
    """
    if not oxigraph_available():
        return
    import pyoxigraph

    fmt = oxigraph_format(path)
    if fmt is None:
        return
    try:
        for _ in pyoxigraph.parse(path=str(path), format=fmt, base_iri=path.resolve().as_uri()):
            pass
    except SyntaxError as error:
        raise _syntax_error(path, error) from None
    except (OSError, ValueError) as error:
        raise DataError(f"{path}: cannot be read: {error}") from None


def parse_with_oxigraph(graph, path: Path) -> bool:
    """Load ``path`` into the Oxigraph store of ``graph``; return False if Oxigraph cannot read it.

    :raises DataError: if the file is not valid RDF (file and line given).
    """
    fmt = oxigraph_format(path)
    if fmt is None:
        return False
    try:
        graph.store._inner.load(path=str(path), format=fmt, base_iri=path.resolve().as_uri())
    except SyntaxError as error:
        raise _syntax_error(path, error) from None
    except (OSError, ValueError) as error:
        raise DataError(f"{path}: cannot be read: {error}") from None
    return True


_SKIP = re.compile(
    r'#[^\n]*|"""(?:[^"\\]|\\.|"(?!""))*"""|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>'
)


def bind_values(text: str, bindings: dict) -> str:
    """Return the query with a ``VALUES`` block that binds ``bindings``, first in its WHERE group.

    Oxigraph substitutes only variables that the query returns, so a parameter that is not
    returned is bound this way. Each value is written by Oxigraph's own term serializer, so
    whatever it holds stays one RDF term: the query's text is never mixed with the user's.

    :param text: a SPARQL query.
    :param bindings: rdflib terms by variable name.
    :returns: the query, bound.

    >>> from rdflib import Literal
    >>> bind_values('SELECT ?s WHERE { ?s ?p ?name }', {"name": Literal('a "b"')})
    'SELECT ?s WHERE { VALUES (?name) { ("a \\\\"b\\\\"") } ?s ?p ?name }'
    """
    if not bindings:
        return text
    from oxrdflib._converter import to_ox

    position = 0
    while True:
        brace = text.find("{", position)
        skip = _SKIP.search(text, position)
        if brace < 0:
            raise KgraphError("the query has no WHERE group to bind parameters in")
        if skip is None or brace < skip.start():
            break
        position = skip.end()
    names = " ".join(f"?{name}" for name in bindings)
    values = " ".join(str(to_ox(value)) for value in bindings.values())
    return f"{text[: brace + 1]} VALUES ({names}) {{ ({values}) }}{text[brace + 1 :]}"
