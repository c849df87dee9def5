"""The HTML report in a real browser (headless Chromium via Playwright): visible, self-contained, phone-width, printable."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from claimcheck.compare import compare_claim_set
from claimcheck.load import load_claim_set
from claimcheck.report import FORMATS, build_report, render

from conftest import CLAIMS

CHROMIUM = shutil.which("chromium")
if CHROMIUM is None:
    pytest.skip("chromium is not on PATH (Debian: apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).parent / "artifacts"
CONFLICTS = ["afghan_delegation.leader", "ceasefire.initial_date", "pakistan_delegation.size", "talks.outcome"]


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def report():
    return build_report(compare_claim_set(load_claim_set(CLAIMS)))


def _page(browser, html: str, folder: Path, width: int = 1280):
    path = folder / "report.html"
    path.write_text(html, encoding="utf-8")
    page = browser.new_page(viewport={"width": width, "height": 900})
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri())
    return page, requests


def _section(page, topic: str):
    return page.locator("details.topic").filter(has=page.locator("summary h3", has_text=re.compile(f"^{re.escape(topic)}$")))


def test_matrix_and_every_conflict_are_visible(browser, report, tmp_path):
    page, requests = _page(browser, render(report, FORMATS["html"]), tmp_path)
    assert requests == [(tmp_path / "report.html").as_uri()]  # nothing else fetched: fonts, scripts, images
    assert page.locator("table.matrix").is_visible()
    assert page.locator("table.matrix tbody tr").count() == 5
    assert page.locator("table.matrix thead th").count() == 1 + 25
    cell = page.locator("table.matrix tbody tr", has_text="003-bbce").locator("td").nth(1)
    assert cell.inner_text() == "⚠ self-contradiction"
    for topic in CONFLICTS:
        section = _section(page, topic)
        assert section.count() == 1 and section.is_visible()
        assert section.locator("summary").inner_text().startswith("✗ conflict")
        quotes = section.locator("blockquote")
        t = next(t for t in report.topics if t.name == topic)
        assert quotes.count() == t.group.claim_count
        assert all(quotes.nth(i).is_visible() for i in range(quotes.count()))
    assert _section(page, "afghan_delegation.leader").get_by_text("closest parts 'najib' ~ 'mujib' 0.60").is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report.png"))
    page.close()


def test_phone_width_has_no_sideways_scroll_but_the_matrix(browser, report, tmp_path):
    page, _ = _page(browser, render(report, FORMATS["html"]), tmp_path, width=375)
    doc = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth,"
                        " document.body.scrollWidth]")
    assert doc[0] <= doc[1] and doc[2] <= doc[1], doc
    box = page.evaluate("(() => { const s = document.querySelector('#matrix .scroll');"
                        " return [s.scrollWidth, s.clientWidth]; })()")
    assert box[0] > box[1]  # the matrix scrolls inside its own container
    page.screenshot(path=str(ARTIFACTS / "report-375.png"), full_page=False)
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
    page, _ = _page(browser, render(rep, FORMATS["html"]), scratch.root, width=375)
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], widths
    page.close()


def test_long_sections_start_collapsed_and_print_expanded(browser, report, tmp_path, monkeypatch):
    import claimcheck.report.html as html

    monkeypatch.setattr(html, "OPEN_UP_TO", 5)
    page, _ = _page(browser, render(report, FORMATS["html"]), tmp_path)
    section = _section(page, "talks.outcome")  # 11 claims
    assert section.locator("summary").is_visible()
    assert not section.locator("blockquote").first.is_visible()
    page.emulate_media(media="print")
    assert section.locator("blockquote").first.is_visible()
    assert page.locator("nav").is_hidden()
    pdf = page.pdf()  # printable end to end
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    page.close()


@pytest.mark.skipif(not os.environ.get("UPDATE_SCREENSHOT"), reason="set UPDATE_SCREENSHOT=1 to refresh docs/report.png")
def test_update_readme_screenshot(browser, report, tmp_path):
    page, _ = _page(browser, render(report, FORMATS["html"]), tmp_path, width=1100)
    page.set_viewport_size({"width": 1100, "height": 1500})
    page.screenshot(path=str(Path(__file__).parent.parent / "docs" / "report.png"))
    page.close()
