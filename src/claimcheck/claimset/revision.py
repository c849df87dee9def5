"""Which version of a claim set a report was made from, and a claim set as it was at a git revision.

A report names its claim set's revision so that two copies can be told apart and a reader can get
back to the files: the git commit when the claim files are in a git repository (with a note when
they have uncommitted changes), otherwise a digest of the files themselves. `diff` reads a claim
set at an earlier commit through `checkout`, which extracts that commit's files into a folder of
its own with `git archive` (read-only for the repository: no worktree, index or ref is touched).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import shutil
import subprocess
import tarfile
from pathlib import Path

from claimcheck.errors import UsageError
from claimcheck.model import ClaimSet

GIT_TIMEOUT = 20  # seconds for one git command; a hung git is reported, not waited on forever


def generated_at(now: dt.datetime | None = None) -> str:
    """The time a report is made, in UTC to the second; SOURCE_DATE_EPOCH, when set, stands for now
    (the reproducible-builds convention: the same inputs give the same bytes)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if now is None and epoch and epoch.strip().isdigit():
        now = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    now = now or dt.datetime.now(dt.timezone.utc)
    return now.astimezone(dt.timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def _git(args: list[str], cwd: Path, binary: bool = False) -> str | bytes | None:
    """A git command's output, or None when git is missing, fails or takes too long."""
    git = shutil.which("git")
    if git is None:
        return None
    try:
        done = subprocess.run([git, *args], cwd=cwd, capture_output=True, timeout=GIT_TIMEOUT,
                              env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"})
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    return done.stdout if binary else done.stdout.decode("utf-8", "replace").strip()


def _files(cs: ClaimSet) -> list[Path]:
    """Every file the claim set was read from: codebook, claim files, article texts."""
    out = {Path(cs.codebook.path)}
    for s in cs.sources.values():
        out.add(Path(s.where.path))
        if s.text_path:
            out.add(Path(s.text_path))
    return sorted(out, key=str)


def digest(cs: ClaimSet) -> str:
    """sha256 over the claim set's files (names relative to its root, then bytes), first 16 hex digits."""
    root = Path(cs.root).resolve().parent
    h = hashlib.sha256()
    for path in _files(cs):
        try:
            resolved = path.resolve()
            name = str(resolved.relative_to(root)) if root in resolved.parents else str(resolved)
            data = path.read_bytes()
        except (OSError, ValueError):
            continue  # read when the set was loaded; gone now: the digest says so by differing
        h.update(name.encode("utf-8", "surrogateescape") + b"\0" + str(len(data)).encode() + b"\0" + data)
    return h.hexdigest()[:16]


def describe(cs: ClaimSet) -> tuple[str, str | None]:
    """('git <commit>', note) when the claim files are in a git repository, else ('sha256 <digest>', None)."""
    folder = Path(cs.root).resolve()
    commit = _git(["rev-parse", "--verify", "--quiet", "HEAD"], folder) if folder.is_dir() else None
    if not commit:
        return f"sha256 {digest(cs)}", None
    paths = [str(p) for p in _files(cs)]
    status = _git(["status", "--porcelain", "--untracked-files=all", "--", *paths], folder)
    if status is None:
        return f"git {commit[:12]}", "could not tell whether the files have uncommitted changes"
    changed = len([line for line in status.splitlines() if line.strip()])
    if changed:
        return (f"git {commit[:12]}",
                f"with uncommitted changes to {changed} file{'s' if changed != 1 else ''}: sha256 {digest(cs)}")
    return f"git {commit[:12]}", None


def is_revision(rev: str, repo_dir: Path) -> bool:
    """Whether git knows `rev` as a commit in the repository holding `repo_dir`."""
    if rev.startswith("-"):
        return False
    return bool(_git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], repo_dir))


def checkout(rev: str, claims_dir: Path, into: Path) -> Path:
    """The claims folder as it was at git revision `rev`, extracted under `into`; returns its path there.

    The claim set's root (the folder holding the claims folder) is extracted, so articles the claim
    files point at come along. Only regular files and folders are written, never outside `into`.
    """
    claims_dir = claims_dir.resolve()
    top = _git(["rev-parse", "--show-toplevel"], claims_dir if claims_dir.is_dir() else claims_dir.parent)
    if not top:
        raise UsageError(str(claims_dir), "is not in a git repository, so a revision cannot be read from it")
    top_path = Path(top).resolve()
    root = claims_dir.parent
    try:
        rel_root = root.relative_to(top_path)
    except ValueError:
        raise UsageError(str(claims_dir), f"is not inside the git repository {top_path}") from None
    spec = [str(rel_root)] if str(rel_root) != "." else []
    data = _git(["archive", "--format=tar", f"{rev}^{{commit}}", "--", *spec], top_path, binary=True)
    if data is None:
        raise UsageError(rev, f"git cannot read the claim set at revision '{rev}' ({rel_root or '.'} in {top_path})")
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        members = [m for m in tar.getmembers() if (m.isfile() or m.isdir())
                   and not m.name.startswith(("/", "\\")) and ".." not in Path(m.name).parts]
        safe = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}  # Python >= 3.10.12 / 3.11.4
        tar.extractall(into, members=members, **safe)
    out = into / claims_dir.relative_to(top_path)
    if not out.is_dir():
        raise UsageError(rev, f"revision '{rev}' has no folder {claims_dir.relative_to(top_path)}")
    return out
