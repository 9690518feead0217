"""The verification address is a link a reader can click: a URI link annotation over the printed address inside a
Link structure element with /Contents (PDF/UA-1 7.18.5), found by pikepdf, PDFium and pdf.js; and the code under
the QR code has a label, in the certificate's language, that says what it is."""
from __future__ import annotations

import ctypes
import json
import subprocess

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as raw
import pytest

from cert_xblock.core.i18n import certificate_wording
from cert_xblock.rendering import DESIGNS, Design, render_certificate

from .conftest import PDFJS_DIR, VERIFY_URL, pdfjs_available, poppler_text, sample


@pytest.fixture(scope="module", params=DESIGNS)
def pdf(request, tmp_path_factory):
    data = render_certificate(sample(), Design(name=request.param))
    path = tmp_path_factory.mktemp("link") / f"{request.param}.pdf"
    path.write_bytes(data)
    return path


def test_pikepdf_finds_the_link_annotation_inside_a_link_element(pdf):
    with pikepdf.open(pdf) as doc:
        page = doc.pages[0]
        (annot,) = page.Annots
        assert annot.Subtype == "/Link" and str(annot.A.URI) == VERIFY_URL
        assert str(annot.Contents) == f"Verify at {VERIFY_URL}"
        link = doc.Root.StructTreeRoot.ParentTree.Nums[3]  # the annotation's /StructParent 1
        assert int(annot.StructParent) == 1 and link.S == "/Link" and link.P.S == "/P"
        objr = [kid for kid in link.K if isinstance(kid, pikepdf.Dictionary)]
        assert objr[0].Type == "/OBJR" and objr[0].Obj.objgen == annot.objgen
        x0, y0, x1, y1 = (float(v) for v in annot.Rect)
        assert x1 - x0 > 100 and 5 < y1 - y0 < 20  # over the printed line


def test_pdfium_finds_the_link(pdf):
    doc = pdfium.PdfDocument(str(pdf))
    page = doc[0]
    start, link = ctypes.c_int(0), raw.FPDF_LINK()
    urls = []
    while raw.FPDFLink_Enumerate(page, ctypes.byref(start), ctypes.byref(link)):
        action = raw.FPDFLink_GetAction(link)
        size = raw.FPDFAction_GetURIPath(doc, action, None, 0)
        buffer = ctypes.create_string_buffer(size)
        raw.FPDFAction_GetURIPath(doc, action, buffer, size)
        urls.append(buffer.value.decode("ascii"))
    assert urls == [VERIFY_URL]


def test_pdfjs_finds_the_link(pdf):
    missing = pdfjs_available()
    if missing:
        pytest.skip(missing)
    out = subprocess.run(["node", str(PDFJS_DIR / "annotations.mjs"), str(pdf)], capture_output=True, check=True)
    (annotation,) = json.loads(out.stdout.decode().strip().splitlines()[-1])[str(pdf)]
    assert annotation["subtype"] == "Link" and annotation["url"] == VERIFY_URL
    assert annotation["contents"] == f"Verify at {VERIFY_URL}"


@pytest.mark.parametrize(("language", "label"), [("en", "Verification code 7K2QM-XR4PA"),
                                                 ("fr", "Code de vérification 7K2QM-XR4PA"),
                                                 ("zh-hans", "验证码 7K2QM-XR4PA")])
def test_the_code_under_the_qr_code_is_labelled_in_the_certificates_language(language, label, tmp_path):
    data = sample(language=language, wording=certificate_wording(language, sample().issued_on))
    assert label in poppler_text(render_certificate(data, Design()), tmp_path)
