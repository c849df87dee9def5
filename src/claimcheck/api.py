"""The public Python API: the core joined to the speed machinery (caches, worker processes).

The core (claimcheck.claimset, values, compare, check) is plain code a notebook, a test or a
distributed job can call; it reads no cache and forks no process. This module is where a command
gets both: a claim set read by several processes and kept in the cache folder between commands
(claimcheck.speed.cache), the companion `check` reads topic by topic (speed.topicfile), the
shared-passage index kept on disk (speed.passage_store), and many articles checked by forked
workers (speed.workers). Every function here returns what its core counterpart returns, whatever
the cache or the number of processes.

    from claimcheck import api
    claim_set = api.load_claim_set("claims", cache=True)
    topics = api.compare(claim_set)
    results = api.check_articles(["new.txt"], api.checker(api.load_check_set("claims")), max_bytes=10**7)
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Iterable, Sequence

from claimcheck.check.checkset import CheckSet
from claimcheck.claimset import load
from claimcheck.claimset.load import Validation, without_drafts  # noqa: F401 (part of the API)
from claimcheck.claimset.reading import DEFAULT_MAX_BYTES, Resolver
from claimcheck.compare import compare_claim_set as compare  # noqa: F401 (part of the API)
from claimcheck.errors import ClaimcheckError
from claimcheck.model import ClaimSet
from claimcheck.speed import cache as cachemod, pool, topicfile

#: Smaller claim sets load faster than a cache entry is checked and read back: `cache` is ignored.
CACHE_MIN_FILES = 100


def load_claim_set(claims_dir: str | Path = "claims", codebook: str | Path | None = None, *,
                   max_bytes: int = DEFAULT_MAX_BYTES, allow_outside: bool = False,
                   ground_quotes: bool = True, workers: int | None = None,
                   cache: bool | str | Path = False, allow_empty: bool = False) -> ClaimSet:
    """claimset.load.load_claim_set (the same claims, the same problems), and:
    `workers`: processes reading files (None: one per core for large sets, on Linux; 1: this one only).
    `cache`: True (the user's cache folder, see speed/cache.py) or a folder: reuse the claim set a
    previous successful load stored there if none of its inputs changed, and store this one (for sets
    of at least CACHE_MIN_FILES files).
    """
    _remember(None, None)  # until this load says which entry it came from
    claims_dir, files, cb_path, entry = _prepare(claims_dir, codebook, cache, (max_bytes, allow_outside, ground_quotes))
    if entry is not None:
        hit = entry.load(_articles_unchanged)
        if hit is not None:
            _remember(entry, hit[0]["id"])
            return hit[1]
    loader = _read(claims_dir, files, cb_path, max_bytes, allow_outside, ground_quotes, workers, entry, lint=False,
                   allow_empty=allow_empty, named_codebook=codebook is not None)
    if entry is not None and entry.stored_id is not None:
        _remember(entry, entry.stored_id)
    with pool.gc_paused():
        return load.claim_set_of(loader, claims_dir)


#: The cache entry the last load_claim_set of this process was read from or stored as (folder,
#: name, id): what a command's rendered output is stored beside (cache.write_output).
last_entry: tuple[Path, str, str] | None = None


def _remember(entry, entry_id: object) -> None:
    global last_entry
    last_entry = (entry.folder, entry.name, entry_id) if isinstance(entry_id, str) else None


def cached_output(claims_dir: str | Path, codebook: str | Path | None, key: str, *,
                  max_bytes: int = DEFAULT_MAX_BYTES, allow_outside: bool = False) -> tuple[dict, bytes] | None:
    """What a command printed before for this claim set and these options (`key`), if no input has
    changed since (the cache entry is fresh: every check load_claim_set makes) and it is stored;
    else None. The claims themselves are not read back."""
    try:
        _, _, _, entry = _prepare(claims_dir, codebook, True, (max_bytes, allow_outside, True))
    except ClaimcheckError:
        return None  # the load that follows says what is wrong
    if entry is None:
        return None
    hit = entry.load(_articles_unchanged, body=False)
    if hit is None:
        return None
    return cachemod.read_output(entry.folder, entry.name, hit[0]["id"], key)


def load_check_set(claims_dir: str | Path = "claims", codebook: str | Path | None = None, *,
                   max_bytes: int = DEFAULT_MAX_BYTES, allow_outside: bool = False,
                   workers: int | None = None, cache: bool | str | Path = False,
                   allow_empty: bool = False) -> CheckSet:
    """load_claim_set's claim set (the same checks, problems and cache entry) as `check` reads it,
    topic by topic (checkset.py): from the entry's companion when it has one, else stored there."""
    args = (claims_dir, codebook)
    kwargs = dict(max_bytes=max_bytes, allow_outside=allow_outside, workers=workers, cache=cache,
                  allow_empty=allow_empty)
    claims_dir, files, cb_path, entry = _prepare(claims_dir, codebook, cache, (max_bytes, allow_outside, True))
    if entry is None:
        return CheckSet.of(load_claim_set(*args, **kwargs))
    found = None

    def whole() -> ClaimSet:  # for a damaged companion, or a check that sets sources aside
        return load_claim_set(*args, **kwargs)

    def need_claims(header: dict) -> bool:
        nonlocal found
        found = topicfile.read(entry.path, header.get("id"), whole, _digests(header["articles"]))
        return found is None

    hit = entry.load(_articles_unchanged, body=need_claims)
    if found is not None:
        return found
    if hit is not None:
        claim_set, entry_id, articles = hit[1], hit[0].get("id"), hit[0]["articles"]
    else:
        loader = _read(claims_dir, files, cb_path, max_bytes, allow_outside, True, workers, entry, lint=False,
                       named_codebook=codebook is not None)
        with pool.gc_paused():
            claim_set = load.claim_set_of(loader, claims_dir)
        entry_id, articles = entry.stored_id, loader.articles
    cs = CheckSet.of(claim_set, _digests(articles))
    if isinstance(entry_id, str):
        with pool.gc_paused():
            topicfile.write(entry.path, entry_id, cs)
    return cs


def validate_claim_set(claims_dir: str | Path = "claims", codebook: str | Path | None = None, *,
                       max_bytes: int = DEFAULT_MAX_BYTES, allow_outside: bool = False,
                       workers: int | None = None, cache: bool | str | Path = False) -> Validation:
    """load_claim_set's checks and lint's warnings, for `validate`: the same problems raised as
    ValidationFailed, but the claims are never gathered in this process, and a cached set is not read back."""
    options = (max_bytes, allow_outside, True)
    claims_dir, files, cb_path, entry = _prepare(claims_dir, codebook, cache, options)
    if entry is not None:
        # the claims are read back only from an entry stored by a command that did not lint
        hit = entry.load(_articles_unchanged, body=lambda header: header.get("warnings") is None)
        if hit is not None and hit[1] is None:
            h = hit[0]
            return load.Validation(h["claims"], h["sources"], h["topics"], tuple(h["warnings"]), h.get("drafts", 0))
        if hit is not None:
            from claimcheck.claimset.lint import lint

            cs = hit[1]
            return load.Validation(len(cs.claims), len(cs.sources), len({c.topic for c in cs.claims}), tuple(lint(cs)),
                              sum(s.status == "draft" for s in cs.sources.values()))
    loader = _read(claims_dir, files, cb_path, max_bytes, allow_outside, True, workers, entry, lint=True,
                   named_codebook=codebook is not None)
    return load.validation_of(loader)


def _prepare(claims_dir: str | Path, codebook: str | Path | None, cache: bool | str | Path, options: tuple):
    claims_dir = Path(claims_dir)
    files = load.claim_files(claims_dir)
    cb_path = load.codebook_path(claims_dir, codebook)
    use_cache = cache and len(files) >= CACHE_MIN_FILES
    entry = _cache_entry(cache, claims_dir, cb_path, files, options) if use_cache else None
    return claims_dir, files, cb_path, entry


def _read(claims_dir: Path, files: list[Path], cb_path: Path, max_bytes: int, allow_outside: bool,
          ground_quotes: bool, workers: int | None, entry, lint: bool, allow_empty: bool = False,
          named_codebook: bool = False):
    """load.read_set with worker processes, and the set stored in the cache entry (if any)."""
    with pool.gc_paused():
        loader = load.read_set(claims_dir, files, cb_path, max_bytes=max_bytes, allow_outside=allow_outside,
                               ground_quotes=ground_quotes, record=entry is not None, lint=lint,
                               allow_empty=allow_empty, named_codebook=named_codebook,
                               file_results=pool.file_results(workers))
    if entry is not None:
        header = {"claims": len(loader.claim_ids), "sources": len(loader.sources), "topics": len(loader.topics),
                  "warnings": loader.warnings if lint else None,
                  "drafts": sum(s.status == "draft" for s in loader.sources.values())}
        with pool.gc_paused():
            entry.store(header, (loader.files.codebook, loader.sources, str(claims_dir)), loader.parts,
                        loader.articles, loader.reads)
    return loader


def _cache_entry(cache: bool | str | Path, claims_dir: Path, codebook: Path, files: list[Path], options: tuple):
    folder = cachemod.cache_dir() if cache is True else Path(cache)
    if folder is None:
        return None
    try:
        return cachemod.Entry(folder, claims_dir, codebook, files, options)
    except Exception:  # an unreadable input: no cache, and the load reports it
        return None


def _digests(articles: list[tuple]) -> dict[str, str]:
    """Each article's digest by the path its claim file gives (cache.ArticleDigest)."""
    return {target: d for target, _, d, _ in articles}


def _articles_unchanged(articles: list[tuple], cap: int = DEFAULT_MAX_BYTES) -> bool:
    """Whether every article a cached claim set read still resolves to the same place and holds the same bytes.

    Paths are the strings load stored (str of a Path); an article that is no link, in a folder already
    resolved, takes one lstat, which is also its signature (cache.py)."""
    resolve = Resolver()
    folders: dict[str, str] = {}
    for target, resolved, expected, sig in articles:
        folder, name = os.path.split(target)
        try:
            st = os.lstat(target)
        except OSError:
            st = None
        if st is None or stat.S_ISLNK(st.st_mode) or not folder or name in (".", ".."):
            if str(resolve(Path(target))) != resolved or not cachemod.unchanged(target, sig, expected, cap):
                return False
            continue
        real = folders.get(folder)
        if real is None:
            real = folders[folder] = str(resolve(Path(target)).parent)
        if os.path.join(real, name) != resolved:
            return False
        if (sig is None or cachemod.signature(st) != sig) and not cachemod.unchanged(target, None, expected, cap):
            return False
    return True


def checker(claims: ClaimSet | CheckSet, exclude: Iterable[str] = (), *, max_bytes: int | None = None, **options):
    """A check.checker.Checker for these claims, its shared-passage index from the cache folder when
    the sources' texts are unchanged (speed.passage_store), else built and stored there, and its
    English lemmas looked up in the dictionary kept there (speed.lemmafile)."""
    from claimcheck.check.checker import Checker
    from claimcheck.speed import lemmafile
    from claimcheck.speed.passage_store import cached_index

    lemmafile.install()
    everything = claims if isinstance(claims, CheckSet) else CheckSet.of(claims)
    index = cached_index(everything.sources, max_bytes, everything.digests)
    return Checker(everything, exclude, max_bytes=max_bytes, passages=index, **options)


def check_articles(names: Sequence[str], checker, *, jobs: int = 1, **options):
    """Check many articles, in order; with jobs > 1 in forked worker processes (speed.workers) that
    share `checker`. The results are the same whatever `jobs` is; the options are
    check.checker.check_articles_here's."""
    from claimcheck.speed.workers import check_articles as forked

    return forked(names, checker, jobs=jobs, **options)
