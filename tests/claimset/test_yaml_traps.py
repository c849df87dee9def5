"""YAML 1.1's traps, named: booleans where words were meant, base-60 and octal numbers, and the weekdays lint must see."""

from __future__ import annotations

import pytest

from claimcheck.claimset import yamlread_fast as yamlfast, yamlread
from claimcheck.claimset.lint import lint
from claimcheck.claimset.load import load_claim_set

CODEBOOK = """
topics:
  talks.outcome:
    type: label
    description: How the talks ended.
    labels:
      "no": {definition: No deal.}
      "yes": {definition: A deal.}
  talks.leader:
    type: person
    description: Who led.
  talks.hours:
    type: number
    description: How long the talks lasted, in minutes.
  quake.magnitude:
    type: number
    description: The quake's magnitude.
  talks.date:
    type: date
    description: When the talks began.
"""


def validate(story, run, claim: str, article: str = "Talks ended.", published: str = "2025-10-25"):
    s = story(CODEBOOK)
    (s.articles / "a.txt").write_text(article, encoding="utf-8")
    (s.claims / "a.yaml").write_text(f"id: a\noutlet: A\npublished: {published}\ntext: ../articles/a.txt\nclaims:\n{claim}",
                                     encoding="utf-8")
    return run("validate", "--claims", s.claims), s


@pytest.mark.parametrize("word, flag, shown", [("no", "false", "False"), ("off", "false", "False"), ("yes", "true", "True")])
def test_a_boolean_where_a_label_was_meant_says_yaml_read_it_and_to_quote_it(story, run, word, flag, shown):
    result, s = validate(story, run, f"  - topic: talks.outcome\n    value: {word}\n    quote: Talks ended.\n")
    assert result.exit_code == 1
    words = "yes, on or true" if flag == "true" else "no, off or false"
    assert (f"a.yaml:7:12: value {shown} does not fit topic 'talks.outcome' (label): YAML read an unquoted {words} "
            f"as the boolean {flag}; quote the word, e.g. value: \"{'yes' if flag == 'true' else 'no'}\"") in result.stderr


def test_a_quoted_no_is_the_label(story, run):
    result, s = validate(story, run, '  - topic: talks.outcome\n    value: "no"\n    quote: Talks ended.\n')
    assert result.exit_code == 0, result.stderr


def test_a_boolean_for_a_name_or_a_text_field_says_so_too(story, run):
    result, _ = validate(story, run, "  - topic: talks.leader\n    value: yes\n    quote: Talks ended.\n")
    assert "YAML read an unquoted yes, on or true as the boolean true; quote the word" in result.stderr
    result, _ = validate(story, run, "  - topic: talks.leader\n    value: Ali\n    quote: Talks ended.\n    attributed_to: no\n")
    assert result.exit_code == 1
    assert ("claims.0.attributed_to: input should be a valid string; YAML read an unquoted no, off or false as the "
            "boolean false: quote the word, e.g. \"no\"") in result.stderr


def test_a_base_60_number_is_refused_saying_how_to_write_it(story, run):
    result, _ = validate(story, run, "  - topic: talks.hours\n    value: 1:30\n    quote: Talks ended.\n")
    assert result.exit_code == 1
    assert ("value '1:30' does not fit topic 'talks.hours' (number): expected a number, but '1:30' reads as a clock "
            "time (YAML 1.1 would even read it as a base-60 number); write the number itself, e.g. 90, or give the "
            "topic type: time for a time of day") in result.stderr


def test_a_leading_zero_number_is_read_as_written(story, run):
    result, s = validate(story, run, "  - topic: talks.hours\n    value: 010\n    quote: Talks lasted 010 minutes.\n",
                         article="Talks lasted 010 minutes.")
    assert result.exit_code == 0, result.stderr
    (claim,) = load_claim_set(s.claims).claims
    assert (claim.value.low, claim.raw_value) == (10, "010")  # not YAML 1.1's octal 8


@pytest.mark.parametrize("text", ["value: 1:30", "value: 010", "value: -1:30:05", "value: 1:30.5", "value: 0",
                                  "value: 0.5", "value: 007.5", "value: '010'", "value: 0x10", "value: 12"])
def test_both_yaml_readers_read_the_traps_alike(text):
    fast = yamlfast.parse(text + "\n")
    full = yamlread.parse_full(text + "\n", "x.yaml")
    assert fast is not None and fast[0] == full.data
    if text in ("value: 1:30", "value: 010"):
        assert full.data["value"] == text.split(": ")[1]


@pytest.mark.parametrize("day", ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"])
def test_every_bare_weekday_is_a_relative_date(story, run, day):
    quote = f"Talks began {day} in Istanbul."
    date = {"Sunday": "2025-10-19", "Monday": "2025-10-20", "Tuesday": "2025-10-21", "Wednesday": "2025-10-22",
            "Thursday": "2025-10-23", "Friday": "2025-10-24", "Saturday": "2025-10-25"}[day]  # the quote's own weekday
    result, s = validate(story, run, f"  - topic: talks.date\n    value: {date}\n    quote: {quote}\n", article=quote)
    assert [p.message for p in lint(load_claim_set(s.claims))] == [
        f"warning: relative date '{day}' resolved without a note; say in `note` how it was counted from the "
        "publication date 2025-10-25"]


def test_a_weekday_beside_its_date_is_no_relative_date(story, run):
    quote = "Talks began on Sunday, October 19 in Istanbul."
    _, s = validate(story, run, f"  - topic: talks.date\n    value: 2025-10-19\n    quote: {quote}\n", article=quote)
    assert lint(load_claim_set(s.claims)) == []


def test_a_decimal_value_is_seen_in_its_quote(story, run):
    quote = "The quake, of magnitude 7.7, struck at noon."
    _, s = validate(story, run, f"  - topic: quake.magnitude\n    value: 7.7\n    quote: {quote}\n", article=quote)
    assert lint(load_claim_set(s.claims)) == []
    quote = "The quake, of magnitude 7.77, struck at noon."
    _, s = validate(story, run, f"  - topic: quake.magnitude\n    value: 7.7\n    quote: {quote}\n", article=quote)
    assert [p.message for p in lint(load_claim_set(s.claims))] == [
        "warning: the value 7.7 cannot be seen in the quote; quote the words that state it, or explain in `note`"]
