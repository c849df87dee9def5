"""Reading a file with bounds: one open, checked by fstat, at most the cap plus one byte.

Every file claimcheck reads goes through `read_capped`: claim files, the codebook, articles,
cache files. A size the file reports is never trusted for the bound (a device or a pipe reports 0,
and a file can grow between the stat and the read): at most cap + 1 bytes are read, so "over the
cap" is known without reading more. Devices, FIFOs and sockets are refused before they are opened
unless the user named the path on the command line (`named`), when they are read with the cap
like any file; opening never blocks (O_NONBLOCK), so a FIFO without a writer reads as empty
instead of hanging.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import time

_CHUNK = 1 << 20


class NotRegular(OSError):
    """A device, FIFO or socket where a regular file is expected; `kind` says which."""

    def __init__(self, kind: str):
        super().__init__(errno.EINVAL, f"is {kind}, not a regular file")
        self.kind = kind


class TooLarge(OSError):
    """More than the cap; `size` is what fstat reported (None when the file does not say: a device or a pipe)."""

    def __init__(self, size: int | None):
        super().__init__(errno.EFBIG, "over the size cap")
        self.size = size


def kind(mode: int) -> str:
    """What a non-regular file is, for messages."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)


def open_checked(path: str | os.PathLike, *, named: bool = False, nofollow: bool = False,
                 dir_fd: int | None = None) -> tuple[int, os.stat_result]:
    """An open file descriptor and its fstat. Refuses (NotRegular, IsADirectoryError) anything but a
    regular file unless `named`; `nofollow` refuses a symbolic link as the last component (ELOOP)."""
    if not named and not nofollow:
        st = os.stat(path, dir_fd=dir_fd)  # before opening: opening a device can act on it
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a folder", str(path))
        if not stat.S_ISREG(st.st_mode):
            raise NotRegular(kind(st.st_mode))
    flags = _FLAGS | (getattr(os, "O_NOFOLLOW", 0) if nofollow else 0)
    fd = os.open(path, flags, dir_fd=dir_fd)
    try:
        st = os.fstat(fd)  # what was opened, whatever the path pointed at a moment before
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a folder", str(path))
        if not stat.S_ISREG(st.st_mode):
            if not named:
                raise NotRegular(kind(st.st_mode))
            os.set_blocking(fd, True)  # a pipe the user named is read as it comes
    except BaseException:
        os.close(fd)
        raise
    return fd, st


def read_fd(fd: int, cap: int, size_hint: int = 0) -> bytes:
    """At most cap + 1 bytes from fd, whatever its size says."""
    limit = cap + 1
    first = min(limit, size_hint + 1) if size_hint > 0 else min(limit, _CHUNK)
    data = os.read(fd, first)
    if not data or len(data) >= limit:
        return data
    chunks = [data]
    have = len(data)
    while have < limit:
        chunk = os.read(fd, min(limit - have, _CHUNK))
        if not chunk:
            break
        chunks.append(chunk)
        have += len(chunk)
    return b"".join(chunks)


def read_capped(path: str | os.PathLike, cap: int, *, named: bool = False) -> tuple[bytes, os.stat_result]:
    """A file's bytes and its fstat (taken before the read). Raises TooLarge over `cap`,
    NotRegular for a device, FIFO or socket not `named` on the command line, OSError otherwise."""
    fd, st = open_checked(path, named=named)
    try:
        regular = stat.S_ISREG(st.st_mode)
        if regular and st.st_size > cap:
            raise TooLarge(st.st_size)
        try:
            data = read_fd(fd, cap, st.st_size if regular else 0)
        except BlockingIOError:  # a named pipe swapped in after the check: nothing to read now
            data = b""
    finally:
        os.close(fd)
    if len(data) > cap:
        raise TooLarge(st.st_size if regular else None)
    return data, st


# What a file was when it was read: the cache's key for it, and how it knows the file unchanged.

def digest(data: bytes) -> str:
    """The bytes' identity (BLAKE2b, 160 bits): what a cache entry records of each file it read."""
    return hashlib.blake2b(data, digest_size=20).hexdigest()


Signature = tuple[int, int, int, int, int]  # size, mtime and ctime (ns), inode, device
#: A file changed this recently is not vouched for by its signature: a write later in the same clock
#: tick would leave the same times (git's "racily clean" files); its bytes are read and hashed instead.
RACY_NS = 2_000_000_000


def signature(st: os.stat_result) -> Signature | None:
    """Size, times, inode and device: the file unchanged without reading it, unless changed too recently to tell."""
    if time.time_ns() - max(st.st_mtime_ns, st.st_ctime_ns) < RACY_NS:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)
