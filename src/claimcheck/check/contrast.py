"""A topic's subject told apart from another thing by its modifier: where the codebook names the topic's
subject "white smoke" and elsewhere speaks of "black smoke", a sentence whose smoke is only black speaks
of the other thing, whatever else it shares with the topic ("Black smoke was spotted at 9 p.m." gives
no time of the white smoke). The same holds of "the Afghan delegation" against "the Pakistani
delegation". Only the claim set's own phrases say which modifiers contrast; precomputed per claim set.
"""

from __future__ import annotations

import re

from claimcheck.check.learn import FUNCTION_WORDS
from claimcheck.values import fold
from claimcheck.values.number import NUMBER_FORMS

#: Words that modify no head in the sense meant here ("the smoke", "its delegation"): English function
#: words, and number words and ordinals ("the second goal" against "the first goal" counts, it does not
#: tell kinds apart), and "final".
_CLOSED = FUNCTION_WORDS | NUMBER_FORMS | {"final"}

_WORDS = re.compile(r"[^\W\d_][\w'-]*")


def _pairs(phrases) -> set[tuple[str, str]]:
    """(modifier, head) of each phrase's last two words, both open-class words."""
    out = set()
    for p in phrases:
        ws = [w.casefold() for w in _WORDS.findall(fold(p))]
        if len(ws) >= 2 and ws[-2] not in _CLOSED and ws[-1] not in _CLOSED:
            out.add((ws[-2], ws[-1]))
    return out


def _phrases(rule) -> list[str]:
    t = rule.topic
    return list(t.subject) + list(t.cues) + [c for lab in t.labels.values() for c in lab.cues] + [c.text for c in rule.cues]


def contrasts(rules: dict) -> dict[str, tuple[tuple[re.Pattern, re.Pattern], ...]]:
    """Per topic whose subject is a modified head ("white smoke"), (own, rival) patterns: the head with
    the topic's own modifiers, and with the modifiers the claim set gives it elsewhere and this topic
    never uses, in its subjects, cues or description ("black smoke"; "Doha" is no rival of a topic
    whose subject is "Doha")."""
    every = {name: _pairs(_phrases(r)) for name, r in rules.items()}
    by_head: dict[str, set[str]] = {}
    for pairs in every.values():
        for m, h in pairs:
            by_head.setdefault(h, set()).add(m)
    out = {}
    for name, r in rules.items():
        own_subject = _pairs(r.topic.subject)
        mine = {w.casefold() for p in _phrases(r) + [r.topic.description] for w in _WORDS.findall(fold(p))}
        found = []
        for head in sorted({h for _, h in own_subject}):
            rivals = by_head.get(head, set()) - mine
            if not rivals:
                continue
            own = {m for m, h in own_subject if h == head}
            alt = lambda ms: "|".join(re.escape(m) for m in sorted(ms, key=len, reverse=True))  # noqa: E731
            found.append((re.compile(rf"\b(?:{alt(own)})\s+{re.escape(head)}\b", re.I),
                          re.compile(rf"\b(?:{alt(rivals)})\s+{re.escape(head)}\b", re.I)))
        if found:
            out[name] = tuple(found)
    return out


def contrasted(s: str, patterns) -> str | None:
    """The rival's words ("Black smoke") where the sentence names the topic's head only with a rival's
    modifier, never with its own; None otherwise."""
    s = fold(s) if patterns else s  # "Pakistan’s delegation" is the codebook's "Pakistan's delegation"
    for own, rival in patterns:
        if (m := rival.search(s)) and not own.search(s):
            return m.group(0)
    return None


def within_subject(s: str, c, subjects, known=None) -> bool:
    """Is a name read for a person topic a part of the words naming that topic's own subject ("House" in
    "a White House statement")? The subject says whose value is meant; it is not the value. A name the
    claim set knows (`known`, a pattern) is someone, wherever it stands ("Trump" in "President Trump")."""
    if c.kind not in ("person", "names") or not subjects or not c.spans:
        return False
    vs, ve = min(a for a, _ in c.spans), max(b for _, b in c.spans)
    if known is not None and known.fullmatch(s[vs:ve]):
        return False
    return any(a <= vs and ve <= b and (a, b) != (vs, ve) for a, b, _sub in subjects)
