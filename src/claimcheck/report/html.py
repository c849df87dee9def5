"""The report as one self-contained HTML page (Jinja2, autoescaped): no scripts, fonts or images to fetch."""

from __future__ import annotations

from functools import lru_cache

from .model import (CELL_LABEL, CELL_MEANING, CELL_SYMBOL, CELLS, MAJORITY_RULE, PROVENANCE_RULE, STATUS_SYMBOL,
                    Report, credit, listing)

OPEN_UP_TO = 20  # topic sections with more claims than this start collapsed


@lru_cache(maxsize=1)
def _template():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(loader=PackageLoader(__package__, "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["breakable"] = breakable
    return env.get_template("report.html.j2")


def breakable(name: str):
    """A dotted topic name, escaped, that may wrap after its dots and underscores in narrow columns."""
    from markupsafe import Markup, escape

    return Markup(str(escape(name)).replace(".", ".<wbr>").replace("_", "_<wbr>"))


def web_url(url: str | None) -> str | None:
    """A URL safe to link to (http or https only); others are shown as text."""
    return url if url and url.lower().startswith(("http://", "https://")) else None


def _matrix_cells():
    """A function turning a matrix row's cell kinds into its <td> cells, escaped once per kind.

    A 10,000-source report has 200,000 cells; escaping each through the template would dominate.
    """
    from markupsafe import Markup, escape

    td = {k: f'<td class="c-{escape(k)}">{escape(CELL_SYMBOL[k])} {escape(CELL_LABEL[k])}</td>' for k in CELLS}
    return lambda kinds: Markup("".join(td[k] for k in kinds))


def render(report: Report) -> str:
    from .. import __version__
    from ..safetext import visible

    return visible(_template().render(
        r=report, s=report.summary, version=__version__, open_up_to=OPEN_UP_TO,
        credit=credit, listing=listing, web_url=web_url, matrix_cells=_matrix_cells(),
        anchor={t.name: f"t{i}" for i, t in enumerate(report.topics, 1)},
        cells=CELLS, cell_symbol=CELL_SYMBOL, cell_label=CELL_LABEL, cell_meaning=CELL_MEANING,
        status_symbol=STATUS_SYMBOL, majority_rule=MAJORITY_RULE, provenance_rule=PROVENANCE_RULE,
    ), oneline=False)  # controls and bidi shown as codes: a page printed with `cat` is as safe as the browser's
