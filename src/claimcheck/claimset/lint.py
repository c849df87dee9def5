"""Curation checks the tool can make: the editorial standard's rules a reader would otherwise audit by hand.

These are warnings, not errors: a claim can be right and still trip one (say why in its `note`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Mapping

from claimcheck.errors import Problem
from claimcheck.model import Claim, ClaimSet, Codebook, Source
from claimcheck.values.namekeys import roman_key, roman_part
from claimcheck.values import NUMBER_WORDS, Names, Quantity, fold, words_to_number
from claimcheck.values.date import WEEKDAYS

_WEEKDAYS = "(?:" + "|".join(WEEKDAYS) + ")"  # one group: every weekday alike
_MONTH_OR_DAY = r"(?!,?\s+(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))"  # 'Sunday, October 19' is absolute
RELATIVE_DATE = re.compile(
    rf"\b(?:yesterday|today|tonight|tomorrow|(?:(?:last|this|next|on|since|by)\s+)?{_WEEKDAYS}(?:'s)?\b{_MONTH_OR_DAY}|"
    r"(?:earlier|later|last|this|next)\s+(?:this\s+)?(?:week|month|year)|a week (?:ago|after|before|earlier|later)|"
    r"days? (?:ago|earlier|later)|weeks? (?:ago|earlier|later))\b",
    re.IGNORECASE,
)
HEDGE = re.compile(
    r"\b(?:reportedly|allegedly|purportedly|is said to|are said to|was said to|were said to|according to|"
    r"sources (?:said|say|told)|reports? (?:said|say|suggest|suggested|citing)|as per reports|unconfirmed)\b",
    re.IGNORECASE,
)


# Every HEDGE phrase holds one of these words, and every RELATIVE_DATE phrase one of those (the
# weekdays, "today" and "yesterday" all hold "day"): an ASCII quote holding none cannot match (for
# ASCII text IGNORECASE is lower()), and most quotes hold none, so the search is mostly skipped.
_HEDGE_WORDS = ("report", "alleged", "purported", "said to", "according to", "source", "unconfirmed")
_RELATIVE_WORDS = ("day", "tonight", "tomorrow", "week", "month", "year")


def _search(pattern: re.Pattern, words: tuple[str, ...], quote: str) -> re.Match | None:
    if quote.isascii():
        low = quote.lower()
        if not any(w in low for w in words):
            return None
    return pattern.search(quote)


def _hedge(quote: str) -> re.Match | None:
    return _search(HEDGE, _HEDGE_WORDS, quote)


def _relative_date(quote: str) -> re.Match | None:
    return _search(RELATIVE_DATE, _RELATIVE_WORDS, quote)


def lint(claim_set: ClaimSet) -> list[Problem]:
    """Warnings on claims that break the curation standard in ways a machine can see."""
    return lint_claims(claim_set.claims, claim_set.sources, claim_set.codebook)


def lint_claims(claims: Iterable[Claim], sources: Mapping[str, Source], codebook: Codebook) -> list[Problem]:
    """lint() on some of a set's claims, e.g. one file's, so that loading can lint files in parallel."""
    out: list[Problem] = []
    names = _names(codebook)
    for c in claims:
        topic = codebook.topics[c.topic]
        source = sources[c.source_id]

        def warn(message: str) -> None:
            out.append(Problem(c.where.path, f"warning: {message}", c.where.line, c.where.col))

        # The cheap conditions first: the searches cost more than anything else here.
        rel = _relative_date(c.quote) if topic.type == "date" and not c.note else None
        if rel:
            if source.published is None:
                warn(f"the quote's relative date '{rel.group()}' was resolved, but the source has no publication "
                     "date; add `published` or leave the date out, and say how in `note`")
            else:
                warn(f"relative date '{rel.group()}' resolved without a note; say in `note` how it was counted "
                     f"from the publication date {source.published}")
        named = _weekday_mismatch(c) if topic.type == "date" and not c.note else None
        if named:
            warn(named)
        hedge = _hedge(c.quote) if not c.hedge and not c.note and c.own_voice else None
        if hedge:
            warn(f"the quote is hedged ('{hedge.group()}') but the claim records no `hedge` or `attributed_to`")
        if not c.note and not _value_visible(c, topic.type, names):
            warn(f"the value {c.raw_value!r} cannot be seen in the quote; quote the words that state it, "
                 "or explain in `note`")
    return out


_last_names: list = [None, None]  # (codebook, its Names): lint_claims runs once per file of one set


def _names(codebook: Codebook) -> Names:
    if _last_names[0] is not codebook:
        _last_names[:] = [codebook, Names(codebook)]
    return _last_names[1]


_number = lru_cache(maxsize=65536)(words_to_number)  # tokens repeat across quotes
_fold_value = lru_cache(maxsize=65536)(fold)  # so do names and list items
_roman = lru_cache(maxsize=1024)(roman_key)  # a quote's, once for all the names of its claim


def _digits_in(digits: str, text: str) -> bool:
    """Whether an ASCII text holds these digits as a whole number: as a token of the folded text,
    neither digits nor an apostrophe (which folding drops, joining what it separated) beside them."""
    at = text.find(digits)
    while at >= 0:
        end = at + len(digits)
        if (at == 0 or text[at - 1] not in _JOINS) and (end == len(text) or text[end] not in _JOINS):
            return True
        at = text.find(digits, at + 1)
    return False


_JOINS = frozenset("0123456789'")


def _value_visible(c: Claim, vtype: str, names: Names | None = None) -> bool:
    """Whether a reader can find the value in the quote: digits or number words, or a name's parts
    (or the parts of one of its declared aliases: value British, quote '53 Britons')."""
    if vtype == "number" and isinstance(c.value, Quantity) and c.value.exact:
        n = c.value.low
        plain = c.quote.replace(",", "")
        if n.is_integer() and plain.isascii() and _digits_in(str(int(n)), plain):
            return True  # the digits themselves: the usual case, found without folding the quote
        if not n.is_integer() and re.search(rf"(?<![\d.]){re.escape(f'{n:g}')}(?!\.?\d)", plain):
            return True  # a decimal: 7.7 in 'magnitude 7.7' (folding would drop its point)
        tokens = re.findall(r"[a-z]+|\d+(?:\.\d+)?", fold(plain))
        if n.is_integer() and str(int(n)) in tokens:
            return True
        # Number words span up to three tokens ("twenty one hundred"), and words_to_number reads a
        # window only if every token is a number word or digits: look only at windows of those.
        numeric = [t in NUMBER_WORDS or t[0].isdigit() for t in tokens]
        for size in (1, 2, 3):
            for i in range(len(tokens) - size + 1):
                if all(numeric[i:i + size]) and _number(" ".join(tokens[i:i + size])) == n:
                    return True
        return False
    if vtype not in ("person", "list"):
        return True
    quote = fold(c.quote)
    if vtype == "person":
        return _name_visible(c.value, quote, names)
    if vtype == "list":
        return all(_name_visible(item, quote, names) or len(_fold_value(item)) <= 2 for item in c.value)
    return True


def _name_visible(name: str, quote: str, names: Names | None) -> bool:
    """Whether a part of the name, of one of its declared spellings, or of its romanisation-folded
    form (Najeeb for Najib) stands in the folded quote."""
    spellings = [name, *(names.spellings_of(name) if names is not None else ())]
    parts = [p for s in spellings for p in _fold_value(s).split() if len(p) > 2]
    if not parts:
        return True
    if any(p in quote for p in parts):
        return True
    roman = _roman(quote)
    return any(roman_part(p) in roman for p in parts)


_WEEKDAY_NAMES = WEEKDAYS
_WEEKDAY_WORD = re.compile(rf"\b({'|'.join(WEEKDAYS)})(?:'s|’s)?\b", re.IGNORECASE)


def _weekday_mismatch(c: Claim) -> str | None:
    """A warning when the quote names weekdays and none is the value's ('late on Sunday' for a Monday)."""
    if "day" not in c.quote.lower():
        return None
    start, end = getattr(c.value, "start", None), getattr(c.value, "end", None)
    if start is None or end is None or (end - start).days > 6:
        return None
    named = list(dict.fromkeys(m.group(1).lower() for m in _WEEKDAY_WORD.finditer(c.quote)))
    if not named:
        return None
    days = {_WEEKDAY_NAMES[(start.weekday() + i) % 7] for i in range((end - start).days + 1)}
    if days & set(named):
        return None
    said = " and ".join(f"'{d.capitalize()}'" for d in named)
    is_ = f"{start} is a {start.strftime('%A')}" if start == end else f"{start} to {end} holds no {said}"
    return (f"the quote says {said} but the value {is_}; check the date (or, if the article is wrong, "
            "keep its words and say so in `note`)")
