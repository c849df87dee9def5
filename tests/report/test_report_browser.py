"""The HTML report in a real browser (headless Chromium via Playwright): desktop, phone, print, accessibility.

Each point is checked on the bundled claim set and on a small two-source story whose sources have
outlets and URLs. axe-core (vendored in tests/vendor/axe-core, never loaded by claimcheck) checks
accessibility; print is checked in print emulation at an A4 page's width and by printing a PDF.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from claimcheck.compare import compare_claim_set
from claimcheck.claimset.load import load_claim_set
from claimcheck.report import FORMATS, build_report, render
from claimcheck.report.model import RunInfo

from conftest import CLAIMS, ROOT

CHROMIUM = shutil.which("chromium")
if CHROMIUM is None:
    pytest.skip("chromium is not on PATH (Debian: apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).parent.parent / "artifacts"
AXE = Path(__file__).parent.parent / "vendor" / "axe-core" / "axe.min.js"
CONFLICTS = ["afghan_delegation.leader", "ceasefire.initial_date", "pakistan_delegation.size", "talks.outcome"]
RUN = RunInfo("Istanbul talks: what the sources say", "2025-10-27T12:00:00Z", "git 0123456789ab", None, "claimcheck test")
PHONE = {"width": 390, "height": 844}
A4_CSS_WIDTH = 794  # 210 mm at 96 px per inch
A4_CONTENT = A4_CSS_WIDTH - 2 * round(12 / 25.4 * 96)  # the print stylesheet's 12 mm margins


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def bundled():
    return build_report(compare_claim_set(load_claim_set(CLAIMS)), run=RUN)


STORY = ("The Daily Planet learned on Monday that the city council approved the bridge plan by a vote of 7 to 2. "
         "Mayor Ana Ruiz said the bridge will cost 40 million dollars.\n\n"
         "Opponents said the work would take 18 months.\n")
BUGLE = ("By our reporter. The council approved the bridge on Monday. Council member Leo Park told The Bugle "
         "that the bridge would cost 55 million dollars, far more than the mayor said.\n"
         "Construction is expected to take 18 months.\n")


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    """Two sources on one story, with outlets and URLs: they disagree on the cost and agree on the duration."""
    root = tmp_path_factory.mktemp("story")
    (root / "claims").mkdir()
    (root / "articles").mkdir()
    (root / "articles" / "planet.txt").write_text(STORY, encoding="utf-8")
    (root / "articles" / "bugle.txt").write_text(BUGLE, encoding="utf-8")
    (root / "claims" / "topics.yaml").write_text("""
topics:
  bridge.cost:
    type: number
    unit: million dollars
    description: What the bridge will cost.
  bridge.duration:
    type: number
    unit: months
    description: How long building the bridge will take.
  bridge.approved_by:
    type: person
    description: Who announced the approval.
""", encoding="utf-8")
    (root / "claims" / "planet.yaml").write_text("""
id: planet-1
outlet: The Daily Planet
title: Council approves the bridge
published: 2025-11-03
url: https://planet.example/news/bridge?id=7
text: ../articles/planet.txt
claims:
  - topic: bridge.cost
    value: 40
    quote: "Mayor Ana Ruiz said the bridge will cost 40 million dollars."
    attributed_to: Ana Ruiz
  - topic: bridge.duration
    value: 18
    quote: "Opponents said the work would take 18 months."
    attributed_to: Opponents
  - topic: bridge.approved_by
    value: Ana Ruiz
    quote: "Mayor Ana Ruiz said the bridge will cost 40 million dollars."
""", encoding="utf-8")
    (root / "claims" / "bugle.yaml").write_text("""
id: bugle-1
outlet: The Bugle
title: Bridge to cost more than the mayor says
published: 2025-11-03
url: https://bugle.example/bridge
text: ../articles/bugle.txt
claims:
  - topic: bridge.cost
    value: 55
    quote: "the bridge would cost 55 million dollars"
    attributed_to: Leo Park
  - topic: bridge.duration
    value: 18
    quote: "Construction is expected to take 18 months."
""", encoding="utf-8")
    return build_report(compare_claim_set(load_claim_set(root / "claims")), run=RUN)


def _page(browser, report, folder: Path, viewport=None, bypass_csp: bool = False):
    path = folder / "report.html"
    path.write_text(render(report, FORMATS["html"]), encoding="utf-8")
    context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900}, bypass_csp=bypass_csp)
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri())
    return page, requests


def _section(page, topic: str):
    return page.locator("details.topic").filter(has=page.locator("summary h3", has_text=re.compile(f"^{re.escape(topic)}$")))


def _cell(page, source_id: str, topic: str):
    """The screen matrix's cell of one source and one topic."""
    names = page.locator("table.matrix.screen thead th span.untrusted").all_inner_texts()
    column = [re.sub(r"\s+", "", n) for n in names].index(topic)
    row = page.locator("table.matrix.screen tbody tr").filter(has=page.locator("th code.sid", has_text=source_id))
    return row.locator("td").nth(column)


def _shown(cell) -> str:
    """What a cell shows a sighted reader: its symbol and value (not the words kept for screen readers)."""
    return cell.evaluate("""e => { const c = e.cloneNode(true);
        c.querySelectorAll('.vh, .full').forEach(x => x.remove());
        return c.textContent.replace(/\\s+/g, ' ').trim(); }""")


def _axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    assert result["testEngine"]["name"] == "axe-core" and len(result["passes"]) + len(result["inapplicable"]) > 20
    return [{"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


# --------------------------------------------------------------------------- desktop


def test_matrix_says_who_says_what(browser, bundled, tmp_path):
    page, requests = _page(browser, bundled, tmp_path)
    assert requests == [(tmp_path / "report.html").as_uri()]  # nothing else fetched: fonts, scripts, images
    matrix = page.locator("table.matrix.screen")
    assert matrix.is_visible()
    assert matrix.locator("tbody tr").count() == 5 and matrix.locator("thead th").count() == 1 + 25
    assert "no majority" not in page.inner_text("body").lower()
    # a conflict: each side's value in red with ≠
    for sid, value in (("000-fa57", "Haji Najib"), ("001-71e8", "Rahmatullah Mujib")):
        cell = _cell(page, sid, "afghan_delegation.leader")
        assert _shown(cell) == f"≠ {value}" and cell.get_attribute("class") == "c-differs"
        assert cell.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(253, 228, 228)"
    # units after numbers; a self-contradiction marked with both values
    assert _shown(_cell(page, "001-71e8", "pakistan_delegation.size")) == "≠ 7 members"
    assert _shown(_cell(page, "002-7ad1", "border.length_km")) == "· 2611 km"
    assert _shown(_cell(page, "003-bbce", "ceasefire.initial_date")) == "⚠ 2025-10-16; 2025-10-15"
    # agreement green, partial amber
    agree = _cell(page, "000-fa57", "istanbul_talks.round")
    assert agree.get_attribute("class") == "c-agrees" and agree.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(223, 243, 227)"
    partly = _cell(page, "002-7ad1", "clashes.duration")
    assert _shown(partly) == "≈ nearly 14 days"
    assert partly.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(255, 240, 204)"
    # a long value is shortened; the full value shows on keyboard focus
    long = _cell(page, "004-429f", "asif.open_war_quote").locator(".short")
    full = long.locator(".full")
    assert "…" in long.inner_text() and full.bounding_box()["width"] <= 1
    long.focus()
    assert full.bounding_box()["width"] > 100 and full.inner_text().startswith("I’m not under any illusions")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report.png"))
    page.close()


def test_key_discrepancies_come_first(browser, bundled, tmp_path):
    page, _ = _page(browser, bundled, tmp_path)
    items = page.locator("#discrepancies ol.disc > li")
    assert items.count() == 4
    texts = items.all_inner_texts()
    assert [t.split(":")[0].split(" (")[0] for t in texts] == CONFLICTS
    assert texts[0].startswith("afghan_delegation.leader: Haji Najib (000-fa57)≠Rahmatullah Mujib (001-71e8)")
    assert "Why: different names, similarity 0.36" in texts[0]
    assert "2 members (000-fa57)≠7 members (001-71e8)" in texts[2]
    assert "003-bbce contradicts itself" in texts[1]
    assert texts[3].startswith("talks.outcome (as of 2025-10-27): deadlock (003-bbce)≠partial_agreement (004-429f)")
    # above the matrix, and every conflict's section is shown with all its quotes
    assert page.locator("#discrepancies").bounding_box()["y"] < page.locator("#matrix").bounding_box()["y"]
    for topic in CONFLICTS:
        section = _section(page, topic)
        assert section.count() == 1 and section.locator("summary").inner_text().startswith("✗ conflict")
        t = next(t for t in bundled.topics if t.name == topic)
        quotes = section.locator("blockquote")
        assert quotes.count() == t.group.claim_count and all(q.is_visible() for q in quotes.all())
    page.close()


def test_every_quote_is_in_its_article_and_links_both_ways(browser, bundled, tmp_path):
    page, _ = _page(browser, bundled, tmp_path)
    assert page.locator("details.article").count() == 5
    assert all(not d.get_attribute("open") for d in page.locator("details.article").all())  # collapsed
    card = _section(page, "pakistan_delegation.size").locator("ul.claims li").filter(has_text="001-71e8")
    # the value is marked inside its quote
    assert card.locator("blockquote mark.v").inner_text() == "seven"
    link = card.get_by_role("link", name="in the article")
    target = link.get_attribute("href")
    number = target.removeprefix("#p")
    assert card.get_attribute("id") == f"c{number}"
    link.click()
    article = page.locator("details.article").filter(has=page.locator(f"[id='p{number}']"))
    assert article.get_attribute("open") is not None  # the browser opened the collapsed article
    mark = article.locator(f"[id='p{number}'] + mark")
    assert mark.is_visible() and mark.inner_text().startswith("Pakistan’s ")
    assert article.locator("strong.v", has_text="seven").count() == 1
    back = article.locator(f"a.back[href='#c{number}']")
    assert back.is_visible()
    back.click()
    assert page.evaluate("location.hash") == f"#c{number}" and card.is_visible()
    box = card.bounding_box()
    assert -5 <= box["y"] < 900
    # every curated quote of the bundled set is found and marked in its article
    assert page.locator("a.back").count() == bundled.summary["claims"]
    assert page.locator("span.anchor").count() == bundled.summary["claims"]
    page.close()


def test_a_two_source_story_names_outlets_and_links_to_the_original(browser, story, tmp_path):
    page, requests = _page(browser, story, tmp_path)
    assert requests == [(tmp_path / "report.html").as_uri()]
    rows = page.locator("table.matrix.screen tbody th").all_inner_texts()
    assert rows == ["The Bugle bugle-1", "The Daily Planet planet-1"]
    assert _shown(_cell(page, "planet-1", "bridge.cost")) == "≠ 40 million dollars"
    assert _shown(_cell(page, "bugle-1", "bridge.cost")) == "≠ 55 million dollars"
    assert _shown(_cell(page, "bugle-1", "bridge.duration")) == "= 18 months"
    assert _shown(_cell(page, "planet-1", "bridge.approved_by")) == "· Ana Ruiz"
    assert _shown(_cell(page, "bugle-1", "bridge.approved_by")) == "—"
    (item,) = page.locator("#discrepancies ol.disc > li").all_inner_texts()
    assert item == "bridge.cost: 55 million dollars (The Bugle bugle-1)≠40 million dollars (The Daily Planet planet-1)\nWhy: 55 ≠ 40"
    card = _section(page, "bridge.cost").locator("ul.claims li").filter(has_text="planet-1")
    original = card.get_by_role("link", name=re.compile("on the original page"))
    assert original.get_attribute("href") == (
        "https://planet.example/news/bridge?id=7#:~:text=Mayor%20Ana%20Ruiz%20said%20the,will%20cost%2040%20million%20dollars.")
    assert original.get_attribute("rel") == "noopener noreferrer nofollow"
    assert card.locator("mark.v").inner_text() == "40"
    assert page.locator("details.article summary h3").all_inner_texts() == ["The Bugle bugle-1", "The Daily Planet planet-1"]
    page.close()


def test_collapsed_sections_open_from_the_keyboard(browser, bundled, tmp_path, monkeypatch):
    import claimcheck.report.html as html

    monkeypatch.setattr(html, "OPEN_UP_TO", 5)
    page, _ = _page(browser, bundled, tmp_path)
    section = _section(page, "talks.outcome")  # 11 claims: collapsed
    summary = section.locator("summary")
    assert not section.locator("blockquote").first.is_visible()
    summary.focus()
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    outline = summary.evaluate("e => getComputedStyle(e).outlineStyle")
    assert outline != "none"  # a visible focus ring (the test focuses by script, which :focus-visible counts)
    page.keyboard.press("Enter")
    assert section.locator("blockquote").first.is_visible()
    article = page.locator("details.article").first
    article.locator("summary").focus()
    page.keyboard.press(" ")
    assert article.get_attribute("open") is not None and article.locator(".text").is_visible()
    page.close()


@pytest.mark.parametrize("which", ["bundled", "story"])
def test_axe_finds_no_serious_or_critical_violation(browser, bundled, story, tmp_path, which):
    report = bundled if which == "bundled" else story
    for viewport in ({"width": 1280, "height": 900}, PHONE):
        # axe is injected as a script, which the report's content security policy forbids: this page only lifts it
        page, _ = _page(browser, report, tmp_path, viewport, bypass_csp=True)
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")  # check every section's content
        assert _axe(page) == [], viewport
        page.close()


def test_the_page_forbids_scripts(browser, story, tmp_path):
    page, _ = _page(browser, story, tmp_path)
    try:
        page.add_script_tag(content="document.body.dataset.ran = 'yes'")
    except sync_api.Error:
        pass
    assert page.evaluate("document.body.dataset.ran") is None  # the content security policy blocked it
    page.close()


# --------------------------------------------------------------------------- phone


@pytest.mark.parametrize("which", ["bundled", "story"])
def test_phone_first_screen_and_a_matrix_that_scrolls_in_its_box(browser, bundled, story, tmp_path, which):
    report = bundled if which == "bundled" else story
    page, _ = _page(browser, report, tmp_path, PHONE)
    doc = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert doc[0] <= doc[1], doc  # no sideways scroll of the page
    # the first screen: title, summary, and the key discrepancies
    assert page.locator("ul.summary").bounding_box()["y"] < PHONE["height"]
    first = page.locator("#discrepancies ol.disc > li").first
    box = first.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"], box
    if which == "bundled":
        last = page.locator("#discrepancies ol.disc > li").last.bounding_box()
        assert last["y"] + last["height"] <= PHONE["height"] * 1.05
        hint = page.locator("#matrix-hint")
        assert hint.is_visible() and "scroll the table sideways" in hint.inner_text()
        region = page.locator("#matrix .matrix-box")
        sizes = region.evaluate("e => [e.scrollWidth, e.clientWidth]")
        assert sizes[0] > 3 * sizes[1]  # 25 topics in a box one screen wide
        region.focus()
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        # the box scrolls from the keyboard (the browser may scroll smoothly: wait for it to move)
        page.wait_for_function("() => document.querySelector('#matrix .matrix-box').scrollLeft > 0", timeout=5000)
        # the first column stays in place while the matrix scrolls
        region.evaluate("e => e.scrollLeft = 600")
        assert page.locator("table.matrix.screen tbody th").first.bounding_box()["x"] < 30
        ids = page.locator("table.matrix.screen tbody th code.sid").all()
        assert all(i.bounding_box()["height"] < 30 for i in ids)  # ids on one line, never "000-/fa57"
        page.screenshot(path=str(ARTIFACTS / "report-390.png"))
    page.close()


def test_long_unbroken_text_does_not_widen_the_page(browser, scratch):
    word = "x" * 400
    scratch.article("a.txt", f"The talks began {word} and ended.")
    scratch.source("a.yaml", f"""
        id: a
        outlet: {word}
        text: ../articles/a.txt
        claims:
          - topic: asif.open_war_quote
            value: "{word}"
            quote: "The talks began {word} and ended."
            attributed_to: Khawaja Asif
        """)
    rep = build_report(compare_claim_set(load_claim_set(scratch.claims)))
    page, _ = _page(browser, rep, scratch.root, PHONE)
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], widths
    page.close()


# --------------------------------------------------------------------------- print


@pytest.mark.parametrize("which", ["bundled", "story"])
def test_print_fits_the_matrix_on_the_page_and_expands_everything(browser, bundled, story, tmp_path, monkeypatch, which):
    import claimcheck.report.html as html

    monkeypatch.setattr(html, "OPEN_UP_TO", 5)
    report = bundled if which == "bundled" else story
    page, _ = _page(browser, report, tmp_path, {"width": A4_CONTENT, "height": 1000})
    page.emulate_media(media="print")
    assert page.locator("table.matrix.screen").is_hidden() and page.locator("nav").is_hidden()
    printed = page.locator("table.matrix.print")
    assert printed.count() == -(-len(report.sources) // html.PRINT_COLUMNS)
    for table in printed.all():
        assert table.is_visible()
        width = table.evaluate("e => [e.scrollWidth, e.getBoundingClientRect().right]")
        assert width[0] <= A4_CONTENT and width[1] <= A4_CONTENT + 1, width
        assert table.locator("tbody tr").count() == len(report.topics)
    doc = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert doc[0] <= doc[1], doc  # nothing on the page is wider than the paper
    # every cell's value is printed, and collapsed sections and articles are open
    text = printed.first.inner_text()
    if which == "bundled":
        assert "≠ Haji Najib" in text and "⚠ 2025-10-16; 2025-10-15" in text and "· 2611 km" in text
        assert _section(page, "talks.outcome").locator("blockquote").first.is_visible()
    assert page.locator("details.article .text").first.is_visible()
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF")
    boxes = {(float(w), float(h)) for w, h in re.findall(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)", pdf)}
    assert all(abs(w - 595.3) < 2 and abs(h - 841.9) < 2 for w, h in boxes), boxes  # every page A4
    (ARTIFACTS / f"report-{which}.pdf").write_bytes(pdf)
    page.close()


# --------------------------------------------------------------------------- screenshots for the README


@pytest.mark.skipif(not os.environ.get("UPDATE_SCREENSHOT"), reason="set UPDATE_SCREENSHOT=1 to refresh docs/report*.png")
def test_update_readme_screenshots(browser, tmp_path):
    from claimcheck import __version__
    from claimcheck.claimset.revision import describe

    docs = ROOT / "docs"
    comparison = compare_claim_set(load_claim_set(CLAIMS))
    revision, note = describe(comparison.claim_set)
    bundled = build_report(comparison, run=RunInfo(RUN.title, RUN.generated_at, revision, note, f"claimcheck {__version__}"))
    page, _ = _page(browser, bundled, tmp_path, {"width": 1100, "height": 1400})
    page.screenshot(path=str(docs / "report.png"))
    page.close()
    page, _ = _page(browser, bundled, tmp_path, PHONE)
    page.screenshot(path=str(docs / "report-phone.png"))
    page.close()
    page, _ = _page(browser, bundled, tmp_path, {"width": A4_CONTENT, "height": 1100})
    page.emulate_media(media="print")
    page.locator("#matrix").screenshot(path=str(docs / "report-print.png"))
    page.close()
    page, _ = _page(browser, bundled, tmp_path, {"width": 1100, "height": 900})
    page.locator("a[href^='#p']").nth(12).click()
    page.evaluate("window.scrollBy(0, -120)")
    page.screenshot(path=str(docs / "report-article.png"))
    page.close()
