"""The package's layout: its wings, the rules between them, and the one Oxigraph adapter."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import kgraph

SOURCE = Path(kgraph.__file__).parent
WINGS = (
    "cli",
    "describe",
    "networks",
    "release",
    "remote",
    "serve",
    "shacl",
    "site",
    "sparql",
    "store",
    "synth",
)


def test_import_contracts_are_kept():
    """The contracts of pyproject.toml: layered wings, no cycles, one module that imports pyoxigraph."""
    command = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert command, "import-linter is in the test extra"
    result = subprocess.run([command, "--no-cache"], capture_output=True, text=True, cwd=SOURCE.parent.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize("wing", WINGS)
def test_each_wing_says_what_it_owns_and_may_import(wing):
    doc = importlib.import_module(f"kgraph.{wing}").__doc__ or ""
    assert doc.startswith(f"{wing}: ") or wing == "networks", f"kgraph/{wing}/__init__.py: say what it owns"
    assert "may import" in doc, f"kgraph/{wing}/__init__.py: say which wings it may import"


def test_no_module_uses_a_private_api_of_oxigraph_or_oxrdflib():
    offenders = []
    for path in SOURCE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if re.search(r"^\s*(from|import) oxrdflib|\._inner\b|\b_converter\b", text, re.M):
            offenders.append(str(path.relative_to(SOURCE)))
    assert not offenders


def test_only_the_adapter_imports_pyoxigraph():
    importers = set()
    for path in SOURCE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            if any(name.split(".")[0] == "pyoxigraph" for name in names):
                importers.add(path.relative_to(SOURCE).as_posix())
    outside = {path for path in importers if not path.startswith("store/oxigraph/")}
    assert outside == {"formats.py"}, "use pyoxigraph through kgraph.store.oxigraph"


def test_error_classes_live_in_errors():
    elsewhere = []
    for info in pkgutil.walk_packages(kgraph.__path__, "kgraph."):
        if info.name in ("kgraph.errors", "kgraph.__main__"):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if (
                isinstance(value, type)
                and issubclass(value, Exception)
                and value.__module__ == info.name
                and not name.startswith("_")
            ):
                elsewhere.append(f"{info.name}.{name}")
    assert not elsewhere, "declare error classes in kgraph/errors.py"


def test_modules_are_small():
    large = {
        path.relative_to(SOURCE).as_posix(): lines
        for path in SOURCE.rglob("*.py")
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert not large, f"split these modules by what they do: {large}"
