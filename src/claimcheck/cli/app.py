"""The command line: parses options, calls the core, renders, and maps errors to exit codes. Nothing else."""

from __future__ import annotations

import errno
import json
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from claimcheck.cli.common import (
    ClaimsOpt, CodebookOpt, Color, ColorOpt, DraftsOpt, Format, MaxBytesOpt, OutsideOpt, QuietOpt, Status, StatusOpt,
    TopicOpt, _cache_usable, _claims, _errors, _formats_help, _frozen, _keep, _kept, _load, _say_error, _store_output,
    _terminal, _topics_shown,
)
from claimcheck import __version__
from claimcheck.output.atomic import on_termination
from claimcheck.errors import EXIT_INVALID, EXIT_USAGE, UsageError, ValidationFailed
from claimcheck.output.formats import CONFLICTS as CONFLICTS_FORMATS
from claimcheck.report.formats import FORMATS as REPORT_FORMATS

app = typer.Typer(
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    help="Compare what news sources claim about one event: where they agree, partly agree, or conflict.",
    epilog="Exit codes: 0 fine; 1 invalid data, or findings you asked to fail on; 2 usage error, unreadable input or unwritable output.",
)


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


from claimcheck.cli import checking  # noqa: E402 (the check command, registered last)

app.command()(checking.check)


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
