"""What `check` reads out of an article, and the passes over the whole article once every sentence is read.

The passes look at findings together: one value stated in several sentences becomes one finding,
a label stated once against a rival the article repeats is only possible, and an article giving
two values of a fixed fact is noted as contradicting itself.
"""

from __future__ import annotations

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

    A stage the article states beside a later stage that the codebook declares compatible with it
    (and so implies it: charged suspects are held), as often at least, is shown as possible: the
    later one is the state as of the article."""
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
        if f.type == "label" and f.confidence >= min_confidence:
            topic = contexts[f.topic].topic
            later = [g for g in findings if g.topic == f.topic and g.confidence >= min_confidence and topic.changes_over_time
                     and frozenset((f.value, g.value)) in topic.compatible and earlier(topic, f.value, g.value)
                     and g.mentions >= f.mentions]
            if later:
                f = replace(f, confidence=round(min_confidence - 0.1, 3),
                            how=f"{f.how}; an earlier stage than '{later[0].value}', which the article also states "
                                f"(\"{_short(later[0].sentence)}\") and which implies it")
        out.append(f)
    return out

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
