"""Inside the release folder: per-drama documents, the schema.org and Wikidata views, provenance in
TriG, the ontology pages, and the README's diagram and CITATION.cff beside them.

Every expected number is computed from the graph, never written down, so the tests hold as data grows.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pyld import jsonld
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF

import kgraph
from kgraph.namespaces import KD, SCHEMA, WD

DATA = kgraph.load(include_ontology=False)
DRAMAS = sorted(DATA.subjects(RDF.type, KD.Drama))


def _slug(drama: URIRef) -> str:
    return str(drama).rsplit("/", 1)[-1]


def _nt(data: str) -> set:
    return set(Graph().parse(data=data, format="nt"))


@pytest.fixture(scope="module")
def folder(release_folder) -> Path:
    return release_folder


# --- per-drama documents --------------------------------------------------------------------------

DRAMA_TRIPLES = """
SELECT DISTINCT ?s WHERE {
  { BIND(?drama AS ?s) }
  UNION { ?s kd:drama ?drama }
  UNION { ?part kd:drama ?drama ; kd:quote|kd:ranking ?s }
  UNION { ?drama kd:claim ?s }
  UNION { ?part kd:drama ?drama ; kd:claim ?s }
  UNION { ?part kd:drama ?drama ; kd:quote/kd:claim ?s }
  UNION { ?part kd:drama ?drama ; kd:actor ?s }
  UNION { ?drama kd:writer|kd:director ?s }
}
"""


def _expected(drama: URIRef) -> set:
    subjects = {row[0] for row in DATA.query(DRAMA_TRIPLES, initBindings={"drama": drama})}
    return {t for s in subjects for t in DATA.triples((s, None, None))}


def test_each_drama_document_expands_to_exactly_its_triples(folder):
    wrong = []
    for drama in DRAMAS:
        document = json.loads((folder / "dramas" / f"{_slug(drama)}.jsonld").read_text(encoding="utf-8"))
        assert document["id"] == f"kdr:{_slug(drama)}" and document["type"] == "Drama"
        if _nt(jsonld.to_rdf(document, {"format": "application/n-quads"})) != _expected(drama):
            wrong.append(_slug(drama))
    assert not wrong, f"these documents do not expand to their drama's triples: {wrong}"


def test_each_drama_document_nests_cast_characters_and_scenes(folder):
    roles_of = {d: set() for d in DRAMAS}
    scenes_of = {d: set() for d in DRAMAS}
    for thing, drama in DATA.subject_objects(KD.drama):
        kinds = set(DATA.objects(thing, RDF.type))
        if drama in roles_of and KD.CastingRole in kinds:
            roles_of[drama].add(thing)
        if drama in scenes_of and KD.ConfessionScene in kinds:
            scenes_of[drama].add(thing)
    for drama in DRAMAS:
        document = json.loads((folder / "dramas" / f"{_slug(drama)}.jsonld").read_text(encoding="utf-8"))
        cast = document.get("cast", [])
        assert len(cast) == len(roles_of[drama]), _slug(drama)
        assert all(isinstance(role["actor"], dict) and role["actor"]["name"] for role in cast), _slug(drama)
        assert len(document.get("scenes", [])) == len(scenes_of[drama]), _slug(drama)
        orders = [r["billingOrder"] for r in cast if "billingOrder" in r]
        assert orders == sorted(orders), _slug(drama)


# --- views ----------------------------------------------------------------------------------------


def test_schema_org_document_expands_to_the_view(folder):
    from kgraph.release.export import apply_view

    document = json.loads((folder / "views" / "schema-org.jsonld").read_text(encoding="utf-8"))
    assert _nt(jsonld.to_rdf(document, {"format": "application/n-quads"})) == set(
        apply_view(DATA, "schema-org")
    )
    series = document["@graph"]
    assert len(series) == len(DRAMAS) and {s["type"] for s in series} == {"TVSeries"}
    roles = [role for s in series for role in s.get("actor", [])]
    assert len(roles) == len(set(DATA.subjects(RDF.type, KD.CastingRole)))
    assert all(r["type"] == "PerformanceRole" and r["characterName"] for r in roles)
    assert all(r["actor"]["type"] == "Person" and r["actor"]["name"] for r in roles)


def test_each_schema_org_snippet_holds_its_series(folder):
    from kgraph.namespaces import SCHEMA
    from kgraph.release.export import apply_view

    view = apply_view(DATA, "schema-org")
    for drama in DRAMAS:
        roles = set(view.objects(drama, SCHEMA.actor))
        people = {p for r in roles for p in view.objects(r, SCHEMA.actor)}
        people |= {p for prop in (SCHEMA.author, SCHEMA.director) for p in view.objects(drama, prop)}
        expected = {t for node in {drama, *roles, *people} for t in view.triples((node, None, None))}
        path = folder / "views" / "schema-org" / f"{_slug(drama)}.jsonld"
        snippet = json.loads(path.read_text("utf-8"))
        assert snippet["type"] == "TVSeries" and snippet["@context"]["@vocab"] == "https://schema.org/"
        assert _nt(jsonld.to_rdf(snippet, {"format": "application/n-quads"})) == expected, _slug(drama)


def test_quickstatements_has_a_row_per_verified_statement(folder):
    from kgraph.release.wikidata import COLUMNS, wikidata_items

    lines = (folder / "views" / "wikidata-quickstatements.tsv").read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == list(COLUMNS)
    items = wikidata_items(DATA)
    verified_dramas = [d for d in DRAMAS if d in items]
    assert len(lines) > 1 if verified_dramas else len(lines) == 1


def _unverified() -> Graph:
    """The data without any Wikidata link, so a test can add links of its own."""
    graph = DATA.copy()
    for prop in (OWL.sameAs, SCHEMA.sameAs):
        graph.remove((None, prop, None))
    return graph


def _drama_with_cast() -> tuple[URIRef, URIRef]:
    for drama in DRAMAS:
        actors = sorted(
            DATA.value(r, KD.actor) for r in DATA.subjects(KD.drama, drama) if (r, KD.actor, None) in DATA
        )
        if actors:
            return drama, actors[0]
    raise AssertionError("no drama has a cast")


def test_quickstatements_use_only_verified_items():
    from kgraph.release.wikidata import quickstatements

    graph = _unverified()
    drama, actor = _drama_with_cast()
    graph.add((drama, OWL.sameAs, WD["Q1"]))
    graph.add((actor, SCHEMA.sameAs, WD["Q2"]))
    rows = [line.split("\t") for line in quickstatements(graph).splitlines()[1:]]
    assert {(r[0], r[1]) for r in rows} == {("Q1", "P1113"), ("Q1", "P580"), ("Q1", "P161")}
    cast = [r for r in rows if r[1] == "P161"]
    assert cast
    assert all(r[2] == "Q2" and r[3] == "" for r in cast)
    assert all(r[5] == "S854" and r[6].startswith('"http') for r in cast if r[5])


def test_wikidata_view_swaps_in_verified_items():
    from kgraph.namespaces import PREFIXES
    from kgraph.release.export import apply_view

    graph = _unverified()
    drama, actor = _drama_with_cast()
    graph.add((drama, OWL.sameAs, WD["Q1"]))
    shaped = apply_view(graph, "wikidata")
    assert (WD["Q1"], PREFIXES["wdt"]["P161"], actor) in shaped
    assert (drama, None, None) not in shaped


# --- TriG provenance ------------------------------------------------------------------------------


def test_trig_places_each_triple_in_its_sources_graphs(folder):
    dataset = Dataset().parse(folder / "kdrama.trig", format="trig")
    graphs: dict = {}
    for s, p, o, g in dataset.quads():
        graphs.setdefault((s, p, o), set()).add(g.identifier if hasattr(g, "identifier") else g)
    sources = set(DATA.subjects(RDF.type, KD.Source))
    for (_, p, o), names in graphs.items():
        if p == DCTERMS.source:
            assert names == {o}
        for name in names:
            assert name in sources or str(name).startswith("https://w3id.org/kdrama-kg/data/")
    for subject, claim in DATA.subject_objects(KD.claim):
        triple = (subject, DATA.value(claim, KD.claimedProperty), DATA.value(claim, KD.claimedValue))
        if triple in DATA:
            assert set(DATA.objects(claim, DCTERMS.source)) <= graphs[triple]
    for subject in set(DATA.subjects(DCTERMS.source)):
        cited = set(DATA.objects(subject, DCTERMS.source))
        for triple in DATA.triples((subject, RDF.type, None)):
            assert graphs[triple] == cited


# --- ontology pages and the command ---------------------------------------------------------------


def test_every_class_and_property_has_a_page(folder):
    from rdflib.namespace import SH

    from kgraph.release.docs import ontology_graph, ontology_terms
    from kgraph.store.loading import load_shapes

    ontology = ontology_graph()
    classes, properties = ontology_terms(ontology)
    index = (folder / "docs" / "index.html").read_text(encoding="utf-8")
    for kind, terms in (("class", classes), ("property", properties)):
        for term in terms:
            local = str(term).rsplit("#", 1)[-1]
            page = (folder / "docs" / kind / f"{local}.html").read_text(encoding="utf-8")
            assert str(ontology.value(term, URIRef("http://www.w3.org/2000/01/rdf-schema#label"))) in page
            assert f'href="{kind}/{local}.html"' in index
            if kind == "class":
                shapes = load_shapes()
                rules = {
                    r
                    for shape in shapes.subjects(SH.targetClass, term)
                    for r in [*shapes.objects(shape, SH.property), *shapes.objects(shape, SH.sparql)]
                }
                listed = page.split("<h2>Rules</h2>")[1].count("<li>") if rules else 0
                assert listed == len(rules), f"{local}: every SHACL rule on its page"


def test_readme_diagram_shows_every_class_and_link():
    """Every kd: class is a node of the README's diagram, and every link between resources an edge."""
    import re

    from kgraph.release.docs import ontology_graph, ontology_terms

    from .conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (diagram,) = re.findall(r"```mermaid\n(.*?)```", readme, re.S)
    ontology = ontology_graph()
    classes, properties = ontology_terms(ontology)
    for term in classes:
        assert re.search(rf"\b{term.rsplit('#', 1)[-1]}\b", diagram), f"draw {term} in the README"
    for term in properties:
        if (term, RDF.type, OWL.DatatypeProperty) not in ontology:
            assert f"kd:{term.rsplit('#', 1)[-1]} " in diagram, f"draw kd:{term.rsplit('#', 1)[-1]}"


def test_citation_names_the_package_version():
    import re
    import tomllib

    from .conftest import ROOT

    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    citation = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert re.search(rf'^version: "{re.escape(version)}"$', citation, re.M)
    assert "license: CC-BY-4.0" in citation


def test_framing_keeps_nodes_that_lack_the_linked_properties():
    """A quote without a speaker or claim, or a claim without a value, stays in the document."""
    from kgraph.release.framing import drama_graph, frame_drama

    graph = DATA.copy()
    scene = sorted(DATA.subjects(KD.quote))[0]
    drama = DATA.value(scene, KD.drama)
    quote = DATA.value(scene, KD.quote)
    graph.remove((quote, KD.speaker, None))
    graph.remove((quote, KD.claim, None))
    for claim in DATA.objects(scene, KD.claim):
        graph.remove((claim, KD.claimedValue, None))
    nquads = jsonld.to_rdf(frame_drama(graph, drama), {"format": "application/n-quads"})
    assert _nt(nquads) == set(drama_graph(graph, drama))
