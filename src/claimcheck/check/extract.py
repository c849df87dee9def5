"""Reading the codebook's facts out of an article: which topic each sentence speaks to, the value, and how sure.

Everything topic-specific comes from the codebook: a sentence is a candidate for a topic when
it holds one of the topic's cues and, if the topic declares subject words, one of them in the
same or a neighbouring clause. The value is then read by the topic's type (mentions.py finds
dates, numbers, names and quotations). Adding a topic to topics.yaml is enough for `check` to
look for it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from types import SimpleNamespace
from typing import Any, Iterable

from claimcheck.check.mentions import (
    TITLE_WORDS, Anchor, Mention, convert, find_dates, find_names, find_numbers, find_quotes, unit_of,
    _fmt as _fmt_num,
)
from claimcheck.check.learn import Evidence, LearnedCue, content, examples_by_topic, learn, lemma, tokens
from claimcheck.model import Claim, Codebook, Topic
from claimcheck.check.sentences import Sentence, clauses, fold, split_sentences
from claimcheck.values import DIFFERENT, TYPES, Context, Names, parse_quantity
from claimcheck.values import fold as fold_name

#: Findings under this confidence are shown as `possible` and never asserted.
DEFAULT_MIN_CONFIDENCE = 0.6
#: Readings weaker than this are not worth showing at all.
FLOOR = 0.3
#: How many clauses away from its cue a subject word may stand, and what each step costs.
SUBJECT_REACH = 2
_CLAUSE_FACTOR = (1.0, 0.92, 0.8)
#: Words that may stand between "led by" and a name: articles, possessives and (from mentions) titles.
_PERSON_SKIP = {"the", "a", "an", "its", "his", "her", "their", "respected", "newly", "appointed", "former", "acting"}

#: Words that may stand between a cue and its value without weakening the link.
_SKIPPABLE = {
    "the", "a", "an", "on", "in", "at", "of", "by", "its", "his", "her", "their", "both", "jointly", "all",
    "some", "about", "around", "nearly", "almost", "over", "since", "from", "to", "with", "was", "were",
    "is", "are", "been", "be", "has", "have", "had", "just", "only", "also", "reportedly", "respected",
    "newly", "appointed", "former", "then", "and", "as", "namely", "including", "led", "headed",
}
#: Words before a cue, in its clause, that make the statement a condition, a wish or a forecast.
_HYPOTHETICAL = {
    "if", "unless", "whether", "could", "would", "might", "may", "should", "failure", "fail", "fails",
    "hope", "hopes", "hoped", "hoping", "expected", "expect", "expects", "aim", "aims", "aimed", "seek",
    "seeks", "seeking", "want", "wants", "prevent", "avoid", "risk", "until", "unlikely", "likely", "possible",
    "possibility", "fear", "fears", "feared", "warn", "warned", "warns", "threat", "threatened", "ahead",
}
_NEGATION = {"not", "no", "never", "n't", "without", "nor", "neither", "denied", "deny", "denies"}
#: Words right before a label's cue that say the state was only approached.
_ALMOST = {"almost", "nearly", "narrowly", "virtually"}
_HEDGES = ("reportedly", "allegedly", "according to", "as per", "is said to", "are said to", "sources said",
           "sources told", "reports citing", "citing sources", "reported", "purportedly", "unconfirmed")
_WORD = re.compile(r"[A-Za-z0-9][\w'-]*")
_ALNUM = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Finding:
    """One fact the article states (or may state) on one codebook topic."""

    topic: str
    type: str
    value: Any  # typed as values.TYPES[type] would parse it
    display: str
    confidence: float  # 0..1
    how: str  # how the value was read, for a curator to judge
    sentence: str
    start: int  # the sentence's offsets in the checked text
    end: int
    value_start: int  # the words the value was read from
    value_end: int
    hedge: str | None = None
    mentions: int = 1  # sentences stating the same value
    also_at: tuple[tuple[int, int], ...] = ()

    @property
    def value_text(self) -> str:
        return self.sentence[self.value_start - self.start:self.value_end - self.start]


@dataclass(frozen=True)
class Unresolved:
    """A value the article gives that cannot be pinned down (a weekday with no date to count from)."""

    topic: str
    text: str
    why: str
    sentence: str
    start: int
    end: int


@dataclass(frozen=True)
class Extraction:
    findings: tuple[Finding, ...]
    unresolved: tuple[Unresolved, ...]
    anchor: Anchor
    notes: tuple[str, ...] = ()  # the article disagreeing with itself, and the like


# --------------------------------------------------------------------------- phrases


def phrase_pattern(phrase: str) -> re.Pattern:
    """A codebook phrase as a regex: case-insensitive, any spacing, a leading '-' meaning 'attached'."""
    p = fold(phrase.strip())
    attached = p.startswith("-")
    body = p.lstrip("-").strip()
    parts = []
    for tok in re.split(r"(\s+|-)", body):
        if not tok:
            continue
        if tok.isspace():
            parts.append(r"\s+")
        elif tok == "-":
            parts.append(r"[-\s]?")
        else:
            parts.append(re.escape(tok))
    rx = "".join(parts)
    rx = (r"(?<=[\w])[-\s]" + rx) if attached else (r"(?<![\w])" + rx if body[:1].isalnum() else rx)
    if body[-1:].isalnum():
        rx += r"(?![\w])"
    return re.compile(rx, re.I)


def phrase_needles(phrase: str) -> tuple[str, ...] | None:
    """The lower-cased pieces any match of phrase_pattern(phrase) contains word for word; None when
    a piece is not ASCII (re's case-insensitive matching then reaches beyond str.lower)."""
    body = fold(phrase.strip()).lstrip("-").strip()
    pieces = tuple(t.lower() for t in re.split(r"\s+|-", body) if t)
    return pieces if all(t.isascii() for t in pieces) else None


# The characters re.IGNORECASE matches to an ASCII letter that str.lower() does not turn into it
# (dotless i, long s) or turns into two characters (dotted capital I); tests/test_extract.py
# checks the list against every code point.
_LOWER_UNSAFE = re.compile("[\u0130\u0131\u017f]")


def lowered(s: str) -> str | None:
    """`s` lower-cased for ruling phrases out by their needles, or None when that would not be exact."""
    return None if _LOWER_UNSAFE.search(s) else s.lower()


@dataclass(frozen=True)
class _Cue:
    text: str
    pattern: re.Pattern | None  # None for a learned cue, found by its lemmas only
    label: str | None = None  # for a label topic's label cues
    needles: tuple[str, ...] | None = None  # phrase_needles(text): a sentence without them holds no match
    lemmas: tuple[str, ...] = ()  # the cue's words as lemmas: "collapsed" finds "collapse", "collapsing"
    learned: LearnedCue | None = None

    @property
    def weight(self) -> float:
        """How far a reading through this cue is trusted: a hand-written cue fully; a learned one by
        how many curated quotes it came from and how much it belongs to this topic."""
        if self.learned is None:
            return 1.0
        support = self.learned.support
        # Specificity only tempers: a cue two topics share ("magnitude") is told apart by their subjects.
        if support < 0:
            return 0.8  # the unit only this topic counts
        return (0.7 + 0.3 * self.learned.specificity) * (0.9 if support == 0 else min(1.0, 0.65 + 0.1 * support))

    @property
    def shown(self) -> str:
        if self.learned is None:
            return f"'{self.text}'"
        if self.learned.support == 0:
            return f"'{self.text}' (the label's name)"
        if self.learned.support < 0:
            return f"'{self.text}' (the unit only this topic counts)"
        n = self.learned.support
        return f"'{self.text}' (learned from {n} curated quote{'s' if n != 1 else ''})"


def _cue_lemmas(text: str) -> tuple[str, ...]:
    """A hand-written cue's words as lemmas, when it is plain words (attached and punctuated cues stay regex-only)."""
    body = fold(text.strip())
    if not body or body.startswith("-") or re.search(r"[^\w\s']", body):
        return ()
    return tuple(tk.lemma for tk in tokens(body))


@dataclass(frozen=True)
class _Subject:
    text: str
    pattern: re.Pattern
    proper: bool  # names a particular place, body or event ("Istanbul", "Afghan delegation")


@dataclass
class _Rules:
    topic: Topic
    cues: list[_Cue]
    subjects: list[_Subject]


@dataclass(frozen=True)
class _Hit:
    topic: str
    start: int
    end: int
    cue: _Cue


@dataclass
class _Cand:
    topic: str
    kind: str  # what it claims exclusively in its sentence: date, number, person, names, label, text
    value: Any
    spans: tuple[tuple[int, int], ...]
    confidence: float
    how: str
    cue_len: int
    subject_proper: bool
    subject_distance: int
    unresolved: str | None = None
    text: str = ""
    nearness: float = 1.0  # how close the value stands to the topic's subject (decides between topics)
    subject_gap: int = 0
    cue_hits: int = 1  # distinct cues of the topic in the sentence: more of them, more evidence
    unnamed: bool = False


# --------------------------------------------------------------------------- the extractor


class Extractor:
    """The codebook compiled for reading articles; build once, extract from many articles."""

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
        self.evidence: dict[str, Evidence] = learn(codebook, claims, self._value_span)
        self._ordinal_votes, self._counted = dict(self._ordinal_votes), dict(self._counted)  # plain: it is shipped to workers
        examples = examples_by_topic(claims)
        for name, t in codebook.topics.items():
            cues = [_Cue(c, phrase_pattern(c), None, phrase_needles(c), _cue_lemmas(c)) for c in t.cues if c.strip()]
            for label in t.labels.values():
                cues += [_Cue(c, phrase_pattern(c), label.name, phrase_needles(c), _cue_lemmas(c)) for c in label.cues if c.strip()]
            known_cues = {c.lemmas for c in cues if c.lemmas}
            ev = self.evidence.get(name, Evidence())
            for lc in ev.cues:
                if lc.lemmas not in known_cues and self._trusted(lc, t):
                    cues.append(_Cue(lc.text, None, lc.label, None, lc.lemmas, lc))
            subjects = [_Subject(s, phrase_pattern(s), any(ch.isupper() for ch in s)) for s in t.subject if s.strip()]
            if not subjects and ev.subjects:
                subjects = [self._learned_subject(lem, examples.get(name, ())) for lem in ev.subjects]
            self.rules[name] = _Rules(t, cues, subjects)
        # A sentence without any cue's words cannot hold a finding: a set lookup rules most sentences out.
        self._cue_words = {w.casefold() for r in self.rules.values() for c in r.cues for w in _ALNUM.findall(c.text)}
        # A label's negation, where the codebook has one: the label named "no X"/"not X"/"without X"
        # for the label X, or defined as "... without X" ("ended without a breakthrough" is no agreement).
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
        # What each number topic counts, as lemmas ("members", "people", "minutes"): the counted noun
        # right after a number says whose number it is.
        self._units: dict[str, set[str]] = {
            n: {lemma(w) for w in _ALNUM.findall(t.unit)} for n, t in codebook.topics.items() if t.type == "number" and t.unit}
        for n, counts in self._counted.items():  # and the nouns two curated quotes count with it
            learned = {u for u, k in counts.items() if k >= 2 and content(u)}
            if learned:
                self._units[n] = self._units.get(n, set()) | learned
        self._unit_owner = {u for us in self._units.values() for u in us}
        # A topic that is itself a maximum (or a minimum) reads "up to 10 years" as 10 ("at least 5" as 5).
        self._bound_is_value: dict[str, str] = {}
        for n, t in codebook.topics.items():
            if t.type == "number":
                words = {w.casefold() for w in _ALNUM.findall(f"{n} {t.description}".replace("_", " "))}
                if words & {"maximum", "max", "most", "ceiling", "cap"}:
                    self._bound_is_value[n] = "max"
                elif words & {"minimum", "min", "least", "floor"}:
                    self._bound_is_value[n] = "min"
        owners: dict[str, list[str]] = defaultdict(list)
        for n, us in self._units.items():
            for u in us:
                owners[u].append(n)
        self._unique_unit = {u: ns[0] for u, ns in owners.items() if len(ns) == 1 and u not in _COUNTLESS}
        # The span of the values curated for each number topic, to tell its numbers from others in a sentence.
        self._ranges: dict[str, tuple[float, float]] = {}
        for c in claims:
            t = codebook.topics.get(c.topic)
            v = c.value
            if t is not None and t.type == "number" and getattr(v, "low", None) is not None:
                lo, hi = self._ranges.get(c.topic, (v.low, v.low))
                top = v.high if v.high != float("inf") else v.low
                self._ranges[c.topic] = (min(lo, v.low), max(hi, top))
        # How many label topics use each label cue's words ("acquitted" may be any count's verdict).
        self._label_cue_topics: Counter = Counter()
        for r in self.rules.values():
            if r.topic.type == "label":
                self._label_cue_topics.update({c.text.casefold() for c in r.cues if c.label is not None})
        # Number topics whose curated values are all whole: "6.1" is no count of theirs.
        whole: dict[str, bool] = {}
        for c in claims:
            t = codebook.topics.get(c.topic)
            v = c.value
            if t is not None and t.type == "number" and getattr(v, "low", None) is not None:
                whole[c.topic] = whole.get(c.topic, True) and float(v.low).is_integer() \
                    and (v.high == float("inf") or float(v.high).is_integer())
        self._whole = {n for n, w in whole.items() if w}
        # Cues found by lemma, indexed by their first lemma.
        self._by_lemma: dict[str, list[tuple[str, _Cue]]] = defaultdict(list)
        for name, r in self.rules.items():
            for c in r.cues:
                if c.lemmas:
                    self._by_lemma[c.lemmas[0]].append((name, c))
        # Names the claim set already knows: codebook entities, and every person and list value claimed.
        known: dict[str, str] = {}  # folded spelling -> how it is known
        listed: set[str] = set()
        self.person_names: dict[str, str] = {}
        for e in codebook.entities:
            for n in (e.name, *e.aliases):
                known[n] = f"codebook entity '{e.name}'"
        for c in claims:
            t = codebook.topics.get(c.topic)
            if t is None:
                continue
            if t.type == "person":
                known.setdefault(c.value, f"named in {c.source_id}'s claims")
                self.person_names[self.names.strip(c.value)] = c.value
            elif t.type == "list":
                for item in c.value:
                    if not re.fullmatch(r"\d{4}-\d\d-\d\d", item):
                        known.setdefault(item, f"named in {c.source_id}'s claims")
                        listed.add(item)
        self.known = known
        # The claim set's own words for what stands before its people's names ("Junta Chief", "Taliban"):
        # the capitalised words right before a curated name in its quote that are not part of it.
        titles: set[str] = set()
        for c in claims:
            t = codebook.topics.get(c.topic)
            if t is None or t.type != "person" or not isinstance(c.value, str):
                continue
            q = fold(c.quote)
            span = _name_span(q, c.value, self.names)
            if span is None:
                continue
            own = {fold_name(p) for p in c.value.split()}
            start = span[0]
            for tk in reversed([tk for tk in tokens(q) if tk.end <= start][-4:]):
                if not tk.text[:1].isupper() or q[tk.end:start] != " ":
                    break  # only the capitalised run the name ends
                word = tk.text.casefold()
                if word not in _FUNCTION_TITLES and word not in TITLE_WORDS and fold_name(tk.text) not in own:
                    titles.add(word)
                start = tk.start
        self.titles = frozenset(titles)
        # Names the claims list but never as a person's value (countries, bodies): not people.
        self._not_people = {fold(n) for n in listed if self.names.strip(n) not in self.person_names}
        # A capitalised one-word subject of a topic names the place, body or event it is about ("Myanmar"), not a person.
        person_parts = {fold_name(p) for v in self.person_names.values() for p in v.split()}
        self._not_people |= {fold(sub) for t in codebook.topics.values() if t.type != "person" for sub in t.subject
                             if sub[:1].isupper() and len(sub.split()) == 1 and fold_name(sub) not in person_parts}
        spellings = sorted({fold(k) for k in known if k.strip()}, key=len, reverse=True)
        self._known_re = re.compile(r"(?<![\w])(?:" + "|".join(re.escape(k) for k in spellings) + r")(?![\w])") if spellings else None
        self._known_by_fold = {fold(k): v for k, v in known.items()}
        self._person_keys = list(self.person_names)

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
        return lc.specificity >= 0.34 and any(content(lem) for lem in lc.lemmas)

    @staticmethod
    def _learned_subject(lem: str, examples: Iterable[Claim]) -> _Subject:
        forms = {tk.text for c in examples for tk in tokens(fold(c.quote)) if tk.lemma == lem} or {lem}
        rx = re.compile(r"(?<![\w])(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")(?![\w])", re.I)
        return _Subject(sorted(forms)[0], rx, False)  # capitals in a few quotes ("Judge X") do not make a name

    # ----------------------------------------------------------------- anchor

    def anchor(self, text: str, published: dt.date | None = None) -> Anchor:
        """The date relative dates count from: --published; else a dateline near the top of the
        article; else the latest complete date the article itself gives (it was written on or after
        that day, so relative dates counted from it are trusted less)."""
        if published:
            return Anchor(published, "--published date")
        head = fold(text[:1000])
        for m in find_dates(head, Anchor()):
            v = m.value
            if v is not None and v.start == v.end and re.search(r"(19|20)\d\d", m.text) and _dateline(head, m):
                return Anchor(v.start, f"dateline '{m.text}'", span=(m.start, m.end))
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
        """Every finding in the article, merged so that each topic and value appears once."""
        anchor = self.anchor(text, published)
        raw: list[Finding] = []
        unresolved: list[Unresolved] = []
        carried: list[Mention] = []  # the previous sentence's dates, for "that day", "the meeting"
        prev = ""  # the previous sentence, for one that opens with a pronoun ("They were out in four minutes")
        for sent in split_sentences(text):
            f, u, dates = self._sentence(sent, anchor, carried, prev)
            prev = "" if sent.heading else sent.text
            raw.extend(f)
            unresolved.extend(u)
            carried = [d for d in dates or () if d.value is not None and not _ANAPHOR.fullmatch(d.text)][-1:]
        findings = self._merge(raw)
        findings = self._weigh_labels(findings, min_confidence)
        notes = self._self_contradictions(findings, min_confidence)
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
        if not units_here and not self._cue_words.intersection(t.text.casefold() for t in toks) \
                and not any(t.lemma in self._by_lemma for t in toks):
            return [], []
        cl = clauses(sent.text)
        hits, subjects = self._valid_hits(s, cl, toks, prev)
        if not hits and not units_here:
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
                elif kind == "number":
                    lazy[kind] = find_numbers(s, [(m.start, m.end) for m in mentions("date")])
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
        for c in cands:
            c.cue_hits = len({h.cue.text.casefold() for h, *_ in hits.get(c.topic, ())})
            proper = [sub for sub in self.rules[c.topic].subjects if sub.proper]
            if proper and not any(sub.proper for *_, sub in subjects.get(c.topic, ())):
                c.unnamed = True  # the topic's event has a name the sentence does not use
            c.nearness = _subject_nearness(s, c, subjects.get(c.topic, ()), cl)
            if c.nearness < 0.925:  # the value stands far from anything naming the topic's subject
                c.confidence *= c.nearness / 0.925
                c.how += f"; {c.subject_gap} words from the nearest subject word"
        chosen = _choose([c for c in cands if c.confidence >= FLOOR])
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
                end = _lemma_run(toks, i, cue.lemmas, s)
                if end is not None and (name, tk.start, end, cue.label) not in seen:
                    seen.add((name, tk.start, end, cue.label))
                    hits.append(_Hit(name, tk.start, end, cue))
        if not hits:
            return {}, {}
        subjects: dict[str, list[tuple[int, int, _Subject]]] = {}  # only topics with a cue here are asked about
        for name in dict.fromkeys(h.topic for h in hits):
            subjects[name] = [(m.start(), m.end(), sub) for sub in self.rules[name].subjects for m in sub.pattern.finditer(s)]

        def near(topic: str, hit: _Hit):
            rules = self.rules[topic]
            if not rules.subjects:
                return (None, 0, 0)
            lo, hi = cl.window(hit.start, SUBJECT_REACH)
            best = None
            for a, b, sub in subjects[topic]:
                if a < hi and b > lo:
                    dist = _gap_words(s, hit, (a, b))
                    apart = 0 if a <= hit.start < b else min(cl.apart(a, hit.start), SUBJECT_REACH)
                    key = (apart, not sub.proper, dist)
                    if best is None or key < best[0]:
                        best = (key, sub, dist, apart)
            if best is None and prev and _PRONOUN_OPENER.match(s) and not any(
                    o.topic.type == rules.topic.type and o is not rules and any(x.pattern.search(s) for x in o.subjects)
                    for o in self.rules.values()):
                # "They were out in under four minutes": the sentence before names who "they" are
                # (unless this one names another topic's subject: then the cue is that topic's).
                before = fold(prev)
                for sub in rules.subjects:
                    if sub.pattern.search(before):
                        return (sub, len(_WORD.findall(s[:hit.start])), SUBJECT_REACH)
            return None if best is None else best[1:]

        out: dict[str, list] = defaultdict(list)
        for h in hits:
            if any(o.topic != h.topic and o.start <= h.start and h.end <= o.end and (o.end - o.start) > (h.end - h.start)
                   and self.rules[o.topic].topic.type == self.rules[h.topic].topic.type
                   and near(o.topic, o) is not None for o in hits):
                continue  # "second ceasefire" outranks "ceasefire" for a date
            found = near(h.topic, h)
            if found is None:
                continue
            sub, dist, apart = found
            if sub is not None and not sub.proper and not self._names_own(s, cl, h, subjects) \
                    and self._named_elsewhere(s, cl, h, hits, subjects):
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

    # ----------------------------------------------------------------- readers, one per type

    def _read_person(self, s, cl, rules, hits, mentions) -> list[_Cand]:
        out = []
        for n in mentions("name"):
            if n.confidence < 0.5 or n.text in self._not_people:
                continue  # an institution or a place
            best = None
            for h, sub, sdist, apart_s in hits:
                after = n.start >= h.end
                if not after and n.end > h.start:
                    continue
                gap = s[h.end:n.start] if after else s[n.end:h.start]
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
                if (by_cue or title_cue) and not after:
                    conf *= 0.6
                how = f"{n.how} {d} word{'s' if d != 1 else ''} {'after' if after else 'before'} the cue {h.cue.shown}"
                cand = _Cand(rules.topic.name, "person", " ".join(n.value.split()), ((n.start, n.end),), conf, how,
                             h.end - h.start, bool(sub and sub.proper), sdist)
                if best is None or cand.confidence > best.confidence:
                    best = cand
            if best:
                out.append(best)
        return out

    def _read_number(self, s, cl, rules, hits, mentions) -> list[_Cand]:
        out = []
        own = self._units.get(rules.topic.name)
        seen = self._ranges.get(rules.topic.name)
        for n in mentions("number"):
            counted = lemma(n.unit) if n.unit else None
            if counted and counted not in (own or ()) and (counted in self._unit_owner or (not own and unit_of(counted))):
                continue  # "eight minutes" counts another topic's unit (or time, for a topic counting none)
            if counted and own and s[n.end:n.end + 1] == "-" and counted not in own \
                    and not any(counted in c.lemmas for c in rules.cues):
                continue  # "a one-point agenda": the noun it is joined to is what it counts
            if re.search(r"[A-Z][\w'-]+,\s*$", s[:n.start]) and re.match(r"\s*,", s[n.end:]):
                continue  # "Combs, 55, said": an age beside a name, no count
            votes = self._ordinal_votes.get(rules.topic.name)
            if votes and votes[1] >= 2 and votes[0] in (0, votes[1]) and n.ordinal != bool(votes[0]):
                continue  # the sources write this one "second round" (or "two rounds"); the other kind is another number
            if rules.topic.name in self._whole and n.value is not None and re.search(r"\d\.\d", n.text) \
                    and not float(n.value.low).is_integer():
                continue  # "magnitude 6.1": the sources count this one in whole numbers
            if seen and n.value is not None and not _plausible(n.value, seen):
                continue  # a thousand times what any source gives: another quantity ("10,000" is no magnitude)
            best = None
            for h, sub, sdist, apart_s in hits:
                if h.cue.text.lstrip().startswith("-"):
                    if not (n.end <= h.start and not s[n.end:h.start].strip(" ")):
                        continue  # "-member delegation" must be attached to its number
                    d = 0
                else:
                    if n.end <= h.start:
                        gap = s[n.end:h.start]
                    elif n.start >= h.end:
                        gap = s[h.end:n.start]
                        if self._own_predicate_follows(s, n, rules.topic.name):
                            continue  # "3,408 injured and 139 still missing": 139 is the missing, not the injured
                    else:
                        continue
                    if _STOP.search(gap):
                        continue
                    d = _count_words(gap, _SKIPPABLE)
                    if d > 3 and n.start >= h.end and _LEVEL.search(gap) and not re.search(r"[,(]", gap) \
                            and _clauses_apart(cl, h.start, n.start) == 0:
                        d = 3  # "the death toll from the quake in Myanmar has risen to 694": the toll's level
                    if d > 3 or _clauses_apart(cl, h.start, n.start) > 1:
                        continue
                if n.confidence <= 0.5 and (d > 0 or h.cue.learned is not None):
                    continue  # "some", "one": a count only when right beside the cue
                if n.ordinal and (d > 0 or n.start > h.start):
                    continue  # "second round" counts rounds; "first-round agreement" does not
                if unit_of(n.unit) and not unit_of(rules.topic.unit) and rules.topic.unit:
                    continue  # "four days" is no count of members
                value, conv = convert(n.value, n.unit, rules.topic.unit)
                beyond = _BEYOND.search(s, 0, n.start)
                if beyond and value.low == value.high and value.text is None:
                    more = parse_quantity(f"more than {_fmt_num(value.low)}")
                    if more is not None:
                        conv = (conv + "; " if conv else "") + f"'{beyond.group(1)} {n.text}' is more than {_fmt_num(value.low)}"
                        value = more
                bound = self._bound_is_value.get(rules.topic.name)
                if bound and value.text and (value.high if bound == "max" else value.low) not in (None, float("inf")) \
                        and (value.low == 0 if bound == "max" else value.high == float("inf")) \
                        and not (value.low_open or value.high_open):
                    edge = value.high if bound == "max" else value.low
                    conv = (conv + "; " if conv else "") + f"'{value.text}' of a topic that is the {'maximum' if bound == 'max' else 'minimum'} is {_fmt_num(edge)}"
                    value = type(value)(edge, edge)
                conf = n.confidence * _distance_factor(d) * _CLAUSE_FACTOR[apart_s] * _VALUE_CLAUSE[_clauses_apart(cl, h.start, n.start)] * h.cue.weight
                written = "" if n.how.startswith("vague") else f" '{n.text}'"
                how = f"{n.how}{written}" + (f" ({conv})" if conv else "") + f", {d} word{'s' if d != 1 else ''} from the cue {h.cue.shown}"
                cand = _Cand(rules.topic.name, "number", value, ((n.start, n.end),), conf, how, h.end - h.start,
                             bool(sub and sub.proper), sdist)
                if best is None or cand.confidence > best.confidence:
                    best = cand
            if best:
                out.append(best)
        return out

    def _own_predicate_follows(self, s: str, n: Mention, topic: str) -> bool:
        """Does another number topic's cue follow the number closely, with none of this topic's?"""
        def close(h) -> bool:
            if h.cue.lemmas and set(h.cue.lemmas) <= _COUNTLESS:
                return False  # "2,900 people": what is counted, not what happened to them
            return h.start >= n.end and not re.search(r"[.;:!?,]", s[n.end:h.start]) \
                and _count_words(s[n.end:h.start], _SKIPPABLE | {"still", "more", "people", "persons", "others"}) == 0
        others = any(close(h) for t, hs in self._hits_here.items() if t != topic and self.rules[t].topic.type == "number"
                     for h, *_ in hs)
        return others and not any(close(h) for h, *_ in self._hits_here.get(topic, ()))

    def _read_date(self, s, cl, rules, hits, mentions) -> list[_Cand]:
        out = []
        takes = self._date_roles[rules.topic.name]
        for n in mentions("date"):
            role = _date_role(s, cl, n)
            if role and role not in takes:
                continue  # "until October 30" ends something, "will meet again on ..." plans it: not this day
            best = None
            for h, sub, sdist, apart_s, d, apart in near_cues(s, cl, n, hits, 8, r"[.;!?]"):
                conf = (n.confidence if n.value is not None else 0.5) * _distance_factor(d) * _CLAUSE_FACTOR[apart_s] * _VALUE_CLAUSE[apart] * h.cue.weight
                how = f"{n.how}, {d} word{'s' if d != 1 else ''} from the cue {h.cue.shown}"
                cand = _Cand(rules.topic.name, "date", n.value, ((n.start, n.end),), conf, how, h.end - h.start,
                             bool(sub and sub.proper), sdist, unresolved=n.unresolved, text=n.text)
                if best is None or cand.confidence > best.confidence:
                    best = cand
            if best:
                out.append(best)
        return out

    def _read_list(self, s, cl, rules, hits, mentions) -> list[_Cand]:
        items = sorted([m for m in mentions("name") if m.confidence > 0.3 or m.how.startswith("known")]
                       + [m for m in mentions("date")], key=lambda m: m.start)
        out: list[_Cand] = []
        for h, sub, sdist, apart_s in hits:
            for direction in (1, -1):
                run = _coordination(s, items, h, direction)
                if not run:
                    continue
                if any(m.value is None for m in run):
                    continue
                kind = "date" if run[0].kind == "date" else "names"
                values = tuple(m.value.start.isoformat() if kind == "date" else " ".join(m.value.split()) for m in run)
                conf = sum(m.confidence for m in run) / len(run) * _CLAUSE_FACTOR[apart_s] * (1.0 if direction == 1 else 0.95) * h.cue.weight
                how = (f"{len(run)} item{'s' if len(run) != 1 else ''} {'after' if direction == 1 else 'before'} the cue "
                       f"{h.cue.shown}: " + "; ".join(m.how for m in run))
                out.append(_Cand(rules.topic.name, kind, values, tuple((m.start, m.end) for m in run), conf, how,
                                 h.end - h.start, bool(sub and sub.proper), sdist))
        return _union(out)

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
            governed = self._governed(s, cl, h)
            if governed and rules.topic.name not in governed:
                continue  # "acquitted of A but convicted of B": the cue speaks of another topic's subject
            label, turned = h.cue.label, ""
            if not (cue_words & _NEGATION) and set(before[-3:]) & _NEGATION:
                label = self._negated.get((rules.topic.name, label))
                if label is None:
                    continue  # "has not begun": nothing is stated
                neg = max(m.start() for m in _WORD.finditer(s, lo, h.start) if m.group(0).casefold() in _NEGATION)
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
        lo, hi = cl.bounds[cl.index(h.start)][0], cl.bounds[cl.index(max(h.start, h.end - 1))][1]
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
        out = []
        for start, end, value, read, found_conf in vtype.find(s, [(m.start, m.end) for m in find_dates(s, Anchor())]):
            at = SimpleNamespace(start=start, end=end)
            best = None
            for h, sub, sdist, apart_s, d, apart in near_cues(s, cl, at, hits, vtype.reach, vtype.stops):
                conf = found_conf * _distance_factor(d) * _CLAUSE_FACTOR[apart_s] * _VALUE_CLAUSE[apart] * h.cue.weight
                how = f"{read}, {d} word{'s' if d != 1 else ''} from the cue {h.cue.shown}"
                cand = _Cand(rules.topic.name, vtype.name, value, ((start, end),), conf, how, h.end - h.start,
                             bool(sub and sub.proper), sdist)
                if best is None or cand.confidence > best.confidence:
                    best = cand
            if best:
                out.append(best)
        return out

    # ----------------------------------------------------------------- article-level passes

    def _merge(self, raw: list[Finding]) -> list[Finding]:
        groups: dict[tuple, list[Finding]] = defaultdict(list)
        for f in raw:
            key = TYPES[f.type].key(f.value, self.contexts[f.topic])
            groups[(f.topic, key)].append(f)
        out = []
        for fs in groups.values():
            best = max(fs, key=lambda f: (f.confidence, -f.start))
            others = tuple((f.start, f.end) for f in fs if f is not best)
            out.append(replace(best, mentions=len(fs), also_at=others))
        return out

    def _weigh_labels(self, findings: list[Finding], min_confidence: float) -> list[Finding]:
        """A label stated once, against an incompatible label the article states at least twice,
        is shown as possible: the article's own account leans the other way."""
        out = []
        for f in findings:
            if f.type == "label" and f.mentions == 1:
                ctx = self.contexts[f.topic]
                rivals = [g for g in findings if g.topic == f.topic and g is not f and g.mentions >= 2
                          and g.confidence >= min_confidence and TYPES["label"].relate(f.value, g.value, ctx).kind == DIFFERENT]
                if rivals:
                    r = max(rivals, key=lambda g: g.mentions)
                    f = replace(f, confidence=min(f.confidence, round(min_confidence - 0.1, 3)),
                                how=f"{f.how}; stated once, while the article says '{r.value}' {r.mentions} times")
            out.append(f)
        return out

    def _self_contradictions(self, findings: list[Finding], min_confidence: float) -> list[str]:
        notes = []
        by_topic: dict[str, list[Finding]] = defaultdict(list)
        for f in findings:
            if f.confidence >= min_confidence:
                by_topic[f.topic].append(f)
        for topic, fs in by_topic.items():
            t = self.codebook.topics[topic]
            if t.changes_over_time or t.type in ("text", "list", "label") or len(fs) < 2:
                continue
            ctx = self.contexts[topic]
            for i, a in enumerate(fs):
                for b in fs[i + 1:]:
                    r = TYPES[t.type].relate(a.value, b.value, ctx)
                    if r.kind == DIFFERENT:
                        notes.append(f"the article contradicts itself on {topic}: {a.display} "
                                     f"(\"{_short(a.sentence)}\") and {b.display} (\"{_short(b.sentence)}\"): {r.reason}")
        return notes


_NEGATION_LEMMAS = frozenset({"not", "no", "never", "n't", "without", "nor", "neither"})
#: Capitalised words before a curated name that are not a title learnt from it ("Judge" is one already).
_FUNCTION_TITLES = frozenset({"the", "a", "an", "and", "but", "said", "says", "by", "of", "in", "on", "at", "to", "with"})


#: A topic whose name or description uses one of these is about an end, or about a plan.
_END_WORDS = frozenset({"end", "expire", "expiry", "deadline", "until"})
_PLAN_TOPIC_WORDS = frozenset({"plan", "schedule", "propose", "expect", "due", "upcoming", "future", "next"})
#: Words in a date's clause, before it, that make it a plan rather than a day something happened.
_PLAN_WORDS = frozenset({"will", "would", "shall", "scheduled", "planned", "plan", "plans", "expected", "due",
                         "next", "again", "upcoming", "set", "slated", "proposed"})
_UNTIL = frozenset({"until", "till", "through", "thru", "untill"})


def _date_role(s: str, cl, n) -> str | None:
    """'end' for "until <date>", 'plan' for a date in a clause that looks ahead; None for a day that happened."""
    lo = cl.bounds[cl.index(n.start)][0]
    before = [w.casefold() for w in _WORD.findall(s[lo:n.start])]
    if before[-1:] and before[-1] in _UNTIL or n.text.split()[0].casefold() in _UNTIL:
        return "end"
    if set(before[-6:]) & _PLAN_WORDS:
        return "plan"
    return None


#: Words that point back to the previous sentence's day or event.
_ANAPHOR = re.compile(r"(?<![\w])(?:that|the same|this)\s+(?:day|date|session|meeting|evening|morning|afternoon|night|"
                      r"hearing|event|vote|round)(?![\w])|(?<![\w])the meeting(?![\w])|(?<![\w])the session(?![\w])", re.I)
#: A cheap test for a sentence that may hold a date worth carrying over.
_DATE_HINT = re.compile(r"\d|day\b|January|February|March|April|May|June|July|August|September|October|November|December|"
                        r"Jan\b|Feb\b|Mar\b|Apr\b|Jun\b|Jul\b|Aug\b|Sept?\b|Oct\b|Nov\b|Dec\b", re.I)
_CURRENCY_SIGN = re.compile("[$\u20ac\u00a3]\\d")
#: Units too common to tell a topic by alone: nearly every count is of people.
_COUNTLESS = frozenset({"people", "person", "member", "official", "time", "day", "hour", "minute", "week", "year", "month"})


def _dateline(head: str, m) -> bool:
    """Is the date a dateline: on a short line of its own ("Updated March 3, 2026", "date 2026-03-28"),
    or opening a line before a dash or parenthesis ("Oct 27, 2025 (Reuters) -"), not inside a sentence?"""
    line_start = head.rfind("\n", 0, m.start) + 1
    line_end = head.find("\n", m.end)
    line = head[line_start:line_end if line_end >= 0 else len(head)]
    before, after = head[line_start:m.start], head[m.end:line_end if line_end >= 0 else len(head)]
    if len(_WORD.findall(line)) <= 12 and not re.search(r"[.!?]\s+\S", line):
        return True
    if re.fullmatch(r"\s*(?:(?:first|last)\s+)?(?:date[sd]?|updated|published|posted|modified)\s*:?\s*(?:on\s+)?", before, re.I):
        return True  # "date 2025-04-01 Myanmar earthquake news: ..."
    return len(_WORD.findall(before)) <= 4 and bool(re.match(r"\s*(?:\(|[-\u2013\u2014:|/])", after))


def near_cues(s: str, cl, n, hits, max_words: int, stops: str):
    """The cue hits a value mention may be read through: on either side of it, no `stops` mark between,
    at most `max_words` words that are not skippable between, at most one clause apart; each as
    (hit, subject, subject distance, subject clauses apart, words between, clauses apart). The date
    and time readers share it."""
    for h, sub, sdist, apart_s in hits:
        if n.end <= h.start:
            gap = s[n.end:h.start]
        elif n.start >= h.end:
            gap = s[h.end:n.start]
        else:
            continue
        if re.search(stops, gap):
            continue
        d = _count_words(gap, _SKIPPABLE)
        apart = _clauses_apart(cl, h.start, n.start)
        if d > max_words or apart > 1:
            continue
        yield h, sub, sdist, apart_s, d, apart


def _plausible(q, seen: tuple[float, float], factor: float = 500.0) -> bool:
    """Is the number within `factor` times the span of the topic's curated values (either way)?"""
    lo, hi = seen
    v = q.low if q.low else q.high
    if not v or v == float("inf") or lo <= 0:
        return True
    return lo / factor <= v <= max(hi, lo) * factor


def _lemma_run(toks, i: int, lemmas: tuple[str, ...], s: str) -> int | None:
    """The end offset of `lemmas` matched from token i, one other word allowed between two of them
    ("agreed to jointly set up"), never across a sentence mark; None when they do not follow."""
    j, end = i, toks[i].end
    for lem in lemmas[1:]:
        for k in (j + 1, j + 2):
            if k < len(toks) and toks[k].lemma == lem and not re.search(r"[.;:!?]", s[end:toks[k].start]) \
                    and (k == j + 1 or toks[j + 1].lemma not in _NEGATION_LEMMAS):  # "have not begun" is no "have begun"
                j, end = k, toks[k].end
                break
        else:
            return None
    return end


def _name_span(q: str, name: str, names: Names) -> tuple[int, int] | None:
    """The words of `name` (honorifics aside) in `q`: first to last part found, case and accents aside."""
    parts = [p for p in fold_name(names.strip(name)).split() if len(p) > 1]
    if not parts:
        return None
    found = [(tk.start, tk.end) for tk in tokens(q) if fold_name(tk.text) in parts]
    return (found[0][0], found[-1][1]) if found else None


def rules_type(r: _Rules) -> str:
    return r.topic.type


def _subject_nearness(s: str, c: _Cand, subjects, cl=None) -> float:
    """A value belongs to the event named nearest to it: 'on Saturday in Istanbul' is Istanbul's date.
    A clause break between them ("... confirms military government; 8 killed in Thailand") counts
    as words: the subject of the clause before is further than the one in the value's own clause."""
    if not subjects or c.kind == "label":
        return 1.0
    vs, ve = min(a for a, _ in c.spans), max(b for _, b in c.spans)
    gaps = []
    for a, b, _sub in subjects:
        if a < ve and vs < b:
            gaps.append(0)
        else:
            words = len(_WORD.findall(s[b:vs] if b <= vs else s[ve:a]))
            hard = len(re.findall(r"[;:]|\s[\u2013\u2014-]\s", s[b:vs] if b <= vs else s[ve:a]))
            gaps.append(words + _CLAUSE_BREAK_WORDS * hard)
    c.subject_gap = min(gaps)
    return max(0.7, 1.0 - 0.015 * min(gaps))


#: A verb that puts a quantity above its number: "could surpass 10,000" is more than 10,000.
_BEYOND = re.compile(r"(?<![\w])(surpass(?:es|ed)?|exceed(?:s|ed)?|top(?:s|ped)?|outstrip(?:s|ped)?)\s+$", re.I)
#: A sentence opening with a personal pronoun continues the one before it.
_PRONOUN_OPENER = re.compile(r"\s*(?:he|she|they|it|his|her|their|its)\s", re.I)
#: A mark that ends what a cue can reach; a decimal point ("magnitude 7.7") is none.
_STOP = re.compile(r"[;:!?]|\.(?!\d)|(?<!\d)\.")
#: A verb saying where a quantity stands, right before its number: "the toll ... has risen to", "stands at".
_LEVEL = re.compile(r"(?<![\w])(?:(?:has|have|had)\s+)?(?:risen|rose|rises|climbed|climbs|surged|surges|jumped|reached|reaches|"
                    r"stood|stands|increased|grown|grew|soared|passed|topped|exceeded|surpassed|hit|is|was|now)"
                    r"(?:\s+(?:to|at|past))?\s*(?:at\s+least|more\s+than|over|nearly|almost|about|around)?\s*$", re.I)
#: What a semicolon, colon or dash between a value and a subject word counts as, in words.
_CLAUSE_BREAK_WORDS = 4


def _short(text: str, n: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _count_words(gap: str, skippable: set[str]) -> int:
    return sum(1 for w in _WORD.findall(gap) if w.casefold() not in skippable)


def _gap_words(s: str, hit: _Hit, span: tuple[int, int]) -> int:
    a, b = span
    if b <= hit.start:
        return len(_WORD.findall(s[b:hit.start]))
    if a >= hit.end:
        return len(_WORD.findall(s[hit.end:a]))
    return 0


#: A value in the cue's own clause, or the next one; further away it is another statement.
_VALUE_CLAUSE = (1.0, 0.88)


def _clauses_apart(cl, a: int, b: int) -> int:
    return cl.apart(a, b)


def _distance_factor(words: int) -> float:
    return max(0.5, 1.0 - 0.05 * words)


_SEPARATOR = re.compile(r"\s*(?:,\s*(?:and\s+|as well as\s+|along with\s+)?|\s+and\s+|\s*&\s*|\s+as well as\s+|\s+along with\s+)", re.I)
_LEAD_WORDS = {"the", "both", "jointly", "by", "on", "with", "including", "namely", "of", "from", "its", "were",
               "was", "are", "is", "had", "has", "have"}


def _coordination(s: str, items: list[Mention], h: _Hit, direction: int) -> list[Mention]:
    """Items joined by commas and 'and' right after (direction 1) or right before (-1) a cue."""
    if direction == 1:
        following = [m for m in items if m.start >= h.end]
        lead = s[h.end:following[0].start] if following else ""
        if not following or re.search(r"[.;:!?]", lead) or _count_words(lead, _LEAD_WORDS | TITLE_WORDS):
            return []
        run = [following[0]]
        for m in following[1:]:
            gap = s[run[-1].end:m.start]
            if _SEPARATOR.fullmatch(gap) and m.kind == run[0].kind:
                run.append(m)
            else:
                break
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


def _union(cands: list[_Cand]) -> list[_Cand]:
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


def _choose(cands: list[_Cand]) -> list[_Cand]:
    """Each span of words to one topic; one value per topic and sentence (labels excepted).

    The surest reading wins; ties go to the topic whose named subject is present, then to the
    longer (more specific) cue, then to the nearer subject.
    """
    # Lists come last: a name already read as one topic's person joins a list only among other names.
    cands = sorted(cands, key=lambda c: (c.kind == "names", -round(c.confidence * c.nearness * (0.95 if c.unnamed else 1), 3), -c.cue_hits,
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
