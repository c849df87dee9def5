"""The evaluation corpus (benchmarks/eval/) is gold data: each story must stay valid, its split
must cover every article exactly once, and the scorer must count the way docs/eval.md says."""

from __future__ import annotations

import sys
from collections import defaultdict
from types import SimpleNamespace

import pytest
import yaml

from claimcheck.claimset.load import load_claim_set
from claimcheck.values import TYPES, Context, Names

from conftest import ROOT

EVAL = ROOT / "benchmarks" / "eval"
STORIES = sorted(p.name for p in EVAL.iterdir() if (p / "split.yaml").is_file())


def test_there_are_at_least_three_stories_and_thirty_articles():
    articles = [a for s in STORIES for a in (EVAL / s / "articles").iterdir()]
    assert len(STORIES) >= 3 and len(articles) >= 30


@pytest.mark.parametrize("story", STORIES)
def test_a_story_validates_strictly(run, story):
    result = run("validate", "--strict", "--claims", EVAL / story / "claims")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "every quote found in its article" in result.stdout


@pytest.mark.parametrize("story", STORIES)
def test_every_article_is_in_exactly_one_part_of_the_split_with_its_url(story):
    split = yaml.safe_load((EVAL / story / "split.yaml").read_text(encoding="utf-8"))
    dev, test = set(split["dev"]), set(split["test"])
    cs = load_claim_set(EVAL / story / "claims")
    assert dev and test and not dev & test
    assert dev | test == set(cs.sources)
    assert {p.stem for p in (EVAL / story / "articles").iterdir()} == set(cs.sources)
    assert all(src.url and src.url.startswith("http") for src in cs.sources.values())


def _scorer():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import eval_stories
    finally:
        sys.path.pop(0)
    return eval_stories


def _finding(topic: str, raw, possible: bool = False):
    """A checked finding as score_article reads it; the value is parsed when scored (its story's codebook)."""
    f = SimpleNamespace(topic=topic, value=raw, display=str(raw), sentence="s", how="h")
    return SimpleNamespace(finding=f, possible=possible)


def _score(story: str, sid: str, findings):
    scorer = _scorer()
    cs = load_claim_set(EVAL / story / "claims")
    per_topic: dict = defaultdict(lambda: dict.fromkeys(scorer.KEYS, 0))
    details: list = []
    names = Names(cs.codebook)
    for c in findings:
        topic = cs.codebook.topics[c.finding.topic]
        c.finding.value = TYPES[topic.type].parse(c.finding.value, Context(topic, names))
    scorer.score_article(cs, sid, SimpleNamespace(findings=findings), names, per_topic, details)
    return per_topic, details


def test_the_scorer_counts_asserted_findings_on_the_exact_topic():
    """myanmar a06 gives two death tolls (1,644 and 1,002): one asserted right, one only possible,
    and the right number on a neighbouring topic, which is a false finding there."""
    per_topic, details = _score("myanmar_quake", "a06", [
        _finding("myanmar.deaths", 1644),
        _finding("myanmar.deaths", 1002, possible=True),
        _finding("thailand.deaths", 1644),
    ])
    assert per_topic["myanmar.deaths"] == {"gold": 2, "found": 1, "pred": 1, "right": 1}
    assert per_topic["thailand.deaths"]["pred"] == 1 and per_topic["thailand.deaths"]["right"] == 0
    mine = sorted((d[1], d[2], d[3]) for d in details if d[2] in ("myanmar.deaths", "thailand.deaths"))
    assert mine == [("false", "thailand.deaths", "1644"), ("missed", "myanmar.deaths", "1002")]


def test_the_scorer_counts_each_distinct_gold_value_once():
    """canada c05 records `lost` twice for Poilievre's seat: one gold value, found by one finding."""
    per_topic, details = _score("canada_election", "c05", [_finding("poilievre.seat_outcome", "lost")])
    assert per_topic["poilievre.seat_outcome"] == {"gold": 1, "found": 1, "pred": 1, "right": 1}


def test_the_calibration_table_gives_each_threshold_its_precision_and_recall():
    """Two findings (0.9 right, 0.65 wrong) and two gold values (one read at 0.9, one never)."""
    table = _scorer().calibration({"findings": [(0.9, True), (0.65, False)], "gold": [0.9, None]})
    rows = {line.split(" | ")[0].strip("| "): line for line in table.splitlines()[2:]}
    assert rows["0.60"] == "| 0.60 | 2 | 1 | 0.50 | 0.50 |"
    assert rows["0.70"] == "| 0.70 | 1 | 1 | 1.00 | 0.50 |"
    assert rows["0.90"] == "| 0.90 | 1 | 1 | 1.00 | 0.50 |"
