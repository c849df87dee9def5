"""Many articles checked by worker processes forked from one prepared checker (`check --jobs N`).

The workers inherit the checker (its topics read and compared once, in the parent, then frozen out
of the collector so that no page is copied); results come back with their claims and sources as
positions among the parent's, packed as bytes: a finding may cite thousands of claims, and
pickling each would cost more than the check. The results are the same whatever the number of
workers (tests/check/test_check_jobs.py).
"""

from __future__ import annotations

import datetime as dt
import gc
import sys
import threading
from array import array
from dataclasses import replace
from typing import Callable, Sequence, TypeVar

from claimcheck.check.checker import CheckError, CheckResult, Checker, _check_one, check_articles_here

T = TypeVar("T")
_NUMBERED_MAX = 1024  # packed citation lists kept per checker


class _Positions:
    """A checker's claims and sources by position: how results cross from the workers."""

    def __init__(self, checker: Checker):
        self.checker = checker
        self.numbered: dict[int, tuple[tuple, bytes]] = {}
        self._claims: dict[str, dict[int, int]] = {}
        self._sources: dict[str, int] | None = None

    def sources(self) -> dict[str, int]:
        if self._sources is None:
            self._sources = {sid: i for i, sid in enumerate(self.checker.data.sources)}
        return self._sources

    def claims(self, topic: str) -> dict[int, int]:
        """Each of the topic's claims' position among them, by identity."""
        found = self._claims.get(topic)
        if found is None:
            found = self._claims[topic] = {id(c): i for i, c in enumerate(self.checker.data.claims(topic))}
        return found


_POSITIONS: dict[int, _Positions] = {}


def _positions_of(checker: Checker) -> _Positions:
    found = _POSITIONS.get(id(checker))
    if found is None or found.checker is not checker:
        _POSITIONS.clear()  # one checker per process at a time
        found = _POSITIONS[id(checker)] = _Positions(checker)
    return found


def fork_workers(jobs: int, articles: int) -> int:
    """How many worker processes: forked ones inherit the prepared checker, which is only safe with
    one thread and only available on Linux here; otherwise the articles are checked in this process."""
    if jobs <= 1 or articles <= 1 or not sys.platform.startswith("linux") or threading.active_count() > 1:
        return 1
    return min(jobs, articles)


_WORKER: tuple[Checker, Callable | None] | None = None  # set in the parent just before forking; the workers inherit it


def _check_in_worker(name: str, data: bytes | None, published: dt.date | None, max_bytes: int,
                     html_extractor: str):
    assert _WORKER is not None
    checker, render = _WORKER
    result = _check_one(checker, name, data, published, max_bytes, html_extractor)
    return _claims_as_numbers(result, checker), render(result) if render else None


def _claims_as_numbers(result, checker: Checker):
    """The result with its claims as positions among their topic's claims, and its sources as positions
    among the claim set's, both of which the parent holds too, packed as bytes: a finding may cite
    thousands of claims and sources, and pickling each would cost more than the check (and leave
    the parent a copy per article instead of one per judgement)."""
    if not isinstance(result, CheckResult):
        return result
    positions = _positions_of(checker)
    memo = positions.numbered
    source_pos = positions.sources()

    def numbers(topic: str | None, items: tuple) -> bytes:
        found = memo.get(id(items))
        if found is None:
            if len(memo) >= _NUMBERED_MAX:
                memo.clear()
            if topic is None:
                packed = array("I", [source_pos[s] for s in items]).tobytes()
            else:
                pos = positions.claims(topic)
                packed = array("I", [pos[id(x)] for x in items]).tobytes()
            found = memo[id(items)] = (items, packed)  # the tuple is kept: its id stays its own
        return found[1]

    return replace(result, findings=tuple(replace(c, against=numbers(c.finding.topic, c.against),
                                                  supporting=numbers(c.finding.topic, c.supporting),
                                                  agrees_with=numbers(None, c.agrees_with),
                                                  contradicts=numbers(None, c.contradicts))
                                          for c in result.findings))


def _claims_from_numbers(result, checker: Checker, seen: dict[tuple[str | None, bytes], tuple]):
    """The worker's result with its claims and sources again; equal lists are one tuple, and equal
    reasons one string (as in a one-process check, where equal judgements share theirs)."""
    if not isinstance(result, CheckResult):
        return result
    source_ids = list(checker.data.sources)

    def back(topic: str | None, packed: bytes) -> tuple:
        found = seen.get((topic, packed))
        if found is None:
            numbers = array("I")
            numbers.frombytes(packed)
            items = source_ids if topic is None else checker.data.claims(topic)
            found = seen[(topic, packed)] = tuple(map(items.__getitem__, numbers))
        return found

    return replace(result, findings=tuple(replace(c, against=back(c.finding.topic, c.against),
                                                  supporting=back(c.finding.topic, c.supporting),
                                                  agrees_with=back(None, c.agrees_with),
                                                  contradicts=back(None, c.contradicts),
                                                  reason=seen.setdefault(("reason", c.reason), c.reason))
                                          for c in result.findings))


def check_articles(names: Sequence[str], checker: Checker, *, published: dt.date | None = None,
                   max_bytes: int, jobs: int = 1, stdin: bytes | None = None, html_extractor: str = "auto",
                   render: Callable[[CheckResult | CheckError], T] | None = None,
                   on_done: Callable[[int, CheckResult | CheckError, T | None], None] | None = None,
                   ) -> list[CheckResult | CheckError]:
    """Check many articles, in order; with jobs > 1 in forked worker processes that share `checker`.

    The results are the same whatever `jobs` is. `render(result)`, if given, runs where the article
    was checked (so that turning a result into output is shared by the workers too), and
    `on_done(index, result, rendered)` is called in this process as each article finishes, in any order.
    """
    payload = [stdin if n == "-" else None for n in names]
    workers = fork_workers(jobs, len(names))
    if workers <= 1:
        return check_articles_here(names, checker, published=published, max_bytes=max_bytes, stdin=stdin,
                                   html_extractor=html_extractor, render=render, on_done=on_done)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    global _WORKER
    results: list[CheckResult | CheckError | None] = [None] * len(names)
    checker.prepare()  # read and compared once here, not once per worker
    positions = _positions_of(checker)
    for topic in checker.data.topics:
        positions.claims(topic)
    positions.sources()
    gc.freeze()  # what the workers inherit stays out of their collections, which would copy every page they touch
    seen: dict[tuple[str | None, bytes], tuple] = {}
    _WORKER = (checker, render)
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
            futures = {pool.submit(_check_in_worker, n, payload[i], published, max_bytes, html_extractor): i
                       for i, n in enumerate(names)}
            for fut in as_completed(futures):
                i = futures[fut]
                result, shown = fut.result()
                results[i] = _claims_from_numbers(result, checker, seen)
                if on_done:
                    on_done(i, results[i], shown)  # type: ignore[arg-type]
    finally:
        _WORKER = None
    return results  # type: ignore[return-value]
