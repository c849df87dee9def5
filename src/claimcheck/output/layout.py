"""`conflicts` and `check` fitted to the terminal's width: a table where one fits, else a stacked layout.

Topic names are never shortened. The table is used only when the terminal is at least as wide as
the table needs with every topic name whole (`table_width`); below that each topic is a block:
status and topic on one line, then each value with its sources below it and their quotes wrapped
under them. At every width a quote is trimmed around its value, whose words are marked (bold,
underlined). Untrusted text reaches rich only as Text objects, never as markup, after
terminal.inert.
"""

from __future__ import annotations

from typing import Iterable

from claimcheck.output.excerpt import trim_around, value_span, with_unit
from claimcheck.model import Claim, Comparison, Group, Topic
from claimcheck.output.terminal import STATUS_MARK, STATUS_STYLE, _why, credit, inert

QUOTE_CHARS = 140  # a quote's length in the table without --verbose
MARKED = "bold underline"


def quote_text(c: Claim, topic: Topic, width: int, verbose: bool, style: str = "italic"):
    """A claim's quote as rich Text: trimmed around its value (whole with --verbose), the value marked."""
    from rich.text import Text

    text = inert(c.quote)
    span = value_span(text, topic, c.raw_value, c.value)
    if not verbose:
        text, span = trim_around(text, span, width)
    out = Text(f"“{text}”", style=style)
    if span is not None:
        out.stylize(MARKED, span[0] + 1, span[1] + 1)
    return out


def table_width(topics: Iterable[str], sources: Iterable[str]) -> int:
    """The narrowest terminal the conflicts table fits with every topic name and source id whole."""
    topic = max((len(t) for t in topics), default=5)
    source = max((len(s) for s in sources), default=6)
    # topic, status (10), value (at least 14), source, credited to (at least 14), quote (at least 40), borders
    return max(topic, 5) + 10 + 14 + max(source, 6) + 14 + 40 + 19


def rich_conflicts(groups: Iterable[Group], comparison: Comparison, verbose: bool = False, width: int = 80):
    groups = list(groups)
    needed = table_width((g.topic.name for g in groups), (s for g in groups for s in g.sources))
    body = _table(groups, verbose) if width >= needed else _stacked(groups, verbose, width)
    from rich.console import Group as Stack
    from rich.text import Text

    return Stack(body, Text(summary(comparison, groups), style="dim"))


def summary(comparison: Comparison, groups: list[Group]) -> str:
    s = comparison.summary()
    line = (f"{s['topics']} topics from {s['sources']} sources, {s['claims']} claims: "
            f"{s['conflict']} conflict, {s['partial']} partial, {s['agree']} agree, {s['single']} single")
    if len(groups) != s["topics"]:
        line += f"; showing {len(groups)} of {s['topics']} topics"
    return line


def _credit_line(c: Claim, topic: Topic) -> str:
    who = credit(c)
    if topic.changes_over_time:
        who += f", as of {c.as_of}" if c.as_of else ", undated"
    return who


def _table(groups: list[Group], verbose: bool):
    from rich import box
    from rich.table import Table
    from rich.text import Text

    longest = max((len(g.topic.name) for g in groups), default=5)
    table = Table(box=box.ROUNDED, show_lines=False, expand=False, title="What the sources claim")
    table.add_column("Topic", style="bold", no_wrap=True, min_width=longest)
    table.add_column("Status", no_wrap=True)
    table.add_column("Value", max_width=30, min_width=12)
    table.add_column("Source", no_wrap=True)
    table.add_column("Credited to", max_width=24, min_width=12)
    table.add_column("Quote", ratio=1, min_width=30)
    for g in groups:
        first_topic = True
        for cl in g.clusters:
            first_value = True
            for c in cl.claims:
                table.add_row(
                    Text(g.topic.name) if first_topic else None,
                    Text(STATUS_MARK[g.status], style=STATUS_STYLE[g.status]) if first_topic else None,
                    Text(inert(with_unit(g.topic, cl.display)), style="bold") if first_value else None,
                    Text(c.source_id),
                    Text(_credit_line(c, g.topic)),
                    quote_text(c, g.topic, QUOTE_CHARS, verbose),
                )
                first_topic = first_value = False
        why = _why(g, verbose)
        if why:
            table.add_row(None, None, Text("why", style="dim"), None, None,
                          Text("\n".join(inert(w) for w in why), style="dim"))
        table.add_section()
    return table


def _stacked(groups: list[Group], verbose: bool, width: int):
    """Each topic as a block, for terminals narrower than the table: nothing is cut but the quotes,
    which are trimmed around their values and wrapped."""
    from rich.console import Group as Stack
    from rich.padding import Padding
    from rich.rule import Rule
    from rich.text import Text

    quote_chars = max(60, min(QUOTE_CHARS, (width - 6) * 2))
    parts = []
    for i, g in enumerate(groups):
        if i:
            parts.append(Rule(style="dim"))
        head = Text()
        head.append(STATUS_MARK[g.status], style=STATUS_STYLE[g.status])
        head.append("  ")
        head.append(g.topic.name, style="bold")
        head.append(f"  {g.claim_count} claim{'s' if g.claim_count != 1 else ''}, "
                    f"{len(g.sources)} source{'s' if len(g.sources) != 1 else ''}", style="dim")
        parts.append(head)
        for cl in g.clusters:
            parts.append(Padding(Text("= " + inert(with_unit(g.topic, cl.display)), style="bold"), (0, 0, 0, 2)))
            for c in cl.claims:
                who = Text()
                who.append(c.source_id, style="bold")
                who.append(f" · {_credit_line(c, g.topic)}")
                parts.append(Padding(who, (0, 0, 0, 4)))
                parts.append(Padding(quote_text(c, g.topic, quote_chars, verbose), (0, 0, 0, 6)))
        for w in _why(g, verbose):
            parts.append(Padding(Text(f"why: {inert(w)}", style="dim"), (0, 0, 0, 2)))
    return Stack(*parts)


# --------------------------------------------------------------------------- check


def check_table_width(topics: Iterable[str]) -> int:
    """The narrowest terminal the check table fits with every topic name whole."""
    topic = max((len(t) for t in topics), default=5)
    # verdict (16), topic, value (at least 14), the article says (40), the sources say (40), borders
    return 16 + max(topic, 5) + 14 + 40 + 40 + 16


def rich_check(r, topics: dict, verbose: bool = False, width: int = 80):
    """One article's findings for a terminal of this width (`topics`: the codebook's, by name)."""
    if width >= check_table_width(c.finding.topic for c in r.findings):
        return _check_table(r, topics, verbose)
    return _check_stacked(r, topics, verbose, width)


def _article_text(f, width: int, verbose: bool):
    """The finding's sentence around the words the value was read from, those words marked."""
    from rich.text import Text

    text = inert(f.sentence)
    span = None
    if len(text) == len(f.sentence) and f.value_end > f.value_start:
        span = (f.value_start - f.start, f.value_end - f.start)
    if not verbose:
        text, span = trim_around(text, span, width)
    out = Text(f"“{text}”", style="italic")
    if span is not None:
        out.stylize(MARKED, span[0] + 1, span[1] + 1)
    return out


def _sources_said(c, topic: Topic | None, width: int, verbose: bool):
    from rich.text import Text

    from claimcheck.output.checkreport import agreeing, quoted
    from claimcheck.values import TYPES

    f = c.finding
    out = Text()
    shown, more = quoted(c, verbose)
    for cl in shown:
        out.append(f"{cl.source_id}: ", style="bold")
        out.append(inert(with_unit(topic, TYPES[f.type].display(cl.value))) + "\n", style="bold red")
        if topic is not None:
            out.append_text(quote_text(cl, topic, width, verbose))
        else:
            out.append(f"“{inert(cl.quote)}”", style="italic")
        out.append("\n")
    if more:
        out.append(more + "\n", style="red")
    if c.agrees_with:
        out.append(("partly agrees: " if c.partial else "agrees: ") + agreeing(c, verbose) + "\n", style="green")
    if c.not_independent_of:
        out.append(f"not independent: shares text with {', '.join(c.not_independent_of)}\n", style="yellow")
    out.append(inert(c.reason) if verbose else _short(inert(c.reason), 200), style="dim")
    return out


def _short(text: str, width: int) -> str:
    from claimcheck.output.excerpt import trim

    return trim(text, width)


def _verdict(c):
    from rich.text import Text

    from claimcheck.output.checkreport import MARK, STYLE

    v = Text(MARK[c.verdict] + (" (partly)" if c.partial else ""), style="dim" if c.possible else STYLE[c.verdict])
    v.append(f" {c.finding.confidence:.2f}" + (" possible" if c.possible else ""), style="dim")
    return v


def _check_table(r, book: dict, verbose: bool):
    from rich import box
    from rich.console import Group as Stack
    from rich.table import Table
    from rich.text import Text

    topics = r.findings and max(len(c.finding.topic) for c in r.findings) or 5
    table = Table(box=box.ROUNDED, expand=False, show_lines=True,
                  title=Text(f"{inert(r.article)}: what the article claims, against the claim set"))
    table.add_column("Verdict", no_wrap=True)
    table.add_column("Topic", style="bold", no_wrap=True, min_width=topics)
    table.add_column("Value", max_width=28, min_width=12)
    table.add_column("The article says", ratio=1, min_width=30)
    table.add_column("The sources say", ratio=1, min_width=30)
    for c in r.findings:
        f = c.finding
        topic = book.get(f.topic)
        said = _article_text(f, 220, verbose)
        said.append(f"\n{inert(f.how) if verbose else _short(inert(f.how), 160)}", style="dim")
        table.add_row(_verdict(c), Text(f.topic), Text(inert(with_unit(topic, f.display)), style="bold"), said,
                      _sources_said(c, topic, 220, verbose))
    return Stack(table, *_check_tail(r, verbose))


def _check_stacked(r, book: dict, verbose: bool, width: int):
    from rich.console import Group as Stack
    from rich.padding import Padding
    from rich.rule import Rule
    from rich.text import Text

    chars = max(60, min(220, (width - 4) * 2))
    head = Text(f"{inert(r.article)}: what the article claims, against the claim set", style="bold")
    parts: list = [head]
    for c in r.findings:
        f = c.finding
        topic = book.get(f.topic)
        parts.append(Rule(style="dim"))
        line = _verdict(c)
        line.append("  ")
        line.append(f.topic, style="bold")
        line.append(" = ")
        line.append(inert(with_unit(topic, f.display)), style="bold")
        parts.append(line)
        said = Text("article: ", style="bold")
        said.append_text(_article_text(f, chars, verbose))
        parts.append(Padding(said, (0, 0, 0, 2)))
        parts.append(Padding(_sources_said(c, topic, chars, verbose), (0, 0, 0, 2)))
        parts.append(Padding(Text("read: " + (inert(f.how) if verbose else _short(inert(f.how), chars)), style="dim"),
                             (0, 0, 0, 2)))
    if r.findings:
        parts.append(Rule(style="dim"))
    return Stack(*parts, *_check_tail(r, verbose, width))


def _check_tail(r, verbose: bool, width: int | None = None):
    """Unresolved words, shared passages, topics not mentioned, warnings and the summary line."""
    from rich.text import Text

    from claimcheck.output.checkreport import summary_line

    chars = 220 if width is None else max(60, min(220, (width - 4) * 2))
    out = []
    if r.unresolved:
        t = Text("Unresolved:", style="bold")
        for u in r.unresolved:
            t.append(f"\n  {u.topic}: ", style="bold")
            t.append(f"'{inert(u.text)}' ({inert(u.why)})")
        out.append(t)
    if r.shared:
        t = Text("Shared passages (near-verbatim with a source's article; not independent):", style="bold")
        for p in r.shared:
            t.append(f"\n  {p.source} ({p.similarity:.2f}): ", style="bold")
            passage = inert(p.article_text)
            t.append(f"“{passage if verbose else _short(passage, chars)}”", style="italic")
        out.append(t)
    tail = Text()
    tail.append("Not mentioned: ", style="bold")
    tail.append(", ".join(r.not_mentioned) if r.not_mentioned else "none")
    for w in r.warnings:
        tail.append("\nwarning: ", style="bold yellow")
        tail.append(inert(w))
    tail.append("\n" + summary_line(r), style="dim")
    out.append(tail)
    return out
