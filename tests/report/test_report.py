"""Reports: the shared content (matrix, provenance, summary), each format, hostile text, atomic writing, the CLI."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sqlite3
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markupsafe import escape

from claimcheck.compare import compare_claim_set
from claimcheck.claimset.load import load_claim_set
from claimcheck.report import FORMATS, build_report, choose_format, render, write_atomic
from claimcheck.report.csv import neutralise
from claimcheck.report.markdown import md
from claimcheck.report.model import RunInfo

from conftest import ROOT

GOLDEN = Path(__file__).parent.parent / "golden"
CONFLICTS = ["afghan_delegation.leader", "ceasefire.initial_date", "pakistan_delegation.size", "talks.outcome"]


def _load(claims: Path):
    return compare_claim_set(load_claim_set(claims))


# A fixed identity for the golden files: the real digest of the bundled claim set's files, a fixed time.
def _run(cs) -> RunInfo:
    from claimcheck import __version__
    from claimcheck.claimset.revision import digest

    return RunInfo("Istanbul talks: what the sources say", "2025-10-27T12:00:00Z", f"sha256 {digest(cs)}", None,
                   f"claimcheck {__version__}")


@pytest.fixture(scope="module")
def bundled():
    """The bundled claims, loaded as `claims` from the repository root so paths in outputs are stable."""
    old = os.getcwd()
    os.chdir(ROOT)
    try:
        comparison = _load(Path("claims"))
        return build_report(comparison, run=_run(comparison.claim_set))
    finally:
        os.chdir(old)


def _text(report, name: str) -> str:
    data = render(report, FORMATS[name])
    return data if isinstance(data, str) else ""


def _csv(report) -> str:
    """The CSV as a spreadsheet reads it: UTF-8 with its byte-order mark taken as one (utf-8-sig)."""
    data = _text(report, "csv").encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbf")
    return data.decode("utf-8-sig")


def _db(report, tmp_path: Path) -> sqlite3.Connection:
    path = tmp_path / "report.sqlite"
    path.write_bytes(render(report, FORMATS["sqlite"]))
    return sqlite3.connect(path)


# --------------------------------------------------------------------------- content on the bundled claims


def test_summary_counts(bundled):
    assert bundled.summary == {"sources": 5, "claims": 59, "topics": 25, "conflict": 4, "partial": 6, "agree": 4,
                               "single": 11}
    assert [t.name for t in bundled.topics[:4]] == CONFLICTS


def test_matrix_cells_on_bundled_claims(bundled):
    topics = [t.name for t in bundled.topics]
    rows = {s.id: dict(zip(topics, cells)) for s, cells in bundled.rows()}
    assert rows["003-bbce"]["ceasefire.initial_date"] == "self_contradiction"
    assert rows["000-fa57"]["ceasefire.initial_date"] == "silent"
    # a 1-1 split has no majority: no side is picked, and both sides conflict
    assert rows["000-fa57"]["pakistan_delegation.size"] == rows["001-71e8"]["pakistan_delegation.size"] == "differs"
    # changing facts are compared on the same date: three sources say in_progress on 2025-10-25; on the
    # 27th deadlock (003) and partial_agreement (004) are incompatible labels, so both conflict
    assert [rows[s]["talks.outcome"] for s in sorted(rows)] == ["agrees", "agrees", "agrees", "differs", "differs"]
    assert rows["003-bbce"]["conflict.trigger"] == "partly"  # airstrikes, compatible with the majority kabul_strike
    assert rows["002-7ad1"]["border.length_km"] == "only_source"


@pytest.mark.parametrize("name", ["html", "md", "json", "csv", "sqlite"])
def test_every_format_shows_the_conflicts_with_each_quote(bundled, name, tmp_path):
    conflict_claims = [(t.name, c) for t in bundled.topics[:4] for cl in t.group.clusters for c in cl.claims]
    assert len(conflict_claims) == 18
    if name == "json":
        doc = json.loads(_text(bundled, name))
        shown = {(g["topic"], c["source"], c["quote"], c["attributed_to"])
                 for g in doc["groups"] for v in g["values"] for c in v["claims"]}
        assert all((t, c.source_id, c.quote, c.attributed_to) in shown for t, c in conflict_claims)
        assert [g["topic"] for g in doc["groups"] if g["status"] == "conflict"] == CONFLICTS
    elif name == "csv":
        rows = list(csv.DictReader(io.StringIO(_csv(bundled))))
        shown = {(r["topic"], r["status"], r["source"], r["quote"], r["attributed_to"]) for r in rows}
        assert all((t, "conflict", c.source_id, c.quote, c.attributed_to) in shown for t, c in conflict_claims)
    elif name == "sqlite":
        db = _db(bundled, tmp_path)
        shown = set(db.execute("SELECT g.topic, c.source_id, c.quote, c.attributed_to FROM claims c "
                               "JOIN groups g ON g.topic = c.topic WHERE g.status = 'conflict'"))
        assert shown == {(t, c.source_id, c.quote, c.attributed_to) for t, c in conflict_claims}
    else:
        text = _text(bundled, name)
        # the value is marked inside each quote: <mark class="value"> in HTML, bold in Markdown
        text = re.sub(r'</?mark(?: class="v")?>', "", text) if name == "html" else re.sub(r"(?<!\\)\*\*", "", text)
        esc = (lambda s: str(escape(s))) if name == "html" else md
        for topic in CONFLICTS:
            assert esc(topic) in text
        for _, c in conflict_claims:
            assert esc(c.quote) in text and esc(c.source_id) in text
        assert esc("closest parts 'najib' ~ 'mujib' 0.60") in text  # the name-similarity hint
        assert esc("2025-10-25") in text and esc("partial_agreement") in text  # the outcome timeline


@pytest.mark.parametrize("name", ["md", "json", "csv"])
def test_golden(bundled, name):
    """Whole outputs on the bundled claims; regenerate with UPDATE_GOLDEN=1 and read the diff."""
    text = _text(bundled, name)
    golden = GOLDEN / f"report.{name}"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8", newline="")
    assert text == golden.read_bytes().decode("utf-8")


def test_json_adds_report_keys_to_the_conflicts_document(bundled):
    doc = json.loads(_text(bundled, "json"))
    assert {"schema", "summary", "groups", "sources", "claims", "matrix", "provenance"} <= set(doc)
    assert len(doc["claims"]) == 59 and len(doc["sources"]) == 5
    assert doc["matrix"]["topics"][:4] == CONFLICTS
    row = next(r for r in doc["matrix"]["rows"] if r["source"] == "003-bbce")
    assert row["cells"]["ceasefire.initial_date"] == "self_contradiction"
    assert doc["matrix"]["majority"]["talks.outcome"][0] == {"as_of": "2025-10-25", "value": "in_progress",
                                                             "sources": 3, "tied": []}
    leader = next(v for v in doc["provenance"]["values"] if v["topic"] == "afghan_delegation.leader")
    assert leader["value"] == "Haji Najib" and leader["independent_origins"] == 2 and leader["repeated"] == []


def test_json_layout_is_the_same_data_as_plain_json(bundled, hostile):
    from claimcheck.report.jsonfmt import report_doc

    for report in (bundled, hostile):
        assert json.loads(_text(report, "json")) == json.loads(json.dumps(report_doc(report)))


def test_sqlite_queries(bundled, tmp_path):
    db = _db(bundled, tmp_path)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("SELECT count(*) FROM groups WHERE status = 'conflict'").fetchone() == (4,)
    # who says what on a conflicting topic: claims joined to their cluster, group and source
    rows = db.execute("""
        SELECT cl.display, s.id, c.attributed_to FROM claims c
        JOIN clusters cl ON cl.id = c.cluster_id
        JOIN groups g ON g.topic = cl.topic
        JOIN sources s ON s.id = c.source_id
        WHERE g.topic = 'afghan_delegation.leader' ORDER BY cl.position, c.id""").fetchall()
    assert rows == [("Haji Najib", "000-fa57", "The Express Tribune"),
                    ("Haji Najib", "000-fa57", "Zabihullah Mujahid on X"),
                    ("Rahmatullah Mujib", "001-71e8", "001-71e8")]
    # sources that contradict themselves, and the reason two values conflict
    assert db.execute("SELECT source_id, topic FROM matrix WHERE cell = 'self_contradiction'").fetchall() == [
        ("003-bbce", "ceasefire.initial_date")]
    reason = db.execute("""SELECT r.reason FROM relations r JOIN clusters a ON a.id = r.cluster_a
                           WHERE a.topic = 'afghan_delegation.leader'""").fetchone()[0]
    assert "'najib' ~ 'mujib' 0.60" in reason
    assert dict(db.execute("SELECT key, value FROM summary"))["conflict"] == "4"
    per_source = dict(db.execute("SELECT s.id, count(c.id) FROM sources s LEFT JOIN claims c ON c.source_id = s.id "
                                 "GROUP BY s.id"))
    assert sum(per_source.values()) == 59


def test_filters_limit_the_topics(bundled):
    report = build_report(bundled.comparison, ["conflict"], ["*.size", "talks.*"])
    assert [t.name for t in report.topics] == ["pakistan_delegation.size", "talks.outcome"]
    assert report.summary["topics"] == 2 and report.summary["claims"] == 13 and report.summary["sources"] == 5
    assert report.filters == {"status": ["conflict"], "topic": ["*.size", "talks.*"]}


# --------------------------------------------------------------------------- rules on small claim sets


def _source(sid: str, claims: list[dict], outlet: str | None = None) -> str:
    lines = [f"id: {sid}", f"outlet: {json.dumps(outlet or sid + ' news')}", "published: 2025-10-25",
             "text: ../articles/a.txt", "claims:"]
    for c in claims:
        lines.append(f"  - topic: {c['topic']}")
        lines.extend(f"    {k}: {json.dumps(v) if isinstance(v, str) else v}" for k, v in c.items() if k != "topic")
    return "\n".join(lines) + "\n"


def _claim_set(scratch, article: str, sources: dict[str, list[dict]], outlets: dict[str, str] | None = None):
    scratch.article("a.txt", article)
    for sid, claims in sources.items():
        scratch.source(f"{sid}.yaml", _source(sid, claims, (outlets or {}).get(sid)))
    return scratch.claims


MATRIX_ARTICLE = "seven members. two members. two weeks. nearly two weeks. the talks began. a deadlock. Oct 15. Oct 16."


def test_matrix_rules(scratch):
    size = lambda v: {"topic": "pakistan_delegation.size", "value": v, "quote": "seven members" if v == 7 else "two members"}
    days = lambda v: {"topic": "clashes.duration", "value": v, "quote": "two weeks"}
    outcome = lambda v, d: {"topic": "talks.outcome", "value": v, "quote": "the talks began", "as_of": d}
    claims = _claim_set(scratch, MATRIX_ARTICLE, {
        "a": [size(7), days(14), outcome("in_progress", "2025-10-25")],
        "b": [size(2), days("nearly 14"), outcome("in_progress", "2025-10-25")],
        "c": [size(7), days(14), outcome("deadlock", "2025-10-27")],
        "d": [{"topic": "ceasefire.initial_date", "value": "2025-10-15", "quote": "Oct 15"},
              {"topic": "ceasefire.initial_date", "value": "2025-10-16", "quote": "Oct 16"}],
    })
    report = build_report(_load(claims))
    by = {t.name: t for t in report.topics}
    cells = lambda topic: {s: by[topic].cell(s) for s in "abcd"}
    assert cells("pakistan_delegation.size") == {"a": "agrees", "b": "differs", "c": "agrees", "d": "silent"}
    assert cells("clashes.duration") == {"a": "agrees", "b": "partly", "c": "agrees", "d": "silent"}
    # compared per date: a and b agree on the 25th; c is alone on the 27th, which is no disagreement
    assert cells("talks.outcome") == {"a": "agrees", "b": "agrees", "c": "only_source", "d": "silent"}
    assert [(str(m.as_of), m.sources) for m in by["talks.outcome"].majority] == [("2025-10-25", 2), ("2025-10-27", 1)]
    assert by["talks.outcome"].majority_note(0) == "majority on 2025-10-25"
    assert cells("ceasefire.initial_date")["d"] == "self_contradiction"
    assert by["pakistan_delegation.size"].majority_note(0) == "majority"


def test_a_tie_picks_no_side_and_both_conflict(scratch):
    claims = _claim_set(scratch, MATRIX_ARTICLE, {
        "a": [{"topic": "pakistan_delegation.size", "value": 7, "quote": "seven members"}],
        "b": [{"topic": "pakistan_delegation.size", "value": 2, "quote": "two members"}],
    })
    report = build_report(_load(claims))
    (t,) = report.topics
    assert t.majority[0].cluster is None and len(t.majority[0].tied) == 2
    assert {t.cell("a"), t.cell("b")} == {"differs"}
    assert (t.cell_text("a"), t.cell_text("b")) == ("7 members", "2 members")
    assert t.majority_note(0) == t.majority_note(1) == ""
    (d,) = report.discrepancies
    assert [t.shown(i) for i in d.clusters] == ["7 members", "2 members"] and d.topic_reasons == ("7 ≠ 2",)


def test_a_tie_of_compatible_values_partly_agrees(scratch):
    claims = _claim_set(scratch, MATRIX_ARTICLE, {
        "a": [{"topic": "clashes.duration", "value": 14, "quote": "two weeks"}],
        "b": [{"topic": "clashes.duration", "value": "nearly 14", "quote": "nearly two weeks"}],
    })
    report = build_report(_load(claims))
    (t,) = report.topics
    assert (t.cell("a"), t.cell("b")) == ("partly", "partly") and report.discrepancies == ()
    assert (t.cell_text("a"), t.cell_text("b")) == ("14 days", "nearly 14 days")


# Quotes a hostile or careless article could hold; every one is in the article text, so it loads.
HOSTILE = {
    "script": "<script>alert(1)</script>",
    "img": '"><img src=x onerror=alert(1)>',
    "pipes": "| pipes |",
    "formula": '=HYPERLINK("http://x")',
    "plus": "+1",
    "at": "@SUM(A1)",
    "marks": "`code` and **bold** and \\ back",
}


@pytest.fixture
def hostile(scratch):
    article = " ".join(HOSTILE.values()) + " Pakistan sent a seven-member delegation, Reuters said."
    q = lambda key, topic, value, **kw: {"topic": topic, "value": value, "quote": HOSTILE[key], **kw}
    claims = _claim_set(scratch, article, {
        "evil-a": [q("script", "asif.open_war_quote", HOSTILE["script"], attributed_to="Khawaja Asif", via=HOSTILE["img"]),
                   q("formula", "pakistan_delegation.size", 7),
                   q("marks", "clashes.duration", 14)],
        "evil-b": [q("pipes", "asif.open_war_quote", HOSTILE["pipes"], attributed_to="Khawaja Asif"),
                   q("plus", "pakistan_delegation.size", 2, attributed_to=HOSTILE["at"])],
        "evil-c": [{"topic": "pakistan_delegation.size", "value": 7, "quote": "a seven-member delegation",
                    "attributed_to": "officials", "via": "Reuters"}],
        "evil-d": [{"topic": "pakistan_delegation.size", "value": 7, "quote": "a seven-member delegation, Reuters said",
                    "attributed_to": "reuters"}],
    }, outlets={"evil-a": HOSTILE["script"], "evil-b": HOSTILE["img"]})
    return build_report(_load(claims))


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs = set(), set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs.update(name for name, _ in attrs)


def test_html_shows_hostile_text_as_text(hostile):
    page = _text(hostile, "html")
    assert "<script" not in page.lower() and "<img" not in page.lower()
    parser = _Tags()
    parser.feed(page)
    assert not parser.tags & {"script", "img", "iframe", "object", "link"}
    assert not any(a.startswith("on") for a in parser.attrs)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in page
    assert "http://" not in page.split("<body>")[0].replace('content="default-src', "")  # nothing fetched


def _cells(line: str) -> list[str]:
    """A GFM table row's cells: a pipe after a backslash is part of the text (as in cmark-gfm)."""
    return re.split(r"(?<!\\)\|", line.strip())[1:-1]


def test_markdown_tables_keep_their_columns_and_no_html_gets_through(hostile):
    text = _text(hostile, "md")
    lines = text.splitlines()
    tables = 0
    for i, line in enumerate(lines):
        if re.fullmatch(r"\|(---\|)+", line):
            tables += 1
            width = len(_cells(lines[i - 1]))
            assert width == line.count("---")
            for row in lines[i + 1:]:
                if not row.startswith("|"):
                    break
                assert len(_cells(row)) == width, row
    assert tables == 5  # the matrix, three topics, the sources
    assert re.search(r"(?<!\\)<", text) is None  # every '<' is escaped
    assert md(HOSTILE["pipes"]) in text and md(HOSTILE["marks"]) == r"\`code\` and \*\*bold\*\* and \\ back"


def test_md_escapes_line_breaks():
    assert md("a\nb\r\nc\u2028d") == "a b c d"


def test_csv_neutralises_formulas(hostile):
    rows = list(csv.reader(io.StringIO(_csv(hostile))))
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row)
    cells = {cell for row in rows[1:] for cell in row}
    assert {"'" + HOSTILE["formula"], "'+1", "'@SUM(A1)", HOSTILE["script"]} <= cells
    assert neutralise("-3") == "'-3" and neutralise("\tx") == "'\tx" and neutralise("ok") == "ok" and neutralise(None) == ""


def test_json_and_sqlite_keep_text_verbatim(hostile, tmp_path):
    doc = json.loads(_text(hostile, "json"))
    quotes = {c["quote"] for g in doc["groups"] for v in g["values"] for c in v["claims"]}
    assert HOSTILE["script"] in quotes and HOSTILE["formula"] in quotes
    db = _db(hostile, tmp_path)
    assert db.execute("SELECT outlet FROM sources WHERE id = 'evil-a'").fetchone() == (HOSTILE["script"],)


def test_provenance_counts_a_shared_origin_once(hostile):
    (t, vp), = hostile.repeated_origins()
    assert t.name == "pakistan_delegation.size" and t.group.clusters[vp.cluster].display == "7"
    assert len(t.group.clusters[vp.cluster].sources) == 3 and vp.independent == 2
    (shared,) = vp.repeated
    assert shared.origin == "Reuters" and shared.sources == ("evil-c", "evil-d")
    assert "evil-c news (evil-c), evil-d news (evil-d) all credit Reuters" in _text(hostile, "md")
    assert "evil-c news (evil-c), evil-d news (evil-d)</span> all credit <b class=\"untrusted\">Reuters</b>" in _text(hostile, "html")


# --------------------------------------------------------------------------- choosing a format and writing


@pytest.mark.parametrize("output, name", [("r.html", "html"), ("r.HTM", "html"), ("r.md", "md"), ("r.markdown", "md"),
                                          ("r.json", "json"), ("r.csv", "csv"), ("r.sqlite", "sqlite"), ("r.db", "sqlite")])
def test_format_from_extension(output, name):
    assert choose_format(output).name == name


@pytest.mark.parametrize("output, fmt, message", [
    ("r.txt", None, "cannot tell the report format from '.txt'"),
    ("r.html", "pdf", "unknown report format 'pdf'"),
    ("-", None, "writing to stdout needs --format"),
    ("-", "sqlite", "binary format and cannot be written to stdout"),
])
def test_format_errors(output, fmt, message):
    from claimcheck.errors import UsageError

    with pytest.raises(UsageError, match=re.escape(message)) as exc:
        choose_format(output, fmt)
    assert str(exc.value).startswith(f"{output}: ")


def test_write_replaces_whole_and_leaves_no_temp_file(tmp_path, monkeypatch):
    target = tmp_path / "report.md"
    target.write_text("old report\n")
    write_atomic(target, "new report\n")
    assert target.read_text() == "new report\n" and os.listdir(tmp_path) == ["report.md"]

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    from claimcheck.errors import UsageError

    with pytest.raises(UsageError, match="No space left on device"):
        write_atomic(target, "newer report\n")
    assert target.read_text() == "new report\n" and os.listdir(tmp_path) == ["report.md"]


# --------------------------------------------------------------------------- the command


def test_cli_writes_each_format(run, tmp_path):
    for name in ("html", "md", "json", "csv", "sqlite"):
        out = tmp_path / f"report.{FORMATS[name].extensions[0].lstrip('.')}"
        result = run("report", "--claims", ROOT / "claims", "-o", out)
        assert result.exit_code == 0, result.stderr
        also = f" and {tmp_path / 'report.metadata.json'}" if name == "sqlite" else ""
        assert result.stderr == f"wrote {out}{also}: 25 topics, 4 conflicts\n" and result.stdout == ""
        assert out.stat().st_size > 1000
    assert sorted(os.listdir(tmp_path)) == ["report.csv", "report.html", "report.json", "report.md",
                                            "report.metadata.json", "report.sqlite"]


def test_cli_stdout_and_filters(run):
    result = run("report", "--claims", ROOT / "claims", "-o", "-", "--format", "json", "--status", "conflict")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert [g["topic"] for g in doc["groups"]] == CONFLICTS and doc["summary"]["filters"] == {"status": ["conflict"]}
    assert result.stderr == "wrote stdout: 4 topics, 4 conflicts\n"


def test_cli_renderer_failure_leaves_the_old_report(run, tmp_path, monkeypatch):
    import claimcheck.report.markdown as markdown

    target = tmp_path / "report.md"
    target.write_text("the previous report\n")

    def half_way(report):
        raise RuntimeError("renderer broke half-way")

    monkeypatch.setattr(markdown, "render", half_way)
    result = run("report", "--claims", ROOT / "claims", "-o", target)
    assert result.exit_code == 1 and "renderer broke half-way" in result.stderr
    assert target.read_text() == "the previous report\n" and os.listdir(tmp_path) == ["report.md"]


@pytest.mark.parametrize("args, message", [
    (["-o", "{tmp}/missing/report.html"], "missing/report.html: cannot write the report: folder"),
    (["-o", "{tmp}/report.pdf"], "cannot tell the report format from '.pdf'"),
    (["-o", "{tmp}/report.html", "--format", "docx"], "unknown report format 'docx'"),
    (["-o", "-", "--format", "sqlite"], "cannot be written to stdout"),
    (["-o", "{tmp}", "--format", "html"], "this is a folder"),
])
def test_cli_usage_errors_exit_2_and_write_nothing(run, tmp_path, args, message):
    result = run("report", "--claims", ROOT / "claims", *[a.format(tmp=tmp_path) for a in args])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and message in result.stderr and result.stderr.count("\n") == 1
    assert os.listdir(tmp_path) == [] and result.stdout == ""


def test_cli_unwritable_folder(run, tmp_path, monkeypatch):
    import claimcheck.output.atomic as write

    monkeypatch.setattr(write, "_writable", lambda folder: False)  # a read-only folder (root would ignore chmod)
    result = run("report", "--claims", ROOT / "claims", "-o", tmp_path / "report.html")
    assert result.exit_code == 2 and result.stderr == f"error: {tmp_path}/report.html: cannot write the report: folder '{tmp_path}' is not writable\n"
    assert os.listdir(tmp_path) == []


def test_cli_output_inside_a_file_is_refused(run, tmp_path):
    (tmp_path / "notes.txt").write_text("x")
    result = run("report", "--claims", ROOT / "claims", "-o", tmp_path / "notes.txt" / "report.md")
    assert result.exit_code == 2 and "notes.txt' is not a folder" in result.stderr


# --------------------------------------------------------------------------- run identity


def test_run_identity_in_every_format(run, tmp_path, monkeypatch):
    """--title, the generated-at time (SOURCE_DATE_EPOCH stands for now), the claim set's revision, the tool."""
    from claimcheck import __version__
    from claimcheck.claimset.revision import digest

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1761566400")  # 2025-10-27T12:00:00Z
    stamp, tool = "2025-10-27T12:00:00Z", f"claimcheck {__version__}"
    outputs = {}
    for name in ("html", "md", "json", "csv", "sqlite"):
        out = tmp_path / f"r.{FORMATS[name].extensions[0].lstrip('.')}"
        result = run("report", "--claims", ROOT / "claims", "-o", out, "--title", "Day 3: <Istanbul> | talks")
        assert result.exit_code == 0, result.stderr
        outputs[name] = out
    doc = json.loads(outputs["json"].read_text(encoding="utf-8"))
    rev = doc["run"]["revision"]
    assert doc["run"]["title"] == "Day 3: <Istanbul> | talks" and doc["run"]["generated_at"] == stamp
    assert doc["run"]["tool"] == tool and re.fullmatch(r"git [0-9a-f]{12}|sha256 [0-9a-f]{16}", rev)
    html = outputs["html"].read_text(encoding="utf-8")
    assert "<h1 class=\"untrusted\">Day 3: &lt;Istanbul&gt; | talks</h1>" in html
    assert f"generated <span class=\"nw\">{stamp}</span>" in html and rev in html and tool in html
    md_text = outputs["md"].read_text(encoding="utf-8")
    assert md_text.startswith(f"# Day 3: \\<Istanbul\\> \\| talks\n\ngenerated {stamp} · claim set {rev}")
    row = next(csv.DictReader(io.StringIO(outputs["csv"].read_bytes().decode("utf-8-sig"))))
    assert (row["report_title"], row["generated_at"], row["revision"], row["tool"]) == (
        "Day 3: <Istanbul> | talks", stamp, rev, tool)
    db = sqlite3.connect(outputs["sqlite"])
    summary = dict(db.execute("SELECT key, value FROM summary"))
    assert (summary["title"], summary["generated_at"], summary["revision"], summary["tool"]) == (
        "Day 3: <Istanbul> | talks", stamp, rev, tool)
    if rev.startswith("sha256"):
        assert rev == f"sha256 {digest(load_claim_set(ROOT / 'claims'))}"


def test_revision_is_the_commit_in_a_repository_and_a_digest_outside(scratch, tmp_path):
    import shutil
    import subprocess

    from claimcheck.claimset.revision import describe, digest

    scratch.article("a.txt", "seven members.")
    scratch.source("a.yaml", _source("a", [{"topic": "pakistan_delegation.size", "value": 7, "quote": "seven members"}]))
    cs = load_claim_set(scratch.claims)
    first = digest(cs)
    assert describe(cs) == (f"sha256 {first}", None)  # not in a repository
    scratch.article("a.txt", "seven members. More text.")
    assert digest(load_claim_set(scratch.claims)) != first  # an article is part of the claim set
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@e", "GIT_CONFIG_GLOBAL": os.devnull}
    git = lambda *a: subprocess.run(["git", *a], cwd=scratch.root, env=env, check=True, capture_output=True, text=True).stdout
    git("init", "-q")
    git("add", "-A")
    git("commit", "-q", "-m", "one")
    head = git("rev-parse", "HEAD").strip()
    cs = load_claim_set(scratch.claims)
    assert describe(cs) == (f"git {head[:12]}", None)
    scratch.article("a.txt", "seven members. Edited.")
    cs = load_claim_set(scratch.claims)
    assert describe(cs) == (f"git {head[:12]}", f"with uncommitted changes to 1 file: sha256 {digest(cs)}")


def test_units_follow_numbers(bundled):
    doc = json.loads(_text(bundled, "json"))
    size = next(g for g in doc["groups"] if g["topic"] == "pakistan_delegation.size")
    assert size["unit"] == "members" and doc["matrix"]["units"]["border.length_km"] == "km"
    claim = next(c for c in doc["claims"] if c["topic"] == "border.length_km")
    assert (claim["value"], claim["unit"]) == ("2611", "km")
    rows = list(csv.DictReader(io.StringIO(_csv(bundled))))
    assert {(r["value"], r["unit"]) for r in rows if r["topic"] == "ceasefire.initial_duration"} == {("48", "hours")}
    text = _text(bundled, "md")
    assert "· 2611 km" in text and "**80 percent**" in text and "**dozens of people**" in text


def test_csv_names_outlets_urls_and_notes(hostile):
    rows = list(csv.DictReader(io.StringIO(_csv(hostile))))
    assert list(rows[0])[:12] == ["topic", "status", "value", "unit", "cluster", "cluster_sources", "independent_origins",
                                  "source", "outlet", "url", "cell", "claim_id"]
    by = {r["claim_id"]: r for r in rows}
    assert by["evil-c#1"]["outlet"] == "evil-c news" and by["evil-c#1"]["via"] == "Reuters"
    assert by["evil-a#2"]["outlet"] == "<script>alert(1)</script>" and by["evil-a#2"]["unit"] == "members"


def test_sqlite_full_text_search_and_source_names(bundled, tmp_path):
    db = _db(bundled, tmp_path)
    hits = db.execute("SELECT c.id FROM claims_fts JOIN claims c ON c.rowid = claims_fts.rowid "
                      "WHERE claims_fts MATCH 'seven' ORDER BY c.id").fetchall()
    assert hits == [("001-71e8#11",), ("003-bbce#6",)]  # a quote, and a note ('counted back seven days')
    assert db.execute("SELECT name FROM sources WHERE id = '000-fa57'").fetchone() == ("unknown outlet (000-fa57)",)
    assert db.execute("SELECT shown FROM matrix WHERE source_id = '003-bbce' AND topic = 'ceasefire.initial_date'"
                      ).fetchone() == ("2025-10-16; 2025-10-15",)


# --------------------------------------------------------------------------- quotes in their articles


def test_text_fragment_links_encode_the_directive_characters():
    from claimcheck.report.html import text_fragment

    assert text_fragment("https://x.example/a#top", ["Costs rose 5-7%, & more"]) == \
        "https://x.example/a#:~:text=Costs%20rose%205%2D7%25%2C%20%26%20more"
    long = ["one two three four five six", "seven eight nine ten eleven twelve"]
    assert text_fragment("http://x.example/", long) == "http://x.example/#:~:text=one%20two%20three%20four%20five,eight%20nine%20ten%20eleven%20twelve"
    assert text_fragment("javascript:alert(1)", ["a"]) is None and text_fragment(None, ["a"]) is None


@pytest.mark.parametrize("topic, value, quote, marked", [
    ("pakistan_delegation.size", 7, "Pakistan’s seven-member delegation comprises officials", "seven"),
    ("border.length_km", 2611, "The 2,611-kilometer frontier", "2,611"),
    ("clashes.duration", 14, "following two weeks of deadly clashes", "two weeks"),
    ("clashes.duration", "nearly 14", "which triggered nearly two weeks of fighting", "nearly two weeks"),
    ("afghan_delegation.leader", "Haji Najib", "led by Deputy Interior Minister Haji Najib, arrived", "Haji Najib"),
    ("afghan_delegation.leader", "Haji Najib", "led by Najib, who arrived", "Najib"),
    ("ceasefire.doha_date", "2025-10-19", "in Doha on October 18-19.", "October 18-19"),
    ("talks.outcome", "deadlock", "talks have reportedly hit a deadlock", "deadlock"),
    ("doha_talks.mediators", ["Qatar", "Turkey"], "brokered by Qatar and Turkey last Sunday", "Qatar and Turkey"),
    ("ceasefire.renewal_dates", ["2025-10-17", "2025-10-19"], "renewed on October 17 and October 19, both sides",
     "October 17 and October 19"),
    ("asif.open_war_quote", "If these talks fail, it will be an open war", "“If these talks fail, it will be an open war,” Asif warned.",
     "If these talks fail, it will be an open war"),
])
def test_the_value_is_found_in_its_quote(scratch, topic, value, quote, marked):
    scratch.article("a.txt", quote)
    claims = _claim_set(scratch, quote, {"a": [{"topic": topic, "value": value, "quote": quote}]})
    report = build_report(_load(claims))
    (t,) = report.topics
    c = t.group.clusters[0].claims[0]
    a, b = report.value_span(t, c)
    assert quote[a:b] == marked


def test_articles_mark_every_piece_of_a_quote(scratch):
    article = "First part here. Some words between. Second part there.\nAnother line with seven members."
    claims = _claim_set(scratch, article, {"a": [
        {"topic": "asif.open_war_quote", "value": "First part here ... Second part there",
         "quote": "First part here. ... Second part there.", "attributed_to": "Khawaja Asif"},
        {"topic": "pakistan_delegation.size", "value": 7, "quote": "seven members"}]})
    report = build_report(_load(claims))
    (view,) = report.articles()
    pieces = {p.claim.topic: [view.text[a:b] for a, b in p.pieces] for p in view.passages}
    assert pieces == {"asif.open_war_quote": ["First part here.", "Second part there."],
                      "pakistan_delegation.size": ["seven members"]}
    page = _text(report, "html")
    body = page.split('<div class="text untrusted">', 1)[1].split("</div>", 1)[0]
    assert '<strong class="v">seven</strong>' in body
    merged = re.sub(r'</mark><mark class="q">', "", re.sub(r"</?strong[^>]*>", "", body))  # marks split where a value starts
    assert re.findall(r'<mark class="q">(.*?)</mark>', merged) == ["First part here.", "Second part there.", "seven members"]
    assert "</p>\n<p>" in body  # a paragraph per line


def test_an_article_that_cannot_be_read_again_is_named_not_shown(scratch):
    claims = _claim_set(scratch, "seven members.", {"a": [{"topic": "pakistan_delegation.size", "value": 7,
                                                          "quote": "seven members"}]})
    comparison = _load(claims)
    (scratch.articles / "a.txt").write_bytes(b"\xff\xfe not utf-8")
    report = build_report(comparison)
    (view,) = report.articles()
    assert view.text is None and view.problem == "the article is not UTF-8"
    page = _text(report, "html")
    assert "The article text is not shown: <span class=\"untrusted\">the article is not UTF-8</span>" in page
    assert 'href="#p1"' not in page  # no link to a passage that is not there


def test_large_sets_leave_the_articles_out_and_say_so(hostile, monkeypatch):
    import claimcheck.report.html as html

    monkeypatch.setattr(html, "ARTICLES_UP_TO", 3)  # the hostile set has 4 sources
    page = _text(hostile, "html")
    assert "The 4 articles are not embedded: a page holding the texts of more than 3 sources" in page
    assert '<details class="article"' not in page and 'href="#p1"' not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
