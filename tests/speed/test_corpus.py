"""Checking a corpus: a JSON Lines feed or many files, one result line each, locally or on Dask.

The Dask tests start a local cluster of two worker processes; they are skipped, saying why, where
the `dask` extra is not installed (CI installs it from the lock).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CLAIMS, ROOT, SEEDS

SEED_FILES = sorted(str(p) for p in SEEDS.glob("*.txt"))


def claimcheck(*args, timeout=600):
    env = {**os.environ, "CLAIMCHECK_CACHE": "0"}
    return subprocess.run([sys.executable, "-m", "claimcheck", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT, env=env)


def generated_articles(folder: Path, n: int) -> list[str]:
    """n short articles made from the seed articles' sentences, shuffled, with numbers and days varied."""
    rng = random.Random(7)
    sentences = [s.strip() + "." for p in SEED_FILES for s in Path(p).read_text(encoding="utf-8").split(". ") if 40 < len(s) < 300]
    paths = []
    for i in range(n):
        body = " ".join(rng.sample(sentences, 6))
        body = body.replace("seven", rng.choice(["seven", "six", "eight"])).replace("Saturday", rng.choice(["Saturday", "Friday"]))
        p = folder / f"article-{i:03}.txt"
        p.write_text(body, encoding="utf-8")
        paths.append(str(p))
    return paths


def lines(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines()]


# --------------------------------------------------------------------------- the feed


def test_a_feed_gives_a_line_per_article_and_an_error_line_per_bad_one(tmp_path):
    seed = SEED_FILES[2]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join([
        json.dumps({"id": "a", "text": "The Afghan delegation, led by Mullah Yaqoob, arrived in Istanbul on October 24, 2025."}),
        "not json",
        json.dumps({"id": "b", "path": "missing.txt"}),
        json.dumps({"id": "c", "text": "x", "path": "y"}),
        json.dumps({"id": "d", "text": "Talks began.", "published": "27/10/2025"}),
        json.dumps({"id": "e", "txt": "x"}),
        "",
        json.dumps({"id": "f", "path": seed, "url": "https://example.org/f", "published": "2025-10-25"}),
    ]) + "\n")
    r = claimcheck("check", "--claims", CLAIMS, "--input", feed)
    assert r.returncode == 2  # an unreadable article, as for files on the command line
    got = lines(r.stdout)
    assert [d["id"] for d in got] == ["a", f"{feed}:2", "b", f"{feed}:4", f"{feed}:5", f"{feed}:6", "f"]
    assert [d.get("error") for d in got] == [
        None,
        f"{feed}:2: not a JSON object (JSONDecodeError); write one article per line as "
        '{"id": ..., "text": ...} or {"id": ..., "path": ...}',
        f"{tmp_path / 'missing.txt'}: article not found",
        f"{feed}:4: give the article's 'text' or its 'path', one of the two",
        f"{feed}:5: 'published' is '27/10/2025'; write dates as YYYY-MM-DD, e.g. 2025-10-27",
        f"{feed}:6: unknown key 'txt'; a line holds id, url, published, text, path",
        None,
    ]
    leader = [x for x in got[0]["findings"] if x["topic"] == "afghan_delegation.leader"]
    assert [(x["value"], x["verdict"]) for x in leader] == [("Mullah Yaqoob", "contradicts")]
    assert (got[6]["url"], got[6]["published"], got[6]["published_from"]) == ("https://example.org/f", "2025-10-25", "--published date")
    assert r.stderr.splitlines()[-1] == "7 articles: 2 checked, 1 contradicting the claim set, 5 not readable"
    assert "Traceback" not in r.stderr


def test_an_over_long_feed_line_is_refused_and_the_next_one_read(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "big", "text": "x" * 50_000}) + "\n" + json.dumps({"id": "ok", "text": "Talks began in Istanbul."}) + "\n")
    r = claimcheck("check", "--claims", CLAIMS, "--input", feed, "--max-bytes", 20_000)
    got = lines(r.stdout)
    assert [d["id"] for d in got] == [f"{feed}:1", "ok"]
    assert got[0]["error"] == f"{feed}:1: line is over the 20,000-byte cap; raise it with --max-bytes if this is intended"
    assert r.returncode == 2


@pytest.mark.parametrize("args, message", [
    (["--input", "FEED", "--format", "json"], "--input and --engine dask give JSON Lines; use --format jsonl"),
    (["--input", "FEED", "--draft", "x.yaml"], "drafts one article at a time, not a corpus"),
    (["ARTICLE", "--unordered"], "only JSON Lines output can come as articles finish; add --format jsonl"),
    (["ARTICLE", "--scheduler", "tcp://127.0.0.1:8786"], "goes with --engine dask"),
    ([], "give article files, - for stdin, or --input FILE.jsonl"),
])
def test_corpus_usage_errors(tmp_path, args, message):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "a", "text": "Talks began."}) + "\n")
    args = [str(feed) if a == "FEED" else SEED_FILES[0] if a == "ARTICLE" else a for a in args]
    r = claimcheck("check", "--claims", CLAIMS, *args)
    assert r.returncode == 2
    assert message in r.stderr and "Traceback" not in r.stderr
    assert r.stdout == ""


def test_jsonl_is_the_same_whatever_the_jobs_and_fails_on_contradictions(tmp_path):
    one = claimcheck("check", "--claims", CLAIMS, "--format", "jsonl", *SEED_FILES)
    two = claimcheck("check", "--claims", CLAIMS, "--format", "jsonl", "--jobs", "2", *SEED_FILES)
    assert one.returncode == 0 and one.stdout == two.stdout
    assert [d["article"] for d in lines(one.stdout)] == SEED_FILES
    failing = claimcheck("check", "--claims", CLAIMS, "--format", "jsonl", "--fail-on", "contradicts", *SEED_FILES)
    assert failing.returncode == 1 and failing.stdout == one.stdout


# --------------------------------------------------------------------------- on Dask


@pytest.fixture(scope="module")
def dask_extra():
    pytest.importorskip("distributed", reason="the dask extra is not installed: pip install 'claimcheck[dask]'")


def test_dask_gives_exactly_the_jobs_1_output(dask_extra, tmp_path):
    articles = generated_articles(tmp_path, 240) + SEED_FILES
    reference = claimcheck("check", "--claims", CLAIMS, "--format", "jsonl", "--jobs", "1", *articles)
    on_dask = claimcheck("check", "--claims", CLAIMS, "--engine", "dask", "--workers", "2", *articles)
    assert reference.returncode == on_dask.returncode == 0, on_dask.stderr
    assert on_dask.stdout == reference.stdout
    assert len(on_dask.stdout.splitlines()) == 245
    assert on_dask.stderr.splitlines()[-1] == reference.stderr.splitlines()[-1]
    unordered = claimcheck("check", "--claims", CLAIMS, "--engine", "dask", "--workers", "2", "--unordered", *articles)
    assert sorted(unordered.stdout.splitlines()) == sorted(reference.stdout.splitlines())


def test_dask_reports_a_failed_article_and_goes_on(dask_extra, tmp_path):
    missing = tmp_path / "missing.txt"
    r = claimcheck("check", "--claims", CLAIMS, "--engine", "dask", "--workers", "2", SEED_FILES[0], missing, SEED_FILES[1])
    assert r.returncode == 2
    got = lines(r.stdout)
    assert [d.get("error") for d in got] == [None, f"{missing}: article not found", None]
    assert f"error: {missing}: article not found" in r.stderr
    assert r.stderr.splitlines()[-1].startswith("3 articles: 2 checked,")


def test_a_scheduler_that_does_not_answer_is_a_usage_error(dask_extra):
    r = claimcheck("check", "--claims", CLAIMS, "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9", SEED_FILES[0], timeout=120)
    assert r.returncode == 2
    assert "no Dask scheduler answers at tcp://127.0.0.1:9" in r.stderr and "Traceback" not in r.stderr


def test_the_prepared_checker_ships_whole():
    """What a worker receives checks as the original does (it is pickled once and broadcast)."""
    import pickle

    from claimcheck.check.checker import ArticleInput, Checker, check_text
    from claimcheck.output.checkreport import check_doc
    from claimcheck.api import load_check_set

    cs = load_check_set(CLAIMS, None, max_bytes=10 ** 7, allow_outside=False, cache=False)
    checker = Checker(cs, ["003-bbce"], 0.6, 10 ** 7)
    shipped = pickle.loads(pickle.dumps(checker))
    item = ArticleInput("003", path=str(SEEDS / "003_bbce39b4dcb24287.txt"))
    assert check_doc(check_text(item, shipped, max_bytes=10 ** 7)) == check_doc(check_text(item, checker, max_bytes=10 ** 7))


def test_the_shipped_bytes_make_one_checker_per_worker():
    from claimcheck.check.checker import ArticleInput, Checker, check_text
    from claimcheck.output.checkreport import check_doc
    from claimcheck.speed.dask_engine import Shipped, _LOADED
    from claimcheck.api import load_check_set

    cs = load_check_set(CLAIMS, None, max_bytes=10 ** 7, allow_outside=False, cache=False)
    checker = Checker(cs, [], 0.6, 10 ** 7)
    shipped = Shipped(checker)
    first = shipped.get()
    assert first is not checker and shipped.get() is first and _LOADED[shipped.key] is first
    item = ArticleInput("000", path=str(SEEDS / "000_fa57afaeebda26ca.txt"))
    assert check_doc(check_text(item, first, max_bytes=10 ** 7)) == check_doc(check_text(item, checker, max_bytes=10 ** 7))
