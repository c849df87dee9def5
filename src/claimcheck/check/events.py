"""The words that name a date topic's event as a verb or a noun, and a day attached to them.

A day hung straight off the event's own word ("the jewels stolen on Oct. 19", "the vote held on
Monday") is the event's day even where the sentence never names the topic's subject: the word
itself says which event it is. The words are the topic's hand-written cues and the runs its curated
quotes put right before their day ("... stolen on <day>"), each kept only where no other date topic
uses it.
"""

from __future__ import annotations

import re
from collections import Counter

from claimcheck.check.cues import _COUNTLESS, _Cue, _Hit, _lemma_run
from claimcheck.check.framing import dated_event
from claimcheck.check.learn import LearnedCue, content, lemma
from claimcheck.check.mentions import _MONTHS, _WEEKDAYS

#: The preposition a curated day follows ("stolen on", "morning of"): it joins, it does not name.
_JOINS = frozenset({"on", "of"})

#: Words of a day itself, or of a part of one: "on Friday", "morning of" name when, not what.
_DAY_WORDS = frozenset(_MONTHS) | frozenset(_WEEKDAYS) | {"morning", "afternoon", "evening", "night", "day", "today",
                                                           "yesterday", "tomorrow", "week", "month", "year"}


def _event_lemmas(lemmas: tuple[str, ...]) -> tuple[str, ...] | None:
    """The event's words of a cue: without its joining preposition; None for a day's words or no content word."""
    while lemmas and lemmas[-1] in _JOINS:
        lemmas = lemmas[:-1]
    while lemmas and not content(lemmas[0]):
        lemmas = lemmas[1:]  # "was robbed" is found by "robbed"
    if not lemmas or any(re.sub(r"['\u2019]s$", "", w) in _DAY_WORDS for w in lemmas):
        return None
    if not any(content(w) and w not in _COUNTLESS for w in lemmas):
        return None
    return lemmas


def event_runs(rules: dict, evidence: dict) -> tuple[list[tuple[str, tuple[str, ...]]], dict[str, frozenset[str]]]:
    """(date topic, lemma run) for each event word: the topic's plain-word cues, and the runs its
    curated quotes end with a joining preposition right before the day; a run two date topics share is
    dropped. And each date topic's known words: the content lemmas of its learned cues."""
    found: dict[str, set[tuple[str, ...]]] = {}
    known: dict[str, frozenset[str]] = {}
    for name, r in rules.items():
        if r.topic.type != "date":
            continue
        runs = {c.lemmas for c in r.cues if c.lemmas and c.label is None and c.learned is None}
        ev = evidence.get(name)
        learned = ev.cues if ev else ()
        runs |= {lc.lemmas for lc in learned if lc.label is None and lc.lemmas[-1:] and lc.lemmas[-1] in _JOINS}
        # and its one-word common-noun subjects, whose verb says the same event ("sentencing": "to be sentenced on")
        runs |= {(lemma(sub.text.casefold()),) for sub in r.subjects if not sub.proper and " " not in sub.text.strip()}
        found[name] = {e for e in map(_event_lemmas, runs) if e}
        known[name] = frozenset(w for lc in learned for w in lc.lemmas if content(w) and w not in _COUNTLESS and w not in _DAY_WORDS)
    shared = Counter(run for runs in found.values() for run in runs)
    # What bears an event word out is a thing the quotes speak of, a word the codebook names as some
    # topic's subject ("jewels"), not another verb ("took place": "take" is no evidence for "place").
    things = {lemma(w) for r in rules.values() for sub in r.subjects for w in re.findall(r"[\w'-]+", sub.text)}
    known = {n: (ks & things) - {w for run in found[n] for w in run} for n, ks in known.items()}
    return [(name, run) for name, runs in found.items() for run in sorted(runs) if shared[run] == 1], known


def attached_runs(s: str, cl, toks, runs, known, dates, rules: dict):
    """(topic, cue hit) for each event word of `runs` in the sentence with a resolved day (of those
    `dates()` gives) attached to it, where the sentence bears the word out: it names the topic's subject, or its clause holds
    another word the topic's curated quotes use ("the jewels stolen on Oct. 19", not "arrests took
    place on Oct. 25"); and never where the sentence names another date topic's subject and none of this one's."""
    firsts = {lems[0] for _, lems in runs}
    named = None
    for i, tk in enumerate(toks):
        if tk.lemma not in firsts:
            continue
        if named is None:
            named = {n for n, r in rules.items() if r.topic.type == "date" and any(sub.pattern.search(s) for sub in r.subjects)}
        for topic, lems in runs:
            if tk.lemma != lems[0] or (named and topic not in named):
                continue
            end = _lemma_run(toks, i, lems, s)
            if end is None:
                continue
            if topic not in named and not (len(lems) == 1 and any(lemma(sub.text.casefold()) == lems[0] for sub in rules[topic].subjects)):
                lo, hi = cl.bounds[cl.index(tk.start)]
                if not any(lo <= o.start < hi and (o.start < tk.start or o.start >= end) and o.lemma in known.get(topic, ())
                           for o in toks):
                    continue
            for d in dates():
                if d.value is not None and dated_event(s, (tk.start, end), (d.start, d.end)):
                    cue = _Cue(s[tk.start:end], None, None, None, lems, LearnedCue(lems, s[tk.start:end], -2, 1.0), day=(d.start, d.end))
                    yield topic, _Hit(topic, tk.start, end, cue)
