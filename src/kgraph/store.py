"""Loading the bundled graph (cached, read-only) and users' own RDF files, remembering where each
resource was defined so that errors and validation results can point at a file and line."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.util import guess_format

from . import resources
from .errors import DataError, KgraphError
from .namespaces import bind_prefixes, curie

__all__ = ["RDF_SUFFIXES", "KnowledgeGraph", "load", "load_shapes", "resolve_paths"]

RDF_SUFFIXES = (".ttl", ".nt", ".n3", ".jsonld", ".json", ".rdf", ".xml", ".owl", ".trig", ".nq")


class KnowledgeGraph(Graph):
    """An rdflib graph that knows which files it was read from, and can be frozen.

    Use it as any rdflib ``Graph``. The bundled graph that :func:`load` returns is frozen: adding
    or removing a triple raises :class:`~kgraph.errors.KgraphError`; call :meth:`copy` first.

    :param engine: ``rdflib`` (its memory store) or ``oxigraph`` (see :mod:`kgraph.engines`).
    """

    def __init__(self, engine: str = "rdflib") -> None:
        from .engines import new_store

        if engine == "oxigraph":
            from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

            super().__init__(store=new_store(engine), identifier=DATASET_DEFAULT_GRAPH_ID)
        else:
            super().__init__()
        self.engine = engine
        bind_prefixes(self)
        self.files: tuple[Path, ...] = ()
        self._frozen = False

    def freeze(self) -> KnowledgeGraph:
        """Forbid further changes and return the graph."""
        self._frozen = True
        return self

    def add(self, triple):
        if getattr(self, "_frozen", False):
            raise KgraphError("the bundled graph is shared and read-only: call .copy() to change it")
        return super().add(triple)

    def remove(self, triple):
        if getattr(self, "_frozen", False):
            raise KgraphError("the bundled graph is shared and read-only: call .copy() to change it")
        return super().remove(triple)

    def copy(self) -> KnowledgeGraph:
        """Return a changeable copy that remembers the same files."""
        other = KnowledgeGraph(self.engine)
        other += self
        other.files = self.files
        return other

    def origin(self, node) -> tuple[Path, int] | None:
        """Return the first file that states something about ``node``, and the line where it does.

        Found when asked (for error messages), so loading pays nothing for it. The line is 0 when
        the file's syntax does not put subjects at the start of a line (JSON-LD, RDF/XML).

        :param node: an IRI of the graph.
        :returns: ``(path, line)``, or None when no loaded file states anything about ``node``.
        """
        return _origin(self.files, node)

    def find_origins(self, nodes: Iterable) -> None:
        """Find where many nodes are stated in one pass over each file; :meth:`origin` then knows.

        Looking nodes up one by one scans a file once per node: fine for a few, but a report of
        hundreds of results on a file of millions of triples would read it hundreds of times.
        """
        wanted = {node for node in nodes if isinstance(node, URIRef)}
        if len(wanted) < _ONE_PASS_ORIGINS:
            return
        lines: dict = {}
        for path in self.files:
            forms = {}
            for node in wanted - lines.keys():
                forms[f"<{node}>"] = node
                short = curie(node)
                if not short.startswith("<") and _mentions(path, short.split(":", 1)[0] + ":"):
                    forms[short] = node
            for node, line in _first_subject_lines(path, forms).items():
                lines[node] = (path, line)
        for node in wanted:
            if node in lines:
                _ORIGINS[self.files, node] = lines[node]


# From this many nodes on, find_origins reads each file once for all of them.
_ONE_PASS_ORIGINS = 16
_ORIGINS: dict = {}


def _first_subject_lines(path: Path, forms: dict) -> dict:
    """Return, for each node of ``forms`` (by its written form), the first line it starts.

    A line starts with a form when, after blanks, the form is followed by a blank, ``;``, ``,``,
    ``.`` or the end of the file: as :func:`_subject_line` decides it for one node. One regular
    expression of all the forms finds their places in a single pass, in C.
    """
    text, found = _text(path), {}
    ends, wanted = _line_ends(path), len(set(forms.values()))
    pattern = re.compile("|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True)))
    for match in pattern.finditer(text):
        at, written = match.start(), match.group()
        line = text.rfind("\n", 0, at) + 1
        if text[line:at].strip(" \t"):
            continue
        # the form found, and any shorter form it starts with that ends where a "." follows
        for form in [written] + [written[:i] for i, char in enumerate(written) if char == "."]:
            node, after = forms.get(form), text[at + len(form) : at + len(form) + 1]
            if node is not None and node not in found and (not after or after.isspace() or after in ";,."):
                found[node] = bisect.bisect_right(ends, line) + 1
        if len(found) == wanted:
            break
    return found


def _origin(files: tuple[Path, ...], node) -> tuple[Path, int] | None:
    key = (files, node)
    if key not in _ORIGINS:
        _ORIGINS[key] = _find_origin(files, node)
    return _ORIGINS[key]


def _find_origin(files: tuple[Path, ...], node) -> tuple[Path, int] | None:
    if not isinstance(node, URIRef):
        return None
    for path in files:
        line = _subject_line(path, node)
        if line:
            return path, line
    for path in files:  # formats without one subject a line: parse to find the owner
        if (node, None, None) in _parse_file(path):
            return path, 0
    return None


def _subject_line(path: Path, node) -> int:
    """Return the first line that starts (after blanks) with ``node`` as a whole term, or 0.

    Searched with ``str.find`` rather than a regular expression anchored at each line: on a file
    of a million triples that is milliseconds instead of more than a second per node.
    """
    text = _text(path)
    first = -1
    for form in sorted({f"<{node}>", curie(node)}):  # "<" sorts first: the form of every syntax
        if not form.startswith("<") and not _mentions(path, form.split(":", 1)[0] + ":"):
            continue  # a file without the prefix (N-Triples) has no CURIE to find
        start = 0
        while (at := text.find(form, start, len(text) if first < 0 else first)) >= 0:
            line = text.rfind("\n", 0, at) + 1
            end = at + len(form)
            after = text[end : end + 1]
            if not text[line:at].strip(" \t") and (not after or after.isspace() or after in ";,."):
                first = line if first < 0 else min(first, line)
                break
            start = at + 1
    return bisect.bisect_right(_line_ends(path), first) + 1 if first >= 0 else 0


@functools.cache
def _mentions(path: Path, text: str) -> bool:
    return text in _text(path)


@functools.cache
def _line_ends(path: Path) -> list[int]:
    return [match.start() for match in re.finditer("\n", _text(path))]


@functools.cache
def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def resolve_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Expand files and folders into the sorted list of RDF files to read.

    :param paths: files, or folders searched recursively for RDF files.
    :raises DataError: if a path does not exist or a folder holds no RDF file.
    """
    files: list[Path] = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix in RDF_SUFFIXES and p.is_file())
            if not found:
                raise DataError(f"{path}: the folder holds no RDF file ({', '.join(RDF_SUFFIXES)})")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise DataError(f"{path}: no such file or folder")
    return files


def _parse_file(path: Path, into: Graph | None = None, *, strict: bool = False) -> Graph:
    from .engines import check_syntax, is_oxigraph, parse_with_oxigraph

    fmt = guess_format(str(path)) or ("json-ld" if path.suffix == ".json" else "turtle")
    graph = Graph() if into is None else into
    if is_oxigraph(graph) and parse_with_oxigraph(graph, path):
        return graph  # Oxigraph's parsers are strict already
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
    where = f"{path}:{line}" if line else str(path)
    return f"{where}: not valid RDF: {why}"


def _load(files: list[Path], include_ontology: bool, engine: str, strict: bool = False) -> KnowledgeGraph:
    graph = KnowledgeGraph(engine)
    if include_ontology:
        files = [resources.ontology_path(), resources.alignments_path(), *files]
    from .progress import track

    for path in track(files, "parsing"):
        _parse_file(path, into=graph, strict=strict)
    graph.files = tuple(files)
    return graph


@functools.cache
def _bundled(include_ontology: bool, engine: str = "rdflib") -> KnowledgeGraph:
    return _load(resources.data_files(), include_ontology, engine).freeze()


@functools.cache
def _check_bundled_syntax() -> None:
    from .engines import check_syntax

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
    :param engine: ``rdflib`` or ``oxigraph``; None chooses: rdflib for the bundled graph, and for
        ``paths`` oxigraph when they add up to ``kgraph.engines.AUTO_BYTES`` or more.
    :param strict: check every file against its format's grammar with Oxigraph's strict parser
        (when installed), refusing what rdflib's forgiving parser would read.
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
    from .engines import choose_engine

    if paths is None:
        if strict:
            _check_bundled_syntax()
        return _bundled(include_ontology, choose_engine(engine, bundled=True))
    files = resolve_paths(paths)
    engine = choose_engine(engine, files, bundled=include_bundled)
    if include_bundled:
        files = [*resources.data_files(), *files]
    return _load(files, include_ontology, engine, strict)


@functools.cache
def load_shapes() -> Graph:
    """Return the SHACL shapes graph (parsed once).

    :raises KgraphError: if ``ontology/shapes.ttl`` cannot be read.
    """
    graph = Graph()
    try:
        graph.parse(resources.shapes_path(), format="turtle")
    except (OSError, SyntaxError) as error:
        raise KgraphError(f"{resources.shapes_path()}: the shapes cannot be read: {error}") from None
    return graph
