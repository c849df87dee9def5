"""Finding the claim set a command is about: from the current folder upward, as git finds its repository.

A claim set is a folder holding the codebook (`topics.yaml`) and the claim files. A command run
without `--claims` uses `./claims` when it holds a codebook, else the current folder when it is
itself a claim set, else the same two places in each folder above, stopping at the top of the git
repository (the folder holding `.git`) or of the file system. `validate FILE...` finds each file's
claim set the same way, from the file's own folder.
"""

from __future__ import annotations

from pathlib import Path

from claimcheck.errors import UsageError

CODEBOOK_NAME = "topics.yaml"


def claim_set_from(start: Path) -> Path | None:
    """The claim-set folder that `start` (a folder) is in or above, or None when there is none."""
    here = start
    while True:
        for candidate in (here / "claims", here):
            if (candidate / CODEBOOK_NAME).is_file():
                return candidate
        if (here / ".git").exists() or here.parent == here:
            return None
        here = here.parent


def _shown(found: Path, start: Path) -> Path:
    """The found folder as a user would type it: relative to the current folder when it is below it."""
    import os

    return Path(os.path.relpath(found, start))


def default_claims() -> Path:
    """The claim set for a command given no `--claims`: found upward from the current folder."""
    cwd = Path.cwd()
    found = claim_set_from(cwd)
    if found is None:
        raise UsageError("--claims", "no claim set here: no claims/topics.yaml in this folder or any above it; "
                         "pass --claims DIR, or start one with `claimcheck init DIR`")
    return _shown(found, cwd)


def claim_sets_for(paths: list[Path]) -> dict[Path, list[Path]]:
    """Each claim set the given files and folders belong to, with the paths that led to it (in order).

    A folder is a claim set itself, holds one in `claims/`, or lies inside one; a file (a claim
    file, the codebook, an article) belongs to the claim set found upward from its folder."""
    sets: dict[Path, list[Path]] = {}
    for p in paths:
        if not p.exists():
            raise UsageError(p, "not found; name claim files, a codebook, articles, or a claim set's folder")
        folder = p if p.is_dir() else p.parent
        found = claim_set_from(folder.resolve())
        if found is None:
            raise UsageError(p, f"is in no claim set: no {CODEBOOK_NAME} in its folder or any above it (nor in a "
                             "claims/ folder there); pass --claims DIR, or start one with `claimcheck init DIR`")
        sets.setdefault(_shown(found, Path.cwd().resolve()), []).append(p)
    return sets
