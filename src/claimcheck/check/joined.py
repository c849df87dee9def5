"""The cue hits the words joined to a number give, and whether the noun a number counts is the topic's.

"a four-person gang" and "the 343-member parliament" size the noun after them; "just three shy of a
majority" is the gap of a topic written "short of a majority"; "two associates" counts no jewels, and in
"two items were dropped" what befell the items is no theft. Plain English, no story's words: the topic's
units, subjects, description and cues decide (Readers in readers.py uses these).
"""

from __future__ import annotations

import re
from functools import cached_property

from claimcheck.check.cues import _COUNTLESS, _SKIPPABLE, SUBJECT_REACH, _WHO_COUNTED, _Cue, _Hit, _count_words, _gap_words
from claimcheck.check.framing import own_gap, takes_gap, takes_total
from claimcheck.check.learn import content, lemma

#: A number joined by a hyphen to the word for what it counts, then the noun it sizes: "four-person gang".
_COMPOUND = re.compile(r"-[A-Za-z]+\s+(?=[A-Za-z])")
_NEXT_WORD = re.compile(r"[a-z]+\s+(?=[A-Za-z])")
#: What befell the things a number counts, said in the passive right after them: "were dropped", "had been taken".
_PASSIVE = re.compile(r"\s+(?:(?:was|were|is|are)|(?:has|have|had)\s+been)\s+(?:[a-z]+ly\s+)?([a-z]+(?:ed|en|wn|ne|t))\b")
_NOUN = re.compile(r"\s*[\w-]+")
_WORD = re.compile(r"[\w'-]+")
#: A cheap test for such a compound in a sentence.
COMPOUND_HINT = re.compile(r"\w-(?:person|people|man|men|member|strong|seat)\s", re.I)
#: "followed by the Conservatives with 145", "ahead of the Greens at 40": a party named, then its bare number.
ELLIPSIS_HINT = re.compile(r"\s(?:with|at|on)\s+\d")
_WITH_BEFORE = re.compile(r"\s+(?:with|at|on)\s+$", re.I)
_BARE_AFTER = re.compile(r"\s*(?:[,.;:)]|\s-\s|\s+and\b|\s+(?:according|as|while|after)\b|$)")
#: A cue, then "and" and a number followed by its own participle: "dead and 192 injured", "killed, 40 hurt".
_AND_BETWEEN = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)")
_OWN_PARTICIPLE = re.compile(r"\s+(?:(?:people|persons|others|more|still)\s+)?(?:(?:were|are|was|is|remain|remained)\s+)?"
                             r"([a-z]+(?:ed|en)|missing|hurt)\b")
_AND = re.compile(r"\s+and\s+")
_AND_BEFORE = re.compile(r"\s+and\s+$")
_MARK = re.compile(r"[,;:.()\u2013\u2014]|\s-\s")
#: A cheap test for a gap phrase ("shy of") in a sentence.
GAP_HINT = re.compile(r"(?<![\w])(?:short|shy)\s+of(?![\w])", re.I)


#: "How many people were found dead ...", "How many people the earthquake killed ...": the words after the count's noun.
_HOW_MANY = re.compile(r"^\s*How many [a-z]+\s+((?:[\w'-]+\s+){0,3}?)(?!been\b)([a-z]+(?:ed|en)|dead|died|missing)\b")
_NOT_BEFALLEN = frozenset({"need", "want", "expect", "project", "plan", "allow"})


def befallen(topic) -> tuple[str, tuple[str, ...]] | None:
    """What a people-counting topic's description says befell them, as a cue (text, lemmas): "died" in
    "How many people died during ...", "arrested" in "How many suspects had been arrested ..."."""
    words = {lemma(w) for w in _WORD.findall(topic.unit or "")}
    m = _HOW_MANY.match(topic.description or "") if topic.type == "number" and words & _WHO_COUNTED else None
    if m is None or lemma(m.group(2)) in _NOT_BEFALLEN:
        return None
    return m.group(2), (lemma(m.group(2)),)


def _alike(a, b) -> float:
    """How alike two topics' (their rules') descriptions are, their subjects' words aside (shared words over all)."""
    def words(r):
        own = {w.casefold() for sub in r.subjects for w in _WORD.findall(sub.text)}
        return {w.casefold() for w in _WORD.findall(r.topic.description or "")} - own
    x, y = words(a), words(b)
    return len(x & y) / len(x | y) if x | y else 0.0


class JoinedHits:
    """The Extractor's reading of the words joined to a number (mixed into Readers)."""

    def _joined_hits(self, s: str, cl, numbers) -> dict[str, list]:
        """The cue hits the words joined to a number give: a compound sizing a noun, a gap phrase."""
        out = self._compound_hits(s, numbers) if COMPOUND_HINT.search(s) else {}
        if GAP_HINT.search(s):
            for topic, more in self._gap_hits(s, cl, numbers).items():
                out[topic] = [*out.get(topic, ()), *more]
        return out

    def _elliptic_hits(self, s: str, numbers, hits: dict) -> dict[str, list]:
        """"The Greens won 40 seats, followed by the Reds with 31": a bare number right after a topic's
        subject and "with", "at" or "on", in a sentence where another number topic counting the same unit
        has a cue and a number stands before that subject, counts what that number counts: the phrase is
        the topic's cue."""
        out: dict[str, list] = {}
        for n in numbers:
            w = _WITH_BEFORE.search(s, max(0, n.start - 8), n.start)
            if w is None or n.unit or not _BARE_AFTER.match(s, n.end):
                continue
            best = None
            for name, rules in self.rules.items():
                unit = (rules.topic.unit or "").casefold()
                if rules.topic.type != "number" or not unit:
                    continue
                sub, a = next(((sub, m.start()) for sub in rules.subjects for m in sub.pattern.finditer(s, 0, w.start())
                               if m.end() == w.start()), (None, 0))
                if sub is None or not any(m.end <= a for m in numbers):
                    continue
                # the topic saying of its subject what a topic with a cue here says of its own
                alike = max((_alike(rules, self.rules[o]) for o in hits
                             if o != name and (self.rules[o].topic.unit or "").casefold() == unit), default=0.0)
                if alike > 0 and (best is None or alike > best[0]):
                    best = (alike, name, _Hit(name, a, w.end(), _Cue(s[a:w.end()].strip(), None, ahead=True)), sub)
            if best:
                out.setdefault(best[1], []).append((best[2], best[3], 0, 0))
        return out

    def _gap_hits(self, s: str, cl, numbers) -> dict[str, list]:
        """"just three shy of a majority": the gap phrase after a number is the cue of a topic that is
        that gap (framing.own_gap), where the sentence names one of the topic's subjects."""
        out: dict[str, list] = {}
        for name, rules in self.rules.items():
            if rules.topic.type != "number" or not rules.subjects or not takes_gap(rules.topic):
                continue
            for n in numbers:
                span = own_gap(s, n.end, rules.topic)
                if span is None:
                    continue
                lo, hi = cl.window(span[0], SUBJECT_REACH)
                found = [(m.start(), m.end(), sub) for sub in rules.subjects for m in sub.pattern.finditer(s, lo, hi)]
                if not found:
                    continue
                a, b, sub = min(found, key=lambda f: abs(f[0] - span[0]))
                h = _Hit(name, span[0], span[1], _Cue(s[span[0]:span[1]], None))
                out.setdefault(name, []).append((h, sub, _gap_words(s, h, (a, b)), min(cl.apart(a, h.start), SUBJECT_REACH)))
        return out

    @cached_property
    def _people_nouns(self) -> dict:
        """Each plain one-word subject of just one number topic that counts people, by its lemma, with
        the topic and the subject: the noun after a number says it counts them ("four thieves")."""
        owners: dict[str, list] = {}
        for name, r in self.rules.items():
            if r.topic.type == "number" and (self._units.get(name) or set()) & _WHO_COUNTED:
                for sub in r.subjects:
                    if not sub.proper and len(sub.text.split()) == 1 and lemma(sub.text.casefold()) not in _WHO_COUNTED:
                        owners.setdefault(lemma(sub.text.casefold()), []).append((name, sub))
        return {k: v[0] for k, v in owners.items() if len({n for n, _ in v}) == 1}

    def _counted_subject_hits(self, s: str, numbers) -> dict[str, list]:
        """"four thieves": a number right before a noun that is one people-counting topic's subject
        counts them, the noun its cue (where no other topic's subject it is)."""
        out: dict[str, list] = {}
        nouns = self._people_nouns
        for n in numbers:
            found = nouns.get(lemma(n.unit.casefold())) if n.unit and len(n.unit.split()) == 1 else None
            m = found and re.match(r"\s+" + re.escape(n.unit) + r"(?![\w-])", s[n.end:])
            if m:
                name, sub = found
                h = _Hit(name, n.end + m.start() + len(m.group(0)) - len(n.unit), n.end + m.end(), _Cue(n.unit, None))
                out.setdefault(name, []).append((h, sub, 0, 0))
        return out

    def _compound_hits(self, s: str, numbers) -> dict[str, list]:
        """"a four-person gang", "the 343-member parliament", "a 343-seat house": a number joined to the
        word for what it counts names the size of the noun after it; that noun, when it is a number
        topic's subject, is the topic's cue right at the number, if the topic counts that word, counts
        people (the compound counts people or members) or is a total (the whole size of its subject)."""
        out: dict[str, list] = {}
        for n in numbers:
            m = _COMPOUND.match(s, n.end)
            if m is None or not n.unit:
                continue
            counted = lemma(n.unit)
            for name, rules in self.rules.items():
                own = self._units.get(name) or set()
                if rules.topic.type != "number" or not (
                        counted in own or (counted in _WHO_COUNTED | {"member"} and own & _WHO_COUNTED)
                        or takes_total(rules.topic)):
                    continue
                after = _NEXT_WORD.match(s, m.end())  # "a four-person armed gang": one word may stand between
                for sub in rules.subjects:
                    head = sub.pattern.match(s, m.end()) or (after and sub.pattern.match(s, after.end()))
                    if not head:
                        continue
                    cue = _Cue(s[n.end:head.end()], None, lemmas=(counted,))
                    out.setdefault(name, []).append((_Hit(name, n.end, head.end(), cue), sub, 0, 0))
                    break
        return out

    def _own_participle(self, s: str, h: _Hit, n, rules) -> bool:
        """"two were reported dead and 192 injured": a number coordinated after the cue and followed by a
        participle of its own that is none of the topic's cues (or a noun of its own the topic does not count)
        counts what that word says, not the cue's."""
        if not _AND_BETWEEN.fullmatch(s, h.end, n.start):
            return False
        counted, own = lemma(n.unit) if n.unit else "", self._units.get(rules.topic.name) or set()
        if own and counted and counted not in own and content(counted) and not any(counted in c.lemmas for c in rules.cues):
            return True  # "two people had died and 1,000 homes ...": a number with its own noun counts that noun
        m = _OWN_PARTICIPLE.match(s, n.end)
        if m is None:
            return False
        word = m.group(1)
        return not any(lemma(word) in c.lemmas or c.text.casefold() == word for c in rules.cues)

    def _own_predicate_follows(self, s: str, n, topic: str) -> bool:
        """Does another number topic's cue follow the number closely, with none of this topic's?"""
        def close(h) -> bool:
            if h.cue.lemmas and set(h.cue.lemmas) <= _COUNTLESS:
                return False  # "2,900 people": what is counted, not what happened to them
            return h.start >= n.end and not re.search(r"[.;:!?,]", s[n.end:h.start]) \
                and _count_words(s[n.end:h.start], _SKIPPABLE | {"still", "more", "people", "persons", "others"}) == 0
        others = any(close(h) for t, hs in self._hits_here.items() if t != topic and self.rules[t].topic.type == "number"
                     for h, *_ in hs)
        return others and not any(close(h) for h, *_ in self._hits_here.get(topic, ()))

    def _predicate_after(self, s: str, h: _Hit, topic: str) -> bool:
        """Does another number topic's cue follow this topic's cue right away ("men arrested", "people killed")?"""
        return any(x.start >= h.end and not s[h.end:x.start].strip(" ,") and x.start > h.start
                   for t, hs in self._hits_here.items() if t != topic and self.rules[t].topic.type == "number"
                   for x, *_ in hs)

    def _coordinated(self, s: str, chosen: list, cands: list) -> list:
        """"Smith and Jones scored inside the first 20 minutes": a value chosen for one topic is also the
        one other topic's whose named subject is joined to this one's by "and", as the subject of the
        clause the value is in (no mark between them), where that topic read the same words."""
        out, done = [], {c.topic for c in chosen}
        for c in chosen:
            if c.kind != "number":
                continue
            at = min(a for a, _ in c.spans)
            rivals = [o for o in cands if o.topic not in done and o.kind == c.kind and o.spans == c.spans and o.value == c.value]
            for m in (m for sub in self.rules[c.topic].subjects if sub.proper for m in sub.pattern.finditer(s, 0, at)):
                pair = [o for o in rivals if any(
                    (j := _AND.match(s, m.end())) and x.pattern.match(s, j.end()) and not _MARK.search(s, j.end(), at)
                    or (j := _AND_BEFORE.search(s, 0, m.start())) and (y := x.pattern.search(s, max(0, j.start() - 60), j.start()))
                    and y.end() == j.start() and not _MARK.search(s, m.end(), at)
                    for x in self.rules[o.topic].subjects if x.proper)]
                best = max(pair, key=lambda o: o.confidence, default=None)
                if best and sum(o.confidence == best.confidence for o in pair) == 1:
                    out.append(best)
                    done.add(best.topic)
                    break
        return out

    def _not_its_noun(self, s: str, h: _Hit, rules, own, counted) -> bool:
        """A learned cue right after a number, read as the noun it counts: is that noun one the topic
        does not count (its units are others: "two associates" for a count of jewels), or is what the
        sentence says befell them ("two items were dropped") no cue of the topic's?"""
        if not counted or (counted not in h.cue.lemmas and h.end > h.start):
            return False  # the cue is no noun the number counts ("101 individuals missing")
        if own and counted not in own and not s[h.start:h.end].casefold().endswith("ed"):
            return True  # (a word in -ed is a participle, "172 needed", not the noun counted)
        at = h.end
        if h.end == h.start:  # a cue for the unit stands at the number: the noun comes first
            noun = _NOUN.match(s, at)
            at = noun.end() if noun else at
        m = _PASSIVE.match(s, at)
        if m is None:
            return False
        done = lemma(m.group(1))
        return not any(done in c.lemmas or c.text.casefold() == m.group(1).casefold() for c in rules.cues)

