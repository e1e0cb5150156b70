"""Known defects to inject into synthetic graphs, each breaking one rule of the shapes exactly once.

A validator run on a synthetic graph with defects must report exactly the defects injected, rule by
rule: that is how the shapes (and any faster validator) are checked at scale. Each defect is an
edit of the N-Triples lines of one drama, made after the drama is generated, so injecting defects
changes nothing else in the graph.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from kgraph.errors import KgraphError
from kgraph.namespaces import KD, KDR, SCHEMA

__all__ = ["DEFECTS", "Defect", "parse_defects", "plan_defects"]

_DCT_SOURCE = "<http://purl.org/dc/terms/source>"
_XSD = "http://www.w3.org/2001/XMLSchema#"

Edit = Callable[[list[str], int, int], list[str]]


@dataclass(frozen=True)
class Defect:
    """A kind of defect: the rule it breaks (a CURIE of the shapes), its severity, and the edit."""

    rule: str
    severity: str
    description: str
    edit: Edit


def _drama(number: int) -> str:
    return f"<{KDR}synthetic-drama-{number}>"


def _split(line: str) -> tuple[str, str, str]:
    subject, predicate, rest = line.split(" ", 2)
    return subject, predicate, rest


def _replace(
    lines: list[str], subject: str, predicate: str, change: Callable[[str], str | None]
) -> list[str]:
    """Apply ``change`` to each ``subject predicate`` line: a new line, or None to drop it."""
    out = []
    for line in lines:
        s, p, _ = _split(line)
        if s == subject and p == predicate:
            changed = change(line)
            if changed is not None:
                out.append(changed)
        else:
            out.append(line)
    return out


def _no_korean_title(lines: list[str], number: int, dramas: int) -> list[str]:
    return [line for line in lines if not (line.startswith(_drama(number)) and line.endswith('"@ko .'))]


def _dates_out_of_order(lines: list[str], number: int, dramas: int) -> list[str]:
    year = 2000 + number % 25
    end = f'{_drama(number)} <{SCHEMA}endDate> "{year - 1}-02-24"^^<{_XSD}date> .'
    return _replace(lines, _drama(number), f"<{SCHEMA}endDate>", lambda _: end)


def _misspelt_property(lines: list[str], number: int, dramas: int) -> list[str]:
    return _replace(
        lines, _drama(number), f"<{SCHEMA}endDate>", lambda line: line.replace("endDate>", "enddate>", 1)
    )


def _character_in_other_drama(lines: list[str], number: int, dramas: int) -> list[str]:
    character = f"<{KDR}synthetic-drama-{number}.character-3>"
    other = _drama((number + 1) % dramas)
    return _replace(lines, character, f"<{KD}drama>", lambda _: f"{character} <{KD}drama> {other} .")


def _role_without_source(lines: list[str], number: int, dramas: int) -> list[str]:
    return _replace(lines, f"<{KDR}synthetic-drama-{number}.role.3>", _DCT_SOURCE, lambda _: None)


def _scene(number: int) -> str:
    return f"<{KDR}synthetic-drama-{number}.confession-1>"


def _confessor_is_addressee(lines: list[str], number: int, dramas: int) -> list[str]:
    confessor = next(
        _split(line)[2][: -len(" .")]
        for line in lines
        if _split(line)[:2] == (_scene(number), f"<{KD}confessor>")
    )
    addressee = f"{_scene(number)} <{KD}addressee> {confessor} ."
    return _replace(lines, _scene(number), f"<{KD}addressee>", lambda _: addressee)


def _episode_out_of_range(lines: list[str], number: int, dramas: int) -> list[str]:
    episode = f'{_scene(number)} <{KD}episode> "{17 + number % 8}"^^<{_XSD}integer> .'
    return _replace(lines, _scene(number), f"<{KD}episode>", lambda _: episode)


def _episode_missing(lines: list[str], number: int, dramas: int) -> list[str]:
    return _replace(lines, _scene(number), f"<{KD}episode>", lambda _: None)


DEFECTS: dict[str, Defect] = {
    "no-korean-title": Defect(
        "kds:Drama-koreanTitle", "violation", "a drama without its Korean title", _no_korean_title
    ),
    "dates-out-of-order": Defect(
        "kds:Drama-datesInOrder", "violation", "a drama that ends before it starts", _dates_out_of_order
    ),
    "misspelt-property": Defect(
        "kds:DramaShape", "violation", "a drama with schema:enddate for schema:endDate", _misspelt_property
    ),
    "character-in-other-drama": Defect(
        "kds:CastingRole-characterInDrama",
        "violation",
        "a role whose character belongs to another drama",
        _character_in_other_drama,
    ),
    "role-without-source": Defect(
        "kds:CastingRole-source", "violation", "a casting role that cites no source", _role_without_source
    ),
    "confessor-is-addressee": Defect(
        "kds:ConfessionScene-confessorIsNotAddressee",
        "violation",
        "a scene whose only addressee is its confessor",
        _confessor_is_addressee,
    ),
    "episode-out-of-range": Defect(
        "kds:ConfessionScene-episodeInRange",
        "violation",
        "a scene in an episode past the drama's last",
        _episode_out_of_range,
    ),
    "episode-missing": Defect(
        "kds:ConfessionScene-episodeMissing", "warning", "a scene without its episode", _episode_missing
    ),
}


def parse_defects(values: list[str] | tuple[str, ...]) -> dict[str, int]:
    """Read ``KIND=COUNT`` pairs into a dict, adding the counts of a kind given twice.

    :param values: texts such as ``"no-korean-title=3"``.
    :returns: the count of each kind.
    :raises KgraphError: if a text is not ``KIND=COUNT``, the kind is unknown or the count negative.

    >>> parse_defects(["no-korean-title=2", "episode-missing=1", "no-korean-title=1"])
    {'no-korean-title': 3, 'episode-missing': 1}
    """
    counts: dict[str, int] = {}
    for value in values:
        kind, sep, count = value.partition("=")
        kind = kind.strip()
        if not sep or not count.strip().isdigit():
            raise KgraphError(f"'{value}': write a defect as KIND=COUNT, e.g. no-korean-title=3")
        if kind not in DEFECTS:
            raise KgraphError(f"no defect kind '{kind}': the kinds are {', '.join(DEFECTS)}")
        counts[kind] = counts.get(kind, 0) + int(count)
    return counts


def plan_defects(
    dramas: int, counts: Mapping[str, int], *, seed: int = 0
) -> dict[int, Callable[[list[str]], list[str]]]:
    """Choose a distinct drama for each defect and return the edit of each chosen drama's lines.

    The dramas are drawn with a generator of their own, so the graph's other random choices are
    those of the same seed without defects.

    :param dramas: how many dramas the graph has.
    :param counts: how many defects of each kind (see :data:`DEFECTS`).
    :param seed: the graph's seed.
    :returns: a dict from drama number to a function that edits that drama's lines.
    :raises KgraphError: if a kind is unknown, or there are more defects than dramas.

    >>> sorted(plan_defects(10, {"no-korean-title": 2}, seed=1)) == sorted(
    ...     plan_defects(10, {"no-korean-title": 2}, seed=1))
    True
    """
    unknown = sorted(set(counts) - set(DEFECTS))
    if unknown:
        raise KgraphError(f"no defect kind '{unknown[0]}': the kinds are {', '.join(DEFECTS)}")
    total = sum(counts.values())
    if total > dramas:
        raise KgraphError(f"{total} defects need as many dramas, one each; ask for at least {total} dramas")
    if any(count < 0 for count in counts.values()):
        raise KgraphError("a defect count cannot be negative")
    if "character-in-other-drama" in counts and counts["character-in-other-drama"] and dramas < 2:
        raise KgraphError("a character of another drama needs at least two dramas")
    chosen = iter(random.Random(f"defects:{seed}").sample(range(dramas), total))  # noqa: S311
    plan: dict[int, Callable[[list[str]], list[str]]] = {}
    for kind in DEFECTS:
        for _ in range(counts.get(kind, 0)):
            number = next(chosen)
            plan[number] = functools.partial(_apply, DEFECTS[kind].edit, number=number, dramas=dramas)
    return plan


def _apply(edit: Edit, lines: list[str], *, number: int, dramas: int) -> list[str]:
    return edit(lines, number, dramas)
