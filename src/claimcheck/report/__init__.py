"""Reports for sharing: one content model (model.py), one module per output format, an atomic writer.

Names are imported on first use, so the CLI can read the format registry without loading the rest.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

_EXPORTS = {
    "FORMATS": "formats", "Format": "formats", "choose_format": "formats", "render": "formats",
    "Report": "model", "build_report": "model",
    "check_target": "write", "write_atomic": "write",
}
__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:
    from .formats import FORMATS, Format, choose_format, render
    from .model import Report, build_report
    from .write import check_target, write_atomic


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(f"{__name__}.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
