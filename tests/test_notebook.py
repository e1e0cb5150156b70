"""The example notebook: a valid file stored without outputs, and (slow) it runs from top to bottom."""

from __future__ import annotations

import json
import sys
import time

import nbformat
import pytest

from .conftest import ROOT

NOTEBOOK = ROOT / "examples" / "analysis.ipynb"
CLEAR = f"clear them with `jupyter nbconvert --clear-output --inplace {NOTEBOOK.relative_to(ROOT)}`"

# cell id -> the chart it draws
CHARTS = ("by-year-chart", "tropes-chart", "actors-chart", "network-chart")

# variable -> the columns its DataFrame must have (in any order: edge attributes come unordered)
FRAMES = {
    "by_year": ["year", "outcome", "scenes"],
    "tropes": ["period", "trope", "label", "scenes", "total", "share"],
    "actors": ["actor", "name", "confessed", "confessed_to"],
    "edges": ["source", "target", "dramas", "weight"],
    "centrality": ["actor", "degree", "betweenness", "community"],
}

# set to folders of the test's own: no configuration, profile, connection file or font cache is read
# from or written to the home folder
PRIVATE_DIRS = ("IPYTHONDIR", "MPLCONFIGDIR", "JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR")

# appended to the notebook before it runs: what the kernel holds, as one line of JSON
REPORT = f"""
import json, sys
print(json.dumps({{
    "prefix": sys.prefix,
    "frames": {{name: [list(globals()[name].columns), len(globals()[name])] for name in {list(FRAMES)!r}}},
}}))
"""


def read() -> nbformat.NotebookNode:
    return nbformat.read(NOTEBOOK, as_version=nbformat.NO_CONVERT)


def test_notebook_is_valid_nbformat():
    notebook = read()
    nbformat.validate(notebook)
    assert notebook.nbformat == 4 and notebook.nbformat_minor >= 5, "cells need ids (nbformat 4.5)"


def test_notebook_is_stored_without_outputs():
    dirty = [
        cell.id
        for cell in read().cells
        if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None)
    ]
    assert not dirty, f"{NOTEBOOK.name}: cells {dirty} hold outputs or counts; {CLEAR}"


def test_notebook_has_every_chart_cell():
    ids = {cell.id for cell in read().cells}
    assert set(CHARTS) <= ids, f"{NOTEBOOK.name}: chart cells {sorted(set(CHARTS) - ids)} are missing"


@pytest.mark.slow
def test_notebook_runs_and_shows_its_answers(tmp_path, monkeypatch):
    from ipykernel.kernelspec import write_kernel_spec
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient

    # a kernel spec of our own, so the kernel is this interpreter, not one a user installed elsewhere
    kernels = tmp_path / "kernels"
    write_kernel_spec(kernels / "python3")
    specs = KernelSpecManager(kernel_dirs=[str(kernels)])
    for variable in PRIVATE_DIRS:
        monkeypatch.setenv(variable, str(tmp_path / variable.lower()))
    notebook = read()
    notebook.cells.append(nbformat.v4.new_code_cell(REPORT.strip(), id="test-report"))
    client = NotebookClient(
        notebook,
        km=KernelManager(kernel_name="python3", kernel_spec_manager=specs),
        timeout=120,
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    started = time.perf_counter()
    client.execute()  # raises CellExecutionError, with the cell and its traceback, if a cell fails
    took = time.perf_counter() - started

    cells = {cell.id: cell for cell in notebook.cells}
    outputs = [(cell.id, out) for cell in notebook.cells for out in cell.get("outputs", [])]
    failed = [cell_id for cell_id, out in outputs if out.output_type == "error"]
    assert not failed, f"cells {failed} failed"
    for chart in CHARTS:
        images = [out for out in cells[chart].outputs if "image/png" in out.get("data", {})]
        assert len(images) == 1, f"cell {chart} should show one figure, shows {len(images)}"
    (stream,) = [out for out in cells["test-report"].outputs if out.output_type == "stream"]
    report = json.loads(stream.text)
    assert report["prefix"] == sys.prefix, "the notebook ran in another Python environment"
    for name, columns in FRAMES.items():
        found, rows = report["frames"][name]
        assert sorted(found) == sorted(columns), f"{name} has the columns {found}, not {columns}"
        assert rows > 0, f"{name} is empty"
    assert took < 60, f"the notebook took {took:.0f} s to run; keep it under about 20 s"
