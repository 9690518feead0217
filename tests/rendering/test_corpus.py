"""The issue's corpus: every script `cert-xblock fonts` lists x 3 designs x 2 orientations x 5 languages (both
directions), each certificate in its language's wording. Over all of it: no /W width differs from its font
program, no right-to-left ToUnicode entry is reversed, every name is extracted exactly by poppler, PDFium, pdf.js
and PDFBox, the verification link is found by pikepdf, PDFium and pdf.js; the pdfua checker passes a sample."""
from __future__ import annotations

import ctypes
import json
import subprocess
import sys
import unicodedata

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as raw
import pytest

from cert_xblock.core.i18n import certificate_wording
from cert_xblock.rendering import DESIGNS, Design, render_certificate
from cert_xblock.rendering.scripts import SCRIPTS

from .conftest import PDFJS_DIR, VERIFY_URL, pdfjs_available, pdfjs_texts, poppler_text, sample
from .pdf_fonts import reversed_mappings, width_mismatches
from .test_pdfbox import EXTRACT, JARS

LANGUAGES = ("en", "fr", "ar", "hi", "zh-hans")
CORPUS = [(script.name, script.sample, design, orientation, language)
          for script in SCRIPTS for design in DESIGNS for orientation in ("landscape", "portrait")
          for language in LANGUAGES]


def _same(name: str, text: str) -> bool:
    """Exact up to canonical equivalence (two marks on one letter in either order are the same text), a name
    broken over two lines read with the break as its space."""
    return " ".join(unicodedata.normalize("NFC", name).split()) in " ".join(unicodedata.normalize("NFC", text).split())


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[tuple[tuple, bytes, str]]:
    folder = tmp_path_factory.mktemp("corpus")
    out = []
    for i, case in enumerate(CORPUS):
        _script, name, design, orientation, language = case
        data = sample(learner_name=name, language=language, wording=certificate_wording(language, sample().issued_on))
        pdf = render_certificate(data, Design(name=design, orientation=orientation))
        path = folder / f"{i}.pdf"
        path.write_bytes(pdf)
        out.append((case, pdf, str(path)))
    return out


def test_the_corpus_covers_every_script_design_orientation_and_language():
    assert len(CORPUS) == len(SCRIPTS) * 3 * 2 * 5 and {"Arabic", "Hebrew", "Devanagari"} <= {c[0] for c in CORPUS}


def test_no_width_differs_from_its_font_program(corpus):
    assert [(case, problem) for case, pdf, _ in corpus for problem in width_mismatches(pdf)] == []


def test_no_right_to_left_mapping_is_reversed(corpus):
    assert [(case, problem) for case, pdf, _ in corpus for problem in reversed_mappings(pdf, [case[1]])] == []


def test_poppler_and_pdfium_extract_every_name_exactly(corpus, tmp_path):
    wrong = []
    for case, pdf, _ in corpus:
        document = pdfium.PdfDocument(pdf)
        pdfium_read = document[0].get_textpage().get_text_range()
        document.close()
        if not _same(case[1], poppler_text(pdf, tmp_path)):
            wrong.append(("poppler", case))
        if not _same(case[1], pdfium_read):
            wrong.append(("pdfium", case))
    assert wrong == []


def test_pdfjs_extracts_every_name_exactly(corpus, tmp_path):
    missing = pdfjs_available()
    if missing:
        pytest.skip(missing)
    texts = pdfjs_texts([pdf for _, pdf, _ in corpus], tmp_path)
    assert [case for (case, _, _), text in zip(corpus, texts, strict=True)
            if not _same(case[1], unicodedata.normalize("NFKC", text))] == []


def test_pdfbox_extracts_every_name_exactly(corpus):
    if not all(jar.exists() for jar in JARS):
        pytest.skip("PDFBox needs java and Debian's libpdfbox2-java (scripts/apt-packages.txt)")
    result = subprocess.run(["java", "-cp", ":".join(map(str, JARS)), str(EXTRACT), *(p for _, _, p in corpus)],
                            capture_output=True, check=True, timeout=600)
    texts = result.stdout.decode("utf-8").split("\x1e\n")[:-1]
    assert [case for (case, _, _), text in zip(corpus, texts, strict=True) if not _same(case[1], text)] == []


def test_every_reader_that_lists_annotations_finds_the_link(corpus):
    paths = [p for _, _, p in corpus]
    for path in paths:
        with pikepdf.open(path) as doc:
            assert [str(a.A.URI) for a in doc.pages[0].Annots] == [VERIFY_URL], path
        document = pdfium.PdfDocument(path)
        start, link = ctypes.c_int(0), raw.FPDF_LINK()
        assert raw.FPDFLink_Enumerate(document[0], ctypes.byref(start), ctypes.byref(link)), path
        document.close()
    if pdfjs_available() is None:
        out = subprocess.run(["node", str(PDFJS_DIR / "annotations.mjs"), *paths], capture_output=True, check=True)
        found = json.loads(out.stdout.decode().strip().splitlines()[-1])
        assert [p for p in paths if [a["url"] for a in found[p]] != [VERIFY_URL]] == []


def test_the_pdfua_checker_passes_every_design_orientation_and_language(corpus):
    """One script per (design, orientation, language): Arabic, the script with the most special cases."""
    sampled = [path for case, _, path in corpus if case[0] == "Arabic"]
    for path in sampled:
        result = subprocess.run([sys.executable, "-m", "pdfua", "check", "--format", "json", path],
                                capture_output=True, text=True, check=False)
        report = json.loads(result.stdout)
        assert result.returncode == 0 and report["findings"] == [], (path, report)
