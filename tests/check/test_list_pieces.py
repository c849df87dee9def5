"""How a list topic's items are read (readers._read_list, choose.coordination, findings.unite_lists):
the topic's own words opening a sentence are no items, a name after a bare comma that its own verb
follows opens the next clause, "to" leads into a list, and the pieces an article gives in several
sentences are one list.

The claim set is a made-up storm; its sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from conftest import asserted, extractor_for

CODEBOOK = """\
topics:
  storm.towns:
    type: list
    description: The towns other than Portville where the storm was felt.
    subject: [storm, winds, gusts]
    cues: [felt in, spread]
"""


@pytest.fixture(scope="module")
def storm(tmp_path_factory):
    sources = {"a": ("2026-02-02", "The storm was felt in Arlow and Brenton."),
               "b": ("2026-02-03", "The storm was felt in Cosby and Dunmore.")}
    claims = {"a": [("storm.towns", ["Arlow", "Brenton"], "The storm was felt in Arlow and Brenton.")],
              "b": [("storm.towns", ["Cosby", "Dunmore"], "The storm was felt in Cosby and Dunmore.")]}
    return extractor_for(tmp_path_factory.mktemp("storm"), CODEBOOK, sources, claims)


def test_the_topics_own_word_opening_a_sentence_is_no_item(storm):
    assert asserted(storm, "Gusts were also felt in Arlow and Brenton.") == {("storm.towns", "Arlow, Brenton")}


def test_a_name_after_a_bare_comma_with_its_own_verb_opens_the_next_clause(storm):
    assert asserted(storm, "When the storm spread to Arlow, Carla Diaz did not leave her house.") == {("storm.towns", "Arlow")}
    # a list goes on past a bare comma when no verb follows the name
    assert asserted(storm, "The storm was felt in Arlow, Brenton in the hills.") == {("storm.towns", "Arlow, Brenton")}


def test_a_list_given_in_pieces_is_their_union(storm):
    text = "The storm was felt in Arlow and Brenton.\nBy night the storm was also felt in Cosby and Dunmore."
    assert asserted(storm, text) == {("storm.towns", "Arlow, Brenton, Cosby, Dunmore")}


def test_a_plain_word_capitalised_by_opening_the_sentence_is_no_item(storm):
    # "Fierce" is capitalised only by its place in the sentence
    assert storm.extract("Fierce winds spread to Cosby and Dunmore.").findings[0].display == "Cosby, Dunmore"
    # a town the claim set knows stays an item where it opens the sentence
    assert asserted(storm, "Arlow felt the storm too.") == {("storm.towns", "Arlow")}


def test_a_list_whose_curated_items_are_names_takes_no_days(storm):
    assert asserted(storm, "Winds spread to Cosby and Dunmore as the storm spread on March 3, 2026.") == {
        ("storm.towns", "Cosby, Dunmore")}
