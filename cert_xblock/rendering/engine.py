"""render_certificate: certificate data and a design in, PDF bytes out.

The page is split into what is the same for every learner of a course (artwork, logo, signatures, title,
course, organization, date: the "template", built once and cached) and what is not (the learner's name,
grade, verification URL, short code and QR code). A certificate copies the template's font state and its
zlib compressor (already fed the fixed page content), adds the learner's parts and writes the PDF.
"""
from __future__ import annotations

import zlib
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date
from threading import Lock

from .designs import DESIGNS, Layout, Slot, build_layout
from .images import load_image
from .layout import Block, Box, fit
from .pdf import COMPRESSION, FontSet, Image, Metadata, build_pdf, text_ops
from .qr import qr_image
from .shaping import clean
from .types import CertificateData, Design, RenderError

__all__ = ["DESIGNS", "layout_certificate", "render_certificate"]

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
TEMPLATE_CACHE_SIZE = 64
_QR_ENTRIES = b"/Type /XObject /Subtype /Image /Width %d /Height %d /ImageMask true /BitsPerComponent 1 /Decode [1 0]"


@dataclass
class _Template:
    layout: Layout
    fonts: FontSet
    content: bytes  # the fixed page operators
    compressor: zlib._Compress  # fed `content`, copied for every certificate
    compressed: bytes  # what the compressor gave out for `content`
    images: dict[str, Image]
    blocks: dict[str, Block]


_templates: OrderedDict[tuple, _Template] = OrderedDict()
_lock = Lock()


def render_certificate(data: CertificateData, design: Design) -> bytes:
    """Render one certificate as PDF bytes; RenderError when the data cannot be printed."""
    name = clean(data.learner_name)
    if not name:
        raise RenderError("The learner name is empty.")
    if not data.verify_url.strip():
        raise RenderError("The verification URL is empty.")
    template = _template(data, design)
    fonts = template.fonts.copy()
    blocks = _variable_blocks(template.layout, data, name)
    ops = [_block_ops(fonts, block, template.layout.slots[key].color) for key, block in blocks.items()]
    qr = template.layout.qr
    side, mask = qr_image(data.verify_url.strip())
    images = {**template.images, "QR": Image(_QR_ENTRIES % (side, side), mask)}
    ops.append(f"q 0 0 0 rg {qr.w:.3f} 0 0 {qr.h:.3f} {qr.x:.3f} {qr.y:.3f} cm /QR Do Q")
    compressor = template.compressor.copy()
    stream = template.compressed + compressor.compress(("\n" + "\n".join(ops)).encode("ascii")) + compressor.flush()
    meta = Metadata(
        title=f"{clean(data.title) or 'Certificate'}: {name}",
        author=clean(data.org_name),
        subject=clean(data.course_name),
        language=data.language or "en",
        created=data.issued_on.strftime("D:%Y%m%d000000Z"),
        keywords=f"certificate, {clean(data.short_code)}",
    )
    return build_pdf(template.layout.page, stream, fonts, images, meta)


def layout_certificate(data: CertificateData, design: Design) -> dict[str, Block]:
    """Where every text of the certificate goes (the same computation render_certificate draws)."""
    name = clean(data.learner_name)
    if not name:
        raise RenderError("The learner name is empty.")
    template = _template(data, design)
    return {**template.blocks, **_variable_blocks(template.layout, data, name)}


def slot_boxes(data: CertificateData, design: Design) -> dict[str, Box]:
    """The box of every slot of the design, plus 'qr', for checks of the geometry."""
    template = _template(data, design)
    return {**{key: slot.box for key, slot in template.layout.slots.items()}, "qr": template.layout.qr}


def _variable_blocks(layout: Layout, data: CertificateData, name: str) -> dict[str, Block]:
    blocks = {"name": _fit(layout.slots["name"], name)}
    grade = clean(data.grade_text)
    if grade:
        blocks["grade"] = _fit(layout.slots["grade"], grade)
    blocks["verify_url"] = _fit(layout.slots["verify_url"], data.wording.verify_at.format(url=clean(data.verify_url)))
    code = clean(data.short_code)
    if code:
        blocks["short_code"] = _fit(layout.slots["short_code"], code)
    return blocks


def _fit(slot: Slot, text: str) -> Block:
    return fit(text, slot.role, slot.box, slot.max_size, max_lines=slot.max_lines, align=slot.align)


def _block_ops(fonts: FontSet, block: Block, color: str) -> str:
    return "\n".join(text_ops(fonts, placed, color) for placed in block.lines)


def _template(data: CertificateData, design: Design) -> _Template:
    key = (
        design,
        data.title,
        data.course_name,
        data.org_name,
        data.issued_on,
        data.custom_text,
        data.signatories,
        data.logo,
        data.wording,
    )
    with _lock:
        template = _templates.get(key)
        if template is not None:
            _templates.move_to_end(key)
            return template
    template = _build_template(data, design)
    with _lock:
        _templates[key] = template
        while len(_templates) > TEMPLATE_CACHE_SIZE:
            _templates.popitem(last=False)
    return template


def _format_date(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _issued_line(data: CertificateData) -> str:
    """ "Issued by ORG · on DATE", each half in the certificate's wording, the org half only when there is one."""
    wording = data.wording
    org = clean(data.org_name)
    day = clean(wording.issued_on) or _format_date(data.issued_on)
    parts = (wording.issued_by.format(org=org) if org else "", wording.on_date.format(date=day))
    return " · ".join(clean(p) for p in parts if clean(p))


def _build_template(data: CertificateData, design: Design) -> _Template:
    wording = data.wording
    layout = build_layout(design, len(data.signatories))
    fonts = FontSet()
    images: dict[str, Image] = {}
    qr = layout.qr
    ops = [layout.artwork, f"1 1 1 rg {qr.x:.3f} {qr.y:.3f} {qr.w:.3f} {qr.h:.3f} re f"]
    if data.logo:
        logo_align = "center" if layout.slots["title"].align == "center" else "start"
        ops.append(_image_ops(images, data.logo, layout.logo, logo_align))
    texts = {
        "title": clean(data.title),
        "preamble": clean(wording.preamble),
        "completion": clean(wording.completion),
        "course": clean(data.course_name),
        "issued": _issued_line(data),
        "custom": clean(data.custom_text),
    }
    blocks: dict[str, Block] = {}
    for i, signatory in enumerate(data.signatories[: len(layout.signatures)]):
        texts[f"signatory_name_{i}"] = clean(signatory.name)
        texts[f"signatory_title_{i}"] = clean(signatory.title)
        if signatory.signature:
            ops.append(_image_ops(images, signatory.signature, layout.signatures[i], "center"))
    for key, text in texts.items():
        if not text:
            continue
        slot = layout.slots[key]
        blocks[key] = _fit(slot, text)
        ops.append(_block_ops(fonts, blocks[key], slot.color))
    fonts.freeze()
    content = "\n".join(ops).encode("ascii")
    compressor = zlib.compressobj(COMPRESSION)
    compressed = compressor.compress(content)
    return _Template(layout, fonts, content, compressor, compressed, images, blocks)


def _image_ops(images: dict[str, Image], data: bytes, box: Box, align: str) -> str:
    """Place the image in the box, keeping its proportions."""
    image, px_w, px_h = load_image(data)
    name = f"Im{len(images) + 1}"
    images[name] = image
    scale = min(box.w / px_w, box.h / px_h)
    w, h = px_w * scale, px_h * scale
    x = box.x + (box.w - w) / 2 if align == "center" else box.x
    y = box.y + (box.h - h) / 2
    return f"q {w:.3f} 0 0 {h:.3f} {x:.3f} {y:.3f} cm /{name} Do Q"
