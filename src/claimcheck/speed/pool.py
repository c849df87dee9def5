"""A large claim set read by forked processes, the kernel asked to read ahead, and the collector paused.

Reading 5,000 claim files is CPU-bound parsing: two cores halve it. The children are forked with the
prepared file loader (the codebook read once, in the parent) and send each chunk's results back
with its claims packed as JSON columns (claimpack.py), decoded in the parent only if the whole set
is valid; the cache stores those bytes as they are. The results, and every problem, are the same
whatever the number of processes (tests/claimset/test_load_paths.py).
"""

from __future__ import annotations

import gc
import os
import stat
import sys
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

from claimcheck.claimset.load import _FileLoader, _FileResult, serial_results
from claimcheck.model import Claim
from claimcheck.speed import claimpack

#: Claim sets with at least this many files are read by several processes when `workers` is None.
PARALLEL_MIN_FILES = 400
_CHUNK = 64  # files per task: small enough to keep both cores busy, large enough to cost little
_worker_loader: _FileLoader | None = None  # set in the parent just before forking; the children inherit it


class Packed(bytes):
    """A chunk's claims as a worker packed them (claimpack.py); load.py unpacks it when it needs them."""

    __slots__ = ()

    def unpack(self) -> list[Claim]:
        return claimpack.loads(self)


def _load_chunk(files: list[Path]) -> tuple[list[_FileResult], bytes]:
    """In a worker: the files' results, and their claims encoded here, once, so that the parent
    decodes them only if it needs them (never for `validate`)."""
    gc.disable()  # a short-lived child that builds many objects and no cycles
    loader = _worker_loader
    assert loader is not None
    # The kernel reads the chunk's files ahead while this process parses: a file not in the page
    # cache costs 60-100 µs of waiting, with a core idle. The claim files first, then, once each
    # names its article, the articles.
    prefetch(files)
    sources = [loader.read_source(f) for f in files]
    prefetch(t for t in (f.parent / src.text for f, (_, _, src) in zip(files, sources) if src is not None and src.text)
             if loader.may_read(t))
    results = [loader.load_file(f, s) for f, s in zip(files, sources)]
    claims = [c for r in results for c in r.claims]
    for r in results:
        r.claims = []
    return results, claimpack.dumps(claims)


def prefetch(paths: Iterable[Path]) -> None:
    """Ask the kernel to start reading these files into its cache (where it can: on Linux). Only a
    hint: a file that is not there, or not a regular file, is skipped, and no byte is read here."""
    advise = getattr(os, "posix_fadvise", None)
    if advise is None:  # pragma: no cover - not on Linux
        return
    for path in paths:
        try:
            if not stat.S_ISREG(os.stat(path).st_mode):  # never open a device or a pipe to advise on it
                continue
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
        except (OSError, ValueError):
            continue
        try:
            advise(fd, 0, 0, os.POSIX_FADV_WILLNEED)
        except OSError:  # swapped for a pipe since the stat: nothing to advise
            pass
        finally:
            os.close(fd)


def worker_count(workers: int | None, files: int) -> int:
    """How many processes to read with: 1 unless the set is large (or workers is given) and forking is safe."""
    if workers == 1 or (workers is None and files < PARALLEL_MIN_FILES):
        return 1
    # fork is fast (the children inherit the loaded codebook) but only safe with one thread, and
    # only the default on Linux; elsewhere the set is read in this process.
    if not sys.platform.startswith("linux") or threading.active_count() > 1:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover
        cores = os.cpu_count() or 1
    return max(1, min(workers or cores, cores, 8))


def file_results(workers: int | None):
    """load.read_set's `file_results` for this many processes (None: as worker_count decides)."""
    def read(loader: _FileLoader, files: list[Path]) -> Iterator[tuple[list[_FileResult], bytes | list[Claim]]]:
        n = worker_count(workers, len(files))
        if n <= 1:
            yield from serial_results(loader, files)
            return
        import multiprocessing

        global _worker_loader
        _worker_loader = loader
        try:
            with multiprocessing.get_context("fork").Pool(n) as pool:
                chunks = [files[i:i + _CHUNK] for i in range(0, len(files), _CHUNK)]
                for results, packed in pool.imap(_load_chunk, chunks):
                    yield results, Packed(packed)
        finally:
            _worker_loader = None

    return read


@contextmanager
def gc_paused() -> Iterator[None]:
    """Cyclic garbage collection off while a claim set is built: it makes millions of objects and no
    cycles, and each full collection would walk all of them again."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


@contextmanager
def frozen_after() -> Iterator[None]:
    """Load (or compare) with the cyclic collector off, then freeze what was made before turning it on again.

    Everything loaded (modules, the claim set) lives until the command ends: later collections, and
    the one at exit, need not walk it again (at 100,000 claims that halves the time to compare and
    render; on the bundled set it saves `validate` 50 ms at exit). Frozen only after the load, the
    first allocation after it would still walk every object the load made (0.2 s at 100,000 claims),
    since all of them count as new."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was:
            gc.enable()
