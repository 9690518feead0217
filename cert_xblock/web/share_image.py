"""The picture a shared verification link unfurls with (Open Graph / Twitter card): a PNG of the certificate.

It shows only what the public verify page shows: the certificate is printed again from its public record (name,
title, course, organization, date, grade only if public, verification link and code) without the signatures, the
logo or the custom text, and that page is rasterised with PDFium (``pypdfium2``, a PyPI wheel that bundles the
PDFium binary, so production needs no system package). It is drawn once, when first asked for, and stored beside
the PDF under that printing's name, so a regenerated certificate (a new file name) gets a new picture.
"""
from __future__ import annotations

import io
import logging
from contextlib import suppress
from dataclasses import replace

from cert_xblock.config.stored import load_block_config
from cert_xblock.config.values import CertificateSettings
from cert_xblock.issuing.issuance import certificate_document, design_of
from cert_xblock.models import IssuedCertificate
from cert_xblock.plugins import DesignUnavailable
from cert_xblock.records import storage
from cert_xblock.rendering import render_certificate

log = logging.getLogger(__name__)

# Pixels: what Open Graph and Twitter's large card show uncropped (1.91:1); social sites crop any other shape.
SIZE = (1200, 630)
BACKGROUND = (243, 244, 246)  # a light grey frame around the page, so a white certificate keeps its edge


def rasterise(pdf: bytes, size: tuple[int, int] = SIZE) -> bytes:
    """The first page of a PDF as a PNG of exactly ``size``: the whole page, as large as fits, centred on a frame
    (a landscape or portrait page alike; nothing of it is cropped)."""
    import pypdfium2
    from PIL import Image

    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[0]
        scale = min(size[0] / page.get_width(), size[1] / page.get_height())
        drawn = page.render(scale=scale).to_pil().convert("RGB")
    finally:
        document.close()
    image = Image.new("RGB", size, BACKGROUND)
    image.paste(drawn, ((size[0] - drawn.width) // 2, (size[1] - drawn.height) // 2))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _of_size(png: bytes) -> bool:
    """Whether a stored picture has today's size (one stored before it was 1200×630 is drawn again)."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        return image.size == SIZE


def public_png(certificate: IssuedCertificate, rules: CertificateSettings) -> bytes:
    """The certificate as the public may see it, drawn as a PNG."""
    document = replace(certificate_document(certificate, rules), signatories=(), logo=None, custom_text="")
    return rasterise(render_certificate(document, design_of(rules)))


def share_image(certificate: IssuedCertificate) -> bytes | None:
    """The stored picture of this printing of the certificate, drawn and stored the first time; None if revoked."""
    if certificate.status == IssuedCertificate.Status.REVOKED or not certificate.file_name:
        return None
    name = storage.image_name(certificate.file_name)
    stored = storage.read_file(name)
    if stored is not None and _of_size(stored):
        return stored
    if stored is not None:
        storage.delete_pdf(name)
    rules = load_block_config(certificate.block_id) or CertificateSettings()
    try:
        png = public_png(certificate, rules)
    except DesignUnavailable as exc:
        # The plug-in design it was printed with is gone or broken: no picture (a 404), rather than one in another
        # design or a 500. The certificate and its page stay valid.
        log.warning("cert_xblock no share image for %s: %s", certificate.verify_id, exc)
        return None
    with suppress(FileExistsError):  # a concurrent request stored the same picture first
        storage.save_pdf(name, png)
    return png
