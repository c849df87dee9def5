"""The report as JSON: the `conflicts` document plus sources, claims, summary, matrix and provenance."""

from __future__ import annotations

import json

from claimcheck.output.document import conflicts_doc
from claimcheck.report.model import CELL_LABEL, CELL_SYMBOL, CELLS, MATRIX_RULE, PROVENANCE_RULE, Report, source_name

# The report's own keys (run, discrepancies, cells with values, units); `schema` is the conflicts document's.
REPORT_SCHEMA = 2


def _date(d) -> str | None:
    return d.isoformat() if d else None


def report_doc(report: Report) -> dict:
    """The report as plain data; the README's "Report JSON schema" describes it."""
    doc = conflicts_doc(report.comparison, [t.group for t in report.topics])
    run = report.run
    doc = {"schema": doc.pop("schema"), "report_schema": REPORT_SCHEMA,
           "run": {"title": run.title, "generated_at": run.generated_at, "revision": run.revision,
                   "revision_note": run.revision_note, "tool": run.tool}, **doc}
    doc["summary"] = {**report.summary, "filters": report.filters}
    for t, g in zip(report.topics, doc["groups"]):
        g["unit"] = t.unit
    doc["discrepancies"] = [
        {"topic": d.topic.name, "unit": d.topic.unit,
         "as_of": [x.isoformat() for x in d.dates],
         "values": [{"value_index": i, "value": d.topic.group.clusters[i].display, "shown": d.topic.shown(i),
                     "sources": list(d.topic.group.clusters[i].sources)} for i in d.clusters],
         "reasons": list(d.reasons), "more_reasons": d.more_reasons,
         "self_contradictions": list(d.self_contradictions)}
        for d in report.discrepancies
    ]
    counts: dict[str, int] = {}
    for _, _, c in report.claims():
        counts[c.source_id] = counts.get(c.source_id, 0) + 1
    doc["sources"] = [
        {"id": s.id, "outlet": s.outlet, "name": source_name(s), "title": s.title, "published": _date(s.published),
         "url": s.url, "file": s.where.path, "claims": counts.get(s.id, 0)}
        for s in report.sources
    ]
    doc["claims"] = [
        {"id": c.id, "source": c.source_id, "topic": t.name, "status": t.status, "value_index": i,
         "value": t.group.clusters[i].display, "unit": t.unit, "origin": c.origin, "cell": t.cell(c.source_id)}
        for t, i, c in report.claims()
    ]
    names = [t.name for t in report.topics]
    doc["matrix"] = {
        "legend": {k: f"{CELL_SYMBOL[k]} {CELL_LABEL[k]}" for k in CELLS},
        "rule": MATRIX_RULE,
        "topics": names,
        "units": {t.name: t.unit for t in report.topics if t.unit},
        "majority": {
            t.name: [{"as_of": _date(m.as_of),
                      "value": t.group.clusters[m.cluster].display if m.cluster is not None else None,
                      "sources": m.sources,
                      "tied": [t.group.clusters[i].display for i in m.tied]}
                     for m in t.majority]
            for t in report.topics
        },
        "rows": [{"source": s.id, "cells": dict(zip(names, cells)),
                  "values": {t.name: [t.group.clusters[i].display for i in t.source_values[s.id]]
                             for t in report.topics if s.id in t.source_values}}
                 for s, cells in report.rows()],
    }
    doc["provenance"] = {
        "rule": PROVENANCE_RULE,
        "values": [
            {"topic": t.name, "value_index": vp.cluster, "value": t.group.clusters[vp.cluster].display, "unit": t.unit,
             "sources": t.value_sources[vp.cluster], "independent_origins": vp.independent,
             "origins": [{"origin": o.origin, "own_voice": o.own_voice, "sources": list(o.sources)} for o in vp.origins],
             "repeated": [o.origin for o in vp.repeated]}
            for t in report.topics for vp in t.provenance
        ],
    }
    return doc


_compact = json.JSONEncoder(ensure_ascii=False).encode  # the C encoder; indent= would use the slow Python one


def _layout(value, depth: int = 0, open_depth: int = 4) -> str:
    """Indented down to `open_depth` levels, then one item per line: readable, diffable, and fast at scale."""
    flat = not isinstance(value, (dict, list)) or depth >= open_depth or not value or all(
        not isinstance(v, (dict, list)) for v in (value.values() if isinstance(value, dict) else value))
    if flat:
        return _compact(value)
    pad, inner = "  " * depth, "  " * (depth + 1)
    if isinstance(value, dict):
        body = ",\n".join(f"{inner}{_compact(k)}: {_layout(v, depth + 1, open_depth)}" for k, v in value.items())
        return f"{{\n{body}\n{pad}}}"
    body = ",\n".join(f"{inner}{_layout(v, depth + 1, open_depth)}" for v in value)
    return f"[\n{body}\n{pad}]"


def render(report: Report) -> str:
    from claimcheck.output.safetext import json_safe

    return json_safe(_layout(report_doc(report))) + "\n"  # controls and bidi as \u escapes: inert when printed
