"""Synthetic claim sets in claimcheck's own format, deterministic from a seed, for benchmarks and tests.

A set is a folder holding `claims/` (the bundled codebook `topics.yaml` and one YAML file per source)
and `articles/` (one text per source that contains every quote, so `claimcheck validate` grounds
them for real). The variation is the kind real coverage has: name spellings, honorifics and
misspellings; number words and digits, vague numbers; days, ranges and months; list subsets and
alias spellings (Türkiye/Turkey); compatible and incompatible labels; changing facts reported as of
different dates; one speaker quoted in several wordings; wire copy shared near-verbatim between
articles; quotes that need normalising (curly apostrophes), omissions (...) and [insertions].
The number of distinct values per topic grows slowly with the number of sources (about its square
root: tens at a hundred sources, a few hundred at fifty thousand), as real topics have few.

Library:  generate(out_dir, sources=30, claims_per_source=10, seed=0) -> the claims folder
CLI:      python benchmarks/generate.py --sources N --claims-per-source M --out DIR --seed S
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import math
import random
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
CODEBOOK = ROOT / "claims" / "topics.yaml"
YEAR = 2025


# --------------------------------------------------------------------------- words


_SMALL = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
          "sixteen seventeen eighteen nineteen").split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_ORDINAL = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth", 7: "seventh",
            8: "eighth", 9: "ninth", 10: "tenth", 11: "eleventh", 12: "twelfth"}
_MONTHS = "January February March April May June July August September October November December".split()


def number_words(n: int) -> str:
    """7 -> 'seven', 48 -> 'forty-eight' (0-99; larger numbers stay digits)."""
    if n < 20:
        return _SMALL[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else "-" + _SMALL[n % 10])
    return f"{n:,}"


def day_words(d: dt.date, rng: random.Random) -> str:
    month = _MONTHS[d.month - 1]
    return rng.choice([f"{month} {d.day}", f"{d.day} {month}", f"{month[:3]}. {d.day}" if d.month != 5 else f"{month} {d.day}"])


def list_words(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def zipf_choice(rng: random.Random, pool: list, skew: float = 1.3):
    """A pool item, the first ones far more often: most sources agree, a long tail does not."""
    weights = _weights(len(pool), skew)
    return rng.choices(pool, cum_weights=weights)[0]


_WEIGHT_CACHE: dict[tuple[int, float], list[float]] = {}


def _weights(n: int, skew: float) -> list[float]:
    key = (n, skew)
    if key not in _WEIGHT_CACHE:
        total, cum = 0.0, []
        for r in range(n):
            total += 1 / (r + 1) ** skew
            cum.append(total)
        _WEIGHT_CACHE[key] = cum
    return _WEIGHT_CACHE[key]


# --------------------------------------------------------------------------- names

_FIRST = ("Rahmatullah Najib Anas Noor Zabihullah Sirajuddin Abdul Amir Mohammad Hamdullah Suhail Shahabuddin "
          "Bilal Fazal Saeed Hassan Qayyum Ibrahim Tahir Farooq Latif Haroon Rashid Sultan Zia Asim Ishaq "
          "Khalil Mawlana Obaidullah Nooruddin Habibullah Sher Abbas Ahmad Yaqoob Hafizullah Wahidullah Mujib "
          "Inayatullah Karim Ghulam Akbar Nasir Jalal Sami Umar Waheed Ehsan Qudratullah Aziz Nazar").split()
_LAST = ("Mujib Najib Haqqani Noor Nusrat Mujahid Muttaqi Akhund Baradar Shaheen Karimi Wali Zakir Sadr "
         "Andrabi Ahmed Mahmood Malik Munir Dar Khan Stanikzai Fitrat Omari Hanafi Kabir Azizi Ahmadzai "
         "Rahimi Sharifi Hotak Popal Achakzai Durrani Niazi Qureshi Chaudhry Butt Abbasi Rana Shah "
         "Hussain Raza Afridi Yousafzai Wardak Barakzai").split()
_TITLES = ["Deputy Interior Minister", "senior official", "Deputy Minister", "intelligence chief", "acting minister",
           "chief negotiator", "former ambassador", "senior commander"]
_HONORIFICS = ["Haji", "Mullah", "Maulvi", "Mawlawi", "Sheikh", "Qari", "Dr.", "Gen."]


def misspell(name: str, rng: random.Random) -> str:
    """A transliteration variant of one part of a name: 'Mujib' -> 'Mujeeb', 'Haqqani' -> 'Haqani'."""
    parts = name.split()
    i = rng.randrange(len(parts))
    p = parts[i]
    for old, new in rng.sample([("ee", "i"), ("i", "ee"), ("u", "oo"), ("qq", "q"), ("q", "k"), ("ullah", "ulla"),
                                ("z", "s"), ("ah", "a"), ("ai", "ay"), ("o", "u"), ("h", ""), ("a", "e")], 12):
        j = p.find(old, 1)
        if j > 0:
            parts[i] = p[:j] + new + p[j + len(old):]
            return " ".join(parts)
    parts[i] = p + p[-1] if p[-1] not in "aeiou" else p[:-1] + "e"
    return " ".join(parts)


@dataclass
class Person:
    name: str
    honorific: str | None
    title: str
    typo: str  # one fixed misspelling, so spellings stay few per person

    def spelling(self, rng: random.Random) -> str:
        r = rng.random()
        base = self.typo if r < 0.12 else self.name
        if self.honorific and rng.random() < 0.5:
            return f"{self.honorific} {base}"
        if r > 0.95 and " " in self.name:
            return self.name.split()[-1]  # the surname alone: one name is part of the other
        return base


def people(rng: random.Random, count: int, fixed: list[tuple[str, str | None]] = ()) -> list[Person]:
    out, seen = [], set()
    for name, hon in fixed:
        out.append(Person(name, hon, rng.choice(_TITLES), misspell(name, rng)))
        seen.add(name)
    while len(out) < count:
        name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}" if rng.random() < 0.9 else rng.choice(_LAST)
        if name in seen or name.split()[0] == name.split()[-1] and " " in name:
            continue
        seen.add(name)
        hon = rng.choice(_HONORIFICS) if rng.random() < 0.35 else None
        out.append(Person(name, hon, rng.choice(_TITLES), misspell(name, rng)))
    return out


# --------------------------------------------------------------------------- a mention of a value


@dataclass
class Mention:
    """One value as an article words it and as a curator records it."""

    value: Any  # for the YAML file
    words: str  # as it reads in the article


@dataclass
class TopicWorld:
    """How one topic's values vary across sources, and how articles word them."""

    name: str
    kind: str
    templates: list[str]  # with {v} for the value's words
    draw: Callable[[random.Random, dt.date], Mention]
    weight: float = 1.0  # how often articles report it
    speakers: list[str] = field(default_factory=list)  # whom a claim may credit; empty: own reporting


def _pool_size(n_sources: int, base: int, per_sqrt: float, cap: int = 10_000) -> int:
    return min(cap, base + int(per_sqrt * math.sqrt(n_sources)))


def person_world(name: str, rng: random.Random, n: int, fixed, templates, weight=1.0, speakers=()):
    pool = people(rng, _pool_size(n, len(fixed) + 1, 0.35), fixed)

    def draw(r: random.Random, _day: dt.date) -> Mention:
        p = zipf_choice(r, pool, 1.4)
        s = p.spelling(r)
        return Mention(s, f"{p.title} {s}" if r.random() < 0.6 else s)

    return TopicWorld(name, "person", templates, draw, weight, list(speakers))


def number_world(name: str, rng: random.Random, n: int, truth: int, spread: int, templates, *, vague=(),
                 weight=1.0, ordinal=False, speakers=()):
    exact = [truth] + sorted({max(1, truth + rng.randint(-spread, spread)) for _ in range(_pool_size(n, 2, 0.25))} - {truth})
    fuzzy = list(vague) + [f"{q} {x}" for q in ("nearly", "about", "more than", "at least", "around", "up to")
                           for x in sorted({max(2, truth + rng.randint(-spread, spread)) for _ in range(3)})]
    fuzzy = [] if ordinal else fuzzy[: _pool_size(n, 2, 0.2, len(fuzzy))]
    rng.shuffle(fuzzy)

    def draw(r: random.Random, _day: dt.date) -> Mention:
        if fuzzy and r.random() < 0.15:
            v = zipf_choice(r, fuzzy, 1.1)
            words = v + (" of" if v in ("dozens", "hundreds", "scores", "thousands") else "")
            return Mention(v, words)
        x = zipf_choice(r, exact, 1.6)
        if ordinal:
            words = _ORDINAL.get(x, f"{x}th") if r.random() < 0.8 else f"{x}{'st' if x == 1 else 'nd' if x == 2 else 'rd' if x == 3 else 'th'}"
            return Mention(x if r.random() < 0.85 else words, words)
        if x < 100 and r.random() < 0.5:
            words = number_words(x)
            return Mention(words if r.random() < 0.2 else x, words)
        return Mention(x, f"{x:,}")

    return TopicWorld(name, "number", templates, draw, weight, list(speakers))


def date_world(name: str, rng: random.Random, n: int, truth: dt.date, templates, *, ranges=True, weight=1.0,
               speakers=()):
    days = [truth] + [truth + dt.timedelta(days=d) for d in (-1, 1, -2, 2, -3, 3, -7)][: _pool_size(n, 1, 0.05, 7)]

    def draw(r: random.Random, _day: dt.date) -> Mention:
        x = r.random()
        if ranges and x < 0.1:
            start = truth - dt.timedelta(days=r.choice((1, 1, 2)))
            if start.month == truth.month:
                return Mention(f"{start.isoformat()}/{truth.isoformat()}",
                               f"on {_MONTHS[truth.month - 1]} {start.day}-{truth.day}")
        if ranges and x < 0.13:
            return Mention(f"{truth.year}-{truth.month:02d}", f"in {_MONTHS[truth.month - 1]}")
        d = zipf_choice(r, days, 1.8)
        return Mention(d, "on " + day_words(d, r))

    return TopicWorld(name, "date", templates, draw, weight, list(speakers))


def list_world(name: str, rng: random.Random, n: int, core: list[list[str]], extra: list[list[str]], templates, *,
               weight=1.0, speakers=(), words: Callable[[str], str] = str):
    """core/extra: members, each a list of its spellings (the first most common)."""
    members = core + extra
    variants = [tuple(range(len(core)))]
    target = _pool_size(n, 3, 0.2, 2 ** len(members) - 1)
    tries = 0
    while len(variants) < target and tries < 1000:
        tries += 1
        k = rng.randint(1, min(len(members), len(core) + 2))
        v = tuple(sorted(rng.sample(range(len(members)), k)))
        if v not in variants:
            variants.append(v)

    def draw(r: random.Random, _day: dt.date) -> Mention:
        chosen = zipf_choice(r, variants, 1.3)
        items = [m[0] if len(m) == 1 or r.random() < 0.6 else r.choice(m) for m in (members[i] for i in chosen)]
        r.shuffle(items)
        return Mention(items, list_words([words(x) for x in items]))

    return TopicWorld(name, "list", templates, draw, weight, list(speakers))


def label_world(name: str, templates_by_label: dict[str, list[str]], pick: Callable[[random.Random, dt.date], str],
                weight=1.0, speakers=()):
    def draw(r: random.Random, day: dt.date) -> Mention:
        label = pick(r, day)
        return Mention(label, r.choice(templates_by_label[label]))

    return TopicWorld(name, "label", ["{v}"], draw, weight, list(speakers))


# --------------------------------------------------------------------------- the world


_WIRES = ["Reuters", "AFP", "AP", "Anadolu Agency", "Dawn", "TOLOnews", "Al Jazeera", "The Express Tribune"]
_OUTLETS = ["Dawn", "The Express Tribune", "Geo News", "TOLOnews", "Ariana News", "Al Jazeera", "Anadolu Agency",
            "Daily Sabah", "The News International", "Khaama Press", "Amu TV", "Arab News", "The Hindu",
            "Hurriyet Daily News", "Pajhwok", "Business Recorder", "The Nation", "Voice of America", "unknown"]


def build_world(n_sources: int, seed: int, topics: dict[str, dict]) -> list[TopicWorld]:
    """Every topic of the codebook with its variation; unknown topics get a plain template of their type."""
    rng = random.Random(f"claimcheck-bench:{seed}:{n_sources}")
    n = n_sources
    d = lambda m, day: dt.date(YEAR, m, day)  # noqa: E731
    worlds = [
        person_world("afghan_delegation.leader", rng, n, [("Najib", "Haji"), ("Rahmatullah Mujib", None), ("Rahmatullah Najib", None)], [
            "The Afghan delegation, led by {v}, arrived in Istanbul for the talks.",
            "Kabul’s delegation is headed by {v}, officials said.",
            "The Taliban delegation, led by {v}, met Turkish mediators on the first day."], 1.5),
        person_world("pakistan_delegation.leader", rng, n, [("Asim Malik", "Gen."), ("Ishaq Dar", None)], [
            "Pakistan’s delegation is led by {v}, officials in Islamabad said.",
            "The Pakistani side was headed by {v}."], 1.0),
        number_world("pakistan_delegation.size", rng, n, 7, 5, [
            "Pakistan’s delegation of {v} officials comprises senior security and intelligence figures.",
            "Islamabad sent {v} delegates to the talks, officials said."], vague=["a few", "several"], weight=1.2),
        number_world("istanbul_talks.round", rng, n, 2, 1, [
            "The {v} round of peace talks between Pakistan and Afghanistan opened in Istanbul.",
            "It is the {v} round of negotiations since the border clashes."], ordinal=True, weight=1.2),
        date_world("istanbul_talks.start_date", rng, n, d(10, 25), [
            "The talks began in Istanbul {v}.", "Negotiators opened the Istanbul round {v}."], weight=1.2),
        date_world("afghan_delegation.arrival_date", rng, n, d(10, 24), [
            "The Afghan delegation arrived in Turkey {v}.", "Members of the Taliban delegation landed in Istanbul {v}."],
            ranges=False, weight=0.6),
        number_world("istanbul_talks.duration", rng, n, 18, 6, [
            "The talks lasted {v} hours without a joint statement.", "Negotiations in Istanbul went on for {v} hours."],
            vague=["several"], weight=0.6),
        list_world("istanbul_talks.mediators", rng, n, [["Turkey", "Türkiye", "Turkiye"], ["Qatar", "State of Qatar"]],
                   [["Saudi Arabia"], ["Iran"], ["China"]], [
            "The talks in Istanbul are mediated by {v}.", "The Istanbul round was facilitated by {v}."], weight=0.9),
        number_world("ceasefire.initial_duration", rng, n, 48, 24, [
            "The first truce was set to last {v} hours.", "An initial {v}-hour truce was agreed in mid-October."],
            weight=0.6),
        date_world("ceasefire.initial_date", rng, n, d(10, 15), [
            "The first ceasefire was agreed {v}.", "A truce agreed {v} ended the deadliest fighting in years."], weight=0.7),
        date_world("ceasefire.doha_date", rng, n, d(10, 19), [
            "A second ceasefire was brokered in Doha {v}.", "The Doha agreement was reached {v}."], weight=0.8),
        list_world("ceasefire.renewal_dates", rng, n, [["2025-10-17"], ["2025-10-19"]], [["2025-10-18"], ["2025-10-21"]], [
            "The truce was renewed on {v}.", "The ceasefire was extended on {v}."], weight=0.3,
            words=lambda iso: f"October {int(iso[-2:])}"),
        date_world("doha_talks.dates", rng, n, d(10, 19), [
            "The first round of talks was held in Doha {v}.", "Talks in Doha took place {v}."], weight=0.7),
        list_world("doha_talks.mediators", rng, n, [["Qatar", "State of Qatar"], ["Turkey", "Türkiye"]], [["Saudi Arabia"]], [
            "The Doha talks were brokered by {v}.", "The ceasefire agreed in Doha was mediated by {v}."], weight=0.7),
        number_world("doha_agreement.implemented_share", rng, n, 60, 20, [
            "About {v} percent of the Doha agreement has been implemented, officials said.",
            "Officials say {v} per cent of the points agreed in Doha have been implemented."], weight=0.3),
        number_world("clashes.deaths", rng, n, 50, 30, [
            "The clashes left {v} people dead, including civilians.", "At least {v} people were killed in the fighting."],
            vague=["dozens", "scores"], weight=1.0),
        number_world("clashes.injured", rng, n, 200, 120, [
            "More than {v} people were wounded in the clashes.", "The fighting left {v} people injured."],
            vague=["hundreds", "dozens"], weight=0.6),
        number_world("clashes.duration", rng, n, 7, 5, [
            "The fighting lasted {v} days before the ceasefire.", "After {v} days of clashes, a truce took hold."],
            vague=["several"], weight=0.5),
        date_world("conflict.trigger_date", rng, n, d(10, 9), [
            "The fighting was triggered by explosions in Kabul {v}.", "The strike on Kabul {v} set off the clashes."],
            weight=0.5),
        number_world("border.length_km", rng, n, 2611, 40, [
            "The two countries share a {v}-kilometre border.", "The Durand Line runs for {v} km."], weight=0.4),
    ]
    members = [[p.name] + ([f"{p.honorific} {p.name}"] if p.honorific else []) + [p.typo] for p in people(
        rng, _pool_size(n, 5, 0.1), [("Najib", "Haji"), ("Anas Haqqani", None), ("Noor Ahmad Noor", None), ("Noor Rehman Nusrat", None)])]
    worlds.append(list_world("afghan_delegation.members", rng, n, members[:3], members[3:], [
        "The Afghan delegation includes {v}.", "Members of the Taliban delegation are {v}, officials said."], weight=0.5))
    closure_start = d(10, 12)

    def closed_days(r: random.Random, day: dt.date) -> Mention:
        x = max(1, (day - closure_start).days + r.choice((0, 0, 0, 0, 0, 0, 1, -1)))
        words = f"{x}{'st' if x % 10 == 1 and x != 11 else 'nd' if x % 10 == 2 and x != 12 else 'rd' if x % 10 == 3 and x != 13 else 'th'}"
        return Mention(x, words)

    worlds.append(TopicWorld("border.crossings_closed_days", "number", [
        "Key border crossings at Chaman and Torkham remain shut for the {v} consecutive day.",
        "The crossings have been closed for the {v} consecutive day, traders said."], closed_days, 0.6))

    def outcome(r: random.Random, day: dt.date) -> str:
        if r.random() < 0.1:
            return r.choice(["in_progress", "deadlock", "no_agreement", "partial_agreement", "agreement"])
        if day <= d(10, 26):
            return "in_progress"
        if day <= d(10, 29):
            return "deadlock"
        return r.choices(["no_agreement", "partial_agreement", "agreement"], [6, 3, 1])[0]

    worlds.append(label_world("talks.outcome", {
        "in_progress": ["The second round of talks has begun in Istanbul.", "The ongoing talks are expected to continue for a second day."],
        "deadlock": ["The talks hit a deadlock over cross-border militancy.", "Negotiators remained at an impasse late on Tuesday."],
        "no_agreement": ["The talks ended without any conclusive agreement.", "The negotiations collapsed after four days."],
        "partial_agreement": ["The sides agreed to set up a monitoring mechanism.", "A limited agreement was reached on a follow-up meeting."],
        "agreement": ["The two sides signed an agreement to maintain the ceasefire.", "Negotiators reached an agreement late at night."],
    }, outcome, 1.4, ["Diplomatic sources", "a Turkish official", "Zabihullah Mujahid", "Pakistan’s foreign office"]))
    worlds.append(label_world("conflict.trigger", {
        "kabul_strike": ["The fighting erupted after explosions in central Kabul.", "A drone strike in Kabul triggered the clashes."],
        "airstrikes_in_afghanistan": ["The clashes began after Pakistani airstrikes inside Afghanistan."],
        "border_attack": ["The fighting followed a border attack on Pakistani posts."],
    }, lambda r, _d: r.choices(["kabul_strike", "airstrikes_in_afghanistan", "border_attack"], [6, 3, 1])[0], 0.8))

    openings = ["If these talks fail", "If the talks fail", "Should the talks fail", "If talks fail",
                "If these negotiations fail", "If the negotiations in Istanbul fail"]
    middles = ["it will be an open war", "it will be open war", "there will be an open war", "it would mean open war",
               "we will have open war", "there will be open war"]
    tails = ["", " with Afghanistan", " against Kabul", ", and we are ready for it"]
    wordings = ["If these talks fail, it will be an open war", "Afghanistan wants peace, but failure to reach a deal means open war",
                "We have the option of an open war if no agreement is reached"]
    combos = [f"{a}, {b}{c}" for a in openings for b in middles for c in tails]
    rng.shuffle(combos)
    wordings += [w for w in combos if w not in wordings][: _pool_size(n, 2, 0.6, len(combos))]

    def wording(r: random.Random, _day: dt.date) -> Mention:
        w = zipf_choice(r, wordings, 1.2)
        return Mention(w, w)

    worlds.append(TopicWorld("asif.open_war_quote", "text", [
        "“{v},” Asif warned.", "“{v},” Defence Minister Khawaja Asif told reporters.", "“{v},” Asif was quoted as saying."],
        wording, 0.9, ["Khawaja Asif", "Khawaja Muhammad Asif"]))

    known = {w.name: w for w in worlds}
    out = [known[t] if t in known else _generic_world(t, spec, rng, n) for t, spec in topics.items()]
    return out


def _generic_world(name: str, spec: dict, rng: random.Random, n: int) -> TopicWorld:
    """A topic this generator has no wording for: a plain sentence from its subject and cue."""
    subject = (spec.get("subject") or [name.split(".")[0].replace("_", " ")])[0]
    cue = (spec.get("cues") or ["is"])[0]
    tpl = [f"{subject[:1].upper()}{subject[1:]} {cue} {{v}}."]
    kind = spec["type"]
    if kind == "person":
        return person_world(name, rng, n, [], tpl)
    if kind == "number":
        return number_world(name, rng, n, rng.randint(3, 300), 10, tpl)
    if kind == "date":
        return date_world(name, rng, n, dt.date(YEAR, 10, rng.randint(5, 25)), tpl)
    if kind == "list":
        return list_world(name, rng, n, [["Turkey", "Türkiye"], ["Qatar"]], [["Iran"], ["China"]], tpl)
    if kind == "label":
        labels = list(spec.get("labels") or {"unknown": {}})
        return label_world(name, {lb: [f"{subject[:1].upper()}{subject[1:]}: {lb.replace('_', ' ')}."] for lb in labels},
                           lambda r, _d: zipf_choice(r, labels, 1.0))
    words = [f"{subject} wording {i}" for i in range(_pool_size(n, 2, 0.3))]
    return TopicWorld(name, "text", tpl, lambda r, _d: (lambda w: Mention(w, w))(zipf_choice(r, words)))


# --------------------------------------------------------------------------- sources and articles


_FILLER = [
    "The talks come after the worst border violence between the two neighbours in years.",
    "Residents of border towns said markets had reopened but trade remained thin.",
    "Analysts say the negotiations will test whether the truce can hold through the winter.",
    "Islamabad has long accused Kabul of sheltering militants who attack Pakistani security forces.",
    "Kabul denies the charge and says Pakistan’s problems with militancy are internal.",
    "Trucks carrying fruit and vegetables have been stranded on both sides of the frontier.",
    "The foreign ministry in Islamabad did not respond to a request for comment.",
    "Officials from both sides described the atmosphere as cordial but tense.",
    "Thousands of Afghan refugees have been returned from Pakistan this year.",
    "The United Nations urged both sides to protect civilians and keep the crossings open.",
    "Diplomats in the region said the outcome would shape relations for months.",
    "Turkish officials hosted the delegations at a hotel near the Bosphorus.",
    "The Taliban administration has sought wider recognition since taking power in 2021.",
    "Pakistani officials said militant attacks had risen sharply in the north-west.",
    "A spokesperson said the delegation would brief the leadership on its return.",
    "The talks were closed to the press, and no joint statement was issued on the first day.",
]
_FILLER_VARIANTS = [("said", "told reporters"), ("officials", "sources"), ("both sides", "the two sides"),
                    ("in years", "in decades"), ("tense", "strained")]
_HEDGES = ["reportedly", "according to unconfirmed reports", "sources suggest"]
_NOTES = ["Value typed from the article's words; the quote keeps them.", "The day is resolved against the publication date.",
          "The article does not say who briefed it.", "Recorded as the article states it, not as other sources have it."]


@dataclass
class ClaimOut:
    topic: str
    value: Any
    quote: str
    attributed_to: str | None = None
    via: str | None = None
    hedge: str | None = None
    as_of: dt.date | None = None
    note: str | None = None


def _apostrophes_straight(s: str) -> str:
    return s.replace("’", "'").replace("“", '"').replace("”", '"')


def _quote_from(sentence: str, r: random.Random, previous: str | None, words: str) -> str:
    """The curator's quote of a sentence: mostly the sentence; sometimes straightened, cut, omitted or annotated."""
    x = r.random()
    if x < 0.04 and ("’" in sentence or "“" in sentence):
        return _apostrophes_straight(sentence)  # typed with a plain keyboard: grounds after normalising
    if x < 0.07 and previous:
        return f"{previous.split(',')[0].rstrip('.')} ... {sentence}"  # an omission between two sentences
    if x < 0.09:
        words = sentence.split()
        if len(words) > 5:
            k = r.randint(2, len(words) - 3)
            return " ".join(words[:k] + ["[in Istanbul]"] + words[k:])  # an editorial insertion
    if x < 0.2 and ", " in sentence and words in sentence.split(", ")[0]:
        return sentence.split(", ")[0]  # the clause that carries the fact
    return sentence


def make_source(i: int, n_sources: int, claims_per_source: int, worlds: list[TopicWorld], wires: list[list[tuple]],
                seed: int) -> tuple[dict, str]:
    """One source: its YAML fields (claims included) and its article text."""
    r = random.Random(f"claimcheck-bench:{seed}:source:{i}")
    published = dt.date(YEAR, 10, 20) + dt.timedelta(days=min(20, int(r.expovariate(1 / 5))))
    outlet = r.choice(_OUTLETS)
    sentences: list[str] = []  # the article, in order
    claims: list[ClaimOut] = []
    previous: str | None = None
    weights = [w.weight for w in worlds]

    def add_claim(world: TopicWorld, mention: Mention, sentence: str, attributed: str | None, via: str | None, as_of):
        nonlocal previous
        quote = _quote_from(sentence, r, previous, mention.words)
        previous = sentence
        note = r.choice(_NOTES) if r.random() < 0.15 else None
        if world.kind == "list" and world.name.endswith("_dates"):
            note = "The article gives month and day; the year is the year of the talks."
        claims.append(ClaimOut(world.name, mention.value, quote, attributed, via,
                               r.choice(_HEDGES) if r.random() < 0.03 else None, as_of, note))

    # Wire copy: the same paragraph (a few facts, credited to an agency) in many articles, lightly edited.
    if wires and r.random() < 0.35:
        story = wires[r.randrange(len(wires))]
        agency = story[0][3]
        for world, mention, tpl, _ in story[: max(1, claims_per_source // 3)]:
            s = tpl.replace("{v}", mention.words)
            s = s[:-1] + f", {agency} reported." if s.endswith(".") else s
            if r.random() < 0.3:
                old, new = r.choice(_FILLER_VARIANTS)
                s = s.replace(old, new)
            sentences.append(s)
            if world.kind == "text" and world.speakers:
                add_claim(world, mention, s, world.speakers[0], agency, None)  # a speaker quoted by the agency
            else:
                add_claim(world, mention, s, agency, None, None)
            if len(claims) >= claims_per_source:
                break

    chosen: dict[str, Mention] = {}
    while len(claims) < claims_per_source:
        world = r.choices(worlds, weights)[0]
        as_of = None
        day = published
        if world.name in ("talks.outcome", "border.crossings_closed_days") and r.random() < 0.25:
            as_of = published - dt.timedelta(days=r.randint(1, 4))  # an earlier state, reported as such
            day = as_of
        changing = world.name in ("talks.outcome", "border.crossings_closed_days")
        if world.name in chosen and not changing and r.random() < 0.85:
            mention = chosen[world.name]  # one article restating its own figure
        else:
            mention = world.draw(r, day)
            chosen.setdefault(world.name, mention)
        sentence = r.choice(world.templates).replace("{v}", str(mention.words))
        attributed = via = None
        if world.speakers and (world.kind == "text" or r.random() < 0.4):
            attributed = r.choice(world.speakers)
            if world.kind == "text" and r.random() < 0.5:
                via = r.choice(_WIRES[:3])
        elif r.random() < 0.2:
            attributed = r.choice(_WIRES)
        if r.random() < 0.6:
            sentences.append(r.choice(_FILLER))
        sentences.append(sentence)
        add_claim(world, mention, sentence, attributed, via, as_of)

    for _ in range(max(2, claims_per_source // 3)):
        f = r.choice(_FILLER)
        old, new = r.choice(_FILLER_VARIANTS)
        sentences.insert(r.randrange(len(sentences) + 1), f.replace(old, new))
    paragraphs, k = [], 0
    while k < len(sentences):
        step = r.randint(1, 3)
        paragraphs.append(" ".join(sentences[k:k + step]))
        k += step
    title = f"Pakistan and Afghanistan talks: {r.choice(['what we know', 'delegations meet in Istanbul', 'ceasefire under strain', 'no breakthrough yet', 'second round opens'])}"
    dateline = f"ISTANBUL, {_MONTHS[published.month - 1]} {published.day} — "
    article = f"{title}\n\n{dateline}" + "\n\n".join(paragraphs) + "\n"
    digest = hashlib.sha1(f"{seed}:{i}".encode()).hexdigest()
    fields = {"id": f"{i:06d}-{digest[:4]}", "file": f"{i:06d}_{digest[:16]}", "outlet": outlet, "title": title,
              "published": published, "url": f"https://news.example/{published.isoformat()}/{digest[:10]}",
              "note": "Synthetic source from benchmarks/generate.py." if r.random() < 0.3 else None, "claims": claims}
    return fields, article


def make_wires(worlds: list[TopicWorld], n_sources: int, seed: int) -> list[list[tuple]]:
    r = random.Random(f"claimcheck-bench:{seed}:wires:{n_sources}")
    stories = []
    usable = [w for w in worlds if w.kind != "label" and w.name not in ("border.crossings_closed_days",)]
    for _ in range(_pool_size(n_sources, 2, 0.15)):
        agency = r.choice(_WIRES[:4])
        picks = r.sample(usable, min(6, len(usable)))
        stories.append([(w, w.draw(r, dt.date(YEAR, 10, 25)), r.choice(w.templates), agency) for w in picks])
    return stories


# --------------------------------------------------------------------------- YAML


def _y(v: Any) -> str:
    """A value as YAML: strings double-quoted (JSON escapes are YAML escapes), dates bare, lists in flow style."""
    if isinstance(v, bool) or v is None:
        return "null" if v is None else str(v).lower()
    if isinstance(v, (int, float)):
        return str(v)
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, list):
        return "[" + ", ".join(_y(x) for x in v) + "]"
    return json.dumps(str(v), ensure_ascii=False)


def source_yaml(fields: dict, article_rel: str) -> str:
    lines = [f"# Synthetic source {fields['id']}, generated by benchmarks/generate.py",
             f"id: {_y(fields['id'])}", f"outlet: {_y(fields['outlet'])}", f"title: {_y(fields['title'])}",
             f"published: {_y(fields['published'])}", f"url: {_y(fields['url'])}", f"text: {article_rel}"]
    if fields["note"]:
        lines.append(f"note: {_y(fields['note'])}")
    lines.append("claims:")
    for c in fields["claims"]:
        lines.append(f"  - topic: {c.topic}")
        lines.append(f"    value: {_y(c.value)}")
        lines.append(f"    quote: {_y(c.quote)}")
        for key in ("attributed_to", "via", "hedge", "as_of", "note"):
            v = getattr(c, key)
            if v is not None:
                lines.append(f"    {key}: {_y(v)}")
        lines.append("")
    return "\n".join(lines)


def read_topics(codebook: Path = CODEBOOK) -> dict[str, dict]:
    import yaml

    return yaml.safe_load(codebook.read_text(encoding="utf-8"))["topics"]


def generate(out_dir: str | Path, sources: int = 30, claims_per_source: int = 10, seed: int = 0,
             codebook: Path = CODEBOOK) -> Path:
    """Write a claim set of sources × claims_per_source claims under out_dir; return its claims folder.

    out_dir/claims holds topics.yaml (a copy of `codebook`) and one YAML file per source;
    out_dir/articles holds each source's article text. The same arguments give the same files.
    """
    out = Path(out_dir)
    claims_dir, articles_dir = out / "claims", out / "articles"
    for d in (claims_dir, articles_dir):
        if d.exists():
            shutil.rmtree(d)
        d.mkdir(parents=True)
    shutil.copy(codebook, claims_dir / "topics.yaml")
    worlds = build_world(sources, seed, read_topics(codebook))
    wires = make_wires(worlds, sources, seed)
    for i in range(sources):
        fields, article = make_source(i, sources, claims_per_source, worlds, wires, seed)
        (articles_dir / f"{fields['file']}.txt").write_text(article, encoding="utf-8")
        (claims_dir / f"{fields['file']}.yaml").write_text(
            source_yaml(fields, f"../articles/{fields['file']}.txt"), encoding="utf-8")
    return claims_dir


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sources", type=int, required=True, help="number of sources (claim files and articles)")
    ap.add_argument("--claims-per-source", type=int, default=20, help="claims in each source file [20]")
    ap.add_argument("--out", type=Path, required=True, help="folder to write claims/ and articles/ into (replaced)")
    ap.add_argument("--seed", type=int, default=0, help="the same seed gives the same files [0]")
    args = ap.parse_args(argv)
    if args.sources < 1 or args.claims_per_source < 1:
        ap.error("--sources and --claims-per-source must be at least 1")
    claims_dir = generate(args.out, args.sources, args.claims_per_source, args.seed)
    print(f"wrote {args.sources * args.claims_per_source:,} claims from {args.sources:,} sources to {claims_dir}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
