"""Reading the codebook's facts out of an article: which topic each sentence speaks to, the value, and how sure.

Everything topic-specific comes from the codebook: a sentence is a candidate for a topic when
it holds one of the topic's cues and, if the topic declares subject words, one of them in the
same or a neighbouring clause. The value is then read by the topic's type (mentions.py finds
dates, numbers, names and quotations). Adding a topic to topics.yaml is enough for `check` to
look for it.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import replace
from types import SimpleNamespace
from typing import Iterable

from claimcheck.check.ages import AGE_HINT, age_hits, age_topics
from claimcheck.check.contrast import contrasted, contrasts, within_subject
from claimcheck.check.known import known_names
from claimcheck.check.joined import COMPOUND_HINT, ELLIPSIS_HINT, GAP_HINT, befallen
from claimcheck.check.readers import Readers
from claimcheck.check.labels import conditioned
from claimcheck.check.framing import takes_supposed, WEAK_FRAMING, dated_event, day_verb, other_year
from claimcheck.check.events import other_actor, attached_runs, day_phrase_hits, day_phrases, event_runs, span_kinds, subject_in_clause
from claimcheck.check.cues import earlier_instance, record_frame, sibling_named, siblings
from claimcheck.check.people import shortened, surnames
from claimcheck.check.points import marks, point_unit
from claimcheck.check.cues import (
    DESCRIBED, OFFICE, OWN_OFFICE, _ALNUM, _ANAPHOR, _COUNTLESS, _CURRENCY_SIGN, _Cand, _Cue, _DATE_HINT, _END_WORDS, _HEDGES, _Hit, _WHO_COUNTED, _NEGATION_LEMMAS, _PLAN_TOPIC_WORDS, _Rules, _Subject, _cue_lemmas, _dateline, _name_span, _subject_nearness, phrase_needles, phrase_pattern, rules_type,
)
from claimcheck.check.choose import own_beside, choose
from claimcheck.check.findings import Extraction, Finding, Unresolved, merge, self_contradictions, unite_lists, weigh_labels
from claimcheck.check.units import convert
from claimcheck.check.mentions import KIN_WORDS, Anchor, Mention, find_dates, find_numbers, find_quotes, find_spans
from claimcheck.check.people import offices
from claimcheck.check.learn import TRUSTED, Evidence, LearnedCue, content, examples_by_topic, learn, lemma, number_shapes, tokens
from claimcheck.model import Claim, Codebook, Topic
from claimcheck.check.sentences import Sentence, clauses, fold, split_sentences
from claimcheck.values import TYPES, Context, Names

#: A text that ends on a letter, with no full stop, quote or bracket: cut off mid-sentence.
_CUT_END = re.compile(r"[^\W\d_]\Z")

#: Findings under this confidence are shown as `possible` and never asserted.
DEFAULT_MIN_CONFIDENCE = 0.6
#: Readings weaker than this are not worth showing at all.
FLOOR = 0.3


# --------------------------------------------------------------------------- the extractor


class Extractor(Readers):
    """The codebook compiled for reading articles; build once, extract from many articles."""

    _surnames: dict[str, str] = {}  # the article's: curated people's last words, to the names it writes in full

    def __init__(self, codebook: Codebook, claims: Iterable[Claim] = (), year_hint: int | None = None,
                 year_hint_how: str = "the claim set's publication dates"):
        self.codebook = codebook
        self.names = Names(codebook)
        self.contexts = {n: Context(t, self.names) for n, t in codebook.topics.items()}
        self.year_hint = year_hint
        self.year_hint_how = year_hint_how
        claims = list(claims)
        self.rules: dict[str, _Rules] = {}
        # What the curated numbers look like where they are written: ordinal or not, and the noun they count.
        self._ordinal_votes: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        self._counted: dict[str, Counter] = defaultdict(Counter)
        self._bounds_as_values: dict[str, Counter] = defaultdict(Counter)  # "at least 172" curated as 172: "min"
        self.evidence: dict[str, Evidence] = learn(codebook, claims, self._value_span)
        self._ordinal_votes, self._counted = dict(self._ordinal_votes), dict(self._counted)  # plain: it is shipped to workers
        learned_bounds = self._bounds_as_values = dict(self._bounds_as_values)
        examples = examples_by_topic(claims)
        subject_keys = {n: frozenset(fold(x) for x in t.subject if x.strip()) or frozenset(self.evidence[n].subjects if n in self.evidence else ())
                        for n, t in codebook.topics.items()}
        for name, t in codebook.topics.items():
            cues = [_Cue(c, phrase_pattern(c), None, phrase_needles(c), _cue_lemmas(c)) for c in t.cues if c.strip()]
            for label in t.labels.values():
                cues += [_Cue(c, phrase_pattern(c), label.name, phrase_needles(c), _cue_lemmas(c)) for c in label.cues if c.strip()]
            known_cues = {c.lemmas for c in cues if c.lemmas}
            ev = self.evidence.get(name, Evidence())
            for lc in ev.cues:
                # A cue other topics share is kept when it would be trusted where only its own topic's subject
                # (and those of topics it can never set aside) is named: each sentence decides (cues.shared_trust).
                aside = lc.settable(subject_keys, name)
                if lc.lemmas not in known_cues and self._trusted(replace(lc, specificity=lc.specificity_without(aside)), t):
                    cues.append(_Cue(lc.text, None, lc.label, None, lc.lemmas, lc, aside=aside))
            if t.type == "person":  # the office the codebook names it by: "Energy Minister Sara Aagesen"
                for text, whose in offices(name, t.subject):
                    lems = _cue_lemmas(text)
                    if lems and lems not in {c.lemmas for c in cues}:
                        cues.append(_Cue(text, None, None, None, lems, LearnedCue(lems, text, OWN_OFFICE if whose else OFFICE, 1.0)))
            if (said := befallen(t)) and said[1] not in {c.lemmas for c in cues}:  # "How many people died": "died"
                cues.append(_Cue(said[0], None, None, None, said[1], LearnedCue(said[1], said[0], DESCRIBED, 1.0)))
            subjects = [_Subject(s, phrase_pattern(s), any(ch.isupper() for ch in s), phrase_needles(s) or ()) for s in t.subject if s.strip()]
            if not subjects and ev.subjects:
                subjects = [self._learned_subject(lem, examples.get(name, ())) for lem in ev.subjects]
            self.rules[name] = _Rules(t, cues, subjects)
        # The common nouns naming one date topic's event and no other date topic's ("heist", "quake").
        named = Counter(fold(sub.text) for r in self.rules.values() if r.topic.type == "date" for sub in r.subjects if not sub.proper)
        self._events = [(n, sub) for n, r in self.rules.items() if r.topic.type == "date"
                        for sub in r.subjects if not sub.proper and named[fold(sub.text)] == 1 and " " not in sub.text.strip()]
        self._event_runs, self._event_known = event_runs(self.rules, self.evidence)
        # The content words a date topic's name and description give for what was done on its day ("announced"):
        # "on Tuesday announcing a commission" dates the commission's announcement.
        self._date_verbs = {n: {tk.lemma for tk in tokens(f"{n.replace('.', ' ').replace('_', ' ')} {r.topic.description}")
                                if content(tk.lemma)} for n, r in self.rules.items() if r.topic.type == "date"}
        self._event_words = {lemma(sub.text) for _, sub in self._events} | {lems[0] for _, lems in self._event_runs}
        # A sentence without any cue's words cannot hold a finding: a set lookup rules most sentences out.
        self._cue_words = {w.casefold() for r in self.rules.values() for c in r.cues for w in _ALNUM.findall(c.text)}
        # A label's negation, where the codebook has one: the label named "no X"/"not X"/"without X"
        # for the label X, or defined as "... without X" ("ended without a breakthrough" is no agreement).
        self._cut_tail = False  # reading the last sentence of a text cut off mid-sentence
        self._last_point: dict[str, tuple] = {}  # unit -> the last point in time stated in it (points.py)
        self._negated: dict[tuple[str, str], str] = {}
        for n, t in codebook.topics.items():
            for lab in t.labels.values():
                for other in t.labels.values():
                    if other.name == lab.name:
                        continue
                    mine = tuple(tk.lemma for tk in tokens(lab.name.replace("_", " ")))
                    theirs = tuple(tk.lemma for tk in tokens(other.name.replace("_", " ")))
                    if len(theirs) == len(mine) + 1 and theirs[0] in _NEGATION_LEMMAS and theirs[1:] == mine:
                        self._negated[(n, lab.name)] = other.name
        # Which temporal roles each date topic is about, from its own name and description: an end
        # ("until", "expires") or a plan ("will meet on", "set for") is a topic's day only if it says so.
        self._date_roles: dict[str, set[str]] = {}
        for n, t in codebook.topics.items():
            words = {tk.lemma for tk in tokens(f"{n.replace('.', ' ').replace('_', ' ')} {t.description}")}
            self._date_roles[n] = ({"end"} if words & _END_WORDS else set()) | ({"plan"} if words & _PLAN_TOPIC_WORDS else set())
        self._span_kinds = span_kinds(codebook, claims)  # date topics that take a year or a month alone
        self._siblings = siblings(self.rules)  # "palisades_fire.acres" and "eaton_fire.acres": told apart by their names
        self._contrasts = contrasts(self.rules)  # "white smoke" against the "black smoke" a cue speaks of
        self._day_phrases = day_phrases(self.rules)  # "the first day of the conclave": a day named by its event
        self._age_topics = age_topics(self.rules)  # "Ana Ruiz, 58,": her age, with no cue
        # What each number topic counts, as lemmas ("members", "people", "minutes"): the counted noun
        # right after a number says whose number it is.
        self._units: dict[str, set[str]] = {
            n: {lemma(w) for w in _ALNUM.findall(t.unit)} for n, t in codebook.topics.items() if t.type == "number" and t.unit}
        for n, counts in self._counted.items():  # and the nouns two curated quotes count with it
            learned = {u for u, k in counts.items() if k >= 2 and content(u)}
            if learned:
                self._units[n] = self._units.get(n, set()) | learned
        self._unit_owner = {u for us in self._units.values() for u in us}
        # A topic that is itself a maximum (or a minimum) reads "up to 10 years" as 10 ("at least 5" as 5);
        # so does one whose curators write "at least 172" down as 172 (and no bound as a bound).
        self._bound_is_value: dict[str, tuple[str, str]] = {}  # topic -> ("max" or "min", why)
        for n, t in codebook.topics.items():
            if t.type == "number":
                words = {w.casefold() for w in _ALNUM.findall(f"{n} {t.description}".replace("_", " "))}
                if words & {"maximum", "max", "most", "ceiling", "cap"}:
                    self._bound_is_value[n] = ("max", "of a topic that is the maximum")
                elif words & {"minimum", "min", "least", "floor"}:
                    self._bound_is_value[n] = ("min", "of a topic that is the minimum")
                elif len(learned_bounds.get(n, ())) == 1 and "kept" not in learned_bounds[n]:
                    kind, k = next(iter(learned_bounds[n].items()))
                    self._bound_is_value[n] = (kind, f"of a topic whose curated claims write {'at most' if kind == 'max' else 'at least'} "
                                                     f"N as N ({k} quote{'s' if k != 1 else ''})")
        owners: dict[str, list[str]] = defaultdict(list)
        for n, us in self._units.items():
            for u in us:
                owners[u].append(n)
        self._unique_unit = {u: ns[0] for u, ns in owners.items() if len(ns) == 1 and u not in _COUNTLESS}
        # The span of each number topic's curated values, and whether they are all whole or all fractions.
        self._ranges, self._whole, self._fractional = number_shapes(codebook, claims)
        # How many label topics use each label cue's words ("acquitted" may be any count's verdict).
        self._label_cue_topics: Counter = Counter()
        for r in self.rules.values():
            if r.topic.type == "label":
                self._label_cue_topics.update({c.text.casefold() for c in r.cues if c.label is not None})
        # Cues found by lemma, indexed by their first lemma.
        self._by_lemma: dict[str, list[tuple[str, _Cue]]] = defaultdict(list)
        for name, r in self.rules.items():
            for c in r.cues:
                if c.lemmas:
                    self._by_lemma[c.lemmas[0]].append((name, c))
        # Names the claim set already knows, the titles it writes before them, and names that are no one's (known.py).
        kn = known_names(codebook, self.names, claims)
        self.known, self.list_kinds, self.person_names, self.titles = kn.known, kn.list_kinds, kn.person_names, kn.titles
        self._not_people, self._known_re, self._known_by_fold = kn.not_people, kn.known_re, kn.known_by_fold
        self._person_keys = list(self.person_names)
        # What the readers work out once and keep, made here so that every article's copy (extract) shares it.
        self._open_cache: dict[str, list[str]] = {}
        self._people_nouns  # noqa: B018 - a cached_property, computed before any copy is made
        self._role_subjects  # noqa: B018 - likewise

    # ----------------------------------------------------------------- learning from the curation

    def _value_span(self, claim: Claim, q: str) -> tuple[int, int] | None:
        """Where the claim's value is written in its (folded) quote, read as `check` reads values."""
        t = self.codebook.topics.get(claim.topic)
        if t is None:
            return None
        vtype, ctx = TYPES[t.type], self.contexts[claim.topic]

        def one(found, same):
            hits = [m for m in found if m.value is not None and same(m)]
            if hits:
                return hits[0].start, hits[0].end
            return (found[0].start, found[0].end) if len(found) == 1 else None

        try:
            if t.type == "date":
                year = getattr(claim.value, "start", None)
                found = find_dates(q, Anchor(None, "", year.year if year else None, ""))
                return one(found, lambda m: vtype.relate(m.value, claim.value, ctx).kind in ("same", "compatible"))
            if t.type == "number":
                found = find_numbers(q, [(m.start, m.end) for m in find_dates(q, Anchor())])
                span = one(found, lambda m: vtype.relate(convert(m.value, m.unit, t.unit)[0], claim.value, ctx).kind == "same")
                m = next((m for m in found if span and (m.start, m.end) == span), None)
                if m is not None:
                    votes = self._ordinal_votes[claim.topic]
                    votes[0] += m.ordinal
                    votes[1] += 1
                    if m.unit:
                        self._counted[claim.topic][lemma(m.unit)] += 1
                    v, c = m.value, claim.value
                    if c.low == c.high and not c.text and (v.low, v.high) in ((c.low, float("inf")), (0, c.low)):
                        self._bounds_as_values[claim.topic]["min" if v.high == float("inf") else "max"] += 1
                    elif v.low != v.high and (v.low, v.high) == (c.low, c.high):
                        self._bounds_as_values[claim.topic]["kept"] += 1
                return span
            if not hasattr(self, f"_read_{t.type}"):  # a type read by its own `find` (time, and any new one)
                found = [SimpleNamespace(start=a, end=b, value=v) for a, b, v, _, _ in vtype.find(q)]
                return one(found, lambda m: vtype.relate(m.value, claim.value, ctx).kind == "same")
            if t.type in ("person", "list"):
                names = [claim.value] if t.type == "person" else [v for v in claim.value if isinstance(v, str)]
                spans = [sp for sp in (_name_span(q, n, self.names) for n in names) if sp]
                return (min(a for a, _ in spans), max(b for _, b in spans)) if spans else None
        except Exception:  # a value the recognisers cannot place teaches nothing
            return None
        return None

    @staticmethod
    def _trusted(lc: LearnedCue, t: Topic) -> bool:
        """Learned cues worth reading by: mostly this topic's, and not a bare link word."""
        if t.type == "list" and lc.support < 2:
            return False  # a list read through a once-seen word joins unrelated names into it
        if set(lc.lemmas) <= _WHO_COUNTED:
            return False  # "2,900 people": who is counted says nothing of what happened to them
        return lc.specificity >= TRUSTED and any(content(lem) for lem in lc.lemmas)

    @staticmethod
    def _learned_subject(lem: str, examples: Iterable[Claim]) -> _Subject:
        forms = {tk.text for c in examples for tk in tokens(fold(c.quote)) if tk.lemma == lem} or {lem}
        rx = re.compile(r"(?<![\w])(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")(?![\w])", re.I)
        return _Subject(sorted(forms)[0], rx, False)  # capitals in a few quotes ("Judge X") do not make a name

    # ----------------------------------------------------------------- anchor

    def anchor(self, text: str, published: dt.date | None = None) -> Anchor:
        """The date relative dates count from: --published; else a dateline near the top of the
        article, the earliest where there are several (an update's stamp or the page's own "today"
        comes after the story was written); else the latest complete date the article itself gives
        (it was written on or after that day, so relative dates counted from it are trusted less)."""
        head = fold(text[:1000])
        lines = [m for m in find_dates(head, Anchor()) if m.value is not None and m.value.start == m.value.end
                 and re.search(r"(19|20)\d\d", m.text) and _dateline(head, m)]
        if published:  # a dateline is still the article's date, no fact ("date 2025-06-17 Spanish grid ...")
            m = min(lines, key=lambda m: m.value.start) if lines else None
            return Anchor(published, "--published date", span=(m.start, m.end) if m else None)
        if lines:
            m = min(lines, key=lambda m: m.value.start)
            return Anchor(m.value.start, f"dateline '{m.text}'", span=(m.start, m.end))
        latest = None
        for m in find_dates(fold(text), Anchor()):
            v = m.value
            if v is not None and v.start == v.end and re.search(r"(19|20)\d\d", m.text) and (latest is None or v.start > latest[0]):
                latest = (v.start, m.text)
        if latest:
            return Anchor(latest[0], f"latest date the article gives ('{latest[1]}'; no dateline)", inferred=True)
        return Anchor(None, "", self.year_hint, self.year_hint_how if self.year_hint else "")

    # ----------------------------------------------------------------- extraction

    def extract(self, text: str, published: dt.date | None = None,
                min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> Extraction:
        """Every finding in the article, merged so that each topic and value appears once.

        The article is read on a shallow copy: what the readers note while reading it (the last
        point in time stated, the surnames it writes in full, the sentence's hits, a cut-off last
        line) lives on the copy, so the extractor itself holds nothing of any article and one
        extractor may read many articles at once (threads, or a Dask worker's tasks)."""
        return copy.copy(self)._read_article(text, published, min_confidence)

    def _read_article(self, text: str, published: dt.date | None, min_confidence: float) -> Extraction:
        anchor = self.anchor(text, published)
        raw: list[Finding] = []
        unresolved: list[Unresolved] = []
        carried: list[Mention] = []  # the previous sentence's dates, for "that day", "the meeting"
        self._last_point: dict[str, tuple] = {}
        self._surnames = surnames(text, self.person_names.values())  # "Fanjoy" after "Bruce Fanjoy"
        prev = ""  # the previous sentence, for one that opens with a pronoun ("They were out in four minutes")
        sents = split_sentences(text)
        for i, sent in enumerate(sents):
            # A text cut off mid-sentence ("... less than two mont"): what its last number counts is lost.
            # (A long last line ending on a letter is such a cut, not a headline.)
            self._cut_tail = i == len(sents) - 1 and bool(_CUT_END.search(sent.text)) \
                and (not sent.heading or len(sent.text.split()) >= 8)
            f, u, dates = self._sentence(sent, anchor, carried, prev)
            for x in f:  # the last point in time of each unit stated, for "10 minutes later" (points.py)
                unit = point_unit(self.codebook.topics[x.topic].unit) if x.type == "number" else None
                if unit and x.value.exact:
                    self._last_point[unit] = (x.value, x.value_text)
            prev = "" if sent.heading else sent.text
            raw.extend(f)
            unresolved.extend(u)
            carried = [d for d in dates or () if d.value is not None and not _ANAPHOR.fullmatch(d.text)][-1:]
        findings = shortened(merge(raw, self.contexts), self.contexts, min_confidence)  # "Judge Subramanian": the judge named in full
        findings = weigh_labels(findings, self.contexts, min_confidence)
        findings = unite_lists(findings, self.codebook, self.contexts, min_confidence)
        notes = self_contradictions(findings, self.codebook, self.contexts, min_confidence)
        order = {n: i for i, n in enumerate(self.codebook.topics)}
        findings.sort(key=lambda f: (order[f.topic], f.start))
        return Extraction(tuple(findings), tuple(unresolved), anchor, tuple(notes))

    def _sentence(self, sent: Sentence, anchor: Anchor, carried: list[Mention] = (), prev: str = "") -> tuple[list[Finding], list[Unresolved], list[Mention] | None]:
        """The sentence's findings, its unresolved dates, and its date mentions (None when it was not
        searched for any; then the next sentence carries none over)."""
        found: dict[str, list[Mention]] = {}
        f, u = self._read_sentence(sent, anchor, carried, found, prev)
        if sent.heading:
            return f, u, []  # a headline's date is not the next sentence's
        if "date" not in found and _DATE_HINT.search(sent.text):
            found["date"] = find_dates(fold(sent.text), anchor)
        return f, u, found.get("date")

    def _read_sentence(self, sent: Sentence, anchor: Anchor, carried, lazy, prev: str = "") -> tuple[list[Finding], list[Unresolved]]:
        s = fold(sent.text)
        toks = tokens(s)
        units_here = bool(self._unique_unit) and (any(t.lemma in self._unique_unit for t in toks) or bool(_CURRENCY_SIGN.search(s)))
        events_here = bool(self._event_words.intersection(t.lemma for t in toks)) and bool(_DATE_HINT.search(s))
        people = bool(self._people_nouns.keys() & {t.lemma for t in toks})  # "four thieves"
        compound = bool(COMPOUND_HINT.search(s) or GAP_HINT.search(s))
        ages = bool(self._age_topics) and bool(AGE_HINT.search(s))  # "Ana Ruiz, 58,"
        roles = self._apposed_role_hits(s) if self._role_subjects and ", " in s else {}  # "Rask, protodeacon of"
        if not units_here and not events_here and not compound and not people and not ages and not roles and not self._cue_words.intersection(t.text.casefold() for t in toks) \
                and not any(t.lemma in self._by_lemma or t.lemma in KIN_WORDS for t in toks):
            return [], []
        cl = clauses(sent.text)
        year = anchor.date.year if anchor.date else anchor.year
        hits, subjects = self._valid_hits(s, cl, toks, prev)
        if not hits and not units_here and not events_here and not compound and not people and not ages and not roles:
            return [], []

        def mentions(kind: str) -> list[Mention]:
            if kind not in lazy:
                if kind == "date":
                    at = anchor.span
                    lazy[kind] = [m for m in find_dates(s, anchor)
                                  if not (at and sent.start + m.start < at[1] and at[0] < sent.start + m.end)]
                    if not lazy[kind] and carried:
                        # "During that session ...": the day the previous sentence gave, read from these words.
                        ref = _ANAPHOR.search(s)
                        if ref:
                            prev = carried[-1]
                            lazy[kind] = [replace(prev, start=ref.start(), end=ref.end(), text=ref.group(0),
                                                  how=f"'{ref.group(0)}' is the day the sentence before gives ('{prev.text}'): {prev.how}",
                                                  confidence=prev.confidence * 0.85)]
                elif kind == "span":  # years and months alone, for the topics of self._span_kinds
                    lazy[kind] = find_spans(s, anchor, [(m.start, m.end) for m in mentions("date")])
                elif kind == "number":
                    lazy[kind] = sorted(find_numbers(s, [(m.start, m.end) for m in mentions("date")]) + marks(s),
                                        key=lambda m: m.start)
                elif kind == "name":
                    lazy[kind] = self._names(s, [(m.start, m.end) for m in mentions("date")])
                else:
                    lazy[kind] = find_quotes(s)
            return lazy[kind]

        if units_here:
            # A number counting a unit that only one topic counts ("5 million euros", "$5.4 million")
            # is that topic's even where no cue stands beside it.
            hits = dict(hits)
            for n in mentions("number"):
                topic = self._unique_unit.get(lemma(n.unit)) if n.unit else None
                if topic is not None and not (n.ordinal and s[n.end:n.end + 1] == "-"):  # "first-round agreement" names another thing
                    cue = _Cue(n.unit, None, None, None, (lemma(n.unit),), LearnedCue((lemma(n.unit),), n.unit, -1, 1.0))
                    hits[topic] = [*hits.get(topic, ()), (_Hit(topic, n.end, n.end, cue), None, 0, 0)]
        if events_here:
            # A day attached to the word naming a date topic's event ("the Oct. 19 theft", "the quake on
            # Friday") is its day, where no other date topic's subject is that word.
            hits = dict(hits)
            for topic, sub in self._events:
                for m in sub.pattern.finditer(s):
                    for d in mentions("date"):
                        if d.value is not None and (dated_event(s, (m.start(), m.end()), (d.start, d.end))
                                                    or lemma(day_verb(s, (m.start(), m.end()), (d.start, d.end)) or "-") in self._date_verbs[topic]):
                            cue = _Cue(m.group(0), None, None, None, (), LearnedCue((), m.group(0), -2, 1.0), day=(d.start, d.end))
                            hits[topic] = [*hits.get(topic, ()), (_Hit(topic, m.start(), m.end(), cue), sub, 0, 0)]
            for topic, h in attached_runs(s, cl, toks, self._event_runs, self._event_known, lambda: mentions("date"), self.rules):
                hits[topic] = [*hits.get(topic, ()), (h, None, 0, 0)]
        if self._day_phrases and " day of " in s:
            hits = dict(hits)  # "on the first day of the conclave" in a sentence that gives its one day
            for topic, h in day_phrase_hits(s, self._day_phrases, lambda: mentions("date")):
                hits[topic] = [*hits.get(topic, ()), (h, None, 0, 0)]
        if compound and (joined := self._joined_hits(s, cl, mentions("number"))):
            hits = dict(hits)  # "a four-person gang": the gang's size; "three shy of a majority": the gap
            for topic, more in joined.items():
                hits[topic] = [*hits.get(topic, ()), *more]
        if hits and ELLIPSIS_HINT.search(s) and (told := self._elliptic_hits(s, mentions("number"), hits)):
            hits = {**hits, **{k: [*hits.get(k, ()), *v] for k, v in told.items()}}  # "followed by the Reds with 31"
        if people and (told := self._counted_subject_hits(s, mentions("number"))):
            hits = {**hits, **{k: [*hits.get(k, ()), *v] for k, v in told.items()}}  # "four thieves"
        if roles:
            hits = {**hits, **{k: [*hits.get(k, ()), *v] for k, v in roles.items()}}
        if ages and (told := age_hits(s, mentions("number"), self._age_topics)):
            hits = {**hits, **{k: [*hits.get(k, ()), *v] for k, v in told.items()}}  # "Ana Ruiz, 58,": her age
        self._hits_here = hits  # the number reader asks which predicate follows a number
        cands: list[_Cand] = []
        for topic, topic_hits in hits.items():
            rules = self.rules[topic]
            reader = getattr(self, f"_read_{rules.topic.type}", None) or self._read_found
            cands.extend(reader(s, cl, rules, topic_hits, mentions))
        hedge = next((h for h in _HEDGES if re.search(rf"(?<![\w]){re.escape(h)}(?![\w])", s, re.I)), None)
        factor = (0.55 if sent.question else 1.0) * (0.95 if hedge else 1.0)
        # "The thieves took nine pieces - but what were these items?": only the part after the last
        # dash, colon or semicolon asks; what comes before it is stated.
        asked_from = 0
        if sent.question:
            breaks = [m.end() for m in re.finditer(r"\s[-\u2013\u2014]\s|[;:]\s", s)]
            asked_from = breaks[-1] if breaks and "?" in s[breaks[-1]:] and "?" not in s[:breaks[-1]] else 0
        cands = [c for c in cands if not within_subject(s, c, subjects.get(c.topic, ()), self._known_re)]
        for c in cands:
            c.cue_hits = len({h.cue.text.casefold() for h, *_ in hits.get(c.topic, ())})
            c.own_beside = own_beside(s, c, cands, hits) if c.kind in ("number", "date") else 0
            proper = [sub for sub in self.rules[c.topic].subjects if sub.proper]
            if proper and not any(sub.proper for *_, sub in subjects.get(c.topic, ())):
                c.unnamed = True  # the topic's event has a name the sentence does not use
                if (other := sibling_named(s, self._siblings.get(c.topic, ()))):
                    c.confidence *= WEAK_FRAMING  # "in the Eaton Fire, which has spread to 14,000 acres": the sibling's
                    c.how += f"; the sentence names '{other}', another topic's subject of the same kind"
            if (rival := contrasted(s, self._contrasts.get(c.topic, ()))):
                c.confidence *= WEAK_FRAMING  # "Black smoke was spotted at 9 p.m.": not the white smoke's time
                c.how += f"; the sentence speaks of '{rival}', not of the topic's own"
            if c.kind in ("number", "date") and c.spans and (cond := conditioned(s, cl, min(a for a, _ in c.spans))) \
                    and not takes_supposed(self.rules[c.topic].topic):
                c.confidence *= WEAK_FRAMING  # "If the vote succeeds, 89 votes will ...": supposed, not stated
                c.how += f"; under the condition '{cond}', supposed, not stated"
            if (actor := other_actor(s, cl, c, subjects, hits.get(c.topic))):
                c.confidence *= WEAK_FRAMING  # "The Commission announced its decision on February 10": its own act
                c.how += f"; its clause is about '{actor}', another topic's subject"
            c.nearness = 1.0 if subject_in_clause(s, cl, c, subjects.get(c.topic)) else _subject_nearness(s, c, subjects.get(c.topic, ()), cl)
            if c.nearness < 0.925:  # the value stands far from anything naming the topic's subject
                c.confidence *= c.nearness / 0.925
                c.how += f"; {c.subject_gap} words from the nearest subject word"
            placed = year and c.kind != "date" and other_year(s, cl, min(a for a, _ in c.spans), year, toks, self.rules[c.topic].topic.description)
            if placed:  # "In 2019, a jury convicted ...": another year's event, not the article's
                c.confidence *= WEAK_FRAMING
                c.how += f"; '{placed}' places it in another year"
            elif c.spans and (earlier := earlier_instance(s, min(a for a, _ in c.spans))):
                c.confidence *= WEAK_FRAMING  # "The last time a pope was elected on the first ballot ..."
                c.how += f"; '{earlier}' tells of an earlier instance"
            elif c.kind == "number" and (rec := record_frame(s, *c.spans[0], self.rules[c.topic].topic.description)):
                c.confidence *= WEAK_FRAMING  # "The shortest conclave ... was three ballots", "the first pope from ..."
                c.how += f"; '{rec}' tells of a record of its kind"
        chosen = choose([c for c in cands if c.confidence >= FLOOR])
        chosen += self._coordinated(s, chosen, [c for c in cands if c.confidence >= FLOOR])  # "Smith and Jones scored ..."
        findings, unresolved = [], []
        for c in chosen:
            if c.unresolved:
                unresolved.append(Unresolved(c.topic, c.text, c.unresolved, sent.text, sent.start, sent.end))
                continue
            vtype = TYPES[rules_type(self.rules[c.topic])]
            vs, ve = min(a for a, _ in c.spans), max(b for _, b in c.spans)
            asked = sent.question and not (asked_from and ve <= asked_from)
            conf = round(min(0.99, c.confidence * (factor if asked or not sent.question else factor / 0.55)), 3)
            how = c.how + ("; a question, not a statement" if asked else "")
            findings.append(Finding(c.topic, vtype.name, c.value, vtype.display(c.value), conf, how, sent.text,
                                    sent.start, sent.end, sent.start + vs, sent.start + ve, hedge))
        return findings, unresolved
