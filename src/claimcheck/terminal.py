"""Rich renderables and plain text for the terminal; untrusted text is made inert here."""

from __future__ import annotations

from typing import Iterable

from .model import Comparison, Group
from .safetext import visible

STATUS_MARK = {"conflict": "✗ conflict", "partial": "≈ partial", "agree": "✓ agree", "single": "· single"}
STATUS_STYLE = {"conflict": "bold red", "partial": "yellow", "agree": "green", "single": "dim"}


def inert(text: object, oneline: bool = True) -> str:
    """Text that cannot drive the terminal: control characters, escapes and bidi controls shown as codes (safetext.visible)."""
    return visible(text, oneline)


def trim(text: str, width: int) -> str:
    """Shortened in the middle: a quote's start gives context, its end often carries the fact."""
    if len(text) <= width:
        return text
    head = text[: width * 2 // 5].rsplit(" ", 1)[0]
    tail = text[len(text) - (width - len(head) - 3):]
    tail = tail.split(" ", 1)[1] if " " in tail else tail
    return f"{head} … {tail}"


def credit(c) -> str:
    """Whom a source credits for a claim, as a reader would say it."""
    if c.own_voice:
        who = "own reporting"
    else:
        who = inert(c.attributed_to) + (f" via {inert(c.via)}" if c.via else "")
    return who + (f" ({inert(c.hedge)})" if c.hedge else "")


def _why(g: Group, verbose: bool = False, most: int = 6) -> list[str]:
    """Why the values were grouped and judged as they were, most telling first."""
    lines = []
    pairs = [p for p in g.pairs if p.relation.kind != "same"]
    if g.drift and not verbose:
        sims = [p.relation.similarity for p in pairs if p.relation.similarity is not None]
        speaker = g.clusters[0].claims[0].attributed_to
        spread = f" (similarity {min(sims):.2f}-{max(sims):.2f})" if sims else ""
        lines.append(f"quote drift: {speaker} is quoted in {len(g.clusters)} wordings{spread}; "
                     "one speaker in different words, not sources disagreeing (--verbose for word differences)")
        pairs = []
    for p in pairs[: len(pairs) if verbose else most]:
        lines.append(f"{trim(g.clusters[p.a].display, 40)} vs {trim(g.clusters[p.b].display, 40)}: {p.relation.reason}")
    if len(pairs) > most and not verbose:
        lines.append(f"({len(pairs) - most} more comparisons; --verbose shows all)")
    for cl in g.clusters:
        lines.extend(f"merged {m}" for m in cl.merged)
    if g.self_contradictions:
        lines.append("contradicts itself: " + ", ".join(g.self_contradictions))
    if g.timeline:
        steps = [f"{t.as_of or 'undated'}: {g.clusters[t.cluster].display} ({', '.join(t.sources)})" for t in g.timeline]
        lines.append("timeline: " + " → ".join(steps))
    return lines


def plain_conflicts(groups: Iterable[Group], comparison: Comparison, verbose: bool = False) -> str:
    """The conflicts view for pipes and files: no colour, no box drawing, one fact per line."""
    out: list[str] = []
    add = out.append
    # Wire copy repeats quotes and credits word for word: each distinct one is made safe once.
    quotes: dict[str, str] = {}
    credits: dict[tuple, str] = {}
    known_quote, known_credit = quotes.get, credits.get
    for g in groups:
        add(f"{g.status.upper()}  {g.topic.name}  ({g.claim_count} claims, {len(g.sources)} sources)")
        dated = g.topic.changes_over_time
        for cl in g.clusters:
            add(f"  = {inert(cl.display)}  [{', '.join(cl.sources)}]")
            for c in cl.claims:
                quote = known_quote(c.quote)
                if quote is None:
                    quote = quotes[c.quote] = inert(c.quote) if verbose else trim(inert(c.quote), 150)
                who_key = (c.own_voice, c.attributed_to, c.via, c.hedge)
                who = known_credit(who_key)
                if who is None:
                    who = credits[who_key] = credit(c)
                if dated and c.as_of:
                    add(f"      {c.source_id}: {who} as of {c.as_of}: \"{quote}\"")
                else:
                    add(f"      {c.source_id}: {who}: \"{quote}\"")
        for line in _why(g, verbose):
            add(f"  why: {inert(line)}")
        add("")
    s = comparison.summary()
    add(f"{s['topics']} topics from {s['sources']} sources, {s['claims']} claims: "
        f"{s['conflict']} conflict, {s['partial']} partial, {s['agree']} agree, {s['single']} single")
    return "\n".join(out)


def rich_conflicts(groups: Iterable[Group], comparison: Comparison, verbose: bool = False):
    """The conflicts view for a terminal: one table, a section per topic."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(box=box.ROUNDED, show_lines=False, expand=False, title="What the sources claim")
    table.add_column("Topic", style="bold", no_wrap=False, max_width=26)
    table.add_column("Status", no_wrap=True)
    table.add_column("Value", max_width=30)
    table.add_column("Source", no_wrap=True)
    table.add_column("Credited to", max_width=24)
    table.add_column("Quote", ratio=1, min_width=30)
    for g in groups:
        first_topic = True
        for cl in g.clusters:
            first_value = True
            for c in cl.claims:
                who = credit(c)
                if g.topic.changes_over_time and c.as_of:
                    who += f"\nas of {c.as_of}"
                quote = inert(c.quote) if verbose else trim(inert(c.quote), 140)
                table.add_row(
                    Text(g.topic.name) if first_topic else None,
                    Text(STATUS_MARK[g.status], style=STATUS_STYLE[g.status]) if first_topic else None,
                    Text(inert(cl.display), style="bold") if first_value else None,
                    Text(c.source_id),
                    Text(who),
                    Text(quote, style="italic"),
                )
                first_topic = first_value = False
        why = _why(g, verbose)
        if why:
            table.add_row(None, None, Text("why", style="dim"), None, None,
                          Text("\n".join(inert(w) for w in why), style="dim"))
        table.add_section()
    s = comparison.summary()
    table.caption = (f"{s['topics']} topics from {s['sources']} sources, {s['claims']} claims: "
                     f"{s['conflict']} conflict, {s['partial']} partial, {s['agree']} agree, {s['single']} single")
    return table
