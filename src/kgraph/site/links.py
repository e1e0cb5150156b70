"""Links between the site's pages, and the numbered citations that tie each fact to its source."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup, escape

from kgraph.prefixes import IRIS, curie_of
from kgraph.site.facts import DCT, Facts, Label, slug_of

__all__ = ["Citations", "Ref", "anchor", "entry", "link", "ref", "shown_value"]


@dataclass(frozen=True, slots=True)
class Ref:
    """A link to a resource: its page (relative to the site's root, or None) and its names."""

    href: str | None
    en: str
    ko: str = ""
    curie: str = ""


def ref(facts: Facts, node: Any) -> Ref:
    """A link to ``node``'s page (its owner's page, at the part's anchor, for a part)."""
    found = facts.refs.get(node)
    if found is None:
        found = facts.refs[node] = _ref(facts, node)
    return found


def _ref(facts: Facts, node: Any) -> Ref:
    label = facts.label(node) if not hasattr(node, "language") else Label(str(node))
    owner = facts.owner(node)
    href = None
    if owner is not None:
        href = f"resource/{slug_of(str(owner))}.html"
        if owner != node:
            href += f"#{anchor(node)}"
    elif str(node).startswith(IRIS["kd"]) or str(node).startswith(IRIS["schema"]):
        local = str(node).rsplit("#", 1)[-1].rsplit("/", 1)[-1]  # kd:Lead, schema:Female: a value
        label = Label(re.sub(r"(?<=[a-z])(?=[A-Z])", " ", local).lower())
    elif str(node).startswith(("http://", "https://")) and slug_of(str(node)) is None:
        href = str(node)
    return Ref(href, label.en, label.ko, curie_of(str(node)))


def _shown(r: Ref) -> Markup:
    if r.en:
        return escape(r.en)
    if r.ko:
        return Markup('<span lang="ko">%s</span>') % r.ko
    return escape(r.curie)


def link(r: Ref, root: str = "") -> Markup:
    """The HTML of a link to ``r``'s page (its name alone if it has none), its Korean name beside it.

    >>> str(link(Ref("resource/kim-tae-ri.html", "Kim Tae-ri", "김태리"), "../"))
    '<a href="../resource/kim-tae-ri.html">Kim Tae-ri</a> <span lang="ko">김태리</span>'
    """
    shown = _shown(r)
    if r.href:
        href = r.href if r.href.startswith(("http://", "https://")) else root + r.href
        shown = Markup('<a href="%s">%s</a>') % (href, shown)
    if r.en and r.ko and r.ko != r.en:
        shown += Markup(' <span lang="ko">%s</span>') % r.ko
    return shown


def entry(**values: Any) -> dict[str, Any]:
    """A row of a list on a page (typed loosely, as templates read it)."""
    return values


def anchor(node: Any) -> str:
    slug = slug_of(str(node)) or str(node)
    return slug.rsplit(".", 1)[-1]


@dataclass
class Citations:
    """The sources a page cites, numbered in the order the page first cites them."""

    facts: Facts
    numbers: dict[Any, int] = field(default_factory=dict)

    def of(self, *nodes: Any) -> list[dict[str, Any]]:
        """The citations of the sources of ``nodes`` (their ``dct:source``), each a number and a link."""
        found = []
        for source in sorted({s for n in nodes for s in self.facts.objects(n, DCT + "source")}, key=str):
            found.append(self.cite(source))
        return sorted(found, key=lambda c: c["number"])

    def cite(self, source: Any) -> dict[str, Any]:
        """Number ``source`` on this page (once) and return its citation."""
        number = self.numbers.setdefault(source, len(self.numbers) + 1)
        return {"number": number, "ref": ref(self.facts, source)}

    def listing(self) -> list[dict[str, Any]]:
        """Every source cited, in number order, with its publisher."""
        return [
            {
                "number": number,
                "ref": ref(self.facts, source),
                "publisher": self.facts.text(source, DCT + "publisher"),
            }
            for source, number in sorted(self.numbers.items(), key=lambda item: item[1])
        ]


def shown_value(facts: Facts, term: Any) -> dict[str, Any]:
    """A term to show: a link for a resource, else its text and language."""
    if hasattr(term, "language"):
        return {"text": str(term), "lang": term.language or "", "ref": None}
    return {"text": "", "lang": "", "ref": ref(facts, term)}
