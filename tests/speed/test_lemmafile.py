"""simplemma's English dictionary kept in the cache folder (speed/lemmafile.py): the same lemmas,
read only from a file of claimcheck's own that passes its checks."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from claimcheck.check import learn
from claimcheck.speed import cachefile, lemmafile

from conftest import CLAIMS, ROOT, SEEDS


@pytest.fixture
def fresh_lemmas():
    """learn.lemma back to simplemma's own dictionary after the test."""
    yield
    learn.use_dictionary(None)


def _shipped():
    from simplemma.strategies.dictionaries.dictionary_factory import DEFAULT_DICTIONARY_FACTORY

    return DEFAULT_DICTIONARY_FACTORY.get_dictionary("en")


def test_every_word_of_the_dictionary_reads_back_as_shipped(tmp_path):
    shipped = _shipped()
    assert lemmafile.write(tmp_path, "en", shipped)
    kept = lemmafile.read(tmp_path, "en")
    assert isinstance(kept, lemmafile.SortedLemmas) and len(kept) == len(shipped) > 100_000
    assert all(kept.get(w) == lemma for w, lemma in shipped.items())
    assert kept.get("notaword-xyz") is None and "notaword-xyz" not in kept and kept.get("\ud800") is None


def test_check_reads_the_same_lemmas_through_the_cache(tmp_path, fresh_lemmas):
    import simplemma

    words = sorted({w for p in SEEDS.glob("*.txt") for w in re.findall(r"[^\W\d_]+", p.read_text("utf-8"))})
    assert len(words) > 1000
    factory = lemmafile.CachedDictionaries(tmp_path)
    learn.use_dictionary(factory)
    first = [learn.lemma(w) for w in words]
    assert not isinstance(factory.get_dictionary("en"), lemmafile.SortedLemmas)  # none kept yet: the shipped one
    assert (tmp_path / lemmafile.name("en")).is_file()
    learn.use_dictionary(again := lemmafile.CachedDictionaries(tmp_path))
    second = [learn.lemma(w) for w in words]
    assert isinstance(again.get_dictionary("en"), lemmafile.SortedLemmas)  # read from the folder this time
    expected = [simplemma.lemmatize(w.casefold(), lang="en").casefold() for w in words]
    assert first == second == expected


def test_a_damaged_planted_or_foreign_file_is_never_read(tmp_path):
    assert lemmafile.write(tmp_path, "en", {"collapsed": "collapse", "led": "lead"})
    path = tmp_path / lemmafile.name("en")
    assert lemmafile.read(tmp_path, "en").get("led") == "lead"
    data = bytearray(path.read_bytes())
    data[-3] ^= 1  # a same-length edit inside the lemmas
    path.write_bytes(bytes(data))
    assert lemmafile.read(tmp_path, "en") is None
    assert lemmafile.write(tmp_path, "en", {"led": "lead"})
    os.chmod(path, 0o622)  # writable by others: anyone could have changed it
    assert lemmafile.read(tmp_path, "en") is None
    path.unlink()
    (tmp_path / "elsewhere").write_bytes(b"x")
    path.symlink_to(tmp_path / "elsewhere")
    assert lemmafile.read(tmp_path, "en") is None
    path.unlink()
    os.mkfifo(path)  # a FIFO planted under the name is not waited on
    assert lemmafile.read(tmp_path, "en") is None


def test_another_simplemma_versions_file_is_pruned(tmp_path):
    old = tmp_path / ("0" * 32 + "." + lemmafile.KIND)
    assert cachefile.write(tmp_path, old.name, lemmafile.KIND, {"format": lemmafile.FORMAT}, [b""])
    assert lemmafile.write(tmp_path, "en", {"led": "lead"})
    assert not old.exists() and (tmp_path / lemmafile.name("en")).exists()


def test_check_keeps_the_dictionary_and_prints_the_same(tmp_path):
    article = str(SEEDS / "003_bbce39b4dcb24287.txt")
    env = {**os.environ, "CLAIMCHECK_CACHE_DIR": str(tmp_path / "cache")}

    def run(**extra):
        return subprocess.run([sys.executable, "-m", "claimcheck", "check", article, "--claims", str(CLAIMS)],
                              capture_output=True, env={**env, **extra}, cwd=ROOT)

    off, first, second = run(CLAIMCHECK_CACHE="0"), run(), run()
    assert off.returncode == first.returncode == second.returncode == 0
    assert first.stdout == second.stdout == off.stdout and b"SUPPORTS" in off.stdout
    kept = tmp_path / "cache" / lemmafile.name("en")
    assert kept.is_file() and kept.stat().st_mode & 0o777 == 0o600
