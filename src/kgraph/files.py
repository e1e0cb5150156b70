"""Writing files so that they are never half-written: a temporary file, then a rename."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from kgraph.errors import OutputError

__all__ = ["write_atomic"]


def _file_mode(path: Path) -> int:
    """The mode a plain write would give: the existing file's, else 0o666 less the umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: str | Path, data: bytes | Iterable[bytes]) -> Path:
    """Write ``data`` to ``path`` through a temporary file and a rename, so it is never half-written.

    ``data`` may come in pieces; if producing one fails, the file is left as it was.

    :raises OutputError: if the folder does not exist or cannot be written.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"cannot write {path}: the folder {folder} does not exist")
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                for piece in [data] if isinstance(data, bytes) else data:
                    stream.write(piece)
            os.chmod(temporary, _file_mode(path))
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror or error}") from None
    return path
