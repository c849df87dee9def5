"""Curation warnings: the editorial standard's machine-checkable rules."""

from claimcheck.claimset.lint import lint
from claimcheck.claimset.load import load_claim_set

from conftest import CLAIMS


def one_claim(scratch, claim: str, published: str = "2025-10-25", article: str = ""):
    scratch.article("a.txt", article)
    scratch.source("a.yaml", f"id: a\noutlet: A\npublished: {published}\ntext: ../articles/a.txt\nclaims:\n{claim}")
    return [p.message for p in lint(load_claim_set(scratch.claims))]


def test_bundled_claims_have_no_warnings():
    assert lint(load_claim_set(CLAIMS)) == []


def test_relative_date_without_note(scratch):
    msgs = one_claim(scratch, "  - topic: istanbul_talks.start_date\n    value: 2025-10-25\n    quote: talks began on Saturday\n",
                     article="The talks began on Saturday.")
    assert msgs == ["warning: relative date 'on Saturday' resolved without a note; say in `note` how it was counted "
                    "from the publication date 2025-10-25"]


def test_relative_date_without_publication_date(scratch):
    msgs = one_claim(scratch, "  - topic: istanbul_talks.start_date\n    value: 2025-10-25\n    quote: talks began on Saturday\n",
                     published="null", article="The talks began on Saturday.")
    assert msgs[0].startswith("warning: the quote's relative date 'on Saturday' was resolved, but the source has no publication date")


def test_unrecorded_hedge(scratch):
    msgs = one_claim(scratch, "  - topic: pakistan_delegation.size\n    value: 7\n    quote: a seven-member team reportedly arrived\n",
                     article="Then a seven-member team reportedly arrived.")
    assert msgs == ["warning: the quote is hedged ('reportedly') but the claim records no `hedge` or `attributed_to`"]


def test_value_not_in_quote(scratch):
    msgs = one_claim(scratch, "  - topic: pakistan_delegation.size\n    value: 5\n    quote: a seven-member team arrived\n",
                     article="Then a seven-member team arrived.")
    assert msgs == ["warning: the value 5 cannot be seen in the quote; quote the words that state it, or explain in `note`"]


def test_strict_validate_fails_on_warnings(scratch, run):
    one_claim(scratch, "  - topic: pakistan_delegation.size\n    value: 5\n    quote: a seven-member team arrived\n",
              article="Then a seven-member team arrived.")
    assert run("validate", "--claims", scratch.claims).exit_code == 0
    result = run("validate", "--claims", scratch.claims, "--strict")
    # a failure says so, on stderr, and never "ok"
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.splitlines()[-1] == (f"failed (--strict): 1 curation warning in 1 file of {scratch.claims}; "
                                              "fix them, or say why in each claim's note")
    assert "warning: the value 5 cannot be seen in the quote" in result.stderr


def test_number_visibility_looks_only_at_number_word_windows():
    # _value_visible skips windows holding a word that is not a number word; it must decide
    # exactly as trying words_to_number on every window of one to three tokens would.
    import random
    import re

    from claimcheck.claimset.lint import _value_visible
    from claimcheck.model import Claim
    from claimcheck.values import Quantity, fold, words_to_number

    def every_window(quote: str, n: float) -> bool:
        tokens = re.findall(r"[a-z]+|\d+(?:\.\d+)?", fold(quote.replace(",", "")))
        decimal = not n.is_integer() and f"{n:g}" in re.findall(r"\d+(?:\.\d+)?", quote.replace(",", ""))
        return decimal or (n.is_integer() and str(int(n)) in tokens) or any(
            words_to_number(" ".join(tokens[i:i + size])) == n for size in (1, 2, 3) for i in range(len(tokens) - size + 1))

    words = ("one two three forty-eight hundred thousand a dozen couple of pair half single both and the 48 12.5 "
             "2,611 first second twenty seven people killed in at least more than 7th").split()
    rnd = random.Random(0)
    seen = set()
    for _ in range(5000):
        quote = " ".join(rnd.choice(words) for _ in range(rnd.randint(1, 8)))
        n = float(rnd.choice([1, 2, 6, 12, 48, 100, 1000, 2611, 12.5, 7, 27, 20, 1100, 148]))
        claim = Claim("c", "s", "t", Quantity(n, n), str(n), quote, "x")
        got = _value_visible(claim, "number")
        assert got == every_window(quote, n), (quote, n)
        seen.add(got)
    assert seen == {True, False}


# ------------------------------------------------------------------ the shortcuts give the full searches' answers

from hypothesis import given, settings, strategies as st  # noqa: E402

from claimcheck.claimset import lint as lintmod  # noqa: E402

_WORDS = ["on", "Tuesday", "last", "week", "days", "ago", "this", "month", "Yesterday", "TONIGHT", "tomorrow's",
          "by", "Sunday", "a", "the", "talks", "earlier", "year", "since", "Monday's", "weeks", "later", "K", "ſ"]


@settings(max_examples=500)
@given(st.lists(st.sampled_from(_WORDS), max_size=8).map(" ".join))
def test_the_relative_date_shortcut_finds_what_the_search_finds(quote: str):
    fast, full = lintmod._relative_date(quote), lintmod.RELATIVE_DATE.search(quote)
    assert (fast and fast.group()) == (full and full.group())


@settings(max_examples=500)
@given(st.text(alphabet="0123456789 ,.'-ab", max_size=14), st.integers(0, 999))
def test_digits_found_as_they_stand_are_a_token_of_the_folded_quote(text: str, n: int):
    # The shortcut may only say yes where the full test does (a no falls through to the full test).
    import re

    from claimcheck.values import fold

    plain = text.replace(",", "")
    if lintmod._digits_in(str(n), plain):
        assert str(n) in re.findall(r"[a-z]+|\d+(?:\.\d+)?", fold(plain))


def test_a_number_split_by_an_apostrophe_is_left_to_the_full_test():
    assert not lintmod._digits_in("53", "5'3") and not lintmod._digits_in("53", "1'53")
    assert lintmod._digits_in("53", "about 53 people") and lintmod._digits_in("2611", "a 2611-kilometre border")
