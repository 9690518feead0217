"""Plug-in designs drawn through our renderer: their artwork, our texts and QR code; a failing design prints nothing."""
from __future__ import annotations

import io

import pytest
from PIL import Image

from cert_xblock import plugins
from cert_xblock.rendering import Design, render_certificate
from tests.rendering.conftest import VERIFY_URL, decode_qr, page_text, render_png, sample

GOLD = (0xC9, 0xA2, 0x27)


def ribbon(**changes) -> Design:
    return Design(name="ribbon", artist=plugins.artist("ribbon"), **changes)


def pixels_near(png: bytes, colour: tuple[int, int, int], tolerance: int = 12) -> int:
    colours = Image.open(io.BytesIO(png)).convert("RGB").getcolors(maxcolors=1 << 24)
    return sum(count for count, pixel in colours
               if all(abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=True)))


def test_the_ribbon_design_draws_its_artwork_around_our_texts_and_qr_code(tmp_path):
    pdf = render_certificate(sample(), ribbon(accent_color="#8b1a1a"))
    text = page_text(pdf)
    assert "Zoë Ångström" in text and "Introduction to Computational Thinking" in text
    png = render_png(pdf, tmp_path)
    assert decode_qr(png) == [VERIFY_URL]
    assert pixels_near(png, GOLD) > 2000, "the gold seal and the gold course name"
    assert pixels_near(png, (0x8B, 0x1A, 0x1A)) > 2000, "the ribbon in the author's accent colour"
    classic = render_png(render_certificate(sample(), Design(accent_color="#8b1a1a")), tmp_path)
    assert pixels_near(classic, GOLD) < 50, "the classic design has no gold: the difference is the plug-in's"


def test_the_ribbon_design_fits_a_portrait_letter_page(tmp_path):
    pdf = render_certificate(sample(), ribbon(orientation="portrait", page_size="Letter"))
    assert "Zoë Ångström" in page_text(pdf)
    assert decode_qr(render_png(pdf, tmp_path)) == [VERIFY_URL]


@pytest.mark.parametrize("name, reason", [
    ("raising_design", "ZeroDivisionError: the artwork divided by zero"),
    ("wrong_design", "layout() returned dict instead of a Layout"),
    ("text_design", "its artwork draws text or images"),
])
def test_a_failing_design_raises_a_render_error_naming_it(broken_plugins, name, reason):
    with pytest.raises(plugins.DesignUnavailable) as raised:
        render_certificate(sample(), Design(name=name, artist=plugins.artist(name)))
    assert reason in str(raised.value)
    assert raised.value.message() == (f"This certificate's design {raised.value.plugin.title} is not working just "
                                      "now, so certificates cannot be printed. Please contact the course team.")


def test_a_design_that_is_not_installed_or_broken_has_no_artist(broken_plugins):
    with pytest.raises(plugins.DesignUnavailable) as missing:
        plugins.artist("baroque")
    assert missing.value.message() == ("This certificate's design baroque is not installed, so certificates cannot "
                                       "be printed just now. Please contact the course team.")
    with pytest.raises(plugins.DesignUnavailable) as broken:
        plugins.artist("missing_design")
    assert "No module named 'cert_xblock_no_such_module'" in str(broken.value)
    assert broken.value.message().startswith("This certificate's design missing_design is not working just now")
    assert plugins.artist("classic") is None, "a bundled design is drawn by the renderer itself, never a plug-in"
