"""The block as people use it, in headless Chromium: a learner's click, an author's save."""
from __future__ import annotations

import json
import re

from tests.pdf import pdf_text

from .helpers import add_learner, certificates_of, rows


def test_learner_clicks_get_my_certificate_and_downloads_the_pdf(workbench, page):
    add_learner(workbench, "clicker", "Małgorzata Kowalska", percent=0.93, letter="A")
    page.goto(workbench.url("/scenario/cert_xblock.0/?student=clicker"))
    button = page.get_by_role("button", name="Get my certificate")
    button.click()
    download_link = page.get_by_role("link", name="Download certificate (PDF)")
    download_link.wait_for(state="visible")
    assert page.locator(".cert-xblock__message").inner_text() == "Your certificate is ready."
    after_click = page.locator(".cert-xblock").inner_text()
    assert page.get_by_role("button", name="Get my certificate").count() == 0

    [(verify_id, *_)] = certificates_of(workbench, "clicker")
    verify_link = page.get_by_role("link", name="Public verification link")
    assert verify_link.get_attribute("href") == f"{workbench.base}/certificates/verify/{verify_id}"
    assert re.fullmatch(r"[0-9A-Z]{5}-[0-9A-Z]{5}", page.locator(".cert-xblock__code").inner_text())

    with page.expect_download() as download_info:
        download_link.click()
    download = download_info.value
    assert download.suggested_filename == (
        "Certificates-101-Open-Learning-in-Practice-Małgorzata-Kowalska-certificate.pdf")
    text = pdf_text(download.path().read_bytes())
    assert "Małgorzata Kowalska" in text

    page.reload()  # the issued state survives a reload, without a click, and reads the same
    assert page.get_by_role("link", name="Download certificate (PDF)").is_visible()
    assert page.locator(".cert-xblock").inner_text() == after_click


def test_learner_below_the_bar_sees_their_progress_and_no_button(workbench, page):
    page.goto(workbench.url("/scenario/cert_xblock.0/?student=ben"))
    assert page.locator(".cert-xblock__message").inner_text() == (
        "You need a passing grade of 70% to earn this certificate; you have 64%. 6% to go.")
    assert page.get_by_role("button", name="Get my certificate").count() == 0


def _studio(page, workbench):
    page.goto(workbench.url("/scenario/cert_xblock.3/studio_view/?student=staff"))
    return page


def _field(page, label: str):
    return page.locator("li.field").filter(has=page.locator(f"label:text-is('{label}')")).locator(
        "input, select, textarea").first


def test_author_saves_valid_settings_in_studio(workbench, page):
    _studio(page, workbench)
    _field(page, "Certificate title").fill("Certificate of Excellence")
    _field(page, "Minimum percentage").fill("65")
    page.locator(".save-button").click()
    status = page.locator(".cert-xblock-studio__status")
    status.filter(has_text="Saved.").wait_for()
    [(stored,)] = rows(workbench, "SELECT settings FROM cert_xblock_certificateblockconfig WHERE block_id LIKE ?",
                       "%sandbox%")
    assert json.loads(stored)["certificate_title"] == "Certificate of Excellence", "the batch's copy follows the save"
    preview = page.locator(".cert-xblock-studio__preview-frame")
    refreshed = preview.get_attribute("data")
    assert "at=" in refreshed, "the sample is fetched again after a save"
    sample = page.request.get(workbench.url(refreshed))
    assert sample.headers["content-type"] == "application/pdf"
    assert "Certificate of Excellence" in pdf_text(sample.body())
    _studio(page, workbench)
    assert _field(page, "Certificate title").input_value() == "Certificate of Excellence"
    assert float(_field(page, "Minimum percentage").input_value()) == 65


def test_author_is_refused_an_invalid_minimum_with_the_field_named(workbench, page):
    _studio(page, workbench)
    before = _field(page, "Minimum percentage").input_value()
    _field(page, "Minimum percentage").fill("150")
    _field(page, "Accent colour").fill("blue")
    page.locator(".save-button").click()
    status = page.locator(".cert-xblock-studio__status.is-error")
    status.wait_for()
    message = status.inner_text()
    assert "Minimum percentage: The minimum grade must be a percentage between 0 and 100." in message
    assert "Accent colour: Enter the accent colour as #RRGGBB." in message
    _studio(page, workbench)
    assert _field(page, "Minimum percentage").input_value() == before, "nothing was saved"
