"""The claim set as `check` reads it: each topic's claims, compared, on their own.

An article mentions a dozen of the codebook's topics. Reading back every claim and comparing every
topic cost a warm `check` at 100,000 claims about 0.6 of its 1.6 s, so the first check of a large
claim set leaves a companion beside its cache entry (cache.py): the codebook, the sources, the
claims the extractor learns names from, and per topic its claims in claim-set order with what
verdicts need of their comparison (compare.compare_topic): the claims cluster by cluster and, for a
fact that does not change, each source's. Later checks read back only the topics an article is about.
This module is the pure part; the file is claimcheck.speed.topicfile's.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Callable, Iterable

from claimcheck.model import Claim, ClaimSet, Codebook, Group, Source

FORMAT = 4  # 2: in_clusters and state stored too; 3: not the Group they are derived from; 4: learning examples in naming

# A topic's claims in claim-set order, then as stored: in_clusters and (for a fact that does not
# change) state; None where not stored.
Topic = tuple[list[Claim], "Clustered | None", "State | None"]
Clustered = tuple[list[Claim], list[int], list]  # see in_clusters
State = tuple[dict, dict, str, bool]  # see state


class CheckSet:
    """Codebook, sources, the claims the extractor learns names from, and each topic's claims on demand."""

    def __init__(self, codebook: Codebook, sources: dict[str, Source], root: str, naming: list[Claim],
                 topics: Iterable[str], fetch: Callable[[str], Topic], whole: Callable[[], ClaimSet],
                 digests: dict[str, str] | None = None):
        self.codebook = codebook
        self.sources = sources
        self.root = root
        self.naming = naming
        self.digests = digests  # each article's cache.digest by path, when a fresh cache entry vouches for them
        self.topics = tuple(topics)  # those with claims
        self._fetch = fetch
        self._whole = whole
        self._loaded: dict[str, Topic] = {}

    @classmethod
    def of(cls, claim_set: ClaimSet, digests: dict[str, str] | None = None) -> CheckSet:
        by_topic: dict[str, list[Claim]] = defaultdict(list)
        for c in claim_set.claims:
            by_topic[c.topic].append(c)
        return cls(claim_set.codebook, claim_set.sources, claim_set.root, naming_claims(claim_set), by_topic,
                   lambda t: (by_topic.get(t, []), None, None), lambda: claim_set, digests)

    def __getstate__(self) -> dict:
        """Every topic read in, and no reader of files or closures: what another process can hold."""
        for name in self.topics:
            self._topic(name)
        state = dict(self.__dict__)
        state["_fetch"] = state["_whole"] = _shipped
        return state

    def _topic(self, topic: str) -> Topic:
        found = self._loaded.get(topic)
        if found is None:
            if topic not in self.topics:
                return [], None, None
            try:
                found = self._fetch(topic)
            except Exception:  # a damaged companion: the claims as the entry holds them
                whole = CheckSet.of(self._whole())
                self._fetch, self.topics = whole._fetch, whole.topics
                found = self._fetch(topic)
            self._loaded[topic] = found
        return found

    def claims(self, topic: str) -> list[Claim]:
        """The topic's claims in claim-set order."""
        return self._topic(topic)[0]

    def in_clusters(self, topic: str) -> Clustered | None:
        """in_clusters of the topic's comparison, if stored."""
        return self._topic(topic)[1]

    def state(self, topic: str) -> State | None:
        """state(*in_clusters(topic)[:2], False, None) for a fact that does not change, if stored."""
        return self._topic(topic)[2]

    def claim_set(self) -> ClaimSet:
        """Every claim, as load.load_claim_set gives them (read back in full when stored)."""
        return self._whole()


def _shipped(*_args):
    """What a shipped CheckSet has instead of its readers: every topic it has is already loaded."""
    raise RuntimeError("this claim set was shipped to another process with its topics loaded; it cannot read more")


def naming_claims(claim_set: ClaimSet) -> list[Claim]:
    """The claims the Extractor learns names and cues from: each person and list value's first and last
    claim, and each topic's first examples (in claim-set order).

    It reads person and list values only, keeping the first claim to name a spelling and the last
    spelling of each stripped name; thousands of claims repeat a few hundred values, and these carry
    all it reads (tests/check/test_check_jobs.py compares the two on a generated set).
    """
    kinds = {name for name, t in claim_set.codebook.topics.items() if t.type in ("person", "list")}
    first: dict[object, int] = {}
    last: dict[object, int] = {}
    claims = claim_set.claims
    for i, c in enumerate(claims):
        if c.topic in kinds:
            v = c.value
            if v not in first:
                first[v] = i
            last[v] = i
    # And the examples it learns each topic's cues from (learn.examples_by_topic), at most a few dozen a topic.
    from claimcheck.check.learn import MAX_EXAMPLES

    per_topic: dict[str, int] = defaultdict(int)
    quotes: set[tuple[str, str]] = set()
    examples = []
    for i, c in enumerate(claims):
        if per_topic[c.topic] < MAX_EXAMPLES and (c.topic, c.quote) not in quotes:
            quotes.add((c.topic, c.quote))
            per_topic[c.topic] += 1
            examples.append(i)
    return [claims[i] for i in sorted({*first.values(), *last.values(), *examples})]


def in_clusters(group: Group) -> Clustered:
    """The topic's claims cluster by cluster (the order verdicts list sources in), each claim's
    value as a number among the topic's distinct values, and one value for each number.

    Values are distinct by type and repr: the parsed values (str, tuple, frozen dataclasses)
    show every field in it, so equal ones relate and display alike.
    """
    claims = [c for cl in group.clusters for c in cl.claims]
    by_object: dict[int, int] = {}
    by_value: dict[tuple[type, str], int] = {}
    slots: list[int] = []
    values: list = []
    for c in claims:
        k = by_object.get(id(c.value))
        if k is None:
            k = by_object[id(c.value)] = by_value.setdefault((type(c.value), repr(c.value)), len(values))
            if k == len(values):
                values.append(c.value)
        slots.append(k)
    return claims, slots, values


def state(claims: list[Claim], slots: list[int], changes: bool, as_of: dt.date | None) -> State | None:
    """The claims (in_clusters order) that count at the article's date (all, unless the fact
    changes) by source: sources with one claim grouped by its value, {value: [(position, source,
    claim, value)]}, the others with all theirs grouped by the values they hold in order,
    {(value, ...): [(source, [(position, claim, value)])]}; then the note on the date and whether
    the state is of the article's own date. None when no source reports the state."""
    note, same_date = "", True
    positions: Iterable[int] = range(len(claims))
    if changes:
        from claimcheck.changing import state_at  # one rule for undated claims (changing.py)

        kept, note, same_date = state_at(claims, as_of)
        keep = set(map(id, kept))
        positions = [p for p in positions if id(claims[p]) in keep]
    by_source: dict[str, list[int]] = defaultdict(list)
    for p in positions:
        by_source[claims[p].source_id].append(p)
    singles: dict[int, list[tuple]] = defaultdict(list)
    multis: dict[tuple[int, ...], list[tuple]] = defaultdict(list)
    for sid, ps in by_source.items():
        if len(ps) == 1:
            p = ps[0]
            singles[slots[p]].append((p, sid, claims[p], slots[p]))
        else:
            multis[tuple(slots[p] for p in ps)].append((sid, [(p, claims[p], slots[p]) for p in ps]))
    return (dict(singles), dict(multis), note, same_date) if by_source else None
