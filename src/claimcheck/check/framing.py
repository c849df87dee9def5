"""How the words around a value frame it: a gap between two amounts, the whole of a partitive, a state fallen
short of, an earlier level, a forecast, another year.

Plain English reading, with no story's words: "three seats short of a majority" (or "two votes behind", "ten more than")
gives the gap, not the majority; in "four of the five counts" five is the whole, not the part a verdict speaks of; "fell
short of a majority" and "failed to win a majority" say there was none; in "rose from 144 to 694" 144 is where the
amount stood before. The readers (readers.py) ask these questions of each candidate before binding it to a topic;
"if they win 50 seats" is a condition, no count, unless the topic is itself about what would or must be. Weaker
framings leave the reading shown but `possible`: "the toll could rise to 3,000" is a forecast, and "In 2019, a jury
convicted ..." speaks of another year than the article's. Times: "10 minutes later" is counted from another event,
"within seven minutes" is at most seven.
"""

from __future__ import annotations

import re
from functools import lru_cache

from claimcheck.model import Topic
from claimcheck.values.number import NUMBER_FORMS  # the number words, named once
from claimcheck.values import fold as fold_name

#: A number followed (after at most one word, its unit) by these words is the gap between two amounts.
_GAP_AFTER = re.compile(
    r"\s*(?:[\w-]+\s+)?(?:(short|shy)\s+of\b|(behind)\b|(more|fewer|less|higher|lower)\s+(?:[\w-]+\s+)?than\b)",
    re.I)

#: The words that make a topic itself a gap ("seats short of a majority", "the lead over").
_GAP_TOPIC_WORDS = frozenset("short shy ahead behind away more fewer less higher lower gap margin lead difference "
                             "shortfall".split())

#: "N of the M": the words that may stand between the part and the whole.
_PARTITIVE = re.compile(r"\s+of\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+|all\s+)?", re.I)

#: "all five counts", "all of the 343 seats": the whole, named without its part.
_ALL_BEFORE = re.compile(r"(?<![\w])all\s+(?:of\s+)?(?:the\s+|its\s+|their\s+)?$", re.I)

#: The words that make a topic a total, the whole a partitive names ("the total number of counts").
_TOTAL_WORDS = frozenset("total totals all overall whole entire altogether".split())

#: Words that say the state named after them was not reached ("fell short of a majority", "failed to win").
SHORT_OF = frozenset("short shy failed lack lacks lacked lacking missed".split())

#: Words after which a new statement starts, so that an earlier "short of" no longer applies.
_FRESH = frozenset("but yet while although though whereas instead and".split())

_WORDS = re.compile(r"[\w-]+")


#: A verb saying where a quantity stands, right before its number: "the toll ... has risen to", "stands at",
#: "rose from 144 to" (the earlier level skipped: see framing.earlier_level).
LEVEL = re.compile(r"(?<![\w])(?:(?:has|have|had)\s+)?(?:risen|rose|rises|climbed|climbs|surged|surges|jumped|reached|reaches|"
                    r"stood|stands|increased|grown|grew|soared|passed|topped|exceeded|surpassed|hit|is|was|now)"
                    r"(?:\s+from\s+[$\u20ac\u00a3]?\d[\d,.]*(?:\s+[a-z]+)?)?(?:\s+(?:to|at|past))?\s*(?:at\s+least|more\s+than|over|nearly|almost|about|around)?\s*$", re.I)


def _topic_words(topic: Topic) -> frozenset[str]:
    """The words of a topic's name and description (asked once per number read, so kept)."""
    return _words_of(topic.name, topic.description or "")


@lru_cache(maxsize=4096)
def _words_of(name: str, description: str) -> frozenset[str]:
    text = f"{name.replace('_', ' ').replace('.', ' ')} {description}"
    return frozenset(w.casefold() for w in _WORDS.findall(text))


def gap_after(s: str, end: int) -> str | None:
    """The words after a number at `end` that make it a gap between two amounts ("short of"), if any."""
    m = _GAP_AFTER.match(s, end)
    return m.group(0).strip() if m else None


#: Words that give the same gap: a topic written "short of" also reads "shy of".
_SAME_GAP = ({"short", "shy"},)
_ARTICLE = frozenset("a an the its their his her".split())


def own_gap(s: str, end: int, topic: Topic) -> tuple[int, int] | None:
    """The span of the words after a number at `end` that give this topic's own gap, in a word of the
    same sense as its name or description uses and about the same thing ("three shy of a majority" for
    a topic of seats short of a majority); None when there are none."""
    m = _GAP_AFTER.match(s, end)
    if m is None or not m.group(1):
        return None
    words = _topic_words(topic)
    if not any(m.group(1).casefold() in same and words & same for same in _SAME_GAP):
        return None
    after = [w.casefold() for w in _WORDS.findall(s[m.end():m.end() + 40])]
    noun = next((w for w in after if w not in _ARTICLE), None)
    return (m.start(1), m.end()) if noun in words else None


def takes_gap(topic: Topic) -> bool:
    """Is this topic itself a gap (its name or description says short of, ahead of, a margin, a lead)?"""
    return bool(_topic_words(topic) & _GAP_TOPIC_WORDS)


def partitive_whole(s: str, start: int, numbers) -> bool:
    """Is the number starting at `start` a whole: of a partitive ("four of the five counts") or after "all"?"""
    if _ALL_BEFORE.search(s, max(0, start - 24), start):
        return True  # "a verdict on all five counts": all of them, the whole
    return any(m.end <= start and _PARTITIVE.fullmatch(s, m.end, start) for m in numbers)


#: "N of the House of Commons' M": a partitive whose whole has an owner, named before it.
_OWNED = re.compile(r"\s+of\s+(?:the\s+)?((?:[A-Z][\w-]*\s+(?:of\s+)?)*[A-Z][\w-]*)(?:'s|')\s+")


def partitive_owner(s: str, n, numbers) -> tuple[str, str] | None:
    """('part' or 'whole', the owner's words) when the number is the part or the whole of "N of X's M"."""
    for m in numbers:
        if m.end <= n.start and (o := _OWNED.fullmatch(s, m.end, n.start)):
            return "whole", o.group(1)
        if n.end <= m.start and (o := _OWNED.fullmatch(s, n.end, m.start)):
            return "part", o.group(1)
    return None


#: "€88 million ($102 million)", "800 miles (1,287 km)": a value in parentheses glossing the one before it.
_GLOSS = re.compile(r"\s*\(\s*")


def glossed(s: str, n, numbers):
    """The number that the number `n`, in parentheses right after it, restates in another unit; or None."""
    return next((m for m in numbers if m.end <= n.start and _GLOSS.fullmatch(s, m.end, n.start)), None)


#: A topic's description leaving names out of its list: "the countries other than Myanmar where ...".
_OTHER_THAN = re.compile(r"(?<![\w])(?:other\s+than|besides|except(?:\s+for)?|apart\s+from|excluding)\s+"
                         r"((?:the\s+)?[A-Z][\w'-]*(?:\s+(?:of\s+)?[A-Z][\w'-]*)*)")


@lru_cache(maxsize=1024)
def left_out(description: str) -> frozenset[str]:
    """The names a list topic's description leaves out of it, folded."""
    return frozenset(fold_name(m.group(1).removeprefix("the ")) for m in _OTHER_THAN.finditer(description or ""))


def takes_total(topic: Topic) -> bool:
    """Is this topic a total (its name or description says total, in all, overall)?"""
    return bool(_topic_words(topic) & _TOTAL_WORDS)


#: "five new arrests", "two additional suspects": what a number so marked counts is added to an earlier count.
_ADDED = re.compile(r"\s+(new|additional|further)\s+[a-z]", re.I)


def added(s: str, end: int) -> str | None:
    """The word marking the number ending at `end` as an addition ("two new suspects"), or None."""
    m = _ADDED.match(s, end)
    return m.group(1) if m else None


def takes_added(topic: Topic) -> bool:
    """Does the topic count such an addition, not a running total (its description says new, additional, further)?
    A topic whose value changes over time counts all so far, to which the new ones are only added."""
    return not topic.changes_over_time or bool(_topic_words(topic) & {"new", "additional", "further", "more"})


def fallen_short(words_before: list[str]) -> str | None:
    """The word among the last words before a label cue (its clause, in order) saying the state was not
    reached, counted only since the last word that starts a new statement; None when there is none."""
    tail = words_before[-8:]
    for i in range(len(tail) - 1, -1, -1):
        if tail[i] in _FRESH:
            return None
        if tail[i] in SHORT_OF:
            return tail[i]
    return None


#: Words that open a condition: what follows them in the clause is supposed, not stated.
#: The words a condition or a question of one opens with (labels.conditioned and readers use these).
CONDITION_WORDS = frozenset("if unless whether".split())

#: The words that make a topic about what would, could or must be ("needed for", "projected", "could").
_SUPPOSED_TOPIC_WORDS = frozenset("need needs needed required requires threshold projected projects projection "
                                  "forecast forecasts expected estimate estimated model models could would might "
                                  "possible plan planned".split())


def supposed(words_before: list[str]) -> str | None:
    """The condition word ("if", "unless", "whether") among the last words before a value in its clause."""
    return next((w for w in reversed(words_before[-6:]) if w in CONDITION_WORDS), None)


def takes_supposed(topic: Topic) -> bool:
    """Is this topic about what would, could or must be (a threshold, a projection, a plan)?"""
    return bool(_topic_words(topic) & _SUPPOSED_TOPIC_WORDS)


#: What a reading framed as a forecast, or placed in another year, keeps of its confidence: shown as
#: `possible` (under the default line of 0.6 however sure the reading), never dropped.
WEAK_FRAMING = 0.6


#: "rose from 144 to 694", "694, up from 144", "compared with 160": the number an amount moved from.
_FROM_BEFORE = re.compile(r"(?<![\w])from\s+$", re.I)
_MOVED_FROM = re.compile(r"(?<![\w])(?:(?:up|down)\s+from|compared\s+(?:with|to)|against)\s+$", re.I)
_TO_AFTER = re.compile(r"(?:\s*-?[A-Za-z]+)?\s+to\s+(?:[a-z]+\s+){0,2}(?:[$\u20ac\u00a3]?\d|(?:"
                       + "|".join(sorted(NUMBER_FORMS, key=len, reverse=True)) + r")\b)", re.I)


def earlier_level(s: str, start: int, end: int) -> str | None:
    """The words saying the number at start..end is where an amount moved from, not where it stands:
    "from 144 to 694", "up from 144", "compared with 144"; None when it is no earlier level."""
    before = s[max(0, start - 24):start]
    moved = _MOVED_FROM.search(before)
    if moved:
        return moved.group(0).strip()
    if _FROM_BEFORE.search(before) and _TO_AFTER.match(s, end):
        return "from ... to"
    return None


#: The words of a topic's own name that make it the level an amount moved from ("demand.before",
#: "turnout.initial", "price.previous"): the topic takes the "from" number and leaves the one moved to.
_EARLIER_NAME_WORDS = frozenset("before initial prior earlier previous original starting pre from old former".split())
#: "... from 27,500 megawatts to nearly": the level moved from, right before the number moved to.
_FROM_TO_BEFORE = re.compile(r"(?<![\w])from\s+[$\u20ac\u00a3]?\d[\d,.]*(?:\s*-?[A-Za-z]+)?\s+to\s+(?:[a-z]+\s+){0,2}$",
                             re.I)


def takes_earlier(topic: Topic) -> bool:
    """Does the topic's name ask for the level before a change ("spain_demand.before")? Only the name counts:
    "before" in a description mostly places an event in time ("before the vote"), which is no level."""
    words = re.findall(r"[a-z]+", topic.name.casefold().replace("_", " "))
    return bool(set(words) & _EARLIER_NAME_WORDS)


def later_level(s: str, start: int) -> bool:
    """Is the number at `start` the level an amount moved to, right after its "from N to"?"""
    return bool(_FROM_TO_BEFORE.search(s[max(0, start - 60):start]))


#: Words before a value, in its clause, that make it a forecast or a possibility, not a statement.
_FORECAST = frozenset("could might may would expected expects likely feared fears predicted predicts forecast "
                      "forecasts anticipated potentially possibly".split())


def forecast(words_before: list[str]) -> str | None:
    """The word among the last words before a value in its clause (as written: "May" is a month) that
    makes the value a forecast ("the toll could rise to 3,000"); None when there is none."""
    return next((w for w in reversed(words_before[-6:]) if w in _FORECAST), None)


def takes_forecast(topic: Topic) -> bool:
    """Is this topic itself about what would or could be (a projection, a threshold, a maximum term)?"""
    return takes_supposed(topic) or bool(_topic_words(topic) & {"maximum", "max", "minimum", "min", "most", "cap",
                                                                 "ceiling", "faces", "face", "carries", "risk"})


#: A year in the words, as a time something is placed in: "in 2019", "in March 2016", "a 2016 quake", "2021's".
_YEAR = r"(?:1[89]\d\d|20\d\d)(?![\d,.]\d|\d)"
_AT_YEAR = re.compile(
    rf"(?<![\w])(?:(?i:in|during|of|by)\s+(?:(?i:early|late|mid)[\s-]+)?(?:[A-Z][a-z]+\s+)?|(?i:a|an|the|its|his|her|their)\s+)"
    rf"(?P<year>{_YEAR})(?![\w-])|(?<![\w$\u20ac\u00a3.,])(?P<own>{_YEAR})['\u2019]s\b")
#: Words before a year that make it a point of reference, not the value's own time ("since 2004", "than in 2021").
_REFERENCE = frozenset("since than before after until till from between compared ago".split())


#: "over the last 21 years", "in the past two decades": a span that runs up to the time of writing.
_TO_NOW = re.compile(r"(?<![\w])(?:over|in|for|during|across|throughout)\s+the\s+(?:last|past)\s+$", re.I)


_AND_WORD = re.compile(r"\sand\s+([a-z]+)\b")


def _new_predicate(at: int, toks) -> bool:
    """Is the word at offset `at` (of the sentence's `toks`) after "and" a verb in the past ("became",
    "scored"), opening a predicate of its own? (Its lemma differs, and it is no plural noun.)"""
    tk = next((tk for tk in toks if tk.start == at), None)
    return tk is not None and tk.lemma != tk.text.casefold() and not tk.text.endswith("s")


def other_year(s: str, cl, start: int, year: int, toks=(), described: str = "") -> str | None:
    """The words placing the value at `start` in a year other than the article's `year`: in its own
    clause, or in a short opening phrase of the sentence before it ("In 2019, a jury convicted ..."),
    and not as a point of reference ("since 2004", "than in 2021"), nor the year the topic's own
    description names ("its 2022 acquisition"); None when there are none."""
    if _TO_NOW.search(s, max(0, start - 30), start):
        return None  # "first elected in 2004 ... over the last 21 years": a span up to now, whenever it began
    own, first = cl.bounds[cl.index(start)], cl.bounds[0]
    opening = first if first[1] <= start and len(s[first[0]:first[1]].split()) <= 5 else own
    for lo, hi in dict.fromkeys((own, opening)):
        for m in _AT_YEAR.finditer(s, lo, hi):
            y = int(m.group("year") or m.group("own"))
            if y == year or re.search(rf"(?<!\d){y}(?!\d)", described):
                continue
            before = {w.casefold() for w in _WORDS.findall(s[lo:m.start()])}
            if before & _REFERENCE:
                continue
            if any(_new_predicate(a.start(1), toks) for a in _AND_WORD.finditer(s, m.end(), start)):
                continue  # "won it in 2015 and became the seventh": the year is the first predicate's
            return m.group(0).strip()
    return None


#: Units of measure: a number counting one is a distance, a weight or a share, not a count of people or things.
_MEASURES = frozenset("mile kilometre kilometer km metre meter foot feet inch yard acre hectare ton tonne kilogram kg "
                      "percent per cent mph kph degree".split())
_AGE = re.compile(r"[-\s]years?[-\s]old\b", re.I)
_AGO = re.compile(r"\s*(?:[A-Za-z-]+\s+)?ago\b", re.I)
#: A time counted from another event, or to an end: "10 minutes later", "two days after", "20 minutes remaining".
_RELATIVE = re.compile(r"[\s-]*(?:minute|hour|day|week|month|year)s?\s+(?:later|earlier|after|before|ahead|remaining|left|to\s+go)\b",
                       re.I)
#: A topic that is itself such a time: a delay, the time between two events.
_RELATIVE_TOPIC_WORDS = frozenset("later delay interval elapsed between remaining left".split())


#: "within seven minutes", "inside the opening 20 minutes": a time at most that long.
_WITHIN = re.compile(r"(?<![\w])(?:within|inside)\s+(?:(?:the|its|their)\s+)?(?:(?:first|opening)\s+)?$", re.I)
#: A unit of time right after a number, or after one word more ("22 consecutive days").
_TIME_NEXT = re.compile(r"[\s-]+(?:[A-Za-z]+\s+)?(?:minute|hour|day|week|month|year)s?\b", re.I)


def inside(s: str, start: int) -> str | None:
    """The words before a number at `start` that bound a time from above ("within", "inside the opening")."""
    m = _WITHIN.search(s, 0, start)
    return m.group(0).strip() if m else None


def timed(s: str, end: int) -> bool:
    """Does a unit of time follow the number ending at `end` ("12 minutes", "22 consecutive days")?"""
    return bool(_TIME_NEXT.match(s, end))


def measured(s: str, end: int, counted: str | None) -> str | None:
    """What the number ending at `end` is when it is no count: an age ("the 55-year-old"), a time
    before ("two years ago"), a time from another event ("10 minutes later"), a measure ("10 miles
    from"); None when it may be a count."""
    if _AGE.match(s, end):
        return "age"
    if _AGO.match(s, end):
        return "ago"
    if _RELATIVE.match(s, end):
        return "relative"
    return "measure" if counted in _MEASURES else None


def thing_for_measure(written: str | None, counted: str | None, own: set[str] | None, cue_lemmas) -> bool:
    """Does a number count things ("200 barns", "dozens of farms") where its topic is a measure
    ("hectares")? The plural noun it is written with is no unit of measure, none of the topic's units
    and none of its cues."""
    return bool(written and counted and own and own <= _MEASURES and counted not in own and counted not in _MEASURES
                and written.islower() and written.endswith("s") and counted != written  # a plural ("barns" -> "barn")
                and counted not in cue_lemmas and counted not in _COUNTED_NOT)


#: Plural-looking words after a number that are no things it counts ("300 is", "40 was", "2 has").
_COUNTED_NOT = frozenset("is was has his its this thus plus as us yes less".split())


#: "destroyed or damaged 8,000", "killed or injured 50": two participles joined by "or" right before a number.
_EITHER = re.compile(r"\b([a-z]+ed)\s+or\s+([a-z]+ed)\s+$")


def combined(s: str, start: int, topic: Topic, cue_words) -> str | None:
    """The words when the number at `start` counts what either of two participles did ("destroyed or
    damaged 8,000 homes") and the topic's name and cues take only one of them: a count of both, not
    the topic's; None otherwise."""
    m = _EITHER.search(s, max(0, start - 40), start)
    if m is None:
        return None
    takes = [w in cue_words or w in _words_of(topic.name, "") for w in (m.group(1).casefold(), m.group(2).casefold())]
    return m.group(0).strip() if any(takes) and not all(takes) else None


def takes_measure(topic: Topic, kind: str, counted: str | None, own: set[str]) -> bool:
    """Is the topic itself such a value: an age, a distance counted in that unit, a time between two
    events, or (for "ago") never?"""
    if kind == "age":
        return bool(_topic_words(topic) & {"age", "aged", "old"})
    if kind == "relative":
        return bool(_topic_words(topic) & _RELATIVE_TOPIC_WORDS)
    return kind == "measure" and counted in own


#: Negations that, before a number in its clause, make it a count of what did not happen.
_NOT = frozenset({"not", "no", "never", "nor"})


def negated(words_before: list[str]) -> str | None:
    """The negation among the last six words before a number in its clause ("found not guilty on the
    remaining three counts"), counted only since the last word that starts a new statement."""
    for w in reversed(words_before[-6:]):
        w = w.casefold()
        if w in _FRESH:
            return None
        if w in _NOT or w.endswith("n't"):
            return w
    return None


#: What may join an event's noun to the day after it: "the heist on Sunday", "stolen on the morning of October 19",
#: "the quake in Myanmar on Friday" (a place named between them).
_DAY_AFTER = re.compile(r"\s+(?:(?:in|at|near|off)\s+(?:the\s+)?[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,3}\s+(?:on\s+)?|(?:on|of)\s+)?"
                        r"(?:the\s+(?:morning|afternoon|evening|night)\s+of\s+)?")

#: Words that are never a modifier between a possessive day and its event's noun: the noun phrase ends before them.
_NP_BREAK = frozenset({"the", "a", "an", "and", "or", "but", "of", "in", "on", "at", "to", "for", "from", "by", "with",
                       "that", "which", "who", "as", "after", "before", "than", "was", "were", "is", "are", "has", "had"})


#: A "when" clause right after a day, up to the event's noun with no break: "on May 3 when a fault ... caused the".
_WHEN_CLAUSE = re.compile(r",?\s+when\s+(?:[\w'\u2019-]+\s+){1,12}")
#: ... unless the noun completes another noun ("when the report on the", "the cause of the"): then that is the event.
_COMPLEMENT_END = re.compile(r"(?<![\w])(?:of|on|about|into|over|for|behind)\s+(?:(?:the|a|an|its|their|this|that)\s+)?(?:[\w-]+\s+)?$",
                             re.I)


#: "on Tuesday announcing a commission", "on May 3 opened the new bridge": a day, a verb, its object's noun.
_DAY_VERB_OBJECT = re.compile(r"\s+([a-z]+)\s+(?:(?:a|an|the|its|their|his|her)\s+)?(?:[a-z-]+\s+)?")


def day_verb(s: str, noun: tuple[int, int], day: tuple[int, int]) -> str | None:
    """The verb standing between a day and the noun it takes as object ("on Tuesday announcing a
    commission"): the day is when that was done to the noun. None when no such verb stands between."""
    if day[1] > noun[0]:
        return None
    m = _DAY_VERB_OBJECT.fullmatch(s, day[1], noun[0])
    return m.group(1) if m else None


def dated_event(s: str, noun: tuple[int, int], day: tuple[int, int]) -> bool:
    """Is the day attached to the noun, naming its day: right after it ("the quake on Friday", "the
    jewels stolen on the morning of October 19") or right before it ("the Oct. 19 theft"), a possessive
    day opening the noun's phrase ("Monday's election", "last Friday's strong 7.7 magnitude quake"), or a
    day whose "when" clause names the noun as what happened ("on May 3 when a fault caused the outage")?"""
    if day[0] >= noun[1]:
        return bool(_DAY_AFTER.fullmatch(s, noun[1], day[0]))
    if day[1] > noun[0]:
        return False
    gap = s[day[1]:noun[0]]
    if re.fullmatch(r"\s+", gap):
        return True
    if _WHEN_CLAUSE.fullmatch(gap) and not _COMPLEMENT_END.search(gap):
        return True  # "on May 3 when a fault in the line caused the outage": the clause says what happened that day
    lead = re.match(r"['\u2019]s(?=\s)", gap)
    if not lead and not re.search(r"['\u2019]s$", s[day[0]:day[1]]):
        return False
    words = gap[lead.end() if lead else 0:].split()
    return 0 < len(words) <= 4 and all(re.fullmatch(r"[\w]+(?:[.-][\w]+)*", w) and w.casefold() not in _NP_BREAK
                                       for w in words)


#: Verbs that bring charges: a number of counts they govern is of charges, not of convictions.
_CHARGE_VERBS = frozenset("face faces faced facing charged charging indicted indicting indict "
                          "accused accusing accuse".split())  # ("charges" is mostly the noun: "of the charges, two")
#: The words that make a topic itself a count of charges ("how many counts he faced", "the indictment's charges").
_CHARGE_TOPIC_WORDS = frozenset("charge charges charged face faces faced facing indicted indictment accused "
                                "accusation accusations".split())


def charged(words_before: list[str]) -> str | None:
    """The verb bringing charges among the last eight words before a number in its clause ("where he
    faces five counts", "charged the mogul with three counts"), counted only since the last word that
    starts a new statement; None when there is none."""
    for w in reversed(words_before[-8:]):
        w = w.casefold()
        if w in _FRESH:
            return None
        if w in _CHARGE_VERBS:
            return w
    return None


def takes_charged(topic: Topic, cues=()) -> bool:
    """Is this topic itself a count of charges (its name, description or cues say charged, faced, indicted)?"""
    return bool((_topic_words(topic) | {w.casefold() for c in cues for w in _WORDS.findall(c)}) & _CHARGE_TOPIC_WORDS)


#: "three counts, two involving ...": a number and its noun, then a comma: what follows enumerates its parts.
_PARTS_AFTER = re.compile(r"\s+(?:[\w-]+\s+)?[\w-]+\s*,\s*")


def part_of_before(s: str, start: int, cue_end: int, numbers) -> bool:
    """Is the number at `start` one in an aside enumerating the parts of another count that stands
    between it and its cue ("not guilty on the remaining three counts, two involving ...")?"""
    return any(cue_end <= m.start and m.end <= start and _PARTS_AFTER.fullmatch(s, m.end, start) for m in numbers)
