"""Lists and choices: items joined into one list, and which reading each span of words goes to.

The last steps of reading a sentence, after every candidate has its confidence: kept apart from
`cues` (how a candidate is found and weighed) so each stays one idea.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from typing import Any

from claimcheck.check.cues import _Cand, _Hit, _count_words
from claimcheck.check.learn import lemma
from claimcheck.check.mentions import Mention
from claimcheck.check.people import TITLE_WORDS


#: What joins two items of a list: a comma, "and", "as well as"; "and even", "and parts of" too.
_SEPARATOR = re.compile(r"\s*(?:,\s*(?:and\s+|as well as\s+|along with\s+)?|\s+and\s+|\s*&\s*|\s+as well as\s+|\s+along with\s+)"
                        r"(?:(?:even|also)\s+)?(?:(?:parts?|much|most)\s+of\s+)?", re.I)


_CONJOINED = re.compile(r"(?<![\w])(?:and|as well as|along with)(?![\w])|&", re.I)


#: After a list's last item: a lowercase word that is no preposition or conjunction, so a verb going on with a clause.
_CLAUSE_GOES_ON = re.compile(r"\s+(?!(?:of|from|in|at|on|with|for|to|by|who|which|whose|and|or|as|among|including|"
                             r"both|each|all|alike|too)(?![\w']))[a-z][\w'\u2019]*", )


_LEAD_WORDS = {"the", "both", "jointly", "by", "on", "to", "with", "including", "namely", "of", "from", "its", "were",
               "was", "are", "is", "had", "has", "have"}


#: A dash after a plural cue, within its sentence and eight words: what follows it lists what the cue names
#: ("the four founders, who are residents - Ana Ruiz, Piet Rask and Lena Ort - hold ...").
_DASH_AFTER = re.compile(r"[^.;:!?]{0,80}?\s[-\u2013\u2014]\s+")


def coordination(s: str, items: list[Mention], h: _Hit, direction: int) -> list[Mention]:
    """Items joined by commas and 'and' right after (direction 1) or right before (-1) a cue."""
    if direction == 1:
        following = [m for m in items if m.start >= h.end]
        lead = s[h.end:following[0].start] if following else ""
        plural = re.search(r"([a-z]+)s$", h.cue.text) and lemma(h.cue.text.split()[-1]) != h.cue.text.split()[-1].casefold()
        if lead.strip() and plural and (dash := _DASH_AFTER.match(s, h.end)) and len(dash.group(0).split()) <= 9:
            following = [m for m in following if m.start >= dash.end()]  # (not right after the cue: "includes A - brother of B -")
            lead = s[dash.end():following[0].start] if following else ""
        if not following or re.search(r"[.;:!?]", lead) or _count_words(lead, _LEAD_WORDS | TITLE_WORDS):
            return []
        run = [following[0]]
        for m in following[1:]:
            gap = s[run[-1].end:m.start]
            if _SEPARATOR.fullmatch(gap) and m.kind == run[0].kind:
                run.append(m)
            else:
                break
        if len(run) > 1 and not _CONJOINED.search(s[run[-2].end:run[-1].start]) and _CLAUSE_GOES_ON.match(s, run[-1].end):
            # "sent its tremors to Thailand, Anna Lee didn't know": a name after a bare comma that its
            # own verb follows opens the next clause (not "X, Y from the ministry, and Z")
            return run[:-1]
        return run
    preceding = [m for m in items if m.end <= h.start]
    if not preceding:
        return []
    last = preceding[-1]
    gap = s[last.end:h.start]
    if not re.fullmatch(r"\s*(?:\w+\s+){0,2}", gap) or re.search(r"[,.;:]", gap):
        return []
    run = [last]
    for m in reversed(preceding[:-1]):
        if _SEPARATOR.fullmatch(s[m.end:run[0].start]) and m.kind == run[0].kind:
            run.insert(0, m)
        else:
            break
    return run


def union(cands: list[_Cand]) -> list[_Cand]:
    """Lists read from several cues of one sentence ("includes X ... along with Y, Z") become one."""
    by_kind: dict[str, list[_Cand]] = defaultdict(list)
    for c in cands:
        by_kind[c.kind].append(c)
    out = []
    for kind, cs in by_kind.items():
        cs.sort(key=lambda c: min(a for a, _ in c.spans))
        spans: dict[tuple[int, int], Any] = {}
        for c in cs:
            for span, v in zip(c.spans, c.value):
                spans.setdefault(span, v)
        if len(cs) == 1 or len(spans) == max(len(c.spans) for c in cs):
            out.append(max(cs, key=lambda c: (len(c.spans), c.confidence)))
            continue
        best = max(cs, key=lambda c: c.confidence)
        ordered = sorted(spans)
        values = tuple(dict.fromkeys(spans[k] for k in ordered))
        how = " + ".join(c.how for c in cs)
        out.append(replace(best, value=values, spans=tuple(ordered), how=how,
                           confidence=min(c.confidence for c in cs)))
    return out


_EXCLUSIVE = {"date", "number", "person", "names"}


def own_beside(s: str, c: _Cand, cands: list[_Cand], hits: dict) -> int:
    """How many of the topic's cues stand beside the value (at most three words away, no mark that
    ends a clause between) that no other topic reading the same words has: where rivals tie, the
    cue only one of them has says whose the value is ("dispatched a clinical second after 63 minutes")."""
    vs, ve = min(a for a, _ in c.spans), max(b for _, b in c.spans)
    rivals = {o.topic for o in cands if o.topic != c.topic and o.kind == c.kind
              and any(a < e and b > s0 for a, b in o.spans for s0, e in c.spans)}
    if not rivals:
        return 0
    theirs = {h.cue.text.casefold() for t in rivals for h, *_ in hits.get(t, ())}
    n = 0
    for h, *_ in hits.get(c.topic, ()):
        gap = s[h.end:vs] if h.end <= vs else s[ve:h.start] if h.start >= ve else None
        if gap is not None and not re.search(r"[.;:!?,]", gap) and len(gap.split()) <= 3 and h.cue.text.casefold() not in theirs:
            n += 1
    return n


def choose(cands: list[_Cand]) -> list[_Cand]:
    """Each span of words to one topic; one value per topic and sentence (labels excepted).

    The surest reading wins; ties go to the topic whose named subject is present, then to the
    longer (more specific) cue, then to the nearer subject.
    """
    # Lists come last: a name already read as one topic's person joins a list only among other names.
    cands = sorted(cands, key=lambda c: (c.kind == "names", -round(c.confidence * c.nearness * (0.95 if c.unnamed else 1), 3), -c.own_beside, -c.cue_hits,
                                         not c.subject_proper, -c.cue_len, c.subject_distance))
    taken: dict[str, list[tuple[int, int]]] = defaultdict(list)
    done: set[str] = set()
    labels: set[tuple[str, Any]] = set()
    out = []
    for c in cands:
        if c.kind == "label":
            if (c.topic, c.value) in labels:
                continue
            labels.add((c.topic, c.value))
            out.append(c)
            continue
        if c.topic in done:
            continue
        if c.kind in _EXCLUSIVE and any(a < e and s < b for s, e in c.spans for a, b in taken[c.kind]):
            continue
        if c.kind == "names" and all(any(a < e and s < b for a, b in taken["person"]) for s, e in c.spans):
            continue
        done.add(c.topic)
        taken[c.kind].extend(c.spans)
        out.append(c)
    return out
