"""`check` learns a topic from its curated claims, and reads values as a careful reader would.

The claim set here is a made-up flood story whose codebook has no cues at all: every finding
below comes from the curated quotes (and the codebook's names and definitions), in words those
quotes never used.
"""

from __future__ import annotations

import datetime as dt
import json
import textwrap

import pytest

from claimcheck.check.extract import Extractor
from claimcheck.check.learn import learn, lemma
from claimcheck.claimset.load import load_claim_set
from claimcheck.check.mentions import Anchor, find_dates, find_numbers

CODEBOOK = """\
topics:
  flood.deaths:
    type: number
    unit: people
    description: How many people died in the floods.
  flood.evacuated:
    type: number
    unit: people
    description: How many people were moved from their homes.
  dam.status:
    type: label
    description: Whether the river's dam held.
    labels:
      breached:
        definition: The dam broke or gave way.
      intact:
        definition: The dam held; it did not break.
  relief.coordinator:
    type: person
    description: Who leads the relief effort.
  flood.date:
    type: date
    description: The day the river burst its banks.
  truce.end_date:
    type: date
    description: The day the local truce between the rival groups ends.
  river.round:
    type: number
    description: Which flood of the year this was, as an ordinal.
  relief.fund_eur:
    type: number
    unit: euros
    description: The relief fund, in euros.
  relief.fund_usd:
    type: number
    unit: dollars
    description: The relief fund, in dollars.
  sirens.time:
    type: time
    description: When the flood sirens sounded.
"""

SOURCES = {
    "a": ("2026-03-02", "Floods killed 14 people in the valley, officials said. Some 2,000 residents were evacuated overnight. "
                        "The dam broke on Sunday, and relief work is led by coordinator Maria Keller. "
                        "It was the second flood of the year. The fund holds 3 million euros ($3.3 million). "
                        "Sirens sounded at 4:15 a.m. across the valley."),
    "b": ("2026-03-03", "The death toll rose to 17 people. Rescuers evacuated 2,400 residents. "
                        "The dam gave way under the water, said Maria Keller, who leads the relief effort. "
                        "The river burst its banks on March 1, 2026, in the third flood this year. "
                        "A truce between the rival groups holds until March 8, 2026."),
}
CLAIMS = {
    "a": [("flood.deaths", "14", "Floods killed 14 people in the valley"),
          ("flood.evacuated", "2000", "Some 2,000 residents were evacuated overnight."),
          ("dam.status", "breached", "The dam broke on Sunday"),
          ("relief.coordinator", "Maria Keller", "relief work is led by coordinator Maria Keller"),
          ("river.round", "2", "It was the second flood of the year."),
          ("relief.fund_eur", "3000000", "The fund holds 3 million euros"),
          ("relief.fund_usd", "3300000", "The fund holds 3 million euros ($3.3 million)."),
          ("sirens.time", "04:15", "Sirens sounded at 4:15 a.m. across the valley.")],
    "b": [("flood.deaths", "17", "The death toll rose to 17 people."),
          ("flood.evacuated", "2400", "Rescuers evacuated 2,400 residents."),
          ("dam.status", "breached", "The dam gave way under the water"),
          ("relief.coordinator", "Maria Keller", "Maria Keller, who leads the relief effort"),
          ("flood.date", "2026-03-01", "The river burst its banks on March 1, 2026"),
          ("river.round", "3", "in the third flood this year"),
          ("truce.end_date", "2026-03-08", "A truce between the rival groups holds until March 8, 2026.")],
}


def _write_set(root):
    claims = root / "claims"
    (root / "articles").mkdir(parents=True)
    claims.mkdir()
    (claims / "topics.yaml").write_text(CODEBOOK)
    for sid, (published, text) in SOURCES.items():
        (root / "articles" / f"{sid}.txt").write_text(text)
        lines = [f"id: {sid}", f"outlet: Outlet {sid.upper()}", f"published: {published}", f"text: ../articles/{sid}.txt", "claims:"]
        for topic, value, quote in CLAIMS[sid]:
            lines += [f"  - topic: {topic}", f"    value: {json.dumps(value) if topic.endswith('coordinator') or topic in ('dam.status', 'sirens.time') else value}",
                      f"    quote: {json.dumps(quote)}"]
        (claims / f"{sid}.yaml").write_text("\n".join(lines) + "\n")
    return claims


@pytest.fixture(scope="module")
def flood(tmp_path_factory):
    claims = _write_set(tmp_path_factory.mktemp("flood"))
    cs = load_claim_set(claims)
    return cs, Extractor(cs.codebook, cs.claims, 2026)


def found(ex, text, published=None, threshold=0.6):
    return {(f.topic, f.display) for f in ex.extract(text, published).findings if f.confidence >= threshold}


def how(ex, text, topic, published=None):
    return next(f.how for f in ex.extract(text, published).findings if f.topic == topic)


# --------------------------------------------------------------------------- learning


def test_lemmas_join_the_forms_of_a_word():
    assert [lemma(w) for w in ("collapsed", "collapsing", "led", "killed", "deaths", "began", "begun")] == [
        "collapse", "collapse", "lead", "kill", "death", "begin", "begin"]


def test_cues_are_learned_beside_the_values_of_curated_quotes(flood):
    cs, ex = flood
    deaths = ex.evidence["flood.deaths"]
    assert ("kill",) in {c.lemmas for c in deaths.cues}
    assert ("evacuate",) in {c.lemmas for c in ex.evidence["flood.evacuated"].cues}
    breached = {c.lemmas for c in ex.evidence["dam.status"].cues if c.label == "breached"}
    assert ("broke",) in breached  # in the curated quote and in the label's definition
    assert ("intact",) in {c.lemmas for c in ex.evidence["dam.status"].cues if c.label == "intact"}  # its name


def test_a_topic_with_no_cue_is_read_in_new_words(flood):
    _, ex = flood
    text = "The floods are killing more people: 23 were killed by Tuesday. Soldiers evacuated 3,100 residents from the plain."
    got = found(ex, text)
    assert ("flood.deaths", "23") in got
    assert ("flood.evacuated", "3100") in got
    assert how(ex, text, "flood.evacuated") == "number as written '3,100', 0 words from the cue 'evacuated' (learned from 2 curated quotes and the topic's description)"


def test_what_is_left_out_is_not_learned_from(flood):
    cs, _ = flood
    only_a = Extractor(cs.codebook, [c for c in cs.claims if c.source_id == "a"], 2026)
    assert ("rise", "to") not in {c.lemmas for c in only_a.evidence["flood.deaths"].cues}  # b's "rose to" stays with b
    assert ("rise", "to") in {c.lemmas for c in learn(cs.codebook, cs.claims, only_a._value_span)["flood.deaths"].cues}


def test_a_label_is_read_from_its_definition_and_examples(flood):
    _, ex = flood
    assert ("dam.status", "breached") in found(ex, "Overnight the old dam broke and the water poured through.")
    assert ("dam.status", "intact") in found(ex, "The dam remained intact after the storm.")


def test_a_negated_label_turns_to_its_negation_only_where_the_codebook_has_one(flood, tmp_path):
    cs, _ = flood
    from claimcheck.claimset.load import load_claim_set as load

    # The bundled codebook has agreement and no_agreement: "did not reach" turns one into the other.
    bundled = load("claims")
    ex = Extractor(bundled.codebook, bundled.claims, 2025)
    findings = ex.extract("The Istanbul talks did not reach an agreement.", dt.date(2025, 10, 27)).findings
    (outcome,) = [f for f in findings if f.topic == "talks.outcome"]
    assert outcome.value == "no_agreement"
    assert "negated ('not reach an agreement'), so 'no_agreement'" in outcome.how
    # "almost" states nothing; "not begun" has no label of its own to turn into.
    for text in ("The Istanbul talks almost collapsed.", "The Istanbul talks have not begun."):
        assert [f for f in ex.extract(text, dt.date(2025, 10, 27)).findings if f.topic == "talks.outcome"] == []


def test_a_person_topic_learns_its_cue_and_skips_places(flood):
    _, ex = flood
    assert ("relief.coordinator", "Anna Berg") in found(ex, "Relief work is now led by Anna Berg, the regional manager.")


# --------------------------------------------------------------------------- values bound to what they describe


def test_scale_words_and_currency_signs_are_part_of_the_number():
    got = [(m.text, m.value.low, m.unit) for m in find_numbers("stole jewels valued at 88 million euros ($102 million) on Sunday")]
    assert got == [("88 million", 88e6, "euros"), ("$102 million", 102e6, "dollars")]
    (over,) = find_numbers("valued at over $100 million.")
    assert (over.text, over.value.low, over.value.high, over.unit) == ("over $100 million", 100e6, float("inf"), "dollars")


def test_each_amount_goes_to_the_topic_of_its_currency(flood):
    _, ex = flood
    got = found(ex, "The fund now holds 5 million euros ($5.4 million), the council said.")
    assert ("relief.fund_eur", "5000000") in got and ("relief.fund_usd", "5400000") in got
    assert ("relief.fund_eur", "5400000") not in got and ("relief.fund_usd", "5000000") not in got


def test_ages_and_ordinal_forms_are_not_counts(flood):
    _, ex = flood
    got = found(ex, "Keller, 55, said 20 people were killed. It is the fourth flood of the year, and 5 key lessons stand out.", threshold=0.3)
    assert ("flood.deaths", "55") not in got and ("flood.deaths", "20") in got
    assert ("river.round", "4") in got and ("river.round", "5") not in got  # the sources write rounds as ordinals


# --------------------------------------------------------------------------- dates: roles and anchors


def test_an_end_or_a_plan_is_not_the_day_a_thing_happened(flood):
    _, ex = flood
    text = "The river burst its banks on March 9, 2026. The rival groups agreed a truce until March 20, 2026."
    got = found(ex, text)
    assert ("flood.date", "2026-03-09") in got
    assert ("truce.end_date", "2026-03-20") in got and ("flood.date", "2026-03-20") not in got
    planned = found(ex, "Officials will meet again on March 12, 2026, after the river burst its banks.", threshold=0.3)
    assert ("flood.date", "2026-03-12") not in planned


def test_until_a_part_of_a_day_ends_something_too(flood):
    _, ex = flood
    text = "date 2026-03-10\nThe river burst its banks, and the crews of the town worked on until late Sunday."
    assert [(f.topic, f.display) for f in ex.extract(text).findings if f.topic == "flood.date"] == []
    (m,) = find_dates("until late Sunday", ex.anchor(text))
    assert (m.text, str(m.value)) == ("until late Sunday", "2026-03-08")


def test_the_article_own_latest_date_anchors_relative_dates(flood):
    _, ex = flood
    text = "Rain began on March 5, 2026. The river burst its banks on Friday, three days ago."
    anchor = ex.anchor(text)
    assert (anchor.date, anchor.inferred) == (dt.date(2026, 3, 5), True)
    assert anchor.how == "latest date the article gives ('March 5, 2026'; no dateline)"
    (ago,) = [m for m in find_dates("three days ago", anchor) if m.value]
    assert ago.value.start == dt.date(2026, 3, 2)


def test_a_dateline_dates_the_article_and_is_no_fact(flood):
    _, ex = flood
    text = "date 2026-03-10\nThe river burst its banks on Sunday."
    findings = [f for f in ex.extract(text).findings if f.topic == "flood.date"]
    assert [f.display for f in findings] == ["2026-03-08"]
    assert "counted from the dateline '2026-03-10'" in findings[0].how


def test_a_dateline_is_no_fact_when_the_publication_date_is_given_too(flood):
    _, ex = flood
    text = "date 2026-03-10 River burst its banks again\nThe river burst its banks on Sunday."
    findings = [(f.topic, f.display, f.confidence >= 0.6) for f in ex.extract(text, dt.date(2026, 3, 10)).findings]
    assert findings == [("flood.date", "2026-03-08", True)]  # not the page's own stamp, 2026-03-10


def test_of_several_datelines_the_earliest_dates_the_article(flood):
    _, ex = flood
    text = "Tuesday, December 22, 2026\nNews desk, 10 March, 2026 10:57 AM\nThe river burst its banks on Sunday."
    findings = [f for f in ex.extract(text).findings if f.topic == "flood.date"]
    assert [f.display for f in findings] == ["2026-03-08"]  # the page's own date is no later story's
    assert "counted from the dateline '10 March, 2026'" in findings[0].how


def test_week_phrases_span_both_week_conventions():
    saturday = Anchor(dt.date(2025, 10, 25), "--published date")
    (m,) = find_dates("earlier this week", saturday)
    assert (m.value.start, m.value.end) == (dt.date(2025, 10, 19), dt.date(2025, 10, 24))  # from the Sunday before
    (last,) = find_dates("last week", saturday)
    assert (last.value.start, last.value.end) == (dt.date(2025, 10, 12), dt.date(2025, 10, 19))


# --------------------------------------------------------------------------- through the command line


def test_check_with_a_codebook_without_cues_explains_what_it_learned(run, tmp_path):
    claims = _write_set(tmp_path)
    article = tmp_path / "new.txt"
    article.write_text(textwrap.dedent("""\
        March 4, 2026 - The death toll from the floods has risen to 21 people, and 2,900 residents have been evacuated.
    """))
    result = run("check", "--claims", claims, article, "--format", "json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    got = {(f["topic"], f["value"], f["verdict"]) for f in doc["findings"] if not f["possible"]}
    assert ("flood.deaths", 21, "contradicts") in got
    assert ("flood.evacuated", 2900, "contradicts") in got
    deaths = next(f for f in doc["findings"] if f["topic"] == "flood.deaths")
    assert "learned from" in deaths["how"]


def test_a_day_carries_to_the_next_sentence_that_points_back_to_it():
    from claimcheck.claimset.load import load_claim_set as load

    bundled = load("claims")
    ex = Extractor(bundled.codebook, bundled.claims, 2025)
    text = "On October 18 the two delegations met in Doha. During that session Qatar and Turkey brokered a ceasefire."
    (doha,) = [f for f in ex.extract(text, dt.date(2025, 10, 27)).findings if f.topic == "ceasefire.doha_date"]
    assert doha.display == "2025-10-18" and doha.value_text == "that session"
    assert doha.how.startswith("'that session' is the day the sentence before gives ('October 18')")
    # Without the pointer the ceasefire sentence states no day of its own.
    alone = "On October 18 the two delegations met in Doha. Qatar and Turkey brokered a ceasefire."
    assert [f for f in ex.extract(alone, dt.date(2025, 10, 27)).findings if f.topic == "ceasefire.doha_date"] == []


def test_a_number_followed_by_its_own_predicate_is_that_predicate_s(flood):
    _, ex = flood
    text = "Rescuers evacuated 2,900 people and 31 were killed."
    got = found(ex, text, threshold=0.3)
    assert ("flood.evacuated", "2900") in got and ("flood.deaths", "31") in got
    assert ("flood.evacuated", "31") not in got


@pytest.mark.parametrize("text, counts", [
    ("The Route 38 bus overturned, injuring 12 passengers.", ["12"]),
    ("Their Airbus 320 landed with 150 people on board.", ["150"]),
    ("Rescuers met in Room 101 as 30 volunteers waited.", ["30"]),
    ("In Valencia 10 people died.", ["10"]),
    ("Floods Kill 20 In Valencia", ["20"]),
])
def test_identifiers_are_not_counts(text, counts):
    assert [m.text for m in find_numbers(text)] == counts


def test_a_time_topic_learns_its_cues_too(flood):
    _, ex = flood
    assert ("sound",) in {c.lemmas for c in ex.evidence["sirens.time"].cues}
    assert ("sirens.time", "18:40") in found(ex, "The sirens sounding at 6:40 p.m. warned the last residents.", threshold=0.5)


def test_who_is_counted_is_no_cue_of_its_own(flood):
    _, ex = flood
    assert ("people",) in {c.lemmas for c in ex.evidence["flood.deaths"].cues}  # learnt beside the value...
    assert ("people",) not in {c.lemmas for c in ex.rules["flood.deaths"].cues}  # ...but never read by
