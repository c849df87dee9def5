"""The cache folder and the one file format every cache file has: data only, checked before it is used.

A cache file is read by a later command as if it were what that command would have computed, so
it must never be able to do more than hold data, and a damaged or planted one must be noticed:

- Nothing in it can run: sections are JSON (or plain bytes a caller decodes with a typed reader,
  codec.py), never pickle. A header names the kind of file and its format, and holds each
  section's size and BLAKE2b digest; the header has its own digest. A section is used only when
  its digest matches, so a same-length edit is a miss, never a wrong answer.
- The folder is opened once per process, without following a link, and refused (with a notice the
  CLI prints) when it is not a folder of the current user's that only they can write; it is
  created with mode 0700. Files in it are named relative to that open folder, so the folder
  cannot be swapped under a running command.
- Each file is opened once, with O_NOFOLLOW and O_NONBLOCK (a link or a FIFO planted under its name
  is neither followed nor waited on), and checked with fstat on the open file: a regular file,
  owned by the current user, that no one else can write, no larger than the cache's budget. Every
  read is of a size the header states and the file's size confirms.
- Files are written to a new temporary file (O_EXCL, O_NOFOLLOW, mode 0600) and renamed into
  place, so a reader never sees half of one. Pruning removes only files with claimcheck's own names
  that start with its header (and temporary files of runs that are gone).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

MAGIC = b"claimcheck cache file\n"
_PREFIX = len(MAGIC) + 8 + 8 + 32  # magic, kind, header length, header digest
KINDS = ("entry", "topics", "passages", "output", "lemmas")
#: Every name claimcheck gives a cache file, and its temporary files (.NAME.PID.RANDOM.tmp).
_NAME = re.compile(r"^[0-9a-f]{32}\.(entry|topics|passages|output|lemmas)$")
_TEMP = re.compile(r"^\.([0-9a-f]{32}\.(?:entry|topics|passages|output|lemmas))\.(\d+)\.[0-9a-f]{8}\.tmp$")
STALE_TEMP_S = 600  # a temporary file this old, of a process that is gone, is removed

NOTICES: list[str] = []  # why a cache folder was not used, for the CLI to print once


def budget() -> int:
    """The cache's size budget in bytes (CLAIMCHECK_CACHE_MAX_MB, default 2048): also the cap on one file."""
    try:
        return max(0, int(os.environ.get("CLAIMCHECK_CACHE_MAX_MB", "2048"))) * 1024 * 1024
    except ValueError:
        return 2048 * 1024 * 1024


def digest(data: bytes | memoryview) -> str:
    return hashlib.blake2b(data, digest_size=32).hexdigest()


def trusted(st: os.stat_result) -> bool:
    """Whether an open cache file may be read: a regular file of the current user's that no one else
    can write (anyone who could write it could change what the user's commands report)."""
    return stat.S_ISREG(st.st_mode) and st.st_uid == os.geteuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


# --------------------------------------------------------------------------- the folder

_folders: dict[str, int | None] = {}


def _notice(folder: Path, why: str) -> None:
    msg = (f"warning: cache folder {folder} {why}; the cache is not used (fix it, remove it, or set "
           "CLAIMCHECK_CACHE_DIR to a folder of your own; CLAIMCHECK_CACHE=0 turns the cache off)")
    if msg not in NOTICES:
        NOTICES.append(msg)


def open_folder(folder: Path, create: bool = True) -> int | None:
    """The cache folder, opened (a file descriptor kept for the process), or None: it cannot be made,
    or is refused (a link, not a folder, another user's, or writable by group or others)."""
    key = str(folder)
    if key in _folders:
        fd = _folders[key]
        if fd is None:
            return None
        try:  # still the folder at that path (a test, or the user, may have removed it since)
            now, was = os.stat(folder, follow_symlinks=False), os.fstat(fd)
            if (now.st_dev, now.st_ino) == (was.st_dev, was.st_ino):
                return fd
        except OSError:
            pass
        del _folders[key]
        os.close(fd)
    fd = None
    try:
        if create:
            folder.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            try:
                os.mkdir(folder, 0o700)
            except FileExistsError:
                pass
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)
                     | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        if create:
            _notice(folder, "cannot be created")
        return None
    except OSError as exc:
        if os.path.islink(folder):
            _notice(folder, "is a symbolic link")
        elif os.path.exists(folder) and not os.path.isdir(folder):
            _notice(folder, "is not a folder")
        else:
            _notice(folder, f"cannot be opened ({exc.strerror or exc})")
        _folders[key] = None
        return None
    st = os.fstat(fd)
    why = None
    if st.st_uid != os.geteuid():
        why = f"belongs to another user (uid {st.st_uid})"
    elif st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        why = f"is writable by group or others (mode {stat.S_IMODE(st.st_mode):04o}; chmod go-w it)"
    if why is not None:
        os.close(fd)
        _notice(folder, why)
        _folders[key] = None
        return None
    _folders[key] = fd
    return fd


# --------------------------------------------------------------------------- writing


def write(folder: Path, name: str, kind: str, header: dict, sections: Iterable[bytes]) -> bool:
    """Write the cache file `name` in one step; False if it could not be, which is never an error."""
    assert _NAME.match(name) and name.endswith("." + kind), name
    dfd = open_folder(folder)
    if dfd is None:
        return False
    sections = list(sections)
    head = json.dumps({**header, "kind": kind, "sections": [[len(s), digest(s)] for s in sections]},
                      ensure_ascii=True, separators=(",", ":")).encode()
    tmp = f".{name}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
    from claimcheck.output.atomic import removing

    try:
        with removing(tmp, dfd):
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
                         | getattr(os, "O_CLOEXEC", 0), 0o600, dir_fd=dfd)
            with os.fdopen(fd, "wb") as f:
                f.write(MAGIC + kind.encode().ljust(8) + len(head).to_bytes(8, "little")
                        + hashlib.blake2b(head, digest_size=32).digest() + head)
                for s in sections:
                    f.write(s)
            os.replace(tmp, name, src_dir_fd=dfd, dst_dir_fd=dfd)
        return True
    except Exception:
        return False


# --------------------------------------------------------------------------- reading


@dataclass
class Opened:
    """A cache file, open and checked: its header, and its sections read (and digest-checked) on demand."""

    fd: int
    header: dict
    places: list[tuple[int, int, str]]  # offset, size, digest of each section

    def section(self, i: int) -> bytes:
        offset, size, want = self.places[i]
        data = os.pread(self.fd, size, offset)
        if len(data) != size or digest(data) != want:
            raise ValueError("a damaged cache file")
        return data

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


def open_file(folder: Path, name: str, kind: str, fmt: object) -> Opened | None:
    """The cache file `name` of this kind and format, opened once and checked; None if there is none
    that may be read (missing, a link, a FIFO or device, another user's, writable by others, over
    the budget, not ours, of another format, or damaged)."""
    dfd = open_folder(folder, create=False)
    if dfd is None:
        return None
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
                     | getattr(os, "O_NOCTTY", 0), dir_fd=dfd)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not trusted(st) or st.st_size > budget() or st.st_size < _PREFIX:
            raise ValueError("not a cache file that may be read")
        prefix = os.pread(fd, _PREFIX, 0)
        if len(prefix) != _PREFIX or not prefix.startswith(MAGIC) or prefix[len(MAGIC):len(MAGIC) + 8].rstrip() != kind.encode():
            raise ValueError("not a cache file of this kind")
        at = len(MAGIC) + 8
        size = int.from_bytes(prefix[at:at + 8], "little")
        if size > st.st_size - _PREFIX:
            raise ValueError("cut short")
        head = os.pread(fd, size, _PREFIX)
        if len(head) != size or hashlib.blake2b(head, digest_size=32).digest() != prefix[at + 8:at + 40]:
            raise ValueError("a damaged header")
        header = json.loads(head)
        if not isinstance(header, dict) or header.get("kind") != kind or header.get("format") != fmt:
            raise ValueError("another format")
        places = []
        offset = _PREFIX + size
        for n, d in header["sections"]:
            if type(n) is not int or n < 0 or type(d) is not str:
                raise ValueError("a damaged header")
            places.append((offset, n, d))
            offset += n
        if offset != st.st_size:
            raise ValueError("cut short")
        return Opened(fd, header, places)
    except Exception:
        os.close(fd)
        return None


def touch(folder: Path, name: str) -> None:
    """Mark a file recently used (pruning removes the least recently used first)."""
    dfd = open_folder(folder, create=False)
    if dfd is not None:
        try:
            os.utime(name, dir_fd=dfd, follow_symlinks=False)
        except (OSError, NotImplementedError):
            pass


# --------------------------------------------------------------------------- pruning


def _ours(dfd: int, name: str) -> os.stat_result | None:
    """The file's status if it is one of claimcheck's: its name, owned by the user, regular, starting with the header."""
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0),
                     dir_fd=dfd)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not trusted(st):
            return None
        if not name.startswith("."):
            if os.pread(fd, len(MAGIC), 0) != MAGIC:
                return None
        else:  # a temporary file: whatever part of the header was written before its writer stopped
            start = os.pread(fd, len(MAGIC), 0)
            if start != MAGIC[:len(start)]:
                return None
        return st
    except OSError:
        return None
    finally:
        os.close(fd)


def _gone(pid: int) -> bool:
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


def prune(folder: Path, kind: str, keep: str, max_files: int, max_bytes: int | None = None,
          companions: tuple[str, ...] = ()) -> None:
    """Remove the least recently modified files of one kind past `max_files` (or, with `max_bytes`,
    past that many bytes counting each file's companions), never `keep`; and temporary files left
    by runs that are gone. Only claimcheck's own files are touched (names and header, see _ours)."""
    dfd = open_folder(folder, create=False)
    if dfd is None:
        return
    try:
        names = os.listdir(dfd)
    except OSError:
        return
    now = time.time()
    present = set(names)
    found = []
    for name in names:
        m = _TEMP.match(name)
        if m is not None:
            st = _ours(dfd, name)
            if st is not None and now - st.st_mtime > STALE_TEMP_S and _gone(int(m.group(2))):
                _unlink(dfd, name)
            continue
        if not name.endswith("." + kind) or not _NAME.match(name):
            continue
        st = _ours(dfd, name)
        if st is None:
            continue
        size = st.st_size
        for suffix in companions:
            other = name[: -len(kind)] + suffix
            if other in present:
                cst = _ours(dfd, other)
                size += cst.st_size if cst is not None else 0
        found.append((st.st_mtime, size, name))
    found.sort(reverse=True)  # most recent first
    total = 0
    for n, (_, size, name) in enumerate(found):
        total += size
        if name != keep and (n >= max_files or (max_bytes is not None and total > max_bytes)):
            _unlink(dfd, name)
            for suffix in companions:
                other = name[: -len(kind)] + suffix
                if other in present and _ours(dfd, other) is not None:
                    _unlink(dfd, other)


def _unlink(dfd: int, name: str) -> None:
    try:
        os.unlink(name, dir_fd=dfd)
    except OSError:
        pass
