"""One comparer per value type: how a value is read, shown, keyed, and related to another.

TYPES is the registry: a new value type is one module in values/ whose ValueType subclass calls
register() (as timeofday.py does for `time`, and tests/values/test_toy_type.py for a toy one). The
codebook's schema, the loader, `conflicts`, `check` (through the type's `find`) and `--draft`
(through its `to_raw`) take their names and rules from here; nothing else lists the types.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Callable, Hashable, Sequence

from rapidfuzz import fuzz

from claimcheck.model import Codebook, Relation, Topic
from claimcheck.values.namekeys import differing_parts, joined, roman_key

SAME, COMPATIBLE, DIFFERENT = "same", "compatible", "different"


# --------------------------------------------------------------------------- names


# Letters that carry no combining mark, so NFKD cannot strip them.
_LATIN = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss",
                        "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "ð": "d"})


class _NoMarks(dict):
    """A str.translate table that drops combining marks, filled in as characters are met."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        if len(self) < 65536:
            self[code] = kept
        return kept


_NO_MARKS = _NoMarks()
_PUNCT = re.compile(r"[^\w\s]")


def fold(text: str) -> str:
    """Case, diacritics, punctuation and spacing folded away: 'Türkiye' -> 'turkiye'."""
    text = str(text)
    if text.isascii():  # NFKD and the table leave ASCII as it is
        no_marks = text
    else:
        no_marks = unicodedata.normalize("NFKD", text.translate(_LATIN)).translate(_NO_MARKS)
    cleaned = _PUNCT.sub(" ", no_marks.casefold().replace("’", "").replace("'", ""))
    return " ".join(cleaned.replace("_", " ").split())


_TOKEN_FLOOR = 0.75


class Names:
    """The codebook's entity knowledge, folded once: aliases, honorifics, declared-distinct pairs.

    Two names are the same name when their keys are equal: case, accents, punctuation and
    honorifics folded, a declared alias resolved, romanisation's variations folded (namekeys.py:
    Najib / Najeeb), or the same parts joined or split (Vishwash Kumar / Vishwashkumar). A name
    close to another but not the same (Maria / Mario, Ali Khan / Ali Kahn) is a spelling
    difference: `compatible`, shown with both spellings and the curator's two fixes, never merged.
    Declared entities and `distinct` pairs decide before any of this.
    """

    def __init__(self, codebook: Codebook, sounds_alike: Callable[[str, str], bool] | None | bool = None):
        """`sounds_alike(part_a, part_b)`: the phonetic test for a spelling difference; None for
        jellyfish's metaphone (measured best, benchmarks/names_bench.py), False for none."""
        self.sounds_alike = _same_metaphone if sounds_alike is None else sounds_alike or None
        self.honorifics = {fold(h) for h in codebook.honorifics if fold(h)}
        self.multiword_honorifics = sorted((h for h in self.honorifics if " " in h), key=len, reverse=True)
        self.canonical: dict[str, str] = {}
        self.display: dict[str, str] = {}
        self._spellings: dict[str, tuple[str, ...]] = {}
        roman: dict[str, str] = {}
        for entity in codebook.entities:
            key = self.strip(entity.name)
            self.display[key] = entity.name
            self._spellings[key] = (entity.name, *entity.aliases)
            for name in (entity.name, *entity.aliases):
                self.canonical[self.strip(name)] = key
                roman.setdefault(joined(roman_key(self.strip(name))), key)
        # A name declared distinct from another keeps its own spelling as its key, so that no fold
        # can merge it with the name it was declared distinct from.
        self.declared = {self.canonical.get(self.strip(n), self.strip(n)) for pair in codebook.distinct for n in pair}
        self.roman_canonical = roman
        self._keys: dict[str, str] = {}
        self._plains: dict[str, str] = {}
        self.distinct = {frozenset((self.key(a), self.key(b))) for a, b in codebook.distinct}
        self.threshold = codebook.person_match_threshold

    def strip(self, name: str) -> str:
        """Folded, without honorifics (kept if the name is nothing but an honorific)."""
        folded = fold(name)
        for h in self.multiword_honorifics:
            folded = re.sub(rf"\b{re.escape(h)}\b", " ", folded)
        tokens = [t for t in folded.split() if t not in self.honorifics]
        return " ".join(tokens) or folded

    def key(self, name: str) -> str:
        """The name's canonical form (alias resolved, honorifics dropped, romanisation folded);
        memoised, as names repeat."""
        try:
            return self._keys[name]
        except (KeyError, TypeError):
            pass
        stripped = self.strip(name)
        key = self.canonical.get(stripped)
        if key is None:
            if stripped in self.declared:
                key = stripped
            else:
                rk = roman_key(stripped)
                key = self.roman_canonical.get(joined(rk), rk)
        if isinstance(name, str) and len(self._keys) < 1_000_000:
            self._keys[name] = key
        return key

    def spellings_of(self, name: str) -> tuple[str, ...]:
        """Every spelling the codebook declares for the entity this name is ('British' -> 'Britons', ...)."""
        return self._spellings.get(self.key(name), ())

    def _plain(self, name: str) -> str:
        """The name folded, honorifics dropped and alias resolved, without romanisation folded."""
        found = self._plains.get(name)
        if found is None:
            stripped = self.strip(name)
            found = self.canonical.get(stripped, stripped)
            if len(self._plains) < 1_000_000:
                self._plains[name] = found
        return found

    def relate(self, a: str, b: str) -> Relation:
        return self.relate_keyed(a, b, self.key(a), self.key(b))

    def relate_keyed(self, a: str, b: str, ka: str, kb: str) -> Relation:
        """relate(), given both names' keys."""
        if frozenset((ka, kb)) in self.distinct:
            return Relation(DIFFERENT, "declared different people in the codebook")
        if ka == kb:
            return Relation(SAME, self._why_same(a, b))
        if joined(ka) == joined(kb) and ka not in self.declared and kb not in self.declared:
            pa, pb = differing_parts(a, b)
            return Relation(SAME, f"same name with its parts joined or split: {pa} / {pb}")
        # Closeness is judged on the names as written (folded, aliases resolved), as the threshold is.
        pa, pb = self._plain(a), self._plain(b)
        score = fuzz.ratio(pa, pb) / 100
        ta, tb = pa.split(), pb.split()
        # A spelling difference must be close overall AND in every part: 'Rahmatullah Najib' and
        # 'Rahmatullah Mujib' are close overall but differ in the surname.
        weakest = min((fuzz.ratio(x, y) / 100 for x, y in zip(ta, tb)), default=0.0)
        if score * 100 >= self.threshold and len(ta) == len(tb) and weakest >= _TOKEN_FLOOR:
            return Relation(COMPATIBLE, spelled_differently(a, b, score), score)
        if ta and tb and (set(ta) <= set(tb) or set(tb) <= set(ta)):
            return Relation(COMPATIBLE, "one name is part of the other", score)
        ra, rb = ka.split(), kb.split()
        if self.sounds_alike and len(ra) == len(rb) and all(x == y or self.sounds_alike(x, y) for x, y in zip(ra, rb)):
            return Relation(COMPATIBLE, spelled_differently(a, b, score, sound=True), score)
        hint = _closest_tokens(ta, tb)
        reason = f"different names, similarity {score:.2f}"
        if hint:
            reason += f"; closest parts '{hint[0]}' ~ '{hint[1]}' {hint[2]:.2f}"
        return Relation(DIFFERENT, reason, max(score, hint[2] if hint else 0.0))

    def _why_same(self, a: str, b: str) -> str:
        if a == b:
            return "identical"
        sa, sb = self.strip(a), self.strip(b)
        if sa != sb and (self.canonical.get(sa) is not None or self.canonical.get(sb) is not None) \
                and self.canonical.get(sa) == self.canonical.get(sb):
            return f"alias in the codebook: {a} = {b}"
        if sa != sb and roman_key(sa) != roman_key(sb) and joined(roman_key(sa)) != joined(roman_key(sb)):
            return f"alias in the codebook: {a} = {b}"
        if sa != sb and roman_key(sa) == roman_key(sb):
            pa, pb = differing_parts(a, b)
            return f"same name in another romanisation: {pa} / {pb}"
        if sa != sb:
            pa, pb = differing_parts(a, b)
            return f"same name with its parts joined or split: {pa} / {pb}"
        if fold(a) != fold(b):
            return "same name once honorifics are ignored"
        return "same name once case, accents and punctuation are ignored"


#: What a curator can do about two close spellings: the two fixes, in the codebook.
SPELLING_FIXES = ("if they are one person, declare them one entity in the codebook's `entities`; "
                  "if two, declare the pair `distinct`")


def spelled_differently(a: str, b: str, score: float, sound: bool = False) -> str:
    """The reason two close spellings are shown apart: both spellings, the similarity, the fixes."""
    pa, pb = differing_parts(a, b)
    how = "they sound alike" if sound else f"similarity {score:.2f}"
    return f"spelled differently: {pa} / {pb} ({how}); {SPELLING_FIXES}"


def _same_metaphone(a: str, b: str) -> bool:
    """Whether two name parts sound alike: equal metaphone keys (jellyfish), for parts of 3+ letters."""
    if len(a) < 3 or len(b) < 3 or not (a.isascii() and b.isascii()):
        return False
    import jellyfish  # only when two names differ: not at start-up

    return jellyfish.metaphone(a) == jellyfish.metaphone(b)


def _closest_tokens(ta: list[str], tb: list[str]) -> tuple[str, str, float] | None:
    best = None
    for x in ta:
        for y in tb:
            if x == y:
                continue
            s = fuzz.ratio(x, y) / 100
            if s >= 0.5 and (best is None or s > best[2]):
                best = (x, y, s)
    return best


# --------------------------------------------------------------------------- types


class ValueError_(ValueError):
    """A value that does not fit its topic's type; the message says what would."""


@dataclass(frozen=True)
class Context:
    topic: Topic
    names: Names


class ValueType:
    """A value type: how a claim's value is read (parse), shown, keyed and related to another, written
    back for a draft (to_raw) and found in an article (find). A new type is one module in values/
    that subclasses this and calls register(); nothing else in claimcheck names the types."""

    name = "?"
    example = ""
    help = ""  # what a value looks like, for the codebook's JSON Schema

    def parse(self, raw: Any, ctx: Context) -> Any:
        raise NotImplementedError

    def display(self, value: Any) -> str:
        return str(value)

    def key(self, value: Any, ctx: Context) -> Hashable:
        return value

    def relate(self, a: Any, b: Any, ctx: Context) -> Relation:
        return Relation(SAME, "equal") if a == b else Relation(DIFFERENT, "not equal")

    def keys(self, values: list, ctx: Context) -> list:
        """key() of each value (a type whose keys cost more than hashing a value works each out once)."""
        key = self.key
        return [key(v, ctx) for v in values]

    def relate_keyed(self, a: Any, b: Any, ka: Hashable, kb: Hashable, ctx: Context) -> Relation:
        """relate(), given the values' keys: a type that needs them overrides this, so that
        comparing every pair of a topic's values works out no key twice."""
        return self.relate(a, b, ctx)

    def relate_all(self, values: list, keys: list, ctx: Context) -> dict[tuple[int, int], Relation]:
        """relate() for every pair (i < j) of distinct values with their keys."""
        rel = self.relate_keyed
        return {(i, j): rel(a, values[j], keys[i], keys[j], ctx) for i, a in enumerate(values) for j in range(i + 1, len(values))}

    def to_raw(self, value: Any) -> Any:
        """The value as a curator writes it in a claim file: what parse reads back as the same value."""
        return value

    #: How far `check` looks from a value found by `find` for the topic's cue: words, and marks it may not cross.
    reach = 8
    stops = r"[.;!?]"

    def find(self, text: str, taken: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int, Any, str, float]]:
        """Values of this type as an article writes them, for `check`: (start, end, value, how it was
        read, confidence 0..1), none overlapping the spans in `taken` (the sentence's dates).
        check/extract.py binds each to the topic whose cue stands nearest. The built-in types but
        `time` have readers of their own there and find nothing here; a new type defines this."""
        return []

    def to_json(self, value: Any) -> Any:
        return value


class PersonType(ValueType):
    name = "person"
    help = 'a name as written'
    example = "Haji Najib"

    def parse(self, raw, ctx):
        if not isinstance(raw, str) or not raw.strip():
            raise ValueError_("a person's name as text, e.g. 'Haji Najib'")
        return " ".join(raw.split())

    def key(self, value, ctx):
        return ctx.names.key(value)

    def relate(self, a, b, ctx):
        return ctx.names.relate(a, b)

    def relate_keyed(self, a, b, ka, kb, ctx):
        return ctx.names.relate_keyed(a, b, ka, kb)


# Numbers -------------------------------------------------------------------

_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if w != "_"}
_SCALES = {"dozen": 12, "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_SPECIAL = {"a dozen": 12, "dozen": 12, "a couple": 2, "a couple of": 2, "a pair of": 2, "half a dozen": 6,
            "a hundred": 100, "a thousand": 1000, "single": 1, "a single": 1, "both": 2}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
             "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
             "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
             "nineteenth": 19, "twentieth": 20, "thirtieth": 30}
#: Every word words_to_number reads (a span holding any other word is not a number to it).
NUMBER_WORDS = frozenset({*_UNITS, *_TENS, *_SCALES, *_ORDINALS, "and", *(w for k in _SPECIAL for w in k.split())})
#: Vague quantities and the range of numbers each is compatible with; never an exact match.
VAGUE = {"a few": (2, 5), "few": (2, 5), "several": (3, 9), "a handful": (2, 6), "handful": (2, 6),
         "dozens": (24, 99), "scores": (40, 199), "hundreds": (200, 999), "thousands": (2000, 9999),
         "tens of thousands": (20_000, 99_999), "hundreds of thousands": (200_000, 999_999),
         "millions": (2_000_000, 9_999_999), "many": (2, math.inf), "some": (2, math.inf)}
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


# Dates ---------------------------------------------------------------------


@dataclass(frozen=True)
class DateSpan:
    start: dt.date
    end: dt.date

    def __str__(self) -> str:
        return self.start.isoformat() if self.start == self.end else f"{self.start.isoformat()}/{self.end.isoformat()}"


def parse_date_value(raw: Any) -> DateSpan:
    """A day (2025-10-19), a range ('2025-10-18/2025-10-19') or a month ('2025-10')."""
    if isinstance(raw, dt.datetime):
        return DateSpan(raw.date(), raw.date())
    if isinstance(raw, dt.date):
        return DateSpan(raw, raw)
    if isinstance(raw, str):
        s = raw.strip()
        parts = [p.strip() for p in re.split(r"/|\.\.", s)]
        try:
            if len(parts) == 2:
                a, b = _day_or_month(parts[0]), _day_or_month(parts[1])
                if a.start <= b.end:
                    return DateSpan(a.start, b.end)
                raise ValueError_(f"the range {s!r} ends before it starts")
            if len(parts) == 1:
                return _day_or_month(parts[0])
        except ValueError as exc:
            if isinstance(exc, ValueError_):
                raise
    raise ValueError_("an ISO date (2025-10-19), a range ('2025-10-18/2025-10-19') or a month ('2025-10')")


def _day_or_month(s: str) -> DateSpan:
    if re.fullmatch(r"\d{4}-\d{2}", s):
        y, m = map(int, s.split("-"))
        return DateSpan(dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1]))
    d = dt.date.fromisoformat(s)
    return DateSpan(d, d)


class DateType(ValueType):
    name = "date"
    help = "2025-10-19, a range '2025-10-18/2025-10-19', a month '2025-10'"
    example = "2025-10-19 or '2025-10-18/2025-10-19'"

    def parse(self, raw, ctx):
        return parse_date_value(raw)

    def display(self, v):
        if v.start == v.end:
            return v.start.isoformat()
        if (v.start.day == 1 and v.start.month == v.end.month and v.start.year == v.end.year
                and v.end.day == calendar.monthrange(v.end.year, v.end.month)[1]):
            return v.start.strftime("%Y-%m")
        return f"{v.start.isoformat()} to {v.end.isoformat()}"

    def key(self, v, ctx):
        return (v.start, v.end)

    def relate(self, a, b, ctx):
        if a == b:
            return Relation(SAME, "same day" if a.start == a.end else "same range")
        if a.start <= b.start and b.end <= a.end or b.start <= a.start and a.end <= b.end:
            return Relation(COMPATIBLE, "one lies inside the other")
        if a.start <= b.end and b.start <= a.end:
            return Relation(COMPATIBLE, "the ranges overlap")
        gap = min(abs((a.start - b.end).days), abs((b.start - a.end).days))
        return Relation(DIFFERENT, f"{gap} day{'s' if gap != 1 else ''} apart")

    def to_raw(self, v):  # a day as YAML's date, as curators write it; a range as a string
        return v.start if v.start == v.end else f"{v.start.isoformat()}/{v.end.isoformat()}"

    def to_json(self, v):
        if v.start == v.end:
            return v.start.isoformat()
        return {"start": v.start.isoformat(), "end": v.end.isoformat()}


class ListType(ValueType):
    name = "list"
    help = '[Qatar, Turkey]'
    example = "[Qatar, Turkey]"

    def parse(self, raw, ctx):
        if isinstance(raw, (str, dt.date)):
            raw = [raw]
        if not isinstance(raw, list) or not raw:
            raise ValueError_("a non-empty list, e.g. [Qatar, Turkey]")
        items = []
        for item in raw:
            if isinstance(item, (dict, list, bool)) or item is None:
                raise ValueError_("a list of names or dates, one per item")
            items.append(item.isoformat() if isinstance(item, dt.date) else " ".join(str(item).split()))
        return tuple(items)

    def display(self, v):
        return ", ".join(v)

    def to_raw(self, v):
        return list(v)

    def key(self, v, ctx):
        return frozenset(ctx.names.key(x) for x in v)

    def keys(self, values, ctx):
        return _keys_once(self, values, ctx)

    def relate(self, a, b, ctx):
        return self.relate_keyed(a, b, self.key(a, ctx), self.key(b, ctx), ctx)

    def relate_keyed(self, a, b, ka, kb, ctx):
        if ka == kb:
            return Relation(SAME, "same members" + ("" if sorted(a) == sorted(b) else " (aliases or spelling)"))

        def shown(keys) -> str:  # the members as folded, not as their keys (romanisation folded) read
            written = {ctx.names.key(x): ctx.names._plain(x) for x in (*a, *b)}
            return ", ".join(sorted(written.get(k, k) for k in keys))

        if ka < kb:
            return Relation(COMPATIBLE, f"subset; the longer list adds {shown(kb - ka)}")
        if kb < ka:
            return Relation(COMPATIBLE, f"subset; the longer list adds {shown(ka - kb)}")
        return Relation(DIFFERENT, f"members differ: {shown(ka ^ kb)}")


class LabelType(ValueType):
    name = "label"
    help = 'one of `labels`'
    example = "a label from the topic's list"

    def parse(self, raw, ctx):
        labels = ctx.topic.labels
        if not isinstance(raw, str) or raw not in labels:
            near = difflib.get_close_matches(str(raw), list(labels), n=1)
            hint = f"; did you mean '{near[0]}'?" if near else ""
            raise ValueError_(f"one of the labels {', '.join(labels)}{hint}")
        return raw

    def relate(self, a, b, ctx):
        if a == b:
            return Relation(SAME, "same label")
        if frozenset((a, b)) in ctx.topic.compatible:
            return Relation(COMPATIBLE, f"'{a}' and '{b}' are declared compatible in the codebook")
        return Relation(DIFFERENT, f"'{a}' and '{b}' are incompatible labels")


class TextType(ValueType):
    name = "text"
    help = 'a wording'
    example = "the words quoted"
    same_at = 0.95

    def parse(self, raw, ctx):
        if not isinstance(raw, str) or not raw.strip():
            raise ValueError_("text, e.g. the words a speaker is quoted as saying")
        return " ".join(raw.split())

    def key(self, v, ctx):
        return fold(v)

    def keys(self, values, ctx):
        return _keys_once(self, values, ctx)

    def relate(self, a, b, ctx):
        return self.relate_keyed(a, b, fold(a), fold(b), ctx)

    def relate_keyed(self, a, b, fa, fb, ctx):
        if fa == fb:
            return Relation(SAME, "same wording", 1.0)
        score = fuzz.ratio(fa, fb) / 100
        words = word_diff(fa.split(), fb.split())
        if score >= self.same_at:
            return Relation(SAME, f"same wording but for {words}", score)
        return Relation(DIFFERENT, f"wording differs ({score:.2f}): {words}", score)


def _keys_once(vtype: ValueType, values: list, ctx: Context) -> list:
    """vtype.key() of each value, worked out once per distinct value: values that hash cheaply
    (str, tuples of str) and repeat across a claim set's parts, whose keys cost more."""
    distinct = dict.fromkeys(values)
    for v in distinct:
        distinct[v] = vtype.key(v, ctx)
    return list(map(distinct.__getitem__, values))


def word_diff(wa: list[str], wb: list[str]) -> str:
    """The words that differ between two folded wordings, given as words, as '-removed +added'."""
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, wa, wb, autojunk=False).get_opcodes():
        if op in ("replace", "delete"):
            out.append("-" + " ".join(wa[i1:i2]))
        if op in ("replace", "insert"):
            out.append("+" + " ".join(wb[j1:j2]))
    return " ".join(f"[{w}]" for w in out) or "punctuation only"


TYPES: dict[str, ValueType] = {}  # the registry of value types, by name


def register(vtype: ValueType) -> ValueType:
    """Add a value type to the registry (a module of its own calls this when imported)."""
    TYPES[vtype.name] = vtype
    return vtype


for _t in (PersonType(), NumberType(), DateType(), ListType(), LabelType(), TextType()):
    register(_t)
# A type in a module of its own adds itself to TYPES when imported (timeofday.py: `time`); importing
# it here makes the registry whole whichever module is imported first.
from claimcheck.values import timeofday  # noqa: E402,F401
