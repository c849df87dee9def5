"""The shared-passage index (check/passages.py) kept in the cache folder between commands.

Building the index is most of a large check's set-up (seconds at 5,000 articles), and it depends
only on the sources' texts. So for large sets (PERSIST_MIN_SOURCES) it is kept in the user's cache
folder under a name derived from the digests of the texts and of the code that builds it: a
changed text or rule is another file, never a stale one. The file holds plain arrays and text (no
pickle), in cachefile.py's format: written atomically with mode 0600, opened once (no link
followed, no pipe waited on), read only when the current user owns it and no one else can write
it, and each part checked against its digest.
"""

from __future__ import annotations

import hashlib
import json
import sys
import unicodedata
from array import array
from pathlib import Path
from typing import Mapping

from claimcheck.check import passages
from claimcheck.check.passages import PassageIndex, _decode, source_texts
from claimcheck.claimset.files import digest
from claimcheck.model import Source
from claimcheck.speed import cachefile
from claimcheck.speed.cache import cache_dir

PERSIST_MIN_SOURCES = 100
MAX_FILES = 8  # index files kept in the cache folder, least recently used removed first
FORMAT = 3  # 2: keyed by each text's cache.digest; 3: cachefile.py's format
_KIND = "passages"
_SUFFIX = ".passages"


def cached_index(sources: Mapping[str, Source], max_bytes: int | None = None,
              digests: Mapping[str, str] | None = None) -> PassageIndex:
    """The index over every source's text: from the cache folder when it holds one for exactly these
    texts, else built (and stored, for large sets).

    `digests` (cache.digest of each text, by the source's text path) may vouch for the texts when the
    caller knows them current, as a fresh claim-set cache entry does: the index is then found
    without reading every source's text again (0.1 s at 5,000 sources).
    """
    with_text = {sid: src.text_path for sid, src in sources.items() if src.text_path}
    folder = None
    if len(with_text) >= PERSIST_MIN_SOURCES:
        folder = cache_dir()
    raw = None
    vouched = digests is not None and all(p in digests for p in with_text.values())
    if vouched:
        known = {sid: digests[p] for sid, p in with_text.items()}  # type: ignore[index]
    else:
        raw = source_texts(sources, max_bytes)
        known = {sid: _digest(data) for sid, data in raw.items()}
    key = path = None
    if folder is not None:
        key = _key(known)
        path = folder / (key[:32] + _SUFFIX)
        found = _read(path, key)
        if found is not None:
            return found
    if raw is None:
        raw = source_texts(sources, max_bytes)
    texts = {sid: t for sid, t in ((sid, _decode(b)) for sid, b in raw.items()) if t is not None}
    index = PassageIndex.build(texts)
    if path is not None and key is not None and (not vouched or {sid: _digest(b) for sid, b in raw.items()} == known):
        _write(path, key, index)  # not under the key of texts that changed since they were vouched for
    return index


def _digest(data: bytes) -> str:
    return digest(data)


_code: str | None = None


def _code_digest() -> str:
    """The code an index is built by: these rules, the sentence splitter and the folding."""
    global _code
    if _code is None:
        from claimcheck.check import sentences
        from claimcheck.values import names

        h = hashlib.blake2b(digest_size=20)
        for mod in (passages, sys.modules[__name__], sentences, names):  # names.py: the folding
            h.update(Path(mod.__file__).read_bytes())  # type: ignore[arg-type]
        _code = h.hexdigest()
    return _code


def _key(digests: Mapping[str, str]) -> str:
    """The index's key: the code that builds it and each source's id and text (by cache.digest)."""
    h = hashlib.blake2b(digest_size=32)
    h.update(repr((FORMAT, sys.version, sys.byteorder, unicodedata.unidata_version, _code_digest())).encode())
    for sid, d in digests.items():
        h.update(f"\0{sid}\0{d}".encode())
    return h.hexdigest()


_ARRAYS = ("keys", "post_start", "post", "folded_start", "occ_start", "occ_source", "occ_text", "text_start")
_STRINGS = ("folded", "texts")


def _write(path: Path, key: str, index: PassageIndex) -> None:
    """Store the index in one step (a reader never sees half of it); failing to is not an error."""
    sections = [getattr(index, name).tobytes() for name in _ARRAYS]
    sections += [getattr(index, name).encode("utf-8", "surrogatepass") for name in _STRINGS]
    sections.append(json.dumps([index.sources, index.vocabulary], ensure_ascii=False).encode("utf-8", "surrogatepass"))
    header = {"format": FORMAT, "key": key, "byteorder": sys.byteorder}
    if cachefile.write(path.parent, path.name, _KIND, header, sections):
        cachefile.prune(path.parent, _KIND, path.name, MAX_FILES)


def _read(path: Path, key: str) -> PassageIndex | None:
    """The stored index for `key`, or None: missing, not a cache file that may be read, or not intact."""
    opened = cachefile.open_file(path.parent, path.name, _KIND, FORMAT)
    if opened is None:
        return None
    try:
        if opened.header.get("key") != key or len(opened.places) != len(_ARRAYS) + len(_STRINGS) + 1:
            return None
        fields: dict = {}
        for i, name in enumerate((*_ARRAYS, *_STRINGS)):
            chunk = opened.section(i)
            if name in _ARRAYS:
                a = array("Q" if name == "keys" else "I")
                a.frombytes(chunk)
                fields[name] = a
            else:
                fields[name] = chunk.decode("utf-8", "surrogatepass")
        names = json.loads(opened.section(len(_ARRAYS) + len(_STRINGS)).decode("utf-8", "surrogatepass"))
        if type(names) is not list or len(names) != 2:
            return None
        sources, vocabulary = names
        if type(sources) is not list or type(vocabulary) is not list \
                or not all(type(x) is str for x in sources) or not all(type(x) is str for x in vocabulary):
            return None
        index = PassageIndex(sources, vocabulary, **fields)
        if not _consistent(index):
            return None
    except Exception:  # a partial, foreign or outdated file is a miss, whatever went wrong
        return None
    finally:
        opened.close()
    cachefile.touch(path.parent, path.name)  # recently used: the last to be pruned
    return index


def _consistent(ix: PassageIndex) -> bool:
    """Every number in the arrays points inside what it indexes (a file that passed its digest always does)."""
    distinct = len(ix.folded_start) - 1
    ends = ((ix.post_start, len(ix.post)), (ix.occ_start, len(ix.occ_source)),
            (ix.folded_start, len(ix.folded)), (ix.text_start, len(ix.texts)))
    return (len(ix.post_start) == len(ix.keys) + 1 and len(ix.occ_start) == distinct + 1
            and len(ix.occ_text) == len(ix.occ_source)
            and all(a[0] == 0 and a[-1] == n for a, n in ends)
            and (not ix.post or max(ix.post) < distinct)
            and (not ix.occ_source or max(ix.occ_source) < len(ix.sources))
            and (not ix.occ_text or max(ix.occ_text) < len(ix.text_start) - 1))
