"""Reading facts out of articles: sentences, mentions, and codebook-driven findings.

The synthetic articles in tests/fixtures/check-* use other names, numbers and wording than the
seed articles, so these tests show the extraction generalises rather than knowing five texts.
"""

from __future__ import annotations

import datetime as dt

import pytest

from claimcheck.check.article import read_article
from claimcheck.check.extract import Extractor
from claimcheck.claimset.load import load_claim_set, load_codebook
from claimcheck.check.mentions import Anchor, find_dates, find_numbers
from claimcheck.check.people import find_names
from claimcheck.check.sentences import clauses, split_sentences

from conftest import CLAIMS, ROOT, SEEDS

FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture(scope="module")
def extractor():
    cs = load_claim_set(CLAIMS)
    return Extractor(cs.codebook, cs.claims, 2025)


def asserted(extraction, threshold=0.6):
    return sorted((f.topic, f.display) for f in extraction.findings if f.confidence >= threshold)


# --------------------------------------------------------------------------- sentences


def test_sentences_keep_offsets_and_split_run_in_headlines():
    text = "Talks Hit Deadlock amid warnings.Peace talks stalled.\nU.S. President Trump spoke. “It ended. We go on,” he said."
    got = [(s.text, s.heading) for s in split_sentences(text)]
    assert got == [("Talks Hit Deadlock amid warnings.", False), ("Peace talks stalled.", False),
                   ("U.S. President Trump spoke.", False), ("“It ended. We go on,” he said.", False)]
    for s in split_sentences(text):
        assert text[s.start:s.end] == s.text


def test_boilerplate_lines_are_not_article_text():
    text = "Talks ended.\nAlso Read: Have the talks failed? Deadlock persists\nRead more: ceasefire agreed"
    assert [s.text for s in split_sentences(text)] == ["Talks ended."]


def test_clauses_count_asides_as_part_of_their_clause():
    s = "The recent confrontation, which left dozens dead, including civilians, erupted after explosions in Kabul."
    cl = clauses(s)
    assert cl.apart(s.index("confrontation"), s.index("erupted")) == 1
    assert cl.apart(s.index("confrontation"), s.index("which")) == 1


# --------------------------------------------------------------------------- mentions


def test_dates_absolute_ranges_and_relative():
    anchor = Anchor(dt.date(2025, 10, 27), "--published date")
    text = "in Doha on October 18-19, on Oct 27, 2025, on October 9th, on Saturday, last Sunday, earlier this month, in mid-October"
    got = [(m.text, str(m.value)) for m in find_dates(text, anchor)]
    assert got == [("October 18-19", "2025-10-18/2025-10-19"), ("Oct 27, 2025", "2025-10-27"), ("October 9th", "2025-10-09"),
                   ("on Saturday", "2025-10-25"), ("last Sunday", "2025-10-26"),
                   ("earlier this month", "2025-10-01/2025-10-26"), ("mid-October", "2025-10-11/2025-10-20")]
    (m,) = find_dates("on Saturday, October 25, 2025", anchor)  # the weekday adds nothing to the date
    assert m.text == "October 25, 2025"


def test_relative_dates_without_an_anchor_are_unresolved_not_guessed():
    (m,) = find_dates("talks began on Saturday", Anchor())
    assert m.value is None
    assert m.unresolved == "a relative date and no publication date to count from; pass --published"
    (m,) = find_dates("agreed on October 15", Anchor())
    assert m.value is None and "no year" in m.unresolved
    (m,) = find_dates("agreed on October 15", Anchor(year=2025, year_how="the claim set"))
    assert str(m.value) == "2025-10-15" and m.how == "date as written; year 2025 assumed from the claim set"


def test_numbers_in_words_compounds_ordinals_and_vague():
    text = "a seven-member delegation, the nine-hour talks, the second round, nearly two weeks, 2,611-kilometer, dozens dead, in 2021"
    got = [(m.text, m.value.low, m.value.text, m.unit) for m in find_numbers(text)]
    assert got == [("seven", 7, None, "member"), ("nine", 9, None, "hour"), ("second", 2, None, "round"),
                   ("nearly two", 1.6, "nearly 2", "weeks"), ("2,611", 2611, None, "kilometer"), ("dozens", 24, "dozens", "dead")]


def test_names_lose_titles_and_possessives():
    text = "led by Deputy Interior Minister Haji Najib, while Pakistan's Defence Minister Khawaja Muhammad Asif spoke"
    assert [m.text for m in find_names(text)] == ["Haji Najib", "Pakistan", "Khawaja Muhammad Asif"]


# --------------------------------------------------------------------------- findings


def test_wire_report_with_a_dateline(extractor):
    a = read_article(str(FIXTURES / "check-wire-report.txt"), 100_000)
    ex = extractor.extract(a.text)
    assert ex.anchor.date == dt.date(2025, 11, 2) and ex.anchor.how == "dateline 'Nov 2, 2025'"
    assert asserted(ex) == [
        ("afghan_delegation.leader", "Mawlawi Abdul Kabir"),
        ("border.crossings_closed_days", "22"),
        ("ceasefire.doha_date", "2025-10-20"),
        ("ceasefire.initial_date", "2025-10-14"),
        ("clashes.deaths", "more than 40"),
        ("clashes.injured", "at least 150"),
        ("istanbul_talks.duration", "12"),
        ("istanbul_talks.mediators", "Turkey, Qatar"),
        ("istanbul_talks.round", "3"),
        ("pakistan_delegation.size", "5"),
        ("talks.outcome", "no_agreement"),
    ]
    assert ex.unresolved == ()


def test_markdown_article_with_relative_dates(extractor):
    a = read_article(str(FIXTURES / "check-envoys-meet.md"), 100_000)
    ex = extractor.extract(a.text, dt.date(2025, 10, 24))
    assert asserted(ex) == [
        ("afghan_delegation.leader", "Sher Mohammad Abbas Stanikzai"),
        ("ceasefire.initial_date", "2025-10-22"),
        ("ceasefire.initial_duration", "72"),
        ("clashes.deaths", "dozens"),
        ("istanbul_talks.mediators", "Qatar, Turkey"),
        ("istanbul_talks.round", "2"),
        ("istanbul_talks.start_date", "2025-10-23"),
        ("pakistan_delegation.leader", "Tariq Hameed"),
        ("pakistan_delegation.size", "11"),
        ("talks.outcome", "in_progress"),
    ]
    start = next(f for f in ex.findings if f.topic == "istanbul_talks.start_date")
    assert start.value_text == "on Thursday"
    assert start.how.startswith("'on Thursday' counted from the --published date (2025-10-24, a Friday)")


def test_html_article(extractor):
    a = read_article(str(FIXTURES / "check-talks-collapse.html"), 100_000, html_extractor="stdlib")
    ex = extractor.extract(a.text)
    assert asserted(ex) == [
        ("afghan_delegation.leader", "Rahmatullah Mujib"),
        ("border.length_km", "2611"),
        ("ceasefire.doha_date", "2025-10-19"),
        ("clashes.deaths", "23"),
        ("clashes.injured", "29"),
        ("doha_talks.mediators", "Qatar, Turkey"),
        ("pakistan_delegation.size", "7"),
        ("talks.outcome", "no_agreement"),
    ]
    leader = next(f for f in ex.findings if f.topic == "afghan_delegation.leader")
    assert leader.how == "known name 'Rahmatullah Mujib' (named in 001-71e8's claims) 0 words after the cue 'led by'"
    assert a.text[leader.value_start:leader.value_end] == "Rahmatullah Mujib"


def test_seed_003_states_two_dates_for_the_first_ceasefire(extractor):
    text = (SEEDS / "003_bbce39b4dcb24287.txt").read_text(encoding="utf-8")
    ex = extractor.extract(text, dt.date(2025, 10, 27))
    initial = sorted(f.display for f in ex.findings if f.topic == "ceasefire.initial_date" and f.confidence >= 0.6)
    assert initial == ["2025-10-15", "2025-10-16"]
    assert any(n.startswith("the article contradicts itself on ceasefire.initial_date: 2025-10-16") for n in ex.notes)
    outcome = {f.value: f for f in ex.findings if f.topic == "talks.outcome"}
    assert outcome["deadlock"].confidence >= 0.6 and outcome["deadlock"].mentions == 3  # headline, body, subhead
    # "welcomed the ongoing talks", once, against the article's repeated deadlock: only possible
    assert outcome["in_progress"].confidence < 0.6
    assert "stated once, while the article says 'deadlock' 3 times" in outcome["in_progress"].how


@pytest.mark.parametrize("sentence", [
    "Failure to reach a breakthrough in the Istanbul talks could mean war.",
    "Officials said the Istanbul negotiations could end in a stalemate.",
    "The Istanbul talks have not begun.",
])
def test_conditions_forecasts_and_negations_assert_no_outcome(extractor, sentence):
    assert [f for f in extractor.extract(sentence, dt.date(2025, 10, 27)).findings if f.topic == "talks.outcome"] == []


def test_a_question_is_only_possible(extractor):
    (f,) = [f for f in extractor.extract("Have the Istanbul talks collapsed?").findings if f.topic == "talks.outcome"]
    assert f.value == "no_agreement" and f.confidence < 0.6 and f.how.endswith("a question, not a statement")


def test_a_new_topic_in_the_codebook_is_looked_for_with_no_code_change(tmp_path):
    book = (CLAIMS / "topics.yaml").read_text(encoding="utf-8") + (
        "\n  refugees.returned:\n    type: number\n    unit: people\n"
        "    description: How many refugees returned across the border.\n"
        "    subject: [refugees, Afghans]\n    cues: [returned, repatriated, sent back]\n")
    (tmp_path / "topics.yaml").write_text(book, encoding="utf-8")
    ex = Extractor(load_codebook(tmp_path / "topics.yaml"))
    found = ex.extract("Officials said some 12,000 Afghan refugees returned through Torkham in a single week.").findings
    assert [(f.topic, f.display) for f in found] == [("refugees.returned", "some 12000")]


# --------------------------------------------------------------------------- cue needles


def test_lower_unsafe_lists_every_character_re_folds_to_ascii_that_lower_does_not():
    """lowered(s) may rule a cue out only if every case-insensitive match of an ASCII piece is
    found by str.lower(): checked over every code point."""
    import re
    import sys

    from claimcheck.check.cues import _LOWER_UNSAFE

    ascii_ci = re.compile("[!-~]", re.I)
    missed = []
    for cp in range(0x80, sys.maxunicode + 1):
        c = chr(cp)
        if ascii_ci.fullmatch(c) and not _LOWER_UNSAFE.match(c):
            low = c.lower()
            if not (len(low) == 1 and low.isascii() and re.fullmatch(re.escape(low), c, re.I)):
                missed.append(hex(cp))
    assert missed == []


@pytest.mark.parametrize("text", [
    "Talks in İstanbul were HEADED BY Mullah Yaqoob.",  # dotted capital I: str.lower() makes two characters
    "The ſecond round was led by Haji Najib.",  # long s, which re matches to 's'
    "The K\u212aabul delegation was led by Haji Najib, the cease-fire held.",  # Kelvin sign
])
def test_needles_never_rule_out_a_cue_the_scan_would_find(extractor, monkeypatch, text):
    from claimcheck.check import readers

    texts = [text] + [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))] \
        + [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("check-*.txt"))]
    fast = [extractor.extract(t, dt.date(2025, 10, 27)) for t in texts]
    monkeypatch.setattr(readers, "lowered", lambda s: None)
    assert [extractor.extract(t, dt.date(2025, 10, 27)) for t in texts] == fast


def test_phrase_needles_are_the_literal_pieces_of_the_pattern():
    from claimcheck.check.cues import phrase_needles

    assert phrase_needles("Led  by") == ("led", "by")
    assert phrase_needles("cease-fire") == ("cease", "fire")
    assert phrase_needles("-led") == ("led",)
    assert phrase_needles("Türkiye's mediation") is None


def test_a_thousands_separator_is_no_clause_break():
    from claimcheck.check.sentences import clauses

    assert clauses("The toll rose to 1,644 on Monday, officials said.").bounds == ((0, 32), (34, 49))
    assert len(clauses("They counted 3, 4 and 5.").bounds) == 2


def test_the_extractor_keeps_nothing_of_an_article_so_articles_may_be_read_at_once(extractor):
    from concurrent.futures import ThreadPoolExecutor

    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    alone = [extractor.extract(t, dt.date(2025, 10, 30)).findings for t in texts]
    assert not extractor._surnames and not extractor._last_point  # nothing of the last article stays behind
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(lambda t: extractor.extract(t, dt.date(2025, 10, 30)).findings, texts * 3))
    assert together == alone * 3
