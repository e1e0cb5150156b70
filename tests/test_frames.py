"""Query answers as typed DataFrames and Parquet files, and networks as edge lists, for analysts."""

from __future__ import annotations

import sys

import pandas as pd
import pytest

import kgraph
from kgraph.cli import main

DRAMAS = """
SELECT ?drama ?episodes ?first ?title WHERE {
  ?drama a kd:Drama ; schema:numberOfEpisodes ?episodes ; schema:startDate ?first ; schema:name ?title .
  FILTER (LANG(?title) = "en")
} ORDER BY ?drama
"""


@pytest.fixture(scope="module")
def dramas():
    return kgraph.query(DRAMAS)


def test_columns_are_typed(dramas):
    table = dramas.to_pandas()
    assert list(table.columns) == ["drama", "episodes", "first", "title"]
    assert str(table.dtypes["episodes"]) == "Int64"
    assert str(table.dtypes["first"]).startswith("datetime64")
    assert str(table.dtypes["drama"]) == "string" and str(table.dtypes["title"]) == "string"
    run_on = table[table["drama"] == "kdr:run-on"].iloc[0]
    assert run_on["episodes"] == 16 and run_on["first"] == pd.Timestamp("2020-12-16")
    assert len(table) == len(dramas) and table["episodes"].sum() > 500


def test_iris_can_be_whole(dramas):
    drama = dramas.to_pandas(iris="full")["drama"].iloc[0]
    assert drama.startswith("https://w3id.org/kdrama-kg/resource/")
    with pytest.raises(kgraph.KgraphError, match="curie or full"):
        dramas.to_pandas(iris="short")


def test_unbound_values_are_missing():
    text = "SELECT ?s ?n WHERE { VALUES (?s ?n) { (kdr:run-on 1) (kdr:run-on UNDEF) } }"
    table = kgraph.query(text).to_pandas()
    assert str(table.dtypes["n"]) == "Int64" and table["n"].isna().tolist() == [False, True]


def test_query_writes_parquet(runner, tmp_path, dramas):
    path = tmp_path / "dramas.parquet"
    result = runner.invoke(main, ["query", "--sparql", DRAMAS, "--format", "parquet", "-o", str(path)])
    assert result.exit_code == 0, result.output
    pd.testing.assert_frame_equal(pd.read_parquet(path), dramas.to_pandas())


def test_parquet_needs_an_output_file(runner):
    result = runner.invoke(main, ["query", "confessions", "--format", "parquet"])
    assert result.exit_code == 2 and "give -o FILE" in result.stderr


def test_a_missing_pandas_names_the_extra(dramas, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(kgraph.KgraphError, match=r"pip install 'kdrama-kgraph\[analysis\]'"):
        dramas.to_pandas()


def test_networks_become_edge_lists_with_networkx():
    import networkx as nx

    costars = kgraph.costar_graph()
    edges = nx.to_pandas_edgelist(costars)
    assert len(edges) == costars.number_of_edges()
    assert {"source", "target", "weight"} <= set(edges.columns)
