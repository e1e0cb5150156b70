"""QuickStatements-style statements for Wikidata, made only from resources whose Wikidata item was
verified (an ``owl:sameAs`` or ``schema:sameAs`` link to ``wd:Q...`` in the data).

A statement is written only when every item it names is verified: a cast member (P161) needs the
drama and the actor, and its character role qualifier (P453) is added only when the character has
an item too. Each statement cites, as reference URL (S854), the first page (in IRI order) that the
drama or the casting role names as its source.
"""

from __future__ import annotations

from rdflib import Graph
from rdflib.namespace import DCTERMS, OWL, RDF
from rdflib.term import Node

from kgraph.namespaces import KD, SCHEMA, WD

__all__ = ["COLUMNS", "quickstatements", "wikidata_items"]

#: the TSV's header; QuickStatements' own input is the same rows without it
COLUMNS = ("item", "property", "value", "qualifier", "qualifier_value", "reference", "reference_value")


def wikidata_items(graph: Graph) -> dict[Node, str]:
    """Map each resource with a verified Wikidata item to the item's id (``Q...``).

    >>> from rdflib import Graph
    >>> from kgraph.namespaces import KDR
    >>> g = Graph().add((KDR["run-on"], OWL.sameAs, WD["Q1"]))
    >>> wikidata_items(g)[KDR["run-on"]]
    'Q1'
    """
    items: dict[Node, str] = {}
    for prop in (OWL.sameAs, SCHEMA.sameAs):
        for node, item in graph.subject_objects(prop):
            local = str(item)[len(str(WD)) :]
            if str(item).startswith(str(WD)) and local[:1] == "Q" and local[1:].isdigit():
                items[node] = local
    return items


def _reference(graph: Graph, node: Node) -> tuple[str, str]:
    urls = sorted(str(u) for s in graph.objects(node, DCTERMS.source) for u in graph.objects(s, SCHEMA.url))
    return ("S854", f'"{urls[0]}"') if urls else ("", "")


def quickstatements(graph: Graph) -> str:
    """Write the verified statements as a headed TSV, one statement a line, sorted.

    :param graph: the data graph.
    :returns: the TSV text; only the header when no item is verified.

    >>> quickstatements(Graph()).splitlines()
    ['item\\tproperty\\tvalue\\tqualifier\\tqualifier_value\\treference\\treference_value']
    """
    items = wikidata_items(graph)
    rows: list[tuple[str, ...]] = []
    for drama in graph.subjects(RDF.type, KD.Drama):
        if drama not in items:
            continue
        qid, ref = items[drama], _reference(graph, drama)
        for episodes in graph.objects(drama, SCHEMA.numberOfEpisodes):
            rows.append((qid, "P1113", str(episodes), "", "", *ref))
        for start in graph.objects(drama, SCHEMA.startDate):
            rows.append((qid, "P580", f"+{start}T00:00:00Z/11", "", "", *ref))
        for network in graph.objects(drama, KD.originalNetwork):
            if network in items:
                rows.append((qid, "P449", items[network], "", "", *ref))
        for role in graph.subjects(KD.drama, drama):
            actor, character = graph.value(role, KD.actor), graph.value(role, KD.character)
            if (role, RDF.type, KD.CastingRole) not in graph or actor not in items:
                continue
            qualifier = ("P453", items[character]) if character in items else ("", "")
            rows.append((qid, "P161", items[actor], *qualifier, *_reference(graph, role)))
    lines = ["\t".join(COLUMNS)] + ["\t".join(row) for row in sorted(set(rows))]
    return "\n".join(lines) + "\n"
