"""Grouping claims by topic, clustering their values, and deciding each topic's status. Pure functions."""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import chain, compress, groupby
from operator import attrgetter, eq, itemgetter
from typing import Hashable, Iterable

from claimcheck import changing
from claimcheck.model import Claim, ClaimSet, Comparison, Group, Pair, Relation, Topic, TimelinePoint, ValueCluster
from claimcheck.values import COMPATIBLE, DIFFERENT, SAME, TYPES, Context, Names

_RANK = {"conflict": 0, "partial": 1, "agree": 2, "single": 3}
_CLAIM_ORDER = attrgetter("source_id", "id")
_CLAIM_ID = attrgetter("id")
_SOURCE_ID = attrgetter("source_id")
_FIRST = itemgetter(0)
_SECOND = itemgetter(1)
_VALUE_AND_SOURCE = attrgetter("value", "source_id")
DRIFT = "drift"


def compare_claim_set(claim_set: ClaimSet) -> Comparison:
    """Every topic with claims, as a Group, conflicts first then by topic name."""
    names = Names(claim_set.codebook)
    # Each topic's claims in compare_topic's order (source id, then claim id), put so cheaply: a set's
    # claims come source by source, so sorting a few thousand sources and each one's few claims is
    # enough, and compare_topic's own sort then finds them in order (at a million claims, sorting
    # each topic's claims from scratch took seconds).
    by_source: dict[str, list[Claim]] = defaultdict(list)
    for sid, run in groupby(claim_set.claims, key=_SOURCE_ID):  # a step per run of one source's claims
        by_source[sid].extend(run)
    by_topic: dict[str, list[Claim]] = defaultdict(list)
    for sid in sorted(by_source):
        own = by_source[sid]
        if len(own) > 1:
            own.sort(key=_CLAIM_ID)
        for claim in own:
            by_topic[claim.topic].append(claim)
    groups = [compare_topic(claim_set.codebook.topics[t], claims, names, ordered=True) for t, claims in by_topic.items()]
    groups.sort(key=lambda g: (_RANK[g.status], g.topic.name))
    return Comparison(claim_set, tuple(groups))


class _UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def compare_topic(topic: Topic, claims: Iterable[Claim], names: Names, *, ordered: bool = False) -> Group:
    """Cluster one topic's claims by value and decide its status.

    Values are first bucketed by their canonical key (so work is per distinct value, not per
    claim); only distinct values are compared pairwise, and `same` relations merge buckets.
    Per claim there is only bucketing and counting; keys and displays are worked out once per
    distinct value. `ordered`: the claims already come by source id, then claim id (as
    compare_claim_set puts them), so they need no sort.
    """
    vtype = TYPES[topic.type]
    ctx = Context(topic, names)
    claims = list(claims) if ordered else sorted(claims, key=_CLAIM_ORDER)
    # One pass over the claims for both (at a million claims, each pass that reads every claim
    # object waits on memory for most of its time), then two over the pairs.
    value_source = list(map(_VALUE_AND_SOURCE, claims))
    values = list(map(_FIRST, value_source))
    sources = list(map(_SECOND, value_source))
    del value_source
    # Keys and displays once per value object: claims of one source set share their value objects
    # (load.py parses each raw value once), and a value's key and display depend on it alone.
    ids = list(map(id, values))
    value_of = dict(zip(ids, values))
    key_of = dict(zip(value_of, vtype.keys(list(value_of.values()), ctx)))
    display_of = {i: vtype.display(v) for i, v in value_of.items()}
    claim_keys = list(map(key_of.__getitem__, ids))
    buckets: dict[Hashable, list[int]] = {}  # key -> positions of its claims, in claim order
    for pos, k in enumerate(claim_keys):
        b = buckets.get(k)
        if b is None:
            buckets[k] = [pos]
        else:
            b.append(pos)
    keys = list(buckets)
    reps = [values[buckets[k][0]] for k in keys]
    n = len(keys)
    rel = vtype.relate_all(reps, keys, ctx)  # every pair (i < j), i then j ascending
    uf = _UnionFind(n)
    merged_reasons: dict[int, list[str]] = defaultdict(list)
    for (i, j), r in rel.items():
        if r.kind == SAME:
            uf.union(i, j)
            merged_reasons[j].append(f"{vtype.display(reps[j])} = {vtype.display(reps[i])}: {r.reason}")
    # Within a bucket, spellings may differ too ("Haji Najib" / "Najib"): say why they were merged.
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        members[uf.find(i)].append(i)
    # Each cluster's claim positions and sources (ValueCluster.sources, in claim order), from the
    # per-position lists: at a million claims, another pass over the claim objects took 0.9 s.
    positions_of = {r: list(chain.from_iterable(buckets[keys[i]] for i in m)) for r, m in members.items()}
    sources_of = {r: tuple(dict.fromkeys(map(sources.__getitem__, p))) for r, p in positions_of.items()}
    roots = sorted(members, key=lambda r: (-len(sources_of[r]), r))
    clusters = []
    parsed: list = []  # each cluster's value, as its type parsed it
    bucket_cluster = [0] * n
    for idx, r in enumerate(roots):
        positions = positions_of[r]
        for i in members[r]:
            bucket_cluster[i] = idx
        cl_claims = tuple(map(claims.__getitem__, positions))
        cl_values = list(map(values.__getitem__, positions))
        shown = list(map(display_of.__getitem__, map(ids.__getitem__, positions)))
        spellings = list(dict.fromkeys(shown))
        reasons = [m for i in members[r] for m in merged_reasons[i]]
        if len(spellings) > 1 and not reasons:
            first = next(v for v, d in zip(cl_values[1:], shown[1:]) if d != spellings[0])
            reasons = [f"{' = '.join(spellings)}: {vtype.relate(cl_values[0], first, ctx).reason}"]
        value = _most_common_value(cl_values, shown)
        parsed.append(value)
        cluster = ValueCluster(vtype.to_json(value), vtype.display(value), cl_claims, tuple(dict.fromkeys(reasons)),
                               names.key)
        vars(cluster)["sources"] = sources_of[r]  # its cached property, known already
        clusters.append(cluster)

    pairs: list[Pair] = []
    for a in range(len(roots)):
        for b in range(a + 1, len(roots)):
            pairs.append(Pair(a, b, _cluster_relation(members[roots[a]], members[roots[b]], rel)))

    drift = False
    if topic.type == "text" and len(clusters) > 1:
        speakers = {names.key(c.attributed_to) for c in claims}
        if len(speakers) == 1:
            drift = True
            speaker = claims[0].attributed_to
            pairs = [Pair(p.a, p.b, Relation(DRIFT, f"quote drift: {speaker} in different words; {p.relation.reason}",
                                             p.relation.similarity)) for p in pairs]

    bucket_index = {k: i for i, k in enumerate(keys)}
    bucket_of = map(bucket_index.__getitem__, claim_keys)
    cluster_of = list(map(bucket_cluster.__getitem__, bucket_of))  # claim position -> cluster index
    pair_kind = {(p.a, p.b): p.relation.kind for p in pairs}

    def kind(x: int, y: int) -> str:
        return SAME if x == y else pair_kind[(min(x, y), max(x, y))]

    # Which claims are compared with which: all of them, or (for changing facts) those of one date,
    # undated claims with the latest date's (changing.RULE).
    undated: list[int] = []
    latest = None
    if topic.changes_over_time:
        windows: dict[object, list[int]] = defaultdict(list)
        for p, c in enumerate(claims):
            if c.as_of is None:
                undated.append(p)
            else:
                windows[c.as_of].append(p)
        if windows and undated:
            latest = max(windows)
            windows[latest] = sorted(windows[latest] + undated)
        windows_list = list(windows.values()) or [undated]
    else:
        windows_list = [range(len(claims))]

    status = "single"
    self_contra: set[str] = set()
    co_dated: set[tuple[int, int]] = set()
    for window in windows_list:
        idxs = set(map(cluster_of.__getitem__, window))
        if topic.changes_over_time:
            co_dated.update((x, y) for x in idxs for y in idxs if x < y)
        if len(idxs) == len(clusters):
            kinds = set(pair_kind.values())
        else:
            kinds = {kind(x, y) for x in idxs for y in idxs if x < y}
        window_sources = list(map(sources.__getitem__, window))
        if DIFFERENT in kinds:
            w = "conflict"
        elif COMPATIBLE in kinds or DRIFT in kinds:
            w = "partial"
        elif len(set(window_sources)) > 1:
            w = "agree"
        else:
            w = "single"
        if _RANK[w] < _RANK[status]:
            status = w
        if len(idxs) > 1:  # a source can only contradict itself where the window holds several values
            # Only a source with several claims in the window can; claims come source by source, so
            # its claims are neighbours: found, and their (source, cluster) pairs taken, at C speed.
            # Of those, only one holding several values needs a look at how its values relate.
            repeated = set(compress(window_sources[1:], map(eq, window_sources, window_sources[1:])))
            by_source: dict[str, set[int]] = defaultdict(set)
            if repeated:
                mine = list(map(repeated.__contains__, window_sources))
                held = set(zip(compress(window_sources, mine), compress(map(cluster_of.__getitem__, window), mine)))
                values_held = Counter(map(_FIRST, held))
                several = set(compress(values_held, map((1).__lt__, values_held.values())))
                for sid, cl in compress(held, map(several.__contains__, map(_FIRST, held))):
                    by_source[sid].add(cl)
            for sid, cls in by_source.items():
                if any(kind(x, y) == DIFFERENT for x in cls for y in cls if x < y):
                    self_contra.add(sid)
    if status == "single" and len(set(sources)) > 1:
        status = "agree"  # several sources, each alone on its date, none contradicted

    timeline: tuple[TimelinePoint, ...] = ()
    if topic.changes_over_time:
        against = changing.against_direction(topic, claims, cluster_of, parsed, vtype.display) if topic.direction else {}
        if against:
            status = "conflict"
        if undated:
            pairs = changing.note_undated(pairs, claims, undated, cluster_of, latest)
        # Values of different dates are a timeline, not a disagreement: keep only same-date pairs
        # (and a later value going against the topic's declared direction).
        pairs = [Pair(p.a, p.b, against[(p.a, p.b)]) if (p.a, p.b) in against else p
                 for p in pairs if (p.a, p.b) in co_dated or (p.a, p.b) in against]
        points: dict[tuple, list[str]] = defaultdict(list)
        for p, c in enumerate(claims):
            points[(c.as_of, cluster_of[p])].append(c.source_id)
        timeline = tuple(TimelinePoint(d, i, tuple(dict.fromkeys(s)))
                         for (d, i), s in sorted(points.items(), key=lambda kv: (kv[0][0] is None, kv[0][0] or 0, kv[0][1])))
    return Group(topic, status, tuple(clusters), tuple(pairs), tuple(sorted(self_contra)), timeline, drift)


def _cluster_relation(a: list[int], b: list[int], rel: dict[tuple[int, int], Relation]) -> Relation:
    """The strongest relation between two clusters' buckets: different beats compatible."""
    if len(a) == 1 and len(b) == 1:  # the usual case: clusters of one distinct value each
        x, y = a[0], b[0]
        return rel[(x, y) if x < y else (y, x)]
    found = [rel[(min(x, y), max(x, y))] for x in a for y in b]
    for k in (DIFFERENT, COMPATIBLE, SAME):
        of_kind = [r for r in found if r.kind == k]
        if of_kind:
            return max(of_kind, key=lambda r: r.similarity or 0)
    raise AssertionError("clusters without relations")


def _most_common_value(values: list, shown: list[str]) -> object:
    """The value shown most often (the longer display on a tie, then the first)."""
    counts = Counter(shown)
    first: dict[str, object] = {}
    for v, d in zip(values, shown):
        if d not in first:
            first[d] = v
    return first[max(counts, key=lambda d: (counts[d], len(d)))]
