"""A release folder people can cite: every format, the ontology, shapes and context, per-drama
documents, views for schema.org and Wikidata, ontology pages, VoID/DCAT metadata, checksums and
a summary of changes.

``release("dist")`` writes ``dist/<version>/``. Nothing in it depends on the clock or on the order
Python happens to hash things in, so releasing the same data twice gives byte-identical files.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any, cast

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from kgraph import formats, resources
from kgraph.errors import KgraphError, OutputError
from kgraph.namespaces import KD, SCHEMA, curie
from kgraph.store.oxigraph import count_file

__all__ = ["RDF_FILES", "changes", "default_issued", "default_version", "parse_counts", "release"]

#: the whole graph's files and the format of each (see :mod:`kgraph.formats`)
RDF_FILES = {
    "kdrama.ttl": "turtle",
    "kdrama.nt": "nt",
    "kdrama.jsonld": "json-ld",
    "kdrama.rdf": "xml",
    "kdrama.trig": "trig",
}
_EXPORT_FORMATS = {"kdrama.ttl": "turtle", "kdrama.nt": "nt", "kdrama.rdf": "xml"}
_ONTOLOGY_FILES = ("kdrama.ttl", "alignments.ttl", "shapes.ttl", "context.jsonld")


def default_version() -> str:
    """Return the version of the installed package (the ontology's ``owl:versionInfo`` in a bare checkout)."""
    import kgraph

    version: str = kgraph.__version__
    if version != "0.0.0":
        return version
    from rdflib.namespace import OWL

    ontology = Graph().parse(resources.ontology_path())
    return str(next(ontology.objects(None, OWL.versionInfo)))


def default_issued(graph: Graph) -> str:
    """Return the release date: ``SOURCE_DATE_EPOCH`` if set, else the day the newest source was read.

    Taking the date from the data, never from the clock, keeps two releases of the same data identical.

    :raises KgraphError: if neither gives a date.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.UTC).date().isoformat()
    days = sorted(str(d) for d in graph.objects(None, KD.dateRead))
    if not days:
        raise KgraphError("no source has a kd:dateRead: give the release date with --issued YYYY-MM-DD")
    return days[-1]


def _version_key(name: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", name))


def _previous(output: Path, version: str) -> Path | None:
    """The newest earlier release in ``output``: a folder named like a version, holding kdrama.nt."""
    earlier = (
        [
            p
            for p in output.iterdir()
            if p.is_dir()
            and re.fullmatch(r"v?\d+(\.\d+)*", p.name)
            and (p / "kdrama.nt").is_file()
            and _version_key(p.name) < _version_key(version)
        ]
        if output.is_dir()
        else []
    )
    return max(earlier, key=lambda p: _version_key(p.name), default=None)


def changes(graph: Graph, previous: Graph | None, *, version: str, issued: str, since: str = "") -> str:
    """Summarise what changed since the previous release: triples added and removed, dramas and scenes.

    >>> changes(Graph(), None, version="0.1.0", issued="2026-11-26").splitlines()[0]
    'kdrama-kgraph 0.1.0 (2026-11-26): first release'
    """

    def things(g: Graph, kind: URIRef) -> set[Node]:
        return set(g.subjects(RDF.type, kind))

    lines = [
        f"kdrama-kgraph {version} ({issued}): " + (f"changes since {since}" if previous else "first release")
    ]
    if previous is None:
        lines.append(f"triples: {len(graph)}")
        lines.append(f"dramas: {len(things(graph, KD.Drama))}")
        lines.append(f"scenes: {len(things(graph, KD.ConfessionScene))}")
        return "\n".join(lines) + "\n"
    now, before = set(graph), set(previous)
    lines.append(
        f"triples: {len(previous)} -> {len(graph)} (added {len(now - before)}, removed {len(before - now)})"
    )
    for label, kind in (("dramas", KD.Drama), ("scenes", KD.ConfessionScene)):
        for verb, found in (
            ("added", things(graph, kind) - things(previous, kind)),
            ("removed", things(previous, kind) - things(graph, kind)),
        ):
            names = ", ".join(curie(n) for n in _sorted_iris(found))
            lines.append(f"{label} {verb}: {len(found)}" + (f" ({names})" if names else ""))
    return "\n".join(lines) + "\n"


def _json(document: dict[str, Any]) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _sorted_iris(nodes: Iterable[Node]) -> list[URIRef]:
    """Sort resources the release names by their IRIs (rdflib types them only as nodes)."""
    return sorted(cast("Iterable[URIRef]", nodes))


def _slug(drama: URIRef) -> str:
    return str(drama).rstrip("/").rsplit("/", 1)[-1]


def _contents(
    graph: Graph, previous: Graph | None, version: str, issued: str, since: str
) -> dict[str, bytes]:
    from kgraph.release.docs import ontology_pages
    from kgraph.release.export import apply_view, serialize
    from kgraph.release.framing import frame_drama, schema_org_document
    from kgraph.release.provenance import ordered, source_trig
    from kgraph.release.wikidata import quickstatements

    files: dict[str, bytes] = {}
    for name in _ONTOLOGY_FILES:
        files[f"ontology/{name}"] = (resources.root() / "ontology" / name).read_bytes()
    stable = ordered(graph)
    for name, fmt in _EXPORT_FORMATS.items():
        files[name] = serialize(stable, fmt)
    whole = json.loads(serialize(stable, "json-ld"))
    whole["@graph"].sort(key=lambda node: node.get("id", ""))  # rdflib lists nodes in set order
    files["kdrama.jsonld"] = _json(whole)
    files["kdrama.trig"] = source_trig(graph)
    for drama in _sorted_iris(graph.subjects(RDF.type, KD.Drama)):
        files[f"dramas/{_slug(drama)}.jsonld"] = _json(frame_drama(graph, drama))
    schema_org = schema_org_document(apply_view(graph, "schema-org"))
    files["views/schema-org.jsonld"] = _json(schema_org)
    for series in schema_org["@graph"]:  # one snippet per drama, for the drama's own web page
        files[f"views/schema-org/{_slug(series['id'])}.jsonld"] = _json(
            {"@context": schema_org["@context"], **series}
        )
    files["views/wikidata.ttl"] = serialize(ordered(apply_view(graph, "wikidata")), "turtle")
    files["views/wikidata-quickstatements.tsv"] = quickstatements(graph).encode("utf-8")
    for name, html in ontology_pages().items():
        files[f"docs/{name}"] = html.encode("utf-8")
    files["CHANGES"] = changes(graph, previous, version=version, issued=issued, since=since).encode("utf-8")
    return files


def release(
    output: str | Path = "dist",
    graph: Graph | None = None,
    *,
    version: str | None = None,
    issued: str | None = None,
    check: bool = True,
    site: bool = True,
    release_url: str | None = None,
) -> Path:
    """Write the release folder ``<output>/<version>/``, replacing an earlier one of the same version.

    :param output: the folder that holds the releases; an earlier release in it is the base of CHANGES.
    :param graph: the data to release (without the ontology); the bundled data by default.
    :param version: the release's version; the package's by default.
    :param issued: the release date ``YYYY-MM-DD``; see :func:`default_issued`.
    :param check: parse every RDF file with rdflib and pyoxigraph and compare their triple counts.
    :param site: write the static site (``site/``) and the w3id.org redirect rules (``w3id.htaccess``).
    :param release_url: where the release folder is published, for the redirect rules; by default
        ``https://w3id.org/kdrama-kg/release/<version>/``, the address CITATION.cff gives.
    :returns: the release folder.
    :raises OutputError: if the folder cannot be written, or two parsers disagree on a file.
    """
    from kgraph.release.void import describe
    from kgraph.store.exact import as_written, rdflib_keeping_forms
    from kgraph.store.loading import load

    _require_extras()
    graph, _ = as_written(load(include_ontology=False) if graph is None else graph)  # every term kept
    version = version or default_version()
    issued = issued or default_issued(graph)
    if not re.fullmatch(r"[0-9A-Za-z][0-9A-Za-z.+-]*", version):
        raise OutputError(f"'{version}' is not a version: use letters, digits, '.', '+' and '-', e.g. 0.2.0")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", issued):
        raise OutputError(f"'{issued}' is not a date: write the release date as YYYY-MM-DD")
    output = Path(output)
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"cannot create {output}: {error.strerror or error}") from None
    before = _previous(output, version)
    with rdflib_keeping_forms():
        previous = Graph().parse(before / "kdrama.nt", format="nt") if before else None
    files = _contents(graph, previous, version, issued, before.name if before else "")
    extra = _site(graph, version, release_url) if site else {}
    staging = Path(tempfile.mkdtemp(dir=output, prefix=f".{version}."))
    try:
        for name, data in files.items():
            (staging / name).parent.mkdir(parents=True, exist_ok=True)
            (staging / name).write_bytes(data)
        sources = _sorted_iris(graph.subjects(RDF.type, KD.Source))
        pages = [graph.value(s, SCHEMA.url) or s for s in sources]
        void = describe(
            graph, staging, sorted(files), version=version, issued=issued, sources=_sorted_iris(pages)
        )
        (staging / "void.ttl").write_bytes(
            void.serialize(format=formats.rdflib_serializer("turtle"), encoding="utf-8")
        )
        for name, data in extra.items():
            (staging / name).parent.mkdir(parents=True, exist_ok=True)
            (staging / name).write_bytes(data)
        sums = "".join(
            f"{hashlib.sha256((staging / n).read_bytes()).hexdigest()}  {n}\n"
            for n in sorted([*files, *extra, "void.ttl"])
        )
        (staging / "SHA256SUMS").write_text(sums, encoding="utf-8")
        if check:
            _check_parsers(staging)
            _check_dramas(graph, files)
        for path in [staging, *staging.rglob("*")]:
            os.chmod(path, 0o755 if path.is_dir() else 0o644)
        target = output / version
        if target.exists():
            shutil.rmtree(target)
        os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def _site(graph: Graph, version: str, release_url: str | None) -> dict[str, bytes]:
    """The static site under ``site/`` and the w3id.org redirect rules that point into it."""
    from kgraph.site.build import site_files
    from kgraph.site.w3id import htaccess

    found = {f"site/{name}": data for name, data in site_files(graph).items()}
    url = release_url or f"https://w3id.org/kdrama-kg/release/{version}/"
    found["w3id.htaccess"] = htaccess(url).encode("utf-8")
    return found


def _require_extras() -> None:
    import importlib.util

    missing = [name for name in ("pyld",) if importlib.util.find_spec(name) is None]
    if missing:
        raise OutputError(f"a release needs {' and '.join(missing)}: pip install 'kdrama-kgraph[release]'")


def parse_counts(path: Path, *, by_value: bool = False) -> tuple[int, int]:
    """Parse an RDF file with rdflib and with pyoxigraph; return both triple (or quad) counts.

    :param by_value: count typed literals by rdflib's value on both sides, so that ``01`` and
        ``1`` are one. rdflib's Turtle and TriG parsers read a bare number that way even when told
        to keep lexical forms, although the grammar says ``01`` is the literal ``"01"``.
    """
    from rdflib import Dataset

    from kgraph.store.exact import rdflib_keeping_forms

    fmt = formats.rdf_format_of(path)
    assert fmt is not None, path
    reader = contextlib.nullcontext() if by_value else rdflib_keeping_forms()
    with reader:  # or rdflib would merge "01" and "1", which Oxigraph's parser keeps apart
        if formats.RDF_FORMATS[fmt].dataset:
            ours = len(list(Dataset().parse(path, format=formats.rdflib_parser(fmt)).quads()))
        else:
            ours = len(Graph().parse(path, format=formats.rdflib_parser(fmt)))
    if not by_value:
        return ours, count_file(path)  # a nested document may state a triple twice: this count is distinct
    from kgraph.store.oxigraph.files import read_file
    from kgraph.store.oxigraph.terms import converter

    convert = converter()

    def valued(term: Any) -> Any:
        made = convert(term)
        return (
            Literal(str(made), datatype=made.datatype)
            if isinstance(made, Literal) and made.datatype
            else made
        )

    return ours, len({tuple(map(valued, statement)) for statement in read_file(path)})


def _check_dramas(graph: Graph, files: dict[str, bytes]) -> None:
    """Expand each drama's document and compare it with that drama's triples."""
    from pyld import jsonld

    from kgraph.release.framing import drama_graph
    from kgraph.store.exact import rdflib_keeping_forms

    for drama in _sorted_iris(graph.subjects(RDF.type, KD.Drama)):
        name = f"dramas/{_slug(drama)}.jsonld"
        nquads = jsonld.to_rdf(json.loads(files[name]), {"format": "application/n-quads"})
        with rdflib_keeping_forms():
            expanded = set(Graph().parse(data=nquads, format="nt"))
        if expanded != set(drama_graph(graph, drama)):
            raise OutputError(f"{name} does not expand to exactly the drama's triples")


def _check_parsers(folder: Path) -> None:
    for path in sorted(folder.rglob("*")):
        if path.relative_to(folder).parts[0] == "site":  # the site's files are slices of kdrama.nt
            continue
        if path.suffix in formats.dump_suffixes():
            ours, theirs = parse_counts(path)
            if ours != theirs:  # the same, if rdflib lost no more than a bare number's form?
                ours, theirs = parse_counts(path, by_value=True)
            if ours != theirs:
                name = path.relative_to(folder)
                raise OutputError(f"{name}: rdflib reads {ours} triples, pyoxigraph {theirs}")
