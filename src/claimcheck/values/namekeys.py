"""Name keys that fold what romanisation varies, so one name written two ways is one name.

Arabic, Urdu, Pashto, Persian and Hindi names reach English text in several spellings of one
original: Najib and Najeeb, Hussain and Hussein, Mohammed and Muhammad, Yousuf and Yusuf. The
folds here make those one key, and nothing more: a fold that would make two English names one
(Maria and Mario, John and Jon, Karen and Karan) is not made, because a key is trusted as the same
name. What stays different after folding is left to values.Names, which shows a close spelling as
a spelling difference, never as agreement.

Every function takes a name already folded by values.fold (case, accents and punctuation gone).
"""

from __future__ import annotations

import re

#: Whole name parts, after the general folds below, that are one name in several romanisations.
_CANONICAL = {
    # Muhammad: o/u and e/a vary, and the abbreviations
    "mohamed": "muhamad", "mohamad": "muhamad", "muhamed": "muhamad", "mohd": "muhamad", "md": "muhamad",
    "mohamud": "muhamad", "mohammed": "muhamad",
    "ahmed": "ahmad", "mehmud": "mahmud", "mahmod": "mahmud",
    "hosain": "husain", "husein": "husain", "hosein": "husain",
    "osama": "usama", "omar": "umar", "osman": "usman", "uthman": "usman", "othman": "usman",
    "yusef": "yusuf", "yosuf": "yusuf", "yusof": "yusuf", "yosef": "yusuf",
    "khaled": "khalid", "rehman": "rahman", "rahmen": "rahman", "abdel": "abdul", "abdol": "abdul",
    "chaudhry": "chaudhri", "chaudhary": "chaudhri", "chaudhari": "chaudhri", "choudhury": "chaudhri",
    "chowdhury": "chaudhri", "choudhary": "chaudhri", "chaudhuri": "chaudhri", "choudhri": "chaudhri",
    "khawaja": "khwaja", "khuwaja": "khwaja", "khwajah": "khwaja",
}
_VOWELS = "aeiou"
_DOUBLE_CONSONANT = re.compile(r"([b-df-hj-np-tv-z])\1")
_DIGRAPHS = (("ee", "i"), ("ii", "i"), ("oo", "u"), ("ou", "u"), ("uu", "u"), ("aa", "a"), ("ei", "ai"))
_AY = re.compile(r"ay(?=[b-df-hj-np-tv-z]|$)")  # Husayn, Zubayr: ay before a consonant is ai
_FINAL_Y = re.compile(r"(?<=[b-df-hj-np-tv-z])y$")  # Aly, Hamdy: a final y after a consonant is i
_FINAL_AH = re.compile(r"(?<=\w\w)ah$")  # Abdullah / Abdulla, Fatimah / Fatima


def roman_part(part: str) -> str:
    """One name part with romanisation's variations folded: 'najeeb' -> 'najib', 'hussein' -> 'husain'."""
    if not part.isascii() or not part.isalpha():
        return part  # another script, or digits: as it is
    t = _CANONICAL.get(part, part)
    t = t.replace("ph", "f").replace("q", "k")
    for a, b in _DIGRAPHS:
        t = t.replace(a, b)
    t = _AY.sub("ai", t)
    t = _DOUBLE_CONSONANT.sub(r"\1", t)
    t = _FINAL_Y.sub("i", t)
    if len(t) > 4:
        t = _FINAL_AH.sub("a", t)
    return _CANONICAL.get(t, t)


def roman_key(name: str) -> str:
    """A folded name with each part romanisation-folded: 'haji najeeb' -> 'haji najib'."""
    return " ".join(roman_part(p) for p in name.split())


def joined(key: str) -> str:
    """A key with its parts run together, so that 'vishwash kumar' and 'vishwashkumar' meet."""
    return key.replace(" ", "")


def differing_parts(a: str, b: str) -> tuple[str, str]:
    """The words two names differ in, as written: ('Maria', 'Mario') for 'Maria Delgado' / 'Mario Delgado'."""
    wa, wb = a.split(), b.split()
    i = 0
    while i < min(len(wa), len(wb)) and wa[i].casefold() == wb[i].casefold():
        i += 1
    j = 0
    while j < min(len(wa), len(wb)) - i and wa[-1 - j].casefold() == wb[-1 - j].casefold():
        j += 1
    da, db = " ".join(wa[i:len(wa) - j]), " ".join(wb[i:len(wb) - j])
    return (da, db) if da and db else (a, b)
