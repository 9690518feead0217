"""The certificate renderer: certificate data and a design in, PDF bytes out.

Pure by design: no Django, no database, no storage. Everything expensive (fonts, designs, images)
is prepared once per process. This module is the renderer's public face; the rest of the package
imports only what is re-exported here.

May import: nothing of cert_xblock outside ``rendering/``, and no Django (reportlab, HarfBuzz, Pillow only).
"""
from __future__ import annotations

from cert_xblock.rendering.designs import DesignPage, Layout, Slot
from cert_xblock.rendering.engine import DESIGNS, render_certificate
from cert_xblock.rendering.layout import Box
from cert_xblock.rendering.scripts import RTL_LANGUAGES, right_to_left
from cert_xblock.rendering.types import CertificateData, Design, MissingGlyphs, RenderError, Signatory, Wording

__all__ = [
    "DESIGNS",
    "RTL_LANGUAGES",
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
    "right_to_left",
]
