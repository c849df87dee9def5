"""Reports for sharing: one content model (model.py), one module per output format, an atomic writer."""

from __future__ import annotations

from .formats import FORMATS, Format, choose_format, render
from .model import Report, build_report
from .write import check_target, write_atomic

__all__ = ["FORMATS", "Format", "Report", "build_report", "check_target", "choose_format", "render", "write_atomic"]
