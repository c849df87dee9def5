"""Dates, numbers and quotations as they are written in a sentence, whatever the topic.

Recognisers here know English, not the codebook: extract.py decides which topic a mention
belongs to. Every mention keeps its span (offsets into the folded sentence) so that its
distance from a cue can be measured and a curator can see the words it was read from.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Any

from claimcheck.values import QUALIFIER_WORDS, VAGUE, DateSpan, Quantity, parse_quantity, words_to_number
from claimcheck.values.date import WEEKDAYS
from claimcheck.values.number import NUMBER_FORMS, SHORT_SCALES

# --------------------------------------------------------------------------- words

_MONTHS = {m.casefold(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.casefold(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_WEEKDAYS = {d: i for i, d in enumerate(WEEKDAYS)}
_MONTH_RE = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_DAY_RE = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_WEEKDAY_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

_UNIT_WORDS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
               "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety").split()
_NUMBER_WORD = r"(?:" + "|".join(sorted(_UNIT_WORDS + ["hundred", "thousand", "million", "billion"], key=len, reverse=True)) + r")"
_ORDINAL_WORD = (r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|"
                 r"fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)")
_QUALIFIER = r"(?:" + "|".join(q.replace(" ", r"\s+") for q in QUALIFIER_WORDS) + ")"  # values.QUALIFIERS
#: Vague quantities that are too common as ordinary words to count unless a cue is right beside them.
WEAK_VAGUE = {"some", "many", "few", "a few", "several"}

# --------------------------------------------------------------------------- mentions


@dataclass(frozen=True)
class Mention:
    """A value as written: its span in the sentence, the typed value, and how it was read."""

    kind: str  # "date", "number", "name", "quote"
    start: int
    end: int
    text: str
    value: Any = None  # DateSpan | Quantity | str; None when it cannot be resolved
    how: str = ""
    confidence: float = 1.0
    unit: str | None = None  # for numbers: the word after it ("member", "hour", "weeks"); find_spans: "year" or "month"
    ordinal: bool = False
    unresolved: str | None = None  # why a date could not be pinned down
    ahead: tuple[DateSpan, str] | None = None  # the day read forward from the anchor, and how: for a plan


@dataclass(frozen=True)
class Anchor:
    """What relative dates are counted from, and what fills in a missing year."""

    date: dt.date | None = None  # the article's publication date
    how: str = ""  # "--published", "dateline 'Oct 27, 2025'"
    year: int | None = None  # when there is no date: the year the claim set is about
    year_how: str = ""
    inferred: bool = False  # the date is the latest the article itself gives, not its dateline: trusted less
    span: tuple[int, int] | None = None  # where the dateline stands in the article: the article's date, no fact


def _resolve_year(month: int, day: int, anchor: Anchor) -> tuple[int | None, str]:
    if anchor.date:
        year = anchor.date.year
        try:
            if dt.date(year, month, day) > anchor.date + dt.timedelta(days=60):
                year -= 1  # "December 28" in an article of 3 January
        except ValueError:
            return None, ""
        return year, f"year {year} from the {anchor.how}"
    if anchor.year:
        return anchor.year, f"year {anchor.year} assumed from {anchor.year_how}"
    return None, ""


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


_ABS_DATE = re.compile(
    rf"(?<![\w-])(?:(?P<m1>{_MONTH_RE})\s+(?P<d1>{_DAY_RE})(?:\s*(?:-|to|and)\s*(?P<d1b>{_DAY_RE}))?(?![\w])(?:,?\s+(?P<y1>(?:19|20)\d\d))?"
    rf"|(?P<d2>{_DAY_RE})(?:\s*(?:-|to|and)\s*(?P<d2b>{_DAY_RE}))?\s+(?:of\s+)?(?P<m2>{_MONTH_RE})(?:,?\s+(?P<y2>(?:19|20)\d\d))?"
    rf"|(?P<iso>(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d))"
    rf"|(?P<part>early|mid|late)[-\s](?P<m3>{_MONTH_RE})(?:\s+(?P<y3>(?:19|20)\d\d))?"
    rf"|(?P<m4>{_MONTH_RE})\s+(?P<y4>(?:19|20)\d\d))(?![\w])",
    re.I)
_REL_DATE = re.compile(
    rf"(?<![\w-])(?:(?P<pre>last|this|next|on|by|since|until|from|past)\s+)?(?:(?:early|late|earlier|later)\s+)?(?P<wd>{_WEEKDAY_RE})(?P<poss>'s)?(?![\w])"
    rf"|(?<![\w-])(?P<word>yesterday|today|tomorrow)(?![\w])"
    rf"|(?<![\w-])(?P<span>(?:earlier|later)\s+this\s+(?:month|week)|this\s+(?:month|week)|last\s+(?:month|week))(?![\w])"
    rf"|(?<![\w-])(?P<ago>(?P<count>\d{{1,2}}|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?P<agounit>days?|weeks?)\s+ago)(?![\w])",
    re.I)
_COUNT_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10}


def find_dates(s: str, anchor: Anchor) -> list[Mention]:
    """Every date written in the (folded) sentence `s`, resolved against `anchor` where it must be."""
    out: list[Mention] = []
    for m in _ABS_DATE.finditer(s):
        out.append(_absolute(m, anchor))
    taken = [(x.start, x.end) for x in out]
    for m in _REL_DATE.finditer(s):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        # a weekday right next to an absolute date ("Saturday, October 25") adds nothing
        if m.group("wd") and any(0 <= a - m.end() <= 2 or (0 <= m.start() - b <= 2 and not m.group("pre"))
                                 for a, b in taken):
            continue
        out.append(_relative(m, anchor))
    return sorted(out, key=lambda x: x.start)


def _absolute(m: re.Match, anchor: Anchor) -> Mention:
    text = m.group(0)
    g = m.groupdict()
    if g["iso"]:
        d = _safe_date(int(g["iy"]), int(g["im"]), int(g["id"]))
        if d is None:
            return Mention("date", m.start(), m.end(), text, None, unresolved="not a real day")
        return Mention("date", m.start(), m.end(), text, DateSpan(d, d), "ISO date", 0.95)
    if g["part"]:
        month = _MONTHS[g["m3"].rstrip(".").casefold()]
        year, yhow = (int(g["y3"]), "") if g["y3"] else _resolve_year(month, 15, anchor)
        if year is None:
            return Mention("date", m.start(), m.end(), text, None, unresolved="no year and no publication date; pass --published")
        last = calendar.monthrange(year, month)[1]
        lo, hi = {"early": (1, 10), "mid": (11, 20), "late": (21, last)}[g["part"].casefold()]
        how = f"'{text}' read as days {lo}-{hi}" + (f"; {yhow}" if yhow else "")
        return Mention("date", m.start(), m.end(), text, DateSpan(dt.date(year, month, lo), dt.date(year, month, hi)), how, 0.5)
    if g["m4"]:
        month = _MONTHS[g["m4"].rstrip(".").casefold()]
        year = int(g["y4"])
        last = calendar.monthrange(year, month)[1]
        return Mention("date", m.start(), m.end(), text, DateSpan(dt.date(year, month, 1), dt.date(year, month, last)),
                       "a whole month", 0.55)
    mon = g["m1"] or g["m2"]
    day_a = g["d1"] or g["d2"]
    day_b = g["d1b"] or g["d2b"]
    y = g["y1"] or g["y2"]
    month = _MONTHS[mon.rstrip(".").casefold()]
    da = int(re.match(r"\d+", day_a).group())
    db = int(re.match(r"\d+", day_b).group()) if day_b else da
    if y:
        year, yhow, conf = int(y), "", 0.95
    else:
        year, yhow = _resolve_year(month, da, anchor)
        conf = 0.9 if anchor.date else 0.85
        if year is None:
            return Mention("date", m.start(), m.end(), text, None,
                           unresolved="no year in the text and no publication date; pass --published")
    a, b = _safe_date(year, month, da), _safe_date(year, month, db)
    if a is None or b is None or b < a:
        return Mention("date", m.start(), m.end(), text, None, unresolved="not a real day")
    how = "date as written" + (f"; {yhow}" if yhow else "")
    ahead = None
    if not y and anchor.date and year < anchor.date.year:  # "is set for October 3" in July looks ahead
        fa, fb = _safe_date(year + 1, month, da), _safe_date(year + 1, month, db)
        ahead = (DateSpan(fa, fb), how.replace(yhow, f"year {year + 1} from the {anchor.how}: a plan looks ahead")) if fa and fb else None
    return Mention("date", m.start(), m.end(), text, DateSpan(a, b), how, conf, ahead=ahead)


def _relative(m: re.Match, anchor: Anchor) -> Mention:
    text = m.group(0)
    g = m.groupdict()
    if anchor.date is None:
        return Mention("date", m.start(), m.end(), text, None,
                       unresolved="a relative date and no publication date to count from; pass --published")
    a = anchor.date
    trust = 0.8 if anchor.inferred else 1.0  # counted from a date the article gives, not from its own date
    if g["ago"]:
        count = g["count"].casefold()
        n = int(count) if count.isdigit() else _COUNT_WORDS[count]
        days = n * (7 if g["agounit"].casefold().startswith("week") else 1)
        d = a - dt.timedelta(days=days)
        how = f"'{text}' counted back from the {anchor.how} ({a.isoformat()})"
        return Mention("date", m.start(), m.end(), text, DateSpan(d, d), how, (0.8 if days < 7 else 0.6) * trust)
    if g["wd"]:
        wd = _WEEKDAYS[g["wd"].casefold()]
        pre = (g["pre"] or "").casefold()
        back = (a.weekday() - wd) % 7
        if pre == "next":
            d = a + dt.timedelta(days=(wd - a.weekday()) % 7 or 7)
        elif pre in ("last", "past"):
            d = a - dt.timedelta(days=back or 7)
        else:
            d = a - dt.timedelta(days=back)
        how = f"'{text}' counted from the {anchor.how} ({a.isoformat()}, a {WEEKDAYS[a.weekday()].capitalize()})"
        ahead = None
        if pre in ("", "on", "this") and back:  # "will be made public on Friday": the coming Friday
            f = a + dt.timedelta(days=(wd - a.weekday()) % 7)
            ahead = (DateSpan(f, f), how.replace("counted from", "counted forward from") + ": a plan looks ahead")
        return Mention("date", m.start(), m.end(), text, DateSpan(d, d), how, 0.8 * trust, ahead=ahead)
    if g["word"]:
        delta = {"yesterday": -1, "today": 0, "tomorrow": 1}[g["word"].casefold()]
        d = a + dt.timedelta(days=delta)
        return Mention("date", m.start(), m.end(), text, DateSpan(d, d), f"'{text}' counted from the {anchor.how}", 0.8 * trust)
    span = " ".join(g["span"].casefold().split())
    if span.endswith("month"):
        if span.startswith("last"):
            first = (a.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
            lo, hi = first, a.replace(day=1) - dt.timedelta(days=1)
        else:
            lo, hi = a.replace(day=1), a
            if span.startswith("earlier"):
                hi = max(lo, a - dt.timedelta(days=1))
    else:
        # Weeks start on Monday in some newsrooms and on Sunday in others: a week phrase spans both
        # readings, so "this week" is from the Sunday before the anchor's Monday to the anchor.
        monday = a - dt.timedelta(days=a.weekday())
        if span.startswith("last"):
            lo, hi = monday - dt.timedelta(days=8), monday - dt.timedelta(days=1)
        else:
            lo, hi = monday - dt.timedelta(days=1), a
            if span.startswith("earlier"):
                hi = max(lo, a - dt.timedelta(days=1))
    how = f"'{text}' as a span counted from the {anchor.how}; vague"
    return Mention("date", m.start(), m.end(), text, DateSpan(lo, hi), how, 0.45 * trust)


#: A year or a month standing alone: "founded in 2020", "closed in March", "expected to close next year".
_SPAN_DATE = re.compile(
    rf"(?<![\w-])(?:(?:in|during)\s+(?P<year>(?:19|20)\d\d)(?![\w-])"
    rf"|(?P<rel>(?:(?:early|earlier|late|later)\s+)?(?:this|next|last)\s+year)(?![\w-])"
    rf"|in\s+(?P<month>{_MONTH_RE})(?![\w-])(?!\s+(?:{_DAY_RE}|(?:19|20)\d\d)\b))",
    re.I)


def find_spans(s: str, anchor: Anchor, taken: list[tuple[int, int]] = ()) -> list[Mention]:
    """Years and months written alone ("in 2020", "next year", "in March"), and whole months with
    their year ("March 2025") read as sure as a day: only for a date topic whose values are such
    spans (years are everywhere else). Spans in `taken` (the days find_dates read) are left out,
    bar its whole months, which are given again here."""
    out: list[Mention] = []
    for m in find_dates(s, anchor):
        if m.value is not None and m.how == "a whole month":
            out.append(replace(m, how=f"the month {m.text} (a month-long span)", confidence=0.9, unit="month"))
    taken = [t for t in taken if not any((t[0], t[1]) == (x.start, x.end) for x in out)]
    for m in _SPAN_DATE.finditer(s):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        key = next(k for k in ("year", "month", "rel") if m.group(k))
        start, end = m.span(key)  # "in" is no part of the value: "founded in" may be a cue
        text = m.group(key)
        if key == "year":
            y = int(m.group("year"))
            out.append(Mention("date", start, end, text, DateSpan(dt.date(y, 1, 1), dt.date(y, 12, 31)),
                               f"the year {y} (a year-long span)", 0.9, "year"))
        elif key == "month":
            month = _MONTHS[m.group("month").rstrip(".").casefold()]
            year, yhow = _resolve_year(month, 15, anchor)
            if year is None:
                out.append(Mention("date", start, end, text, None, unit="month",
                                   unresolved="a month without a year and no publication date; pass --published"))
                continue
            last = calendar.monthrange(year, month)[1]
            out.append(Mention("date", start, end, text, DateSpan(dt.date(year, month, 1), dt.date(year, month, last)),
                               f"the month {calendar.month_name[month]} (a month-long span); {yhow}", 0.85, "month"))
        else:
            rel = " ".join(m.group("rel").casefold().split())
            if anchor.date is None:
                out.append(Mention("date", start, end, text, None, unit="year",
                                   unresolved="a relative year and no publication date to count from; pass --published"))
                continue
            y = anchor.date.year + {"this": 0, "next": 1, "last": -1}[rel.split()[-2]]
            out.append(Mention("date", start, end, text, DateSpan(dt.date(y, 1, 1), dt.date(y, 12, 31)),
                               f"{rel}, counted from the {anchor.how} ({anchor.date.year}): the year {y} (a year-long span)",
                               0.8 * (0.8 if anchor.inferred else 1.0), "year"))
    return sorted(out, key=lambda x: x.start)


_NUMBER = re.compile(
    rf"(?<![\w.,-])(?:(?P<qual>{_QUALIFIER})\s+)?(?P<cur>[$\u20ac\u00a3](?=\d))?"
    rf"(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|(?:a\s+|half\s+a\s+)?dozen|{_NUMBER_WORD}(?:(?:\s+and\s+|[\s-]+){_NUMBER_WORD})*(?:\s+dozen)?|{_ORDINAL_WORD}|a\s+(?:hundred|thousand))"
    rf"(?=\s*(?:-|–|\bto\b)\s*(?P<num2>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)(?![\d.,]))?"
    rf"(?P<abbr>bn|tn|mn|mln|[mk](?=\s|[.,;:!?)\u2019'\"]|$))?(?P<suffix>st|nd|rd|th)?(?![A-Za-z0-9])"
    rf"(?:(?:-|\s+)(?P<unit>[A-Za-z]+))?",
    re.I)
#: Every single word find_numbers may read a number from (besides digits): number words and the words of vague quantities.
NUMBERISH_WORDS = frozenset(NUMBER_FORMS | {w for v in VAGUE for w in v.split() if w not in ("a", "of")})  # "a few": "few"
_VAGUE_RE = re.compile(r"(?<![\w-])(" + "|".join(re.escape(v) for v in sorted(VAGUE, key=len, reverse=True)) + r")(?![\w-])", re.I)


#: Words after which a number names a thing rather than counting one.
_ID_WORDS = frozenset({"flight", "no", "no.", "number", "route", "case", "article", "section", "room", "platform",
                       "gate", "bus", "train", "highway", "road", "chapter", "page", "line", "pier", "runway", "unit"})


def _identifier_before(s: str, start: int, counts_something: bool) -> bool:
    """Is the word right before `start` one that makes the number an identifier: an id word
    ("flight 171", "No. 5"), or a capitalised name that does not open the sentence, the number
    counting nothing after it ("Boeing 787 carried", not "In Bangkok 10 people died")?"""
    m = re.search(r"([A-Za-z][\w.'-]*)\s+$", s[max(0, start - 40):start])
    if m is None:
        return False
    word = m.group(1)
    if word.casefold() in _ID_WORDS:
        return True
    before = s[:start - len(m.group(0))].rstrip()
    opens = not before or before[-1] in ".!?:;\"\u201c("
    return not counts_something and word[:1].isupper() and not opens and word.rstrip(".").casefold() not in _MONTHS and word.isalpha() \
        and word.casefold() not in _NOT_NAMES


#: Capitalised words a count can follow in a headline or title ("Kills 20", "Over 100").
_NOT_NAMES = frozenset({"kills", "killed", "kill", "dead", "over", "under", "about", "nearly", "around", "top", "tops",
                        "hits", "reaches", "rises", "climbs", "passes", "exceeds", "to", "at", "of", "and", "the", "with",
                        "least", "than", "more", "some", "only", "all", "injures", "injured", "leaves", "leave"})


_CURRENCY = {"$": "dollars", "\u20ac": "euros", "\u00a3": "pounds"}
_SCALE_WORDS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
#: Scales written short after the digits ("$32bn", "£3.2m"); "m" and "k" only after a currency sign,
#: where they cannot be metres, minutes or a race's length.
_SCALE_ABBR = {**SHORT_SCALES, "m": 1e6, "k": 1e3}


_SHARE = re.compile(r"%|\s*per\s?cent\b", re.I)
#: The second share of a range of shares: "4.00%-4.25%", "3.50% to 3.75%", "4.0 percent and 4.25 percent" (after "between").
_SHARE_RANGE = re.compile(r"(?:%|\s*per\s?cent\b)\s*(-|\u2013|\bto\b|\band\b)\s*(\d+(?:\.\d+)?)(?:%|\s*per\s?cent\b)", re.I)
_BETWEEN = re.compile(r"\bbetween\s+$", re.I)
_AM_PM = re.compile(r"\s*[ap]\.?\s?m\b", re.I)
_FROM = re.compile(r"\bfrom\s+$", re.I)
_AFTER = re.compile(r"(?:-|\s+)([A-Za-z]+)")


_FRACTIONS = {"quarter": 0.25, "half": 0.5}
#: A fraction of a (percentage) point in words: "a quarter of a percentage point", "quarter-point", "half a point".
_POINT_FRACTION = re.compile(r"(?<![\w-])(quarter|half)(?:\s+of)?(?:\s+an?)?[-\s]+(percentage[-\s]+)?points?(?![\w])", re.I)


def find_numbers(s: str, skip: list[tuple[int, int]] = ()) -> list[Mention]:
    """Numbers in digits or words, ordinals, and vague quantities; spans in `skip` (dates) are left out."""
    out: list[Mention] = []
    covered = 0
    for m in _NUMBER.finditer(s):
        num, abbr = m.group("num"), (m.group("abbr") or "").casefold()
        if abbr and (not num[:1].isdigit() or m.group("suffix") or (abbr in ("m", "k") and not m.group("cur"))):
            continue  # "5m" (metres?), "10k": a scale only after a currency sign
        start, end = m.start(), m.end("suffix") if m.group("suffix") else m.end("abbr") if abbr else m.end("num")
        if any(a < end and start < b for a, b in skip):
            continue
        n0, n1 = m.start("num"), m.end("num")
        if (s[n1:n1 + 1] == "/" and s[n1 + 1:n1 + 2].isdigit()) or (s[n0 - 1:n0] == "/" and s[n0 - 2:n0 - 1].isdigit()):
            continue  # "2/3 of the conclave", "24/7", "10/19": a fraction, a rate or a date, no count
        if re.fullmatch(r"(?:19|20)\d\d", num) and not m.group("unit"):
            continue  # a year
        if re.fullmatch(r"(?:18|19|20)\d\d", num) and m.group("unit") and not s[m.end("num"):m.end("num") + 1] == "-":
            continue  # "in 2021 the ..." - a year followed by a word
        if re.match(r":\d", s[end:end + 2]) or re.fullmatch(r"\d:", s[max(0, start - 2):start]) or _AM_PM.match(s, end):
            continue  # a time of day (timeofday.py reads those); "rises to 2,700: reports" ends a clause
        counts = (m.group("unit") or "").casefold()
        counts_something = counts.endswith("s") or counts in ("people", "men", "women", "children", "staff", "crew")
        if num[:1].isdigit() and not m.group("qual") and not m.group("cur") and _identifier_before(s, start, counts_something):
            continue  # "Flight 171", "Boeing 787", "No. 5": a name or a number plate, not a count
        value = words_to_number(num)
        if value is None:
            continue
        if start < covered:
            continue  # the second number of a range read already
        if m.group("num2") and not m.group("qual") and not _FROM.search(s, max(0, start - 12), start):
            span = parse_quantity(f"{_fmt(value)}-{m.group('num2')}")  # '10-12 people'; 'from 10 to 12' is a change
            if span is not None and span.low < span.high:
                covered = end = m.end("num2")
                after = _AFTER.match(s, end)
                out.append(Mention("number", start, end, s[start:end], span, "range as written", 0.85,
                                   after.group(1) if after else None))
                continue
        r = _SHARE_RANGE.match(s, end) if not m.group("qual") and not _FROM.search(s, max(0, start - 12), start) else None
        if r and (r.group(1).casefold() != "and" or _BETWEEN.search(s, max(0, start - 12), start)):
            span = parse_quantity(f"{_fmt(value)}-{r.group(2)}")  # "a range of 4.00%-4.25%": one value, both ends
            if span is not None and span.low < span.high:
                covered = end = r.end()
                out.append(Mention("number", start, end, s[start:end], span, "range of shares as written", 0.85, "percent"))
                continue
        unit = "percent" if _SHARE.match(s, end) else m.group("unit")  # "20%", "20 per cent": a share
        scale = _SCALE_WORDS.get((unit or "").casefold()) if num[:1].isdigit() else None
        if abbr:  # "$32bn deal": the scale is written on the number, the word after it is its unit
            value = float(round(value * _SCALE_ABBR[abbr]))
        elif scale:  # "88 million euros", "$1.2 billion": the scale is part of the number, the word after it its unit
            value = float(round(value * scale))
            end = m.end("unit")
            after = _AFTER.match(s, end)
            unit = after.group(1) if after else None
        if m.group("cur"):
            unit = _CURRENCY[m.group("cur")]  # "$102 million", "the $102 million jewel heist": dollars
        ordinal = bool(m.group("suffix")) or bool(re.fullmatch(_ORDINAL_WORD, num, re.I))
        qual = m.group("qual")
        if qual:
            q = parse_quantity(f"{qual} {_fmt(value)}")
            if q is None:
                q = Quantity(value, value)
        else:
            q = Quantity(value, value)
        conf = 0.9
        if num.casefold() == "one" and s[m.end("num"):m.end("num") + 1] != "-":
            conf = 0.5  # "one official said": more often a pronoun than a count
        out.append(Mention("number", start, end, s[start:end], q, "number as written", conf, unit, ordinal))
    taken = [(x.start, x.end) for x in out] + list(skip)
    for m in _POINT_FRACTION.finditer(s):  # "a quarter of a percentage point", "a half-point cut"
        if not any(a < m.end() and m.start() < b for a, b in taken):
            v = _FRACTIONS[m.group(1).casefold()]
            out.append(Mention("number", m.start(), m.end(), m.group(0), Quantity(v, v), "fraction of a point as written", 0.85,
                               "percentage"))  # "a quarter-point": of a rate, as "0.25 percentage points"
            taken.append((m.start(), m.end()))
    for m in _VAGUE_RE.finditer(s):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        word = " ".join(m.group(1).casefold().split())
        q = parse_quantity(word)
        nxt = re.match(r"\s*(?:of\s+)?([A-Za-z]+)", s[m.end():])
        out.append(Mention("number", m.start(), m.end(), m.group(1), q, f"vague quantity '{word}'",
                           0.5 if word in WEAK_VAGUE else 0.85, nxt.group(1) if nxt else None))
    return sorted(out, key=lambda x: x.start)


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


_QUOTE = re.compile(r'"([^"]{3,}?)"')


def find_quotes(s: str) -> list[Mention]:
    """Quoted passages (straight quotes after folding); the value is the words inside, trailing comma dropped."""
    out = []
    if s.count('"') % 2:
        return out
    for m in _QUOTE.finditer(s):
        inner = m.group(1).strip().rstrip(",").strip()
        if inner.endswith(".") and inner.count(".") == 1 and not inner.endswith(".."):
            inner = inner[:-1]
        out.append(Mention("quote", m.start(1), m.end(1), inner, inner, "quoted words", 0.9))
    return out


#: Words for one outcome, whichever a count's cue uses: "two died" is "two dead", "two deaths", "two killed".
_OUTCOMES = (frozenset({"die", "dead", "death", "kill"}),)
_KIN = {lem: fam for fam in _OUTCOMES for lem in fam}
KIN_WORDS = frozenset(_KIN) | {"life", "live"}  # ("lost their lives")


def outcome_kin(toks, i: int) -> tuple[frozenset[str], int]:
    """The other words for the outcome token i (of `tokens`) says, and where it ends: "lost their lives" says "died"."""
    if toks[i].lemma == "lose":
        k = next((k for k in (i + 1, i + 2) if k < len(toks) and toks[k].lemma in ("life", "live")), None)
        return (_OUTCOMES[0], toks[k].end) if k else (frozenset(), 0)
    return _KIN.get(toks[i].lemma, frozenset()) - {toks[i].lemma}, toks[i].end


def degree(word: str, lem: str) -> str:
    """'most' for a superlative ("biggest", "best"), 'more' for a comparative ("bigger"), '' for the plain
    word: one lemma ("big") for all three, but "the biggest margin" is no "big screen"."""
    w = word.casefold()
    if w == lem or not w.isalpha():
        return ""
    if w.endswith("est") or w in ("most", "least", "worst"):
        return "most"
    return "more" if w.endswith("er") or w in ("more", "less", "worse") else ""
