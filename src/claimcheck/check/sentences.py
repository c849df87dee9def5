"""Splitting an article into sentences and clauses with character offsets, so every finding can point at its words."""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Same-length folding: one kind of quote, dash and space, so patterns stay simple and offsets stay true.
_FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ",
})

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "maj", "adm", "brig", "cmdr", "gov",
    "sen", "rep", "st", "jr", "sr", "vs", "etc", "no", "inc", "ltd", "co", "corp", "dept", "est", "approx",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "fig", "vol",
}
#: Lines that link elsewhere or sell something: never part of the article's own account.
_BOILERPLATE = re.compile(
    r"^\s*(also read|read more|read also|related( articles?| stories)?|see also|recommended|advertisement|"
    r"sponsored|share (this|on)|follow us|subscribe|sign up|click here|watch|listen)\b\s*[:|\-]?",
    re.I)
#: Where clauses break: commas (not a thousands separator, "1,644"), colons, brackets, em dashes, and spaced
#: or doubled hyphens (not "seven-member"). The breaks are what CLAUSE_BREAK_REFERENCE finds, found by their
#: marks and widened over the spaces beside them (clause_breaks): the pattern itself backtracks over every
#: run of spaces that ends in no mark, quadratic time on untrusted text.
CLAUSE_BREAK_REFERENCE = r"\s*(?:[;:()\[\]\u2014\u2015]|(?<!\d),|,(?!\d))\s*|\s+[-\u2013]\s+|\s*--\s*"
_CLAUSE_MARK = re.compile(r"[,;:()\[\]\u2014\u2015]|--|[-\u2013]")


def clause_breaks(sentence: str) -> list[tuple[int, int]]:
    """The spans re.finditer(CLAUSE_BREAK_REFERENCE, sentence) gives, in linear time."""
    out = []
    end = 0  # where the last break ended: the next one starts no earlier
    n = len(sentence)
    for m in _CLAUSE_MARK.finditer(sentence):
        a, b = m.span()
        if a < end:
            continue
        if sentence[a] == "," and 0 < a < n - 1 and sentence[a - 1].isdecimal() and sentence[a + 1].isdecimal():
            continue  # "1,644": one number
        start = a
        while start > end and sentence[start - 1].isspace():
            start -= 1
        stop = b
        while stop < n and sentence[stop].isspace():
            stop += 1
        if b - a == 1 and sentence[a] in "-\u2013" and (start == a or stop == b):
            continue  # a hyphen or en dash breaks only with spaces on both sides
        out.append((start, stop))
        end = stop
    return out


_FOLD_PAIRS = tuple((chr(k), v) for k, v in _FOLD.items())


def fold(text: str) -> str:
    """`text` with curly quotes, dashes and odd spaces made plain; same length, so offsets carry over."""
    if text.isascii():
        return text.replace("`", "'")
    # str.translate goes character by character outside ASCII; a few replaces of the characters present are faster
    for ch, plain in _FOLD_PAIRS:
        if ch in text:
            text = text.replace(ch, plain)
    return text


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str  # exactly text[start:end] of the article
    heading: bool = False  # a line without closing punctuation: a headline or subhead

    @property
    def question(self) -> bool:
        return self.text.rstrip(" \"'\u201d\u2019)").endswith("?")


_CLOSES_SENTENCE = frozenset(".!?:;,\"')")


def split_sentences(text: str) -> list[Sentence]:
    """Sentences in reading order; a line break always ends one. Boilerplate lines are left out.

    Quotes are kept whole: a full stop inside “...” does not end the sentence when the quote
    closes on the same line, so a quoted passage and its attribution stay together.
    """
    out: list[Sentence] = []
    folded = fold(text)
    pos = 0
    for line in folded.split("\n"):
        line_start = pos
        pos += len(line) + 1
        if not line.strip() or _BOILERPLATE.match(line):
            continue
        for s, e in _split_line(line):
            seg = text[line_start + s:line_start + e]
            stripped = line[s:e].rstrip()
            heading = stripped[-1:] not in _CLOSES_SENTENCE and len(stripped.split()) <= 25
            out.append(Sentence(line_start + s, line_start + e, seg, heading))
    return out


#: The only characters _split_line acts on; it jumps from one to the next.
_MARKS = re.compile(r'[".!?\u2026]')
_CLOSING = frozenset(".!?\u2026\"')]")


def _split_line(line: str) -> list[tuple[int, int]]:
    quotes_balanced = line.count('"') % 2 == 0
    spans = []
    start = len(line) - len(line.lstrip())
    in_quote = False
    n = len(line)
    find = _MARKS.search
    m = find(line, start)
    while m is not None:
        i = m.start()
        ch = line[i]
        if ch == '"':
            if quotes_balanced:
                in_quote = not in_quote
        elif not in_quote:
            j = i + 1
            while j < n and line[j] in _CLOSING:
                if line[j] == '"' and quotes_balanced:
                    in_quote = not in_quote
                j += 1
            if _ends_sentence(line, i, j):
                spans.append((start, j))
                k = j
                while k < n and line[k].isspace():
                    k += 1
                start = k
                m = find(line, k)
                continue
            m = find(line, j)
            continue
        m = find(line, i + 1)
    if start < n and line[start:].strip():
        spans.append((start, len(line.rstrip())))
    return [(s, e) for s, e in spans if line[s:e].strip()]


_INITIALS = re.compile(r"(\w\.)*\w")


def _word_before(line: str, i: int) -> str:
    r"""The run of word characters and dots just before i, from its first word character
    (what re.search(r"(\w[\w.]*)$", line[:i]) finds, without searching the whole line)."""
    p = i
    while p > 0:
        ch = line[p - 1]
        if ch == "." or ch == "_" or ch.isalnum():
            p -= 1
        else:
            break
    return line[p:i].lstrip(".")


#: A time zone written in words after "a.m."/"p.m.": "Eastern", "Pacific", "Rome time", "local time".
_ZONE_WORDS = re.compile(r"\s+(?:(?:Eastern|Central|Pacific|Mountain|Atlantic)\b(?!\s+[A-Z])|[A-Z][a-z]+\s+[Tt]ime\b)")


def _ends_sentence(line: str, i: int, j: int) -> bool:
    """Does the punctuation at i (closing marks up to j) end a sentence?"""
    rest = line[j:]
    if not rest.strip():
        return True
    word = _word_before(line, i)
    if line[i] == ".":
        if word.casefold() in _ABBREVIATIONS or _INITIALS.fullmatch(word) and len(word.replace(".", "")) <= 2 and word[:1].isupper():
            return False  # "Dr. Khalid", "U.S. President", "M. Asif"
        if word.isdigit() and rest[:1].isdigit():
            return False  # 2.5
        if word.casefold() in ("a.m", "p.m") and (re.match(r"\s+[A-Z]{2,5}\b(?![.!?]?\s*$)", rest) or _ZONE_WORDS.match(rest)):
            return False  # "10:35 p.m. EDT, the party ...", "3:30 p.m. Eastern on": a time zone goes on with the sentence
    if rest[:1].isspace():
        nxt = rest.lstrip()[:1]
        return nxt.isupper() or nxt.isdigit() or nxt in "\"'(["
    # "warnings.Peace talks": a run-in headline, recognised by a lowercase word before and a capital after
    return line[i] == "." and len(word) >= 3 and word.islower() and rest[:1].isupper() and rest[1:2].islower()


@dataclass(frozen=True)
class Clauses:
    """A sentence cut at commas, dashes, colons and brackets; offsets relative to the sentence."""

    bounds: tuple[tuple[int, int], ...]

    def index(self, offset: int) -> int:
        for k, (s, e) in enumerate(self.bounds):
            if offset < e:
                return k
        return len(self.bounds) - 1

    parenthetical: tuple[bool, ...] = ()

    def window(self, offset: int, reach: int = 1) -> tuple[int, int]:
        """The span of the clause holding `offset` and `reach` clauses either side, asides not counted."""
        k = self.index(offset)
        lo = hi = k
        steps = 0
        while lo > 0 and steps < reach:
            lo -= 1
            steps += not self.parenthetical[lo]
        steps = 0
        while hi < len(self.bounds) - 1 and steps < reach:
            hi += 1
            steps += not self.parenthetical[hi]
        return self.bounds[lo][0], self.bounds[hi][1]

    def apart(self, a: int, b: int) -> int:
        """How many clauses apart two offsets are; asides between them ("which left dozens dead") not counted."""
        i, j = sorted((self.index(a), self.index(b)))
        return sum(1 for k in range(i + 1, j + 1) if not self.parenthetical[k] or k == j)


def clauses(sentence: str) -> Clauses:
    """The clauses of a sentence as written (before folding, which would make an em dash a hyphen)."""
    bounds = []
    opened: list[str] = []  # the marks of the break each clause opens after
    pos, mark = 0, ""
    for start, end in clause_breaks(sentence):
        if start > pos:
            bounds.append((pos, start))
            opened.append(mark)
            mark = ""
        mark += sentence[start:end]
        pos = end
    if pos < len(sentence) or not bounds:
        bounds.append((pos, len(sentence)))
        opened.append(mark)
    aside = [_aside(sentence[a:b]) for a, b in bounds]
    # What brackets or a pair of em dashes enclose is an aside: "the jewels - worth 88 million
    # euros ($102 million) - remain missing" says "the jewels remain missing".
    dashes = [k for k, m in enumerate(opened) if "\u2014" in m]
    pairs = list(zip(dashes[::2], dashes[1::2]))
    for k, m in enumerate(opened):
        if "(" in m or "[" in m:
            j = next((i for i in range(k + 1, len(bounds)) if ")" in opened[i] or "]" in opened[i]), None)
            if j is not None:
                pairs.append((k, j))
    for k, j in pairs:
        for i in range(k, j):
            aside[i] = True
    return Clauses(tuple(bounds), tuple(aside))


#: A clause that begins so is an aside inside a longer one: "The clashes, among the deadliest in years, followed ..."
_ASIDE = re.compile(r"^(which|who|whom|whose|including|among|led by|headed by|according to|citing|such as|like|a|an|"
                    r"both|once|now|then|however|reportedly|meanwhile)\b", re.I)


def _aside(text: str) -> bool:
    words = text.split()
    if _ASIDE.match(text.strip()):
        return True
    # an item of a list of names ("Chaman, Khyber, South and North Waziristan, and Kurram")
    return 0 < len(words) <= 4 and all(w[:1].isupper() or w in ("and", "or", "of") for w in words)
