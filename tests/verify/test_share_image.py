"""A shared verification link unfurls: Open Graph and Twitter tags, and a PNG of that certificate drawn once from
its public record, stored beside the PDF, drawn again for a regenerated printing, gone once revoked."""
from __future__ import annotations

import io
import re
from unittest import mock

import pytest
from django.urls import reverse
from PIL import Image
from pyzbar.pyzbar import decode

from cert_xblock import platform
from cert_xblock.issuing.issuance import reprint_certificate
from cert_xblock.records import storage
from cert_xblock.records.links import verify_url

from .conftest import RULES

pytestmark = pytest.mark.django_db


def meta(html: str, key: str) -> str | None:
    found = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', html)
    return found.group(1) if found else None


def page_html(client, certificate, **headers) -> str:
    return client.get(reverse("cert_xblock:verify", kwargs={"verify_id": certificate.verify_id}), **headers
                      ).content.decode()


def test_the_og_image_is_a_png_of_that_certificate(client, issued):
    html = page_html(client, issued.valid)
    image_url = meta(html, "og:image")
    assert image_url == f"http://testserver/certificates/verify/{issued.valid.verify_id}.png"
    assert meta(html, "twitter:image") == image_url and meta(html, "twitter:card") == "summary_large_image"
    assert meta(html, "og:title") == "Certificate of Completion · Verification in Practice"
    assert "Vera Valid" in meta(html, "og:description")

    response = client.get(image_url)
    assert (response.status_code, response["Content-Type"]) == (200, "image/png")
    picture = Image.open(io.BytesIO(response.content))
    # What social sites show uncropped: 1200×630, the whole A4 landscape page in it.
    assert (picture.format, picture.size) == ("PNG", (1200, 630))
    # The QR code printed in the certificate's corner, read back from the picture (zoomed, as a phone would).
    corner = picture.crop((picture.width * 3 // 4, picture.height // 2, picture.width, picture.height)).convert("L")
    [code] = decode(corner.resize((corner.width * 2, corner.height * 2), Image.LANCZOS))
    assert code.data.decode() == verify_url(issued.valid.verify_id)


def test_the_picture_is_drawn_once_and_stored_beside_the_pdf(client, issued):
    url = reverse("cert_xblock:verify_image", kwargs={"verify_id": issued.valid.verify_id})
    first = client.get(url).content
    name = storage.image_name(issued.valid.file_name)
    assert name == issued.valid.file_name.removesuffix(".pdf") + ".png" and storage.read_file(name) == first
    with mock.patch("cert_xblock.web.share_image.public_png") as draw:
        assert client.get(url).content == first
    draw.assert_not_called()


def test_a_picture_stored_before_it_was_1200_by_630_is_drawn_again(client, issued):
    name = storage.image_name(issued.valid.file_name)
    old = io.BytesIO()
    Image.new("RGB", (1200, 849), "white").save(old, "PNG")
    storage.save_pdf(name, old.getvalue())
    response = client.get(reverse("cert_xblock:verify_image", kwargs={"verify_id": issued.valid.verify_id}))
    assert Image.open(io.BytesIO(response.content)).size == (1200, 630)
    assert Image.open(io.BytesIO(storage.read_file(name))).size == (1200, 630)


def test_a_regenerated_certificate_gets_a_new_picture(client, issued):
    url = reverse("cert_xblock:verify_image", kwargs={"verify_id": issued.valid.verify_id})
    client.get(url)
    learner = platform.learner_by_id(issued.valid.user_id)
    fresh = reprint_certificate(issued.valid, learner, RULES, request_id="req-regen")
    fresh.save()
    assert client.get(url).status_code == 200
    assert storage.read_file(storage.image_name(fresh.file_name)) is not None
    assert fresh.file_name != issued.valid.file_name


def test_the_picture_shows_neither_signatures_nor_the_custom_text(issued):
    from cert_xblock.web.share_image import public_png

    with mock.patch("cert_xblock.web.share_image.render_certificate", return_value=storage.read_pdf(
            issued.valid.file_name)) as render:
        public_png(issued.valid, RULES.__class__(signatories="Dr. Secret | Dean | /static/sig.png",
                                                 custom_text="Private note"))
    document = render.call_args.args[0]
    assert (document.signatories, document.logo, document.custom_text) == ((), None, "")


def test_a_revoked_certificate_has_no_picture(client, issued):
    html = page_html(client, issued.revoked)
    assert meta(html, "og:image") is None and meta(html, "twitter:card") == "summary"
    response = client.get(reverse("cert_xblock:verify_image", kwargs={"verify_id": issued.revoked.verify_id}))
    assert response.status_code == 404


def test_an_unknown_picture_is_a_404(client, db):
    assert client.get("/certificates/verify/0123456789abcdef0123456789abcdef.png").status_code == 404


@pytest.mark.parametrize("query, header, language, direction, text", [
    ("?lang=es", "fr", "es", "ltr", "Certificado válido"),
    ("", "ar", "ar", "rtl", None),
    ("?lang=zh-hans", "", "zh-hans", "ltr", None),
    ("?lang=<script>", "fr", "fr", "ltr", "Certificat valide"),
])
def test_the_page_speaks_the_visitors_language(client, issued, query, header, language, direction, text):
    url = reverse("cert_xblock:verify", kwargs={"verify_id": issued.valid.verify_id}) + query
    html = client.get(url, HTTP_ACCEPT_LANGUAGE=header).content.decode()
    assert f'<html lang="{language}" dir="{direction}">' in html
    if text is not None and language == "fr":
        assert text in html
