"""A wording, and the `text` type: the same words, or close wordings shown with their difference."""

from __future__ import annotations

import difflib

from rapidfuzz import fuzz

from claimcheck.model import Relation
from claimcheck.values.base import DIFFERENT, SAME, ValueError_, ValueType, _keys_once
from claimcheck.values.names import fold


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


def word_diff(wa: list[str], wb: list[str]) -> str:
    """The words that differ between two folded wordings, given as words, as '-removed +added'."""
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, wa, wb, autojunk=False).get_opcodes():
        if op in ("replace", "delete"):
            out.append("-" + " ".join(wa[i1:i2]))
        if op in ("replace", "insert"):
            out.append("+" + " ".join(wb[j1:j2]))
    return " ".join(f"[{w}]" for w in out) or "punctuation only"
