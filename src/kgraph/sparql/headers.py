"""The comment header of a ``.rq`` file (title, description, parameters, severity), read as plain text.

Reading a header needs no SPARQL parser, so ``kgraph queries`` lists the named queries without
importing rdflib; :mod:`kgraph.sparql.named` reads headers with the same function, so both agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kgraph import resources
from kgraph.errors import QuerySyntaxError

__all__ = ["PARAMETER_TYPES", "Parameter", "QueryHeader", "bundled_headers", "parse_header"]

PARAMETER_TYPES = ("iri", "string", "integer", "date", "literal")


@dataclass(frozen=True)
class Parameter:
    """A parameter of a named query: ``# param: name | type | required | example | description``."""

    name: str
    type: str
    required: bool
    example: str
    description: str


@dataclass(frozen=True)
class QueryHeader:
    """What the comment lines at the top of a ``.rq`` file say about the query below them."""

    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    severity: str = "violation"


def parse_header(text: str, path: Path) -> QueryHeader:
    """Read the ``# key: value`` lines that open a query file; the first other line ends the header.

    :param text: the file's text.
    :param path: the file (its stem names the query; errors cite it).
    :returns: the header; the title defaults to the query's name.
    :raises QuerySyntaxError: if a ``# param:`` line is malformed (file and line given).

    >>> text = "# title: Roles\\n# param: actor | iri | required | kdr:a | who\\nSELECT ..."
    >>> header = parse_header(text, Path("roles.rq"))
    >>> header.title, header.parameters[0].name, header.parameters[0].required
    ('Roles', 'actor', True)
    """
    fields: dict[str, str] = {}
    parameters = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#"):
            break
        key, sep, value = line.lstrip("# ").partition(":")
        if not sep:
            continue
        key, value = key.strip().lower(), value.strip()
        if key == "param":
            parts = [p.strip() for p in value.split("|")]
            if len(parts) != 5 or parts[1] not in PARAMETER_TYPES or parts[2] not in ("required", "optional"):
                raise QuerySyntaxError(
                    f"{path}:{number}: write parameters as '# param: name | "
                    "iri|string|integer|date|literal | required|optional | example | description'"
                )
            parameters.append(Parameter(parts[0], parts[1], parts[2] == "required", parts[3], parts[4]))
        else:
            fields[key] = value
    return QueryHeader(
        name=path.stem,
        title=fields.get("title", path.stem),
        description=fields.get("description", ""),
        parameters=tuple(parameters),
        severity=fields.get("severity", "violation"),
    )


def bundled_headers() -> list[QueryHeader]:
    """Return the headers of the bundled named queries, ``queries/*.rq``, sorted by name.

    >>> "confessions" in [h.name for h in bundled_headers()]
    True
    """
    return [parse_header(path.read_text(encoding="utf-8"), path) for path in resources.query_files()]
