"""Reports for sharing: one content model (model.py), one module per output format, an atomic writer.

Names are imported on first use, so the CLI can read the format registry without loading the rest.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

_EXPORTS = {
    "FORMATS": "formats", "Format": "formats", "choose_format": "formats", "render": "formats",
    "companions": "formats",
    "Report": "model", "build_report": "model",
    "check_target": "claimcheck.output.atomic", "write_atomic": "claimcheck.output.atomic",
}
__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:
    from claimcheck.report.formats import FORMATS, Format, choose_format, companions, render
    from claimcheck.report.model import Report, build_report
    from claimcheck.output.atomic import check_target, write_atomic


def __getattr__(name: str):
    if name in _EXPORTS:
        module = _EXPORTS[name]
        target = module if "." in module else f"{__name__}.{module}"
        return getattr(import_module(target), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
