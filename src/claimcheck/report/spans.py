"""Where a claim's quote stands in its article, and where its value stands in the quote: offsets to mark up.

Reports highlight each curated quote in its article and the value inside each quote. The quote was
found when the claim set was validated (ground.py); here it is found again, piece by piece (a quote
with an omission, `...`, is several pieces), so that each piece can be marked where it stands.
The value is looked for by its type: digits or number words for numbers, the written date for
dates, a name's parts for people and lists, a label's cues, a text value's words.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from claimcheck.claimset.ground import Article, normalise, normalise_text, quote_segments
from claimcheck.model import Claim, Source, Topic

Span = tuple[int, int]
# Printable ASCII but the backtick, single spaces: what normalise() leaves as it is.
_PLAIN = re.compile(r"[!-_a-~]+(?: [!-_a-~]+)*")


def quote_pieces(article: Article, quote: str) -> tuple[Span, ...]:
    """Offsets in the article of each verbatim piece of the quote, in order; () when it is not found."""
    at = article.raw.find(quote) if quote else -1
    if at >= 0:
        return ((at, at + len(quote)),)
    pieces = quote_segments(quote)
    raw, pos, out = article.raw, 0, []
    for piece in pieces:  # pieces that stand as written need no folded article
        at = raw.find(piece, pos)
        if at < 0:
            break
        out.append((at, at + len(piece)))
        pos = at + len(piece)
    else:
        return tuple(out)
    norm, pos, out = article.norm, 0, []
    for piece in pieces:
        seg = normalise_text(piece)
        at = norm.text.find(seg, pos)
        if at < 0:
            return ()
        out.append(norm.span(at, at + len(seg)))
        pos = at + len(seg)
    return tuple(out)


def value_span(claim: Claim, topic: Topic, source: Source | None) -> Span | None:
    """Offsets in the claim's quote of the words that state its value, or None when none can be seen."""
    try:
        return _value_span(claim.quote, topic.type, _hashable(claim.value), topic.unit,
                           source.published if source else None, _cues(topic, claim.value))
    except Exception:  # a marking aid only: a value the locator cannot read is simply not marked
        return None


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _cues(topic: Topic, value: Any) -> tuple[str, ...]:
    if topic.type != "label" or not isinstance(value, str):
        return ()
    label = topic.labels.get(value)
    words = (value.replace("_", " "),)
    return tuple(label.cues) + words if label else words


@lru_cache(maxsize=65536)  # at scale the same quote and value recur across sources
def _value_span(quote: str, vtype: str, value: Any, unit: str | None, published, cues: tuple[str, ...]) -> Span | None:
    norm = None if _PLAIN.fullmatch(quote) else normalise(quote)  # plain ASCII folds to itself
    folded = norm.text if norm else quote

    def back(span: Span | None) -> Span | None:
        if span is None or span[0] >= span[1]:
            return None
        return norm.span(*span) if norm else span

    if vtype == "number":
        return back(_number_span(folded, value, unit))
    if vtype == "date":
        return back(_date_span(folded, value, published))
    if vtype == "person":
        return back(_name_span(folded, str(value)))
    if vtype == "list":
        spans = [s for s in (_item_span(folded, str(item), published) for item in value) if s]
        return back((min(s[0] for s in spans), max(s[1] for s in spans))) if spans else None
    if vtype == "label":
        return back(_first_of(folded, cues))
    if vtype == "text":
        return back(_first_of(folded, (str(value),)) or _longest_run(folded, str(value)))
    return None


@lru_cache(maxsize=4096)
def _digits_pattern(n: float) -> re.Pattern | None:
    """2611 as written in digits: '2611' or '2,611', as a whole number.

    No letter or digit may stand beside it, nor '.' or ',' and a digit: not '14th', not '2.5'."""
    if not float(n).is_integer() or n < 0:
        return None
    digits = str(int(n))
    grouped = "{:,}".format(int(n))
    alternatives = {re.escape(digits), re.escape(grouped)}
    return re.compile(rf"(?<![\d.,])(?:{'|'.join(sorted(alternatives))})(?![\w]|[.,]\d)")


def _number_span(folded: str, value: Any, unit: str | None) -> Span | None:
    from claimcheck.check.mentions import find_dates, find_numbers, Anchor
    from claimcheck.check.units import convert

    if getattr(value, "exact", False):  # the usual case: the digits stand once in the quote
        pattern = _digits_pattern(value.low)
        found = list(pattern.finditer(folded)) if pattern else []
        if len(found) == 1 and not re.match(r"[\s-]*(?:weeks?|months?|years?|hours?|days?)\b", folded[found[0].end():]):
            return found[0].span()

    dates = [(m.start, m.end) for m in find_dates(folded, Anchor(year=2000))]
    mentions = find_numbers(folded, dates)
    for m in mentions:
        if m.value is None:
            continue
        q, converted = convert(m.value, m.unit, unit)
        if (q.low, q.high) == (value.low, value.high) or (m.value.low, m.value.high) == (value.low, value.high):
            if converted and m.unit:  # 'two weeks' for 14 days: the unit is part of what states the value
                after = re.match(r"[\s-]*" + re.escape(m.unit), folded[m.end:])
                if after:
                    return m.start, m.end + after.end()
            return m.start, m.end
    text = getattr(value, "text", None)
    if text:
        return _first_of(folded, (text,))
    return None


def _date_span(folded: str, value: Any, published) -> Span | None:
    from claimcheck.check.mentions import Anchor, find_dates

    year = getattr(value, "start", None)
    anchor = Anchor(date=published, how="publication date", year=year.year if year else None)
    found = find_dates(folded, anchor)
    for m in found:
        if m.value is not None and (m.value.start, m.value.end) == (value.start, value.end):
            return m.start, m.end
    for m in found:  # a day inside a range written as one ("October 18-19" for the 18th)
        if m.value is not None and m.value.start <= value.start and value.end <= m.value.end:
            return m.start, m.end
    return None


def _item_span(folded: str, item: str, published) -> Span | None:
    """A list item: a name's parts, or a date written any way ('October 17' for 2025-10-17)."""
    span = _name_span(folded, item)
    if span is None and re.fullmatch(r"\d{4}-\d\d-\d\d", item):
        import datetime as dt

        from claimcheck.values import DateSpan

        try:
            day = dt.date.fromisoformat(item)
        except ValueError:
            return None
        span = _date_span(folded, DateSpan(day, day), published)
    return span


_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


def _name_span(folded: str, name: str) -> Span | None:
    """The run of the quote from the first to the last part of the name found close together."""
    at = _find_ci(folded, name)
    if at is not None:
        return at
    parts = [p for p in _WORD.findall(name) if len(p) > 2]
    hits = [s for s in (_find_ci(folded, p, word=True) for p in parts) if s]
    if not hits:
        return None
    hits.sort()
    start, end = hits[0]
    for s, e in hits[1:]:
        if s - end <= 3:  # the next part of the same name
            end = max(end, e)
    return start, end


def _find_ci(text: str, needle: str, word: bool = False) -> Span | None:
    pattern = _needle(needle, word)
    m = pattern.search(text) if pattern else None
    return (m.start(), m.end()) if m else None


@lru_cache(maxsize=65536)  # names, labels' cues and values recur across a set's quotes
def _needle(needle: str, word: bool) -> re.Pattern | None:
    if not needle.strip():
        return None
    pattern = re.escape(normalise_text(needle)).replace(r"\ ", r"\s+")
    if word:
        pattern = rf"(?<![^\W_]){pattern}(?![^\W_])"
    return re.compile(pattern, re.IGNORECASE)


def _first_of(folded: str, needles: tuple[str, ...]) -> Span | None:
    found = [s for s in (_find_ci(folded, n) for n in needles) if s]
    return min(found) if found else None


def _longest_run(folded: str, text: str) -> Span | None:
    """A text value paraphrasing its quote: the longest run of its words standing together in the quote."""
    words = _WORD.findall(text)
    best: Span | None = None
    for i in range(len(words)):
        for j in range(len(words), i + 1, -1):  # at least two words
            if best and (j - i) <= _words_in(best, folded):
                break
            span = _find_ci(folded, " ".join(words[i:j]))
            if span:
                best = span
                break
    return best


def _words_in(span: Span, text: str) -> int:
    return len(_WORD.findall(text[span[0]:span[1]]))
