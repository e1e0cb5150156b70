"""The wheel carries the ontology, data and queries, and works from an unrelated folder."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile

import pytest

from .conftest import ROOT


def test_importing_kgraph_does_not_import_heavy_libraries():
    code = "import kgraph, sys; print(sorted({'pyshacl', 'networkx'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (path,) = dist.glob("kdrama_kgraph-*.whl")
    return path


@pytest.mark.slow
def test_wheel_carries_every_data_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder in ("ontology", "data", "queries"):
        for path in (ROOT / folder).rglob("*"):
            if path.is_file():
                inside = f"kgraph/_data/{path.relative_to(ROOT).as_posix()}"
                assert inside in names, f"{inside} is missing from the wheel"


@pytest.mark.slow
def test_installed_wheel_runs_from_an_unrelated_folder(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "--quiet", str(wheel)], check=True, capture_output=True)
    kgraph = env_dir / "bin" / "kgraph"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for args in (["stats"], ["validate"], ["query", "confessions"]):
        result = subprocess.run([kgraph, *args], cwd=elsewhere, capture_output=True, text=True)
        assert result.returncode == 0, (args, result.stderr)
    listed = subprocess.run(
        [kgraph, "query", "confessions", "--format", "csv"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "kdr:twenty-five-twenty-one.confession-1" in listed
    where = subprocess.run(
        [python, "-c", "import kgraph.resources as r; print(r.root())"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "site-packages" in where
    # a plain install (no extras) parses strictly: Turtle the grammar refuses is refused, with its line
    bad = elsewhere / "bad.ttl"
    bad.write_text(
        "<http://e/s> <http://e/p> <http://e/o> .\n<http://e/ space> <http://e/p> <http://e/o> .\n"
    )
    refused = subprocess.run(
        [kgraph, "validate", "--data", str(bad)], cwd=elsewhere, capture_output=True, text=True
    )
    assert refused.returncode == 2 and f"{bad}:2: not valid RDF" in refused.stderr, refused.stderr
