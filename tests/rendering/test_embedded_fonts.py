"""Every embedded font subset is a valid OpenType font: OTS (the browsers' font sanitizer) accepts it and
fontTools reads every table; the cmap maps the characters the subset draws."""
from __future__ import annotations

import io

import ots
import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from cert_xblock.rendering import Design, Signatory, render_certificate

from .conftest import sample
from .script_names import NAMES

REQUIRED = {"cmap", "head", "hhea", "hmtx", "maxp", "name", "OS/2", "post", "glyf", "loca"}


def embedded_fonts(pdf: bytes) -> list[tuple[str, bytes]]:
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    fonts = []
    for font in page["/Resources"]["/Font"].values():
        font = font.get_object()
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        fonts.append((str(font["/BaseFont"]), descriptor["/FontFile2"].get_object().get_data()))
    return fonts


@pytest.fixture(scope="module")
def programs() -> dict[str, bytes]:
    """Every distinct font subset embedded for the names of every script, in every design."""
    found: dict[str, bytes] = {}
    designs = [Design(), Design(name="modern"), Design(name="minimal")]
    signatories = (Signatory("Grace Hopper", "Rear Admiral"),)
    for script, names in NAMES.items():
        for i, name in enumerate(names):
            design = designs[i % len(designs)]
            pdf = render_certificate(sample(learner_name=name, signatories=signatories), design)
            for base, program in embedded_fonts(pdf):
                found.setdefault(f"{script}:{base}", program)
    return found


def test_every_embedded_font_passes_ots(programs, tmp_path):
    failures = []
    for key, program in programs.items():
        source, target = tmp_path / "in.ttf", tmp_path / "out.ttf"
        source.write_bytes(program)
        result = ots.sanitize(str(source), str(target), capture_output=True)
        if result.returncode != 0:
            failures.append((key, result.stderr.decode()))
    assert not failures
    assert len(programs) > 40


def test_every_embedded_font_loads_in_fonttools_with_the_required_tables(programs):
    for key, program in programs.items():
        font = TTFont(io.BytesIO(program))
        assert set(font.keys()) >= REQUIRED, key
        glyf = font["glyf"]
        for name in font.getGlyphOrder():
            if glyf[name].numberOfContours:
                glyf[name].getCoordinates(glyf)
        cmap = font["cmap"].getBestCmap()
        assert cmap, key  # not empty: PDFBox and OTS want a real cmap
        assert all(gid_name_index(font, g) > 0 for g in cmap.values()), key
        assert font["maxp"].numGlyphs == len(font.getGlyphOrder()) == font["hhea"].numberOfHMetrics


def gid_name_index(font: TTFont, glyph_name: str) -> int:
    return font.getGlyphID(glyph_name)
