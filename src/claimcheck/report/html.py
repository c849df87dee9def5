"""The report as one self-contained HTML page (Jinja2, autoescaped): no scripts, fonts or images to fetch.

The matrix cells and the article texts are built here rather than in the template: a 10,000-source
report has 200,000 cells and 10,000 articles, and escaping each piece through the template would
dominate. Everything built here goes through markupsafe's escape before it is marked safe.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import quote as _percent

from claimcheck.report.model import (CELL_LABEL, CELL_MEANING, CELL_SYMBOL, CELLS, MATRIX_RULE, PROVENANCE_RULE, STATUS_SYMBOL,
                    ArticleView, Report, TopicReport, credit, listing, shorten, source_name)

OPEN_UP_TO = 20  # topic sections with more claims than this start collapsed
PRINT_COLUMNS = 6  # sources per printed matrix table (the matrix is printed turned: topics down, sources across)
PRINT_MATRIX_UP_TO = 120  # sources beyond this are not printed as a matrix (the CSV is the place for them)
CELL_CHARS = 28  # a matrix cell's value is shortened past this; the full value shows on hover and focus
ARTICLES_UP_TO = 500  # sources whose article texts are embedded; past this a page would be too large to open


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

    silent = (f'<td class="c-silent"><span class="sym" aria-hidden="true">{CELL_SYMBOL["silent"]}</span>'
              '<span class="vh">silent</span></td>')
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
    (p<n>) and a link back to its claim (c<n>), and each quote's value marked inside it.

    One sweep over the points where a quote piece, a value or a line starts or ends."""
    from html import escape as esc

    from markupsafe import Markup

    text = view.text or ""
    starts: dict[int, list[int]] = {}  # point -> passages whose first piece starts there (their anchors)
    ends: dict[int, list[int]] = {}  # point -> passages whose last piece ends there (their back links)
    delta: dict[int, list[int]] = {}  # point -> [change in open quote pieces, change in open values]
    for k, p in enumerate(view.passages):
        if not p.pieces:
            continue
        for a, b in p.pieces:
            delta.setdefault(a, [0, 0])[0] += 1
            delta.setdefault(b, [0, 0])[0] -= 1
        starts.setdefault(p.pieces[0][0], []).append(k)
        ends.setdefault(p.pieces[-1][1], []).append(k)
        if p.value:
            delta.setdefault(p.value[0], [0, 0])[1] += 1
            delta.setdefault(p.value[1], [0, 0])[1] -= 1
    at = text.find("\n")
    while at >= 0:
        delta.setdefault(at, [0, 0])
        delta.setdefault(at + 1, [0, 0])
        at = text.find("\n", at + 1)
    points = sorted({0, len(text), *delta})
    out = ["<p>"]
    quotes = values = 0
    for a, b in zip(points, points[1:]):
        d = delta.get(a)
        if d:
            quotes += d[0]
            values += d[1]
        for k in starts.get(a, ()):
            out.append(f'<span class="anchor" id="p{view.passages[k].number}"></span>')
        piece = text[a:b]
        if piece == "\n":
            out.append("</p>\n<p>")
        else:
            html = esc(piece)
            if quotes > 0:
                if values > 0:
                    html = f'<strong class="v">{html}</strong>'
                html = f'<mark class="q">{html}</mark>'
            out.append(html)
        for k in ends.get(b, ()):
            p = view.passages[k]
            topic = esc(topic_of.get(p.number, ""))
            out.append(f'<a class="back" href="#c{p.number}" aria-label="back to claim {p.number}, {topic}">'
                       f'↩{p.number}</a>')
    out.append("</p>")
    return Markup("".join(out).replace("<p></p>", ""))


def _claim_items(report: Report, found: set[int], fragments: dict[int, str]):
    """A function giving a claim's card (<li id="c<n>">): its quote with the value marked, whom it
    credits, and links to its passage and the original page. Built here, not in the template: a
    report holds a card per claim, 200,000 of them at scale."""
    from markupsafe import Markup, escape

    numbers = report.claim_numbers
    sources = report.source_by_id
    who: dict[str, str] = {}

    def items(t: TopicReport, claims, dated: bool):
        return Markup("".join(item(t, c, dated) for c in claims))

    def item(t: TopicReport, c, dated: bool) -> str:
        num = numbers[id(c)]
        sid = c.source_id
        if sid not in who:
            s = sources.get(sid)
            who[sid] = str(source_html(s)) if s else f'<code class="sid untrusted">{escape(sid)}</code>'
        out = [f'<li id="c{num}"><blockquote class="untrusted">{_quote_html(c.quote, report.value_span(t, c))}'
               f'</blockquote><p class="credit">{who[sid]} — <span class="untrusted">{escape(credit(c))}</span>']
        if dated:
            out.append(f' · as of <span class="nw">{escape(str(c.as_of or "undated"))}</span>')
        if num in found:
            out.append(f' · <a href="#p{num}">in the article</a>')
        link = fragments.get(num)
        if link:
            out.append(f' · <a href="{escape(link)}" rel="noopener noreferrer nofollow">on the original page'
                       '<span aria-hidden="true"> ↗</span></a>')
        out.append("</p></li>\n")
        return "".join(out)

    return items


def render(report: Report) -> str:
    from claimcheck import __version__
    from claimcheck.output.safetext import visible

    embed = len(report.sources) <= ARTICLES_UP_TO
    articles = report.articles() if embed else []
    numbers = report.claim_numbers
    topic_of = {numbers[id(c)]: t.name for t, _, c in report.claims()}
    fragments = {}
    for view in articles:
        for p in view.passages:
            pieces = [view.text[a:b] for a, b in p.pieces] if view.text else []
            link = text_fragment(view.source.url, pieces)
            if link:
                fragments[p.number] = link
    if not embed:  # the quote's own pieces, which are the article's words
        from claimcheck.claimset.ground import quote_segments

        for t, _, c in report.claims():
            s = report.source_by_id.get(c.source_id)
            link = text_fragment(s.url if s else None, quote_segments(c.quote)) if s and web_url(s.url) else None
            if link:
                fragments[numbers[id(c)]] = link
    found = {p.number for view in articles for p in view.passages if p.pieces}
    print_chunks = ([report.sources[i:i + PRINT_COLUMNS] for i in range(0, len(report.sources), PRINT_COLUMNS)]
                    if len(report.sources) <= PRINT_MATRIX_UP_TO else [])
    return visible(_template().render(
        r=report, s=report.summary, run=report.run, version=__version__, open_up_to=OPEN_UP_TO,
        credit=credit, listing=listing, web_url=web_url, matrix_row=_matrix_cells(report),
        anchor={t.name: f"t{i}" for i, t in enumerate(report.topics, 1)},
        cells=CELLS, cell_symbol=CELL_SYMBOL, cell_label=CELL_LABEL, cell_meaning=CELL_MEANING,
        status_symbol=STATUS_SYMBOL, matrix_rule=MATRIX_RULE, provenance_rule=PROVENANCE_RULE,
        articles=articles, article_html=lambda v: article_html(v, topic_of), numbers=numbers,
        fragments=fragments, claim_number=lambda c: numbers[id(c)], found=found, quote_html=_quote_html,
        source_html=source_html, label=report.label, labels=lambda ids: [report.label(x) for x in ids],
        print_chunks=print_chunks, shorten=shorten,
        print_up_to=PRINT_MATRIX_UP_TO, claim_items=_claim_items(report, found, fragments),
        articles_up_to=ARTICLES_UP_TO, articles_left_out=0 if embed else len(report.sources),
    ), oneline=False)  # controls and bidi shown as codes: a page printed with `cat` is as safe as the browser's
