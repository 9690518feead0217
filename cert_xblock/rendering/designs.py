"""The bundled designs: artwork drawn with reportlab, and the boxes every text and picture goes in.

All designs share one grid of boxes (computed from the page size), so no two texts can overlap whatever
the design; a design chooses the artwork, the fonts, the colours and the alignment. A plug-in design
(``Design.artist``) is handed the same grid (``DesignPage.standard``) and returns its own ``Layout``; the renderer
then prints every text, picture and the QR code into that layout exactly as for a bundled one.
"""
from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, replace

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.pdfgen import canvas

from cert_xblock.rendering.layout import Box
from cert_xblock.rendering.types import Design, RenderError

DESIGNS: tuple[str, ...] = ("classic", "modern", "minimal")
PAGE_SIZES = {"A4": A4, "LETTER": LETTER}
MARGIN = 0.085  # of the page's shorter side


@dataclass(frozen=True)
class Slot:
    box: Box
    role: str  # font role: sans, sans-bold, serif, serif-bold
    max_size: float
    color: str
    max_lines: int = 1
    align: str = "center"


@dataclass(frozen=True)
class Layout:
    page: tuple[float, float]
    artwork: str  # PDF operators, drawn first
    slots: dict[str, Slot]
    qr: Box
    logo: Box
    signatures: tuple[Box, ...]  # one picture box per signatory


@dataclass(frozen=True)
class _Style:
    heading: str
    body: str
    ink: str
    muted: str
    align: str
    title_color: str | None  # None: the accent colour


_STYLES = {
    "classic": _Style("serif-bold", "serif", "#222222", "#555555", "center", None),
    "modern": _Style("sans-bold", "sans", "#1b1b1b", "#5f6368", "start", "#ffffff"),
    "minimal": _Style("sans", "sans", "#111111", "#6b6b6b", "center", None),
}


def page_size(design: Design) -> tuple[float, float]:
    size = PAGE_SIZES.get(design.page_size.upper())
    if size is None:
        raise RenderError(f"Unknown page size {design.page_size!r}: use A4 or Letter.")
    width, height = size
    if design.orientation == "landscape":
        return (max(width, height), min(width, height))
    if design.orientation == "portrait":
        return (min(width, height), max(width, height))
    raise RenderError(f"Unknown orientation {design.orientation!r}: use landscape or portrait.")


def accent(design: Design) -> str:
    value = design.accent_color.strip()
    if len(value) == 4 and value.startswith("#"):
        value = "#" + "".join(ch * 2 for ch in value[1:])
    try:
        int(value[1:], 16)
    except ValueError:
        value = ""
    if len(value) != 7 or not value.startswith("#"):
        raise RenderError(f"The accent colour {design.accent_color!r} is not a #rrggbb colour.")
    return value.lower()


@dataclass(frozen=True)
class DesignPage:
    """What a plug-in design is given: the page, the author's accent colour, how many signatories there are, and
    ``standard``, the shared grid with the classic design's fonts and colours and no artwork, to keep or adjust."""

    width: float
    height: float
    margin: float
    accent_color: str  # "#rrggbb"
    signatories: int
    standard: Layout

    def artwork(self, draw: Callable[[canvas.Canvas], None]) -> str:
        """Run reportlab drawing calls on a page of this size; the PDF operators, for ``Layout.artwork``."""
        return _capture(self.width, self.height, draw)


def build_layout(design: Design, signatories: int, rtl: bool = False) -> Layout:
    """Boxes and artwork for a design, page size, orientation and number of signatories; for a right-to-left
    certificate (``rtl``), the mirror image (``mirrored``), plug-in designs too."""
    if design.artist is not None:
        standard = _layout(Design(orientation=design.orientation, page_size=design.page_size,
                                  accent_color=design.accent_color), signatories, artwork=False)
        width, height = standard.page
        page = DesignPage(width, height, MARGIN * min(width, height), accent(design), signatories, standard)
        layout = design.artist(page)
    else:
        layout = _layout(design, signatories)
    return mirrored(layout) if rtl else layout


_MIRRORED_ALIGN = {"start": "right", "left": "right", "right": "left"}


def mirrored(layout: Layout) -> Layout:
    """The layout seen in a mirror, for a right-to-left certificate: every box reflected about the page's
    vertical axis (the logo, the QR code, the first signatory on the right), the artwork drawn through the same
    reflection (the name's underline, the modern band's slant), and text set at the start of the lines on the
    right, whatever the script of each line."""
    width = layout.page[0]

    def flip(box: Box) -> Box:
        return Box(width - box.right, box.y, box.w, box.h)

    slots = {key: replace(slot, box=flip(slot.box), align=_MIRRORED_ALIGN.get(slot.align, slot.align))
             for key, slot in layout.slots.items()}
    artwork = f"q -1 0 0 1 {width:.3f} 0 cm\n{layout.artwork}\nQ" if layout.artwork else ""
    return Layout(layout.page, artwork, slots, flip(layout.qr), flip(layout.logo), tuple(map(flip, layout.signatures)))


def _layout(design: Design, signatories: int, *, artwork: bool = True) -> Layout:
    if design.name not in _STYLES:
        raise RenderError(f"Unknown design {design.name!r}: choose one of {', '.join(DESIGNS)}.")
    style = _STYLES[design.name]
    color = accent(design)
    width, height = page_size(design)
    landscape = width > height
    margin = MARGIN * min(width, height)
    inner = Box(margin, margin, width - 2 * margin, height - 2 * margin)
    # Heights, top to bottom, as fractions of the inner box; the rest is spacing between rows.
    rows = [
        ("logo", 0.11 if landscape else 0.09),
        ("title", 0.10 if landscape else 0.08),
        ("preamble", 0.045),
        ("name", 0.15 if landscape else 0.12),
        ("completion", 0.045),
        ("course", 0.11 if landscape else 0.10),
        ("issued", 0.045),
        ("grade", 0.04),
        ("custom", 0.06 if landscape else 0.08),
        ("band", 0.21 if landscape else 0.19),
    ]
    gap = (1 - sum(h for _, h in rows)) / (len(rows) - 1) * inner.h
    boxes: dict[str, Box] = {}
    top = inner.top
    for key, fraction in rows:
        h = fraction * inner.h
        boxes[key] = Box(inner.x, top - h, inner.w, h)
        top -= h + gap
    band = boxes.pop("band")
    verify_h = band.h * 0.16
    qr_side = band.h - verify_h - 2
    qr = Box(band.right - qr_side, band.y + verify_h + 2, qr_side, qr_side)
    code_w = min(qr_side * 1.6, band.w * 0.25)
    slots_area_w = band.w - qr_side - 0.04 * band.w
    verify = Box(band.x, band.y, band.w - code_w - 4, verify_h)
    code = Box(band.right - code_w, band.y, code_w, verify_h)
    body, heading, muted, ink = style.body, style.heading, style.muted, style.ink
    align = style.align
    title_color = style.title_color or color
    slots = {
        "title": Slot(boxes["title"], heading, 40 if landscape else 34, title_color, 1, align),
        "preamble": Slot(boxes["preamble"], body, 14, muted, 1, align),
        "name": Slot(boxes["name"], heading, 46 if landscape else 38, ink, 2, align),
        "completion": Slot(boxes["completion"], body, 14, muted, 1, align),
        "course": Slot(boxes["course"], heading, 26 if landscape else 22, color, 2, align),
        "issued": Slot(boxes["issued"], body, 12.5, muted, 1, align),
        "grade": Slot(boxes["grade"], body, 12, ink, 1, align),
        "custom": Slot(boxes["custom"], body, 11, muted, 2, align),
        "verify_url": Slot(verify, body, 8, muted, 1, "start"),
        "short_code": Slot(code, heading, 9, ink, 1, "center"),
    }
    signature_boxes = []
    count = min(signatories, 3)
    if count:
        column = slots_area_w / count
        for i in range(count):
            x = band.x + i * column + 0.06 * column
            w = column * 0.88
            name_h = (band.h - verify_h) * 0.2
            slots[f"signatory_title_{i}"] = Slot(Box(x, band.y + verify_h + 2, w, name_h), body, 9, muted, 1, "center")
            slots[f"signatory_name_{i}"] = Slot(
                Box(x, band.y + verify_h + 2 + name_h, w, name_h), heading, 11, ink, 1, "center"
            )
            pic_y = band.y + verify_h + 4 + 2 * name_h
            signature_boxes.append(Box(x + w * 0.15, pic_y, w * 0.7, band.top - pic_y))
    logo = boxes["logo"]
    if align == "start":
        logo = Box(logo.x, logo.y, logo.w * 0.35, logo.h)
    if design.name == "modern":
        slots["title"] = Slot(slots["title"].box, heading, slots["title"].max_size, title_color, 1, "start")
    drawn = _ARTWORK[design.name](width, height, margin, color, boxes, signature_boxes, slots) if artwork else ""
    return Layout((width, height), drawn, slots, qr, logo, tuple(signature_boxes))


def _tint(hex_color: str, amount: float) -> HexColor:
    """The colour mixed with white: amount 0 is the colour, 1 is white."""
    r, g, b = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    mix = [round(c + (255 - c) * amount) for c in (r, g, b)]
    return HexColor("#{:02x}{:02x}{:02x}".format(*mix))


def _capture(width: float, height: float, draw) -> str:
    """Run reportlab drawing calls and keep the page's operators (the artwork is reused for every certificate)."""
    c = canvas.Canvas(io.BytesIO(), pagesize=(width, height))
    draw(c)
    return "\n".join(c._code)


def _signature_lines(c, signature_boxes: list[Box], slots: dict[str, Slot], ink: HexColor) -> None:
    c.setStrokeColor(ink)
    c.setLineWidth(0.6)
    for i, _pic in enumerate(signature_boxes):
        name = slots[f"signatory_name_{i}"].box
        y = name.top + 1.5
        c.line(name.x + name.w * 0.1, y, name.right - name.w * 0.1, y)


def _classic(width, height, margin, color, boxes, signature_boxes, slots) -> str:
    def draw(c):
        c.setFillColor(HexColor("#fbf8ef"))
        c.rect(0, 0, width, height, stroke=0, fill=1)
        c.setStrokeColor(HexColor(color))
        c.setLineWidth(5)
        outer = margin * 0.35
        c.rect(outer, outer, width - 2 * outer, height - 2 * outer, stroke=1, fill=0)
        c.setLineWidth(1)
        inner = margin * 0.55
        c.rect(inner, inner, width - 2 * inner, height - 2 * inner, stroke=1, fill=0)
        c.setFillColor(HexColor(color))
        for x, y in ((inner, inner), (width - inner, inner), (inner, height - inner), (width - inner, height - inner)):
            p = c.beginPath()
            s = margin * 0.16
            p.moveTo(x, y - s)
            p.lineTo(x + s, y)
            p.lineTo(x, y + s)
            p.lineTo(x - s, y)
            p.close()
            c.drawPath(p, stroke=0, fill=1)
        name = boxes["name"]
        c.setStrokeColor(_tint(color, 0.35))
        c.setLineWidth(0.8)
        c.line(name.x + name.w * 0.2, name.y - 2, name.right - name.w * 0.2, name.y - 2)
        _signature_lines(c, signature_boxes, slots, HexColor("#444444"))

    return _capture(width, height, draw)


def _modern(width, height, margin, color, boxes, signature_boxes, slots) -> str:
    def draw(c):
        title = boxes["title"]
        c.setFillColor(HexColor(color))
        band_bottom = (title.y + boxes["preamble"].top) / 2
        c.rect(0, band_bottom, width, height - band_bottom, stroke=0, fill=1)
        c.setFillColor(_tint(color, 0.25))
        p = c.beginPath()
        p.moveTo(width * 0.62, height)
        p.lineTo(width, height)
        p.lineTo(width, band_bottom)
        p.lineTo(width * 0.78, band_bottom)
        p.close()
        c.drawPath(p, stroke=0, fill=1)
        c.setFillColor(HexColor(color))
        c.rect(0, 0, width, margin * 0.18, stroke=0, fill=1)
        c.rect(margin, boxes["name"].y - 4, 0.12 * width, 2.5, stroke=0, fill=1)
        _signature_lines(c, signature_boxes, slots, HexColor("#9aa0a6"))

    return _capture(width, height, draw)


def _minimal(width, height, margin, color, boxes, signature_boxes, slots) -> str:
    def draw(c):
        c.setStrokeColor(HexColor("#c8c8c8"))
        c.setLineWidth(0.5)
        edge = margin * 0.45
        c.rect(edge, edge, width - 2 * edge, height - 2 * edge, stroke=1, fill=0)
        c.setFillColor(HexColor(color))
        title = boxes["title"]
        c.rect(width / 2 - 18, title.y - 3, 36, 1.6, stroke=0, fill=1)
        _signature_lines(c, signature_boxes, slots, HexColor("#bdbdbd"))

    return _capture(width, height, draw)


_ARTWORK = {"classic": _classic, "modern": _modern, "minimal": _minimal}
