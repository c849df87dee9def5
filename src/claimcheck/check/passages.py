"""Shared passages: the sentences an article shares near-verbatim with the sources' own articles.

An article that copies a source's wording is not independent corroboration of it. Every source
sentence of six words or more is folded (values.fold) and cut into five-word shingles; an article
sentence's candidates are the source sentences sharing enough of its shingles, and a candidate
counts when the rapidfuzz ratio of the folded texts is at least SHARED_SIMILARITY (or, for
sentences of ten words or more, the partial ratio: a sentence copied in part is still copied).

Splitting and folding every source text is most of the cost (seconds at 5,000 articles), and it
depends only on those texts: claimcheck.speed.passage_store keeps the index on disk for large sets.
Identical sentences (wire copy, boilerplate) are indexed once with all their sources, so a check
costs what the article's own sentences find, not the size of the claim set.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from claimcheck.claimset.reading import decode
from claimcheck.errors import UnreadableInput
from claimcheck.model import Source

#: Near-verbatim: sentences at least this similar (rapidfuzz ratio of folded text, 0..1) are shared.
SHARED_SIMILARITY = 0.85
MIN_WORDS = 6  # shorter sentences ("Talks resumed on Monday.") are shared by chance
PARTIAL_WORDS = 10  # from this length a sentence copied in part counts (partial_ratio)
_SHINGLE = 5
#: Candidates scored per article sentence: those sharing the most shingles, ties with the last included.
_CANDIDATES = 5
_MAX_TIED = 64
#: Sets with at least this many source texts keep their index on disk (smaller ones build in milliseconds).
_MASK = (1 << 64) - 1


@dataclass(frozen=True)
class SharedPassage:
    """Text the article shares near-verbatim with a source's article: not independent corroboration."""

    source: str
    similarity: float
    article_text: str
    source_text: str
    start: int
    end: int


def _words(text: str) -> list[str]:
    from claimcheck.values import fold

    return fold(text).split()


def _shingle_keys(ids: Sequence[int | None]) -> list[int | None]:
    """One stable 64-bit key per five-word shingle (fewer words: one for them all); None if a word is unknown.

    Tuples of ints hash the same in every process of one Python version (unlike str), and the
    index's key includes the version.
    """
    if len(ids) < _SHINGLE:
        spans = [tuple(ids)]
    else:
        spans = [tuple(ids[i:i + _SHINGLE]) for i in range(len(ids) - _SHINGLE + 1)]
    return [None if None in sp else hash(sp) & _MASK for sp in spans]


class PassageIndex:
    """Distinct folded source sentences, their shingles and where each occurs (source, text as written).

    Plain arrays, so the index is written and read back as bytes; `shared` looks shingles up by
    bisection and touches only what the article's sentences hit.
    """

    def __init__(self, sources: list[str], vocabulary: list[str], keys: array, post_start: array, post: array,
                 folded: str, folded_start: array, occ_start: array, occ_source: array, occ_text: array,
                 texts: str, text_start: array):
        self.sources = sources  # source ids, in claim-set order
        self.vocabulary = vocabulary
        self.word_id = {w: i for i, w in enumerate(vocabulary)}
        self.keys, self.post_start, self.post = keys, post_start, post  # sorted shingle keys -> distinct sentences
        self.folded, self.folded_start = folded, folded_start  # distinct sentence -> its folded words, joined
        self.occ_start, self.occ_source, self.occ_text = occ_start, occ_source, occ_text  # -> (source, text) pairs
        self.texts, self.text_start = texts, text_start  # sentences as written, each once
        self._held: dict[int, frozenset[int]] = {}

    # ----------------------------------------------------------------- building

    @classmethod
    def build(cls, texts: Mapping[str, str]) -> "PassageIndex":
        """Index every sentence of MIN_WORDS words or more of each source's text."""
        from claimcheck.check.sentences import split_sentences

        word_id: dict[str, int] = {}
        distinct: dict[str, int] = {}  # folded sentence -> its number
        folded_of: dict[str, str] = {}  # sentence as written -> folded (wire copy repeats sentences)
        text_id: dict[str, int] = {}
        occurrences: list[list[int]] = []  # per distinct sentence: source, text, source, text, ...
        postings: dict[int, list[int]] = defaultdict(list)
        sources = list(texts)
        for si, sid in enumerate(sources):
            for s in split_sentences(texts[sid]):
                folded = folded_of.get(s.text)
                if folded is None:
                    folded = folded_of[s.text] = " ".join(_words(s.text))
                if folded.count(" ") + 1 < MIN_WORDS:
                    continue
                d = distinct.get(folded)
                if d is None:
                    d = distinct[folded] = len(occurrences)
                    occurrences.append([])
                    ids = [word_id.setdefault(w, len(word_id)) for w in folded.split(" ")]
                    for k in set(_shingle_keys(ids)):
                        postings[k].append(d)
                t = text_id.get(s.text)
                if t is None:
                    t = text_id[s.text] = len(text_id)
                occurrences[d] += (si, t)
        keys = sorted(postings)
        post_start, post = array("I", [0]), array("I")
        for k in keys:
            post.extend(postings[k])
            post_start.append(len(post))
        folded_list = list(distinct)
        occ_start, occ_source, occ_text = array("I", [0]), array("I"), array("I")
        for occ in occurrences:
            occ_source.extend(occ[0::2])
            occ_text.extend(occ[1::2])
            occ_start.append(len(occ_source))
        text_list = list(text_id)
        return cls(sources, list(word_id), array("Q", keys), post_start, post,
                   "".join(folded_list), _starts(folded_list), occ_start, occ_source, occ_text,
                   "".join(text_list), _starts(text_list))

    # ----------------------------------------------------------------- querying

    def _folded(self, d: int) -> str:
        return self.folded[self.folded_start[d]:self.folded_start[d + 1]]

    def _text(self, t: int) -> str:
        return self.texts[self.text_start[t]:self.text_start[t + 1]]

    def _sources(self, d: int) -> array:
        """The sources holding distinct sentence d, in claim-set order (a source may repeat)."""
        return self.occ_source[self.occ_start[d]:self.occ_start[d + 1]]

    def _holders(self, d: int) -> frozenset[int]:
        """The sources holding distinct sentence d, as a set (kept: articles on one story copy the same sentences)."""
        found = self._held.get(d)
        if found is None:
            if len(self._held) >= 65536:
                self._held.clear()
            found = self._held[d] = frozenset(self._sources(d))
        return found

    def _postings(self, key: int) -> Sequence[int]:
        i = bisect_left(self.keys, key)
        if i == len(self.keys) or self.keys[i] != key:
            return ()
        return self.post[self.post_start[i]:self.post_start[i + 1]]

    def shared(self, text: str, exclude: Iterable[str] = ()) -> list[SharedPassage]:
        """Runs of the article's sentences that are near-copies of one source's sentences.

        Where several sources hold an equally similar sentence, adjacent copied sentences are given
        to one source as long as one holds them all (a copied paragraph is one passage), the first
        such source in claim-set order.
        """
        from rapidfuzz import fuzz

        from claimcheck.check.sentences import split_sentences

        excluded = set(exclude)
        drop = {i for i, sid in enumerate(self.sources) if sid in excluded} if excluded else set()
        if not self.occ_source or len(drop) == len(self.sources):
            return []
        matches = []  # (sentence, similarity, the most similar distinct source sentences, the sources holding them)
        for s in split_sentences(text):
            words = _words(s.text)
            if len(words) < MIN_WORDS:
                continue
            keys = _shingle_keys([self.word_id.get(w) for w in words])
            hits: dict[int, int] = defaultdict(int)
            for k in keys:
                if k is not None:
                    for d in self._postings(k):
                        hits[d] += 1
            need = max(1, len(keys) // 4)
            ranked = sorted((d for d, n in hits.items() if n >= need), key=lambda d: (-hits[d], d))
            candidates: list[int] = []
            for d in ranked:
                if len(candidates) >= _CANDIDATES and (hits[d] < hits[candidates[-1]] or len(candidates) >= _MAX_TIED):
                    break
                if not drop or not drop.issuperset(self._sources(d)):
                    candidates.append(d)
            a = " ".join(words)
            best: tuple[tuple[float, float], list[int]] | None = None  # ((similarity, whole-sentence ratio), sentences)
            for d in candidates:
                b = self._folded(d)
                ratio = fuzz.ratio(a, b) / 100
                score = ratio
                if min(len(words), b.count(" ") + 1) >= PARTIAL_WORDS:
                    score = max(score, fuzz.partial_ratio(a, b) / 100)
                if score < SHARED_SIMILARITY:
                    continue
                # of equally similar sentences, the one closest as a whole (the same heading rather
                # than a longer sentence that contains it)
                if best is None or (score, ratio) > best[0]:
                    best = ((score, ratio), [d])
                elif (score, ratio) == best[0]:
                    best[1].append(d)
            if best is not None:
                holders = self._holders(best[1][0]) if len(best[1]) == 1 else frozenset().union(*map(self._holders, best[1]))
                if drop:
                    holders = holders - drop
                matches.append((s, best[0][0], best[1], holders))
        return _runs(text, self._assign(text, matches), self.sources)

    def _assign(self, text: str, matches: list) -> list[tuple]:
        """One source per matched sentence: the longest runs of adjacent sentences one source holds."""
        out = []
        i = 0
        while i < len(matches):
            common = matches[i][3]
            j = i + 1
            while j < len(matches) and _adjacent(text, matches[j - 1][0].end, matches[j][0].start):
                both = common & matches[j][3]
                if not both:
                    break
                common = both
                j += 1
            src = min(common)
            for s, score, tied, _ in matches[i:j]:
                out.append((s, src, score, self._text(self._occurrence(tied, src))))
            i = j
        return out

    def _occurrence(self, tied: list[int], src: int) -> int:
        """The sentence as `src` writes it: of the first of the tied distinct sentences it holds."""
        for d in tied:
            lo, hi = self.occ_start[d], self.occ_start[d + 1]
            i = bisect_left(self.occ_source, src, lo, hi)
            if i < hi and self.occ_source[i] == src:
                return self.occ_text[i]
        raise AssertionError("a source chosen for a sentence it does not hold")


def _runs(text: str, matches: list, sources: list[str]) -> list[SharedPassage]:
    """Adjacent matched sentences of one source as one passage, with their mean similarity."""
    passages: list[SharedPassage] = []
    run: list = []

    def flush():
        if run:
            start, end = run[0][0].start, run[-1][0].end
            sim = round(sum(m[2] for m in run) / len(run), 3)
            passages.append(SharedPassage(sources[run[0][1]], sim, text[start:end], " ".join(m[3] for m in run), start, end))

    for m in matches:
        if run and run[-1][1] == m[1] and _adjacent(text, run[-1][0].end, m[0].start):
            run.append(m)
        else:
            flush()
            run = [m]
    flush()
    return passages


def _adjacent(text: str, end: int, start: int) -> bool:
    return not text[end:start].strip()


def _starts(parts: list[str]) -> array:
    out = array("I", [0])
    n = 0
    for p in parts:
        n += len(p)
        out.append(n)
    return out


# --------------------------------------------------------------------------- the sources' texts, and the index on disk


def source_texts(sources: Mapping[str, Source], max_bytes: int | None) -> dict[str, bytes]:
    """Each source's article as bytes, in claim-set order; unreadable ones (missing, a folder, over the
    size cap) are left out, as reading.read_bytes would refuse them (validation reports them)."""
    from claimcheck.claimset.reading import DEFAULT_MAX_BYTES

    from claimcheck.claimset.files import read_capped

    cap = max_bytes or DEFAULT_MAX_BYTES
    out = {}
    for sid, src in sources.items():
        if src.text_path:
            # files.read_capped, not reading.read_bytes: thousands of files are read on every check, to know
            # the texts unchanged, and one that is not there is left out, not an error
            try:
                out[sid] = read_capped(src.text_path, cap)[0]
            except OSError:  # missing, a folder, a FIFO or device, unreadable, or over the cap
                continue
    return out


def _decode(data: bytes) -> str | None:
    """The text as claimset.reading.decode gives it (UTF-8, a byte-order mark dropped), or None where it refuses it."""
    try:
        return decode(Path(), data, "article")
    except UnreadableInput:
        return None


def build_index(sources: Mapping[str, Source], max_bytes: int | None = None) -> PassageIndex:
    """The index over every source's text, built here (claimcheck.speed.passage_store keeps one on disk)."""
    texts = {sid: t for sid, t in ((sid, _decode(b)) for sid, b in source_texts(sources, max_bytes).items()) if t is not None}
    return PassageIndex.build(texts)
