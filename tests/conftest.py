"""Shared fixtures: the bundled graph (loaded once), paths, and a click runner."""

from __future__ import annotations

import socket
from collections.abc import Iterator
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
def listener() -> Iterator[Listener]:
    """A TCP listener on 127.0.0.1 that accepts nothing: ``called()`` says whether anyone connected."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(1)
        sock.setblocking(False)
        yield Listener(sock, f"http://127.0.0.1:{sock.getsockname()[1]}/")


class Listener:
    """A listening socket and its base URL (see the ``listener`` fixture)."""

    def __init__(self, sock: socket.socket, base: str) -> None:
        self.sock, self.base = sock, base

    def called(self) -> bool:
        """Return True when a connection is waiting: someone tried to reach the listener."""
        try:
            self.sock.accept()[0].close()
        except BlockingIOError:
            return False
        return True


@pytest.fixture
def runner():
    """A click test runner that keeps stderr apart from stdout."""
    return CliRunner()


@pytest.fixture(scope="session")
def pyshacl_bundled():
    """pySHACL's result on the bundled graph (data and ontology): a minute and a half, so made once
    for the tests that compare another validator with it (group them with ``xdist_group("pyshacl")``)."""
    return kgraph.validate(kgraph.load(engine="rdflib"), validator="pyshacl")


@pytest.fixture(scope="session")
def release_folder(tmp_path_factory):
    """One release of the bundled data, version 0.1.0, shared by the release tests (which check it)."""
    from kgraph.release.build import release

    return release(tmp_path_factory.mktemp("dist"), version="0.1.0", check=False, site=False)


def _fixture_case(item: pytest.Item) -> str | None:
    """The fixture case a test validates (the last fixture file's name), if it takes one."""
    params = getattr(getattr(item, "callspec", None), "params", {})
    for value in params.values():
        paths = value if isinstance(value, list | tuple) else [value]
        if paths and all(isinstance(p, Path) and FIXTURES in p.parents for p in paths):
            return Path(paths[-1]).stem
    if item.nodeid.startswith("tests/test_second_validator.py"):
        return params.get("case")
    return None


# tests that validate the whole bundled graph without saying so in a marker: doctests, README examples
_VALIDATE_BUNDLE = (
    "src/kgraph/__init__.py::kgraph",
    "src/kgraph/shacl/validate.py::kgraph.shacl.validate.validate",
    "tests/test_readme.py::test_readme_cli_example_runs[kgraph validate",
)


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Send tests that share an expensive result to one worker (``pytest -n --dist loadgroup``).

    Every test of one fixture case goes where pySHACL's report on it is computed once (see
    ``reports.py``), every test that validates the whole bundled graph goes where the cached
    report of ``kgraph.validate()`` is, and every test of the release goes where it is built.
    """
    for item in items:
        case = _fixture_case(item)
        if case is not None:
            item.add_marker(pytest.mark.xdist_group(f"fixture-{case}"))
        elif item.get_closest_marker("validates_bundle") or item.nodeid.startswith(_VALIDATE_BUNDLE):
            item.add_marker(pytest.mark.xdist_group("bundle-validation"))
        elif "release_folder" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group("release"))
