"""pySHACL's report on each fixture case, computed once per test process and shared by the modules
that compare against it (test_shapes, test_shacl_fast, test_second_validator).

``conftest.py`` sends every test of one fixture case to the same worker, so each case is validated
by pySHACL once in a whole run.
"""

from __future__ import annotations

import functools
from pathlib import Path

import kgraph
from kgraph.shacl.validate import ValidationReport


@functools.cache
def fixture_report(*paths: Path) -> ValidationReport:
    """Return pySHACL's report (through kgraph, without the check queries) on the fixture files."""
    graph = kgraph.load(paths, include_ontology=False)
    return kgraph.validate(graph, checks=False, validator="pyshacl")
