"""Where a unit holds several certificates, each says its own name: the learner view's heading and the PDF's file
name; a revoked certificate's download link answers with a page in the learner's language. Chromium and HTTP
against the demo workbench."""
from __future__ import annotations

import json

from tests.block.helpers import add_learner
from tests.kinds.test_kinds_http import TWO_BLOCKS, BlockSession

from .axe import violations


def test_each_certificate_of_a_unit_is_headed_by_its_own_name(workbench, page):
    add_learner(workbench, "noor", "Noor Haddad", percent=0.95, letter="A")
    page.goto(workbench.url(f"/scenario/{TWO_BLOCKS}/?student=noor"))
    blocks = page.locator(".cert-xblock")
    assert [blocks.nth(i).get_by_role("heading").inner_text() for i in (0, 1)] == [
        "Certificate of Completion", "Certificate of Distinction"]
    blocks.nth(0).get_by_role("button", name="Get my certificate").click()
    blocks.nth(0).get_by_role("link", name="Download certificate (PDF)").wait_for(state="visible")
    assert blocks.nth(0).get_by_role("heading").inner_text() == "Certificate of Completion", "kept after the click"
    assert violations(page, ".cert-xblock") == []


def test_each_certificates_pdf_downloads_under_a_name_of_its_own(workbench):
    add_learner(workbench, "nils", "Nils Berg", percent=0.95, letter="A")
    names = []
    for position in (0, 1):
        session = BlockSession(workbench, "nils", TWO_BLOCKS, position)
        assert session.post("grade_me").json()["status"] == "issued"
        response = session.get("download")
        assert response.headers["Content-Type"] == "application/pdf"
        names.append(response.headers["Content-Disposition"])
    assert names == [
        'attachment; filename="Certificates-101-Open-Learning-in-Practice-Nils-Berg-certificate.pdf"',
        'attachment; filename="Certificate-of-Distinction-Certificates-101-Open-Learning-in-Nils-Berg-certificate.pdf"']


def test_a_revoked_certificates_download_is_a_page_saying_so_in_the_learners_language(workbench, page):
    add_learner(workbench, "rosa", "Rosa Blanc", percent=0.95, letter="A", language="fr")
    BlockSession(workbench, "rosa", TWO_BLOCKS, 1).post("grade_me")
    staff = BlockSession(workbench, "cara", TWO_BLOCKS, 1)
    assert staff.post("staff/revoke", json.dumps({"user": "rosa", "reason": "Erreur de saisie"})).status_code == 200

    learner = BlockSession(workbench, "rosa", TWO_BLOCKS, 1)
    response = learner.get("download")
    assert response.status_code == 410
    assert response.headers["Content-Type"].startswith("text/html")
    page.goto(learner.handler_url("download"))
    assert page.get_attribute("html", "lang") == "fr"
    assert page.get_by_role("heading", level=1).inner_text() == "Certificate of Distinction"
    assert page.get_by_role("alert").inner_text().startswith("Ce certificat a été révoqué le ")
    assert page.get_by_role("link", name="Retour au cours").count() == 1
    assert violations(page) == []
    # The other block's certificate, never issued to her, still answers as before.
    assert BlockSession(workbench, "rosa", TWO_BLOCKS, 0).get("download").status_code == 404
