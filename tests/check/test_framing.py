"""Reading rules of check/framing.py: a gap between two amounts is not either amount, a partitive's
whole is not its part, and a state fallen short of was not reached.

The claim set is a made-up council election; its sentences are written for these tests.
"""

from __future__ import annotations


import pytest

from conftest import asserted, extractor_for

from claimcheck.check.framing import fallen_short, gap_after, partitive_whole
from claimcheck.check.mentions import find_numbers

CODEBOOK = """\
topics:
  chamber.majority_line:
    type: number
    unit: seats
    description: How many seats a party needs to control the council chamber.
    subject: [control, outright control]
    cues: [needed for control]
  chamber.total_seats:
    type: number
    unit: seats
    description: How many seats the council chamber has.
    subject: [chamber]
    cues: [seats]
  greens.seats:
    type: number
    unit: seats
    description: How many seats the Greens won.
    subject: [Greens]
    cues: [won, seats]
  greens.seats_short:
    type: number
    unit: seats
    description: How many seats the Greens are short of control.
    subject: [Greens]
    cues: [short of control]
  motions.passed:
    type: number
    unit: motions
    description: How many motions the new council passed at its first sitting.
    subject: [council, motions]
    cues: [passed, motions]
  chamber.control:
    type: label
    description: Whether the Greens control the chamber alone or share it.
    subject: [Greens, chamber]
    cues: [control, coalition]
    labels:
      control: {definition: The Greens hold outright control., cues: [outright control]}
      coalition: {definition: The Greens govern in a coalition., cues: [coalition]}
  budget.deal:
    type: label
    description: Whether the council parties reached a deal on the budget.
    subject: [budget]
    cues: [deal]
    labels:
      deal: {definition: The parties agreed a budget., cues: [deal]}
      no_deal: {definition: The parties did not agree a budget., cues: [no deal]}
"""

SOURCES = {
    "a": ("2026-06-02", "The Greens won 40 seats, eight short of control of the 95-seat chamber."),
    "b": ("2026-06-03", "With 48 seats needed for control, the Greens will need a coalition."),
}
CLAIMS = {
    "a": [("greens.seats", "40", "The Greens won 40 seats"),
          ("greens.seats_short", "8", "eight short of control")],
    "b": [("chamber.majority_line", "48", "48 seats needed for control"),
          ("chamber.control", "coalition", "the Greens will need a coalition")],
}


@pytest.fixture(scope="module")
def council(tmp_path_factory):
    return extractor_for(tmp_path_factory.mktemp("council"), CODEBOOK, SOURCES, CLAIMS)


def found(ex, text):
    return asserted(ex, text)


def test_a_number_short_of_something_is_the_gap_not_the_thing(council):
    got = found(council, "The Greens ended the night three seats short of outright control.")
    assert ("chamber.majority_line", "3") not in got
    assert ("greens.seats_short", "3") in got


def test_a_number_behind_or_more_than_another_is_a_gap():
    s = "The Greens finished two seats behind the Reds and won 12 more than last time."
    n = find_numbers(s)
    two = next(m for m in n if m.text.startswith("two"))
    twelve = next(m for m in n if m.text.startswith("12"))
    assert gap_after(s, two.end) == "seats behind"
    assert gap_after(s, twelve.end) == "more than"
    assert gap_after("They won 40 seats, ahead of the Reds.", 11) is None


def test_the_whole_of_a_partitive_or_after_all_is_not_the_part(council):
    got = found(council, "The council passed three of the seven motions put to it.")
    assert ("motions.passed", "7") not in got
    got = found(council, "The council debated all nine motions.")
    assert ("motions.passed", "9") not in got
    s = "three of the seven motions"
    assert partitive_whole(s, s.index("seven"), find_numbers(s))
    assert not partitive_whole(s, 0, find_numbers(s))


def test_a_total_topic_still_takes_the_whole(council):
    got = found(council, "Voters filled all 95 seats of the chamber.")
    assert ("chamber.total_seats", "95") in got and ("greens.seats", "95") not in got


def test_a_state_fallen_short_of_is_not_stated(council):
    got = found(council, "The Greens fell short of outright control in the chamber.")
    assert ("chamber.control", "control") not in got
    got = found(council, "The Greens failed to win outright control of the chamber.")
    assert ("chamber.control", "control") not in got


def test_falling_short_turns_a_label_into_its_negation_where_the_codebook_has_one(council):
    got = found(council, "Council parties failed to reach a deal on the budget.")
    assert ("budget.deal", "no_deal") in got and ("budget.deal", "deal") not in got


def test_falling_short_stops_at_a_new_statement(council):
    assert fallen_short("fell short of control but formed a".split()) is None
    assert fallen_short("the greens fell short of".split()) == "short"
    got = found(council, "The Greens fell short of outright control but formed a coalition in the chamber.")
    assert ("chamber.control", "coalition") in got and ("chamber.control", "control") not in got


def test_a_number_at_the_cut_end_of_a_text_counts_nothing_known(council):
    assert ("greens.seats", "2") not in found(council, "Results came in overnight. In the end the Greens won two mont")
    assert ("greens.seats", "2") in found(council, "Results came in overnight. The Greens won two.")
    # only the cut word itself, when it is the cue, still says what is counted
    assert ("greens.seats", "41") in found(council, "Results came in overnight. In the end the Greens won 41 seat")


def test_a_number_in_a_condition_is_no_count_unless_the_topic_is_what_would_be(council):
    assert ("greens.seats", "50") not in found(council, "If the Greens win 50 seats, they will govern alone.")
    assert ("greens.seats", "50") in found(council, "The Greens won 50 seats, and they will govern alone.")
    # a threshold is what must be: "needs" in its description lets it take a number under "if"
    assert ("chamber.majority_line", "48") in found(council, "It was unclear whether they reached the 48 seats needed for control.")


def possible(ex, text) -> dict[tuple[str, str], str]:
    """(topic, value) -> how, of the findings shown as `possible` only."""
    return {(f.topic, f.display): f.how for f in ex.extract(text).findings if f.confidence < 0.6}


def test_the_number_an_amount_moved_from_is_not_where_it_stands(council):
    got = found(council, "The Greens rose from 30 seats to 40 seats in the chamber.")
    assert ("greens.seats", "40") in got and ("greens.seats", "30") not in got
    got = found(council, "The Greens won 40 seats, up from 30.")
    assert ("greens.seats", "40") in got and ("greens.seats", "30") not in got
    # the number it moved to may be written in words, any the number type reads
    got = found(council, "The Greens rose from 30 seats to forty-one seats in the chamber.")
    assert ("greens.seats", "30") not in got
    got = found(council, "The Greens rose from 12 to twenty seats in the chamber.")
    assert ("greens.seats", "12") not in got


def test_a_forecast_is_possible_not_asserted(council):
    text = "The Greens could win 50 seats."
    assert ("greens.seats", "50") not in found(council, text)
    assert "a forecast ('could')" in possible(council, text)[("greens.seats", "50")]
    # "May" is a month, not a forecast; a threshold is what would be, so a forecast word leaves it stated
    assert ("greens.seats", "40") in found(council, "In May the Greens won 40 seats.")
    assert ("chamber.majority_line", "48") in found(council, "Analysts said it would take 48 seats needed for control.")


def test_a_value_placed_in_another_year_is_possible(council):
    text = "In 2021, the Greens won 30 seats."
    assert ("greens.seats", "30") not in found(council, text)
    assert "'In 2021' places it in another year" in possible(council, text)[("greens.seats", "30")]
    assert ("greens.seats", "30") not in found(council, "The Greens won 30 seats in the 2021 vote.")
    # the article's own year, or a year as a point of reference, leaves the value stated
    assert ("greens.seats", "40") in found(council, "In 2026, the Greens won 40 seats.")
    assert ("greens.seats", "40") in found(council, "The Greens won 40 seats, their best result since 2004.")
    # a year in the first of two predicates joined by "and" places only that one
    assert ("greens.seats", "40") in found(council, "The Greens won seats in 2021 and took 40 seats this time.")
    assert ("greens.seats", "30") not in found(council, "In 2021 the Greens formed a group and 30 seats were theirs.")


def test_a_predicate_after_two_numbers_speaks_of_the_nearer(council):
    got = found(council, "Delegates tabled 30 amendments and 12 motions were passed.")
    assert ("motions.passed", "12") in got and ("motions.passed", "30") not in got


def test_a_subject_after_if_names_its_topic_only_in_that_clause(tmp_path):
    codebook = """\
topics:
  house.majority_line:
    type: number
    unit: seats
    description: How many seats a party needs for outright control of the house.
    subject: [outright control, control]
    cues: [seats, needed for control]
  reds.seats:
    type: number
    unit: seats
    description: How many seats the Reds won.
    subject: [Reds]
    cues: [won, seats]
"""
    quote = "The Reds won 41 seats."
    ex = extractor_for(tmp_path, codebook, {"a": ("2026-05-02", quote)}, {"a": [("reds.seats", 41, quote)]})
    # the seats they lead in are no line for control: "control" is asked about in the "if" clause only
    assert asserted(ex, "By midnight they were ahead in 30 seats, but it was not clear if that would bring outright control.") == set()
    assert asserted(ex, "Analysts said 36 seats would bring outright control.") == {("house.majority_line", "36")}
