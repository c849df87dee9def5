"""The report as one self-contained HTML page (Jinja2, autoescaped): no scripts, fonts or images to fetch.

The matrix cells and the article texts are built here rather than in the template: a 10,000-source
report has 200,000 cells and 10,000 articles, and escaping each piece through the template would
dominate. Everything built here goes through markupsafe's escape before it is marked safe.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import quote as _percent

from .model import (CELL_LABEL, CELL_MEANING, CELL_SYMBOL, CELLS, MATRIX_RULE, PROVENANCE_RULE, STATUS_SYMBOL,
                    ArticleView, Report, TopicReport, credit, listing, shorten, source_name)

OPEN_UP_TO = 20  # topic sections with more claims than this start collapsed
PRINT_COLUMNS = 6  # sources per printed matrix table (the matrix is printed turned: topics down, sources across)
PRINT_MATRIX_UP_TO = 120  # sources beyond this are not printed as a matrix (the CSV is the place for them)
CELL_CHARS = 28  # a matrix cell's value is shortened past this; the full value shows on hover and focus


@lru_cache(maxsize=1)
def _template():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(loader=PackageLoader(__package__, "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["breakable"] = breakable
    env.filters["nobreak"] = nobreak
    return env.get_template("report.html.j2")


def breakable(name: str):
    """A dotted topic name, escaped, that may wrap after its dots and underscores in narrow columns."""
    from markupsafe import Markup, escape

    return Markup(str(escape(name)).replace(".", ".<wbr>").replace("_", "_<wbr>"))


_TOKEN = re.compile(r"\S*-\S*")


def nobreak(text: object):
    """Text, escaped, whose hyphenated words (ids, dates) never wrap at their hyphens."""
    from markupsafe import Markup, escape

    return Markup(_TOKEN.sub(lambda m: f'<span class="nw">{m.group()}</span>', str(escape(str(text)))))


def web_url(url: str | None) -> str | None:
    """A URL safe to link to (http or https only); others are shown as text."""
    return url if url and url.lower().startswith(("http://", "https://")) else None


def _fragment_words(text: str) -> str:
    # Text directives separate their parts with ',' and '-', and end at '&': all of them percent-encoded.
    return _percent(" ".join(text.split()), safe="").replace("-", "%2D")


def text_fragment(url: str | None, pieces: list[str]) -> str | None:
    """A link to the quoted words on the original page (a `#:~:text=` text fragment), for http(s) URLs.

    Short quotes are given whole; longer ones by their first and last five words (start,end), which
    browsers highlight with everything between.
    """
    base = web_url(url)
    if not base or not pieces:
        return None
    base = base.split("#", 1)[0]
    words = " ".join(pieces).split()
    if not words:
        return None
    if len(words) <= 10:
        directive = _fragment_words(" ".join(words))
    else:
        first, last = pieces[0].split(), pieces[-1].split()
        directive = _fragment_words(" ".join(first[:5])) + "," + _fragment_words(" ".join(last[-5:]))
    return f"{base}#:~:text={directive}"


def source_html(s, compact: bool = False):
    """A source as the report names it: its outlet, with its id beside it (the id alone, in compact
    places, when the outlet is unknown)."""
    from markupsafe import Markup, escape

    name = source_name(s)
    sid = f'<code class="sid untrusted">{escape(s.id)}</code>'
    if name:
        return Markup(f'<span class="outlet untrusted">{escape(name)}</span> {sid}')
    return Markup(sid if compact else f'{sid} <span class="muted">outlet unknown</span>')


def _matrix_cells(report: Report):
    """A function turning a source into its row's <td> cells, escaped once per distinct cell of a topic."""
    from markupsafe import Markup, escape

    silent = f'<td class="c-silent"><span class="sym" aria-hidden="true">{CELL_SYMBOL["silent"]}</span><span class="vh">silent</span></td>'
    memo: list[dict] = [{} for _ in report.topics]

    def cell(i: int, t: TopicReport, sid: str) -> str:
        kind = t.cells.get(sid)
        if kind is None:
            return silent
        key = (kind, t.source_values.get(sid, ()))
        html = memo[i].get(key)
        if html is None:
            full = "; ".join(t.shown(j) for j in key[1])
            short = shorten(full, CELL_CHARS)
            label = f'<span class="vh">{escape(CELL_LABEL[kind])}: </span>'
            if short == full:
                value = f'<span class="val">{nobreak(full)}</span>'
            else:  # shortened: the full value is read by screen readers, and shown on hover and keyboard focus
                value = (f'<span class="val short" tabindex="0"><span aria-hidden="true">{nobreak(short)}</span>'
                         f'<span class="full">{escape(full)}</span></span>')
            html = (f'<td class="c-{kind}"><span class="sym" aria-hidden="true">{escape(CELL_SYMBOL[kind])}</span> '
                    f'{label}{value}</td>')
            memo[i][key] = html
        return html

    def row(sid: str):
        return Markup("".join(cell(i, t, sid) for i, t in enumerate(report.topics)))

    return row


def _quote_html(quote: str, span: tuple[int, int] | None):
    """A quote, escaped, with the words stating its value marked."""
    from markupsafe import Markup, escape

    if not span:
        return escape(quote)
    a, b = span
    return Markup(f'{escape(quote[:a])}<mark class="v">{escape(quote[a:b])}</mark>{escape(quote[b:])}')


def article_html(view: ArticleView, topic_of: dict[int, str]):
    """An article's text, escaped, a paragraph per line, each curated quote in <mark> with an anchor
    (p<n>) and a link back to its claim (c<n>), and each quote's value marked inside it."""
    from markupsafe import Markup, escape

    text = view.text or ""
    bounds = {0, len(text)}
    covers: list[tuple[int, int, int]] = []  # (start, end, passage index)
    values: list[tuple[int, int]] = []
    first: dict[int, list[int]] = {}
    last: dict[int, list[int]] = {}
    for k, p in enumerate(view.passages):
        if not p.pieces:
            continue
        for a, b in p.pieces:
            covers.append((a, b, k))
            bounds.update((a, b))
        first.setdefault(p.pieces[0][0], []).append(k)
        last.setdefault(p.pieces[-1][1], []).append(k)
        if p.value:
            values.append(p.value)
            bounds.update(p.value)
    for m in re.finditer(r"\n", text):
        bounds.update((m.start(), m.end()))
    points = sorted(bounds)
    out = ["<p>"]
    open_para = True
    for a, b in zip(points, points[1:]):
        for k in first.get(a, ()):
            out.append(f'<span class="anchor" id="p{view.passages[k].number}"></span>')
        piece = text[a:b]
        if piece == "\n":
            if open_para:
                out.append("</p>\n<p>")
            continue
        marked = [k for s, e, k in covers if s <= a and b <= e]
        html = str(escape(piece))
        if marked and any(s <= a and b <= e for s, e in values):
            html = f'<strong class="v">{html}</strong>'
        if marked:
            n = len({k for k in marked})
            html = f'<mark class="q{" overlap" if n > 1 else ""}">{html}</mark>'
        out.append(html)
        for k in last.get(b, ()):
            p = view.passages[k]
            out.append(f'<a class="back" href="#c{p.number}" title="back to the claim on {escape(topic_of.get(p.number, ""))}"'
                       f' aria-label="back to claim {p.number}, {escape(topic_of.get(p.number, ""))}">↩{p.number}</a>')
    out.append("</p>")
    html = "".join(out).replace("<p></p>", "")
    return Markup(html)


def render(report: Report) -> str:
    from .. import __version__

    articles = report.articles()
    numbers = report.claim_numbers
    topic_of = {numbers[id(c)]: t.name for t, _, c in report.claims()}
    fragments = {}
    article_of = {}
    for view in articles:
        for p in view.passages:
            article_of[p.number] = view.number
            pieces = [view.text[a:b] for a, b in p.pieces] if view.text else []
            link = text_fragment(view.source.url, pieces)
            if link:
                fragments[p.number] = link
    found = {p.number for view in articles for p in view.passages if p.pieces}
    print_chunks = ([report.sources[i:i + PRINT_COLUMNS] for i in range(0, len(report.sources), PRINT_COLUMNS)]
                    if len(report.sources) <= PRINT_MATRIX_UP_TO else [])
    return _template().render(
        r=report, s=report.summary, run=report.run, version=__version__, open_up_to=OPEN_UP_TO,
        credit=credit, listing=listing, web_url=web_url, matrix_row=_matrix_cells(report),
        anchor={t.name: f"t{i}" for i, t in enumerate(report.topics, 1)},
        cells=CELLS, cell_symbol=CELL_SYMBOL, cell_label=CELL_LABEL, cell_meaning=CELL_MEANING,
        status_symbol=STATUS_SYMBOL, matrix_rule=MATRIX_RULE, provenance_rule=PROVENANCE_RULE,
        articles=articles, article_html=lambda v: article_html(v, topic_of), numbers=numbers,
        fragments=fragments, article_of=article_of, claim_number=lambda c: numbers[id(c)], found=found, quote_html=_quote_html,
        source_html=source_html, label=report.label, labels=lambda ids: [report.label(x) for x in ids], print_chunks=print_chunks, shorten=shorten,
        print_up_to=PRINT_MATRIX_UP_TO,
    )
