"""How a check result is shown: a JSON document, plain text for pipes, rich tables for a terminal.

All three render the same CheckResult; every piece of article or curator text goes through
terminal.inert (and, for rich, into Text objects, never markup).
"""

from __future__ import annotations

from collections import Counter
from typing import Sequence

from claimcheck.check.checker import Checked, CheckError, CheckResult
from claimcheck.output.excerpt import trim_around, value_span, with_unit
from claimcheck.output.terminal import inert, trim
from claimcheck.values import TYPES

SCHEMA_VERSION = 1
QUOTED = 10  # contradicted sources quoted per finding without --verbose; the rest are counted by value
AGREEING = 12  # agreeing sources named per finding without --verbose
MARK = {"contradicts": "✗ contradicts", "supports": "✓ supports", "new": "+ new"}
STYLE = {"contradicts": "bold red", "supports": "green", "new": "cyan"}


# --------------------------------------------------------------------------- JSON


def finding_doc(c: Checked) -> dict:
    f = c.finding
    return {
        "topic": f.topic,
        "type": f.type,
        "value": TYPES[f.type].to_json(f.value),
        "display": f.display,
        "verdict": c.verdict,
        "possible": c.possible,
        "partial": c.partial,
        "confidence": f.confidence,
        "how": f.how,
        "hedge": f.hedge,
        "sentence": f.sentence,
        "start": f.start,
        "end": f.end,
        "value_text": f.value_text,
        "mentions": f.mentions,
        "agrees_with": list(c.agrees_with),
        "contradicts": list(c.contradicts),
        "contradicted_claims": [
            {"source": cl.source_id, "value": TYPES[f.type].to_json(cl.value), "display": TYPES[f.type].display(cl.value),
             "quote": cl.quote, "attributed_to": cl.attributed_to, "as_of": cl.as_of.isoformat() if cl.as_of else None}
            for cl in c.against
        ],
        "reason": c.reason,
        "not_independent_of": list(c.not_independent_of),
    }


def check_doc(r: CheckResult) -> dict:
    """The `claimcheck check --format json` document for one article."""
    return {
        "schema": SCHEMA_VERSION,
        "article": r.article,
        "kind": r.kind,
        "encoding": r.encoding,
        "published": r.published.isoformat() if r.published else None,
        "published_from": r.published_from or None,
        "summary": r.counts(),
        "findings": [finding_doc(c) for c in r.findings],
        "unresolved": [{"topic": u.topic, "text": u.text, "why": u.why, "sentence": u.sentence,
                        "start": u.start, "end": u.end} for u in r.unresolved],
        "not_mentioned": list(r.not_mentioned),
        "shared_passages": [{"source": p.source, "similarity": p.similarity, "article_text": p.article_text,
                             "source_text": p.source_text, "start": p.start, "end": p.end} for p in r.shared],
        "warnings": list(r.warnings),
    }


def error_doc(e: CheckError) -> dict:
    return {"schema": SCHEMA_VERSION, "article": e.article, "error": e.message}


# --------------------------------------------------------------------------- plain text


def around(f, width: int) -> str:
    """The finding's sentence, shortened around the words the value was read from."""
    text = inert(f.sentence)
    span = None
    if len(text) == len(f.sentence) and f.value_end > f.value_start:
        span = (f.value_start - f.start, f.value_end - f.start)
    return trim_around(text, span, width)[0]


def source_quote(cl, topic, width: int) -> str:
    """A source's quote, shortened around its value."""
    text = inert(cl.quote)
    if len(text) <= width or topic is None:
        return trim(text, width)
    return trim_around(text, value_span(text, topic, cl.raw_value, cl.value), width)[0]


def quoted(c: Checked, verbose: bool) -> tuple[tuple, str]:
    """The contradicted claims to quote, and a line counting the others by value ('' when all are quoted).

    Against a large claim set one finding can contradict thousands of sources; quoting them all
    buries the verdict (about 1.5 MB of text per article at 100,000 claims), so the human formats
    quote the first few and say what the rest hold. JSON lists every one.
    """
    if verbose or len(c.against) <= QUOTED:
        return c.against, ""
    # Articles on one story share judgements, and with them the very tuple of claims: count once per tuple.
    key = (id(c.against), c.finding.type)
    found = _QUOTED.get(key)
    if found is None or found[0] is not c.against:
        if len(_QUOTED) >= 1024:
            _QUOTED.clear()
        found = _QUOTED[key] = (c.against, _quoted(c.against, c.finding.type))
    return found[1]


_QUOTED: dict[tuple[int, str], tuple[tuple, tuple[tuple, str]]] = {}  # the tuple is kept, so its id stays its own


def _quoted(against: tuple, type_: str) -> tuple[tuple, str]:
    shown, rest = against[:QUOTED], against[QUOTED:]
    display = TYPES[type_].display
    counts: Counter[str] = Counter()
    for value, n in Counter(cl.value for cl in rest).items():  # display runs once per distinct value
        counts[display(value)] += n
    values = ", ".join(f"{inert(v)} ({n:,})" for v, n in counts.most_common(5))
    if len(counts) > 5:
        values += f" and {len(counts) - 5:,} other values"
    return shown, (f"… and {len(rest):,} more source{'s' if len(rest) != 1 else ''} saying {values} "
                   "(--verbose or --format json lists every one)")


def agreeing(c: Checked, verbose: bool) -> str:
    ids = c.agrees_with
    if verbose or len(ids) <= AGREEING:
        return ", ".join(ids)
    return f"{', '.join(ids[:AGREEING])} and {len(ids) - AGREEING:,} more"


def _verdict_word(c: Checked) -> str:
    word = c.verdict.upper()
    if c.partial:
        word += " (partly)"
    return word


def plain_check(r: CheckResult, verbose: bool = False, topics: dict | None = None) -> str:
    """One article's findings for pipes and files: contradictions first, one fact per block.

    `topics` (the codebook's, by name) puts units after numbers and trims quotes around their values."""
    topics = topics or {}
    width = 10_000 if verbose else 140
    out = [f"{inert(r.article)}: {r.kind}, {r.encoding}; "
           + (f"dates counted from {r.published} ({inert(r.published_from)})" if r.published else "no publication date")]
    asserted = [c for c in r.findings if not c.possible]
    possible = [c for c in r.findings if c.possible]
    for group, title in ((asserted, None), (possible, "possible (under the confidence threshold; not asserted):")):
        if title and group:
            out.append("")
            out.append(title)
        for c in group:
            f = c.finding
            topic = topics.get(f.topic)
            out.append(f"{_verdict_word(c):22} {f.topic} = {inert(with_unit(topic, f.display))}  (confidence {f.confidence:.2f})")
            out.append(f"    article: \"{around(f, width)}\"")
            shown, more = quoted(c, verbose)
            for cl in shown:
                out.append(f"    {cl.source_id} says {inert(with_unit(topic, TYPES[f.type].display(cl.value)))}: "
                           f"\"{source_quote(cl, topic, width)}\"")
            if more:
                out.append(f"    {more}")
            if c.agrees_with:
                out.append(f"    agrees with: {agreeing(c, verbose)}")
            if c.not_independent_of:
                out.append(f"    not independent: shares text with {', '.join(c.not_independent_of)}")
            out.append(f"    why: {trim(inert(c.reason), width)}")
            out.append(f"    read: {trim(inert(f.how), width)}")
    if r.unresolved:
        out.append("")
        out.append("unresolved:")
        for u in r.unresolved:
            out.append(f"    {u.topic}: '{inert(u.text)}' ({inert(u.why)}) in \"{trim(inert(u.sentence), width)}\"")
    if r.shared:
        out.append("")
        out.append("shared passages (near-verbatim with a source's article; not independent corroboration):")
        for p in r.shared:
            out.append(f"    {p.source} ({p.similarity:.2f}): \"{trim(inert(p.article_text), width)}\"")
    out.append("")
    out.append(f"not mentioned: {', '.join(r.not_mentioned) if r.not_mentioned else 'none'}")
    for w in r.warnings:
        out.append(f"warning: {inert(w)}")
    out.append(summary_line(r))
    return "\n".join(out)


def summary_line(r: CheckResult) -> str:
    n = r.counts()
    return (f"{n['contradicts']} contradict, {n['supports']} support, {n['new']} new, {n['possible']} possible; "
            f"{len(r.not_mentioned)} topics not mentioned; {n['shared_passages']} shared passage"
            f"{'s' if n['shared_passages'] != 1 else ''}")


def plain_summary(results: Sequence[CheckResult | CheckError]) -> str:
    """One line per article, counts first so the article's name can be as long as it is."""
    lines = [f"{'contradicts':>11} {'supports':>8} {'new':>4} {'possible':>8} {'shared':>6} {'warnings':>8}  article"]
    for r in results:
        if isinstance(r, CheckError):
            lines.append(f"{'-':>11} {'-':>8} {'-':>4} {'-':>8} {'-':>6} {'-':>8}  {inert(r.article)}: error: {inert(r.message)}")
            continue
        n = r.counts()
        lines.append(f"{n['contradicts']:11} {n['supports']:8} {n['new']:4} {n['possible']:8} {n['shared_passages']:6} "
                     f"{len(r.warnings):8}  {inert(r.article)}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- rich


def rich_summary(results: Sequence[CheckResult | CheckError]):
    from rich import box
    from rich.table import Table
    from rich.text import Text

    t = Table(box=box.ROUNDED, title=Text(f"{len(results)} articles checked"))
    for col in ("Article", "Contradicts", "Supports", "New", "Possible", "Shared", "Warnings"):
        t.add_column(col, justify="left" if col == "Article" else "right")
    for r in results:
        if isinstance(r, CheckError):
            t.add_row(Text(inert(r.article)), Text(f"error: {inert(r.message)}", style="red"), "", "", "", "", "")
            continue
        n = r.counts()
        t.add_row(Text(inert(r.article)), Text(str(n["contradicts"]), style="bold red" if n["contradicts"] else ""),
                  str(n["supports"]), str(n["new"]), str(n["possible"]), str(n["shared_passages"]), str(len(r.warnings)))
    return t
