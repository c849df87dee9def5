"""Reading a label topic's state in a sentence, as a reader would: hypotheticals, "almost", plans and
negation turn or suppress a label, and a cue speaks only of the subjects it governs. What the
codebook's definitions say of each label's stage (check/stages.py) decides what a question ("it
wasn't clear if"), a plan ("will be charged"), a possibility or a denial turns a label into.

A mixin of check/readers.py's Readers (the Extractor's reading of one sentence): it uses the
Extractor's rules, the sentence's hits and its negated labels.
"""

from __future__ import annotations

import re

from claimcheck.check.cues import _ALMOST, _CLAUSE_FACTOR, _HYPOTHETICAL, _NEGATION, _WORD, _Cand, _Hit
from claimcheck.check.framing import CONDITION_WORDS, SHORT_OF, WEAK_FRAMING, fallen_short
from claimcheck.check.learn import lemma
from claimcheck.check.stages import SUPERSEDED, UNCERTAIN, denied, open_label, open_labels, state_before


#: Modals of possibility, and verbs of seeking (as lemmas), before a decided state.
_MODALS = frozenset("could might may".split())
_SEEKING = frozenset("ask seek request try apply push urge want petition".split())
#: What an open label's definition says (as lemmas) for it to be the state those frames give.
_POSSIBLE_DEF = frozenset("possible possibility".split())
_SOUGHT_DEF = frozenset("seek request ask".split())


def _denies(word: str) -> bool:
    """A word of denial, contracted ones too ("hasn't", "won't")."""
    w = word.casefold()
    return w in _NEGATION or w.endswith("n't")


#: A cue followed by "would have" ("a majority government would have allowed ..."): what did not happen.
_COUNTERFACTUAL = re.compile(r"\s*(?:[\w'-]+\s+){0,4}(?:would|could|might)\s+(?:not\s+)?have\b", re.I)

#: "not only lost his bid, but ...": after a denial, these make it an intensifier that denies nothing.
_NOT_ONLY = frozenset("only just merely simply".split())


#: Words opening a condition clause: "If the vote succeeds, white smoke will rise" states no outcome.
_CONDITION_OPENERS = CONDITION_WORDS - {"whether"}  # "Whether ..." opens a question, not a condition


def conditioned(s: str, cl, start: int) -> str | None:
    """The condition word a label cue or a value at `start` depends on beyond its own clause: a sentence opening
    with "If ..." or "Unless ..." supposes all it says, and "X will happen if ..." says only what would
    follow; None when no condition frames it."""
    first = _WORD.search(s)
    if first and first.group(0).casefold() in _CONDITION_OPENERS:
        return first.group(0)
    lo, hi = cl.bounds[cl.index(start)]
    if "will" in {w.casefold() for w in _WORD.findall(s[lo:start])}:
        after = next((m for m in _WORD.finditer(s, start) if m.group(0).casefold() in _CONDITION_OPENERS), None)
        if after is not None:
            return after.group(0)
    return None


def self_named(s: str, h: _Hit, sub, rules) -> bool:
    """Is a label cue its own only subject ("a review" for a review's state: every subject word of the
    topic in the sentence is the cue's own words, as "review" read as "reviewing"; "ongoing talks" says
    more than its subject) while the topic's subjects include a named body or
    person? Then whose state it is goes unsaid."""
    if sub.proper or not any(x.proper for x in rules.subjects):
        return False
    found = [(m.start(), m.end()) for x in rules.subjects for m in x.pattern.finditer(s)]
    return bool(found) and all(a <= h.start and h.end <= b for a, b in found)


#: Words after which "to" is a preposition before a noun phrase, not the mark of an infinitive; and the
#: words that make "X to" a link of cause ("linked to", "due to").
_DETERMINERS = frozenset("a an the its his her their this that these those such some".split())
_LINKS = frozenset("linked due related owing attributed traced tied connected down".split())


def _to_a_noun(before: list[str]) -> bool:
    """Is the "to" before a cue a link to a noun phrase ("linked to an overvoltage", "due to the surge",
    "put down to a fault"), not a purpose or a plan ("to convict him")? Then the cue names the cause."""
    return len(before) >= 3 and before[-2] == "to" and before[-1] in _DETERMINERS and before[-3] in _LINKS


def _denied_before(before: list[str]) -> bool:
    """Is one of the last three words before a cue a denial (and no "not only")?"""
    n = len(before)
    return any(_denies(before[i]) and not (i + 1 < n and before[i + 1] in _NOT_ONLY) for i in range(max(0, n - 3), n))


class LabelReader:
    """The label reader and what it needs to know of the clause around a label cue."""

    def _read_label(self, s, cl, rules, hits, mentions) -> list[_Cand]:
        out = []
        taken: list[tuple[int, int]] = []
        topic = rules.topic
        opens = self._open_labels(topic)
        for h, sub, sdist, apart_s in sorted(hits, key=lambda x: -(x[0].end - x[0].start)):
            if any(a < h.end and h.start < b for a, b in taken):
                continue
            asked = self._asked(s, cl, h) if opens else None
            denial = None
            if h.cue.label is None and sub is not None and apart_s == 0 and not asked \
                    and not any(x.cue.label is not None and x.start < h.end and h.start < x.end for x, *_ in hits):
                denial = self._denial_of(s, cl, h, topic)  # (a label's own cue on these words speaks for itself)
            if h.cue.label is None and not ((asked or denial) and sub is not None and apart_s == 0):
                continue  # a topic's word says which topic, not which label, unless the clause asks or denies which
            taken.append((h.start, h.end))
            if topic.cues and h.cue.label is not None and not (sub is not None and apart_s == 0):
                lo, hi = cl.window(h.start, 1)
                if not any(x.cue.label is None and x.start < hi and x.end > lo for x, *_ in hits):
                    continue  # a label's words, but neither the subject beside them nor a cue saying this fact is stated
            lo = cl.bounds[cl.index(h.start)][0]
            before = [w.casefold() for w in _WORD.findall(s[lo:h.start])]
            cue_words = {w.casefold() for w in _WORD.findall(h.cue.text)}
            governed = self._governed(s, cl, h) if h.cue.label is not None else set()
            if governed and topic.name not in governed:
                continue  # "acquitted of A but convicted of B": the cue speaks of another topic's subject
            if asked:
                # "it wasn't clear if it would be a majority": which label holds is asked, so the open one does
                label = h.cue.label if h.cue.label in opens else opens[0]
                conf = 0.85 * _CLAUSE_FACTOR[apart_s] * h.cue.weight * 0.9
                how = (f"label cue {h.cue.shown}" if h.cue.label else f"cue {h.cue.shown}") + \
                      (f" with subject '{sub.text}'" if sub else "") + \
                      f"; asked ('{s[asked[0]:asked[1]]}'), not stated, so '{label}'"
                out.append(_Cand(topic.name, "label", label, ((h.start, h.end),), conf, how,
                                 h.end - h.start, bool(sub and sub.proper), sdist))
                continue
            if denial:
                label, neg, lem = denial
                conf = 0.85 * _CLAUSE_FACTOR[apart_s] * h.cue.weight * 0.9
                how = f"cue {h.cue.shown} with subject '{sub.text}'; denied ('{s[neg:h.end]}'), and only " \
                      f"'{label}''s definition denies '{lem}'"
                out.append(_Cand(topic.name, "label", label, ((h.start, h.end),), conf, how,
                                 h.end - h.start, bool(sub and sub.proper), sdist))
                continue
            if sub is not None and self_named(s, h, sub, rules):
                continue  # "granted after a Phase I review": whose review the words do not say, the body is unnamed
            label, turned = h.cue.label, ""
            hypothetical = bool(set(before[-8:]) & _HYPOTHETICAL)
            maybe = self._maybe(topic, label, before) if hypothetical or any(lemma(w) in _SEEKING for w in before[-8:]) else None
            if hypothetical and maybe is None:
                continue  # "failure to reach a breakthrough", "could end in a stalemate"
            if maybe is not None:
                at = max(m.start() for m in _WORD.finditer(s, lo, h.start) if m.group(0).casefold() == maybe[2])
                label, turned = maybe[0], f"; {maybe[1]} ('{s[at:h.end]}'), so '{maybe[0]}'"
            if set(before[-2:]) & _ALMOST:
                continue  # "almost collapsed" did not collapse
            if _COUNTERFACTUAL.match(s, h.end, cl.bounds[cl.index(h.end - 1)][1]):
                continue  # "a majority government would have allowed him ...": there is none
            if topic.changes_over_time and SUPERSEDED.match(s, h.end, cl.bounds[cl.index(h.end - 1)][1]):
                continue  # "others who were held in custody were later released": a state that has ended
            if not turned and set(before[-2:]) & {"will", "to"} and not _to_a_noun(before) and not open_label(topic, label):
                state = self._negated.get((topic.name, label)) or state_before(topic, label)
                if "will" not in before[-2:] or not topic.changes_over_time or state is None:
                    continue  # "to convict him": a purpose, not a state
                will = max(m.start() for m in _WORD.finditer(s, lo, h.start) if m.group(0).casefold() == "will")
                label, turned = state, f"; a plan ('{s[will:h.end]}'), so not yet: '{state}'"
            short = None if cue_words & (_NEGATION | SHORT_OF) else fallen_short(before)
            inside = [m for m in _WORD.finditer(s, h.start, h.end) if _denies(m.group(0)) and m.group(0).casefold() not in cue_words]
            if not turned and ((not (cue_words & _NEGATION) and _denied_before(before)) or short or inside):
                label = self._negated.get((topic.name, label)) or (state_before(topic, label, comparative=True) if topic.changes_over_time else None)
                if label is None:
                    continue  # "has not begun", "fell short of a majority": nothing is stated
                neg = inside[0].start() if inside else max(
                    m.start() for m in _WORD.finditer(s, lo, h.start)
                    if (_denies(m.group(0)) if not short else m.group(0).casefold() == short))
                turned = f"; negated ('{s[neg:h.end]}'), so '{label}'"
            conf = 0.85 * _CLAUSE_FACTOR[apart_s] * h.cue.weight * (0.9 if turned else 1.0)
            how = f"label cue {h.cue.shown}" + (f" with subject '{sub.text}'" if sub else "") + turned
            if (cond := conditioned(s, cl, h.start)):
                conf *= WEAK_FRAMING  # supposed, not stated: shown as possible at most
                how += f"; under the condition '{cond}', supposed, not stated"
            out.append(_Cand(topic.name, "label", label, ((h.start, h.end),), conf, how,
                             h.end - h.start, bool(sub and sub.proper), sdist))
        return out

    def _maybe(self, topic, label: str, before: list[str]):
        """A decided state only possible or sought ("might be released on bail", "asked the judge to
        release him on bail") is the open label, where the curator defines that label as a state
        possible or sought: (label, why, the word saying so) or None."""
        if not topic.changes_over_time or label in self._open_labels(topic) or set(before[-8:]) & {"if", "unless", "whether"}:
            return None
        for kind, said, words in (("a possibility", _POSSIBLE_DEF, _MODALS), ("sought", _SOUGHT_DEF, _SEEKING)):
            at = next((i for i in range(len(before) - 1, max(-1, len(before) - (3 if kind == "a possibility" else 8)), -1)
                       if before[i] in words or (kind == "sought" and lemma(before[i]) in words)), None)
            if at is None or any(_denies(w) for w in before[at:]):
                continue  # "could not be released" is no possibility of release
            for o in self._open_labels(topic):
                lab = topic.labels[o]
                if {lemma(w) for w in _WORD.findall(lab.definition)} & said:
                    return o, kind, before[at]
        return None

    @staticmethod
    def _denial_of(s: str, cl, h: _Hit, topic):
        """A topic's own word denied in its clause ("no trace has been found of the jewels"), where
        exactly one label's definition denies that word ("None of the jewels ... has been found"):
        (that label, where the denial starts, the word's lemma) or None."""
        lo = cl.bounds[cl.index(h.start)][0]
        near = list(_WORD.finditer(s, lo, h.start))[-4:]
        neg = next((m for m in reversed(near) if _denies(m.group(0))), None)
        if neg is None or any(m.group(0).casefold() in _HYPOTHETICAL for m in near):
            return None
        lems = {lemma(w) for w in _WORD.findall(s[h.start:h.end])}
        found = [(name, lem) for name, lab in topic.labels.items() for lem in sorted(lems & denied(lab.definition, plain=True))]
        return (found[0][0], neg.start(), found[0][1]) if len({n for n, _ in found}) == 1 else None

    def _open_labels(self, topic) -> list[str]:
        """The topic's labels still to be decided (stages.py), worked out once per topic."""
        cache = self._open_cache  # made by the extractor, shared by the copy each article is read on
        if topic.name not in cache:
            cache[topic.name] = open_labels(topic)
        return cache[topic.name]

    @staticmethod
    def _asked(s: str, cl, h: _Hit) -> tuple[int, int] | None:
        """The question frame ("it was not clear whether", "did not yet say if", "too close to call")
        the cue stands in: in its clause or the one before, ending at most twelve words before it."""
        lo, _ = cl.window(h.start, 1)
        hi = cl.bounds[cl.index(max(h.start, h.end - 1))][1]
        for m in UNCERTAIN.finditer(s, lo, hi):
            if m.start() >= h.end and "whether" not in m.group(0).casefold() and " if" not in m.group(0).casefold():
                return (m.start(), m.end())  # "the race is too close to call" names the open state after its subject
            if m.end() <= h.start and len(_WORD.findall(s[m.end():h.start])) <= 12:
                return (m.start(), m.end())
        return None

    def _governed(self, s: str, cl, h: _Hit) -> set[str]:
        """The label topics whose subject a label cue speaks of: the subjects after it, up to the next
        cue of another label or the clause's end ("acquitted of A and B but convicted of C" gives "acquitted" A
        and B), or failing those the subjects before it in its clause, back to the previous label cue
        (with none there but an earlier label cue in the sentence, and several label topics using this
        cue's words, {""}: the subject is that cue's); a subject
        joined to the one before by a preposition, not "and" or a comma, modifies it ("trafficking
        for the purpose of prostitution" is about trafficking). Empty when no subject is there."""
        others = [x for t, hs in self._hits_here.items() if self.rules[t].topic.type == "label"
                  for x, *_ in hs if x.cue.label not in (None, h.cue.label) and not (x.start < h.end and h.start < x.end)]
        k = cl.index(max(h.start, h.end - 1))
        while k + 1 < len(cl.bounds) and cl.parenthetical[k + 1]:
            k += 1  # "acquitted of the most serious charges, including A and B": the aside names them
        lo, hi = cl.bounds[cl.index(h.start)][0], cl.bounds[k][1]
        nxt = min([x.start for x in others if x.start >= h.end] + [hi])
        earlier = [x.end for x in others if x.end <= h.start]
        prev = max(earlier + [lo])
        found: list[tuple[int, int, str]] = []
        for name, r in self.rules.items():
            if r.topic.type != "label":
                continue
            for sub in r.subjects:
                for m in sub.pattern.finditer(s, prev, nxt):
                    found.append((m.start(), m.end(), name))
        after = sorted(f for f in found if f[1] > h.start)  # a subject inside the cue ("tracking down the jewels") first
        if after:
            out, end = set(), None
            for a, b, name in after:
                if end is not None and a >= end and not re.search(r",|\b(?:and|or|nor|as well as)\b", s[end:a]):
                    break
                out.add(name)
                end = b if end is None else max(end, b)
            return out
        before = {name for a, b, name in found if b <= h.start}
        shared = self._label_cue_topics.get(h.cue.text.casefold(), 0) > 1
        if not before and earlier and shared:
            return {""}  # "found guilty of A, despite being acquitted of the most serious charges": A is the first cue's
        return before
