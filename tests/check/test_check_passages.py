"""Shared passages: what an article copies from the sources' articles is found, from a fresh index or a stored one."""

from __future__ import annotations

import os
import stat

import pytest

from claimcheck import api
from claimcheck.check import passages
from claimcheck.speed import passage_store
from claimcheck.speed.cache import digest
from claimcheck.api import load_claim_set
from claimcheck.check.passages import PassageIndex

from conftest import CLAIMS

SOURCES = {
    "wire": "Officials met on Monday.\n"
            "Turkish officials hosted both delegations near the Bosphorus. "
            "The talks were closed to the press, and no joint statement was issued on the first day of the round.\n",
    "daily": "Residents of the border towns said that markets had reopened but that trade across the frontier remained thin "
             "and that prices of flour and cooking oil had doubled since the crossings were closed.\n",
    "weekly": "Turkish officials hosted both delegations near the Bosphorus. "
              "Kabul's envoys arrived late on Friday evening after a delayed flight from Kandahar.\n",
}


def shared(text: str, exclude=()) -> list[passages.SharedPassage]:
    return PassageIndex.build(SOURCES).shared(text, exclude)


def test_a_near_copied_short_sentence_is_found():
    (p,) = shared("Elsewhere, nothing moved.\nTurkish officials hosted both delegations near the Bosphorus on Monday.\n")
    assert p.source == "wire"  # also in "weekly", later in the claim set's order
    assert p.article_text == "Turkish officials hosted both delegations near the Bosphorus on Monday."
    assert p.source_text == "Turkish officials hosted both delegations near the Bosphorus."
    assert 0.85 <= p.similarity < 1


def test_quotes_case_and_punctuation_do_not_hide_a_copy():
    (p,) = shared("“The talks were closed to the press — and no joint statement was issued on the first day of the round!”")
    assert (p.source, p.similarity) == ("wire", 1.0)


def test_a_partly_copied_long_sentence_is_found():
    text = "Markets had reopened but trade across the frontier remained thin and prices of flour and cooking oil had doubled, traders said."
    (p,) = shared(text)
    assert p.source == "daily" and 0.85 <= p.similarity < 1  # the whole sentences are only 75% alike


def test_short_and_unrelated_sentences_are_not_shared():
    assert shared("Officials met on Monday.\nThe weather in Islamabad was mild and dry for most of the week.\n") == []


def test_a_copied_paragraph_is_one_passage_from_the_source_that_holds_all_of_it():
    text = ("Turkish officials hosted both delegations near the Bosphorus. "
            "Kabul's envoys arrived late on Friday evening after a delayed flight from Kandahar.")
    (p,) = shared(text)
    assert (p.source, p.start, p.end, p.similarity) == ("weekly", 0, len(text), 1.0)


def test_an_excluded_source_is_not_reported():
    text = "Turkish officials hosted both delegations near the Bosphorus."
    assert [p.source for p in shared(text, ["wire"])] == ["weekly"]
    assert shared(text, ["wire", "weekly"]) == []


# --------------------------------------------------------------------------- the index on disk


@pytest.fixture
def stored(tmp_path, monkeypatch):
    """The bundled claim set's passage index kept in a scratch cache folder (as large sets' are)."""
    monkeypatch.setenv("CLAIMCHECK_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("CLAIMCHECK_CACHE", raising=False)
    monkeypatch.setattr(passage_store, "PERSIST_MIN_SOURCES", 1)
    return tmp_path


def _article() -> str:
    cs = load_claim_set(CLAIMS)
    src = cs.sources["002-7ad1"]
    with open(src.text_path, encoding="utf-8") as f:
        return "An introduction of our own, in our own words here.\n" + f.read()[:1500]


def test_a_stored_index_is_used_and_gives_what_a_fresh_one_gives(stored):
    cs = load_claim_set(CLAIMS)
    fresh = api.checker(cs).passages.shared(_article())
    assert fresh and {p.source for p in fresh} == {"002-7ad1"}
    (path,) = stored.glob("*.passages")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    os.utime(path, (1, 1))
    again = api.checker(cs).passages.shared(_article())
    assert again == fresh
    assert path.stat().st_mtime > 1  # read back (and marked recently used), not rebuilt under another name
    assert list(stored.glob("*.passages")) == [path]


def test_a_tampered_or_foreign_writable_index_is_not_used(stored):
    cs = load_claim_set(CLAIMS)
    fresh = api.checker(cs).passages.shared(_article())
    (path,) = stored.glob("*.passages")
    data = bytearray(path.read_bytes())
    data[-10] ^= 0xFF  # one byte of the stored sentences changed
    path.write_bytes(bytes(data))
    assert passage_store._read(path, passage_store._key({s: digest(b) for s, b in passages.source_texts(cs.sources, None).items()})) is None
    assert api.checker(cs).passages.shared(_article()) == fresh
    os.chmod(path, 0o666)  # writable by others: never read
    assert passage_store._read(path, passage_store._key({s: digest(b) for s, b in passages.source_texts(cs.sources, None).items()})) is None
    assert api.checker(cs).passages.shared(_article()) == fresh


def test_a_changed_source_text_is_another_index(stored, scratch):
    article = "Turkish officials hosted both delegations near the Bosphorus on the first day of the talks."
    for i in range(2):
        scratch.source(f"s{i}.yaml", f"""
            id: "s{i}"
            outlet: Wire
            published: 2025-10-25
            text: {scratch.article(f"s{i}.txt", article if i else "Nothing to see here at all, said the officials.")}
            claims:
              - topic: istanbul_talks.round
                value: 2
                quote: "{article if i else 'Nothing to see here at all'}"
            """)
    cs = load_claim_set(scratch.claims)
    assert [p.source for p in api.checker(cs).passages.shared(article)] == ["s1"]
    (scratch.articles / "s1.txt").write_text("Turkish officials said nothing.", encoding="utf-8")
    (scratch.articles / "s0.txt").write_text(article, encoding="utf-8")
    assert [p.source for p in api.checker(cs).passages.shared(article)] == ["s0"]
    assert len(list(stored.glob("*.passages"))) == 2


def test_digests_vouched_for_find_the_index_without_reading_and_stale_ones_store_nothing(stored, monkeypatch):
    cs = load_claim_set(CLAIMS)
    raw = passages.source_texts(cs.sources, None)
    digests = {cs.sources[sid].text_path: digest(b) for sid, b in raw.items()}
    built = passage_store.cached_index(cs.sources, None, digests)
    (path,) = stored.glob("*.passages")
    reads = []
    monkeypatch.setattr(passage_store, "source_texts", lambda *a: reads.append(1) or raw)
    assert passage_store.cached_index(cs.sources, None, digests).shared(_article()) == built.shared(_article())
    assert reads == []  # found by the digests alone
    path.unlink()
    stale = {p: "0" * 40 for p in digests}  # texts changed since they were vouched for
    assert passage_store.cached_index(cs.sources, None, stale).shared(_article()) == built.shared(_article())
    assert reads == [1] and list(stored.glob("*.passages")) == []  # built from the texts, never stored under that key
