"""Bounds and counts: 'as many as', 'up to', 'more than', dozens, ranges; read alike in claim files and by `check`."""

from __future__ import annotations

import json
import math

import pytest

from claimcheck.check.mentions import find_numbers
from claimcheck.values import COMPATIBLE, DIFFERENT, SAME, TYPES, parse_quantity

NUMBER = TYPES["number"]


@pytest.mark.parametrize("text, low, high, shown", [
    ("as many as 36", 0, 36, "as many as 36"), ("up to 36", 0, 36, "up to 36"), ("no more than 36", 0, 36, "no more than 36"),
    ("at most 36", 0, 36, "at most 36"), ("at least 200", 200, math.inf, "at least 200"),
    ("more than 200", 200, math.inf, "more than 200"), ("over 200", 200, math.inf, "over 200"),
    ("nearly 14", 11.2, 14, "nearly 14"), ("about 36", 30.6, 41.4, "about 36"),
    ("three dozen", 36, 36, "36"), ("a dozen", 12, 12, "12"), ("half a dozen", 6, 6, "6"),
    ("as many as three dozen", 0, 36, "as many as 36"), ("dozens", 24, 99, "dozens"), ("dozens of", 24, 99, "dozens"),
    ("hundreds of", 200, 999, "hundreds"), ("10-12", 10, 12, "10-12"), ("10 to 12", 10, 12, "10 to 12"),
    ("ten to twelve", 10, 12, "ten to twelve"), ("between 10 and 12", 10, 12, "between 10 and 12"),
    ("twenty-one", 21, 21, "21"), ("010", 10, 10, "10"),
])
def test_bounds_and_counts_are_accepted_as_claim_values(text, low, high, shown):
    q = NUMBER.parse(text, None)
    assert (q.low, q.high) == (pytest.approx(low), pytest.approx(high))
    assert NUMBER.display(q) == shown


@pytest.mark.parametrize("a, b, kind, reason", [
    ("up to 36", 30, COMPATIBLE, "'up to 36' (at most 36) admits 30; a bound, never an exact match"),
    ("up to 36", 36, COMPATIBLE, "'up to 36' (at most 36) admits 36; a bound, never an exact match"),
    ("up to 36", 40, DIFFERENT, "40 is more than 'up to 36' (at most 36) allows"),
    ("as many as 36", 37, DIFFERENT, "37 is more than 'as many as 36' (at most 36) allows"),
    ("more than 200", 200, DIFFERENT, "'more than 200' excludes 200 itself"),
    ("more than 200", 150, DIFFERENT, "150 is fewer than 'more than 200' allows"),
    ("at least 200", 200, COMPATIBLE, "'at least 200' admits 200; a bound, never an exact match"),
    ("fewer than 10", 10, DIFFERENT, "'fewer than 10' excludes 10 itself"),
    ("nearly 14", 14, COMPATIBLE, "'nearly 14' (11.2-14) admits the other; vague, never an exact match"),
    ("about 36", 30, DIFFERENT, "30 lies outside 'about 36' (30.6-41.4)"),
    ("10-12", 11, COMPATIBLE, "'10-12' (10-12) admits the other; vague, never an exact match"),
    ("10-12", 13, DIFFERENT, "13 lies outside '10-12' (10-12)"),
    ("more than 40", "up to 36", DIFFERENT, "more than 40 and up to 36 do not overlap (more than 40; at most 36)"),
    ("up to 36", "at least 30", COMPATIBLE,
     "'up to 36' (at most 36) and 'at least 30' (at least 30) can both be true; vague, never an exact match"),
    ("three dozen", 36, SAME, "equal"),
    ("over 4,500", "more than 4,500", SAME, "'over 4500' and 'more than 4500' both mean more than 4500"),
    ("up to 36", "at most 36", SAME, "'up to 36' and 'at most 36' both mean at most 36"),
    ("over 4,500", "at least 4,500", COMPATIBLE,
     "'over 4500' (more than 4500) and 'at least 4500' (at least 4500) can both be true; vague, never an exact match"),
])
def test_bound_aware_relations(a, b, kind, reason):
    r = NUMBER.relate(NUMBER.parse(a, None), NUMBER.parse(b, None), None)
    assert (r.kind, r.reason) == (kind, reason)
    assert NUMBER.relate(NUMBER.parse(b, None), NUMBER.parse(a, None), None).kind == kind  # symmetric


@pytest.mark.parametrize("sentence, text, low, high", [
    ("As many as three dozen people were killed", "As many as three dozen", 0, 36),
    ("Up to 36 people died", "Up to 36", 0, 36),
    ("No more than 36 were hurt", "No more than 36", 0, 36),
    ("More than 200 people died", "More than 200", 200, math.inf),
    ("at least 144 people", "at least 144", 144, math.inf),
    ("Three dozen people died", "Three dozen", 36, 36),
    ("a dozen people", "a dozen", 12, 12),
    ("hundreds of people", "hundreds", 200, 999),
    ("between 10-12 people were hurt", "10-12", 10, 12),
    ("10 to 12 people were hurt", "10 to 12", 10, 12),
])
def test_check_reads_the_same_words(sentence, text, low, high):
    (m,) = find_numbers(sentence)
    assert m.text == text and (m.value.low, m.value.high) == (pytest.approx(low), pytest.approx(high))


def test_a_change_is_no_range_and_a_time_is_no_number():
    assert [m.text for m in find_numbers("the toll rose from 260 to 274")] == ["260", "274"]
    assert find_numbers("the quake struck at 1.39 pm") == []
    assert find_numbers("at 1:39 p.m.") == []


def test_a_bound_in_an_article_against_the_claim_set(story, run, tmp_path):
    s = story("""
        topics:
          attack.deaths:
            type: number
            description: People killed in the attack.
            cues: [killed]
        """)
    s.source("a", [("attack.deaths", 40, "Forty people were killed.")])
    s.source("b", [("attack.deaths", 30, "Thirty people were killed.")])
    art = tmp_path / "new.txt"
    art.write_text("As many as three dozen people were killed in the attack.", encoding="utf-8")
    doc = json.loads(run("check", art, "--claims", s.claims, "--format", "json", "--published", "2025-03-29").stdout)
    (f,) = doc["findings"]
    assert (f["display"], f["verdict"], f["contradicts"], f["agrees_with"]) == ("as many as 36", "contradicts", ["a"], ["b"])
    assert "40 is more than 'as many as 36' (at most 36) allows" in f["reason"]
    assert f["value"] == {"text": "as many as 36", "min": 0.0, "max": 36.0}


def test_parse_quantity_refuses_what_is_no_number():
    assert parse_quantity("1:30") is None
    with pytest.raises(ValueError, match="reads as a clock time"):
        NUMBER.parse("1:30", None)
