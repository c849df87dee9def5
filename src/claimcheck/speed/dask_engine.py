"""`check --engine dask`: the same per-article check on a Dask cluster (the optional extra).

Imported only when that engine is asked for. The prepared checker (claim set, comparisons, passage
index) is scattered once, broadcast to every worker, as Dask's documentation advises for large
shared inputs, so each task carries only its article; tasks are submitted a window at a time so a
feed of millions never sits in memory; results stream back as lines (see corpus.py).
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import pickle
from typing import Callable, Iterable

from claimcheck.check.checker import ArticleInput, CheckError, Checker
from claimcheck.speed.corpus import WINDOW_PER_WORKER, Outcome, Tally, _in_order, check_one
from claimcheck.errors import UsageError


def _client(scheduler: str | None, workers: int):
    """A client of the cluster at `scheduler`, or of a new local cluster of `workers` processes."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise UsageError("--engine", "the dask engine needs the extra: pip install 'claimcheck[dask]'") from None
    if scheduler:
        try:
            return Client(scheduler, timeout="10s"), None
        except (OSError, TimeoutError) as exc:
            raise UsageError("--scheduler", f"no Dask scheduler answers at {scheduler} ({exc.__class__.__name__}); "
                                            "start one with `dask scheduler`, or leave --scheduler out for a local cluster") from None
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                           silence_logs=40)  # logging.ERROR: the worker chatter is not the user's output
    return Client(cluster), cluster


class Shipped:
    """The prepared checker as one block of bytes, made into objects once per worker process.

    A checker over 100,000 claims is millions of small objects: unpickled by Dask as they are, the
    cyclic collector runs again and again while they are made (25 s against 2.4 s with it paused,
    measured here). So the bytes travel, and each worker unpickles them once, with the collector
    paused and the result frozen out of its collections, as `check --jobs` does for its forks.
    """

    def __init__(self, checker: Checker):
        checker.prepare()
        self.blob = pickle.dumps(checker, pickle.HIGHEST_PROTOCOL)
        self.key = hashlib.sha256(self.blob).hexdigest()

    def get(self) -> Checker:
        found = _LOADED.get(self.key)
        if found is None:
            enabled = gc.isenabled()
            gc.disable()
            try:
                found = pickle.loads(self.blob)
            finally:
                if enabled:
                    gc.enable()
            gc.freeze()
            _LOADED[self.key] = found
        return found


_LOADED: dict[str, Checker] = {}  # in a worker: the checkers it has unpickled, by their bytes' digest


def _task(index: int, item, shipped: Shipped, max_bytes: int, published) -> Outcome:
    return check_one(index, item, shipped.get(), max_bytes, published)


def check_on_dask(items: Iterable[ArticleInput | CheckError], checker: Checker, *, max_bytes: int,
                  published: dt.date | None = None, scheduler: str | None = None, workers: int = 2,
                  ordered: bool = True, on_line: Callable[[Outcome], None]) -> Tally:
    """Check every article on Dask; on_line(outcome) in input order (as they finish with ordered=False)."""
    from dask.distributed import as_completed

    client, cluster = _client(scheduler, workers)
    tally = Tally()

    def done(o: Outcome) -> None:
        tally.add(o)
        on_line(o)

    emit = _in_order(done) if ordered else done
    try:
        shipped = client.scatter(Shipped(checker), broadcast=True)  # once per worker, not once per task
        n_workers = max(1, len(client.scheduler_info().get("workers", {})) or workers)
        window = n_workers * WINDOW_PER_WORKER
        running = as_completed()
        in_flight = 0
        for i, item in enumerate(items):
            running.add(client.submit(_task, i, item, shipped, max_bytes, published, pure=False))
            in_flight += 1
            if in_flight >= window:
                emit(next(running).result())
                in_flight -= 1
        for fut in running:
            emit(fut.result())
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return tally
