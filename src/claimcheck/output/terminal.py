"""Rich renderables and plain text for the terminal; untrusted text is made inert here."""

from __future__ import annotations

from typing import Iterable

from claimcheck.output.excerpt import trim, trim_around, value_span, with_unit  # noqa: F401  (trim: used through terminal by the views)
from claimcheck.model import Comparison, Group
from claimcheck.output.safetext import visible

STATUS_MARK = {"conflict": "✗ conflict", "partial": "≈ partial", "agree": "✓ agree", "single": "· single"}
STATUS_STYLE = {"conflict": "bold red", "partial": "yellow", "agree": "green", "single": "dim"}


def inert(text: object, oneline: bool = True) -> str:
    """Text that cannot drive the terminal: control characters, escapes and bidi controls shown as codes (safetext.visible)."""
    return visible(text, oneline)


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
    quotes: dict[tuple, str] = {}
    credits: dict[tuple, str] = {}
    known_quote, known_credit = quotes.get, credits.get
    shown = 0
    for g in groups:
        shown += 1
        add(f"{g.status.upper()}  {g.topic.name}  ({g.claim_count} claims, {len(g.sources)} sources)")
        dated = g.topic.changes_over_time
        for cl in g.clusters:
            add(f"  = {inert(with_unit(g.topic, cl.display))}  [{', '.join(cl.sources)}]")
            for c in cl.claims:
                key = (c.quote, g.topic.name, c.raw_value) if type(c.raw_value) in (str, int, float) else None
                quote = known_quote(key) if key is not None else None
                if quote is None:
                    quote = inert(c.quote)
                    if not verbose and len(quote) > 150:  # trimmed around the value: the words that carry it stay
                        quote = trim_around(quote, value_span(quote, g.topic, c.raw_value, c.value), 150)[0]
                    if key is not None:
                        quotes[key] = quote
                who_key = (c.own_voice, c.attributed_to, c.via, c.hedge)
                who = known_credit(who_key)
                if who is None:
                    who = credits[who_key] = credit(c)
                if dated:
                    add(f"      {c.source_id}: {who} {'as of ' + str(c.as_of) if c.as_of else 'undated'}: \"{quote}\"")
                else:
                    add(f"      {c.source_id}: {who}: \"{quote}\"")
        for line in _why(g, verbose):
            add(f"  why: {inert(line)}")
        add("")
    s = comparison.summary()
    add(f"{s['topics']} topics from {s['sources']} sources, {s['claims']} claims: "
        f"{s['conflict']} conflict, {s['partial']} partial, {s['agree']} agree, {s['single']} single"
        + (f"; showing {shown} of {s['topics']} topics" if shown != s["topics"] else ""))
    return "\n".join(out)
