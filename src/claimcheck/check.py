"""An article against the claim set: does each fact it states support, contradict, or add to what the sources say?

Verdicts follow FEVER's sense and use the same comparers as `conflicts` (values.TYPES[type].relate
against each value cluster of compare.compare_claim_set), judged per source: a source is
contradicted only when none of its claims on the topic agrees with the article.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from typing import Callable, Iterable, Sequence

from .article import ArticleText
from .errors import ClaimcheckError, UsageError
from .extract import DEFAULT_MIN_CONFIDENCE, Extractor, Finding, Unresolved
from .model import Claim, ClaimSet, Group, Relation
from .values import COMPATIBLE, DIFFERENT, SAME, TYPES, Context, Names

VERDICTS = ("contradicts", "supports", "new")
_STRENGTH = {SAME: 2, COMPATIBLE: 1, DIFFERENT: 0}
_ORDER = {DIFFERENT: 0, SAME: 1, COMPATIBLE: 2}  # how reasons are listed: contradictions, then agreement
#: Near-verbatim: sentences at least this similar (rapidfuzz ratio of folded text, 0..1) are shared.
SHARED_SIMILARITY = 0.85
_SHINGLE = 5


@dataclass(frozen=True)
class Checked:
    """A finding and its verdict against the claim set."""

    finding: Finding
    verdict: str  # supports | contradicts | new
    possible: bool  # under the confidence threshold: shown, never asserted
    partial: bool = False  # supports only in part (a compatible value, not the same one)
    agrees_with: tuple[str, ...] = ()
    contradicts: tuple[str, ...] = ()
    against: tuple[Claim, ...] = ()  # the contradicted sources' claims, for their quotes
    supporting: tuple[Claim, ...] = ()
    reason: str = ""
    not_independent_of: tuple[str, ...] = ()  # agreeing sources that share text with the article


@dataclass(frozen=True)
class SharedPassage:
    """Text the article shares near-verbatim with a source's article: not independent corroboration."""

    source: str
    similarity: float
    article_text: str
    source_text: str
    start: int
    end: int


@dataclass(frozen=True)
class CheckResult:
    article: str
    kind: str
    encoding: str
    published: dt.date | None  # what relative dates were counted from
    published_from: str  # "--published date", "dateline 'Oct 27, 2025'", or ""
    findings: tuple[Checked, ...]
    unresolved: tuple[Unresolved, ...]
    not_mentioned: tuple[str, ...]
    shared: tuple[SharedPassage, ...]
    warnings: tuple[str, ...]
    text: str  # the checked text, which offsets point into
    path: str | None = None  # the file read; None for stdin
    verbatim: bool = True  # text is the file's own UTF-8 content (so a claim file may point at the file)

    @property
    def contradicted(self) -> bool:
        """Does the article assert anything that contradicts a source?"""
        return any(c.verdict == "contradicts" and not c.possible for c in self.findings)

    def counts(self) -> dict[str, int]:
        asserted = [c for c in self.findings if not c.possible]
        out = {v: sum(1 for c in asserted if c.verdict == v) for v in VERDICTS}
        out["possible"] = sum(1 for c in self.findings if c.possible)
        out["unresolved"] = len(self.unresolved)
        out["shared_passages"] = len(self.shared)
        return out


def without_sources(claim_set: ClaimSet, exclude: Iterable[str]) -> ClaimSet:
    """The claim set with some sources set aside (for leave-one-out); unknown ids are a usage error."""
    exclude = list(dict.fromkeys(exclude))
    unknown = [s for s in exclude if s not in claim_set.sources]
    if unknown:
        import difflib

        near = difflib.get_close_matches(unknown[0], list(claim_set.sources), n=1)
        hint = f"; did you mean '{near[0]}'?" if near else f"; sources are {', '.join(claim_set.sources)}"
        raise UsageError("--exclude", f"no source '{unknown[0]}' in the claim set{hint}")
    if not exclude:
        return claim_set
    drop = set(exclude)
    return ClaimSet(claim_set.codebook, {k: v for k, v in claim_set.sources.items() if k not in drop},
                    tuple(c for c in claim_set.claims if c.source_id not in drop), claim_set.root)


class Checker:
    """The claim set prepared for checking articles: compared once, its texts indexed once."""

    def __init__(self, claim_set: ClaimSet, exclude: Iterable[str] = (),
                 min_confidence: float = DEFAULT_MIN_CONFIDENCE, max_bytes: int | None = None):
        from .compare import compare_claim_set

        self.claim_set = without_sources(claim_set, exclude)
        self.min_confidence = min_confidence
        self.names = Names(self.claim_set.codebook)
        self.comparison = compare_claim_set(self.claim_set)
        self.groups: dict[str, Group] = {g.topic.name: g for g in self.comparison.groups}
        years = Counter(s.published.year for s in self.claim_set.sources.values() if s.published)
        year = years.most_common(1)[0][0] if years else None
        self.extractor = Extractor(self.claim_set.codebook, self.claim_set.claims, year,
                                   "the claim set's publication dates")
        self.passages = PassageIndex(_source_texts(self.claim_set, max_bytes))

    def check(self, article: ArticleText, published: dt.date | None = None) -> CheckResult:
        """Every finding in the article with its verdict, the topics it leaves out, and shared text."""
        ex = self.extractor.extract(article.text, published, self.min_confidence)
        shared = self.passages.shared(article.text)
        checked = [self._verdict(f, ex.anchor.date) for f in ex.findings]
        checked = [_mark_dependence(c, shared) for c in checked]
        rank = {"contradicts": 0, "supports": 1, "new": 2}
        checked.sort(key=lambda c: (c.possible, rank[c.verdict]))
        mentioned = {f.topic for f in ex.findings} | {u.topic for u in ex.unresolved}
        not_mentioned = tuple(t for t in self.claim_set.codebook.topics if t not in mentioned)
        warnings = list(article.warnings)
        if ex.unresolved and ex.anchor.date is None:
            warnings.append(f"{len(ex.unresolved)} relative date{'s' if len(ex.unresolved) != 1 else ''} left unresolved: "
                            "no publication date given or found in a dateline; pass --published YYYY-MM-DD")
        if ex.anchor.date is None and ex.anchor.year and any(f.type == "date" or "year" in f.how for f in ex.findings):
            warnings.append(f"no publication date: dates without a year are read as {ex.anchor.year}, "
                            f"from {ex.anchor.year_how}; pass --published to be sure")
        warnings.extend(ex.notes)
        return CheckResult(article.name, article.kind, article.encoding, ex.anchor.date, ex.anchor.how,
                           tuple(checked), ex.unresolved, not_mentioned, tuple(shared), tuple(warnings), article.text,
                           article.path, article.verbatim)

    # ----------------------------------------------------------------- verdicts

    def _verdict(self, f: Finding, as_of: dt.date | None) -> Checked:
        possible = f.confidence < self.min_confidence
        group = self.groups.get(f.topic)
        if group is None:
            return Checked(f, "new", possible, reason="no source in the claim set covers this topic")
        topic = group.topic
        vtype = TYPES[topic.type]
        ctx = Context(topic, self.names)
        claims = [c for cl in group.clusters for c in cl.claims]
        note = ""
        same_date = True
        if topic.changes_over_time:
            claims, note, same_date = _state_at(claims, as_of)
            if not claims:
                return Checked(f, "new", possible, reason=note or "no source reports this state at that date")
        best: dict[str, tuple[Relation, Claim]] = {}
        for c in claims:
            r = relate(vtype, f.value, c.value, ctx)
            if topic.type == "text" and r.kind == DIFFERENT:
                continue  # another wording is another statement, not a contradiction
            old = best.get(c.source_id)
            if old is None or _STRENGTH[r.kind] > _STRENGTH[old[0].kind]:
                best[c.source_id] = (r, c)
        agree = {s: rc for s, rc in best.items() if rc[0].kind in (SAME, COMPATIBLE)}
        against = {s: rc for s, rc in best.items() if rc[0].kind == DIFFERENT}
        if against and not same_date:
            # a changing fact that differs from an earlier (or, undated, any) state is an update, not a contradiction
            later = "; ".join(f"{s} said {vtype.display(c.value)} as of {c.as_of}" for s, (r, c) in sorted(against.items()))
            note = "; ".join(x for x in (f"differs from the state the sources report at another date ({later}): "
                                         "a change over time, not a contradiction", note) if x)
            against = {}
        grouped: dict[tuple[str, str, str], list[str]] = defaultdict(list)
        for s, (r, c) in [*against.items(), *agree.items()]:
            grouped[(r.kind, vtype.display(c.value), r.reason)].append(s)
        words = {SAME: "same as", COMPATIBLE: "partly agrees with", DIFFERENT: "contradicts"}
        reasons = [f"{words[kind]} {', '.join(ids)} ({shown}" + ("" if kind == SAME else f": {why}") + ")"
                   for (kind, shown, why), ids in sorted(grouped.items(), key=lambda kv: _ORDER[kv[0][0]])]
        if note:
            reasons.append(note)
        if against:
            verdict = "contradicts"
        elif agree:
            verdict = "supports"
        else:
            verdict = "new"
            if topic.type == "text":
                reasons.insert(0, "wording no source gives")
            else:
                reasons.insert(0, "a value no source gives")
        partial = bool(agree) and not any(r.kind == SAME for r, _ in agree.values())
        return Checked(f, verdict, possible, partial, tuple(sorted(agree)), tuple(sorted(against)),
                       tuple(c for _, c in against.values()), tuple(c for _, c in agree.values()), "; ".join(reasons))


def relate(vtype, a, b, ctx) -> Relation:
    """The comparer's relation, with values of one key (as compare.py buckets them) the same."""
    if vtype.key(a, ctx) == vtype.key(b, ctx):
        return Relation(SAME, "same value")
    return vtype.relate(a, b, ctx)


def _state_at(claims: list[Claim], as_of: dt.date | None) -> tuple[list[Claim], str, bool]:
    """For a fact that changes: the claims stating its latest state known at the article's date,
    a note saying which, and whether that state is of the article's own date."""
    dated = sorted({c.as_of for c in claims if c.as_of})
    if not dated:
        return claims, "", False
    if as_of is None:
        when = dated[-1]
        note = f"undated article compared with the latest state in the claim set (as of {when})"
    else:
        earlier = [d for d in dated if d <= as_of]
        if not earlier:
            return [], f"the sources report this only after {as_of} (first as of {dated[0]})", False
        when = earlier[-1]
        note = "" if when == as_of else f"compared with the latest state before {as_of} (as of {when})"
    others = sorted({(c.as_of, c.source_id) for c in claims if c.as_of and c.as_of != when})
    if others:
        note = "; ".join(x for x in (note, "other dates: " + ", ".join(f"{s} as of {d}" for d, s in others)) if x)
    return [c for c in claims if c.as_of == when or c.as_of is None], note, when == as_of


def _mark_dependence(c: Checked, shared: Sequence[SharedPassage]) -> Checked:
    f = c.finding
    deps = tuple(sorted({p.source for p in shared if p.source in c.agrees_with and p.start < f.end and f.start < p.end}))
    return replace(c, not_independent_of=deps) if deps else c


# --------------------------------------------------------------------------- shared passages


def _source_texts(claim_set: ClaimSet, max_bytes: int | None) -> dict[str, str]:
    from .load import DEFAULT_MAX_BYTES, read_text
    from pathlib import Path

    out = {}
    for sid, src in claim_set.sources.items():
        if src.text_path:
            try:
                out[sid] = read_text(Path(src.text_path), max_bytes or DEFAULT_MAX_BYTES, "article")
            except ClaimcheckError:
                continue  # validation reports it; checking goes on without this source's text
    return out


class PassageIndex:
    """The sources' sentences, indexed by word shingles, so an article's sentences find their
    near-copies without comparing every pair."""

    def __init__(self, texts: dict[str, str]):
        from .sentences import split_sentences

        self.sentences: list[tuple[str, str, list[str]]] = []  # (source, sentence, folded words)
        self.index: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for sid, text in texts.items():
            for s in split_sentences(text):
                words = _words(s.text)
                if len(words) < 6:
                    continue
                i = len(self.sentences)
                self.sentences.append((sid, s.text, words))
                for sh in _shingles(words):
                    self.index[sh].append(i)

    def shared(self, text: str) -> list[SharedPassage]:
        """Runs of the article's sentences that are near-copies of one source's sentences."""
        from rapidfuzz import fuzz

        from .sentences import split_sentences

        if not self.sentences:
            return []
        matches = []  # (sentence, source, similarity, source sentence)
        for s in split_sentences(text):
            words = _words(s.text)
            if len(words) < 6:
                continue
            shingles = _shingles(words)
            hits = Counter(i for sh in shingles for i in set(self.index.get(sh, ())))
            best = None
            for i, n in hits.most_common(5):
                if n < max(1, len(shingles) // 4):
                    break
                sid, src_text, src_words = self.sentences[i]
                a, b = " ".join(words), " ".join(src_words)
                score = fuzz.ratio(a, b) / 100
                if min(len(words), len(src_words)) >= 10:  # a sentence copied in part is still copied
                    score = max(score, fuzz.partial_ratio(a, b) / 100)
                if score >= SHARED_SIMILARITY and (best is None or score > best[1]):
                    best = (sid, score, src_text)
            if best:
                matches.append((s, *best))
        passages: list[SharedPassage] = []
        run: list = []

        def flush():
            if run:
                start, end = run[0][0].start, run[-1][0].end
                sim = round(sum(m[2] for m in run) / len(run), 3)
                passages.append(SharedPassage(run[0][1], sim, text[start:end], " ".join(m[3] for m in run), start, end))

        for m in matches:
            if run and run[-1][1] == m[1] and _adjacent(text, run[-1][0].end, m[0].start):
                run.append(m)
            else:
                flush()
                run = [m]
        flush()
        return passages


def _words(text: str) -> list[str]:
    from .values import fold

    return fold(text).split()


def _shingles(words: list[str]) -> list[tuple[str, ...]]:
    if len(words) < _SHINGLE:
        return [tuple(words)]
    return [tuple(words[i:i + _SHINGLE]) for i in range(len(words) - _SHINGLE + 1)]


def _adjacent(text: str, end: int, start: int) -> bool:
    return not text[end:start].strip()


# --------------------------------------------------------------------------- many articles

_WORKER: Checker | None = None


def _init_worker(load_args: dict, exclude: tuple[str, ...], min_confidence: float, max_bytes: int) -> None:
    global _WORKER
    from .load import load_claim_set

    _WORKER = Checker(load_claim_set(**load_args), exclude, min_confidence, max_bytes)


def _check_in_worker(name: str, data: bytes | None, published: dt.date | None, max_bytes: int,
                     html_extractor: str):
    return _check_one(_WORKER, name, data, published, max_bytes, html_extractor)


def _check_one(checker: Checker, name: str, data: bytes | None, published, max_bytes: int, html_extractor: str):
    from .article import article_from_bytes, read_article

    try:
        if data is not None:
            article = article_from_bytes(data, "<stdin>" if name == "-" else name, None, html_extractor)
        else:
            article = read_article(name, max_bytes, html_extractor=html_extractor)
        return checker.check(article, published)
    except ClaimcheckError as exc:
        return CheckError(name, str(exc), exc.exit_code)


@dataclass(frozen=True)
class CheckError:
    """An article that could not be checked (plain data, so it crosses process boundaries)."""

    article: str
    message: str
    exit_code: int


def check_articles(names: Sequence[str], checker: Checker | None, *, load_args: dict | None = None,
                   exclude: Sequence[str] = (), published: dt.date | None = None,
                   min_confidence: float = DEFAULT_MIN_CONFIDENCE, max_bytes: int, jobs: int = 1,
                   stdin: bytes | None = None, html_extractor: str = "auto",
                   on_done: Callable[[int, CheckResult | CheckError], None] | None = None) -> list[CheckResult | CheckError]:
    """Check many articles, in order; with jobs > 1 in worker processes that each load the claim set once.

    `on_done(index, result)` is called as each article finishes (for a progress bar).
    """
    results: list[CheckResult | CheckError | None] = [None] * len(names)
    payload = [stdin if n == "-" else None for n in names]
    if jobs <= 1 or len(names) <= 1:
        assert checker is not None
        for i, n in enumerate(names):
            results[i] = _check_one(checker, n, payload[i], published, max_bytes, html_extractor)
            if on_done:
                on_done(i, results[i])
        return results  # type: ignore[return-value]
    from concurrent.futures import ProcessPoolExecutor, as_completed

    with ProcessPoolExecutor(max_workers=min(jobs, len(names)), initializer=_init_worker,
                             initargs=(load_args, tuple(exclude), min_confidence, max_bytes)) as pool:
        futures = {pool.submit(_check_in_worker, n, payload[i], published, max_bytes, html_extractor): i
                   for i, n in enumerate(names)}
        for fut in as_completed(futures):
            i = futures[fut]
            results[i] = fut.result()
            if on_done:
                on_done(i, results[i])
    return results  # type: ignore[return-value]
