"""``kgraph validate --shapes``: users' own shapes, with every validator; broken shapes exit 2, located."""

from __future__ import annotations

import json

import pytest

import kgraph
from kgraph.cli.commands import main
from kgraph.errors import ShapesError, UnsupportedShapeError

PREFIXES = """@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.com/> .
"""
SHAPES = (
    PREFIXES
    + """ex:S a sh:NodeShape ; sh:targetClass ex:T ;
    sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:message "give ex:p" ] .
"""
)
# sh:lessThan does not compile (yet): auto must fall back to pySHACL, fast must refuse
REFUSED = (
    PREFIXES
    + """ex:S a sh:NodeShape ; sh:targetClass ex:T ;
    sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:lessThan ex:q ; sh:message "m" ] .
"""
)
ILL_FORMED = (
    PREFIXES
    + """ex:S a sh:NodeShape ; sh:targetClass ex:T ; sh:sparql ex:C .

ex:C sh:select "SELECT $this WHERE { $this ex:p ?v . MINUS { $this ex:q ?v } }" .
"""
)
DATA = PREFIXES + "ex:a a ex:T .\nex:b a ex:T ; ex:p 1 .\n"


@pytest.fixture
def files(tmp_path):
    paths = {}
    for name, text in {"shapes": SHAPES, "refused": REFUSED, "ill": ILL_FORMED, "data": DATA}.items():
        paths[name] = tmp_path / f"{name}.ttl"
        paths[name].write_text(text, encoding="utf-8")
    return paths


def _run(runner, files, shapes, validator):
    args = ["validate", "--data", str(files["data"]), "--shapes", str(files[shapes]), "--no-checks"]
    return runner.invoke(main, [*args, "--format", "json", "--validator", validator])


@pytest.mark.parametrize("shapes", ["shapes", "refused"])
def test_every_validator_gives_the_same_results_with_the_users_shapes(runner, files, shapes):
    answers = {}
    for validator in ("pyshacl", "auto") + (("fast",) if shapes == "shapes" else ()):
        result = _run(runner, files, shapes, validator)
        assert result.exit_code == 1, result.output
        answers[validator] = json.loads(result.stdout)
    assert "<http://example.com/a>" in [r["focus"] for r in answers["pyshacl"]["results"]]
    assert all(answer == answers["pyshacl"] for answer in answers.values())


def test_fast_refuses_shapes_it_cannot_compile_and_auto_says_pyshacl_ran(runner, files):
    result = _run(runner, files, "refused", "fast")
    assert result.exit_code == 2 and "lessThan" in result.stderr and "Traceback" not in result.output
    assert f"{files['refused']}: " in result.stderr  # a blank-node shape: the file, with no line
    graph = kgraph.load([files["data"]], include_ontology=False, engine="oxigraph")  # auto runs fast on it
    report = kgraph.validate(graph, checks=False, shapes=files["refused"])
    assert any("pySHACL ran" in note for note in report.notes) and not report.conforms


@pytest.mark.parametrize("validator", ["pyshacl", "fast", "auto"])
def test_ill_formed_shapes_exit_2_with_a_located_error(runner, files, validator):
    result = _run(runner, files, "ill", validator)
    assert result.exit_code == 2, result.output
    assert "MINUS" in result.stderr and "Traceback" not in result.output
    if validator == "fast":
        assert f"{files['ill']}:5:" in result.stderr  # the line of ex:C


def test_the_python_api_takes_shapes_as_files_or_a_graph(files):
    graph = kgraph.load([files["data"]], include_ontology=False)
    by_file = kgraph.validate(graph, checks=False, shapes=files["shapes"], validator="fast")
    shapes_graph = kgraph.load([files["shapes"]], include_ontology=False)
    by_graph = kgraph.validate(graph, checks=False, shapes=shapes_graph, validator="pyshacl")
    assert by_file.results == by_graph.results and not by_file.conforms
    with pytest.raises(UnsupportedShapeError):
        kgraph.validate(graph, checks=False, shapes=[files["refused"]], validator="fast")
    with pytest.raises(ShapesError, match="no such shapes file"):
        kgraph.validate(graph, checks=False, shapes=[files["data"].with_name("missing.ttl")])
