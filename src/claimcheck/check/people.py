"""Capitalised runs that may name a person, with the titles before them stripped.

Kept apart from `mentions` (numbers, dates, quotes) because a name has no value to parse: the
work is deciding which words are an office, an institution or a person.
"""

from __future__ import annotations

import re
from dataclasses import replace

from claimcheck.check.learn import FUNCTION_WORDS, lemma
from claimcheck.check.mentions import _MONTHS, _WEEKDAYS, Mention
from claimcheck.check.titles import TITLE_WORDS
from claimcheck.values import fold

#: Title words that end a title before a name even after other words ("Myanmar Junta Chief Min
#: Aung Hlaing" is Min Aung Hlaing): the offices, not the particles and abbreviations.
_TITLE_ENDS = TITLE_WORDS - {"of", "the", "for", "us", "u.s", "un", "u.n", "uk", "eu", "first", "state", "home",
                             "national", "federal", "field", "special", "general", "major"}
#: Words that make a capitalised run an institution or a place, not a person.
_NOT_PERSON = {
    "ministry", "embassy", "government", "council", "office", "university", "committee", "party", "group",
    "news", "times", "tribune", "post", "agency", "army", "forces", "force", "police", "department",
    "commission", "assembly", "parliament", "senate", "court", "bank", "chamber", "summit", "line", "province",
    "district", "city", "state", "republic", "kingdom", "emirate", "union", "nations", "organisation",
    "organization", "institute", "centre", "center", "club", "company", "corporation", "radio", "tv",
    "television", "media", "press", "channel", "network", "daily", "herald", "express", "dawn", "reuters",
    "afp", "ap", "bbc", "cnn", "al", "crisis", "airport", "border", "road", "street", "hotel", "palace",
}
#: Head nouns of buildings and places, often named for a possessor: "Saint Peter's Basilica", "St
#: Anne's Square" (an organisation's possessor may well be a person: "Ana Ruiz's Green Party").
_PLACE_HEADS = {
    "basilica", "cathedral", "church", "chapel", "abbey", "monastery", "temple", "mosque", "synagogue", "shrine",
    "museum", "gallery", "library", "hospital", "school", "college", "square", "street", "road", "avenue", "lane",
    "bridge", "palace", "castle", "tower", "hall", "park", "garden", "gardens", "station", "airport", "hotel",
    "embassy", "stadium", "arena", "island", "bay",
}
#: Head nouns of organisations, of lands and waters, of wars and contests, and the places above: a
#: capitalised phrase ending in one ("the Augustinian Order", "Iberian Peninsula", "European Cup",
#: "Saint Peter's Basilica") names a body, a place or an event, not a person. (A stadium or an arena
#: stays readable: a codebook may type a venue as a person topic, as ucl_final's does.)
_ORGANISATION_HEADS = _PLACE_HEADS - {"stadium", "arena"} | {
    "peninsula", "islands", "coast", "sea", "ocean", "gulf", "river", "lake", "valley", "mountains",
    "region", "war", "cup", "championship", "championships", "games", "olympics", "tournament",
    "order", "foundation", "association", "society", "federation",
    "confederation", "league", "alliance", "coalition", "movement", "authority", "board", "bureau", "service",
    "services", "trust", "fund", "administration", "directorate", "secretariat", "inspectorate", "survey",
    "headquarters", "congregation", "diocese", "archdiocese", "consortium", "academy", "inc", "ltd", "corp", "plc", "llc",
    "ministries", "parties", "unions", "cabinet", "congress", "legislature", "tribunal", "prosecution",
}
#: "'s" and a capitalised run ending in one of those.
_POSSESSED_PLACE = re.compile(r"['\u2019]s\s+(?:[A-Z][\w'.-]*\s+){0,3}([A-Z][\w'-]*)")
_FUNCTION = {
    "the", "a", "an", "in", "on", "at", "this", "that", "these", "those", "he", "she", "it", "they", "we", "i",
    "his", "her", "their", "our", "its", "but", "and", "or", "as", "after", "before", "while", "when", "if",
    "according", "following", "despite", "during", "however", "meanwhile", "now", "then", "also", "with",
    "by", "from", "to", "for", "of", "since", "until", "both", "all", "each", "every", "there", "here",
    "what", "why", "how", "who", "where", "which", "did", "does", "do", "is", "are", "was", "were", "will",
    "would", "could", "should", "may", "might", "sources", "officials", "reports", "said", "says",
}
_CONNECTORS = {"bin", "ibn", "al", "ul", "ud", "e", "de", "van", "von", "da", "di", "la", "le", "du", "el", "abu", "bint"}
_NAME_TOKEN = re.compile(r"[A-Z][\w'.]*(?:-(?:[A-Z][\w'.]*|[a-z]{1,2}(?=-[A-Z])))*|[a-z]{1,3}(?=\s+[A-Z])")


#: English closed-class words (prepositions, conjunctions, auxiliaries, copulas) and the past tenses
#: the dictionary leaves as they are ("beat", "won"): a lowercase word between two names that is one of
#: these joins or relates the names ("Rask and Vale", "Rask beat Vale"); no role noun.
_NO_ROLE = _FUNCTION | FUNCTION_WORDS | {
    "like", "versus", "vs", "v", "near", "beside", "behind", "beyond", "along", "amid", "around", "aboard",
    "throughout", "ahead", "instead", "away", "back", "whereas", "ever", "rather", "quite", "almost", "nearly",
    "beat", "bet", "bid", "bit", "broke", "cost", "cut", "felt", "hit", "hurt", "left", "let", "put", "quit",
    "read", "rose", "set", "shook", "shot", "shut", "spread", "thought", "won", "bore",
    "himself", "herself", "themselves", "itself", "alone", "together", "tomorrow", "tonight", "overnight",
    "ago", "early", "late", "earlier", "later", "already",
}


def role_noun(word: str) -> bool:
    """Can this lowercase word, standing between a capitalised word and a name, be the role a modifier
    qualifies ("Norlandic singer Piet Rask", "Varian newcomer Ana Lima")? Any common noun can, so it is
    told by what it is not: a closed-class word, or a verb's inflected form ("Rask told Vale",
    "Rask thanks Vale"), whose lemma is another word or which ends in -ed."""
    w = word.casefold()
    return (w.isalpha() and w == word and w not in _NO_ROLE and not w.endswith(("ed", "ly"))  # -ly: an adverb
            and not (w.endswith("s") and not w.endswith("ss")) and lemma(w) == w)  # -s: "remains", a plural


#: A capitalised modifier and a lowercase role noun right before a name: "Norlandic singer ".
_ROLE_BEFORE = re.compile(r"(?<![\w'-])[A-Z][\w'-]*\s+([a-z]+)\s+$")


def role_start(s: str, start: int) -> int:
    """Where a modifier-and-role phrase standing right before the name at `start` begins ("the Norlandic
    singer Piet Rask": at "Norlandic"), or `start` when there is none: those words are the name's role."""
    m = _ROLE_BEFORE.search(s, max(0, start - 60), start)
    return m.start() if m and role_noun(m.group(1)) else start


#: A lowercase word right after a name, ending its phrase (no name after it): "Nobel Peace prize was".
_HEAD_AFTER = re.compile(r" ([a-z]+)(?![\w'-])(?! +[A-Z])")
#: What may stand before a noun phrase a capitalised modifier opens: nothing (or punctuation), a determiner, a
#: preposition (for a lone word). After "and" the name may be a list's last item and the word after it the plural's
#: verb ("Rask and Vale meet"); after a verb the name is its object, and the word after it may say what the verb makes of it
#: ("found Rask guilty", "saw Rask arrive"); after an auxiliary, a question's subject ("did Rask preach?").
_OPENS_PHRASE = re.compile(r"(?:^|[^\w\s'\u2019]\s*|(?<![\w'])(?:the|a|an|this|that|these|those|its|his|her|their|our|"
                           r"of|in|on|at|for|from|by|with|to|into|over|under|after|before|during|against|about|via)\s+)$")
#: A phrase of two capitalised words or more may follow a verb too ("wins Nobel Peace prize"), but not an
#: auxiliary (a question's subject: "could Piet Rask preach?") nor a list's "and" or comma.
_NOT_AFTER = {"did", "does", "do", "could", "would", "will", "can", "should", "may", "might", "must", "shall", "and", ",", "&"}


def _opens_phrase(before: str, lone: bool) -> bool:
    """May a capitalised run after `before` open a noun phrase whose head follows it?"""
    if lone:
        return bool(_OPENS_PHRASE.search(before))
    last = re.findall(r"[\w']+|[^\w\s]", before[-30:])
    return not last or last[-1].casefold() not in _NOT_AFTER


def _word(tok: str) -> str:
    return re.sub(r"['.]s?$", "", tok).casefold().rstrip(".")


def find_names(s: str, skip: list[tuple[int, int]] = (), titles: frozenset[str] = frozenset()) -> list[Mention]:
    """Runs of capitalised words that may name a person or a country, titles stripped from the front.

    "Deputy Interior Minister Haji Najib" -> "Haji Najib"; "the Afghan Ministry of Defense" is
    kept for lists but marked (confidence 0.3) as unlikely to be a person. `titles` are a claim
    set's own words for what stands before its people's names ("junta", "Taliban"), stripped
    from the front too, but only when a name is left after them ("Taliban" alone stays a name).
    """
    months = set(_MONTHS) | set(_WEEKDAYS)
    tokens = []
    for m in _NAME_TOKEN.finditer(s):
        tok = m.group()
        if tok.endswith(".") and len(tok.rstrip(".").replace(".", "")) > 3:
            tok = tok.rstrip(".")  # the end of a sentence, not an initial
        tokens.append((m.start(), m.start() + len(tok), tok))
    out: list[Mention] = []
    i = 0
    while i < len(tokens):
        run = []
        j = i
        while j < len(tokens):
            st, en, tok = tokens[j]
            if run and s[run[-1][1]:st] not in (" ",):
                break
            if tok[0].islower():
                if not run or tok not in _CONNECTORS:
                    break
            run.append(tokens[j])
            j += 1
            if re.search(r"'s?$", tok):
                break  # "Pakistan's Defence Minister ...": a possessive ends a name
        if not run:
            i += 1
            continue
        i = j if j > i else i + 1
        while run and run[-1][2][0].islower():
            run.pop()
        # strip titles and function words from the front, keep what is left
        k = 0
        while k < len(run) and (_word(run[k][2]) in TITLE_WORDS or _word(run[k][2]) in _FUNCTION
                                or (_word(run[k][2]) in titles and k + 1 < len(run))):
            k += 1
        # An office further in ends the title: what stands before it is whose office it is
        # ("Guild Director Ana Ortiz"), the claim set's own title words too. One word after it is a name
        # too ("French President Macron"), unless the office is an institution's word ("Thai Army Headquarters").
        last = max((i for i in range(k, len(run) - 1) if (_word(run[i][2]) in _TITLE_ENDS or _word(run[i][2]) in titles)
                    and not re.search(r"'s?$", run[i][2])), default=None)
        if last is not None and (len(run) - last - 1 >= 2 or _word(run[last][2]) not in _NOT_PERSON):
            k = last + 1
        core = run[k:]
        whose = False  # "the Afghan Ministry": what is left before an office word is whose office it is
        while core and _word(core[-1][2]) in TITLE_WORDS and not re.search(r"'s?$", core[-1][2]):
            core, whose = core[:-1], True
        if not core:
            continue
        if any(_word(t[2]) in months for t in core):
            continue
        start, end = core[0][0], core[-1][1]
        text = s[start:end]
        if text.endswith("'s"):
            text, end = text[:-2], end - 2
        text = text.rstrip(".'")
        end = start + len(text)
        if any(a < end and start < b for a, b in skip) or not text:
            continue
        words = [_word(t[2]) for t in core]
        person_like = not any(w in _NOT_PERSON for w in words) and words[-1] not in _ORGANISATION_HEADS
        # An office or honorific before a lone name says it is a person's ("Cardinal Mamberti", "Mr Ruiz").
        titled = any(_word(t[2]) in _TITLE_ENDS or _word(t[2]) in titles for t in run[:k])
        conf = (0.85 if len(core) >= 2 or titled else 0.55) if person_like else 0.3
        office = re.match(r"(?:'s)?\s+((?:[a-z]+\s+){1,3})[A-Z]", s[end:])
        if whose or office and _word(office.group(1).split()[-1]) in _TITLE_ENDS:
            conf = min(conf, 0.3)  # "Taliban spokesman Zabihullah Mujahid": whose office, not a person
        elif len(core) == 1 and not titled and office and len(office.group(1).split()) == 1 and not s[end:].startswith("'") \
                and role_noun(office.group(1).split()[0]):
            conf = min(conf, 0.3)  # "Norlandic singer Piet Rask": a lone modifier of the role, whatever the noun
        elif (head := _HEAD_AFTER.match(s, end)) and role_noun(head.group(1)) and not titled \
                and _opens_phrase(s[max(0, run[0][0] - 30):run[0][0]], len(core) == 1):
            conf = min(conf, 0.3)  # "the Nobel Peace prize", "a Varian Hall statement": it names the noun after it
        if k and all(_word(t[2]) in titles or _word(t[2]) in TITLE_WORDS for t in core):
            conf = min(conf, 0.3)  # "White House said", both the claim set's title words: a fragment of a title, no name
        place = _POSSESSED_PLACE.match(s, end)
        if place and _word(place.group(1)) in _PLACE_HEADS:
            conf = min(conf, 0.3)  # "Saint Peter's Basilica": part of a place's name, not a person
        out.append(Mention("name", start, end, text, text, "capitalised name", conf))
    return out


def surnames(text: str, people) -> dict[str, str]:
    """The last word of each curated person's name (`people`) that the article writes in full, folded,
    to that name: the article's lone "Fanjoy" after its "Bruce Fanjoy" is that person, as a reader
    takes it. A last word two such names share says neither."""
    folded = fold(text)
    present = set(folded.split())  # (a name whose words are not all in the article is not searched for)
    out: dict[str, str | None] = {}
    for name in people:
        words = fold(name).split()
        if len(words) >= 2 and present.issuperset(words) and re.search(rf"(?<![\w]){re.escape(' '.join(words))}(?![\w])", folded):
            out[words[-1]] = name if out.get(words[-1], name) == name else None
    return {k: v for k, v in out.items() if v}


def offices(topic_name: str, subjects) -> list[tuple[str, bool]]:
    """The words a codebook gives for a person topic's office, read as cues even where none are written:
    its name's last part when that ends in an office ("spain.energy_minister": "energy minister"), and
    each subject ending in one ("Portuguese Prime Minister", "spokesman"). With each, whether it
    says whose office it is by itself: a subject phrase with a word beyond office words does ("Portuguese",
    "Energy"); office words alone ("prime minister", "chair") need a named subject near, or any
    country's minister would be taken for this one."""
    out: dict[str, bool] = {}
    tail = topic_name.rsplit(".", 1)[-1].replace("_", " ").split()
    if tail and _word(tail[-1]) in _TITLE_ENDS:
        out[" ".join(tail)] = False
    for sub in subjects:
        words = sub.split()
        if words and _word(words[-1]) in _TITLE_ENDS and not re.search(r"[^\w\s']", sub):
            key = next((k for k in out if k.casefold() == sub.casefold()), sub)
            out[key] = out.get(key, False) or any(_word(w) not in TITLE_WORDS for w in words)
    return list(out.items())


#: "'s Energy Minister", "'s chief prosecutor": a possessive followed, within three words, by an office.
_OWNS = re.compile(r"['\u2019]s\s+((?:[\w-]+\s+){0,2}[\w-]+)")


def whose_office(s: str, end: int) -> bool:
    """Does the name ending at `end` own the office after it ("Spain's Energy Minister Ana Ruiz said")? Then
    it says whose office that is, and is no item of a list the sentence gives."""
    m = _OWNS.match(s, end)
    return bool(m) and any(_word(w) in _TITLE_ENDS for w in m.group(1).split())


def office_owned(s: str, start: int, sub, subjects) -> bool:
    """Is the bare office at `start` ("chair", "prime minister") the topic's? Only with a named subject
    `sub` near, and no capitalised word before it that is none of the topic's `subjects` words: "Red
    Electrica chair" is the grid operator's, "Spanish Prime Minister" another's."""
    if not (sub and sub.proper):
        return False
    before = re.search(r"([\w'\u2019]+)\s+$", s[:start])
    if before is None or not before.group(1)[:1].isupper():
        return True
    word = fold(re.sub(r"['\u2019]s$", "", before.group(1)))
    return any(word in {fold(w) for w in x.text.split()} for x in subjects)


def shortened(findings: list, contexts: dict, min_confidence: float) -> list:
    """A person the article names again by part of the name it gave for the same topic ("Judge Arun
    Subramanian ruled ..." then "Judge Subramanian cited ...") is that person, not another value: the
    part becomes one more mention of the fuller finding, when that one is asserted."""
    out, folded = [], {}
    for f in findings:
        if f.type != "person" or not isinstance(f.value, str):
            out.append(f)
            continue
        strip = contexts[f.topic].names.strip
        parts = set(strip(f.value).split())
        fuller = max((g for g in findings if g.topic == f.topic and g is not f and g.type == "person"
                      and g.confidence >= min_confidence and isinstance(g.value, str)
                      and parts < set(strip(g.value).split())),
                     key=lambda g: (len(strip(g.value).split()), g.confidence), default=None)  # the fullest
        if fuller is None:
            out.append(f)
        else:
            folded.setdefault(id(fuller), []).append(f)
    return [replace(f, mentions=f.mentions + sum(g.mentions for g in folded[id(f)]),
                    also_at=f.also_at + tuple((g.start, g.end) for g in folded[id(f)]) + sum((g.also_at for g in folded[id(f)]), ()))
            if id(f) in folded else f for f in out]
