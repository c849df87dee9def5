"""What `check` reads out of an article, and the passes over the whole article once every sentence is read.

The passes look at findings together: one value stated in several sentences becomes one finding,
a label stated once against a rival the article repeats is only possible, and an article giving
two values of a fixed fact is noted as contradicting itself.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Any

from claimcheck.check.cues import _short
from claimcheck.check.mentions import Anchor
from claimcheck.check.stages import earlier
from claimcheck.model import Codebook
from claimcheck.values import DIFFERENT, TYPES, Context


@dataclass(frozen=True)
class Finding:
    """One fact the article states (or may state) on one codebook topic."""

    topic: str
    type: str
    value: Any  # typed as values.TYPES[type] would parse it
    display: str
    confidence: float  # 0..1
    how: str  # how the value was read, for a curator to judge
    sentence: str
    start: int  # the sentence's offsets in the checked text
    end: int
    value_start: int  # the words the value was read from
    value_end: int
    hedge: str | None = None
    mentions: int = 1  # sentences stating the same value
    also_at: tuple[tuple[int, int], ...] = ()

    @property
    def value_text(self) -> str:
        return self.sentence[self.value_start - self.start:self.value_end - self.start]


@dataclass(frozen=True)
class Unresolved:
    """A value the article gives that cannot be pinned down (a weekday with no date to count from)."""

    topic: str
    text: str
    why: str
    sentence: str
    start: int
    end: int


@dataclass(frozen=True)
class Extraction:
    findings: tuple[Finding, ...]
    unresolved: tuple[Unresolved, ...]
    anchor: Anchor
    notes: tuple[str, ...] = ()  # the article disagreeing with itself, and the like


def merge(raw: list[Finding], contexts: dict[str, Context]) -> list[Finding]:
    """One finding per topic and value: the surest of the sentences stating it, the others noted."""
    groups: dict[tuple, list[Finding]] = defaultdict(list)
    for f in raw:
        key = TYPES[f.type].key(f.value, contexts[f.topic])
        groups[(f.topic, key)].append(f)
    out = []
    for fs in groups.values():
        best = max(fs, key=lambda f: (f.confidence, -f.start))
        others = tuple((f.start, f.end) for f in fs if f is not best)
        out.append(replace(best, mentions=len(fs), also_at=others))
    return out


def weigh_labels(findings: list[Finding], contexts: dict[str, Context], min_confidence: float) -> list[Finding]:
    """A label stated once, against an incompatible label the article states at least twice,
    is shown as possible: the article's own account leans the other way.

    An earlier stage of a changing state beside a later one is shown as possible (_outranked)."""
    out = []
    for f in findings:
        if f.type == "label" and f.mentions == 1:
            ctx = contexts[f.topic]
            rivals = [g for g in findings if g.topic == f.topic and g is not f and g.mentions >= 2
                      and g.confidence >= min_confidence and TYPES["label"].relate(f.value, g.value, ctx).kind == DIFFERENT]
            if rivals:
                r = max(rivals, key=lambda g: g.mentions)
                f = replace(f, confidence=min(f.confidence, round(min_confidence - 0.1, 3)),
                            how=f"{f.how}; stated once, while the article says '{r.value}' {r.mentions} times")
        if f.type == "label" and f.confidence >= min_confidence and contexts[f.topic].topic.changes_over_time:
            f = _outranked(f, findings, contexts[f.topic].topic, min_confidence)
        out.append(f)
    return out


#: Words placing a statement later in the article's own time than what it tells before: "have now
#: been charged", "were later found", "has since been released".
_LATER = re.compile(r"\b(?:now|later|subsequently|eventually|finally|(?:has|have|had)\s+since)\b", re.I)


def _outranked(f: Finding, findings: list[Finding], topic, min_confidence: float) -> Finding:
    """An earlier stage (stages.py) of a changing state, beside a later stage the article states
    as often at least and that either implies it (the codebook declares them compatible: charged
    suspects are held) or is placed later in the article's own time ("have now been recovered"), is
    shown as possible: the later one is the state as of the article."""
    for g in findings:
        if g.topic != f.topic or g.confidence < min_confidence or g.mentions < f.mentions or not earlier(topic, f.value, g.value):
            continue
        lead = re.split(r"[,;:()\u2014]", g.sentence[max(0, g.value_start - g.start - 60):g.value_start - g.start])[-1] \
            + g.value_text + re.split(r"[,;:()\u2014]", g.sentence[g.value_end - g.start:g.value_end - g.start + 25])[0]
        # (the later stage's own clause, around its words)
        if frozenset((f.value, g.value)) in topic.compatible:
            why = "which implies it"
        elif _LATER.search(lead):
            why = f"placed later ('{_LATER.search(lead).group(0)}')"
        else:
            continue
        return replace(f, confidence=round(min_confidence - 0.1, 3),
                       how=f"{f.how}; an earlier stage than '{g.value}', which the article also states "
                           f"(\"{_short(g.sentence)}\"), {why}")
    return f


def self_contradictions(findings: list[Finding], codebook: Codebook, contexts: dict[str, Context],
                        min_confidence: float) -> list[str]:
    """Notes for an article giving two different values of a topic that does not change over time."""
    notes = []
    by_topic: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        if f.confidence >= min_confidence:
            by_topic[f.topic].append(f)
    for topic, fs in by_topic.items():
        t = codebook.topics[topic]
        if t.changes_over_time or t.type in ("text", "list", "label") or len(fs) < 2:
            continue
        ctx = contexts[topic]
        for i, a in enumerate(fs):
            for b in fs[i + 1:]:
                r = TYPES[t.type].relate(a.value, b.value, ctx)
                if r.kind == DIFFERENT:
                    notes.append(f"the article contradicts itself on {topic}: {a.display} "
                                 f"(\"{_short(a.sentence)}\") and {b.display} (\"{_short(b.sentence)}\"): {r.reason}")
    return notes


def unite_lists(findings: list[Finding], codebook: Codebook, contexts: dict[str, Context], min_confidence: float) -> list[Finding]:
    """A list topic the article states in pieces ("... felt in Bangkok." "Shaking was also felt in
    Hanoi and Dhaka.") has the union of its pieces as its items: the asserted findings of a list topic
    that does not change over time become one, at the surest piece's sentence and confidence."""
    by_topic: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        t = codebook.topics[f.topic]
        if f.type == "list" and not t.changes_over_time and f.confidence >= min_confidence:
            by_topic[f.topic].append(f)
    out = [f for f in findings if len(by_topic.get(f.topic, ())) < 2 or f not in by_topic[f.topic]]
    for topic, fs in by_topic.items():
        if len(fs) < 2:
            continue
        ctx, seen, items = contexts[topic], set(), []
        for f in sorted(fs, key=lambda f: f.start):
            for x in f.value:
                k = ctx.names.key(x)
                if k not in seen:
                    seen.add(k)
                    items.append(x)
        best = max(fs, key=lambda f: (f.confidence, -f.start))
        value = tuple(items)
        how = f"the items of {len(fs)} sentences together: " + " | ".join(f"'{f.display}'" for f in sorted(fs, key=lambda f: f.start))
        out.append(replace(best, value=value, display=TYPES["list"].display(value), how=f"{how}; {best.how}",
                           mentions=sum(f.mentions for f in fs),
                           also_at=tuple((f.start, f.end) for f in fs if f is not best) + sum((f.also_at for f in fs), ())))
    return out
