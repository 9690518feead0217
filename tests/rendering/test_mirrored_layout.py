"""A right-to-left certificate is the mirror image of the left-to-right one, in every design (the example plug-in's
too), as poppler draws it: the logo, the signatories (the first on the right), the QR code and its code, the
artwork (the modern band's slant, the name's underline) and the alignment of every line, Latin ones included
(the grade stays left in English and goes right in Arabic)."""
from __future__ import annotations

import io
import re
import subprocess

import pytest
from PIL import Image

from cert_xblock import plugins
from cert_xblock.core.i18n import certificate_wording
from cert_xblock.rendering import DESIGNS, Design, Signatory, render_certificate
from cert_xblock.rendering.designs import page_size
from cert_xblock.rendering.engine import slot_boxes

from .conftest import render_png, sample

DPI = 50
SCALE = DPI / 72
RED, GREEN, BLUE, ACCENT = (255, 0, 0), (0, 200, 0), (0, 0, 255), (255, 0, 255)


def _png(color: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 20), color).save(out, "PNG")
    return out.getvalue()


def _data(language: str):
    return sample(language=language, wording=certificate_wording(language, sample().issued_on), logo=_png(RED),
                  grade_text="Final grade: 92%",
                  signatories=(Signatory("Grace Hopper", "Admiral", _png(GREEN)), Signatory("Alan Turing", "Fellow",
                                                                                          _png(BLUE))))


def _bbox(image: Image.Image, color: tuple[int, int, int], rows: tuple[int, int] | None = None):
    """The pixel box (left, top, right, bottom) of the pixels of exactly that colour (within antialiasing)."""
    width, height = image.size
    top, bottom = rows or (0, height)
    data = image.tobytes()
    r, g, b = color
    mask = bytes(255 if top <= i // (3 * width) < bottom and abs(data[i] - r) < 12 and abs(data[i + 1] - g) < 12
                 and abs(data[i + 2] - b) < 12 else 0 for i in range(0, len(data), 3))
    return Image.frombytes("L", image.size, mask).getbbox()


def _mirror(box, width: int):
    left, top, right, bottom = box
    return (width - right, top, width - left, bottom)


def _close(a, b, tolerance: int = 2) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a, b, strict=True))


def _line_box(pdf: bytes, tmp_path, first: str, last: str) -> tuple[float, float]:
    """Where poppler finds a line of Latin words: from its first word's left to its last word's right."""
    path = tmp_path / "words.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, check=True).stdout.decode()
    words = {m[2]: (float(m[0]), float(m[1])) for m in re.findall(
        r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]+)<', html)}
    return words[first][0], words[last][1]


DESIGN_CASES = {name: Design(name=name, accent_color="#ff00ff") for name in DESIGNS}
DESIGN_CASES["ribbon"] = Design(name="ribbon", accent_color="#ff00ff", artist=plugins.artist("ribbon"))


@pytest.mark.parametrize("name", sorted(DESIGN_CASES))
def test_the_arabic_certificate_is_the_mirror_of_the_english_one(name, tmp_path):
    design = DESIGN_CASES[name]
    english, arabic = render_certificate(_data("en"), design), render_certificate(_data("ar"), design)
    pictures = [Image.open(io.BytesIO(render_png(pdf, tmp_path, DPI))).convert("RGB") for pdf in (english, arabic)]
    width = pictures[0].size[0]
    for color in (RED, GREEN, BLUE):  # the logo and the two signatures
        ltr, rtl = (_bbox(picture, color) for picture in pictures)
        assert ltr and rtl and _close(rtl, _mirror(ltr, width)), (name, color, ltr, rtl)
    # The artwork in the accent colour around the name's bottom edge (modern's underline, classic's rule).
    name_box = slot_boxes(_data("en"), design)["name"]
    height = pictures[0].size[1]
    rows = (int(height - (name_box.y + 1) * SCALE), int(height - (name_box.y - 6) * SCALE) + 1)
    ltr, rtl = (_bbox(picture, ACCENT, rows) for picture in pictures)
    assert (ltr is None) == (rtl is None) and (ltr is None or _close(rtl, _mirror(ltr, width))), (ltr, rtl)
    # The first signatory's name changes sides, and the Latin grade line is aligned to the start of the
    # certificate's lines (left in English, right in Arabic, in the modern design); the QR code changes sides.
    page_width = page_size(design)[0]
    for first, last in (("Grace", "Hopper"), ("Final", "92%")):
        (l_left, l_right), (r_left, r_right) = (_line_box(pdf, tmp_path, first, last) for pdf in (english, arabic))
        assert abs(r_left - (page_width - l_right)) < 0.5 and abs(r_right - (page_width - l_left)) < 0.5, (name, first)
    ltr_qr, rtl_qr = (slot_boxes(data, design)["qr"] for data in (_data("en"), _data("ar")))
    assert abs(rtl_qr.x - (page_width - ltr_qr.right)) < 0.01 and ltr_qr.x > page_width / 2
