"""What changed between two versions of a story's claim set: sources, topic statuses, values and who gives them.

Each side is reduced to a snapshot (sources, and per topic its status and which sources give each
value), whether it was a report JSON file, a claims folder, or the claim set at a git revision; the
difference of two snapshots is plain data, rendered as text, Markdown (for a pull-request comment) or JSON.
Values are matched by their display (a merged spelling shows as its cluster's display).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from claimcheck.errors import UsageError
from claimcheck.model import STATUSES, Comparison

_RANK = {s: i for i, s in enumerate(STATUSES)}  # conflict first


@dataclass(frozen=True)
class TopicState:
    status: str
    unit: str | None
    values: dict[str, tuple[str, ...]]  # display -> source ids, in order


@dataclass(frozen=True)
class Snapshot:
    """A claim set as diff compares it."""

    label: str  # what was read: a file, a folder, a revision
    sources: dict[str, str]  # id -> how the report names it ('The Bugle (bugle-1)', or the id)
    topics: dict[str, TopicState]
    revision: str | None = None


@dataclass(frozen=True)
class StatusChange:
    topic: str
    old: str | None  # None: the topic had no claims
    new: str | None

    @property
    def new_conflict(self) -> bool:
        return self.new == "conflict" and self.old != "conflict"


@dataclass(frozen=True)
class ValueChange:
    topic: str
    value: str  # with the unit, as reports show it
    sources: tuple[str, ...]  # the sources newly giving it (added) or no longer giving it (withdrawn)
    whole: bool  # the value is new to the topic (added) or gone from it (withdrawn), not just a source


@dataclass(frozen=True)
class Diff:
    old: Snapshot
    new: Snapshot
    sources_added: tuple[str, ...] = ()
    sources_removed: tuple[str, ...] = ()
    statuses: tuple[StatusChange, ...] = ()
    added: tuple[ValueChange, ...] = ()
    withdrawn: tuple[ValueChange, ...] = ()
    labels: dict[str, str] = field(default_factory=dict)

    @property
    def new_conflicts(self) -> tuple[StatusChange, ...]:
        return tuple(c for c in self.statuses if c.new_conflict)

    @property
    def empty(self) -> bool:
        return not (self.sources_added or self.sources_removed or self.statuses or self.added or self.withdrawn)

    def label(self, source_id: str) -> str:
        return self.labels.get(source_id, source_id)


def _unit(value: str, unit: str | None) -> str:
    from claimcheck.report.model import with_unit

    return with_unit(value, unit)


def from_comparison(comparison: Comparison, label: str, revision: str | None = None) -> Snapshot:
    from claimcheck.report.model import source_label

    sources = {s.id: source_label(s) for s in sorted(comparison.claim_set.sources.values(), key=lambda s: s.id)}
    topics = {g.topic.name: TopicState(g.status, g.topic.unit, {cl.display: tuple(cl.sources) for cl in g.clusters})
              for g in comparison.groups}
    return Snapshot(label, sources, topics, revision)


def from_report_json(path: Path, max_bytes: int) -> Snapshot:
    """A report written by `claimcheck report --format json` (or `conflicts --format json` with sources)."""
    from claimcheck.claimset.reading import read_bytes

    data = read_bytes(path, max_bytes, "report")
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise UsageError(path, f"is not UTF-8 (bad byte at offset {exc.start}); give a report JSON file") from None
    except json.JSONDecodeError as exc:
        raise UsageError(f"{path}:{exc.lineno}:{exc.colno}", f"not JSON ({exc.msg}); give a file written by "
                         "`claimcheck report --format json`") from None
    try:
        if not isinstance(doc, dict) or not isinstance(doc.get("groups"), list):
            raise TypeError("no 'groups' list")
        sources: dict[str, str] = {}
        for s in doc.get("sources") or []:
            name = s.get("name") if "name" in s else (None if str(s.get("outlet", "")).casefold() in ("", "unknown") else s.get("outlet"))
            sources[str(s["id"])] = f"{name} ({s['id']})" if name else str(s["id"])
        topics = {}
        for g in doc["groups"]:
            values = {str(v["display"]): tuple(str(x) for x in v["sources"]) for v in g["values"]}
            if str(g["status"]) not in _RANK:
                raise ValueError(f"unknown status {g['status']!r}")
            topics[str(g["topic"])] = TopicState(str(g["status"]), g.get("unit"), values)
            for ids in values.values():
                for sid in ids:
                    sources.setdefault(sid, sid)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise UsageError(path, f"is not a claimcheck report JSON ({exc}); write one with "
                         "`claimcheck report -o FILE.json`") from None
    run = doc.get("run") if isinstance(doc.get("run"), dict) else {}
    return Snapshot(str(path), sources, topics, run.get("revision"))


def compare(old: Snapshot, new: Snapshot) -> Diff:
    """What changed from `old` to `new`: new conflicts first, then other status changes worst first."""
    added_src = tuple(s for s in new.sources if s not in old.sources)
    removed_src = tuple(s for s in old.sources if s not in new.sources)
    statuses = []
    added, withdrawn = [], []
    for name in sorted(set(old.topics) | set(new.topics)):
        a, b = old.topics.get(name), new.topics.get(name)
        sa, sb = (a.status if a else None), (b.status if b else None)
        if sa != sb:
            statuses.append(StatusChange(name, sa, sb))
        unit = (b or a).unit
        va, vb = (a.values if a else {}), (b.values if b else {})
        for value, srcs in vb.items():
            before = set(va.get(value, ()))
            fresh = tuple(s for s in srcs if s not in before)
            if fresh:
                added.append(ValueChange(name, _unit(value, unit), fresh, value not in va))
        for value, srcs in va.items():
            after = set(vb.get(value, ()))
            gone = tuple(s for s in srcs if s not in after)
            if gone:
                withdrawn.append(ValueChange(name, _unit(value, unit), gone, value not in vb))

    def order(c: StatusChange):
        return (not c.new_conflict, _RANK.get(c.new, len(_RANK)), c.topic)

    labels = {**old.sources, **new.sources}
    return Diff(old, new, added_src, removed_src, tuple(sorted(statuses, key=order)), tuple(added), tuple(withdrawn),
                labels)


# --------------------------------------------------------------------------- rendering


def _status(s: str | None) -> str:
    return s if s is not None else "absent"


def summary_line(d: Diff) -> str:
    n = len(d.new_conflicts)
    parts = [f"{n} new conflict{'s' if n != 1 else ''}",
             f"{len(d.sources_added)} source{'s' if len(d.sources_added) != 1 else ''} added",
             f"{len(d.sources_removed)} removed",
             f"{len(d.statuses)} status change{'s' if len(d.statuses) != 1 else ''}",
             f"{len(d.added)} value{'s' if len(d.added) != 1 else ''} added",
             f"{len(d.withdrawn)} withdrawn"]
    return ", ".join(parts)


def plain(d: Diff) -> str:
    """For a terminal or a log; the caller makes untrusted text inert."""
    out = [f"claimcheck diff: {d.old.label} -> {d.new.label}"]
    if d.empty:
        return "\n".join(out + ["no changes"]) + "\n"
    if d.sources_added:
        out.append(f"sources added ({len(d.sources_added)}): " + ", ".join(d.label(s) for s in d.sources_added))
    if d.sources_removed:
        out.append(f"sources removed ({len(d.sources_removed)}): " + ", ".join(d.label(s) for s in d.sources_removed))
    if d.statuses:
        out.append(f"status changed ({len(d.statuses)}):")
        for c in d.statuses:
            mark = "NEW CONFLICT  " if c.new_conflict else "              "
            out.append(f"  {mark}{c.topic}: {_status(c.old)} -> {_status(c.new)}")
    for title, changes, verb in (("values added", d.added, "new value"), ("values withdrawn", d.withdrawn, "value gone")):
        if changes:
            out.append(f"{title} ({len(changes)}):")
            for v in changes:
                tag = f" ({verb})" if v.whole else ""
                out.append(f"  {v.topic} = {v.value}{tag}: " + ", ".join(d.label(s) for s in v.sources))
    out.append(summary_line(d))
    return "\n".join(out) + "\n"


def markdown(d: Diff) -> str:
    """For a pull-request comment: every untrusted string escaped so tables hold and no HTML gets through."""
    from claimcheck.report.markdown import md

    def who(ids) -> str:
        return md(", ".join(d.label(s) for s in ids))

    out = [f"### claimcheck diff: {md(d.old.label)} → {md(d.new.label)}", ""]
    first, rest = summary_line(d).split(", ", 1)
    out += [(f"**{first}**" if d.new_conflicts else first) + ", " + md(rest), ""]
    if d.empty:
        return "\n".join(out + ["No changes.", ""])
    if d.statuses:
        out += ["#### Topics whose status changed", "", "| Topic | Before | After |", "|---|---|---|"]
        for c in d.statuses:
            after = f"**{_status(c.new)}** (new conflict)" if c.new_conflict else _status(c.new)
            out.append(f"| {md(c.topic)} | {_status(c.old)} | {after} |")
        out.append("")
    for title, changes, verb in (("Values added", d.added, "new value"), ("Values withdrawn", d.withdrawn, "value gone")):
        if changes:
            out += [f"#### {title}", "", "| Topic | Value | Sources |", "|---|---|---|"]
            for v in changes:
                out.append(f"| {md(v.topic)} | {md(v.value)}{f' ({verb})' if v.whole else ''} | {who(v.sources)} |")
            out.append("")
    for title, ids in (("Sources added", d.sources_added), ("Sources removed", d.sources_removed)):
        if ids:
            out += [f"#### {title}", ""] + [f"- {md(d.label(s))}" for s in ids] + [""]
    return "\n".join(out)


def document(d: Diff) -> dict:
    def change(v: ValueChange) -> dict:
        return {"topic": v.topic, "value": v.value, "whole": v.whole, "sources": list(v.sources)}

    return {
        "old": {"label": d.old.label, "revision": d.old.revision},
        "new": {"label": d.new.label, "revision": d.new.revision},
        "sources_added": [{"id": s, "label": d.label(s)} for s in d.sources_added],
        "sources_removed": [{"id": s, "label": d.label(s)} for s in d.sources_removed],
        "status_changes": [{"topic": c.topic, "old": c.old, "new": c.new, "new_conflict": c.new_conflict}
                           for c in d.statuses],
        "values_added": [change(v) for v in d.added],
        "values_withdrawn": [change(v) for v in d.withdrawn],
        "new_conflicts": len(d.new_conflicts),
    }
