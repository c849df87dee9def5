"""Curation warnings: the editorial standard's machine-checkable rules."""

from claimcheck.lint import lint
from claimcheck.load import load_claim_set

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
    assert result.exit_code == 1 and "1 curation warning" in result.stdout
