"""No named query and no network pairs a character, or an actor, with itself.

A mutual confession (``kd:mutual true``) lists its characters both as confessor and as addressee:
each is paired with the other, A to B and B to A, never A with A. Here every named query runs (with
its header's example parameters and with the recorded cases), and in every row no two cells name
the same character, the same actor, or two characters played by the same actor.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

import networkx as nx
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

import kgraph
from kgraph.namespaces import KD, SCHEMA, curie
from kgraph.sparql.named import list_queries

from .answers import CASES

QUERIES = list_queries()
MUTUAL = """
SELECT ?scene ?a ?b WHERE {
  ?scene kd:mutual true ; kd:confessor ?a, ?b ; kd:addressee ?a, ?b .
  FILTER (?a != ?b)
}"""


def _runs() -> list[tuple[str, dict[str, str]]]:
    """Every named query with its required examples, alone and with each optional example, and the
    recorded cases of tests/answers.py."""
    runs = []
    for query in QUERIES:
        if query.kind != "select":
            continue
        required = {p.name: p.example for p in query.parameters if p.required}
        runs.append((query.name, required))
        runs += [(query.name, required | {p.name: p.example}) for p in query.parameters if not p.required]
    runs += [case for case in CASES if case not in runs]
    return runs


RUNS = _runs()


class Who:
    """Which characters and people a query cell names: by IRI, or by a name they have."""

    def __init__(self, graph: Graph) -> None:
        self.kind: dict[URIRef, str] = {}
        for kind, cls in (("character", KD.Character), ("person", KD.Person)):
            for node in graph.subjects(RDF.type, cls):
                self.kind[node] = kind
        self.named: dict[str, set[URIRef]] = defaultdict(set)
        for node in self.kind:
            for name in graph.objects(node, SCHEMA.name):
                self.named[str(name)].add(node)
        self.actors: dict[URIRef, set[URIRef]] = defaultdict(set)
        for role, character in graph.subject_objects(KD.character):
            self.actors[character].update(graph.objects(role, KD.actor))

    def one(self, cell: object) -> frozenset[URIRef] | None:
        """The one character or person a cell names (several if their names are the same), or
        None when the cell names nobody, or several people joined with `` & ``: a side of a
        scene, whose members are each paired with the other side's other members."""
        if isinstance(cell, URIRef):
            return frozenset({cell}) if cell in self.kind else None
        if not isinstance(cell, Literal) or " & " in str(cell):
            return None
        return frozenset(self.named.get(str(cell), ())) or None

    def people(self, named: frozenset[URIRef]) -> frozenset[URIRef]:
        """The people the named ones are: the person, or the actors who play the character."""
        found: set[URIRef] = set()
        for node in named:
            found |= {node} if self.kind[node] == "person" else self.actors[node]
        return frozenset(found)


@pytest.fixture(scope="module")
def who(graph) -> Who:
    return Who(graph)


def self_pairs(result, who: Who) -> list[str]:
    """The rows of ``result`` in which two cells name the same character, or the same person
    (an actor, or the actors of two characters); a character beside its own actor is no pair."""
    found = []
    for row in result.rows:
        named = [(column, who.one(cell)) for column, cell in zip(result.columns, row, strict=True)]
        cells = [(column, nodes) for column, nodes in named if nodes]
        for (first, a), (second, b) in combinations(cells, 2):
            kinds = {who.kind[n] for n in a | b}
            same = a & b if kinds == {"character"} or kinds == {"person"} else frozenset()
            if kinds == {"character"}:
                same |= who.people(a) & who.people(b)
            if same:
                found.append(f"{first} and {second} both name {', '.join(sorted(map(curie, same)))}: {row}")
    return found


@pytest.mark.parametrize(("name", "params"), RUNS, ids=lambda v: v if isinstance(v, str) else str(v))
def test_no_named_query_pairs_anyone_with_themselves(name, params, graph, who):
    result = kgraph.query(name, graph, **params)
    assert not self_pairs(result, who)


def test_a_query_that_pairs_actors_with_themselves_is_caught(graph, who):
    """The check above finds what it looks for: co-stars without the filter that keeps a != b."""
    text = """
    SELECT ?actor_1 ?actor_2 WHERE {
      ?r1 kd:actor ?a1 ; kd:drama ?d . ?a1 schema:name ?actor_1 . FILTER (LANG(?actor_1) = "en")
      ?r2 kd:actor ?a2 ; kd:drama ?d . ?a2 schema:name ?actor_2 . FILTER (LANG(?actor_2) = "en")
    }"""
    assert self_pairs(kgraph.query(text, graph), who)


def test_a_mutual_scene_pairs_its_characters_each_way_in_the_queries(graph):
    mutual = {(r["scene"], r["a"], r["b"]) for r in kgraph.query(MUTUAL, graph)}
    assert len({scene for scene, _, _ in mutual}) >= 11
    rows = kgraph.query("mutual-confessions", graph).rows
    found = {(curie(row[3]), curie(row[4])) for row in rows}
    for scene, _, _ in mutual:
        assert (scene, scene) in found, f"{scene} is mutual but not in mutual-confessions"


def test_the_confession_network_has_no_self_loop_and_both_edges_of_a_mutual_scene(graph):
    g = kgraph.confession_graph(graph)
    assert nx.number_of_selfloops(g) == 0
    mutual = list(kgraph.query(MUTUAL, graph))
    assert mutual
    for row in mutual:
        a, b = (str(graph.namespace_manager.expand_curie(row[k])) for k in ("a", "b"))
        assert g.has_edge(a, b, key=row["scene"]) and g.has_edge(b, a, key=row["scene"])
        assert g.edges[a, b, row["scene"]]["mutual"] is True
    assert not any(
        data["mutual"]
        for _, _, key, data in g.edges(keys=True, data=True)
        if key not in {r["scene"] for r in mutual}
    )


def test_the_costar_network_has_no_self_loop(graph):
    assert nx.number_of_selfloops(kgraph.costar_graph(graph)) == 0


def test_the_check_lists_unmarked_mutual_scenes_and_self_pairs(data_graph):
    from kgraph.shacl.validate import run_checks

    graph = Graph()  # one drama's scenes are enough to show what the check finds
    graph += data_graph.triples((None, KD.drama, URIRef("https://w3id.org/kdrama-kg/resource/vincenzo")))
    for scene in list(graph.subjects()):
        graph += data_graph.triples((scene, None, None))
    unmarked = URIRef("https://w3id.org/kdrama-kg/resource/vincenzo.confession-1")
    marked_alone = URIRef("https://w3id.org/kdrama-kg/resource/vincenzo.confession-2")
    graph.remove((unmarked, KD.mutual, None))
    graph.add((marked_alone, KD.mutual, Literal(True)))
    found = {r.focus for r in run_checks(graph) if r.rule == "check:character-paired-with-self"}
    assert found == {curie(unmarked), curie(marked_alone)}
