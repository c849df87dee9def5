"""Finding a quote in its article: exact, then normalised; fuzzy matching only proposes."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_TRANSLATE = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u00ad": None, "\u200b": None, "\u200c": None, "\u200d": None, "\ufeff": None,
})
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|\u2026|\. \. \.)\s*")
_INSERTION = re.compile(r"\[[^\[\]]*\]")
_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    "seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|"
    "million|billion|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|dozens?|half"
)
_CRITICAL = re.compile(
    rf"\d+(?:[.,]\d+)*|\b(?i:not|no|never|nor|without|none|n't|{_NUMBER_WORDS})\b|\b[A-Z][\w'’]+"
)


@dataclass(frozen=True)
class Normalised:
    """Text folded for matching, and where each folded character came from in the original."""

    text: str
    origin: tuple[int, ...]  # origin[i] = offset in the original of folded char i

    def span(self, start: int, end: int) -> tuple[int, int]:
        if start >= len(self.origin):
            return len(self.origin), len(self.origin)
        last = self.origin[end - 1] + 1 if end > start else self.origin[start]
        return self.origin[start], last


def normalise(text: str) -> Normalised:
    """NFKC, one kind of quote and dash, invisible characters dropped, runs of whitespace as one space."""
    out: list[str] = []
    origin: list[int] = []
    space = True  # drop leading whitespace
    for i, ch in enumerate(text):
        folded = unicodedata.normalize("NFKC", ch).translate(_TRANSLATE)
        for f in folded:
            if f.isspace():
                if space:
                    continue
                f, space = " ", True
            else:
                space = False
            out.append(f)
            origin.append(i)
    while out and out[-1] == " ":
        out.pop()
        origin.pop()
    return Normalised("".join(out), tuple(origin))


def quote_segments(quote: str) -> list[str]:
    """The verbatim pieces of a quote: split at '...' omissions, editorial [insertions] removed."""
    pieces = []
    for part in _ELLIPSIS.split(quote):
        for sub in _INSERTION.split(part):
            sub = sub.strip(" ,;")
            if sub.strip():
                pieces.append(sub)
    return pieces


@dataclass(frozen=True)
class Grounding:
    found: bool
    how: str  # "exact", "normalised", or "" when not found
    start: int = -1  # offsets in the original article text
    end: int = -1
    closest: str | None = None  # when not found: the closest passage in the article
    similarity: float | None = None
    differs: tuple[str, ...] = ()  # digits, negations or names the closest passage changes


class Article:
    """An article's text, normalised once so that many quotes can be grounded against it."""

    def __init__(self, text: str):
        self.raw = text
        self.norm = normalise(text)
        self._folded_lower: str | None = None

    def ground(self, quote: str) -> Grounding:
        if quote and quote in self.raw:
            start = self.raw.index(quote)
            return Grounding(True, "exact", start, start + len(quote))
        segments = [normalise(s).text for s in quote_segments(quote)]
        if not segments:
            return Grounding(False, "", closest=None)
        pos, first_start, last_end = 0, None, 0
        for seg in segments:
            at = self.norm.text.find(seg, pos)
            if at < 0:
                return self._propose(seg)
            first_start = at if first_start is None else first_start
            pos = last_end = at + len(seg)
        start, end = self.norm.span(first_start, last_end)
        return Grounding(True, "normalised", start, end)

    def _propose(self, segment: str) -> Grounding:
        from rapidfuzz import fuzz

        hay = self.norm.text
        al = fuzz.partial_ratio_alignment(segment, hay, processor=str.casefold)
        if al is None or al.score == 0:
            return Grounding(False, "")
        passage = hay[al.dest_start:al.dest_end]
        # Widen to whole words so the curator sees readable text.
        s, e = al.dest_start, al.dest_end
        while s > 0 and hay[s - 1].isalnum():
            s -= 1
        while e < len(hay) and hay[e].isalnum():
            e += 1
        passage = hay[s:e]
        differs = critical_differences(segment, passage)
        return Grounding(False, "", closest=passage, similarity=al.score / 100, differs=differs)


def critical_differences(quote: str, passage: str) -> tuple[str, ...]:
    """Digits, negations and capitalised names in one text and not the other: never a mere typo."""
    qa = _CRITICAL.findall(quote)
    pa = _CRITICAL.findall(passage)
    missing = [t for t in qa if t not in pa]
    extra = [t for t in pa if t not in qa]
    return tuple([f"-{t}" for t in missing] + [f"+{t}" for t in extra])
