"""The static site and dereferenceable IRIs, on the small valid fixture (fast).

The whole site in a real browser is in ``test_site_browser.py`` (slow).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from kgraph.errors import OutputError
from kgraph.site.build import build_site, site_files
from kgraph.site.facts import KDR, Facts
from kgraph.site.search import fold
from kgraph.site.w3id import PARTS, htaccess

FIXTURE = Path(__file__).parent / "fixtures" / "valid" / "minimal.ttl"


@pytest.fixture(scope="module")
def graph() -> Graph:
    return Graph().parse(FIXTURE)


@pytest.fixture(scope="module")
def files(graph) -> dict[str, bytes]:
    return site_files(graph, networks=False)


def test_every_resource_with_a_page_has_its_html_turtle_and_json_ld(graph, files):
    for slug in (
        "example-drama",
        "example-actor-a",
        "example-drama.hero",
        "example-drama.confession-1",
        "network.example",
        "source.example",
    ):
        assert {f"resource/{slug}.{s}" for s in ("html", "ttl", "jsonld")} <= set(files), slug
    assert "resource/example-drama.role.example-actor-a.html" not in files  # a part of the drama's page


def test_the_rdf_beside_a_page_parses_to_its_statements_and_its_parts(graph, files):
    scene = URIRef(KDR + "example-drama.confession-1")
    expected = set(Facts(graph).description(scene))
    assert (scene, None, None) in Graph().parse(
        data=files[f"resource/{scene[len(KDR) :]}.ttl"], format="turtle"
    )
    for suffix, fmt in (("ttl", "turtle"), ("jsonld", "json-ld")):
        parsed = Graph().parse(data=files[f"resource/example-drama.confession-1.{suffix}"], format=fmt)
        assert set(parsed) == expected, suffix
    quote = URIRef(KDR + "example-drama.confession-1.quote-1")
    assert (quote, None, None) in Graph().parse(data=files["resource/example-drama.confession-1.ttl"])


def test_a_page_embeds_schema_org_links_its_rdf_marks_korean_and_cites_its_sources(files):
    page = files["resource/example-drama.html"].decode()
    embedded = page.split('<script type="application/ld+json">')[1].split("</script>")[0]
    assert json.loads(embedded)["@type"] == ["TVSeries"]
    assert '<link rel="alternate" type="text/turtle" href="example-drama.ttl">' in page
    assert 'lang="ko"' in page
    assert 'href="../resource/source.example.html"' in page


def test_two_builds_give_the_same_bytes_and_a_file_is_not_replaced(graph, files, tmp_path):
    assert site_files(graph, networks=False) == files
    target = tmp_path / "taken"
    target.write_text("keep me")
    with pytest.raises(OutputError, match="is a file"):
        build_site(target, graph, networks=False)
    assert target.read_text() == "keep me" and sorted(p.name for p in tmp_path.iterdir()) == ["taken"]


def test_search_folds_romanisations_to_one_key():
    assert fold("kim tae ri") == fold("Kim Taeri") == fold("Kim Tae-ri")
    assert fold("김태리") == "김태리"


# --- dereferenceable IRIs ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def client(graph):
    from starlette.testclient import TestClient

    from kgraph.serve.app import create_app
    from kgraph.site.resolve import Resolver

    return TestClient(create_app(None, [], Resolver(graph)))  # type: ignore[arg-type]  # no queries here


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("text/turtle", "turtle"),
        ("application/ld+json", "json-ld"),
        ("application/n-triples", "nt"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_an_iri_answers_rdf_by_accept(client, graph, accept, fmt):
    answer = client.get("/resource/example-drama", headers={"Accept": accept})
    assert answer.status_code == 200 and answer.headers["vary"] == "Accept"
    assert answer.headers["content-type"].startswith(accept)
    drama = URIRef(KDR + "example-drama")
    assert set(Graph().parse(data=answer.content, format=fmt)) == set(Facts(graph).description(drama))


def test_a_browser_gets_the_page_the_site_has(client, files):
    answer = client.get("/resource/example-drama", headers={"Accept": "text/html,*/*;q=0.8"})
    assert answer.status_code == 200 and answer.headers["vary"] == "Accept"
    assert answer.text == files["resource/example-drama.html"].decode()


def test_an_unknown_slug_gets_a_helpful_404_and_an_unknown_type_a_406(client):
    answer = client.get("/resource/example-dramma", headers={"Accept": "text/html"})
    assert answer.status_code == 404 and "example-drama" in answer.text
    assert client.get("/resource/example-drama", headers={"Accept": "image/png"}).status_code == 406


def test_the_ontology_answers_by_accept(client):
    assert "kd:Drama" in client.get("/ontology", headers={"Accept": "text/html"}).text
    turtle = client.get("/ontology", headers={"Accept": "text/turtle"})
    assert (URIRef("https://w3id.org/kdrama-kg/ontology#Drama"), None, None) in Graph().parse(
        data=turtle.content, format="turtle"
    )


def _page_of(slug: str) -> tuple[str, str] | None:
    """The page slug and anchor the redirect rules send a part to, as Apache would match them."""
    for pattern, parent, anchor in PARTS:
        if match := re.fullmatch(pattern, slug):
            return match.expand(parent.replace("$", "\\")), match.expand(anchor.replace("$", "\\"))
    return None


def test_every_iri_without_a_page_is_led_to_the_page_that_holds_it(graph, files):
    prefix = KDR
    parts = {s for s in graph.subjects() if str(s).startswith(prefix)} - {
        URIRef(KDR + name[len("resource/") : -len(".html")]) for name in files if name.endswith(".html")
    }
    assert parts  # roles, quotes, claims
    for part in parts:
        slug = str(part)[len(prefix) :]
        found = _page_of(slug)
        assert found, f"no redirect rule for {slug}"
        page, anchor = found
        assert f"resource/{page}.html" in files, slug
        if anchor:
            assert f'id="{anchor[1:]}"'.encode() in files[f"resource/{page}.html"], slug
        held = Graph().parse(data=files[f"resource/{page}.ttl"], format="turtle")
        assert set(graph.triples((part, None, None))) <= set(held), slug
    assert "RewriteRule ^resource/([^./]+)\\.role\\." in htaccess("https://example.org/kg/1.0/")
