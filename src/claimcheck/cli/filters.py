"""Checking `--topic` globs against the codebook: a glob that matches nothing is a typo, not an empty result."""

from __future__ import annotations

import difflib
import fnmatch

from claimcheck.errors import UsageError

_GLOB = set("*?[")


def check_topic_patterns(names: list[str], patterns: list[str]) -> None:
    """Raise a usage error (exit 2) naming the first pattern that matches no topic, and what was likely meant."""
    for pat in patterns:
        if any(fnmatch.fnmatchcase(n, pat) for n in names):
            continue
        raise UsageError("--topic", f"'{pat}' matches no topic{_suggest(names, pat)}")


def _suggest(names: list[str], pat: str) -> str:
    hints = []
    glob = None
    bare = pat.rstrip(".")
    if not _GLOB & set(pat):
        under = [n for n in names if n.startswith(bare + ".") or n.startswith(bare)]
        if under:
            glob = f"{bare}.*" if all(n.startswith(bare + ".") for n in under) else f"{bare}*"
            shown = ", ".join(under[:3]) + (f" and {len(under) - 3} more" if len(under) > 3 else "")
            hints.append(f"'{glob}' (a glob: {shown})")
    plain = pat.replace("*", "").replace("?", "")
    for n in difflib.get_close_matches(plain, names, n=3, cutoff=0.6):
        if glob is None or not fnmatch.fnmatchcase(n, glob):
            hints.append(f"'{n}'")
    if not hints:
        subjects = sorted({n.split(".")[0] for n in names})
        shown = ", ".join(f"{s}.*" for s in subjects[:6]) + (", ..." if len(subjects) > 6 else "")
        return f"; topics are {shown}"
    return "; did you mean " + (hints[0] if len(hints) == 1 else ", ".join(hints[:-1]) + " or " + hints[-1]) + "?"
