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
