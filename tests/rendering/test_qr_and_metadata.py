"""The QR code on the printed page reads back as the verification URL; the PDF is a real document."""
from __future__ import annotations

import io
import warnings

import pytest
from PIL import Image
from pyzbar.pyzbar import decode

from cert_xblock.rendering import DESIGNS, Design, RenderError, render_certificate
from cert_xblock.rendering.qr import qr_image

from .conftest import VERIFY_URL, decode_qr, page_text, render_png, sample


@pytest.mark.parametrize("design", DESIGNS)
def test_the_qr_code_on_the_page_decodes_to_the_verification_url(design, tmp_path):
    pdf = render_certificate(sample(), Design(name=design))
    assert decode_qr(render_png(pdf, tmp_path)) == [VERIFY_URL]


def test_the_short_code_and_url_are_printed_beside_the_qr_code():
    text = page_text(render_certificate(sample(), Design()))
    assert "7K2QM-XR4PA" in text and VERIFY_URL in text


@pytest.mark.parametrize("length", [1, 17, 40, 64, 90, 130, 180, 213, 214, 400])
def test_qr_codes_of_every_size_decode(length):
    url = ("https://verify.example.org/c/" + "AbC9-xYz0/" * 50)[:length]
    side, rows = qr_image(url)
    image = Image.frombytes("1", (side, side), rows).point(lambda v: 0 if v else 255).convert("L")
    image = image.resize((side * 6, side * 6), Image.NEAREST)
    assert [s.data.decode() for s in decode(image)] == [url]


def test_metadata_title_author_subject_and_language():
    pdf = render_certificate(sample(language="fr"), Design())
    from pypdf import PdfReader

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        reader = PdfReader(io.BytesIO(pdf), strict=True)
        meta = reader.metadata
        assert meta.title == "Certificate of Completion: Zoë Ångström"
        assert meta.author == "Université Exemple"
        assert meta.subject == "Introduction to Computational Thinking"
        assert reader.trailer["/Root"]["/Lang"] == "fr"
        assert page_text(pdf)


def test_pdftoppm_reads_the_pdf_without_a_warning(tmp_path):
    render_png(render_certificate(sample(learner_name="محمد 王 Zoë"), Design()), tmp_path, dpi=30)


def test_a_default_certificate_is_small():
    assert len(render_certificate(sample(), Design())) <= 60_000


@pytest.mark.parametrize(
    "change,message",
    [
        ({"learner_name": "   "}, "empty"),
        ({"verify_url": ""}, "verification URL"),
    ],
)
def test_unprintable_data_gets_a_clear_error(change, message):
    with pytest.raises(RenderError, match=message):
        render_certificate(sample(**change), Design())


@pytest.mark.parametrize(
    "design,message",
    [
        (Design(name="baroque"), "Unknown design"),
        (Design(orientation="diagonal"), "orientation"),
        (Design(page_size="A3"), "page size"),
        (Design(accent_color="blue"), "accent"),
    ],
)
def test_an_unknown_design_setting_gets_a_clear_error(design, message):
    with pytest.raises(RenderError, match=message):
        render_certificate(sample(), design)


def test_a_broken_logo_gets_a_clear_error():
    with pytest.raises(RenderError, match="PNG or JPEG"):
        render_certificate(sample(logo=b"not an image"), Design())
