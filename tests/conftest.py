"""Shared fixtures: the bundled graph (loaded once), paths, and a click runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import kgraph

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture(scope="session")
def graph():
    """The bundled graph, data plus ontology (shared, read-only)."""
    return kgraph.load()


@pytest.fixture(scope="session")
def data_graph():
    """The bundled data without the ontology."""
    return kgraph.load(include_ontology=False)


@pytest.fixture
def runner():
    """A click test runner that keeps stderr apart from stdout."""
    return CliRunner()


@pytest.fixture(scope="session")
def release_folder(tmp_path_factory):
    """One release of the bundled data, version 0.1.0, shared by the release tests (which check it)."""
    from kgraph.release.build import release

    return release(tmp_path_factory.mktemp("dist"), version="0.1.0", check=False)
