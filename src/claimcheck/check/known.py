"""The names a claim set already knows, built once per extractor.

The codebook's entities and every curated person and list value are names `check` can recognise
in an article whatever their capitals; the capitalised words curators keep right before a person's
name are titles; names the claims list but never as a person (countries, bodies) are nobody.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Pattern

from claimcheck.check.cues import _FUNCTION_TITLES, _name_span
from claimcheck.check.learn import tokens
from claimcheck.check.people import TITLE_WORDS
from claimcheck.check.sentences import fold
from claimcheck.model import Claim, Codebook
from claimcheck.values import Names
from claimcheck.values import fold as fold_name

_DAY = re.compile(r"\d{4}-\d\d-\d\d")


@dataclass(frozen=True)
class KnownNames:
    known: dict[str, str]  # spelling -> how it is known
    list_kinds: dict[str, set[str]]  # list topic -> "date" and/or "names": what its curated lists hold
    person_names: dict[str, str]  # name without honorifics -> the curated value
    titles: frozenset[str]  # the claim set's own words before its people's names ("junta chief")
    not_people: set[str]  # folded names that are no one's
    known_re: Pattern | None  # any known spelling, whole words
    known_by_fold: dict[str, str]


def known_names(codebook: Codebook, names: Names, claims: Iterable[Claim]) -> KnownNames:
    claims = list(claims)
    known: dict[str, str] = {}
    listed: set[str] = set()
    list_kinds: dict[str, set[str]] = {}
    person_names: dict[str, str] = {}
    for e in codebook.entities:
        for n in (e.name, *e.aliases):
            known[n] = f"codebook entity '{e.name}'"
    for c in claims:
        t = codebook.topics.get(c.topic)
        if t is None:
            continue
        if t.type == "person":
            known.setdefault(c.value, f"named in {c.source_id}'s claims")
            person_names[names.strip(c.value)] = c.value
        elif t.type == "list":
            list_kinds.setdefault(c.topic, set()).update("date" if _DAY.fullmatch(i) else "names" for i in c.value)
            for item in c.value:
                if not _DAY.fullmatch(item):
                    known.setdefault(item, f"named in {c.source_id}'s claims")
                    listed.add(item)
    # The capitalised run right before a curated name in its quote, less the name's own words.
    titles: set[str] = set()
    for c in claims:
        t = codebook.topics.get(c.topic)
        if t is None or t.type != "person" or not isinstance(c.value, str):
            continue
        q = fold(c.quote)
        span = _name_span(q, c.value, names)
        if span is None:
            continue
        own = {fold_name(p) for p in c.value.split()}
        start = span[0]
        for tk in reversed([tk for tk in tokens(q) if tk.end <= start][-4:]):
            if not tk.text[:1].isupper() or q[tk.end:start] != " ":
                break
            word = tk.text.casefold()
            if word not in _FUNCTION_TITLES and word not in TITLE_WORDS and fold_name(tk.text) not in own:
                titles.add(word)
            start = tk.start
    not_people = {fold(n) for n in listed if names.strip(n) not in person_names}
    # A capitalised one-word subject of a topic names the place, body or event it is about ("Myanmar"), not a person.
    person_parts = {fold_name(p) for v in person_names.values() for p in v.split()}
    not_people |= {fold(sub) for t in codebook.topics.values() if t.type != "person" for sub in t.subject
                   if sub[:1].isupper() and len(sub.split()) == 1 and fold_name(sub) not in person_parts}
    spellings = sorted({fold(k) for k in known if k.strip()}, key=len, reverse=True)
    known_re = re.compile(r"(?<![\w])(?:" + "|".join(re.escape(k) for k in spellings) + r")(?![\w])") if spellings else None
    return KnownNames(known, list_kinds, person_names, frozenset(titles), not_people, known_re,
                      {fold(k): v for k, v in known.items()})
