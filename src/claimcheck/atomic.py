"""Writing a file so that no reader ever sees half of one: a temporary file beside it, then a rename.

Reports and drafts both go through here; nothing else in claimcheck writes.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import UsageError


def check_target(path: Path, what: str = "report") -> None:
    """Refuse, before any work is done, an output whose folder is missing or which is a folder."""
    parent = path.parent
    if not parent.is_dir():
        problem = "is not a folder" if parent.exists() else "does not exist"
        raise UsageError(path, f"cannot write the {what}: folder '{parent}' {problem}")
    if path.is_dir():
        raise UsageError(path, f"cannot write the {what}: this is a folder; give a file name")
    if not _writable(parent):
        raise UsageError(path, f"cannot write the {what}: folder '{parent}' is not writable")


def write_atomic(path: Path, data: str | bytes, what: str = "report") -> None:
    """Put `data` at `path` in one step: an existing file is replaced whole or left as it was."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    check_target(path, what)
    try:
        mode = path.stat().st_mode & 0o777
    except OSError:
        mode = 0o666 & ~_umask()
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(payload)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise UsageError(path, f"cannot write the {what}: {exc.strerror or exc}") from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _writable(folder: Path) -> bool:
    return os.access(folder, os.W_OK | os.X_OK)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
