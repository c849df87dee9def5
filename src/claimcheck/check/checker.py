"""An article against the claim set: does each fact it states support, contradict, or add to what the sources say?

Verdicts follow FEVER's sense and use the same comparers as `conflicts` (values.TYPES[type].relate
against each value cluster of compare.compare_topic), judged per source: a source is
contradicted only when none of its claims on the topic agrees with the article.

At scale (100,000 claims, thousands of articles) the work is kept to what an article needs: topics
compared when first needed, one comparison per distinct value, one judgement per topic, value and
date shared by every article stating it; the shared-passage index and worker processes are
claimcheck.api's to add (from claimcheck.speed).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from itertools import chain
from operator import itemgetter
from typing import Callable, Iterable, Mapping, Sequence, TypeVar

from claimcheck.check.article import ArticleText
from claimcheck import changing
from claimcheck.check.checkset import CheckSet, in_clusters, state
from claimcheck.errors import ClaimcheckError, UnreadableInput, UsageError
from claimcheck.check.extract import DEFAULT_MIN_CONFIDENCE, Extractor
from claimcheck.check.findings import Finding, Unresolved
from claimcheck.model import Claim, ClaimSet, Group, Relation, Topic
from claimcheck.check.passages import PassageIndex, SharedPassage, build_index  # noqa: F401 (SharedPassage is part of this module's results)
from claimcheck.values import COMPATIBLE, DIFFERENT, SAME, TYPES, Context, Names

T = TypeVar("T")
VERDICTS = ("contradicts", "supports", "new")
_STRENGTH = {SAME: 2, COMPATIBLE: 1, DIFFERENT: 0}
_ORDER = {DIFFERENT: 0, SAME: 1, COMPATIBLE: 2}  # how reasons are listed: contradictions, then agreement
_JUDGED_MAX = 1024  # judgements kept per checker (each may cite thousands of claims)


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
    known_sources(claim_set.sources, exclude)
    if not exclude:
        return claim_set
    drop = set(exclude)
    return ClaimSet(claim_set.codebook, {k: v for k, v in claim_set.sources.items() if k not in drop},
                    tuple(c for c in claim_set.claims if c.source_id not in drop), claim_set.root)


def known_sources(sources: Mapping[str, object], exclude: Iterable[str]) -> None:
    """A usage error for the first id in `exclude` that is no source's."""
    unknown = [s for s in exclude if s not in sources]
    if unknown:
        import difflib

        near = difflib.get_close_matches(unknown[0], list(sources), n=1)
        hint = f"; did you mean '{near[0]}'?" if near else f"; sources are {', '.join(sources)}"
        raise UsageError("--exclude", f"no source '{unknown[0]}' in the claim set{hint}")


class Checker:
    """The claim set prepared for checking articles.

    Only what an article needs is worked out, once: a topic's claims are read (checkset.py) and
    compared (compare.compare_topic, exactly as `conflicts` does) the first time a finding is about
    it. `passages`: the shared-passage index over every source's text, when the caller has one
    (claimcheck.api takes it from the cache folder); else it is built here. The checker reads no
    cache and writes no file.
    """

    def __init__(self, claims: ClaimSet | CheckSet, exclude: Iterable[str] = (),
                 min_confidence: float = DEFAULT_MIN_CONFIDENCE, max_bytes: int | None = None,
                 passages: PassageIndex | None = None):
        everything = claims if isinstance(claims, CheckSet) else CheckSet.of(claims)
        self.exclude = tuple(dict.fromkeys(exclude))
        known_sources(everything.sources, self.exclude)
        # Setting sources aside changes the comparisons and the names learnt: the rest is worked out anew.
        self.data = CheckSet.of(without_sources(everything.claim_set(), self.exclude)) if self.exclude else everything
        self.codebook = self.data.codebook
        self.min_confidence = min_confidence
        self.names = Names(self.codebook)
        self._groups: dict[str, Group | None] = {}
        self._prepared: dict[str, tuple[list[Claim], list[int], list]] = {}  # see _topic_claims
        self._judged: dict[tuple, tuple] = {}  # see _verdict
        self._states: dict[tuple, tuple | None] = {}  # see _state
        years = Counter(s.published.year for s in self.data.sources.values() if s.published)
        year = years.most_common(1)[0][0] if years else None
        self.extractor = Extractor(self.codebook, self.data.naming, year, "the claim set's publication dates")
        # Over every source's text, excluded ones too, so that --exclude does not make another index.
        self.passages: PassageIndex = passages if passages is not None else build_index(everything.sources, max_bytes)

    def group(self, topic: str) -> Group | None:
        """The topic's claims compared as `conflicts` compares them, or None when no source covers it."""
        if topic not in self._groups:
            from claimcheck.compare import compare_topic

            claims = self.data.claims(topic)
            self._groups[topic] = compare_topic(self.codebook.topics[topic], claims, self.names) if claims else None
        return self._groups[topic]

    def _topic_claims(self, topic: str) -> tuple[list[Claim], list[int], list]:
        """checkset.in_clusters of the topic: stored with the claim set, or worked out once from its group."""
        found = self._prepared.get(topic)
        if found is None:
            found = self.data.in_clusters(topic)
            if found is None:
                group = self.group(topic)
                found = in_clusters(group) if group is not None else ([], [], [])
            self._prepared[topic] = found
        return found

    def _state(self, topic: Topic, as_of: dt.date | None):
        """checkset.state of the topic at the article's date, once per date (for a fact that changes)."""
        changes = topic.changes_over_time
        key = (topic.name, as_of if changes else None)
        found = self._states.get(key, False)
        if found is not False:
            return found
        found = None if changes else self.data.state(topic.name)
        if found is None:
            claims, slots, _ = self._topic_claims(topic.name)
            if changes:  # the state at that date, by changing.py's rule for undated claims
                kept, note, same_date = changing.state_at(claims, as_of)
                keep = set(map(id, kept))
                at = [p for p, c in enumerate(claims) if id(c) in keep]
                found = state([claims[p] for p in at], [slots[p] for p in at], False, None)
                if found is not None:
                    found = (found[0], found[1], note, same_date)
            else:
                found = state(claims, slots, changes, as_of)
        if len(self._states) >= _JUDGED_MAX:
            self._states.clear()
        self._states[key] = found
        return found

    def prepare(self) -> None:
        """Read and compare every topic now (before forking workers, so that each need not)."""
        for name in self.data.topics:
            topic = self.codebook.topics[name]
            self._topic_claims(name)
            if not topic.changes_over_time:
                self._state(topic, None)

    def __getstate__(self) -> dict:
        """The checker as shipped to another process (a Dask worker): every topic read and compared
        first, and the memo keyed by object identity left behind (it means nothing elsewhere)."""
        self.prepare()
        state = dict(self.__dict__)
        state["_judged"] = {}
        return state

    def check(self, article: ArticleText, published: dt.date | None = None) -> CheckResult:
        """Every finding in the article with its verdict, the topics it leaves out, and shared text."""
        ex = self.extractor.extract(article.text, published, self.min_confidence)
        shared = self.passages.shared(article.text, self.exclude)
        own = _own_sources(shared, article, self.data.sources)
        if own:  # an article never shares passages with its own source
            shared = [p for p in shared if p.source not in own]
        checked = [self._verdict(f, ex.anchor.date) for f in ex.findings]
        checked = [_mark_dependence(c, shared) for c in checked]
        rank = {"contradicts": 0, "supports": 1, "new": 2}
        checked.sort(key=lambda c: (c.possible, rank[c.verdict]))
        mentioned = {f.topic for f in ex.findings} | {u.topic for u in ex.unresolved}
        not_mentioned = tuple(t for t in self.codebook.topics if t not in mentioned)
        warnings = list(article.warnings)
        if ex.unresolved and ex.anchor.date is None:
            warnings.append(f"{len(ex.unresolved)} relative date{'s' if len(ex.unresolved) != 1 else ''} left unresolved: "
                            "no publication date given or found in a dateline; pass --published YYYY-MM-DD")
        if ex.anchor.date is None and ex.anchor.year and any(f.type == "date" or "year" in f.how for f in ex.findings):
            warnings.append(f"no publication date: dates without a year are read as {ex.anchor.year}, "
                            f"from {ex.anchor.year_how}; pass --published to be sure")
        warnings.extend(ex.notes)
        for sid in own:
            warnings.append(f"this is source {sid}'s own article: its passages are not listed as shared, and its own "
                            f"claims count among the sources; pass --exclude {sid} to check it against the others")
        return CheckResult(article.name, article.kind, article.encoding, ex.anchor.date, ex.anchor.how,
                           tuple(checked), ex.unresolved, not_mentioned, tuple(shared), tuple(warnings), article.text,
                           article.path, article.verbatim)

    # ----------------------------------------------------------------- verdicts

    def _verdict(self, f: Finding, as_of: dt.date | None) -> Checked:
        possible = f.confidence < self.min_confidence
        topic = self.codebook.topics.get(f.topic)
        if topic is None or not self.data.claims(f.topic):
            return Checked(f, "new", possible, reason="no source in the claim set covers this topic")
        # Articles on one story state the same values again and again: a judgement depends only on the
        # topic, the value (by type and repr, as in _topic_claims) and, for a changing fact, the date.
        key = (f.topic, as_of if topic.changes_over_time else None, type(f.value), repr(f.value))
        judged = self._judged.get(key)
        if judged is None:
            if len(self._judged) >= _JUDGED_MAX:
                self._judged.clear()
            judged = self._judged[key] = self._judge(topic, f.value, as_of)
        return Checked(f, judged[0], possible, *judged[1:])

    def _judge(self, topic: Topic, value, as_of: dt.date | None) -> tuple:
        """The verdict on `value` and its Checked fields after `possible`: partial, agrees_with,
        contradicts, against, supporting, reason.

        Each source counts with its strongest claim (the first of equals, in cluster order) and
        sources are listed in the order their counted claim comes; a source with one claim on
        the topic (most) is where its value's relation puts it, without a step per claim.
        """
        vtype = TYPES[topic.type]
        ctx = Context(topic, self.names)
        claims, _, values = self._topic_claims(topic.name)
        state = self._state(topic, as_of)
        if state is None:
            return ("new", False, (), (), (), (), changing.state_at(claims, as_of)[1] or "no source reports this state at that date")
        singles, multis, note, same_date = state
        # Thousands of claims hold a few hundred distinct values: the comparer runs once per value
        # (its relation and display are those of every claim holding an equal value).
        relations: dict[int, Relation] = {}

        def rel(k: int) -> Relation:
            r = relations.get(k)
            if r is None:
                r = relations[k] = relate(vtype, value, values[k], ctx)
            return r

        text = topic.type == "text"  # another wording is another statement, not a contradiction
        parts: dict[bool, list[list[tuple]]] = {True: [], False: []}  # against?, entries (position, source, claim, value)
        for k, entries in singles.items():
            r = rel(k)
            if not (text and r.kind == DIFFERENT):
                parts[r.kind == DIFFERENT].append(entries)
        for pattern, owners in multis.items():
            # Which claim counts depends only on the values a source holds: worked out once per pattern.
            first = chosen = None
            for i, k in enumerate(pattern):
                r = rel(k)
                if text and r.kind == DIFFERENT:
                    continue
                if chosen is None:
                    first = i
                if chosen is None or _STRENGTH[r.kind] > _STRENGTH[relations[pattern[chosen]].kind]:
                    chosen = i
            if chosen is not None:
                parts[relations[pattern[chosen]].kind == DIFFERENT].append(
                    [(own[first][0], sid, own[chosen][1], own[chosen][2]) for sid, own in owners])
        against = sorted(chain.from_iterable(parts[True]))
        agree = sorted(chain.from_iterable(parts[False]))
        displayed: dict[int, str] = {}

        def display(k: int) -> str:
            if k not in displayed:
                displayed[k] = vtype.display(values[k])
            return displayed[k]

        if against and not same_date:
            # A changing fact that differs from an earlier state is an update, not a contradiction, unless
            # the claim is undated (it may be of any date: changing.RULE) or the article's later value
            # goes against the topic's declared direction.
            kept, moved, notes = [], [], []
            latest = changing.latest_date(claims)
            for e in against:
                _, sid, c, k = e
                when = c.as_of or latest  # an undated claim is of the latest state (changing.RULE)
                if when is not None and topic.direction and as_of is not None and when < as_of \
                        and changing.goes_against(topic, values[k], value):
                    kept.append(e)
                    notes.append(changing.direction_reason(topic, f"{sid}'s {display(k)}", when, vtype.display(value), as_of))
                else:
                    moved.append(e)
            if moved:
                later = "; ".join(f"{sid} said {display(k)} " + (f"as of {c.as_of}" if c.as_of else f"undated, so as of {latest}")
                                  for _, sid, c, k in sorted(moved, key=itemgetter(1)))
                notes.append(f"differs from the state the sources report at another date ({later}): "
                             "a change over time, not a contradiction")
            note = "; ".join(x for x in (*dict.fromkeys(notes), note) if x)
            against = kept
        grouped: dict[tuple[str, str, str], list[str]] = defaultdict(list)
        keys: dict[int, tuple[str, str, str]] = {}  # per value: its reason's key
        for _, sid, _, k in chain(against, agree):
            key = keys.get(k)
            if key is None:
                r = relations[k]
                key = keys[k] = (r.kind, display(k), r.reason)
            grouped[key].append(sid)
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
        partial = bool(agree) and not any(relations[k].kind == SAME for k in {e[3] for e in agree})
        return (verdict, partial, tuple(sorted(map(itemgetter(1), agree))), tuple(sorted(map(itemgetter(1), against))),
                tuple(map(itemgetter(2), against)), tuple(map(itemgetter(2), agree)), "; ".join(reasons))


def relate(vtype, a, b, ctx) -> Relation:
    """The comparer's relation, with values of one key (as compare.py buckets them) the same."""
    if vtype.key(a, ctx) == vtype.key(b, ctx):
        return Relation(SAME, "same value")
    return vtype.relate(a, b, ctx)


def _own_sources(shared: Sequence[SharedPassage], article: ArticleText, sources: Mapping) -> list[str]:
    """The sources sharing passages whose article is this one: the same file, or the same text (a
    draft's copy of a page's text). Only sources that share passages are looked at, so few are read."""
    import os

    own = []
    for sid in dict.fromkeys(p.source for p in shared):
        src = sources.get(sid)
        path = getattr(src, "text_path", None)
        if not path:
            continue
        try:
            if article.path is not None and os.path.samefile(article.path, path):
                own.append(sid)
                continue
            if os.path.getsize(path) > 4 * len(article.text.encode("utf-8")) + 1024:
                continue
            with open(path, "rb") as f:
                text = f.read().decode("utf-8-sig", "replace")
        except OSError:
            continue
        if " ".join(text.split()) == " ".join(article.text.split()):
            own.append(sid)
    return own


def _mark_dependence(c: Checked, shared: Sequence[SharedPassage]) -> Checked:
    f = c.finding
    deps = tuple(sorted({p.source for p in shared if p.source in c.agrees_with and p.start < f.end and f.start < p.end}))
    return replace(c, not_independent_of=deps) if deps else c


def _check_one(checker: Checker, name: str, data: bytes | None, published, max_bytes: int, html_extractor: str):
    """One article named on the command line (its bytes already read for stdin)."""
    if data is not None:
        item = ArticleInput("<stdin>" if name == "-" else name, data=data)
    else:
        item = ArticleInput(name, path=name)
    result = check_text(item, checker, max_bytes=max_bytes, html_extractor=html_extractor, published=published)
    return replace(result, article=name) if isinstance(result, CheckError) else result


@dataclass(frozen=True)
class CheckError:
    """An article that could not be checked (plain data, so it crosses process boundaries)."""

    article: str
    message: str
    exit_code: int


@dataclass(frozen=True)
class ArticleInput:
    """One article to check, as a feed gives it: its text or bytes, or the path of a file, and what
    is known of it. `id` names it in results and errors."""

    id: str
    text: str | None = None
    data: bytes | None = None
    path: str | None = None
    url: str | None = None
    published: dt.date | None = None


def check_text(item: ArticleInput, checker: Checker, *, max_bytes: int, html_extractor: str = "auto",
               published: dt.date | None = None) -> CheckResult | CheckError:
    """Check one article against a prepared checker, which it only reads: the pure step a worker of
    any engine runs. An article that cannot be read is a CheckError with the one-line message
    `check` prints, never an exception; `published` applies when the item gives no date of its own."""
    from claimcheck.check.article import article_from_bytes, read_article

    when = item.published or published
    try:
        if item.text is not None or item.data is not None:
            data = item.data if item.data is not None else item.text.encode("utf-8")
            if len(data) > max_bytes:
                raise UnreadableInput(item.id, f"article is over the {max_bytes:,}-byte cap; raise it with --max-bytes if this is intended")
            article = article_from_bytes(data, item.id, None, html_extractor)
        elif item.path is not None:
            article = read_article(item.path, max_bytes, html_extractor=html_extractor)
        else:
            raise UnreadableInput(item.id, "the article gives neither text nor path")
        return checker.check(article, when)
    except ClaimcheckError as exc:
        return CheckError(item.id, str(exc), exc.exit_code)


def check_articles_here(names: Sequence[str], checker: Checker, *, published: dt.date | None = None,
                        max_bytes: int, stdin: bytes | None = None, html_extractor: str = "auto",
                        render: Callable[[CheckResult | CheckError], T] | None = None,
                        on_done: Callable[[int, CheckResult | CheckError, T | None], None] | None = None,
                        ) -> list[CheckResult | CheckError]:
    """Check many articles in this process, in order (claimcheck.api.check_articles forks workers for
    --jobs). `render(result)`, if given, turns each result into output as it is made, and
    `on_done(index, result, rendered)` is called as each article finishes."""
    results: list[CheckResult | CheckError] = []
    for i, n in enumerate(names):
        result = _check_one(checker, n, stdin if n == "-" else None, published, max_bytes, html_extractor)
        results.append(result)
        shown = render(result) if render else None
        if on_done:
            on_done(i, result, shown)
    return results
