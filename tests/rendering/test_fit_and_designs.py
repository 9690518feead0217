"""Long names stay in their box; every design, size and orientation prints a sound page."""
from __future__ import annotations

import io
import itertools

import pytest
from PIL import Image
from pypdf import PdfReader

from cert_xblock.rendering import DESIGNS, Design, Signatory, render_certificate
from cert_xblock.rendering.engine import layout_certificate, slot_boxes

from .conftest import page_text, render_png, sample

LONG_NAMES = {
    "latin words": ("Maximiliana Alexandrina Wilhelmina Ångström-Łukasiewicz " * 4)[:200],
    "one long word": "Ä" * 200,
    "chinese": ("王小明李华张伟刘洋陈静" * 20)[:200],
    "arabic": ("محمد بن عبد الله بن عبد المطلب " * 7)[:200],
}
VARIANTS = list(itertools.product(DESIGNS, ("landscape", "portrait"), ("A4", "Letter")))


@pytest.mark.parametrize("design,orientation,size", VARIANTS)
@pytest.mark.parametrize("kind", sorted(LONG_NAMES))
def test_a_200_character_name_stays_inside_its_box(kind, design, orientation, size):
    name = LONG_NAMES[kind].strip()
    data = sample(learner_name=name)
    chosen = Design(name=design, orientation=orientation, page_size=size)
    block = layout_certificate(data, chosen)["name"]
    assert 1 <= len(block.lines) <= 2
    assert "".join(line.line.text for line in block.lines).replace(" ", "") == name.replace(" ", "")
    box = block.box
    for placed in block.lines:
        extent = placed.extent
        assert box.x - 0.01 <= extent.x and extent.right <= box.right + 0.01
        assert box.y - 0.01 <= extent.y and extent.top <= box.top + 0.01
    others = [b for key, b in slot_boxes(data, chosen).items() if key != "name"]
    assert not any(box.overlaps(other) for other in others)


def test_the_name_box_on_the_page_holds_the_drawn_name():
    """Read back from the PDF: the name's text positions lie inside the box the layout gave it."""
    name = LONG_NAMES["latin words"].strip()
    data = sample(learner_name=name)
    box = layout_certificate(data, Design())["name"].box
    pdf = render_certificate(data, Design())
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip() and text.strip() in name:
            found.append((tm[4], tm[5]))

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    assert found
    for x, y in found:
        assert box.x - 0.01 <= x <= box.right and box.y <= y <= box.top


def test_a_short_name_is_printed_large_and_a_long_one_smaller_on_two_lines():
    short = layout_certificate(sample(learner_name="Ada Lovelace"), Design())["name"]
    long = layout_certificate(sample(learner_name=LONG_NAMES["latin words"].strip()), Design())["name"]
    assert len(short.lines) == 1 and len(long.lines) == 2
    assert short.size > 2 * long.size


@pytest.mark.parametrize("design,orientation,size", VARIANTS)
def test_no_two_boxes_of_a_design_overlap(design, orientation, size):
    signatories = tuple(Signatory(f"Signatory {i}", "Dean") for i in range(3))
    boxes = slot_boxes(sample(signatories=signatories), Design(name=design, orientation=orientation, page_size=size))
    for (a, box_a), (b, box_b) in itertools.combinations(boxes.items(), 2):
        assert not box_a.overlaps(box_b), (a, b)


def _png(color: tuple[int, int, int, int], size=(240, 80)) -> bytes:
    buf = io.BytesIO()
    img = Image.new("RGBA", size, (0, 0, 0, 0))
    for x in range(20, size[0] - 20):
        img.putpixel((x, size[1] // 2), color)
    img.save(buf, "PNG")
    return buf.getvalue()


def _jpeg() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (300, 120), (31, 78, 121)).save(buf, "JPEG")
    return buf.getvalue()


@pytest.mark.parametrize("design,orientation,size", VARIANTS)
def test_every_design_prints_logo_signatures_and_texts(design, orientation, size, tmp_path):
    signatories = (
        Signatory("Ada Lovelace", "Course lead", _png((20, 20, 90, 255))),
        Signatory("Alan Turing", "Dean", _jpeg()),
    )
    data = sample(signatories=signatories, logo=_png((200, 30, 30, 255)), custom_text="With distinction")
    pdf = render_certificate(data, Design(name=design, orientation=orientation, page_size=size, accent_color="#7a1f3d"))
    reader = PdfReader(io.BytesIO(pdf), strict=True)
    page = reader.pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert (width > height) == (orientation == "landscape")
    assert round(min(width, height)) == (595 if size == "A4" else 612)
    text = page_text(pdf)
    for expected in ("Zoë Ångström", "Introduction to Computational Thinking", "Ada Lovelace", "Dean",
                     "With distinction"):
        assert expected in text
    assert len(page["/Resources"]["/XObject"]) == 4  # logo, two signatures, QR code
    assert len(pdf) <= 60_000
    png = Image.open(io.BytesIO(render_png(pdf, tmp_path, dpi=40)))
    assert png.size[0] > png.size[1] if orientation == "landscape" else png.size[0] < png.size[1]
