"""The loader's errors: each broken file gives one message, at the right line, and exit 1."""

import shutil
import sys
import time
from pathlib import Path

import pytest

from claimcheck.errors import UnreadableInput, ValidationFailed
from claimcheck.api import load_claim_set

from conftest import CLAIMS

BAD = Path(__file__).parent.parent / "bad_inputs"
sys.path.insert(0, str(BAD))

# fixture -> (line, col, message start)
from messages import CASES  # noqa: E402 (the bad claim files' expected messages, shared with test_bad_inputs)


def set_with(scratch, fixture: str):
    scratch.article("a.txt", (BAD / "good-article.txt").read_text())
    shutil.copy(BAD / "claims" / f"{fixture}.yaml", scratch.claims / "src.yaml")
    return scratch.claims


def test_every_bad_fixture_has_a_case():
    assert {p.stem for p in (BAD / "claims").glob("*.yaml")} == set(CASES)


@pytest.mark.parametrize("fixture", sorted(CASES))
def test_bad_file_gives_one_located_message(scratch, fixture):
    line, col, message = CASES[fixture]
    with pytest.raises(ValidationFailed) as info:
        load_claim_set(set_with(scratch, fixture))
    (problem,) = info.value.problems
    assert (problem.line, problem.col) == (line, col)
    assert problem.message.startswith(message), problem.message
    assert problem.path.endswith("src.yaml")


@pytest.mark.parametrize("fixture", sorted(CASES))
def test_validate_cli_exits_1_with_file_line_col(scratch, run, fixture):
    line, col, message = CASES[fixture]
    result = run("validate", "--claims", set_with(scratch, fixture))
    assert result.exit_code == 1
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{scratch.claims / 'src.yaml'}:{line}:{col}: {message[:30]}")
    assert "Traceback" not in result.output + result.stderr


def test_alias_bomb_is_refused_fast(scratch):
    start = time.perf_counter()
    with pytest.raises(ValidationFailed):
        load_claim_set(set_with(scratch, "alias-bomb"))
    assert time.perf_counter() - start < 2  # generous; the point is: no expansion


def test_all_problems_in_all_files_are_reported_in_one_run(scratch):
    scratch.article("a.txt", (BAD / "good-article.txt").read_text())
    for name in ("unknown-key", "unknown-topic", "duplicate-key"):
        shutil.copy(BAD / "claims" / f"{name}.yaml", scratch.claims / f"{name}.yaml")
    # give them distinct ids so the duplicate-id check does not mask the rest
    for i, p in enumerate(sorted(scratch.claims.glob("*-*.yaml"))):
        p.write_text(p.read_text().replace("id: src-a", f"id: src-{i}"))
    with pytest.raises(ValidationFailed) as info:
        load_claim_set(scratch.claims)
    assert len(info.value.problems) == 3


def test_duplicate_source_ids_across_files(scratch):
    scratch.article("a.txt", (BAD / "good-article.txt").read_text())
    shutil.copy(BAD / "good-source.yaml", scratch.claims / "a.yaml")
    shutil.copy(BAD / "good-source.yaml", scratch.claims / "b.yaml")
    with pytest.raises(ValidationFailed) as info:
        load_claim_set(scratch.claims)
    (problem,) = info.value.problems
    assert problem.message.startswith("source id 'src-a' is already used by")
    assert problem.path.endswith("b.yaml") and problem.line == 1


def test_duplicate_claim_ids(scratch):
    scratch.article("a.txt", (BAD / "good-article.txt").read_text())
    text = (BAD / "good-source.yaml").read_text()
    text = text.replace("  - topic: pakistan_delegation.size", "  - id: c1\n    topic: pakistan_delegation.size")
    text += text[text.index("  - id: c1"):]
    (scratch.claims / "a.yaml").write_text(text)
    with pytest.raises(ValidationFailed) as info:
        load_claim_set(scratch.claims)
    (problem,) = info.value.problems
    assert problem.message.startswith("claim id 'c1' is already used in")


def test_good_source_loads_with_defaults(scratch):
    scratch.article("a.txt", (BAD / "good-article.txt").read_text())
    shutil.copy(BAD / "good-source.yaml", scratch.claims / "a.yaml")
    cs = load_claim_set(scratch.claims)
    (claim,) = cs.claims
    assert claim.id == "src-a#1"
    assert claim.attributed_to == "Example News" and claim.own_voice
    assert str(claim.as_of) == "2025-10-25"


def test_missing_or_empty_claims_folder_is_unreadable_input(tmp_path):
    with pytest.raises(UnreadableInput, match="claims folder not found"):
        load_claim_set(tmp_path / "nope")
    (tmp_path / "c").mkdir()
    shutil.copy(CLAIMS / "topics.yaml", tmp_path / "c" / "topics.yaml")
    with pytest.raises(UnreadableInput, match="holds no claim files"):
        load_claim_set(tmp_path / "c")


def test_bundled_claims_are_valid():
    cs = load_claim_set(CLAIMS)
    assert len(cs.sources) == 5
    assert {c.topic for c in cs.claims} >= {"afghan_delegation.leader", "pakistan_delegation.size",
                                           "ceasefire.initial_date", "ceasefire.doha_date", "talks.outcome"}


def test_the_plain_claim_keys_are_schema_claimins_fields():
    from claimcheck.claimset import schema, schema_fast

    assert schema_fast.CLAIM_KEYS == frozenset(schema.ClaimIn.model_fields)


def test_prefetching_is_only_a_hint(tmp_path):
    # Asking the kernel to read ahead never blocks, reads or fails: not on a pipe with no writer,
    # a folder, a missing file, or a name that is no path at all.
    import os

    from claimcheck.speed.pool import prefetch as _prefetch

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    (tmp_path / "a.txt").write_text("text", encoding="utf-8")
    _prefetch([fifo, tmp_path, tmp_path / "missing.txt", tmp_path / "a.txt", Path("bad\0name")])
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "text"


def test_articles_are_read_ahead_only_where_they_would_be_read(tmp_path):
    # A worker advises the kernel on articles before checking them: only on those the checks would let
    # it read (inside the claim set's root unless --allow-outside).
    from claimcheck.claimset import load

    outside = tmp_path / "outside.txt"
    outside.write_text("x", encoding="utf-8")
    inside = tmp_path / "set" / "articles" / "a.txt"
    inside.parent.mkdir(parents=True)
    inside.write_text("x", encoding="utf-8")
    claims = tmp_path / "set" / "claims"
    claims.mkdir()
    book = load.load_codebook(Path(__file__).resolve().parents[2] / "claims" / "topics.yaml")
    fl = load._FileLoader(book, claims.resolve().parent, 10_000, False, True)
    assert fl.may_read(claims / "../articles/a.txt") and not fl.may_read(claims / "../../outside.txt")
    assert load._FileLoader(book, claims.resolve().parent, 10_000, True, True).may_read(claims / "../../outside.txt")
