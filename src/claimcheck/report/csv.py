"""The report as CSV for spreadsheets: one row per claim, with its topic's status and its value cluster.

The file starts with a UTF-8 byte-order mark: without it Excel reads the file in the machine's legacy
code page and garbles curly quotes and accents. Each row repeats the report's identity (title, time,
revision, tool) so that rows pasted elsewhere still say where they came from.
"""

from __future__ import annotations

import csv
import io

from claimcheck.output.safetext import visible
from claimcheck.report.model import Report

COLUMNS = ("topic", "status", "value", "unit", "cluster", "cluster_sources", "independent_origins", "source",
           "outlet", "url", "cell", "claim_id", "attributed_to", "via", "origin", "own_voice", "hedge", "as_of",
           "quote", "note", "report_title", "generated_at", "revision", "tool")
BOM = "\ufeff"
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
    out.write(BOM)
    w.writerow(COLUMNS)
    provenance = {(t.name, vp.cluster): vp.independent for t in report.topics for vp in t.provenance}
    run = report.run
    identity = [neutralise(v) for v in (run.title, run.generated_at,
                                        (run.revision or "") + (f" ({run.revision_note})" if run.revision_note else ""),
                                        run.tool)]
    sources = report.source_by_id
    for t, i, c in report.claims():
        cl = t.group.clusters[i]
        s = sources.get(c.source_id)
        row = (t.name, t.status, cl.display, t.unit, i, t.value_sources[i], provenance[(t.name, i)], c.source_id,
               s.outlet if s else None, s.url if s else None, t.cell(c.source_id), c.id, c.attributed_to, c.via,
               c.origin, "yes" if c.own_voice else "no", c.hedge, c.as_of.isoformat() if c.as_of else None, c.quote,
               c.note)
        w.writerow([neutralise(v) for v in row] + identity)
    return out.getvalue()
