"""Reading a claim set's files with the tool's own errors: capped, UTF-8, confined to the claim set.

The claim files, the codebook and the articles are read through here; every refusal is one
located line (errors.py) saying what to do.
"""

from __future__ import annotations

import os
from pathlib import Path

from claimcheck.claimset import yamlread
from claimcheck.errors import InvalidData, UnreadableInput

DEFAULT_MAX_BYTES = 10 * 1024 * 1024


def read_bytes(path: Path, max_bytes: int, what: str, named: bool = False) -> bytes:
    """A file's bytes, refused with a one-line error when missing, a folder, unreadable or over the cap."""
    return read_bytes_stat(path, max_bytes, what, named)[0]


def read_bytes_stat(path: Path, max_bytes: int, what: str, named: bool = False) -> tuple[bytes, os.stat_result]:
    """read_bytes, and the file's status as it was just before the read (for the cache's signatures).

    At most max_bytes + 1 bytes are read whatever the file reports (files.py); a device, FIFO or
    socket is refused unless `named` (the user gave this path on the command line)."""
    from claimcheck.claimset.files import NotRegular, TooLarge, read_capped

    def folder() -> UnreadableInput:
        return UnreadableInput(path, f"is a folder, not a file; name the {what} itself")

    try:
        return read_capped(path, max_bytes, named=named)
    except TooLarge as exc:
        size = f"{exc.size:,} bytes" if exc.size else f"more than {max_bytes:,} bytes"
        raise UnreadableInput(path, f"{what} is {size}, over the {max_bytes:,}-byte cap; raise it with --max-bytes if this is intended") from None
    except NotRegular as exc:
        raise UnreadableInput(path, f"{what} {exc.strerror}; only regular files are read unless named on the command line") from None
    except IsADirectoryError:
        raise folder() from None
    except FileNotFoundError:
        raise UnreadableInput(path, f"{what} not found") from None
    except OSError as exc:
        if isinstance(exc, PermissionError) and path.is_dir():  # how Windows refuses to open a folder
            raise folder() from None
        raise UnreadableInput(path, f"cannot read {what}: {exc.strerror or exc}") from None


def decode(path: Path, data: bytes, what: str) -> str:
    """A text file's bytes as str: UTF-8 (a byte-order mark is dropped), not binary."""
    if b"\x00" in data:
        raise UnreadableInput(path, f"{what} is binary (it holds NUL bytes); expected UTF-8 text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UnreadableInput(path, f"{what} is not UTF-8 (bad byte at offset {exc.start}); re-save it as UTF-8", line) from None


def mapping(doc: yamlread.Document, path: str, what: str) -> dict:
    if not isinstance(doc.data, dict):
        kind = type(doc.data).__name__ if doc.data is not None else "null"
        kind = {"list": "a list", "str": "a single string", "int": "a number"}.get(kind, kind)
        raise InvalidData(path, f"the file is {kind}; a {what} must be a YAML mapping of keys to values", 1, 1)
    return doc.data


def confine(path: Path, root: Path, what: str, resolve=None) -> None:
    """Refuse a file of the claim set that resolves (through a link) outside its root: a shared claim
    set must not make a command read, echo or embed a file elsewhere (the rule for article paths)."""
    try:
        resolved = (resolve or Resolver())(path)
    except (OSError, RuntimeError):
        raise UnreadableInput(path, f"{what} cannot be resolved (a symlink loop?)") from None
    if not inside(resolved, root):
        raise UnreadableInput(path, f"{what} is a link to a file outside the claim set's root {root}; "
                                    "replace the link with the file or pass --allow-outside")


class Resolver:
    """Path.resolve(strict=False), resolving each folder once: a claim set's articles share a few."""

    def __init__(self) -> None:
        self.folders: dict[str, Path | Exception] = {}

    def __call__(self, target: Path) -> Path:
        if target.name in ("", ".", "..") or os.path.islink(target):
            return target.resolve(strict=False)
        folder = str(target.parent)
        real = self.folders.get(folder)
        if real is None:
            try:
                real = target.parent.resolve(strict=False)
            except (OSError, RuntimeError) as exc:
                real = exc
            if len(self.folders) < 100_000:
                self.folders[folder] = real
        if isinstance(real, Exception):
            return target.resolve(strict=False)  # raises as it did for the folder
        return real / target.name


def inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
        return True
    except ValueError:
        return False
