"""The registry of report formats: a new format is one module beside this one and one entry below."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING

from claimcheck.errors import UsageError

if TYPE_CHECKING:
    from claimcheck.report.model import Report


@dataclass(frozen=True)
class Format:
    """An output format: its name, the file extensions that select it, and its renderer module.

    The module defines `render(report) -> str` (text, written as UTF-8) or `-> bytes` (binary), and
    may define `companions(report, path) -> {path: content}`: files written beside the report.
    """

    name: str
    extensions: tuple[str, ...]
    module: str
    binary: bool = False


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("html", (".html", ".htm"), "html"),
    Format("md", (".md", ".markdown"), "markdown"),
    Format("json", (".json",), "jsonfmt"),
    Format("csv", (".csv",), "csv"),
    Format("sqlite", (".sqlite", ".db"), "sqlite", binary=True),
)}


def choose_format(output: str, name: str | None = None) -> Format:
    """The format named, else the one the output file's extension selects; `-` means stdout."""
    if name is not None:
        fmt = FORMATS.get(name.lower())
        if fmt is None:
            raise UsageError(output, f"unknown report format '{name}'; use one of {', '.join(FORMATS)}")
    elif output == "-":
        raise UsageError(output, f"writing to stdout needs --format ({', '.join(FORMATS)})")
    else:
        ext = PurePath(output).suffix.lower()
        fmt = next((f for f in FORMATS.values() if ext in f.extensions), None)
        if fmt is None:
            known = ", ".join(e for f in FORMATS.values() for e in f.extensions)
            raise UsageError(output, f"cannot tell the report format from '{ext or 'no extension'}'; "
                                     f"use one of {known}, or --format")
    if output == "-" and fmt.binary:
        raise UsageError(output, f"{fmt.name} is a binary format and cannot be written to stdout; give a file name")
    return fmt


def render(report: Report, fmt: Format) -> str | bytes:
    """The whole report in one format, in memory (so nothing is written if rendering fails)."""
    module = importlib.import_module(f"{__package__}.{fmt.module}")
    return module.render(report)


def companions(report: Report, fmt: Format, output: PurePath) -> dict:
    """Files a format writes beside its report (SQLite: Datasette's metadata), rendered in memory too."""
    module = importlib.import_module(f"{__package__}.{fmt.module}")
    make = getattr(module, "companions", None)
    return make(report, output) if make else {}
