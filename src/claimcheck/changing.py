"""Facts that change over time: the one rule for claims without a date, and a topic's declared direction.

`conflicts` (compare.py), `check` (check.py) and every report use these, so that a claim with no
date is judged the same way everywhere and no "None" reaches a reader.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any, Callable, Sequence

from claimcheck.model import Claim, Pair, Relation, Topic

DIFFERENT = "different"
UNDATED = "undated"

#: The rule, as the README states it.
RULE = ("Claims on a fact that changes over time are compared date by date (`as_of`, else the source's "
        "`published`). A claim with neither is taken to report the latest state the claim set knows: it is "
        "compared with the claims of the latest date and with the other undated claims, and a why-line on any "
        "difference names the undated source. `check` reads an undated article the same way.")


def shown(d: dt.date | None) -> str:
    """A claim's date as a reader sees it: ISO, or 'undated'."""
    return d.isoformat() if d else UNDATED


def undated_note(sources: Sequence[str], latest: dt.date | None) -> str:
    who = ", ".join(dict.fromkeys(sources))
    verb = "gives" if len(set(sources)) == 1 else "give"
    taken = f"taken as the latest state (as of {latest})" if latest else "compared with the other undated claims"
    return f"{who} {verb} no date (no `as_of`, no `published`), so {taken}; date the claim if it reports an earlier state"


def note_undated(pairs: list[Pair], claims: Sequence[Claim], undated: Sequence[int], cluster_of: Sequence[int],
                 latest: dt.date | None) -> list[Pair]:
    """The pairs, with the undated sources named on each difference that involves an undated claim."""
    by_cluster: dict[int, list[str]] = defaultdict(list)
    for p in undated:
        by_cluster[cluster_of[p]].append(claims[p].source_id)
    out = []
    for pair in pairs:
        r = pair.relation
        if r.kind == DIFFERENT and (pair.a in by_cluster or pair.b in by_cluster):
            who = by_cluster.get(pair.a, []) + by_cluster.get(pair.b, [])
            pair = Pair(pair.a, pair.b, Relation(r.kind, f"{r.reason}; {undated_note(who, latest)}", r.similarity))
        out.append(pair)
    return out


def goes_against(topic: Topic, earlier: Any, later: Any) -> bool:
    """Whether a later number goes the other way from the topic's declared direction (for certain:
    a range or bound counts only when all of it does)."""
    lo, hi = getattr(later, "low", None), getattr(later, "high", None)
    if lo is None or getattr(earlier, "low", None) is None:
        return False
    if topic.direction == "rising":
        return hi < earlier.low
    if topic.direction == "falling":
        return lo > earlier.high
    return False


def direction_reason(topic: Topic, earlier: str, d_earlier: dt.date, later: str, d_later: dt.date) -> str:
    way = "lower" if topic.direction == "rising" else "higher"
    only = "rises" if topic.direction == "rising" else "falls"
    return (f"{later} as of {d_later} is {way} than {earlier} as of {d_earlier}, but the codebook says "
            f"{topic.name} only {only} (direction: {topic.direction}): a later value cannot go back")


def against_direction(topic: Topic, claims: Sequence[Claim], cluster_of: Sequence[int], values: Sequence[Any],
                      display: Callable[[Any], str]) -> dict[tuple[int, int], Relation]:
    """Pairs of value clusters (a < b) where a later value goes against the topic's direction, and why."""
    first: dict[int, dt.date] = {}
    last: dict[int, dt.date] = {}
    for p, c in enumerate(claims):
        if c.as_of is None:
            continue
        k = cluster_of[p]
        if k not in first or c.as_of < first[k]:
            first[k] = c.as_of
        if k not in last or c.as_of > last[k]:
            last[k] = c.as_of
    out: dict[tuple[int, int], Relation] = {}
    for x in first:
        for y in last:
            if x != y and first[x] < last[y] and goes_against(topic, values[x], values[y]):
                key = (min(x, y), max(x, y))
                if key not in out:
                    out[key] = Relation(DIFFERENT, direction_reason(topic, display(values[x]), first[x],
                                                                    display(values[y]), last[y]))
    return out


def latest_date(claims: Sequence[Claim]) -> dt.date | None:
    return max((c.as_of for c in claims if c.as_of), default=None)


def state_at(claims: list[Claim], as_of: dt.date | None) -> tuple[list[Claim], str, bool]:
    """For `check` on a fact that changes: the claims stating its state at the article's date (the
    latest dated state known then, with the undated claims when that is the latest state of all, by
    RULE), a note saying which, and whether that state is of the article's own date (an undated
    article is taken as of the latest state, as an undated claim is)."""
    dated = sorted({c.as_of for c in claims if c.as_of})
    if not dated:
        return claims, "", True
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
    latest = when == dated[-1]
    return [c for c in claims if c.as_of == when or (latest and c.as_of is None)], note, as_of is None or when == as_of
