"""What `check` learns from the curation: each curated claim is an example of how its topic is written.

A claim holds its topic, its value and the verbatim quote the value was read from. The words
right beside the value in that quote ("led by" before a name, "killed" after a number), and those
of its clause that the topic's own description uses ("projected"), are how articles signal the
topic (the words between it and another count of the quote are that count's); the words that
recur across a topic's quotes ("delegation", "Afghan") name what it is about; the words of a
label's quotes that its definition or name also uses ("acquitted", "guilty") signal that label.
Learned cues are compared as lemmas, so "collapsed", "collapse" and "collapsing" are one word, and
each keeps the count of examples it came from and how specific it is to its topic, which `check`
turns into confidence and shows in its `how`.

Nothing here is tuned to a story: the only knowledge is English function words (below), two past
tenses spelt like nouns, and what the claim set's curators wrote. The more a team curates, the
more `check` finds.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from claimcheck.model import Claim, Codebook

#: Words that carry no topic of their own: never a learned cue or subject by themselves.
FUNCTION_WORDS = frozenset("""
a an the this that these those its it his her their our your my he she they we you i him them us who whom
whose which what when where while as at by for from in into of on onto to with without within over under
about after before during since until than then and or but nor so yet also too very just only even still
is are was were be been being am has have had having do does did done will would shall should can could
may might must not no never n't s 's said says say told tell according some any all each every both either
neither other another such more most much many few several one ones there here up down out off again
further once per via among between against across through toward towards upon new now today yesterday
last next first mr mrs ms dr how why if unless whether because though although however
""".split())
#: Prepositions kept after a content word in a cue ("led by", "deaths of"): they say which side the value is on.
_LINKS = frozenset("by of to at on in for from with as".split())
#: Negations kept in label cues: "not guilty" is not "guilty".
_NEGATIONS = frozenset("not no never without n't".split())

_TOKEN = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)?")
#: A mark ending a clause between two words (a decimal point or a thousands comma is none), its next character included.
_BREAK = re.compile(r"[;:!?()\"]|[.,](?!\d)")
#: How many words on each side of a value its cues are learnt from.
WINDOW = 4
#: The specificity a learned cue needs to be read by.
TRUSTED = 0.34
#: Examples learnt from per topic: enough to cover how a story is written, few enough to stay quick.
MAX_EXAMPLES = 40


_lemmatizer = None  # simplemma's, built on first use, through use_dictionary()'s factory if one was given


def use_dictionary(factory) -> None:
    """Look lemmas up through this simplemma DictionaryFactory (speed/lemmafile.py keeps the English
    dictionary in the cache folder, read in milliseconds); None: simplemma's own. The lemmas are the
    same either way: the data and the strategies are simplemma's."""
    global _lemmatizer
    import simplemma
    from simplemma.strategies import DefaultStrategy

    _lemmatizer = simplemma.Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=factory))
    lemma.cache_clear()


#: Past tenses the dictionary reads as the noun they are spelt like ("rose", "felt"): in news they are
#: nearly always the verb ("the toll rose to 20", "felt in Bangkok"), whose other forms ("rising", "feels")
#: should be the same word.
_PAST_TENSES = {"rose": "rise", "felt": "feel"}


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """The lower-case dictionary form of an English word ('collapsed' -> 'collapse', 'led' -> 'lead')."""
    w = word.casefold()
    if not w.isalpha():
        return w
    if w in _PAST_TENSES:
        return _PAST_TENSES[w]
    if _lemmatizer is None:
        use_dictionary(None)
    try:
        return _lemmatizer.lemmatize(w, lang="en").casefold()
    except Exception:  # pragma: no cover - a word the lemmatiser cannot take is its own lemma
        return w


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str
    lemma: str


def tokens(s: str) -> list[Token]:
    """The words of `s` with their offsets and lemmas; a capitalised word inside a sentence is a name
    and keeps its own form ("Maria" is no "mare")."""
    out = []
    for m in _TOKEN.finditer(s):
        w = m.group(0)
        inside = m.start() > 0 and not re.search(r"[.!?:\n\"\u201c]\s*$", s[max(0, m.start() - 3):m.start()])
        out.append(Token(m.start(), m.end(), w, w.casefold() if inside and w[:1].isupper() else lemma(w)))
    return out


def content(lem: str) -> bool:
    return lem not in FUNCTION_WORDS and not lem.isdigit() and len(lem) > 1


@dataclass(frozen=True)
class LearnedCue:
    """A run of lemmas seen beside a topic's values (or in a label's quotes) in curated claims."""

    lemmas: tuple[str, ...]
    text: str  # the words as first seen, for showing
    support: int  # curated examples it came from
    specificity: float  # of the examples of this type's topics it came from, the share that are this topic's
    label: str | None = None
    #: A shared cue's evidence, topic by topic (this topic first): (topic, examples beside a value of
    #: this type, quotes holding each of its content words). Empty when no other topic uses its words.
    shares: tuple[tuple[str, int, tuple[int, ...]], ...] = ()
    #: Its words are all in its topic's name or description: the curators' own word for the topic.
    described: bool = False

    def settable(self, subjects: dict, own: str) -> tuple[str, ...]:
        """The sharing topics a sentence may set aside, when it does not name their subject near the cue
        (`subjects`: each topic's subject words): those whose subjects differ from this topic's
        (`own`). Never: a topic holding more than twice this one's examples of the cue (the word is
        mostly said of it, whose subject often goes unsaid: "78 people remain missing"), nor any for a
        cue seen once (one example cannot tell whose the word is); unless the cue is the word this
        topic's description uses ("the region's toll"), and, seen once, another topic holds it beside
        its values too: the curators say the word is this topic's as well, so the subject decides."""
        if self.support + self.described < 2 or self.support < 2 and not any(k for _, k, _ in self.shares[1:]):
            return ()
        return tuple(o for o, k, _ in self.shares[1:] if (k <= 2 * self.shares[0][1] or self.described)
                     and subjects.get(o) and subjects[o] != subjects.get(own))

    def specificity_without(self, unnamed) -> float:
        """The specificity had the `unnamed` topics not been curated: a word two topics share is as
        specific as one topic's own where the other's subject goes unnamed."""
        if not unnamed:
            return self.specificity
        return _specificity([sh for i, sh in enumerate(self.shares) if not i or sh[0] not in unnamed])


@dataclass(frozen=True)
class Evidence:
    """A topic's learned cues and subject lemmas."""

    cues: tuple[LearnedCue, ...] = ()
    subjects: tuple[str, ...] = ()


def examples_by_topic(claims: Iterable[Claim], limit: int = MAX_EXAMPLES) -> dict[str, list[Claim]]:
    """Up to `limit` claims per topic with distinct quotes, in claim-set order."""
    out: dict[str, list[Claim]] = defaultdict(list)
    seen: set[tuple[str, str]] = set()
    for c in claims:
        if len(out[c.topic]) >= limit or (c.topic, c.quote) in seen:
            continue
        seen.add((c.topic, c.quote))
        out[c.topic].append(c)
    return out


def learn(codebook: Codebook, claims: Iterable[Claim], value_span) -> dict[str, Evidence]:
    """Each topic's evidence from the curated claims.

    value_span(claim, folded_quote) -> (start, end) | None finds the value's words in its quote
    (the extractor's own recognisers, so that what is learnt is what `check` can read).
    """
    from claimcheck.check.sentences import fold

    by_topic = examples_by_topic(claims)
    slot_counts: dict[str, Counter] = defaultdict(Counter)  # topic -> cue lemmas -> examples
    first_text: dict[tuple[str, ...], str] = {}
    word_counts: dict[str, Counter] = defaultdict(Counter)  # topic -> content lemma -> examples
    label_counts: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    capitalised: Counter = Counter()
    lowercase: Counter = Counter()
    for topic, examples in by_topic.items():
        t = codebook.topics.get(topic)
        if t is None:
            continue
        for c in examples:
            q = fold(c.quote)
            toks = tokens(q)
            word_counts[topic].update({tk.lemma for tk in toks if content(tk.lemma)})
            if t.type == "label":
                grams = _label_grams(toks, first_text)
                label_counts[topic][str(c.value)].update(grams)
                capitalised.update(tk.lemma for tk in toks if tk.text[:1].isupper())
                lowercase.update(tk.lemma for tk in toks if not tk.text[:1].isupper())
                continue
            if t.type == "text":
                continue
            span = value_span(c, q)
            if span is None:
                continue
            own = _own_words(q, span, toks)
            slot_counts[topic].update(_slot_cues(q, toks, span, t.type, first_text, own)
                                      | _described_cues(q, toks, span, described(t), first_text, own))
            capitalised.update(tk.lemma for tk in toks if tk.text[:1].isupper())
            lowercase.update(tk.lemma for tk in toks if not tk.text[:1].isupper())
    out: dict[str, Evidence] = {}
    by_type: dict[str, list[str]] = defaultdict(list)
    for name, t in codebook.topics.items():
        by_type[t.type].append(name)
    n_topics = max(1, len(by_topic))
    doc_freq = Counter(lem for counts in word_counts.values() for lem in counts)
    users: dict[str, list[str]] = defaultdict(list)  # content lemma -> the topics whose quotes hold it
    for o, counts in word_counts.items():
        for lem in counts:
            users[lem].append(o)
    for name, t in codebook.topics.items():
        n = len(by_topic.get(name, ()))
        if not n and t.type != "label":
            continue
        cues: list[LearnedCue] = []
        own_words = described(t)
        proper = {lem for lem in capitalised if not lowercase.get(lem)}  # places and names: subjects, not cues
        for lems, k in slot_counts[name].items():
            if proper & set(lems):
                continue
            words = [lem for lem in lems if content(lem)]
            shares = [(o, slot_counts[o].get(lems, 0) if codebook.topics[o].type == t.type else 0,
                       tuple(word_counts[o].get(lem, 0) for lem in words))
                      for o in (name, *sorted({o for lem in words for o in users[lem]} - {name}))]
            cues.append(LearnedCue(lems, first_text.get(lems, " ".join(lems)), k, _specificity(shares), None,
                                   tuple(shares) if len(shares) > 1 else (), bool(words) and set(words) <= own_words))
        if t.type == "label":
            # Words naming a label topic's subject ("trafficking"), or a person or place, are not what a label says.
            named = {tk.lemma for other in codebook.topics.values() if other.type == "label"
                     for phrase in (*other.subject, other.name.replace(".", " ").replace("_", " ")) for tk in tokens(phrase)}
            named |= {lem for lem in capitalised if not lowercase.get(lem)}
            cues += [lc for lc in _label_cues(t, label_counts[name], first_text)
                     if lc.support == 0 or not set(lc.lemmas) & named]
        # Subjects: content words in at least half of the topic's quotes (two at least) that few topics share.
        subjects = tuple(sorted(
            (lem for lem, k in word_counts[name].items()
             if k >= max(2, (n + 1) // 2) and doc_freq[lem] <= max(1, n_topics // 3)),
            key=lambda lem: (-word_counts[name][lem], lem))[:6])
        out[name] = Evidence(tuple(sorted(cues, key=lambda c: (-c.support, c.lemmas))), subjects)
    return out


def _specificity(shares) -> float:
    """Of the examples beside a value of this type holding the cue, the share that are this topic's
    (shares[0]'s), tempered by how much its words belong to the topic's quotes: a word all of the
    story's quotes use ("quake", "talks") names the story, not this fact."""
    own = shares[0]
    rivals = sum(k for _, k, _ in shares)
    spread = max((n / max(1, sum(sh[2][j] for sh in shares)) for j, n in enumerate(own[2])), default=0.0)
    return round(own[1] / max(1, rivals) * min(1.0, 2 * spread), 3)


def _slot_cues(q: str, toks: list[Token], span: tuple[int, int], vtype: str, first_text,
               own: tuple[int, int]) -> set[tuple[str, ...]]:
    """The lemma runs right before and right after the value's words, within its clause and the
    value's own words (`own`: _own_words)."""
    from claimcheck.check.framing import LEVEL
    from claimcheck.check.titles import TITLE_WORDS

    a, b = span
    lo, hi = own
    before = [tk for tk in toks if lo <= tk.start and tk.end <= a]
    after = [tk for tk in toks if tk.start >= b and tk.end <= hi]
    found: set[tuple[str, ...]] = set()
    # A title right before a name ("Judge Arun Subramanian", "coordinator Maria Keller") is a cue itself.
    if vtype in ("person", "list") and before and not re.search(r"[^\s]", q[before[-1].end:a]) \
            and (before[-1].lemma in TITLE_WORDS or before[-1].text[:1].isupper()) and content(before[-1].lemma):
        title = (before[-1].text.casefold(),)
        found.add(title)
        first_text.setdefault(title, before[-1].text)
    # Before: walk back over titles and the name's own capitalised words to the nearest content word.
    run: list[Token] = []
    for tk in reversed(before[-7:]):
        if re.search(r"[.;:!?()\"]", q[tk.end:(run[0].start if run else a)]):
            break
        if vtype in ("person", "list") and (tk.lemma in TITLE_WORDS or tk.text[:1].isupper()) and not run:
            continue
        run.insert(0, tk)
        if content(tk.lemma):
            break
    else:
        run = []
    if run and content(run[0].lemma):
        links = [tk for tk in run[1:] if tk.lemma in _LINKS][:1]
        lems = (run[0].lemma, *(tk.lemma for tk in links))
        found.add(lems)
        first_text.setdefault(lems, " ".join([run[0].text, *(tk.text for tk in links)]))
    # Further words of the clause close by: each is a cue of its own, kept if other quotes repeat it.
    for side, near in (("before", list(reversed(before[-WINDOW:]))), ("after", after[:WINDOW])):
        edge = a if side == "before" else b
        for tk in near:
            between = q[tk.end:edge] if side == "before" else q[edge:tk.start]
            if re.search(r"[.;:!?()\"]", between):
                break
            if content(tk.lemma) and not (vtype in ("person", "list") and tk.text[:1].isupper()):
                found.add((tk.lemma,))
                first_text.setdefault((tk.lemma,), tk.text)
    # A level ("the death toll from the quake in Myanmar has risen to 694"): what stands at it is the
    # noun opening its clause, however far before the value (the reader takes it as far: readers.py).
    level = LEVEL.search(q, lo, a)
    if level:
        opening: list[Token] = []
        for tk in reversed([tk for tk in toks if tk.end <= level.start()]):
            if _BREAK.search(q[tk.end:(opening[0].start if opening else level.start()) + 1]) or tk.lemma == "that":
                break
            opening.insert(0, tk)
        while opening and not content(opening[0].lemma):
            opening.pop(0)
        run = []
        for tk in opening:
            if not content(tk.lemma) or tk.text[:1].isupper() and tk is not opening[0]:
                break
            run.append(tk)
        if run and (len(run) == len(opening) or opening[len(run)].lemma in _LINKS):
            head = (run[-1].lemma,)
            found.add(head)
            first_text.setdefault(head, run[-1].text)
    # After: the nearest content word within three words ("seven-member delegation", "were killed").
    for i, tk in enumerate(after[:3]):
        if re.search(r"[.;:!?()\"]", q[b:tk.start]):
            break
        if content(tk.lemma):
            found.add((tk.lemma,))
            first_text.setdefault((tk.lemma,), tk.text)
            nxt = after[i + 1] if i + 1 < len(after) else None
            if nxt is not None and content(nxt.lemma) and not re.search(r"[^\s-]", q[tk.end:nxt.start]):
                pair = (tk.lemma, nxt.lemma)
                found.add(pair)
                first_text.setdefault(pair, f"{tk.text} {nxt.text}")
            break
    return found


#: Words that join a second count to a first ("144 were killed and 730 injured", "while 72 remain missing").
_JOINS = frozenset("and while whereas but with plus".split())


def _own_words(q: str, span: tuple[int, int], toks: list[Token] | None = None) -> tuple[int, int]:
    """The stretch of the quote a value's cues may come from: the words between it and another number
    of its clause belong to that number when a comma or a joining word parts the two ("144 people
    were killed and 730 injured": 'killed' is the 144's, 'injured' the 730's); with nothing parting
    them ("rose from 144 to 694") they are the value's too. `toks`, the quote's words, rule out at
    once the many quotes holding no other word a number could be written with."""
    a, b = span
    lo, hi = 0, len(q)
    if toks is not None and not _DIGIT.search(q, 0, a) and not _DIGIT.search(q, b) \
            and _numberish().isdisjoint(tk.text.casefold() for tk in toks if tk.end <= a or tk.start >= b):
        return lo, hi
    for n in _numbers(q):
        if n.end <= a and not _STOPS.search(q, n.end, a):
            joins = [m.end() for m in _JOIN.finditer(q, n.end, a)]
            if joins:
                lo = max(lo, joins[-1])
        elif n.start >= b and not _STOPS.search(q, b, n.start):
            join = _JOIN.search(q, b, n.start)
            if join:
                hi = min(hi, join.start())
    return lo, hi


@lru_cache(maxsize=4096)
def _numbers(q: str) -> tuple:
    from claimcheck.check.mentions import find_numbers

    return tuple(find_numbers(q))


_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=1)
def _numberish() -> frozenset[str]:
    """Every word besides digits find_numbers may read a number from (mentions imports this module)."""
    from claimcheck.check.mentions import NUMBERISH_WORDS

    return NUMBERISH_WORDS


_STOPS = re.compile(r"[;:!?()\"]|\.(?!\d)")
_JOIN = re.compile(r",(?!\d)|(?<![\w'])(?:" + "|".join(sorted(_JOINS)) + r")(?![\w'])", re.I)


@lru_cache(maxsize=4096)
def _described(name: str, description: str, subject: tuple[str, ...]) -> frozenset[str]:
    fact = name.rpartition(".")[2].replace("_", " ")  # "usgs.death_projection": the fact, not whose it is
    named = {tk.lemma for sub in subject for tk in tokens(sub)}
    return frozenset(tk.lemma for tk in tokens(f"{fact} {description}") if content(tk.lemma) and tk.lemma not in named)


def described(topic) -> frozenset[str]:
    """The content lemmas of what a topic's name and description say it is ("death_projection",
    "... projected ..."), its subject words aside: its curators' words for the fact."""
    return _described(topic.name, topic.description, tuple(topic.subject))


def _described_cues(q: str, toks: list[Token], span: tuple[int, int], words: frozenset[str], first_text,
                    own: tuple[int, int]) -> set[tuple[str, ...]]:
    """The words of the value's clause that the topic's own name or description uses, however far from
    the value ("has projected that the total death toll ... could surpass 10,000", for a projection
    the description says was "projected"): the curator says what the topic is, the quote how it is written."""
    a, b = span
    lo, hi = own
    found: set[tuple[str, ...]] = set()
    for tk in toks:
        if tk.lemma not in words:
            continue
        if lo <= tk.start and tk.end <= hi and (tk.start >= b or tk.end <= a) \
                and not _STOPS.search(q, min(tk.end, b), max(tk.start, a)) and not tk.text[:1].isupper():
            found.add((tk.lemma,))
            first_text.setdefault((tk.lemma,), tk.text)
    return found


def _label_grams(toks: list[Token], first_text) -> set[tuple[str, ...]]:
    """Content lemmas of a label's quote, alone and with a negation or link before them."""
    out: set[tuple[str, ...]] = set()
    for i, tk in enumerate(toks):
        if not content(tk.lemma):
            continue
        out.add((tk.lemma,))
        first_text.setdefault((tk.lemma,), tk.text)
        if i and toks[i - 1].lemma in _NEGATIONS:
            g = (toks[i - 1].lemma, tk.lemma)
            out.add(g)
            first_text.setdefault(g, f"{toks[i - 1].text} {tk.text}")
    return out


def _only_negated(grams: Counter, g: tuple[str, ...]) -> bool:
    """Is a word of a label's quotes only ever seen negated there ("did not elect")?"""
    return len(g) == 1 and any(grams.get((neg, g[0]), 0) >= grams[g] for neg in _NEGATIONS)


def _label_cues(topic, counts: dict[str, Counter], first_text) -> list[LearnedCue]:
    """A label's cues: its own name ("not guilty", "deadlock"), and the words of its curated quotes
    that its definition also uses and no quote of the topic's other labels holds; a word
    the quotes negate is learnt with its negation ("not guilty"), never alone."""
    out: list[LearnedCue] = []
    names = {tuple(tk.lemma for tk in tokens(label.replace("_", " "))) for label in topic.labels}
    for label, lab in topic.labels.items():
        named = tuple(tk.lemma for tk in tokens(label.replace("_", " ")))
        if named:
            out.append(LearnedCue(named, label.replace("_", " "), 0, 1.0, label))
        grams = counts.get(label)
        if not grams:
            continue
        defined = {tk.lemma for tk in tokens(lab.definition) if content(tk.lemma)}  # the name is its own cue, whole
        others: Counter = Counter()
        for other, g in counts.items():
            if other != label:  # (a word another label's quotes only ever negate is no word of theirs: "did not elect")
                others.update({w: k for w, k in g.items() if not _only_negated(g, w)})
        for g, k in grams.items():
            if g in names or g[-1] not in defined or others.get(g):  # a label's name is that label's cue alone
                continue
            if _only_negated(grams, g):
                continue  # only ever seen negated here: the pair is the cue
            out.append(LearnedCue(g, first_text.get(g, " ".join(g)), k, 1.0, label))
    return out


def number_shapes(codebook: Codebook, claims: Iterable[Claim]) -> tuple[dict[str, tuple[float, float]], set[str], set[str]]:
    """What each number topic's curated values look like: their span (to tell its numbers from others
    in a sentence: "10,000" is no magnitude), the topics whose values are all whole ("6.1" is no count
    of theirs), and those, curated at least twice, whose values are all fractions ("20" is no magnitude)."""
    spans: dict[str, tuple[float, float]] = {}
    kinds: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # topic -> [whole values, fractions]
    for c in claims:
        t = codebook.topics.get(c.topic)
        v = c.value
        if t is None or t.type != "number" or getattr(v, "low", None) is None:
            continue
        top = v.high if v.high != float("inf") else v.low
        lo, hi = spans.get(c.topic, (v.low, v.low))
        spans[c.topic] = (min(lo, v.low), max(hi, top))
        kinds[c.topic][0 if float(v.low).is_integer() and float(top).is_integer() else 1] += 1
    whole = {n for n, (w, f) in kinds.items() if not f}
    fractional = {n for n, (w, f) in kinds.items() if not w and f >= 2}
    return spans, whole, fractional
