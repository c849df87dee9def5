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
    "check_target": "..atomic", "write_atomic": "..atomic",
}
__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:
    from .formats import FORMATS, Format, choose_format, companions, render
    from .model import Report, build_report
    from ..atomic import check_target, write_atomic


def __getattr__(name: str):
    if name in _EXPORTS:
        module = _EXPORTS[name]
        target = f"{__package__.rsplit('.', 1)[0]}.{module[2:]}" if module.startswith("..") else f"{__name__}.{module}"
        return getattr(import_module(target), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
