"""Facts that change over time: one rule for undated claims everywhere, and a topic's declared direction."""

from __future__ import annotations

import json

import pytest

from claimcheck.changing import RULE
from claimcheck.compare import compare_claim_set
from claimcheck.claimset.load import load_claim_set

CODEBOOK = """
topics:
  quake.deaths:
    type: number
    description: People killed by the quake, as of the claim's date.
    subject: [quake, earthquake]
    cues: [killed, dead]
    changes_over_time: true
{direction}
"""


def toll(story, direction: str = ""):
    return story(CODEBOOK.format(direction=f"    direction: {direction}" if direction else ""))


def undated_pair(story):
    s = toll(story)
    s.source("a", [("quake.deaths", 260, "The quake killed 260 people.")], published=None)
    s.source("b", [("quake.deaths", 274, "The quake killed 274 people.")], published=None)
    return s


def test_two_undated_sources_conflict_in_conflicts_and_check_alike(story, run, tmp_path):
    s = undated_pair(story)
    (g,) = compare_claim_set(load_claim_set(s.claims)).groups
    assert g.status == "conflict"
    out = run("conflicts", "--claims", s.claims).stdout
    assert ("why: 260 vs 274: 260 ≠ 274; a, b give no date (no `as_of`, no `published`), so compared with the other "
            "undated claims; date the claim if it reports an earlier state") in out
    assert "a: own reporting undated:" in out and "None" not in out
    article = tmp_path / "b.txt"
    article.write_text("The quake killed 274 people.", encoding="utf-8")
    doc = json.loads(run("check", article, "--claims", s.claims, "--exclude", "b", "--format", "json").stdout)
    (f,) = doc["findings"]
    assert (f["verdict"], f["contradicts"]) == ("contradicts", ["a"])
    plain = run("check", article, "--claims", s.claims, "--exclude", "b").stdout
    assert "CONTRADICTS" in plain and "None" not in plain


@pytest.mark.parametrize("fmt", ["md", "html", "json", "csv"])
def test_no_report_says_none_for_an_undated_claim(story, run, tmp_path, fmt):
    s = undated_pair(story)
    out = tmp_path / f"r.{fmt}"
    assert run("report", "--claims", s.claims, "-o", out).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "None" not in text
    if fmt in ("md", "html"):
        assert "undated" in text


def test_an_undated_claim_is_of_the_latest_state(story, run):
    s = toll(story)
    s.source("a", [("quake.deaths", 144, "The quake killed 144 people.")], published="2025-03-28")
    s.source("b", [("quake.deaths", 1644, "The quake killed 1644 people.")], published="2025-03-30")
    s.source("c", [("quake.deaths", 1644, "The quake killed 1644 people, too.")], published=None)
    (g,) = compare_claim_set(load_claim_set(s.claims)).groups
    assert g.status == "agree"  # c agrees with the latest state; 144 two days earlier is a timeline step
    assert [(str(p.as_of), g.clusters[p.cluster].display) for p in g.timeline] == [
        ("2025-03-28", "144"), ("2025-03-30", "1644"), ("None", "1644")]
    assert "timeline: 2025-03-28: 144 (a) → 2025-03-30: 1644 (b) → undated: 1644 (c)" in run("conflicts", "--claims", s.claims).stdout
    s.source("c", [("quake.deaths", 694, "The quake killed 694 people.")], published=None)
    (g,) = compare_claim_set(load_claim_set(s.claims)).groups
    assert g.status == "conflict"
    (pair,) = [p for p in g.pairs if p.relation.kind == "different"]
    assert pair.relation.reason == ("1644 ≠ 694; c gives no date (no `as_of`, no `published`), so taken as the latest "
                                    "state (as of 2025-03-30); date the claim if it reports an earlier state")


def test_check_takes_an_undated_claim_as_of_the_latest_state(story, run, tmp_path):
    s = toll(story)
    s.source("a", [("quake.deaths", 144, "The quake killed 144 people.")], published="2025-03-28")
    s.source("c", [("quake.deaths", 694, "The quake killed 694 people.")], published=None)
    article = tmp_path / "new.txt"
    article.write_text("The quake killed 1002 people.", encoding="utf-8")
    doc = json.loads(run("check", article, "--claims", s.claims, "--format", "json", "--published", "2025-03-28").stdout)
    (f,) = doc["findings"]
    assert (f["verdict"], f["contradicts"]) == ("contradicts", ["a", "c"])
    doc = json.loads(run("check", article, "--claims", s.claims, "--format", "json", "--published", "2025-04-02").stdout)
    (f,) = doc["findings"]
    assert f["verdict"] == "new"
    assert "a said 144 as of 2025-03-28; c said 694 undated, so as of 2025-03-28): a change over time" in f["reason"]


def test_without_a_direction_a_later_lower_toll_is_a_timeline_step(story):
    s = toll(story)
    s.source("a", [("quake.deaths", 274, "The quake killed 274 people.")], published="2025-03-28")
    s.source("b", [("quake.deaths", 260, "The quake killed 260 people.")], published="2025-03-29")
    (g,) = compare_claim_set(load_claim_set(s.claims)).groups
    assert g.status == "agree" and g.pairs == ()


def test_a_later_value_against_the_direction_is_a_conflict_saying_so(story, run):
    s = toll(story, "rising")
    s.source("a", [("quake.deaths", 274, "The quake killed 274 people.")], published="2025-03-28")
    s.source("b", [("quake.deaths", 260, "The quake killed 260 people.")], published="2025-03-29")
    s.source("c", [("quake.deaths", "more than 300", "The quake killed more than 300 people.")], published="2025-03-30")
    (g,) = compare_claim_set(load_claim_set(s.claims)).groups
    assert g.status == "conflict"
    out = run("conflicts", "--claims", s.claims).stdout
    assert ("why: 274 vs 260: 260 as of 2025-03-29 is lower than 274 as of 2025-03-28, but the codebook says "
            "quake.deaths only rises (direction: rising): a later value cannot go back") in out
    assert "more than 300" not in out.split("timeline:")[0].split("why:", 1)[1]  # rising to it is no conflict


def test_a_falling_direction(story):
    s = toll(story, "falling")
    s.source("a", [("quake.deaths", 10, "The quake killed 10 people.")], published="2025-03-28")
    s.source("b", [("quake.deaths", 12, "The quake killed 12 people.")], published="2025-03-29")
    (g,) = compare_claim_set(load_claim_set(s.claims)).groups
    assert g.status == "conflict"
    assert "is higher than 10 as of 2025-03-28, but the codebook says quake.deaths only falls" in g.pairs[0].relation.reason


def test_check_a_later_lower_toll_against_the_direction(story, run, tmp_path):
    s = toll(story, "rising")
    s.source("a", [("quake.deaths", 274, "The quake killed 274 people.")], published="2025-03-28")
    article = tmp_path / "new.txt"
    article.write_text("The quake killed 260 people.", encoding="utf-8")
    doc = json.loads(run("check", article, "--claims", s.claims, "--format", "json", "--published", "2025-03-29").stdout)
    (f,) = doc["findings"]
    assert (f["verdict"], f["contradicts"]) == ("contradicts", ["a"])
    assert "260 as of 2025-03-29 is lower than a's 274 as of 2025-03-28, but the codebook says quake.deaths only rises" in f["reason"]
    article.write_text("The quake killed 300 people.", encoding="utf-8")
    doc = json.loads(run("check", article, "--claims", s.claims, "--format", "json", "--published", "2025-03-29").stdout)
    assert doc["findings"][0]["verdict"] == "new"  # rising is a change over time


@pytest.mark.parametrize("topic, message", [
    ("    type: text\n    description: d.\n    changes_over_time: true\n    direction: rising\n",
     "topic 'x.y' declares direction: rising but is of type text; only a number rises or falls"),
    ("    type: number\n    description: d.\n    direction: falling\n",
     "topic 'x.y' declares direction: falling but not changes_over_time: true; a value that rises or falls changes "
     "over time, so add it"),
    ("    type: number\n    description: d.\n    changes_over_time: true\n    direction: up\n",
     "topics.x.y.direction: input should be 'rising' or 'falling'"),
])
def test_a_direction_the_codebook_cannot_hold_is_refused(story, run, topic, message):
    s = story("topics:\n  x.y:\n" + topic)
    s.source("a", [])
    result = run("validate", "--claims", s.claims)
    assert result.exit_code == 1
    assert message in result.stderr


def test_the_rule_is_the_readme_s():
    from conftest import ROOT

    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert RULE in readme
