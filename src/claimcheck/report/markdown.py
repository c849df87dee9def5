"""The report as GitHub-flavoured Markdown; every untrusted string is escaped so tables hold and no HTML gets through."""

from __future__ import annotations

import re

from .model import (CELL_LABEL, CELL_SYMBOL, CELLS, CELL_MEANING, MAJORITY_RULE, PROVENANCE_RULE, STATUS_SYMBOL,
                    Report, TopicReport, credit, listing)

# Backslash escapes: CommonMark lets any ASCII punctuation be escaped, and these are the ones that
# could end a table cell, start emphasis, code, a link, an entity, or raw HTML.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#])")


def md(text: object) -> str:
    """Untrusted text as inline Markdown that shows as itself, on one line."""
    one_line = " ".join(str(text).splitlines())
    return _SPECIAL.sub(r"\\\1", one_line)


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    out.extend("| " + " | ".join(r) + " |" for r in rows)
    return out


def _summary(report: Report) -> str:
    s = report.summary
    return (f"**{s['sources']} sources, {s['claims']} claims, {s['topics']} topics:** "
            f"{STATUS_SYMBOL['conflict']} {s['conflict']} conflict · {STATUS_SYMBOL['partial']} {s['partial']} partly agree · "
            f"{STATUS_SYMBOL['agree']} {s['agree']} agree · {STATUS_SYMBOL['single']} {s['single']} single source")


def _topic(t: TopicReport) -> list[str]:
    g = t.group
    out = [f"### {STATUS_SYMBOL[t.status]} {t.status}: {md(t.name)}", "", md(g.topic.description), ""]
    dated = g.topic.changes_over_time
    head = ["Value", "Sources", "Independent origins", "Source", "Credited to", *(["As of"] if dated else []), "Quote"]
    rows = []
    for i, cl in enumerate(g.clusters):
        note = t.majority_note(i)
        lead = [f"**{md(cl.display)}**" + (f" ({note})" if note else ""), str(t.value_sources[i]),
                str(t.provenance[i].independent)]
        for c in cl.claims:
            rows.append([*lead, md(c.source_id), md(credit(c)), *([md(c.as_of or "undated")] if dated else []),
                         md(c.quote)])
            lead = ["", "", ""]
    out += _table(head, rows)
    if t.hints or t.hidden_hints:
        out += ["", "Why:"]
        out += [f"- {md(h)}" for h in t.hints]
        if t.hidden_hints:
            out.append(f"- ({t.hidden_hints} more comparisons; the JSON and SQLite reports list all)")
    if t.timeline:
        out += ["", "Timeline:"]
        out += [f"- {md(s.as_of or 'undated')}: {md(s.value)} ({md(listing(s.sources))})" for s in t.timeline]
    return out + [""]


def render(report: Report) -> str:
    out = ["# claimcheck report", "", _summary(report), ""]
    if report.filters:
        shown = "; ".join(f"--{k} {', '.join(v)}" for k, v in report.filters.items())
        out += [f"Only topics matching {md(shown)}.", ""]
    out += ["## Sources × topics", "", MAJORITY_RULE, ""]
    out += ["Legend: " + "; ".join(f"{CELL_SYMBOL[k]} {CELL_LABEL[k]}: {CELL_MEANING[k]}" for k in CELLS) + ".", ""]
    head = ["Source"] + [f"{STATUS_SYMBOL[t.status]} {md(t.name)}" for t in report.topics]
    out += _table(head, [[md(s.id)] + [f"{CELL_SYMBOL[c]} {CELL_LABEL[c]}" for c in cells] for s, cells in report.rows()])
    out += ["", "## Provenance", "", PROVENANCE_RULE, ""]
    repeated = list(report.repeated_origins())
    if not repeated:
        out += ["No value rests on several sources repeating one origin.", ""]
    for t, vp in repeated:
        cl = t.group.clusters[vp.cluster]
        shared = "; ".join(f"{md(listing(o.sources))} all credit {md(o.origin)}" for o in vp.repeated)
        out.append(f"- {md(t.name)} = {md(cl.display)}: {t.value_sources[vp.cluster]} sources, "
                   f"{vp.independent} independent origin{'s' if vp.independent != 1 else ''} ({shared})")
    if repeated:
        out.append("")
    out += ["## Topics", "", "Conflicts first. Each value, the sources giving it, and each source's words.", ""]
    for t in report.topics:
        out += _topic(t)
    out += ["## Sources", ""]
    out += _table(["ID", "Outlet", "Title", "Published", "URL"],
                  [[md(s.id), md(s.outlet), md(s.title or ""), md(s.published or ""), md(s.url or "")] for s in report.sources])
    from ..safetext import visible

    return visible("\n".join(out) + "\n", oneline=False)  # controls and bidi shown as codes: `cat report.md` is safe
