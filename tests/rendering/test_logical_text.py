"""Tagged and extracted text in logical order: ToUnicode of right-to-left ligatures is never reversed (every
reader gets lam-alef as U+0644 U+0627), and a name broken over two lines keeps its word break in the tagged text
(pdfinfo -struct-text) in every script, with no space added where the break took none (Chinese)."""
from __future__ import annotations

import subprocess

import pikepdf
import pytest

from cert_xblock.rendering import DESIGNS, Design, render_certificate
from cert_xblock.rendering.scripts import SCRIPTS

from .conftest import pdfium_text, poppler_text, sample
from .pdf_fonts import embedded_fonts, reversed_mappings
from .script_names import NAMES

RIGHT_TO_LEFT = [*NAMES["Arabic"], *NAMES["Hebrew"], "علاء", "لا إله", "عبد الله"]


@pytest.mark.parametrize("design", DESIGNS)
@pytest.mark.parametrize("name", RIGHT_TO_LEFT)
def test_no_right_to_left_mapping_is_reversed(name, design):
    pdf = render_certificate(sample(learner_name=name, language="ar"), Design(name=design))
    assert reversed_mappings(pdf, [name]) == []


def test_lam_alef_reads_lam_then_alef_in_every_reader(tmp_path):
    pdf = render_certificate(sample(learner_name="علاء"), Design())
    assert "علاء" in poppler_text(pdf, tmp_path) and "علاء" in pdfium_text(pdf)
    mapped = [text for font in embedded_fonts(pdf) for cid, text in font.to_unicode.items() if cid in font.shown]
    assert "\u0627\u0644" not in mapped  # alef-lam: the reversed ligature the writer used to map
    assert "\u0644" in mapped and "\u0627" in mapped


def test_every_script_sample_maps_in_logical_order():
    for script in SCRIPTS:
        pdf = render_certificate(sample(learner_name=script.sample), Design())
        assert reversed_mappings(pdf, [script.sample]) == [], script.name


def _struct_texts(pdf: bytes, tmp_path) -> list[str]:
    path = tmp_path / "two.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True, check=True, text=True).stdout
    return [line.strip()[1:-1] for line in out.splitlines() if line.strip().startswith('"')]


LONG = {
    "Latin": "Alejandra María Fernández de la Cruz Montenegro Alejandra Villalobos Castellanos",
    "Cyrillic": "Александра Владимировна Константинопольская-Преображенская Рождественская",
    "Devanagari": "क्षत्रिय प्रिया क्षत्रिय प्रिया क्षत्रिय प्रिया क्षत्रिय प्रिया क्षत्रिय प्रिया क्षत्रिय प्रिया",
    "Thai": "สมศักดิ์ ใจดี สมศักดิ์ ใจดี สมศักดิ์ ใจดี สมศักดิ์ ใจดี สมศักดิ์ ใจดี สมศักดิ์ ใจดี",
}


@pytest.mark.parametrize("script", sorted(LONG))
def test_a_two_line_name_keeps_its_word_break_in_the_tagged_text(script, tmp_path):
    name = LONG[script]
    pdf = render_certificate(sample(learner_name=name), Design())
    assert name in _struct_texts(pdf, tmp_path)


def test_a_two_line_chinese_name_gets_no_space_and_arabic_its_actual_text(tmp_path):
    chinese = "王小明" * 16
    assert chinese in _struct_texts(render_certificate(sample(learner_name=chinese), Design()), tmp_path)
    arabic = " ".join(["محمد عبد الله"] * 7)
    path = tmp_path / "ar.pdf"
    path.write_bytes(render_certificate(sample(learner_name=arabic), Design()))
    with pikepdf.open(path) as pdf:
        actual = [str(el.ActualText) for el in pdf.Root.StructTreeRoot.K[0].K if "/ActualText" in el]
    assert actual == [arabic]
