"""How the person comparer judges name pairs a fact-checker meets, with and without phonetic keys.

Two lists of pairs: one name in two spellings (romanisations, joined parts, dropped or doubled
letters), and two different people whose names are close. For each pair the comparer's relation
is `same` (merged: agreement), `compatible` (shown as a spelling difference, `partial`) or
`different` (a conflict). The worst outcomes are a real difference merged (different people,
`same`) and one person split in two (one name, `different`).

Shown without phonetic keys and with claimcheck's own (jellyfish's metaphone, every part of the
two names alike: `compatible`, a spelling difference); `--phonetic` also tries jellyfish's other
keys (match-rating comparison, NYSIIS, Soundex) in its place. These figures chose metaphone.

Run: python benchmarks/names_bench.py [--phonetic]
"""

from __future__ import annotations

import argparse
from collections import Counter

from claimcheck.model import Codebook
from claimcheck.values import COMPATIBLE, DIFFERENT, SAME, Names

#: One person, two spellings seen in news text.
ONE_NAME = [
    ("Haji Najib", "Haji Najeeb"), ("Vishwash Kumar Ramesh", "Vishwashkumar Ramesh"),
    ("Mohammed Yousuf", "Muhammad Yusuf"), ("Saddam Hussein", "Saddam Husain"), ("Hussein", "Husayn"),
    ("Mahmood Qureshi", "Mahmud Qureshi"), ("Osama bin Laden", "Usama bin Laden"),
    ("Muammar Gaddafi", "Muammar Qadhafi"), ("Muammar Gaddafi", "Moammar Kadafi"),
    ("Abdullah Abdullah", "Abdulla Abdulla"), ("Zabihullah Mujahid", "Zabiullah Mujahid"),
    ("Khawaja Asif", "Khwaja Asif"), ("Ashraf Ghani", "Ashraf Ghanee"), ("Hamid Karzai", "Hameed Karzai"),
    ("Shah Mahmood Qureshi", "Shah Mehmood Qureshi"), ("Ahmed Shah Massoud", "Ahmad Shah Masood"),
    ("Yousaf Raza Gilani", "Yusuf Raza Gillani"), ("Imran Khan", "Imraan Khan"),
    ("Mustafa Kemal", "Mustapha Kemal"), ("Qasim Soleimani", "Kasim Soleimani"),
    ("Qassem Soleimani", "Qasem Suleimani"), ("Hassan Rouhani", "Hasan Rohani"),
    ("Ali Khamenei", "Aly Khamenei"), ("Anwar al-Awlaki", "Anwar al Awlaki"),
    ("Ayman al-Zawahiri", "Ayman al-Zawahri"), ("Abu Bakr al-Baghdadi", "Abu Bakr al Baghdadi"),
    ("Sheikh Hasina", "Sheikh Haseena"), ("Narendra Modi", "Narendar Modi"), ("Rahul Gandhi", "Rahul Ghandi"),
    ("Aung San Suu Kyi", "Aung Sann Suu Kyi"), ("Min Aung Hlaing", "Min Aung Hlain"),
    ("Volodymyr Zelensky", "Volodymyr Zelenskyy"), ("Volodymyr Zelensky", "Wolodymyr Selenskyj"),
    ("Chaudhry Nisar", "Chaudhary Nisar"), ("Mohamed Morsi", "Mohammed Mursi"),
    ("Recep Tayyip Erdogan", "Recep Tayyip Erdoğan"), ("Sirajuddin Haqqani", "Sirajudin Haqani"),
    ("Hibatullah Akhundzada", "Haibatullah Akhundzada"), ("Amir Khan Muttaqi", "Amir Khan Mottaki"),
]

#: Two people whose names are close.
TWO_PEOPLE = [
    ("Maria Delgado", "Mario Delgado"), ("John Smith", "Jon Smith"), ("Ali Khan", "Ali Kahn"),
    ("Rahmatullah Najib", "Rahmatullah Mujib"), ("Haji Najib", "Rahmatullah Mujib"),
    ("Karen Shah", "Karan Shah"), ("Daniel Ortega", "Daniela Ortega"), ("Ahmed Shah", "Ahmed Shams"),
    ("Sara Khan", "Sana Khan"), ("Imran Khan", "Irfan Khan"), ("Asim Malik", "Aasim Malick"),
    ("Asim Munir", "Asim Malik"), ("Shehbaz Sharif", "Nawaz Sharif"), ("Maryam Nawaz", "Maryam Aurangzeb"),
    ("Bilawal Bhutto", "Benazir Bhutto"), ("Mark Johnson", "Mike Johnson"), ("Eric Adams", "Erica Adams"),
    ("Joe Biden", "Jill Biden"), ("Tom Hanks", "Tom Banks"), ("Paul Allen", "Paula Allen"),
    ("Francis Lee", "Frances Lee"), ("Jean Martin", "Joan Martin"), ("Sean Kelly", "Shaun Kelly"),
    ("Mohammed Ali", "Mohammed Alvi"), ("Ali Reza", "Ali Raza"), ("Hassan Ali", "Hasnain Ali"),
    ("Kim Jong Un", "Kim Jong Il"), ("Raul Castro", "Fidel Castro"), ("Amir Khan", "Aamir Khan"),
    ("Shah Rukh Khan", "Shahrukh Kazmi"), ("Carl Jensen", "Karl Jansen"), ("Steven Lee", "Stephen Lee"),
]


def judge(names: Names, pairs) -> list[str]:
    out = []
    for a, b in pairs:
        r = names.relate(a, b)
        out.append(r.kind)
    return out


def report(title: str, sounds_alike) -> None:
    names = Names(Codebook(topics={}, honorifics=("Haji", "Sheikh")), sounds_alike)
    one = judge(names, ONE_NAME)
    two = judge(names, TWO_PEOPLE)
    c1, c2 = Counter(one), Counter(two)
    print(f"{title}:")
    print(f"  one name in two spellings ({len(ONE_NAME)}): same {c1[SAME]}, spelled differently {c1[COMPATIBLE]}, "
          f"split in two (different) {c1[DIFFERENT]}")
    print(f"  two people ({len(TWO_PEOPLE)}): merged (same) {c2[SAME]}, spelled differently {c2[COMPATIBLE]}, "
          f"different {c2[DIFFERENT]}")
    for (a, b), k in zip(ONE_NAME, one):
        if k == DIFFERENT:
            print(f"    split: {a} / {b}")
    for (a, b), k in zip(TWO_PEOPLE, two):
        if k == SAME:
            print(f"    merged: {a} / {b}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--phonetic", action="store_true", help="also try jellyfish's phonetic keys")
    args = ap.parse_args()
    report("without phonetic keys", False)
    report("every part's metaphone equal (claimcheck's default)", None)
    if args.phonetic:
        import jellyfish

        report("every part's match-rating comparison", lambda x, y: bool(jellyfish.match_rating_comparison(x, y)))
        report("every part's NYSIIS equal", lambda x, y: jellyfish.nysiis(x) == jellyfish.nysiis(y))
        report("every part's Soundex equal", lambda x, y: jellyfish.soundex(x) == jellyfish.soundex(y))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
