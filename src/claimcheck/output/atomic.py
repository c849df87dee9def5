"""Writing a file so that no reader ever sees half of one, and nothing that is not a file is destroyed.

Reports and drafts go through `write_atomic`; cache files through cachefile.write. A new name or a
regular file is written to a temporary file beside it and renamed into place, so an interrupted
write leaves the old file as it was. Anything else the user names (a FIFO, a character device such
as /dev/null, /dev/stdout and the like) is written to directly: renaming over it would replace
the device or pipe with a regular file that no one reads. A link to a regular file is followed and
its target replaced, so the link stays a link.

A temporary file is removed when the write fails, and on SIGINT or SIGTERM (the CLI turns SIGTERM
into an exception, see `on_termination`); one left by a run that was killed outright is removed
by the next write to the same file. Temporary names are short whatever the target's name
(`.cc-DIGEST.PID.RANDOM.tmp`), so a name near the file system's limit can still be written.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import signal
import stat
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from claimcheck.errors import UsageError

_live: dict[tuple[str, int | None], None] = {}  # temporary files being written, for the signal handler
_TEMP = re.compile(r"^\.cc-([0-9a-f]{20})\.(\d+)\.[0-9a-f]{8}\.tmp$")
STALE_S = 60  # a temporary file of a process that is gone, older than this, is a leftover


class Terminated(BaseException):
    """SIGTERM arrived: unwind (removing temporary files), then exit 143. A BaseException, like
    KeyboardInterrupt, so that no `except Exception` on the way (a cache read) swallows it."""


def on_termination() -> None:
    """Make SIGTERM raise Terminated in this process (not in forked workers, which just end)."""
    main = os.getpid()

    def handler(signum, frame):
        if os.getpid() != main:  # a forked worker: die as the default would
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        _remove_live()
        raise Terminated()

    try:
        signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread
        return
    global _at_fork
    if not _at_fork:  # forked workers end on SIGTERM as they always did (a pool's terminate() sends it)
        os.register_at_fork(after_in_child=lambda: signal.signal(signal.SIGTERM, signal.SIG_DFL))
        _at_fork = True


_at_fork = False


def _remove_live() -> None:
    for name, dfd in list(_live):
        try:
            os.unlink(name, dir_fd=dfd)
        except OSError:
            pass


@contextmanager
def removing(name: str | os.PathLike, dir_fd: int | None = None) -> Iterator[None]:
    """While the block runs, `name` is a temporary file: removed if the block fails or is interrupted."""
    key = (os.fspath(name), dir_fd)
    _live[key] = None
    done = False
    try:
        yield
        done = True
    finally:
        _live.pop(key, None)
        if not done:
            try:
                os.unlink(key[0], dir_fd=dir_fd)
            except OSError:
                pass


_STREAMS = ("/dev/", "/proc/")  # /dev/stdout, /dev/fd/N, /proc/self/fd/N: a stream of this process


def _special(path: Path) -> os.stat_result | None:
    """The status of what `path` names if it is written to directly: not a regular file or a folder
    (a FIFO, a device, a socket), or a stream such as /dev/stdout whatever it leads to; else None."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    if stat.S_ISDIR(st.st_mode):
        return None
    if not stat.S_ISREG(st.st_mode) or os.path.abspath(path).startswith(_STREAMS):
        return st
    return None


def check_target(path: Path, what: str = "report") -> None:
    """Refuse, before any work is done, an output whose folder is missing or which is a folder."""
    st = _special(path)
    if st is not None:
        if stat.S_ISSOCK(st.st_mode) or stat.S_ISBLK(st.st_mode):
            kind = "a socket" if stat.S_ISSOCK(st.st_mode) else "a block device"
            raise UsageError(path, f"cannot write the {what}: this is {kind}; give a file name")
        return  # written to directly
    target = _target(path)
    parent = target.parent
    if not parent.is_dir():
        problem = "is not a folder" if parent.exists() else "does not exist"
        raise UsageError(path, f"cannot write the {what}: folder '{parent}' {problem}")
    if target.is_dir():
        raise UsageError(path, f"cannot write the {what}: this is a folder; give a file name")
    if not _writable(parent):
        raise UsageError(path, f"cannot write the {what}: folder '{parent}' is not writable")


def _target(path: Path) -> Path:
    """Where the file is replaced: the file a link points at (so the link stays), else the path."""
    if os.path.islink(path):
        try:
            return Path(os.path.realpath(path))
        except (OSError, RuntimeError):
            return path
    return path


def write_atomic(path: Path, data: str | bytes, what: str = "report") -> None:
    """Put `data` at `path`: an existing file is replaced whole or left as it was; a FIFO or a device
    is written to directly. Raises UsageError (exit 2) when it cannot be written."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    check_target(path, what)
    if _special(path) is not None:
        _write_direct(path, payload, what)
        return
    target = _target(path)
    try:
        mode = target.stat().st_mode & 0o777
    except OSError:
        mode = 0o666 & ~_umask()
    tag = hashlib.blake2b(target.name.encode("utf-8", "surrogateescape"), digest_size=10).hexdigest()
    _clean_stale(target.parent, tag)
    tmp = target.parent / f".cc-{tag}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
    try:
        with removing(tmp):
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
                         | getattr(os, "O_CLOEXEC", 0), 0o600)
            with os.fdopen(fd, "wb") as f:
                f.write(payload)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(tmp, mode)
            os.replace(tmp, target)
    except OSError as exc:
        raise UsageError(path, f"cannot write the {what}: {exc.strerror or exc}") from None


def _write_direct(path: Path, payload: bytes, what: str) -> None:
    """Write to a FIFO or device as it is; a FIFO with no reader is an error, never a wait."""
    flags = os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    st = _special(path)
    if st is not None and stat.S_ISREG(st.st_mode):
        flags |= os.O_APPEND  # /dev/stdout of `>> file` (or of `> file`, already emptied): after what is there
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise UsageError(path, f"cannot write the {what}: no process is reading this FIFO") from None
        raise UsageError(path, f"cannot write the {what}: {exc.strerror or exc}") from None
    try:
        os.set_blocking(fd, True)
        view = memoryview(payload)
        while view:
            n = os.write(fd, view)
            view = view[n:]
    except BrokenPipeError:
        raise UsageError(path, f"cannot write the {what}: the reader of this FIFO went away") from None
    except OSError as exc:
        raise UsageError(path, f"cannot write the {what}: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def _clean_stale(folder: Path, tag: str) -> None:
    """Remove temporary files for this name left by runs that were killed (their process is gone)."""
    try:
        names = [n for n in os.listdir(folder) if n.startswith(f".cc-{tag}.")]
    except OSError:
        return
    now = time.time()
    for name in names:
        m = _TEMP.match(name)
        if m is None or m.group(1) != tag:
            continue
        pid = int(m.group(2))
        p = folder / name
        try:
            st = os.lstat(p)
            if (not stat.S_ISREG(st.st_mode) or st.st_uid != os.geteuid() or now - st.st_mtime < STALE_S
                    or pid == os.getpid()):
                continue
            try:
                os.kill(pid, 0)
                continue  # still running
            except ProcessLookupError:
                pass
            except OSError:
                continue
            os.unlink(p)
        except OSError:
            continue


def _writable(folder: Path) -> bool:
    return os.access(folder, os.W_OK | os.X_OK)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
