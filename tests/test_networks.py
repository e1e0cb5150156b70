"""networkx views: built from the graph, scalar attributes only, written and read back unchanged.

Every expected number is computed here from SPARQL rows, independently of kgraph.networks.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections import Counter, defaultdict
from itertools import combinations

import networkx as nx
import pytest
from networkx.algorithms import bipartite
from networkx.utils import nodes_equal
from rdflib import URIRef

import kgraph
from kgraph.errors import KgraphError, OutputError
from kgraph.namespaces import PREFIXES, curie
from kgraph.networks import BUILDERS, graph_bytes, write_graph

KDR = "https://w3id.org/kdrama-kg/resource/"


def rows(text):
    """Run SPARQL straight on rdflib (not through kgraph.query) and return rows of full IRIs."""
    result = kgraph.load().query(text, initNs=PREFIXES)
    return [{str(k): str(v) for k, v in row.asdict().items()} for row in result]


ROLES = (
    "SELECT ?actor ?drama ?billing WHERE "
    "{ ?r a kd:CastingRole ; kd:actor ?actor ; kd:drama ?drama ; kd:billing ?billing }"
)


def pairs_from_rows(role_rows):
    cast = defaultdict(set)
    for row in role_rows:
        cast[row["drama"]].add(row["actor"])
    weights = Counter()
    for actors in cast.values():
        weights.update(combinations(sorted(actors), 2))
    return weights


@pytest.fixture(scope="module", params=sorted(BUILDERS))
def built(request):
    return request.param, BUILDERS[request.param]()


# --- every graph: scalar attributes, files that read back unchanged ------------------------------


def test_attributes_are_scalars(built):
    _, g = built
    for _, attrs in g.nodes(data=True):
        assert all(isinstance(v, str | int | float | bool) for v in attrs.values())
    for *_, attrs in g.edges(data=True):
        assert all(isinstance(v, str | int | float | bool) for v in attrs.values())


def _edges(g):
    if g.is_multigraph():
        return sorted((u, v, k, tuple(sorted(d.items()))) for u, v, k, d in g.edges(keys=True, data=True))
    if g.is_directed():
        return sorted((u, v, tuple(sorted(d.items()))) for u, v, d in g.edges(data=True))
    return sorted((*sorted((u, v)), tuple(sorted(d.items()))) for u, v, d in g.edges(data=True))


def test_graphml_reads_back_with_networkx(built, tmp_path):
    name, g = built
    path = write_graph(g, tmp_path / f"{name}.graphml")
    again = nx.read_graphml(path, force_multigraph=g.is_multigraph())
    assert again.is_directed() == g.is_directed()
    assert nodes_equal(g.nodes(data=True), again.nodes(data=True))
    assert _edges(again) == _edges(g)


def test_graphml_reads_back_with_igraph(built, tmp_path):
    igraph = pytest.importorskip("igraph")
    name, g = built
    path = write_graph(g, tmp_path / f"{name}.graphml")
    other = igraph.Graph.Read_GraphML(str(path))
    assert other.vcount() == g.number_of_nodes()
    assert other.ecount() == g.number_of_edges()
    # igraph leaves the character reference for "&" undecoded in ids
    ids = [i.replace("&#38;", "&") for i in other.vs["id"]]
    assert sorted(ids) == sorted(g.nodes)
    for vertex in other.vs:
        expected = g.nodes[vertex["id"].replace("&#38;", "&")]
        assert {k: vertex[k] for k in expected} == expected
    seen = []
    for edge in other.es:
        u, v = ids[edge.source], ids[edge.target]
        attrs = {k: edge[k] for k in edge.attributes() if k != "id" and edge[k] not in (None, "")}
        seen.append((u, v) if g.is_directed() else tuple(sorted((u, v))))
        if not g.is_multigraph():
            expected = {k: x for k, x in g.edges[u, v].items() if x != ""}
            assert attrs == expected
    assert sorted(seen) == sorted((u, v) if g.is_directed() else tuple(sorted((u, v))) for u, v in g.edges())


def test_gexf_reads_back(built, tmp_path):
    name, g = built
    again = nx.read_gexf(write_graph(g, tmp_path / f"{name}.gexf"), node_type=str)
    assert sorted(again.nodes) == sorted(g.nodes)
    assert again.number_of_edges() == g.number_of_edges()
    for node, attrs in g.nodes(data=True):
        kept = {k: v for k, v in again.nodes[node].items() if k in attrs and k != "label"}
        assert kept == {k: v for k, v in attrs.items() if k != "label"}
        assert again.nodes[node]["label"] == attrs.get("label", node)


def test_node_link_round_trip(built, tmp_path):
    name, g = built
    data = json.loads(write_graph(g, tmp_path / f"{name}.json").read_text(encoding="utf-8"))
    assert "edges" in data and "links" not in data
    again = nx.node_link_graph(data, edges="edges")
    assert nodes_equal(g.nodes(data=True), again.nodes(data=True))
    assert _edges(again) == _edges(g)


def test_csv_edge_list_has_a_row_per_edge_with_labels(built):
    _, g = built
    table = list(csv.DictReader(io.StringIO(graph_bytes(g, "csv").decode("utf-8"))))
    assert len(table) == g.number_of_edges()
    for row in table:
        assert row["source_label"] == g.nodes[row["source"]].get("label", "")
        assert row["target_label"] == g.nodes[row["target"]].get("label", "")


@pytest.mark.parametrize(("fmt", "magic"), [("png", b"\x89PNG\r\n\x1a\n"), ("svg", b"<svg")])
def test_pictures_are_drawn_the_same_every_time(fmt, magic):
    pytest.importorskip("matplotlib")
    g = kgraph.costar_graph(billing=("lead",))  # the leads' network: small, quick to draw twice
    first, second = graph_bytes(g, fmt), graph_bytes(g, fmt)
    assert magic in first[:400]
    assert first == second


@pytest.fixture(scope="module")
def pictures():
    """The co-star and confession pictures as SVG, drawn once for the tests below."""
    pytest.importorskip("matplotlib")
    networks = {"costar": kgraph.costar_graph(), "confession": kgraph.confession_graph()}
    return {kind: (g, graph_bytes(g, "svg").decode("utf-8")) for kind, g in networks.items()}


def _texts(svg: str) -> list[str]:
    from xml.etree import ElementTree

    root = ElementTree.fromstring(svg)  # noqa: S314 - a picture kgraph just drew
    return ["".join(node.itertext()).strip() for node in root.iter("{http://www.w3.org/2000/svg}text")]


@pytest.mark.parametrize("kind", ["costar", "confession"])
def test_svg_pictures_tell_screen_readers_what_they_show(pictures, kind):
    g, svg = pictures[kind]
    head = svg[: svg.index("<metadata>")]
    assert 'role="img"' in head and 'aria-labelledby="title desc"' in head
    title = re.search(r'<title id="title">(.*?)</title>', head).group(1)
    description = re.search(r'<desc id="desc">(.*?)</desc>', head).group(1)
    assert title in _texts(svg), "the picture shows its title too"
    assert f"{g.number_of_nodes()}" in description and f"{g.number_of_edges()}" in description


def test_the_costar_picture_labels_only_the_best_connected_actors(pictures):
    g, svg = pictures["costar"]
    texts = set(_texts(svg))
    labels = {attrs["label"] for _, attrs in g.nodes(data=True)}
    shown = texts & labels
    assert 12 <= len(shown) <= 40, "some labels, never all of them"
    best = max(sorted(g.nodes), key=g.degree)
    assert g.nodes[best]["label"] in shown
    assert "Communities (Louvain), by size" in texts
    assert any(text.startswith("around ") for text in texts)


def test_the_confession_picture_names_every_drama_and_outcome(pictures):
    g, svg = pictures["confession"]
    texts = set(_texts(svg))
    assert {drama for _, drama in g.nodes(data="drama")} <= texts
    assert {outcome for *_, outcome in g.edges(data="outcome") if outcome} <= texts
    assert "Outcome of the confession" in texts


def test_a_missing_plot_extra_is_named(monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(OutputError, match=r"kdrama-kgraph\[plot\]"):
        graph_bytes(kgraph.costar_graph(), "png")


def test_unknown_graph_format(tmp_path):
    with pytest.raises(OutputError, match="unsupported graph format"):
        write_graph(kgraph.costar_graph(), tmp_path / "g.dot")
    assert not list(tmp_path.iterdir())


# --- each builder against SPARQL rows ------------------------------------------------------------


def test_costar_edges_and_weights_match_sparql():
    expected = pairs_from_rows(rows(ROLES))
    g = kgraph.costar_graph()
    assert {tuple(sorted(e)): d["weight"] for *e, d in g.edges(data=True)} == dict(expected)
    assert "Crash Landing on You" in g.edges[KDR + "hyun-bin", KDR + "son-ye-jin"]["dramas"].split("; ")


def test_costar_nodes_carry_names_and_drama_counts():
    table = rows(ROLES)
    dramas = defaultdict(set)
    for row in table:
        dramas[row["actor"]].add(row["drama"])
    g = kgraph.costar_graph()
    assert {n: d["dramas"] for n, d in g.nodes(data=True)} == {a: len(d) for a, d in dramas.items()}
    names = rows('SELECT ?p ?en ?ko WHERE { ?p a kd:Person ; schema:name ?en . FILTER(lang(?en) = "en") '
                 'OPTIONAL { ?p schema:name ?ko FILTER(lang(?ko) = "ko") } }')  # fmt: skip
    shared = {n for n, c in Counter(row["en"] for row in names if row["p"] in g).items() if c > 1}
    for row in names:
        if row["p"] in g:
            slug = row["p"].rsplit("/", 1)[-1]
            expected = f"{row['en']} ({slug})" if row["en"] in shared else row["en"]
            assert g.nodes[row["p"]]["label"] == expected
            assert g.nodes[row["p"]]["label_ko"] == row.get("ko", "")
    labels = [d["label"] for _, d in g.nodes(data=True)]
    assert len(labels) == len(set(labels)), "two actors share a label"


def test_costar_leads_only():
    leads = [row for row in rows(ROLES) if row["billing"].endswith("#Lead")]
    g = kgraph.costar_graph(billing="lead")
    assert {tuple(sorted(e)) for e in g.edges()} == set(pairs_from_rows(leads))
    assert set(g.nodes) == {row["actor"] for row in leads}
    with pytest.raises(KgraphError, match="unknown billing star"):
        kgraph.costar_graph(billing="star")


def test_projection_of_the_cast_graph_is_the_costar_graph():
    cast = kgraph.drama_actor_graph()
    assert bipartite.is_bipartite(cast)
    actors = {n for n, d in cast.nodes(data=True) if d["bipartite"] == 1}
    projected = bipartite.weighted_projected_graph(cast, actors)
    costars = kgraph.costar_graph()
    assert sorted(projected.nodes) == sorted(costars.nodes)
    assert {tuple(sorted(e)): d["weight"] for *e, d in projected.edges(data=True)} == {
        tuple(sorted(e)): d["weight"] for *e, d in costars.edges(data=True)
    }


def test_cast_graph_has_an_edge_per_actor_and_drama_with_character_and_billing():
    table = rows(
        "SELECT ?actor ?drama ?name WHERE { ?r a kd:CastingRole ; kd:actor ?actor ; kd:drama ?drama ; "
        'kd:character ?c . ?c schema:name ?name FILTER(lang(?name) = "en") }'
    )
    g = kgraph.drama_actor_graph()
    assert g.number_of_edges() == len({(row["drama"], row["actor"]) for row in table})
    for row in table:
        assert row["name"] in g.edges[row["drama"], row["actor"]]["character"].split("; ")
    assert g.edges[KDR + "run-on", KDR + "im-si-wan"]["billing"] == "lead"


TROPES = (
    "SELECT ?scene ?drama ?trope WHERE { ?scene a kd:ConfessionScene ; kd:drama ?drama ; kd:trope ?trope }"
)


@pytest.mark.parametrize("by", ["scene", "drama"])
def test_trope_graph_counts_units_showing_both(by):
    units = defaultdict(set)
    for row in rows(TROPES):
        units[row[by]].add(row["trope"])
    if by == "drama":
        for row in rows("SELECT ?d ?t WHERE { ?d a kd:Drama ; kd:trope ?t }"):
            units[row["d"]].add(row["t"])
    pairs = Counter()
    counts = Counter()
    for tropes in units.values():
        counts.update(tropes)
        pairs.update(combinations(sorted(tropes), 2))
    g = kgraph.trope_graph(by=by)
    assert {n: d["count"] for n, d in g.nodes(data=True)} == dict(counts)
    assert {tuple(sorted(e)): d["weight"] for *e, d in g.edges(data=True)} == dict(pairs)
    bip = kgraph.trope_bipartite_graph(by=by)
    assert bip.number_of_edges() == sum(len(t) for t in units.values())


def test_trope_nodes_carry_their_broader_trope():
    g = kgraph.trope_graph()
    node = g.nodes[KDR + "trope.anguished-declaration-of-love"]
    assert node["broader"] == "kdr:trope.love-confession"
    with pytest.raises(KgraphError, match="unknown trope unit"):
        kgraph.trope_graph(by="episode")


def test_confession_graph_has_an_edge_per_scene_confessor_and_addressee():
    table = rows(
        "SELECT ?scene ?from ?to WHERE "
        "{ ?scene a kd:ConfessionScene ; kd:confessor ?from ; kd:addressee ?to }"
    )
    g = kgraph.confession_graph()
    expected = sorted(
        (row["from"], row["to"], curie(URIRef(row["scene"]))) for row in table if row["from"] != row["to"]
    )
    assert sorted(g.edges(keys=True)) == expected
    edges = g.get_edge_data(
        KDR + "descendants-of-the-sun.kang-mo-yeon", KDR + "descendants-of-the-sun.yoo-shi-jin"
    )
    assert set(edges) == {
        "kdr:descendants-of-the-sun.confession-1",
        "kdr:descendants-of-the-sun.confession-2",
    }


def test_confession_nodes_name_the_actor_and_edges_the_quote():
    g = kgraph.confession_graph()
    assert g.nodes[KDR + "run-on.ki-seon-gyeom"]["actor"] == "Im Si-wan"
    assert g.nodes[KDR + "run-on.ki-seon-gyeom"]["actor_iri"] == KDR + "im-si-wan"
    edge = g.edges[KDR + "run-on.ki-seon-gyeom", KDR + "run-on.oh-mi-joo", "kdr:run-on.confession-1"]
    assert edge["quote"].startswith("You taught me everything")
    assert edge["evidence"] == "single source"
    assert edge["episode"] == 0


def test_to_networkx_has_an_edge_per_triple_keyed_by_predicate(graph):
    g = kgraph.to_networkx(graph)
    assert g.number_of_edges() == len(graph)
    assert g.has_edge(KDR + "run-on", '"Run On"@en', key="https://schema.org/name")


def test_builders_work_on_a_users_own_file(tmp_path):
    path = tmp_path / "mine.ttl"
    path.write_text(
        """PREFIX kd: <https://w3id.org/kdrama-kg/ontology#>
PREFIX kdr: <https://w3id.org/kdrama-kg/resource/>
kdr:r1 a kd:CastingRole ; kd:actor kdr:a ; kd:drama kdr:d ; kd:billing kd:Lead .
kdr:r2 a kd:CastingRole ; kd:actor kdr:b ; kd:drama kdr:d ; kd:billing kd:Lead .
kdr:r3 a kd:CastingRole ; kd:actor kdr:c ; kd:drama kdr:e ; kd:billing kd:Supporting .
""",
        encoding="utf-8",
    )
    g = kgraph.costar_graph(kgraph.load([path], include_ontology=False))
    assert sorted(g.edges()) == [(KDR + "a", KDR + "b")]
    assert g.nodes[KDR + "c"]["label"] == "kdr:c"


# --- analysis answers against an independent computation ----------------------------------------


def _adjacency():
    adjacency = defaultdict(set)
    for a, b in pairs_from_rows(rows(ROLES)):
        adjacency[a].add(b)
        adjacency[b].add(a)
    for row in rows(ROLES):
        adjacency.setdefault(row["actor"], set())
    return adjacency


def _components(adjacency):
    seen, sizes = set(), []
    for start in adjacency:
        if start in seen:
            continue
        stack, size = [start], 0
        seen.add(start)
        while stack:
            node = stack.pop()
            size += 1
            for other in adjacency[node] - seen:
                seen.add(other)
                stack.append(other)
        sizes.append(size)
    return sorted(sizes, reverse=True)


def _betweenness(adjacency):
    """Brandes' algorithm, unweighted, normalised as for an undirected graph."""
    score = dict.fromkeys(adjacency, 0.0)
    for source in adjacency:
        order, paths, distance, parents = [], Counter({source: 1}), {source: 0}, defaultdict(list)
        queue = [source]
        for node in queue:
            order.append(node)
            for other in adjacency[node]:
                if other not in distance:
                    distance[other] = distance[node] + 1
                    queue.append(other)
                if distance[other] == distance[node] + 1:
                    paths[other] += paths[node]
                    parents[other].append(node)
        credit = Counter()
        for node in reversed(order):
            for parent in parents[node]:
                credit[parent] += paths[parent] / paths[node] * (1 + credit[node])
            if node != source:
                score[node] += credit[node]
    n = len(adjacency)
    scale = 1 / ((n - 1) * (n - 2)) if n > 2 else 1.0
    return {node: value * scale for node, value in score.items()}


def test_costar_analysis_matches_an_independent_count():
    adjacency = _adjacency()
    report = kgraph.analyze("costar", top=5)
    sizes = _components(adjacency)
    assert report.nodes == len(adjacency)
    assert report.edges == sum(len(v) for v in adjacency.values()) // 2
    assert (report.components, report.largest_component) == (len(sizes), sizes[0])
    assert list(report.component_sizes) == sizes
    n = len(adjacency)
    for ranked in report.degree:
        assert ranked.score == pytest.approx(len(adjacency[ranked.id]) / (n - 1), abs=1e-6)
    top_degree = max(len(v) for v in adjacency.values())
    assert report.degree[0].score == pytest.approx(top_degree / (n - 1), abs=1e-6)
    betweenness = _betweenness(adjacency)
    for ranked in report.betweenness:
        assert ranked.score == pytest.approx(betweenness[ranked.id], abs=1e-6)
    assert report.betweenness[0].score == pytest.approx(max(betweenness.values()), abs=1e-6)


def test_communities_partition_the_actors_and_their_modularity_is_right():
    adjacency = _adjacency()
    weights = pairs_from_rows(rows(ROLES))
    g = kgraph.costar_graph()
    report = kgraph.analyze("costar")
    names = {d["label"]: n for n, d in g.nodes(data=True)}
    groups = [{names[label] for label in community} for community in report.communities]
    assert sorted(n for group in groups for n in group) == sorted(adjacency)
    total = sum(weights.values())
    strength = Counter()
    for (a, b), w in weights.items():
        strength[a] += w
        strength[b] += w
    modularity = 0.0
    for group in groups:
        inside = sum(w for (a, b), w in weights.items() if a in group and b in group)
        modularity += inside / total - (sum(strength[n] for n in group) / (2 * total)) ** 2
    assert report.modularity == pytest.approx(modularity, abs=1e-6)


def test_trope_analysis_lists_the_pairs_seen_together_most_often():
    units = defaultdict(set)
    for row in rows(TROPES):
        units[row["scene"]].add(row["trope"])
    pairs = Counter()
    for tropes in units.values():
        pairs.update(combinations(sorted(tropes), 2))
    report = kgraph.analyze("trope", top=3)
    assert [r.score for r in report.strongest_links] == sorted(pairs.values(), reverse=True)[:3]
    for ranked in report.strongest_links:
        assert pairs[tuple(sorted(ranked.id.split(" ")))] == ranked.score


def test_analysis_report_reads_as_text():
    text = kgraph.analyze("costar").render()
    assert text.startswith("costar graph: ")
    assert "connected components:" in text
    assert "most central by betweenness" in text
