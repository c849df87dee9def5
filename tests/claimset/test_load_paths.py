"""The loader's fast paths (plain claim mappings, claims made without __init__, files read by several
processes) give exactly what the plain paths give: the same claims, the same problems, in the same order."""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import pytest

from claimcheck import api as _api
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.errors import ValidationFailed
from claimcheck.claimset.ground import Article, normalise, normalise_text
from claimcheck.claimset.load import _new_claim
from claimcheck.claimset.schema_fast import plain_claim as _plain_claim
from claimcheck.api import load_claim_set
from claimcheck.claimset.schema import ClaimIn
from claimcheck.model import Claim, Where

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate  # noqa: E402


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    return generate(tmp_path_factory.mktemp("gen"), sources=24, claims_per_source=9, seed=11)


def test_new_claim_is_a_claim():
    fields = dict(id="s#1", source_id="s", topic="t", value=7, raw_value="seven", quote="q", attributed_to="X",
                  via=None, hedge=None, as_of=dt.date(2025, 10, 25), note=None, where=Where("a.yaml", 3, 5),
                  own_voice=False)
    fast, plain = _new_claim(**fields), Claim(**fields)
    assert type(fast) is Claim and fast == plain and hash(fast) == hash(plain) and repr(fast) == repr(plain)
    assert fast.origin == plain.origin
    with pytest.raises(AttributeError):
        fast.id = "other"  # still frozen


@pytest.mark.parametrize("raw", [
    {"topic": "t", "value": 1, "quote": "q"},
    {"topic": "t", "value": [1], "quote": "q", "id": "x", "attributed_to": "A", "via": "B", "hedge": "h",
     "as_of": dt.date(2025, 1, 2), "note": "n"},
])
def test_plain_claims_are_what_pydantic_gives(raw):
    assert _plain_claim(raw)
    validated = ClaimIn.model_validate(raw).__dict__
    assert {k: raw.get(k) for k in validated} == validated


@pytest.mark.parametrize("raw", [
    {"topic": "t", "value": 1},  # no quote
    {"topic": "t", "quote": "q"},  # no value
    {"topic": "t", "value": 1, "quote": ""},
    {"topic": 5, "value": 1, "quote": "q"},
    {"topic": "t", "value": 1, "quote": "q", "as_of": "2025-10-01"},  # pydantic converts it
    {"topic": "t", "value": 1, "quote": "q", "as_of": dt.datetime(2025, 10, 1)},
    {"topic": "t", "value": 1, "quote": "q", "via": 3},
    {"topic": "t", "value": 1, "quote": "q", "extra": 1},
    {1: "t", "value": 1, "quote": "q", "topic": "t"},
])
def test_other_claims_go_to_pydantic(raw):
    assert not _plain_claim(raw)


def test_parallel_load_is_the_serial_load(generated: Path):
    serial = load_claim_set(generated, workers=1)
    parallel = load_claim_set(generated, workers=2)
    assert parallel.claims == serial.claims
    assert parallel.sources == serial.sources
    assert [c.where for c in parallel.claims] == [c.where for c in serial.claims]


def test_validate_reports_what_load_and_lint_find(tmp_path: Path, monkeypatch):
    # validate_claim_set never gathers the claims in the parent; its counts and warnings must be
    # those of load + lint, whether files are read here or by workers, and with a cache entry
    # stored by validate itself or by a command that did not lint.
    from claimcheck.claimset.lint import lint
    from claimcheck.api import validate_claim_set

    claims = generate(tmp_path / "set", sources=12, claims_per_source=8, seed=3)
    for f in sorted(claims.glob("0*.yaml")):  # a name its quote does not show: a curation warning
        text = f.read_text(encoding="utf-8")
        f.write_text(re.sub(r'(leader\n    value: )"[^"\n]*"', r'\1"Zorawar Qelfi"', text), encoding="utf-8")
    full = load_claim_set(claims, workers=1)
    expected = (len(full.claims), len(full.sources), len({c.topic for c in full.claims}), tuple(lint(full)))
    assert expected[3], "the generated set should trip some curation warnings"
    for workers in (1, 2):
        v = validate_claim_set(claims, workers=workers)
        assert (v.claims, v.sources, v.topics, v.warnings) == expected
    import claimcheck.claimset.load as loadmod

    monkeypatch.setattr(_api, "CACHE_MIN_FILES", 0)
    for first in ("validate", "load"):
        store = tmp_path / f"cache-{first}"
        if first == "validate":
            validate_claim_set(claims, cache=store, workers=2)
        else:
            load_claim_set(claims, cache=store, workers=2)
        v = validate_claim_set(claims, cache=store)  # from the entry
        assert (v.claims, v.sources, v.topics, v.warnings) == expected
        assert load_claim_set(claims, cache=store) == full


def _break(claims: Path) -> None:
    """Every kind of cross-file and per-claim problem, spread over several files."""
    files = sorted(p for p in claims.glob("*.yaml") if p.name != "topics.yaml")
    first_id = files[0].read_text(encoding="utf-8").split('id: "', 1)[1].split('"', 1)[0]
    text = files[3].read_text(encoding="utf-8")
    own_id = text.split('id: "', 1)[1].split('"', 1)[0]
    files[3].write_text(text.replace(f'id: "{own_id}"', f'id: "{first_id}"', 1), encoding="utf-8")  # duplicate source
    for f in (files[5], files[6]):  # the same claim id in two files
        t = f.read_text(encoding="utf-8")
        f.write_text(t.replace("  - topic:", '  - id: "shared"\n    topic:', 1), encoding="utf-8")
    t = files[8].read_text(encoding="utf-8")
    files[8].write_text(t.replace('quote: "', 'quote: "Never said: ', 1), encoding="utf-8")  # not in the article
    t = files[9].read_text(encoding="utf-8")
    files[9].write_text(t.replace("topic: ", "topic: no_such.", 1), encoding="utf-8")
    files[10].write_text("id: [unclosed\n", encoding="utf-8")
    t = files[11].read_text(encoding="utf-8")
    files[11].write_text(t.replace("    value:", "    value: 1\n    value:", 1), encoding="utf-8")


def test_parallel_problems_are_the_serial_problems(tmp_path: Path):
    claims = generate(tmp_path, sources=16, claims_per_source=6, seed=5)
    _break(claims)
    found = []
    for workers in (1, 2):
        with pytest.raises(ValidationFailed) as exc:
            load_claim_set(claims, workers=workers)
        found.append([str(p) for p in exc.value.problems])
    assert found[0] == found[1]
    text = "\n".join(found[0])
    for expected in ("is already used by", "claim id 'shared' is already used in", "quote not found",
                     "unknown topic", "YAML", "duplicate key 'value'"):
        assert expected in text


_PIECES = ["The talks", "ended", " ", "  ", "\n", "’", "'", "“", '"', "—", "-", "...", "[in Istanbul]", "Haji Najib", ",", "ﬁ", "é"]


@settings(max_examples=400)
@given(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join), st.lists(st.sampled_from(_PIECES), max_size=6).map("".join))
def test_finds_is_ground_found(article: str, quote: str):
    a = Article(article)
    assert a.finds(quote) == a.ground(quote).found


@settings(max_examples=400)
@given(st.lists(st.sampled_from(_PIECES), max_size=14).map("".join), st.data())
def test_finds_is_ground_found_for_quotes_cut_from_the_article(article: str, data):
    # Pieces of the article joined by omissions: found as they stand, or only once normalised.
    cuts = sorted(data.draw(st.lists(st.integers(0, len(article)), min_size=2, max_size=6)))
    quote = data.draw(st.sampled_from([" ... ", "…", " [sic] "])).join(article[a:b] for a, b in zip(cuts[::2], cuts[1::2]))
    a = Article(article)
    assert a.finds(quote) == a.ground(quote).found


def test_a_quote_whose_pieces_stand_verbatim_needs_no_normalised_article():
    a = Article("The talks ended on Sunday.\n\nBoth sides said they would meet again in Istanbul.")
    assert a.finds("The talks ended ... they would meet again")
    assert "norm" not in a.__dict__
    assert a.finds("The talks ended ... Both sides said") and "norm" not in a.__dict__
    assert not a.finds("they would meet again ... The talks ended")  # out of order
    assert a.finds("ended on Sunday. Both sides")  # across the paragraph break: only once normalised
    assert "norm" in a.__dict__


def test_normalise_text_is_normalise():
    for text in ["plain text", " lead", "trail ", "two  spaces", "it’s", "tab\there", "", "a—b ﬁ"]:
        assert normalise_text(text) == normalise(text).text


# --------------------------------------------------------------------------- sources and codebooks without pydantic


def _plain(ns):
    """A namespace tree from load._plain_* as plain data, to compare with pydantic's model_dump()."""
    from types import SimpleNamespace

    if isinstance(ns, SimpleNamespace):
        return {k: _plain(v) for k, v in vars(ns).items()}
    if isinstance(ns, dict):
        return {k: _plain(v) for k, v in ns.items()}
    if isinstance(ns, list):
        return [_plain(v) for v in ns]
    return ns


def _yaml_mappings(generated: Path):
    from claimcheck.claimset import yamlread

    paths = [p for p in sorted(ROOT.rglob("*.y*ml")) if ".venv" not in p.parts and ".git" not in p.parts]
    paths += sorted(generated.glob("*.yaml"))
    for p in paths:
        try:
            doc = yamlread.parse(p.read_text(encoding="utf-8"), str(p))
        except Exception:
            continue
        if isinstance(doc.data, dict):
            yield p, doc.data


def _codebook_variants(book: dict):
    import copy

    changes = [
        ("person_match_threshold", 90), ("person_match_threshold", "90"), ("person_match_threshold", True),
        ("person_match_threshold", 101), ("person_match_threshold", 85.5), ("honorifics", ["Dr", 3]),
        ("distinct", [["A", "B"]]), ("distinct", [["A", "B", "C"]]), ("distinct", [("A", "B")]),
        ("entities", [{"name": "X"}]), ("entities", [{"name": "X", "aliases": "Y"}]), ("entities", [{"name": 1}]),
        ("extra", 1),
    ]
    for key, value in changes:
        b = copy.deepcopy(book)
        b[key] = value
        yield b
    topic = next(iter(book["topics"]))
    for key, value in [("type", "people"), ("type", "person"), ("unit", 3), ("unit", None), ("changes_over_time", "yes"),
                       ("changes_over_time", 1), ("cues", "led by"), ("subject", []), ("labels", {"a": {"definition": "d"}}),
                       ("labels", {"a": {"definition": 2}}), ("compatible", [["a", "b"]]), ("description", None), ("odd", 1)]:
        b = copy.deepcopy(book)
        b["topics"][topic][key] = value
        yield b


def test_plain_sources_and_codebooks_are_what_pydantic_gives(generated: Path):
    """Every YAML mapping in the repository (claims, fixtures, bad inputs), a generated set and
    variants of the codebook: whatever the plain path accepts, pydantic accepts with the same fields."""
    import copy

    from pydantic import ValidationError

    from claimcheck.claimset.schema_fast import plain_codebook as _plain_codebook, plain_source as _plain_source
    from claimcheck.claimset.schema import CodebookIn, SourceIn

    seen = {"source": 0, "codebook": 0, "refused": 0}
    docs = list(_yaml_mappings(generated))
    book = next(d for p, d in docs if p.name == "topics.yaml" and p.parent.name == "claims")
    sources = [d for _, d in docs if "claims" in d]
    variants = []
    for d in sources[:20]:
        for key, value in [("id", "a b"), ("id", ""), ("outlet", ""), ("published", "2025-10-27"), ("title", 3),
                           ("claims", {}), ("extra", 1), ("published", dt.datetime(2025, 10, 27, 1, 2))]:
            v = copy.deepcopy(d)
            v[key] = value
            variants.append(v)
    for data in [d for _, d in docs] + variants + list(_codebook_variants(book)):
        for plain, model, kind in ((_plain_source, SourceIn, "source"), (_plain_codebook, CodebookIn, "codebook")):
            fast = plain(data)
            try:
                judged = model.model_validate(data).model_dump()
            except ValidationError:
                judged = None
            if fast is None:
                seen["refused"] += 1
                continue
            assert judged is not None, (kind, data)
            assert _plain(fast) == judged, (kind, data)
            seen[kind] += 1
    assert seen["source"] >= 20 and seen["codebook"] >= 5 and seen["refused"] > 0


def test_bounds_read_by_several_processes_compare_as_read_by_one(story):
    """A claim set read by workers travels as columns: 'more than 200' must still exclude 200 (it came
    back as 'at least 200', and conflicts then differed with the number of processes)."""
    from claimcheck.compare import compare_claim_set

    s = story("""
        topics:
          attack.deaths:
            type: number
            description: People killed in the attack.
        """)
    s.source("a", [("attack.deaths", "more than 200", "More than 200 people were killed.")])
    s.source("b", [("attack.deaths", 200, "200 people were killed.")])
    s.source("c", [("attack.deaths", "fewer than 10", "Fewer than 10 people were killed.")])
    serial, parallel = (load_claim_set(s.claims, workers=w) for w in (1, 2))
    assert parallel.claims == serial.claims
    assert [(c.value.low_open, c.value.high_open) for c in parallel.claims] == [(True, False), (False, False), (False, True)]
    (group,) = compare_claim_set(parallel).groups
    assert group.status == "conflict"
    assert {p.relation.reason for p in group.pairs} >= {"'more than 200' excludes 200 itself"}
