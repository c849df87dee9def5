"""The tool's one exception family; every message starts with the file (and line) it is about."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

#: Exit codes, documented in the README.
EXIT_OK = 0
EXIT_INVALID = 1  # invalid data, or findings the user asked to fail on
EXIT_USAGE = 2  # usage error or unreadable input


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one place in one file."""

    path: str
    message: str
    line: int | None = None
    col: int | None = None

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.col is not None:
                where += f":{self.col}"
        return f"{where}: {self.message}"


class ClaimcheckError(Exception):
    """Base of every error the tool reports to a user; `str()` is the message shown."""

    exit_code = EXIT_INVALID

    def __init__(self, path: str | Path, message: str, line: int | None = None,
                 col: int | None = None):
        self.problem = Problem(str(path), message, line, col)
        super().__init__(str(self.problem))

    def __str__(self) -> str:
        return str(self.problem)


class InvalidData(ClaimcheckError):
    """A claim file or the codebook is readable but wrong (exit 1)."""

    exit_code = EXIT_INVALID


class UnreadableInput(ClaimcheckError):
    """A path is missing, unreadable, too large or not text (exit 2)."""

    exit_code = EXIT_USAGE


class UsageError(ClaimcheckError):
    """The command was called wrongly (exit 2)."""

    exit_code = EXIT_USAGE


class ValidationFailed(Exception):
    """Several problems found in one run; all are reported, then exit 1."""

    exit_code = EXIT_INVALID

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s)")
