"""`claimcheck check`: verdicts against the claim set, outputs, drafts, many articles, exit codes."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path


from claimcheck.check.article import read_article
from claimcheck.check.checker import Checker
from claimcheck.cli.app import main
from claimcheck.claimset.load import load_claim_set

from conftest import CLAIMS, ROOT, SEEDS

FIXTURES = ROOT / "tests" / "fixtures"
S003 = SEEDS / "003_bbce39b4dcb24287.txt"
S000 = SEEDS / "000_fa57afaeebda26ca.txt"


def doc(run, *args):
    result = run("check", "--claims", CLAIMS, "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def by_topic(d) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for f in d["findings"]:
        out.setdefault(f["topic"], []).append(f)
    return out


# --------------------------------------------------------------------------- verdicts


def test_003_against_the_other_four(run):
    d = doc(run, S003, "--exclude", "003-bbce")
    f = by_topic(d)
    initial = {x["value"]: x for x in f["ceasefire.initial_date"] if not x["possible"]}
    assert set(initial) == {"2025-10-15", "2025-10-16"}
    assert {x["verdict"] for x in initial.values()} == {"new"}  # no other source dates the first truce
    assert initial["2025-10-16"]["sentence"].startswith("The second round of negotiations, held in Istanbul on Saturday")
    assert any(w.startswith("the article contradicts itself on ceasefire.initial_date: 2025-10-16") for w in d["warnings"])
    (deadlock,) = [x for x in f["talks.outcome"] if x["value"] == "deadlock"]
    assert (deadlock["verdict"], deadlock["partial"], deadlock["agrees_with"], deadlock["contradicts"]) == ("supports", True, ["004-429f"], [])
    assert "undated article compared with the latest state in the claim set (as of 2025-10-27)" in deadlock["reason"]
    (leader,) = f["pakistan_delegation.leader"]
    assert (leader["value"], leader["verdict"], leader["reason"]) == ("Khawaja Asif", "new", "no source in the claim set covers this topic")
    (rnd,) = f["istanbul_talks.round"]
    assert (rnd["value"], rnd["verdict"], rnd["agrees_with"]) == (2, "supports", ["000-fa57", "001-71e8", "002-7ad1", "004-429f"])
    assert d["unresolved"][0]["topic"] == "istanbul_talks.start_date" and d["unresolved"][0]["text"] == "on Saturday"
    assert "pakistan_delegation.size" in d["not_mentioned"] and "ceasefire.initial_date" not in d["not_mentioned"]


def test_000_contradicts_001_on_the_delegations(run):
    d = doc(run, S000, "--exclude", "000-fa57", "--published", "2025-10-25")
    f = by_topic(d)
    (leader,) = f["afghan_delegation.leader"]
    assert (leader["value"], leader["verdict"], leader["contradicts"]) == ("Haji Najib", "contradicts", ["001-71e8"])
    assert leader["contradicted_claims"][0]["quote"] == "The Afghan delegation is led by Deputy Interior Minister Rahmatullah Mujib"
    (size,) = f["pakistan_delegation.size"]
    assert (size["value"], size["verdict"], size["contradicts"]) == (2, "contradicts", ["001-71e8"])
    (doha,) = f["ceasefire.doha_date"]
    assert (doha["value"], doha["verdict"], doha["partial"], doha["agrees_with"]) == ("2025-10-19", "supports", True, ["001-71e8"])
    (outcome,) = f["talks.outcome"]
    assert (outcome["value"], outcome["verdict"], outcome["agrees_with"]) == ("in_progress", "supports", ["001-71e8", "002-7ad1"])
    assert d["findings"][0]["verdict"] == "contradicts"  # contradictions come first


def test_the_first_finding_keeps_offsets_into_the_article(run):
    d = doc(run, S000, "--exclude", "000-fa57", "--published", "2025-10-25")
    text = S000.read_text(encoding="utf-8")
    for f in d["findings"]:
        assert text[f["start"]:f["end"]] == f["sentence"]
        assert f["value_text"] in f["sentence"]


def test_a_changing_fact_at_a_later_date_is_an_update_not_a_contradiction(run):
    d = doc(run, FIXTURES / "check-wire-report.txt")
    (closed,) = by_topic(d)["border.crossings_closed_days"]
    assert (closed["value"], closed["verdict"], closed["contradicts"]) == (22, "new", [])
    assert "001-71e8 said 14 as of 2025-10-25): a change over time, not a contradiction" in closed["reason"]
    (rnd,) = by_topic(d)["istanbul_talks.round"]
    assert rnd["verdict"] == "contradicts" and len(rnd["contradicts"]) == 5


def test_shared_passages_make_agreement_dependent(run):
    d = doc(run, FIXTURES / "check-talks-collapse.html")
    (p,) = d["shared_passages"]
    assert p["source"] == "002-7ad1" and p["similarity"] == 1.0
    assert p["article_text"].startswith("The 2,611-kilometer frontier has been a source of contention")
    (km,) = by_topic(d)["border.length_km"]
    assert (km["verdict"], km["agrees_with"], km["not_independent_of"]) == ("supports", ["002-7ad1"], ["002-7ad1"])


def test_text_topics_never_contradict_for_other_wording():
    cs = load_claim_set(CLAIMS)
    r = Checker(cs, ["003-bbce"]).check(read_article(str(S003), 10**7))
    (quote,) = [c for c in r.findings if c.finding.topic == "asif.open_war_quote"]
    assert (quote.verdict, quote.reason) == ("new", "wording no source gives")


# --------------------------------------------------------------------------- outputs


def test_plain_output_lines(run):
    result = run("check", "--claims", CLAIMS, S000, "--exclude", "000-fa57", "--published", "2025-10-25")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f"{S000}: text, utf-8; dates counted from 2025-10-25 (--published date)"
    assert lines[1].startswith("CONTRADICTS            afghan_delegation.leader = Haji Najib  (confidence ")
    assert lines[3] == '    001-71e8 says Rahmatullah Mujib: "The Afghan delegation is led by Deputy Interior Minister Rahmatullah Mujib"'
    assert lines[-1].startswith("2 contradict, 8 support, 2 new, 0 possible; ")


def test_untrusted_text_is_inert(run, tmp_path):
    p = tmp_path / "hostile.txt"
    p.write_text("The Afghan delegation, led by Deputy Minister Haji [bold]Najib\x1b[31m, arrived.\n", encoding="utf-8")
    result = run("check", "--claims", CLAIMS, p)
    assert "\x1b" not in result.stdout and "\\x1b[31m" in result.stdout
    from rich.console import Console

    from claimcheck.output.layout import rich_check

    checker = Checker(load_claim_set(CLAIMS))
    r = checker.check(read_article(str(p), 1000))
    for width in (60, 200):  # the stacked layout and the table
        console = Console(record=True, width=width, color_system=None)
        console.print(rich_check(r, checker.codebook.topics, width=width))
        out = console.export_text()
        assert "[bold]Najib" in out and "\x1b" not in out  # markup shown as written, never applied


def test_exit_codes(run, tmp_path):
    assert main(["check", "--claims", str(CLAIMS), str(S000), "--exclude", "000-fa57", "--published", "2025-10-25",
                 "--fail-on", "contradicts"]) == 1
    assert main(["check", "--claims", str(CLAIMS), str(S000), "--exclude", "000-fa57", "--published", "2025-10-25"]) == 0
    result = run("check", "--claims", CLAIMS, S000, "--exclude", "000-fa75")
    assert result.exit_code == 2
    assert result.stderr.strip() == "error: --exclude: no source '000-fa75' in the claim set; did you mean '000-fa57'?"
    result = run("check", "--claims", CLAIMS, S000, "--published", "25/10/2025")
    assert result.exit_code == 2
    assert result.stderr.strip() == "error: --published: '25/10/2025' is not a date; use YYYY-MM-DD, e.g. 2025-10-27"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run("check", "--claims", CLAIMS, empty)
    assert (result.exit_code, result.stderr.strip()) == (2, f"error: {empty}: article is empty")
    binary = tmp_path / "x.bin"
    binary.write_bytes(b"\x89PNG\x00\x00\x01")
    result = run("check", "--claims", CLAIMS, binary)
    assert (result.exit_code, result.stderr.strip()) == (2, f"error: {binary}: article is binary (it holds NUL bytes); expected text or HTML")
    result = run("check", "--claims", CLAIMS, S000, "--max-bytes", "100")
    assert result.exit_code == 2 and "over the 100-byte cap" in result.stderr


def test_stdin(run):
    text = (FIXTURES / "check-wire-report.txt").read_text(encoding="utf-8")
    result = run("check", "--claims", CLAIMS, "-", "--format", "json", input=text)
    assert result.exit_code == 0
    d = json.loads(result.stdout)
    assert d["article"] == "<stdin>" and by_topic(d)["pakistan_delegation.size"][0]["value"] == 5


def test_non_utf8_file_is_checked_with_a_warning(run, tmp_path):
    p = tmp_path / "cp1252.txt"
    p.write_bytes((FIXTURES / "check-wire-report.txt").read_text(encoding="utf-8").replace("—", "\u2014").encode("cp1252"))
    d = doc(run, p)
    assert d["encoding"] == "cp1252"
    assert d["warnings"][0] == "not UTF-8; decoded as cp1252 (detected), check accented letters and quotes"
    assert by_topic(d)["afghan_delegation.leader"][0]["value"] == "Mawlawi Abdul Kabir"


# --------------------------------------------------------------------------- many articles


def test_many_articles_in_order_with_a_summary_and_one_error(run, tmp_path):
    missing = tmp_path / "missing.txt"
    result = run("check", "--claims", CLAIMS, FIXTURES / "check-wire-report.txt", missing, FIXTURES / "check-talks-collapse.html")
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: {missing}: article not found"
    summary = result.stdout.splitlines()[-4:]
    assert summary[0].split() == ["contradicts", "supports", "new", "possible", "shared", "warnings", "article"]
    assert summary[1].split() == ["6", "4", "1", "0", "0", "0", str(FIXTURES / "check-wire-report.txt")]
    assert summary[2].split(None, 6)[6] == f"{missing}: error: {missing}: article not found"
    assert summary[3].split()[-1] == str(FIXTURES / "check-talks-collapse.html")


def test_jobs_give_the_same_documents(run):
    args = ["--claims", CLAIMS, "--format", "json", S000, S003, FIXTURES / "check-envoys-meet.md"]
    one = run("check", *args)
    two = run("check", *args, "--jobs", "2")
    assert one.exit_code == two.exit_code == 0
    assert json.loads(one.stdout) == json.loads(two.stdout)
    assert [d["article"] for d in json.loads(one.stdout)] == [str(S000), str(S003), str(FIXTURES / "check-envoys-meet.md")]


# --------------------------------------------------------------------------- drafts


def _scratch_set(tmp_path: Path) -> Path:
    claims = tmp_path / "claims"
    claims.mkdir()
    shutil.copy(CLAIMS / "topics.yaml", claims / "topics.yaml")
    (tmp_path / "articles").mkdir()
    return claims


def test_draft_validates_as_written(run, tmp_path):
    claims = _scratch_set(tmp_path)
    article = tmp_path / "articles" / "003.txt"
    shutil.copy(S003, article)
    draft = claims / "003-draft.yaml"
    result = run("check", "--claims", CLAIMS, article, "--exclude", "003-bbce", "--published", "2025-10-27", "--draft", draft)
    assert result.exit_code == 0
    assert result.stderr.startswith(f"wrote {draft}: ")
    text = draft.read_text(encoding="utf-8")
    assert "text: ../articles/003.txt" in text and "id: draft-003" in text and "published: 2025-10-27" in text
    cs = load_claim_set(claims)  # validates every value and grounds every quote in the article
    values = {(c.topic, str(c.raw_value)) for c in cs.claims}
    assert ("ceasefire.initial_date", "2025-10-15") in values and ("talks.outcome", "deadlock") in values
    assert run("validate", "--claims", claims).exit_code == 0
    again = run("check", "--claims", CLAIMS, article, "--draft", draft)
    assert (again.exit_code, again.stderr.strip()) == (2, f"error: {draft}: already exists; pass --force to overwrite it")
    assert draft.read_text(encoding="utf-8") == text
    assert run("check", "--claims", CLAIMS, article, "--draft", draft, "--force").exit_code == 0


def test_draft_of_html_points_at_a_copy_of_the_checked_text(run, tmp_path):
    claims = _scratch_set(tmp_path)
    draft = claims / "collapse.yaml"
    result = run("check", "--claims", CLAIMS, FIXTURES / "check-talks-collapse.html", "--draft", draft)
    assert result.exit_code == 0
    assert (claims / "collapse.article.txt").read_text(encoding="utf-8").startswith("Talks collapse in Istanbul")
    assert "text: collapse.article.txt" in draft.read_text(encoding="utf-8")
    cs = load_claim_set(claims)
    assert len(cs.claims) == 8 and cs.sources["draft-check-talks-collapse"].published.isoformat() == "2025-10-28"


def test_draft_takes_one_article(run, tmp_path):
    result = run("check", "--claims", CLAIMS, S000, S003, "--draft", tmp_path / "d.yaml")
    assert (result.exit_code, result.stderr.strip()) == (2, "error: --draft: drafts one article at a time; 2 were given")


# --------------------------------------------------------------------------- quality


def test_leave_one_out_quality_on_the_core_topics():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from eval_check import CORE, evaluate
    finally:
        sys.path.pop(0)
    import fnmatch

    per_topic, _ = evaluate(CLAIMS)
    core = {k: sum(d[k] for t, d in per_topic.items() if any(fnmatch.fnmatchcase(t, p) for p in CORE))
            for k in ("gold", "found", "pred", "right")}
    assert core["right"] / core["pred"] >= 0.9
    assert core["found"] / core["gold"] >= 0.8
