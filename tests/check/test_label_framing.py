"""Reading rules for labels: a label after "will" or "to" is a plan or a purpose (unless the label is
itself a state still to come), and a verdict's words govern the subjects of the aside that follows
them, not those of the next statement.

The claim set is a made-up trial of a mayor; its sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from conftest import asserted, extractor_for

VERDICT = """
    type: label
    description: The jury's decision on the {0} count.
    subject: [{0}]
    cues: [acquitted, convicted, not guilty, found guilty]
    labels:
      guilty: {{definition: Found guilty of {0}., cues: [convicted, found guilty, guilty of]}}
      not_guilty: {{definition: Acquitted of {0}., cues: [acquitted, not guilty]}}
"""

CODEBOOK = "topics:\n" + "".join(f"  {c}.verdict:{VERDICT.format(c)}" for c in ("theft", "fraud", "bribery")) + """\
  bail.status:
    type: label
    description: Whether the mayor was released on bail.
    subject: [bail, released]
    cues: [bail]
    labels:
      granted: {definition: The judge released the mayor on bail., cues: [granted bail, released on bail]}
      pending: {definition: A release on bail was sought but not yet decided., cues: [decide]}
"""

SOURCES = {
    "a": ("2026-05-02", "The mayor was acquitted of theft. The judge granted bail."),
    "b": ("2026-05-03", "The mayor was convicted of bribery."),
}
CLAIMS = {
    "a": [("theft.verdict", "not_guilty", "The mayor was acquitted of theft"),
          ("bail.status", "granted", "The judge granted bail")],
    "b": [("bribery.verdict", "guilty", "The mayor was convicted of bribery")],
}


@pytest.fixture(scope="module")
def trial(tmp_path_factory):
    return extractor_for(tmp_path_factory.mktemp("trial"), CODEBOOK, SOURCES, CLAIMS)


def test_a_label_after_will_or_to_is_a_plan_or_a_purpose(trial):
    assert ("bribery.verdict", "guilty") not in asserted(trial, "Prosecutors say the mayor will be convicted of bribery.")
    assert ("bribery.verdict", "guilty") not in asserted(trial, "To convict him of bribery, prosecutors must show intent.")
    assert ("bribery.verdict", "guilty") in asserted(trial, "The mayor was convicted of bribery.")


def test_a_label_still_to_come_is_stated_with_will(trial):
    assert ("bail.status", "pending") in asserted(trial, "The judge will decide on bail for the released mayor.")


def test_a_verdict_governs_its_aside_not_the_next_statement(trial):
    got = asserted(trial, "The mayor was found not guilty of the gravest charges, including theft and fraud, "
                          "but the jury convicted him of bribery.")
    assert {("theft.verdict", "not_guilty"), ("fraud.verdict", "not_guilty"), ("bribery.verdict", "guilty")} <= got
    assert ("bribery.verdict", "not_guilty") not in got


def _possible(extractor, text: str) -> set[tuple[str, str]]:
    return {(f.topic, f.display) for f in extractor.extract(text).findings if f.confidence < 0.6}


def test_a_label_under_a_condition_is_at_most_possible(trial):
    opening = "Unless the appeal court steps in, the mayor stands convicted of bribery."
    assert ("bribery.verdict", "guilty") not in asserted(trial, opening)
    assert ("bribery.verdict", "guilty") in _possible(trial, opening)
    after = "The court will see the mayor convicted of bribery if the tapes prove genuine."
    assert ("bribery.verdict", "guilty") not in asserted(trial, after)
    assert ("bribery.verdict", "guilty") in _possible(trial, after)
    assert ("bribery.verdict", "guilty") in asserted(trial, "Once the tapes proved genuine, the mayor stood convicted of bribery.")


REVIEW = """\
topics:
  port_review.status:
    type: label
    changes_over_time: true
    description: Where the Harbour Authority's review of the permit stands.
    subject: [Harbour Authority, review]
    labels:
      under_review: {definition: The Harbour Authority is reviewing the permit., cues: [reviewing]}
      cleared: {definition: The Harbour Authority cleared the permit., cues: [cleared]}
"""


@pytest.fixture(scope="module")
def port(tmp_path_factory):
    sources = {"a": ("2026-05-02", "The Harbour Authority is reviewing the permit."),
               "b": ("2026-05-09", "The Harbour Authority cleared the permit.")}
    claims = {"a": [("port_review.status", "under_review", "The Harbour Authority is reviewing the permit")],
              "b": [("port_review.status", "cleared", "The Harbour Authority cleared the permit")]}
    return extractor_for(tmp_path_factory.mktemp("port"), REVIEW, sources, claims)


def test_a_label_cue_that_is_its_own_only_subject_says_not_whose_state(port):
    assert asserted(port, "The permit was granted after a lengthy review by the ministry.") == set()
    assert asserted(port, "The Harbour Authority has begun reviewing the permit.") == {("port_review.status", "under_review")}


CAUSE = """\
topics:
  flood.cause:
    type: label
    changes_over_time: true
    description: What caused the flooding of Marrow Creek.
    subject: [flooding, flood]
    labels:
      levee_failure: {definition: A failed levee caused the flooding., cues: [levee failure]}
      unknown: {definition: The cause is not yet known., cues: [remains unknown]}
"""


@pytest.fixture(scope="module")
def flood(tmp_path_factory):
    sources = {"a": ("2026-05-02", "The cause of the flooding remains unknown."),
               "b": ("2026-05-09", "The flooding followed a levee failure.")}
    claims = {"a": [("flood.cause", "unknown", "The cause of the flooding remains unknown")],
              "b": [("flood.cause", "levee_failure", "The flooding followed a levee failure")]}
    return extractor_for(tmp_path_factory.mktemp("flood"), CAUSE, sources, claims)


def test_a_cause_after_a_link_word_and_to_is_stated(flood):
    assert asserted(flood, "The flooding in Marrow Creek was linked to a levee failure upstream.") == {
        ("flood.cause", "levee_failure")}
    assert asserted(flood, "The flooding was put down to the levee failure.") == {("flood.cause", "levee_failure")}
    assert asserted(flood, "Crews worked through the flooding to the levee failure site.") == set()
