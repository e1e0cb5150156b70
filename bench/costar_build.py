"""Build the co-star graph of a large synthetic graph, against the naive one-query-per-actor way.

Both builders read the same rdflib graph in the same process: ``kgraph.costar_graph`` makes one
pass over the casting roles; the baseline asks SPARQL for each actor's co-stars, one query per
actor, as a first attempt often does. The baseline writes the actor's IRI into the query text:
rdflib applies ``initBindings`` only after matching the whole pattern, which would make the
baseline about ten times slower still, and a benchmark should beat the best version of the
alternative, not the worst. The script
checks that both give the same edges and weights, then prints the times and their ratio. Absolute
times on shared machines are noise: the ratio is the number to watch.

Usage: python bench/costar_build.py [--dramas N] [--seed S] [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import time

import networkx as nx

from kgraph.namespaces import KD, PREFIXES
from kgraph.networks import costar_graph
from kgraph.synth.generate import synthetic_graph

PER_ACTOR = """
SELECT ?other ?drama WHERE {
  ?role kd:actor <%s> ; kd:drama ?drama .
  ?other_role kd:drama ?drama ; kd:actor ?other .
  FILTER(?other != <%s>)
}
"""


def naive_costar_graph(graph) -> nx.Graph:
    """One SPARQL query per actor: the approach the library avoids."""
    result = nx.Graph()
    for actor in sorted(set(graph.objects(None, KD.actor))):
        result.add_node(str(actor))
        for other, drama in graph.query(PER_ACTOR % (actor, actor), initNs=PREFIXES):
            if str(actor) < str(other):
                data = result.get_edge_data(str(actor), str(other), default={"dramas": set()})
                result.add_edge(str(actor), str(other), dramas=data["dramas"] | {drama})
    for _, _, data in result.edges(data=True):
        data["weight"] = len(data.pop("dramas"))
    return result


def _timed(build, graph) -> tuple[float, nx.Graph]:
    start = time.perf_counter()
    built = build(graph)
    return time.perf_counter() - start, built


def _weights(g: nx.Graph) -> dict:
    return {tuple(sorted(e)): d["weight"] for *e, d in g.edges(data=True)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dramas", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--runs", type=int, default=3, help="runs of the one-pass builder")
    args = parser.parse_args()
    start = time.perf_counter()
    graph = synthetic_graph(args.dramas, seed=args.seed)
    took = time.perf_counter() - start
    print(f"synthetic graph: {args.dramas} dramas, {len(graph)} triples, built in {took:.1f} s")
    ours = [_timed(costar_graph, graph) for _ in range(args.runs)]
    naive_time, naive = _timed(naive_costar_graph, graph)
    built = ours[0][1]
    if set(built.nodes) != set(naive.nodes) or _weights(built) != _weights(naive):
        raise SystemExit("the two builders disagree: the benchmark is void")
    ours_time = statistics.median(t for t, _ in ours)
    print(f"co-star graph: {built.number_of_nodes()} actors, {built.number_of_edges()} edges (both agree)")
    print(f"kgraph one pass:        median {ours_time:.2f} s over {args.runs} runs")
    print(f"naive query per actor:  {naive_time:.2f} s")
    print(f"ratio naive / kgraph:   {naive_time / ours_time:.1f}")


if __name__ == "__main__":
    main()
