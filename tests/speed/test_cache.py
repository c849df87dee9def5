"""The claim-set cache is used only when nothing it was read from changed, and never holds problems."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from claimcheck.claimset import files as filesmod

from claimcheck import api as _api

from claimcheck.speed import cache, cachefile, claimpack
from claimcheck.claimset import load
from claimcheck.errors import ValidationFailed
from claimcheck.api import load_claim_set

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate  # noqa: E402


@pytest.fixture(autouse=True)
def small_sets_too(monkeypatch):
    monkeypatch.setattr(_api, "CACHE_MIN_FILES", 0)


@pytest.fixture
def claims(tmp_path: Path) -> Path:
    return generate(tmp_path / "set", sources=6, claims_per_source=5, seed=7)


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return tmp_path / "cache"


class Loads:
    """Counts full loads (codebook reads): a cache hit reads no codebook."""

    def __init__(self, monkeypatch):
        self.count = 0
        real = load.load_codebook

        def counting(*args, **kwargs):
            self.count += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(load, "load_codebook", counting)


@pytest.fixture
def loads(monkeypatch) -> Loads:
    return Loads(monkeypatch)


def test_second_load_is_a_hit_and_equal(claims, store, loads):
    first = load_claim_set(claims, cache=store)
    second = load_claim_set(claims, cache=store)
    assert loads.count == 1
    assert second == first and second.claims == first.claims


def _first_claim_file(claims: Path) -> Path:
    return sorted(p for p in claims.glob("*.yaml") if p.name != "topics.yaml")[0]


def _article_of(claim_file: Path) -> Path:
    rel = next(line.split(": ", 1)[1] for line in claim_file.read_text(encoding="utf-8").splitlines() if line.startswith("text: "))
    return claim_file.parent / rel


@pytest.mark.parametrize("change", ["claim file", "article", "codebook", "new file", "removed file", "renamed file"])
def test_any_change_is_a_miss(claims, store, loads, change):
    load_claim_set(claims, cache=store)
    f = _first_claim_file(claims)
    if change == "claim file":
        f.write_text(f.read_text(encoding="utf-8") + "\n# a curator's comment\n", encoding="utf-8")
    elif change == "article":
        art = _article_of(f)
        art.write_text(art.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    elif change == "codebook":
        cb = claims / "topics.yaml"
        cb.write_text(cb.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    elif change == "new file":
        text = f.read_text(encoding="utf-8")
        own = text.split('id: "', 1)[1].split('"', 1)[0]
        (claims / "zzz.yaml").write_text(text.replace(own, "brand-new"), encoding="utf-8")
    elif change == "removed file":
        f.unlink()
    else:
        f.rename(claims / ("zz_" + f.name))
    again = load_claim_set(claims, cache=store)
    assert loads.count == 2
    assert again == load_claim_set(claims)  # what a load without the cache gives


def test_an_article_that_now_resolves_elsewhere_is_a_miss(claims, store, loads, tmp_path):
    art = _article_of(_first_claim_file(claims))
    words = art.read_bytes()
    inside = tmp_path / "set" / "elsewhere.txt"
    inside.write_bytes(words)
    art.unlink()
    art.symlink_to(inside)  # the same words, reached through a link inside the root
    load_claim_set(claims, cache=store)
    outside = tmp_path / "outside.txt"
    outside.write_bytes(words)
    art.unlink()
    art.symlink_to(outside)  # the same words again, but outside the claim set's root: a fresh load refuses it
    with pytest.raises(ValidationFailed) as exc:
        load_claim_set(claims, cache=store)
    assert "outside the claim set's root" in str(exc.value.problems[0])
    assert loads.count == 2


def test_options_are_part_of_the_key(claims, store, loads):
    load_claim_set(claims, cache=store)
    load_claim_set(claims, cache=store, allow_outside=True)
    load_claim_set(claims, cache=store, max_bytes=10**6)
    load_claim_set(claims, cache=store, ground_quotes=False)
    assert loads.count == 4


def test_problems_are_never_cached(claims, store, loads):
    f = _first_claim_file(claims)
    f.write_text(f.read_text(encoding="utf-8").replace("topic: ", "topic: no_such.", 1), encoding="utf-8")
    for _ in range(2):
        with pytest.raises(ValidationFailed):
            load_claim_set(claims, cache=store)
    assert loads.count == 2
    assert not list(store.glob("*.entry"))


def test_damaged_or_foreign_entries_are_ignored(claims, store, loads):
    first = load_claim_set(claims, cache=store)
    (entry,) = store.glob("*.entry")
    entry.write_bytes(entry.read_bytes()[:100])  # cut short
    assert load_claim_set(claims, cache=store) == first
    assert loads.count == 2
    os.chmod(entry, 0o666)  # anyone may write it: never read
    assert load_claim_set(claims, cache=store) == first
    assert loads.count == 3


def test_the_environment_turns_it_off_or_moves_it(monkeypatch, tmp_path):
    monkeypatch.setenv("CLAIMCHECK_CACHE", "0")
    assert cache.cache_dir() is None
    monkeypatch.delenv("CLAIMCHECK_CACHE")
    monkeypatch.setenv("CLAIMCHECK_CACHE_DIR", str(tmp_path))
    assert cache.cache_dir() == tmp_path


def test_the_cli_uses_it(claims, loads, run):
    assert run("validate", "--claims", claims).exit_code == 0
    assert run("conflicts", "--claims", claims).exit_code == 0
    assert loads.count == 1


def _fake_entry(folder, i: int, size: int = 1000) -> str:
    """A file with an entry's name and header (what prune may remove), written i seconds after 1000."""
    name = f"{i:032x}.entry"
    assert cachefile.write(folder, name, "entry", {"format": cache.FORMAT}, [b"x" * size])
    os.utime(folder / name, (1000 + i, 1000 + i))
    return name


def test_old_entries_are_pruned(tmp_path, monkeypatch):
    folder = tmp_path / "c"
    names = [_fake_entry(folder, i) for i in range(5)]
    monkeypatch.setattr(cache, "MAX_ENTRIES", 3)
    cache.prune(folder)
    assert sorted(p.name for p in folder.glob("*.entry")) == names[2:]
    monkeypatch.setenv("CLAIMCHECK_CACHE_MAX_MB", "0")
    cache.prune(folder, keep=names[2])
    assert [p.name for p in folder.glob("*.entry")] == [names[2]]


def test_pruning_removes_only_claimcheck_files(tmp_path, monkeypatch):
    # Past the budget, only files with claimcheck's names and header go: never a file of the user's
    # that happens to be in the folder (an old *.pickle, a note), nor a look-alike without the header.
    folder = tmp_path / "c"
    ours = _fake_entry(folder, 0)
    others = {"notes.txt": b"mine", "old.pickle": b"x" * 5000, f"{1:032x}.entry": b"not a cache file",
              "abc.entry": b"claimcheck cache file\n"}
    for name, data in others.items():
        (folder / name).write_bytes(data)
        os.utime(folder / name, (900, 900))
    monkeypatch.setenv("CLAIMCHECK_CACHE_MAX_MB", "0")
    monkeypatch.setattr(cache, "MAX_ENTRIES", 0)
    cache.prune(folder)
    assert sorted(p.name for p in folder.iterdir()) == sorted(others)
    assert ours not in {p.name for p in folder.iterdir()}


def test_unchanged_files_are_not_read_again(claims, store, loads, monkeypatch):
    # Old enough files are vouched for by size, times, inode and device; a hit then reads none of them.
    monkeypatch.setattr(filesmod, "RACY_NS", -(10**18))
    first = load_claim_set(claims, cache=store)
    hashed = []
    real = cache.digest
    monkeypatch.setattr(cache, "digest", lambda data: hashed.append(len(data)) or real(data))
    assert load_claim_set(claims, cache=store) == first
    assert loads.count == 1 and hashed == []


def test_a_rewrite_that_keeps_size_and_mtime_is_still_a_miss(claims, store, loads, monkeypatch):
    import time

    monkeypatch.setattr(filesmod, "RACY_NS", -(10**18))
    load_claim_set(claims, cache=store)
    time.sleep(0.05)  # past the file system's clock tick, so the rewrite's ctime differs
    for f in (_first_claim_file(claims), _article_of(_first_claim_file(claims))):
        st = f.stat()
        data = f.read_bytes()
        f.write_bytes(data.replace(b"a", b"e", 1))  # same size
        os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))  # same mtime: only the ctime tells
        before = loads.count
        again = load_claim_set(claims, cache=store)
        assert loads.count == before + 1  # a miss: read again
        assert again == load_claim_set(claims)


def test_files_changed_just_now_are_hashed_not_trusted(claims, store):
    # A write in the same clock tick as the recorded one would leave the same times: files changed
    # within RACY_NS of the load get no signature, so the next load reads and hashes them.
    load_claim_set(claims, cache=store)
    (entry,) = store.glob("*.entry")
    opened = cachefile.open_file(store, entry.name, "entry", cache.FORMAT)
    opened.close()
    header = opened.header
    assert header["stats"] == {}
    assert all(a[3] is None for a in header["articles"])


def test_a_cold_load_reads_each_input_once(claims, store, monkeypatch):
    # With no entry yet, the key is taken from the bytes the load parses: no file is read twice
    # (at a million claims the separate pass took five seconds before the parallel read began).
    opened: list[str] = []
    from claimcheck.claimset import files

    real = files.open_checked

    def counting(file, *args, **kwargs):
        if str(file).endswith(".yaml"):
            opened.append(str(file))
        return real(file, *args, **kwargs)

    monkeypatch.setattr(files, "open_checked", counting)
    load_claim_set(claims, cache=store, workers=1)
    monkeypatch.setattr(files, "open_checked", real)
    assert sorted(opened) == sorted(set(opened)) and len(opened) == len(list(claims.glob("*.yaml")))
    assert len(list(store.glob("*.entry"))) == 1


def test_a_file_changed_after_the_load_read_it_is_a_miss_next_time(claims, store, loads, monkeypatch):
    # The entry is keyed by the bytes parsed, so a write between the read and the store cannot
    # leave old claims under the new bytes' key.
    monkeypatch.setattr(filesmod, "RACY_NS", -(10**18))
    target = _first_claim_file(claims)
    real = load._FileLoader.load_file

    def then_edit(self, path):
        out = real(self, path)
        if path == target:
            target.write_text(target.read_text(encoding="utf-8").replace("outlet: ", "outlet: Edited ", 1), encoding="utf-8")
        return out

    monkeypatch.setattr(load._FileLoader, "load_file", then_edit)
    first = load_claim_set(claims, cache=store, workers=1)
    monkeypatch.setattr(load._FileLoader, "load_file", real)
    again = load_claim_set(claims, cache=store, workers=1)
    assert loads.count == 2  # a miss: the edit is seen
    assert {s.outlet for s in again.sources.values()} - {s.outlet for s in first.sources.values()}
    assert any(s.outlet.startswith("Edited ") for s in again.sources.values())


def test_the_folder_is_made_private_and_refused_when_others_can_write_it(claims, tmp_path, loads):
    made = tmp_path / "new" / "cache"
    load_claim_set(claims, cache=made)
    assert os.stat(made).st_mode & 0o777 == 0o700 and len(list(made.glob("*.entry"))) == 1
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o777)
    cachefile.NOTICES.clear()
    load_claim_set(claims, cache=shared)
    load_claim_set(claims, cache=shared)
    assert list(shared.iterdir()) == [] and loads.count == 3  # never used: read in full each time
    (notice,) = cachefile.NOTICES  # said once
    assert f"cache folder {shared} is writable by group or others (mode 0777" in notice
    cachefile.NOTICES.clear()


def test_entries_are_data_checked_against_their_digest(claims, store):
    # No pickle: the header is JSON, the claims JSON columns; a same-length change is a miss.
    load_claim_set(claims, cache=store)
    (entry,) = store.glob("*.entry")
    data = entry.read_bytes()
    assert data.startswith(cachefile.MAGIC) and b"\x80\x04" not in data[:200]
    opened = cachefile.open_file(store, entry.name, "entry", cache.FORMAT)
    assert opened is not None
    opened.close()
    at = data.index(b'"quote"')
    entry.write_bytes(data[:at + 20] + bytes([data[at + 20] ^ 1]) + data[at + 21:])
    opened = cachefile.open_file(store, entry.name, "entry", cache.FORMAT)
    with pytest.raises(ValueError):
        for i in range(len(opened.places)):
            opened.section(i)
    opened.close()


def _conflicts(run, claims, *args):
    result = run("conflicts", "--claims", claims, *args)
    return result.exit_code, result.stdout


def test_a_warm_conflicts_prints_what_the_last_one_printed_without_reading_a_claim(claims, store, loads, run, monkeypatch):
    monkeypatch.setenv("CLAIMCHECK_CACHE_DIR", str(store))
    fresh = {args: _conflicts(run, claims, *args) for args in [(), ("--format", "json"), ("--status", "conflict"),
                                                                ("--format", "json", "--topic", "ceasefire.*")]}
    assert loads.count == 1  # the first read the files; the others read the entry back
    decoded = []
    monkeypatch.setattr(claimpack, "loads", lambda data: decoded.append(1) or [])
    for args, (code, out) in fresh.items():
        assert _conflicts(run, claims, *args) == (code, out)  # the same bytes, from the stored outputs
    assert decoded == [] and loads.count == 1
    assert len(list(store.glob("*.output"))) == len(fresh)


def test_a_stored_output_follows_its_entry(claims, store, loads, run, monkeypatch):
    monkeypatch.setenv("CLAIMCHECK_CACHE_DIR", str(store))
    code, before = _conflicts(run, claims, "--fail-on", "conflict")
    assert _conflicts(run, claims, "--fail-on", "conflict") == (code, before)  # --fail-on from the stored statuses
    f = _first_claim_file(claims)
    f.write_text(f.read_text(encoding="utf-8").replace("note:", "note: changed,", 1) if "note:" in f.read_text(encoding="utf-8")
                 else f.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert _conflicts(run, claims, "--fail-on", "conflict") == (code, before)  # a comment changes nothing shown...
    assert loads.count == 2  # ... but the set was read again: a new entry, and the old output is not its
    (out,) = [p for p in store.glob("*.output")]
    data = bytearray(out.read_bytes())
    data[-10] ^= 1  # a damaged output is recomputed, never printed
    out.write_bytes(bytes(data))
    assert _conflicts(run, claims, "--fail-on", "conflict") == (code, before)


def test_an_output_is_never_stored_under_another_sets_entry(claims, store, run, monkeypatch, tmp_path):
    # One process, two claim sets: the second (too small for the cache) must not leave its output
    # under the first one's entry, where a later run on the first would print it.
    monkeypatch.setenv("CLAIMCHECK_CACHE_DIR", str(store))
    _, first = _conflicts(run, claims, "--format", "json")
    other = generate(tmp_path / "other", sources=3, claims_per_source=4, seed=11)
    monkeypatch.setattr(_api, "CACHE_MIN_FILES", 5)  # the other set has 3 files: no entry of its own
    _, second = _conflicts(run, other, "--format", "json")
    assert second != first
    monkeypatch.setattr(_api, "CACHE_MIN_FILES", 0)
    assert _conflicts(run, claims, "--format", "json") == (0, first)
