"""Immutable data: the codebook, sources, claims, and the results of comparing them. No I/O."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain
from operator import attrgetter
from typing import Any

_SOURCE_ID = attrgetter("source_id")

STATUSES = ("conflict", "partial", "agree", "single")


@dataclass(frozen=True)
class Where:
    """A place in a file, for messages a curator can jump to."""

    path: str
    line: int | None = None
    col: int | None = None

    def __str__(self) -> str:
        out = self.path
        if self.line is not None:
            out += f":{self.line}"
            if self.col is not None:
                out += f":{self.col}"
        return out


@dataclass(frozen=True)
class Label:
    name: str
    definition: str
    cues: tuple[str, ...] = ()


@dataclass(frozen=True)
class Topic:
    name: str
    type: str
    description: str
    subject: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()
    changes_over_time: bool = False
    unit: str | None = None
    labels: dict[str, Label] = field(default_factory=dict)
    compatible: frozenset[frozenset[str]] = frozenset()
    direction: str | None = None  # "rising" or "falling": a changing number that only goes one way


@dataclass(frozen=True)
class Entity:
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Codebook:
    topics: dict[str, Topic]
    entities: tuple[Entity, ...] = ()
    honorifics: tuple[str, ...] = ()
    distinct: tuple[tuple[str, str], ...] = ()
    person_match_threshold: float = 85.0
    path: str = "topics.yaml"


@dataclass(frozen=True)
class Source:
    id: str
    outlet: str
    title: str | None
    published: dt.date | None
    url: str | None
    text_path: str | None  # resolved path of the article text, if any
    note: str | None
    where: Where
    status: str | None = None  # "draft": written by `check --draft`, left out of results until a curator removes it

    @property
    def draft(self) -> bool:
        return self.status == "draft"


@dataclass(frozen=True)
class Claim:
    """One attributed statement of one fact by one source."""

    id: str
    source_id: str
    topic: str
    value: Any  # parsed, typed per the topic (see values.py)
    raw_value: Any  # as written in the claim file
    quote: str
    attributed_to: str  # whom the article credits; the outlet (or source id) when it speaks itself
    via: str | None = None
    hedge: str | None = None
    as_of: dt.date | None = None
    note: str | None = None
    where: Where = Where("?")
    own_voice: bool = False  # the article states it without crediting anyone

    @property
    def origin(self) -> str:
        """Where the fact first came from: the outlet a speaker was reported through, else the credit."""
        return self.via or self.attributed_to


@dataclass(frozen=True)
class ClaimSet:
    codebook: Codebook
    sources: dict[str, Source]
    claims: tuple[Claim, ...]
    root: str = "."


@dataclass(frozen=True)
class Relation:
    """How two distinct values relate, and why the tool thinks so."""

    kind: str  # "same" | "compatible" | "different" | "drift"
    reason: str
    similarity: float | None = None  # 0..1 where a score decided or hints


@dataclass(frozen=True)
class ValueCluster:
    """Claims judged to state one value, with the reasons spellings were merged."""

    value: Any
    display: str
    claims: tuple[Claim, ...]
    merged: tuple[str, ...] = ()  # why other spellings joined this cluster
    origin_key: Any = field(default=None, compare=False, repr=False)  # folds an origin (values.Names.key)

    @cached_property  # asked for by comparing, rendering and reports alike; a cluster never changes
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(map(_SOURCE_ID, self.claims)))

    @cached_property
    def origins(self) -> tuple[str, ...]:
        """Independent origins: sources repeating one outlet or speaker count once (declared aliases
        are one origin: `via: AP` and `via: The Associated Press` when the codebook says so)."""
        return tuple(self._first_spellings)

    @cached_property
    def origin_names(self) -> tuple[str, ...]:
        """Each independent origin as it was first written, in the order of `origins`."""
        return tuple(self._first_spellings.values())

    @cached_property
    def _first_spellings(self) -> dict:
        key = self.origin_key or str.casefold
        seen: dict = {}
        for c in self.claims:
            seen.setdefault(key(c.origin), c.origin)
        return seen


@dataclass(frozen=True)
class Pair:
    a: int  # cluster indexes
    b: int
    relation: Relation


@dataclass(frozen=True)
class TimelinePoint:
    as_of: dt.date | None
    cluster: int
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Group:
    """Every claim on one topic, clustered by value, with the topic's status."""

    topic: Topic
    status: str
    clusters: tuple[ValueCluster, ...]
    pairs: tuple[Pair, ...] = ()
    self_contradictions: tuple[str, ...] = ()
    timeline: tuple[TimelinePoint, ...] = ()
    drift: bool = False  # differing wordings of one speaker's quote

    @cached_property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(chain.from_iterable(c.sources for c in self.clusters)))

    @property
    def claim_count(self) -> int:
        return sum(len(c.claims) for c in self.clusters)


@dataclass(frozen=True)
class Comparison:
    claim_set: ClaimSet
    groups: tuple[Group, ...]

    def summary(self) -> dict[str, int]:
        counts = {s: 0 for s in STATUSES}
        for g in self.groups:
            counts[g.status] += 1
        return {
            "sources": len(self.claim_set.sources),
            "claims": len(self.claim_set.claims),
            "topics": len(self.groups),
            **counts,
        }
