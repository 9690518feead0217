"""The /W validator (``pdf_fonts``) is not vacuous, and names still print where HarfBuzz put them with the font's
own widths (kerning and clusters are positioned in the text operators). The corpus check is ``test_corpus``."""
from __future__ import annotations

import re
import subprocess

from cert_xblock.rendering import Design, render_certificate
from cert_xblock.rendering.engine import layout_certificate

from .conftest import sample
from .pdf_fonts import embedded_fonts, width_mismatches


def test_the_validator_finds_a_width_that_differs_from_the_font_program():
    """Not vacuous: a /W entry changed by one em is reported, with its font and CID."""
    pdf = render_certificate(sample(learner_name="AVATAR Wolf"), Design())
    font = next(f for f in embedded_fonts(pdf) if f.shown)
    cid = min(font.shown)
    width = round(font.widths[cid])
    marker = b"/W [1 ["
    start = pdf.index(marker) + len(marker)
    entries = pdf[start : pdf.index(b"]", start)].split(b" ")
    entries[cid - 1] = b"%d" % (width + 1000)
    changed = pdf[:start] + b" ".join(entries) + pdf[pdf.index(b"]", start):]
    problems = width_mismatches(changed)
    assert problems and f"CID {cid}: /W {width + 1000}" in problems[0]


def test_kerned_names_are_as_wide_as_harfbuzz_laid_them_out(tmp_path):
    """DejaVu kerns "AV": with the font's own widths, poppler still finds the name exactly as wide as the layout
    (the kerning is in the TJ adjustments), and it is narrower than its unkerned advances."""
    data = sample(learner_name="AVAVAV WAVY")
    pdf = render_certificate(data, Design())
    assert width_mismatches(pdf) == []
    placed = layout_certificate(data, Design())["name"].lines[0]
    path = tmp_path / "kerned.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, check=True).stdout.decode()
    words = {m[4]: (float(m[0]), float(m[2])) for m in re.findall(
        r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]+)<', html)}
    left, right = words["AVAVAV"][0], words["WAVY"][1]
    assert abs((right - left) - placed.width) < 0.5
    font = placed.line.runs[0].font
    unkerned = sum(font.width(g.gid) for g in placed.line.runs[0].glyphs) * placed.size / 1000
    assert unkerned - placed.width > 5
