"""What every command shares: the common options, error handling (messages and exit codes in one place), loading the claim set through claimcheck.api, and the terminal."""

from __future__ import annotations

import errno
import os
import sys
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Iterator, List, Optional

import typer

from claimcheck.output.atomic import Terminated
from claimcheck.errors import EXIT_INVALID, EXIT_USAGE, ClaimcheckError, ValidationFailed
from claimcheck.output.formats import CONFLICTS as CONFLICTS_FORMATS


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
