"""The certificate renderer: certificate data and a design in, PDF bytes out.

Pure by design: no Django, no database, no storage. Everything expensive (fonts, designs, images)
is prepared once per process. This module is the renderer's public face; the rest of the package
imports only what is re-exported here.
"""
from __future__ import annotations

from .designs import DesignPage, Layout, Slot
from .engine import DESIGNS, render_certificate
from .layout import Box
from .types import CertificateData, Design, MissingGlyphs, RenderError, Signatory, Wording

__all__ = [
    "DESIGNS",
    "Box",
    "CertificateData",
    "Design",
    "DesignPage",
    "Layout",
    "MissingGlyphs",
    "RenderError",
    "Signatory",
    "Slot",
    "Wording",
    "render_certificate",
]
