"""The command line: parses options, calls the core, renders, and maps errors to exit codes. Nothing else."""

from __future__ import annotations

import json
import os
import sys
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Iterator, List, Optional

import typer

from . import __version__
from .errors import EXIT_INVALID, EXIT_USAGE, ClaimcheckError, UsageError, ValidationFailed
from .report.formats import FORMATS as REPORT_FORMATS

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    help="Compare what news sources claim about one event: where they agree, partly agree, or conflict.",
    epilog="Exit codes: 0 fine; 1 invalid data, or findings you asked to fail on; 2 usage error or unreadable input.",
)


class Status(str, Enum):
    conflict = "conflict"
    partial = "partial"
    agree = "agree"
    single = "single"


class Format(str, Enum):
    table = "table"
    json = "json"


# Options shared by every command that reads a claim set, declared once.
ClaimsOpt = typer.Option(Path("claims"), "--claims", help="Folder of claim files (*.yaml) and the codebook.")
CodebookOpt = typer.Option(None, "--codebook", help="Codebook file [default: CLAIMS/topics.yaml].")
MaxBytesOpt = typer.Option(10 * 1024 * 1024, "--max-bytes", min=1, help="Refuse any file larger than this many bytes.")
OutsideOpt = typer.Option(False, "--allow-outside", help="Let claim files point at articles outside the claim set's root.")
StatusOpt = typer.Option(None, "--status", help="Only topics with this status (repeatable).")
TopicOpt = typer.Option(None, "--topic", help="Only topics matching this glob, e.g. 'ceasefire.*' (repeatable).")


def _stderr():
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def _say_error(message: str) -> None:
    from .terminal import inert

    # print, not rich: a message may quote a curator's text and must not be read as markup
    print(f"error: {inert(message)}", file=sys.stderr)


@contextmanager
def _errors() -> Iterator[None]:
    """The one place where the tool's errors become messages and exit codes."""
    try:
        yield
    except ValidationFailed as exc:
        from .terminal import inert

        for p in exc.problems:
            print(inert(str(p)), file=sys.stderr)
        files = len({p.path for p in exc.problems})
        print(f"{len(exc.problems)} problem{'s' if len(exc.problems) != 1 else ''} in {files} file{'s' if files != 1 else ''}; "
              "fix them and run `claimcheck validate` again", file=sys.stderr)
        raise typer.Exit(EXIT_INVALID) from None
    except ClaimcheckError as exc:
        _say_error(str(exc))
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        raise typer.Exit(130) from None
    except (typer.Exit, typer.Abort):
        raise
    except BrokenPipeError:
        # The reader went away (`claimcheck conflicts | head`): stop quietly, as other tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(0) from None
    except Exception as exc:  # a bug of ours: still one line, never a traceback, unless debugging
        if os.environ.get("CLAIMCHECK_DEBUG"):
            raise
        _say_error(f"internal error ({type(exc).__name__}: {exc}); please report it with the command you ran "
                   "(set CLAIMCHECK_DEBUG=1 for details)")
        raise typer.Exit(EXIT_INVALID) from None


def _version(value: bool) -> None:
    if value:
        print(f"claimcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
) -> None:
    """Compare what news sources claim about one event.

    Exit codes: 0 fine; 1 invalid data, or findings you asked to fail on; 2 usage or unreadable input.
    """


def _load(claims: Path, codebook: Optional[Path], max_bytes: int, allow_outside: bool):
    from .load import load_claim_set

    # cache=True: a later command on unchanged files reuses this load (cache.py; CLAIMCHECK_CACHE=0 turns it off).
    with _frozen():
        return _keep(load_claim_set(claims, codebook, max_bytes=max_bytes, allow_outside=allow_outside, cache=True))


_kept: list = []


def _keep(loaded):
    """Hold a loaded claim set (or its comparison) until the process ends, which run() does without
    freeing it: freeing a million claims object by object when the command returns took 1.5 s at the
    end of `conflicts`."""
    _kept.append(loaded)
    return loaded


@contextmanager
def _frozen() -> Iterator[None]:
    """Load (or compare) with the cyclic collector off, then freeze what was made before turning it on again.

    Everything loaded (modules, the claim set) lives until the command ends: later collections, and
    the one at exit, need not walk it again (at 100,000 claims that halves the time to compare and
    render; on the bundled set it saves `validate` 50 ms at exit). Frozen only after the load, the
    first allocation after it would still walk every object the load made (0.2 s at 100,000 claims),
    since all of them count as new."""
    import gc

    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was:
            gc.enable()


@app.command()
def validate(
    claims: Path = ClaimsOpt,
    codebook: Optional[Path] = CodebookOpt,
    strict: bool = typer.Option(False, "--strict", help="Exit 1 on curation warnings too."),
    max_bytes: int = MaxBytesOpt,
    allow_outside: bool = OutsideOpt,
) -> None:
    """Check every claim file and the codebook, and that every quote is in its article.

    Reports all problems as file:line:col: message and exits 1 if there are any. Curation
    warnings (a relative date resolved without a note, a hedge not recorded, a value not
    visible in its quote) are printed too; --strict makes them fail.

    Example: claimcheck validate --claims claims --strict
    """
    with _errors():
        from .load import validate_claim_set
        from .terminal import inert

        with _frozen():
            v = validate_claim_set(claims, codebook, max_bytes=max_bytes, allow_outside=allow_outside, cache=True)
        warnings = v.warnings
        for w in warnings:
            print(inert(str(w)), file=sys.stderr)
        print(f"ok: {v.claims} claims from {v.sources} sources on {v.topics} topics; every quote found in its article"
              + (f"; {len(warnings)} curation warning{'s' if len(warnings) != 1 else ''}" if warnings else ""))
        if strict and warnings:
            raise typer.Exit(EXIT_INVALID)


@app.command()
def conflicts(
    claims: Path = ClaimsOpt,
    codebook: Optional[Path] = CodebookOpt,
    status: Optional[List[Status]] = StatusOpt,
    topic: Optional[List[str]] = TopicOpt,
    fmt: Format = typer.Option(Format.table, "--format", help="table (for people) or json (for programs)."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Show whole quotes, not trimmed ones."),
    fail_on: Optional[List[Status]] = typer.Option(None, "--fail-on", help="Exit 1 if a shown topic has this status (repeatable), for CI."),
    max_bytes: int = MaxBytesOpt,
    allow_outside: bool = OutsideOpt,
) -> None:
    """Show, topic by topic, where the sources agree, partly agree or conflict, in their own words.

    Conflicts come first. Exit 0 whatever is found, unless --fail-on names a status that is found.

    Example: claimcheck conflicts --status conflict --topic 'ceasefire.*'
    """
    with _errors():
        from .compare import compare_claim_set
        from .document import conflicts_doc, select

        cs = _load(claims, codebook, max_bytes, allow_outside)
        with _frozen():  # as many objects as claims, and no cycles: at 1,000,000 claims, collections cost 1.2 s
            comparison = _keep(compare_claim_set(cs))
        groups = select(comparison, [s.value for s in status or []], topic or [])
        if fmt is Format.json:
            print(json.dumps(conflicts_doc(comparison, groups), ensure_ascii=False, indent=2))
        elif sys.stdout.isatty():
            from rich.console import Console

            from .terminal import rich_conflicts

            Console(highlight=False).print(rich_conflicts(groups, comparison, verbose))
        else:
            from .terminal import plain_conflicts

            print(plain_conflicts(groups, comparison, verbose))
        failing = {s.value for s in fail_on or []}
        if failing and any(g.status in failing for g in groups):
            raise typer.Exit(EXIT_INVALID)


@app.command()
def report(
    output: str = typer.Option(..., "--output", "-o", help="File to write, or - for stdout (text formats only)."),
    fmt: Optional[str] = typer.Option(None, "--format", help="One of " + ", ".join(
        f"{f.name} ({'/'.join(f.extensions)})" for f in REPORT_FORMATS.values()) + " [default: from the file's extension]."),
    claims: Path = ClaimsOpt,
    codebook: Optional[Path] = CodebookOpt,
    status: Optional[List[Status]] = StatusOpt,
    topic: Optional[List[str]] = TopicOpt,
    title: str = typer.Option("claimcheck report", "--title", help="The report's title, shown first in every format."),
    licence: Optional[str] = typer.Option(None, "--licence", "--license", help="The claim set's licence, for the SQLite report's Datasette metadata."),
    max_bytes: int = MaxBytesOpt,
    allow_outside: bool = OutsideOpt,
) -> None:
    """Write a report to share: a summary, a source × topic matrix, each topic's values with every source's quote, and provenance.

    The format follows the file's extension (see --format). Every format names the report
    (--title), when it was made (UTC; SOURCE_DATE_EPOCH overrides), the claim set's revision (its
    git commit, or a digest of its files) and the tool's version. SQLite gets a Datasette metadata
    file beside it (report.metadata.json). Files are replaced in one step, so a failed run leaves
    an existing report as it was.

    Example: claimcheck report -o report.html --title "Istanbul talks, day 3" --status conflict
    """
    with _errors():
        from .compare import compare_claim_set
        from .report import build_report, check_target, choose_format, companions, render, write_atomic
        from .terminal import inert

        chosen = choose_format(output, fmt)
        if output != "-":
            check_target(Path(output))
        cs = _load(claims, codebook, max_bytes, allow_outside)
        with _frozen():
            comparison = _keep(compare_claim_set(cs))
        from .report.model import RunInfo
        from .revision import describe, generated_at

        revision, note = describe(cs)
        run = RunInfo(" ".join(title.split()) or "claimcheck report", generated_at(), revision, note,
                      f"claimcheck {__version__}", licence)
        rep = build_report(comparison, [s.value for s in status or []], topic or [], run=run, max_bytes=max_bytes,
                           allow_outside=allow_outside)
        data = render(rep, chosen)
        extra = companions(rep, chosen, Path(output)) if output != "-" else {}
        if output == "-":
            sys.stdout.flush()
            sys.stdout.buffer.write(data.encode("utf-8"))
            sys.stdout.flush()
        else:
            for path, content in extra.items():
                check_target(path)
            write_atomic(Path(output), data)
            for path, content in extra.items():
                write_atomic(path, content)
        s = rep.summary
        where = "stdout" if output == "-" else inert(output)
        also = "".join(f" and {inert(str(p))}" for p in extra)
        print(f"wrote {where}{also}: {s['topics']} topic{'s' if s['topics'] != 1 else ''}, "
              f"{s['conflict']} conflict{'s' if s['conflict'] != 1 else ''}", file=sys.stderr)


class DiffFormat(str, Enum):
    text = "text"
    md = "md"
    json = "json"


class DiffFailOn(str, Enum):
    new_conflict = "new-conflict"


def _snapshot(arg: str, claims: Path, max_bytes: int, allow_outside: bool, scratch: Path):
    """One side of a diff: a report JSON file, a claims folder, or the claim set at a git revision."""
    from .compare import compare_claim_set
    from .diff import from_comparison, from_report_json
    from .load import load_claim_set
    from .revision import checkout, describe, is_revision

    path = Path(arg)
    if path.is_file():
        return from_report_json(path, max_bytes)
    if path.is_dir():
        cs = load_claim_set(path, None, max_bytes=max_bytes, allow_outside=allow_outside, cache=True)
        return from_comparison(compare_claim_set(cs), arg, describe(cs)[0])
    where = claims if claims.is_dir() else Path(".")
    if not is_revision(arg, where):
        raise UsageError(arg, f"is not a report JSON file, a claims folder, or a git revision of {claims}; "
                              "give one of those (e.g. HEAD~1)")
    folder = checkout(arg, claims, scratch / f"rev{len(list(scratch.iterdir()))}")
    cs = load_claim_set(folder, None, max_bytes=max_bytes, allow_outside=allow_outside, cache=False)
    from .revision import _git

    commit = _git(["rev-parse", "--verify", f"{arg}^{{commit}}"], where) or arg
    return from_comparison(compare_claim_set(cs), f"{claims}@{arg}", f"git {commit[:12]}")


@app.command()
def diff(
    old: str = typer.Argument(..., help="Before: a report JSON file, a claims folder, or a git revision of --claims (e.g. HEAD~1)."),
    new: str = typer.Argument(..., help="After: the same kinds; e.g. the claims folder as it is now."),
    claims: Path = typer.Option(Path("claims"), "--claims", help="The claims folder whose git revisions OLD and NEW may name."),
    fmt: DiffFormat = typer.Option(DiffFormat.text, "--format", help="text, md (a pull-request comment) or json."),
    fail_on: Optional[DiffFailOn] = typer.Option(None, "--fail-on", help="new-conflict: exit 1 when a topic conflicts in NEW that did not in OLD."),
    max_bytes: int = MaxBytesOpt,
    allow_outside: bool = OutsideOpt,
) -> None:
    """Show what changed between two versions of a claim set: sources added or removed, topics whose
    status changed (new conflicts first), values added or withdrawn and the sources giving them.

    Each side is a report JSON file (`claimcheck report -o FILE.json`), a claims folder, or a git
    revision of the --claims folder (read with `git archive`; the repository is not touched).
    Exit 0, or 1 with --fail-on new-conflict when a conflict appeared; 2 for unreadable input.

    Example: claimcheck diff HEAD~1 claims --format md --fail-on new-conflict
    """
    with _errors():
        import tempfile

        from .diff import compare, document, markdown, plain
        from .terminal import inert

        with tempfile.TemporaryDirectory(prefix="claimcheck-diff-") as tmp:
            before = _snapshot(old, claims, max_bytes, allow_outside, Path(tmp))
            after = _snapshot(new, claims, max_bytes, allow_outside, Path(tmp))
        d = compare(before, after)
        if fmt is DiffFormat.json:
            print(json.dumps(document(d), ensure_ascii=False, indent=2))
        elif fmt is DiffFormat.md:
            sys.stdout.write(markdown(d))
        else:
            sys.stdout.write("\n".join(inert(line, oneline=False) for line in plain(d).split("\n")))
        if fail_on is DiffFailOn.new_conflict and d.new_conflicts:
            raise typer.Exit(EXIT_INVALID)


class FailOn(str, Enum):
    contradicts = "contradicts"


@app.command()
def check(
    articles: List[str] = typer.Argument(..., help="Article files (plain text, Markdown or HTML), or - for stdin."),
    published: Optional[str] = typer.Option(None, "--published", metavar="YYYY-MM-DD",
                                            help="When the article was published: relative dates ('on Saturday') count from it [default: a dateline in the article, if any]."),
    fmt: Format = typer.Option(Format.table, "--format", help="table (for people) or json (for programs: one document per article, a list for several)."),
    draft: Optional[Path] = typer.Option(None, "--draft", help="Also write a claims YAML for the article to this file (one article only)."),
    force: bool = typer.Option(False, "--force", help="Let --draft overwrite an existing file."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Worker processes when checking many articles."),
    fail_on: Optional[FailOn] = typer.Option(None, "--fail-on", help="Exit 1 if an article contradicts the claim set (possible findings never count)."),
    exclude: Optional[List[str]] = typer.Option(None, "--exclude", metavar="SOURCE_ID", help="Set this source aside, e.g. to check its own article against the others (repeatable)."),
    min_confidence: float = typer.Option(0.6, "--min-confidence", min=0.0, max=1.0, help="Findings less sure than this are shown as possible and never asserted."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Show whole sentences and quotes, not trimmed ones."),
    claims: Path = ClaimsOpt,
    codebook: Optional[Path] = CodebookOpt,
    max_bytes: int = MaxBytesOpt,
    allow_outside: bool = OutsideOpt,
) -> None:
    """Check a new article against the claim set: what it supports, contradicts or adds, and what it leaves out.

    Facts are read from the article by the codebook's cues and subject words; each gets a
    verdict per source, with the sources' own quotes beside the article's sentence. Passages the
    article shares near-verbatim with a source's article are listed: such an article is not
    independent corroboration. Exit 0, or 1 with --fail-on contradicts when an article
    contradicts a source, or 2 for unreadable input.

    Example: claimcheck check seeds/003_bbce39b4dcb24287.txt --exclude 003-bbce --published 2025-10-27
    """
    with _errors():
        import datetime as dt

        from .check import Checker, CheckError, check_articles, known_sources
        from .draft import check_draft_target, write_draft
        from .terminal import inert

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
        from .load import load_check_set

        # Topic by topic: a warm check reads back only the topics the articles are about (checkset.py).
        with _frozen():
            cs = _keep(load_check_set(claims, codebook, max_bytes=max_bytes, allow_outside=allow_outside, cache=True))
        known_sources(cs.sources, exclude or [])  # an unknown --exclude is a usage error before any work
        stdin = None
        if "-" in articles:
            stdin = sys.stdin.buffer.read(max_bytes + 1)
            if len(stdin) > max_bytes:
                raise UsageError("<stdin>", f"article is over the {max_bytes:,}-byte cap; raise it with --max-bytes if this is intended")
        # Built once, here: with --jobs the workers are forked from this process and inherit it.
        checker = Checker(cs, exclude or [], min_confidence, max_bytes)
        # Plain text and JSON are rendered where each article is checked (by the workers too) and
        # written as soon as the articles before it are; rich tables for a terminal are rendered here.
        out = sys.stdout
        tables = fmt is Format.table and out.isatty()
        single = len(articles) == 1
        if fmt is Format.json:
            from .checkreport import check_doc, error_doc

            def render(r):
                return None if isinstance(r, CheckError) else json.dumps(check_doc(r), ensure_ascii=False, indent=2)
        elif not tables:
            from .checkreport import plain_check, plain_summary

            def render(r):
                return None if isinstance(r, CheckError) else plain_check(r, verbose)
        else:
            render = None
        waiting: dict[int, tuple] = {}
        written = [0, 0]  # articles written, and of them checked

        def write(r, text) -> None:
            """One article's output, in article order: the same bytes as rendering them all at the end."""
            n, ok = written
            if isinstance(r, CheckError):
                _say_error(r.message)
                if fmt is Format.json and not single:
                    text = json.dumps(error_doc(r), ensure_ascii=False, indent=2)
            if fmt is Format.json and text is not None:
                if single:
                    out.write(text + "\n")
                else:  # json.dumps(list of documents, indent=2), a document at a time
                    out.write(("[\n  " if n == 0 else ",\n  ") + text.replace("\n", "\n  "))
            elif not tables and text is not None:
                out.write(("\n\n" if ok else "") + text)  # "\n\n".join(...)
            written[0] += 1
            written[1] += not isinstance(r, CheckError)

        progress = None
        if len(articles) > 1 and sys.stderr.isatty():
            from rich.progress import Progress

            # no refresh thread: forking is only safe while this process has one thread
            progress = Progress(console=_stderr(), transient=True, auto_refresh=False)
            task = progress.add_task("checking", total=len(articles))
            progress.start()

        def finished(i, r, text):
            waiting[i] = (r, text)
            while written[0] in waiting:
                write(*waiting.pop(written[0]))
            if progress:
                progress.advance(task)
                progress.refresh()
        try:
            results = check_articles(articles, checker, published=pub, max_bytes=max_bytes, jobs=jobs, stdin=stdin,
                                     render=render, on_done=finished)
        finally:
            if progress:
                progress.stop()
        errors = [r for r in results if isinstance(r, CheckError)]
        done = [r for r in results if not isinstance(r, CheckError)]
        if fmt is Format.json:
            if not single:
                out.write("\n]\n" if results else "[]\n")
        elif tables:
            from rich.console import Console

            from .checkreport import rich_check, rich_summary

            console = Console(highlight=False)
            for r in done:
                console.print(rich_check(r, verbose))
            if len(articles) > 1:
                console.print(rich_summary(results))
        else:
            out.write("\n")
            if len(articles) > 1:
                print("\n" + plain_summary(results))
        if draft is not None and done:
            written = write_draft(done[0], draft, force)
            print(f"wrote {', '.join(inert(str(p)) for p in written)}: {len(done[0].findings)} draft claims; "
                  f"check them with: claimcheck validate --claims {inert(str(draft.parent))}", file=sys.stderr)
        if errors:
            raise typer.Exit(max(e.exit_code for e in errors))
        if fail_on is FailOn.contradicts and any(r.contradicted for r in done):
            raise typer.Exit(EXIT_INVALID)


def main(argv: Optional[List[str]] = None) -> int:
    """Run the CLI; returns the exit code (callable from tests without a subprocess)."""
    _kept.clear()  # what an earlier call in this process kept
    try:
        app(args=argv, prog_name="claimcheck", standalone_mode=True)
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else EXIT_USAGE)
    return 0


def run() -> None:
    """The `claimcheck` command: main(), then end the process without tearing the interpreter down.

    Everything a command writes is written and closed by the time main() returns (files by
    atomic.py, worker pools by their context managers); only stdout and stderr are left to flush.
    What the command loaded is then freed by the operating system at once, not object by object."""
    code = main()
    if _watched():
        sys.exit(code)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):  # the reader went away, or the stream is closed: nothing to lose
            pass
    os._exit(code)


def _watched() -> bool:
    """Whether a profiler, tracer or coverage tool runs in this process: it writes its results at exit."""
    if sys.getprofile() is not None or sys.gettrace() is not None:
        return True
    monitoring = getattr(sys, "monitoring", None)  # Python 3.12+: coverage may use it instead of a tracer
    return monitoring is not None and any(monitoring.get_tool(i) is not None for i in range(6))


if __name__ == "__main__":  # pragma: no cover
    run()
