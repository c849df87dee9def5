"""Each value type's comparison, with the seed articles' real cases."""

import datetime as dt

import pytest

from claimcheck.claimset.load import load_codebook
from claimcheck.values import TYPES, Context, Names, parse_quantity, words_to_number

from conftest import CLAIMS

BOOK = load_codebook(CLAIMS / "topics.yaml")
NAMES = Names(BOOK)


def relate(topic: str, a, b):
    t = BOOK.topics[topic]
    vt = TYPES[t.type]
    ctx = Context(t, NAMES)
    return vt.relate(vt.parse(a, ctx), vt.parse(b, ctx), ctx)


@pytest.mark.parametrize("a,b,kind", [
    ("Haji Najib", "Najib", "same"),  # honorific ignored
    ("Haji Najib", "haji NAJIB", "same"),
    ("Khawaja Muhammad Asif", "Khawaja Asif", "same"),  # codebook alias
    ("Haji Najib", "Rahmatullah Najib", "compatible"),  # one name part of the other
    ("Haji Najib", "Rahmatullah Mujib", "different"),
    ("Zabiullah Mujahid", "Zabihullah Mujahid", "same"),
    ("Mehmet Yıldız", "Mehmet Yildiz", "same"),  # diacritics
    ("Ibraheem Bahiss", "Ibrahim Bahiss", "same"),  # spelling variant over the threshold
])
def test_person(a, b, kind):
    assert relate("afghan_delegation.leader", a, b).kind == kind


def test_person_near_miss_names_the_parts_and_score():
    r = relate("afghan_delegation.leader", "Haji Najib", "Rahmatullah Mujib")
    assert "'najib' ~ 'mujib' 0.60" in r.reason
    assert r.similarity == pytest.approx(0.6)


def test_person_spelling_difference_reports_both_spellings_similarity_and_fixes():
    r = relate("afghan_delegation.leader", "Maria Delgado", "Mario Delgado")
    assert r.kind == "compatible"
    assert r.reason.startswith("spelled differently: Maria / Mario (similarity 0.92)")
    assert "declare them one entity" in r.reason and "`distinct`" in r.reason


@pytest.mark.parametrize("text,low,high", [
    ("seven", 7, 7), ("seven-member", None, None), ("twenty-one", 21, 21), ("2,611", 2611, 2611),
    ("two hundred and five", 205, 205), ("second", 2, 2), ("14th", 14, 14), ("dozens", 24, 99),
    ("nearly 14", 11.2, 14), ("10-12", 10, 12), ("a dozen", 12, 12),
])
def test_quantities(text, low, high):
    q = parse_quantity(text)
    if low is None:
        assert q is None  # "-member" is the article's wording; extraction strips it, values do not guess
    else:
        assert (q.low, q.high) == (pytest.approx(low), pytest.approx(high))


@pytest.mark.parametrize("a,b,kind", [
    (7, 7, "same"), (2, 7, "different"), (7, "seven", "same"), ("dozens", 40, "compatible"),
    ("dozens", 7, "different"), (14, "nearly 14", "compatible"), ("dozens", "hundreds", "different"),
])
def test_number(a, b, kind):
    assert relate("pakistan_delegation.size", a, b).kind == kind


def test_vague_is_never_an_exact_match():
    r = relate("clashes.deaths", "dozens", 30)
    assert r.kind == "compatible" and "never an exact match" in r.reason


@pytest.mark.parametrize("a,b,kind,reason", [
    (dt.date(2025, 10, 19), "2025-10-19", "same", "same day"),
    (dt.date(2025, 10, 19), "2025-10-18/2025-10-19", "compatible", "one lies inside the other"),
    ("2025-10-15", "2025-10-16", "different", "1 day apart"),
    ("2025-10-18/2025-10-19", "2025-10-19/2025-10-21", "compatible", "the ranges overlap"),
    ("2025-10", "2025-10-09", "compatible", "one lies inside the other"),
])
def test_date(a, b, kind, reason):
    r = relate("ceasefire.doha_date", a, b)
    assert (r.kind, r.reason) == (kind, reason)


@pytest.mark.parametrize("a,b,kind", [
    (["Qatar", "Turkey"], ["Türkiye", "Qatar"], "same"),
    (["Turkey"], ["Turkey", "Qatar"], "compatible"),
    (["Turkey", "Saudi Arabia"], ["Turkey", "Qatar"], "different"),
])
def test_list(a, b, kind):
    assert relate("istanbul_talks.mediators", a, b).kind == kind


@pytest.mark.parametrize("a,b,kind", [
    ("deadlock", "deadlock", "same"), ("deadlock", "no_agreement", "compatible"),
    ("in_progress", "agreement", "different"),
])
def test_label(a, b, kind):
    assert relate("talks.outcome", a, b).kind == kind


def test_label_not_in_codebook_suggests_one():
    t = BOOK.topics["talks.outcome"]
    with pytest.raises(ValueError, match="did you mean 'deadlock'"):
        TYPES["label"].parse("deadlok", Context(t, NAMES))


def test_text_shows_the_differing_words():
    r = relate("asif.open_war_quote", "If these talks fail, it will be an open war",
               "If the talks fail, it will be an open war")
    assert r.kind == "same" and "[-these] [+the]" in r.reason
    r = relate("asif.open_war_quote", "If these talks fail, it will be an open war",
               "We have the option, if no agreement takes place, we have an open war with them")
    assert r.kind == "different" and "[+with them]" in r.reason


def test_words_to_number_refuses_non_numbers():
    assert words_to_number("Najib") is None
    assert words_to_number("seventy five") == 75


def test_close_full_names_with_different_surnames_stay_different():
    r = relate("afghan_delegation.leader", "Rahmatullah Najib", "Rahmatullah Mujib")
    assert r.kind == "different"


def test_a_curated_number_may_write_its_scale_short():
    assert words_to_number("32bn") == 32_000_000_000
    assert words_to_number("1.5 mln") == 1_500_000
    q = parse_quantity("more than 3.2bn")
    assert (q.low, q.low_open) == (3_200_000_000, True)
    assert words_to_number("5m") is None  # metres or minutes as often as millions: written out, or refused
