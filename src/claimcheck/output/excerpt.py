"""Where a value stands in its quote, and a quote shortened around it: the words that carry the fact stay.

A quote trimmed in the middle can lose the very name or number it is quoted for ("led by Deputy
Interior Minister Haji … by a two-member team"); these functions find the value's words (digits or
number words, a name's parts, a date's month and day or weekday, a label's cues, list items) and
keep a window of the quote around them. No rich, no I/O: plain text and offsets.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

Span = tuple[int, int]

_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"]
_TOKEN = re.compile(r"[^\W\d_]+|\d[\d,]*(?:\.\d+)?")


def _find(text: str, needle: str) -> Span | None:
    """The first whole-word, case-insensitive occurrence of `needle` in `text`."""
    needle = needle.strip()
    if not needle:
        return None
    m = re.search(r"(?<!\w)" + re.escape(needle).replace(r"\ ", r"\s+") + r"(?!\w)", text, re.IGNORECASE)
    return (m.start(), m.end()) if m else None


def _joined(spans: list[Span], limit: int) -> Span | None:
    """The spans found, joined into one when they lie close together; else the first."""
    spans = sorted(s for s in spans if s)
    if not spans:
        return None
    best = spans[0]
    for a, b in spans[1:]:
        if a - best[1] <= limit:
            best = (best[0], max(best[1], b))
    return best


def _number_span(text: str, n: float) -> Span | None:
    from claimcheck.values import words_to_number

    tokens = [(m.start(), m.end(), m.group().replace(",", "").lower()) for m in _TOKEN.finditer(text)]
    for size in (1, 2, 3):
        for i in range(len(tokens) - size + 1):
            window = tokens[i:i + size]
            words = " ".join(t for _, _, t in window)
            try:
                value = float(words) if size == 1 and words[0].isdigit() else words_to_number(words)
            except ValueError:
                value = None
            if value is not None and value == n:
                return window[0][0], window[-1][1]
    return None


def _date_span(text: str, day: dt.date) -> Span | None:
    month = _MONTHS[day.month - 1]
    names = f"(?:{month}|{month[:3]}\\.?|{month[:4]}\\.?)"
    for pattern in (rf"\b{names}\s+{day.day}(?:st|nd|rd|th)?\b(?:\s*[-–]\s*\d{{1,2}})?(?:,?\s+{day.year})?",
                    rf"\b{day.day}(?:st|nd|rd|th)?\s+(?:of\s+)?{names}(?:\s+{day.year})?",
                    rf"\b{day.isoformat()}\b",
                    rf"\b(?:last\s+|this\s+|next\s+|on\s+)?{day.strftime('%A')}(?:'s|’s)?\b"):
        m = re.search(pattern, text, re.IGNORECASE)
        if m:
            return m.start(), m.end()
    return None


def value_span(text: str, topic: Any, raw: Any, value: Any) -> Span | None:
    """Where in `text` (a quote or sentence) the claim's value is stated, or None when it cannot be told.

    `topic` is the codebook's Topic, `raw` the value as written in the claim file, `value` as parsed."""
    kind = topic.type
    found: Span | None = None
    if kind == "number":
        from claimcheck.values import Quantity

        if isinstance(value, Quantity) and value.exact:
            found = _number_span(text, value.low)
        if found is None and isinstance(raw, str):
            found = _find(text, raw)
    elif kind == "date":
        from claimcheck.values import DateSpan

        if isinstance(value, DateSpan):
            found = _date_span(text, value.start) or (_date_span(text, value.end) if value.end != value.start else None)
    elif kind == "person" and isinstance(raw, str):
        found = _find(text, raw) or _joined([_find(text, p) for p in raw.split() if len(p) > 2], 3)
    elif kind == "list" and isinstance(value, (list, tuple)):
        spans = [_find(text, str(item)) or _joined([_find(text, p) for p in str(item).split() if len(p) > 2], 3)
                 for item in value]
        found = _joined([s for s in spans if s], 40)
    elif kind == "label" and isinstance(raw, str):
        label = topic.labels.get(raw)
        found = _find(text, raw.replace("_", " "))
        for cue in (label.cues if label else ()):
            found = found or _find(text, cue)
    elif kind == "text" and isinstance(raw, str):
        found = _find(text, raw) or _find(text, " ".join(raw.split()[:4]))
    if found is None:
        for cue in getattr(topic, "cues", ()):
            found = _find(text, cue)
            if found:
                break
    return found


def trim_around(text: str, span: Span | None, width: int) -> tuple[str, Span | None]:
    """`text` shortened to about `width` characters keeping `span` (the value) with the words around
    it, cut at word boundaries and marked with '…'; and where the span now is. Without a span the
    middle goes (a quote's start gives context, its end often carries the fact)."""
    if len(text) <= width:
        return text, span
    if span is None:
        return trim(text, width), None
    a, b = span
    room = max(0, width - (b - a) - 4)
    before = min(a, room // 2)
    after = min(len(text) - b, room - before)
    before = min(a, room - after)
    lo, hi = a - before, b + after
    if lo > 0:
        cut = text.find(" ", lo, a)
        lo = cut + 1 if cut >= 0 else a
    if hi < len(text):
        cut = text.rfind(" ", b, hi)
        hi = cut if cut >= 0 else b
    head = "… " if lo > 0 else ""
    out = head + text[lo:hi].strip() + (" …" if hi < len(text) else "")
    shift = len(head) - lo - (len(text[lo:hi]) - len(text[lo:hi].lstrip()))
    return out, (a + shift, b + shift)


def trim(text: str, width: int) -> str:
    """Shortened in the middle, at word boundaries: a quote's start gives context, its end often carries the fact."""
    if len(text) <= width:
        return text
    head = text[: width * 2 // 5].rsplit(" ", 1)[0]
    tail = text[len(text) - (width - len(head) - 3):]
    tail = tail.split(" ", 1)[1] if " " in tail else tail
    return f"{head} … {tail}"


def with_unit(topic: Any, display: str) -> str:
    """A number's display with the codebook's unit after it ('48 hours', 'dozens (people)'); other values as they are."""
    unit = getattr(topic, "unit", None) if topic is not None and topic.type == "number" else None
    if not unit or not display:
        return display
    return f"{display} {unit}" if display[-1].isdigit() else f"{display} ({unit})"
