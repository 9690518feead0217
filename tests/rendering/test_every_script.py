"""Names in every script come out of the PDF as written, drawn with real glyphs."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from cert_xblock.rendering import Design, MissingGlyphs, render_certificate
from cert_xblock.rendering.fonts import PACKAGE_FONTS
from cert_xblock.rendering.shaping import shape_line

from .conftest import drawn_glyphs, page_text, pdfium_text, sample

NAMES = {
    "latin": "Zoë Ångström-Łukasiewicz Nguyễn",
    "cyrillic": "Дмитрий Шостакович",
    "greek": "Αλέξανδρος Παπαδόπουλος",
    "chinese": "王小明",
    "japanese": "山田 太郎 やまだ タロウ",
    "korean": "김민준",
    "arabic": "محمد عبد الله",
    "hebrew": "דוד בן-גוריון",
    "arabic_with_marks": "مُحَمَّد لاشين",
    "mixed": "José 王 محمد Дима",
}


@pytest.mark.parametrize("script", sorted(NAMES))
def test_name_in_any_script_extracts_in_logical_order(script):
    """Mixed-direction names too (every script alone, in four readers: test_exact_text, test_pdfbox)."""
    name = unicodedata.normalize("NFC", NAMES[script])
    pdf = render_certificate(sample(learner_name=name), Design())
    assert name in unicodedata.normalize("NFC", pdfium_text(pdf))


@pytest.mark.parametrize("script", sorted(NAMES))
def test_every_character_of_the_name_is_drawn_with_a_real_glyph(script):
    glyphs = drawn_glyphs(render_certificate(sample(learner_name=NAMES[script]), Design()))
    for glyph in glyphs:
        visible = [ch for ch in glyph["text"] if unicodedata.category(ch) not in ("Zs", "Cf")]
        assert glyph["text"], glyph
        assert not visible or glyph["has_outline"], glyph


@pytest.mark.parametrize("script", ["arabic", "hebrew"])
def test_right_to_left_names_are_laid_out_right_to_left(script):
    """The glyph of the first letter is drawn rightmost: the page shows the name right to left."""
    name = NAMES[script]
    glyphs = drawn_glyphs(render_certificate(sample(learner_name=name), Design()))
    # Glyphs are drawn left to right; read backwards, a right-to-left name comes out in logical order.
    drawn = "".join(g["text"] for g in glyphs)
    assert name in drawn[::-1]
    assert name not in drawn


def test_arabic_is_shaped_into_joining_forms():
    """Shaped Arabic uses contextual glyphs: the same letter at the start and the end of a word differ."""
    glyphs = drawn_glyphs(render_certificate(sample(learner_name="ببب"), Design()))
    beh = [g["cid"] for g in glyphs if g["text"] == "ب"]
    assert len(set(beh)) == 3


@pytest.mark.parametrize("text", ["Ada \U000F0041 Lovelace", "\U0001FAE8 Ada", "Ada \u0378"])
def test_a_character_no_font_has_is_refused_not_printed_as_a_box(text):
    """A private-use, too-new or unassigned character has no glyph anywhere: MissingGlyphs names it."""
    with pytest.raises(MissingGlyphs) as caught:
        render_certificate(sample(learner_name=text), Design())
    missing = text.replace("Ada", "").replace("Lovelace", "").strip()
    assert caught.value.characters == missing
    assert f"U+{ord(missing):04X}" in str(caught.value)
    assert caught.value.scripts


def test_a_character_no_font_has_in_fixed_text_is_refused_too():
    with pytest.raises(MissingGlyphs):
        render_certificate(sample(course_name="Course \U000F0041"), Design())


def test_invisible_joiners_and_variation_selectors_need_no_glyph():
    pdf = render_certificate(sample(learner_name="Ada\u200d Love\ufe0flace \u2764\ufe0f"), Design())
    assert "Ada" in page_text(pdf)


def test_mixed_script_names_use_one_font_per_run():
    glyphs = drawn_glyphs(render_certificate(sample(learner_name=NAMES["mixed"]), Design()))
    fonts_by_text = {g["text"]: g["font"].split("+", 1)[1] for g in glyphs if g["text"] in ("J", "王", "م", "Д")}
    assert fonts_by_text["J"] == fonts_by_text["Д"]
    assert len({fonts_by_text["J"], fonts_by_text["王"], fonts_by_text["م"]}) == 3


@pytest.mark.parametrize("script", ["latin", "cyrillic", "greek"])
@pytest.mark.parametrize("role", ["sans", "sans-bold", "serif", "serif-bold"])
def test_european_scripts_need_only_the_fonts_shipped_in_the_package(script, role):
    """A machine with only Python (no Debian font packages) still prints Latin, Cyrillic and Greek names."""
    line = shape_line(NAMES[script], role)
    assert all(Path(run.font.path).parent == PACKAGE_FONTS for run in line.runs)
    assert all(glyph.gid != 0 for run in line.runs for glyph in run.glyphs)
