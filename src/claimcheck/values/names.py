"""People's names: folding, one name written several ways, and the `person` type."""

from __future__ import annotations

import re
import unicodedata
from typing import Callable

from rapidfuzz import fuzz

from claimcheck.model import Codebook, Relation
from claimcheck.values.base import COMPATIBLE, DIFFERENT, SAME, ValueError_, ValueType
from claimcheck.values.namekeys import differing_parts, joined, roman_key


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
