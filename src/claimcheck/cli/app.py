"""The command line: parses options, calls the core, renders, and maps errors to exit codes. Nothing else."""

from __future__ import annotations

import errno
import json
import os
import sys
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Iterator, List, Optional

import typer

from claimcheck import __version__
from claimcheck.output.atomic import Terminated, on_termination
from claimcheck.errors import EXIT_INVALID, EXIT_USAGE, ClaimcheckError, UsageError, ValidationFailed
from claimcheck.output.formats import CHECK as CHECK_FORMATS, CONFLICTS as CONFLICTS_FORMATS
from claimcheck.report.formats import FORMATS as REPORT_FORMATS

app = typer.Typer(
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    help="Compare what news sources claim about one event: where they agree, partly agree, or conflict.",
    epilog="Exit codes: 0 fine; 1 invalid data, or findings you asked to fail on; 2 usage error, unreadable input or unwritable output.",
)


class Status(str, Enum):
    conflict = "conflict"
    partial = "partial"
    agree = "agree"
    single = "single"


def _choices(registry: dict, name: str):
    """An option's choices as an Enum, from an output registry (output/formats.py)."""
    return Enum(name, {k: k for k in registry}, type=str)


def _formats_help(registry: dict) -> str:
    shown = [f"{f.name} ({f.help})" for f in registry.values()]
    return (", ".join(shown[:-1]) + " or " + shown[-1] if len(shown) > 1 else shown[0]) + "."


Format = _choices(CONFLICTS_FORMATS, "Format")


class Color(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


# Options shared by every command that reads a claim set, declared once.
ClaimsOpt = typer.Option(None, "--claims", help="Folder of claim files (*.yaml) and the codebook "
                         "[default: ./claims, or the claim set found upward from here, as git finds its repository].")
QuietOpt = typer.Option(False, "--quiet", "-q", help="Print only errors; the exit code tells the result.")
ColorOpt = typer.Option(Color.auto, "--color", help="The terminal view in colour: auto (when stdout is a terminal, "
                        "without colour if NO_COLOR is set; FORCE_COLOR forces it), always (even into a pipe), or "
                        "never (plain text, or no colour on a terminal).")
DraftsOpt = typer.Option(False, "--include-drafts", help="Count sources marked `status: draft` too "
                         "(they are left out until a curator removes the mark).")
CodebookOpt = typer.Option(None, "--codebook", help="Codebook file [default: CLAIMS/topics.yaml].")
MaxBytesOpt = typer.Option(10 * 1024 * 1024, "--max-bytes", min=1, help="Refuse any file larger than this many bytes.")
OutsideOpt = typer.Option(False, "--allow-outside", help="Let claim files, the codebook and articles lead (by a path or a link) outside the claim set's root.")
StatusOpt = typer.Option(None, "--status", help="Only topics with this status (repeatable).")
TopicOpt = typer.Option(None, "--topic", help="Only topics matching this glob, e.g. 'ceasefire.*' (repeatable).")


def _stderr():
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def _say_error(message: str) -> None:
    from claimcheck.output.terminal import inert

    # print, not rich: a message may quote a curator's text and must not be read as markup
    print(f"error: {inert(message)}", file=sys.stderr)


@contextmanager
def _errors() -> Iterator[None]:
    """The one place where the tool's errors become messages and exit codes."""
    try:
        yield
    except ValidationFailed as exc:
        from claimcheck.output.terminal import inert

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
    except Terminated:
        print("terminated", file=sys.stderr)
        raise typer.Exit(143) from None
    except (typer.Exit, typer.Abort):
        raise
    except BrokenPipeError:
        # The reader went away (`claimcheck conflicts | head`): stop quietly, as other tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(0) from None
    except OSError as exc:
        if exc.errno not in _OUTPUT_ERRORS:
            _internal(exc)
        # Output that cannot be written (a full disk, /dev/full, a closed stdout): unreadable-or-unwritable, exit 2.
        _say_error(f"cannot write the output: {exc.strerror or exc}")
        raise typer.Exit(EXIT_USAGE) from None
    except Exception as exc:
        _internal(exc)
    finally:
        _notices()


_OUTPUT_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EBADF, errno.EROFS}


def _notices() -> None:
    """Why the cache was not used, once (cachefile.NOTICES): the command itself went on without it."""
    from claimcheck.speed.cachefile import NOTICES

    for line in NOTICES:
        print(line, file=sys.stderr)
    NOTICES.clear()


def _internal(exc: BaseException):
    """A bug of ours: still one line, never a traceback, unless debugging."""
    if os.environ.get("CLAIMCHECK_DEBUG"):
        raise exc
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

    Exit codes: 0 fine; 1 invalid data, or findings you asked to fail on; 2 usage, unreadable input or unwritable output.
    """


def _claims(claims: Optional[Path]) -> Path:
    """The claim set's folder: as given, or found upward from the current folder (locate.py)."""
    if claims is not None:
        return claims
    from claimcheck.claimset.locate import default_claims

    return default_claims()


def _load(claims: Optional[Path], codebook: Optional[Path], max_bytes: int, allow_outside: bool,
          include_drafts: bool = False):
    from claimcheck.api import load_claim_set, without_drafts

    # cache=True: a later command on unchanged files reuses this load (cache.py; CLAIMCHECK_CACHE=0 turns it off).
    with _frozen():
        cs = load_claim_set(_claims(claims), codebook, max_bytes=max_bytes, allow_outside=allow_outside, cache=True)
        return _keep(cs if include_drafts else without_drafts(cs))


def _terminal(color: "Color"):
    """A rich Console when output goes to a terminal (or colour is forced), else None for plain text.

    NO_COLOR turns colour off (bold, italic and the value's mark stay), FORCE_COLOR turns the terminal
    view on when stdout is not a terminal, and --color always/never override both."""
    forced = os.environ.get("FORCE_COLOR", "") != ""
    if not (sys.stdout.isatty() or color is Color.always or (color is Color.auto and forced)):
        return None
    from rich.console import Console

    no_color = {Color.never: True, Color.always: False}.get(color)
    return Console(highlight=False, force_terminal=True, no_color=no_color)


def _topics_shown(cs, patterns: Optional[List[str]]) -> None:
    """A usage error for a --topic glob that matches no topic of the codebook, with what was probably meant."""
    if patterns:
        from claimcheck.cli.filters import check_topic_patterns

        check_topic_patterns(list(cs.codebook.topics), patterns)


_kept: list = []


def _keep(loaded):
    """Hold a loaded claim set (or its comparison) until the process ends, which run() does without
    freeing it: freeing a million claims object by object when the command returns took 1.5 s at the
    end of `conflicts`."""
    _kept.append(loaded)
    return loaded


def _frozen():
    from claimcheck.speed.pool import frozen_after

    return frozen_after()


@app.command()
def validate(
    paths: Optional[List[Path]] = typer.Argument(None, metavar="[FILE|DIR]...", show_default=False,
                                                 help="Claim files, codebooks, articles or claim-set folders: each "
                                                      "claim set they belong to is validated (as pre-commit passes "
                                                      "changed files) [default: --claims]."),
    claims: Optional[Path] = ClaimsOpt,
    codebook: Optional[Path] = CodebookOpt,
    strict: bool = typer.Option(False, "--strict", help="Exit 1 on curation warnings too."),
    quiet: bool = QuietOpt,
    max_bytes: int = MaxBytesOpt,
    allow_outside: bool = OutsideOpt,
) -> None:
    """Check every claim file and the codebook, and that every quote is in its article.

    Reports all problems as file:line:col: message and exits 1 if there are any. Curation
    warnings (a relative date resolved without a note, a hedge not recorded, a value not
    visible in its quote, a weekday that is not the date's) are printed too; --strict makes
    them fail. Given files (as pre-commit gives the changed ones), validates the claim set each
    belongs to, found from the file's folder upward.

    Example: claimcheck validate --claims claims --strict
    """
    with _errors():
        from claimcheck.api import validate_claim_set
        from claimcheck.output.terminal import inert

        if paths:
            if claims is not None:
                raise UsageError("--claims", "give either files or --claims, not both")
            from claimcheck.claimset.locate import claim_sets_for

            sets = list(claim_sets_for(paths))
        else:
            sets = [_claims(claims)]
        failed: list[ValidationFailed] = []
        strict_failures = 0
        for folder in sets:
            try:
                with _frozen():
                    v = validate_claim_set(folder, codebook, max_bytes=max_bytes, allow_outside=allow_outside, cache=True)
            except ValidationFailed as exc:
                failed.append(exc)
                continue
            warnings = v.warnings
            if not quiet or strict:
                for w in warnings:
                    print(inert(str(w)), file=sys.stderr)
            n = len(warnings)
            counted = f"{n} curation warning{'s' if n != 1 else ''}"
            drafts = (f"; {v.drafts} draft{'s' if v.drafts != 1 else ''} (status: draft) left out of results"
                      if v.drafts else "")
            if strict and warnings:
                files = len({w.path for w in warnings})
                print(f"failed (--strict): {counted} in {files} file{'s' if files != 1 else ''} of {inert(str(folder))}; "
                      "fix them, or say why in each claim's note", file=sys.stderr)
                strict_failures += 1
            elif not quiet:
                where = f" in {inert(str(folder))}" if len(sets) > 1 or paths else ""
                print(f"ok{where}: {v.claims} claims from {v.sources} sources on {v.topics} topics; every quote found "
                      f"in its article" + (f"; {counted}" if warnings else "") + drafts)
        if failed:
            raise ValidationFailed([p for exc in failed for p in exc.problems])
        if strict_failures:
            raise typer.Exit(EXIT_INVALID)


@app.command()
def conflicts(
    claims: Optional[Path] = ClaimsOpt,
    codebook: Optional[Path] = CodebookOpt,
    status: Optional[List[Status]] = StatusOpt,
    topic: Optional[List[str]] = TopicOpt,
    fmt: Format = typer.Option(Format.table, "--format", help=_formats_help(CONFLICTS_FORMATS)),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Show whole quotes, not trimmed ones."),
    fail_on: Optional[List[Status]] = typer.Option(None, "--fail-on", help="Exit 1 if a shown topic has this status (repeatable), for CI."),
    include_drafts: bool = DraftsOpt,
    color: Color = ColorOpt,
    quiet: bool = QuietOpt,
    max_bytes: int = MaxBytesOpt,
    allow_outside: bool = OutsideOpt,
) -> None:
    """Show, topic by topic, where the sources agree, partly agree or conflict, in their own words.

    Conflicts come first. Exit 0 whatever is found, unless --fail-on names a status that is found.
    A --topic that matches no topic is a usage error (exit 2), so a typo cannot pass a CI gate.

    Example: claimcheck conflicts --status conflict --topic 'ceasefire.*'
    """
    with _errors():
        failing = {s.value for s in fail_on or []}
        tty = CONFLICTS_FORMATS[fmt.value].draw is not None and _terminal(color) is not None
        # Not on a terminal, the output is a function of the claim set and these options alone: a warm
        # run prints what the last one printed if no input changed (cache.read_output), reading no claim.
        key = repr(("conflicts", fmt.value, sorted(s.value for s in status or []), list(topic or []), verbose,
                    include_drafts))
        if not tty and not quiet and _cache_usable():
            from claimcheck.api import cached_output

            found = cached_output(_claims(claims), codebook, key, max_bytes=max_bytes, allow_outside=allow_outside)
            if found is not None:
                meta, data = found
                sys.stdout.flush()
                sys.stdout.buffer.write(data)
                if failing & set(meta.get("statuses", ())):
                    raise typer.Exit(EXIT_INVALID)
                return
        from claimcheck.compare import compare_claim_set
        from claimcheck.output.document import select

        cs = _load(claims, codebook, max_bytes, allow_outside, include_drafts)
        _topics_shown(cs, topic)
        with _frozen():  # as many objects as claims, and no cycles: at 1,000,000 claims, collections cost 1.2 s
            comparison = _keep(compare_claim_set(cs))
        groups = select(comparison, [s.value for s in status or []], topic or [])
        shape = CONFLICTS_FORMATS[fmt.value]
        console = None if quiet or shape.draw is None else _terminal(color)
        if quiet:
            pass
        elif console is not None:
            console.print(shape.draw(groups, comparison, verbose, console.width))
        else:
            text = shape.render(groups, comparison, verbose)
            sys.stdout.write(text)
            _store_output(key, {"statuses": sorted({g.status for g in groups})}, text)
        if failing and any(g.status in failing for g in groups):
            raise typer.Exit(EXIT_INVALID)


def _cache_usable() -> bool:
    """Whether stdout takes UTF-8 (what a stored output is) and the cache is on."""
    from claimcheck.speed.cache import cache_dir

    return (getattr(sys.stdout, "encoding", "") or "").lower().replace("-", "") == "utf8" and cache_dir() is not None


def _store_output(key: str, meta: dict, text: str) -> None:
    """Keep what was printed beside the cache entry the claim set came from (cache.write_output)."""
    from claimcheck import api

    if api.last_entry is None or not _cache_usable():
        return
    from claimcheck.speed.cache import write_output

    folder, name, entry_id = api.last_entry
    try:
        data = text.encode("utf-8")
    except UnicodeError:
        return
    write_output(folder, name, entry_id, key, meta, data)


@app.command()
def report(
    output: str = typer.Option(..., "--output", "-o", help="File to write, or - for stdout (text formats only)."),
    fmt: Optional[str] = typer.Option(None, "--format", help="One of " + ", ".join(
        f"{f.name} ({'/'.join(f.extensions)})" for f in REPORT_FORMATS.values()) + " [default: from the file's extension]."),
    claims: Optional[Path] = ClaimsOpt,
    codebook: Optional[Path] = CodebookOpt,
    status: Optional[List[Status]] = StatusOpt,
    topic: Optional[List[str]] = TopicOpt,
    include_drafts: bool = DraftsOpt,
    quiet: bool = QuietOpt,
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
        from claimcheck.compare import compare_claim_set
        from claimcheck.report import build_report, check_target, choose_format, companions, render, write_atomic
        from claimcheck.output.terminal import inert

        chosen = choose_format(output, fmt)
        if output != "-":
            check_target(Path(output))
        cs = _load(claims, codebook, max_bytes, allow_outside, include_drafts)
        _topics_shown(cs, topic)
        with _frozen():
            comparison = _keep(compare_claim_set(cs))
        from claimcheck.report.model import RunInfo
        from claimcheck.claimset.revision import describe, generated_at

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
        if not quiet:
            print(f"wrote {where}{also}: {s['topics']} topic{'s' if s['topics'] != 1 else ''}, "
                  f"{s['conflict']} conflict{'s' if s['conflict'] != 1 else ''}", file=sys.stderr)


@app.command()
def init(
    folder: Path = typer.Argument(..., metavar="DIR", help="The new claim set's folder (created; it must be new or empty)."),
    quiet: bool = QuietOpt,
) -> None:
    """Start a new story: a claim set that validates at once, to edit into your own.

    Writes DIR/claims/topics.yaml (a commented codebook showing every value type, labels and
    compatible pairs, entities and distinct pairs), one sample source in DIR/claims/ with its
    article in DIR/articles/, a README, the JSON Schemas editors use (DIR/schema/), and a
    .pre-commit-config.yaml running claimcheck's hook. Nothing existing is overwritten.

    Example: claimcheck init story && claimcheck validate --claims story/claims
    """
    with _errors():
        from claimcheck.cli.init import init as write_claim_set
        from claimcheck.output.terminal import inert

        written = write_claim_set(folder)
        if not quiet:
            shown = inert(str(folder))
            print(f"wrote a new claim set in {shown}/: {len(written)} files "
                  f"({', '.join(inert(p.relative_to(folder).as_posix()) for p in written)})\n"
                  f"next: claimcheck validate --claims {shown}/claims, then replace the sample with your story's "
                  "articles and claims", file=sys.stderr)


class SchemaKind(str, Enum):
    claims = "claims"
    codebook = "codebook"


@app.command()
def schema(
    kind: SchemaKind = typer.Argument(SchemaKind.claims, help="claims (a claim file) or codebook (topics.yaml)."),
) -> None:
    """Print the JSON Schema of a claim file or of the codebook, for editors to complete and check fields.

    Generated from the models validate uses, with each field's description and examples. Save it
    and name it in a modeline at the top of a YAML file, as `claimcheck init` does:
    # yaml-language-server: $schema=../schema/claims.schema.json

    Example: claimcheck schema codebook > schema/codebook.schema.json
    """
    with _errors():
        from claimcheck.claimset.schema import json_schema

        print(json.dumps(json_schema(kind.value), indent=2, ensure_ascii=False))


class DiffFormat(str, Enum):
    text = "text"
    md = "md"
    json = "json"


class DiffFailOn(str, Enum):
    new_conflict = "new-conflict"


def _snapshot(arg: str, claims: Path, max_bytes: int, allow_outside: bool, scratch: Path):
    """One side of a diff: a report JSON file, a claims folder, or the claim set at a git revision."""
    from claimcheck.compare import compare_claim_set
    from claimcheck.report.diff import from_comparison, from_report_json
    from claimcheck.api import load_claim_set
    from claimcheck.claimset.revision import checkout, describe, is_revision

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
    from claimcheck.claimset.revision import _git

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

        from claimcheck.report.diff import compare, document, markdown, plain
        from claimcheck.output.terminal import inert

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


CheckFormat = _choices(CHECK_FORMATS, "CheckFormat")


class Engine(str, Enum):
    local = "local"
    dask = "dask"


@app.command()
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
        join = shape.join
        if not tables:
            def render(r):
                return None if isinstance(r, CheckError) else shape.render(r, verbose, topics)
        else:
            render = None
        waiting: dict[int, tuple] = {}
        written = [0]  # articles written, in order
        pieces = [0]  # texts written

        def write(r, text) -> None:
            """One article's output, in article order: the same bytes as rendering them all at the end."""
            if isinstance(r, CheckError):
                _say_error(r.message)
                if shape.error is not None and not single:
                    text = shape.error(r)
            if not quiet and not tables and text is not None:
                out.write(join.piece(text, pieces[0], single))
                pieces[0] += 1
            written[0] += 1

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
            out.write(join.close(pieces[0], single))
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


def main(argv: Optional[List[str]] = None) -> int:
    """Run the CLI; returns the exit code (callable from tests without a subprocess)."""
    _kept.clear()  # what an earlier call in this process kept
    on_termination()  # SIGTERM unwinds like Ctrl-C: temporary files are removed, exit 143
    if sys.stdout is None:  # started with stdout closed: writing to it is an error, not silence
        sys.stdout = _Closed()
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
    from claimcheck.speed.lifetime import end_process

    code = main()
    end_process(code, lambda exc: _say_error(f"cannot write the output: {exc.strerror or exc}"), EXIT_USAGE)


class _Closed:
    """Standard output when the process started without one: every write fails as a closed file does."""

    encoding = "utf-8"

    def write(self, data) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    @property
    def buffer(self):
        return self


if __name__ == "__main__":  # pragma: no cover
    run()
