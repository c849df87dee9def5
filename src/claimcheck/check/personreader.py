"""Reading a person's name for a topic (a mixin of check/readers.py's Readers).

A name is one the claim set knows (any capitals), close to one it knows (rapidfuzz), a surname of a
name the article wrote in full, or a capitalised run people.py reads as a name; it is the topic's
when a cue stands next to it with at most one plain word between, titles and offices skipped.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cached_property

from claimcheck.check.cues import (
    OFFICE, _ALNUM, _CLAUSE_FACTOR, _Cue, _Hit, _PERSON_SKIP, _VALUE_CLAUSE, _WORD, _Cand, _clauses_apart, _count_words, _distance_factor,
)
from claimcheck.check.mentions import Mention
from claimcheck.check.people import TITLE_WORDS, find_names, office_owned, role_start
from claimcheck.values import fold as fold_name


#: A name and, after its comma, a lowercase noun in apposition: "Bishop Rask, dean of ...", "Ruiz, the envoy".
_APPOSED_ROLE = re.compile(r"[A-Z][\w'\u2019-]*,\s+(?:(?:the|a|an)\s+)?([a-z]+)(?![\w'-])")


class PersonReader:
    @cached_property
    def _role_subjects(self) -> dict:
        """Each plain one-word subject of just one person topic ("protodeacon", "spokeswoman"), with the
        topic and the subject: in apposition after a name it says whose role the name holds."""
        owners: dict[str, list] = {}
        for name, r in self.rules.items():
            if r.topic.type == "person":
                for sub in r.subjects:
                    if not sub.proper and re.fullmatch(r"[a-z]+", sub.text):
                        owners.setdefault(sub.text, []).append((name, sub))
        return {k: v[0] for k, v in owners.items() if len({n for n, _ in v}) == 1}

    def _apposed_role_hits(self, s: str) -> dict[str, list]:
        """"Cardinal Mamberti, protodeacon of the basilica": the role in apposition after a name is the
        topic's cue, and the name before it the role's holder."""
        out: dict[str, list] = {}
        for m in _APPOSED_ROLE.finditer(s):
            if (found := self._role_subjects.get(m.group(1))) is not None:
                name, sub = found
                out.setdefault(name, []).append((_Hit(name, m.start(1), m.end(1), _Cue(m.group(1), None)), sub, 0, 0))
        return out

    def _names(self, s: str, skip) -> list[Mention]:
        names = find_names(s, skip, self.titles)
        out: dict[tuple[int, int], Mention] = {}
        if self._known_re is not None:
            for m in self._known_re.finditer(s):
                spelled = m.group(0)
                how = self._known_by_fold.get(spelled, "a known name")
                out[(m.start(), m.end())] = Mention("name", m.start(), m.end(), spelled, spelled,
                                                   f"known name '{spelled}' ({how})", 0.95)
        for n in names:
            if any(a <= n.start and n.end <= b for a, b in out):
                continue
            if any(n.start <= a and b <= n.end for a, b in out):
                # "Khawaja Muhammad Asif" holds the known "Asif": keep the longer run as written
                for k in [k for k in out if n.start <= k[0] and k[1] <= n.end]:
                    del out[k]
            fuzzy = self._fuzzy_person(n.text)
            if fuzzy:
                n = replace(n, how=fuzzy[0], confidence=max(n.confidence, fuzzy[1]))
            elif " " not in n.text and n.confidence >= 0.5 and (full := self._surnames.get(fold_name(n.text))):
                n = replace(n, value=full, how=f"'{n.text}', the '{full}' the article names in full", confidence=0.85)
            out[(n.start, n.end)] = n
        return sorted(out.values(), key=lambda m: m.start)

    def _fuzzy_person(self, text: str) -> tuple[str, float] | None:
        if not self._person_keys:
            return None
        from rapidfuzz import fuzz, process

        key = self.names.strip(text)
        hit = process.extractOne(key, self._person_keys, scorer=fuzz.ratio,
                                 score_cutoff=self.codebook.person_match_threshold)
        if hit is None:
            return None
        known = self.person_names[hit[0]]
        if hit[1] >= 100:
            return f"known name '{known}' (in the claims)", 0.95
        return f"close to the known name '{known}' (similarity {hit[1] / 100:.2f})", 0.85

    def _read_person(self, s, cl, rules, hits, mentions) -> list[_Cand]:
        out = []
        for n in mentions("name"):
            if n.confidence < 0.5 or n.text in self._not_people:
                continue  # an institution or a place
            best = None
            for h, sub, sdist, apart_s in hits:
                after = n.start >= h.end
                if not after and n.end > h.start or after and h.cue.pattern is None and h.cue.learned is None:
                    continue  # (a role in apposition, a cue of neither kind, reads only the name before it)
                if h.cue.learned is not None and h.cue.learned.support == OFFICE and not office_owned(s, h.start, sub, rules.subjects):
                    continue  # "Spanish Prime Minister X" is another country's: the office alone is this topic's only when named so
                # "elected Norlandic singer Piet Rask": a modifier and a role before the name are its role, no words between
                gap = s[h.end:max(h.end, role_start(s, n.start))] if after else s[n.end:h.start]
                d = _count_words(gap, _PERSON_SKIP | TITLE_WORDS)
                words = _WORD.findall(gap)
                if after and d > 1 and words and words[-1].casefold() in TITLE_WORDS | self.titles and len(words) <= 7:
                    # "Interior Minister and former Paris police prefect Laurent Nuñez": offices joined by
                    # "and" up to the name; whose offices they are (capitalised) does not part them from it.
                    d = sum(1 for w in words if w[:1].islower() and w.casefold() not in _PERSON_SKIP | TITLE_WORDS | {"and"})
                if d > 1 or re.search(r"[.;:!?]", gap) or _clauses_apart(cl, h.start, n.start) > 1:
                    continue
                by_cue = h.cue.text.rstrip().endswith(" by")
                # A title cue ("junta chief") is followed by its holder; a name before it says whose office it is.
                title_cue = (_ALNUM.findall(h.cue.text.casefold()) or [""])[-1] in TITLE_WORDS | self.titles
                conf = n.confidence * _distance_factor(d) * _CLAUSE_FACTOR[apart_s] * _VALUE_CLAUSE[_clauses_apart(cl, h.start, n.start)] * h.cue.weight
                if (by_cue or title_cue) and not after and not re.fullmatch(r",\s*(?:(?:the|a|an)\s+)?", gap):
                    conf *= 0.6
                how = f"{n.how} {d} word{'s' if d != 1 else ''} {'after' if after else 'before'} the cue {h.cue.shown}"
                cand = _Cand(rules.topic.name, "person", " ".join(n.value.split()), ((n.start, n.end),), conf, how,
                             h.end - h.start, bool(sub and sub.proper), sdist)
                if best is None or cand.confidence > best.confidence:
                    best = cand
            if best:
                out.append(best)
        return out
