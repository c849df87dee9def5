"""`check` reads a cached claim set topic by topic (checkset.py): the same verdicts as from the whole
set, only from the entry it was made from, and never from a damaged or foreign file."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

import pytest

from claimcheck import api as _api

from claimcheck.speed import cache, cachefile
from claimcheck.check import checkset
from claimcheck.claimset import load
from claimcheck.api import check_articles
from claimcheck.check.checker import Checker
from claimcheck.output.checkreport import check_doc
from claimcheck.api import load_check_set, load_claim_set

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
import generate  # noqa: E402


@pytest.fixture(autouse=True)
def small_sets_too(monkeypatch):
    monkeypatch.setattr(_api, "CACHE_MIN_FILES", 0)


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("checkset") / "set"
    generate.main(["--sources", "40", "--claims-per-source", "20", "--out", str(out), "--seed", "11"])
    return out


@pytest.fixture
def claims(generated, tmp_path) -> Path:
    import shutil

    shutil.copytree(generated, tmp_path / "set")
    return tmp_path / "set" / "claims"


@pytest.fixture
def store(tmp_path) -> Path:
    return tmp_path / "cache"


class Reads:
    """Counts whole claim sets read back from a cache entry, and files read and checked anew."""

    def __init__(self, monkeypatch):
        self.entries = self.full = 0
        real_load, real_codebook = cache.Entry.load, load.load_codebook

        def entry_load(entry, articles_unchanged, body=True):
            hit = real_load(entry, articles_unchanged, body)
            self.entries += hit is not None and hit[1] is not None
            return hit

        def codebook(*args, **kwargs):
            self.full += 1
            return real_codebook(*args, **kwargs)

        monkeypatch.setattr(cache.Entry, "load", entry_load)
        monkeypatch.setattr(load, "load_codebook", codebook)


@pytest.fixture
def reads(monkeypatch) -> Reads:
    return Reads(monkeypatch)


def _docs(checker: Checker, articles: list[Path], jobs: int = 1) -> list[dict]:
    return [check_doc(r) for r in check_articles([str(a) for a in articles], checker, max_bytes=10**7, jobs=jobs)]


def _articles(claims: Path) -> list[Path]:
    return sorted((claims.parent / "articles").glob("*.txt"))[:8]


def test_the_second_check_reads_only_the_companion_and_gives_the_same_verdicts(claims, store, reads):
    whole = _docs(Checker(load_claim_set(claims)), _articles(claims))
    reads.full = 0
    first = load_check_set(claims, cache=store)  # reads and checks every file, stores the entry and its companion
    assert (reads.full, reads.entries) == (1, 0)
    assert sorted(p.suffix for p in store.iterdir()) == [".entry", ".topics"]
    second = load_check_set(claims, cache=store)
    assert (reads.full, reads.entries) == (1, 0)  # no file read again, no claim set read back
    assert second is not first and isinstance(second, checkset.CheckSet)
    assert _docs(Checker(first), _articles(claims)) == whole
    assert _docs(Checker(second), _articles(claims)) == whole


def test_a_companion_is_made_from_a_fresh_entry_stored_by_another_command(claims, store, reads):
    load_claim_set(claims, cache=store)  # e.g. `conflicts`: an entry, no companion
    assert not list(store.glob("*.topics"))
    load_check_set(claims, cache=store)
    assert (reads.full, reads.entries) == (1, 1) and len(list(store.glob("*.topics"))) == 1
    load_check_set(claims, cache=store)
    assert (reads.full, reads.entries) == (1, 1)


def test_a_changed_claim_gives_a_new_entry_and_the_old_companion_is_not_read(claims, store, reads):
    load_check_set(claims, cache=store)
    f = sorted(claims.glob("0*.yaml"))[0]
    old_id = _header(store)["id"]
    f.write_text(f.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    again = load_check_set(claims, cache=store)
    assert reads.full == 2 and _header(store)["id"] != old_id
    assert _docs(Checker(again), _articles(claims)) == _docs(Checker(load_claim_set(claims)), _articles(claims))


@pytest.mark.parametrize("damage", ["cut short", "a topic's bytes changed", "another entry's id", "writable by others"])
def test_a_damaged_foreign_or_stale_companion_is_not_trusted(claims, store, damage):
    whole = _docs(Checker(load_claim_set(claims)), _articles(claims))
    load_check_set(claims, cache=store)
    (path,) = store.glob("*.topics")
    data = bytearray(path.read_bytes())
    if damage == "cut short":
        path.write_bytes(bytes(data[:-100]))
    elif damage == "a topic's bytes changed":
        data[-50:] = b"\x00" * 50
        path.write_bytes(bytes(data))
    elif damage == "another entry's id":
        _rewrite(path, entry="0" * 32)
    else:
        os.chmod(path, 0o666)
    again = load_check_set(claims, cache=store)
    assert _docs(Checker(again), _articles(claims)) == whole


def test_setting_a_source_aside_works_from_the_companion(claims, store):
    cs = load_claim_set(claims)
    aside = list(cs.sources)[3]
    whole = _docs(Checker(cs, [aside]), _articles(claims))
    load_check_set(claims, cache=store)
    assert _docs(Checker(load_check_set(claims, cache=store), [aside]), _articles(claims)) == whole


@pytest.mark.skipif(threading.active_count() > 1, reason="forking is refused while threads run")
def test_forked_workers_check_from_the_companion_as_one_process_does(claims, store):
    load_check_set(claims, cache=store)
    one = _docs(Checker(load_check_set(claims, cache=store)), _articles(claims))
    assert _docs(Checker(load_check_set(claims, cache=store)), _articles(claims), jobs=2) == one


def test_a_pruned_entry_takes_its_companion_along(claims, store, monkeypatch):
    load_check_set(claims, cache=store)
    (entry,) = store.glob("*.entry")
    os.utime(entry, (1000, 1000))
    new = "f" * 32 + ".entry"
    cachefile.write(store, new, "entry", {"format": cache.FORMAT}, [])
    monkeypatch.setattr(cache, "MAX_ENTRIES", 1)
    cache.prune(store, keep=new)
    assert not list(store.glob("*.topics")) and [p.name for p in store.glob("*.entry")] == [new]


def _header(store: Path) -> dict:
    (entry,) = store.glob("*.entry")
    opened = cachefile.open_file(store, entry.name, "entry", cache.FORMAT)
    opened.close()
    return opened.header


def _rewrite(path: Path, **changes) -> None:
    """The cache file again, with these header fields changed (and a header digest that matches them)."""
    kind = path.suffix[1:]
    opened = cachefile.open_file(path.parent, path.name, kind, opened_format(kind))
    sections = [opened.section(i) for i in range(len(opened.places))]
    opened.close()
    header = {k: v for k, v in opened.header.items() if k not in ("kind", "sections")}
    cachefile.write(path.parent, path.name, kind, {**header, **changes}, sections)


def opened_format(kind: str):
    from claimcheck.speed import topicfile

    return {"entry": cache.FORMAT, "topics": topicfile.FORMAT}[kind]


def test_a_companion_is_closed_when_its_set_goes(claims, store):
    import gc

    load_check_set(claims, cache=store)
    before = len(os.listdir("/proc/self/fd"))
    cs = load_check_set(claims, cache=store)
    assert len(os.listdir("/proc/self/fd")) == before + 1  # held open: a newer companion replaces the name, not this file
    del cs
    gc.collect()
    assert len(os.listdir("/proc/self/fd")) == before
