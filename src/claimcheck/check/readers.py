"""How `check` reads a sentence: cue hits, names, and each value type's reader (for check/extract.py's Extractor).

One reader per built-in type; a type added in a module of its own is read by `_read_found`, through
the type's `find` (values/base.py), bound to the topic's nearest cue as dates are.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from functools import lru_cache
from types import SimpleNamespace

from claimcheck.check.cues import (
    SUBJECT_REACH, _PRONOUN_OPENER, _Subject, _gap_words, _lemma_run, lowered,
    _ALNUM, _BEYOND, _CLAUSE_FACTOR, _Cand, _Hit,
    _SKIPPABLE, _STOP, _VALUE_CLAUSE, _WORD, _clauses_apart, _count_words,
    _date_role, _distance_factor, _plausible, near_cues, shared_trust,
)
from claimcheck.check.ages import apposed_age, counts_age
from claimcheck.check.choose import coordination, union
from claimcheck.check.events import as_planned, with_spans
from claimcheck.check.framing import (
    CONDITION_WORDS,
    LEVEL, WEAK_FRAMING, charged, earlier_level, forecast, gap_after, measured, negated, part_of_before, takes_charged,
    takes_measure, partitive_owner, partitive_whole, supposed, takes_forecast, takes_gap, takes_supposed, takes_total,
    inside, later_level, takes_earlier, timed, added, takes_added, glossed, left_out, thing_for_measure, combined,
)
from claimcheck.check.mentions import _WEEKDAY_RE, KIN_WORDS, Anchor, degree, find_dates, outcome_kin, _fmt as _fmt_num
from claimcheck.check.units import convert, unit_of
from claimcheck.check.joined import JoinedHits
from claimcheck.check.labels import LabelReader
from claimcheck.check.personreader import PersonReader
from claimcheck.check.people import whose_office
from claimcheck.check.points import counted_on
from claimcheck.check.learn import FUNCTION_WORDS, lemma
from claimcheck.check.sentences import fold
from claimcheck.values import TYPES, parse_quantity
from claimcheck.values import fold as fold_name

#: What may stand before a date that opens a sentence: "On Sunday 19 October, ...", "Early on Friday, ...".
_FRONTED = re.compile(r"\W*(?:(?:early|late)\s+)?(?:on\s+)?(?:" + _WEEKDAY_RE + r",?\s+)?(?:the\s+(?:morning|afternoon|evening|night)\s+of\s+)?", re.I)


#: Before and after a capitalised word opening the sentence, a plain word next: capitalised by its place
#: ("Huge power outages hit ..."), no name a list takes unless the claim set knows it.
_OPENING_WORD = re.compile(r"[\W_]*")
_LOWER_NEXT = re.compile(r" [a-z]")
_CONDITION_WORD = re.compile(r"(?<![\w])(?:" + "|".join(sorted(CONDITION_WORDS)) + r")(?![\w])", re.I)


def _refers_back(s: str, rules, end: int) -> bool:
    """Does a clause before `end` open with "the <noun>", the head noun of one of the topic's subjects
    ("the party" for "Liberal Party", "the delegation" for "Afghan delegation"), so that it names
    a subject the sentence before named? ("with the party leading in seven" speaks of a name nearer.)"""
    heads = _heads(tuple(sub.text for sub in rules.subjects))
    return bool(heads) and any(m.group(1).casefold() in heads for m in _CLAUSE_THE.finditer(s, 0, end))


#: "the <noun>" opening a sentence or a clause.
_CLAUSE_THE = re.compile(r"(?:^|[,;:]\s*|\s[-\u2013\u2014]\s*)\s*[Tt]he\s+([a-z]+)\b")


@lru_cache(maxsize=256)
def _heads(subjects: tuple[str, ...]) -> frozenset[str]:
    """The lowercase head nouns of a topic's subjects of more than one word."""
    return frozenset(w.casefold() for sub in subjects if len(w := sub.split()[-1] if sub.split() else "") > 2
                     and len(sub.split()) > 1 and w.isalpha())


class Readers(JoinedHits, LabelReader, PersonReader):
    """The Extractor's reading of one sentence: which cue hits count, whose names are people, and
    the readers, one per built-in value type and one for every other type (its own `find`), each
    turning a sentence's cue hits for a topic into candidate values."""

    # ----------------------------------------------------------------- cues and subjects

    def _valid_hits(self, s: str, cl, toks=(), prev: str = "") -> tuple[dict[str, list[tuple[_Hit, _Subject | None, int, int]]], dict]:
        """For each topic: its cue hits that have a subject nearby, with the subject, its distance in
        words and in clauses; and every subject word found, by topic. A cue inside a longer cue of another topic, or one whose
        nearby subject is only generic while another topic's named subject is there with the same cue,
        is left to the other topic."""
        hits: list[_Hit] = []
        low = lowered(s)  # a needle test is ~50 times cheaper than a scan for the cue, and most cues are absent
        for name, rules in self.rules.items():
            for cue in rules.cues:
                if cue.pattern is None or (low is not None and cue.needles is not None and not all(n in low for n in cue.needles)):
                    continue
                for m in cue.pattern.finditer(s):
                    hits.append(_Hit(name, m.start(), m.end(), cue))
        seen = {(h.topic, h.start, h.end, h.cue.label) for h in hits}
        for i, tk in enumerate(toks):
            for name, cue in self._by_lemma.get(tk.lemma, ()):
                if degree(tk.text, tk.lemma) != degree(cue.text.split()[0], cue.lemmas[0]):
                    continue  # "the biggest win" is no "big screen"
                end = _lemma_run(toks, i, cue.lemmas, s)
                if end is not None and (name, tk.start, end, cue.label) not in seen:
                    seen.add((name, tk.start, end, cue.label))
                    hits.append(_Hit(name, tk.start, end, cue))
            kin, end = outcome_kin(toks, i) if tk.lemma in KIN_WORDS or tk.lemma == "lose" else ((), 0)
            for name, cue in sorted((x for k in kin for x in self._by_lemma.get(k, ())), key=lambda x: (-x[1].weight, x[1].text)):
                if len(cue.lemmas) == 1 and self.rules[name].topic.type == "number" and (name, tk.start, end, cue.label) not in seen:
                    seen.add((name, tk.start, end, cue.label))  # "two died", for a count whose cue is "killed"
                    hits.append(_Hit(name, tk.start, end, replace(cue, text=f"{s[tk.start:end]} (as {cue.text})")))
        if not hits:
            return {}, {}
        subjects: dict[str, list[tuple[int, int, _Subject]]] = {}  # only topics with a cue here are asked about
        for name in dict.fromkeys(h.topic for h in hits):
            subjects[name] = [(m.start(), m.end(), sub) for sub in self.rules[name].subjects for m in sub.pattern.finditer(s)]

        # a subject after "if" names only its clause for a count: "150 seats but unclear if a majority"
        asked = [m.start() for m in _CONDITION_WORD.finditer(s)]

        def near(topic: str, hit: _Hit):
            rules = self.rules[topic]
            if not rules.subjects:
                return (None, 0, 0)
            lo, hi = cl.window(hit.start, SUBJECT_REACH)
            best = None
            for a, b, sub in subjects[topic]:
                if a < hi and b > lo and not (rules.topic.type == "number" and any(hit.end <= c < a for c in asked)):
                    dist = _gap_words(s, hit, (a, b))
                    apart = 0 if a <= hit.start < b else min(cl.apart(a, hit.start), SUBJECT_REACH)
                    key = (apart, not sub.proper, dist)
                    if best is None or key < best[0]:
                        best = (key, sub, dist, apart)
            back = prev and best is None and (_PRONOUN_OPENER.match(s) and not any(
                    o.topic.type == rules.topic.type and o is not rules and any(x.pattern.search(s) for x in o.subjects)
                    for o in self.rules.values()) or _refers_back(s, rules, hit.start) and not any(
                    o.topic.type == rules.topic.type and o is not rules and any(x.pattern.search(s, 0, hit.start) for x in o.subjects)
                    for o in self.rules.values()))
            if back:
                # "They were out in under four minutes": the sentence before names who "they" are
                # (unless this one names another topic's subject: then the cue is that topic's).
                before = fold(prev)
                for sub in rules.subjects:
                    if sub.pattern.search(before):
                        return (sub, len(_WORD.findall(s[:hit.start])), SUBJECT_REACH)
            return None if best is None else best[1:]

        kept = []
        for h in hits:
            if any(o.topic != h.topic and o.start <= h.start and h.end <= o.end and (o.end - o.start) > (h.end - h.start)
                   and self.rules[o.topic].topic.type == self.rules[h.topic].topic.type
                   and near(o.topic, o) is not None for o in hits):
                continue  # "second ceasefire" outranks "ceasefire" for a date
            found = near(h.topic, h)
            if found is None:
                continue
            sub, dist, apart = found
            if h.cue.aside:
                h = shared_trust(self.rules, s, low, cl, h, max(apart, 1) if sub is not None else SUBJECT_REACH, subjects)
                if h is None:
                    continue
            kept.append((h, sub, dist, apart))
        # Only a cue that stands here may take another topic's: a shared word left untrusted in this
        # sentence ("died", learned for the arrests beside "Two people died") leaves the deaths' cue alone.
        standing = [h for h, *_ in kept]
        out: dict[str, list] = defaultdict(list)
        for h, sub, dist, apart in kept:
            if sub is not None and not sub.proper and not self._names_own(s, cl, h, subjects) \
                    and self._named_elsewhere(s, cl, h, standing, subjects):
                continue
            out[h.topic].append((h, sub, dist, apart))
        return out, subjects

    def _names_own(self, s, cl, h: _Hit, subjects) -> bool:
        lo, hi = cl.window(h.start, SUBJECT_REACH)
        return any(sub.proper and a < hi and b > lo for a, b, sub in subjects[h.topic])

    def _named_elsewhere(self, s, cl, h: _Hit, hits: list[_Hit], subjects) -> bool:
        """Is the cue better read as another topic's of the same type, one whose named subject is in the window?"""
        lo, hi = cl.window(h.start, SUBJECT_REACH)
        own = {fold_name(x.text) for x in self.rules[h.topic].subjects}
        kind = self.rules[h.topic].topic.type
        for o in hits:
            if o.topic == h.topic or not (o.start < h.end and h.start < o.end) or self.rules[o.topic].topic.type != kind:
                continue  # a count's cue does not take a verdict's words: they read different values
            for a, b, sub in subjects[o.topic]:
                if sub.proper and a < hi and b > lo and fold_name(sub.text) not in own:
                    return True
        return False

    # ----------------------------------------------------------------- names

    def _read_number(self, s, cl, rules, hits, mentions) -> list[_Cand]:
        out = []
        own = self._units.get(rules.topic.name)
        seen = self._ranges.get(rules.topic.name)
        for n in mentions("number"):
            counted = lemma(n.unit) if n.unit else None
            if counted and counted not in (own or ()) and (counted in self._unit_owner or (not own and unit_of(counted))
                                                           or thing_for_measure(n.unit, counted, own, {w for c in rules.cues for w in c.lemmas})):
                continue  # "eight minutes" counts another topic's unit (or time, for a topic counting none); "200 barns", no area
            if counted and own and s[n.end:n.end + 1] == "-" and counted not in own \
                    and not any(counted in c.lemmas for c in rules.cues) and not any(h.start == n.end for h, *_ in hits):
                continue  # "a one-point agenda": the noun it is joined to is what it counts
            # "... less than two mont": the text is cut off at what the number counts
            cut = self._cut_tail and bool(re.fullmatch(r"[\s\w'-]*", s[n.end:])) and len(s[n.end:].split()) <= 1
            if _CONDITION_WORD.search(s, 0, n.start) and not takes_supposed(rules.topic) and supposed(
                    [w.casefold() for w in _WORD.findall(s[cl.bounds[cl.index(n.start)][0]:n.start])]):
                continue  # "if the Greens win 50 seats": a condition, not a count
            if combined(s, n.start, rules.topic, {w.casefold() for c in rules.cues for w in c.text.split()}):
                continue  # "destroyed or damaged 8,000 homes": a count of both, for a topic of one
            if added(s, n.end) and not takes_added(rules.topic):
                continue  # "two new suspects": added to the count so far, not the count
            if gap_after(s, n.end) and not takes_gap(rules.topic):
                continue  # "three seats short of a majority": the gap, not the majority
            if partitive_whole(s, n.start, mentions("number")) and not takes_total(rules.topic):
                continue  # "four of the five counts": five is the whole, not what a verdict speaks of
            owned = partitive_owner(s, n, mentions("number"))
            if owned and (owned[0] == "part") == any(sub.pattern.search(owned[1]) for sub in rules.subjects) \
                    and not (owned[0] == "whole" and takes_total(rules.topic)):
                continue  # "172 of the House of Commons' 343": 343 is the House's, 172 a part of it
            kind = measured(s, n.end, counted)
            later = counted_on(s, n, rules.topic.unit, self._last_point, mentions("number")) if kind == "relative" else None
            if later is not None:
                n = later  # "10 minutes later", of a minute of play: ten on from the minute stated before
            elif kind and not takes_measure(rules.topic, kind, counted, own or set()):
                continue  # "the 55-year-old", "two years ago", "10 miles from": an age, a time before, a distance
            if takes_earlier(rules.topic):
                if later_level(s, n.start):
                    continue  # "from 27,500 to 15,000", for the level before: 15,000 is where it moved to
            elif earlier_level(s, n.start, n.end):
                continue  # "the toll rose from 144 to 694": 144 is where it stood before, not where it stands
            if (who := apposed_age(s, n.start, n.end)) is not None:  # "Combs, 55, said": an age beside a name, no count
                if counts_age(rules.topic) and not n.unit and any(sub.proper and sub.pattern.search(who) for sub in rules.subjects):
                    out.append(_Cand(rules.topic.name, "number", n.value, ((n.start, n.end),), n.confidence * 0.9,
                                     f"{n.how} '{n.text}' in apposition after '{who}', the topic's subject: an age", 0, True, 0))
                continue
            votes = self._ordinal_votes.get(rules.topic.name)
            if votes and votes[1] >= 2 and votes[0] in (0, votes[1]) and n.ordinal != bool(votes[0]):
                continue  # the sources write this one "second round" (or "two rounds"); the other kind is another number
            in_units = convert(n.value, n.unit, rules.topic.unit)[0] if n.value is not None else None  # "0.25 percentage points": 25 basis points
            if rules.topic.name in self._whole and n.value is not None and re.search(r"\d\.\d", n.text) \
                    and not float(in_units.low).is_integer():
                continue  # "magnitude 6.1": the sources count this one in whole numbers
            if rules.topic.name in self._fractional and not re.search(r"\d\.\d", n.text):
                continue  # "20", "thousands": the sources give this one as a fraction ("7.7"), never whole
            if seen and n.value is not None and not _plausible(in_units, seen):
                continue  # a thousand times what any source gives: another quantity ("10,000" is no magnitude)
            clause_lo = cl.bounds[cl.index(n.start)][0]
            if negated(_WORD.findall(s[clause_lo:n.start])):
                continue  # "found not guilty on the remaining three counts": a count of what did not happen
            if not unit_of(n.unit) and not unit_of(rules.topic.unit) and charged(_WORD.findall(s[clause_lo:n.start])) \
                    and not takes_charged(rules.topic, [c.text for c in rules.cues if c.learned is None]):
                continue  # "where he faces five counts", "charged him with three counts": charges, not convictions
            ahead = None if takes_forecast(rules.topic) else forecast(
                [w for w in _WORD.findall(s[clause_lo:n.start]) if not w[:1].isupper()])
            best = None
            for h, sub, sdist, apart_s in hits:
                if h.cue.ahead and not (n.start >= h.end and not s[h.end:n.start].strip()):
                    continue  # "with 145" reads only the number it is followed by
                if h.cue.text.lstrip().startswith("-"):
                    if not (n.end <= h.start and not s[n.end:h.start].strip(" ")):
                        continue  # "-member delegation" must be attached to its number
                    d = 0
                else:
                    if n.end <= h.start:
                        gap = s[n.end:h.start]
                    elif n.start >= h.end:  # (a value glossing the one before it stands where that one does)
                        gap = s[h.end:(g.start if (g := glossed(s, n, mentions("number"))) and g.start >= h.end else n.start)]
                        if self._own_predicate_follows(s, n, rules.topic.name) or self._own_participle(s, h, n, rules):
                            continue  # "3,408 injured and 139 still missing", "two dead and 192 injured": 139 is the missing
                        if any(o.end <= h.start and (not s[o.end:h.start].strip(" -") or s[o.end:h.start].strip() == o.unit
                                                      and gap.strip()) for o in mentions("number")):
                            continue  # "4,515 injured and 351 missing", "101 people missing were reported at three sites":
                            # the cue is the number's before it (but "four thieves made off with eight": its object)
                    else:
                        continue
                    if _STOP.search(gap):
                        continue
                    if n.start >= h.end and part_of_before(s, n.start, h.end, mentions("number")):
                        continue  # "guilty on three counts, two involving fraud": two is a part of the three
                    if n.end <= h.start and any(n.end <= o.start and o.end <= h.start for o in mentions("number")):
                        continue  # "2,900 people and 31 were killed": the number nearer the predicate is what it says
                    if n.end <= h.start and not gap.strip(" -") and self._predicate_after(s, h, rules.topic.name):
                        continue  # "Two men arrested": the men are who is counted; what happened to them says whose count
                    if n.end <= h.start and len(gap.split()) <= 1 and h.cue.learned is not None and self._not_its_noun(s, h, rules, own, counted):
                        continue  # "two associates", "two items were dropped": what the number counts, or what befell them, is not the topic's
                    d = _count_words(gap, _SKIPPABLE)
                    if d > 3 and n.start >= h.end and LEVEL.search(gap) and not re.search(r"(?<!\d),|\(", gap) \
                            and _clauses_apart(cl, h.start, n.start) == 0:
                        d = 3  # "the death toll from the quake in Myanmar has risen to 694": the toll's level
                    if d > 3 or _clauses_apart(cl, h.start, n.start) > 1:
                        continue
                if cut and not (n.end <= h.start and d == 0):
                    continue  # only the cut word itself, a cue ("1,354 diamond"), can say what is counted
                if n.confidence <= 0.5 and (d > 0 or h.cue.learned is not None):
                    continue  # "some", "one": a count only when right beside the cue
                if n.ordinal and (d > 0 or n.start > h.start):
                    continue  # "second round" counts rounds; "first-round agreement" does not
                if unit_of(n.unit) and not unit_of(rules.topic.unit) and rules.topic.unit:
                    continue  # "four days" is no count of members
                if counted and unit_of(rules.topic.unit) and counted not in (own or ()) and not timed(s, n.end):
                    continue  # "for a fourth time", "five goals": a topic counted in minutes takes only times
                value, conv = convert(n.value, n.unit, rules.topic.unit)
                within = inside(s, n.start) if unit_of(n.unit) else None
                if within and value.low == value.high and value.text is None:
                    most = parse_quantity(f"up to {_fmt_num(value.low)}")
                    if most is not None:
                        conv = (conv + "; " if conv else "") + f"'{within} {n.text}' is at most {_fmt_num(value.low)}"
                        value = most
                beyond = _BEYOND.search(s, 0, n.start)
                if beyond and value.low == value.high and value.text is None:
                    more = parse_quantity(f"more than {_fmt_num(value.low)}")
                    if more is not None:
                        conv = (conv + "; " if conv else "") + f"'{beyond.group(1)} {n.text}' is more than {_fmt_num(value.low)}"
                        value = more
                bound, why = self._bound_is_value.get(rules.topic.name, (None, ""))
                if bound and value.text and (value.high if bound == "max" else value.low) not in (None, float("inf")) \
                        and (value.low == 0 if bound == "max" else value.high == float("inf")) \
                        and not (value.low_open or value.high_open):
                    edge = value.high if bound == "max" else value.low
                    conv = (conv + "; " if conv else "") + f"'{value.text}' {why} is {_fmt_num(edge)}"
                    value = type(value)(edge, edge)
                conf = n.confidence * _distance_factor(d) * _CLAUSE_FACTOR[apart_s] * _VALUE_CLAUSE[_clauses_apart(cl, h.start, n.start)] * h.cue.weight
                written = "" if n.how.startswith("vague") else f" '{n.text}'"
                how = f"{n.how}{written}" + (f" ({conv})" if conv else "") + f", {d} word{'s' if d != 1 else ''} from the cue {h.cue.shown}"
                told = ahead or (n.end <= h.start and not takes_forecast(rules.topic)
                                 and forecast([w for w in _WORD.findall(s[n.end:h.start]) if not w[:1].isupper()]))
                if told:  # "the toll could rise to 3,000", "thousands could be dead"
                    conf *= WEAK_FRAMING
                    how += f"; a forecast ('{told}'), not a count"
                cand = _Cand(rules.topic.name, "number", value, ((n.start, n.end),), conf, how, h.end - h.start,
                             bool(sub and sub.proper), sdist)
                if best is None or cand.confidence > best.confidence:
                    best = cand
            if best:
                out.append(best)
        return out

    def _read_date(self, s, cl, rules, hits, mentions) -> list[_Cand]:
        found = []
        takes = self._date_roles[rules.topic.name]
        dates = with_spans(mentions, self._span_kinds.get(rules.topic.name))  # "founded in 2020" (events.with_spans)
        for n in dates:
            n = as_planned(s, cl, n, _date_role(s, cl, n), takes, hits)
            if n is None:
                continue  # "until October 30" ends something, "will meet again on ..." plans it: not this day
            found.append((n.start, n.end, n.value, n.how, n.confidence if n.value is not None else 0.5,
                          {"unresolved": n.unresolved, "text": n.text}))
        fronted = {(n.start, n.end) for n in dates if _FRONTED.fullmatch(s, 0, n.start) and s[n.end:n.end + 1] == ","}
        return self._through_nearest_cue(s, cl, rules, hits, found, 8, r"[;!?]|\.(?!\d)|(?<!\d)\.", fronted)  # "7.7" ends nothing

    def _read_list(self, s, cl, rules, hits, mentions) -> list[_Cand]:
        # The words naming the topic ("Shaking was also felt in ...") and function words ("Other
        # tremors ...") opening a sentence in capitals are not its items.
        own = {lemma(w) for x in [*rules.subjects, *rules.cues] for w in _ALNUM.findall(x.text)}
        # A name the claim set knows is an item even where a cue is written with it ("hit Northland and Southland");
        # the topic's curated lists say whether its items are names or days (a list of countries takes no "April 28").
        kinds = self.list_kinds.get(rules.topic.name) or {"date", "names"}
        items = sorted([m for m in mentions("name") if "names" in kinds and (m.confidence > 0.3 or m.how.startswith("known"))
                        and not (len(m.value.split()) == 1 and (lemma(m.value) in own and not m.how.startswith("known")
                                                                or m.value.casefold() in FUNCTION_WORDS
                                                                or _OPENING_WORD.fullmatch(s, 0, m.start) and _LOWER_NEXT.match(s, m.end)
                                                                and not m.how.startswith("known")))]
                       + [m for m in mentions("date") if "date" in kinds], key=lambda m: m.start)
        out: list[_Cand] = []
        for h, sub, sdist, apart_s in hits:
            inside = [m for m in items if h.start <= m.start < h.end]
            if inside:  # a cue written with its items ("hit Northland and Southland"): its words before them lead to them
                h = replace(h, end=inside[0].start)
            for direction in (1, -1):
                run = coordination(s, items, h, direction)
                if not run:
                    continue
                if any(m.value is None for m in run):
                    continue
                run = [m for m in run if m.kind == "date" or fold_name(m.value) not in left_out(rules.topic.description)
                       and not whose_office(s, m.end)]
                if not run:
                    continue  # "the countries other than Myanmar where it was felt": the topic leaves it out
                kind = "date" if run[0].kind == "date" else "names"
                values = tuple(m.value.start.isoformat() if kind == "date" else " ".join(m.value.split()) for m in run)
                conf = sum(m.confidence for m in run) / len(run) * _CLAUSE_FACTOR[apart_s] * (1.0 if direction == 1 else 0.95) * h.cue.weight
                how = (f"{len(run)} item{'s' if len(run) != 1 else ''} {'after' if direction == 1 else 'before'} the cue "
                       f"{h.cue.shown}: " + "; ".join(m.how for m in run))
                out.append(_Cand(rules.topic.name, kind, values, tuple((m.start, m.end) for m in run), conf, how,
                                 h.end - h.start, bool(sub and sub.proper), sdist))
        return union(out)

    def _read_text(self, s, cl, rules, hits, mentions) -> list[_Cand]:
        out = []
        for q in mentions("quote"):
            if len(q.value.split()) < 4:
                continue  # a scare-quoted phrase, not a statement
            for h, sub, sdist, apart_s in hits:
                if q.start <= h.start and h.end <= q.end:
                    value = " ".join(q.value.split())
                    out.append(_Cand(rules.topic.name, "text", value, ((q.start, q.end),), 0.85 * _CLAUSE_FACTOR[apart_s] * h.cue.weight,
                                     f"quoted words holding the cue {h.cue.shown}", h.end - h.start,
                                     bool(sub and sub.proper), sdist))
                    break
        return out

    def _read_found(self, s, cl, rules, hits, mentions) -> list[_Cand]:
        """A type without a reader here (`time`, or one added in a module of its own): the values its
        `find` sees in the sentence outside its dates, each read through the topic's nearest cue."""
        vtype = TYPES[rules.topic.type]
        found = [(*f, {}) for f in vtype.find(s, [(m.start, m.end) for m in find_dates(s, Anchor())])]
        return self._through_nearest_cue(s, cl, rules, hits, found, vtype.reach, vtype.stops)

    def _through_nearest_cue(self, s, cl, rules, hits, found, reach: int, stops: str, fronted=frozenset()) -> list[_Cand]:
        """Each value found, (start, end, value, how it was read, confidence, more _Cand fields), read
        through the topic's cue that gives it the most confidence, at most `reach` words away and no
        `stops` mark between: how dates, times and any type read by its own `find` are bound. A value
        `fronted` before the sentence's first comma ("On Sunday, thieves ...") frames the clause after
        it: a cue there is read at no distance."""
        out = []
        for start, end, value, read, found_conf, extra in found:
            best = None
            for h, sub, sdist, apart_s, d, apart in near_cues(s, cl, SimpleNamespace(start=start, end=end), hits, reach, stops):
                if h.cue.day == (start, end):
                    d = 0  # the day hangs off the event's own word ("last Friday's strong quake")
                framed = (start, end) in fronted and h.start > end and cl.apart(end + 1, h.start) == 0
                if framed:
                    d, apart = 0, 0
                conf = found_conf * _distance_factor(d) * _CLAUSE_FACTOR[apart_s] * _VALUE_CLAUSE[apart] * h.cue.weight
                how = f"{read}, {d} word{'s' if d != 1 else ''} from the cue {h.cue.shown}" + \
                    ("; the day opens the sentence and frames the clause after its comma" if framed else "")
                cand = _Cand(rules.topic.name, rules.topic.type, value, ((start, end),), conf, how, h.end - h.start,
                             bool(sub and sub.proper), sdist, **extra)
                if best is None or cand.confidence > best.confidence:
                    best = cand
            if best:
                out.append(best)
        return out
