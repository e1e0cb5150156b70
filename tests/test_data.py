"""Per-record rules on the bundled data, one test per rule, parametrized over records."""

from __future__ import annotations

import re

import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF

import kgraph
from kgraph import resources
from kgraph.canonical import canonical_turtle
from kgraph.namespaces import KD, KDR, SCHEMA, curie
from kgraph.validation import run_checks

DATA = kgraph.load(include_ontology=False)
SEED = KDR["source.gulf-news-five-confessions"]


def _subjects(cls):
    return sorted(DATA.subjects(RDF.type, cls))


DRAMAS = _subjects(KD.Drama)
ROLES = _subjects(KD.CastingRole)
SCENES = _subjects(KD.ConfessionScene)
SOURCES = _subjects(KD.Source)
RESOURCES = sorted({s for s in DATA.subjects() if isinstance(s, URIRef)})


@pytest.mark.parametrize("node", DRAMAS + ROLES + SCENES, ids=curie)
def test_drama_role_and_scene_cite_a_source(node):
    assert (node, DCTERMS.source, None) in DATA, f"{curie(node)} needs dct:source (data/sources.ttl)"


@pytest.mark.parametrize("source", SOURCES, ids=curie)
def test_source_is_cited(source):
    cited = (None, DCTERMS.source, source) in DATA or (None, KD.rankedIn, source) in DATA
    assert cited, f"{curie(source)} is never cited: cite it or remove it from data/sources.ttl"


@pytest.mark.parametrize("source", SOURCES, ids=curie)
def test_source_url_is_http(source):
    url = DATA.value(source, SCHEMA.url)
    assert url is None or re.match(r"https?://", str(url)), f"{curie(source)} has a URL that is not http(s)"


@pytest.mark.parametrize("drama", DRAMAS, ids=curie)
def test_korean_title_is_hangul(drama):
    titles = [t for t in DATA.objects(drama, SCHEMA.name) if t.language == "ko"]
    assert titles and all(re.search("[가-힣]", t) for t in titles), f"{curie(drama)} needs a Hangul title @ko"


@pytest.mark.parametrize("node", RESOURCES, ids=curie)
def test_resource_iri_is_a_lowercase_slug(node):
    if not str(node).startswith(str(KDR)):
        return
    local = str(node)[len(str(KDR)) :]
    assert re.fullmatch(r"[a-z0-9]+(?:[-.][a-z0-9]+)*", local), f"{curie(node)}: use lowercase ASCII slugs"


def test_data_has_no_blank_nodes():
    blank = {s for s in DATA.subjects() if isinstance(s, BNode)}
    assert not blank, "give every resource an IRI (kdr:...); blank nodes cannot be pointed at"


@pytest.mark.parametrize("node", sorted(DATA.subjects(unique=True)), ids=curie)
def test_text_has_no_stray_whitespace(node):
    for _, value in DATA.predicate_objects(node):
        if isinstance(value, Literal) and isinstance(value.value, str | type(None)):
            assert str(value) == str(value).strip() and "\r" not in value, f"{curie(node)}: trim '{value}'"


@pytest.mark.parametrize("scene", SCENES, ids=curie)
def test_scene_has_a_confessor_of_its_drama(scene):
    drama = DATA.value(scene, KD.drama)
    for character in DATA.objects(scene, KD.confessor):
        assert (character, KD.drama, drama) in DATA


@pytest.fixture(scope="module")
def check_results():
    """Every check's results on the bundled data, run once for all the tests below."""
    return run_checks(DATA)


@pytest.mark.parametrize("check", resources.check_query_files(), ids=lambda p: p.stem)
def test_quality_check_returns_no_rows(check, check_results):
    rows = [r for r in check_results if r.rule == f"check:{check.stem}"]
    assert not rows, "\n".join(str(r) for r in rows)


@pytest.mark.parametrize(
    "path", resources.data_files(), ids=lambda p: p.relative_to(resources.data_dir()).as_posix()
)
def test_data_file_is_canonical(path):
    assert path.read_text(encoding="utf-8") == canonical_turtle(path), (
        f"{path.name} is not in canonical form: run 'make format' (python -m kgraph.canonical)"
    )


SPELLING_VARIANT = """
PREFIX kd: <https://w3id.org/kdrama-kg/ontology#>
PREFIX kdr: <https://w3id.org/kdrama-kg/resource/>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX schema: <https://schema.org/>
kdr:kim-taeri a kd:Person ; schema:name "Kim Taeri"@en .
"""


@pytest.mark.parametrize(
    ("extra", "flagged"), [("", True), ("kdr:kim-taeri owl:differentFrom kdr:kim-tae-ri .", False)]
)
def test_name_collision_check_flags_spelling_variants(extra, flagged):
    from rdflib import Graph

    graph = Graph()
    graph += DATA
    graph.parse(data=SPELLING_VARIANT + extra, format="turtle")
    rows = [r for r in run_checks(graph) if r.rule == "check:person-name-collision"]
    assert bool(rows) == flagged


@pytest.mark.parametrize("drama", DRAMAS, ids=curie)
def test_drama_has_a_source_a_lead_and_a_scene(drama):
    assert (drama, DCTERMS.source, None) in DATA, f"{curie(drama)}: cite where the drama was read"
    roles = set(DATA.subjects(KD.drama, drama)) & set(DATA.subjects(RDF.type, KD.CastingRole))
    assert any((role, KD.billing, KD.Lead) in DATA for role in roles), f"{curie(drama)}: add its leads"
    scenes = set(DATA.subjects(KD.drama, drama)) & set(DATA.subjects(RDF.type, KD.ConfessionScene))
    assert scenes, f"{curie(drama)}: add a sourced confession scene"
