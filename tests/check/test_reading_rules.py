"""Reading rules that bind a value to what it describes: which label a verdict word gives which
count, whose number sits across a semicolon, where a title ends and a name begins, bounds written
into the verb ("up to", "surpass"), and what a sentence carries over from the one before.

The claim set is a made-up storm and trial story; its sentences are written for these tests.
"""

from __future__ import annotations


import pytest

from conftest import asserted, extractor_for

from claimcheck.check.people import find_names

CODEBOOK = """\
topics:
  fraud.verdict:
    type: label
    description: The jury's decision on the fraud count.
    subject: [fraud]
    cues: [acquitted, convicted, found guilty]
    labels:
      not_guilty: {definition: The jury acquitted on this count., cues: [acquitted]}
      guilty: {definition: The jury convicted on this count., cues: [convicted, found guilty]}
  bribery.verdict:
    type: label
    description: The jury's decision on the bribery count.
    subject: [bribery]
    cues: [acquitted, convicted, found guilty]
    labels:
      not_guilty: {definition: The jury acquitted on this count., cues: [acquitted]}
      guilty: {definition: The jury convicted on this count., cues: [convicted, found guilty]}
  perjury.verdict:
    type: label
    description: The jury's decision on the perjury count.
    subject: [perjury]
    cues: [acquitted, convicted, found guilty]
    labels:
      not_guilty: {definition: The jury acquitted on this count., cues: [acquitted]}
      guilty: {definition: The jury convicted on this count., cues: [convicted, found guilty]}
  sentence.max_years:
    type: number
    unit: years
    description: The maximum prison term the perjury count carries, in years.
    subject: [perjury, count]
    cues: [years in prison]
  norland.deaths:
    type: number
    unit: people
    description: How many people the storm killed in Norland.
    subject: [Norland, council]
    cues: [killed, dead, death toll, toll]
  sudmark.deaths:
    type: number
    unit: people
    description: How many people the storm killed in Sudmark.
    subject: [Sudmark]
    cues: [killed, dead, death toll]
  storm.projection:
    type: number
    unit: people
    description: How many deaths the weather office projects the storm could cause.
    subject: [weather office, projected]
    cues: [could surpass, could exceed]
  climb.duration:
    type: number
    unit: hours
    description: How long the rescue climbers took to come down, in hours.
    subject: [climbers, crew]
    cues: [hours]
  council.leader:
    type: person
    description: Who heads Norland's council.
    subject: [council]
    cues: [head of, council chief]
  finance.minister:
    type: person
    description: Norland's finance minister.
    cues: [finance minister]
"""

SOURCES = {
    "a": ("2026-05-04", "Storm Orla killed 31 people in Norland, council chief Ana Ortiz said."),
    "b": ("2026-05-05", "Harbour Guild Director Ana Ortiz said the Norland toll rose to 33."),
}
CLAIMS = {
    "a": [("norland.deaths", "31", "Storm Orla killed 31 people in Norland"),
          ("council.leader", "Ana Ortiz", "council chief Ana Ortiz said")],
    "b": [("norland.deaths", "33", "the Norland toll rose to 33"),
          ("council.leader", "Ana Ortiz", "Harbour Guild Director Ana Ortiz said")],
}


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    return extractor_for(tmp_path_factory.mktemp("storm"), CODEBOOK, SOURCES, CLAIMS)


def found(ex, text):
    return asserted(ex, text)


def test_each_verdict_word_gives_its_label_to_the_counts_it_governs(story):
    assert found(story, "The senator was acquitted of fraud and bribery but convicted of perjury on Tuesday.") == {
        ("fraud.verdict", "not_guilty"), ("bribery.verdict", "not_guilty"), ("perjury.verdict", "guilty")}


def test_a_count_named_after_a_preposition_modifies_the_one_before(story):
    assert found(story, "The senator was acquitted of fraud committed for the purpose of bribery.") == {
        ("fraud.verdict", "not_guilty")}


def test_a_later_verdict_word_with_no_count_of_its_own_does_not_take_the_earlier_one(story):
    assert found(story, "He was found guilty of perjury, despite being acquitted of the gravest charges.") == {
        ("perjury.verdict", "guilty")}


def test_a_subject_across_a_semicolon_is_further_than_one_in_the_value_s_clause(story):
    assert found(story, "Storm report: 40 dead, confirms the Norland council; 6 killed in Sudmark") == {
        ("norland.deaths", "40"), ("sudmark.deaths", "6")}


def test_a_decimal_point_does_not_end_the_reach_of_a_cue_and_is_no_whole_count(story):
    assert found(story, "The death toll from the magnitude 6.1 storm surge in Norland has risen to 52.") == {
        ("norland.deaths", "52")}


def test_up_to_is_the_value_of_a_topic_that_is_a_maximum(story):
    ex = story
    (f,) = [f for f in ex.extract("The perjury count carries up to ten years in prison.").findings if f.topic == "sentence.max_years"]
    assert (f.display, f.confidence >= 0.6) == ("10", True)
    assert "'up to 10' of a topic that is the maximum is 10" in f.how


def test_a_verb_of_exceeding_makes_the_number_a_lower_bound(story):
    (f,) = [f for f in story.extract("The weather office projected that deaths could surpass 5,000.").findings
            if f.topic == "storm.projection"]
    assert f.display == "more than 5000"
    assert "'surpass 5,000' is more than 5000" in f.how


def test_a_question_at_the_tail_leaves_the_statement_before_it_stated(story):
    assert ("sudmark.deaths", "6") in found(story, "The storm killed 6 people in Sudmark - but who will pay for the damage?")
    asked = [f for f in story.extract("Did the storm kill 6 people in Sudmark?").findings if f.topic == "sudmark.deaths"]
    assert [f.confidence < 0.6 and "a question, not a statement" in f.how for f in asked] == [True]


def test_a_sentence_opening_with_a_pronoun_takes_the_subject_of_the_one_before(story):
    text = "The rescue climbers reached the stranded hikers at dawn. They were down in under six hours."
    assert ("climb.duration", "under 6") in found(story, text)
    assert "climb.duration" not in {t for t, _ in found(story, "They were down in under six hours.")}


def test_titles_end_at_the_office_and_story_title_words_come_from_the_curated_quotes(story):
    assert story.titles == {"harbour", "guild"}  # the words before "Ana Ortiz" in b's quote; "Director" is a title already
    assert [m.text for m in find_names("Norland Council Chief Ana Ortiz spoke.")] == ["Ana Ortiz"]
    assert [m.text for m in find_names("Guild Ana Ortiz spoke.", titles=story.titles)] == ["Ana Ortiz"]
    assert [m.text for m in find_names("Guild Ana Ortiz spoke.")] == ["Guild Ana Ortiz"]
    assert [m.text for m in find_names("The Guild spoke.", titles=story.titles)] == ["Guild"]  # alone it is a name


def test_a_place_before_a_title_cue_or_a_proper_subject_is_not_the_person(story):
    assert found(story, "Norland council chief Ana Ortiz said the roads were closed.") == {("council.leader", "Ana Ortiz")}
    assert found(story, "The head of Norland's council said the roads were closed.") == set()


def test_offices_joined_by_and_lead_to_the_name(story):
    assert found(story, "Finance Minister and former Eastport city mayor Ana Ortiz said the fund was empty.") == {
        ("finance.minister", "Ana Ortiz")}


# A made-up church story for how a person's name is read out of the words around it.
CHURCH_CODEBOOK = """\
topics:
  synod.elected:
    type: person
    description: Who the synod elected primate.
    subject: [synod, primate]
    cues: [elect, elected]
  synod.announcer:
    type: person
    description: Who announced the synod's choice to the crowd.
    subject: [announcement, crowd]
    cues: [with the announcement by, dean]
"""
CHURCH_SOURCES = {
    "a": ("2026-06-01", "The synod elected Tomas Vale primate on Sunday."),
    "b": ("2026-06-02", "The crowd cheered the announcement by Lena Ort."),
}
CHURCH_CLAIMS = {
    "a": [("synod.elected", "Tomas Vale", "The synod elected Tomas Vale primate")],
    "b": [("synod.announcer", "Lena Ort", "the announcement by Lena Ort")],
}


@pytest.fixture(scope="module")
def church(tmp_path_factory):
    return extractor_for(tmp_path_factory.mktemp("church"), CHURCH_CODEBOOK, CHURCH_SOURCES, CHURCH_CLAIMS)


def test_a_clergy_rank_is_a_title_and_what_stands_before_it_says_whose(church):
    assert found(church, "The synod voted to elect Norlandic Archbishop Piet Rask as primate.") == {
        ("synod.elected", "Piet Rask")}


def read(ex, text):
    """(topic, value, status) of every finding in `text`: asserted at check's default threshold, else possible."""
    return {(f.topic, f.display, "asserted" if f.confidence >= 0.6 else "possible") for f in ex.extract(text).findings}


def test_one_name_word_after_an_office_is_the_name_and_what_stands_before_is_whose_office(church):
    assert [m.text for m in find_names("French President Macron spoke.")] == ["Macron"]
    assert [m.text for m in find_names("Royal Norland Army Headquarters spoke.")] == ["Royal Norland Army Headquarters"]
    assert read(church, "The synod elected Norlandic Archbishop Rask.") == {("synod.elected", "Rask", "asserted")}


def test_a_title_before_a_lone_name_says_it_is_a_person(church):
    assert read(church, "The crowd cheered the announcement by Bishop Rask.") == {("synod.announcer", "Rask", "asserted")}
    assert read(church, "The crowd cheered the announcement by Rask.") == {("synod.announcer", "Rask", "possible")}


def test_a_person_named_again_by_part_of_the_name_is_one_more_mention_of_the_full_name(church):
    text = "The synod elected Archbishop Piet Rask on Sunday. The synod elected Archbishop Rask after two days of voting."
    (f,) = church.extract(text).findings
    assert (f.topic, f.display, f.confidence >= 0.6, f.mentions) == ("synod.elected", "Piet Rask", True, 2)


def test_a_phrase_headed_by_an_organisation_noun_is_no_person(church):
    assert read(church, "Elected Prior General of the Norland Order in 2001.") == set()
    assert read(church, "The synod elected the Roman Apostolic Church.") == set()
    assert read(church, "The synod elected the Norland Peninsula as its seat.") == set()  # a land, no person
    assert read(church, "The synod elected Piet Rask of the Norland Order.") == {("synod.elected", "Piet Rask", "asserted")}


def test_a_name_owning_a_place_s_name_is_part_of_the_place_not_a_person(church):
    text = "The crowd cheered the announcement by Bishop Rask, dean of Saint Anselm\u2019s Cathedral."
    assert read(church, text) == {("synod.announcer", "Rask", "asserted")}
    assert [(m.text, m.confidence) for m in find_names("Ana Ruiz's Green Party won.")] == [("Ana Ruiz", 0.85), ("Green Party", 0.3)]


def test_a_lone_surname_is_the_curated_person_the_article_names_in_full(church):
    text = "Tomas Vale, a bishop from the north, spoke first. The synod elected Vale on Sunday."
    assert read(church, text) == {("synod.elected", "Tomas Vale", "asserted")}
    assert read(church, "The synod elected Vale on Sunday.") == {("synod.elected", "Vale", "possible")}


def test_the_last_time_or_the_last_one_to_tells_of_an_earlier_instance(church):
    assert read(church, "The last bishop to be elected primate was Piet Rask.") == {("synod.elected", "Piet Rask", "possible")}
    assert read(church, "The last time the synod met, it elected Piet Rask.") == {("synod.elected", "Piet Rask", "possible")}
    assert read(church, "The synod elected Piet Rask, the last of the bishops to speak.") == {
        ("synod.elected", "Piet Rask", "asserted")}


def test_a_demonym_before_a_lowercase_role_says_whose_role_and_is_no_name(church):
    assert read(church, "The synod elected Norlandic singer Piet Rask as its cantor.") == {("synod.elected", "Piet Rask", "asserted")}
    assert [(m.text, m.confidence) for m in find_names("Norlandic defender Marco Lima scored.")] == [
        ("Norlandic", 0.3), ("Marco Lima", 0.85)]


def test_a_lone_modifier_before_any_lowercase_noun_and_a_name_is_the_name_s_role(church):
    # no list of roles: "glassblower" and "beekeeper" are read as roles by their place, not by name
    assert read(church, "The synod elected Varian glassblower Piet Rask as its cantor.") == {("synod.elected", "Piet Rask", "asserted")}
    assert [(m.text, m.confidence) for m in find_names("Ostlandic beekeeper Marco Lima spoke.")] == [
        ("Ostlandic", 0.3), ("Marco Lima", 0.85)]
    # a verb or a closed-class word between two names joins them; both stay names
    assert [(m.text, m.confidence) for m in find_names("Then Rask thanked Vale.")] == [("Rask", 0.55), ("Vale", 0.55)]
    assert [(m.text, m.confidence) for m in find_names("Then Rask beat Vale.")] == [("Rask", 0.55), ("Vale", 0.55)]
    assert [(m.text, m.confidence) for m in find_names("Then Rask and Vale met.")] == [("Rask", 0.55), ("Vale", 0.55)]


def test_a_capitalised_phrase_right_before_a_lowercase_noun_names_that_noun_and_is_no_person(church):
    assert read(church, "The synod elected the Varian Bell prize as its emblem.") == set()
    assert [(m.text, m.confidence) for m in find_names("A Ostmark Hall statement followed.")] == [("Ostmark Hall", 0.3)]
    # a verb, an adverb, a pronoun or the verb of a list's plural after the name leaves it a name
    assert [(m.text, m.confidence) for m in find_names("Piet Rask himself recently wrote.")] == [("Piet Rask", 0.85)]
    assert [(m.text, m.confidence) for m in find_names("Piet Rask wins again.")] == [("Piet Rask", 0.85)]
    assert [(m.text, m.confidence) for m in find_names("Then Lena Ort and Piet Rask meet.")] == [
        ("Lena Ort", 0.85), ("Piet Rask", 0.85)]


def test_what_is_left_of_a_run_of_title_words_is_no_name():
    # "Varian Lodge" stands before the claim set's people's names ("Varian Lodge Director Ivo Brandt"): both are title words
    titles = frozenset({"varian", "lodge"})
    assert [(m.text, m.confidence) for m in find_names("Varian Lodge said so.", titles=titles)] == [("Lodge", 0.3)]
    assert [(m.text, m.confidence) for m in find_names("Varian Ivo Brandt said so.", titles=titles)] == [("Ivo Brandt", 0.85)]


def test_a_name_after_a_verb_or_an_auxiliary_or_with_a_title_keeps_the_word_after_it_apart():
    # the word after a lone name after a verb is what the verb makes of it; after an auxiliary, a question's verb;
    # a conjunction joins clauses: it stays a name (a phrase of two words or more after a verb still names the noun)
    assert [(m.text, m.confidence) for m in find_names("The jury found Rask guilty.")] == [("Rask", 0.55)]
    assert [(m.text, m.confidence) for m in find_names("How long could Piet Rask preach?")] == [("Piet Rask", 0.85)]
    assert [(m.text, m.confidence) for m in find_names("How long did Bishop Rask preach?")] == [("Rask", 0.85)]
    assert [(m.text, m.confidence) for m in find_names("They cheered for Piet Rask because he won.")] == [("Piet Rask", 0.85)]
    assert [(m.text, m.confidence) for m in find_names("Rask wins Varian Bell prize.")] == [("Rask", 0.55), ("Varian Bell", 0.3)]
    assert [(m.text, m.confidence) for m in find_names("The Varian Bell prize went to him.")] == [("Varian Bell", 0.3)]
