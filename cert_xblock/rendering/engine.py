"""render_certificate: certificate data and a design in, PDF bytes out.

The page is split into what is the same for every learner of a course (artwork, logo, signatures, title,
course, organization, date: the "template", built once and cached) and what is not (the learner's name,
grade, verification URL, short code and QR code). The page's content is six streams in reading order, the
three fixed ones compressed once per template; a certificate copies the template's font state, compresses
its three small streams and writes the tagged PDF (each text and picture is a structure element, the
artwork an artifact: see ``tagging``).
"""
from __future__ import annotations

import zlib
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date
from threading import Lock

from cert_xblock.rendering.designs import DESIGNS, Layout, Slot, build_layout
from cert_xblock.rendering.images import load_image
from cert_xblock.rendering.layout import Block, Box, fit
from cert_xblock.rendering.pdf import COMPRESSION, FontSet, Image, Metadata, build_pdf
from cert_xblock.rendering.qr import qr_image
from cert_xblock.rendering.scripts import language_of, right_to_left
from cert_xblock.rendering.shaping import clean
from cert_xblock.rendering.tagging import Element, Link, artifact, marked
from cert_xblock.rendering.text_drawing import text_ops
from cert_xblock.rendering.types import CertificateData, Design, RenderError

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
    parts: tuple[bytes, bytes, bytes]  # the fixed content streams, compressed: before the name, before the
    # grade, before the verification block (the page reads: A, name, B, grade, C, verification)
    elements: list[Element | str]  # reading order; a str is the key of a per-certificate element
    next_mcid: int
    images: dict[str, Image]
    blocks: dict[str, Block]


_templates: OrderedDict[tuple, _Template] = OrderedDict()
_lock = Lock()


def render_certificate(data: CertificateData, design: Design) -> bytes:
    """Render one certificate as a tagged PDF (PDF/UA-1); RenderError when the data cannot be printed
    (MissingGlyphs when some character has no glyph in any available font)."""
    name = clean(data.learner_name)
    if not name:
        raise RenderError("The learner name is empty.")
    url = data.verify_url.strip()
    if not url:
        raise RenderError("The verification URL is empty.")
    template = _template(data, design)
    layout = template.layout
    fonts = template.fonts.copy()
    blocks = _variable_blocks(layout, data, name)
    language = data.language or "en"
    mcid = template.next_mcid
    variable: dict[str, Element] = {}
    streams: dict[str, list[str]] = {"name": [], "grade": [], "verify": []}
    for key, block in blocks.items():
        ops = _block_ops(fonts, block, layout.slots[key].color)
        lang = language_of(block.text, language)
        link = None
        if key == "verify_url" and block.lines:
            box = block.lines[0].extent
            link = Link(url, (box.x, box.y, box.right, box.top), block.text)
        variable[key] = Element("P", mcid, lang=lang, actual=_actual_text(block), link=link)
        streams["verify" if key in ("verify_url", "short_code") else key].append(marked("P", mcid, ops))
        mcid += 1
    qr = layout.qr
    side, mask = qr_image(url)
    images = {**template.images, "QR": Image(_QR_ENTRIES % (side, side), mask)}
    variable["qr"] = Element("Figure", mcid, alt=data.wording.qr_code.format(url=url), lang=language)
    streams["verify"].append(
        marked("Figure", mcid, f"q 0 0 0 rg {qr.w:.3f} 0 0 {qr.h:.3f} {qr.x:.3f} {qr.y:.3f} cm /QR Do Q")
    )
    part_a, part_b, part_c = template.parts
    contents = [part_a, _compress(streams["name"]), part_b]
    if streams["grade"]:
        contents.append(_compress(streams["grade"]))
    contents += [part_c, _compress(streams["verify"])]
    elements = [el if isinstance(el, Element) else variable[el] for el in template.elements
                if isinstance(el, Element) or el in variable]
    meta = Metadata(
        title=f"{clean(data.title) or 'Certificate'}: {name}",
        author=clean(data.org_name),
        subject=clean(data.course_name),
        language=language,
        created=data.issued_on.strftime("D:%Y%m%d000000Z"),
        keywords=f"certificate, {clean(data.short_code)}",
    )
    return build_pdf(layout.page, contents, fonts, images, meta, elements)


def _actual_text(block: Block) -> str:
    """The block's text for its structure element when its lines alone would not give it back: on two lines
    (the break's space is not drawn, and a reader joins the lines without it) or with a right-to-left run
    (readers that collect a structure element's text in content order would read those glyphs backwards)."""
    lines = [placed.line for placed in block.lines]
    if len(lines) > 1 or any(run.rtl for line in lines for run in line.runs):
        return block.text or " ".join(line.text for line in lines)
    return ""


def _compress(ops: list[str]) -> bytes:
    return zlib.compress("\n".join(ops).encode("ascii"), COMPRESSION)


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
        label = clean(data.wording.code_label.format(code=code))
        blocks["short_code"] = _fit(layout.slots["short_code"], label if code in label else code)
    return blocks


def _fit(slot: Slot, text: str) -> Block:
    return fit(text, slot.role, slot.box, slot.max_size, max_lines=slot.max_lines, align=slot.align)


def _block_ops(fonts: FontSet, block: Block, color: str) -> str:
    """Every line of the block; a line that ends where a break took a space keeps it (invisible)."""
    lines = block.lines
    return "\n".join(
        text_ops(fonts, placed, color, space_after=k + 1 < len(lines)
                 and block.text.startswith(placed.line.text + " "))
        for k, placed in enumerate(lines)
    )


def _template(data: CertificateData, design: Design) -> _Template:
    key = (
        design,
        data.language,  # the languages of the texts' tags, and the direction of the layout
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


_FIXED_TAGS = {"title": "H1"}
# Reading order of the fixed texts in the three fixed streams; the signatories follow the custom text.
_PART_KEYS = (("title", "preamble"), ("completion", "course", "issued"), ("custom",))
# The per-certificate elements that follow each fixed stream, by key.
_VARIABLE_AFTER = (("name",), ("grade",), ("verify_url", "short_code", "qr"))


def _build_template(data: CertificateData, design: Design) -> _Template:
    wording = data.wording
    layout = build_layout(design, len(data.signatories), right_to_left(data.language))
    fonts = FontSet()
    images: dict[str, Image] = {}
    qr = layout.qr
    language = data.language or "en"
    texts = {
        "title": clean(data.title),
        "preamble": clean(wording.preamble),
        "completion": clean(wording.completion),
        "course": clean(data.course_name),
        "issued": _issued_line(data),
        "custom": clean(data.custom_text),
    }
    blocks: dict[str, Block] = {}
    elements: list[Element | str] = []
    parts: list[bytes] = []
    mcid = 0

    def text(key: str, value: str) -> str | None:
        nonlocal mcid
        if not value:
            return None
        slot = layout.slots[key]
        blocks[key] = _fit(slot, value)
        tag = _FIXED_TAGS.get(key, "P")
        elements.append(Element(tag, mcid, lang=language_of(value, language), actual=_actual_text(blocks[key])))
        mcid += 1
        return marked(tag, mcid - 1, _block_ops(fonts, blocks[key], slot.color))

    def figure(picture: bytes, box: Box, align: str, alt: str) -> str:
        nonlocal mcid
        elements.append(Element("Figure", mcid, alt=alt, lang=language))
        mcid += 1
        return marked("Figure", mcid - 1, _image_ops(images, picture, box, align))

    for index, keys in enumerate(_PART_KEYS):
        ops: list[str] = []
        if index == 0:
            ops.append(artifact(f"{layout.artwork}\n1 1 1 rg {qr.x:.3f} {qr.y:.3f} {qr.w:.3f} {qr.h:.3f} re f"))
            if data.logo:
                title_align = layout.slots["title"].align
                logo_align = title_align if title_align in ("center", "right") else "start"
                org = clean(data.org_name)
                alt = wording.logo_of.format(org=org) if org else wording.logo
                ops.append(figure(data.logo, layout.logo, logo_align, alt))
        for key in keys:
            ops.append(text(key, texts[key]))
        if index == 2:
            for i, signatory in enumerate(data.signatories[: len(layout.signatures)]):
                signer = clean(signatory.name)
                if signatory.signature:
                    alt = wording.signature_of.format(name=signer) if signer else wording.signature
                    ops.append(figure(signatory.signature, layout.signatures[i], "center", alt))
                ops.append(text(f"signatory_name_{i}", signer))
                ops.append(text(f"signatory_title_{i}", clean(signatory.title)))
        parts.append(zlib.compress("\n".join(op for op in ops if op).encode("ascii"), COMPRESSION))
        elements.extend(_VARIABLE_AFTER[index])
    fonts.freeze()
    return _Template(layout, fonts, (parts[0], parts[1], parts[2]), elements, mcid, images, blocks)


def _image_ops(images: dict[str, Image], data: bytes, box: Box, align: str) -> str:
    """Place the image in the box, keeping its proportions."""
    image, px_w, px_h = load_image(data)
    name = f"Im{len(images) + 1}"
    images[name] = image
    scale = min(box.w / px_w, box.h / px_h)
    w, h = px_w * scale, px_h * scale
    x = box.x + (box.w - w) / 2 if align == "center" else box.right - w if align == "right" else box.x
    y = box.y + (box.h - h) / 2
    return f"q {w:.3f} 0 0 {h:.3f} {x:.3f} {y:.3f} cm /{name} Do Q"
