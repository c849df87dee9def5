"""Checking a corpus: articles from paths or a JSON Lines feed, one JSON line of results each.

The engine is this process (or its forked workers, as `check --jobs` forks them) or a Dask cluster
(dask_engine.py, the optional extra). Either way each article is `check.check_text` against the
same prepared checker, rendered as a line where it was checked, and the lines come out in input
order, or as they finish with `ordered=False`. An article that cannot be read is an error line with
the one-line message `check` prints for it, and the rest go on.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from claimcheck.check.checker import ArticleInput, CheckError, CheckResult, Checker, check_text
from claimcheck.speed.workers import fork_workers
from claimcheck.errors import EXIT_USAGE, UnreadableInput

#: Fields a feed line may hold; `text` or `path` is required.
FEED_KEYS = ("id", "url", "published", "text", "path")


@dataclass(frozen=True)
class Outcome:
    """What comes back from checking one article: its line of output and what the summary and exit code need."""

    index: int
    id: str
    line: str
    error: str | None = None  # the one-line message, for an article that could not be checked
    exit_code: int = 0
    contradicted: bool = False


def items_from_paths(paths: Iterable[str]) -> Iterator[ArticleInput]:
    """Article files given on the command line, named by their paths."""
    for p in paths:
        yield ArticleInput(p, path=p)


def items_from_feed(path: str, max_bytes: int) -> Iterator[ArticleInput | CheckError]:
    """One article per line of a JSON Lines file: {"id", "url", "published", "text" or "path"}.

    Relative paths are read from the feed's folder. A line that is not such an object is an error
    for that line (named FILE:LINE), never the end of the run; no line is read past `max_bytes`.
    """
    feed = Path(path)
    try:
        f = feed.open("rb")
    except FileNotFoundError:
        raise UnreadableInput(path, "feed not found") from None
    except OSError as exc:
        raise UnreadableInput(path, f"cannot read the feed: {exc.strerror or exc}") from None
    with f:
        n = 0
        while True:
            raw = f.readline(max_bytes + 1)
            if not raw:
                return
            n += 1
            where = f"{path}:{n}"
            if len(raw) > max_bytes and not raw.endswith(b"\n"):
                while raw and not raw.endswith(b"\n"):  # skip the rest of the over-long line
                    raw = f.readline(max_bytes + 1)
                yield CheckError(where, f"{where}: line is over the {max_bytes:,}-byte cap; raise it with --max-bytes if this is intended", EXIT_USAGE)
                continue
            if not raw.strip():
                continue
            yield _feed_item(raw, where, feed.parent)


def _feed_item(raw: bytes, where: str, base: Path) -> ArticleInput | CheckError:
    def bad(why: str) -> CheckError:
        return CheckError(where, f"{where}: {why}", EXIT_USAGE)

    try:
        doc = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        return bad(f"not a JSON object ({exc.__class__.__name__}); write one article per line as "
                   '{"id": ..., "text": ...} or {"id": ..., "path": ...}')
    if not isinstance(doc, dict):
        return bad("not a JSON object; write one article per line as {\"id\": ..., \"text\": ...}")
    unknown = [k for k in doc if k not in FEED_KEYS]
    if unknown:
        return bad(f"unknown key '{unknown[0]}'; a line holds {', '.join(FEED_KEYS)}")
    for key in FEED_KEYS:
        if doc.get(key) is not None and not isinstance(doc[key], str):
            return bad(f"'{key}' should be a string")
    if (doc.get("text") is None) == (doc.get("path") is None):
        return bad("give the article's 'text' or its 'path', one of the two")
    published = None
    if doc.get("published"):
        try:
            published = dt.date.fromisoformat(doc["published"][:10])
        except ValueError:
            return bad(f"'published' is '{doc['published']}'; write dates as YYYY-MM-DD, e.g. 2025-10-27")
    ident = doc.get("id") or where
    path = doc.get("path")
    if path is not None and not Path(path).is_absolute():
        path = str(base / path)
    return ArticleInput(ident, text=doc.get("text"), path=path, url=doc.get("url"), published=published)


def render_line(index: int, item: ArticleInput | CheckError, result: CheckResult | CheckError | None) -> Outcome:
    """The JSON line for one article (its result document, with the feed's id and url), and its counts."""
    from claimcheck.output.checkreport import check_doc, error_doc
    from claimcheck.output.safetext import json_safe  # untrusted text never reaches a terminal raw, in JSON either

    if isinstance(item, CheckError) or isinstance(result, CheckError):
        err = item if isinstance(item, CheckError) else result
        ident = err.article if isinstance(item, CheckError) else item.id
        doc = {"id": ident, **error_doc(err)}
        return Outcome(index, ident, json_safe(json.dumps(doc, ensure_ascii=False)), err.message, err.exit_code)
    doc = {"id": item.id, "url": item.url, **check_doc(result)}
    return Outcome(index, item.id, json_safe(json.dumps(doc, ensure_ascii=False)), contradicted=result.contradicted)


def check_one(index: int, item: ArticleInput | CheckError, checker: Checker, max_bytes: int,
              published: dt.date | None, html_extractor: str = "auto") -> Outcome:
    """Check and render one article: what every engine's worker runs."""
    if isinstance(item, CheckError):
        return render_line(index, item, None)
    return render_line(index, item, check_text(item, checker, max_bytes=max_bytes, html_extractor=html_extractor,
                                               published=published))


@dataclass
class Tally:
    """What the summary and the exit code need of a run, kept instead of its output (which is streamed)."""

    articles: int = 0
    failed: int = 0
    contradicted: int = 0
    exit_code: int = 0

    def add(self, o: Outcome) -> None:
        self.articles += 1
        self.failed += bool(o.error)
        self.contradicted += o.contradicted
        self.exit_code = max(self.exit_code, o.exit_code)

    def line(self) -> str:
        return (f"{self.articles:,} articles: {self.articles - self.failed:,} checked, {self.contradicted:,} contradicting "
                f"the claim set, {self.failed:,} not readable")


#: Articles in flight per worker: enough to keep each busy, few enough that a feed of millions
#: is never all in memory.
WINDOW_PER_WORKER = 8


def check_corpus(items: Iterable[ArticleInput | CheckError], checker: Checker, *, max_bytes: int,
                 published: dt.date | None = None, jobs: int = 1, ordered: bool = True,
                 on_line: Callable[[Outcome], None], expected: int = 0) -> Tally:
    """Check every article in this process (or `jobs` forked workers), calling on_line(outcome) in
    input order (as they finish with ordered=False). Items are read as they are needed."""
    tally = Tally()

    def done(o: Outcome) -> None:
        tally.add(o)
        on_line(o)

    emit = _in_order(done) if ordered else done
    workers = fork_workers(jobs, expected or 2)
    if workers <= 1:
        for i, item in enumerate(items):
            emit(check_one(i, item, checker, max_bytes, published))
        return tally
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    global _CHECKER
    checker.prepare()
    _CHECKER = checker
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
            pending: set = set()
            feed = enumerate(items)
            for i, item in feed:
                pending.add(pool.submit(_check_in_fork, i, item, max_bytes, published))
                if len(pending) >= workers * WINDOW_PER_WORKER:
                    finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                    for fut in finished:
                        emit(fut.result())
            while pending:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for fut in finished:
                    emit(fut.result())
    finally:
        _CHECKER = None
    return tally


_CHECKER: Checker | None = None  # set before forking: the workers inherit it


def _check_in_fork(index: int, item, max_bytes: int, published) -> Outcome:
    assert _CHECKER is not None
    return check_one(index, item, _CHECKER, max_bytes, published)


def _in_order(on_line: Callable[[Outcome], None]) -> Callable[[Outcome], None]:
    """on_line, called in index order however the outcomes arrive."""
    waiting: dict[int, Outcome] = {}
    nxt = [0]

    def emit(out: Outcome) -> None:
        waiting[out.index] = out
        while nxt[0] in waiting:
            on_line(waiting.pop(nxt[0]))
            nxt[0] += 1
    return emit
