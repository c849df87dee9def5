"""`claimcheck check`: one article, many, or a corpus, against the claim set; and its draft.

Registered on the app by cli/app.py, after the other commands (the order --help lists them in).
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from claimcheck.cli.common import (
    ClaimsOpt, CodebookOpt, Color, ColorOpt, DraftsOpt, MaxBytesOpt, OutsideOpt, QuietOpt, _choices, _claims, _errors,
    _formats_help, _frozen, _keep, _say_error, _stderr, _terminal,
)
from claimcheck.errors import EXIT_INVALID, UsageError
from claimcheck.output.formats import CHECK as CHECK_FORMATS, InOrder


class FailOn(str, Enum):
    contradicts = "contradicts"


CheckFormat = _choices(CHECK_FORMATS, "CheckFormat")


class Engine(str, Enum):
    local = "local"
    dask = "dask"


def check(
    articles: Optional[List[str]] = typer.Argument(None, help="Article files (plain text, Markdown or HTML), or - for stdin."),
    published: Optional[str] = typer.Option(None, "--published", metavar="YYYY-MM-DD",
                                            help="When the article was published: relative dates ('on Saturday') count from it [default: a dateline in the article, if any]."),
    fmt: CheckFormat = typer.Option(CheckFormat.table, "--format", help=_formats_help(CHECK_FORMATS)),
    draft: Optional[Path] = typer.Option(None, "--draft", help="Also write a claims YAML for the article to this file (one article only)."),
    force: bool = typer.Option(False, "--force", help="Let --draft overwrite an existing file."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Worker processes when checking many articles."),
    fail_on: Optional[FailOn] = typer.Option(None, "--fail-on", help="Exit 1 if an article contradicts the claim set (possible findings never count)."),
    exclude: Optional[List[str]] = typer.Option(None, "--exclude", metavar="SOURCE_ID", help="Set this source aside, e.g. to check its own article against the others (repeatable)."),
    min_confidence: float = typer.Option(0.6, "--min-confidence", min=0.0, max=1.0, help="Findings less sure than this are shown as possible and never asserted."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Show whole sentences and quotes, not trimmed ones."),
    feed: Optional[Path] = typer.Option(None, "--input", metavar="FILE.jsonl", help="Articles from a JSON Lines file, one per line: id, url, published, and text or path (relative to the file). Results come as JSON Lines."),
    engine: Engine = typer.Option(Engine.local, "--engine", help="local (this machine, --jobs processes) or dask (a Dask cluster; pip install 'claimcheck[dask]'). Results come as JSON Lines."),
    unordered: bool = typer.Option(False, "--unordered", help="With JSON Lines: write each article's line as it finishes, not in input order."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", metavar="ADDRESS", help="With --engine dask: an existing Dask scheduler, e.g. tcp://10.0.0.5:8786 [default: a local cluster]."),
    workers: int = typer.Option(2, "--workers", min=1, help="With --engine dask and no --scheduler: worker processes of the local cluster."),
    claims: Optional[Path] = ClaimsOpt,
    codebook: Optional[Path] = CodebookOpt,
    include_drafts: bool = DraftsOpt,
    color: Color = ColorOpt,
    quiet: bool = QuietOpt,
    max_bytes: int = MaxBytesOpt,
    allow_outside: bool = OutsideOpt,
) -> None:
    """Check a new article against the claim set: what it supports, contradicts or adds, and what it leaves out.

    Facts are read from the article by the codebook's cues and subject words; each gets a
    verdict per source, with the sources' own quotes beside the article's sentence. Passages the
    article shares near-verbatim with a source's article are listed: such an article is not
    independent corroboration. Exit 0, or 1 with --fail-on contradicts when an article
    contradicts a source, or 2 for unreadable input.

    A corpus (--input FILE.jsonl, --format jsonl or --engine dask) gives one JSON line per article,
    an unreadable article an error line with its one-line message, and a summary on stderr.

    Example: claimcheck check seeds/003_bbce39b4dcb24287.txt --exclude 003-bbce --published 2025-10-27
    """
    with _errors():
        import datetime as dt

        articles = articles or []
        corpus = feed is not None or engine is Engine.dask or CHECK_FORMATS[fmt.value].corpus
        if not articles and feed is None:
            raise UsageError("ARTICLES", "give article files, - for stdin, or --input FILE.jsonl")
        if corpus and fmt is CheckFormat.table and (feed is not None or engine is Engine.dask):
            fmt = CheckFormat.jsonl  # a corpus comes as JSON Lines
        if corpus and not CHECK_FORMATS[fmt.value].corpus:
            raise UsageError("--format", "--input and --engine dask give JSON Lines; use --format jsonl")
        if corpus and draft is not None:
            raise UsageError("--draft", "drafts one article at a time, not a corpus")
        if corpus and "-" in articles:
            raise UsageError("-", "stdin is one article; for a corpus from a pipe use --input /dev/stdin")
        if unordered and not corpus:
            raise UsageError("--unordered", "only JSON Lines output can come as articles finish; add --format jsonl")
        if (scheduler is not None or workers != 2) and engine is not Engine.dask:
            raise UsageError("--scheduler" if scheduler is not None else "--workers", "goes with --engine dask")

        from claimcheck import api
        from claimcheck.check.checker import CheckError, known_sources
        from claimcheck.output.draft import check_draft_target, write_draft
        from claimcheck.output.terminal import inert

        pub = None
        if published is not None:
            try:
                pub = dt.date.fromisoformat(published)
            except ValueError:
                raise UsageError("--published", f"'{published}' is not a date; use YYYY-MM-DD, e.g. 2025-10-27") from None
        if articles.count("-") > 1:
            raise UsageError("-", "stdin can be read only once; give '-' once")
        if draft is not None:
            if len(articles) != 1:
                raise UsageError("--draft", f"drafts one article at a time; {len(articles)} were given")
            check_draft_target(draft, force)
        # Validated exactly as by `validate` (and through the same cache): a claim set whose quotes are
        # not in their articles is not one to check an article against (its contradictions would cite
        # unverified words).
        # Topic by topic: a warm check reads back only the topics the articles are about (checkset.py).
        # With --draft, a claim set of only a codebook is fine: the draft is its first claim file.
        with _frozen():
            cs = _keep(api.load_check_set(_claims(claims), codebook, max_bytes=max_bytes, allow_outside=allow_outside,
                                      cache=True, allow_empty=draft is not None))
        known_sources(cs.sources, exclude or [])  # an unknown --exclude is a usage error before any work
        if not include_drafts:  # drafts are set aside as --exclude sets a source aside, passages included
            exclude = [*(exclude or []), *(sid for sid, s in cs.sources.items() if s.status == "draft"
                                           and sid not in (exclude or []))]
        stdin = None
        if "-" in articles:
            stdin = sys.stdin.buffer.read(max_bytes + 1)
            if len(stdin) > max_bytes:
                raise UsageError("<stdin>", f"article is over the {max_bytes:,}-byte cap; raise it with --max-bytes if this is intended")
        # Built once, here: with --jobs the workers are forked from this process and inherit it.
        checker = api.checker(cs, exclude or [], min_confidence=min_confidence, max_bytes=max_bytes)
        if corpus:
            _check_corpus(checker, articles, feed, engine, jobs, not unordered, scheduler, workers, pub, max_bytes, fail_on)
            return
        # Plain text and JSON are rendered where each article is checked (by the workers too) and
        # written as soon as the articles before it are; rich tables for a terminal are rendered here.
        out = sys.stdout
        shape = CHECK_FORMATS[fmt.value]
        console = _terminal(color) if shape.draw is not None and not quiet else None
        tables = console is not None
        single = len(articles) == 1
        topics = checker.codebook.topics
        if not tables:
            def render(r):
                return None if isinstance(r, CheckError) else shape.render(r, verbose, topics)
        else:
            render = None
        writer = InOrder(out, shape, single, not quiet and not tables, _say_error)

        progress = None
        if len(articles) > 1 and sys.stderr.isatty():
            from rich.progress import Progress

            # no refresh thread: forking is only safe while this process has one thread
            progress = Progress(console=_stderr(), transient=True, auto_refresh=False)
            task = progress.add_task("checking", total=len(articles))
            progress.start()

        def finished(i, r, text):
            writer.done(i, r, text)
            if progress:
                progress.advance(task)
                progress.refresh()
        try:
            results = api.check_articles(articles, checker, published=pub, max_bytes=max_bytes, jobs=jobs, stdin=stdin,
                                     render=render, on_done=finished)
        finally:
            if progress:
                progress.stop()
        errors = [r for r in results if isinstance(r, CheckError)]
        done = [r for r in results if not isinstance(r, CheckError)]
        if quiet:
            pass
        elif tables:
            from claimcheck.output.checkreport import rich_summary

            for r in done:
                console.print(shape.draw(r, topics, verbose, console.width))
            if len(articles) > 1:
                console.print(rich_summary(results))
        else:
            writer.close()
            if len(articles) > 1 and shape.error is None:  # a JSON list carries its errors; text gets a summary
                from claimcheck.output.checkreport import plain_summary

                print("\n" + plain_summary(results))
        if draft is not None and done:
            written = write_draft(done[0], draft, force, checker.codebook)
            if not quiet:
                print(f"wrote {', '.join(inert(str(p)) for p in written)}: {len(done[0].findings)} draft claims, "
                      "marked `status: draft` (left out of conflicts, report and check until you remove the mark); "
                      f"check them with: claimcheck validate --claims {inert(str(draft.parent))}", file=sys.stderr)
        if errors:
            raise typer.Exit(max(e.exit_code for e in errors))
        if fail_on is FailOn.contradicts and any(r.contradicted for r in done):
            raise typer.Exit(EXIT_INVALID)


def _check_corpus(checker, articles, feed, engine, jobs, ordered, scheduler, workers, published, max_bytes, fail_on) -> None:
    """`check` over a corpus: JSON Lines on stdout as articles are checked, errors and a summary on stderr."""
    from claimcheck.speed.corpus import check_corpus, items_from_feed, items_from_paths

    items = items_from_feed(str(feed), max_bytes) if feed is not None else items_from_paths(articles)
    out = sys.stdout
    progress = None
    if sys.stderr.isatty():
        from rich.progress import Progress

        progress = Progress(console=_stderr(), transient=True, auto_refresh=False)
        task = progress.add_task("checking", total=len(articles) or None)
        progress.start()

    def on_line(o) -> None:
        if o.error:
            _say_error(o.error)
        out.write(o.line + "\n")
        if progress:
            progress.advance(task)
            progress.refresh()
    try:
        if engine is Engine.dask:
            from claimcheck.speed.dask_engine import check_on_dask

            tally = check_on_dask(items, checker, max_bytes=max_bytes, published=published, scheduler=scheduler,
                                  workers=workers, ordered=ordered, on_line=on_line)
        else:
            tally = check_corpus(items, checker, max_bytes=max_bytes, published=published, jobs=jobs, ordered=ordered,
                                 on_line=on_line, expected=len(articles))
    finally:
        if progress:
            progress.stop()
    out.flush()
    print(tally.line(), file=sys.stderr)
    if tally.exit_code:
        raise typer.Exit(tally.exit_code)
    if fail_on is FailOn.contradicts and tally.contradicted:
        raise typer.Exit(EXIT_INVALID)
