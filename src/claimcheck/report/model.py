"""A report's content, computed once for every format: summary, source × topic matrix, provenance, hints."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterable, Iterator

from claimcheck.output.document import select
from claimcheck.model import STATUSES, Claim, Comparison, Group, Source
from claimcheck.values import Names

STATUS_SYMBOL = {"conflict": "✗", "partial": "≈", "agree": "✓", "single": "·"}

# Matrix cells, in legend order. Each cell shows the values the source gives; its kind says how they
# stand against the other sources' values on the topic (on the same date, for facts that change).
CELLS = ("differs", "self_contradiction", "partly", "agrees", "only_source", "silent")
CELL_SYMBOL = {"agrees": "=", "partly": "≈", "differs": "≠", "self_contradiction": "⚠", "only_source": "·",
               "silent": "—"}
CELL_LABEL = {"agrees": "agrees", "partly": "partly agrees", "differs": "conflicts",
              "self_contradiction": "contradicts itself", "only_source": "only source", "silent": "silent"}
CELL_MEANING = {
    "agrees": "gives the value most sources give, or the same value as every other source",
    "partly": "gives a value compatible with the others' (e.g. 'nearly 14' and 14), or the same speaker in other words",
    "differs": "gives a value that conflicts with the value most sources give, or, when no value has most sources, "
               "with another source's value",
    "self_contradiction": "the source gives two values that conflict with each other",
    "only_source": "no other source speaks to this topic (on the same date)",
    "silent": "the source makes no claim on this topic",
}
MATRIX_RULE = ("Each cell shows the value a source gives. Where one value is given by more sources than any "
               "other (the majority value; a source counts once per value), a source giving it agrees (=), "
               "one giving a compatible value partly agrees (≈), and one giving any other value conflicts (≠). "
               "Where values tie for most sources, no side is picked: each source is compared with every "
               "other, and conflicts (≠) if another source's value conflicts with its own. For facts that "
               "change over time, only claims of the same date are compared.")
MAJORITY_RULE = MATRIX_RULE  # the name an earlier version exported
PROVENANCE_RULE = ("A value's independent origins are the distinct outlets or speakers its sources credit "
                   "(a source's own reporting is its own origin; names the codebook declares one entity are one "
                   "origin). Sources repeating one origin, such as "
                   "two articles citing Reuters, are not independent corroboration.")
MAX_HINTS = 50  # comparisons listed per topic in the human formats; the JSON and SQLite formats keep all
MAX_REASONS = 3  # reasons quoted per key discrepancy
UNKNOWN_OUTLETS = frozenset({"", "unknown", "n/a", "none"})

# A source's cell is the worst it earns on any date of a topic; first here is worst.
_CELL_RANK = {k: i for i, k in enumerate(("self_contradiction", "differs", "partly", "agrees", "only_source",
                                          "silent"))}


@dataclass(frozen=True)
class RunInfo:
    """What a report was made from and when: every format shows it, so two copies can be told apart."""

    title: str = "claimcheck report"
    generated_at: str | None = None  # ISO 8601 in UTC, e.g. 2025-10-27T09:30:00Z
    revision: str | None = None  # 'git 1a2b3c4d5e6f' or 'sha256 0123abcd...' (see revision.py)
    revision_note: str | None = None  # e.g. 'uncommitted changes to 2 files'
    tool: str = ""  # 'claimcheck 0.1.0'
    licence: str | None = None  # the claim set's licence, when given (`report --licence`)

    def lines(self) -> list[tuple[str, str]]:
        """(label, text) pairs as reports show them."""
        out = [("generated", self.generated_at or "unknown time")]
        rev = self.revision or "unknown"
        out.append(("claim set", rev + (f" ({self.revision_note})" if self.revision_note else "")))
        out.append(("tool", self.tool))
        return out


def with_unit(display: str, unit: str | None) -> str:
    """'2611' -> '2611 km'; 'dozens' -> 'dozens of people'; values of unitless topics as they are."""
    if not unit or not display:
        return display
    if not any(ch.isdigit() for ch in display) and display.endswith("s"):
        return f"{display} of {unit}"  # dozens, hundreds, scores
    return f"{display} {unit}"


def source_name(s: Source) -> str | None:
    """The outlet, when the claim file names one."""
    out = (s.outlet or "").strip()
    return None if out.casefold() in UNKNOWN_OUTLETS else out


def source_label(s: Source) -> str:
    """'The Express Tribune (000-fa57)', or the id alone when the outlet is unknown."""
    name = source_name(s)
    return f"{name} ({s.id})" if name else s.id


def shorten(text: str, most: int = 28) -> str:
    """A value cut for a matrix cell, at a word where it can be: the full value is shown on hover and focus."""
    if len(text) <= most:
        return text
    cut = text[: most - 1]
    if " " in cut[most // 2:]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;") + "…"


@dataclass(frozen=True)
class Majority:
    """The majority value of one topic (on one date, for facts that change over time)."""

    as_of: dt.date | None
    cluster: int | None  # index into the group's clusters; None when the top values tie or one source is alone
    sources: int  # how many sources give the top value(s)
    tied: tuple[int, ...] = ()  # clusters tied for most sources, when there is no majority


@dataclass(frozen=True)
class OriginUse:
    """One origin a value's claims credit, and the sources that credit it."""

    origin: str  # as first written
    sources: tuple[str, ...]
    own_voice: bool  # every claim crediting it is the source's own reporting


@dataclass(frozen=True)
class ValueProvenance:
    cluster: int
    origins: tuple[OriginUse, ...]

    @property
    def independent(self) -> int:
        return len(self.origins)

    @property
    def repeated(self) -> tuple[OriginUse, ...]:
        """Origins credited by more than one source: their agreement is one voice, not several."""
        return tuple(o for o in self.origins if len(o.sources) > 1)


@dataclass(frozen=True)
class TimelineStep:
    as_of: dt.date | None
    value: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class TopicReport:
    """One topic: its group, the majority, each source's matrix cell and values, provenance and hints."""

    group: Group
    majority: tuple[Majority, ...]
    cells: dict[str, str]  # source id -> cell kind, for sources with claims on the topic
    provenance: tuple[ValueProvenance, ...]
    hints: tuple[str, ...]
    hidden_hints: int  # comparisons beyond MAX_HINTS, left out of `hints`
    timeline: tuple[TimelineStep, ...]
    value_sources: tuple[int, ...]  # per value: how many sources give it (counted once, for large sets)
    source_count: int  # sources with a claim on the topic
    source_values: dict[str, tuple[int, ...]] = field(default_factory=dict)  # source id -> its clusters, in order

    @property
    def name(self) -> str:
        return self.group.topic.name

    @property
    def status(self) -> str:
        return self.group.status

    @property
    def unit(self) -> str | None:
        return self.group.topic.unit

    def shown(self, cluster: int) -> str:
        """A value as people read it: with the topic's unit."""
        return with_unit(self.group.clusters[cluster].display, self.unit)

    def cell(self, source_id: str) -> str:
        return self.cells.get(source_id, "silent")

    def cell_text(self, source_id: str) -> str:
        """The values a source gives, with the unit: what its matrix cell shows in full."""
        return "; ".join(self.shown(i) for i in self.source_values.get(source_id, ()))

    def majority_note(self, cluster: int) -> str:
        """'majority', 'majority on 2025-10-25', or '' when the value is nowhere the majority."""
        dates = [m.as_of for m in self.majority if m.cluster == cluster]
        if not dates:
            return ""
        if not self.group.topic.changes_over_time:
            return "majority"
        return "majority on " + ", ".join(str(d or "undated") for d in dates)


@dataclass(frozen=True)
class Discrepancy:
    """One conflicting topic in a line: the values in conflict, who gives each, and why they conflict."""

    topic: TopicReport
    clusters: tuple[int, ...]  # the values taking part in a conflict, in the group's order
    reasons: tuple[str, ...]  # at most MAX_REASONS
    more_reasons: int
    self_contradictions: tuple[str, ...]
    bare: tuple[str, ...] = ()  # the reasons without their "a vs b: " (enough when one pair conflicts)

    @property
    def topic_reasons(self) -> tuple[str, ...]:
        return self.bare or self.reasons

    @property
    def dates(self) -> tuple[dt.date, ...]:
        """For facts that change over time: the dates of the claims in conflict."""
        if not self.topic.group.topic.changes_over_time:
            return ()
        return tuple(sorted({c.as_of for i in self.clusters for c in self.topic.group.clusters[i].claims if c.as_of}))


@dataclass(frozen=True)
class Passage:
    """Where one claim's quote stands in its source's article, and its value inside it (offsets in the article)."""

    claim: Claim
    number: int  # the claim's position in the report, 1-based: its anchors are c<n> and p<n>
    pieces: tuple[tuple[int, int], ...]  # () when the quote is not found in the text as read now
    value: tuple[int, int] | None


@dataclass(frozen=True)
class ArticleView:
    """A source's article text as the report embeds it, with its claims' passages."""

    source: Source
    number: int  # 1-based position among the report's articles: its anchor is a<n>
    text: str | None  # None when there is no text or it cannot be read now
    problem: str | None  # why there is no text
    passages: tuple[Passage, ...]


@dataclass(frozen=True)
class Report:
    """Everything every report format shows; renderers only lay it out."""

    comparison: Comparison
    topics: tuple[TopicReport, ...]
    sources: tuple[Source, ...]  # every source of the claim set, by id
    summary: dict[str, int]
    filters: dict[str, list[str]] = field(default_factory=dict)
    run: RunInfo = field(default_factory=RunInfo)
    discrepancies: tuple[Discrepancy, ...] = ()
    max_bytes: int = 10 * 1024 * 1024
    allow_outside: bool = False
    names: Names | None = field(default=None, compare=False, repr=False)  # the codebook's, for folding origins

    def rows(self) -> Iterator[tuple[Source, list[str]]]:
        """The matrix: each source with its cell kind per topic, in topic order."""
        for s in self.sources:
            yield s, [t.cell(s.id) for t in self.topics]

    def claims(self) -> Iterator[tuple[TopicReport, int, Claim]]:
        """Every claim shown, with its topic and the index of its value cluster."""
        for t in self.topics:
            for i, cl in enumerate(t.group.clusters):
                for c in cl.claims:
                    yield t, i, c

    def origin_of(self, t: TopicReport, cluster: int, c: Claim) -> str:
        """The claim's origin as its value's provenance lists it (declared aliases folded to the first written)."""
        key = self.names.key(c.origin) if self.names is not None else c.origin.casefold()
        for o in t.provenance[cluster].origins:
            if (self.names.key(o.origin) if self.names is not None else o.origin.casefold()) == key:
                return o.origin
        return c.origin

    def repeated_origins(self) -> Iterator[tuple[TopicReport, ValueProvenance]]:
        """Values whose support includes sources repeating one origin."""
        for t in self.topics:
            for vp in t.provenance:
                if vp.repeated:
                    yield t, vp

    @cached_property
    def source_by_id(self) -> dict[str, Source]:
        return {s.id: s for s in self.sources}

    @cached_property
    def claim_numbers(self) -> dict[int, int]:
        """id(claim) -> its 1-based number in report order (claim ids need not be unique across files)."""
        return {id(c): n for n, (_, _, c) in enumerate(self.claims(), 1)}

    @cached_property
    def _labels(self) -> dict[str, str]:
        return {s.id: source_label(s) for s in self.sources}

    def label(self, source_id: str) -> str:
        """How the text formats name a source: 'The Bugle (bugle-1)', or the id when the outlet is unknown."""
        return self._labels.get(source_id, source_id)

    @cached_property
    def _value_spans(self) -> dict[int, tuple[int, int] | None]:
        return {}

    def value_span(self, t: TopicReport, c: Claim) -> tuple[int, int] | None:
        """Where the claim's value stands in its quote (offsets in the quote); worked out once per claim."""
        spans = self._value_spans
        key = id(c)
        if key not in spans:
            from claimcheck.report.spans import value_span

            spans[key] = value_span(c, t.group.topic, self.source_by_id.get(c.source_id))
        return spans[key]

    def articles(self) -> list[ArticleView]:
        """Each source with shown claims, its article text read again and every quote located in it."""
        from claimcheck.report.spans import quote_pieces
        from claimcheck.claimset.ground import Article

        by_source: dict[str, list[tuple[TopicReport, Claim]]] = defaultdict(list)
        for t, _, c in self.claims():
            by_source[c.source_id].append((t, c))
        out = []
        for s in self.sources:
            claims = by_source.get(s.id)
            if not claims:
                continue
            text, problem = read_article(s, self.comparison.claim_set.root, self.max_bytes, self.allow_outside)
            passages = []
            article = Article(text) if text is not None else None
            for t, c in sorted(claims, key=lambda tc: self.claim_numbers[id(tc[1])]):
                pieces = quote_pieces(article, c.quote) if article else ()
                value = None
                vs = self.value_span(t, c) if pieces else None
                if vs is not None:
                    word = c.quote[vs[0]:vs[1]]
                    lo, hi = pieces[0][0], pieces[-1][1]
                    at = text.find(word, lo, hi)
                    value = (at, at + len(word)) if at >= 0 else None
                passages.append(Passage(c, self.claim_numbers[id(c)], pieces, value))
            out.append(ArticleView(s, len(out) + 1, text, problem, tuple(passages)))
        return out


def read_article(s: Source, claims_root: str, max_bytes: int, allow_outside: bool) -> tuple[str | None, str | None]:
    """A source's article text, read under the rules the load followed (inside the root, under the cap,
    UTF-8); (None, why) when it has none or it can no longer be read so."""
    from pathlib import Path

    from claimcheck.errors import ClaimcheckError
    from claimcheck.claimset.reading import read_bytes

    if not s.text_path:
        return None, "the claim file names no article text"
    path = Path(s.text_path)
    try:
        resolved = path.resolve(strict=True)
        root = Path(claims_root).resolve().parent
        if not allow_outside and resolved != root and root not in resolved.parents:
            return None, "the article now resolves outside the claim set's root"
        data = read_bytes(path, max_bytes, "article")
    except ClaimcheckError as exc:
        return None, str(exc.problem.message) if hasattr(exc, "problem") else str(exc)
    except (OSError, RuntimeError) as exc:
        return None, f"cannot read the article: {getattr(exc, 'strerror', None) or exc}"
    if b"\x00" in data:
        return None, "the article is binary"
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        return None, "the article is not UTF-8"


def listing(items: Iterable[str], most: int = 12) -> str:
    """'a, b, c', or 'a, b, ... and 2,988 more' for summaries; the claims themselves are all listed elsewhere."""
    items = list(items)
    shown = ", ".join(items[:most])
    return shown if len(items) <= most else f"{shown} and {len(items) - most:,} more"


def credit(c: Claim) -> str:
    """Whom a source credits for a claim, as a reader would say it."""
    who = "own reporting" if c.own_voice else c.attributed_to + (f" via {c.via}" if c.via else "")
    return who + (f" ({c.hedge})" if c.hedge else "")


def build_report(comparison: Comparison, statuses: Iterable[str] = (), topics: Iterable[str] = (), *,
                 run: RunInfo | None = None, max_bytes: int = 10 * 1024 * 1024,
                 allow_outside: bool = False) -> Report:
    """The report of the topics passing the filters (all when none are given), in conflicts-first order.

    `run` names the report and what it was made from (the CLI fills it in; see revision.py);
    `max_bytes` and `allow_outside` are the rules the article texts are read again under.
    """
    statuses, topics = list(statuses), list(topics)
    groups = select(comparison, statuses, topics)
    names = Names(comparison.claim_set.codebook)
    views = tuple(_topic_report(g, names) for g in groups)
    sources = tuple(sorted(comparison.claim_set.sources.values(), key=lambda s: s.id))
    counts = {s: 0 for s in STATUSES}
    for g in groups:
        counts[g.status] += 1
    summary = {"sources": len(sources), "claims": sum(g.claim_count for g in groups), "topics": len(groups), **counts}
    filters = {k: v for k, v in (("status", statuses), ("topic", topics)) if v}
    discrepancies = tuple(d for d in (_discrepancy(t) for t in views if t.status == "conflict") if d)
    return Report(comparison, views, sources, summary, filters, run or RunInfo(), discrepancies, max_bytes,
                  allow_outside, names)


def _topic_report(g: Group, names: Names) -> TopicReport:
    majority, cells, values = _majority_and_cells(g)
    pairs = [p for p in g.pairs if p.relation.kind != "same"]
    if g.drift:  # one line, as `conflicts` shows it; the word differences stay in the JSON and SQLite reports
        sims = [p.relation.similarity for p in pairs if p.relation.similarity is not None]
        lo, hi = (f"{min(sims):.2f}", f"{max(sims):.2f}") if sims else ("", "")
        spread = "" if not sims else f" (similarity {lo})" if lo == hi else f" (similarity {lo}-{hi})"
        hints = [f"quote drift: {g.clusters[0].claims[0].attributed_to} is quoted in {len(g.clusters)} wordings{spread}; "
                 "one speaker in different words, not sources disagreeing"]
    else:
        unit = g.topic.unit
        hints = [f"{with_unit(g.clusters[p.a].display, unit)} vs {with_unit(g.clusters[p.b].display, unit)}: "
                 f"{p.relation.reason}" for p in pairs]
    hidden = max(0, len(hints) - MAX_HINTS)
    hints = hints[:MAX_HINTS]
    hints += [f"merged {m}" for cl in g.clusters for m in cl.merged]
    if g.self_contradictions:
        hints.append("contradicts itself: " + ", ".join(g.self_contradictions))
    timeline = tuple(TimelineStep(t.as_of, with_unit(g.clusters[t.cluster].display, g.topic.unit), t.sources)
                     for t in g.timeline)
    value_sources = tuple(len(cl.sources) for cl in g.clusters)
    return TopicReport(g, majority, cells, _provenance(g, names), tuple(hints), hidden, timeline, value_sources, len(cells),
                       values)


def _majority_and_cells(g: Group) -> tuple[tuple[Majority, ...], dict[str, str], dict[str, tuple[int, ...]]]:
    """Each date's majority value, the worst cell each source earns, and the values each source gives."""
    kind = {(p.a, p.b): p.relation.kind for p in g.pairs}

    def relation(x: int, y: int) -> str:
        return "same" if x == y else kind.get((min(x, y), max(x, y)), "different")

    def worst(rels: set[str]) -> str:
        return "differs" if "different" in rels else "partly" if rels - {"same"} else "agrees"

    windows: dict[dt.date | None, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    given: dict[str, set[int]] = defaultdict(set)
    for i, cl in enumerate(g.clusters):
        for c in cl.claims:
            windows[c.as_of if g.topic.changes_over_time else None][c.source_id].add(i)
            given[c.source_id].add(i)
    majorities = []
    cells: dict[str, str] = {}
    for as_of in sorted(windows, key=lambda d: (d is None, d or dt.date.min)):
        by_source = windows[as_of]
        per_cluster: dict[int, int] = defaultdict(int)
        for cls in by_source.values():
            for i in cls:
                per_cluster[i] += 1
        top = max(per_cluster.values())
        leaders = sorted(i for i, n in per_cluster.items() if n == top)
        alone = len(by_source) == 1  # one source is no majority of anything
        winner = leaders[0] if len(leaders) == 1 and not alone else None
        majorities.append(Majority(as_of, winner, top, tuple(leaders) if len(leaders) > 1 and not alone else ()))
        others: dict[int, int] = per_cluster  # on a tie: a source against every value another source gives
        for sid, cls in by_source.items():
            if alone:
                cell = "only_source"
            elif winner is not None:
                cell = worst({relation(i, winner) for i in cls})
            else:
                rels = {relation(i, j) for i in cls for j, n in others.items()
                        if n > (1 if j in cls else 0)}  # j is given by some other source too
                cell = worst(rels or {"same"})
            if sid not in cells or _CELL_RANK[cell] < _CELL_RANK[cells[sid]]:
                cells[sid] = cell
    for sid in g.self_contradictions:
        cells[sid] = "self_contradiction"
    values = {sid: tuple(sorted(cls)) for sid, cls in given.items()}
    return tuple(majorities), cells, values


def _discrepancy(t: TopicReport) -> Discrepancy | None:
    g = t.group
    conflicting = [p for p in g.pairs if p.relation.kind == "different"]
    involved = sorted({i for p in conflicting for i in (p.a, p.b)})
    if not involved:
        return None
    reasons = [f"{t.shown(p.a)} vs {t.shown(p.b)}: {p.relation.reason}" for p in conflicting]
    return Discrepancy(t, tuple(involved), tuple(reasons[:MAX_REASONS]), max(0, len(reasons) - MAX_REASONS),
                       tuple(g.self_contradictions), tuple(p.relation.reason for p in conflicting[:MAX_REASONS]))


def _provenance(g: Group, names: Names) -> tuple[ValueProvenance, ...]:
    """Each value's origins, one per origin once declared aliases are folded (AP = The Associated Press)."""
    out = []
    for i, cl in enumerate(g.clusters):
        uses: dict[str, tuple[str, dict[str, None], list[bool]]] = {}
        for c in cl.claims:
            name, srcs, own = uses.setdefault(names.key(c.origin), (c.origin, {}, []))
            srcs[c.source_id] = None
            own.append(c.own_voice)
        out.append(ValueProvenance(i, tuple(OriginUse(name, tuple(srcs), all(own)) for name, srcs, own in uses.values())))
    return tuple(out)

