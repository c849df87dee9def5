"""Label states as stages, read from the curator's definitions (check/stages.py): a question frame
gives the open label, a plan gives the state that holds until then, a denial gives the label whose
definition denies the state, a state the clause says has ended is none, and an earlier stage beside
a later one that implies it is only possible.

The claim set is a made-up museum burglary and a mayoral race; its sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from conftest import asserted, extractor_for

from claimcheck.check import stages

CODEBOOK = """\
topics:
  suspects.status:
    type: label
    changes_over_time: true
    description: The state of the burglary suspects.
    subject: [suspects, men, burglars]
    cues: [arrested, detained, custody, charged]
    labels:
      free:
        definition: No one has been arrested; the burglars are still free.
        cues: [still free, on the run]
      detained:
        definition: Suspects have been arrested or are held in custody, and no charge is reported yet.
        cues: [were arrested, in custody, detained]
      charged:
        definition: Arrested suspects have been charged with the burglary.
        cues: [charged, facing charges]
    compatible:
      - [detained, charged]
  paintings.status:
    type: label
    changes_over_time: true
    description: Whether the stolen paintings have been found.
    subject: [paintings, canvases]
    cues: [recovered, found, missing]
    labels:
      not_recovered:
        definition: None of the stolen paintings has been found.
        cues: [still missing]
      recovered:
        definition: All the stolen paintings have been found.
        cues: [paintings were recovered]
  race.outcome:
    type: label
    changes_over_time: true
    description: Whether the mayor won the race for the town hall.
    subject: [mayor, race]
    cues: [race]
    labels:
      won:
        definition: The mayor won the race.
        cues: [won the race, re-elected]
      lost:
        definition: The mayor lost the race.
        cues: [lost the race, defeated]
      undecided:
        definition: The article says the race is not yet decided.
        cues: [not yet called]
  bail.status:
    type: label
    changes_over_time: true
    description: Whether the burglary suspect was released on bail.
    subject: [bail, bond]
    cues: [bail]
    labels:
      pending:
        definition: A release on bail was sought or possible but not yet decided.
        cues: [will decide whether]
      granted:
        definition: The judge released the suspect on bail.
        cues: [released on bail, granted bail]
      denied:
        definition: The judge refused bail.
        cues: [denied bail]
  museum.stance:
    type: label
    description: What the museum said about outside help.
    subject: [museum]
    cues: [help]
    labels:
      appealed:
        definition: The museum asked for outside help.
        cues: [appealed for help]
      accepts:
        definition: The museum said it would accept help, without a reported appeal.
        cues: [would accept help]
"""

SOURCES = {
    "a": ("2026-03-02", "Two suspects were arrested. The mayor won the race."),
    "b": ("2026-03-05", "The suspects were charged. The museum appealed for help."),
}
CLAIMS = {
    "a": [("suspects.status", "detained", "Two suspects were arrested"),
          ("race.outcome", "won", "The mayor won the race")],
    "b": [("suspects.status", "charged", "The suspects were charged"),
          ("museum.stance", "appealed", "The museum appealed for help")],
}


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    return extractor_for(tmp_path_factory.mktemp("burglary"), CODEBOOK, SOURCES, CLAIMS)


def _topic(ex, name):
    return ex.codebook.topics[name]


def test_stages_are_read_from_the_definitions(story):
    status, race = _topic(story, "suspects.status"), _topic(story, "race.outcome")
    assert stages.earlier(status, "detained", "charged") and not stages.earlier(status, "charged", "detained")
    assert stages.earlier(status, "free", "detained")
    assert stages.state_before(status, "charged") == "detained"
    assert stages.open_labels(race) == ["undecided"]
    assert stages.earlier(race, "undecided", "won") and not stages.earlier(race, "won", "lost")
    assert stages.open_labels(status) == []  # "no charge is reported yet" leaves nothing to decide


def test_a_question_frame_gives_the_open_label(story):
    got = asserted(story, "It was still not clear late on Sunday whether the mayor had kept the race.")
    assert ("race.outcome", "undecided") in got
    got = asserted(story, "Officials did not yet say if the mayor won the race or lost the race.")
    assert ("race.outcome", "undecided") in got and ("race.outcome", "won") not in got
    assert ("race.outcome", "won") in asserted(story, "The mayor won the race on Sunday.")


def test_a_plan_gives_the_state_that_holds_until_then(story):
    ex = story.extract("Two men arrested over the burglary will be charged with theft, the prosecutor said.")
    got = {(f.topic, f.display): f for f in ex.findings}
    assert ("suspects.status", "detained") in got and ("suspects.status", "charged") not in got
    assert "a plan ('will be charged'), so not yet: 'detained'" in got[("suspects.status", "detained")].how


def test_a_denial_gives_the_label_whose_definition_denies_the_state(story):
    assert ("suspects.status", "detained") in asserted(story, "The suspects have not been charged.")
    # a topic that does not change over time reads no stage: "not appealed" is not "would accept"
    assert not {v for t, v in asserted(story, "The museum has not appealed for help.") if t == "museum.stance"}


def test_a_contracted_denial_inside_a_cue_turns_it(story):
    got = asserted(story, "The paintings haven't been recovered.")
    assert ("paintings.status", "not_recovered") in got and ("paintings.status", "recovered") not in got


def test_a_state_the_clause_says_has_ended_is_none(story):
    assert ("suspects.status", "detained") not in asserted(story, "Three men who were held in custody were later released.")
    assert ("suspects.status", "detained") in asserted(story, "Three men were held in custody on Monday.")


def test_an_earlier_stage_beside_a_later_one_it_implies_is_possible(story):
    ex = story.extract("Police detained two suspects on Monday. The suspects were charged with burglary on Friday. "
                       "Both suspects were charged, prosecutors said.")
    got = {f.display: f for f in ex.findings if f.topic == "suspects.status"}
    assert got["charged"].confidence >= 0.6
    assert got["detained"].confidence < 0.6 and "an earlier stage than 'charged'" in got["detained"].how


def test_what_dashes_or_brackets_enclose_is_an_aside(story):
    from claimcheck.check.sentences import clauses

    s = "Yet the paintings \u2014 insured for two million euros (about $2.3 million), the museum says \u2014 are still missing."
    cl = clauses(s)
    assert [p for p in cl.parenthetical] == [False, True, True, True, False]
    assert ("paintings.status", "not_recovered") in asserted(story, s)


def test_a_state_only_possible_or_sought_is_the_open_label_defined_so(story):
    ex = story.extract("The suspect might be released on bail this week.")
    got = {(f.topic, f.display): f for f in ex.findings}
    assert ("bail.status", "pending") in got and ("bail.status", "granted") not in got
    assert "a possibility ('might be released on bail')" in got[("bail.status", "pending")].how
    got = asserted(story, "His lawyers asked the judge to have him released on bail before trial.")
    assert ("bail.status", "pending") in got and ("bail.status", "granted") not in got
    assert not {v for t, v in asserted(story, "The suspect could not be released on bail.") if t == "bail.status"}
    assert ("bail.status", "granted") in asserted(story, "The suspect was released on bail on Friday.")


def test_an_earlier_stage_beside_a_later_one_placed_later_is_possible(story):
    ex = story.extract("The paintings were still missing on Monday. The paintings were recovered by now, the police said.")
    got = {f.display: f for f in ex.findings if f.topic == "paintings.status"}
    assert got["recovered"].confidence >= 0.6
    assert got["not_recovered"].confidence < 0.6 and "placed later ('now')" in got["not_recovered"].how
    # without a word placing it later, two incompatible stages are both the article's
    ex = story.extract("The paintings were still missing on Monday. The paintings were recovered, the police said.")
    assert {f.display for f in ex.findings if f.topic == "paintings.status" and f.confidence >= 0.6} == {"not_recovered", "recovered"}


def test_a_topic_word_denied_gives_the_one_label_whose_definition_denies_it(story):
    ex = story.extract("So far no sign has been found of the stolen paintings.")
    got = {(f.topic, f.display): f for f in ex.findings}
    assert ("paintings.status", "not_recovered") in got
    assert "only 'not_recovered''s definition denies 'find'" in got[("paintings.status", "not_recovered")].how
    assert not {v for t, v in asserted(story, "The stolen paintings were found in a van.") if t == "paintings.status"}
    # "no comprehensive deal" denies no deal outright
    assert stages.denied("The talks ended with no comprehensive deal.", plain=True) == set()
    assert stages.denied("None of the stolen paintings has been found.", plain=True) == {"find"}


def test_not_only_denies_nothing(story):
    assert ("race.outcome", "lost") in asserted(story, "The mayor not only lost the race, but also his party's seat.")
    assert ("race.outcome", "lost") not in asserted(story, "The mayor has not lost the race.")


def test_falling_short_gives_the_label_defined_as_short_of_it(tmp_path):
    book = """\
topics:
  council.control:
    type: label
    changes_over_time: true
    description: Whether the Greens control the council outright.
    subject: [Greens, council]
    labels:
      minority:
        definition: The Greens won fewer seats than a majority.
      majority:
        definition: The Greens won a majority of the seats.
"""
    ex = extractor_for(tmp_path, book, {"a": ("2026-04-01", "The Greens won a majority of the seats.")},
                       {"a": [("council.control", "majority", "The Greens won a majority of the seats")]})
    t = ex.codebook.topics["council.control"]
    assert stages.state_before(t, "majority") is None and stages.state_before(t, "majority", comparative=True) == "minority"
    assert not stages.earlier(t, "minority", "majority")  # falling short is no stage before
    assert ("council.control", "minority") in asserted(ex, "The Greens failed to win a majority on the council.")
    assert ("council.control", "minority") not in asserted(ex, "The Greens will be a majority on the council.")
    assert not asserted(ex, "A Green majority on the council would have allowed the new budget.")
    assert ("council.control", "majority") in asserted(ex, "The Greens won a majority on the council.")
