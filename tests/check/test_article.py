"""Reading an article to check: encodings, HTML, Markdown, stdin, and what is refused."""

from __future__ import annotations

import codecs

import pytest

from claimcheck.check.article import article_from_bytes, html_text, read_article, stdlib_html_text
from claimcheck.errors import UnreadableInput

from conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures"
SENTENCE = "The talks “collapsed” in Zürich — officials said, naïvely.\n"


def test_utf8_text_is_read_as_it_is(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(SENTENCE, encoding="utf-8")
    a = read_article(str(p), 1000)
    assert (a.text, a.kind, a.encoding, a.warnings, a.verbatim) == (SENTENCE, "text", "utf-8", (), True)


def test_utf8_with_bom(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(codecs.BOM_UTF8 + SENTENCE.encode("utf-8"))
    a = read_article(str(p), 1000)
    assert (a.text, a.encoding, a.warnings) == (SENTENCE, "utf-8-sig", ())


def test_utf16_with_bom(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(SENTENCE.encode("utf-16"))
    assert read_article(str(p), 1000).text == SENTENCE


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_other_encodings_are_detected_and_said(tmp_path, encoding):
    text = SENTENCE if encoding == "cp1252" else "Café in Zürich: a naïve façade, officials said.\n"
    p = tmp_path / "a.txt"
    p.write_bytes(text.encode(encoding))
    a = read_article(str(p), 1000)
    assert a.text == text
    assert a.encoding == "cp1252"
    assert a.warnings == ("not UTF-8; decoded as cp1252 (detected), check accented letters and quotes",)
    assert a.verbatim is False  # a draft must point at a UTF-8 copy, not at this file


def test_declared_html_charset_wins(tmp_path):
    page = '<html><head><meta charset="windows-1252"></head><body><p>Caf\u00e9 talks \u201cended\u201d.</p></body></html>'
    p = tmp_path / "a.html"
    p.write_bytes(page.encode("cp1252"))
    a = read_article(str(p), 10_000, html_extractor="stdlib")
    assert a.text == "Café talks “ended”."
    assert a.warnings == ("not UTF-8; decoded as cp1252, the charset the page declares",)


@pytest.mark.parametrize("data, message", [
    (b"", "x.txt: article is empty"),
    (b"  \n\t\n", "x.txt: article is empty"),
    (b"PK\x03\x04\x00\x00binary", "x.txt: article is binary (it holds NUL bytes); expected text or HTML"),
    (bytes(range(1, 32)) * 20, "x.txt: article looks binary (many control characters); expected text or HTML"),
])
def test_refused_inputs(tmp_path, data, message):
    p = tmp_path / "x.txt"
    p.write_bytes(data)
    with pytest.raises(UnreadableInput) as exc:
        read_article(str(p), 10_000)
    assert str(exc.value) == str(tmp_path / message)


def test_missing_folder_and_oversized(tmp_path):
    with pytest.raises(UnreadableInput, match="article not found"):
        read_article(str(tmp_path / "nope.txt"), 100)
    with pytest.raises(UnreadableInput, match="is a folder, not a file; name the article itself"):
        read_article(str(tmp_path), 100)
    p = tmp_path / "big.txt"
    p.write_text("word " * 100)
    with pytest.raises(UnreadableInput) as exc:
        read_article(str(p), 100)
    assert str(exc.value) == f"{p}: article is 500 bytes, over the 100-byte cap; raise it with --max-bytes if this is intended"


def test_stdin_is_read_once_and_capped():
    import io

    a = read_article("-", 1000, stdin=io.BytesIO(SENTENCE.encode()))
    assert (a.name, a.path, a.text) == ("<stdin>", None, SENTENCE)
    with pytest.raises(UnreadableInput, match="over the 10-byte cap"):
        read_article("-", 10, stdin=io.BytesIO(SENTENCE.encode()))


def test_html_by_content_from_stdin():
    a = article_from_bytes(b"<!DOCTYPE html><html><body><p>Talks ended.</p><script>x=1</script></body></html>", "<stdin>",
                           html_extractor="stdlib")
    assert (a.kind, a.text, a.verbatim) == ("html", "Talks ended.", False)


def test_stdlib_html_drops_scripts_navigation_and_footer():
    page = (FIXTURES / "check-talks-collapse.html").read_text(encoding="utf-8")
    main, visible, paragraphs = stdlib_html_text(page)
    lines = main.split("\n")
    assert lines[0] == "Talks collapse in Istanbul as Kabul rejects monitoring plan"
    assert lines[1].startswith("ISTANBUL, October 28, 2025 — The Istanbul talks")  # &mdash; decoded
    assert "Pakistan’s seven-member delegation" in lines[2]  # &rsquo; decoded
    assert len(lines) == 6  # headline and five paragraphs, each on its own line
    for gone in ("dataLayer", "Home", "cookies", "Also read", "All rights reserved", "console.log"):
        assert gone not in main
    assert "cookies" in visible and "dataLayer" not in visible  # visible text keeps the banner, never the script


def test_trafilatura_when_installed_gives_the_same_article():
    pytest.importorskip("trafilatura")
    page = (FIXTURES / "check-talks-collapse.html").read_text(encoding="utf-8")
    text, warnings = html_text(page, "trafilatura")
    assert text == stdlib_html_text(page)[0]
    assert warnings == []


def test_truncated_extraction_is_reported():
    body = "".join(f"<p>Paragraph {i} says the talks went on with officials from both sides in the room.</p>" for i in range(12))
    page = f"<html><body><article><p>Only the lede made it into the article element.</p></article><div>{body}</div></body></html>"
    text, warnings = html_text(page, "stdlib")
    assert text == "Only the lede made it into the article element."
    assert warnings == ["HTML extraction may be cut short: kept 47 characters of the page's 985 characters of "
                        "paragraph text (5%); check the article against the page, or save its text and check that"]


def test_extractor_that_finds_nothing_falls_back():
    text, warnings = html_text("<html><body><p>Talks ended without an agreement today.</p></body></html>", "auto",
                               trafilatura=lambda html: None)
    assert text == "Talks ended without an agreement today."
    assert warnings == ["trafilatura found no main text; used the built-in extractor"]


def test_markdown_markup_is_removed():
    a = read_article(str(FIXTURES / "check-envoys-meet.md"), 10_000)
    assert a.kind == "markdown" and a.verbatim is False
    assert a.text.startswith("Ceasefire holds as envoys meet again\n\nBy a staff reporter\n\nNegotiators from Pakistan "
                             "and Afghanistan began the second round of talks in Istanbul on Thursday")
    assert "with Qatar and Turkey acting as mediators" in a.text
    assert "**" not in a.text and "](" not in a.text and "#" not in a.text
