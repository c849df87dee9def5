"""The words that name a date topic's event as a verb or a noun, and a day attached to them.

A day hung straight off the event's own word ("the jewels stolen on Oct. 19", "the vote held on
Monday") is the event's day even where the sentence never names the topic's subject: the word
itself says which event it is. The words are the topic's hand-written cues and the runs its curated
quotes put right before their day ("... stolen on <day>"), each kept only where no other date topic
uses it.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from dataclasses import replace

from claimcheck.check.people import find_names
from claimcheck.check.cues import _COUNTLESS, _PLAN_WORDS, _WORD, _Cue, _Hit, _lemma_run
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


def span_kinds(codebook, claims) -> dict[str, frozenset[str]]:
    """For each date topic that takes a year or a month standing alone, which of the two: those its
    curated values are (a whole year, a whole month), and those its description names as a value
    ("a year is the whole year", "a month when the article gives only the month")."""
    kinds: dict[str, set[str]] = {}
    for c in claims:
        t = codebook.topics.get(c.topic)
        if t is not None and t.type == "date" and (kind := span_of(c.value)):
            kinds.setdefault(c.topic, set()).add(kind)
    for name, t in codebook.topics.items():
        if t.type == "date":
            said = {w for w in ("year", "month") if re.search(rf"\ba {w}\b", t.description, re.I)}
            if said:
                kinds.setdefault(name, set()).update(said)
    return {n: frozenset(k) for n, k in kinds.items()}


def span_of(value) -> str | None:
    """'year' for a whole year's span, 'month' for a whole month's, None for anything else."""
    if value is None or value.start.day != 1 or value.start.year != value.end.year:
        return None
    if (value.start.month, value.end.month, value.end.day) == (1, 12, 31):
        return "year"
    if value.start.month == value.end.month and value.end.day == calendar.monthrange(value.end.year, value.end.month)[1]:
        return "month"
    return None


def own_plan(s: str, cl, n, hits) -> str | None:
    """The topic's own cue that a planned day is the day of ("the report, which will be made public
    later on Tuesday"): one of its event's words in the day's clause, after the word that plans and
    before the day. A plan is no fact for other events, but the day set for this topic's own event
    is its day. None when the plan is of something else, or the planning word governs nothing."""
    lo = cl.bounds[cl.index(n.start)][0]
    plans = [m for m in _WORD.finditer(s, lo, n.start) if m.group(0).casefold() in _PLAN_WORDS]
    if not plans:
        return None
    for h, *_ in hits:
        between = {w.casefold() for w in _WORD.findall(s, plans[-1].end(), h.start)}
        if plans[-1].end() <= h.start and h.end <= n.start and between <= _PLAN_JOINS and _event_lemmas(h.cue.lemmas):
            return h.cue.text
    return None


#: What may stand between the word that plans and the planned event's word: "will be made public",
#: "is due to be presented"; not "the proposed takeover announced Tuesday", an adjective and a past verb.
_PLAN_JOINS = frozenset({"to", "be", "been", "have", "also", "then", "formally", "officially", "only", "finally"})


#: A day named by its place in an event ("the first day of the conclave", "the opening day of the trial").
_DAY_OF = re.compile(r"\b(?:first|second|third|fourth|fifth|sixth|seventh|final|last|opening|closing)\s+day\s+of\b", re.I)


def day_phrases(rules: dict) -> list[tuple[str, object, re.Pattern]]:
    """(date topic, cue, pattern) for each cue that names a day by its place in the event: the
    topic's hand-written cues, and those learned from its curated quotes."""
    out = []
    for name, r in rules.items():
        if r.topic.type != "date":
            continue
        for c in r.cues:
            if c.label is None and _DAY_OF.search(c.text):
                words = r"\s+".join(re.escape(w) for w in c.text.split())
                out.append((name, c, re.compile(rf"(?:\bon\s+|,\s+)(?:the\s+)?{words}(?![\w-])", re.I)))
    return out


def day_phrase_hits(s: str, phrases, dates):
    """(topic, hit) for a topic's day phrase written as a when of a sentence that gives one day
    ("on Wednesday, May 7, ... no pope was elected on the first day of the conclave"): the two say
    the same when, so the day is the topic's, read through the phrase at no distance. `dates()`
    gives the sentence's days."""
    for topic, cue, rx in phrases:
        m = rx.search(s)
        if m is None:
            continue
        days = [d for d in dates() if d.value is not None and d.value.start == d.value.end
                and not (m.start() <= d.start < m.end())]
        if len({d.value for d in days}) != 1:
            continue  # no day, or two: which the phrase names is not said
        d = days[-1]
        yield topic, _Hit(topic, d.end, d.end, replace(cue, day=(d.start, d.end)))


def with_spans(mentions, kinds) -> list:
    """The sentence's days, and for a topic whose values are years or months (`kinds`, from
    span_kinds) its years and months written alone, which replace a day reading of the same words."""
    dates = mentions("date")
    if not kinds:
        return dates
    spans = [n for n in mentions("span") if n.unit in kinds]
    return sorted([n for n in dates if not any((n.start, n.end) == (x.start, x.end) for x in spans)] + spans, key=lambda n: n.start)


def as_planned(s: str, cl, n, role: str | None, takes, hits):
    """The date mention `n` as a topic that `takes` these roles reads it; None where its role is not
    the topic's ("until October 30" ends something, "will meet again on ..." plans another thing).
    A planned day is read forward from the anchor; the day planned for the topic's own event
    (own_plan) is its day."""
    planned = role == "plan" and "plan" not in takes and own_plan(s, cl, n, hits)
    if role and role not in takes and not planned:
        return None
    if role == "plan" and n.ahead is not None:  # a planned day is on or after the article's date
        n = replace(n, value=n.ahead[0], how=n.ahead[1])
    if planned:
        n = replace(n, how=f"{n.how}; the day planned for what '{planned}' names, this topic's own event")
    return n


def subject_in_clause(s: str, cl, c, subjects) -> bool:
    """Does a date candidate's own clause name its topic's subject? A day closing a long clause
    ("The jury declared him not guilty of racketeering on Wednesday") dates that clause's event,
    however many words its subject stands from the day; a day that is all of its clause, opening the
    sentence ("On Monday, the peninsula suffered its worst blackout"), frames the clause after it."""
    if c.kind != "date" or not subjects:
        return False
    vs, ve = min(a for a, _ in c.spans), max(b for _, b in c.spans)
    k = cl.index(vs)
    lo, hi = cl.bounds[k]
    own = {k, k + 1} if k == 0 and len(_WORD.findall(s[lo:vs] + s[ve:hi])) <= 1 else {k}
    return any(cl.index(a) in own for a, _b, _sub in subjects)


def other_actor(s: str, cl, c, subjects: dict, hits) -> str | None:
    """The name standing right before the date topic's cue as its actor, in a clause that names nothing of
    the topic ("The European Commission announced its decision on February 10, confirming that the
    purchase of Wiz ..." dates the Commission's act, not the purchase's announcement): its words, or None."""
    if c.kind != "date" or not c.spans or not hits:
        return None
    vs = min(a for a, _ in c.spans)
    lo, hi = cl.bounds[cl.index(vs)]
    if any(lo <= a < hi for a, _b, _sub in subjects.get(c.topic, ())):
        return None
    cues = {h.start for h, *_ in hits if lo <= h.start < vs and _WORD.match(s, h.start)
            and _WORD.match(s, h.start).group(0).casefold() not in _AUXILIARIES}  # "the Prize will be awarded": passive
    for n in find_names(s[lo:vs]):
        opening = _WORD.findall(s[lo:lo + n.start])
        if all(w.casefold() in _OPENERS or w.isdigit() for w in opening) and any(s[n.end + lo:x].strip() == "" for x in cues):
            return n.text  # the clause's subject, and the cue its verb
    return None


#: Before a clause's subject: determiners only. A cue opening with an auxiliary is no act of that subject.
_OPENERS = frozenset("the a an this that its".split())
_AUXILIARIES = frozenset("will would is was are were be been being has have had can could may might shall should".split())
