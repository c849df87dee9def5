"""The report as GitHub-flavoured Markdown; every untrusted string is escaped so tables hold and no HTML gets through."""

from __future__ import annotations

import re

from claimcheck.report.model import (CELL_LABEL, CELL_SYMBOL, CELLS, CELL_MEANING, MATRIX_RULE, PROVENANCE_RULE, STATUS_SYMBOL,
                    Discrepancy, Report, TopicReport, credit, listing, shorten)

CELL_CHARS = 40  # a matrix cell's value is cut past this; the topic's section below has it whole

# Backslash escapes: CommonMark lets any ASCII punctuation be escaped, and these are the ones that
# could end a table cell, start emphasis, code, a link, an entity, or raw HTML.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#])")


def md(text: object) -> str:
    """Untrusted text as inline Markdown that shows as itself, on one line."""
    s = str(text)
    if s.isprintable() and _SPECIAL.search(s) is None:  # the usual case: nothing to escape, no line break
        return s
    one_line = " ".join(s.splitlines())
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


def run_lines(report: Report) -> list[str]:
    """The report's identity: title, when, from which revision of the claim set, by which tool."""
    return [f"# {md(report.run.title)}", "",
            " · ".join(f"{k} {md(v)}" for k, v in report.run.lines()), ""]


def discrepancy(report: Report, d: Discrepancy) -> str:
    """One conflict in a line: the topic, each value with the sources giving it, and why."""
    t = d.topic
    values = " ≠ ".join(
        f"**{md(t.shown(i))}** ({md(listing(report.label(sid) for sid in t.group.clusters[i].sources))})"
        for i in d.clusters)
    why = list(d.reasons if len(d.reasons) > 1 or d.more_reasons else d.topic_reasons)
    if d.more_reasons:
        why.append(f"and {d.more_reasons} more")
    if d.self_contradictions:
        n = len(d.self_contradictions)
        why.append(f"{listing(d.self_contradictions)} contradict{'s itself' if n == 1 else ' themselves'}")
    when = f" (as of {', '.join(str(x) for x in d.dates)})" if d.dates else ""
    return f"{md(t.name)}{when}: {values}. Why: {md('; '.join(why))}"


def _topic(report: Report, t: TopicReport) -> list[str]:
    g = t.group
    unit = f" (in {md(t.unit)})" if t.unit else ""
    out = [f"### {STATUS_SYMBOL[t.status]} {t.status}: {md(t.name)}{unit}", "", md(g.topic.description), ""]
    dated = g.topic.changes_over_time
    head = ["Value", "Sources", "Independent origins", "Source", "Credited to", *(["As of"] if dated else []), "Quote"]
    rows = []
    for i, cl in enumerate(g.clusters):
        note = t.majority_note(i)
        lead = [f"**{md(t.shown(i))}**" + (f" ({note})" if note else ""), str(t.value_sources[i]),
                str(t.provenance[i].independent)]
        for c in cl.claims:
            rows.append([*lead, md(report.label(c.source_id)), md(credit(c)),
                         *([md(c.as_of or "undated")] if dated else []), _quote(report, t, c)])
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


def _quote(report: Report, t: TopicReport, c) -> str:
    """The quote, escaped, its value in bold (the bold markers added after escaping, so they stay markup)."""
    span = report.value_span(t, c)
    if not span:
        return md(c.quote)
    a, b = span
    inner = md(c.quote[a:b]).strip()
    if not inner:
        return md(c.quote)
    return f"{md(c.quote[:a])}**{inner}**{md(c.quote[b:])}"


def _cells(report: Report):
    """A function giving a source's matrix row, each distinct cell of a topic escaped once (200,000 cells at scale)."""
    memo: list[dict] = [{} for _ in report.topics]
    silent = CELL_SYMBOL["silent"]

    def row(source_id: str) -> list[str]:
        out = []
        for i, t in enumerate(report.topics):
            kind = t.cells.get(source_id)
            if kind is None:
                out.append(silent)
                continue
            key = (kind, t.source_values.get(source_id, ()))
            cell = memo[i].get(key)
            if cell is None:
                text = "; ".join(t.shown(j) for j in key[1])
                cell = memo[i][key] = f"{CELL_SYMBOL[kind]} {md(shorten(text, CELL_CHARS))}" if text else CELL_SYMBOL[kind]
            out.append(cell)
        return out

    return row


def render(report: Report) -> str:
    out = run_lines(report) + [_summary(report), ""]
    if report.filters:
        shown = "; ".join(f"--{k} {', '.join(v)}" for k, v in report.filters.items())
        out += [f"Only topics matching {md(shown)}.", ""]
    out += ["## Key discrepancies", ""]
    if report.discrepancies:
        out += [f"{n}. {discrepancy(report, d)}" for n, d in enumerate(report.discrepancies, 1)]
    else:
        out.append("No topic conflicts" + (" among the topics shown." if report.filters else "."))
    out += ["", "## Who says what", "",
            "A row per source, a column per topic (conflicts first). " + MATRIX_RULE, ""]
    out += ["Legend: " + "; ".join(f"{CELL_SYMBOL[k]} {CELL_LABEL[k]}: {CELL_MEANING[k]}" for k in CELLS) + ".", ""]
    head = ["Source"] + [f"{STATUS_SYMBOL[t.status]} {md(t.name)}" for t in report.topics]
    row = _cells(report)
    out += _table(head, [[md(report.label(s.id))] + row(s.id) for s in report.sources])
    out += ["", "## Provenance", "", PROVENANCE_RULE, ""]
    repeated = list(report.repeated_origins())
    if not repeated:
        out += ["No value rests on several sources repeating one origin.", ""]
    for t, vp in repeated:
        shared = "; ".join(f"{md(listing(report.label(x) for x in o.sources))} all credit {md(o.origin)}"
                           for o in vp.repeated)
        out.append(f"- {md(t.name)} = {md(t.shown(vp.cluster))}: {t.value_sources[vp.cluster]} sources, "
                   f"{vp.independent} independent origin{'s' if vp.independent != 1 else ''} ({shared})")
    if repeated:
        out.append("")
    out += ["## Topics", "", "Conflicts first. Each value, the sources giving it, and each source's words.", ""]
    for t in report.topics:
        out += _topic(report, t)
    out += ["## Sources", ""]
    out += _table(["Outlet", "ID", "Title", "Published", "URL"],
                  [[md(s.outlet), md(s.id), md(s.title or ""), md(s.published or ""), md(s.url or "")]
                   for s in report.sources])
    out += ["", f"Made by {md(report.run.tool)}." if report.run.tool else ""]
    from claimcheck.output.safetext import visible

    return visible("\n".join(out).rstrip("\n") + "\n", oneline=False)  # controls and bidi shown as codes: `cat report.md` is safe
