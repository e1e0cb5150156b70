"""Cards for ``kgraph show``: everything the graph says about a resource, with class-specific sections.

Cards read the graph through :mod:`kgraph.describe.view`, so the bundled graph is described
from Oxigraph alone, and any other graph through rdflib, in the same words.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kgraph.describe.entities import kind_of, label_of, term_curie
from kgraph.describe.view import GraphView, Term, iri, view_of
from kgraph.prefixes import IRIS

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["CARD_BUILDERS", "card", "card_of"]

_KD, _SCHEMA, _DCT = IRIS["kd"], IRIS["schema"], IRIS["dct"]
_RDF_TYPE = IRIS["rdf"] + "type"
_INTEGER = IRIS["xsd"] + "integer"


def _value(view: GraphView, node: Term, prop: str) -> str:
    values = sorted(v.value for v in view.objects(node, prop))
    return ", ".join(values) if values else "not recorded"


def _labels(view: GraphView, node: Term, prop: str) -> str:
    values = sorted(label_of(view, v) for v in view.objects(node, prop))
    return ", ".join(values) if values else "not recorded"


def _one(view: GraphView, node: Term | None, prop: str) -> Term | None:
    if node is None:
        return None
    values = view.objects(node, prop)
    return values[0] if values else None


def _roles(view: GraphView, prop: str, node: Term) -> list[Term]:
    def order(role: Term) -> tuple[int, str]:
        billing = _one(view, role, _KD + "billingOrder")
        return (int(billing.value) if billing is not None else 999, role.value)

    return sorted(view.subjects(prop, node), key=order)


def _role_line(view: GraphView, role: Term, *, show_drama: bool) -> str:
    actor = label_of(view, _one(view, role, _KD + "actor"))
    character = label_of(view, _one(view, role, _KD + "character"))
    billing = label_of(view, _one(view, role, _KD + "billing"))
    drama = f"{label_of(view, _one(view, role, _KD + 'drama'))}: " if show_drama else ""
    return f"  {drama}{actor} as {character} ({billing})"


def _mutual(view: GraphView, scene: Term) -> bool:
    """Say whether the scene's characters confess to each other (``kd:mutual true``)."""
    return any(v.value in ("true", "1") for v in view.objects(scene, _KD + "mutual"))


def _scene_line(view: GraphView, scene: Term) -> str:
    confessors = _labels(view, scene, _KD + "confessor")
    addressees = "each other" if _mutual(view, scene) else _labels(view, scene, _KD + "addressee")
    episode = _value(view, scene, _KD + "episode")
    return f"  {term_curie(scene)}: {confessors} to {addressees}, episode {episode}"


def _drama(node: Term, view: GraphView) -> list[str]:
    titles = " / ".join(sorted(t.value for t in view.objects(node, _SCHEMA + "name")))
    lines = [
        f"Titles: {titles}",
        f"About: {_value(view, node, _SCHEMA + 'description')}",
        f"Network: {_labels(view, node, _KD + 'originalNetwork')}"
        f"; streaming: {_labels(view, node, _KD + 'streamer')}",
        f"Aired: {_value(view, node, _SCHEMA + 'startDate')} to {_value(view, node, _SCHEMA + 'endDate')}"
        f", {_value(view, node, _SCHEMA + 'numberOfEpisodes')} episodes",
        "Cast:",
    ]
    role_class = iri(_KD + "CastingRole")
    lines += [
        _role_line(view, role, show_drama=False)
        for role in _roles(view, _KD + "drama", node)
        if role_class in view.objects(role, _RDF_TYPE) or _one(view, role, _KD + "actor") is not None
    ]
    scenes = sorted(s for s in view.subjects(_KD + "drama", node) if _one(view, s, _KD + "confessor"))
    lines.append("Confession scenes:" if scenes else "Confession scenes: none in the graph")
    lines += [_scene_line(view, scene) for scene in scenes]
    return lines


def _person(node: Term, view: GraphView) -> list[str]:
    roles = _roles(view, _KD + "actor", node)
    lines = ["Roles:"] + [_role_line(view, role, show_drama=True) for role in roles]
    dramas = {_one(view, role, _KD + "drama") for role in roles} - {None}
    costars = {
        _one(view, other, _KD + "actor")
        for d in dramas
        if d is not None
        for other in view.subjects(_KD + "drama", d)
    } - {node, None}
    names = sorted(label_of(view, p) for p in costars)
    lines.append("Co-stars: " + (", ".join(names) or "none in the graph"))
    return lines


def _character(node: Term, view: GraphView) -> list[str]:
    lines = [f"Drama: {_labels(view, node, _KD + 'drama')}"]
    roles = _roles(view, _KD + "character", node)
    players = ", ".join(label_of(view, _one(view, r, _KD + "actor")) for r in roles)
    lines.append("Played by: " + (players or "unknown"))
    scenes = sorted(set(view.subjects(_KD + "confessor", node)) | set(view.subjects(_KD + "addressee", node)))
    lines.append("Confession scenes:" if scenes else "Confession scenes: none in the graph")
    lines += [_scene_line(view, scene) for scene in scenes]
    return lines


def _text_pages(view: GraphView, quote: Term) -> dict[Term, str]:
    """The pages that each text of a quote is attributed to, by a claim on ``kd:text``."""
    pages: dict[Term, list[str]] = {}
    for claim in view.objects(quote, _KD + "claim"):
        words = _one(view, claim, _KD + "claimedValue")
        if _one(view, claim, _KD + "claimedProperty") == iri(_KD + "text") and words is not None:
            pages.setdefault(words, []).extend(
                label_of(view, s) for s in view.objects(claim, _DCT + "source")
            )
    return {words: ", ".join(sorted(found)) for words, found in pages.items()}


def _scene(node: Term, view: GraphView) -> list[str]:
    lines = [
        f"Drama: {_labels(view, node, _KD + 'drama')}, episode {_value(view, node, _KD + 'episode')}",
        f"Confessor: {_labels(view, node, _KD + 'confessor')}"
        f"; addressee: {_labels(view, node, _KD + 'addressee')}"
        + ("; mutual: they confess to each other" if _mutual(view, node) else ""),
        f"Setting: {_labels(view, node, _KD + 'setting')}; delivery: {_labels(view, node, _KD + 'delivery')}"
        f"; outcome: {_labels(view, node, _KD + 'outcome')}",
        f"Tropes: {_labels(view, node, _KD + 'trope')}",
        f"What happens: {_value(view, node, _SCHEMA + 'description')}",
    ]
    for quote in sorted(view.objects(node, _KD + "quote")):
        speaker = label_of(view, _one(view, quote, _KD + "speaker"))
        evidence = _labels(view, quote, _KD + "evidenceLevel")
        pages = _text_pages(view, quote)
        for text in sorted(view.objects(quote, _KD + "text"), key=lambda t: (t.language, t.value)):
            sources = pages.get(text) or _labels(view, quote, _DCT + "source")
            lines.append(
                f'Quote ({speaker}, @{text.language or None}): "{text.value}"'
                f"  [source: {sources}; evidence: {evidence}]"
            )
    for ranking in sorted(view.objects(node, _KD + "ranking")):
        lines.append(
            f"Ranked {_value(view, ranking, _KD + 'position')} in {_labels(view, ranking, _KD + 'rankedIn')}"
        )
    lines.append(f"Evidence: {_labels(view, node, _KD + 'evidenceLevel')}")
    lines += [f"  {note.value}" for note in sorted(view.objects(node, _KD + "evidenceNote"))]
    for claim in sorted(view.objects(node, _KD + "claim")):
        value = _one(view, claim, _KD + "claimedValue")
        shown = (
            label_of(view, value)
            if value is not None and value.is_iri
            else (value.value if value else "None")
        )
        lines.append(
            f"  claim: {term_curie(_one(view, claim, _KD + 'claimedProperty'))} = {shown}"
            f"  (according to {_labels(view, claim, _DCT + 'source')})"
        )
    lines.append("Sources:")
    for source in sorted(view.objects(node, _DCT + "source")):
        url = _one(view, source, _SCHEMA + "url")
        lines.append(f"  {label_of(view, source)} <{url.value if url else ''}>")
    return lines


def _order(term: Term) -> tuple[int, int, int, str]:
    """Sort whole numbers by value, as rdflib sorts its literals, and other terms by their text."""
    if term.is_literal and term.datatype == _INTEGER and term.value.lstrip("+-").isdigit():
        return term.kind, 0, int(term.value), term.value
    return term.kind, 1, 0, term.value


CARD_BUILDERS: dict[str, Callable[[Term, GraphView], list[str]]] = {
    _KD + "Drama": _drama,
    _KD + "Person": _person,
    _KD + "Character": _character,
    _KD + "ConfessionScene": _scene,
}


def card_of(node: Term, view: GraphView) -> str:
    """Describe everything ``view`` says about ``node`` as readable text (see :func:`card`)."""
    lines = [f"{label_of(view, node)}  ({term_curie(node)}, {kind_of(view, node)})"]
    for rdf_type in view.objects(node, _RDF_TYPE):
        builder = CARD_BUILDERS.get(rdf_type.value) if rdf_type.is_iri else None
        if builder is not None:
            lines.extend(builder(node, view))
    lines.append("")
    lines.append("All statements:")
    for predicate, value in sorted(view.predicate_objects(node), key=lambda pair: (pair[0], _order(pair[1]))):
        if predicate.value == _RDF_TYPE:
            continue
        if value.is_literal and value.language:
            shown = f"{value.value} @{value.language}"
        else:
            shown = f"{term_curie(value)} ({label_of(view, value)})" if value.is_iri else value.value
        lines.append(f"  {term_curie(predicate)}: {shown}")
    return "\n".join(lines)


def card(node: Any, graph: Graph | None = None) -> str:
    """Describe everything the graph says about ``node`` as readable text.

    A drama shows its cast and scenes, a person their roles and co-stars, a character who plays
    them and their scenes, a scene its quote and sources. Every card ends with all its triples.

    :param node: an IRI (an rdflib ``URIRef``, or its text).
    :param graph: the graph to read; None for the bundled graph.
    """
    return card_of(iri(str(node)), view_of(graph))
