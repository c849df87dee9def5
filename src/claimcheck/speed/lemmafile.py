"""simplemma's English dictionary kept in the cache folder, looked up in place instead of decoded each run.

simplemma ships its dictionaries compressed and front-coded: decoding the English one (181,000
words) takes 0.15-0.25 s, most of what a `check` of one article against a small claim set costs,
to look up the thousand or so words that check asks about. Kept here once as its words and lemmas
sorted, end to end, with their offsets (one cache file: cachefile.py's header, digests and
ownership checks), a lookup is a binary search over bytes and nothing is decoded ahead. The data
and the strategies that use it are simplemma's own (check.learn.use_dictionary), so the lemmas are
the same; a file of another simplemma version, or one that fails its digests, is never read.
"""

from __future__ import annotations

import hashlib
import sys
from array import array
from collections.abc import Iterator, Mapping
from pathlib import Path

from claimcheck.speed import cachefile

KIND = "lemmas"
FORMAT = "lemmas-sorted-1"
LANGS = frozenset({"en"})  # the languages check reads; any other is simplemma's own


def name(lang: str) -> str:
    import simplemma

    return hashlib.blake2b(f"{FORMAT} {simplemma.__version__} {lang}".encode(), digest_size=16).hexdigest() + "." + KIND


class SortedLemmas(Mapping):
    """words -> lemmas as two byte strings in word order, each with its offsets (n + 1 of them)."""

    __slots__ = ("_words", "_word_at", "_lemmas", "_lemma_at", "_n")

    def __init__(self, words: bytes, word_at: array, lemmas: bytes, lemma_at: array):
        self._words, self._word_at, self._lemmas, self._lemma_at = words, word_at, lemmas, lemma_at
        self._n = len(word_at) - 1

    def get(self, key, default=None):
        try:
            k = key.encode("utf-8")
        except (AttributeError, UnicodeError):
            return default
        words, at = self._words, self._word_at
        lo, hi = 0, self._n
        while lo < hi:
            mid = (lo + hi) // 2
            probe = words[at[mid]:at[mid + 1]]
            if probe < k:
                lo = mid + 1
            elif probe > k:
                hi = mid
            else:
                return self._lemmas[self._lemma_at[mid]:self._lemma_at[mid + 1]].decode("utf-8")
        return default

    def __getitem__(self, key):
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def __contains__(self, key) -> bool:
        return self.get(key) is not None

    def __iter__(self) -> Iterator[str]:
        at = self._word_at
        for i in range(self._n):
            yield self._words[at[i]:at[i + 1]].decode("utf-8")

    def __len__(self) -> int:
        return self._n


def _packed(mapping: Mapping[str, str]) -> list[bytes]:
    """The sections of a lemmas file: words, their offsets, lemmas, their offsets (UTF-8 byte order
    is code point order, so the bytes sort as the words do)."""
    pairs = sorted((k.encode("utf-8"), v.encode("utf-8")) for k, v in mapping.items())
    word_at, lemma_at = array("I", [0]), array("I", [0])
    for k, v in pairs:
        word_at.append(word_at[-1] + len(k))
        lemma_at.append(lemma_at[-1] + len(v))
    return [b"".join(k for k, _ in pairs), word_at.tobytes(), b"".join(v for _, v in pairs), lemma_at.tobytes()]


def read(folder: Path, lang: str) -> SortedLemmas | None:
    """The dictionary kept in `folder`, or None (none there, another version or byte order, or damaged)."""
    opened = cachefile.open_file(folder, name(lang), KIND, FORMAT)
    if opened is None:
        return None
    try:
        h = opened.header
        if h.get("lang") != lang or h.get("byteorder") != sys.byteorder or len(opened.places) != 4:
            return None
        words, word_at, lemmas, lemma_at = (opened.section(i) for i in range(4))
        offsets = []
        for data, blob in ((word_at, words), (lemma_at, lemmas)):
            a = array("I")
            if len(data) % a.itemsize:
                return None
            a.frombytes(data)
            if not a or a[0] != 0 or a[-1] != len(blob):
                return None
            offsets.append(a)
        if len(offsets[0]) != len(offsets[1]):
            return None
        return SortedLemmas(words, offsets[0], lemmas, offsets[1])
    except (ValueError, OSError):
        return None
    finally:
        opened.close()


def write(folder: Path, lang: str, mapping: Mapping[str, str]) -> bool:
    """Keep `mapping` (simplemma's dictionary for `lang`) in the folder; False if it could not be."""
    try:
        sections = _packed(mapping)
    except (UnicodeError, OverflowError):  # a word not in UTF-8, or a dictionary past 4 GB: not kept
        return False
    kept = name(lang)
    if not cachefile.write(folder, kept, KIND, {"format": FORMAT, "lang": lang, "byteorder": sys.byteorder}, sections):
        return False
    cachefile.prune(folder, KIND, kept, len(LANGS))  # another simplemma version's file is no use
    return True


class CachedDictionaries:
    """A simplemma DictionaryFactory: English from the cache folder (written there on first use), any
    other language simplemma's own."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._found: dict[str, Mapping[str, str]] = {}

    def get_dictionary(self, lang: str) -> Mapping[str, str]:
        found = self._found.get(lang)
        if found is None:
            found = self._found[lang] = self._load(lang)
        return found

    def _load(self, lang: str) -> Mapping[str, str]:
        from simplemma.strategies.dictionaries.dictionary_factory import DEFAULT_DICTIONARY_FACTORY

        if lang not in LANGS:
            return DEFAULT_DICTIONARY_FACTORY.get_dictionary(lang)
        kept = read(self.folder, lang)
        if kept is not None:
            return kept
        shipped = DEFAULT_DICTIONARY_FACTORY.get_dictionary(lang)
        write(self.folder, lang, shipped)
        return shipped


def install() -> None:
    """check.learn's lemmas through the cache folder, when there is one (cache.cache_dir)."""
    from claimcheck.check import learn
    from claimcheck.speed.cache import cache_dir

    folder = cache_dir()
    if folder is not None:
        learn.use_dictionary(CachedDictionaries(folder))
