"""The author's preview and the course's images on real certificates, through the running workbench."""
from __future__ import annotations

import json
from io import BytesIO

from pypdf import PdfReader

from tests.pdf import pdf_text

from .helpers import add_learner


def image_count(pdf: bytes) -> int:
    return sum(len(page.images) for page in PdfReader(BytesIO(pdf)).pages)


def test_studio_preview_shows_a_sample_with_the_saved_settings(workbench, learner_session):
    author = learner_session("staff", "cert_xblock.1")
    response = author.get("preview")
    assert response.headers["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Certificate of Distinction" in text and "Ada Lovelace" in text
    assert "Prof. Grace Hopper" in text and "Dr. Alan Turing" in text
    assert image_count(response.content) >= 2, "the logo and the signature image are printed"


def test_studio_preview_of_unsaved_edits_and_their_refusal(workbench, learner_session):
    author = learner_session("staff", "cert_xblock.1")
    edits = {"certificate_title": "Draft of a Title", "design": "minimal"}
    draft = author.post("preview", json.dumps({"values": edits}))
    assert "Draft of a Title" in pdf_text(draft.content)
    refused = author.post("preview", json.dumps({"values": {"accent_color": "teal"}}))
    assert refused.status_code == 400
    assert refused.json() == {"error": "accent_color: Enter the accent colour as #RRGGBB.",
                              "fields": {"accent_color": "Enter the accent colour as #RRGGBB."}}


def test_issued_certificate_carries_the_logo_and_signatures(workbench, learner_session):
    add_learner(workbench, "honours", "Honor Student", percent=0.97, letter="A")
    learner = learner_session("honours", "cert_xblock.1")
    certificate = learner.post("grade_me").json()["certificate"]
    pdf = learner.http.get(workbench.url(certificate["download_url"]), timeout=30).content
    assert "Prof. Grace Hopper" in pdf_text(pdf)
    assert image_count(pdf) >= 2


def test_saving_a_logo_the_course_does_not_have_is_refused(workbench, page):
    page.goto(workbench.url("/scenario/cert_xblock.3/studio_view/?student=staff"))
    # The picker offers only the course's images; a path saved before the file was deleted is still refused.
    page.evaluate("""() => { const logo = document.querySelector('#xb-field-edit-logo');
                             logo.value = '/static/nowhere.png'; window.jQuery(logo).trigger('change'); }""")
    page.locator(".save-button").click()
    status = page.locator(".cert-xblock-studio__status.is-error")
    status.wait_for()
    assert "Logo: The course has no file /static/nowhere.png in Files & Uploads." in status.inner_text()
    assert page.locator('li[data-field-name="logo"] .cert-xblock-studio__field-error').inner_text() == (
        "The course has no file /static/nowhere.png in Files & Uploads.")
