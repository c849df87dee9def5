"""The reading scaffolding `check` shares: cue phrases and their weights, candidate values, how far a value
stands from its cue and its subject, dates' roles, and choosing among candidates."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from claimcheck.check.mentions import _MONTH_RE, _ORDINAL_WORD
from claimcheck.check.learn import TRUSTED, LearnedCue, tokens
from claimcheck.model import Topic
from claimcheck.check.sentences import fold
from claimcheck.values import Names
from claimcheck.values import fold as fold_name

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


#: "The last time a team won ...", "the previous leader to resign, ...": what follows tells of an earlier instance.
_EARLIER_INSTANCE = re.compile(r"(?<![\w])the\s+(?:last|previous)\s+(?:time|[a-z]+\s+to)(?![\w])", re.I)


def earlier_instance(s: str, start: int) -> str | None:
    """The words before `start`, in its sentence and no clause mark between, that make the value an
    earlier instance's, not the article's event ("The last pope to take the name Leo, Leo XIII"); or None."""
    m = None
    for m in _EARLIER_INSTANCE.finditer(s, 0, start):
        pass
    return m.group(0) if m and not re.search(r"[;:!?]|\.(?!\d)|\s[\u2013\u2014-]\s", s[m.end():start]) else None


#: Superlatives (a closed class of English adjectives) that make a noun phrase a record of its kind.
_SUPERLATIVES = ("shortest longest largest biggest smallest highest lowest fastest slowest oldest youngest "
                 "deadliest worst best greatest heaviest strongest earliest fewest most least").split()
#: "The shortest conclave in the modern era was three ballots": a record's value, said of its kind.
_RECORD_SUBJECT = re.compile(r"(?<![\w])the\s+(?:" + "|".join(_SUPERLATIVES) + r")\s+[^,;:.!?]*?\s"
                             r"(?:was|is|were|are|has\s+been|had\s+been|stands\s+at|stood\s+at)\s+$", re.I)
#: "the first pope from the United States", "the third woman to lead it": a place among a narrower kind.
_OF_KIND = re.compile(r"\s+(?:(?!of\b|and\b)[a-z]+\s+)?(?!of\b|and\b)[a-z]+\s+(?:ever\s+)?(from|to|outside)\b")


def record_frame(s: str, start: int, end: int, described: str) -> str | None:
    """The words that make a number a record of its kind rather than the article's value: a superlative
    subject said to be it ("The shortest conclave ... was three ballots"), or an ordinal of a narrower
    kind ("the first pope from the United States"); None when there are none, or the topic's own
    description speaks of such a record (its superlative or the narrowing word)."""
    words = {w.casefold() for w in _WORD.findall(described)}
    m = _RECORD_SUBJECT.search(s, 0, start)
    if m and m.end() == start and not words & set(_SUPERLATIVES) and "record" not in words:
        return m.group(0).strip()
    k = _OF_KIND.match(s, end) if re.fullmatch(r"\d+(?:st|nd|rd|th)|" + _ORDINAL_WORD, s[start:end], re.I) else None
    if k and k.group(1) not in words and "record" not in words:
        return f"{s[start:end]}{k.group(0)}"
    return None


def siblings(rules: dict) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Per topic told apart by a proper subject of its own, the subjects naming the other topics of its
    kind (the same last part of the name): another one's proper subject ("Eaton Fire" for
    "palisades_fire.acres"), or the words a count of the whole, without one, is named by ("wildfires"
    for "fires.deaths") that the topic does not share; precomputed per claim set."""
    by_kind: dict[str, list[str]] = {}
    for name in rules:
        if "." in name:
            by_kind.setdefault(name.rsplit(".", 1)[1], []).append(name)
    out = {}
    for ns in by_kind.values():
        for n in ns:
            own = {fold(sub.text).casefold() for sub in rules[n].subjects}
            if len(ns) > 1 and any(sub.proper for sub in rules[n].subjects):
                out[n] = tuple(sub.pattern for o in ns if o != n for sub in rules[o].subjects
                               if (sub.proper or rules[o].topic.type == "number" and not any(x.proper for x in rules[o].subjects))
                               and fold(sub.text).casefold() not in own)
    return out


def sibling_named(s: str, patterns) -> str | None:
    """The words naming another topic of the kind that the sentence holds ("the Eaton Fire"), or None."""
    for p in patterns:
        if m := p.search(s):
            return m.group(0)
    return None


#: Words right before a label's cue that say the state was only approached.
_ALMOST = {"almost", "nearly", "narrowly", "virtually"}


_HEDGES = ("reportedly", "allegedly", "according to", "as per", "is said to", "are said to", "sources said",
           "sources told", "reports citing", "citing sources", "reported", "purportedly", "unconfirmed")


_WORD = re.compile(r"[A-Za-z0-9][\w'-]*")


_ALNUM = re.compile(r"[^\W_]+")


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
# (dotless i, long s) or turns into two characters (dotted capital I); tests/check/test_extract.py
# checks the list against every code point.
_LOWER_UNSAFE = re.compile("[\u0130\u0131\u017f]")


def lowered(s: str) -> str | None:
    """`s` lower-cased for ruling phrases out by their needles, or None when that would not be exact."""
    return None if _LOWER_UNSAFE.search(s) else s.lower()


#: The `support` of a cue made of the office a person topic's codebook entry names (people.offices): one
#: that says whose office it is ("Portuguese Prime Minister"), and one that needs a named subject near ("chair").
OWN_OFFICE, OFFICE = -3, -4
#: The `support` of a cue made of the word a people-counting topic's description says befell them ("How many people died").
DESCRIBED = -5


@dataclass(frozen=True)
class _Cue:
    text: str
    pattern: re.Pattern | None  # None for a learned cue, found by its lemmas only
    label: str | None = None  # for a label topic's label cues
    needles: tuple[str, ...] | None = None  # phrase_needles(text): a sentence without them holds no match
    lemmas: tuple[str, ...] = ()  # the cue's words as lemmas: "collapsed" finds "collapse", "collapsing"
    learned: LearnedCue | None = None
    unnamed: tuple[str, ...] = ()  # topics sharing the learned cue whose subjects the sentence does not name
    aside: tuple[str, ...] = ()  # those it may be set aside from (LearnedCue.settable)
    day: tuple[int, int] | None = None  # the day attached to the event word this cue is (events.py): read at no distance
    ahead: bool = False  # reads only the number right after it ("followed by the Reds with 31")

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
        support += self.learned.described  # the codebook's own word for the topic counts as one more example
        return (0.7 + 0.3 * self.learned.specificity) * (0.9 if support == 0 else min(1.0, 0.65 + 0.1 * support))

    @property
    def shown(self) -> str:
        if self.learned is None:
            return f"'{self.text}'"
        if self.learned.support == 0:
            return f"'{self.text}' (the label's name)"
        if self.learned.support == -2:
            return f"'{self.text}' (the event only this topic dates)"
        if self.learned.support == DESCRIBED:
            return f"'{self.text}' (what the topic's description says befell them)"
        if self.learned.support in (OWN_OFFICE, OFFICE):
            return f"'{self.text}' (the office the codebook names)"
        if self.learned.support < 0:
            return f"'{self.text}' (the unit only this topic counts)"
        n = self.learned.support
        shared = ""
        if self.unnamed:
            names = ", ".join(self.unnamed[:3]) + (", ..." if len(self.unnamed) > 3 else "")
            shared = f"; shared with {names}, whose subject{'s are' if len(self.unnamed) > 1 else ' is'} not named here"
        described = " and the topic's description" if self.learned.described and n < 4 else ""  # (where it adds trust)
        return f"'{self.text}' (learned from {n} curated quote{'s' if n != 1 else ''}{described}{shared})"


def shared_trust(rules: dict, s: str, low: str | None, cl, h: "_Hit", reach: int, subjects: dict) -> "_Hit | None":
    """A learned cue other topics share ("killed" for two countries' tolls), trusted as it is specific
    among the topics the sentence may be speaking of: a topic it may be set aside from
    (LearnedCue.settable) is, when none of its subjects stands as close to the cue as this topic's
    own or a clause from it ("in Northland, Southland and Eastland" names all three). `subjects`
    caches each topic's subject words in the sentence (`low`: lowered(s)). None when the cue is left untrusted."""
    lo, hi = cl.window(h.start, reach)
    unnamed = []
    for o in h.cue.aside:
        if o not in subjects:  # (a subject whose words are absent is not scanned for)
            subjects[o] = [(m.start(), m.end(), sub) for sub in rules[o].subjects
                           if low is None or all(w in low for w in sub.needles) for m in sub.pattern.finditer(s)]
        if not any(a < hi and b > lo for a, b, _ in subjects[o]):
            unnamed.append(o)
    lc = h.cue.learned
    spec = lc.specificity_without(unnamed)
    if spec < TRUSTED:
        return None
    if spec <= lc.specificity:
        return h
    return replace(h, cue=replace(h.cue, learned=replace(lc, specificity=spec), unnamed=tuple(unnamed)))


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
    needles: tuple[str, ...] = ()  # phrase_needles of a codebook subject: a sentence without them holds none


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
    own_beside: int = 0  # cues beside the value that no rival topic for its words has ("a clinical second after 63")


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
_DATE_HINT = re.compile(r"\d|day\b|(?:" + _MONTH_RE.removesuffix(r"\.?") + r")\b", re.I)  # the month names mentions reads


_CURRENCY_SIGN = re.compile("[$\u20ac\u00a3]\\d")


#: Words for who is counted: the same in every toll, so never a learned cue by themselves.
_WHO_COUNTED = frozenset({"people", "person", "individual", "resident"})


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


#: A mark that ends what a cue can reach (a pipe parts a headline from its page's furniture); a decimal point
#: ("magnitude 7.7") is none.
_STOP = re.compile(r"[;:!?|]|\.(?!\d)|(?<!\d)\.")


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
