"""Loading the bundled graph (cached, read-only) and users' own RDF files, remembering where each
resource was defined so that errors and validation results can point at a file and line."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph

from kgraph import formats, resources
from kgraph.errors import DataError, ShapesError, located
from kgraph.store.graph import KnowledgeGraph
from kgraph.store.oxigraph import check_syntax, parse_into, store_of
from kgraph.store.oxigraph.files import read_into

__all__ = ["KnowledgeGraph", "load", "load_shapes", "parse_file", "resolve_paths", "source_files"]


def resolve_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Expand files and folders into the sorted list of RDF files to read.

    :param paths: files, or folders searched recursively for RDF files.
    :raises DataError: if a path does not exist or a folder holds no RDF file.
    """
    files: list[Path] = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            suffixes = formats.rdf_suffixes()
            found = sorted(p for p in path.rglob("*") if p.suffix in suffixes and p.is_file())
            if not found:
                raise DataError(f"{path}: the folder holds no RDF file ({', '.join(suffixes)})")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise DataError(f"{path}: no such file or folder")
    return files


def source_files(
    paths: Iterable[str | Path], *, include_ontology: bool = True, include_bundled: bool = False
) -> list[Path]:
    """Return the files :func:`load` reads for ``paths``, in its order: ontology, bundled data, yours.

    :raises DataError: if a path does not exist or a folder holds no RDF file.
    """
    files = resolve_paths(paths)
    if include_bundled:
        files = [*resources.data_files(), *files]
    if include_ontology:
        files = [resources.ontology_path(), resources.alignments_path(), *files]
    return files


def parse_file(path: Path, into: Graph | None = None, *, strict: bool = False) -> Graph:
    """Parse an RDF file into ``into`` (a new graph by default), in the format its suffix says.

    :param strict: check the file against its format's grammar with Oxigraph's strict parser first.
    :raises DataError: if the file is not valid RDF; the message gives file, line and why.
    """
    fmt = formats.rdflib_parser(formats.rdf_format_of(path) or "turtle")
    graph = Graph() if into is None else into
    store = store_of(graph)
    if store is not None and parse_into(store, path):
        return graph  # Oxigraph's parsers are strict already
    if store is None and read_into(graph, path):
        return graph  # read by Oxigraph's parser too: strict, and every literal as written
    if strict:
        check_syntax(path)
    try:
        graph.parse(path, format=fmt)
    except SyntaxError as error:  # rdflib's BadSyntax, and SyntaxError from other parsers
        raise DataError(_syntax_message(path, error)) from None
    except UnicodeDecodeError as error:
        raise DataError(f"{path}: not UTF-8 text ({error.reason} at byte {error.start})") from None
    except Exception as error:  # parsers raise many kinds of error; all mean the file is bad
        detail = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise DataError(f"{path}: cannot be read as {fmt}: {detail}") from None
    return graph


def _syntax_message(path: Path, error: SyntaxError) -> str:
    text = str(error)
    match = re.search(r"at line (\d+)", text)
    line = int(match.group(1)) if match else getattr(error, "lineno", None)
    why = getattr(error, "_why", None) or getattr(error, "msg", None) or text.splitlines()[0]
    return located(path, f"not valid RDF: {why}", line)


def _load(files: list[Path], include_ontology: bool, engine: str, strict: bool = False) -> KnowledgeGraph:
    graph = KnowledgeGraph(engine)
    if include_ontology:
        files = [resources.ontology_path(), resources.alignments_path(), *files]
    from kgraph.progress import track

    for path in track(files, "parsing"):
        parse_file(path, into=graph, strict=strict)
    return graph.loaded_from(files)


@functools.cache
def _bundled(include_ontology: bool, engine: str = "rdflib") -> KnowledgeGraph:
    if engine != "oxigraph":
        return _load(resources.data_files(), include_ontology, engine).freeze()
    from kgraph.store.oxigraph.bundle import bundled_files, bundled_store

    graph = KnowledgeGraph(engine, oxigraph=bundled_store(include_ontology))  # shared, never changed
    return graph.loaded_from(bundled_files(include_ontology)).freeze()


@functools.cache
def _check_bundled_syntax() -> None:
    for path in [resources.ontology_path(), resources.alignments_path(), *resources.data_files()]:
        check_syntax(path)


def load(
    paths: Iterable[str | Path] | None = None,
    *,
    include_ontology: bool = True,
    include_bundled: bool = False,
    engine: str | None = None,
    strict: bool = False,
) -> KnowledgeGraph:
    """Load the bundled graph, or the user's own RDF files instead of (or beside) the bundled data.

    The bundled graph is parsed once and shared: it is read-only, so call ``.copy()`` before
    changing it. The ontology (``kdrama.ttl`` and its alignments) is added unless
    ``include_ontology`` is false.

    :param paths: files or folders to read instead of the bundled ``data/``; None for the bundle.
    :param include_ontology: also load the ontology and alignments.
    :param include_bundled: read ``paths`` in addition to the bundled data, not instead of it
        (to check a new file against the dramas, people and sources already there).
    :param engine: ``rdflib`` or ``oxigraph``; None chooses: oxigraph for the bundled graph, and
        for ``paths`` oxigraph when they add up to ``kgraph.store.engines.AUTO_BYTES`` or more.
    :param strict: check every file against its format's grammar with Oxigraph's strict parser,
        refusing what rdflib's forgiving parser would read (files loaded into Oxigraph always are).
    :returns: the merged graph, which knows where each resource was defined.
    :raises DataError: if a file is missing or is not valid RDF (the message gives file and line).
    :raises KgraphError: if the engine is unknown or not installed.

    >>> from rdflib.namespace import RDF
    >>> from kgraph.namespaces import KD, KDR
    >>> graph = load()
    >>> (KDR["twenty-five-twenty-one"], RDF.type, KD.Drama) in graph
    True
    >>> graph.origin(KDR["run-on"])[0].name
    'run-on.ttl'
    """
    from kgraph.store.engines import choose_engine

    if paths is None:
        engine = choose_engine(engine, bundled=True)
        if strict and engine != "oxigraph":  # Oxigraph's parsers are strict already
            _check_bundled_syntax()
        return _bundled(include_ontology, engine)
    files = resolve_paths(paths)
    engine = choose_engine(engine, files, bundled=include_bundled)
    if include_bundled:
        files = [*resources.data_files(), *files]
    return _load(files, include_ontology, engine, strict)


@functools.cache
def load_shapes() -> Graph:
    """Return the SHACL shapes graph (parsed once, by Oxigraph's parser, many times faster than rdflib's).

    :raises ShapesError: if ``ontology/shapes.ttl`` cannot be read.
    """
    from kgraph.namespaces import bind_prefixes
    from kgraph.store.oxigraph.files import read_file
    from kgraph.store.oxigraph.terms import converter

    try:
        triples = read_file(resources.shapes_path())
    except DataError as error:
        raise ShapesError(f"the shapes cannot be read: {error}") from None
    convert, graph = converter(), bind_prefixes(Graph())
    for triple in triples:
        graph.add((convert(triple.subject), convert(triple.predicate), convert(triple.object)))
    return graph
