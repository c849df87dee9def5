"""An article to check, read from a file or stdin: decoded, and its main text taken out of HTML or Markdown.

Checking half an article, or an article in the wrong encoding, looks like a clean result; so
every guess made here (a detected encoding, an extraction that may be cut short) is reported
as a warning, and what cannot be read honestly is refused with a one-line message.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO, Callable

from claimcheck.errors import UnreadableInput

STDIN = "-"

#: Encodings preferred when a detector finds several that read the bytes equally well:
#: English-language news outside UTF-8 is nearly always Windows-1252 or Latin-1.
_PREFERRED = ("cp1252", "iso8859_15", "latin_1")
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown"}
#: Extracted text shorter than this share of the page's paragraph text may be cut short.
TRUNCATION_SHARE = 0.5


@dataclass(frozen=True)
class ArticleText:
    """The text that is checked, and how it was obtained from the input."""

    name: str  # the path as given, or "-" for stdin
    text: str  # what extraction reads; finding offsets point into it
    kind: str  # "text", "markdown" or "html"
    encoding: str  # how the bytes were decoded
    warnings: tuple[str, ...] = ()
    path: str | None = None  # the file read, None for stdin
    verbatim: bool = True  # text is exactly the file's UTF-8 content, so a claim file may point at it


def read_article(name: str, max_bytes: int, stdin: BinaryIO | None = None,
                 html_extractor: str = "auto") -> ArticleText:
    """Read one article (a path, or '-' for stdin) and return the text to check.

    Raises UnreadableInput for a missing, empty, binary, oversized or undecodable input.
    `html_extractor` is "auto" (trafilatura when installed), "trafilatura" or "stdlib".
    """
    if name == STDIN:
        import sys

        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(max_bytes + 1)
        shown, path = "<stdin>", None
        if len(data) > max_bytes:
            raise UnreadableInput(shown, f"article is over the {max_bytes:,}-byte cap; raise it with --max-bytes if this is intended")
    else:
        p = Path(name)
        shown, path = name, name
        from claimcheck.claimset.reading import read_bytes

        data = read_bytes(p, max_bytes, "article", named=True)  # named on the command line: a pipe is read too
    return article_from_bytes(data, shown, path, html_extractor)


def article_from_bytes(data: bytes, shown: str, path: str | None = None,
                       html_extractor: str = "auto") -> ArticleText:
    """Decode and extract an article already in memory (see read_article)."""
    if not data.strip():
        raise UnreadableInput(shown, "article is empty")
    text, encoding, warnings = decode(data, shown)
    if not text.strip():
        raise UnreadableInput(shown, "article is empty")
    suffix = Path(path).suffix.lower() if path else ""
    if suffix in _HTML_SUFFIXES or (suffix not in _MARKDOWN_SUFFIXES and looks_like_html(text)):
        body, more = html_text(text, html_extractor)
        if not body.strip():
            raise UnreadableInput(shown, "no article text found in the HTML page")
        return ArticleText(shown, body, "html", encoding, tuple(warnings + more), path, verbatim=False)
    if suffix in _MARKDOWN_SUFFIXES or (suffix not in (".txt", ".text") and looks_like_markdown(text)):
        body = markdown_text(text)
        return ArticleText(shown, body, "markdown", encoding, tuple(warnings), path,
                           verbatim=body == text and encoding == "utf-8")
    return ArticleText(shown, text, "text", encoding, tuple(warnings), path,
                       verbatim=encoding in ("utf-8", "utf-8-sig"))


# --------------------------------------------------------------------------- decoding


def decode(data: bytes, shown: str) -> tuple[str, str, list[str]]:
    """Bytes -> (text, encoding, warnings). UTF-8 (with or without BOM) and UTF-16 with a BOM are
    read as they are; anything else is detected, and refused if no encoding reads it cleanly."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data, "utf-8-sig", shown), "utf-8-sig", []
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _strict(data, enc, shown), enc, []
    if b"\x00" in data:
        raise UnreadableInput(shown, "article is binary (it holds NUL bytes); expected text or HTML")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad_at = exc.start
    else:
        _refuse_control(text, shown)
        return text, "utf-8", []
    declared = _declared_charset(data)
    if declared:
        try:
            text = data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
        else:
            _refuse_control(text, shown)
            return text, declared, [f"not UTF-8; decoded as {declared}, the charset the page declares"]
    encoding = _detect(data)
    if encoding is None:
        raise UnreadableInput(shown, f"article is not UTF-8 (bad byte at offset {bad_at}) and no other encoding reads it cleanly; re-save it as UTF-8")
    text = data.decode(encoding)
    _refuse_control(text, shown)
    return text, encoding, [f"not UTF-8; decoded as {encoding} (detected), check accented letters and quotes"]


def _strict(data: bytes, encoding: str, shown: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise UnreadableInput(shown, f"article starts with a {encoding} byte-order mark but is not valid {encoding} (bad byte at offset {exc.start})") from None
    _refuse_control(text, shown)
    return text


def _refuse_control(text: str, shown: str) -> None:
    """Text full of control characters is a binary file that happened to decode."""
    sample = text[:20000]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    if control > max(8, len(sample) // 100):
        raise UnreadableInput(shown, "article looks binary (many control characters); expected text or HTML")


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)


def _declared_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    try:
        return codecs.lookup(m.group(1).decode("ascii")).name
    except LookupError:
        return None


def _detect(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a runtime dependency, but fail politely
        return None
    matches = list(from_bytes(data))
    if not matches:
        return None
    best = matches[0]
    if best.chaos > 0.3:
        return None
    best_text = str(best)
    ties = {codecs.lookup(m.encoding).name for m in matches
            if m.chaos <= best.chaos + 0.01 and m.coherence >= best.coherence - 0.01}
    for enc in _PREFERRED:
        name = codecs.lookup(enc).name
        if name in ties:
            return name
        try:
            if data.decode(enc) == best_text:
                return name
        except UnicodeDecodeError:
            continue
    return codecs.lookup(best.encoding).name


# --------------------------------------------------------------------------- markup


# Every pattern on article text runs in linear time: a repeated part never spans the character that
# starts another try (a link's text holds no '[', a comment no '-->'), and what the old patterns did
# by backtracking over runs of spaces is done by functions below (tests/test_linear_time.py).
_HTML_START = re.compile(r"^\s*(?:<!--(?:[^-]|-(?!->))*-->\s*)*<(!doctype\s+html|html|head|body)\b", re.I)
_HTML_TAGS = re.compile(r"</?(p|div|span|a|br|h[1-6]|article|section|body|li|ul|table)\b[^<>]*>", re.I)


def looks_like_html(text: str) -> bool:
    """A page, not a text that happens to mention <tags>."""
    if _HTML_START.match(text):
        return True
    head = text[:20000]
    return len(_HTML_TAGS.findall(head)) >= 5 and head.lstrip().startswith("<")


_MD_SIGNS = re.compile(r"^(#{1,6}\s|[ \t]*[-*+][ \t]+\[|[ \t]*>\s)|\[[^\[\]\n]+\]\([^()\s]+\)|\*\*[^*\n]+\*\*", re.M)


def looks_like_markdown(text: str) -> bool:
    return len(_MD_SIGNS.findall(text[:20000])) >= 2


_HEADING = re.compile(r"^([ \t]{0,3}#{1,6}[ \t]+)([^\n]*)$", re.M)
_FENCE = re.compile(r"^```", re.M)


def _heading(m: re.Match) -> str:
    """A heading's text without its closing hashes: what r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$" keeps."""
    return m.group(2).rstrip(" \t").rstrip("#").rstrip(" \t")


def _without_code_blocks(text: str) -> str:
    r"""re.sub(r"^```.*?^```\s*$", "", text, flags=re.M | re.S), in linear time: a fence opens a block
    that the next fence alone on its line (spaces aside) closes, with the blank lines after it."""
    fences = [m.start() for m in _FENCE.finditer(text)]
    if len(fences) < 2:
        return text
    closers = []
    for at in fences:
        eol = text.find("\n", at)
        rest = text[at + 3:eol if eol >= 0 else len(text)]
        if not rest.strip():
            closers.append(at)
    out, pos, ci = [], 0, 0
    for at in fences:
        if at < pos:
            continue
        while ci < len(closers) and closers[ci] <= at:
            ci += 1
        if ci == len(closers):
            break
        close = closers[ci] + 3
        n = len(text)
        end = close
        while end < n and text[end].isspace():
            end += 1
        if end < n:  # \s*$ backs off to the last line end inside the blank run
            nl = text.rfind("\n", close, end)
            end = nl if nl >= 0 else close
        out.append(text[pos:at])
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _without_comments(text: str) -> str:
    """re.sub(r"<!--.*?-->", "", text, flags=re.S), in linear time."""
    out, pos = [], 0
    while True:
        at = text.find("<!--", pos)
        if at < 0:
            break
        end = text.find("-->", at + 4)
        if end < 0:
            break
        out.append(text[pos:at])
        pos = end + 3
    out.append(text[pos:])
    return "".join(out)


_MD_RULES: tuple[tuple[re.Pattern, object], ...] = (
    (re.compile(r"!\[[^\[\]]*\]\([^()]*\)"), ""),  # images
    (re.compile(r"\[([^\[\]]+)\]\([^()]*\)"), r"\1"),  # links keep their text
    (_HEADING, _heading),  # headings
    (re.compile(r"^[ \t]{0,3}>[ \t]?", re.M), ""),  # block quotes
    (re.compile(r"^[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$", re.M), ""),  # rules
    (re.compile(r"\*\*(?=\S)((?:[^*\n]|\*(?!\*))+?)(?<=\S)\*\*"), r"\1"),  # strong
    (re.compile(r"__(?=\S)((?:[^_\n]|_(?!_))+?)(?<=\S)__"), r"\1"),
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"), r"\1"),  # emphasis
    (re.compile(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"`([^`\n]+)`"), r"\1"),
)


def markdown_text(text: str) -> str:
    """Markdown as the prose a reader sees: headings, emphasis and link targets removed."""
    text = _without_comments(_without_code_blocks(text))  # code blocks are not prose
    for pattern, repl in _MD_RULES:
        text = pattern.sub(repl, text)  # type: ignore[call-overload]
    return text


#: Elements whose text a reader of the article does not see, or that are not the article.
_SKIP = {"script", "style", "head", "nav", "noscript", "template", "svg", "iframe", "form",
         "button", "select", "footer", "aside", "figure"}
_BLOCK = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article",
          "main", "blockquote", "tr", "table", "header", "pre", "hr", "dd", "dt", "dl", "figcaption", "title"}
_VOID = {"br", "hr", "img", "meta", "link", "input", "source", "wbr", "area", "base", "col", "embed", "param", "track"}


class _TextParser(HTMLParser):
    """Visible text, paragraph by paragraph; remembers the text inside <article>/<main> separately."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.stack: list[str] = []
        self.open: dict[str, int] = {}  # how many of each tag the stack holds: `in` on the stack is linear
        self.chunks: list[str] = []  # all visible text
        self.main_depth = 0
        self.main_chunks: list[str] = []
        self.p_depth = 0
        self.paragraph_chars = 0

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            if tag in _BLOCK:
                self._break()
            return
        self.stack.append(tag)
        self.open[tag] = self.open.get(tag, 0) + 1
        if tag in _SKIP:
            self.skip += 1
        if tag in ("article", "main"):
            self.main_depth += 1
        if tag == "p":
            self.p_depth += 1
        if tag in _BLOCK:
            self._break()

    def handle_endtag(self, tag):
        if tag in _VOID or not self.open.get(tag):
            return
        while self.stack:
            open_tag = self.stack.pop()
            self.open[open_tag] -= 1
            if open_tag in _SKIP:
                self.skip -= 1
            if open_tag in ("article", "main"):
                self.main_depth -= 1
            if open_tag == "p":
                self.p_depth -= 1
            if open_tag in _BLOCK:
                self._break()
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self.skip:
            return
        data = re.sub(r"\s+", " ", data)
        self.chunks.append(data)
        if self.main_depth:
            self.main_chunks.append(data)
        if self.p_depth:
            self.paragraph_chars += len(data.strip())

    def _break(self):
        self.chunks.append("\n")
        if self.main_depth:
            self.main_chunks.append("\n")


def _tidy(chunks: list[str]) -> str:
    lines = ("".join(chunks)).split("\n")
    return "\n".join(line.strip() for line in lines if line.strip())


def stdlib_html_text(html: str) -> tuple[str, str, int]:
    """(main text, all visible text, characters of paragraph text) with the standard library only.

    The main text is the page's <article> or <main> when it has one, else all visible text
    outside scripts, styles, navigation, headers and footers; paragraphs stay on their own lines.
    """
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    visible = _tidy(parser.chunks)
    main = _tidy(parser.main_chunks)
    return (main if main else visible), visible, parser.paragraph_chars


def _trafilatura_text(html: str) -> str | None:
    import trafilatura

    return trafilatura.extract(html, include_comments=False, include_tables=False, favor_recall=True,
                               output_format="txt")


def html_text(html: str, extractor: str = "auto",
              trafilatura: Callable[[str], str | None] | None = None) -> tuple[str, list[str]]:
    """The article's main text from an HTML page, and warnings when it may be cut short."""
    warnings: list[str] = []
    fallback, visible, paragraph_chars = stdlib_html_text(html)
    text = None
    if extractor in ("auto", "trafilatura"):
        extract = trafilatura
        if extract is None:
            try:
                import trafilatura as _t  # noqa: F401

                extract = _trafilatura_text
            except ImportError:
                if extractor == "trafilatura":
                    raise UnreadableInput("trafilatura", "is not installed; install claimcheck[html] or use the built-in extractor") from None
        if extract is not None:
            text = extract(html)
            if not text or not text.strip():
                warnings.append("trafilatura found no main text; used the built-in extractor")
                text = None
    if text is None:
        text = fallback
    text = text.strip()
    basis = max(paragraph_chars, 1)
    if paragraph_chars >= 400 and len(text) < TRUNCATION_SHARE * paragraph_chars:
        warnings.append(
            f"HTML extraction may be cut short: kept {len(text):,} characters of the page's "
            f"{paragraph_chars:,} characters of paragraph text ({len(text) / basis:.0%}); "
            "check the article against the page, or save its text and check that")
    return text, warnings
