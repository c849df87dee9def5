"""How a label topic's labels follow one another, read from what the curator wrote in their definitions.

A label still to be decided ("undecided", "pending", "not yet known whether ...") comes before every
label that decides it; a label whose definition denies what another label's definition states
("no charge against them is reported yet" beside "have been charged") comes before that one. The
label reader turns a plan ("will be charged") into the state that holds until then, and a question
("it was not clear whether ...") into the undecided label; the article passes let a later state
outrank an earlier one the later one already implies.
"""

from __future__ import annotations

import re

from claimcheck.check.learn import content, tokens

#: Words that deny what follows them in a definition ("no charge", "not all", "none of the jewels").
_DENY = frozenset("not no never none nobody without nor neither".split())
#: Comparatives that deny what comes after their "than" ("fewer seats than a majority").
_SHORT_OF = frozenset("fewer less".split())
#: Denials that make a subject of what they deny ("none of the jewels", "no one", "no charge").
_NO_SUBJECT = frozenset("no none nobody neither".split())
#: Words after a denial that carry the denied quantity themselves ("not all of the jewels").
_QUANTIFIERS = frozenset("all every both any".split())
#: A label named so is a state still to come; so is one defined as "undecided", "unclear", "unknown".
_OPEN = frozenset("undecided pending unclear unknown undetermined unresolved open awaited".split())
#: Verbs that, denied with "yet", leave a state open ("not yet decided", "not yet reached a verdict").
_SETTLE = frozenset("decide decided know known clear reach reached determine settle call".split())

#: The question frame: nobody can say yet which way the state goes ("it wasn't clear if",
#: "did not yet say whether", "it is unclear whether"), and what follows it is asked, not stated.
UNCERTAIN = re.compile(
    r"\b(?:(?:not|never|\w+n't)\b(?:\W+\w+){0,3}?\W+(?:clear|known|certain|sure|say|said|decided|determined|"
    r"confirmed|called|announced|indicated|know)|unclear|uncertain|unknown|undecided|undetermined)\b"
    r"(?:\W+(?!and\b|but\b)\w+){0,10}?\W+(?:whether|if)\b"
    r"|\btoo close to call\b|\b(?:has|have|had|is|are|was|were)\s+yet\s+to\b|\bremains?\s+to\s+be\s+seen\b",
    re.I)

#: A state the same clause says has ended: "who were held in custody were later released",
#: "who had been detained have since been released" (matched right after the cue).
SUPERSEDED = re.compile(r"[^,;:()]{0,40}?\b(?:later|since|subsequently|afterwards)\s+(?:been\s+)?[a-z]+ed\b", re.I)


def _lemmas(text: str) -> list:
    return tokens(text.replace("_", " "))


def denied(text: str, plain: bool = False, comparative: bool = False) -> set[str]:
    """The content lemmas a definition (or a name: "no_agreement") denies: after each denial, a
    quantifier right after it ("not all"), then the first content words up to the next function word
    ("without a formal agreement"), and the items listed after them ("no result, deadlock or end").
    `plain`: only words denied outright, none of a qualified phrase ("no comprehensive deal" does not
    deny every deal). `comparative`: also what "fewer ... than" or "less than" falls short of ("fewer
    seats than a majority"), which is no stage before it."""
    toks = _lemmas(text)
    out: set[str] = set()
    for i, tk in enumerate(toks):
        if comparative and tk.text.casefold() in _SHORT_OF:
            # "won fewer seats than a majority": what it falls short of is denied
            k = next((k for k in range(i + 1, min(i + 4, len(toks))) if toks[k].lemma == "than"), None)
            nxt = next((t for t in toks[k + 1:k + 4] if content(t.lemma)), None) if k is not None else None
            if nxt is not None:
                out.add(nxt.lemma)
            continue
        if tk.lemma not in _DENY and not tk.text.casefold().endswith("n't"):
            continue
        if i + 1 < len(toks) and toks[i + 1].lemma in _QUANTIFIERS:
            out.add(toks[i + 1].lemma)
        j = next((k for k in range(i + 1, min(i + 5, len(toks))) if content(toks[k].lemma)), None)
        phrase: list[str] = []
        while j is not None and j < len(toks) and content(toks[j].lemma):
            phrase.append(toks[j].lemma)
            gap = text[toks[j].end:toks[j + 1].start] if j + 1 < len(toks) else ""
            if j + 1 < len(toks) and re.fullmatch(r"\s*,\s*", gap):
                j += 1  # "no result, deadlock or end": the list goes on
            elif j + 2 < len(toks) and toks[j + 1].lemma in ("or", "nor") and content(toks[j + 2].lemma):
                j += 2
            elif j + 1 < len(toks) and not gap.strip():
                j += 1  # "formal agreement": the noun phrase goes on
                if plain and content(toks[j].lemma):
                    phrase = []
                    break
            else:
                break
        out.update(phrase)
        if tk.lemma in _NO_SUBJECT:
            # "None of the jewels ... has been found": a denied subject denies its verb too
            for k in range(i + 1, min(i + 14, len(toks) - 1)):
                if re.search(r"[,;:()]", text[toks[k - 1].end:toks[k].start]):
                    break
                if toks[k].lemma == "be" and content(toks[k + 1].lemma):
                    out.add(toks[k + 1].lemma)
                    break
    return out


def stated(label: str, definition: str) -> set[str]:
    """What a label says holds: its name's lemmas and its definition's, less those each denies."""
    out: set[str] = set()
    for part in (label.replace("_", " "), definition):
        words = {t.lemma for t in _lemmas(part) if content(t.lemma) or t.lemma in _QUANTIFIERS}
        out |= words - denied(part)
    return out


def open_label(topic, label: str) -> bool:
    """Is the label a state still to be decided ("undecided", "pending", "not yet known whether")?"""
    lab = topic.labels.get(label)
    name = {t.text.casefold() for t in _lemmas(label)}
    words = {w for t in _lemmas(lab.definition if lab else "") for w in (t.lemma, t.text.casefold())}
    # "pending" in a definition may be a preposition ("released on bail pending sentencing"): only the name's counts
    return bool(name & _OPEN or words & (_OPEN - {"pending", "open"})) or ("yet" in words and bool(words & _SETTLE))


def open_labels(topic) -> list[str]:
    return [name for name in topic.labels if open_label(topic, name)]


def earlier(topic, a: str, b: str) -> bool:
    """Does label `a` come before label `b`: `a` still open and `b` not, or `a`'s definition denying
    what `b`'s states (and `b`'s not denying what `a`'s states)?"""
    if a == b or a not in topic.labels or b not in topic.labels:
        return False
    oa, ob = open_label(topic, a), open_label(topic, b)
    if oa != ob:
        return oa
    la, lb = topic.labels[a], topic.labels[b]
    ahead = denied(la.definition) & stated(b, lb.definition)
    behind = denied(lb.definition) & stated(a, la.definition)
    return bool(ahead) and not behind


def state_before(topic, label: str, comparative: bool = False) -> str | None:
    """The label that holds until `label` does: the one whose definition denies `label`'s own name
    ("no charge ... yet" for "charged"), when exactly one does. `comparative`: a definition falling
    short of it counts too ("fewer seats than a majority" for "majority"): the label a denial of
    `label` gives, though no stage before it."""
    named = {t.lemma for t in _lemmas(label) if content(t.lemma)}
    found = [o for o, lab in topic.labels.items() if o != label and denied(lab.definition, comparative=comparative) & named]
    return found[0] if len(found) == 1 else None
