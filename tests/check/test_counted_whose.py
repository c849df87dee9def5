"""Whose number a count is: the verb that governs it (a count of charges brought is no count of
convictions), an aside that enumerates another count's parts, and a number joined to the word for what
it counts ("a six-person crew", "the 120-member assembly") sizing the noun after it.

The claim set is a made-up trial and a made-up vote; its sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from conftest import asserted, extractor_for

CODEBOOK = """\
topics:
  convictions.count:
    type: number
    unit: counts
    description: On how many counts the jury convicted the banker.
    subject: [banker, jury]
    cues: [counts of, guilty on, convicted on, convicted of]
  charges.count:
    type: number
    unit: counts
    description: How many counts the banker was charged with in the indictment.
    subject: [indictment, prosecutors]
    cues: [charged with, indicted on]
  crew.size:
    type: number
    unit: people
    description: How many raiders carried out the robbery.
    subject: [raiders, crew, band]
    cues: [raiders]
  assembly.total_seats:
    type: number
    unit: seats
    description: How many seats the Assembly has in all.
    subject: [Assembly, chamber]
    cues: [seats]
"""

SOURCES = {
    "a": ("2026-06-02", "The banker was convicted on two counts. Prosecutors charged him with six counts."),
    "b": ("2026-06-03", "Five raiders fled. The Assembly has 120 seats."),
}
CLAIMS = {
    "a": [("convictions.count", "2", "The banker was convicted on two counts"),
          ("charges.count", "6", "Prosecutors charged him with six counts")],
    "b": [("crew.size", "5", "Five raiders fled"),
          ("assembly.total_seats", "120", "The Assembly has 120 seats")],
}


@pytest.fixture(scope="module")
def trial(tmp_path_factory):
    return extractor_for(tmp_path_factory.mktemp("trial"), CODEBOOK, SOURCES, CLAIMS)


def test_a_count_of_charges_faced_is_no_count_of_convictions(trial):
    assert asserted(trial, "The jury is out in the banker's trial, where he faces seven counts of fraud.") & {
        ("convictions.count", "7")} == set()
    got = asserted(trial, "Prosecutors charged him with four counts of fraud.")
    assert ("convictions.count", "4") not in got and ("charges.count", "4") in got  # a topic of charges takes it
    assert ("convictions.count", "3") in asserted(trial, "The jury found the banker guilty on three counts of fraud.")


def test_a_number_enumerating_the_parts_of_another_count_is_not_the_count(trial):
    assert asserted(trial, "The banker was found not guilty on the other three counts, two involving fraud and one "
                           "of perjury.") & {("convictions.count", "2"), ("convictions.count", "1")} == set()


def test_a_number_joined_to_who_it_counts_sizes_the_noun_after_it(trial):
    assert asserted(trial, "Police said a six-person crew broke in before dawn.") == {("crew.size", "6")}
    assert ("crew.size", "6") in asserted(trial, "Police said a six-person masked crew broke in.")
    # the compound sizes the whole body for a topic that is a total, though it counts members, not seats
    assert ("assembly.total_seats", "120") in asserted(trial, "The ruling party holds a third of the 120-member Assembly.")
    # a noun that is no topic's subject takes nothing
    assert ("crew.size", "6") not in asserted(trial, "A six-person committee met on Monday.")


VOTE_CODEBOOK = """\
topics:
  greens.seats:
    type: number
    unit: seats
    description: How many seats the Greens won.
    subject: [Greens, Green Party]
    cues: [seats, won]
  reds.seats:
    type: number
    unit: seats
    description: How many seats the Reds won.
    subject: [Reds, Red Party]
    cues: [seats, won]
  reds.seat_gain:
    type: number
    unit: seats
    description: How many seats the Reds gained since the last vote.
    subject: [Reds, Red Party]
    cues: [gained]
  stewards.count:
    type: number
    unit: people
    description: How many stewards worked at the count.
    subject: [stewards, marshals]
    cues: [on duty]
  greens.seats_short_of_majority:
    type: number
    unit: seats
    description: How many seats the Greens are short of a majority.
    subject: [Greens, Green Party]
    cues: [short of a majority]
  mayor.tenure:
    type: number
    unit: years
    description: For how many years the mayor had held office.
    subject: [mayor]
    cues: [years]
  paintings.stolen:
    type: number
    unit: paintings
    description: How many paintings the burglars stole.
    subject: [paintings, canvases, burglars]
    cues: [stole, stolen]
"""

VOTE_SOURCES = {
    "a": ("2026-09-01", "The Greens won 40 seats, five short of a majority. The mayor has served for 12 years."),
    "b": ("2026-09-02", "Burglars stole six canvases from the hall. Six paintings were stolen. Three paintings were taken."),
    "c": ("2026-09-03", "The burglars stole two paintings, a report said. Police said four paintings vanished."),
}
VOTE_CLAIMS = {
    "a": [("greens.seats", "40", "The Greens won 40 seats"),
          ("greens.seats_short_of_majority", "5", "five short of a majority"),
          ("mayor.tenure", "12", "The mayor has served for 12 years")],
    "b": [("paintings.stolen", "6", "Six paintings were stolen"),
          ("paintings.stolen", "3", "Three paintings were taken")],
    "c": [("paintings.stolen", "2", "The burglars stole two paintings"),
          ("paintings.stolen", "4", "four paintings vanished")],
}


@pytest.fixture(scope="module")
def vote(tmp_path_factory):
    return extractor_for(tmp_path_factory.mktemp("vote"), VOTE_CODEBOOK, VOTE_SOURCES, VOTE_CLAIMS)


def test_shy_of_gives_the_gap_of_a_topic_written_short_of(vote):
    got = asserted(vote, "The Greens took 41 seats, just four shy of a majority.")
    assert ("greens.seats_short_of_majority", "4") in got and ("greens.seats", "4") not in got
    # about another thing than the topic's gap, it is none
    assert ("greens.seats_short_of_majority", "4") not in asserted(vote, "The Greens took 41 seats, four shy of a record.")


def test_a_span_up_to_now_is_not_placed_in_the_year_it_began(vote):
    assert ("mayor.tenure", "18") in asserted(vote, "The mayor was first elected in 2008 and has led the city over the last 18 years.")


def test_the_noun_a_number_counts_and_what_befell_it_decide_whose_count_it_is(vote):
    assert ("paintings.stolen", "5") in asserted(vote, "Five paintings were stolen from the hall.")
    # what the sentence says befell the paintings is none of the topic's cues
    assert ("paintings.stolen", "2") not in asserted(vote, "Two paintings were dropped in the hall.")


def test_a_bare_number_after_another_subject_and_with_counts_what_the_count_before_it_counts(vote):
    got = asserted(vote, "The Greens won 40 seats, followed by the Reds with 31, officials said.")
    assert ("reds.seats", "31") in got and ("greens.seats", "40") in got and ("reds.seat_gain", "31") not in got
    assert ("reds.seats", "31") in asserted(vote, "The Greens won 40 seats, ahead of the Reds at 31.")
    # a number that counts something of its own is no such ellipsis; nor one with no count before it
    assert ("reds.seats", "31") not in asserted(vote, "The Greens won 40 seats, followed by the Reds with 31 percent.")
    assert ("reds.seats", "31") not in asserted(vote, "Officials met the Reds at 31 Main Street.")


def test_a_number_right_before_a_people_counting_topic_s_subject_counts_them(vote):
    assert ("stewards.count", "40") in asserted(vote, "Organisers said 40 stewards watched the tally.")
    # a noun that stands apart from the number is not what it counts
    assert ("stewards.count", "40") not in asserted(vote, "Organisers said 40 ballots reached the stewards.")


def test_the_head_noun_of_a_subject_opening_a_clause_names_the_subject_the_sentence_before_named(vote):
    text = "Officials said the Greens had done well. By midnight, the party was leading in 44 seats."
    assert ("greens.seats", "44") in asserted(vote, text)
    assert ("reds.seats", "44") not in asserted(vote, text)  # the Reds are a party too, but not the one named before
    # not opening its clause, "the party" may be a name nearer to it
    assert ("greens.seats", "44") not in asserted(
        vote, "Officials said the Greens had done well. The Blues gained, with the party leading in 44 seats.")


def test_a_time_zone_after_p_m_goes_on_with_the_sentence():
    from claimcheck.check.sentences import split_sentences

    text = "Polls closed early. At 9:40 p.m. GMT, the party led in 44 seats. It was 6 a.m. Then rain fell."
    assert [x.text for x in split_sentences(text)] == [
        "Polls closed early.", "At 9:40 p.m. GMT, the party led in 44 seats.", "It was 6 a.m.", "Then rain fell."]


ARRESTS = """\
topics:
  raid.arrests:
    type: number
    unit: people
    changes_over_time: true
    description: How many people had been arrested after the raid, as of the claim's date.
    subject: [suspects, arrested]
    cues: [arrested, suspects]
  raid.new_arrests:
    type: number
    unit: people
    description: How many new arrests the police announced on the second day.
    subject: [arrests]
    cues: [arrests]
"""


def test_a_count_marked_new_is_added_to_a_running_total_not_the_total(tmp_path):
    sources = {"a": ("2026-06-02", "Police have arrested four suspects.")}
    claims = {"a": [("raid.arrests", 4, "Police have arrested four suspects.")]}
    ex = extractor_for(tmp_path, ARRESTS, sources, claims)
    assert asserted(ex, "The three new suspects were questioned on Friday.") == set()
    assert asserted(ex, "Police made three new arrests on Friday.") == {("raid.new_arrests", "3")}  # a topic of what is new
    assert asserted(ex, "The three suspects were questioned on Friday.") == {("raid.arrests", "3")}


def test_what_a_people_counting_description_says_befell_them_is_a_cue(tmp_path):
    from claimcheck.check.joined import befallen
    codebook = """\
topics:
  storm.injured:
    type: number
    unit: people
    description: How many people were injured when the storm hit Arlow.
    subject: [storm, Arlow]
  storm.sheltered:
    type: number
    unit: people
    description: How many people the town's shelters can hold.
    subject: [shelters]
"""
    quote = "The shelters can hold 40 people."
    ex = extractor_for(tmp_path, codebook, {"a": ("2026-06-02", quote)}, {"a": [("storm.sheltered", 40, quote)]})
    assert befallen(ex.codebook.topics["storm.injured"]) == ("injured", ("injure",))
    assert befallen(ex.codebook.topics["storm.sheltered"]) is None  # no participle after its count
    assert [(f.topic, f.display, f.confidence, f.how) for f in ex.extract("Twelve people were injured as the storm hit.").findings] == [
        ("storm.injured", "12", 0.684, "number as written 'Twelve', 1 word from the cue 'injured' "
                                      "(what the topic's description says befell them)")]
