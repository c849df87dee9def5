"""Numbers as reporters write them (digits, words, vague amounts, bounds, ranges) and the `number` type."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from claimcheck.model import Relation
from claimcheck.values.base import COMPATIBLE, DIFFERENT, SAME, ValueError_, ValueType


_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}


_TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if w != "_"}


_SCALES = {"dozen": 12, "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}


#: Scales written short on a number ("32bn"); never "m" or "k" alone, which may be metres or a race.
SHORT_SCALES = {"bn": 1e9, "tn": 1e12, "mn": 1e6, "mln": 1e6}


_SPECIAL = {"a dozen": 12, "dozen": 12, "a couple": 2, "a couple of": 2, "a pair of": 2, "half a dozen": 6,
            "a hundred": 100, "a thousand": 1000, "single": 1, "a single": 1, "both": 2}


_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
             "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
             "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
             "nineteenth": 19, "twentieth": 20, "thirtieth": 30}


#: The single words that are numbers: cardinals, scales and ordinals.
NUMBER_FORMS = frozenset({*_UNITS, *_TENS, *_SCALES, *_ORDINALS})

#: Every word words_to_number reads (a span holding any other word is not a number to it).
NUMBER_WORDS = frozenset({*_UNITS, *_TENS, *_SCALES, *_ORDINALS, "and", *(w for k in _SPECIAL for w in k.split())})


#: Vague quantities and the range of numbers each is compatible with; never an exact match.
VAGUE = {"a few": (2, 5), "few": (2, 5), "several": (3, 9), "a handful": (2, 6), "handful": (2, 6),
         "dozens": (24, 99), "scores": (40, 199), "hundreds": (200, 999), "thousands": (2000, 9999),
         "tens of thousands": (20_000, 99_999), "hundreds of thousands": (200_000, 999_999),
         "millions": (2_000_000, 9_999_999), "tens of millions": (20_000_000, 99_999_999),
         "hundreds of millions": (200_000_000, 999_999_999), "billions": (2_000_000_000, 9_999_999_999),
         "many": (2, math.inf), "some": (2, math.inf)}


#: Qualifiers that turn a number into a range: (factor low, factor high, low open, high open). An
#: open end excludes the number itself: "more than 200" is no 200, "up to 36" may be 36.
QUALIFIERS = {
    "nearly": (0.8, 1.0, False, False), "almost": (0.8, 1.0, False, False), "just under": (0.85, 1.0, False, True),
    "under": (0.0, 1.0, False, True), "fewer than": (0.0, 1.0, False, True), "less than": (0.0, 1.0, False, True),
    "below": (0.0, 1.0, False, True),
    "up to": (0.0, 1.0, False, False), "at most": (0.0, 1.0, False, False), "as many as": (0.0, 1.0, False, False),
    "no more than": (0.0, 1.0, False, False), "not more than": (0.0, 1.0, False, False),
    "a maximum of": (0.0, 1.0, False, False),
    "about": (0.85, 1.15, False, False), "around": (0.85, 1.15, False, False),
    "approximately": (0.85, 1.15, False, False), "roughly": (0.85, 1.15, False, False),
    "some": (0.85, 1.15, False, False), "an estimated": (0.85, 1.15, False, False),
    "estimated": (0.85, 1.15, False, False), "~": (0.85, 1.15, False, False),
    "more than": (1.0, math.inf, True, False), "over": (1.0, math.inf, True, False),
    "above": (1.0, math.inf, True, False), "upwards of": (1.0, math.inf, True, False),
    "in excess of": (1.0, math.inf, True, False),
    "at least": (1.0, math.inf, False, False), "no fewer than": (1.0, math.inf, False, False),
    "no less than": (1.0, math.inf, False, False), "not less than": (1.0, math.inf, False, False),
    "a minimum of": (1.0, math.inf, False, False),
    "just over": (1.0, 1.15, True, False),
}


_QUALIFIERS = QUALIFIERS


#: The qualifiers that are words, longest first, for recognisers that find them in a sentence.
QUALIFIER_WORDS = tuple(sorted((q for q in QUALIFIERS if q[0].isalpha()), key=len, reverse=True))


def words_to_number(text: str) -> float | None:
    """'seven' -> 7, 'twenty-one' -> 21, 'two hundred and five' -> 205, '2,611' -> 2611, 'second' -> 2."""
    t = text.strip().casefold().replace("\u2011", "-")
    t = re.sub(r"(?<=\d),(?=\d{3}\b)", "", t)
    try:
        return float(t)
    except ValueError:
        pass
    if t in _SPECIAL:
        return float(_SPECIAL[t])
    m = re.fullmatch(r"(\d+)(st|nd|rd|th)", t)
    if m:
        return float(m.group(1))
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(bn|tn|mn|mln)", t)  # "32bn"; never "5m" (metres? minutes?)
    if m:
        return float(round(float(m.group(1)) * SHORT_SCALES[m.group(2)]))
    tokens = [w for w in re.split(r"[\s-]+", t) if w and w != "and"]
    if not tokens:
        return None
    total, current, seen = 0.0, 0.0, False
    for w in tokens:
        if w in _ORDINALS and w == tokens[-1]:
            current += _ORDINALS[w]
        elif w in _UNITS:
            current += _UNITS[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w in _SCALES:
            scale = _SCALES[w]
            current = (current or 1) * scale
            if scale >= 1000:
                total, current = total + current, 0.0
        elif re.fullmatch(r"\d+(\.\d+)?", w):
            current += float(w)
        else:
            return None
        seen = True
    return total + current if seen else None


@dataclass(frozen=True)
class Quantity:
    """A number, exact or a range; `text` keeps how a vague one was written."""

    low: float
    high: float
    text: str | None = None
    low_open: bool = False  # "more than 200": the low end itself is excluded
    high_open: bool = False  # "fewer than 10"

    @property
    def exact(self) -> bool:
        return self.text is None and self.low == self.high

    def admits(self, x: float) -> bool:
        """Whether the exact number x lies inside this range."""
        return (self.low < x if self.low_open else self.low <= x) and (x < self.high if self.high_open else x <= self.high)

    def meets(self, other: Quantity) -> bool:
        """Whether the two ranges share a number."""
        lo, hi = max(self.low, other.low), min(self.high, other.high)
        return lo < hi or (lo == hi and self.admits(lo) and other.admits(lo))

    def bounds(self) -> str:
        """The range in words: 'at most 36', 'more than 200', '30.6-41.4'."""
        lo, hi = self.low, self.high
        if hi == math.inf:
            return f"{'more than' if self.low_open else 'at least'} {_fmt(lo)}"
        if lo <= 0 < hi:
            return f"{'fewer than' if self.high_open else 'at most'} {_fmt(hi)}"
        if lo == hi:
            return _fmt(lo)
        return f"{_fmt(lo)}-{_fmt(hi)}"


def _fmt(x: float) -> str:
    if x == math.inf:
        return "∞"
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


class NumberType(ValueType):
    name = "number"
    help = "7, or vague or a bound: 'dozens', 'nearly 14', 'up to 36', '10-12'"
    example = "7, 'dozens', 'nearly 14', '10-12'"

    def parse(self, raw, ctx):
        if isinstance(raw, bool):
            raise ValueError_("a number, e.g. 7, or a vague quantity such as 'dozens' or 'nearly 14'")
        if isinstance(raw, (int, float)):
            return Quantity(float(raw), float(raw))
        if isinstance(raw, str):
            q = parse_quantity(raw)
            if q is not None:
                return q
            if re.fullmatch(r"\s*[-+]?\d+(?::\d\d)+(?:\.\d*)?\s*", raw):
                raise ValueError_(f"a number, but {raw.strip()!r} reads as a clock time (YAML 1.1 would even read it "
                                  "as a base-60 number); write the number itself, e.g. 90, or give the topic "
                                  "type: time for a time of day")
        raise ValueError_("a number, e.g. 7, or a vague quantity such as 'dozens', 'nearly 14', 'up to 36' or '10-12'")

    def display(self, q):
        return q.text if q.text else (_fmt(q.low) if q.low == q.high else f"{_fmt(q.low)}-{_fmt(q.high)}")

    def key(self, q, ctx):
        return (q.low, q.high, q.text)

    def relate(self, a, b, ctx):
        if a == b:
            return Relation(SAME, "equal" if a.exact else f"both say '{self.display(a)}'")
        if a.exact and b.exact:
            if a.low == b.low:
                return Relation(SAME, "equal")
            return Relation(DIFFERENT, f"{_fmt(a.low)} ≠ {_fmt(b.low)}")
        if a.exact or b.exact:  # an exact number against a range or a bound
            exact, other = (a, b) if a.exact else (b, a)
            n, shown = _fmt(exact.low), self.display(other)
            words = "" if other.bounds() == shown else f" ({other.bounds()})"
            if other.admits(exact.low):
                if _is_bound(other):
                    return Relation(COMPATIBLE, f"'{shown}'{words} admits {n}; a bound, never an exact match")
                return Relation(COMPATIBLE, f"'{shown}' ({_fmt(other.low)}-{_fmt(other.high)}) admits the other; vague, never an exact match")
            if exact.low in (other.low, other.high):
                return Relation(DIFFERENT, f"'{shown}' excludes {n} itself")
            if _is_bound(other):
                side = "more" if exact.low > other.high else "fewer"
                return Relation(DIFFERENT, f"{n} is {side} than '{shown}'{words} allows")
            return Relation(DIFFERENT, f"{n} lies outside '{shown}' ({other.bounds()})")
        if (a.low, a.high, a.low_open, a.high_open) == (b.low, b.high, b.low_open, b.high_open):
            # "over 4,500" and "more than 4,500": other words, the same numbers allowed
            return Relation(SAME, f"'{self.display(a)}' and '{self.display(b)}' both mean {a.bounds()}")
        if a.meets(b):
            return Relation(COMPATIBLE, f"'{self.display(a)}' ({a.bounds()}) and '{self.display(b)}' ({b.bounds()}) can both be true; vague, never an exact match")
        return Relation(DIFFERENT, f"{self.display(a)} and {self.display(b)} do not overlap ({a.bounds()}; {b.bounds()})")

    def to_raw(self, q):
        if q.text:
            return q.text
        return int(q.low) if float(q.low).is_integer() else q.low

    def to_json(self, q):
        if q.exact:
            return int(q.low) if q.low.is_integer() else q.low
        return {"text": self.display(q), "min": None if q.low == -math.inf else q.low,
                "max": None if q.high == math.inf else q.high}


def _is_bound(q: Quantity) -> bool:
    """Whether a range is a bound ('up to 36', 'more than 200') rather than a vague amount or a span."""
    qual = next((w for w in QUALIFIER_WORDS if (q.text or "").startswith(w + " ")), None)
    return qual is not None and (QUALIFIERS[qual][0] == 0.0 or QUALIFIERS[qual][1] == math.inf)


_RANGE_SEPARATOR = re.compile(r"\s*(?:-|–|—|\bto\b)\s*")


def _range(t: str) -> Quantity | None:
    """'10-12', '10 to 12', 'ten to twelve', 'between 10 and 12': the span, when it reads as one."""
    if len(t) > 80:
        return None  # no range is written in more words than this; and each split costs a pass
    m = re.fullmatch(r"between (.+?) and (.+)", t)
    pairs = [(m.group(1), m.group(2))] if m else [(t[:sep.start()], t[sep.end():]) for sep in _RANGE_SEPARATOR.finditer(t)]
    for left, right in pairs:
        lo, hi = words_to_number(left), words_to_number(right)
        if lo is not None and hi is not None and lo < hi:  # 'twenty-one' is 21, no span from 20 to 1
            return Quantity(lo, hi, t)
    return None


def parse_quantity(text: str) -> Quantity | None:
    """A number written any usual way: '7', 'seven', 'three dozen', 'dozens', 'nearly 14', 'more than 200',
    'as many as three dozen', '10-12', '10 to 12'."""
    t = " ".join(text.strip().casefold().split())
    if t.endswith(" of") and t[:-3] in VAGUE:
        t = t[:-3]  # 'hundreds of', 'dozens of'
    if t in VAGUE:
        lo, hi = VAGUE[t]
        return Quantity(lo, hi, t)
    span = _range(t)
    if span is not None:
        return span
    for q in sorted(QUALIFIERS, key=len, reverse=True):
        if t.startswith(q + " ") or (q == "~" and t.startswith("~")):
            rest = t[len(q):].strip()
            n = words_to_number(rest)
            if n is not None:
                f_lo, f_hi, lo_open, hi_open = QUALIFIERS[q]
                # as written, but with the number in digits: 'as many as three dozen' is 'as many as 36'
                shown = t if rest.replace(".", "", 1).isdigit() else f"{q} {_fmt(n)}"
                return Quantity(n * f_lo, n * f_hi if f_hi != math.inf else math.inf, shown, lo_open, hi_open)
    n = words_to_number(t)
    if n is not None:
        return Quantity(n, n)
    return None
