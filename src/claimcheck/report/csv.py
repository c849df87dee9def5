"""The report as CSV for spreadsheets: one row per claim, with its topic's status and its value cluster."""

from __future__ import annotations

import csv
import io

from ..safetext import visible
from .model import Report

COLUMNS = ("topic", "status", "value", "cluster", "cluster_sources", "independent_origins", "source", "cell",
           "claim_id", "attributed_to", "via", "origin", "own_voice", "hedge", "as_of", "quote")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> str:
    """A cell a spreadsheet will show as text: one that could start a formula gets a leading quote;
    control and bidi characters are shown as codes (safetext.visible), so a `cat` of the file is safe."""
    s = "" if value is None else str(value)
    if s.startswith(_FORMULA_START):
        s = "'" + s
    return s if s.isprintable() else visible(s, oneline=False)


def render(report: Report) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(COLUMNS)
    provenance = {(t.name, vp.cluster): vp.independent for t in report.topics for vp in t.provenance}
    for t, i, c in report.claims():
        cl = t.group.clusters[i]
        row = (t.name, t.status, cl.display, i, t.value_sources[i], provenance[(t.name, i)], c.source_id,
               t.cell(c.source_id), c.id, c.attributed_to, c.via, c.origin, "yes" if c.own_voice else "no",
               c.hedge, c.as_of.isoformat() if c.as_of else None, c.quote)
        w.writerow([neutralise(v) for v in row])
    return out.getvalue()
