"""First, simple renderer: a landscape A4 certificate drawn with reportlab (replaced by the fast engine)."""
from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from .types import CertificateData, Design, RenderError

DESIGNS: tuple[str, ...] = ("classic",)

_FONT_CANDIDATES = (
    Path(__file__).parent / "fonts" / "DejaVuSans.ttf",
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
)


@lru_cache(maxsize=1)
def _font() -> str:
    """Register the first available Unicode TrueType font once per process."""
    for path in _FONT_CANDIDATES:
        if path.exists():
            pdfmetrics.registerFont(TTFont("CertSans", str(path)))
            return "CertSans"
    import reportlab

    vera = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"
    pdfmetrics.registerFont(TTFont("CertSans", str(vera)))
    return "CertSans"


def render_certificate(data: CertificateData, design: Design) -> bytes:
    """Render one certificate as PDF bytes."""
    if not data.learner_name.strip():
        raise RenderError("The learner name is empty.")
    font = _font()
    width, height = landscape(A4)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(width, height))
    c.setTitle(f"{data.title}: {data.learner_name}")
    c.setAuthor(data.org_name)
    c.setSubject(data.course_name)
    c.setLineWidth(4)
    c.setStrokeColor(design.accent_color)
    c.rect(30, 30, width - 60, height - 60)
    c.setFont(font, 36)
    c.drawCentredString(width / 2, height - 140, data.title)
    c.setFont(font, 14)
    c.drawCentredString(width / 2, height - 190, "This certifies that")
    c.setFont(font, 30)
    c.drawCentredString(width / 2, height - 240, data.learner_name)
    c.setFont(font, 14)
    c.drawCentredString(width / 2, height - 290, "has successfully completed")
    c.setFont(font, 22)
    c.drawCentredString(width / 2, height - 330, data.course_name)
    c.setFont(font, 14)
    c.drawCentredString(width / 2, height - 370, f"offered by {data.org_name}")
    c.drawCentredString(width / 2, height - 395, data.issued_on.isoformat())
    c.setFont(font, 9)
    c.drawString(60, 60, f"Verify: {data.verify_url}  Code: {data.short_code}")
    c.showPage()
    c.save()
    return buf.getvalue()
