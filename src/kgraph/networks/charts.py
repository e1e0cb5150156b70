"""Bar charts of the confession scenes, each counted by a SPARQL query over the graph.

- ``scenes-per-year``: scenes by the first air year of their drama, a bar for every year between the
  first and the last (empty years count 0).
- ``outcomes``: scenes per outcome, and the scenes with no outcome recorded (in grey).
- ``settings``: scenes per setting; the title says how many scenes have one.
- ``tropes``: the ``top`` tropes most scenes show.

Categories with long names are horizontal bars, most frequent first. Every bar carries its count;
an SVG chart carries a ``<title>`` and a ``<desc>`` that lists every bar, for screen readers. The
same graph always gives the same bytes. matplotlib (the ``plot`` extra) is imported only to draw.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kgraph.errors import KgraphError, OutputError
from kgraph.formats import PICTURE_FORMATS
from kgraph.networks.style import OTHER, PALETTE

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["CHARTS", "Chart", "chart", "chart_bytes", "write_chart"]

_PREFIXES = """PREFIX kd: <https://w3id.org/kdrama-kg/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""

_TOTAL = _PREFIXES + "SELECT (COUNT(DISTINCT ?scene) AS ?scenes) WHERE { ?scene a kd:ConfessionScene }"

_PER_YEAR = (
    _PREFIXES
    + """SELECT ?year (COUNT(DISTINCT ?scene) AS ?scenes)
WHERE {
  ?scene a kd:ConfessionScene ; kd:drama ?drama .
  ?drama schema:startDate ?start .
  BIND (YEAR(?start) AS ?year)
  FILTER (BOUND(?year))
}
GROUP BY ?year
ORDER BY ?year"""
)


def _per_concept(prop: str, *, optional: bool) -> str:
    """Scenes per concept of ``prop`` with its English label; with ``optional``, a row for none."""
    pattern = f"?scene {prop} ?concept . OPTIONAL {{ ?concept skos:prefLabel ?l . FILTER (LANG(?l) = 'en') }}"
    if optional:
        pattern = f"OPTIONAL {{ {pattern} }}"
    return (
        _PREFIXES
        + f"""SELECT ?concept (MIN(COALESCE(STR(?l), "")) AS ?label) (COUNT(DISTINCT ?scene) AS ?scenes)
WHERE {{
  ?scene a kd:ConfessionScene .
  {pattern}
}}
GROUP BY ?concept
ORDER BY DESC(?scenes)"""  # ties by label in Python: rdflib cannot order unbound values
    )


_QUERIES = {
    "scenes-per-year": _PER_YEAR,
    "outcomes": _per_concept("kd:outcome", optional=True),
    "settings": _per_concept("kd:setting", optional=False),
    "tropes": _per_concept("kd:trope", optional=False),
}

#: The charts ``kgraph plot CHART`` draws, by name.
CHARTS = tuple(_QUERIES)


@dataclass(frozen=True)
class Chart:
    """What a chart shows: its bars (label and number of scenes) in drawing order, and its words.

    :param name: one of :data:`CHARTS`.
    :param title: what is shown, and the total.
    :param bars: ``(label, scenes)`` pairs, first bar first (leftmost, or top).
    :param scenes: the confession scenes the chart counts.
    :param category: the axis label of the categories.
    :param horizontal: bars run left to right, for long names.
    :param note: what a reader should know beyond the bars (scenes left out, scenes counted twice).
    :param grey: labels of bars drawn grey: what was not recorded.
    """

    name: str
    title: str
    bars: tuple[tuple[str, int], ...]
    scenes: int
    category: str
    horizontal: bool
    note: str = ""
    grey: frozenset[str] = frozenset()

    def counts(self) -> dict[str, int]:
        """Return the number of scenes each bar stands for, by label."""
        return dict(self.bars)

    def description(self) -> str:
        """Say in words what the chart shows, every bar included: the SVG's ``<desc>``."""
        bars = "; ".join(f"{label}: {count}" for label, count in self.bars)
        return f"Bar chart. {self.title}. {bars}." + (f" {self.note}" if self.note else "")


def _rows(text: str, graph: Graph | None) -> list[dict[str, Any]]:
    from kgraph.sparql.execute import query
    from kgraph.sparql.results import QueryResult

    result = query(text, graph)
    assert isinstance(result, QueryResult)  # every chart's query is a SELECT
    return result.records()


def _label(row: dict[str, Any]) -> str:
    return str(row.get("label") or row["concept"])


def chart(name: str, graph: Graph | None = None, *, top: int = 15) -> Chart:
    """Count what the chart ``name`` shows, with SPARQL queries over ``graph``.

    :param name: one of :data:`CHARTS`.
    :param graph: the graph; None for the bundled one.
    :param top: how many tropes the ``tropes`` chart shows.
    :raises KgraphError: on an unknown chart, or data with nothing to show (no scenes, say).

    >>> c = chart("tropes", top=3)
    >>> len(c.bars), c.horizontal, c.title.startswith("The 3 most frequent tropes")
    (3, True, True)
    """
    if name not in _QUERIES:
        raise KgraphError(f"unknown chart '{name}': use one of {', '.join(CHARTS)}")
    counted = _chart(name, graph, top)
    if not counted.bars:
        raise KgraphError(f"the {name} chart has nothing to show: {_EMPTY[name]}")
    return counted


#: why a chart can have no bars
_EMPTY = {
    "scenes-per-year": "no drama of a confession scene has a first air date (schema:startDate)",
    "outcomes": "",  # never: scenes without an outcome have a bar
    "settings": "no confession scene has a setting (kd:setting)",
    "tropes": "no confession scene has a trope (kd:trope)",
}


def _chart(name: str, graph: Graph | None, top: int) -> Chart:
    scenes = int(_rows(_TOTAL, graph)[0]["scenes"])
    if not scenes:
        raise KgraphError("the data has no confession scenes (kd:ConfessionScene): there is nothing to chart")
    rows = _rows(_QUERIES[name], graph)
    if name == "scenes-per-year":
        return _per_year(rows, scenes)
    counted = sorted(((_label(r), int(r["scenes"])) for r in rows if r.get("concept")), key=_most_first)
    if name == "outcomes":
        none = sum(int(r["scenes"]) for r in rows if not r.get("concept"))
        extra = [("no outcome recorded", none)] if none else []
        return Chart(
            name,
            f"Confession scenes by outcome ({_count(scenes, 'scene')})",
            (*counted, *extra),
            scenes,
            "Outcome of the confession",
            True,
            _twice([*counted, *extra], scenes, "outcome"),
            frozenset(label for label, _ in extra),
        )
    with_one = int(_rows(_with(name), graph)[0]["scenes"])
    if name == "settings":
        title = f"Confession scenes by setting (recorded for {with_one} of {_count(scenes, 'scene')})"
        return Chart(
            name, title, tuple(counted), scenes, "Setting", True, _twice(counted, with_one, "setting")
        )
    shown = tuple(counted[:top])
    what = "The most frequent trope" if len(shown) == 1 else f"The {len(shown)} most frequent tropes"
    title = f"{what} of confession scenes (recorded for {with_one} of {_count(scenes, 'scene')})"
    note = (
        f"{len(shown)} of the {len(counted)} tropes that scenes show. " if len(counted) > len(shown) else ""
    )
    tied = [label for label, count in counted[len(shown) :] if shown and count == shown[-1][1]]
    if tied:  # the cut falls among equals: say so, rather than let the alphabet pick silently
        note += f"{_count(len(tied), 'more trope')} also in {shown[-1][1]} scenes. "
    note += "A scene may show several tropes and is counted under each."
    return Chart(name, title, shown, scenes, "Trope", True, note)


def _most_first(bar: tuple[str, int]) -> tuple[int, str]:
    return -bar[1], bar[0]


def _with(name: str) -> str:
    prop = {"settings": "kd:setting", "tropes": "kd:trope"}[name]
    return (
        _PREFIXES
        + f"SELECT (COUNT(DISTINCT ?scene) AS ?scenes) WHERE {{ ?scene a kd:ConfessionScene ; {prop} ?x }}"
    )


def _twice(counted: list[tuple[str, int]], scenes: int, what: str) -> str:
    added = sum(count for _, count in counted)
    if added <= scenes:
        return ""
    return f"A scene with more than one {what} is counted under each, so the bars add up to {added}."


def _per_year(rows: list[dict[str, Any]], scenes: int) -> Chart:
    counts = {int(row["year"]): int(row["scenes"]) for row in rows}
    years = range(min(counts), max(counts) + 1) if counts else range(0)
    dated = sum(counts.values())
    title = (
        f"Confession scenes by the year their drama first aired ({_count(dated, 'scene')}, {_span(years)})"
    )
    note = (
        f"Left out: {_count(scenes - dated, 'scene')} whose drama has no first air date."
        if dated < scenes
        else ""
    )
    bars = tuple((str(year), counts.get(year, 0)) for year in years)
    return Chart("scenes-per-year", title, bars, scenes, "First air year of the drama", False, note)


def _count(number: int, word: str) -> str:
    """Say how many, in words a reader expects.

    >>> _count(1, "scene"), _count(322, "scene")
    ('1 scene', '322 scenes')
    """
    return f"{number} {word}" if number == 1 else f"{number} {word}s"


def _span(years: range) -> str:
    return f"{years.start}–{years.stop - 1}" if len(years) > 1 else str(years.start) if years else "no years"


def chart_bytes(name: str, fmt: str = "png", graph: Graph | None = None, *, top: int = 15) -> bytes:
    """Draw the chart ``name`` of ``graph`` as PNG or SVG bytes.

    :raises OutputError: on a format other than png or svg, or if matplotlib (the plot extra) is missing.
    :raises KgraphError: as :func:`chart` does.
    """
    if fmt not in PICTURE_FORMATS:
        raise OutputError(f"unsupported chart format '{fmt}': use one of {', '.join(PICTURE_FORMATS)}")
    return draw_chart(chart(name, graph, top=top), fmt)


def write_chart(name: str, path: str | Path, graph: Graph | None = None, *, top: int = 15) -> Path:
    """Draw the chart ``name`` and write it to ``path`` (``.png`` or ``.svg``) atomically.

    :returns: the path written.
    :raises OutputError: on another suffix, a missing plot extra or an unwritable path.
    """
    from kgraph.files import write_atomic

    fmt = Path(path).suffix.lstrip(".").lower()
    if fmt not in PICTURE_FORMATS:
        raise OutputError(f"{path}: a chart is a .png or .svg file, not '{Path(path).suffix or 'no suffix'}'")
    return write_atomic(path, chart_bytes(name, fmt, graph, top=top))


def draw_chart(shown: Chart, fmt: str = "png") -> bytes:
    """Draw ``shown`` as PNG or SVG bytes in the house style.

    :raises OutputError: if matplotlib (the ``plot`` extra) is missing.
    """
    from kgraph.networks.plot import matplotlib_modules, picture_bytes

    matplotlib, plt = matplotlib_modules()
    rc = {"svg.hashsalt": "kdrama-kgraph", "svg.fonttype": "none", "font.size": 11}
    with matplotlib.rc_context(rc):
        return picture_bytes(_figure(shown, plt), plt, fmt, shown.title, shown.description())


def _figure(shown: Chart, plt: Any) -> Any:
    from matplotlib.ticker import MaxNLocator

    labels = [label for label, _ in shown.bars]
    counts = [count for _, count in shown.bars]
    colours = [OTHER if label in shown.grey else PALETTE[0] for label in labels]
    if shown.horizontal:
        figure, axes = plt.subplots(figsize=(10, 1.8 + 0.34 * len(labels)), dpi=110)
        bars = axes.barh(labels, counts, color=colours, height=0.7)
        axes.set_ylim(len(labels) - 0.4, -0.6)  # the first bar on top, half a bar's room at each end
        axes.set_xlabel("Confession scenes")
        axes.set_ylabel(shown.category)
        value_axis, grid = axes.xaxis, "x"
    else:  # years: one short label a bar, turned only when there are too many to sit side by side
        figure, axes = plt.subplots(figsize=(min(14.0, max(8.0, 2.0 + 0.48 * len(labels))), 5.5), dpi=110)
        bars = axes.bar(labels, counts, color=colours, width=0.7)
        axes.set_xlabel(shown.category)
        axes.set_ylabel("Confession scenes")
        value_axis, grid = axes.yaxis, "y"
        if len(labels) < 6:  # a few bars keep a bar's width, centred
            spare = (6 - len(labels)) / 2
            axes.set_xlim(-0.5 - spare, len(labels) - 0.5 + spare)
        if len(labels) > 25:
            axes.tick_params(axis="x", labelrotation=45)
            for tick in axes.get_xticklabels():
                tick.set_horizontalalignment("right")
                tick.set_rotation_mode("anchor")
    value_axis.set_major_locator(MaxNLocator(integer=True))
    axes.bar_label(bars, padding=3, fontsize=9)
    if shown.horizontal:
        axes.margins(x=0.08)
    else:
        axes.margins(y=0.08)
    axes.grid(axis=grid, color="#DDDDDD", linewidth=0.8)
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    figure.suptitle(shown.title, x=0.01, ha="left", fontsize=14, wrap=True)
    if shown.note:
        figure.text(0.01, 0.01, shown.note, ha="left", va="bottom", fontsize=9, color="#555555")
    footnote = 0.3 / figure.get_figheight() if shown.note else 0  # a line of small text: 0.3 inch
    figure.tight_layout(rect=(0, footnote, 1, 1))
    return figure
