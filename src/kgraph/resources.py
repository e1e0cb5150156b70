"""Where the ontology, shapes, data and queries are, in an installed wheel or in a source checkout.

No other module builds a path to the bundled files by hand.
"""

from __future__ import annotations

import functools
from pathlib import Path

from kgraph.errors import KgraphError

__all__ = [
    "alignments_path",
    "check_query_files",
    "compiled_shapes_path",
    "context_path",
    "data_dir",
    "data_files",
    "ontology_path",
    "query_files",
    "root",
    "shapes_path",
    "view_query_files",
]

_PACKAGE = Path(__file__).resolve().parent


@functools.cache
def root() -> Path:
    """Return the folder that holds ``ontology/``, ``data/`` and ``queries/``.

    A wheel carries them in ``kgraph/_data``; a source checkout (or an editable install) has them
    two levels above this file.

    :raises KgraphError: if neither place has them.

    >>> (root() / "ontology" / "kdrama.ttl").is_file()
    True
    """
    for candidate in (_PACKAGE / "_data", _PACKAGE.parent.parent):
        if (candidate / "ontology" / "kdrama.ttl").is_file():
            return candidate
    raise KgraphError(
        "the bundled ontology and data are missing: is kdrama-kgraph installed with its data? "
        "Reinstall it with 'pip install kdrama-kgraph', or run from a clone of the repository."
    )


def ontology_path() -> Path:
    """Return the path of the OWL/RDFS vocabulary, ``ontology/kdrama.ttl``."""
    return root() / "ontology" / "kdrama.ttl"


def alignments_path() -> Path:
    """Return the path of the schema.org and Wikidata alignments, ``ontology/alignments.ttl``."""
    return root() / "ontology" / "alignments.ttl"


def shapes_path() -> Path:
    """Return the path of the SHACL shapes, ``ontology/shapes.ttl``."""
    return root() / "ontology" / "shapes.ttl"


def compiled_shapes_path() -> Path:
    """Return the path of the shapes compiled for the bundled graph, ``ontology/shapes-compiled.json``."""
    return root() / "ontology" / "shapes-compiled.json"


def context_path() -> Path:
    """Return the path of the JSON-LD context, ``ontology/context.jsonld``."""
    return root() / "ontology" / "context.jsonld"


def data_dir() -> Path:
    """Return the bundled data folder."""
    return root() / "data"


def data_files() -> list[Path]:
    """Return every bundled data file (``data/**/*.ttl``), sorted so loading is deterministic.

    >>> [p.name for p in data_files()][-2:]
    ['settings.ttl', 'tropes.ttl']
    """
    files = sorted(data_dir().rglob("*.ttl"), key=lambda p: p.relative_to(data_dir()).as_posix())
    if not files:
        raise KgraphError(f"no data files under {data_dir()}: is the package installed with its data?")
    return files


def query_files() -> list[Path]:
    """Return the named queries, ``queries/*.rq``, sorted by name."""
    return sorted((root() / "queries").glob("*.rq"))


def check_query_files() -> list[Path]:
    """Return the quality checks, ``queries/checks/*.rq``, sorted by name."""
    return sorted((root() / "queries" / "checks").glob("*.rq"))


def view_query_files() -> list[Path]:
    """Return the CONSTRUCT views, ``queries/views/*.rq``, sorted by name."""
    return sorted((root() / "queries" / "views").glob("*.rq"))
