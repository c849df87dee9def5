"""Finding a quote in its article: exact, then normalised; fuzzy matching only proposes."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from claimcheck.values.number import NUMBER_FORMS

_TRANSLATE = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u00ad": None, "\u200b": None, "\u200c": None, "\u200d": None, "\ufeff": None,
})
#: An omission in a quote. Split at its mark, then the spaces beside it are dropped (split_ellipses):
#: the pattern r"\s*(?:\.\.\.|\u2026|\. \. \.)\s*" itself (ELLIPSIS_REFERENCE) backtracks over every run
#: of spaces that ends in no mark, quadratic time on a quote of untrusted text.
ELLIPSIS_REFERENCE = r"\s*(?:\.\.\.|\u2026|\. \. \.)\s*"
_ELLIPSIS_MARK = re.compile(r"\.\.\.|\u2026|\. \. \.")
#: Longest part of a quote aligned at once when proposing the closest passage: rapidfuzz's partial
#: alignment grows with the product of the lengths (a 5 KB quote took 11 s), a 200-character window
#: with the article's length only.
PROPOSE_WINDOW = 200
_INSERTION = re.compile(r"\[[^\[\]]*\]")
#: Number words (values/number.py's) that make a word critical, longest first so that the alternation takes the whole word.
_NUMBER_WORDS = "|".join(sorted(NUMBER_FORMS | {"dozens", "half"}, key=len, reverse=True))
_CRITICAL = re.compile(
    rf"\d+(?:[.,]\d+)*|\b(?i:not|no|never|nor|without|none|n't|{_NUMBER_WORDS})\b|\b[A-Z][\w'’]+"
)


class Offsets(Sequence[int]):
    """Where each folded character came from: a piecewise-linear map kept as its breakpoints.

    Folding copies long runs of text unchanged, so an offset per character would mostly repeat
    `previous + 1`; breakpoints hold the same map in a few numbers, built in time per run.
    """

    __slots__ = ("_starts", "_bases", "_length")

    def __init__(self, starts: list[int], bases: list[int], length: int):
        self._starts, self._bases, self._length = starts, bases, length

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, k):  # type: ignore[override]
        if isinstance(k, slice):
            return tuple(self[i] for i in range(*k.indices(self._length)))
        if k < 0:
            k += self._length
        if not 0 <= k < self._length:
            raise IndexError("offset out of range")
        j = bisect_right(self._starts, k) - 1
        return self._bases[j] + k - self._starts[j]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and len(other) == self._length and tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"Offsets({tuple(self)!r})"


@dataclass(frozen=True)
class Normalised:
    """Text folded for matching, and where each folded character came from in the original."""

    text: str
    origin: Sequence[int]  # origin[i] = offset in the original of folded char i

    def span(self, start: int, end: int) -> tuple[int, int]:
        if start >= len(self.origin):
            return len(self.origin), len(self.origin)
        last = self.origin[end - 1] + 1 if end > start else self.origin[start]
        return self.origin[start], last


# Runs of printable ASCII but the backtick: NFKC and the table leave them as they are, so they are
# copied whole (their spaces folded at the edges), not looked at character by character.
_ASCII_RUN = re.compile(r"[ -_a-~]+")
_FOLDED: dict[str, str] = {}


def _fold_char(ch: str) -> str:
    folded = _FOLDED.get(ch)
    if folded is None:
        folded = unicodedata.normalize("NFKC", ch).translate(_TRANSLATE)
        if len(_FOLDED) < 65536:
            _FOLDED[ch] = folded
    return folded


class _Folder:
    """Builds a Normalised: folded text pieces and the breakpoints of their offsets."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.starts: list[int] = []
        self.bases: list[int] = []
        self.n = 0  # folded characters so far
        self.space = True  # the last folded character was a space (or none yet): drop leading whitespace

    def emit(self, piece: str, at: int) -> None:
        """Folded piece whose characters come from at, at+1, ... in the original."""
        if not self.starts or self.bases[-1] + self.n - self.starts[-1] != at:
            self.starts.append(self.n)
            self.bases.append(at)
        self.out.append(piece)
        self.n += len(piece)

    def chars(self, text: str, start: int, end: int) -> None:
        for i in range(start, end):
            for f in _fold_char(text[i]):
                if f.isspace():
                    if self.space:
                        continue
                    f, self.space = " ", True
                else:
                    self.space = False
                if not self.starts or self.bases[-1] + self.n - self.starts[-1] != i:
                    self.starts.append(self.n)
                    self.bases.append(i)
                self.out.append(f)
                self.n += 1

    def result(self) -> Normalised:
        while self.out and self.out[-1] == " ":
            self.out.pop()
            self.n -= 1
            if self.starts[-1] == self.n:
                self.starts.pop()
                self.bases.pop()
        return Normalised("".join(self.out), Offsets(self.starts, self.bases, self.n))


def normalise(text: str) -> Normalised:
    """NFKC, one kind of quote and dash, invisible characters dropped, runs of whitespace as one space."""
    f = _Folder()
    pos = 0
    for m in _ASCII_RUN.finditer(text):
        start, end = m.span()
        if start > pos:
            f.chars(text, pos, start)
        run = m.group()
        core = run.strip(" ")
        if "  " in core:
            f.chars(text, start, end)
        elif not core:  # spaces only
            if not f.space:
                f.emit(" ", start)
                f.space = True
        else:
            lead = len(run) - len(run.lstrip(" "))
            if lead and not f.space:
                f.emit(" ", start)
            f.emit(core, start + lead)
            if len(core) + lead < len(run):
                f.emit(" ", start + lead + len(core))
                f.space = True
            else:
                f.space = False
        pos = end
    if pos < len(text):
        f.chars(text, pos, len(text))
    return f.result()


_PLAIN_TEXT = re.compile(r"[!-_a-~]+(?: [!-_a-~]+)*")


def normalise_text(text: str) -> str:
    """normalise(text).text, at once for plain ASCII text with single spaces (which it leaves as it is)."""
    return text if _PLAIN_TEXT.fullmatch(text) else normalise(text).text


def split_ellipses(quote: str) -> list[str]:
    """re.split(ELLIPSIS_REFERENCE, quote), in linear time: the parts between the marks, without the
    whitespace that touches a mark."""
    parts = _ELLIPSIS_MARK.split(quote)
    last = len(parts) - 1
    for i in range(len(parts)):
        if i > 0:
            parts[i] = parts[i].lstrip()
        if i < last:
            parts[i] = parts[i].rstrip()
    return parts


def quote_segments(quote: str) -> list[str]:
    """The verbatim pieces of a quote: split at '...' omissions, editorial [insertions] removed."""
    pieces = []
    for part in split_ellipses(quote):
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
    """An article's text, normalised once (and only if a quote is not found as it stands) for many quotes."""

    def __init__(self, text: str):
        self.raw = text

    @cached_property
    def norm(self) -> Normalised:
        return normalise(self.raw)

    def finds(self, quote: str) -> bool:
        """Whether ground(quote) would find it; cheaper, for the many quotes that are found."""
        if quote and quote in self.raw:
            return True
        pieces = quote_segments(quote)
        if not pieces:
            return False
        # Pieces found as they stand, in order, are found normalised too (folding is per character):
        # a quote with an omission whose pieces are verbatim needs no normalised article.
        raw, pos = self.raw, 0
        for piece in pieces:
            at = raw.find(piece, pos)
            if at < 0:
                break
            pos = at + len(piece)
        else:
            return True
        segments = [normalise_text(s) for s in pieces]
        text, pos = self.norm.text, 0
        for seg in segments:
            at = text.find(seg, pos)
            if at < 0:
                return False
            pos = at + len(seg)
        return True

    def ground(self, quote: str) -> Grounding:
        start = self.raw.find(quote) if quote else -1
        if start >= 0:
            return Grounding(True, "exact", start, start + len(quote))
        segments = [normalise_text(s) for s in quote_segments(quote)]
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
        if len(segment) <= PROPOSE_WINDOW:
            al = fuzz.partial_ratio_alignment(segment, hay, processor=str.casefold)
            if al is None or al.score == 0:
                return Grounding(False, "")
            s, e, score = al.dest_start, al.dest_end, al.score
        else:  # a long segment: its start, middle and end aligned, the best placed as the whole would be
            best = None
            for at in (0, (len(segment) - PROPOSE_WINDOW) // 2, len(segment) - PROPOSE_WINDOW):
                al = fuzz.partial_ratio_alignment(segment[at:at + PROPOSE_WINDOW], hay, processor=str.casefold)
                if al is not None and al.score > 0 and (best is None or al.score > best[0].score):
                    best = (al, at)
            if best is None:
                return Grounding(False, "")
            al, at = best
            s = max(0, al.dest_start - at)
            e = min(len(hay), s + len(segment))
            score = al.score
        # Widen to whole words so the curator sees readable text.
        while s > 0 and hay[s - 1].isalnum():
            s -= 1
        while e < len(hay) and hay[e].isalnum():
            e += 1
        passage = hay[s:e]
        differs = critical_differences(segment, passage)
        return Grounding(False, "", closest=passage, similarity=score / 100, differs=differs)


def critical_differences(quote: str, passage: str) -> tuple[str, ...]:
    """Digits, negations and capitalised names in one text and not the other: never a mere typo."""
    qa = _CRITICAL.findall(quote)
    pa = _CRITICAL.findall(passage)
    missing = [t for t in qa if t not in pa]
    extra = [t for t in pa if t not in qa]
    return tuple([f"-{t}" for t in missing] + [f"+{t}" for t in extra])
