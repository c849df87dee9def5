"""Reading a label topic's state in a sentence, as a reader would: hypotheticals, "almost", plans and
negation turn or suppress a label, and a cue speaks only of the subjects it governs.

A mixin of check/readers.py's Readers (the Extractor's reading of one sentence): it uses the
Extractor's rules, the sentence's hits and its negated labels.
"""

from __future__ import annotations

import re

from claimcheck.check.cues import _ALMOST, _CLAUSE_FACTOR, _HYPOTHETICAL, _NEGATION, _WORD, _Cand, _Hit
from claimcheck.check.framing import SHORT_OF, fallen_short


def _awaited(topic, label: str) -> bool:
    """Is the label itself a state still to come ("not yet decided", "pending")? Then "will" states it."""
    lab = topic.labels.get(label)
    words = {w.casefold() for w in _WORD.findall(f"{label.replace('_', ' ')} {lab.definition if lab else ''}")}
    return bool(words & {"yet", "pending", "undecided", "will", "whether", "awaited", "upcoming", "scheduled"})


class LabelReader:
    """The label reader and what it needs to know of the clause around a label cue."""

    def _read_label(self, s, cl, rules, hits, mentions) -> list[_Cand]:
        out = []
        taken: list[tuple[int, int]] = []
        for h, sub, sdist, apart_s in sorted(hits, key=lambda x: -(x[0].end - x[0].start)):
            if h.cue.label is None or any(a < h.end and h.start < b for a, b in taken):
                continue
            taken.append((h.start, h.end))
            if rules.topic.cues and not (sub is not None and apart_s == 0):
                lo, hi = cl.window(h.start, 1)
                if not any(x.cue.label is None and x.start < hi and x.end > lo for x, *_ in hits):
                    continue  # a label's words, but neither the subject beside them nor a cue saying this fact is stated
            lo = cl.bounds[cl.index(h.start)][0]
            before = [w.casefold() for w in _WORD.findall(s[lo:h.start])]
            cue_words = {w.casefold() for w in _WORD.findall(h.cue.text)}
            if set(before[-8:]) & _HYPOTHETICAL:
                continue  # "failure to reach a breakthrough", "could end in a stalemate"
            if set(before[-2:]) & _ALMOST:
                continue  # "almost collapsed" did not collapse
            if set(before[-2:]) & {"will", "to"} and not _awaited(rules.topic, h.cue.label):
                continue  # "will be charged", "to convict him": a plan or a purpose, not a state
            governed = self._governed(s, cl, h)
            if governed and rules.topic.name not in governed:
                continue  # "acquitted of A but convicted of B": the cue speaks of another topic's subject
            label, turned = h.cue.label, ""
            short = None if cue_words & (_NEGATION | SHORT_OF) else fallen_short(before)
            if (not (cue_words & _NEGATION) and set(before[-3:]) & _NEGATION) or short:
                label = self._negated.get((rules.topic.name, label))
                if label is None:
                    continue  # "has not begun", "fell short of a majority": nothing is stated
                neg = max(m.start() for m in _WORD.finditer(s, lo, h.start)
                          if m.group(0).casefold() in (_NEGATION if not short else {short}))
                turned = f"; negated ('{s[neg:h.end]}'), so '{label}'"
            conf = 0.85 * _CLAUSE_FACTOR[apart_s] * h.cue.weight * (0.9 if turned else 1.0)
            how = f"label cue {h.cue.shown}" + (f" with subject '{sub.text}'" if sub else "") + turned
            out.append(_Cand(rules.topic.name, "label", label, ((h.start, h.end),), conf, how,
                             h.end - h.start, bool(sub and sub.proper), sdist))
        return out

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
