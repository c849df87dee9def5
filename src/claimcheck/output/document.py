"""A comparison as plain data (dicts, lists, strings, numbers): the JSON contract every output shares."""

from __future__ import annotations

import fnmatch
from typing import Iterable

from claimcheck.model import Claim, Comparison, Group

SCHEMA_VERSION = 1


def select(comparison: Comparison, statuses: Iterable[str] = (), topics: Iterable[str] = ()) -> list[Group]:
    """The groups whose status is one of `statuses` and whose topic matches one of the `topics` globs."""
    statuses, topics = set(statuses), list(topics)
    return [g for g in comparison.groups
            if (not statuses or g.status in statuses)
            and (not topics or any(fnmatch.fnmatchcase(g.topic.name, pat) for pat in topics))]


def claim_doc(c: Claim) -> dict:
    return {
        "id": c.id,
        "source": c.source_id,
        "quote": c.quote,
        "attributed_to": c.attributed_to,
        "via": c.via,
        "hedge": c.hedge,
        "as_of": c.as_of.isoformat() if c.as_of else None,
        "note": c.note,
        "file": c.where.path,
        "line": c.where.line,
    }


def group_doc(g: Group) -> dict:
    return {
        "topic": g.topic.name,
        "type": g.topic.type,
        "description": g.topic.description,
        "status": g.status,
        "values": [
            {
                "value": cl.value,
                "display": cl.display,
                "sources": list(cl.sources),
                "origins": list(cl.origin_names),
                "independent_origins": len(cl.origins),
                "merged_because": list(cl.merged),
                "claims": [claim_doc(c) for c in cl.claims],
            }
            for cl in g.clusters
        ],
        "relations": [
            {"a": g.clusters[p.a].display, "b": g.clusters[p.b].display, "relation": p.relation.kind,
             "reason": p.relation.reason,
             "similarity": round(p.relation.similarity, 3) if p.relation.similarity is not None else None}
            for p in g.pairs
        ],
        "self_contradictions": list(g.self_contradictions),
        "quote_drift": g.drift,
        "timeline": [
            {"as_of": t.as_of.isoformat() if t.as_of else None, "value": g.clusters[t.cluster].display,
             "sources": list(t.sources)}
            for t in g.timeline
        ],
    }


def conflicts_doc(comparison: Comparison, groups: list[Group] | None = None) -> dict:
    """The `claimcheck conflicts --format json` document."""
    groups = comparison.groups if groups is None else groups
    return {"schema": SCHEMA_VERSION, "summary": comparison.summary(), "groups": [group_doc(g) for g in groups]}

