"""A number in apposition after a name ("Ana Ruiz, 58, said"; "Bishop Rask, aged 69,") is that person's age.

Kept apart from readers.py because it needs no cue: the commas around the number and the name before
it say what it is, and the codebook says which topic counts a person's years of age.
"""

from __future__ import annotations

import re

from claimcheck.check.learn import lemma

#: A sentence that may hold one: a capitalised word, a comma, a number of one to three digits, a comma.
AGE_HINT = re.compile(r"[A-Z][\w'\u2019-]*,\s+(?:[a-z]+\s+)?\d{1,3},")
#: "Name, " and at most one lowercase word ("aged") right before the number, a comma right after it.
_APPOSED = re.compile(r"([A-Z][\w'\u2019-]+),\s+(?:([a-z]+)\s+)?$")


def counts_age(topic) -> bool:
    """Does the topic count a person's years of age? Its unit is years and its name's last part or its
    description speaks of age."""
    words = topic.name.rsplit(".", 1)[-1].split("_") + re.findall(r"[a-z]+", (topic.description or "").casefold())
    return (topic.unit or "").casefold() in ("year", "years") and "age" in words


def apposed_age(s: str, start: int, end: int) -> str | None:
    """The name a number between commas stands in apposition to ("Rask, 69," -> "Rask"; "Rask, aged 69,"),
    or None. The one word allowed between is a form of "age" itself, the word the topic is named by."""
    m = _APPOSED.search(s, max(0, start - 60), start)
    if m is None or not re.match(r"\s*,", s[end:]) or (m.group(2) and lemma(m.group(2)) != "age"):
        return None
    return m.group(1)


def age_topics(rules: dict) -> dict[str, list]:
    """Each topic counting a person's years of age, with its proper subjects (once per claim set)."""
    return {name: [sub for sub in r.subjects if sub.proper] for name, r in rules.items()
            if r.topic.type == "number" and counts_age(r.topic)}


def age_hits(s: str, numbers, topics: dict[str, list]) -> dict[str, list]:
    """"Ana Ruiz, 58, said": the name before an apposed number, when a proper subject of an age topic,
    is that topic's cue at the number (the reader then takes the number as the age)."""
    from claimcheck.check.cues import _Cue, _Hit

    out: dict[str, list] = {}
    for n in numbers:
        who = apposed_age(s, n.start, n.end)
        if who is None or n.unit:
            continue
        for name, subs in topics.items():
            sub = next((x for x in subs if x.pattern.search(who)), None)
            if sub is not None:
                at = s.rindex(who, 0, n.start)
                out.setdefault(name, []).append((_Hit(name, at, at + len(who), _Cue(who, None)), sub, 0, 0))
    return out
