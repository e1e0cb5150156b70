"""The installed version of kdrama-kgraph, read from its metadata file as plain text.

``importlib.metadata`` takes longer to import than the rest of ``kgraph --version`` put together,
so the ``Version:`` line of the installed ``METADATA`` is read directly; the standard library
answers only when that file is not found (an egg, a zip, an unusual installer).
"""

from __future__ import annotations

import os
import sys

__all__ = ["installed_version"]

_DIST_INFO = "kdrama_kgraph-"


def installed_version() -> str:
    """Return the installed version of kdrama-kgraph, or ``0.0.0`` when it is not installed.

    The first ``kdrama_kgraph-*.dist-info`` folder on ``sys.path`` counts, as for Python's import
    system and ``importlib.metadata``.

    >>> installed_version().count(".") >= 2
    True
    """
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in sorted(names):
            if name.startswith(_DIST_INFO) and name.endswith(".dist-info"):
                found = _version_line(os.path.join(entry, name, "METADATA"))
                if found:
                    return found
    return _from_importlib()


def _version_line(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8") as stream:
            for line in stream:
                if line.startswith("Version:"):
                    return line.partition(":")[2].strip()
                if not line.strip():  # the headers end at the first blank line
                    break
    except OSError:
        return None
    return None


def _from_importlib() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("kdrama-kgraph")
    except PackageNotFoundError:  # running from a checkout without installing
        return "0.0.0"
