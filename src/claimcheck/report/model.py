"""A report's content, computed once for every format: summary, source × topic matrix, provenance, hints."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from ..document import select
from ..model import STATUSES, Claim, Comparison, Group, Source
from ..values import Names

STATUS_SYMBOL = {"conflict": "✗", "partial": "≈", "agree": "✓", "single": "·"}

# Matrix cells, in legend order.
CELLS = ("agrees", "partly", "differs", "self_contradiction", "no_majority", "only_source", "silent")
CELL_SYMBOL = {"agrees": "=", "partly": "≈", "differs": "≠", "no_majority": "±",
               "self_contradiction": "⚠", "only_source": "·", "silent": "—"}
CELL_LABEL = {"agrees": "agrees", "partly": "partly agrees", "differs": "differs", "no_majority": "no majority",
              "self_contradiction": "self-contradiction", "only_source": "only source", "silent": "silent"}
CELL_MEANING = {
    "agrees": "gives the majority value",
    "partly": "gives a value compatible with the majority value (e.g. 'nearly 14' and 14), or the same speaker in other words",
    "differs": "gives a value that differs from the majority value",
    "no_majority": "the values given tie for most sources, so there is no majority to agree with",
    "self_contradiction": "the source gives two values that differ from each other",
    "only_source": "no other source speaks to this topic (on the same date)",
    "silent": "the source makes no claim on this topic",
}
MAJORITY_RULE = ("The majority value is the value given by the most sources (a source counts once per value). "
                 "For facts that change over time, sources are compared with the majority of the same date. "
                 "When two or more values tie for most sources there is no majority: their sources are "
                 "marked '± no majority', never picked between.")
PROVENANCE_RULE = ("A value's independent origins are the distinct outlets or speakers its sources credit "
                   "(a source's own reporting is its own origin; names the codebook declares one entity are one "
                   "origin). Sources repeating one origin, such as "
                   "two articles citing Reuters, are not independent corroboration.")
MAX_HINTS = 50  # comparisons listed per topic in the human formats; the JSON and SQLite formats keep all

# A source's cell is the worst it earns on any date of a topic; first here is worst.
_CELL_RANK = {k: i for i, k in enumerate(("self_contradiction", "differs", "partly", "no_majority", "agrees",
                                          "only_source", "silent"))}


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
    """One topic: its group, the majority, each source's matrix cell, provenance and hints."""

    group: Group
    majority: tuple[Majority, ...]
    cells: dict[str, str]  # source id -> cell kind, for sources with claims on the topic
    provenance: tuple[ValueProvenance, ...]
    hints: tuple[str, ...]
    hidden_hints: int  # comparisons beyond MAX_HINTS, left out of `hints`
    timeline: tuple[TimelineStep, ...]
    value_sources: tuple[int, ...]  # per value: how many sources give it (counted once, for large sets)
    source_count: int  # sources with a claim on the topic

    @property
    def name(self) -> str:
        return self.group.topic.name

    @property
    def status(self) -> str:
        return self.group.status

    def cell(self, source_id: str) -> str:
        return self.cells.get(source_id, "silent")

    def majority_note(self, cluster: int) -> str:
        """'majority', 'majority on 2025-10-25', or '' when the value is nowhere the majority."""
        dates = [m.as_of for m in self.majority if m.cluster == cluster]
        if not dates:
            return ""
        if not self.group.topic.changes_over_time:
            return "majority"
        return "majority on " + ", ".join(str(d or "undated") for d in dates)


@dataclass(frozen=True)
class Report:
    """Everything every report format shows; renderers only lay it out."""

    comparison: Comparison
    topics: tuple[TopicReport, ...]
    sources: tuple[Source, ...]  # every source of the claim set, by id
    summary: dict[str, int]
    filters: dict[str, list[str]] = field(default_factory=dict)
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


def listing(items: Iterable[str], most: int = 12) -> str:
    """'a, b, c', or 'a, b, ... and 2,988 more' for summaries; the claims themselves are all listed elsewhere."""
    items = list(items)
    shown = ", ".join(items[:most])
    return shown if len(items) <= most else f"{shown} and {len(items) - most:,} more"


def credit(c: Claim) -> str:
    """Whom a source credits for a claim, as a reader would say it."""
    who = "own reporting" if c.own_voice else c.attributed_to + (f" via {c.via}" if c.via else "")
    return who + (f" ({c.hedge})" if c.hedge else "")


def build_report(comparison: Comparison, statuses: Iterable[str] = (), topics: Iterable[str] = ()) -> Report:
    """The report of the topics passing the filters (all when none are given), in conflicts-first order."""
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
    return Report(comparison, views, sources, summary, filters, names)


def _topic_report(g: Group, names: Names) -> TopicReport:
    majority, cells = _majority_and_cells(g)
    pairs = [p for p in g.pairs if p.relation.kind != "same"]
    if g.drift:  # one line, as `conflicts` shows it; the word differences stay in the JSON and SQLite reports
        sims = [p.relation.similarity for p in pairs if p.relation.similarity is not None]
        lo, hi = (f"{min(sims):.2f}", f"{max(sims):.2f}") if sims else ("", "")
        spread = "" if not sims else f" (similarity {lo})" if lo == hi else f" (similarity {lo}-{hi})"
        hints = [f"quote drift: {g.clusters[0].claims[0].attributed_to} is quoted in {len(g.clusters)} wordings{spread}; "
                 "one speaker in different words, not sources disagreeing"]
    else:
        hints = [f"{g.clusters[p.a].display} vs {g.clusters[p.b].display}: {p.relation.reason}" for p in pairs]
    hidden = max(0, len(hints) - MAX_HINTS)
    hints = hints[:MAX_HINTS]
    hints += [f"merged {m}" for cl in g.clusters for m in cl.merged]
    if g.self_contradictions:
        hints.append("contradicts itself: " + ", ".join(g.self_contradictions))
    timeline = tuple(TimelineStep(t.as_of, g.clusters[t.cluster].display, t.sources) for t in g.timeline)
    value_sources = tuple(len({c.source_id for c in cl.claims}) for cl in g.clusters)
    return TopicReport(g, majority, cells, _provenance(g, names), tuple(hints), hidden, timeline, value_sources, len(cells))


def _majority_and_cells(g: Group) -> tuple[tuple[Majority, ...], dict[str, str]]:
    """Each date's majority value, and the worst cell each source earns against it."""
    kind = {(p.a, p.b): p.relation.kind for p in g.pairs}

    def relation(x: int, y: int) -> str:
        return "same" if x == y else kind.get((min(x, y), max(x, y)), "different")

    windows: dict[dt.date | None, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for i, cl in enumerate(g.clusters):
        for c in cl.claims:
            windows[c.as_of if g.topic.changes_over_time else None][c.source_id].add(i)
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
        for sid, cls in by_source.items():
            if alone:
                cell = "only_source"
            elif winner is None:
                cell = "no_majority"
            else:
                rels = {relation(i, winner) for i in cls}
                cell = "differs" if "different" in rels else "partly" if rels - {"same"} else "agrees"
            if sid not in cells or _CELL_RANK[cell] < _CELL_RANK[cells[sid]]:
                cells[sid] = cell
    for sid in g.self_contradictions:
        cells[sid] = "self_contradiction"
    return tuple(majorities), cells


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

