"""Units a number is written in, and turning one into a topic's: "two weeks" into days, "0.25
percentage points" into basis points. English units only; the topic's unit comes from the codebook."""

from __future__ import annotations

import re

from claimcheck.values import QUALIFIER_WORDS, Quantity, parse_quantity

_QUALIFIER = r"(?:" + "|".join(q.replace(" ", r"\s+") for q in QUALIFIER_WORDS) + ")"  # values.QUALIFIERS


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


#: How many of a topic's unit one of these is worth, for converting "two weeks" into days.
TIME_UNITS = {"minute": 1 / 1440, "hour": 1 / 24, "day": 1.0, "week": 7.0, "month": 30.0, "year": 365.0}


def unit_of(word: str | None) -> str | None:
    """'weeks' -> 'week', 'Hours' -> 'hour', 'minute of play' -> 'minute' (a unit phrase is counted in its
    first word); None for words that are not time units."""
    if not word or not word.split():
        return None
    w = word.split()[0].casefold().rstrip("s")
    return w if w in TIME_UNITS else None


#: Points of a rate, in percentage points: "25 basis points" is a quarter of a percentage point.
_POINTS = {"basis": 0.01, "bp": 0.01, "bps": 0.01, "percentage": 1.0}  # "12 points" alone may be a game's


def _points(word: str | None) -> float | None:
    """How many percentage points one of this unit is ('basis points' 0.01), or None: not a rate's points."""
    first = (word or "").split()
    return _POINTS.get(first[0].casefold()) if first else None


def convert(q: Quantity, mention_unit: str | None, topic_unit: str | None) -> tuple[Quantity, str]:
    """'two weeks' for a topic counted in days -> 14, '0.25 percentage points' for one counted in basis
    points -> 25; anything else unchanged."""
    have, want = unit_of(mention_unit), unit_of(topic_unit)
    if not have or not want:
        ph, pw = _points(mention_unit), _points(topic_unit)
        if ph and pw and ph != pw:
            factor = ph / pw
            lo, hi = round(q.low * factor, 6), round(q.high * factor, 6)
            return Quantity(lo, hi), f"{_fmt(q.low)} {mention_unit} = {_fmt(lo)} {topic_unit}"
        return q, ""
    if have == want:
        return q, ""
    factor = TIME_UNITS[have] / TIME_UNITS[want]
    lo, hi = q.low * factor, q.high * factor
    if q.text is None:
        return Quantity(lo, hi), f"{_fmt(q.low)} {have}s = {_fmt(lo)} {want}s"
    qual = re.match(rf"{_QUALIFIER}", q.text, re.I)
    if qual and q.text[len(qual.group(0)):].strip().replace(".", "", 1).isdigit():
        converted = parse_quantity(f"{qual.group(0)} {_fmt(float(q.text[len(qual.group(0)):]) * factor)}")
        if converted:
            return converted, f"'{q.text} {have}s' = '{converted.text}' {want}s"
    return Quantity(lo, hi, q.text), f"in {want}s"
